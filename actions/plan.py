"""The career plan in the chat: save ("add electricians", a kind of work-based learning, a cluster),
show (with next steps from the district's data), remove, "I did the job shadow", and print (a
one-page PDF where the channel can take a file, the plan as text elsewhere).

Thin adapters over :mod:`career_kb.answers.plan`; texts in ``actions/wording/en.yml`` (``plan.*``).
"""

from __future__ import annotations

import datetime as dt
import time

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions import kb
from actions.assessment import area_names, shows_pictures
from actions.context import current_grade, current_zip, entity, slot, student_id
from actions.formatting import bullets, button, citation_text, general_buttons, join_words, named_button
from actions.wording import say
from career_kb import students
from career_kb.answers import plan, profile
from career_kb.assessment import chart, export, links, steps, store
from career_kb.vocabulary import parse_opportunity_type

#: How each kind of suggested step is worded (career_kb/assessment/steps.py).
STEP_WORDING = {
    "course": "plan.step_texts.course",
    "course_later": "plan.step_texts.course_later",
    "apply": "plan.step_texts.apply",
    "career_class": "plan.step_texts.career_class",
    "counselor": "plan.step_texts.counselor",
    "counselor_no_office": "plan.step_texts.counselor_no_office",
}


def word_step(step: steps.PlanStep) -> str:
    """The text of a suggested step."""
    key = step.key
    if key == "course" and step.values.get("opens"):
        key = "course_later"
    if key == "counselor" and not step.values.get("office"):
        key = "counselor_no_office"
    return say(STEP_WORDING[key], **step.values)


def kind_name(kind: str) -> str:
    """ "job_shadow" → "job shadow" (the wording file's name of the type, lower case)."""
    name = say(f"opportunities.types.{kind}")
    return name[:1].lower() + name[1:]


def kinds_plural(kinds: tuple[str, ...] | list[str]) -> str:
    """("job_shadow", "internship") → "job shadows and internships"."""
    return join_words([say(f"opportunities.plurals.{k}") for k in kinds])


def plan_lines(view: plan.PlanView) -> list[str]:
    """The plan as lines of text: interests (or quiz progress), careers, cluster, WBL, steps."""
    p = view.plan
    lines = []
    if p.profile is not None and p.progress and p.progress.done:
        lines.append(say("plan.interest_areas", areas=area_names(p.profile.code), code=p.profile.code))
    elif p.progress is not None:
        lines.append(say("plan.quiz_unfinished", position=p.progress.position + 1, total=p.progress.total))
    if p.careers:
        lines.append(say("plan.careers") + "\n" + bullets(c.note or c.ref or "" for c in p.careers))
    if view.cluster_name:
        lines.append(
            say("plan.pathway", cluster=view.cluster_name, pathway=view.pathway_name)
            if view.pathway_name
            else say("plan.cluster", cluster=view.cluster_name)
        )
    if p.wbl_interests:
        lines.append(say("plan.wbl", kinds=kinds_plural(p.wbl_interests)))
    if p.steps:
        marks = [say("plan.step_done" if s.done else "plan.step_todo", text=s.note or s.ref) for s in p.steps]
        lines.append(say("plan.steps") + "\n" + bullets(marks))
    return lines


async def load_view(tracker: Tracker, sid: str) -> plan.PlanView:
    """The plan, with the suggested next steps worded and saved into it."""
    args = (sid, current_grade(tracker), slot(tracker, "school_id"), current_zip(tracker), dt.date.today())
    view = await kb.call(plan.plan_view, *args)
    if view.suggestions:
        await kb.call(plan.save_steps, sid, [(s.ref, word_step(s)) for s in view.suggestions])
        view = await kb.call(plan.plan_view, *args)
    return view


