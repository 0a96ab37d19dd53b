"""Free text → ranked O*NET occupations with a confidence.

Students name jobs the way they talk: "RN", "vet tech", "electrision", "someone who fixes cars",
"i wanna be a nurse". :func:`resolve_occupation` turns such text into ranked candidates drawn from
the knowledge base (O*NET titles, alternate, short and reported titles) and from a curated alias
file (``career_kb/aliases.csv``) of how students say things.

How it works
------------
An in-memory index is built once per process (and per KB version) from the database:

* every title becomes a *key*: its normalised tokens (lower case, punctuation dropped, plurals
  stripped, ``tech`` → ``technician`` and similar, filler words removed) as a sorted tuple, so word
  order does not matter ("Cooks, Restaurant" = "restaurant cook");
* an inverted index token → keys, with IDF weights, scores partial matches;
* unknown tokens are corrected against the vocabulary with ``rapidfuzz`` (misspellings).

A candidate's score multiplies how well the text matches one of its titles by the title's kind
(O*NET main title > "Shown in My Next Move" reported title > alternate title > other reported
title) and a small prior that prefers broad, common occupations (the ``.00`` code of a SOC code,
national employment from OEWS). A curated alias that matches the whole text wins outright.
"""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Indel
from sqlalchemy import select
from sqlalchemy.orm import Session

from career_kb import cache, codes
from career_kb import models as m
from career_kb.settings import ALIASES_PATH

# Status thresholds (scores are 0..~1).
UNKNOWN_BELOW = 0.42
CONFIDENT_FROM = 0.62
MARGIN = 0.86  # a runner-up scoring ≥ MARGIN × the top makes the result ambiguous

# Weights of the kinds of title a match came from.
KIND_WEIGHT = {
    "alias": 1.0,
    "title": 1.0,
    "title_part": 0.95,
    "reported_mnm": 0.93,
    "alternate": 0.88,
    "short": 0.88,
    "reported": 0.85,
}

# Words that carry no occupation meaning, dropped from both titles and questions.
STOP_WORDS = frozenset(
    """
    a an the of and or for to in on at as by with from is are am be been being become becoming
    i im me my mine you your we us it its this that these those who whom which what whats how
    does do did doing done would could should can will shall may might must want wanna gonna
    like love id ive dream someday grow up when future plan planning hope hoping
    tell about info explain describe know learn interested interest into kind type
    job jobs career careers profession occupation position role work working salary pay paid
    earn make makes much money get someone somebody person people guy girl lady man woman
    thinking think considering consider maybe really very so just also good best please
    there here then than some any all other else where near nearby
    """.split()
)
# "work" in "social work" is kept apart from "worker"; both sides lose it equally.

# Word variants folded onto one token on both sides.
SYNONYMS = {
    "tech": "technician",
    "techs": "technician",
    "technicians": "technician",
    "mgr": "manager",
    "asst": "assistant",
    "assoc": "associate",
    "admin": "administrator",
    "dev": "developer",
    "devs": "developer",
    "eng": "engineer",
    "engr": "engineer",
    "doc": "doctor",
    "dr": "doctor",
    "sr": "senior",
    "jr": "junior",
    "rep": "representative",
    "reps": "representative",
    "prof": "professor",
    "ed": "education",
    "gov": "government",
    "govt": "government",
    "&": "and",
    "women": "woman",
    "men": "man",
    "children": "child",
    "kids": "child",
    "kid": "child",
    "wanna": "want",
    "teach": "teacher",
    "teache": "teacher",
    "teaching": "teacher",
    "gotta": "got",
    "x-ray": "xray",
}

_TOKEN_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def _singular(token: str) -> str:
    """A cheap, consistent plural stripper (applied to titles and questions alike)."""
    if len(token) <= 3 or token.isdigit() or token.endswith(("ss", "us", "is")):
        return token
    if token.endswith("ies"):
        return token[:-3] + "y"
    if token.endswith(("ches", "shes", "sses", "xes", "zes")):
        return token[:-2]
    if token.endswith("s"):
        return token[:-1]
    return token


