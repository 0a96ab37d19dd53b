"""Build the spaCy pipeline that finds knowledge-base names in a student's message.

The Rasa pipeline (``config.yml``) loads it with ``SpacyNLP`` (``model: models/spacy_kb``) and
reads its entities with ``SpacyEntityExtractor``. It is ``spacy.blank("en")`` plus one
``span_ruler`` (spaCy's ``SpanRuler`` writing ``doc.ents``) whose phrase patterns come from the knowledge base:

========== ==============================================================================
label      patterns
========== ==============================================================================
occupation O*NET titles, alternate/short/reported titles of up to 4 words, ``career_kb/aliases.csv``,
           with simple plurals ("nurse" → "nurses") of titles, aliases and alternate titles of up to
           3 words
cluster    the 16 career cluster names (and "&" → "and"), plus a few everyday names
           ("health care", "IT", "tech")
program    the district's CTE program names
partner    the district's partner names
school     the district's school names (and "Riverbend High" for "Riverbend High School")
========== ==============================================================================

Why a ``SpanRuler`` and not an ``EntityRuler``: spaCy 3.4's ``EntityRuler`` keeps a ``Doc`` per phrase
pattern (``phrase_patterns``) for as long as the pipeline lives, about 5 KB each; with ~90k patterns
that is ~430 MB of the Rasa server's memory. The ``SpanRuler`` keeps only the pattern dicts and the
``PhraseMatcher``'s trie, and finds the same entities (longest match wins, then the earliest). Longer
or plural forms of rare alternate titles are left to the actions' whole-message resolution
(:func:`career_kb.resolve`).

Matching ignores case (``phrase_matcher_attr: LOWER``), except for short all-capital acronyms
("IT", "CNA"), which must be typed in capitals unless a student alias says otherwise. Each pattern
carries the KB id (``ent_id_``): O*NET-SOC code, cluster id, program/partner/school id.

The pipeline's ``meta.json`` holds ``kb_patterns_sha256``, a hash of all patterns, so callers can
tell whether the KB changed since the pipeline was written (``--if-changed`` skips an unchanged
rebuild). Run ``python -m bot.spacy_kb [--out DIR]``; the KB is ``DATABASE_URL`` or the embedded
SQLite file (see :mod:`career_kb.settings`).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from career_kb.models import AlternateTitle, CareerCluster, CteProgram, Occupation, Partner, School
from career_kb.settings import ALIASES_PATH, SPACY_KB_DIR
from career_kb.vocabulary import CLUSTER_NAMES

#: Alternate titles with this many words or more are not patterns (students don't type them).
LONG_ALTERNATE_WORDS = 5

#: Alternate titles longer than this many words get no plural pattern.
PLURAL_MAX_WORDS = 3

#: Changes whenever the pipeline's layout changes, so ``--if-changed`` rebuilds an old layout.
RULER_FORMAT = "span_ruler-v1"

#: Default output directory (git-ignored): the path config.yml loads.
DEFAULT_OUT = SPACY_KB_DIR

#: Entity labels this pipeline can emit, in order of precedence when two labels share a phrase:
#: a field name ("construction") is a cluster; a program named like a job ("Pharmacy Technician")
#: is an occupation, so "what does a pharmacy technician do" works (programs can be found by it).
LABELS = ("school", "partner", "cluster", "occupation", "program")

#: The meta.json key holding the patterns' hash.
HASH_KEY = "kb_patterns_sha256"


#: Single words that are O*NET titles but mostly mean something else in a student's sentence.
COMMON_WORDS = frozenset(
    """
    agent anchor applicator apprentice blaster blender boarder bolter booker buffer burner caller carrier caster
    checker chief chipper climber closer comic compressor converter cooler counsel counter crater cutter dealer
    dresser fallers feeder filler flumer grader grinder guide hanger helper hiker host infantry loader mapper mate
    melter mixer model owner picker planer presser printer proofer pumper receiver roaster roller sander scaler
    searcher seater sewer sheeter slitter sorter spinner spotter spreader stapler taper tender waxer winder wrapper
    associate assistant worker laborer operator specialist technician manager director consultant officer
    """.split()
)

#: Aliases too short or too common to match as words ("it" is everywhere); kept for the resolver.
ALIAS_STOP = frozenset(
    {"it", "ma", "pa", "pi", "ot", "pt", "sub", "ref", "band", "alias", "boss", "retail", "army", "marine"}
)

#: Endings that mark a single word as a person's job title ("biologist", "electrician").
_PERSON_ENDINGS = (
    "ist",
    "ian",
    "man",
    "woman",
    "person",
    "smith",
    "wright",
    "grapher",
    "logist",
    "eer",
    "ier",
    "ant",
    "ent",
    "er",
    "or",
)

_PARENS = re.compile(r"\s*\([^)]*\)")
_SPACES = re.compile(r"\s+")
_ACRONYM = re.compile(r"^[A-Z0-9&.\-]{2,6}$")


def clean_name(text: str | None) -> str:
    """A display name as a phrase: parentheses ("(fictional)", "(CNA)") dropped, spaces squeezed."""
    if not text:
        return ""
    return _SPACES.sub(" ", _PARENS.sub("", text)).strip(" ,;-")


def plural(phrase: str) -> str:
    """A simple English plural of the phrase's last word ("nurse" → "nurses", "salesman" → "salesmen")."""
    head, _, last = phrase.rpartition(" ")
    low = last.lower()
    if not last or not last[-1].isalpha():
        return phrase
    if low.endswith("man") and not low.endswith(("human", "shaman")):
        word = last[:-3] + ("men" if last[-3:].islower() else "MEN")
    elif low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        word = last[:-1] + "ies"
    elif low.endswith(("s", "x", "z", "ch", "sh")):
        word = last + "es"
    else:
        word = last + "s"
    return f"{head} {word}" if head else word


