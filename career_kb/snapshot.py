"""The compact snapshot of national facts and figures shipped in the repository.

One gzipped CSV per table in :data:`SNAPSHOT_TABLES`, written deterministically (rows sorted, a
fixed gzip header with ``mtime=0``) so regenerating from the same data is byte-identical, plus
``manifest.json`` (row counts, columns, checksums, source editions) and ``SOURCES.md`` (attribution).

Prose is never exported: occupation descriptions and CIP definitions stay out of the snapshot and
are read from the official files at import time (see :mod:`career_kb.build`). Alternate titles are
exported without their surrogate ``id``; loading assigns new ids.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Numeric, Table, func, insert, select
from sqlalchemy.orm import Session

from career_kb.importers.common import Progress, no_progress
from career_kb.models import Base

#: The national-facts tables in the snapshot, parents before children (the load order).
SNAPSHOT_TABLES: tuple[str, ...] = (
    "data_source",
    "occupation",
    "alternate_title",
    "occupation_element",
    "related_occupation",
    "occupation_wage",
    "occupation_projection",
    "career_cluster",
    "career_pathway",
    "pathway_occupation",
    "cip_program",
    "cip_occupation",
    "zip_centroid",
)

#: Columns never written to the snapshot: prose (read from the source files at import time) and
#: surrogate keys that the database assigns.
EXCLUDED_COLUMNS: dict[str, frozenset[str]] = {
    "occupation": frozenset({"description"}),
    "cip_program": frozenset({"definition"}),
    "alternate_title": frozenset({"id"}),
}

#: The prose columns (a subset of :data:`EXCLUDED_COLUMNS`), never shipped in the repository.
PROSE_COLUMNS: dict[str, frozenset[str]] = {
    "occupation": frozenset({"description"}),
    "cip_program": frozenset({"definition"}),
}

#: Sort keys for tables whose primary key is not exported.
_SORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "alternate_title": ("onet_code", "kind", "title", "short_title", "shown_in_my_next_move"),
}

MANIFEST = "manifest.json"
SOURCES_MD = "SOURCES.md"
FORMAT_VERSION = 1

#: The attribution sentence O*NET's CC BY 4.0 license asks for, word for word.
ONET_ATTRIBUTION = (
    "This product includes information from the O*NET 29.3 Database by the U.S. Department of Labor, "
    "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. "
    "O*NET® is a trademark of USDOL/ETA."
)


class SnapshotError(RuntimeError):
    """The snapshot is missing, damaged, or the target knowledge base is not empty."""


def table(name: str) -> Table:
    """The SQLAlchemy table called ``name``."""
    return Base.metadata.tables[name]


def exported_columns(name: str) -> list[str]:
    """The columns of table ``name`` written to the snapshot, in schema order."""
    skip = EXCLUDED_COLUMNS.get(name, frozenset())
    return [c.name for c in table(name).columns if c.name not in skip]


def _format(value: Any) -> str:
    """One cell as text: '' for None, 1/0 for booleans, shortest round-trip text for floats."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _sort_key(name: str, columns: list[str]) -> Callable[[list[str]], tuple]:
    keys = _SORT_COLUMNS.get(name) or tuple(c.name for c in table(name).primary_key.columns)
    positions = [columns.index(k) for k in keys] + list(range(len(columns)))
    return lambda row: tuple(row[i] for i in positions)


def _gzip_bytes(data: bytes) -> bytes:
    buf = io.BytesIO()
    # filename="" and mtime=0: the gzip header carries nothing that changes between runs.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(data)
    return buf.getvalue()


def table_rows(session: Session, name: str) -> tuple[list[str], list[list[str]]]:
    """The exported columns and the sorted, formatted rows of table ``name``."""
    columns = exported_columns(name)
    t = table(name)
    result = session.execute(select(*[t.c[c] for c in columns]))
    rows = [[_format(v) for v in r] for r in result]
    rows.sort(key=_sort_key(name, columns))
    return columns, rows


