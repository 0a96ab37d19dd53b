"""The interest quiz in the chat: start (full or short), one question per turn with answer buttons,
stop and resume, start over, and the result in words and as a chart with careers that fit.

Thin adapters over :mod:`career_kb.answers.plan`; every text is in ``actions/wording/en.yml``
(``quiz.*``). Progress lives in the KB, so a student who leaves picks up where they stopped, in
another session or after a restart.
"""

from __future__ import annotations

import datetime as dt
import time

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import kb
from actions.context import current_grade, current_zip, entity, latest_text, slot, student_id
from actions.formatting import bullets, button, citation_text, join_words
from actions.wording import say
from career_kb.answers import plan
from career_kb.assessment import bank, links, matching, scoring, store
from career_kb.vocabulary import RIASEC_NAMES

#: Channels that show only text (no images or files); elsewhere (web widget, REST) pictures are sent.
TEXT_ONLY_CHANNELS = frozenset({"slack", "teams", "cmdline"})
#: The answer buttons' wording keys, in order.
ANSWER_KEYS = {"like": "quiz.like", "unsure": "quiz.unsure", "dislike": "quiz.dislike", store.SKIP: "quiz.skip"}


def shows_pictures(tracker: Tracker) -> bool:
    """Whether the student's channel can show an image or a file."""
    return (tracker.get_latest_input_channel() or "") not in TEXT_ONLY_CHANNELS


def area_names(code: str) -> str:
    """ "RIC" → "Realistic, Investigative and Conventional"."""
    return join_words([RIASEC_NAMES[a] for a in code])


def ask_item(dispatcher: CollectingDispatcher, progress: store.Progress) -> None:
    """Ask the next item with the answer buttons."""
    item = progress.next_item
    assert item is not None
    buttons = [button(say(key), "quiz_answer", quiz_answer=value) for value, key in ANSWER_KEYS.items()]
    buttons.append(button(say("quiz.stop"), "quiz_answer", quiz_answer="stop"))
    dispatcher.utter_message(
        text=say("quiz.question", position=progress.position + 1, total=progress.total, text=item.text),
        buttons=buttons,
    )


def _version_buttons() -> list[dict[str, str]]:
    return [
        button(say("quiz.full_button", count=len(bank.items_for("full"))), "take_quiz", quiz_version="full"),
        button(say("quiz.short_button", count=len(bank.items_for("short"))), "take_quiz", quiz_version="short"),
    ]


class ActionQuizStart(kb.KBAction):
    """Start the quiz, pick up where the student stopped, or offer the choice."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_quiz_start"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """``quiz_version``: full / short (start), resume (go on), restart (start over); none: ask."""
        sid = student_id(tracker)
        version = entity(tracker, "quiz_version")
        status = await kb.call(plan.quiz_status, sid)
        unfinished = status is not None and not status.done
        if version == "restart":
            version = status.version if status else "full"
        if version == "resume" and unfinished:
            assert status is not None
            ask_item(dispatcher, status)
        elif version in bank.VERSIONS:
            ask_item(dispatcher, await kb.call(plan.quiz_start, sid, version))
        elif unfinished:
            assert status is not None
            dispatcher.utter_message(
                text=say("quiz.resume_offer", position=status.position + 1, total=status.total),
                buttons=[
                    button(say("quiz.resume_button"), "take_quiz", quiz_version="resume"),
                    button(say("quiz.restart_button"), "take_quiz", quiz_version="restart"),
                    _version_buttons()[1],
                ],
            )
        else:
            dispatcher.utter_message(
                text=say("quiz.intro", full=len(bank.items_for("full")), short=len(bank.items_for("short"))),
                buttons=_version_buttons(),
            )
        return [SlotSet("student_id", sid)]


class ActionQuizAnswer(kb.KBAction):
    """Record an answer and ask the next question, or give the result after the last one."""

    def name(self) -> str:
        """The action's name in domain.yml."""
        return "action_quiz_answer"

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """``quiz_answer``: like / unsure / dislike / skip, or stop."""
        sid = student_id(tracker)
        value = entity(tracker, "quiz_answer") or scoring.parse_answer(latest_text(tracker))
        if value == "stop":
            dispatcher.utter_message(
                text=say("quiz.stopped"),
                buttons=[button(say("quiz.resume_button"), "take_quiz", quiz_version="resume")],
            )
            return []
        progress = await kb.call(plan.quiz_answer, sid, value) if value in ANSWER_KEYS else None
        if progress is None:
            status = await kb.call(plan.quiz_status, sid)
            if status is not None and not status.done:
                ask_item(dispatcher, status)  # an answer we could not read: ask the same question again
            else:
                dispatcher.utter_message(text=say("quiz.not_started"), buttons=_version_buttons())
            return []
        if not progress.done:
            ask_item(dispatcher, progress)
            return [SlotSet("student_id", sid)]
        return await send_result(dispatcher, tracker, sid)


async def send_result(dispatcher: CollectingDispatcher, tracker: Tracker, sid: str) -> list[EventType]:
    """The finished quiz: top areas in words, the chart (where pictures show), careers that fit."""
    school_id, zip_code = slot(tracker, "school_id"), current_zip(tracker)
    result = await kb.call(
        plan.quiz_result,
        sid,
        current_grade(tracker),
        school_id,
        zip_code,
        dt.date.today(),
        entity(tracker, "postsecondary_option"),
    )
    if result is None or scoring.is_flat(result.profile):
        dispatcher.utter_message(text=say("quiz.flat"), buttons=_version_buttons())
        return [SlotSet("student_id", sid)]
    profile = result.profile
    lines = [say("quiz.area_line", name=RIASEC_NAMES[a], gloss=say(f"riasec.gloss.{a}")) for a in profile.code]
    dispatcher.utter_message(
        text=say("quiz.result_heading", areas=area_names(profile.code), code=profile.code) + "\n" + bullets(lines)
    )
    if shows_pictures(tracker):
        dispatcher.utter_message(text=say("quiz.chart_alt"), image=links.chart_url(sid, time.time()))
    if result.matches:
        dispatcher.utter_message(
            text=say("quiz.careers_heading")
            + "\n"
            + bullets(career_lines(result.matches, result.onet_citation))
            + "\n"
            + say("quiz.not_a_verdict"),
            buttons=[
                button(
                    say("quiz.save_button", title=x.occupation.title),
                    "save_to_plan",
                    occupation_code=x.occupation.onet_code,
                )
                for x in result.matches[:3]
            ]
            + [button(say("buttons.show_plan"), "show_plan")],
        )
    return [SlotSet("student_id", sid), SlotSet("riasec_code", profile.code)]


def career_lines(matches: tuple[matching.Match, ...], citation: object) -> list[str]:
    """One line per matching career: why it fits (with the source), then a program and an opportunity."""
    onet = citation_text(citation)
    lines = []
    for x in matches:
        title = x.occupation.title
        text = (
            say("quiz.why", title=title, areas=area_names("".join(x.shared_areas)), onet=onet)
            if x.shared_areas
            else say("quiz.why_general", title=title, onet=onet)
        )
        extra = [say("quiz.program", school=p.school_name, program=p.name) for p in x.programs[:1]]
        extra += [say("quiz.opportunity", title=o.title) for o in x.opportunities[:1]]
        lines.append(" ".join([text, *extra]))
    return lines
