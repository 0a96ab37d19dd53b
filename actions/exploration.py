"""Exploring: careers for what a student likes, career clusters and pathways, and "what should I do next?".

Interests ("I like biology and helping people") become a RIASEC code (:mod:`career_kb.interests`)
that ranks occupations; the first list is capped at a preparation level fitting the grade. Next steps
differ by grade: middle school explores (interests, electives, events); high school acts (CTE
courses, work-based learning, certifications, dual credit, postsecondary steps).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import kb
from actions.context import ask_grade, ask_location, current_grade, current_zip, entity, latest_text, slot
from actions.formatting import bullets, button, cite, dedupe_buttons, join_words
from actions.local import WBL_TYPES, opportunity_line, program_line
from actions.occupations import summary_line
from actions.profile import student_id
from career_kb import interests, queries, students, vocabulary

#: Interest buttons offered when the student hasn't said what they like.
INTEREST_CHOICES = ("biology", "helping people", "building things", "art", "computers", "sports", "business", "math")


def _interest_careers(session, sid: str | None, code: str, liked: list[str], cap: int | None, limit: int):
    careers = queries.occupations_for_interests(session, code, job_zone_max=cap, limit=limit)
    if sid and liked:
        students.upsert_profile(session, sid, riasec_code=code, add_interests=liked)
    return careers


class ActionCareersForInterests(kb.KBAction):
    """Careers that fit the subjects and activities the student likes."""

    def name(self) -> str:
        return "action_careers_for_interests"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        """Turn the student's interests into a RIASEC code and list fitting careers, or ask what they like."""
        said = " and ".join([v for v in tracker.get_latest_entity_values("subject") if v] + [latest_text(tracker)])
        liked = list(dict.fromkeys(m.phrase for m in interests.find_interests(said) if not m.negated))
        code = interests.riasec_from_text(" and ".join(liked))
        remembered = slot(tracker, "riasec_code")
        if not code and remembered:
            code = remembered
        if not code:
            dispatcher.utter_message(
                text="Let's find careers that fit you! What do you like? Tell me school subjects or things you "
                     "enjoy (like \"biology and helping people\"), or pick one:",
                buttons=[button(s.title(), "ask_careers_for_interests", subject=s) for s in INTEREST_CHOICES],
            )
            return []
        grade = current_grade(tracker)
        cap = interests.job_zone_cap_for_grade(grade)
        sid = student_id(tracker) if liked else None
        careers = await kb.call(_interest_careers, sid, code, liked, cap, 5)
        if not careers:
            dispatcher.utter_message(text="I couldn't find careers for that yet. Try telling me a few other things you like.",
                                     buttons=[button("Explore career clusters", "ask_clusters")])
            return []
        intro = (f"Since you like {join_words(liked)}, you may enjoy {interests.describe_code(code[:2])} work."
                 if liked else f"Based on what you told me before, you lean {interests.describe_code(code[:2])}.")
        lines = [intro, "Careers that fit:", bullets(summary_line(o) for o in careers)]
        if cap is not None:
            lines.append("I started with careers you can reach without a long degree; ask for more any time.")
        buttons = [button(o.title, "ask_occupation_info", occupation_code=o.onet_code) for o in careers[:4]]
        buttons += [button("Explore career clusters", "ask_clusters"), button("What should I do next?", "ask_next_step")]
        dispatcher.utter_message(text="\n\n".join(lines), buttons=dedupe_buttons(buttons, limit=6))
        events = [SlotSet("riasec_code", code)]
        if sid:
            events.append(SlotSet("student_id", sid))
        return events


# --- clusters -----------------------------------------------------------------------------------


def _cluster_overview(session, text: str | None, remembered: str | None):
    cluster = queries.find_cluster(session, text) if text else None
    if cluster is None and remembered and not text:
        cluster = next((c for c in queries.list_clusters(session) if c.cluster_id == remembered), None)
    if cluster is None:
        return None, queries.list_clusters(session), []
    return cluster, [], queries.careers_in_cluster(session, cluster.cluster_id, limit=5)