def _raw_tokens(text: str) -> list[str]:
    text = text.lower().replace("&", " and ").replace("x-ray", "xray").replace("’", "'")
    text = text.replace("e-commerce", "ecommerce").replace("9-1-1", "911")
    out = []
    for tok in _TOKEN_RE.findall(text):
        tok = tok.replace("'s", "").replace("'", "")
        if tok:
            out.append(tok)
    return out


def normalize_tokens(text: str, drop_stop_words: bool = True) -> list[str]:
    """Normalised tokens of ``text``: lower case, synonyms folded, plurals stripped, fillers dropped."""
    tokens = []
    for tok in _raw_tokens(text):
        if drop_stop_words and tok in STOP_WORDS:
            continue
        tok = SYNONYMS.get(tok, tok)
        tok = _singular(tok)
        tok = SYNONYMS.get(tok, tok)
        if drop_stop_words and tok in STOP_WORDS:
            continue
        tokens.append(tok)
    if not tokens and not drop_stop_words:
        return tokens
    if not tokens:  # a title made only of filler words keeps them
        return [SYNONYMS.get(_singular(t), _singular(t)) for t in _raw_tokens(text)]
    return tokens


def _key(tokens: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(tokens)))


# --- results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """One occupation a text may mean."""

    onet_code: str
    title: str  # the O*NET title
    score: float  # 0..1
    matched_title: str  # the title or alias the text matched


@dataclass(frozen=True)
class Resolution:
    """What a text resolved to.

    ``status``: ``exact`` (the text is a title or alias of the top candidate), ``confident`` (a clear
    best match), ``ambiguous`` (several plausible candidates: offer them as choices) or ``unknown``
    (nothing plausible; ``candidates`` may still hold the closest weak matches).
    """

    query: str
    status: str
    confidence: float
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def best(self) -> Candidate | None:
        """The top candidate, if any."""
        return self.candidates[0] if self.candidates else None


# --- the index ----------------------------------------------------------------------------------


class _Entry:
    __slots__ = ("code", "weight", "matched")

    def __init__(self, code: str, weight: float, matched: str):
        self.code = code
        self.weight = weight
        self.matched = matched


