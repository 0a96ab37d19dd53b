"""What ``make eval-dialogue`` asks and how it judges a reply (no Rasa imports; run by :mod:`bot.eval_dialogue`).

Two sets:

* **held-out titles**: every HELD-OUT title of :func:`career_kb.title_split.make_split` (titles no
  training example contains) asked in :data:`PER_TITLE` of the :data:`FORMS` (the question forms of
  issue 8: duties, pay, pay in a state, education, outlook, similar jobs, how to become, near me,
  "what is a", "tell me about", bare title, misspelled title, "is … a good job", "jobs like"),
  each a new conversation. Forms go round robin over the titles, and each form's wording is picked
  by a hash of the title among its variants; "near me" starts with the student's ZIP code already
  known (the sample district's), as after the profile questions.
* **free-form**: ``tests/eval/freeform/*.yml`` (format in tests/eval/README.md), messages written
  by people who never saw the training data, each with the expected intent and/or answer.

A reply is classified from the turn's tracker events (:func:`classify`): ``right`` (the answer set
``occupation_code`` to the expected code, or its only occupation button is that code), ``choice``
(buttons offering several occupations including it), ``wrong`` (another occupation), ``faq``
(an FAQ or chit-chat answer), ``fallback`` ("Sorry, I didn't get that") or ``other`` (anything
else, e.g. a profile question).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from career_kb.title_split import SplitTitle

#: How many forms each held-out title is asked in.
PER_TITLE = 2
#: The state the pay-in-a-state form names (name, postal code), by title hash.
STATES = (("ohio", "OH"), ("texas", "TX"), ("california", "CA"), ("iowa", "IA"), ("new york", "NY"), ("georgia", "GA"))
#: The sample district's ZIP code and state, known before a "near me" question.
NEAR_ME_PROFILE = {"zip": "50315", "state": "IA"}

#: form → wording variants: ``{a}`` "a/an title", ``{t}`` title, ``{p}`` plural, ``{s}`` state, ``{x}`` misspelt.
FORMS: dict[str, tuple[str, ...]] = {
    "duties": ("what does {a} do?", "what do {p} do at work", "what does {a} do all day"),
    "pay": ("how much does {a} make?", "what's the salary for {a}", "how much do {p} get paid"),
    "pay_state": ("how much do {p} make in {s}?", "{t} salary in {s}", "what does {a} earn in {s}"),
    "education": ("what education does {a} need?", "what degree do i need to be {a}", "do {p} need college"),
    "outlook": ("what's the job outlook for {p}?", "are {p} in demand", "will there be jobs for {p}"),
    "similar": ("what jobs are similar to {t}?", "careers like {t}", "what else is like being {a}"),
    "become": ("how do i become {a}?", "how to become {a}", "steps to become {a}"),
    "near_me": ("{t} programs near me", "classes near me for becoming {a}", "where can i train to be {a} near me"),
    "what_is": ("what is {a}?", "what's {a}", "what is {a} exactly"),
    "tell_me_about": ("tell me about {p}", "tell me about being {a}", "can you tell me about {p}"),
    "bare": ("{t}", "{t}?", "{p}"),
    "misspelled": ("{x}", "what does a {x} do", "{x}?"),
    "good_job": ("is {t} a good job?", "is being {a} a good career", "is {t} a good job to have"),
    "jobs_like": ("jobs like {t}", "jobs like {p}?", "any jobs like {t}"),
}

KINDS = ("right", "choice", "wrong", "faq", "fallback", "other")
FALLBACK_ACTIONS = frozenset({"utter_default", "action_default_fallback"})
FAQ_ACTIONS = frozenset({"utter_faq", "utter_chitchat"})
_CODE = re.compile(r'"occupation_code"\s*:\s*"([0-9]{2}-[0-9]{4}\.[0-9]{2})"')


@dataclass(frozen=True)
class Case:
    """One message to send in a new conversation, and what it should get."""

    form: str
    text: str
    onet_code: str | None = None  # the occupation the answer should be about
    intent: str | None = None  # the expected intent (free-form set), e.g. "faq/financial_aid"
    answer: str | None = None  # the expected kind of answer (free-form set), one of KINDS or "faq"
    slots: dict[str, str] = field(default_factory=dict)  # known before the message


def _hash(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)


def _article(phrase: str) -> str:
    return f"{'an' if phrase[:1] in 'aeiou' else 'a'} {phrase}"


def misspell(title: str) -> str:
    """The title with one typo in its longest word: a dropped, doubled or swapped letter (by hash)."""
    words = title.split()
    i = max(range(len(words)), key=lambda k: (len(words[k]), -k))
    word = words[i]
    if len(word) < 5:
        return title
    h = _hash(title)
    pos = 1 + h % (len(word) - 3)  # never the first letter, never the last two
    kind = (h // 7) % 3
    if kind == 0:
        word = word[:pos] + word[pos + 1 :]
    elif kind == 1:
        word = word[:pos] + word[pos] + word[pos:]
    else:
        word = word[:pos] + word[pos + 1] + word[pos] + word[pos + 2 :]
    return " ".join(words[:i] + [word] + words[i + 1 :])


def fill(template: str, title: str, state: str) -> str:
    """A form's wording filled for ``title`` (lower case, as students type)."""
    from bot.spacy_kb import plural

    low = title.lower()
    return template.format(a=_article(low), t=low, p=plural(low), s=state, x=misspell(low))