def _is_person_word(word: str) -> bool:
    low = word.lower()
    return low.endswith(_PERSON_ENDINGS) and low not in COMMON_WORDS


def _usable_title(title: str) -> bool:
    """Whether a KB title makes a sensible phrase pattern (no inverted "Aide, Nursing" forms)."""
    return bool(title) and "," not in title and "/" not in title and len(title.split()) <= 6 and len(title) >= 2


def _phrase_variants(title: str, with_plural: bool = True) -> list[str]:
    variants = [title]
    if "&" in title:
        variants.append(_SPACES.sub(" ", title.replace("&", " and ")))
    if with_plural:
        variants += [plural(v) for v in list(variants)]
    return list(dict.fromkeys(variants))


def _pattern(label: str, phrase: str, ident: str) -> dict:
    """One ruler pattern: case-insensitive phrase, or an exact token for a capital acronym."""
    if _ACRONYM.match(phrase) and any(c.isalpha() for c in phrase):
        return {"label": label, "pattern": [{"ORTH": phrase}], "id": ident}
    return {"label": label, "pattern": phrase, "id": ident}


def _read_aliases(path: Path) -> Iterator[tuple[str, str]]:
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(line for line in handle if not line.lstrip().startswith("#"))
        for row in rows:
            if len(row) >= 2 and row[0].strip() and row[0].strip().lower() != "alias":
                yield row[0].strip(), row[1].strip()


def _occupation_phrases(session: Session, aliases_path: Path | None) -> Iterator[tuple[str, str, bool]]:
    """(phrase, onet_code, with_plural) for every usable occupation name."""
    for code, title in session.execute(select(Occupation.onet_code, Occupation.title)):
        title = clean_name(title)
        if _usable_title(title):
            yield title, code, True
    query = select(AlternateTitle.onet_code, AlternateTitle.title, AlternateTitle.short_title, AlternateTitle.kind)
    for code, title, short, kind in session.execute(query):
        for name in (clean_name(title), (short or "").strip()):
            if not _usable_title(name) or len(name.split()) >= LONG_ALTERNATE_WORDS:
                continue
            if " " not in name and not _ACRONYM.match(name):
                # one word: keep what workers call themselves and clear person nouns only
                if name.lower() in COMMON_WORDS or not (kind == "reported" or _is_person_word(name)):
                    continue
            yield name, code, not _ACRONYM.match(name) and len(name.split()) <= PLURAL_MAX_WORDS
    if aliases_path is not None:
        for alias, code in _read_aliases(aliases_path):
            if alias.lower() not in ALIAS_STOP and len(alias) >= 2:
                yield alias.lower(), code, True


def build_patterns(session: Session, aliases_path: Path | None = ALIASES_PATH) -> list[dict]:
    """All ruler patterns for the KB in ``session``, deduplicated and in a stable order.

    A phrase gets one label only; when two kinds of names share a phrase, the earlier label in
    :data:`LABELS` wins (a school named like a cluster stays a school, a program named like an
    occupation is tagged ``occupation``). An occupation phrase that
    several O*NET codes share keeps the first code in sorted order (the resolver offers the others).
    """
    by_label: dict[str, list[tuple[str, str]]] = {label: [] for label in LABELS}

    for ident, name in session.execute(select(School.id, School.name)):
        name = clean_name(name)
        variants = [name]
        if name.lower().endswith(" school"):
            variants.append(name[: -len(" school")])  # "Riverbend High School" -> "Riverbend High"
        by_label["school"] += [(v, ident) for v in variants]
    for ident, name in session.execute(select(Partner.id, Partner.name)):
        by_label["partner"] += [(v, ident) for v in _phrase_variants(clean_name(name), with_plural=False)]
    for ident, name in session.execute(select(CteProgram.id, CteProgram.name)):
        by_label["program"] += [(v, ident) for v in _phrase_variants(clean_name(name), with_plural=False)]
    for ident, name in session.execute(select(CareerCluster.id, CareerCluster.name)):
        phrases = _phrase_variants(clean_name(name), with_plural=False) + list(
            CLUSTER_NAMES[ident].phrases if ident in CLUSTER_NAMES else ()
        )
        by_label["cluster"] += [(p, ident) for p in phrases]
    for phrase, code, with_plural in _occupation_phrases(session, aliases_path):
        by_label["occupation"] += [(v, code) for v in _phrase_variants(phrase, with_plural)]

    patterns: list[dict] = []
    taken: set[str] = set()
    for label in LABELS:
        for phrase, ident in sorted(set(by_label[label]), key=lambda pi: (pi[0].lower(), pi[1], pi[0])):
            key = phrase if _ACRONYM.match(phrase) else phrase.lower()
            if not phrase or key in taken:
                continue
            taken.add(key)
            patterns.append(_pattern(label, phrase, ident))
    return patterns


