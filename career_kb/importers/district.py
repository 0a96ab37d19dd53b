"""A school district's own CSV files: the district, its schools, CTE programs, partners and opportunities.

One directory holds one district as five CSV files (the template is documented in
``docs/district-data.md``)::

    district.csv       id, name, state[, is_sample]
    schools.csv        id, name, level, grade_low, grade_high, zip[, address, counselor_office]
    cte_programs.csv   id, school_id, name, cluster, grade_low, grade_high[, pathway, course_sequence,
                       certifications, dual_credit, dual_credit_partner, cip_code, description]
    partners.csv       id, name, kind, cluster, zip[, industry, opportunity_types, contact_role, website]
    opportunities.csv  id, type, title, cluster, grade_low, grade_high[, partner_id, school_id, zip,
                       start_date, end_date, season, capacity, paid, how_to_apply, description]

Every row of every file is checked before anything is written. All problems found are reported
together in one :class:`DistrictImportError` (a :class:`~career_kb.importers.common.ImportFileError`
whose ``path``/``row``/``column`` are those of the first problem and whose ``errors`` list holds
each one), so a district's data person can fix the files in one pass. Nothing is written when
there is any problem; the caller's transaction is left untouched.

Re-importing the same district replaces its programs, partners and opportunities and updates its
schools in place (schools are upserted by id, so students' saved school stays linked); schools
missing from the new ``schools.csv`` are removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from career_kb.importers.common import ImportFileError, ImportResult, Progress, Row, no_progress
from career_kb.importers.district_template import (
    CIP_RE,
    DISTRICT_FILE,
    FILES,
    LIST_SEPARATOR,
    OPPORTUNITIES_FILE,
    PARTNER_KINDS,
    PARTNERS_FILE,
    PROGRAMS_FILE,
    SCHOOL_LEVELS,
    SCHOOLS_FILE,
    SEASONS,
    SEQUENCE_SEPARATOR,
    DistrictImportError,
    KnownClusters,
    Parsed,
    RowChecker,
    check_unique,
    read_file,
    split_cell,
)
from career_kb.models import (
    CteProgram,
    District,
    Opportunity,
    Partner,
    School,
    ZipCentroid,
)
from career_kb.settings import SAMPLE_DISTRICT_DIR
from career_kb.vocabulary import OPPORTUNITY_TYPES, STATE_CODES

#: The id of the sample district shipped in ``career_kb/district_sample/``.
SAMPLE_DISTRICT_ID = "sample-confluence"


@dataclass
class _Known:
    """Ids (and their grades and ZIP codes) of the rows kept so far, for checking references."""

    school_ids: dict[str, int] = field(default_factory=dict)
    school_grades: dict[str, tuple[int, int]] = field(default_factory=dict)
    school_zip: dict[str, str] = field(default_factory=dict)
    partner_ids: dict[str, int] = field(default_factory=dict)
    partner_zip: dict[str, str] = field(default_factory=dict)


def _parse_district(directory: Path, parsed: Parsed) -> None:
    """district.csv: exactly one row."""
    errors = parsed.errors
    rows = read_file(directory, DISTRICT_FILE, parsed)
    if len(rows) != 1 and not any(e.path.endswith(DISTRICT_FILE.name) for e in errors):
        errors.append(
            ImportFileError(directory / DISTRICT_FILE.name, f"expected exactly one district row, found {len(rows)}")
        )
    for row in rows[:1]:
        c = RowChecker(row, errors)
        district_id = c.ident("id", District.id)
        name = c.text("name", District.name, required=True)
        state = c.text("state", required=True)
        if state is not None:
            state = state.upper()
            if state not in STATE_CODES:
                c.fail("state", f"{row.get('state')!r} is not a two-letter state code")
        is_sample = c.boolean("is_sample", False)
        if c.ok:
            parsed.district = {"id": district_id, "name": name, "state": state, "is_sample": bool(is_sample)}


def _parse_schools(directory: Path, parsed: Parsed, known: _Known) -> None:
    for row in read_file(directory, SCHOOLS_FILE, parsed):
        c = RowChecker(row, parsed.errors)
        sid = c.ident("id", School.id)
        check_unique(c, sid, known.school_ids)
        name = c.text("name", School.name, required=True)
        level = c.choice("level", SCHOOL_LEVELS)
        low, high = c.grades()
        zip_code = c.zip("zip", parsed)
        values = {
            "id": sid,
            "name": name,
            "level": level,
            "grade_low": low,
            "grade_high": high,
            "zip": zip_code,
            "address": c.text("address", School.address),
            "counselor_office": c.text("counselor_office", School.counselor_office),
        }
        if c.ok and sid and low is not None and high is not None and zip_code:  # c.ok: every cell was read
            parsed.schools.append(values)
            parsed.keep(SCHOOLS_FILE, row, values)
            known.school_grades[sid] = (low, high)
            known.school_zip[sid] = zip_code


def _parse_programs(directory: Path, parsed: Parsed, known: _Known, vocab: KnownClusters) -> None:
    seen: dict[str, int] = {}
    for row in read_file(directory, PROGRAMS_FILE, parsed):
        c = RowChecker(row, parsed.errors)
        pid = c.ident("id", CteProgram.id)
        check_unique(c, pid, seen)
        school_id = c.text("school_id", required=True)
        if school_id is not None and school_id not in known.school_ids and SCHOOLS_FILE.name not in parsed.unreadable:
            c.fail("school_id", f"unknown school {school_id!r}; it must be an id in schools.csv")
        name = c.text("name", CteProgram.name, required=True)
        cluster_id = vocab.cluster(c)
        pathway_id = vocab.pathway(c, cluster_id)
        low, high = c.grades()
        cip = c.text("cip_code")
        if cip is not None and not CIP_RE.match(cip):
            c.fail("cip_code", f"{cip!r} is not a CIP 2020 code like 51.3902")
        dual = c.boolean("dual_credit", False)
        values = {
            "id": pid,
            "school_id": school_id,
            "name": name,
            "cluster_id": cluster_id,
            "pathway_id": pathway_id,
            "grade_low": low,
            "grade_high": high,
            "course_sequence": " > ".join(split_cell(row.get("course_sequence"), SEQUENCE_SEPARATOR)) or None,
            "certifications": "; ".join(split_cell(row.get("certifications"), LIST_SEPARATOR)) or None,
            "dual_credit": bool(dual),
            "dual_credit_partner": c.text("dual_credit_partner", CteProgram.dual_credit_partner),
            "cip_code": cip,
            "description": c.text("description"),
        }
        if c.ok and low is not None and high is not None:  # c.ok: every cell was read
            parsed.programs.append(values)
            parsed.keep(PROGRAMS_FILE, row, values)
            sg = known.school_grades.get(school_id or "")
            if sg and (low < sg[0] or high > sg[1]):
                parsed.warnings.append(
                    f"{PROGRAMS_FILE.name}, row {row.number}: grades {low}-{high} "
                    f"go beyond {school_id}'s grades {sg[0]}-{sg[1]}"
                )


def _opportunity_types(c: RowChecker, cell: str | None) -> str | None:
    types = []
    for part in split_cell(cell, LIST_SEPARATOR):
        key = re.sub(r"[\s-]+", "_", part.lower())
        if key in OPPORTUNITY_TYPES:
            types.append(key)
        else:
            c.fail("opportunity_types", f"{part!r} is not one of: {', '.join(OPPORTUNITY_TYPES)}")
    return "; ".join(types) or None


def _parse_partners(directory: Path, parsed: Parsed, known: _Known, vocab: KnownClusters) -> None:
    for row in read_file(directory, PARTNERS_FILE, parsed):
        c = RowChecker(row, parsed.errors)
        pid = c.ident("id", Partner.id)
        check_unique(c, pid, known.partner_ids)
        values = {
            "id": pid,
            "name": c.text("name", Partner.name, required=True),
            "kind": c.choice("kind", PARTNER_KINDS),
            "industry": c.text("industry", Partner.industry),
            "cluster_id": vocab.cluster(c),
            "zip": c.zip("zip", parsed),
            "opportunity_types": _opportunity_types(c, row.get("opportunity_types")),
            "contact_role": c.text("contact_role", Partner.contact_role),
            "website": c.text("website", Partner.website),
        }
        if values["opportunity_types"] and len(values["opportunity_types"]) > Partner.opportunity_types.type.length:
            c.fail("opportunity_types", "too many types")
        zip_code = values["zip"]
        if c.ok and pid and zip_code:  # c.ok: every cell was read
            parsed.partners.append(values)
            parsed.keep(PARTNERS_FILE, row, values)
            known.partner_zip[pid] = zip_code


def _opportunity_place(
    c: RowChecker, row: Row, parsed: Parsed, known: _Known
) -> tuple[str | None, str | None, str | None]:
    """(partner_id, school_id, zip) of an opportunity row; the ZIP defaults to the partner's, else the school's."""
    partner_id = c.text("partner_id")
    if partner_id is not None and partner_id not in known.partner_ids and PARTNERS_FILE.name not in parsed.unreadable:
        c.fail("partner_id", f"unknown partner {partner_id!r}; it must be an id in partners.csv")
    school_id = c.text("school_id")
    if school_id is not None and school_id not in known.school_ids and SCHOOLS_FILE.name not in parsed.unreadable:
        c.fail(
            "school_id", f"unknown school {school_id!r}; it must be an id in schools.csv (or empty for district-wide)"
        )
    zip_code = c.zip("zip", parsed, required=False)
    if not row.get("zip"):
        zip_code = known.partner_zip.get(partner_id or "") or known.school_zip.get(school_id or "")
        if partner_id is None and school_id is None:
            c.fail("zip", "value is required when the row names no partner or school to take the ZIP from")
    return partner_id, school_id, zip_code


def _parse_opportunities(directory: Path, parsed: Parsed, known: _Known, vocab: KnownClusters) -> None:
    seen: dict[str, int] = {}
    for row in read_file(directory, OPPORTUNITIES_FILE, parsed):
        c = RowChecker(row, parsed.errors)
        oid = c.ident("id", Opportunity.id)
        check_unique(c, oid, seen)
        partner_id, school_id, zip_code = _opportunity_place(c, row, parsed, known)
        start, end = c.date("start_date"), c.date("end_date")
        if start and end and end < start:
            c.fail("end_date", f"end_date {end} is before start_date {start}")
        season = c.choice("season", SEASONS, required=False)
        if season is None and not row.get("season") and not row.get("start_date"):
            c.fail("start_date", "give a start_date or a season")
        low, high = c.grades()
        values = {
            "id": oid,
            "type": c.choice("type", OPPORTUNITY_TYPES),
            "title": c.text("title", Opportunity.title, required=True),
            "partner_id": partner_id,
            "school_id": school_id,
            "cluster_id": vocab.cluster(c),
            "grade_low": low,
            "grade_high": high,
            "start_date": start,
            "end_date": end,
            "season": season,
            "capacity": c.positive_int("capacity"),
            "paid": c.boolean("paid", None),
            "zip": zip_code,
            "how_to_apply": c.text("how_to_apply"),
            "description": c.text("description"),
        }
        if c.ok:
            parsed.opportunities.append(values)
            parsed.keep(OPPORTUNITIES_FILE, row, values)


def _parse(session: Session, directory: Path) -> Parsed:
    """Read and check every file; nothing is written."""
    parsed = Parsed()
    vocab = KnownClusters(session)
    if not vocab.clusters:
        parsed.errors.append(
            ImportFileError(directory, "the career clusters are not loaded yet; import them before a district")
        )
        return parsed
    known = _Known()
    _parse_district(directory, parsed)
    _parse_schools(directory, parsed, known)
    _parse_programs(directory, parsed, known, vocab)
    _parse_partners(directory, parsed, known, vocab)
    _parse_opportunities(directory, parsed, known, vocab)
    _check_zips(session, parsed)
    if parsed.district is not None:
        _check_foreign_ids(session, parsed, parsed.district["id"])
    parsed.errors.sort(key=lambda e: (_file_order(e.path), e.row or 0))
    return parsed


def _file_order(path: str) -> int:
    name = Path(path).name
    for i, spec in enumerate(FILES):
        if spec.name == name:
            return i
    return -1


def _chunks(values: list[str], size: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _check_zips(session: Session, parsed: Parsed) -> None:
    """Each ZIP must be a known ZIP Code Tabulation Area, when the KB has ZIP centroids loaded."""
    if not parsed.zips or session.execute(select(ZipCentroid.zip).limit(1)).first() is None:
        return
    wanted = sorted({z for *_, z in parsed.zips})
    known: dict[str, str | None] = {}
    for chunk in _chunks(wanted):
        known.update(
            session.execute(select(ZipCentroid.zip, ZipCentroid.state).where(ZipCentroid.zip.in_(chunk))).all()
        )
    state = (parsed.district or {}).get("state")
    other_state = set()
    for path, row, column, value in parsed.zips:
        if value not in known:
            parsed.errors.append(
                ImportFileError(
                    path,
                    f"{value} is not a known ZIP code (Census ZCTA); use the ZIP of the street address",
                    row=row,
                    column=column,
                )
            )
        elif state and known[value] and known[value] != state:
            other_state.add(value)
    if other_state:
        parsed.warnings.append(f"ZIP code(s) outside {state}: {', '.join(sorted(other_state))}")


def _check_foreign_ids(session: Session, parsed: Parsed, district_id: str) -> None:
    """Ids already used by another district are an error (ids are global across districts)."""
    for spec, model, rows in (
        (SCHOOLS_FILE, School, parsed.schools),
        (PROGRAMS_FILE, CteProgram, parsed.programs),
        (PARTNERS_FILE, Partner, parsed.partners),
        (OPPORTUNITIES_FILE, Opportunity, parsed.opportunities),
    ):
        ids = [r["id"] for r in rows]
        taken: dict[str, str] = {}
        for chunk in _chunks(ids):
            taken.update(
                session.execute(
                    select(model.id, model.district_id).where(model.id.in_(chunk), model.district_id != district_id)
                ).all()
            )
        where = parsed.rows.get(spec.name, {})
        for rid, other in sorted(taken.items()):
            path, number = where[rid]
            parsed.errors.append(
                ImportFileError(
                    path, f"duplicate id {rid!r}: already used by district {other!r}", row=number, column="id"
                )
            )


def import_district(session: Session, directory: Path | str, progress: Progress = no_progress) -> ImportResult:
    """Import (or re-import) the district in ``directory`` inside the caller's transaction.

    Checks every row of the five CSV files first and raises :class:`DistrictImportError` (an
    ``ImportFileError``) listing every problem, with nothing written. Otherwise replaces the
    district's programs, partners and opportunities, upserts its schools, and returns the counts.
    Does not commit.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise ImportFileError(directory, "not a directory of district CSV files")
    parsed = _parse(session, directory)
    if parsed.errors:
        raise DistrictImportError(parsed.errors)

    d = parsed.district
    if d is None:  # no errors means the district row was read
        raise DistrictImportError([ImportFileError(directory / DISTRICT_FILE.name, "no district row")])
    did = d["id"]
    result = ImportResult(source=f"district {did}", warnings=list(parsed.warnings))
    total = 1 + len(parsed.schools) + len(parsed.programs) + len(parsed.partners) + len(parsed.opportunities)
    done = 0

    if session.get(District, did) is None:
        session.execute(insert(District), [d])
    else:
        session.execute(
            update(District)
            .where(District.id == did)
            .values(name=d["name"], state=d["state"], is_sample=d["is_sample"], imported_at=func.now())
        )
    result.add("district")
    done += 1
    progress("district", done, total)

    # Children that are replaced wholesale; schools are kept (upserted) so students keep their school.
    session.execute(delete(Opportunity).where(Opportunity.district_id == did))
    session.execute(delete(CteProgram).where(CteProgram.district_id == did))
    session.execute(delete(Partner).where(Partner.district_id == did))
    existing = set(session.execute(select(School.id).where(School.district_id == did)).scalars())
    incoming = {s["id"] for s in parsed.schools}
    gone = sorted(existing - incoming)
    for chunk in _chunks(gone):
        session.execute(delete(School).where(School.id.in_(chunk)))

    new_schools = []
    for school in parsed.schools:
        values = {**school, "district_id": did}
        if school["id"] in existing:
            session.execute(update(School).where(School.id == school["id"]).values(**values))
        else:
            new_schools.append(values)
    if new_schools:
        session.execute(insert(School), new_schools)
    result.add("school", len(parsed.schools))
    done += len(parsed.schools)
    progress("district", done, total)

    for table, model, rows in (
        ("cte_program", CteProgram, parsed.programs),
        ("partner", Partner, parsed.partners),
        ("opportunity", Opportunity, parsed.opportunities),
    ):
        if rows:
            session.execute(insert(model), [{**r, "district_id": did} for r in rows])
        result.add(table, len(rows))
        done += len(rows)
        progress("district", done, total)
    session.flush()
    return result


def import_sample_district(session: Session, progress: Progress = no_progress) -> ImportResult:
    """Import the sample district shipped in ``career_kb/district_sample/`` (plainly marked sample data)."""
    return import_district(session, SAMPLE_DISTRICT_DIR, progress=progress)
