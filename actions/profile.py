"""The student's remembered profile and career plan: load at session start, update, save, show, delete.

Only grade, school, ZIP/state, an interest code and the interest words a student typed are kept,
under a pseudonymous id (see :mod:`career_kb.students`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, FollowupAction, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import kb
from actions.context import asked_for_location, current_grade, entity, latest_text, parse_grade, parse_zip, slot, snippet
from actions.formatting import bullets, button, general_buttons
from career_kb import queries, students

log = logging.getLogger(__name__)

#: Slots that hold what the student told us about themselves.
PROFILE_SLOTS = ("grade", "school_id", "zip", "state", "riasec_code")

#: Actions that may be resumed after a profile question (``pending_action``).
RESUMABLE_ACTIONS = frozenset({
    "action_pay", "action_careers_for_interests", "action_cte_programs", "action_wbl", "action_partners",
    "action_events", "action_next_step", "action_postsecondary_options", "action_handoff_counselor",
})


def _sender_student_id(session, sender_id: str) -> str:
    # Reading the per-install secret is file I/O: it runs in the worker thread with the query.
    return students.student_id_for(sender_id)


def student_id(tracker: Tracker) -> str:
    """The pseudonymous id in the ``student_id`` slot, or computed from the sender id."""
    return slot(tracker, "student_id") or students.student_id_for(tracker.sender_id)


def _load_profile(session, sender_id: str):
    sid = students.student_id_for(sender_id)
    return sid, students.get_profile(session, sid)


def profile_slot_events(profile: students.Profile | None) -> list[dict[str, Any]]:
    """SlotSet events for the remembered fields of a profile."""
    if profile is None:
        return []
    events = []
    if profile.grade is not None:
        events.append(SlotSet("grade", float(profile.grade)))
    for name in ("school_id", "zip", "state", "riasec_code"):
        value = getattr(profile, name)
        if value:
            events.append(SlotSet(name, value))
    return events


class ActionSessionStart(Action):
    """Start a session: carry over the conversation's slots and load the remembered profile."""

    def name(self) -> str:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        """SessionStarted, carried-over slots, profile slots, then ``action_listen``."""
        events: list[dict[str, Any]] = [SessionStarted()]
        events += [SlotSet(k, v) for k, v in (tracker.slots or {}).items() if v is not None and k != "pending_action"]
        try:
            sid, profile = await kb.call(_load_profile, tracker.sender_id)
            events.append(SlotSet("student_id", sid))
            events += profile_slot_events(profile)
        except Exception as exc:  # noqa: BLE001 - a session must start even when the KB is down
            log.error("action %s failed: %s", self.name(), type(exc).__name__)
        events.append(ActionExecuted("action_listen"))
        return events


@dataclass(frozen=True)
class ProfileUpdate:
    """What one message told us, resolved against the KB, and the saved profile."""

    grade: int | None
    school: Any  # SchoolInfo | None
    school_text: str | None
    zip: str | None
    state: str | None
    profile: students.Profile | None


def _apply_update(session, sid: str, grade: int | None, school_text: str | None, zip_code: str | None) -> ProfileUpdate:
    school = queries.find_school(session, school_text) if school_text else None
    state = None
    if school is not None:
        zip_code = zip_code or school.zip
    if zip_code:
        state = queries.state_for_zip(session, zip_code)
    fields: dict[str, Any] = {}
    if grade is not None:
        fields["grade"] = grade
    if school is not None:
        fields["school_id"] = school.school_id
    if zip_code:
        fields["zip"] = zip_code
        fields["state"] = state
    profile = students.upsert_profile(session, sid, **fields) if fields else None
    return ProfileUpdate(grade, school, school_text, zip_code, state, profile)


def _grade_in_text(text: str) -> int | None:
    """A grade said in plain words ("I'm a junior", "9th grade", "grade 7"), when NLU found none."""
    lowered = text.lower()
    if any(w in lowered for w in ("grade", "th ", "freshman", "sophomore", "junior", "senior")) or lowered.strip().isdigit():
        return parse_grade(lowered if not parse_zip(lowered) else None)
    return None


class ActionUpdateProfile(kb.KBAction):
    """Save grade, school or ZIP from the student's answer, then resume the pending action."""

    def name(self) -> str:
        return "action_update_profile"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        """Parse the answer, save it, acknowledge it and follow up with ``pending_action``."""
        text = latest_text(tracker)
        grade = parse_grade(entity(tracker, "grade")) or _grade_in_text(text)
        zip_code = parse_zip(entity(tracker, "zip")) or parse_zip(text)
        school_text = entity(tracker, "school")
        pending = slot(tracker, "pending_action")
        if grade is None and zip_code is None and school_text is None:
            dispatcher.utter_message(
                text="Sorry, I didn't catch that. You can tell me your grade (6-12), your school's name, "
                     "or your 5-digit ZIP code.",
                buttons=[button(f"{g}th grade", "inform", grade=str(g)) for g in (6, 8, 9, 11)],
            )
            return []
        sid = student_id(tracker)
        update = await kb.call(_apply_update, sid, grade, school_text, zip_code)

        events: list[dict[str, Any]] = [SlotSet("student_id", sid)]
        said = []
        if grade is not None:
            events.append(SlotSet("grade", float(grade)))
            said.append(f"you're in {grade}th grade")
        if update.school is not None:
            events.append(SlotSet("school_id", update.school.school_id))
            said.append(f"you go to {update.school.name}")
        if update.zip:
            events += [SlotSet("zip", update.zip), SlotSet("state", update.state)]
            if update.school is None:
                said.append(f"your ZIP code is {update.zip}")
        if school_text and update.school is None:
            dispatcher.utter_message(
                text="I couldn't find that school in my list, so I can't show its programs yet. "
                     "Your ZIP code works too: I'll show what's near you.",
            )
        if said:
            message = "Thanks! I'll remember that " + " and ".join(said) + "."
            if pending in RESUMABLE_ACTIONS:
                dispatcher.utter_message(text=message)
            else:
                dispatcher.utter_message(
                    text=message + " You can ask me to forget it any time (\"delete my data\").",
                    buttons=general_buttons(),
                )
        if pending in RESUMABLE_ACTIONS and (said or update.zip):
            events += [SlotSet("pending_action", None), FollowupAction(pending)]
        return events


