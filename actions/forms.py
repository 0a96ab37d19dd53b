"""The profile form: asking for the grade, the school or a ZIP code when an answer needs them.

An action that needs what the student hasn't told (:data:`career_kb.answers.topics.PROFILE_NEEDS`)
sets ``pending_action`` to itself and hands over to ``profile_form`` (:func:`ask_profile`). Rasa's
form then asks for each missing slot through ``action_ask_grade`` / ``action_ask_school``; the
student's answers fill ``grade``, ``school`` and ``zip`` through the slot mappings in domain.yml
(only for the ``inform`` and ``nlu_fallback`` intents, so a safety message is never taken as an
answer), and ``validate_profile_form`` resolves, saves and acknowledges them and names the next
slot to request (``requested_slot``). When nothing is missing the form ends and a rule in
data/rules.yml runs the pending action again.

A school the KB doesn't know is said so (quoting only a short, sanitized snippet) and the school
question is asked again with the district's schools and the ZIP option.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import kb
from actions.context import current_grade, latest_text, slot, snippet, student_id
from actions.formatting import button, join_words
from actions.wording import has, say
from career_kb import queries
from career_kb.answers import profile
from career_kb.answers.topics import PROFILE_NEEDS, ProfileNeed
from career_kb.vocabulary import GRADES, parse_grade, parse_zip

log = logging.getLogger(__name__)

#: The form's name in domain.yml.
PROFILE_FORM = "profile_form"
#: The slots the form fills from the student's answers (its ``required_slots`` in domain.yml).
FORM_SLOTS = ("grade", "school", "zip")
#: Most school buttons offered.
MAX_SCHOOL_BUTTONS = 8
#: Quoted back only when the student's unknown school is this short.
MAX_QUOTED_WORDS = 6


def ask_profile(action: str) -> list[EventType]:
    """Hand over to the profile form, remembering which answer waits for it."""
    return [SlotSet("pending_action", action), FollowupAction(PROFILE_FORM)]


def _need(tracker: Tracker) -> ProfileNeed:
    return PROFILE_NEEDS.get(slot(tracker, "pending_action") or "", ProfileNeed(grade=False, place=True))


def missing_slot(need: ProfileNeed, grade: Any, school_id: Any, zip_code: Any) -> str | None:
    """The slot to ask for next: the grade, then the place; None when nothing is missing."""
    if need.grade and parse_grade(grade) is None:
        return "grade"
    if need.place and not (school_id or parse_zip(zip_code)):
        return "school"
    return None


def _answers(tracker: Tracker) -> dict[str, Any]:
    """The form's slots the student's latest message filled (none while the form is being opened)."""
    if (tracker.active_loop or {}).get("name") != PROFILE_FORM:
        return {}
    return {k: v for k, v in tracker.slots_to_validate().items() if k in FORM_SLOTS and v not in (None, "")}


def _acknowledge(update: profile.ProfileUpdate) -> str | None:
    said = []
    if update.grade is not None:
        said.append(say("profile.said_grade", grade=update.grade))
    if update.school is not None:
        said.append(say("profile.said_school", school=update.school.name))
    elif update.zip:
        said.append(say("profile.said_zip", zip=update.zip))
    return say("profile.thanks", said=join_words(said)) if said else None


class ValidateProfileForm(kb.KBAction):
    """``validate_profile_form``: resolve and save the student's answers, then name the next slot to ask."""

    def name(self) -> str:
        """The validation action Rasa's form calls (``validate_<form>``)."""
        return "validate_profile_form"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Events for the answers given and ``requested_slot`` (None: the form is done)."""
        given = _answers(tracker)
        events: list[EventType] = []
        school_id, zip_code, grade = slot(tracker, "school_id"), slot(tracker, "zip"), slot(tracker, "grade")
        if given:
            grade_said = parse_grade(given.get("grade"))
            zip_said = parse_zip(given.get("zip")) or parse_zip(given.get("school"))
            school_text = None if zip_said else given.get("school")
            sid = student_id(tracker)
            update = await kb.call(profile.apply_update, sid, grade_said, school_text, zip_said)
            events += [SlotSet(name, None) for name in FORM_SLOTS if name in given]
            events.append(SlotSet("student_id", sid))
            if grade_said is not None:
                grade = float(grade_said)
                events.append(SlotSet("grade", grade))
            if update.school is not None:
                school_id = update.school.school_id
                events += [SlotSet("school_id", school_id), SlotSet("school", update.school.name)]
            if update.zip:
                zip_code = update.zip
                events += [SlotSet("zip", update.zip), SlotSet("state", update.state)]
            if update.unknown_school and grade_said is None:
                quoted = snippet(latest_text(tracker))
                events.append(SlotSet("unknown_school", quoted if len(quoted.split()) <= MAX_QUOTED_WORDS else ""))
            thanks = _acknowledge(update)
            if thanks:
                dispatcher.utter_message(text=thanks)
        events.append(SlotSet("requested_slot", missing_slot(_need(tracker), grade, school_id, zip_code)))
        return events

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Validate; a failure keeps the form asking (never closes it as an answer would)."""
        try:
            return await self.answer(dispatcher, tracker, domain)
        except Exception as exc:  # noqa: BLE001 - any failure must reach the student as a friendly message
            log.error("action %s failed: %s", self.name(), type(exc).__name__)
            dispatcher.utter_message(text=say("errors.kb_failure"))
            missing = missing_slot(
                _need(tracker), slot(tracker, "grade"), slot(tracker, "school_id"), slot(tracker, "zip")
            )
            return [SlotSet(name, None) for name in FORM_SLOTS] + [SlotSet("requested_slot", missing)]


