"""Dialogue state read from the tracker's events: what the conversation is about, what was just offered.

Pure functions over a tracker's ``events`` (the dicts Rasa sends the action server) and slots; no
knowledge base, no dispatcher, so policies' helpers and actions can share them:

* :func:`subject_stack`: the current subject (an occupation, cluster, program or school, from the
  ``SlotSet`` events that remember them) and up to :data:`STACK_DEPTH` earlier ones, newest first,
  so "go back to nurses" can find an earlier job (:func:`go_back`);
* :func:`last_offered`: the choices of the latest bot message that offered a list (its buttons
  carrying an occupation, cluster, program or school), so :func:`pick_from` can resolve "the first
  one", "the second one", "that last one", "number 3";
* :func:`topic_switch`: whether a message drops the current subject ("forget that", "something else").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: How many earlier subjects are kept besides the current one.
STACK_DEPTH = 3
#: Slot → subject kind; the title slot that names it, when there is one.
SUBJECT_SLOTS = {
    "occupation_code": ("occupation", "occupation_title"),
    "cluster_id": ("cluster", None),
    "program_id": ("program", None),
    "school_id": ("school", "school"),
}
#: Button entities that make a button an offered choice, and the subject kind each names.
CHOICE_ENTITIES = {
    "occupation_code": "occupation",
    "cluster_id": "cluster",
    "program_id": "program",
    "school_id": "school",
}
#: Ordinal words → position (1-based); "last" is resolved against the list's length.
ORDINALS = {
    "first": 1,
    "1st": 1,
    "one": 1,
    "second": 2,
    "2nd": 2,
    "two": 2,
    "third": 3,
    "3rd": 3,
    "three": 3,
    "fourth": 4,
    "4th": 4,
    "four": 4,
    "fifth": 5,
    "5th": 5,
    "five": 5,
    "sixth": 6,
    "6th": 6,
    "six": 6,
}
#: Phrases that drop the current subject.
TOPIC_SWITCHES = (
    "forget that",
    "forget it",
    "forget about that",
    "never mind",
    "nevermind",
    "nvm",
    "something else",
    "anything else",
    "different topic",
    "another topic",
    "new topic",
    "change the subject",
    "change of subject",
    "talk about something else",
    "start over",
    "not that",
    "moving on",
    "let's move on",
)
#: Phrases that go back to an earlier subject.
GO_BACK = (
    "go back to",
    "go back",
    "back to",
    "return to",
    "the one before",
    "the previous one",
    "what about the earlier",
)

_B, _E = r"(?<![a-z0-9'])", r"(?![a-z0-9'])"
_SWITCH_RE = re.compile(_B + "(?:" + "|".join(re.escape(p) for p in TOPIC_SWITCHES) + ")" + _E)
_GO_BACK_RE = re.compile(_B + "(?:" + "|".join(re.escape(p) for p in GO_BACK) + ")" + _E)
_ORD = "(" + "|".join(ORDINALS) + r"|\d|last)"
#: The forms that point into a list: "the first one", "that last one" anywhere; "option 2", "number 3",
#: "#2" anywhere; an ordinal ending the message ("tell me about the 2nd", "first", "3"). "the first step"
#: or "my last job" point at nothing.
_REFERENCE_RES = (
    re.compile(_B + r"(?:the|that|this)\s+(?:very\s+)?" + _ORD + r"\s+one" + _E),
    re.compile(_B + r"(?:option|number|no\.|#)\s*" + _ORD + _E),
    re.compile(r"(?:^|" + _B + r"(?:the|that)\s+)" + _ORD + r"(?:\s+one)?(?:\s+(?:please|pls|plz))?[\s.!?]*$"),
)
_PAYLOAD_RE = re.compile(r"^/(?P<intent>[A-Za-z0-9_]+)(?P<entities>\{.*\})?$", re.DOTALL)


@dataclass(frozen=True)
class Subject:
    """What the conversation is about: ``kind`` ("occupation", "cluster", "program", "school"), its key, a title."""

    kind: str
    key: str
    title: str | None = None


@dataclass(frozen=True)
class SubjectStack:
    """The current subject and the earlier ones (newest first, at most :data:`STACK_DEPTH`)."""

    current: Subject | None
    earlier: tuple[Subject, ...] = ()


@dataclass(frozen=True)
class Offer:
    """One choice of an offered list: the button's title, payload, intent and entities."""

    title: str
    payload: str
    intent: str
    entities: Mapping[str, Any]

    @property
    def subject(self) -> Subject | None:
        """The subject this choice names."""
        for name, kind in CHOICE_ENTITIES.items():
            if self.entities.get(name):
                return Subject(kind, str(self.entities[name]), self.title)
        return None


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").lower().replace("\u2019", "'")).strip()


def _slot_sets(events: Iterable[Mapping[str, Any]]) -> list[tuple[str, Any]]:
    return [(str(e.get("name")), e.get("value")) for e in events if e.get("event") == "slot"]