def export_snapshot(session: Session, directory: Path | str, progress: Progress = no_progress) -> dict:
    """Write the snapshot of the KB behind ``session`` to ``directory``; returns the manifest.

    Deterministic: the same data gives byte-identical files.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    tables: dict[str, dict] = {}
    for i, name in enumerate(SNAPSHOT_TABLES):
        progress("snapshot export", i, len(SNAPSHOT_TABLES))
        columns, rows = table_rows(session, name)
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
        data = _gzip_bytes(text.getvalue().encode("utf-8"))
        (directory / f"{name}.csv.gz").write_bytes(data)
        tables[name] = {"rows": len(rows), "columns": columns, "sha256": hashlib.sha256(data).hexdigest()}
    progress("snapshot export", len(SNAPSHOT_TABLES), len(SNAPSHOT_TABLES))

    ds = table("data_source")
    sources = [
        {"id": r.id, "name": r.name, "edition": r.edition, "license": r.license, "url": r.url}
        for r in session.execute(select(ds).order_by(ds.c.id))
    ]
    manifest = {
        "format": FORMAT_VERSION,
        "description": "Facts and figures derived from O*NET, BLS, NCES and Census files; no prose.",
        "excluded_prose": {k: sorted(v) for k, v in sorted(PROSE_COLUMNS.items())},
        "tables": tables,
        "sources": sources,
    }
    (directory / MANIFEST).write_text(
        json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (directory / SOURCES_MD).write_text(_sources_markdown(manifest), encoding="utf-8")
    return manifest


def _sources_markdown(manifest: dict) -> str:
    counts = "\n".join(f"| `{name}.csv.gz` | {info['rows']:,} |" for name, info in manifest["tables"].items())
    editions = "\n".join(
        f"- **{s['name']}**, {s['edition']} ({s['license']}){': ' + s['url'] if s.get('url') else ''}"
        for s in manifest["sources"]
    )
    return f"""# Sources of the knowledge-base snapshot

This directory holds facts and figures (codes, titles, alternate titles, names, ratings, wages,
projections, crosswalks, coordinates) derived from the public data sets below, so the knowledge base
builds offline from the repository alone. Regenerate it with
`career-kb snapshot regenerate ../shared/data` (an official import without prose into a scratch
database, then `career-kb snapshot export`); the files are deterministic.

## Attribution

- {ONET_ATTRIBUTION}
  O*NET-derived here: occupation codes and titles, job zones, typical education, RIASEC interest
  scores and high-point codes, alternate and reported titles, skills and knowledge ratings, related
  occupations, the career clusters/pathways table as published by O*NET OnLine, and O*NET's
  CIP→O*NET-SOC crosswalk.
- U.S. Bureau of Labor Statistics (BLS): Occupational Employment and Wage Statistics (OEWS) and
  Employment Projections. U.S. government works in the public domain.
- National Center for Education Statistics (NCES): Classification of Instructional Programs (CIP 2020)
  codes and titles and the NCES CIP–SOC crosswalk. U.S. government work in the public domain.
- U.S. Census Bureau: 2023 Gazetteer ZIP Code Tabulation Area internal points. U.S. government work in
  the public domain. The city and state of each ZIP come from a public ZIP code list (2021) and are
  convenience data, not Census data.

## Editions

{editions}

## What is derived, and what is left out

Values are copied from the published files; derived values are computed at import time: the
RIASEC high-point code, the typical education (the most common O*NET education category), SOC codes
(first seven characters of O*NET-SOC codes), the outlook label (percent change compared with the
all-occupation average) and top-coded wage flags (from BLS footnotes).

Prose is **not** included: occupation descriptions, task statements and CIP definitions
({", ".join(f"`{t}.{c}`" for t, cols in manifest["excluded_prose"].items() for c in cols)}) are read
from the official files when they are available at build or import time.

