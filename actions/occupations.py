"""Questions about one occupation: what it is, pay, outlook, how to get there, skills, similar careers,
college vs trade school vs apprenticeship vs military vs work, and follow-ups for a new occupation.

Each action finds the occupation (a button's ``occupation_code``, the ``occupation`` entity, the
words of the message, or the one the conversation is about), then formats the query API's answer.
An unclear name ("engineer") gets candidate buttons; a job the KB doesn't know gets an honest
answer with the closest matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import kb
from actions.context import current_state, entity, latest_text, said_state, slot, text_without_entity
from actions.formatting import (
    bullets,
    button,
    cite,
    dedupe_buttons,
    general_buttons,
    hourly,
    join_words,
    money,
    number,
    occupation_buttons,
    percent,
)
from career_kb import interests, queries
from career_kb.resolve import STOP_WORDS, normalize_tokens, resolve_occupation

#: What each O*NET job zone means for a student, in our words.
JOB_ZONE_MEANINGS = {
    1: "little or no preparation: a high school diploma may help; training takes days to a few months on the job",
    2: "some preparation: usually a high school diploma and a few months to a year of training or experience",
    3: "medium preparation: usually vocational school, an apprenticeship, on-the-job experience or an associate's degree",
    4: "considerable preparation: most need a bachelor's degree and several years of experience or training",
    5: "extensive preparation: most need a graduate degree (master's, doctoral, medical or law degree)",
}

#: How many candidates an unclear name offers.
CANDIDATE_BUTTONS = 5
#: The weakest match still offered as "the closest careers I know".
CLOSEST_MIN_SCORE = 0.2


@dataclass(frozen=True)
class Lookup:
    """Which occupation the student means: ``found`` (details set), ``ambiguous``, ``unknown`` or ``none``."""

    status: str
    details: queries.OccupationDetails | None = None
    candidates: tuple = ()
    query: str = ""
    from_text: bool = False  # the name came from the message's words, not an entity or button


def _lookup(session, code: str | None, name: str | None, text: str, remembered: str | None, state: str | None) -> Lookup:
    def found(c: str) -> Lookup:
        details = queries.occupation_details(session, c, state)
        return Lookup("found", details) if details else Lookup("unknown", query=c)

    if code:
        return found(code)
    if name:
        res = resolve_occupation(session, name, limit=CANDIDATE_BUTTONS)
        if res.status in ("exact", "confident"):
            return found(res.best.onet_code)
        # a generic entity ("counselor") may hide a specific title in the message ("crisis counselor")
        whole = resolve_occupation(session, text, limit=CANDIDATE_BUTTONS) if text and text.strip() != name.strip() else None
        if (whole and whole.status in ("exact", "confident")
                and normalize_tokens(whole.best.matched_title or "") != normalize_tokens(name)):
            return found(whole.best.onet_code)
        return Lookup(res.status, candidates=tuple(res.candidates), query=name)
    words = " ".join(t for t in normalize_tokens(text) if t not in STOP_WORDS) if text else ""
    if words:
        res = resolve_occupation(session, text, limit=CANDIDATE_BUTTONS)
        if res.status == "exact" and res.best.onet_code != remembered:
            return found(res.best.onet_code)
        if not remembered:
            if res.status == "confident":
                return found(res.best.onet_code)
            if res.status in ("ambiguous", "unknown"):
                close = tuple(c for c in res.candidates if c.score >= CLOSEST_MIN_SCORE)
                return Lookup("unknown" if not close else res.status, candidates=close, query=words, from_text=True)
    if remembered:
        return found(remembered)
    return Lookup("none")


def state_of(tracker: Tracker) -> str | None:
    """The state for this answer (postal code): one named in the message ("in texas"), else the student's."""
    return current_state(tracker)


def occupation_events(details: queries.OccupationDetails, topic: str | None) -> list[dict[str, Any]]:
    """Slots that make follow-ups ("what about the pay?") work."""
    events = [SlotSet("occupation_code", details.onet_code), SlotSet("occupation_title", details.title)]
    if details.clusters:
        events.append(SlotSet("cluster_id", details.clusters[0].cluster_id))
    if topic:
        events.append(SlotSet("last_topic", topic))
    return events


