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

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from career_kb.settings import SAMPLE_DISTRICT_DIR
from career_kb.importers.common import (
    ImportFileError,
    ImportResult,
    Progress,
    Row,
    no_progress,
    read_rows,
    slugify,
)
from career_kb.vocabulary import MAX_GRADE, MIN_GRADE, OPPORTUNITY_TYPES, STATE_CODES
from career_kb.models import (
    CareerCluster,
    CareerPathway,
    CteProgram,
    District,
    Opportunity,
    Partner,
    School,
    ZipCentroid,
)

#: The id of the sample district shipped in ``career_kb/district_sample/``.
SAMPLE_DISTRICT_ID = "sample-confluence"

#: Separator of multi-valued cells (certifications, opportunity types).
LIST_SEPARATOR = ";"
#: Separator of the courses of a program's sequence.
SEQUENCE_SEPARATOR = ">"

#: Grades a district file may use (middle and high school).
SCHOOL_LEVELS = ("middle", "high")
PARTNER_KINDS = ("employer", "organization")
SEASONS = ("fall", "winter", "spring", "summer", "school year")
#: Most errors listed in one message (all are kept in ``DistrictImportError.errors``).
MAX_LISTED_ERRORS = 25

_TRUE = {"yes", "y", "true", "t", "1", "x"}
_FALSE = {"no", "n", "false", "f", "0"}
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_ZIP_RE = re.compile(r"^\d{5}$")
_CIP_RE = re.compile(r"^\d{2}\.\d{4}$")


@dataclass(frozen=True)
class FileSpec:
    """One CSV file of the template: its name, required and optional columns."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column the template defines, required first."""
        return self.required + self.optional


DISTRICT_FILE = FileSpec("district.csv", ("id", "name", "state"), ("is_sample",))
SCHOOLS_FILE = FileSpec(
    "schools.csv", ("id", "name", "level", "grade_low", "grade_high", "zip"), ("address", "counselor_office")
)
PROGRAMS_FILE = FileSpec(
    "cte_programs.csv",
    ("id", "school_id", "name", "cluster", "grade_low", "grade_high"),
    ("pathway", "course_sequence", "certifications", "dual_credit", "dual_credit_partner", "cip_code", "description"),
)
PARTNERS_FILE = FileSpec(
    "partners.csv",
    ("id", "name", "kind", "cluster", "zip"),
    ("industry", "opportunity_types", "contact_role", "website"),
)
OPPORTUNITIES_FILE = FileSpec(
    "opportunities.csv",
    ("id", "type", "title", "cluster", "grade_low", "grade_high"),
    ("partner_id", "school_id", "zip", "start_date", "end_date", "season", "capacity", "paid", "how_to_apply", "description"),
)
#: The template's files in the order they are read.
FILES = (DISTRICT_FILE, SCHOOLS_FILE, PROGRAMS_FILE, PARTNERS_FILE, OPPORTUNITIES_FILE)


class DistrictImportError(ImportFileError):
    """Every problem found in a district's files; ``path``/``row``/``column`` are the first one's.

    ``errors`` holds one :class:`ImportFileError` per problem, in file and row order.
    """

    def __init__(self, errors: list[ImportFileError]):
        first = errors[0]
        super().__init__(first.path, first.reason, row=first.row, column=first.column)
        self.errors = list(errors)
        if len(errors) == 1:
            return
        lines = [f"{len(errors)} problems in the district files (nothing was imported):"]
        lines += [f"  - {e}" for e in errors[:MAX_LISTED_ERRORS]]
        if len(errors) > MAX_LISTED_ERRORS:
            lines.append(f"  ... and {len(errors) - MAX_LISTED_ERRORS} more")
        self.args = ("\n".join(lines),)


