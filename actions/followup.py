"""Follow-ups naming another occupation: "and for nurses?" answers the last topic again for it."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import kb
from actions.context import entity, latest_text, said_state, slot
from actions.local import ActionCtePrograms, ActionEvents, ActionPartners, ActionWbl
from actions.occupations import (
    ActionOccupationInfo,
    ActionOutlook,
    ActionPathway,
    ActionPay,
    ActionSimilar,
    ActionSkills,
    lookup_in_message,
    say_unclear,
)
from career_kb.answers import topics

#: The action answering each topic (see :data:`career_kb.answers.topics.TOPICS`).
HANDLERS: dict[str, type[kb.TopicAction]] = {
    cls().name(): cls
    for cls in (
        ActionOccupationInfo,
        ActionPay,
        ActionOutlook,
        ActionPathway,
        ActionSkills,
        ActionSimilar,
        ActionCtePrograms,
        ActionWbl,
        ActionPartners,
        ActionEvents,
    )
}


class ActionFollowupOccupation(kb.KBAction):
    """ "And for nurses?": answer the last topic again for the newly named occupation."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_followup_occupation"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Re-run the last topic's action for the occupation in this message."""
        topic = topics.topic(slot(tracker, "last_topic"))
        code, name = entity(tracker, "occupation_code"), entity(tracker, "occupation")
        if not code and not name and said_state(tracker):
            # "and what about massachusetts?" names a state, not a job: the pay there for the same occupation
            return await ActionPay().answer(dispatcher, tracker, domain)
        if not code and not name:
            found = await lookup_in_message(tracker, None, None, latest_text(tracker), use_remembered=False)
            if found.details is None:
                say_unclear(dispatcher, found, topic.intent)
                return []
            code = found.details.onet_code
        handler = HANDLERS[topic.action]()
        return await handler.answer(dispatcher, tracker, domain, code=code, name=name)
