"""The ``career-kb`` command: build, import, export the snapshot, inspect the knowledge base.

Every import runs in one transaction: a file with a bad row changes nothing, and the command prints
one line naming the file, the row and the column, then exits with status 2. Progress goes to
stderr. The database is ``DATABASE_URL`` (default: the embedded SQLite file), or ``--db URL``.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import distinct, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from career_kb.importers.common import ImportFileError, Progress, no_progress, stderr_progress
from career_kb.models import (
    AlternateTitle,
    CareerCluster,
    CareerPathway,
    CipOccupation,
    CipProgram,
    CteProgram,
    District,
    KbMeta,
    Occupation,
    OccupationElement,
    OccupationProjection,
    OccupationWage,
    Opportunity,
    Partner,
    PathwayOccupation,
    RelatedOccupation,
    School,
    ZipCentroid,
)
from career_kb.vocabulary import EVENT_TYPES

#: Exit status for a user-facing error (bad file, missing database, unknown code).
EXIT_ERROR = 2


class CliError(Exception):
    """An error to print as one line (exit status 2)."""


# --- helpers --------------------------------------------------------------------------------------


def _engine(args):
    from career_kb.db import make_engine

    return make_engine(args.db) if args.db else make_engine()


def _progress(args) -> Progress:
    return no_progress if args.quiet else stderr_progress()


def _say(args, text: str) -> None:
    if not args.quiet:
        print(text, file=sys.stderr)


def _count(session: Session, stmt) -> int:
    return int(session.execute(stmt).scalar_one() or 0)


def _path(value: str) -> Path:
    path = Path(value)
    if not path.exists():
        raise CliError(f"{value}: no such file or directory")
    return path


# --- build / migrate ------------------------------------------------------------------------------


def cmd_build(args) -> int:
    """``career-kb build [--force]``."""
    from career_kb.build import build

    result = build(_engine(args), force=args.force, progress=_progress(args))
    for note in result.notes:
        _say(args, f"note: {note}")
    print(result.summary())
    return 0


def cmd_migrate(args) -> int:
    """``career-kb migrate``: upgrade the schema to the latest revision."""
    from career_kb.migrate import current_revision, upgrade

    engine = _engine(args)
    upgrade(engine)
    print(f"schema at revision {current_revision(engine)}")
    return 0


# --- imports --------------------------------------------------------------------------------------


def _run_import(args, label: str, work: Callable[[Session, Progress], object]) -> int:
    """Migrate, then run ``work`` in one transaction, refresh search, commit; print the result."""
    from career_kb.build import refresh_search
    from career_kb.db import session_scope
    from career_kb.migrate import upgrade

    engine = _engine(args)
    upgrade(engine)
    with session_scope(engine) as session:
        result = work(session, _progress(args))
        refresh_search(session)
    results = result if isinstance(result, (list, tuple)) else [result]
    for r in results:
        if r is not None:
            print(str(r))
    _say(args, f"{label}: done")
    return 0


def _importer(module: str, function: str) -> Callable:
    """``career_kb.importers.<module>.<function>`` (the import kinds name them)."""
    return getattr(importlib.import_module(f"career_kb.importers.{module}"), function)


def cmd_import(args) -> int:
    """``career-kb import KIND ...``: one published layout, one transaction."""
    kind = args.kind
    if kind == "official":
        src, prose = _path(args.dir), not args.no_prose
        fn = _importer("official", "import_official")
        return _run_import(args, kind, lambda s, p: fn(s, src, with_prose=prose, progress=p))
    if kind == "onet":
        src, prose = _path(args.dir), not args.no_prose
        fn = _importer("onet", "import_onet")
        return _run_import(args, kind, lambda s, p: fn(s, src, with_prose=prose, progress=p))
    if kind == "cip":
        src, prose = _path(args.dir), not args.no_prose
        fn = _importer("cip", "import_cip")
        return _run_import(args, kind, lambda s, p: fn(s, src, with_prose=prose, progress=p))
    if kind == "oews":
        national = _path(args.national)
        state = _path(args.state) if args.state else None
        fn = _importer("bls", "import_oews")
        return _run_import(args, kind, lambda s, p: fn(s, national, state, progress=p))
    if kind == "projections":
        path = _path(args.file)
        fn = _importer("bls", "import_projections")
        return _run_import(args, kind, lambda s, p: fn(s, path, progress=p))
    if kind == "clusters":
        path = _path(args.file)
        fn = _importer("clusters", "import_clusters")
        return _run_import(args, kind, lambda s, p: fn(s, path, progress=p))
    if kind == "zips":
        path = _path(args.file)
        citystate = _path(args.citystate) if args.citystate else None
        fn = _importer("geo", "import_zips")
        return _run_import(args, kind, lambda s, p: fn(s, path, citystate, progress=p))
    if kind == "district":
        src = _path(args.dir)
        fn = _importer("district", "import_district")
        return _run_import(args, kind, lambda s, p: fn(s, src, progress=p))
    raise CliError(f"unknown import kind {kind!r}")  # pragma: no cover - argparse restricts choices


# --- snapshot -------------------------------------------------------------------------------------


def cmd_snapshot(args) -> int:
    """``career-kb snapshot export DIR`` / ``career-kb snapshot regenerate SOURCE_DIR [--to DIR]``."""
    from career_kb.db import session_scope
    from career_kb.snapshot import export_snapshot, regenerate

    if args.action == "regenerate":
        source = _path(args.source)
        args.dir = args.to or str(_snapshot_dir())
        manifest = regenerate(source, Path(args.dir), progress=_progress(args))
    else:
        with session_scope(_engine(args)) as session:
            manifest = export_snapshot(session, Path(args.dir), progress=_progress(args))
    total = sum(t["rows"] for t in manifest["tables"].values())
    size = sum(p.stat().st_size for p in Path(args.dir).glob("*.csv.gz"))
    print(f"wrote {len(manifest['tables'])} tables, {total:,} rows, {size / 1e6:.2f} MB to {args.dir}")
    return 0


def _snapshot_dir() -> Path:
    from career_kb.settings import SNAPSHOT_DIR

    return SNAPSHOT_DIR


# --- stats ----------------------------------------------------------------------------------------


def _occupation_stats(session: Session) -> dict:
    from career_kb.queries.occupations import bls_soc_column

    bls_soc = bls_soc_column()  # figures BLS publishes for an aggregate count for its members
    us_median = select(OccupationWage.soc_code).where(
        OccupationWage.area == "US",
        (OccupationWage.annual_median.is_not(None)) | (OccupationWage.hourly_median.is_not(None)),
    )
    projected = select(OccupationProjection.soc_code)
    occ = {
        "total": _count(session, select(func.count()).select_from(Occupation)),
        "data_level": _count(
            session, select(func.count()).select_from(Occupation).where(Occupation.is_data_level.is_(True))
        ),
        "with_riasec": _count(
            session, select(func.count()).select_from(Occupation).where(Occupation.riasec_code.is_not(None))
        ),
        "with_median_wage": _count(session, select(func.count()).select_from(Occupation).where(bls_soc.in_(us_median))),
        "with_projections": _count(session, select(func.count()).select_from(Occupation).where(bls_soc.in_(projected))),
        "with_median_wage_and_projections": _count(
            session,
            select(func.count()).select_from(Occupation).where(bls_soc.in_(us_median), bls_soc.in_(projected)),
        ),
        "with_description": _count(
            session, select(func.count()).select_from(Occupation).where(Occupation.description.is_not(None))
        ),
        "with_job_zone": _count(
            session, select(func.count()).select_from(Occupation).where(Occupation.job_zone.is_not(None))
        ),
    }
    return occ


def _cluster_stats(session: Session) -> list[dict]:
    pathway_counts = dict(
        session.execute(select(PathwayOccupation.pathway_id, func.count()).group_by(PathwayOccupation.pathway_id)).all()
    )
    clusters = []
    for cluster in session.execute(select(CareerCluster).order_by(CareerCluster.name)).scalars():
        pathways = session.execute(
            select(CareerPathway.id, CareerPathway.name)
            .where(CareerPathway.cluster_id == cluster.id)
            .order_by(CareerPathway.name)
        ).all()
        occupations = _count(
            session,
            select(func.count(distinct(PathwayOccupation.onet_code)))
            .join(CareerPathway, CareerPathway.id == PathwayOccupation.pathway_id)
            .where(CareerPathway.cluster_id == cluster.id),
        )
        clusters.append(
            {
                "id": cluster.id,
                "name": cluster.name,
                "occupations": occupations,
                "pathways": [
                    {"id": pid, "name": name, "occupations": pathway_counts.get(pid, 0)} for pid, name in pathways
                ],
            }
        )
    return clusters


def _district_stats(session: Session) -> list[dict]:
    districts = []
    for district in session.execute(select(District).order_by(District.id)).scalars():
        did = district.id
        levels = dict(
            session.execute(
                select(School.level, func.count()).where(School.district_id == did).group_by(School.level)
            ).all()
        )
        by_type = dict(
            session.execute(
                select(Opportunity.type, func.count()).where(Opportunity.district_id == did).group_by(Opportunity.type)
            ).all()
        )
        districts.append(
            {
                "id": did,
                "name": district.name,
                "state": district.state,
                "is_sample": bool(district.is_sample),
                "schools": levels,
                "cte_programs": _count(
                    session, select(func.count()).select_from(CteProgram).where(CteProgram.district_id == did)
                ),
                "clusters_covered": _count(
                    session, select(func.count(distinct(CteProgram.cluster_id))).where(CteProgram.district_id == did)
                ),
                "partners": _count(
                    session, select(func.count()).select_from(Partner).where(Partner.district_id == did)
                ),
                "opportunities_by_type": dict(sorted(by_type.items())),
                "events": sum(n for t, n in by_type.items() if t in EVENT_TYPES),
                "work_based_learning": sum(n for t, n in by_type.items() if t not in EVENT_TYPES),
            }
        )
    return districts


def kb_stats(session: Session) -> dict:
    """Counts that describe the knowledge base (what ``career-kb stats`` prints)."""
    occ = _occupation_stats(session)
    clusters = _cluster_stats(session)
    districts = _district_stats(session)
    titles = dict(session.execute(select(AlternateTitle.kind, func.count()).group_by(AlternateTitle.kind)).all())
    elements = dict(
        session.execute(select(OccupationElement.kind, func.count()).group_by(OccupationElement.kind)).all()
    )
    cip_sources = dict(session.execute(select(CipOccupation.source, func.count()).group_by(CipOccupation.source)).all())
    meta = dict(session.execute(select(KbMeta.key, KbMeta.value)).all())
    return {
        "occupations": occ,
        "alternate_titles": {"total": sum(titles.values()), **dict(sorted(titles.items()))},
        "occupation_elements": dict(sorted(elements.items())),
        "related_occupations": _count(session, select(func.count()).select_from(RelatedOccupation)),
        "state_wage_rows": _count(
            session, select(func.count()).select_from(OccupationWage).where(OccupationWage.area != "US")
        ),
        "clusters": clusters,
        "pathways": sum(len(c["pathways"]) for c in clusters),
        "cip_programs": _count(session, select(func.count()).select_from(CipProgram)),
        "cip_with_definition": _count(
            session, select(func.count()).select_from(CipProgram).where(CipProgram.definition.is_not(None))
        ),
        "cip_crosswalk": {"total": sum(cip_sources.values()), **dict(sorted(cip_sources.items()))},
        "zips": _count(session, select(func.count()).select_from(ZipCentroid)),
        "districts": districts,
        "meta": meta,
    }


def format_stats(stats: dict) -> str:
    """``kb_stats`` as the text ``career-kb stats`` prints."""
    o = stats["occupations"]
    lines = [
        "Occupations",
        f"  total: {o['total']:,} ({o['data_level']:,} with full O*NET data)",
        f"  with RIASEC scores: {o['with_riasec']:,}",
        f"  with median wage (BLS OEWS): {o['with_median_wage']:,}",
        f"  with projections (BLS EP): {o['with_projections']:,}",
        f"  with median wage and projections: {o['with_median_wage_and_projections']:,}",
        f"  with job zone: {o['with_job_zone']:,}",
        f"  with description: {o['with_description']:,}",
        f"Alternate titles: {stats['alternate_titles']['total']:,}"
        + "".join(f", {k} {v:,}" for k, v in stats["alternate_titles"].items() if k != "total"),
        "Skills and knowledge ratings: "
        + (", ".join(f"{k} {v:,}" for k, v in stats["occupation_elements"].items()) or "0"),
        f"Related-occupation links: {stats['related_occupations']:,}",
        f"State wage rows: {stats['state_wage_rows']:,}",
        f"Career clusters: {len(stats['clusters'])} with {stats['pathways']} pathways",
    ]
    for c in stats["clusters"]:
        lines.append(f"  {c['name']}: {len(c['pathways'])} pathways, {c['occupations']:,} occupations")
        for p in c["pathways"]:
            lines.append(f"    - {p['name']} ({p['occupations']:,})")
    cw = stats["cip_crosswalk"]
    lines += [
        f"CIP programs: {stats['cip_programs']:,} ({stats['cip_with_definition']:,} with definitions)",
        f"CIP-occupation crosswalk rows: {cw['total']:,}"
        + "".join(f", {k} {v:,}" for k, v in cw.items() if k != "total"),
        f"ZIP centroids: {stats['zips']:,}",
    ]
    if not stats["districts"]:
        lines.append("Districts: none")
    for d in stats["districts"]:
        label = " (SAMPLE DATA)" if d["is_sample"] else ""
        schools = ", ".join(f"{n} {level}" for level, n in sorted(d["schools"].items())) or "none"
        lines += [
            f"District {d['name']} [{d['id']}, {d['state']}]{label}",
            f"  schools: {sum(d['schools'].values())} ({schools})",
            f"  CTE programs: {d['cte_programs']} covering {d['clusters_covered']} clusters",
            f"  partners: {d['partners']}",
            f"  opportunities: {sum(d['opportunities_by_type'].values())} ("
            + ", ".join(f"{t} {n}" for t, n in d["opportunities_by_type"].items())
            + ")",
            f"  work-based learning: {d['work_based_learning']}, events: {d['events']}",
        ]
    meta = stats["meta"]
    if meta.get("built_at"):
        lines.append(
            f"Built {meta['built_at']} from the {meta.get('build_source', '?')}; "
            f"prose from {meta.get('prose_source', 'none')}"
        )
    return "\n".join(lines)


def cmd_stats(args) -> int:
    """``career-kb stats [--json]``."""
    from career_kb.db import session_scope
    from career_kb.migrate import current_revision

    engine = _engine(args)
    if current_revision(engine) is None:
        raise CliError("the knowledge base is empty; run 'career-kb build' first")
    with session_scope(engine) as session:
        stats = kb_stats(session)
    print(json.dumps(stats, indent=2, sort_keys=True) if args.json else format_stats(stats))
    return 0


# --- resolve / show -------------------------------------------------------------------------------


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def cmd_resolve(args) -> int:
    """``career-kb resolve TEXT``: ranked occupation candidates for free text."""
    from career_kb.db import session_scope
    from career_kb.resolve import resolve_occupation

    with session_scope(_engine(args)) as session:
        res = resolve_occupation(session, args.text, limit=args.limit)
    if args.json:
        print(json.dumps(_plain(res), indent=2))
        return 0
    print(f"{res.status} (confidence {res.confidence:.2f})")
    for c in res.candidates:
        via = f"  via {c.matched_title!r}" if getattr(c, "matched_title", None) and c.matched_title != c.title else ""
        print(f"  {c.onet_code}  {c.title}  [{c.score:.2f}]{via}")
    return 0


def cmd_show(args) -> int:
    """``career-kb show CODE``: an occupation's details."""
    from career_kb import queries
    from career_kb.db import session_scope

    with session_scope(_engine(args)) as session:
        details = queries.occupation_details(session, args.code, state=args.state)
    if details is None:
        from career_kb import codes

        members = codes.aggregate_members(codes.soc_code(args.code) or "")
        if members:
            raise CliError(f"{args.code!r} is a BLS group of several occupations; show one of: {', '.join(members)}")
        raise CliError(f"no occupation with code {args.code!r}")
    print(json.dumps(_plain(details), indent=2, ensure_ascii=False))
    return 0


