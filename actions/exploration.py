"""Exploring: careers for what a student likes, career clusters and pathways, and "what should I do next?".

The answers come from :mod:`career_kb.answers.exploring` and :mod:`career_kb.answers.next_steps`;
next steps need the grade and the school or ZIP, which the profile form asks for when unknown.
"""

from __future__ import annotations

import datetime as dt

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import kb, render
from actions.context import current_grade, current_zip, entity, latest_text, slot, student_id
from actions.formatting import bullets, button, cite, dedupe_buttons, join_words, named_button
from actions.forms import ask_profile
from actions.wording import say
from career_kb.answers import exploring, next_steps

#: Interest buttons offered when the student hasn't said what they like (wording keys under ``interests.choices``).
INTEREST_CHOICES = ("biology", "helping_people", "building_things", "art", "computers", "sports", "business", "math")


class ActionCareersForInterests(kb.KBAction):
    """Careers that fit the subjects and activities the student likes."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_careers_for_interests"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Turn the student's interests into a RIASEC code and list fitting careers, or ask what they like."""
        subjects = [v for v in tracker.get_latest_entity_values("subject") if v]
        said = exploring.read_interests(latest_text(tracker), subjects, slot(tracker, "riasec_code"))
        liked, code = said.liked, said.code
        if not code:
            choices = [(say(f"interests.choices.{c}"), say(f"interests.subjects.{c}")) for c in INTEREST_CHOICES]
            dispatcher.utter_message(
                text=say("interests.ask"),
                buttons=[button(title, "ask_careers_for_interests", subject=subject) for title, subject in choices]
                + [named_button("interest_quiz", "take_quiz")],
            )
            return []
        sid = student_id(tracker) if liked else None
        found = await kb.call(exploring.careers_for_interests, sid, liked, code, current_grade(tracker), said)
        if not found.careers:
            dispatcher.utter_message(
                text=say("interests.none"), buttons=[named_button("explore_clusters", "ask_clusters")]
            )
            return []
        described = render.describe_code(code[:2])
        intro = (
            say("interests.since_you_like", liked=join_words(list(liked)), interests=described)
            if liked
            else say("interests.remembered", interests=described)
        )
        lines = [intro, say("interests.careers"), bullets(render.summary_line(o) for o in found.careers)]
        if found.job_zone_cap is not None:
            lines.append(say("interests.capped"))
        buttons = [button(o.title, "ask_occupation_info", occupation_code=o.onet_code) for o in found.careers[:4]]
        buttons += [named_button("explore_clusters", "ask_clusters"), named_button("next_step", "ask_next_step")]
        dispatcher.utter_message(text="\n\n".join(lines), buttons=dedupe_buttons(buttons, limit=6))
        events: list[EventType] = [SlotSet("riasec_code", code)]
        if sid:
            events.append(SlotSet("student_id", sid))
        return events


class ActionClusters(kb.KBAction):
    """The 16 career clusters, or one cluster's pathways and careers."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_clusters"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Describe the named cluster, or list them all as buttons."""
        text = entity(tracker, "cluster")
        remembered = slot(tracker, "cluster_id") if latest_text(tracker) == "" and not text else None
        overview = await kb.call(exploring.cluster_overview, text, remembered)
        cluster = overview.cluster
        if cluster is None:
            first = overview.all_clusters[0] if overview.all_clusters else None
            lead = say("clusters.unknown", name=text) if text else ""
            dispatcher.utter_message(
                text=lead + say("clusters.all", cite=cite(first.citation) if first else ""),
                buttons=[button(c.name, "ask_clusters", cluster=c.name) for c in overview.all_clusters],
            )
            return []
        lines = [
            say("clusters.pathways", name=cluster.name, cite=cite(cluster.citation)),
            bullets(p.name for p in cluster.pathways),
        ]
        if overview.careers:
            lines += [say("clusters.careers"), bullets(render.summary_line(o) for o in overview.careers)]
        buttons = [button(o.title, "ask_occupation_info", occupation_code=o.onet_code) for o in overview.careers[:3]]
        buttons += [
            named_button("programs_at_school", "ask_cte_programs", cluster=cluster.name),
            named_button("events_for_field", "ask_events", cluster=cluster.name),
            named_button("other_clusters", "ask_clusters"),
        ]
        dispatcher.utter_message(text="\n\n".join(lines), buttons=dedupe_buttons(buttons))
        return [SlotSet("cluster_id", cluster.cluster_id)]


class ActionNextStep(kb.KBAction):
    """ "What should I do next?": steps fitted to the grade and the student's school (the profile form
    asks for the grade, then the school or ZIP, when unknown)."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_next_step"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Hand over to the profile form if needed; then middle- or high-school steps from the KB."""
        grade = current_grade(tracker)
        if grade is None or not (slot(tracker, "school_id") or current_zip(tracker)):
            return ([SlotSet("grade", float(grade))] if grade is not None else []) + ask_profile(self.name())
        code = entity(tracker, "occupation_code") or slot(tracker, "occupation_code")
        riasec = slot(tracker, "riasec_code")
        facts = await kb.call(
            next_steps.gather,
            grade,
            code,
            slot(tracker, "cluster_id"),
            riasec,
            slot(tracker, "school_id"),
            current_zip(tracker),
            dt.date.today(),
        )
        steps = next_steps.plan(grade, facts, riasec)
        if next_steps.is_middle_school(grade):
            buttons = [
                named_button("careers_for_interests", "ask_careers_for_interests"),
                named_button("events", "ask_events"),
                named_button("clusters", "ask_clusters"),
            ]
            intro = say("next_steps.intro_middle", grade=grade)
        else:
            buttons = [
                named_button("programs_at_school", "ask_cte_programs"),
                named_button("wbl", "ask_wbl"),
                named_button("compare_routes", "ask_postsecondary_options"),
            ]
            aiming = say("next_steps.aiming_at", title=facts.details.title) if facts.details else ""
            intro = say("next_steps.intro_high", grade=grade, aiming=aiming)
        if facts.details:
            buttons.append(named_button("save_to_plan", "save_to_plan", occupation_code=facts.details.onet_code))
        buttons.append(named_button("counselor", "request_counselor"))
        text = intro + "\n" + bullets(render.step_line(s) for s in steps)
        dispatcher.utter_message(text=text, buttons=dedupe_buttons(buttons))
        return [SlotSet("grade", float(grade))]
