"""The one registry of conversation topics: which intent asks about each, which action answers it, and
what an answer needs to know about the student.

``domain.yml`` must agree with it (a test checks): the ``last_topic`` slot's values are the topic
names, and the ``pending_action`` slot's values are the actions in :data:`PROFILE_NEEDS`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """One thing a student can ask about an occupation or what's near them."""

    name: str  # the ``last_topic`` slot's value
    intent: str  # the intent that asks about it (button payloads use it)
    action: str  # the action that answers it
    about_occupation: bool  # answered for one occupation (a follow-up re-asks it for another)
    needs_place: bool  # the answer needs the student's school or ZIP code


TOPICS: tuple[Topic, ...] = (
    Topic("info", "ask_occupation_info", "action_occupation_info", True, False),
    Topic("pay", "ask_pay", "action_pay", True, False),
    Topic("outlook", "ask_outlook", "action_outlook", True, False),
    Topic("pathway", "ask_pathway", "action_pathway", True, False),
    Topic("skills", "ask_skills", "action_skills", True, False),
    Topic("similar", "ask_similar", "action_similar", True, False),
    Topic("programs", "ask_cte_programs", "action_cte_programs", True, True),
    Topic("wbl", "ask_wbl", "action_wbl", False, True),
    Topic("partners", "ask_partners", "action_partners", False, True),
    Topic("events", "ask_events", "action_events", False, True),
)

BY_NAME = {t.name: t for t in TOPICS}
DEFAULT_TOPIC = BY_NAME["info"]

#: The order of the "what else about this job" buttons after an answer about one occupation.
OCCUPATION_BUTTON_ORDER = ("pay", "pathway", "outlook", "skills", "similar", "info", "programs")


def topic(name: str | None) -> Topic:
    """The topic called ``name``; "info" for anything unknown."""
    return BY_NAME.get(name or "", DEFAULT_TOPIC)


@dataclass(frozen=True)
class ProfileNeed:
    """What an answer needs from the student's profile before it can be given."""

    grade: bool
    place: bool


#: Actions that ask for the profile (through the profile form) and answer once it is known.
PROFILE_NEEDS: dict[str, ProfileNeed] = {
    **{t.action: ProfileNeed(grade=False, place=True) for t in TOPICS if t.needs_place},
    "action_next_step": ProfileNeed(grade=True, place=True),
}
