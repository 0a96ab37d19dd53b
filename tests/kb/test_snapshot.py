"""The committed snapshot: complete, prose-free, attributed, deterministic, and equal to a fresh import."""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import re

import pytest
from sqlalchemy import func, select

from career_kb import settings
from career_kb.db import make_engine, session_factory
from career_kb.models import Occupation
from career_kb.snapshot import (
    EXCLUDED_COLUMNS,
    MANIFEST,
    PROSE_COLUMNS,
    SNAPSHOT_TABLES,
    SOURCES_MD,
    SnapshotError,
    export_snapshot,
    exported_columns,
    load_snapshot,
    read_manifest,
)

SNAP = settings.SNAPSHOT_DIR


def snapshot_rows(name: str, directory=SNAP) -> list[list[str]]:
    """All lines of one snapshot file, header first."""
    with gzip.open(directory / f"{name}.csv.gz", "rt", encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def test_manifest_describes_every_file():
    manifest = read_manifest(SNAP)
    assert set(manifest["tables"]) == set(SNAPSHOT_TABLES)
    for name in SNAPSHOT_TABLES:
        info = manifest["tables"][name]
        data = (SNAP / f"{name}.csv.gz").read_bytes()
        assert hashlib.sha256(data).hexdigest() == info["sha256"], name
        rows = snapshot_rows(name)
        assert rows[0] == info["columns"] == exported_columns(name)
        assert len(rows) - 1 == info["rows"], name
    assert {s["id"] for s in manifest["sources"]} >= {"onet", "bls_oews", "bls_ep", "nces_cip", "census_zcta"}


def test_snapshot_has_no_prose_columns():
    for name in SNAPSHOT_TABLES:
        header = snapshot_rows(name)[0]
        assert not set(header) & PROSE_COLUMNS.get(name, set()), f"{name} ships prose"
        assert not set(header) & EXCLUDED_COLUMNS.get(name, set())
    assert "description" not in snapshot_rows("occupation")[0]
    assert "definition" not in snapshot_rows("cip_program")[0]


@pytest.mark.shared_data
def test_no_prose_text_leaks_into_any_file(shared_data):
    """No cell of any file holds an O*NET description or task statement or a CIP definition."""
    from career_kb.importers.common import read_rows

    prose: set[str] = set()
    for r in read_rows(shared_data / "onet" / "Occupation Data.txt", ["Description"]):
        prose.add(r.get("Description"))
    for r in read_rows(shared_data / "onet" / "Task Statements.txt", ["Task"]):
        prose.add(r.get("Task"))
    for r in read_rows(shared_data / "cip" / "CIPCode2020.csv", ["CIPDefinition"]):
        prose.add(r.get("CIPDefinition"))
    prose.discard("")
    assert len(prose) > 10_000
    longest = 0
    for name in SNAPSHOT_TABLES:
        for row in snapshot_rows(name)[1:]:
            for cell in row:
                assert cell not in prose, f"{name} holds prose: {cell[:60]!r}"
                if name != "data_source":  # data_source holds the attribution sentences, not data-set prose
                    longest = max(longest, len(cell))
    assert longest < 200, "a snapshot cell looks like prose"


def test_sources_md_gives_attribution():
    text = (SNAP / SOURCES_MD).read_text(encoding="utf-8")
    flat = re.sub(r"\s+", " ", text)
    readme = settings.shared_data_dir() / "README.md" if settings.shared_data_dir() else None
    if readme and readme.is_file():
        # The sentence O*NET's license asks for, exactly as the data README quotes it.
        quoted = re.search(r'attribution required: "(.+?)"\)', re.sub(r"\s+", " ", readme.read_text()))
        assert quoted and quoted.group(1) in flat
    assert "CC BY 4.0" in flat and "O*NET 29.3 Database" in flat
    for agency in ("Bureau of Labor Statistics", "National Center for Education Statistics", "Census Bureau"):
        assert agency in flat
    assert flat.count("public domain") >= 3
    assert "Prose is **not** included" in flat
    for name in SNAPSHOT_TABLES:
        assert f"`{name}.csv.gz`" in text


def test_load_then_export_reproduces_the_files_byte_for_byte(empty_kb_url, tmp_path):
    """Round trip on each backend: load the shipped snapshot, export it, get identical files."""
    engine = make_engine(empty_kb_url)
    try:
        with session_factory(engine)() as session:
            counts = load_snapshot(session, SNAP)
            session.commit()
        manifest = read_manifest(SNAP)
        assert counts == {name: manifest["tables"][name]["rows"] for name in SNAPSHOT_TABLES}
        with session_factory(engine)() as session:
            export_snapshot(session, tmp_path / "a")
        for name in [f"{t}.csv.gz" for t in SNAPSHOT_TABLES] + [MANIFEST, SOURCES_MD]:
            shipped = (SNAP / name).read_bytes()
            assert (tmp_path / "a" / name).read_bytes() == shipped, f"{name} differs after a round trip"
    finally:
        engine.dispose()


def test_load_refuses_a_non_empty_kb(kb_session):
    with pytest.raises(SnapshotError, match="not empty"):
        load_snapshot(kb_session, SNAP)
    assert kb_session.execute(select(func.count()).select_from(Occupation)).scalar_one() >= 900


def test_load_rejects_an_unknown_column(empty_kb_url, tmp_path):
    import shutil

    bad = tmp_path / "snap"
    shutil.copytree(SNAP, bad)
    rows = snapshot_rows("career_cluster", bad)
    rows[0][1] = "nickname"
    with gzip.open(bad / "career_cluster.csv.gz", "wt", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    engine = make_engine(empty_kb_url)
    try:
        with (
            session_factory(engine)() as session,
            pytest.raises(SnapshotError, match="career_cluster.csv.gz: unknown column"),
        ):
            load_snapshot(session, bad)
    finally:
        engine.dispose()


def test_snapshot_equals_a_fresh_official_import(official_dir, tmp_path):
    """The committed snapshot is what the importers make of ../shared/data today (without prose).

    If this fails after an importer change, regenerate: ``career-kb snapshot regenerate ../shared/data``.
    """
    from career_kb.snapshot import regenerate

    fresh = regenerate(official_dir, tmp_path / "fresh")
    shipped = json.loads((SNAP / MANIFEST).read_text())
    assert {t: i["rows"] for t, i in fresh["tables"].items()} == {t: i["rows"] for t, i in shipped["tables"].items()}
    differing = [t for t in SNAPSHOT_TABLES if fresh["tables"][t]["sha256"] != shipped["tables"][t]["sha256"]]
    assert not differing, (
        f"snapshot out of date for: {', '.join(differing)} (run: career-kb snapshot regenerate ../shared/data)"
    )
