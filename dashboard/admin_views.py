"""Admins only: the district's staff accounts and the audit log."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from career_kb.counselor import audit, staff
from dashboard.app import account, kb_session, login_required_role
from dashboard.forms import ActionForm, StaffForm

blueprint = Blueprint("admin", __name__)


@blueprint.route("/staff", methods=["GET", "POST"])
@login_required_role("admin")
def staff_list() -> str | Response:
    """The district's accounts, and a form for a new one."""
    form = StaffForm()
    if form.validate_on_submit():
        try:
            with kb_session() as session:
                made = staff.create_staff(
                    session, account().district_id, form.username.data or "", form.password.data or "", form.role.data
                )
        except staff.StaffError as exc:
            flash(str(exc), "error")
        else:
            flash(f"Account {made.username} created.", "status")
            return redirect(url_for("admin.staff_list"))
    with kb_session() as session:
        accounts = staff.list_staff(session, account().district_id)
    return render_template("staff.html", form=form, accounts=accounts, action=ActionForm())


@blueprint.route("/staff/<int:staff_id>/toggle", methods=["POST"])
@login_required_role("admin")
def staff_toggle(staff_id: int) -> Response:
    """Disable an active account or enable a disabled one (not one's own)."""
    ActionForm()
    if staff_id == account().id:
        flash("You cannot disable your own account.", "error")
        return redirect(url_for("admin.staff_list"))
    try:
        with kb_session() as session:
            current = staff.get_staff(session, staff_id)
            changed = staff.set_active(session, account().district_id, staff_id, not (current and current.active))
            audit.record(session, account().id, "staff_toggle", f"staff:{staff_id}")
    except staff.StaffError as exc:
        flash(str(exc), "error")
    else:
        flash(f"Account {changed.username} {'enabled' if changed.active else 'disabled'}.", "status")
    return redirect(url_for("admin.staff_list"))


@blueprint.route("/audit")
@login_required_role("admin")
def audit_log() -> str:
    """Who viewed which transcript and changed what, newest first."""
    with kb_session() as session:
        entries = audit.recent(session, account().district_id)
    return render_template("audit.html", entries=entries)