def subject_stack(events: Iterable[Mapping[str, Any]], slots: Mapping[str, Any] | None = None) -> SubjectStack:
    """The subjects set by the ``SlotSet`` events in ``events`` (see the module docstring).

    A subject slot set to the same value again stays where it is; one set back to an earlier value
    moves to the top; the current subject's slot set to None ends it (it stays in ``earlier``, so
    "go back" still finds it). ``slots`` (the tracker's current
    slots) names the current subject when the events hold no ``SlotSet`` for it.
    """
    current: Subject | None = None
    earlier: list[Subject] = []
    seen_any = False
    for name, value in _slot_sets(events):
        if name in ("occupation_title", "school"):
            kind = "occupation" if name == "occupation_title" else "school"
            if current is not None and current.kind == kind and value:
                current = Subject(current.kind, current.key, value)
            continue
        if name not in SUBJECT_SLOTS:
            continue
        seen_any = True
        kind = SUBJECT_SLOTS[name][0]
        if value in (None, ""):
            if current is not None and current.kind == kind:
                earlier = [current] + [s for s in earlier if s != current]
                current = None
            continue
        subject = Subject(kind, str(value))
        if current is not None and (current.kind, current.key) == (subject.kind, subject.key):
            continue
        old = next((s for s in earlier if (s.kind, s.key) == (subject.kind, subject.key)), None)
        subject = old or subject
        earlier = [s for s in earlier if s is not old]
        if current is not None:
            earlier.insert(0, current)
        current = subject
    if not seen_any and slots:
        found = _from_slots(slots)
        current = found[0] if found else None
    return SubjectStack(current, tuple(earlier[:STACK_DEPTH]))


def _from_slots(slots: Mapping[str, Any]) -> list[Subject]:
    for name, (kind, title_slot) in SUBJECT_SLOTS.items():
        if slots.get(name):
            return [Subject(kind, str(slots[name]), slots.get(title_slot) if title_slot else None)]
    return []


def parse_payload(payload: str) -> tuple[str, dict[str, Any]] | None:
    """``/ask_pay{"occupation_code":"29-1141.00"}`` → ("ask_pay", {...}); None for text that is no payload."""
    m = _PAYLOAD_RE.match((payload or "").strip())
    if not m:
        return None
    entities: dict[str, Any] = {}
    if m.group("entities"):
        try:
            loaded = json.loads(m.group("entities"))
        except ValueError:
            return None
        entities = loaded if isinstance(loaded, dict) else {}
    return m.group("intent"), entities


def _offers(buttons: Iterable[Mapping[str, Any]]) -> list[Offer]:
    offers = []
    for b in buttons:
        parsed = parse_payload(str(b.get("payload") or ""))
        if parsed is None:
            continue
        intent, entities = parsed
        offer = Offer(str(b.get("title") or ""), str(b.get("payload")), intent, entities)
        if offer.subject is not None:
            offers.append(offer)
    return offers


def last_offered(events: Iterable[Mapping[str, Any]]) -> tuple[Offer, ...]:
    """The choices of the latest bot message that offered two or more subjects, or () when none did."""
    for event in reversed(list(events)):
        if event.get("event") != "bot":
            continue
        data = event.get("data") or {}
        offers = _offers(data.get("buttons") or [])
        if len(offers) >= 2:
            return tuple(offers)
    return ()


def list_position(text: str, length: int) -> int | None:
    """The 1-based position a message points at in a list of ``length`` ("the second one" → 2), or None."""
    norm = _norm(text)
    if not norm or length <= 0:
        return None
    for pattern in _REFERENCE_RES:
        m = pattern.search(norm)
        if m:
            word = m.group(1)
            pos = length if word == "last" else int(word) if word.isdigit() else ORDINALS[word]
            return pos if 1 <= pos <= length else None
    return None


def pick_from(text: str, offered: tuple[Offer, ...]) -> Offer | None:
    """The offered choice ``text`` points at ("the first one", "that last one"), or None."""
    pos = list_position(text, len(offered))
    return offered[pos - 1] if pos else None


def topic_switch(text: str) -> bool:
    """Whether the message drops the current subject ("forget that", "let's talk about something else")."""
    return bool(_SWITCH_RE.search(_norm(text)))


def go_back(text: str, stack: SubjectStack) -> Subject | None:
    """The earlier subject a message returns to: one whose title it names, else the one just before."""
    norm = _norm(text)
    if not _GO_BACK_RE.search(norm) or not stack.earlier:
        return None
    words = set(re.findall(r"[a-z]+", norm))
    for subject in stack.earlier:
        title_words = {w.rstrip("s") for w in re.findall(r"[a-z]+", _norm(subject.title))}
        if title_words and title_words & {w.rstrip("s") for w in words} - {"the", "and", "of", "to", "back", "go"}:
            return subject
    return stack.earlier[0]