## Files

| file | rows |
|---|---|
{counts}
"""


def read_manifest(directory: Path | str) -> dict:
    """The snapshot's manifest; :class:`SnapshotError` when it is missing or unreadable."""
    path = Path(directory) / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SnapshotError(f"no snapshot in {directory} ({MANIFEST} not found)") from None
    except json.JSONDecodeError as exc:
        raise SnapshotError(f"{path}: not valid JSON ({exc})") from None


def manifest_hash(directory: Path | str) -> str:
    """SHA-256 of the snapshot's manifest (which holds every table file's checksum)."""
    return hashlib.sha256((Path(directory) / MANIFEST).read_bytes()).hexdigest()


def _converter(column) -> Callable[[str], Any]:
    kind = column.type
    if isinstance(kind, Boolean):
        return lambda s: s in ("1", "true", "True", "t")
    if isinstance(kind, Integer):
        return lambda s: int(float(s)) if ("." in s or "e" in s) else int(s)
    if isinstance(kind, (Float, Numeric)):
        return float
    if isinstance(kind, DateTime):
        return dt.datetime.fromisoformat
    if isinstance(kind, Date):
        return dt.date.fromisoformat
    return lambda s: s


def read_table(directory: Path | str, name: str) -> Iterable[dict]:
    """The rows of one snapshot file as dicts of typed values (``None`` for empty cells)."""
    path = Path(directory) / f"{name}.csv.gz"
    if not path.is_file():
        raise SnapshotError(f"snapshot file missing: {path}")
    t = table(name)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if not header:
            raise SnapshotError(f"{path.name}: empty file")
        unknown = [c for c in header if c not in t.c]
        if unknown:
            raise SnapshotError(
                f"{path.name}: unknown column(s) {', '.join(unknown)} (snapshot older/newer than the schema?)"
            )
        converters = [_converter(t.c[c]) for c in header]
        for line, cells in enumerate(reader, start=2):
            if len(cells) != len(header):
                raise SnapshotError(f"{path.name}, row {line}: {len(cells)} cells, expected {len(header)}")
            try:
                yield {c: (conv(v) if v != "" else None) for c, conv, v in zip(header, converters, cells, strict=False)}
            except ValueError as exc:
                raise SnapshotError(f"{path.name}, row {line}: {exc}") from None


def load_snapshot(
    session: Session, directory: Path | str, progress: Progress = no_progress, chunk: int = 5000
) -> dict[str, int]:
    """Bulk-load the snapshot in ``directory`` into the (empty) KB behind ``session``.

    Runs inside the caller's transaction (the caller commits). Raises :class:`SnapshotError` when a
    snapshot table already has rows or the files disagree with the manifest. Returns rows per table.
    """
    directory = Path(directory)
    manifest = read_manifest(directory)
    for name in SNAPSHOT_TABLES:
        if session.execute(select(func.count()).select_from(table(name))).scalar_one():
            raise SnapshotError(f"table {name} is not empty; the snapshot loads only into an empty knowledge base")
    counts: dict[str, int] = {}
    dialect = session.get_bind().dialect.name
    for name in SNAPSHOT_TABLES:
        expected = manifest.get("tables", {}).get(name, {}).get("rows")
        if dialect in ("postgresql", "sqlite"):
            # Fast paths: COPY on PostgreSQL, the driver's executemany on SQLite.
            done = (
                _copy_postgres(session, directory, name)
                if dialect == "postgresql"
                else _insert_sqlite(session, directory, name)
            )
            progress(f"snapshot {name}", done, expected)
            if expected is not None and done != expected:
                raise SnapshotError(f"{name}.csv.gz has {done} rows, the manifest says {expected}")
            counts[name] = done
            continue
        t = table(name)
        done = 0
        batch: list[dict] = []
        for row in read_table(directory, name):
            batch.append(row)
            if len(batch) >= chunk:
                session.execute(insert(t), batch)
                done += len(batch)
                batch = []
                progress(f"snapshot {name}", done, expected)
        if batch:
            session.execute(insert(t), batch)
            done += len(batch)
        progress(f"snapshot {name}", done, expected)
        if expected is not None and done != expected:
            raise SnapshotError(f"{name}.csv.gz has {done} rows, the manifest says {expected}")
        counts[name] = done
    return counts


