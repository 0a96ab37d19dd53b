"""What's near the student: CTE programs at their school, work-based learning, partner employers, events.

These answers need to know where the student is (school or ZIP). When neither is known — from this
message or from the profile — the action asks (school buttons, or type a ZIP), sets
``pending_action`` to itself and stops; ``action_update_profile`` resumes it after the answer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import kb
from actions.context import ask_location, current_grade, entity, parse_zip, slot
from actions.formatting import bullets, button, dedupe_buttons, join_words
from actions.profile import _apply_update, student_id
from career_kb import queries, students, vocabulary

#: How far (miles) "near me" reaches.
RADIUS_MILES = 25
#: Most items listed in one answer.
MAX_ITEMS = 5

OPPORTUNITY_LABELS = {
    "job_shadow": "Job shadow",
    "internship": "Internship",
    "apprenticeship": "Apprenticeship",
    "pre_apprenticeship": "Pre-apprenticeship",
    "mentoring": "Mentoring",
    "guest_speaker": "Guest speaker",
    "field_trip": "Field trip",
    "career_fair": "Career fair",
}
#: Plural phrases for lists ("job shadows", "mentoring programs").
OPPORTUNITY_PLURALS = {
    "job_shadow": "job shadows",
    "internship": "internships",
    "apprenticeship": "apprenticeships",
    "pre_apprenticeship": "pre-apprenticeships",
    "mentoring": "mentoring programs",
    "guest_speaker": "guest speakers",
    "field_trip": "field trips",
    "career_fair": "career fairs",
}
WBL_TYPES = tuple(t for t in vocabulary.OPPORTUNITY_TYPES if t not in vocabulary.EVENT_TYPES)


def opportunity_type(tracker: Tracker) -> str | None:
    """The ``opportunity_type`` entity normalised to the KB's names ("job shadowing" → "job_shadow")."""
    value = entity(tracker, "opportunity_type")
    if not value:
        return None
    key = value.lower().strip().replace("-", "_").replace(" ", "_")
    aliases = {"job_shadowing": "job_shadow", "shadowing": "job_shadow", "internships": "internship",
               "apprenticeships": "apprenticeship", "preapprenticeship": "pre_apprenticeship",
               "pre_apprenticeships": "pre_apprenticeship", "mentor": "mentoring", "mentorship": "mentoring",
               "speaker": "guest_speaker", "guest_speakers": "guest_speaker", "field_trips": "field_trip",
               "career_fairs": "career_fair", "job_fair": "career_fair"}
    key = aliases.get(key, key)
    return key if key in vocabulary.OPPORTUNITY_TYPES else None


@dataclass(frozen=True)
class Place:
    """Where the student is: school and/or ZIP, plus events to remember what they just told us."""

    school_id: str | None
    school_name: str | None
    zip: str | None
    events: tuple = ()


def _where(session, sid: str, school_text: str | None, zip_code: str | None, school_id: str | None, grade: int | None):
    """Resolve and remember a school/ZIP said in this message; else use the remembered school."""
    if school_text or zip_code:
        update = _apply_update(session, sid, None, school_text, zip_code)
        school = update.school
        return (school.school_id if school else school_id, school.name if school else None, update.zip, update.state,
                [], True)
    name = None
    if school_id:
        info = queries.find_school(session, school_id)
        name = info.name if info else None
    choices = queries.school_choices(session, grade)
    return school_id, name, None, None, choices, False


async def locate(tracker: Tracker, grade: int | None) -> tuple[Place | None, list]:
    """The student's place, or (None, school choices) when it must be asked."""
    school_text = entity(tracker, "school")
    zip_code = parse_zip(entity(tracker, "zip"))
    school_id = slot(tracker, "school_id")
    remembered_zip = parse_zip(slot(tracker, "zip"))
    sid = student_id(tracker) if (school_text or zip_code) else None
    found_id, name, new_zip, state, choices, saved = await kb.call(
        _where, sid, school_text, zip_code, school_id, grade)
    events = []
    if saved:
        events.append(SlotSet("student_id", sid))
        if found_id:
            events.append(SlotSet("school_id", found_id))
        if new_zip:
            events += [SlotSet("zip", new_zip), SlotSet("state", state)]
    zip_final = new_zip or remembered_zip
    if not found_id and not zip_final:
        return None, choices
    return Place(found_id, name, zip_final, tuple(events)), choices