class ActionClusters(kb.KBAction):
    """The 16 career clusters, or one cluster's pathways and careers."""

    def name(self) -> str:
        return "action_clusters"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        """Describe the named cluster, or list them all as buttons."""
        text = entity(tracker, "cluster")
        remembered = slot(tracker, "cluster_id") if latest_text(tracker) == "" and not text else None
        cluster, all_clusters, careers = await kb.call(_cluster_overview, text, remembered)
        if cluster is None:
            lead = (f"I don't know a cluster called \"{text}\". " if text else "")
            dispatcher.utter_message(
                text=lead + "Careers are grouped into 16 career clusters"
                f"{cite(all_clusters[0].citation) if all_clusters else ''}. Pick one to see its pathways and careers:",
                buttons=[button(c.name, "ask_clusters", cluster=c.name) for c in all_clusters],
            )
            return []
        lines = [f"{cluster.name}{cite(cluster.citation)} has these pathways:",
                 bullets(p.name for p in cluster.pathways)]
        if careers:
            lines += ["Popular careers in it:", bullets(summary_line(o) for o in careers)]
        buttons = [button(o.title, "ask_occupation_info", occupation_code=o.onet_code) for o in careers[:3]]
        buttons += [button("Programs at my school", "ask_cte_programs", cluster=cluster.name),
                    button("Events for this field", "ask_events", cluster=cluster.name),
                    button("Other clusters", "ask_clusters")]
        dispatcher.utter_message(text="\n\n".join(lines), buttons=dedupe_buttons(buttons))
        return [SlotSet("cluster_id", cluster.cluster_id)]


# --- what should I do next? ---------------------------------------------------------------------


def _student_clusters(session, details, cluster_id: str | None, riasec: str | None, grade: int) -> list[str]:
    """Clusters that fit the student, best first: their current occupation's, else the cluster they
    looked at, else the clusters of the careers that fit their interests."""
    if details and details.clusters:
        return list(dict.fromkeys(c.cluster_id for c in details.clusters))
    if cluster_id:
        return [cluster_id]
    if riasec:
        careers = queries.occupations_for_interests(session, riasec, job_zone_max=interests.job_zone_cap_for_grade(grade), limit=10)
        return queries.clusters_for_occupations(session, [o.onet_code for o in careers])[:3]
    return []


def _first_found(search, cluster_ids: list[str]):
    """``search(cluster_id)`` for each fitting cluster until one finds something, then ``search(None)``."""
    for cid in cluster_ids:
        found = search(cid)
        if found:
            return found
    return search(None)


def _next_step_facts(session, grade: int, code: str | None, cluster_id: str | None, riasec: str | None,
                     school_id: str | None, zip_code: str | None, today: dt.date):
    """The occupation, programs and opportunities behind the next steps: those fitting the student's
    occupation, cluster or interests first, then anything near them."""
    details = queries.occupation_details(session, code) if code else None
    clusters = _student_clusters(session, details, cluster_id, riasec, grade)
    near_zip = zip_code
    if school_id:
        school = queries.find_school(session, school_id)
        near_zip = school.zip if school else zip_code
    if not (school_id or zip_code):
        return details, [], []

    def events(cid):
        return queries.opportunities(session, cluster_id=cid, types=list(vocabulary.EVENT_TYPES), grade=grade,
                                     zip=near_zip, on_or_after=today)

    if grade <= 8:
        return details, [], _first_found(events, clusters)

    def programs(cid):
        return queries.cte_programs(session, cluster_id=cid, school_id=school_id, zip=zip_code, grade=grade)

    def wbl(cid):
        return queries.opportunities(session, cluster_id=cid, types=list(WBL_TYPES), grade=grade, zip=near_zip,
                                     on_or_after=today)

    found = queries.cte_programs(session, onet_code=code, school_id=school_id, zip=zip_code, grade=grade) if code else []
    return details, found or _first_found(programs, clusters), _first_found(wbl, clusters)


def middle_school_steps(grade: int, details, events, riasec: str | None) -> list[str]:
    """Exploration steps for grades 6-8."""
    steps = []
    if riasec:
        steps.append(f"Keep exploring careers that fit you ({interests.describe_code(riasec[:2])}).")
    else:
        steps.append("Find out what you like: tell me your favorite subjects and I'll show careers that fit.")
    if details:
        subjects = interests.subjects_for_knowledge([k.name for k in details.knowledge], limit=3)
        if subjects:
            steps.append(f"Pick electives that build toward {details.title}: {join_words(subjects)}.")
    else:
        steps.append("Try electives in something new (tech, art, a language, agriculture) to see what clicks.")
    if events:
        steps.append("Go to a career event: " + opportunity_line(events[0]))
    else:
        steps.append("Go to career events like fairs, guest speakers and field trips when your school has them.")
    if grade == 8:
        steps.append("Before high school: ask your counselor which CTE pathways your high school offers, "
                     "and plan your 9th-grade classes with them.")
    else:
        steps.append("Join a club or activity (robotics, band, sports, 4-H, student council): it's a great way to try things.")
    return steps