def cmd_alerts(args) -> int:
    """``career-kb alerts [--all] [--json]``, ``career-kb alerts close ID``: the counselors' safety alerts."""
    from career_kb import alerts
    from career_kb.db import session_scope

    with session_scope(_engine(args)) as session:
        if args.close is not None:
            if not alerts.close(session, args.close):
                raise CliError(f"no open alert #{args.close}")
            print(f"alert #{args.close} closed")
            return 0
        rows = alerts.list_alerts(session, include_closed=args.all)
    print(json.dumps(_plain(rows), indent=2) if args.json else alerts.format_alerts(rows))
    return 0


def cmd_retention(args) -> int:
    """``career-kb retention``: delete conversations idle longer than ``RETENTION_DAYS`` (tracker store)."""
    from career_kb import retention
    from career_kb import settings as app_settings

    conf = app_settings.get()
    days = conf.retention_days if args.days is None else args.days
    url = args.tracker_url or f"sqlite:///{conf.rasa_tracker_db or conf.var_dir / 'tracker.db'}"
    done = retention.purge_idle_conversations(url, days)
    print(f"deleted {done.conversations} conversation(s) idle for more than {days:g} days ({done.events} events)")
    return 0


# --- argument parsing -----------------------------------------------------------------------------


def make_parser() -> argparse.ArgumentParser:
    """The ``career-kb`` argument parser."""
    parser = argparse.ArgumentParser(prog="career-kb", description="Build and inspect the career knowledge base.")
    parser.add_argument("--db", metavar="URL", help="database URL (default: DATABASE_URL or the embedded SQLite file)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="migrate and load the shipped snapshot (+ prose, sample district, search)")
    p.add_argument(
        "--force",
        action="store_true",
        help="rebuild even if built (deletes district data: re-import your district afterwards)",
    )
    p.set_defaults(func=cmd_build)

    sub.add_parser("migrate", help="upgrade the schema to the latest revision").set_defaults(func=cmd_migrate)

    imp = sub.add_parser("import", help="import official files or a district's CSV files (one transaction)")
    kinds = imp.add_subparsers(dest="kind", required=True, metavar="KIND")
    k = kinds.add_parser("official", help="everything in a directory laid out like ../shared/data")
    k.add_argument("dir")
    k.add_argument("--no-prose", action="store_true", help="skip occupation descriptions and CIP definitions")
    k = kinds.add_parser("onet", help="the O*NET text files (a db_*_text directory)")
    k.add_argument("dir")
    k.add_argument("--no-prose", action="store_true", help="skip occupation descriptions")
    k = kinds.add_parser("oews", help="BLS OEWS national (and state) wages")
    k.add_argument("national")
    k.add_argument("state", nargs="?")
    k = kinds.add_parser("projections", help="BLS Employment Projections table 1.2")
    k.add_argument("file")
    k = kinds.add_parser("clusters", help="O*NET's career clusters table")
    k.add_argument("file")
    k = kinds.add_parser("cip", help="CIP 2020 and its crosswalks (a directory)")
    k.add_argument("dir")
    k.add_argument("--no-prose", action="store_true", help="skip CIP definitions")
    k = kinds.add_parser("zips", help="Census ZCTA centroids (and a ZIP city/state list)")
    k.add_argument("file")
    k.add_argument("citystate", nargs="?")
    k = kinds.add_parser("district", help="a district's CSV files (see career_kb/district_sample)")
    k.add_argument("dir")
    imp.set_defaults(func=cmd_import)

    snap = sub.add_parser("snapshot", help="the compact snapshot shipped in the repository")
    ssub = snap.add_subparsers(dest="action", required=True, metavar="ACTION")
    e = ssub.add_parser("export", help="write the snapshot of the current knowledge base to DIR")
    e.add_argument("dir")
    r = ssub.add_parser("regenerate", help="import SOURCE_DIR (no prose) into a scratch KB and export the snapshot")
    r.add_argument("source", metavar="SOURCE_DIR")
    r.add_argument("--to", metavar="DIR", help="where to write (default: the package's snapshot directory)")
    snap.set_defaults(func=cmd_snapshot)

    p = sub.add_parser("stats", help="what the knowledge base holds")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("resolve", help="free text to ranked occupations")
    p.add_argument("text")
    p.add_argument("--limit", type=int, default=5)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_resolve)

    p = sub.add_parser("alerts", help="safety alerts for the counselors: open ones (--all: closed too)")
    p.add_argument("--all", action="store_true", help="closed alerts too")
    p.add_argument("--json", action="store_true")
    p.add_argument("--close", type=int, metavar="ID", help="mark alert ID handled")
    p.set_defaults(func=cmd_alerts)
    p = sub.add_parser("show", help="an occupation's details by O*NET-SOC code")
    p.add_argument("code")
    p.add_argument("--state", help="two-letter state for state wages")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("retention", help="delete conversations idle longer than RETENTION_DAYS (tracker store)")
    p.add_argument("--days", type=float, help="instead of RETENTION_DAYS")
    p.add_argument("--tracker-url", metavar="URL", help="the tracker store (default: the SQLite file in var/)")
    p.set_defaults(func=cmd_retention)

    from career_kb.counselor.cli import add_parser as add_staff_parser

    add_staff_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``career-kb``; returns the exit status."""
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    os.umask(0o077)  # what it writes into var/ (the embedded KB) is private
    args = make_parser().parse_args(argv)
    from career_kb.snapshot import SnapshotError

    try:
        return args.func(args)
    except (ImportFileError, CliError, SnapshotError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except SQLAlchemyError as exc:
        first = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        print(f"error: database: {first}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted; nothing was committed", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into head & co.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