@dataclass
class _Parsed:
    """Validated rows ready to write, plus the problems found."""

    errors: list[ImportFileError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    district: dict[str, Any] | None = None
    schools: list[dict[str, Any]] = field(default_factory=list)
    programs: list[dict[str, Any]] = field(default_factory=list)
    partners: list[dict[str, Any]] = field(default_factory=list)
    opportunities: list[dict[str, Any]] = field(default_factory=list)
    # (file, row, column, value) of each ZIP, checked against zip_centroid in one pass
    zips: list[tuple[Path, int, str, str]] = field(default_factory=list)
    # file name -> {id: (path, row number)} of the rows kept, for errors found against the database
    rows: dict[str, dict[str, tuple[Path, int]]] = field(default_factory=dict)
    # files that could not be read (their ids are not checked as references)
    unreadable: set[str] = field(default_factory=set)

    def keep(self, spec: FileSpec, row: Row, values: dict[str, Any]) -> None:
        """Keep a checked row of ``spec``'s file for writing."""
        self.rows.setdefault(spec.name, {})[values["id"]] = (row.path, row.number)


class _RowChecker:
    """Reads typed values from a row, recording problems instead of stopping at the first."""

    def __init__(self, row: Row, errors: list[ImportFileError]):
        self.row = row
        self.errors = errors
        self.ok = True

    def fail(self, column: str | None, message: str) -> None:
        """Record a problem with ``column`` of this row."""
        self.ok = False
        self.errors.append(self.row.error(column, message))

    def text(self, column: str, model_column=None, required: bool = False) -> str | None:
        """The stripped text of ``column``; checks presence and the model column's length."""
        value = self.row.get(column)
        if not value:
            if required:
                self.fail(column, "value is required")
            return None
        limit = getattr(getattr(model_column, "type", None), "length", None)
        if limit and len(value) > limit:
            self.fail(column, f"{len(value)} characters; at most {limit} fit")
        return value

    def ident(self, column: str, model_column, required: bool = True) -> str | None:
        """An id: letters, digits, ``.``, ``_`` and ``-``, within the column's length."""
        value = self.text(column, model_column, required=required)
        if value is not None and not _ID_RE.match(value):
            self.fail(column, f"{value!r} is not a valid id (use letters, digits, '-', '_' or '.', no spaces)")
        return value

    def choice(self, column: str, allowed: Iterable[str], required: bool = True) -> str | None:
        """One of ``allowed`` (case-insensitive; spaces and hyphens read as underscores for types)."""
        value = self.text(column, required=required)
        if value is None:
            return None
        allowed = tuple(allowed)
        key = value.lower()
        if key in allowed:
            return key
        alt = re.sub(r"[\s-]+", "_", key)
        if alt in allowed:
            return alt
        self.fail(column, f"{value!r} is not one of: {', '.join(allowed)}")
        return None

    def grade(self, column: str) -> int | None:
        """A grade from 6 to 12."""
        value = self.text(column, required=True)
        if value is None:
            return None
        try:
            grade = int(value)
        except ValueError:
            self.fail(column, f"{value!r} is not a grade (a whole number from {MIN_GRADE} to {MAX_GRADE})")
            return None
        if not MIN_GRADE <= grade <= MAX_GRADE:
            self.fail(column, f"grade {grade} is outside {MIN_GRADE}–{MAX_GRADE}")
            return None
        return grade

    def grades(self) -> tuple[int | None, int | None]:
        """``grade_low`` and ``grade_high``, checking low <= high."""
        low, high = self.grade("grade_low"), self.grade("grade_high")
        if low is not None and high is not None and low > high:
            self.fail("grade_high", f"grade_high {high} is below grade_low {low}")
        return low, high

    def boolean(self, column: str, default: bool | None) -> bool | None:
        """yes/no, true/false, y/n or 1/0; ``default`` when empty."""
        value = self.row.get(column)
        if not value:
            return default
        key = value.lower()
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
        self.fail(column, f"{value!r} is not yes or no")
        return default

    def date(self, column: str) -> dt.date | None:
        """An ISO date (YYYY-MM-DD), or None when empty."""
        value = self.row.get(column)
        if not value:
            return None
        try:
            if not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(column, f"{value!r} is not a date; write YYYY-MM-DD, e.g. 2027-03-15")
            return None

    def positive_int(self, column: str) -> int | None:
        """A whole number ≥ 1, or None when empty."""
        value = self.row.get(column)
        if not value:
            return None
        try:
            number = int(value.replace(",", ""))
        except ValueError:
            number = 0
        if number < 1:
            self.fail(column, f"{value!r} is not a whole number of 1 or more")
            return None
        return number

    def zip(self, column: str, parsed: _Parsed, required: bool = True) -> str | None:
        """A 5-digit ZIP code (known-ZIP check happens later, for all rows at once)."""
        value = self.text(column, required=required)
        if value is None:
            return None
        if not _ZIP_RE.match(value):
            self.fail(column, f"{value!r} is not a 5-digit ZIP code")
            return None
        parsed.zips.append((self.row.path, self.row.number, column, value))
        return value


class _Vocabulary:
    """Clusters and pathways known to the KB, matched by published name or id."""

    def __init__(self, session: Session):
        self.clusters: dict[str, str] = {}
        self.pathways: dict[str, dict[str, str]] = {}
        for cid, name in session.execute(select(CareerCluster.id, CareerCluster.name)):
            for key in (cid, name.lower(), slugify(name)):
                self.clusters[key] = cid
            self.pathways.setdefault(cid, {})
        for pid, cid, name in session.execute(select(CareerPathway.id, CareerPathway.cluster_id, CareerPathway.name)):
            names = self.pathways.setdefault(cid, {})
            for key in (pid, name.lower(), slugify(name), pid.split("/", 1)[-1]):
                names[key] = pid

    def cluster(self, check: _RowChecker, column: str = "cluster") -> str | None:
        """The cluster id for the cell ("Health Science" or "health-science")."""
        value = check.text(column, required=True)
        if value is None:
            return None
        cid = self.clusters.get(value.lower()) or self.clusters.get(slugify(value))
        if cid is None:
            check.fail(column, f"unknown career cluster {value!r}; use one of the 16 cluster names, e.g. 'Health Science'")
        return cid

    def pathway(self, check: _RowChecker, cluster_id: str | None, column: str = "pathway") -> str | None:
        """The pathway id for the cell, which must belong to ``cluster_id``."""
        value = check.text(column)
        if value is None or cluster_id is None:
            return None
        names = self.pathways.get(cluster_id, {})
        pid = names.get(value.lower()) or names.get(slugify(value))
        if pid is None:
            for other, other_names in self.pathways.items():
                if other != cluster_id and (value.lower() in other_names or slugify(value) in other_names):
                    check.fail(column, f"pathway {value!r} belongs to cluster {other!r}, not {cluster_id!r}")
                    return None
            check.fail(column, f"unknown pathway {value!r} for cluster {cluster_id!r}")
        return pid


def _split(cell: str | None, separator: str) -> list[str]:
    return [part.strip() for part in (cell or "").split(separator) if part.strip()]


def _header(path: Path) -> list[str]:
    """The stripped header cells of a CSV file (empty when the file is empty or unreadable)."""
    if not path.is_file():
        raise ImportFileError(path, "file not found (every district directory needs this file, even with no data rows)")
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            return [h.strip() for h in next(csv.reader(fh), [])]
    except (UnicodeDecodeError, csv.Error):
        return []  # read_rows reports these with the exact reason


def _read(directory: Path, spec: FileSpec, parsed: _Parsed) -> list[Row]:
    """All rows of one template file; a missing file or column is recorded as a problem."""
    path = directory / spec.name
    try:
        header = _header(path)
        missing = [c for c in spec.required if c not in header]
        if header and missing:
            raise ImportFileError(
                path,
                f"missing column(s) {', '.join(missing)}; the header must have {', '.join(spec.required)}",
                row=1,
                column=missing[0],
            )
        rows = list(read_rows(path, spec.required))
    except ImportFileError as exc:
        parsed.errors.append(exc)
        parsed.unreadable.add(spec.name)
        return []
    if rows:
        unknown = [c for c in rows[0].values if c and c not in spec.columns]
        if unknown:
            parsed.warnings.append(f"{spec.name}: column(s) not in the template, ignored: {', '.join(unknown)}")
    return rows


def _unique(check: _RowChecker, value: str | None, seen: dict[str, int], column: str = "id") -> None:
    """Record ``value`` as used by this row; a problem when an earlier row used it."""
    if value is None:
        return
    if value in seen:
        check.fail(column, f"duplicate id {value!r} (already used on row {seen[value]})")
    else:
        seen[value] = check.row.number


def _parse(session: Session, directory: Path) -> _Parsed:
    """Read and check every file; nothing is written."""
    parsed = _Parsed()
    errors = parsed.errors
    vocab = _Vocabulary(session)
    if not vocab.clusters:
        errors.append(ImportFileError(directory, "the career clusters are not loaded yet; import them before a district"))
        return parsed

    # district.csv: exactly one row
    rows = _read(directory, DISTRICT_FILE, parsed)
    if len(rows) != 1 and not any(e.path.endswith(DISTRICT_FILE.name) for e in errors):
        errors.append(ImportFileError(directory / DISTRICT_FILE.name, f"expected exactly one district row, found {len(rows)}"))
    for row in rows[:1]:
        c = _RowChecker(row, errors)
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

    # schools.csv
    school_ids: dict[str, int] = {}
    school_grades: dict[str, tuple[int, int]] = {}
    school_zip: dict[str, str] = {}
    for row in _read(directory, SCHOOLS_FILE, parsed):
        c = _RowChecker(row, errors)
        sid = c.ident("id", School.id)
        _unique(c, sid, school_ids)
        name = c.text("name", School.name, required=True)
        level = c.choice("level", SCHOOL_LEVELS)
        low, high = c.grades()
        zip_code = c.zip("zip", parsed)
        values = {
            "id": sid, "name": name, "level": level, "grade_low": low, "grade_high": high, "zip": zip_code,
            "address": c.text("address", School.address),
            "counselor_office": c.text("counselor_office", School.counselor_office),
        }
        if c.ok:
            parsed.schools.append(values)
            parsed.keep(SCHOOLS_FILE, row, values)
            school_grades[sid] = (low, high)
            school_zip[sid] = zip_code

    # cte_programs.csv
    seen: dict[str, int] = {}
    for row in _read(directory, PROGRAMS_FILE, parsed):
        c = _RowChecker(row, errors)
        pid = c.ident("id", CteProgram.id)
        _unique(c, pid, seen)
        school_id = c.text("school_id", required=True)
        if school_id is not None and school_id not in school_ids and SCHOOLS_FILE.name not in parsed.unreadable:
            c.fail("school_id", f"unknown school {school_id!r}; it must be an id in schools.csv")
        name = c.text("name", CteProgram.name, required=True)
        cluster_id = vocab.cluster(c)
        pathway_id = vocab.pathway(c, cluster_id)
        low, high = c.grades()
        cip = c.text("cip_code")
        if cip is not None and not _CIP_RE.match(cip):
            c.fail("cip_code", f"{cip!r} is not a CIP 2020 code like 51.3902")
        dual = c.boolean("dual_credit", False)
        values = {
            "id": pid, "school_id": school_id, "name": name, "cluster_id": cluster_id, "pathway_id": pathway_id,
            "grade_low": low, "grade_high": high,
            "course_sequence": " > ".join(_split(row.get("course_sequence"), SEQUENCE_SEPARATOR)) or None,
            "certifications": "; ".join(_split(row.get("certifications"), LIST_SEPARATOR)) or None,
            "dual_credit": bool(dual),
            "dual_credit_partner": c.text("dual_credit_partner", CteProgram.dual_credit_partner),
            "cip_code": cip, "description": c.text("description"),
        }
        if c.ok:
            parsed.programs.append(values)
            parsed.keep(PROGRAMS_FILE, row, values)
            sg = school_grades.get(school_id)
            if sg and (low < sg[0] or high > sg[1]):
                parsed.warnings.append(
                    f"{PROGRAMS_FILE.name}, row {row.number}: grades {low}-{high} go beyond {school_id}'s grades {sg[0]}-{sg[1]}"
                )

    # partners.csv
    partner_ids: dict[str, int] = {}
    partner_zip: dict[str, str] = {}
    for row in _read(directory, PARTNERS_FILE, parsed):
        c = _RowChecker(row, errors)
        pid = c.ident("id", Partner.id)
        _unique(c, pid, partner_ids)
        types = []
        for part in _split(row.get("opportunity_types"), LIST_SEPARATOR):
            key = re.sub(r"[\s-]+", "_", part.lower())
            if key in OPPORTUNITY_TYPES:
                types.append(key)
            else:
                c.fail("opportunity_types", f"{part!r} is not one of: {', '.join(OPPORTUNITY_TYPES)}")
        values = {
            "id": pid, "name": c.text("name", Partner.name, required=True), "kind": c.choice("kind", PARTNER_KINDS),
            "industry": c.text("industry", Partner.industry), "cluster_id": vocab.cluster(c),
            "zip": c.zip("zip", parsed), "opportunity_types": "; ".join(types) or None,
            "contact_role": c.text("contact_role", Partner.contact_role), "website": c.text("website", Partner.website),
        }
        if values["opportunity_types"] and len(values["opportunity_types"]) > Partner.opportunity_types.type.length:
            c.fail("opportunity_types", "too many types")
        if c.ok:
            parsed.partners.append(values)
            parsed.keep(PARTNERS_FILE, row, values)
            partner_zip[pid] = values["zip"]

    # opportunities.csv
    seen = {}
    for row in _read(directory, OPPORTUNITIES_FILE, parsed):
        c = _RowChecker(row, errors)
        oid = c.ident("id", Opportunity.id)
        _unique(c, oid, seen)
        partner_id = c.text("partner_id")
        if partner_id is not None and partner_id not in partner_ids and PARTNERS_FILE.name not in parsed.unreadable:
            c.fail("partner_id", f"unknown partner {partner_id!r}; it must be an id in partners.csv")
        school_id = c.text("school_id")
        if school_id is not None and school_id not in school_ids and SCHOOLS_FILE.name not in parsed.unreadable:
            c.fail("school_id", f"unknown school {school_id!r}; it must be an id in schools.csv (or empty for district-wide)")
        zip_code = c.zip("zip", parsed, required=False)
        if not row.get("zip"):
            # default: the partner's ZIP, else the school's
            zip_code = partner_zip.get(partner_id or "") or school_zip.get(school_id or "")
            if partner_id is None and school_id is None:
                c.fail("zip", "value is required when the row names no partner or school to take the ZIP from")
        start, end = c.date("start_date"), c.date("end_date")
        if start and end and end < start:
            c.fail("end_date", f"end_date {end} is before start_date {start}")
        season = c.choice("season", SEASONS, required=False)
        if season is None and not row.get("season") and not row.get("start_date"):
            c.fail("start_date", "give a start_date or a season")
        low, high = c.grades()
        values = {
            "id": oid, "type": c.choice("type", OPPORTUNITY_TYPES), "title": c.text("title", Opportunity.title, required=True),
            "partner_id": partner_id, "school_id": school_id, "cluster_id": vocab.cluster(c),
            "grade_low": low, "grade_high": high, "start_date": start, "end_date": end, "season": season,
            "capacity": c.positive_int("capacity"), "paid": c.boolean("paid", None), "zip": zip_code,
            "how_to_apply": c.text("how_to_apply"), "description": c.text("description"),
        }
        if c.ok:
            parsed.opportunities.append(values)
            parsed.keep(OPPORTUNITIES_FILE, row, values)

    _check_zips(session, parsed)
    if parsed.district is not None:
        _check_foreign_ids(session, parsed)
    errors.sort(key=lambda e: (_file_order(e.path), e.row or 0))
    return parsed


def _file_order(path: str) -> int:
    name = Path(path).name
    for i, spec in enumerate(FILES):
        if spec.name == name:
            return i
    return -1


def _chunks(values: list[str], size: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(values), size):
        yield values[i:i + size]


def _check_zips(session: Session, parsed: _Parsed) -> None:
    """Each ZIP must be a known ZIP Code Tabulation Area, when the KB has ZIP centroids loaded."""
    if not parsed.zips or session.execute(select(ZipCentroid.zip).limit(1)).first() is None:
        return
    wanted = sorted({z for *_, z in parsed.zips})
    known: dict[str, str | None] = {}
    for chunk in _chunks(wanted):
        known.update(session.execute(select(ZipCentroid.zip, ZipCentroid.state).where(ZipCentroid.zip.in_(chunk))).all())
    state = (parsed.district or {}).get("state")
    other_state = set()
    for path, row, column, value in parsed.zips:
        if value not in known:
            parsed.errors.append(ImportFileError(path, f"{value} is not a known ZIP code (Census ZCTA); use the ZIP of the street address", row=row, column=column))
        elif state and known[value] and known[value] != state:
            other_state.add(value)
    if other_state:
        parsed.warnings.append(f"ZIP code(s) outside {state}: {', '.join(sorted(other_state))}")


def _check_foreign_ids(session: Session, parsed: _Parsed) -> None:
    """Ids already used by another district are an error (ids are global across districts)."""
    district_id = parsed.district["id"]
    for spec, model, rows in (
        (SCHOOLS_FILE, School, parsed.schools),
        (PROGRAMS_FILE, CteProgram, parsed.programs),
        (PARTNERS_FILE, Partner, parsed.partners),
        (OPPORTUNITIES_FILE, Opportunity, parsed.opportunities),
    ):
        ids = [r["id"] for r in rows]
        taken: dict[str, str] = {}
        for chunk in _chunks(ids):
            taken.update(session.execute(
                select(model.id, model.district_id).where(model.id.in_(chunk), model.district_id != district_id)
            ).all())
        where = parsed.rows.get(spec.name, {})
        for rid, other in sorted(taken.items()):
            path, number = where[rid]
            parsed.errors.append(ImportFileError(path, f"duplicate id {rid!r}: already used by district {other!r}", row=number, column="id"))


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
    did = d["id"]
    result = ImportResult(source=f"district {did}", warnings=list(parsed.warnings))
    total = 1 + len(parsed.schools) + len(parsed.programs) + len(parsed.partners) + len(parsed.opportunities)
    done = 0

    if session.get(District, did) is None:
        session.execute(insert(District), [d])
    else:
        session.execute(update(District).where(District.id == did).values(
            name=d["name"], state=d["state"], is_sample=d["is_sample"], imported_at=func.now()))
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
