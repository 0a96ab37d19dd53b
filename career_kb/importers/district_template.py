"""The district template's files and the row checks every cell goes through.

Used by :mod:`career_kb.importers.district`.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from career_kb.importers.common import ImportFileError, Row, read_rows, slugify
from career_kb.models import CareerCluster, CareerPathway
from career_kb.vocabulary import MAX_GRADE, MIN_GRADE

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
CIP_RE = re.compile(r"^\d{2}\.\d{4}$")


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
    (
        "partner_id",
        "school_id",
        "zip",
        "start_date",
        "end_date",
        "season",
        "capacity",
        "paid",
        "how_to_apply",
        "description",
    ),
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
class Parsed:
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


class RowChecker:
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

    def zip(self, column: str, parsed: Parsed, required: bool = True) -> str | None:
        """A 5-digit ZIP code (known-ZIP check happens later, for all rows at once)."""
        value = self.text(column, required=required)
        if value is None:
            return None
        if not _ZIP_RE.match(value):
            self.fail(column, f"{value!r} is not a 5-digit ZIP code")
            return None
        parsed.zips.append((self.row.path, self.row.number, column, value))
        return value


class KnownClusters:
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

    def cluster(self, check: RowChecker, column: str = "cluster") -> str | None:
        """The cluster id for the cell ("Health Science" or "health-science")."""
        value = check.text(column, required=True)
        if value is None:
            return None
        cid = self.clusters.get(value.lower()) or self.clusters.get(slugify(value))
        if cid is None:
            check.fail(
                column, f"unknown career cluster {value!r}; use one of the 16 cluster names, e.g. 'Health Science'"
            )
        return cid

    def pathway(self, check: RowChecker, cluster_id: str | None, column: str = "pathway") -> str | None:
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


def split_cell(cell: str | None, separator: str) -> list[str]:
    """The non-empty, stripped parts of a multi-valued cell."""
    return [part.strip() for part in (cell or "").split(separator) if part.strip()]


def read_header(path: Path) -> list[str]:
    """The stripped header cells of a CSV file (empty when the file is empty or unreadable)."""
    if not path.is_file():
        raise ImportFileError(path, "file not found (every district directory needs this file, even with no data rows)")
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            return [h.strip() for h in next(csv.reader(fh), [])]
    except (UnicodeDecodeError, csv.Error):
        return []  # read_rows reports these with the exact reason


def read_file(directory: Path, spec: FileSpec, parsed: Parsed) -> list[Row]:
    """All rows of one template file; a missing file or column is recorded as a problem."""
    path = directory / spec.name
    try:
        header = read_header(path)
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


def check_unique(check: RowChecker, value: str | None, seen: dict[str, int], column: str = "id") -> None:
    """Record ``value`` as used by this row; a problem when an earlier row used it."""
    if value is None:
        return
    if value in seen:
        check.fail(column, f"duplicate id {value!r} (already used on row {seen[value]})")
    else:
        seen[value] = check.row.number
