"""The seeded title split: held-out titles are many, spread out, and never in the training data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot import nlu_generate
from career_kb.queries import clusters_for_occupations
from career_kb.title_split import make_split

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def split(sqlite_kb_engine):
    from career_kb.db import session_factory

    session = session_factory(sqlite_kb_engine)()
    try:
        yield make_split(session)
    finally:
        session.close()


def _phrase_in(phrase: str, text: str) -> bool:
    return re.search(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", text) is not None


def test_heldout_has_at_least_800_titles_over_every_job_zone(split):
    assert len(split.heldout) >= 800
    assert {t.job_zone for t in split.heldout} == {1, 2, 3, 4, 5}
    assert len({t.onet_code for t in split.heldout}) == len(split.heldout)  # one title per occupation


def test_heldout_spans_every_career_cluster(split, sqlite_kb_session):
    clusters = set()
    for title in split.heldout:
        clusters.update(clusters_for_occupations(sqlite_kb_session, [title.onet_code]))
    assert len(clusters) == 16


def test_heldout_and_train_do_not_share_titles(split):
    held = {t.title.lower() for t in split.heldout}
    assert held.isdisjoint({t.title.lower() for t in split.train})


def test_split_is_fixed_by_the_seed(split, sqlite_kb_session):
    again = make_split(sqlite_kb_session)
    assert again == split
    # worker-reported titles in O*NET's "Sample of Reported Titles.txt" for these occupations
    by_code = {t.onet_code: t.title for t in split.heldout}
    assert by_code["11-1011.00"] == "Executive Director"
    assert by_code["11-1031.00"] == "Congresswoman"


def test_no_heldout_title_occurs_in_the_training_data(split):
    files = sorted((ROOT / "data").rglob("*.yml"))
    assert ROOT / "data" / "nlu" / "generated.yml" in files
    text = "\n".join(f.read_text(encoding="utf-8").lower() for f in files)
    leaked = [t.title for t in split.heldout if _phrase_in(t.title.lower(), text)]
    leaked += [t.title for t in split.heldout if _phrase_in(nlu_generate.plural_title(t.title.lower()), text)]
    assert leaked == []


def test_generated_examples_are_up_to_date(split):
    expected = nlu_generate.generate(split.train, nlu_generate.state_names())
    assert (ROOT / "data" / "nlu" / "generated.yml").read_text(encoding="utf-8") == expected
    assert 300 <= expected.count("\n    - ") <= 600
