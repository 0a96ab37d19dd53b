"""The district's stored FAQ answers: list, add, edit (counselors and admins; every change audited)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from career_kb.counselor import faq
from dashboard.app import account, kb_session, login_required_role
from dashboard.forms import FaqForm

blueprint = Blueprint("faq", __name__)


@blueprint.route("/faq")
@login_required_role()
def faq_list() -> str:
    """The district's answers, newest change first."""
    with kb_session() as session:
        entries = faq.list_entries(session, account().district_id)
    return render_template("faq_list.html", entries=entries)


@blueprint.route("/faq/new", methods=["GET", "POST"])
@login_required_role()
def faq_new() -> str | Response:
    """Add an answer; students get it on their next matching question."""
    form = FaqForm()
    if form.validate_on_submit():
        try:
            with kb_session() as session:
                entry = faq.add_entry(
                    session, account().district_id, form.examples.data or "", form.answer.data or "", account().id
                )
        except faq.FaqError as exc:
            flash(str(exc), "error")
        else:
            flash("Answer saved. The assistant uses it from now on.", "status")
            return redirect(url_for("faq.faq_edit", entry_id=entry.id))
    return render_template("faq_form.html", form=form, entry=None)


@blueprint.route("/faq/<int:entry_id>", methods=["GET", "POST"])
@login_required_role()
def faq_edit(entry_id: int) -> str | Response:
    """Edit an answer of the district (another district's is not found)."""
    with kb_session() as session:
        try:
            entry = faq.get_entry(session, account().district_id, entry_id)
        except faq.FaqError:
            abort(404)
    form = FaqForm(data={"examples": "\n".join(entry.examples), "answer": entry.answer, "active": entry.active})
    if form.validate_on_submit():
        try:
            with kb_session() as session:
                entry = faq.update_entry(
                    session,
                    account().district_id,
                    entry_id,
                    form.examples.data or "",
                    form.answer.data or "",
                    bool(form.active.data),
                    account().id,
                )
        except faq.FaqError as exc:
            flash(str(exc), "error")
        else:
            flash("Answer updated.", "status")
            return redirect(url_for("faq.faq_edit", entry_id=entry.id))
    return render_template("faq_form.html", form=form, entry=entry)