def say_unclear(dispatcher: CollectingDispatcher, lookup: Lookup, intent: str) -> None:
    """Candidate buttons for an unclear name, or an honest "I don't know that one" with the closest matches."""
    if lookup.status == "ambiguous" and lookup.candidates and not lookup.from_text:
        dispatcher.utter_message(
            text=f"\"{lookup.query}\" could mean a few different careers. Which one did you mean?",
            buttons=[button(c.title, intent, occupation_code=c.onet_code) for c in lookup.candidates[:CANDIDATE_BUTTONS]]
            + [button("None of these", "ask_careers_for_interests")],
        )
        return
    if lookup.status == "none":
        dispatcher.utter_message(
            text="Which career do you want to know about? Type a job name, like \"electrician\" or \"nurse\", "
                 "or find careers that fit what you like.",
            buttons=[button("Nurse", intent, occupation_code="29-1141.00"),
                     button("Electrician", intent, occupation_code="47-2111.00"),
                     button("Software developer", intent, occupation_code="15-1252.00")]
            + general_buttons(2),
        )
        return
    closest = [c for c in lookup.candidates if c.score >= CLOSEST_MIN_SCORE][:4]
    what = f"\"{lookup.query}\"" if lookup.query else "that job"
    if closest:
        text = (f"I don't have {what} in my career list, so I can't give you facts about it. "
                "The closest careers I know are below. Is one of them what you meant?")
    else:
        text = (f"I don't have {what} in my career list, so I can't give you facts about it. "
                "Try another name for the job, or explore careers by what you like.")
    dispatcher.utter_message(
        text=text,
        buttons=[button(c.title, intent, occupation_code=c.onet_code) for c in closest] + general_buttons(2),
    )


# --- renderers: details → text ------------------------------------------------------------------


def _first_sentences(text: str | None, n: int = 2) -> str:
    if not text:
        return ""
    parts = re.split(r"(?<=[.!?])\s+", text.strip())
    return " ".join(parts[:n])


def pay_line(wage: queries.Wage, where: str, title: str | None = None) -> str | None:
    """"In Iowa, the median pay is $78,630 a year ($37.80 an hour) (BLS OEWS, May 2025). Most earn …".

    With the occupation's ``title``, a wage BLS publishes for a broader group says so: "In the U.S.,
    the median pay for the broader group Registered Nurses is …".
    """
    if wage is None:
        return None
    if wage.annual_median is not None and not wage.hourly_only:
        main = money(wage.annual_median, top_coded=wage.is_top_coded("annual_median")) + " a year"
        if wage.hourly_median is not None:
            main += f" ({hourly(wage.hourly_median, top_coded=wage.is_top_coded('hourly_median'))})"
    elif wage.hourly_median is not None:
        main = hourly(wage.hourly_median, top_coded=wage.is_top_coded("hourly_median"))
    else:
        return None
    group = queries.broader_bls_title(title, wage.bls_title)
    subject = f" for the broader group {group}" if group else ""
    line = f"{where}, the median pay{subject} is {main}{cite(wage.citation)}."
    if wage.annual_p10 is not None and wage.annual_p90 is not None and not wage.hourly_only:
        line += (f" Most earn between {money(wage.annual_p10, top_coded=wage.is_top_coded('annual_p10'))} and "
                 f"{money(wage.annual_p90, top_coded=wage.is_top_coded('annual_p90'))}{cite(wage.citation)}.")
    elif wage.hourly_p10 is not None and wage.hourly_p90 is not None:
        line += (f" Most earn between {hourly(wage.hourly_p10)} and "
                 f"{hourly(wage.hourly_p90, top_coded=wage.is_top_coded('hourly_p90'))}{cite(wage.citation)}.")
    return line


