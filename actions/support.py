"""Getting a person involved: crisis resources (safety first) and the hand-off to a school counselor.

``action_safety_response`` never touches the knowledge base before it has sent the crisis resources,
so a database problem can never delay or hide them.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import kb
from actions.context import slot
from actions.formatting import button
from career_kb import queries

log = logging.getLogger(__name__)

#: Sent first, word for word, whenever a message raises a safety concern.
CRISIS_RESOURCES = (
    "I'm really glad you told me. You deserve support right now, and you don't have to handle this alone.\n"
    "• 988 Suicide & Crisis Lifeline: call or text 988 (free, 24/7)\n"
    "• Crisis Text Line: text HOME to 741741\n"
    "• If you or someone else is in danger right now, call 911."
)

COUNSELOR_OFFER = (
    "Would you like help reaching a school counselor? They're trusted adults whose job is to help, "
    "and you can also talk to a parent, teacher or another adult you trust."
)


class ActionSafetyResponse(Action):
    """Crisis resources at once (988, 741741, 911), then the offer to reach a counselor."""

    def name(self) -> str:
        return "action_safety_response"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        """Send the crisis resources first; nothing here can fail before they are sent."""
        dispatcher.utter_message(text=CRISIS_RESOURCES)
        dispatcher.utter_message(
            text=COUNSELOR_OFFER,
            buttons=[
                button("Yes, help me reach a counselor", "request_counselor"),
                button("Not right now", "deny"),
            ],
        )
        # Forget any half-finished profile question: the next thing should be the student's choice.
        return [SlotSet("pending_action", None)]


def _counselor_info(session, school_id: str | None):
    return queries.find_school(session, school_id) if school_id else None


class ActionHandoffCounselor(kb.KBAction):
    """How to reach a counselor: the student's school counseling office, or general guidance."""

    def name(self) -> str:
        return "action_handoff_counselor"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        """Tell the student where and how to reach a counselor; never blocks on a missing profile."""
        school = await kb.call(_counselor_info, slot(tracker, "school_id"))
        lines = ["Talking to a counselor is a great idea. School counselors help with classes, "
                 "career and college plans, and anything that's weighing on you."]
        if school is not None and getattr(school, "counselor_office", None):
            lines.append(f"At {school.name}, you can find the counseling office here: {school.counselor_office}. "
                         "You can drop in before or after school, or ask a teacher for a pass.")
        elif school is not None:
            lines.append(f"At {school.name}, ask at the front office or any teacher to help you set up "
                         "a time with your counselor.")
        else:
            lines.append("Your school's counseling office is the place to go: ask at the front office "
                         "or any teacher, and they'll help you set up a time.")
        lines.append("It helps to bring your questions, or your saved career plan if you have one. "
                     "(Soon I'll also be able to pass a message to a counselor for you.)")
        lines.append("If you ever feel unsafe, call or text 988 any time, or call 911 in an emergency.")
        dispatcher.utter_message(
            text="\n\n".join(lines),
            buttons=[
                button("Show my career plan", "show_plan"),
                button("What should I do next?", "ask_next_step"),
                button("Careers for what I like", "ask_careers_for_interests"),
            ],
        )
        return []
