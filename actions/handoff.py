"""Passing a student on to a person, and the counselors' own FAQ answers (issue 12).

Thin adapters over :mod:`career_kb.answers.handoff`:

* ``action_handoff_counselor`` ("talk to a counselor", or a topic that needs a person: schedule
  changes, transcripts, financial aid specifics, IEP/504, family or personal problems) opens a
  ticket in the counselors' queue and tells the student what happens next and when;
* ``action_faq``, ``action_out_of_scope`` and ``action_not_understood`` first look for an answer
  the student's counselors stored in the dashboard (retrieval over their example questions, no
  retraining), then give the trained FAQ answer, the out-of-scope reply, or "didn't get that";
  a second message in a row that is not understood opens a ``not_understood`` ticket.

The last turns of the conversation go into the ticket's summary for the counselor; they are never
logged.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import kb
from actions.context import latest_text, slot, student_id
from actions.formatting import named_button
from actions.wording import say
from career_kb.answers import handoff

#: What the student is told when a ticket of each category is opened (wording keys).
OPENED = {
    "requested": "handoff.requested",
    "schedule": "handoff.schedule",
    "transcript": "handoff.transcript",
    "financial_aid": "handoff.financial_aid",
    "iep_504": "handoff.iep_504",
    "personal": "handoff.personal",
    "not_understood": "handoff.not_understood",
}
#: The slot holding the number of the last user turn that was not understood.
NOT_UNDERSTOOD_SLOT = "not_understood_turn"
LAST_TURNS = 6


def last_turns(tracker: Tracker, limit: int = LAST_TURNS) -> list[tuple[str, str]]:
    """The conversation's last ``limit`` turns with text, as ``(who, text)`` ("student" / "assistant")."""
    turns: list[tuple[str, str]] = []
    for event in tracker.events:
        text = event.get("text")
        if not text or event.get("event") not in ("user", "bot"):
            continue
        if event.get("event") == "user" and str(text).startswith("/"):
            continue  # a button payload
        turns.append(("student" if event.get("event") == "user" else "assistant", str(text)))
    return turns[-limit:]


def counselor_reply_text(body: str) -> str:
    """A counselor's reply as the student reads it in the chat (the channels deliver it)."""
    return say("handoff.counselor_reply", text=body)


def channel_of(tracker: Tracker) -> str:
    """The channel the student writes from (``rest`` when Rasa does not say)."""
    return tracker.get_latest_input_channel() or "rest"


async def open_ticket(dispatcher: CollectingDispatcher, tracker: Tracker, category: str) -> list[EventType]:
    """Open (or refresh) a ticket of ``category`` and tell the student what happens next and when."""
    sid = student_id(tracker)
    result = await kb.call(
        handoff.hand_off,
        student_id=sid,
        conversation_id=tracker.sender_id,
        channel=channel_of(tracker),
        category=category,
        last_turns=last_turns(tracker),
        school_id=slot(tracker, "school_id"),
    )
    lines = [say("counselor.intro")] if category == "requested" and result.created else []
    if result.created:
        lines += [say(OPENED[category]), say("handoff.when_soon" if result.urgency != "normal" else "handoff.when")]
    else:
        lines.append(say("handoff.already_open"))
    if result.school and result.counselor_office:
        lines.append(say("counselor.office", school=result.school, office=result.counselor_office))
    elif result.school:
        lines.append(say("counselor.at_school", school=result.school))
    else:
        lines.append(say("counselor.no_school"))
    lines += [say("counselor.bring"), say("counselor.unsafe")]
    dispatcher.utter_message(
        text="\n\n".join(lines),
        buttons=[
            named_button("show_plan", "show_plan"),
            named_button("next_step", "ask_next_step"),
            named_button("careers_for_interests", "ask_careers_for_interests"),
        ],
    )
    return [SlotSet("student_id", sid)]


async def stored_answer(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Send the counselors' stored answer to the latest message, if there is one; whether it did."""
    text = latest_text(tracker)
    if not text:
        return False
    match = await kb.call(handoff.stored_answer, student_id(tracker), text)
    if match is None:
        return False
    dispatcher.utter_message(text=f"{match.answer}\n\n{say('handoff.stored_answer_note')}")
    return True


class ActionHandoffCounselor(kb.KBAction):
    """A ticket for the counselors (category from the message, else "asked for a counselor")."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_handoff_counselor"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Open the ticket and say what happens next."""
        category = handoff.topic_needing_person(latest_text(tracker)) or "requested"
        return await open_ticket(dispatcher, tracker, category)


class ActionFaq(kb.KBAction):
    """An FAQ: the counselors' stored answer if one matches, else the trained answer."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_faq"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Stored answer first; then the ResponseSelector's (``utter_faq/<key>``)."""
        if await stored_answer(dispatcher, tracker):
            return []
        dispatcher.utter_message(response=trained_faq_response(tracker.latest_message or {}))
        return []


def trained_faq_response(message: dict[str, Any]) -> str:
    """The response the ResponseSelector chose for the FAQ (``utter_faq/<key>``), or ``utter_default``."""
    selector = (message.get("response_selector") or {}).get("faq") or {}
    action = ((selector.get("response") or {}).get("utter_action")) or ""
    return action if action.startswith("utter_faq/") else "utter_default"


class ActionOutOfScope(kb.KBAction):
    """Outside what the assistant knows: a stored answer, a hand-off for a topic that needs a person,
    else the out-of-scope reply."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_out_of_scope"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Stored answer, hand-off, or ``utter_out_of_scope``."""
        if await stored_answer(dispatcher, tracker):
            return []
        category = handoff.topic_needing_person(latest_text(tracker))
        if category:
            return await open_ticket(dispatcher, tracker, category)
        dispatcher.utter_message(response="utter_out_of_scope")
        return []


def user_turns(tracker: Tracker) -> int:
    """How many messages the student sent in this conversation."""
    return sum(1 for e in tracker.events if e.get("event") == "user")


class ActionNotUnderstood(kb.KBAction):
    """A message the NLU could not place: stored answer, hand-off by topic, or "didn't get that";
    the second in a row opens a ticket."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_not_understood"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Try the stored answers and the topics first, then count the misunderstanding."""
        if await stored_answer(dispatcher, tracker):
            return []
        category = handoff.topic_needing_person(latest_text(tracker))
        if category:
            return await open_ticket(dispatcher, tracker, category)
        turn = user_turns(tracker)
        previous = tracker.get_slot(NOT_UNDERSTOOD_SLOT)
        if previous is not None and int(previous) == turn - 1:
            events = await open_ticket(dispatcher, tracker, "not_understood")
            return [*events, SlotSet(NOT_UNDERSTOOD_SLOT, None)]
        dispatcher.utter_message(response="utter_default")
        return [SlotSet(NOT_UNDERSTOOD_SLOT, float(turn))]