def outlook_line(p: queries.Projection | None, group: str | None = None) -> str | None:
    """Growth 2024–34 with the outlook label and yearly openings, cited.

    ``group`` is the broader BLS occupation the projection is for (``OccupationDetails.outlook_group``).
    """
    if p is None or p.percent_change is None:
        return None
    jobs = f"Jobs in the broader group {group}" if group else "Jobs"
    line = f"{jobs} are expected to change by {percent(p.percent_change)} from 2024 to 2034"
    if p.outlook:
        line += f", {p.outlook}"
    line += f"{cite(p.citation)}."
    if p.annual_openings:
        line += f" That's about {number(p.annual_openings)} openings a year{cite(p.citation)}."
    return line


def render_info(d: queries.OccupationDetails, tracker: Tracker) -> str:
    """What the occupation is, interests, preparation, and a quick look at pay and outlook."""
    lines = [f"{d.title}: {_first_sentences(d.description) or 'here is what I know.'}{cite(d.onet_citation)}"]
    if d.sample_titles:
        lines.append(f"Also called: {join_words(list(d.sample_titles[:4]))}.")
    if d.riasec_names:
        lines.append(f"It suits people with {join_words([n for n in d.riasec_names[:2]])} interests{cite(d.onet_citation)}.")
    if d.job_zone:
        lines.append(f"Preparation: {JOB_ZONE_MEANINGS[d.job_zone.zone]}{cite(d.job_zone.citation)}.")
    pay = pay_line(d.national_wage, "In the U.S.", d.title)
    if pay:
        lines.append(pay.split(" Most earn")[0])
    out = outlook_line(d.projection, d.outlook_group)
    if out:
        lines.append(out.split(" That's about")[0])
    return "\n\n".join(lines)


def render_pay(d: queries.OccupationDetails, tracker: Tracker) -> str:
    """National pay, the student's state pay when known, cited."""
    lines = [f"Pay for {d.title}:"]
    if d.pay_group:
        lines.append(f"BLS doesn't publish pay for {d.title} on its own; it reports pay for the broader group "
                     f"{d.pay_group}, which includes this job.")
    national = pay_line(d.national_wage, "In the U.S.", d.title)
    lines.append(national or "The Bureau of Labor Statistics doesn't publish a national wage for this job.")
    state = state_of(tracker)
    if d.state_wage is not None:
        lines.append(pay_line(d.state_wage, f"In {d.state_wage.area_name}", d.title) or "")
    elif state:
        lines.append(f"There's no separate pay figure for {state} for this job.")
    else:
        lines.append("Tell me your ZIP code and I'll add the pay in your state.")
    lines.append("(Median: half of workers earn more, half earn less.)")
    return "\n\n".join(line for line in lines if line)


def render_outlook(d: queries.OccupationDetails, tracker: Tracker) -> str:
    """Projected growth, outlook wording, openings and jobs today."""
    p = d.projection
    line = outlook_line(p, d.outlook_group)
    if not line:
        return f"I don't have a job outlook for {d.title} from the Bureau of Labor Statistics."
    lines = [f"Job outlook for {d.title}:"]
    if d.outlook_group:
        lines.append(f"BLS doesn't project {d.title} on its own; its outlook is for the broader group "
                     f"{d.outlook_group}, which includes this job.")
    lines.append(line)
    if p.employment_base:
        where = "that group" if d.outlook_group else "this job"
        lines.append(f"About {number(p.employment_base)} people worked in {where} in 2024{cite(p.citation)}.")
    if p.outlook in ("much faster than average", "faster than average"):
        lines.append("That's a growing field, so there should be plenty of chances to get in.")
    elif p.outlook in ("decline", "little or no change"):
        lines.append("Fewer new jobs doesn't mean none: people retire and change jobs, which opens spots every year.")
    return "\n\n".join(lines)


_NO_COLLEGE = {"High school diploma or equivalent", "No formal educational credential"}
_TWO_YEAR = {"Associate's degree", "Postsecondary nondegree award", "Some college, no degree"}
_DEGREE = {"Bachelor's degree", "Master's degree", "Doctoral or professional degree"}


