"""Getting a person involved: crisis resources (safety first) and the hand-off to a school counselor.

``action_safety_response`` never touches the knowledge base before it has sent the crisis resources,
so a database problem can never delay or hide them.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import kb
from actions.context import slot
from actions.formatting import button, named_button
from actions.wording import say
from career_kb.answers import profile

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


class ActionHandoffCounselor(kb.KBAction):
    """How to reach a counselor: the student's school counseling office, or general guidance."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_handoff_counselor"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Tell the student where and how to reach a counselor; never blocks on a missing profile."""
        school = await kb.call(profile.counselor_school, slot(tracker, "school_id"))
        lines = [say("counselor.intro")]
        if school is not None and school.counselor_office:
            lines.append(say("counselor.office", school=school.name, office=school.counselor_office))
        elif school is not None:
            lines.append(say("counselor.at_school", school=school.name))
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
        return []
