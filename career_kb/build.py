"""Build the knowledge base: migrate, load the shipped snapshot, add prose, the sample district, search.

``build()`` is what ``make run`` / ``make test`` call (through ``career-kb build``). It is
idempotent: on a knowledge base that is already built it only checks and returns.

Environment:

* ``DATABASE_URL``: the database (default: the embedded SQLite file under ``var/``).
* ``CAREER_KB_SOURCE_DIR``: a directory of official files (default ``../shared/data`` when present);
  occupation descriptions and CIP definitions (prose, never shipped) are read from it.
* ``CAREER_KB_SAMPLE_DISTRICT=0``: do not load the sample district.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from career_kb import search, settings
from career_kb.importers.cip import clean_code
from career_kb.importers.common import ImportFileError, Progress, no_progress, read_rows
from career_kb.importers.district import import_sample_district
from career_kb.migrate import current_revision, head_revision, upgrade
from career_kb.models import CipProgram, District, KbMeta, Occupation
from career_kb.snapshot import SNAPSHOT_TABLES, load_snapshot, manifest_hash, table

#: Tables of district data, children first (the delete order).
DISTRICT_TABLES = ("opportunity", "cte_program", "partner", "school", "district")


@dataclass
class BuildResult:
    """What :func:`build` did."""

    skipped: bool = False  # the KB was already built: nothing loaded
    counts: dict[str, int] = field(default_factory=dict)  # rows loaded per table
    prose: dict[str, int] = field(default_factory=dict)  # descriptions/definitions added
    district: str | None = None  # the sample district loaded, if any
    search_refreshed: bool = False
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for people."""
        if self.skipped:
            extra = f"; added {self.prose}" if self.prose else ""
            return f"knowledge base already built (no changes{extra}) in {self.seconds:.2f}s"
        occ = self.counts.get("occupation", 0)
        titles = self.counts.get("alternate_title", 0)
        parts = [f"{occ:,} occupations", f"{titles:,} alternate titles"]
        if self.prose:
            parts.append(", ".join(f"{n:,} {k}" for k, n in self.prose.items()))
        if self.district:
            parts.append(f"district {self.district!r}")
        return f"built the knowledge base ({'; '.join(parts)}) in {self.seconds:.1f}s"


def is_built(session: Session) -> bool:
    """Whether the knowledge base holds occupations."""
    return bool(session.execute(select(func.count()).select_from(Occupation)).scalar_one())


def clear_kb(session: Session) -> None:
    """Delete national facts and ALL district data for a rebuild (districts point at clusters).

    Students' profiles and plans stay (plans refer to codes by value; a profile's school is set to
    NULL by its foreign key when the school goes).
    """
    for name in DISTRICT_TABLES + tuple(reversed(SNAPSHOT_TABLES)):
        session.execute(delete(table(name)))


def add_prose(session: Session, source_dir: Path | str, progress: Progress = no_progress) -> dict[str, int]:
    """Fill occupation descriptions and CIP definitions from the official files in ``source_dir``.

    Reads ``onet/Occupation Data.txt`` and ``cip/CIPCode2020.csv`` when present; updates only rows
    already in the KB. Returns how many descriptions and definitions were set.
    """
    source_dir = Path(source_dir)
    added: dict[str, int] = {}
    onet_file = source_dir / "onet" / "Occupation Data.txt"
    if onet_file.is_file():
        known = set(session.execute(select(Occupation.onet_code)).scalars())
        rows = [
            {"code": r.require("O*NET-SOC Code"), "text": r.get("Description") or None}
            for r in read_rows(onet_file, ["O*NET-SOC Code", "Description"])
        ]
        rows = [r for r in rows if r["code"] in known and r["text"]]
        _bulk_update(session, Occupation.__table__, "onet_code", "description", rows)
        added["occupation descriptions"] = len(rows)
        progress("prose: occupation descriptions", len(rows), len(rows))
    cip_file = source_dir / "cip" / "CIPCode2020.csv"
    if cip_file.is_file():
        known = set(session.execute(select(CipProgram.cip_code)).scalars())
        rows = []
        for r in read_rows(cip_file, ["CIPCode", "CIPDefinition"]):
            code = clean_code(r.require("CIPCode"))
            text = r.get("CIPDefinition")
            if code in known and text:
                rows.append({"code": code, "text": text})
        _bulk_update(session, CipProgram.__table__, "cip_code", "definition", rows)
        added["CIP definitions"] = len(rows)
        progress("prose: CIP definitions", len(rows), len(rows))
    return added