def routes(d: queries.OccupationDetails) -> dict[str, str]:
    """How each route (college, trade school, apprenticeship, military, work) fits this occupation.

    Based on BLS's typical entry education and on-the-job training, and the O*NET job zone.
    """
    p = d.projection
    entry = p.entry_education if p else None
    training = (p.on_the_job_training if p else None) or "None"
    zone = d.job_zone.zone if d.job_zone else None
    out: dict[str, str] = {}
    if entry in _DEGREE:
        out["college"] = f"the usual route: most start with a {entry.lower()}"
    elif entry == "Associate's degree":
        out["college"] = "a two-year associate's degree at a community college is the usual route"
    elif entry in _TWO_YEAR:
        out["college"] = "community college classes are one way in"
    else:
        out["college"] = "not required to start, but it can help you move up later"
    if entry == "Postsecondary nondegree award":
        out["trade_school"] = "the usual route: a certificate program at a trade or technical school"
    elif entry == "Associate's degree" or (entry in _NO_COLLEGE and zone in (2, 3)):
        out["trade_school"] = "a good option: a technical program can get you ready faster"
    else:
        out["trade_school"] = "not the usual route for this job"
    if p is not None and p.apprenticeship:
        out["apprenticeship"] = "the usual route: you learn on the job and get paid while you train"
    elif "Long-term" in training:
        out["apprenticeship"] = "sometimes: long on-the-job training can be set up as an apprenticeship"
    else:
        out["apprenticeship"] = "not the usual route for this job"
    out["military"] = "the military trains people for many kinds of work; a recruiter can say which roles are close to this one"
    if entry in _NO_COLLEGE and training != "None":
        out["work"] = f"you can start after high school and learn on the job ({training.lower()})"
    elif p is not None and p.work_experience and p.work_experience != "None":
        out["work"] = f"this job usually needs work experience first ({p.work_experience.lower()} in a related job)"
    else:
        out["work"] = "part-time jobs and internships now help you learn what the work is like"
    return out


ROUTE_NAMES = {
    "college": "College",
    "trade_school": "Trade or technical school",
    "apprenticeship": "Apprenticeship",
    "military": "Military",
    "work": "Work and on-the-job training",
}


def render_pathway(d: queries.OccupationDetails, tracker: Tracker) -> str:
    """Education, training and the routes that lead to the occupation."""
    p = d.projection
    lines = [f"How to get there: {d.title}"]
    facts = []
    if p and p.entry_education:
        facts.append(f"Typical education to start: {p.entry_education}{cite(p.citation)}")
    if p and p.on_the_job_training and p.on_the_job_training != "None":
        facts.append(f"Training on the job: {p.on_the_job_training}{cite(p.citation)}")
    if p and p.work_experience and p.work_experience != "None":
        facts.append(f"Work experience first: {p.work_experience}{cite(p.citation)}")
    if d.job_zone:
        facts.append(f"Preparation level {d.job_zone.zone} of 5: {JOB_ZONE_MEANINGS[d.job_zone.zone]}{cite(d.job_zone.citation)}")
    lines.append(bullets(facts) if facts else "I don't have education data for this job.")
    r = routes(d)
    lines.append("Routes:\n" + bullets(f"{ROUTE_NAMES[k]}: {v}" for k, v in r.items()))
    return "\n\n".join(lines)


def render_skills(d: queries.OccupationDetails, tracker: Tracker) -> str:
    """Top skills and knowledge (O*NET) and the school subjects that build them."""
    lines = [f"What matters for {d.title}:"]
    if d.skills:
        lines.append(f"Skills: {join_words([s.name for s in d.skills[:5]])}{cite(d.onet_citation)}.")
    if d.knowledge:
        lines.append(f"Knowledge: {join_words([k.name for k in d.knowledge[:4]])}{cite(d.onet_citation)}.")
        subjects = interests.subjects_for_knowledge([k.name for k in d.knowledge], limit=5)
        if subjects:
            lines.append(f"Classes that help: {join_words(subjects)}.")
    if len(lines) == 1:
        lines.append("I don't have skill ratings for this job.")
    return "\n\n".join(lines)


