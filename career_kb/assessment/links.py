"""Web addresses of a student's quiz chart and printable plan, and the signed tokens in them.

The web widget shows images and opens links only by web address, so the chart (PNG) and the plan
(PDF) are served by the Rasa server (:mod:`bot.plan_files`) under ``PUBLIC_URL``. A token names the
student's pseudonymous id and when it expires, signed with a key derived from the student-id secret
(HMAC-SHA256): it cannot be forged or stretched, and it stops working after :data:`TTL_SECONDS`.
The files hold no name or contact detail (see :mod:`career_kb.assessment.export`).
"""

from __future__ import annotations

import hashlib
import hmac
import re

from career_kb import settings, students

#: How long a link works (seconds).
TTL_SECONDS = 3600
_TOKEN = re.compile(r"^([0-9a-f]{64})\.(\d{1,12})\.([0-9a-f]{32})$")


def _key() -> bytes:
    return hmac.new(students.student_id_secret(), b"career-plan-files", hashlib.sha256).digest()


def _signature(student_id: str, expires: int) -> str:
    return hmac.new(_key(), f"{student_id}.{expires}".encode(), hashlib.sha256).hexdigest()[:32]


def make_token(student_id: str, now: float, ttl: int = TTL_SECONDS) -> str:
    """A token for ``student_id`` (64 hex characters) valid until ``now + ttl`` (Unix seconds)."""
    if not re.fullmatch(r"[0-9a-f]{64}", student_id):
        raise ValueError("student_id must be a pseudonymous id (64 hex characters)")
    expires = int(now) + ttl
    return f"{student_id}.{expires}.{_signature(student_id, expires)}"


def read_token(token: str, now: float) -> str | None:
    """The student id of a valid, unexpired token; None for anything else."""
    found = _TOKEN.match(token or "")
    if not found:
        return None
    student_id, expires = found.group(1), int(found.group(2))
    if expires < now or not hmac.compare_digest(found.group(3), _signature(student_id, expires)):
        return None
    return student_id


def chart_url(student_id: str, now: float) -> str:
    """The address of the student's quiz chart (PNG)."""
    return f"{settings.get().public_url}/webhooks/plan/chart/{make_token(student_id, now)}.png"


def sheet_url(student_id: str, now: float) -> str:
    """The address of the student's printable plan (PDF)."""
    return f"{settings.get().public_url}/webhooks/plan/sheet/{make_token(student_id, now)}.pdf"