class LocalAction(kb.KBAction):
    """Base of answers that need the student's school or ZIP."""

    topic = ""
    reason = ""

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict,
                     code: str | None = None, name: str | None = None) -> list[dict[str, Any]]:
        """Find where the student is (or ask), then :meth:`respond`."""
        grade = current_grade(tracker)
        place, choices = await locate(tracker, grade)
        if place is None:
            return ask_location(dispatcher, self.name(), self.reason, choices)
        events = list(place.events)
        events += await self.respond(dispatcher, tracker, place, grade, code, name)
        return events

    async def respond(self, dispatcher, tracker, place: Place, grade, code, name) -> list[dict[str, Any]]:
        """Answer for a known place (each subclass)."""
        raise NotImplementedError


def _when(o: queries.OpportunityInfo) -> str:
    if o.start_date and o.end_date and o.end_date != o.start_date:
        return f"{o.start_date:%b %-d} to {o.end_date:%b %-d, %Y}"
    if o.start_date:
        return f"{o.start_date:%a %b %-d, %Y}"
    return o.season or "dates to be announced"


def opportunity_line(o: queries.OpportunityInfo) -> str:
    """"Job shadow: Hospital job shadow day (Meadowlark Regional Health), Feb 12, 2027, grades 10-12"."""
    who = f" with {o.partner_name}" if o.partner_name else ""
    where = f" at {o.school_name}" if o.school_name else ""
    paid = ", paid" if o.paid else ""
    return f"{OPPORTUNITY_LABELS.get(o.type, o.type)}: {o.title}{who}{where}. {_when(o)}, grades {o.grade_low}-{o.grade_high}{paid}."


# --- CTE programs -------------------------------------------------------------------------------


def _programs(session, code, name, cluster_text, cluster_id, place: Place, grade):
    cluster = queries.find_cluster(session, cluster_text) if cluster_text else None
    if name and not code:
        from career_kb.resolve import resolve_occupation

        res = resolve_occupation(session, name, limit=1)
        code = res.best.onet_code if res.status in ("exact", "confident") else None
    title = None
    if code:
        details = queries.occupation_details(session, code)
        title = details.title if details else None
    cid = cluster.cluster_id if cluster else (None if code else cluster_id)
    found = queries.cte_programs(session, onet_code=code, cluster_id=cid, school_id=place.school_id, zip=place.zip,
                                 grade=grade, radius_miles=RADIUS_MILES)
    fallback = []
    if not found:
        # nothing for what was asked: the student's clusters first (the occupation's, then the one
        # they looked at), then anything near them
        preferred = [] if cluster else _student_clusters(session, code, cluster_id)
        fallback = _programs_preferring(session, preferred, place, grade) if (code or cid or preferred) else []
    return found, fallback, title, code, cluster


def _student_clusters(session, code: str | None, cluster_id: str | None) -> list[str]:
    """The clusters of the student's current occupation, then the cluster they looked at."""
    ids = queries.clusters_for_occupations(session, [code]) if code else []
    if cluster_id:
        ids.append(cluster_id)
    return list(dict.fromkeys(ids))


def _programs_preferring(session, cluster_ids: list[str], place: Place, grade):
    """Programs near the student, those in ``cluster_ids`` first (in that order), then the others."""
    near = queries.cte_programs(session, school_id=place.school_id, zip=place.zip, grade=grade, radius_miles=RADIUS_MILES)
    rank = {cid: i for i, cid in enumerate(cluster_ids)}
    return sorted(near, key=lambda p: rank.get(p.cluster_id, len(rank)))  # stable: distance order kept within each


def program_line(p: queries.ProgramInfo) -> str:
    """One program: name, school, grades, certifications, dual credit."""
    extras = []
    if p.certifications:
        extras.append("certifications: " + join_words(list(p.certifications[:2])))
    if p.dual_credit:
        extras.append("college credit" + (f" with {p.dual_credit_partner}" if p.dual_credit_partner else ""))
    tail = f" ({'; '.join(extras)})" if extras else ""
    return f"{p.name} at {p.school_name}, grades {p.grade_low}-{p.grade_high}{tail}"


