"""Safety first: crisis resources at once (the hand-off to a counselor is in :mod:`actions.handoff`).

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

from actions.formatting import button

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