class ActionSaveToPlan(kb.KBAction):
    """Save a career (by button or by name), a kind of work-based learning or a cluster to the plan."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_save_to_plan"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """What the message names first; else the occupation of the conversation."""
        sid = student_id(tracker)
        code, name = entity(tracker, "occupation_code"), entity(tracker, "occupation")
        kind = parse_opportunity_type(entity(tracker, "opportunity_type"))
        cluster_text = entity(tracker, "cluster")
        if kind and not (code or name):
            kinds = await kb.call(plan.add_wbl_interest, sid, kind)
            dispatcher.utter_message(
                text=say("plan.saved_wbl", kinds=kinds_plural(kinds or ())),
                buttons=[named_button("show_plan", "show_plan"), named_button("wbl", "ask_wbl")],
            )
            return [SlotSet("student_id", sid)]
        if cluster_text and not (code or name):
            cluster = await kb.call(plan.choose_cluster, sid, cluster_text)
            if cluster is not None:
                dispatcher.utter_message(
                    text=say("plan.saved_cluster", cluster=cluster.name),
                    buttons=[named_button("show_plan", "show_plan")],
                )
                return [SlotSet("student_id", sid), SlotSet("cluster_id", cluster.cluster_id)]
        if not (code or name):
            code = slot(tracker, "occupation_code")
        if not (code or name):
            dispatcher.utter_message(text=say("plan.nothing_to_save"), buttons=general_buttons(3))
            return []
        details, created = await kb.call(plan.add_career, sid, code, name)
        if details is None:
            dispatcher.utter_message(text=say("plan.unknown_career"), buttons=general_buttons(3))
            return []
        dispatcher.utter_message(
            text=say("plan.saved" if created else "plan.already_saved", title=details.title),
            buttons=[
                named_button("show_plan", "show_plan"),
                named_button("next_step", "ask_next_step"),
                named_button("how_to_get_there", "ask_pathway", occupation_code=details.onet_code),
                named_button("similar", "ask_similar", occupation_code=details.onet_code),
            ],
        )
        return [
            SlotSet("student_id", sid),
            SlotSet("occupation_code", details.onet_code),
            SlotSet("occupation_title", details.title),
        ]


def remembered_lines(remembered: profile.Remembered) -> list[str]:
    """The profile facts the KB keeps, one line each (empty when nothing is kept)."""
    p = remembered.profile
    if p is None:
        return []
    lines = []
    if p.grade is not None:
        lines.append(say("plan.known_grade", grade=p.grade))
    if remembered.school is not None:
        lines.append(say("plan.known_school", school=remembered.school.name))
    if p.zip:
        lines.append(say("plan.known_zip", zip=p.zip, state=p.state or ""))
    if p.interests:
        lines.append(say("plan.known_interests", interests=join_words(list(p.interests))))
    if p.riasec_code:
        lines.append(say("plan.known_riasec", code=p.riasec_code))
    return lines


class ActionShowPlan(kb.KBAction):
    """Show what is remembered about the student, then the whole plan: interest areas, saved careers,
    cluster, WBL interests and next steps ("show my plan", "what do you know about me?")."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_show_plan"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """The plan as text, with buttons to look at saved careers, print it, or take the quiz."""
        sid = student_id(tracker)
        known = remembered_lines(await kb.call(profile.everything_remembered, sid))
        if known:
            dispatcher.utter_message(
                text=say("plan.known_heading") + "\n" + bullets(known) + "\n" + say("plan.known_conversation")
            )
        view = await load_view(tracker, sid)
        if view.plan.is_empty:
            dispatcher.utter_message(
                text=say("plan.empty"), buttons=[button(say("plan.take_quiz"), "take_quiz"), *general_buttons(2)]
            )
            return [SlotSet("student_id", sid)]
        buttons = [
            button(say("plan.about", title=c.note or c.ref), "ask_occupation_info", occupation_code=c.ref)
            for c in view.plan.careers[:2]
            if c.ref
        ]
        buttons.append(button(say("plan.print"), "export_plan"))
        if not (view.plan.progress and view.plan.progress.done):
            buttons.append(button(say("plan.take_quiz"), "take_quiz"))
        buttons.append(named_button("counselor", "request_counselor"))
        dispatcher.utter_message(text=say("plan.heading") + "\n" + "\n".join(plan_lines(view)), buttons=buttons)
        return [SlotSet("student_id", sid)]


class ActionRemoveFromPlan(kb.KBAction):
    """Remove a saved career ("remove electricians from my plan")."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_remove_from_plan"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Remove the career named by button or by name; without one, offer the saved careers."""
        sid = student_id(tracker)
        code, name = entity(tracker, "occupation_code"), entity(tracker, "occupation")
        title = await kb.call(plan.remove_career, sid, code, name) if code or name else None
        if title:
            dispatcher.utter_message(
                text=say("plan.removed", title=title), buttons=[named_button("show_plan", "show_plan")]
            )
            return [SlotSet("student_id", sid)]
        view = await kb.call(store.load_plan, sid)
        buttons = [
            button(say("plan.remove_button", title=c.note or c.ref), "remove_from_plan", occupation_code=c.ref)
            for c in view.careers[:5]
            if c.ref
        ]
        key = "plan.not_in_plan" if code or name else "plan.what_to_remove"
        dispatcher.utter_message(
            text=say(key if buttons else "plan.empty"), buttons=buttons or [button(say("plan.take_quiz"), "take_quiz")]
        )
        return [SlotSet("student_id", sid)]