def _reason(tracker: Tracker, question: str) -> str:
    """Why the question is asked: the waiting answer's reason, else a general one."""
    key = f"profile.reasons.{slot(tracker, 'pending_action')}.{question}"
    return say(key) if has(key) else say(f"profile.reasons.default.{question}")


class ActionAskGrade(Action):
    """``action_ask_grade``: the grade question, with a button per grade."""

    def name(self) -> str:
        """The form asks for ``grade`` through this action."""
        return "action_ask_grade"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Ask for the grade; nothing to look up, so nothing can fail."""
        dispatcher.utter_message(
            text=say("profile.ask_grade", reason=_reason(tracker, "grade")),
            buttons=[button(say("profile.grade_button", grade=g), "inform", grade=str(g)) for g in GRADES],
        )
        return []


class ActionAskSchool(kb.KBAction):
    """``action_ask_school``: which school (a button per school that serves the grade), or a ZIP code."""

    def name(self) -> str:
        """The form asks for ``school`` through this action."""
        return "action_ask_school"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Ask for the school, or ask again after a school the KB doesn't know."""
        schools = await kb.call(queries.school_choices, current_grade(tracker))
        buttons = [button(s.name, "inform", school=s.name) for s in schools[:MAX_SCHOOL_BUTTONS]]
        unknown = tracker.get_slot("unknown_school")  # "" (not None): an answer too long to quote
        if unknown is None:
            dispatcher.utter_message(text=say("profile.ask_school", reason=_reason(tracker, "place")), buttons=buttons)
            return []
        lead = say("profile.unknown_school", school=unknown) if unknown else say("profile.unmatched_school")
        dispatcher.utter_message(text=lead + " " + say("profile.ask_school_again"), buttons=buttons)
        return [SlotSet("unknown_school", None)]

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Ask; a failure still asks (with no buttons), and never closes the form."""
        try:
            return await self.answer(dispatcher, tracker, domain)
        except Exception as exc:  # noqa: BLE001 - the question must reach the student even without the KB
            log.error("action %s failed: %s", self.name(), type(exc).__name__)
            dispatcher.utter_message(text=say("profile.ask_school", reason=_reason(tracker, "place")))
            return []