class ActionCtePrograms(LocalAction):
    """CTE programs at or near the student's school, for the occupation or cluster if there is one."""

    topic = "programs"
    reason = "show the programs at your school"

    def name(self) -> str:  # noqa: D102
        return "action_cte_programs"

    async def respond(self, dispatcher, tracker, place, grade, code, name):  # noqa: D102
        code = code or entity(tracker, "occupation_code") or (None if name or entity(tracker, "cluster") else slot(tracker, "occupation_code"))
        name = name or entity(tracker, "occupation")
        found, fallback, title, code, cluster = await kb.call(
            _programs, code, name, entity(tracker, "cluster"), slot(tracker, "cluster_id"), place, grade)
        subject = title or (cluster.name if cluster else None)
        own = f"at {place.school_name}" if place.school_name else "near you"
        if found:
            text = (f"CTE programs {own}{' for ' + subject if subject else ''}:\n"
                    + bullets(program_line(p) for p in found[:MAX_ITEMS]))
            shown = found
        elif fallback:
            text = (f"I didn't find a program {own} that leads straight to {subject or 'that'}, but these are close by:\n"
                    + bullets(program_line(p) for p in fallback[:MAX_ITEMS]))
            shown = fallback
        else:
            text = (f"I don't have any CTE programs listed {own}"
                    + (f" for grade {grade}" if grade else "") + ". Your counselor knows what's coming up.")
            shown = []
        if shown and grade and grade <= 8:
            text += "\n\nMost of these start in high school; electives and career events now help you choose."
        buttons = [button("Internships & job shadowing", "ask_wbl"), button("Upcoming events", "ask_events")]
        if code:
            buttons.insert(0, button("How to get there", "ask_pathway", occupation_code=code))
        buttons += [button("Talk to a counselor", "request_counselor")]
        dispatcher.utter_message(text=text, buttons=dedupe_buttons(buttons))
        events = [SlotSet("last_topic", "programs")]
        if cluster:
            events.append(SlotSet("cluster_id", cluster.cluster_id))
        return events


# --- work-based learning, partners, events ------------------------------------------------------


def _cluster_for(session, tracker_cluster: str | None, code: str | None, name: str | None, remembered: str | None):
    if tracker_cluster:
        found = queries.find_cluster(session, tracker_cluster)
        if found:
            return found.cluster_id, found.name
    if code or name:
        from career_kb.resolve import resolve_occupation

        if not code:
            res = resolve_occupation(session, name, limit=1)
            code = res.best.onet_code if res.status in ("exact", "confident") else None
        details = queries.occupation_details(session, code) if code else None
        if details and details.clusters:
            return details.clusters[0].cluster_id, details.clusters[0].cluster_name
    if remembered:
        names = {c.cluster_id: c.name for c in queries.list_clusters(session)}
        return remembered, names.get(remembered)
    return None, None


def _opportunities(session, cluster_args, types, grade, place: Place, today):
    cluster_id, cluster_name = _cluster_for(session, *cluster_args)
    found = queries.opportunities(session, cluster_id=cluster_id, types=types, grade=grade, zip=_school_zip(session, place),
                                  radius_miles=RADIUS_MILES, on_or_after=today)
    broader = []
    if not found and cluster_id:
        broader = queries.opportunities(session, types=types, grade=grade, zip=_school_zip(session, place),
                                        radius_miles=RADIUS_MILES, on_or_after=today)
    return found, broader, cluster_id, cluster_name


def _school_zip(session, place: Place) -> str | None:
    if place.school_id:
        info = queries.find_school(session, place.school_id)
        if info:
            return info.zip
    return place.zip


def _cluster_args(tracker: Tracker, code, name):
    explicit = entity(tracker, "cluster")
    code = code or entity(tracker, "occupation_code")
    name = name or entity(tracker, "occupation")
    remembered = slot(tracker, "cluster_id")
    if not (explicit or code or name) and not remembered:
        code = slot(tracker, "occupation_code")
    return explicit, code, name, remembered


