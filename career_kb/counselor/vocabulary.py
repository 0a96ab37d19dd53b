"""The counselor side's fixed vocabularies: roles, ticket categories, urgencies, statuses."""

from __future__ import annotations

#: Dashboard roles: a counselor works the queue; an admin also manages accounts and FAQ answers.
ROLES = ("counselor", "admin")

#: Why a ticket was opened → how it is shown to counselors.
CATEGORIES: dict[str, str] = {
    "crisis": "Crisis alert",
    "requested": "Asked for a counselor",
    "not_understood": "Not understood twice",
    "schedule": "Schedule change",
    "transcript": "Transcripts and records",
    "financial_aid": "Financial aid specifics",
    "iep_504": "IEP / 504 plan",
    "personal": "Family or personal problem",
}

#: Urgency levels, highest first (stored as the number).
URGENT, HIGH, NORMAL = 3, 2, 1
URGENCY_NAMES: dict[int, str] = {URGENT: "urgent", HIGH: "high", NORMAL: "normal"}

#: The urgency a category gets unless told otherwise.
DEFAULT_URGENCY: dict[str, int] = {
    "crisis": URGENT,
    "personal": HIGH,
    "requested": NORMAL,
    "not_understood": NORMAL,
    "schedule": NORMAL,
    "transcript": NORMAL,
    "financial_aid": NORMAL,
    "iep_504": NORMAL,
}

#: Ticket statuses, in their order.
STATUSES = ("open", "claimed", "resolved")