def _school_choices(session, grade: int | None):
    return queries.school_choices(session, grade)


class ActionFallback(kb.KBAction):
    """A message the NLU could not understand (``nlu_fallback``).

    Right after "which school do you go to?" it is most likely a school the KB doesn't know: say so
    honestly, quoting only a short sanitized snippet, and offer the district's schools and the ZIP
    option again (``pending_action`` stays set, so the next answer still resumes the question's
    action). Otherwise it sends ``utter_default``.
    """

    def name(self) -> str:
        return "action_fallback"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        """Re-ask the school question after an unknown school; the generic fallback otherwise."""
        if not asked_for_location(tracker):
            dispatcher.utter_message(response="utter_default")
            return []
        said = snippet(latest_text(tracker))
        if said and len(said.split()) <= 6:
            lead = f"I don't know a school called \"{said}\" in this district."
        else:
            lead = "I couldn't match that to a school in this district."
        schools = await kb.call(_school_choices, current_grade(tracker))
        dispatcher.utter_message(
            text=lead + " Pick your school below, or type your 5-digit ZIP code instead "
                        "and I'll show what's near you.",
            buttons=[button(s.name, "inform", school=s.name) for s in schools[:8]],
        )
        return []


def _resolve_for_plan(session, code: str):
    return queries.occupation_details(session, code)


def _save(session, sid: str, code: str, title: str):
    return students.add_plan_item(session, sid, "career", code, title)


class ActionSaveToPlan(kb.KBAction):
    """Save the current occupation to the student's career plan."""

    def name(self) -> str:
        return "action_save_to_plan"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        """Save the occupation in the button payload or the conversation; say what was saved."""
        code = entity(tracker, "occupation_code") or slot(tracker, "occupation_code")
        if not code:
            dispatcher.utter_message(
                text="Let's find a career to save first. Ask me about one (like \"what does an electrician do?\") "
                     "or find some that fit what you like.",
                buttons=general_buttons(3),
            )
            return []
        details = await kb.call(_resolve_for_plan, code)
        if details is None:
            dispatcher.utter_message(text="I couldn't find that career anymore, so I didn't save it.",
                                     buttons=general_buttons(3))
            return []
        sid = student_id(tracker)
        _, created = await kb.call(_save, sid, details.onet_code, details.title)
        verb = "Saved" if created else "Already saved"
        dispatcher.utter_message(
            text=f"{verb}: {details.title} is in your career plan. Your counselor can go over it with you.",
            buttons=[button("Show my career plan", "show_plan"), button("What should I do next?", "ask_next_step"),
                     button("How to get there", "ask_pathway", occupation_code=details.onet_code),
                     button("Similar careers", "ask_similar", occupation_code=details.onet_code)],
        )
        return [SlotSet("student_id", sid), SlotSet("occupation_code", details.onet_code),
                SlotSet("occupation_title", details.title)]


class ActionShowPlan(kb.KBAction):
    """Show what the student saved in their career plan."""

    def name(self) -> str:
        return "action_show_plan"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        """List the saved items with buttons to look at each saved career."""
        sid = student_id(tracker)
        items = await kb.call(students.list_plan_items, sid)
        if not items:
            dispatcher.utter_message(
                text="Your career plan is empty so far. When you find a career you like, tap \"Save to my plan\".",
                buttons=general_buttons(3),
            )
            return []
        lines = [(item.note or item.ref or item.kind) + ("" if item.kind == "career" else f" ({item.kind})") for item in items]
        careers = [i for i in items if i.kind == "career" and i.ref]
        buttons = [button(f"About: {i.note or i.ref}", "ask_occupation_info", occupation_code=i.ref) for i in careers[:3]]
        buttons += [button("What should I do next?", "ask_next_step"), button("Talk to a counselor", "request_counselor")]
        dispatcher.utter_message(text="Here's your career plan:\n" + bullets(lines), buttons=buttons)
        return [SlotSet("student_id", sid)]


class ActionDeleteMyData(kb.KBAction):
    """Delete everything remembered about the student (profile and plan) and confirm it."""

    def name(self) -> str:
        return "action_delete_my_data"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        """Delete the profile and plan, clear the profile slots, confirm."""
        sid = student_id(tracker)
        await kb.call(students.delete_student, sid)
        dispatcher.utter_message(
            text="Done. I've deleted what I remembered about you: your grade, school, ZIP code, interests and "
                 "career plan. If you chat again, I'll start fresh.",
            buttons=general_buttons(3),
        )
        resets = [SlotSet(name, None) for name in PROFILE_SLOTS + ("pending_action", "occupation_code",
                                                                    "occupation_title", "cluster_id", "last_topic")]
        return resets