class _OpportunityAction(LocalAction):
    types: tuple[str, ...] = ()
    label = ""

    async def respond(self, dispatcher, tracker, place, grade, code, name):  # noqa: D102
        wanted = opportunity_type(tracker)
        types = [wanted] if wanted in self.types else list(self.types)
        found, broader, cluster_id, cluster_name = await kb.call(
            _opportunities, _cluster_args(tracker, code, name), types, grade, place, dt.date.today())
        what = OPPORTUNITY_PLURALS[wanted] if wanted in self.types else self.label
        field = f" in {cluster_name}" if cluster_name else ""
        grade_note = f" for grade {grade}" if grade else ""
        if found:
            text = f"Upcoming {what}{field} near you{grade_note}:\n" + bullets(opportunity_line(o) for o in found[:MAX_ITEMS])
        elif broader:
            text = (f"Nothing{field} right now, but here are other {what} near you{grade_note}:\n"
                    + bullets(opportunity_line(o) for o in broader[:MAX_ITEMS]))
        else:
            text = (f"I don't see any upcoming {what} near you{grade_note} right now. New ones are added during "
                    "the year, so check back, or ask your counselor.")
        shown = found or broader
        if shown and shown[0].how_to_apply:
            text += f"\n\nHow to sign up for the first one: {shown[0].how_to_apply}"
        dispatcher.utter_message(text=text, buttons=dedupe_buttons(self.next_buttons()))
        events = [SlotSet("last_topic", self.topic)]
        if cluster_id:
            events.append(SlotSet("cluster_id", cluster_id))
        return events

    def next_buttons(self) -> list[dict[str, str]]:
        """Next steps after the list."""
        return [button("Programs at my school", "ask_cte_programs"), button("Partner employers", "ask_partners"),
                button("What should I do next?", "ask_next_step"), button("Talk to a counselor", "request_counselor")]


class ActionWbl(_OpportunityAction):
    """Job shadowing, internships, apprenticeships, pre-apprenticeships and mentoring near the student."""

    topic = "wbl"
    reason = "find internships and job shadows near you"

    def name(self) -> str:  # noqa: D102
        return "action_wbl"
    types = WBL_TYPES
    label = "work-based learning opportunities"

    def next_buttons(self):  # noqa: D102
        return [button("Upcoming events", "ask_events")] + super().next_buttons()


class ActionEvents(_OpportunityAction):
    """Career fairs, guest speakers and field trips coming up."""

    topic = "events"
    reason = "find career events near you"

    def name(self) -> str:  # noqa: D102
        return "action_events"
    types = vocabulary.EVENT_TYPES
    label = "career events"

    def next_buttons(self):  # noqa: D102
        return [button("Internships & job shadowing", "ask_wbl")] + super().next_buttons()


def _partners(session, cluster_args, otype, place: Place):
    cluster_id, cluster_name = _cluster_for(session, *cluster_args)
    zip_code = _school_zip(session, place)
    found = queries.partners(session, cluster_id=cluster_id, opportunity_type=otype, zip=zip_code, radius_miles=RADIUS_MILES)
    broader = queries.partners(session, opportunity_type=otype, zip=zip_code, radius_miles=RADIUS_MILES) if not found and cluster_id else []
    return found, broader, cluster_id, cluster_name


def partner_line(p: queries.PartnerInfo) -> str:
    """"Meadowlark Regional Health (hospital and clinics): job shadows, internships. Contact: …"."""
    offers = join_words([OPPORTUNITY_PLURALS.get(t, t) for t in p.opportunity_types[:4]])
    line = p.name + (f" ({p.industry.lower()})" if p.industry else "")
    if offers:
        line += f": {offers}"
    if p.contact_role:
        line += f". Ask for the {p.contact_role.lower()}"
    return line + "."


class ActionPartners(LocalAction):
    """Local employers and organizations that partner with the school."""

    topic = "partners"
    reason = "find employers that work with your school"

    def name(self) -> str:  # noqa: D102
        return "action_partners"

    async def respond(self, dispatcher, tracker, place, grade, code, name):  # noqa: D102
        otype = opportunity_type(tracker)
        found, broader, cluster_id, cluster_name = await kb.call(
            _partners, _cluster_args(tracker, code, name), otype, place)
        field = f" in {cluster_name}" if cluster_name else ""
        if found:
            text = f"Employers{field} that work with your school:\n" + bullets(partner_line(p) for p in found[:MAX_ITEMS])
        elif broader:
            text = f"No partners{field} near you yet, but these work with your school:\n" + bullets(partner_line(p) for p in broader[:MAX_ITEMS])
        else:
            text = "I don't have partner employers listed near you yet. Your counselor or work-based learning office can help."
        text += "\n\nThe best way to reach them is through your school's counseling or work-based learning office."
        dispatcher.utter_message(text=text, buttons=dedupe_buttons([
            button("Internships & job shadowing", "ask_wbl"), button("Upcoming events", "ask_events"),
            button("Talk to a counselor", "request_counselor")]))
        events = [SlotSet("last_topic", "partners")]
        if cluster_id:
            events.append(SlotSet("cluster_id", cluster_id))
        return events
