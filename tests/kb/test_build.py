"""build(): the knowledge base from the repository alone, on SQLite and PostgreSQL."""

from __future__ import annotations

import gzip
import shutil

import pytest
from sqlalchemy import func, select

from career_kb import settings
from career_kb.build import build
from career_kb.cli import kb_stats
from career_kb.db import make_engine, session_factory
from career_kb.models import Base, District, KbMeta, Occupation, StudentProfile
from career_kb.snapshot import SnapshotError, manifest_hash

#: Slow: builds whole knowledge bases.
pytestmark = pytest.mark.slow

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


def table_counts(engine) -> dict[str, int]:
    """Rows in every table of the schema."""
    with engine.connect() as conn:
        return {
            name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for name, t in Base.metadata.tables.items()
        }


@pytest.fixture(scope="module", params=BACKENDS)
def repo_only(request, tmp_path_factory):
    """A KB built with no official files available (CAREER_KB_SOURCE_DIR is an empty directory)."""
    empty_source = tmp_path_factory.mktemp("no_official_files")
    if request.param == "sqlite":
        url, server = f"sqlite:///{tmp_path_factory.mktemp('repo_only') / 'kb.sqlite3'}", None
    else:
        server = request.getfixturevalue("postgres_server")
        url = server.create_database("repo_only")
    engine = make_engine(url)
    # Only while building: other fixtures built later must see the real environment.
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(
            settings,
            "_current",
            settings.with_changes(CAREER_KB_SOURCE_DIR=str(empty_source), CAREER_KB_SAMPLE_DISTRICT=None),
        )
        result = build(engine)
    yield engine, result, empty_source
    engine.dispose()
    if server is not None:
        server.drop_database(url)


def test_repo_alone_gives_the_done_when_counts(repo_only):
    engine, result, _ = repo_only
    assert not result.skipped and result.counts["occupation"] >= 900
    with session_factory(engine)() as session:
        stats = kb_stats(session)
    occ = stats["occupations"]
    assert occ["with_riasec"] >= 900
    assert occ["with_median_wage_and_projections"] >= 800
    assert stats["alternate_titles"]["total"] >= 50_000
    assert len(stats["clusters"]) == 16
    assert all(c["pathways"] and c["occupations"] > 0 for c in stats["clusters"]), (
        "every cluster has pathways with occupations"
    )
    assert stats["cip_programs"] > 1000 and stats["cip_crosswalk"]["total"] > 1000
    assert stats["zips"] > 30_000
    # No official files: no prose at all.
    assert occ["with_description"] == 0 and stats["cip_with_definition"] == 0


def test_repo_alone_loads_the_sample_district(repo_only):
    engine, result, _ = repo_only
    with session_factory(engine)() as session:
        stats = kb_stats(session)
        sample = session.execute(select(District).where(District.is_sample.is_(True))).scalar_one()
    assert result.district == sample.id
    (district,) = [d for d in stats["districts"] if d["id"] == sample.id]
    assert district["schools"].get("high", 0) >= 3 and district["schools"].get("middle", 0) >= 2
    assert district["clusters_covered"] >= 10
    assert district["partners"] >= 40
    assert district["work_based_learning"] + district["events"] >= 60


def test_build_records_kb_meta(repo_only):
    engine, _, _ = repo_only
    with session_factory(engine)() as session:
        meta = dict(session.execute(select(KbMeta.key, KbMeta.value)).all())
    assert meta["build_source"] == "snapshot"
    assert meta["snapshot_manifest_sha256"] == manifest_hash(settings.SNAPSHOT_DIR)
    assert meta["prose_source"] == "none"
    assert meta["built_at"][:2] == "20"


