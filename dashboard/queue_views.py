"""The queue, a ticket (claim, note, reply, resolve), its transcript and the student's profile."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from career_kb.counselor import audit, outbox, profiles, tickets
from career_kb.counselor.transcripts import transcript
from dashboard.app import account, kb_session, login_required_role, slack_sender, tracker_engine
from dashboard.delivery import push_pending
from dashboard.forms import ActionForm, NoteForm, ReplyForm

blueprint = Blueprint("queue", __name__)


@blueprint.route("/")
@login_required_role()
def queue() -> str:
    """Open and claimed tickets of the district: most urgent first, then oldest."""
    with kb_session() as session:
        items = tickets.queue(session, account())
    return render_template("queue.html", tickets=items)


def _ticket_or_404(session, ticket_id: int) -> tickets.TicketInfo:
    try:
        return tickets.get_ticket(session, ticket_id, account())
    except tickets.TicketError:
        abort(404)


@blueprint.route("/tickets/<int:ticket_id>")
@login_required_role()
def ticket(ticket_id: int) -> str:
    """One ticket: summary, notes, replies, and the forms to act on it."""
    with kb_session() as session:
        info = _ticket_or_404(session, ticket_id)
        push_pending(session, info.id, slack_sender())  # a reply that could not be sent before
        replies = outbox.replies_for_ticket(session, info.id)
    return render_template(
        "ticket.html", ticket=info, replies=replies, action=ActionForm(), note=NoteForm(), reply=ReplyForm()
    )


def _change(ticket_id: int, what: str) -> Response:
    form = NoteForm() if what == "note" else ReplyForm() if what == "reply" else ActionForm()
    if not form.validate_on_submit():
        flash("Write something first.", "error")
        return redirect(url_for("queue.ticket", ticket_id=ticket_id))
    body = getattr(getattr(form, "body", None), "data", "") or ""
    with kb_session() as session:
        _ticket_or_404(session, ticket_id)
        try:
            if what == "claim":
                tickets.claim(session, ticket_id, account())
            elif what == "resolve":
                tickets.resolve(session, ticket_id, account())
            elif what == "note":
                tickets.add_note(session, ticket_id, account(), body)
            else:
                outbox.queue_reply(session, ticket_id, account(), body)
                push_pending(session, ticket_id, slack_sender())
        except tickets.TicketError as exc:
            flash(str(exc), "error")
            return redirect(url_for("queue.ticket", ticket_id=ticket_id))
    done = {"claim": "Claimed.", "resolve": "Resolved.", "note": "Note saved.", "reply": "Reply sent."}
    flash(done[what] if what != "reply" else "Reply queued: the student gets it in their chat.", "status")
    return redirect(url_for("queue.ticket", ticket_id=ticket_id))


@blueprint.route("/tickets/<int:ticket_id>/claim", methods=["POST"])
@login_required_role()
def claim(ticket_id: int) -> Response:
    """Take the ticket."""
    return _change(ticket_id, "claim")


@blueprint.route("/tickets/<int:ticket_id>/resolve", methods=["POST"])
@login_required_role()
def resolve(ticket_id: int) -> Response:
    """Mark the ticket resolved."""
    return _change(ticket_id, "resolve")


@blueprint.route("/tickets/<int:ticket_id>/note", methods=["POST"])
@login_required_role()
def note(ticket_id: int) -> Response:
    """Add a note."""
    return _change(ticket_id, "note")


@blueprint.route("/tickets/<int:ticket_id>/reply", methods=["POST"])
@login_required_role()
def reply(ticket_id: int) -> Response:
    """Send the student a reply (through their channel)."""
    return _change(ticket_id, "reply")


@blueprint.route("/tickets/<int:ticket_id>/transcript")
@login_required_role()
def ticket_transcript(ticket_id: int) -> str:
    """The conversation from Rasa's tracker store; the view is written to the audit log."""
    with kb_session() as session:
        info = _ticket_or_404(session, ticket_id)
        audit.record(session, account().id, "view_transcript", f"ticket:{info.id}")
    lines = transcript(tracker_engine(), info.conversation_id)
    return render_template("transcript.html", ticket=info, lines=lines)


@blueprint.route("/tickets/<int:ticket_id>/student")
@login_required_role()
def student(ticket_id: int) -> str:
    """The ticket's student: profile and career plan (audited)."""
    with kb_session() as session:
        info = _ticket_or_404(session, ticket_id)
        card = profiles.student_card(session, info.student_id)
        audit.record(session, account().id, "view_profile", f"ticket:{info.id}")
    return render_template("student.html", ticket=info, card=card)
