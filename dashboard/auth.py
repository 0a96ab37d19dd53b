"""Signing in and out (Flask-Login sessions; the password is checked against its hash and never kept)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import login_user, logout_user
from werkzeug.wrappers import Response

from career_kb.counselor import staff
from dashboard.app import User, kb_session, login_required_role
from dashboard.forms import ActionForm, LoginForm

blueprint = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """A same-site path to go back to after signing in (never another host)."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("queue.queue")


@blueprint.route("/health")
def health() -> dict[str, str]:
    """Liveness for ``make run`` (no data, no sign-in)."""
    return {"status": "ok"}


@blueprint.route("/login", methods=["GET", "POST"])
def login() -> str | Response:
    """The sign-in form; a wrong username or password gets one message for both."""
    form = LoginForm()
    if form.validate_on_submit():
        with kb_session() as session:
            found = staff.authenticate(session, form.username.data or "", form.password.data or "")
        if found is not None:
            login_user(User(found))
            return redirect(_safe_next(request.args.get("next")))
        flash("Wrong username or password.", "error")
    return render_template("login.html", form=form)


@blueprint.route("/logout", methods=["POST"])
@login_required_role()
def logout() -> Response:
    """Sign out (a POST with the CSRF token, so another site cannot sign a counselor out)."""
    ActionForm()
    logout_user()
    flash("You are signed out.", "status")
    return redirect(url_for("auth.login"))
