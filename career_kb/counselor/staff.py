"""Staff accounts: counselors and district admins who sign in to the dashboard.

Passwords are hashed with ``werkzeug.security`` (salted scrypt) and only the hash is stored; a
password never appears in a log, an error message or a return value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from career_kb.counselor.vocabulary import ROLES
from career_kb.models import District, StaffAccount

#: Shortest password accepted.
MIN_PASSWORD_LENGTH = 10
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,59}$")
# Checked when the username is unknown, so a wrong username takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password-0")


class StaffError(ValueError):
    """A staff account cannot be created or changed as asked (the message says why)."""


@dataclass(frozen=True)
class Staff:
    """A staff account as the dashboard sees it (never the password hash)."""

    id: int
    district_id: str
    username: str
    role: str
    active: bool

    @property
    def is_admin(self) -> bool:
        """Whether this account may manage accounts and FAQ answers."""
        return self.role == "admin"


def _to_staff(row: StaffAccount) -> Staff:
    return Staff(row.id, row.district_id, row.username, row.role, bool(row.active))


def normalize_username(username: str) -> str:
    """The stored form of a username (trimmed, lower case)."""
    return (username or "").strip().lower()


def check_password(password: str) -> None:
    """Raise :class:`StaffError` for a password too short to accept."""
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise StaffError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")


def create_staff(session: Session, district_id: str, username: str, password: str, role: str = "counselor") -> Staff:
    """Create an account in ``district_id``; raises :class:`StaffError` for bad input or a taken username."""
    name = normalize_username(username)
    if not _USERNAME.match(name):
        raise StaffError("a username is 3-60 letters, digits, dots, dashes or underscores")
    if role not in ROLES:
        raise StaffError(f"the role must be one of: {', '.join(ROLES)}")
    if session.get(District, district_id) is None:
        raise StaffError(f"no district {district_id!r} in the knowledge base")
    check_password(password)
    if session.execute(select(StaffAccount.id).where(StaffAccount.username == name)).first():
        raise StaffError(f"the username {name!r} is taken")
    row = StaffAccount(
        district_id=district_id, username=name, password_hash=generate_password_hash(password), role=role, active=True
    )
    session.add(row)
    session.flush()
    return _to_staff(row)


def authenticate(session: Session, username: str, password: str) -> Staff | None:
    """The active account whose username and password match, else None (same work either way)."""
    row = session.execute(
        select(StaffAccount).where(StaffAccount.username == normalize_username(username))
    ).scalar_one_or_none()
    if row is None:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    if not check_password_hash(row.password_hash, password or "") or not row.active:
        return None
    return _to_staff(row)


def get_staff(session: Session, staff_id: int) -> Staff | None:
    """The account with id ``staff_id`` (None if there is none)."""
    row = session.get(StaffAccount, staff_id)
    return _to_staff(row) if row else None


def list_staff(session: Session, district_id: str) -> list[Staff]:
    """The district's accounts, by username."""
    rows = session.execute(
        select(StaffAccount).where(StaffAccount.district_id == district_id).order_by(StaffAccount.username)
    ).scalars()
    return [_to_staff(r) for r in rows]


def set_active(session: Session, district_id: str, staff_id: int, active: bool) -> Staff:
    """Enable or disable an account of ``district_id`` (another district's account is not found)."""
    row = session.get(StaffAccount, staff_id)
    if row is None or row.district_id != district_id:
        raise StaffError("no such account in this district")
    row.active = active
    session.flush()
    return _to_staff(row)
