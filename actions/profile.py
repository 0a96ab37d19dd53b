"""The student's remembered profile: load at session start, update, delete (with the career plan).

Only grade, school, ZIP/state, an interest code and the interest words a student typed are kept,
under a pseudonymous id (see :mod:`career_kb.students` and :mod:`career_kb.answers.profile`).
Answers to the profile form's questions are handled by :mod:`actions.forms`; this module handles
what a student volunteers outside it ("I'm in 10th grade").
"""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import kb
from actions.context import entity, latest_text, student_id
from actions.formatting import button, general_buttons, join_words, named_button
from actions.wording import say
from career_kb import students
from career_kb.answers import profile
from career_kb.vocabulary import parse_grade, parse_zip

log = logging.getLogger(__name__)

#: Slots a new session does not carry over: the state of an unfinished question.
NOT_CARRIED_OVER = frozenset({"pending_action", "requested_slot", "unknown_school", "school"})
#: Slots "delete my data" clears besides the profile's.
CONVERSATION_SLOTS = ("pending_action", "occupation_code", "occupation_title", "cluster_id", "last_topic")


class ActionSessionStart(Action):
    """Start a session: carry over the conversation's slots and load the remembered profile."""

    def name(self) -> str:
        """Rasa's session-start action, replaced."""
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """SessionStarted, carried-over slots, profile slots, then ``action_listen``."""
        events: list[EventType] = [SessionStarted()]
        events += [
            SlotSet(k, v) for k, v in (tracker.slots or {}).items() if v is not None and k not in NOT_CARRIED_OVER
        ]
        try:
            sid, remembered = await kb.call(profile.load_profile, tracker.sender_id)
            events.append(SlotSet("student_id", sid))
            events += [SlotSet(k, v) for k, v in profile.remembered_values(remembered).items()]
        except Exception as exc:  # noqa: BLE001 - a session must start even when the KB is down
            log.error("action %s failed: %s", self.name(), type(exc).__name__)
        events.append(ActionExecuted("action_listen"))
        return events


class ActionUpdateProfile(kb.KBAction):
    """Save a grade, school or ZIP the student volunteered (outside the profile form) and say so."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_update_profile"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Parse the message, save it, acknowledge it (or say what can be told)."""
        text = latest_text(tracker)
        grade = parse_grade(entity(tracker, "grade")) or profile.grade_in_text(text)
        zip_code = parse_zip(entity(tracker, "zip")) or parse_zip(text)
        school_text = entity(tracker, "school")
        if grade is None and zip_code is None and school_text is None:
            dispatcher.utter_message(
                text=say("profile.not_caught"),
                buttons=[
                    button(say("profile.grade_button_long", grade=g), "inform", grade=str(g)) for g in (6, 8, 9, 11)
                ],
            )
            return []
        sid = student_id(tracker)
        update = await kb.call(profile.apply_update, sid, grade, school_text, zip_code)
        events: list[EventType] = [SlotSet("student_id", sid)]
        said = []
        if grade is not None:
            events.append(SlotSet("grade", float(grade)))
            said.append(say("profile.said_grade", grade=grade))
        if update.school is not None:
            events.append(SlotSet("school_id", update.school.school_id))
            said.append(say("profile.said_school", school=update.school.name))
        if update.zip:
            events += [SlotSet("zip", update.zip), SlotSet("state", update.state)]
            if update.school is None:
                said.append(say("profile.said_zip", zip=update.zip))
        if update.unknown_school:
            dispatcher.utter_message(text=say("profile.school_not_listed"))
        if said:
            dispatcher.utter_message(
                text=say("profile.thanks", said=join_words(said)) + " " + say("profile.can_forget"),
                buttons=general_buttons(),
            )
        return events


def asked_to_confirm_deletion(tracker: Tracker) -> bool:
    """Whether the assistant's latest message was the question "delete everything?"."""
    for event in reversed(tracker.events or []):
        if event.get("event") == "bot":
            return (event.get("text") or "") == say("plan.delete_confirm")
    return False


class ActionDeleteMyData(kb.KBAction):
    """Delete everything remembered about the student, once they confirmed it.

    The first "delete my data" asks; "Yes" (the button, or "delete my data" again) deletes the
    profile, quiz answers and plan and clears ``student_id``, which tells the Rasa server to delete the
    conversation from its tracker store after the turn (bot/security/forget.py).
    """

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_delete_my_data"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Ask first; when confirmed delete the profile and plan, clear the slots, say so."""
        if not asked_to_confirm_deletion(tracker):
            dispatcher.utter_message(
                text=say("plan.delete_confirm"),
                buttons=[named_button("yes_delete", "delete_my_data"), named_button("no_keep", "deny")],
            )
            return []
        sid = student_id(tracker)
        await kb.call(students.delete_student, sid)
        dispatcher.utter_message(text=say("plan.deleted"), buttons=general_buttons(3))
        cleared = profile.PROFILE_FIELDS + CONVERSATION_SLOTS + ("student_id",)
        return [SlotSet(name, None) for name in cleared]