def _open_snapshot_file(directory: Path, name: str):
    path = Path(directory) / f"{name}.csv.gz"
    if not path.is_file():
        raise SnapshotError(f"snapshot file missing: {path}")
    return path, gzip.open(path, "rt", encoding="utf-8", newline="")


def _check_header(path: Path, header: list[str] | None, name: str) -> list[str]:
    if not header:
        raise SnapshotError(f"{path.name}: empty file")
    unknown = [c for c in header if c not in table(name).c]
    if unknown:
        raise SnapshotError(
            f"{path.name}: unknown column(s) {', '.join(unknown)} (snapshot older/newer than the schema?)"
        )
    return header


def _insert_sqlite(session: Session, directory: Path, name: str, chunk: int = 20000) -> int:
    """Load one snapshot file through sqlite3's ``executemany`` with typed values."""
    path, fh = _open_snapshot_file(directory, name)
    t = table(name)
    with fh:
        reader = csv.reader(fh)
        header = _check_header(path, next(reader, None), name)
        converters = [_converter(t.c[c]) for c in header]
        width = len(header)
        columns = ", ".join(f'"{c}"' for c in header)
        sql = f'INSERT INTO "{name}" ({columns}) VALUES ({", ".join("?" * width)})'
        cursor = session.connection().connection.cursor()
        done = 0
        try:
            batch: list[tuple] = []
            for line, cells in enumerate(reader, start=2):
                if len(cells) != width:
                    raise SnapshotError(f"{path.name}, row {line}: {len(cells)} cells, expected {width}")
                try:
                    batch.append(
                        tuple(conv(v) if v != "" else None for conv, v in zip(converters, cells, strict=False))
                    )
                except ValueError as exc:
                    raise SnapshotError(f"{path.name}, row {line}: {exc}") from None
                if len(batch) >= chunk:
                    cursor.executemany(sql, batch)
                    done += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                done += len(batch)
        finally:
            cursor.close()
    return done


def _copy_postgres(session: Session, directory: Path, name: str) -> int:
    """Load one snapshot file with PostgreSQL's ``COPY ... FROM STDIN`` (empty cells become NULL)."""
    path, fh = _open_snapshot_file(directory, name)
    with fh:
        header = _check_header(path, next(csv.reader([fh.readline()]), None), name)
        columns = ", ".join(f'"{c}"' for c in header)
        cursor = session.connection().connection.cursor()
        try:
            cursor.copy_expert(f'COPY "{name}" ({columns}) FROM STDIN WITH (FORMAT csv)', fh)
            done = cursor.rowcount
        finally:
            cursor.close()
    return done


def regenerate(source_dir: Path | str, directory: Path | str, progress: Progress = no_progress) -> dict:
    """Import the official files in ``source_dir`` (without prose) into a scratch SQLite KB and
    export the snapshot to ``directory``; returns the manifest. This is how the shipped snapshot is made.
    """
    import tempfile

    from career_kb.db import make_engine, session_factory
    from career_kb.importers.official import import_official
    from career_kb.migrate import upgrade

    with tempfile.TemporaryDirectory(prefix="career-kb-snapshot-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'official.sqlite3'}"
        upgrade(url)
        engine = make_engine(url)
        try:
            with session_factory(engine)() as session:
                import_official(session, source_dir, with_prose=False, progress=progress)
                session.commit()
            with session_factory(engine)() as session:
                return export_snapshot(session, directory, progress=progress)
        finally:
            engine.dispose()
