"""Questions about one occupation: what it is, pay, outlook, how to get there, skills, similar careers,
and college vs trade school vs apprenticeship vs military vs work.

Each action reads which occupation the message names (a button's ``occupation_code``, the
``occupation`` entity, the words of the message, or the one the conversation is about), asks
:func:`career_kb.answers.lookup.find_occupation`, and renders the answer. An unclear name gets
candidate buttons; a job the KB doesn't know gets an honest answer with the closest matches.
"""

from __future__ import annotations

from abc import abstractmethod

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import kb, render
from actions.comparing import comparison_reply
from actions.context import current_state, entity, latest_text, said_state, slot, snippet, text_without_entity
from actions.dialogue_state import last_offered, pick_from
from actions.formatting import (
    bullets,
    button,
    cite,
    dedupe_buttons,
    general_buttons,
    join_words,
    named_button,
    occupation_buttons,
)
from actions.wording import say
from career_kb import queries
from career_kb.answers import topics
from career_kb.answers.edges import match_edge, quotable
from career_kb.answers.lookup import CANDIDATE_BUTTONS, Lookup, find_occupation
from career_kb.answers.routes import asked_first, routes
from career_kb.vocabulary import POSTSECONDARY_OPTIONS, parse_postsecondary_option

#: Occupations offered when the student names none.
EXAMPLE_OCCUPATIONS = (
    ("examples.nurse", "29-1141.00"),
    ("examples.electrician", "47-2111.00"),
    ("examples.software_developer", "15-1252.00"),
)


def occupation_events(details: queries.OccupationDetails, topic: str | None) -> list[EventType]:
    """Slots that make follow-ups ("what about the pay?") work."""
    events = [SlotSet("occupation_code", details.onet_code), SlotSet("occupation_title", details.title)]
    if details.clusters:
        events.append(SlotSet("cluster_id", details.clusters[0].cluster_id))
    if topic:
        events.append(SlotSet("last_topic", topic))
    return events


def say_unclear(dispatcher: CollectingDispatcher, lookup: Lookup, intent: str, said: str | None = None) -> None:
    """Candidate buttons for an unclear name, or an honest "I don't know that one" with the closest matches.

    ``said``, the student's message, keeps a name read from a whole sentence or a pasted resume from
    being quoted back as a job (:func:`career_kb.answers.edges.quotable`)."""
    if lookup.status == "ambiguous" and lookup.candidates and not lookup.from_text:
        buttons = [button(c.title, intent, occupation_code=c.onet_code) for c in lookup.candidates[:CANDIDATE_BUTTONS]]
        dispatcher.utter_message(
            text=say("lookup.ambiguous", query=lookup.query),
            buttons=buttons + [named_button("none_of_these", "ask_careers_for_interests")],
        )
        return
    if lookup.status == "none":
        examples = [button(say(key), intent, occupation_code=code) for key, code in EXAMPLE_OCCUPATIONS]
        dispatcher.utter_message(text=say("lookup.which"), buttons=examples + general_buttons(2))
        return
    quoted = lookup.query and quotable(lookup.query, said if lookup.from_text else None)
    what = say("lookup.quoted", query=lookup.query) if quoted else say("lookup.that_job")
    closest = lookup.closest
    dispatcher.utter_message(
        text=say("lookup.unknown_closest" if closest else "lookup.unknown", what=what),
        buttons=[button(c.title, intent, occupation_code=c.onet_code) for c in closest] + general_buttons(2),
    )


async def lookup_in_message(
    tracker: Tracker,
    code: str | None = None,
    name: str | None = None,
    text: str | None = None,
    use_remembered: bool = True,
) -> Lookup:
    """Find the occupation the student means (see :func:`career_kb.answers.lookup.find_occupation`)."""
    if code is None and name is None:
        code, name = entity(tracker, "occupation_code"), entity(tracker, "occupation")
    if code is None and name is None:
        code = picked_occupation(tracker)  # "the second one", "that last one": from the list just offered
    if text is None:
        text = "" if code else latest_text(tracker)  # with a name, the text can sharpen a generic one
    remembered = slot(tracker, "occupation_code") if use_remembered else None
    return await kb.call(find_occupation, code, name, text, remembered, current_state(tracker))


