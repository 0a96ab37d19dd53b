"""Likes and dislikes in a student's own words, with negation, contrast, corrections and Holland codes.

:func:`parse_interests` reads one message into an :class:`InterestParse`: what the student likes,
what they dislike, a Holland code typed directly ("my code is SIA", "RIA") and whether the message
corrects the last one ("no, i meant drawing"). It needs no database: the words come from
:data:`career_kb.interests.INTEREST_TERMS` (the one table of interest words), the six RIASEC names
(:data:`career_kb.vocabulary.RIASEC_NAMES`) and, for an activity the table doesn't know, the words
after a like/dislike cue ("i hate blood" → "blood"), which :mod:`career_kb.interest_match` looks up
in O*NET's own titles and descriptions.

How polarity is decided, clause by clause (clauses end at punctuation and at contrast words such as
"but", "though", "instead"):

* the nearest cue before a phrase decides: a like cue ("love", "into", "good at") or a dislike cue
  (:data:`career_kb.interests.NEGATIONS` plus :data:`DISLIKE_CUES`); a negation just before a like
  cue ("not really into", "don't like") is a dislike;
* a cue after the phrase counts when none comes before ("math is boring");
* a clause with no cue keeps the previous clause's polarity after a comma ("i hate math, science")
  and flips it after a contrast word ("i don't like math but drawing");
* "anything but X" and "except X" dislike X.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from career_kb.interests import INTEREST_TERMS, LETTER_WEIGHTS, NEGATIONS
from career_kb.vocabulary import RIASEC, RIASEC_NAMES

#: Dislike cues beyond the negations of :mod:`career_kb.interests` (which also mean "not this").
DISLIKE_CUES = (
    "cannot stand",
    "not a fan of",
    "not into",
    "sick of",
    "tired of",
    "scared of",
    "afraid of",
    "grossed out by",
    "avoid",
    "rather not",
    "no way",
    "ugh",
    "without",
    "anything but",
    "anything except",
    "anything other than",
    "except",
    "other than",
    "besides",
    "not for me",
)
#: Cues after a phrase that dislike it ("math is boring", "blood grosses me out").
AFTER_DISLIKE_CUES = ("boring", "sucks", "is the worst", "gross", "grosses me out", "not for me", "isn't for me")
#: Like cues ("i love drawing", "into video games").
LIKE_CUES = (
    "like",
    "likes",
    "liked",
    "love",
    "loves",
    "enjoy",
    "enjoys",
    "into",
    "fan of",
    "good at",
    "interested in",
    "passionate about",
    "want to",
    "wanna",
    "prefer",
    "favorite",
    "favourite",
    "obsessed with",
    "i'm about",
)
#: Words that start a new clause and reverse its polarity when it has no cue of its own.
CONTRAST_WORDS = ("but", "though", "although", "however", "whereas", "while", "instead", "yet", "rather")
#: Openings that make a message a correction of the previous one ("no, i meant drawing").
CORRECTION_CUES = (
    "i meant",
    "what i meant",
    "i said",
    "actually",
    "scratch that",
    "correction",
    "not what i said",
    "you got it wrong",
    "that's wrong",
    "thats wrong",
)
#: Filler words dropped from a free activity phrase ("i hate blood" → "blood").
_FILLER = frozenset(
    "i i'm im a an the to of my me really just so very much kind sort stuff things thing doing do be being "
    "with at in on for and or it that this is are was all any lot lots too also".split()
)

_NAMES = {name.lower(): letter for letter, name in RIASEC_NAMES.items()}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_B = r"(?<![a-z0-9'])"
_E = r"(?![a-z0-9'])"
_NEG_RE = re.compile(_B + "(" + _alternation(NEGATIONS) + ")" + _E)
_DISLIKE_RE = re.compile(_B + "(" + _alternation(DISLIKE_CUES + ("hate", "hates", "dislike", "dislikes")) + ")" + _E)
_LIKE_RE = re.compile(_B + "(" + _alternation(LIKE_CUES) + ")" + _E)
_AFTER_RE = re.compile(_B + "(" + _alternation(AFTER_DISLIKE_CUES) + ")" + _E)
_SPLIT_RE = re.compile(r"([.;!?,]|" + _B + "(?:" + _alternation(CONTRAST_WORDS) + ")" + _E + ")")
_CORRECTION_RE = re.compile(
    r"^\W*(?:(?:no+|nope|nah|sorry|oops|wait|hmm)\W+)*(?:" + _alternation(CORRECTION_CUES) + r")" + _E + r"\W*"
    r"|^\W*(?:no+|nope|nah|sorry|oops|wait)\W+i mean" + _E + r"\W*"  # "i mean" alone may be "i mean it"
)
_CODE_CUE_RE = re.compile(r"(?i)\b(?:holland\s+)?code\s*(?:is|=|:|was)?\s*([riasec]{2,3})\b")
_BARE_CODE_RE = re.compile(r"(?<![A-Za-z])([RIASEC]{3})(?![A-Za-z])")
_ONLY_CODE_RE = re.compile(r"(?i)^\W*([riasec]{2,3})\W*$")
_TERM_PATTERNS = [
    (p, re.compile(_B + re.escape(p) + r"(?:e?s)?" + _E))
    for p in sorted(list(INTEREST_TERMS) + list(_NAMES), key=lambda p: (-len(p), p))
]
_WORDS_RE = re.compile(r"[a-z][a-z'-]*")


@dataclass(frozen=True)
class Stated:
    """One thing the student named: the phrase, its RIASEC letters ("" when the table doesn't know it)
    and how it was found: ``"term"`` (the interest table), ``"riasec"`` (a RIASEC name such as
    "artistic") or ``"activity"`` (free words after a cue, to look up in O*NET's text)."""

    phrase: str
    letters: str
    kind: str


@dataclass(frozen=True)
class InterestParse:
    """What one message says about the student's interests."""

    likes: tuple[Stated, ...] = ()
    dislikes: tuple[Stated, ...] = ()
    holland: str = ""  # a Holland code typed directly, upper case ("SIA")
    correction: bool = False  # the message corrects the previous one ("no, i meant ...")

    @property
    def empty(self) -> bool:
        """Whether nothing about interests was found."""
        return not (self.likes or self.dislikes or self.holland)

    def like_scores(self) -> dict[str, float]:
        """Letter weights of the likes (first letter 1, second 0.5, third 0.25) plus the typed code (3, 2, 1)."""
        return _weights(self.likes, self.holland)

    def dislike_scores(self) -> dict[str, float]:
        """Letter weights of the dislikes: what should push careers down."""
        return _weights(self.dislikes, "")

    def code(self, letters: int = 3) -> str:
        """The high-point code of the likes (the typed code when there is one); "" when none."""
        if self.holland:
            return self.holland
        scores = self.like_scores()
        order = "".join(s.letters for s in self.likes)
        ranked = sorted(
            (c for c in RIASEC if scores[c] > 0),
            key=lambda c: (-scores[c], order.index(c) if c in order else 99, RIASEC.index(c)),
        )
        return "".join(ranked[:letters])


def _weights(items: tuple[Stated, ...], holland: str) -> dict[str, float]:
    scores = dict.fromkeys(RIASEC, 0.0)
    for item in items:
        for weight, letter in zip(LETTER_WEIGHTS, item.letters, strict=False):
            scores[letter] += weight
    for weight, letter in zip((3.0, 2.0, 1.0), holland, strict=False):
        scores[letter] += weight
    return scores


def _normalise(text: str) -> str:
    text = (text or "").lower().replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip()


def typed_code(text: str) -> str:
    """A Holland code the student typed: "my code is SIA", "RIA", "sia" alone → "SIA"; else ""."""
    raw = text or ""
    for pattern in (_CODE_CUE_RE, _ONLY_CODE_RE, _BARE_CODE_RE):
        m = pattern.search(raw)
        if m:
            code = m.group(1).upper()
            if len(set(code)) == len(code):
                return code
    return ""


def strip_correction(text: str) -> tuple[str, bool]:
    """``text`` without a leading correction ("no, i meant drawing" → "drawing") and whether it had one."""
    norm = _normalise(text)
    m = _CORRECTION_RE.match(norm)
    if not m:
        return norm, False
    return norm[m.end() :], True


def _cues(clause: str) -> list[tuple[int, int, str]]:
    """(start, end, polarity) of every cue in ``clause``, "dislike" for a negated like cue."""
    found: list[tuple[int, int, str]] = []
    for m in _DISLIKE_RE.finditer(clause):
        found.append((m.start(), m.end(), "dislike"))
    for m in _NEG_RE.finditer(clause):
        if not any(s <= m.start() < e for s, e, _ in found):
            found.append((m.start(), m.end(), "dislike"))
    negs = sorted(found)
    for m in _LIKE_RE.finditer(clause):
        if any(s <= m.start() < e for s, e, _ in negs):
            continue
        negated = any(0 <= m.start() - e <= 12 for s, e, _ in negs)  # "not really into", "don't like"
        found.append((m.start(), m.end(), "dislike" if negated else "like"))
    return sorted(found)


def _phrases(clause: str) -> list[tuple[int, int, Stated]]:
    """Interest-table terms and RIASEC names in ``clause``, longest first, without overlaps."""
    taken = [False] * len(clause)
    out = []
    for phrase, pattern in _TERM_PATTERNS:
        for m in pattern.finditer(clause):
            if any(taken[m.start() : m.end()]):
                continue
            for i in range(m.start(), m.end()):
                taken[i] = True
            if phrase in INTEREST_TERMS:
                out.append((m.start(), m.end(), Stated(phrase, INTEREST_TERMS[phrase], "term")))
            else:
                out.append((m.start(), m.end(), Stated(phrase, _NAMES[phrase], "riasec")))
    return sorted(out, key=lambda t: t[0])


def _free_activity(clause: str, cue_end: int) -> Stated | None:
    """The words after the last cue as an activity to look up ("i hate blood" → "blood"), if any."""
    words = [w for w in _WORDS_RE.findall(clause[cue_end:]) if w not in _FILLER]
    if not words or _LIKE_RE.fullmatch(words[0]) or _DISLIKE_RE.fullmatch(words[0]):
        return None
    return Stated(" ".join(words[:4]), "", "activity")


def _clause_items(clause: str, default: str) -> tuple[list[tuple[Stated, str]], str | None]:
    """Each thing named in ``clause`` with its polarity, and the clause's own polarity (None: no cue)."""
    cues = _cues(clause)
    phrases = _phrases(clause)
    after = [m.start() for m in _AFTER_RE.finditer(clause)]
    items: list[tuple[Stated, str]] = []
    for start, _, stated in phrases:
        before = [pol for s, e, pol in cues if e <= start]
        if before:
            items.append((stated, before[-1]))
        elif any(a > start for a in after):
            items.append((stated, "dislike"))
        else:
            later = [pol for s, _, pol in cues if s > start]
            items.append((stated, later[0] if later else default))
    if not phrases and cues:
        s, e, pol = cues[-1]
        free = _free_activity(clause, e)
        if free:
            items.append((free, pol))
    own = cues[-1][2] if cues else ("dislike" if after else None)
    return items, own


def _clauses(text: str) -> list[tuple[str, bool]]:
    """The clauses of ``text`` and whether each one follows a contrast word."""
    parts = _SPLIT_RE.split(text)
    out: list[tuple[str, bool]] = []
    contrast = False
    for part in parts:
        stripped = part.strip()
        if not stripped:
            continue
        if _SPLIT_RE.fullmatch(stripped):
            contrast = contrast or stripped not in ".;!?,"
            continue
        out.append((stripped, contrast))
        contrast = False
    return out


def _rewrite(text: str) -> str:
    """Contrast words that are really dislike cues ("anything but X") lose their clause-splitting role."""
    text = re.sub(r"\banything (?:but|except|other than)\b", "anything_but", text)
    return re.sub(r"\bexcept(?: for)?\b", "anything_but", text).replace("anything_but", "anything but")


def parse_interests(text: str) -> InterestParse:
    """Likes, dislikes, a typed Holland code and a correction flag for one message (see the module docstring)."""
    holland = typed_code(text)
    body, correction = strip_correction(text)
    body = _rewrite(body)
    likes: list[Stated] = []
    dislikes: list[Stated] = []
    polarity = "like"
    for clause, after_contrast in _split_keeping_anything_but(body):
        default = ("dislike" if polarity == "like" else "like") if after_contrast else polarity
        items, own = _clause_items(clause, default)
        for stated, pol in items:
            if holland and stated.kind == "activity" and typed_code(stated.phrase):
                continue
            target = likes if pol == "like" else dislikes
            if all(s.phrase != stated.phrase for s in likes + dislikes):
                target.append(stated)
        polarity = own or (items[-1][1] if items else default)
    return InterestParse(tuple(likes), tuple(dislikes), holland, correction)


def _split_keeping_anything_but(body: str) -> list[tuple[str, bool]]:
    """:func:`_clauses`, with "anything but" protected from the split on "but"."""
    protected = body.replace("anything but", "anything\u0001")
    return [(c.replace("anything\u0001", "anything but"), contrast) for c, contrast in _clauses(protected)]
