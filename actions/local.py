"""What's near the student: CTE programs at their school, work-based learning, partner employers, events.

These answers need to know where the student is (school or ZIP). When neither is known, from this
message or from the profile, the action hands over to the profile form (``profile_form``, see
:mod:`actions.forms`), which asks for the school or a ZIP code; the rules in data/rules.yml run the
action again once the form is done.
"""

from __future__ import annotations

import datetime as dt
from abc import abstractmethod

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import kb, render
from actions.context import current_grade, entity, slot, student_id
from actions.formatting import bullets, dedupe_buttons, named_button
from actions.forms import ask_profile
from actions.wording import say
from career_kb.answers import places
from career_kb.answers.places import ClusterAsk, Place
from career_kb.vocabulary import EVENT_TYPES, WBL_TYPES, parse_opportunity_type, parse_zip

#: Most items listed in one answer.
MAX_ITEMS = 5


def place_events(update: places.ProfileUpdate | None, sid: str | None) -> list[EventType]:
    """Slots for a school or ZIP said in this message (already saved to the profile)."""
    if update is None or not update.saved or not sid:
        return []
    events: list[EventType] = [SlotSet("student_id", sid)]
    if update.school is not None:
        events.append(SlotSet("school_id", update.school.school_id))
    if update.zip:
        events += [SlotSet("zip", update.zip), SlotSet("state", update.state)]
    return events


def sample_note(tracker: Tracker, district: str | None) -> str:
    """Said once per conversation, with the first local answer from a sample district: it is made up."""
    if not district:
        return ""
    note = say("local.sample_note", district=district)
    told = any(e.get("event") == "bot" and note in (e.get("text") or "") for e in tracker.events)
    return "" if told else "\n\n" + note


class LocalAction(kb.TopicAction):
    """Base of answers that need the student's school or ZIP."""

    topic = "programs"

    @abstractmethod
    def name(self) -> str:
        """The action's name in domain.yml (the topic's action in :mod:`career_kb.answers.topics`)."""

    async def answer(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
        code: str | None = None,
        name: str | None = None,
    ) -> list[EventType]:
        """Find where the student is (or ask through the profile form), then :meth:`respond`."""
        grade = current_grade(tracker)
        school_text, zip_code = entity(tracker, "school"), parse_zip(entity(tracker, "zip"))
        sid = student_id(tracker) if (school_text or zip_code) else None
        located = await kb.call(
            places.locate,
            sid,
            school_text,
            zip_code,
            slot(tracker, "school_id"),
            parse_zip(slot(tracker, "zip")),
            grade,
        )
        events = place_events(located.update, sid)
        if located.place is None:
            return events + ask_profile(self.name())
        return events + await self.respond(dispatcher, tracker, located.place, grade, code, name)

    @abstractmethod
    async def respond(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        place: Place,
        grade: int | None,
        code: str | None,
        name: str | None,
    ) -> list[EventType]:
        """Answer for a known place (each subclass)."""


def cluster_ask(tracker: Tracker, code: str | None, name: str | None) -> ClusterAsk:
    """What the message says about a field (the remembered occupation when nothing else is known)."""
    explicit = entity(tracker, "cluster")
    code = code or entity(tracker, "occupation_code")
    name = name or entity(tracker, "occupation")
    remembered = slot(tracker, "cluster_id")
    if not (explicit or code or name) and not remembered:
        code = slot(tracker, "occupation_code")
    return ClusterAsk(explicit, code, name, remembered)


class ActionCtePrograms(LocalAction):
    """CTE programs at or near the student's school, for the occupation or cluster if there is one."""

    topic = "programs"

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_cte_programs"

    async def respond(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        place: Place,
        grade: int | None,
        code: str | None,
        name: str | None,
    ) -> list[EventType]:
        """The programs for what was asked, close-by ones when none fits, or an honest "none listed"."""
        cluster_text = entity(tracker, "cluster")
        remembered_code = None if name or cluster_text else slot(tracker, "occupation_code")
        code = code or entity(tracker, "occupation_code") or remembered_code
        found = await kb.call(
            places.programs_near,
            code,
            name or entity(tracker, "occupation"),
            cluster_text,
            slot(tracker, "cluster_id"),
            place,
            grade,
        )
        subject = found.title or (found.cluster.name if found.cluster else None)
        own = say("local.at_school", school=place.school_name) if place.school_name else say("local.near_you")
        shown = found.found or found.fallback
        if found.found:
            for_what = say("programs.for", subject=subject) if subject else ""
            text = say("programs.found", where=own, subject=for_what)
        elif found.fallback:
            text = say("programs.fallback", where=own, subject=subject or say("programs.that"))
        else:
            text = say("programs.none", where=own, grade=say("programs.for_grade", grade=grade) if grade else "")
        if shown:
            text += "\n" + bullets(render.program_line(p) for p in shown[:MAX_ITEMS])
        if shown and grade and grade <= 8:
            text += "\n\n" + say("programs.middle_school")
        text += sample_note(tracker, found.sample_district)
        buttons = [named_button("wbl", "ask_wbl"), named_button("events", "ask_events")]
        if found.code:
            buttons.insert(0, named_button("how_to_get_there", "ask_pathway", occupation_code=found.code))
        buttons.append(named_button("counselor", "request_counselor"))
        dispatcher.utter_message(text=text, buttons=dedupe_buttons(buttons))
        events: list[EventType] = [SlotSet("last_topic", "programs")]
        if found.cluster:
            events.append(SlotSet("cluster_id", found.cluster.cluster_id))
        return events