def picked_occupation(tracker: Tracker) -> str | None:
    """The occupation a message points at in the list just offered ("the first one"), or None."""
    picked = pick_from(latest_text(tracker), last_offered(tracker.events))
    subject = picked.subject if picked else None
    return subject.key if subject is not None and subject.kind == "occupation" else None


async def edge_note(d: queries.OccupationDetails, asked: str | None) -> str:
    """A heads-up when ``d`` is an "All Other" group or broader than the name asked about, else ""."""
    edge = await kb.call(match_edge, d, asked)
    what = say("lookup.quoted", query=snippet(asked)) if asked else ""
    if edge.all_other:
        return (
            say("lookup.all_other", asked=what, title=d.title) if what else say("lookup.all_other_plain", title=d.title)
        )
    if edge.broader and what:
        return say("lookup.broader", asked=what, title=d.title)
    return ""


class OccupationAction(kb.TopicAction):
    """Base: find the occupation, render a topic, end with next-step buttons, remember the context."""

    topic = "info"

    @abstractmethod
    def name(self) -> str:
        """The action's name in domain.yml (the topic's action in :mod:`career_kb.answers.topics`)."""

    def render(self, d: queries.OccupationDetails, tracker: Tracker) -> str:
        """The answer's text."""
        return render.info(d)

    async def compared(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, code: str | None, name: str | None
    ) -> bool:
        """Answer a message that compares two jobs, two routes or two states (:mod:`actions.comparing`)."""
        reply = await comparison_reply(tracker, code, name or entity(tracker, "occupation"))
        if reply is not None:
            dispatcher.utter_message(text=reply[0], buttons=reply[1])
        return reply is not None

    def buttons(self, d: queries.OccupationDetails) -> list[dict[str, str]]:
        """Next-step buttons after the answer."""
        return occupation_buttons(d.onet_code, exclude=self.topic)

    async def lookup(self, tracker: Tracker, code: str | None = None, name: str | None = None) -> Lookup:
        """Find the occupation the student means."""
        return await lookup_in_message(tracker, code, name)

    async def answer(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
        code: str | None = None,
        name: str | None = None,
    ) -> list[EventType]:
        """Look the occupation up, then answer or ask which one (both, when the message compares two)."""
        if await self.compared(dispatcher, tracker, code, name):
            return []
        found = await self.lookup(tracker, code, name)
        if found.details is None:
            say_unclear(dispatcher, found, topics.BY_NAME[self.topic].intent, latest_text(tracker))
            return []
        d = found.details
        text = self.render(d, tracker)
        note = await edge_note(d, None if code else name or entity(tracker, "occupation"))
        dispatcher.utter_message(text=f"{note}\n\n{text}" if note else text, buttons=dedupe_buttons(self.buttons(d)))
        return occupation_events(d, self.topic)


class ActionOccupationInfo(OccupationAction):
    """What an occupation does."""

    topic = "info"

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_occupation_info"


class ActionPay(OccupationAction):
    """Pay, national and in the student's state."""

    topic = "pay"

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_pay"

    def render(self, d: queries.OccupationDetails, tracker: Tracker) -> str:
        """National pay and the state's."""
        return render.pay(d, current_state(tracker))

    async def lookup(self, tracker: Tracker, code: str | None = None, name: str | None = None) -> Lookup:
        """As for every topic, but a state's name ("what about in texas?") is not read as a job name."""
        if code is None and name is None and said_state(tracker):
            code, name = entity(tracker, "occupation_code"), entity(tracker, "occupation")
            if not (code or name):
                return await lookup_in_message(tracker, None, None, text_without_entity(tracker, "state"))
        return await super().lookup(tracker, code, name)

    async def answer(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
        code: str | None = None,
        name: str | None = None,
    ) -> list[EventType]:
        """Answer, then remember a state the student named so the next pay answer uses it too."""
        events = await super().answer(dispatcher, tracker, domain, code=code, name=name)
        named = said_state(tracker)
        if named and events:
            events.append(SlotSet("state", named))
        return events


class ActionOutlook(OccupationAction):
    """Job outlook 2024–34."""

    topic = "outlook"

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_outlook"

    def render(self, d: queries.OccupationDetails, tracker: Tracker) -> str:
        """Growth, openings and jobs today."""
        return render.outlook(d)