#: BLS outlook labels as a short phrase a student reads naturally in a list.
OUTLOOK_PHRASES = {
    "much faster than average": "much faster than average growth",
    "faster than average": "faster than average growth",
    "about as fast as average": "about average growth",
    "slower than average": "slower than average growth",
    "little or no change": "little or no change in jobs",
    "decline": "jobs expected to decline",
}


def outlook_phrase(outlook: str) -> str:
    """BLS's outlook label ("decline") as list wording ("jobs expected to decline")."""
    return OUTLOOK_PHRASES.get(outlook.strip().lower(), f"job outlook: {outlook}")


def summary_line(o: queries.OccupationSummary) -> str:
    """"Nurse Practitioners: median pay $132,050 a year (BLS OEWS, May 2025); much faster than average growth (…)".

    A specialty whose figures BLS publishes for a broader group says which: "Acute Care Nurses (as
    Registered Nurses): median pay …".
    """
    group = o.bls_group
    parts = [f"{o.title} (as {group})" if group else o.title]
    if o.annual_median is not None:
        parts.append(f"median pay {money(o.annual_median, top_coded=o.annual_median_top_coded)} a year{cite(o.wage_citation)}")
    if o.outlook:
        parts.append(f"{outlook_phrase(o.outlook)}{cite(o.outlook_citation)}")
    return parts[0] + (": " + "; ".join(parts[1:]) if len(parts) > 1 else "")


def render_similar(d: queries.OccupationDetails, tracker: Tracker) -> str:
    """O*NET's related occupations with their pay."""
    if not d.related:
        return f"I don't have a list of careers similar to {d.title}."
    return f"Careers similar to {d.title}{cite(d.onet_citation)}:\n" + bullets(summary_line(o) for o in d.related[:5])


def similar_buttons(d: queries.OccupationDetails) -> list[dict[str, str]]:
    """A button per related occupation."""
    return [button(o.title, "ask_occupation_info", occupation_code=o.onet_code) for o in d.related[:3]]


# --- actions ------------------------------------------------------------------------------------


class OccupationAction(kb.KBAction):
    """Base: find the occupation, render a topic, end with next-step buttons, remember the context."""

    intent = ""
    topic: str | None = None

    def render(self, d: queries.OccupationDetails, tracker: Tracker) -> str:
        """The answer's text (each subclass)."""
        raise NotImplementedError

    def buttons(self, d: queries.OccupationDetails, tracker: Tracker) -> list[dict[str, str]]:
        """Next-step buttons after the answer."""
        return occupation_buttons(d.onet_code, exclude=self.topic)

    async def lookup(self, tracker: Tracker, code: str | None = None, name: str | None = None) -> Lookup:
        """Find the occupation the student means (see :func:`_lookup`)."""
        if code is None and name is None:
            code = entity(tracker, "occupation_code")
            name = entity(tracker, "occupation")
        text = "" if code else latest_text(tracker)  # with a name, the text can sharpen a generic one
        return await kb.call(_lookup, code, name, text, slot(tracker, "occupation_code"), state_of(tracker))

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict,
                     code: str | None = None, name: str | None = None) -> list[dict[str, Any]]:
        """Look the occupation up, then answer or ask which one."""
        found = await self.lookup(tracker, code, name)
        if found.status != "found":
            say_unclear(dispatcher, found, self.intent)
            return []
        d = found.details
        dispatcher.utter_message(text=self.render(d, tracker), buttons=dedupe_buttons(self.buttons(d, tracker)))
        return occupation_events(d, self.topic)


class ActionOccupationInfo(OccupationAction):
    """What an occupation does."""

    intent = "ask_occupation_info"
    topic = "info"

    def name(self) -> str:  # noqa: D102
        return "action_occupation_info"

    def render(self, d, tracker):  # noqa: D102
        return render_info(d, tracker)