def test_second_build_is_a_no_op(repo_only, configure):
    engine, _, empty_source = repo_only
    configure(CAREER_KB_SOURCE_DIR=str(empty_source))
    before = table_counts(engine)
    with engine.connect() as conn:
        built_at = conn.execute(select(KbMeta.value).where(KbMeta.key == "built_at")).scalar_one()
    again = build(engine)
    assert again.skipped and not again.counts and not again.prose
    assert table_counts(engine) == before
    with engine.connect() as conn:
        assert conn.execute(select(KbMeta.value).where(KbMeta.key == "built_at")).scalar_one() == built_at


def test_force_rebuild_keeps_students(empty_kb_url, tmp_path, configure):
    configure(CAREER_KB_SOURCE_DIR=str(tmp_path))
    engine = make_engine(empty_kb_url)
    try:
        build(engine)
        first = table_counts(engine)
        with session_factory(engine)() as session:
            session.add(StudentProfile(student_id="anon-test-1", grade=10, zip="50314"))
            session.commit()
        rebuilt = build(engine, force=True)
        assert not rebuilt.skipped
        after = table_counts(engine)
        assert after.pop("student_profile") == 1
        first.pop("student_profile")
        assert after == first
    finally:
        engine.dispose()


def test_a_damaged_snapshot_leaves_the_database_empty(empty_kb_url, tmp_path, configure):
    configure(CAREER_KB_SOURCE_DIR=str(tmp_path))
    snap = tmp_path / "snapshot"
    shutil.copytree(settings.SNAPSHOT_DIR, snap)
    # Cut the last table short: everything before it loads, then the build must fail and roll back.
    with gzip.open(snap / "zip_centroid.csv.gz", "rt", encoding="utf-8") as fh:
        lines = fh.readlines()
    with gzip.open(snap / "zip_centroid.csv.gz", "wt", encoding="utf-8") as fh:
        fh.writelines(lines[:100])
    engine = make_engine(empty_kb_url)
    try:
        with pytest.raises(SnapshotError, match="zip_centroid"):
            build(engine, snapshot_dir=snap)
        counts = table_counts(engine)
        assert counts["occupation"] == 0 and counts["alternate_title"] == 0 and counts["district"] == 0
    finally:
        engine.dispose()


@pytest.mark.shared_data
def test_prose_comes_from_the_official_files(kb_session, shared_data):
    from career_kb.importers.common import read_rows

    descriptions = {
        r.get("O*NET-SOC Code"): r.get("Description")
        for r in read_rows(shared_data / "onet" / "Occupation Data.txt", ["Description"])
    }
    rows = kb_session.execute(select(Occupation.onet_code, Occupation.description)).all()
    assert len(rows) >= 900
    assert all(desc == descriptions[code] for code, desc in rows), "descriptions are the O*NET file's text"
    meta = dict(kb_session.execute(select(KbMeta.key, KbMeta.value)).all())
    assert meta["prose_source"] == str(shared_data)


def test_prose_is_added_later_when_official_files_appear(official_dir, tmp_path):
    """A KB built without the files gets descriptions on the next build that can read them."""
    engine = make_engine(f"sqlite:///{tmp_path / 'kb.sqlite3'}")
    try:
        first = build(engine, source_dir=tmp_path)  # no official files in tmp_path
        assert not first.prose
        with engine.connect() as conn:
            assert (
                conn.execute(
                    select(func.count()).select_from(Occupation).where(Occupation.description.is_not(None))
                ).scalar_one()
                == 0
            )
        second = build(engine, source_dir=official_dir)
        assert (
            second.skipped and second.prose["occupation descriptions"] >= 900 and second.prose["CIP definitions"] > 1000
        )
        with engine.connect() as conn:
            assert (
                conn.execute(
                    select(func.count()).select_from(Occupation).where(Occupation.description.is_not(None))
                ).scalar_one()
                >= 900
            )
            meta = dict(conn.execute(select(KbMeta.key, KbMeta.value)).all())
        assert meta["prose_source"] == str(official_dir)
        assert not build(engine, source_dir=official_dir).prose, "the third build has nothing to add"
    finally:
        engine.dispose()