class OccupationIndex:
    """An in-memory title index over one KB version (build with :meth:`from_session`)."""

    def __init__(self) -> None:
        self.titles: dict[str, str] = {}  # onet_code -> O*NET title
        self.prior: dict[str, float] = {}  # onet_code -> 0.8..1.0
        self.key_ids: dict[tuple[str, ...], int] = {}
        self.key_tokens: list[tuple[str, ...]] = []
        self.key_entries: list[dict[str, _Entry]] = []
        self.key_weight: list[float] = []
        self.postings: dict[str, list[int]] = {}
        self.idf: dict[str, float] = {}
        self.df: dict[str, int] = {}
        self.alias_keys: dict[tuple[str, ...], list[_Entry]] = {}
        self.vocab_by_len: dict[int, list[str]] = {}
        self.vocab: set[str] = set()
        self.anagrams: dict[str, str] = {}

    # building ------------------------------------------------------------------------------

    def _add(self, text: str, code: str, kind: str, matched: str | None = None, factor: float = 1.0) -> None:
        if code not in self.titles:
            return
        tokens = normalize_tokens(text)
        if not tokens:
            return
        key = _key(tokens)
        kid = self.key_ids.get(key)
        if kid is None:
            kid = len(self.key_tokens)
            self.key_ids[key] = kid
            self.key_tokens.append(key)
            self.key_entries.append({})
        weight = KIND_WEIGHT[kind] * factor
        entries = self.key_entries[kid]
        old = entries.get(code)
        if old is None or old.weight < weight:
            entries[code] = _Entry(code, weight, matched or text)

    def _add_title_variants(self, title: str, code: str) -> None:
        """The O*NET title and the simpler names inside it ("Chefs and Head Cooks" → "Chefs", "Head Cooks")."""
        self._add(title, code, "title")
        base = title
        # "X, Except Y" / "X, All Other" / "X, Including Y": the part before is the name people use.
        cut = re.split(r",\s*(?:except|all other|including)\b", base, flags=re.I)[0]
        if cut != base:
            factor = 0.9 if "all other" in base.lower() else 1.0
            self._add(cut, code, "title_part", title, factor)
            base = cut
        # "A, B, and C" where every part is a plural noun phrase: each part names the occupation.
        parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", base) if p.strip()]
        if len(parts) > 1 and all(p.lower().endswith("s") for p in parts):
            for part in parts:
                self._add(part, code, "title_part", title)
        # "Cooks, Restaurant": the comma modifier is covered by the order-free key.

    def _add_alt(self, title: str, short: str | None, code: str, kind: str) -> None:
        self._add(title, code, kind)
        # "Registered Nurse (RN)" → "Registered Nurse" and "RN"
        match = re.match(r"^(.*?)\s*\(([^()]*)\)\s*(.*)$", title)
        if match:
            outside = (match.group(1) + " " + match.group(3)).strip()
            inside = match.group(2).strip()
            if outside:
                self._add(outside, code, kind, title)
            if inside:
                self._add(inside, code, kind, title)
        if short:
            self._add(short, code, "short", title)

    @classmethod
    def from_session(cls, session: Session, aliases_path: Path | None = ALIASES_PATH) -> OccupationIndex:
        """Build the index from the KB in ``session`` (and the curated alias file)."""
        self = cls()
        occ_rows = session.execute(
            select(m.Occupation.onet_code, m.Occupation.title, m.Occupation.soc_code, m.Occupation.is_data_level)
        ).all()
        employment = dict(
            session.execute(
                select(m.OccupationWage.soc_code, m.OccupationWage.employment).where(m.OccupationWage.area == "US")
            ).all()
        )
        top = max([e for e in employment.values() if e] or [1])
        for code, title, soc, data_level in occ_rows:
            self.titles[code] = title
            emp = employment.get(soc) or 0
            common = math.log10(emp + 1) / math.log10(top + 1) if emp else 0.0
            prior = 0.82 + 0.14 * common
            if code.endswith(".00"):
                prior += 0.04
            if not data_level:
                prior -= 0.03
            if "all other" in title.lower():
                prior -= 0.05
            self.prior[code] = prior
        for code, title, _soc, _dl in occ_rows:
            self._add_title_variants(title, code)
        alt_rows = session.execute(
            select(
                m.AlternateTitle.onet_code,
                m.AlternateTitle.title,
                m.AlternateTitle.short_title,
                m.AlternateTitle.kind,
                m.AlternateTitle.shown_in_my_next_move,
            )
        ).all()
        for code, title, short, kind, mnm in alt_rows:
            if kind == "reported":
                self._add_alt(title, short, code, "reported_mnm" if mnm else "reported")
            else:
                self._add_alt(title, short, code, "alternate")
        if aliases_path is not None and aliases_path.exists():
            self._load_aliases(aliases_path)
        self._finish()
        return self

    def _load_aliases(self, path: Path) -> None:
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(line for line in fh if not line.startswith("#")):
                alias = (row.get("alias") or "").strip()
                code = (row.get("onet_code") or "").strip()
                if not alias or code not in self.titles:
                    continue
                weight = float(row.get("weight") or 1.0)
                key = _key(normalize_tokens(alias))
                if not key:
                    continue
                self.alias_keys.setdefault(key, []).append(_Entry(code, weight, alias))
                self._add(alias, code, "alias", alias, weight)

    def _finish(self) -> None:
        postings: dict[str, list[int]] = defaultdict(list)
        for kid, key in enumerate(self.key_tokens):
            for tok in key:
                postings[tok].append(kid)
        n = len(self.key_tokens) or 1
        self.postings = dict(postings)
        self.df = {tok: len(ids) for tok, ids in postings.items()}
        self.idf = {tok: math.log(1.0 + n / df) for tok, df in self.df.items()}
        self.key_weight = [sum(self.idf[t] for t in key) for key in self.key_tokens]
        self.vocab = set(self.postings)
        by_len: dict[int, list[str]] = defaultdict(list)
        for tok in self.vocab:
            if len(tok) >= 3 and not tok.isdigit():
                by_len[len(tok)].append(tok)
        self.vocab_by_len = dict(by_len)
        anagrams: dict[str, str] = {}
        for tok in sorted(self.vocab, key=lambda t: -self.df[t]):
            anagrams.setdefault("".join(sorted(tok)), tok)
        self.anagrams = anagrams

    # querying ------------------------------------------------------------------------------

    def correct(self, token: str) -> str | None:
        """The vocabulary word closest to a misspelt ``token`` (None when nothing is close).

        Candidates come from ``rapidfuzz`` (similar length, ratio ≥ 70) and are ranked by edit
        distance (transpositions count once; a word with exactly the same letters in another order
        and the same first letter counts as one typo), then by insertions/deletions only (students
        drop letters more often than they change them), the same first letter, a same-letters word,
        and how common the word is in titles.
        """
        if len(token) < 4 or token.isdigit():
            return None
        choices: list[str] = []
        for length in range(len(token) - 2, len(token) + 3):
            choices.extend(self.vocab_by_len.get(length, ()))
        found = {f[0] for f in process.extract(token, choices, scorer=fuzz.ratio, score_cutoff=70, limit=8)}
        swapped = self.anagrams.get("".join(sorted(token))) if len(token) >= 5 else None
        if swapped is not None:
            found.add(swapped)
        if not found:
            return None
        allowed = 1 if len(token) <= 5 else 2 if len(token) <= 8 else 3

        def rank(word: str) -> tuple[int, int, int, int, int]:
            same_letters = word == swapped and word[0] == token[0]
            dist = 1 if same_letters else OSA.distance(token, word)
            indel = 1 if same_letters else Indel.distance(token, word)
            return (dist, indel, 0 if word[0] == token[0] else 1, 0 if same_letters else 1, -self.df.get(word, 0))

        best = min(found, key=rank)
        return best if rank(best)[0] <= allowed else None

    def _query_tokens(self, tokens: list[str]) -> tuple[list[str], int, int]:
        """Tokens after joining split words and correcting misspellings: (tokens, n corrected, n unknown)."""
        out: list[str] = []
        corrected = unknown = 0
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if i + 1 < len(tokens):
                joined = tok + tokens[i + 1]
                if joined in self.vocab and (
                    tok not in self.vocab or tokens[i + 1] not in self.vocab or self.df.get(joined, 0) >= 3
                ):
                    out.append(joined)
                    i += 2
                    continue
            if tok in self.vocab:
                out.append(tok)
            else:
                fixed = self.correct(tok)
                if fixed is None:
                    unknown += 1
                else:
                    out.append(fixed)
                    corrected += 1
            i += 1
        return out, corrected, unknown

    def score_tokens(self, tokens: list[str]) -> dict[int, float]:
        """Key id → match quality (0..1) of the query tokens against each key's tokens."""
        qset = list(dict.fromkeys(tokens))
        if not qset:
            return {}
        qweight = sum(self.idf.get(t, 0.0) for t in qset) or 1.0
        acc: dict[int, float] = {}
        for tok in sorted(qset, key=lambda t: self.df.get(t, 0)):
            ids = self.postings.get(tok)
            if not ids:
                continue
            w = self.idf[tok]
            if acc and len(ids) > 1000:
                # a very common word: only strengthen keys a rarer word already found
                for kid in acc:
                    if tok in self.key_tokens[kid]:
                        acc[kid] += w
            else:
                for kid in ids:
                    acc[kid] = acc.get(kid, 0.0) + w
        out: dict[int, float] = {}
        for kid, matched in acc.items():
            qcov = matched / qweight
            kcov = matched / self.key_weight[kid]
            out[kid] = qcov * qcov * (0.45 + 0.55 * kcov)
        return out

    def by_code(self, query: str, limit: int = 5) -> Resolution | None:
        """The occupation a typed code names ("15-1252", "29-1141.01"), or None when ``query`` has none.

        A SOC code with no ``.00`` occupation, or a BLS aggregate code ("31-1120"), offers the
        occupations it covers; a code the KB doesn't have is ``unknown`` when it is all the query says.
        """
        code = codes.find_onet_code(query)
        if code is None:
            return None
        if code in self.titles:
            return Resolution(query, "exact", 1.0, [Candidate(code, self.titles[code], 1.0, code)])
        soc = code[:7]
        covered = sorted(c for c in self.titles if soc in (c[:7], codes.bls_soc_code(c[:7])))[: max(limit, 1)]
        if covered:
            return Resolution(query, "ambiguous", 0.5, [Candidate(c, self.titles[c], 0.9, soc) for c in covered])
        return Resolution(query, "unknown", 0.0, []) if codes.onet_code(query) else None

    def resolve(self, text: str, limit: int = 5) -> Resolution:
        """Resolve ``text`` (see :func:`resolve_occupation`)."""
        query = (text or "").strip()
        typed = self.by_code(query, limit)
        if typed is not None:
            return typed
        tokens = normalize_tokens(query)
        if not tokens:
            return Resolution(query, "unknown", 0.0, [])
        key = _key(tokens)
        exact_kid = self.key_ids.get(key)
        alias = self.alias_keys.get(key)
        corrected = unknown = 0
        if exact_kid is None and alias is None:
            fixed, corrected, unknown = self._query_tokens(tokens)
            fkey = _key(fixed)
            if fkey and fkey in self.key_ids:
                exact_kid = self.key_ids[fkey]
                alias = self.alias_keys.get(fkey)
            tokens = fixed
        penalty = (0.96**corrected) * (0.75**unknown)

        best: dict[str, tuple[float, str]] = {}

        def offer(code: str, score: float, matched: str) -> None:
            old = best.get(code)
            if old is None or score > old[0]:
                best[code] = (score, matched)

        if alias:
            for entry in alias:
                offer(
                    entry.code, min(1.0, entry.weight) * penalty * (0.97 + 0.03 * self.prior[entry.code]), entry.matched
                )
        if exact_kid is not None:
            for entry in self.key_entries[exact_kid].values():
                offer(entry.code, entry.weight * self.prior[entry.code] * penalty, entry.matched)
        # partial matches (always, so near titles compete with a generic exact title)
        for kid, quality in self.score_tokens(tokens).items():
            if kid == exact_kid:
                continue
            q = quality * penalty
            if q < 0.2:
                continue
            for entry in self.key_entries[kid].values():
                offer(entry.code, q * entry.weight * self.prior[entry.code] * 0.97, entry.matched)
        if alias:
            alias_codes = {e.code for e in alias}
            for code in list(best):
                if code not in alias_codes:
                    best[code] = (best[code][0] * 0.8, best[code][1])
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))
        candidates = [
            Candidate(code, self.titles[code], round(min(score, 1.0), 4), matched)
            for code, (score, matched) in ranked[: max(limit, 1)]
        ]
        if not candidates:
            return Resolution(query, "unknown", 0.0, [])
        s1 = ranked[0][1][0]
        s2 = ranked[1][1][0] if len(ranked) > 1 else 0.0
        ratio = s2 / s1 if s1 else 1.0
        confidence = round(max(0.0, min(1.0, s1 * (1.0 - 0.6 * ratio**3))), 4)
        if s1 < UNKNOWN_BELOW:
            status = "unknown"
        elif ratio >= MARGIN:
            status = "ambiguous"
        elif (exact_kid is not None or alias) and corrected == 0 and unknown == 0:
            status = "exact"
        elif s1 >= CONFIDENT_FROM:
            status = "confident"
        else:
            status = "ambiguous"
        return Resolution(query, status, confidence, candidates)


# --- the process-wide cache ---------------------------------------------------------------------


def get_index(session: Session) -> OccupationIndex:
    """The cached index for this session's database, rebuilt when the KB version changes."""
    return cache.kb_cached(session, "occupation_index", OccupationIndex.from_session)


def clear_cache() -> None:
    """Forget every cached index (tests, or after an import in the same process)."""
    cache.clear()


def resolve_occupation(session: Session, text: str, limit: int = 5) -> Resolution:
    """Resolve free text ("RN", "vet tech", "electrision", "i wanna be a nurse") to occupations.

    Returns a :class:`Resolution` with up to ``limit`` ranked candidates, a status
    (``exact``/``confident``/``ambiguous``/``unknown``) and a confidence in 0..1.
    """
    return get_index(session).resolve(text, limit=limit)