def high_school_steps(grade: int, details, programs, wbl) -> list[str]:
    """Action steps for grades 9-12: CTE courses, WBL, certifications, dual credit, postsecondary."""
    steps = []
    if programs:
        steps.append("Take a CTE course sequence: " + program_line(programs[0]) + ".")
        certs = [c for p in programs[:3] for c in p.certifications]
        if certs:
            steps.append(f"Earn an industry certification while in high school, like {certs[0]}.")
        dual = next((p for p in programs if p.dual_credit), None)
        if dual:
            steps.append(f"Get college credit now: {dual.name} offers dual credit"
                         + (f" with {dual.dual_credit_partner}." if dual.dual_credit_partner else "."))
    else:
        steps.append("Sign up for CTE courses in a pathway you like, and ask about certifications and dual credit.")
    if wbl:
        steps.append("Try work-based learning: " + opportunity_line(wbl[0]))
    else:
        steps.append("Try work-based learning: a job shadow, internship or pre-apprenticeship.")
    p = details.projection if details else None
    goal = f" for {details.title} ({p.entry_education.lower()}{cite(p.citation)})" if p and p.entry_education else ""
    if grade <= 10:
        steps.append(f"Plan the classes you'll need after high school{goal}, and keep your grades strong.")
    elif grade == 11:
        steps.append(f"Compare options after high school{goal}: visit colleges and trade schools, look into "
                     "apprenticeships, and plan for the SAT/ACT or ASVAB if you need them.")
    else:
        steps.append(f"Apply{goal}: college, trade school or apprenticeship applications, the FAFSA for "
                     "financial aid, or a talk with a recruiter.")
    return steps


class ActionNextStep(kb.KBAction):
    """"What should I do next?" — steps fitted to the grade and the student's school (asks the grade,
    then the school or ZIP, when unknown, and resumes through ``pending_action``)."""

    def name(self) -> str:
        return "action_next_step"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        """Ask for the grade, then the school/ZIP, if needed; then middle- or high-school steps from the KB."""
        grade = current_grade(tracker)
        if grade is None:
            return ask_grade(dispatcher, self.name(), "suggest the right next steps for you")
        if not (slot(tracker, "school_id") or current_zip(tracker)):
            schools = await kb.call(queries.school_choices, grade)
            return ask_location(dispatcher, self.name(), "suggest next steps at your school", schools) + [
                SlotSet("grade", float(grade))]
        code = entity(tracker, "occupation_code") or slot(tracker, "occupation_code")
        details, programs, items = await kb.call(
            _next_step_facts, grade, code, slot(tracker, "cluster_id"), slot(tracker, "riasec_code"),
            slot(tracker, "school_id"), current_zip(tracker), dt.date.today())
        if grade <= 8:
            steps = middle_school_steps(grade, details, items, slot(tracker, "riasec_code"))
            buttons = [button("Careers for what I like", "ask_careers_for_interests"),
                       button("Upcoming events", "ask_events"), button("Career clusters", "ask_clusters")]
            intro = f"In {grade}th grade, the best next step is exploring:"
        else:
            steps = high_school_steps(grade, details, programs, items)
            buttons = [button("Programs at my school", "ask_cte_programs"), button("Internships & job shadowing", "ask_wbl"),
                       button("College vs trade school vs more", "ask_postsecondary_options")]
            intro = f"Next steps for {grade}th grade" + (f", aiming at {details.title}:" if details else ":")
        if details:
            buttons.append(button("Save to my plan", "save_to_plan", occupation_code=details.onet_code))
        buttons.append(button("Talk to a counselor", "request_counselor"))
        text = intro + "\n" + bullets(steps)
        dispatcher.utter_message(text=text, buttons=dedupe_buttons(buttons))
        return [SlotSet("grade", float(grade))]
