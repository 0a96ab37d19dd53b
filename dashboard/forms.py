"""The dashboard's forms (Flask-WTF: each carries a CSRF token, checked on every POST)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from career_kb.counselor.faq import MAX_ANSWER
from career_kb.counselor.outbox import MAX_REPLY
from career_kb.counselor.staff import MIN_PASSWORD_LENGTH
from career_kb.counselor.vocabulary import ROLES


class LoginForm(FlaskForm):
    """Username and password."""

    username = StringField("Username", validators=[DataRequired(), Length(max=60)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])


class ActionForm(FlaskForm):
    """A button that changes something (claim, resolve, sign out): only the CSRF token."""


class NoteForm(FlaskForm):
    """A note on a ticket."""

    body = TextAreaField("Note (only counselors see it)", validators=[DataRequired(), Length(max=5000)])


class ReplyForm(FlaskForm):
    """A reply to the student, delivered in their channel."""

    body = TextAreaField("Reply to the student", validators=[DataRequired(), Length(max=MAX_REPLY)])


class FaqForm(FlaskForm):
    """A stored answer and the questions students ask it by."""

    examples = TextAreaField("Example questions (one per line)", validators=[DataRequired(), Length(max=9000)])
    answer = TextAreaField("Answer", validators=[DataRequired(), Length(max=MAX_ANSWER)])
    active = BooleanField("Use this answer", default=True)


class StaffForm(FlaskForm):
    """A new staff account of the admin's district."""

    username = StringField("Username", validators=[DataRequired(), Length(min=3, max=60)])
    password = PasswordField(
        f"Password (at least {MIN_PASSWORD_LENGTH} characters)",
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
    )
    role = SelectField("Role", choices=[(r, r) for r in ROLES], default="counselor")