class ActionPay(OccupationAction):
    """Pay, national and in the student's state."""

    intent = "ask_pay"
    topic = "pay"

    def name(self) -> str:  # noqa: D102
        return "action_pay"

    def render(self, d, tracker):  # noqa: D102
        return render_pay(d, tracker)

    async def lookup(self, tracker: Tracker, code: str | None = None, name: str | None = None) -> Lookup:
        """As for every topic, but a state's name ("what about in texas?") is not read as a job name."""
        if code is None and name is None and said_state(tracker):
            code = entity(tracker, "occupation_code")
            name = entity(tracker, "occupation")
            if not (code or name):
                text = text_without_entity(tracker, "state")
                return await kb.call(_lookup, None, None, text, slot(tracker, "occupation_code"), state_of(tracker))
        return await super().lookup(tracker, code, name)

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict,
                     code: str | None = None, name: str | None = None) -> list[dict[str, Any]]:
        """Answer, then remember a state the student named so the next pay answer uses it too."""
        events = await super().answer(dispatcher, tracker, domain, code=code, name=name)
        named = said_state(tracker)
        if named and events:
            events.append(SlotSet("state", named))
        return events


class ActionOutlook(OccupationAction):
    """Job outlook 2024–34."""

    intent = "ask_outlook"
    topic = "outlook"

    def name(self) -> str:  # noqa: D102
        return "action_outlook"

    def render(self, d, tracker):  # noqa: D102
        return render_outlook(d, tracker)


class ActionPathway(OccupationAction):
    """Education, training, apprenticeship, military and on-the-job routes."""

    intent = "ask_pathway"
    topic = "pathway"

    def name(self) -> str:  # noqa: D102
        return "action_pathway"

    def render(self, d, tracker):  # noqa: D102
        return render_pathway(d, tracker)

    def buttons(self, d, tracker):  # noqa: D102
        return [button("College vs trade school vs more", "ask_postsecondary_options", occupation_code=d.onet_code)] + \
            occupation_buttons(d.onet_code, exclude=self.topic)


class ActionSkills(OccupationAction):
    """Skills, knowledge and the school subjects that matter."""

    intent = "ask_skills"
    topic = "skills"

    def name(self) -> str:  # noqa: D102
        return "action_skills"

    def render(self, d, tracker):  # noqa: D102
        return render_skills(d, tracker)


class ActionSimilar(OccupationAction):
    """Similar careers (O*NET related occupations)."""

    intent = "ask_similar"
    topic = "similar"

    def name(self) -> str:  # noqa: D102
        return "action_similar"

    def render(self, d, tracker):  # noqa: D102
        return render_similar(d, tracker)

    def buttons(self, d, tracker):  # noqa: D102
        return similar_buttons(d) + occupation_buttons(d.onet_code, exclude=self.topic, limit=3)


# --- postsecondary options ----------------------------------------------------------------------

GENERAL_OPTIONS = {
    "college": "two-year (community college) or four-year degrees; the way into jobs that need a degree",
    "trade_school": "shorter, hands-on certificate programs (months to two years) for skilled jobs",
    "apprenticeship": "a paid job with training: you earn while you learn a trade, usually 2-5 years",
    "military": "service with training in many fields, plus help paying for college later",
    "work": "start working and learn on the job; many employers train new workers",
}


def _postsecondary(session, code: str):
    return queries.postsecondary_programs(session, code, limit=4)


