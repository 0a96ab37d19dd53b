"""Safety first: the replies to every safety turn, resources first (the hand-off to a counselor is in
:mod:`actions.handoff`).

``action_safety_response`` answers every safety turn (see :mod:`career_kb.answers.safety`): the
category's resources on a crisis, a direct question with the resources on a check-in, and the
replies to "yes", "no" or an unclear answer after either. Its texts are ``safety.*`` in
``actions/wording/en.yml``, in English or Spanish as the message was. The resources are sent before
anything touches the knowledge base, and if even the wording cannot be read, a built-in text with
988, 741741 and 911 is sent, so nothing can hide them. A crisis also writes a counselor alert
(:mod:`career_kb.alerts`) and opens an urgent ticket in the counselors' queue, after the reply is composed;
the alert never holds the student's words.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import kb
from actions.context import slot, student_id
from actions.formatting import button
from actions.handoff import ActionHandoffCounselor, channel_of, last_turns
from actions.wording import WordingError, say
from career_kb import alerts
from career_kb.answers import handoff, safety

log = logging.getLogger(__name__)

#: Sent when the wording file cannot be read: the resources never depend on it.
CRISIS_RESOURCES = (
    "I'm really glad you told me. You deserve support right now, and you don't have to handle this alone.\n"
    "• 988 Suicide & Crisis Lifeline: call or text 988 (free, 24/7)\n"
    "• Crisis Text Line: text HOME to 741741\n"
    "• If you or someone else is in danger right now, call 911."
)


def _button(key: str, lang: str, intent: str) -> dict[str, str]:
    return button(say(f"safety.buttons.{key}.{lang}"), intent)


def _reply(dispatcher: CollectingDispatcher, turn: safety.SafetyTurn) -> None:
    """Send the turn's texts and buttons (the resources always in the first text)."""
    lang, category = turn.lang, turn.category
    if turn.kind == safety.CRISIS:
        dispatcher.utter_message(text=say(f"safety.crisis.{category}.{lang}"))
        dispatcher.utter_message(
            text=say(f"safety.counselor_offer.{lang}"),
            buttons=[_button("counselor", lang, "request_counselor"), _button("no", lang, "deny")],
        )
    elif turn.kind in (safety.CHECK_IN, "unsure"):
        text = say(f"{safety.check_in_key(category)}.{lang}")
        if turn.kind == "unsure":
            text = say(f"safety.unsure.{lang}")
        dispatcher.utter_message(
            text=text,
            buttons=[
                _button("yes", lang, "affirm"),
                _button("no", lang, "deny"),
                _button("counselor", lang, "request_counselor"),
            ],
        )
    elif turn.kind == "fine":
        dispatcher.utter_message(text=say(f"safety.fine.{lang}"), buttons=[_button("careers", lang, "help")])
    else:  # "stay"
        dispatcher.utter_message(
            text=say(f"safety.stay.{lang}"),
            buttons=[_button("help", lang, "safety_concern"), _button("counselor", lang, "request_counselor")],
        )


class ActionSafetyResponse(Action):
    """Every safety turn: crisis resources at once, a check-in, or the answer to yes/no after them."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_safety_response"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        """Send the resources first; nothing here can fail before they are sent."""
        latest = tracker.latest_message or {}
        turn = safety.next_turn(
            (latest.get("intent") or {}).get("name"),
            latest.get("safety"),
            slot(tracker, "safety_level"),
            slot(tracker, "safety_category"),
            slot(tracker, "safety_lang"),
        )
        if turn.kind == "counselor":
            return [*await ActionHandoffCounselor().run(dispatcher, tracker, domain), SlotSet("pending_action", None)]
        try:
            _reply(dispatcher, turn)
        except (WordingError, KeyError, OSError, ValueError) as exc:  # the wording file is broken
            log.error("safety wording unavailable (%s); sending the built-in resources", type(exc).__name__)
            dispatcher.utter_message(text=CRISIS_RESOURCES)
        # Forget any half-finished profile question: the next thing should be the student's choice.
        events: list[dict[str, Any]] = [
            SlotSet("pending_action", None),
            SlotSet("safety_category", turn.category),
            SlotSet("safety_lang", turn.lang),
        ]
        if turn.level is not None:
            events.append(SlotSet("safety_level", turn.level))
        if turn.alert:
            await _record_alert(tracker, turn, latest.get("safety") or {})
        return events


async def _record_alert(tracker: Tracker, turn: safety.SafetyTurn, marked: dict[str, Any]) -> None:
    """Write the counselor alert (the worker sends it); a failure here never touches the reply."""
    grade = slot(tracker, "grade")
    try:
        alert_id = await kb.call(
            alerts.record,
            student_id=student_id(tracker),
            channel=tracker.get_latest_input_channel(),
            category=turn.category,
            rule=marked.get("rule") or (None if marked else "student_confirmed"),
            score=marked.get("score"),
            school_id=slot(tracker, "school_id"),
            grade=int(grade) if grade is not None else None,
        )
    except Exception as exc:  # noqa: BLE001 - the reply is already composed; log the type only
        log.error("safety alert not written: %s", type(exc).__name__)
    else:
        log.info("safety alert #%s written (category %s)", alert_id, turn.category)
    try:
        await kb.call(
            handoff.crisis_ticket,
            student_id=student_id(tracker),
            conversation_id=tracker.sender_id,
            channel=channel_of(tracker),
            last_turns=last_turns(tracker),
        )
    except Exception as exc:  # noqa: BLE001 - the reply is already composed; log the type only
        log.error("urgent ticket not opened: %s", type(exc).__name__)