def _bulk_update(session: Session, t, key: str, column: str, rows: list[dict]) -> None:
    from sqlalchemy import bindparam

    if rows:
        stmt = update(t).where(t.c[key] == bindparam("code")).values({column: bindparam("text")})
        session.connection().execute(stmt, rows)


def _prose_missing(session: Session) -> bool:
    with_description = session.execute(
        select(func.count()).select_from(Occupation).where(Occupation.description.is_not(None))
    ).scalar_one()
    return with_description == 0


def set_meta(session: Session, **values: str) -> None:
    """Record build facts in ``kb_meta`` (insert or replace)."""
    for key, value in values.items():
        session.merge(KbMeta(key=key, value=str(value)))


def refresh_search(session: Session) -> bool:
    """Rebuild the full-text search index (:mod:`career_kb.search`)."""
    search.refresh_search_index(session)
    return True


def load_sample_district(session: Session) -> str | None:
    """Import the sample district (unless disabled or a district exists); returns its id."""
    if not settings.get().sample_district:
        return None
    if session.execute(select(func.count()).select_from(District)).scalar_one():
        return None
    import_sample_district(session)
    return session.execute(select(District.id).where(District.is_sample.is_(True))).scalars().first()


def build(
    engine: Engine | None = None,
    source_dir: Path | str | None = None,
    force: bool = False,
    progress: Progress = no_progress,
    snapshot_dir: Path | str | None = None,
) -> BuildResult:
    """Make the knowledge base ready: migrate, and load it when it is empty (or ``force``).

    Loading happens in one transaction: the snapshot, then prose from the official files (when
    ``source_dir`` or :func:`career_kb.settings.shared_data_dir` has them), then the sample district,
    then the search index and ``kb_meta``. On a built KB this is a fast no-op, except that prose is
    added when it is missing and the official files have become available.
    """
    from career_kb.db import get_engine, session_scope

    started = time.perf_counter()
    engine = engine or get_engine()
    if current_revision(engine) != head_revision():
        progress("migrate", 0, 1)
        upgrade(engine)
        progress("migrate", 1, 1)
    snapshot_dir = Path(snapshot_dir) if snapshot_dir else settings.SNAPSHOT_DIR
    if source_dir is None:
        source_dir = settings.shared_data_dir()
    result = BuildResult()
    with session_scope(engine) as session:
        if is_built(session) and not force:
            result.skipped = True
            built_from = session.get(KbMeta, "snapshot_manifest_sha256")
            if (
                built_from is not None
                and (snapshot_dir / "manifest.json").is_file()
                and built_from.value != manifest_hash(snapshot_dir)
            ):
                result.notes.append(
                    "the shipped snapshot changed since this knowledge base was built; "
                    "'career-kb build --force' rebuilds it (and reloads only the sample district)"
                )
            if source_dir and _prose_missing(session):
                result.prose = add_prose(session, source_dir, progress)
                if any(result.prose.values()):
                    result.search_refreshed = refresh_search(session)
                    set_meta(session, prose_source=str(source_dir))
                session.commit()
            result.seconds = time.perf_counter() - started
            return result
        if force:
            clear_kb(session)
        result.counts = load_snapshot(session, snapshot_dir, progress)
        if source_dir:
            result.prose = add_prose(session, source_dir, progress)
        else:
            result.notes.append("no official O*NET files found: occupation descriptions are not loaded")
        result.district = load_sample_district(session)
        result.search_refreshed = refresh_search(session)
        set_meta(
            session,
            built_at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
            build_source="snapshot",
            snapshot_manifest_sha256=manifest_hash(snapshot_dir),
            prose_source=str(source_dir) if result.prose and any(result.prose.values()) else "none",
            sample_district=result.district or "none",
        )
    result.seconds = time.perf_counter() - started
    return result


__all__ = [
    "BuildResult",
    "ImportFileError",
    "add_prose",
    "build",
    "clear_kb",
    "is_built",
    "load_sample_district",
    "refresh_search",
    "set_meta",
]