def title_cases(titles: tuple[SplitTitle, ...], per_title: int = PER_TITLE) -> list[Case]:
    """The held-out-title cases: ``per_title`` forms per title, forms round robin."""
    names = list(FORMS)
    cases = []
    for n, title in enumerate(titles):
        h = _hash(title.title.lower())
        for k in range(per_title):
            form = names[(n * per_title + k) % len(names)]
            variants = FORMS[form]
            variant = variants[_hash(f"{form}\0{title.title.lower()}") % len(variants)]
            text = fill(variant, title.title, STATES[h % len(STATES)][0])
            slots = dict(NEAR_ME_PROFILE) if form == "near_me" else {}
            cases.append(Case(form, text, onet_code=title.onet_code, slots=slots))
    return cases


def load_freeform(directory: Path) -> list[Case]:
    """The free-form cases in ``directory/*.yml`` (none when it is missing or empty)."""
    cases = []
    for path in sorted(directory.glob("*.yml")) if directory.is_dir() else []:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for n, item in enumerate(data.get("messages") or []):
            where = f"{path.name} item {n + 1}"
            if not isinstance(item, dict) or not str(item.get("text") or "").strip():
                raise ValueError(f"{where}: every message needs a 'text'")
            if not (item.get("intent") or item.get("answer")):
                raise ValueError(f"{where}: give an expected 'intent' or 'answer'")
            if item.get("answer") and item["answer"] not in KINDS:
                raise ValueError(f"{where}: 'answer' must be one of {', '.join(KINDS)}")
            if item.get("answer") in ("right", "choice") and not item.get("occupation"):
                raise ValueError(f"{where}: answer '{item['answer']}' needs the 'occupation' code")
            cases.append(
                Case(
                    path.stem,
                    str(item["text"]),
                    onet_code=item.get("occupation"),
                    intent=item.get("intent"),
                    answer=item.get("answer"),
                    slots={k: str(v) for k, v in (item.get("slots") or {}).items()},
                )
            )
    return cases


@dataclass(frozen=True)
class Turn:
    """What one message got: the intent (with the retrieval intent), actions, slots set, button codes."""

    intent: str | None
    actions: tuple[str, ...]
    occupation_slot: str | None
    button_codes: tuple[str, ...]


def turn_from_events(events: list[dict[str, Any]]) -> Turn:
    """The last user turn of a tracker's events (dicts as ``tracker.current_state()`` gives them)."""
    start = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    intent = None
    if start >= 0:
        parse = events[start].get("parse_data") or {}
        intent = (parse.get("intent") or {}).get("name")
        retrieval = ((parse.get("response_selector") or {}).get(intent or "") or {}).get("response") or {}
        if retrieval.get("intent_response_key"):
            intent = retrieval["intent_response_key"]
    actions, slot, codes = [], None, []
    for event in events[start + 1 :]:
        kind = event.get("event")
        if kind == "action" and event.get("name") not in (None, "action_listen"):
            actions.append(event["name"])
        elif kind == "slot" and event.get("name") == "occupation_code" and event.get("value"):
            slot = event["value"]
        elif kind == "bot":
            for button in (event.get("data") or {}).get("buttons") or []:
                codes += _CODE.findall(str(button.get("payload") or ""))
    return Turn(intent, tuple(actions), slot, tuple(dict.fromkeys(codes)))


def classify(turn: Turn, expected_code: str | None) -> str:
    """One of :data:`KINDS` for the reply (see the module docstring)."""
    if any(a in FALLBACK_ACTIONS for a in turn.actions):
        return "fallback"
    if any(a in FAQ_ACTIONS for a in turn.actions):
        return "faq"
    if turn.occupation_slot:
        return "right" if turn.occupation_slot == expected_code else "wrong"
    if expected_code and turn.button_codes == (expected_code,):
        return "right"
    if expected_code and expected_code in turn.button_codes:
        return "choice"
    if turn.button_codes:
        return "wrong"
    return "other"


def freeform_passed(case: Case, turn: Turn) -> bool:
    """Whether a free-form case got its expected intent and/or answer."""
    if case.intent and turn.intent != case.intent and (turn.intent or "").split("/")[0] != case.intent:
        return False
    if case.answer:
        kind = classify(turn, case.onet_code)
        return kind == case.answer or (case.answer == "choice" and kind == "right")
    return True


def as_json(rows: list[tuple[Case, Turn, str]]) -> str:
    """Results as JSON lines (case, turn, kind), for a report file."""
    out = []
    for case, turn, kind in rows:
        out.append(
            json.dumps(
                {"form": case.form, "text": case.text, "expected": case.onet_code or case.intent, "kind": kind}
                | {"intent": turn.intent, "actions": list(turn.actions), "occupation": turn.occupation_slot},
                ensure_ascii=False,
            )
        )
    return "\n".join(out) + "\n"