class ActionPostsecondaryOptions(OccupationAction):
    """College vs trade school vs apprenticeship vs military vs work, fitted to the current occupation."""

    intent = "ask_postsecondary_options"
    topic = "pathway"

    def name(self) -> str:  # noqa: D102
        return "action_postsecondary_options"

    async def answer(self, dispatcher, tracker, domain, code=None, name=None):  # noqa: D102
        option = entity(tracker, "postsecondary_option")
        option = option.lower().replace(" ", "_") if option else None
        has_occupation = any(entity(tracker, e) for e in ("occupation_code", "occupation")) or slot(tracker, "occupation_code")
        if not has_occupation and code is None and name is None:
            return self._general(dispatcher, option)
        found = await self.lookup(tracker, code, name)
        if found.status != "found":
            say_unclear(dispatcher, found, self.intent)
            return []
        d = found.details
        programs = await kb.call(_postsecondary, d.onet_code)
        r = routes(d)
        keys = ([option] if option in r else []) + [k for k in r if k != option]
        lines = [f"Your options after high school, for {d.title}:"]
        p = d.projection
        if p and p.entry_education:
            lines.append(f"Most people start this job with: {p.entry_education}{cite(p.citation)}.")
        lines.append(bullets(f"{ROUTE_NAMES[k]}: {r[k]}" for k in keys))
        if programs and (option in (None, "college", "trade_school")):
            lines.append("Programs of study that lead here: "
                         + join_words([pr.title for pr in programs]) + f"{cite(programs[0].citation)}.")
        dispatcher.utter_message(
            text="\n\n".join(lines),
            buttons=dedupe_buttons([button("Programs at my school", "ask_cte_programs", occupation_code=d.onet_code),
                                    button("Apprenticeships near me", "ask_wbl", opportunity_type="apprenticeship")]
                                   + occupation_buttons(d.onet_code, exclude="pathway", limit=3)),
        )
        return occupation_events(d, self.topic)

    def _general(self, dispatcher, option: str | None) -> list[dict[str, Any]]:
        keys = [option] if option in GENERAL_OPTIONS else list(GENERAL_OPTIONS)
        text = ("After high school there's more than one good road:\n"
                + bullets(f"{ROUTE_NAMES[k]}: {GENERAL_OPTIONS[k]}" for k in keys)
                + "\n\nWhich one fits depends on the career. Tell me a job you're curious about and I'll say "
                  "which routes lead there.")
        dispatcher.utter_message(
            text=text,
            buttons=[button("Careers for what I like", "ask_careers_for_interests"),
                     button("Apprenticeships near me", "ask_wbl", opportunity_type="apprenticeship"),
                     button("Programs at my school", "ask_cte_programs"),
                     button("Talk to a counselor", "request_counselor")],
        )
        return []


# --- follow-up for a new occupation -------------------------------------------------------------


class ActionFollowupOccupation(kb.KBAction):
    """"And for nurses?": answer the last topic again for the newly named occupation."""

    def name(self) -> str:
        return "action_followup_occupation"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        """Re-run the last topic's action for the occupation in this message."""
        topic = slot(tracker, "last_topic") or "info"
        handler = topic_handler(topic)
        code = entity(tracker, "occupation_code")
        name = entity(tracker, "occupation")
        if not code and not name and said_state(tracker):
            # "and what about massachusetts?" names a state, not a job: the pay there for the same occupation
            return await ActionPay().answer(dispatcher, tracker, domain)
        if not code and not name:
            text = latest_text(tracker)
            found = await kb.call(_lookup, None, None, text, None, state_of(tracker))
            if found.status == "found":
                code = found.details.onet_code
            else:
                say_unclear(dispatcher, found, OCCUPATION_TOPIC_INTENTS.get(topic, "ask_occupation_info"))
                return []
        return await handler.answer(dispatcher, tracker, domain, code=code, name=name)


#: last_topic → the intent that asks about it.
OCCUPATION_TOPIC_INTENTS = {
    "info": "ask_occupation_info", "pay": "ask_pay", "outlook": "ask_outlook", "pathway": "ask_pathway",
    "skills": "ask_skills", "similar": "ask_similar", "programs": "ask_cte_programs",
}


def topic_handler(topic: str):
    """The action instance that answers ``topic`` for an occupation (local topics included)."""
    from actions import local  # local imports occupations: import here to avoid a cycle

    handlers = {
        "info": ActionOccupationInfo, "pay": ActionPay, "outlook": ActionOutlook, "pathway": ActionPathway,
        "skills": ActionSkills, "similar": ActionSimilar, "programs": local.ActionCtePrograms,
        "wbl": local.ActionWbl, "partners": local.ActionPartners, "events": local.ActionEvents,
    }
    return handlers.get(topic, ActionOccupationInfo)()
