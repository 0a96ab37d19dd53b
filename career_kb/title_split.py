"""A seeded split of O*NET alternate and reported titles into TRAIN and HELD-OUT titles.

Why: the intent model must learn the shape of a question ("what does a … do"), not the words of
the job titles in its examples. Training examples are generated over the TRAIN titles
(:mod:`bot.nlu_generate`); the HELD-OUT titles appear in no training example (checked by
``tests/bot/test_title_split.py``) and are what ``make eval-dialogue`` asks about, so the figures
it prints are for job names the model never saw.

How the split is made (deterministic: same KB and :data:`SEED`, same split):

1. Eligible titles: alternate and worker-reported titles of data-level occupations (those with a
   job zone), of 1 to 4 plain words (letters, spaces, hyphens, apostrophes), whose normalised
   words (:func:`career_kb.resolve.normalize_tokens`) name only one occupation in the KB (not
   another occupation's alternate title), are no O*NET title themselves ("Data Scientist"), and not in
   :data:`EXCLUDED` (names the hand-written training data and held-out NLU set use).
2. Each occupation's eligible titles are ordered: worker-reported titles first (how people name
   their job), then by a SHA-256 of the seed and the title.
3. HELD-OUT: for every occupation, the first :data:`HELDOUT_PER_OCCUPATION` titles in that order
   that the resolver alone maps to the occupation (its best candidate, or among the candidates of
   an ``ambiguous`` result): the eval measures the conversation, not the resolver. One title per occupation
   spreads the set over every job zone and career cluster.
4. TRAIN: the next :data:`TRAIN_PER_OCCUPATION` titles of each occupation that contain no held-out
   title's words as a phrase.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from career_kb import models as m
from career_kb.resolve import normalize_tokens, resolve_occupation

#: The seed of the split. Changing it changes both sets (and so the generated training data).
SEED = "career-guide/title-split/v1"
HELDOUT_PER_OCCUPATION = 1
TRAIN_PER_OCCUPATION = 1
MAX_WORDS = 4

#: Names never held out: they are in the hand-written training data or the held-out NLU set.
EXCLUDED = frozenset(
    """
    nurse teacher doctor vet engineer pilot chef counselor cashier lawyer welder plumber
    electrician mechanic programmer youtuber paralegal dentist
    """.split()
)

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z' -]*[A-Za-z]$")


@dataclass(frozen=True)
class SplitTitle:
    """One title of the split, with the occupation it names."""

    title: str
    onet_code: str
    kind: str  # "alternate" | "reported"
    job_zone: int


@dataclass(frozen=True)
class TitleSplit:
    """The two sets: ``heldout`` never appears in training examples; ``train`` may."""

    heldout: tuple[SplitTitle, ...]
    train: tuple[SplitTitle, ...]


def _rank(title: str) -> str:
    return hashlib.sha256(f"{SEED}\0{title.lower()}".encode()).hexdigest()


def _key(title: str) -> tuple[str, ...]:
    return tuple(sorted(set(normalize_tokens(title))))


def _plain(title: str) -> bool:
    return bool(_PLAIN.match(title)) and 1 <= len(title.split()) <= MAX_WORDS and "  " not in title


def _candidates(session: Session) -> dict[str, list[SplitTitle]]:
    """Eligible titles per occupation code, each occupation's list in seeded order."""
    zones = dict(session.execute(select(m.Occupation.onet_code, m.Occupation.job_zone)).all())
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    main_titles = set()
    for code, title in session.execute(select(m.Occupation.onet_code, m.Occupation.title)):
        main_titles.add(_key(title))
        owners[_key(title)].add(code)
    rows = session.execute(select(m.AlternateTitle.onet_code, m.AlternateTitle.title, m.AlternateTitle.kind)).all()
    for code, title, _kind in rows:
        owners[_key(title)].add(code)
    by_code: dict[str, dict[str, SplitTitle]] = defaultdict(dict)
    for code, title, kind in rows:
        title = title.strip()
        zone = zones.get(code)
        if not zone or not _plain(title) or title.lower() in EXCLUDED:
            continue
        if owners[_key(title)] != {code} or _key(title) in main_titles:
            continue
        old = by_code[code].get(title.lower())
        if old is None or (kind == "reported" and old.kind != "reported"):
            by_code[code][title.lower()] = SplitTitle(title, code, kind, int(zone))
    return {
        code: sorted(titles.values(), key=lambda t: (t.kind != "reported", _rank(t.title)))
        for code, titles in by_code.items()
    }


def _contains_phrase(text: str, phrase: str) -> bool:
    return re.search(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", text) is not None


def make_split(session: Session) -> TitleSplit:
    """The split for the KB in ``session`` (see the module docstring)."""
    candidates = _candidates(session)
    heldout: list[SplitTitle] = []
    rest: list[SplitTitle] = []
    for code in sorted(candidates):
        chosen = 0
        for title in candidates[code]:
            if chosen < HELDOUT_PER_OCCUPATION and _resolves_to(session, title):
                heldout.append(title)
                chosen += 1
            else:
                rest.append(title)
    held_phrases = [t.title.lower() for t in heldout]
    train: list[SplitTitle] = []
    taken: dict[str, int] = defaultdict(int)
    for title in rest:
        low = title.title.lower()
        if taken[title.onet_code] >= TRAIN_PER_OCCUPATION:
            continue
        if any(_contains_phrase(low, phrase) for phrase in held_phrases if phrase in low):
            continue
        train.append(title)
        taken[title.onet_code] += 1
    return TitleSplit(tuple(heldout), tuple(train))


def _resolves_to(session: Session, title: SplitTitle) -> bool:
    res = resolve_occupation(session, title.title, limit=5)
    if res.best is None or res.status == "unknown":
        return False
    if res.status == "ambiguous":
        return title.onet_code in {c.onet_code for c in res.candidates}
    return res.best.onet_code == title.onet_code