class ActionPathway(OccupationAction):
    """Education, training, apprenticeship, military and on-the-job routes."""

    topic = "pathway"

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_pathway"

    def render(self, d: queries.OccupationDetails, tracker: Tracker) -> str:
        """Education facts and the routes."""
        return render.pathway(d, routes(d).values())

    def buttons(self, d: queries.OccupationDetails) -> list[dict[str, str]]:
        """College vs trade school first, then the other topics."""
        compare = named_button("compare_routes", "ask_postsecondary_options", occupation_code=d.onet_code)
        return [compare] + occupation_buttons(d.onet_code, exclude=self.topic)


class ActionSkills(OccupationAction):
    """Skills, knowledge and the school subjects that matter."""

    topic = "skills"

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_skills"

    def render(self, d: queries.OccupationDetails, tracker: Tracker) -> str:
        """Skills, knowledge, classes."""
        return render.skills(d)


class ActionSimilar(OccupationAction):
    """Similar careers (O*NET related occupations)."""

    topic = "similar"

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_similar"

    def render(self, d: queries.OccupationDetails, tracker: Tracker) -> str:
        """The related occupations with pay."""
        return render.similar(d)

    def buttons(self, d: queries.OccupationDetails) -> list[dict[str, str]]:
        """A button per related occupation, then a few topics."""
        related = [button(o.title, "ask_occupation_info", occupation_code=o.onet_code) for o in d.related[:3]]
        return related + occupation_buttons(d.onet_code, exclude=self.topic, limit=3)


# --- postsecondary options ----------------------------------------------------------------------


class ActionPostsecondaryOptions(OccupationAction):
    """College vs trade school vs apprenticeship vs military vs work, fitted to the current occupation."""

    topic = "pathway"

    def name(self) -> str:
        """Not a topic of its own (it answers as the pathway topic)."""
        return "action_postsecondary_options"

    async def answer(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
        code: str | None = None,
        name: str | None = None,
    ) -> list[EventType]:
        """The routes for the occupation in the conversation, or a general comparison without one."""
        if await self.compared(dispatcher, tracker, code, name):
            return []
        option = parse_postsecondary_option(entity(tracker, "postsecondary_option"))
        occupation_named = any(entity(tracker, e) for e in ("occupation_code", "occupation"))
        if not (occupation_named or slot(tracker, "occupation_code") or code or name):
            self._general(dispatcher, option)
            return []
        found = await self.lookup(tracker, code, name)
        if found.details is None:
            say_unclear(dispatcher, found, "ask_postsecondary_options")
            return []
        d = found.details
        programs = await kb.call(queries.postsecondary_programs, d.onet_code, 4)
        fits = routes(d)
        lines = [say("postsecondary.heading", title=d.title)]
        p = d.projection
        if p and p.entry_education:
            group = say("pathway.for_group", group=d.outlook_group) if d.outlook_group else ""
            lines.append(say("postsecondary.entry", education=p.entry_education, group=group, cite=cite(p.citation)))
        lines.append(render.route_lines(fits[k] for k in asked_first(option, list(fits))))
        if programs and option in (None, "college", "trade_school"):
            titles = join_words([pr.title for pr in programs])
            lines.append(say("postsecondary.programs", programs=titles, cite=cite(programs[0].citation)))
        buttons = [
            named_button("programs_at_school", "ask_cte_programs", occupation_code=d.onet_code),
            named_button("apprenticeships_near_me", "ask_wbl", opportunity_type="apprenticeship"),
        ]
        dispatcher.utter_message(
            text="\n\n".join(lines),
            buttons=dedupe_buttons(buttons + occupation_buttons(d.onet_code, exclude="pathway", limit=3)),
        )
        return occupation_events(d, self.topic)

    @staticmethod
    def _general(dispatcher: CollectingDispatcher, option: str | None) -> None:
        keys = [option] if option else list(POSTSECONDARY_OPTIONS)
        options = bullets(
            say("routes.line", route=say(f"routes.names.{k}"), text=say(f"routes.general.{k}")) for k in keys
        )
        dispatcher.utter_message(
            text=say("postsecondary.general", options=options),
            buttons=[
                named_button("careers_for_interests", "ask_careers_for_interests"),
                named_button("apprenticeships_near_me", "ask_wbl", opportunity_type="apprenticeship"),
                named_button("programs_at_school", "ask_cte_programs"),
                named_button("counselor", "request_counselor"),
            ],
        )