class _OpportunityAction(LocalAction):
    types: tuple[str, ...] = ()

    async def respond(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        place: Place,
        grade: int | None,
        code: str | None,
        name: str | None,
    ) -> list[EventType]:
        """Upcoming opportunities of the asked type near the student, in the field when one is known."""
        wanted = parse_opportunity_type(entity(tracker, "opportunity_type"))
        types = [wanted] if wanted in self.types else list(self.types)
        near = await kb.call(
            places.opportunities_near, cluster_ask(tracker, code, name), types, grade, place, dt.date.today()
        )
        what = (
            say(f"opportunities.plurals.{wanted}") if wanted in self.types else say(f"opportunities.kind.{self.topic}")
        )
        values = {
            "what": what,
            "field": say("local.in_field", field=near.cluster_name) if near.cluster_name else "",
            "grade": say("local.for_grade", grade=grade) if grade else "",
        }
        shown = near.found or near.broader
        if near.found:
            text = say("opportunities.found", **values)
        elif near.broader:
            text = say("opportunities.broader", **values)
        else:
            text = say("opportunities.none", **values)
        if shown:
            text += "\n" + bullets(render.opportunity_line(o) for o in shown[:MAX_ITEMS])
        if shown and shown[0].how_to_apply:
            text += "\n\n" + say("opportunities.how_to_apply", how=shown[0].how_to_apply)
        text += sample_note(tracker, near.sample_district)
        dispatcher.utter_message(text=text, buttons=dedupe_buttons(self.next_buttons()))
        events: list[EventType] = [SlotSet("last_topic", self.topic)]
        if near.cluster_id:
            events.append(SlotSet("cluster_id", near.cluster_id))
        return events

    def next_buttons(self) -> list[dict[str, str]]:
        """Next steps after the list."""
        return [
            named_button("programs_at_school", "ask_cte_programs"),
            named_button("partners", "ask_partners"),
            named_button("next_step", "ask_next_step"),
            named_button("counselor", "request_counselor"),
        ]


class ActionWbl(_OpportunityAction):
    """Job shadowing, internships, apprenticeships, pre-apprenticeships and mentoring near the student."""

    topic = "wbl"
    types = WBL_TYPES

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_wbl"

    def next_buttons(self) -> list[dict[str, str]]:
        """Events first, then the common next steps."""
        return [named_button("events", "ask_events")] + super().next_buttons()


class ActionEvents(_OpportunityAction):
    """Career fairs, guest speakers and field trips coming up."""

    topic = "events"
    types = EVENT_TYPES

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_events"

    def next_buttons(self) -> list[dict[str, str]]:
        """Work-based learning first, then the common next steps."""
        return [named_button("wbl", "ask_wbl")] + super().next_buttons()


class ActionPartners(LocalAction):
    """Local employers and organizations that partner with the school."""

    topic = "partners"

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_partners"

    async def respond(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        place: Place,
        grade: int | None,
        code: str | None,
        name: str | None,
    ) -> list[EventType]:
        """Partners near the student, in the field when one is known."""
        otype = parse_opportunity_type(entity(tracker, "opportunity_type"))
        near = await kb.call(places.partners_near, cluster_ask(tracker, code, name), otype, place)
        field = say("local.in_field", field=near.cluster_name) if near.cluster_name else ""
        shown = near.found or near.broader
        if near.found:
            text = say("partners.found", field=field)
        elif near.broader:
            text = say("partners.broader", field=field)
        else:
            text = say("partners.none")
        if shown:
            text += "\n" + bullets(render.partner_line(p) for p in shown[:MAX_ITEMS])
        text += "\n\n" + say("partners.reach_them") + sample_note(tracker, near.sample_district)
        dispatcher.utter_message(
            text=text,
            buttons=dedupe_buttons(
                [
                    named_button("wbl", "ask_wbl"),
                    named_button("events", "ask_events"),
                    named_button("counselor", "request_counselor"),
                ]
            ),
        )
        events: list[EventType] = [SlotSet("last_topic", "partners")]
        if near.cluster_id:
            events.append(SlotSet("cluster_id", near.cluster_id))
        return events