def patterns_hash(patterns: Iterable[dict]) -> str:
    """SHA-256 over the pipeline layout (:data:`RULER_FORMAT`) and the patterns (order-sensitive)."""
    digest = hashlib.sha256()
    digest.update(RULER_FORMAT.encode("utf-8") + b"\n")
    for pattern in patterns:
        digest.update(json.dumps(pattern, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def build_nlp(patterns: list[dict]):
    """A ``spacy.blank("en")`` pipeline with one case-insensitive ruler over ``patterns``.

    The ruler is a ``SpanRuler`` that sets ``doc.ents`` (not ``doc.spans``) and replaces any
    entities already there, keeping the longest non-overlapping matches, as an
    ``EntityRuler`` with ``overwrite_ents`` would, at a fraction of its memory.
    """
    import spacy
    from spacy.pipeline import SpanRuler

    nlp = spacy.blank("en")
    config = {
        "spans_key": None,
        "annotate_ents": True,
        "overwrite": True,
        "phrase_matcher_attr": "LOWER",
        "validate": False,
    }
    ruler = nlp.add_pipe("span_ruler", name="kb_ruler", config=config)
    assert isinstance(ruler, SpanRuler)
    ruler.add_patterns(patterns)
    nlp.meta["name"] = "career_kb_ruler"
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = "Knowledge-base entity ruler for the career-guidance assistant (generated)"
    nlp.meta["labels"] = {"kb_ruler": list(LABELS)}
    nlp.meta[HASH_KEY] = patterns_hash(patterns)
    nlp.meta["kb_pattern_counts"] = {label: sum(1 for p in patterns if p["label"] == label) for label in LABELS}
    return nlp


def stored_hash(out_dir: Path | str) -> str | None:
    """The patterns' hash recorded in ``out_dir/meta.json``, or ``None`` when there is no pipeline."""
    meta = Path(out_dir) / "meta.json"
    try:
        return json.loads(meta.read_text(encoding="utf-8")).get(HASH_KEY)
    except (OSError, ValueError):
        return None


def write_pipeline(session: Session, out_dir: Path | str = DEFAULT_OUT, if_changed: bool = False) -> tuple[bool, dict]:
    """Build the pipeline from the KB and write it to ``out_dir``.

    Returns ``(written, meta)``; with ``if_changed`` an existing pipeline built from the same
    patterns is left alone (``written`` is False).
    """
    out_dir = Path(out_dir)
    patterns = build_patterns(session)
    digest = patterns_hash(patterns)
    if if_changed and stored_hash(out_dir) == digest:
        return False, json.loads((out_dir / "meta.json").read_text(encoding="utf-8"))
    nlp = build_nlp(patterns)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.with_name(out_dir.name + ".tmp")
    nlp.to_disk(tmp)
    if out_dir.exists():
        import shutil

        shutil.rmtree(out_dir)
    tmp.rename(out_dir)
    return True, nlp.meta


def main(argv: list[str] | None = None) -> int:
    """``python -m bot.spacy_kb [--out DIR] [--if-changed]``: write the KB entity ruler pipeline."""
    parser = argparse.ArgumentParser(prog="python -m bot.spacy_kb", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="output directory")
    parser.add_argument("--if-changed", action="store_true", help="do nothing when the KB's patterns are unchanged")
    args = parser.parse_args(argv)

    from career_kb.db import session_scope

    started = time.perf_counter()
    with session_scope() as session:
        written, meta = write_pipeline(session, args.out, if_changed=args.if_changed)
    counts = ", ".join(f"{n:,} {label}" for label, n in meta.get("kb_pattern_counts", {}).items())
    verb = "wrote" if written else "unchanged:"
    print(
        f"{verb} {args.out} ({counts}; patterns {meta.get(HASH_KEY, '')[:12]}) in {time.perf_counter() - started:.1f}s"
    )
    if not any(meta.get("kb_pattern_counts", {}).values()):
        print("warning: the knowledge base has no names; build it first (career-kb build)", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