class ActionStepDone(kb.KBAction):
    """ "I did the job shadow": mark that step done (or add it, done)."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_step_done"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Mark the step for the kind of opportunity named; without one, ask which kind."""
        sid = student_id(tracker)
        kind = parse_opportunity_type(entity(tracker, "opportunity_type"))
        if kind is None:
            dispatcher.utter_message(
                text=say("plan.step_which"),
                buttons=[
                    button(say("plan.did_kind", kind=kind_name(k)), "step_done", opportunity_type=k)
                    for k in ("job_shadow", "internship", "career_fair", "field_trip")
                ],
            )
            return [SlotSet("student_id", sid)]
        item, existed = await kb.call(plan.step_done, sid, kind)
        if existed and item is not None:
            dispatcher.utter_message(
                text=say("plan.step_marked_done", text=item.note or item.ref),
                buttons=[named_button("show_plan", "show_plan")],
            )
        else:
            await kb.call(plan.record_done, sid, kind, say("plan.did_kind", kind=kind_name(kind)))
            dispatcher.utter_message(
                text=say("plan.step_recorded", kind=kind_name(kind)), buttons=[named_button("show_plan", "show_plan")]
            )
        return [SlotSet("student_id", sid)]


class ActionExportPlan(kb.KBAction):
    """A link to the printable one-page plan (PDF); the plan as text where links to it can't open."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_export_plan"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Save the suggested steps, then send the signed link (:mod:`career_kb.assessment.links`)."""
        sid = student_id(tracker)
        view = await load_view(tracker, sid)
        if view.plan.is_empty:
            dispatcher.utter_message(text=say("plan.print_empty"), buttons=[button(say("plan.take_quiz"), "take_quiz")])
            return [SlotSet("student_id", sid)]
        if not shows_pictures(tracker):
            dispatcher.utter_message(text=say("plan.print_elsewhere") + "\n" + "\n".join(plan_lines(view)))
            return [SlotSet("student_id", sid)]
        dispatcher.utter_message(
            text=say("plan.print_ready"),
            buttons=[{"title": say("plan.print_open"), "url": links.sheet_url(sid, time.time()), "type": "web_url"}],
        )
        return [SlotSet("student_id", sid)]


def render_chart(session: Session, sid: str) -> bytes | None:
    """The student's quiz chart (PNG), or None without a finished quiz."""
    profile = store.result(session, sid)
    if profile is None:
        return None
    return chart.profile_png(profile.scores, profile.code, say("plan.sheet.chart_title"), say("plan.sheet.chart_scale"))


def render_sheet(session: Session, sid: str, today: dt.date) -> bytes | None:
    """The student's printable plan (PDF), or None when the plan is empty."""
    remembered = students.get_profile(session, sid)
    grade = remembered.grade if remembered else None
    view = plan.plan_view(session, sid, grade, None, None, today)
    if view.plan.is_empty:
        return None
    onet = citation_text(plan.onet_citation(session))
    return export.render_pdf(plan_sheet(view, onet, today))


def plan_sheet(view: plan.PlanView, onet: str, today: dt.date) -> export.Sheet:
    """The printable page's texts (nothing that names or reaches the student)."""
    p = view.plan
    sections = []
    png = None
    if p.profile is not None and p.progress and p.progress.done:
        sections.append(
            export.Section(
                say("plan.sheet.interests"),
                (say("plan.interest_areas", areas=area_names(p.profile.code), code=p.profile.code),),
            )
        )
        png = chart.profile_png(
            p.profile.scores, p.profile.code, say("plan.sheet.chart_title"), say("plan.sheet.chart_scale")
        )
    if p.careers:
        sections.append(export.Section(say("plan.sheet.careers"), tuple(c.note or c.ref or "" for c in p.careers)))
    if view.cluster_name:
        sections.append(export.Section(say("plan.sheet.cluster"), (view.cluster_name,)))
    if p.wbl_interests:
        sections.append(export.Section(say("plan.sheet.wbl"), tuple(kind_name(k) for k in p.wbl_interests)))
    if p.steps:
        sections.append(
            export.Section(
                say("plan.sheet.steps"),
                tuple(say("plan.step_done" if s.done else "plan.step_todo", text=s.note or s.ref) for s in p.steps),
            )
        )
    return export.Sheet(
        title=say("plan.sheet.title"),
        subtitle=say("plan.sheet.made_on", date=today.strftime("%B %d, %Y").replace(" 0", " ")),
        sections=tuple(sections),
        chart_png=png,
        footer=say("plan.sheet.footer", onet=onet),
    )
