"""Import BLS files: OEWS wages (national and state, May 2025) and Employment Projections 2024–34.

OEWS (``oews_national_may2025.csv``, ``oews_state_may2025.csv``): one row per area and SOC code.
Only detailed occupations (``display_level`` 3) and the ``00-0000`` "All Occupations" reference row
are kept; the major/minor/broad group rows are summaries. Not-available cells are ``-``; the
``footnotes`` column lists ``measure:code`` pairs whose codes are explained in ``oews_footnotes.csv``:

* code 4 on hourly measures: hourly wages are not published (annual only); on annual measures:
  annual wages are not published (``hourly_only``);
* code 5: the wage is top-coded. BLS then writes ``-``; we store the ceiling from the footnote's text
  ("equal to or greater than $115.00 per hour or $239,200 per year") and set ``hourly_top_coded`` /
  ``annual_top_coded``: a flagged row's values equal to the ceiling mean "at least" that much;
* code 8: estimate not released (stored as ``None``).

Projections (``ep_table_1_2_occupational_projections_2024_34.csv``): only "Line item" rows (detailed
occupations); employment and openings in thousands as published; "—" is ``None``. The outlook label
compares each percent change with the file's own all-occupation (``00-0000``) change.
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy.orm import Session

from career_kb.importers.bulk import delete_all, insert_rows
from career_kb.importers.common import ImportFileError, ImportResult, Progress, Row, count_lines, no_progress, read_rows
from career_kb.models import OccupationProjection, OccupationWage
from career_kb.outlook import DEFAULT_AVERAGE, outlook_label
from career_kb.sources import ensure_sources

OEWS_SOURCE = "bls_oews"
EP_SOURCE = "bls_ep"

#: State FIPS codes → USPS postal codes (50 states, DC and the territories OEWS publishes).
FIPS_TO_POSTAL = {
    "01": "AL",
    "02": "AK",
    "04": "AZ",
    "05": "AR",
    "06": "CA",
    "08": "CO",
    "09": "CT",
    "10": "DE",
    "11": "DC",
    "12": "FL",
    "13": "GA",
    "15": "HI",
    "16": "ID",
    "17": "IL",
    "18": "IN",
    "19": "IA",
    "20": "KS",
    "21": "KY",
    "22": "LA",
    "23": "ME",
    "24": "MD",
    "25": "MA",
    "26": "MI",
    "27": "MN",
    "28": "MS",
    "29": "MO",
    "30": "MT",
    "31": "NE",
    "32": "NV",
    "33": "NH",
    "34": "NJ",
    "35": "NM",
    "36": "NY",
    "37": "NC",
    "38": "ND",
    "39": "OH",
    "40": "OK",
    "41": "OR",
    "42": "PA",
    "44": "RI",
    "45": "SC",
    "46": "SD",
    "47": "TN",
    "48": "TX",
    "49": "UT",
    "50": "VT",
    "51": "VA",
    "53": "WA",
    "54": "WV",
    "55": "WI",
    "56": "WY",
    "60": "AS",
    "66": "GU",
    "69": "MP",
    "72": "PR",
    "78": "VI",
}

WAGE_MEASURES = ("mean", "p10", "p25", "median", "p75", "p90")
OEWS_COLUMNS = [
    "area_type",
    "state_fips",
    "area_name",
    "soc_code",
    "occupation_title",
    "display_level",
    "employment",
    *[f"hourly_{m}" for m in WAGE_MEASURES],
    *[f"annual_{m}" for m in WAGE_MEASURES],
    "footnotes",
]
#: OEWS footnote codes with a meaning for the stored values.
FOOTNOTE_ANNUAL_ONLY = "4"
FOOTNOTE_TOP_CODED = "5"

#: Ceilings used when the footnotes file is not beside the data (May 2025 values).
DEFAULT_CEILINGS = (115.00, 239200)

EP_COLUMNS = {
    "title": "2024 National Employment Matrix title",
    "code": "2024 National Employment Matrix code",
    "type": "Occupation type",
    "base": "Employment, 2024",
    "projected": "Employment, 2034",
    "percent": "Employment change, percent, 2024–34",
    "openings": "Occupational openings, 2024–34 annual average",
    "wage": "Median annual wage, dollars, 2024[1]",
    "education": "Typical education needed for entry",
    "experience": "Work experience in a related occupation",
    "training": "Typical on-the-job training needed to attain competency in the occupation",
    "ooh_url": "ooh_url",
}

_SOC = re.compile(r"^\d{2}-\d{4}$")
_MISSING = ("", "-", "—", "–", "*", "#", "**", "n/a", "N/A")


def _soc(row: Row, column: str) -> str:
    code = row.require(column)
    if not _SOC.match(code):
        raise row.error(column, f"not a SOC code (NN-NNNN): {code!r}")
    return code


def read_ceilings(footnotes_csv: Path | str) -> tuple[float, int]:
    """The (hourly, annual) top-code ceilings stated in OEWS footnote 5 of ``oews_footnotes.csv``."""
    for row in read_rows(footnotes_csv, ["footnote_code", "footnote_text"]):
        if row.get("footnote_code") == FOOTNOTE_TOP_CODED:
            text = row.require("footnote_text")
            amounts = re.findall(r"\$([\d,]+(?:\.\d+)?)", text)
            if len(amounts) != 2:
                raise row.error("footnote_text", f"expected an hourly and an annual ceiling in {text!r}")
            hourly, annual = (float(a.replace(",", "")) for a in amounts)
            return hourly, int(annual)
    raise ImportFileError(footnotes_csv, f"no footnote {FOOTNOTE_TOP_CODED} (top-coded wages)")


def _footnotes(row: Row) -> dict[str, set[str]]:
    """``{"hourly_p90": {"5"}, ...}`` from the ``footnotes`` cell (``measure:code;measure:code``)."""
    notes: dict[str, set[str]] = {}
    for part in row.get("footnotes").split(";"):
        part = part.strip()
        if not part:
            continue
        measure, sep, code = part.partition(":")
        if not sep or not code.strip():
            raise row.error("footnotes", f"expected measure:code pairs, got {part!r}")
        notes.setdefault(measure.strip(), set()).add(code.strip())
    return notes


def _wage_row(row: Row, area: str, ceilings: tuple[float, int]) -> dict:
    notes = _footnotes(row)
    rec = {
        "soc_code": _soc(row, "soc_code"),
        "area": area,
        "area_name": row.require("area_name")[:60],
        "occupation_title": row.require("occupation_title")[:200],
        "employment": row.number_or_none("employment", int, _MISSING),
        "hourly_top_coded": False,
        "annual_top_coded": False,
        "source_id": OEWS_SOURCE,
    }
    for period, kind, ceiling in (("hourly", float, ceilings[0]), ("annual", int, ceilings[1])):
        for m in WAGE_MEASURES:
            col = f"{period}_{m}"
            value = row.number_or_none(col, kind, _MISSING)
            if FOOTNOTE_TOP_CODED in notes.get(col, ()):
                if value is None or value >= ceiling:
                    value = kind(ceiling)
                rec[f"{period}_top_coded"] = True
            rec[col] = value
    annual_notes = [notes.get(f"annual_{m}", set()) for m in WAGE_MEASURES]
    rec["hourly_only"] = any(FOOTNOTE_ANNUAL_ONLY in n for n in annual_notes)
    return rec


def _read_oews(path: Path, area_type: str, ceilings, progress: Progress, label: str) -> list[dict]:
    total = count_lines(path) if path.is_file() else None
    rows: dict[tuple[str, str], dict] = {}
    n = 0
    for row in read_rows(path, OEWS_COLUMNS):
        n += 1
        if n % 5000 == 0:
            progress(label, n, total)
        if row.get("area_type") != area_type:
            raise row.error("area_type", f"expected {area_type!r} in this file, got {row.get('area_type')!r}")
        level = row.number_or_none("display_level", int)
        soc = _soc(row, "soc_code")
        if level != 3 and soc != "00-0000":
            continue  # a major, minor or broad group total
        if area_type == "N":
            area = "US"
        else:
            fips = row.require("state_fips").zfill(2)
            postal = FIPS_TO_POSTAL.get(fips)
            if postal is None:
                raise row.error("state_fips", f"unknown state FIPS code {fips!r}")
            area = postal
        key = (soc, area)
        if key in rows:
            raise row.error("soc_code", f"{soc} appears twice for {area}")
        rows[key] = _wage_row(row, area, ceilings)
    progress(label, n, n)
    return list(rows.values())


def import_oews(
    session: Session,
    national_csv: Path | str,
    state_csv: Path | str | None = None,
    progress: Progress = no_progress,
    footnotes_csv: Path | str | None = None,
) -> ImportResult:
    """Import OEWS wages into ``occupation_wage``: national rows as area ``US``, states by postal code.

    Replaces the national rows (and, when ``state_csv`` is given, all state rows). The top-code
    ceilings come from ``footnotes_csv`` (default: ``oews_footnotes.csv`` beside ``national_csv``).
    Writes the data source rows first (:func:`career_kb.sources.ensure_sources`). Does not commit.
    """
    national_csv = Path(national_csv)
    result = ImportResult("BLS OEWS")
    footnotes = Path(footnotes_csv) if footnotes_csv else national_csv.parent / "oews_footnotes.csv"
    ceilings = read_ceilings(footnotes) if footnotes.is_file() else DEFAULT_CEILINGS
    if not footnotes.is_file():
        result.warnings.append(
            f"{footnotes.name} not found; top-code ceilings assumed "
            f"${DEFAULT_CEILINGS[0]:.2f}/h, ${DEFAULT_CEILINGS[1]:,}/yr"
        )

    national = _read_oews(national_csv, "N", ceilings, progress, "OEWS national")
    states = _read_oews(Path(state_csv), "S", ceilings, progress, "OEWS states") if state_csv else None

    ensure_sources(session)  # wages cite bls_oews
    delete_all(session, OccupationWage, OccupationWage.area == "US")
    insert_rows(session, OccupationWage, national)
    result.add("occupation_wage", len(national))
    if states is not None:
        delete_all(session, OccupationWage, OccupationWage.area != "US")
        insert_rows(session, OccupationWage, states)
        result.add("occupation_wage", len(states))
    return result


def import_projections(session: Session, csv: Path | str, progress: Progress = no_progress) -> ImportResult:
    """Import BLS Employment Projections table 1.2 into ``occupation_projection`` (replacing it).

    Keeps the "Line item" rows; the outlook label uses the file's ``00-0000`` percent change as the
    average (3.1 for 2024–34 when that row is missing). Writes the data source rows first.
    Does not commit.
    """
    path = Path(csv)
    result = ImportResult("BLS Employment Projections")
    c = EP_COLUMNS
    total = count_lines(path) if path.is_file() else None
    average = None
    items: dict[str, dict] = {}
    n = 0
    for row in read_rows(path, list(c.values())):
        n += 1
        if n % 500 == 0:
            progress("BLS projections", n, total)
        soc = _soc(row, c["code"])
        kind = row.require(c["type"])
        if soc == "00-0000":
            average = row.number_or_none(c["percent"], float, _MISSING)
        if kind != "Line item":
            continue
        if soc in items:
            raise row.error(c["code"], f"{soc} appears twice")
        wage_text = row.get(c["wage"])
        # The EP table writes top-coded wages as ">=$239,200": keep the ceiling (reference only).
        if wage_text.startswith(">="):
            row = Row(row.path, row.number, {**row.values, c["wage"]: wage_text[2:]})

        def text(key: str, size: int, row: Row = row) -> str | None:
            value = row.get(c[key])
            return None if value in _MISSING else value[:size]

        items[soc] = {
            "soc_code": soc,
            "title": row.require(c["title"])[:200],
            "employment_base": row.number_or_none(c["base"], float, _MISSING),
            "employment_projected": row.number_or_none(c["projected"], float, _MISSING),
            "percent_change": row.number_or_none(c["percent"], float, _MISSING),
            "annual_openings": row.number_or_none(c["openings"], float, _MISSING),
            "median_annual_wage": row.number_or_none(c["wage"], int, _MISSING),
            "entry_education": text("education", 80),
            "work_experience": text("experience", 80),
            "on_the_job_training": text("training", 80),
            "ooh_url": text("ooh_url", 300),
            "source_id": EP_SOURCE,
        }
    progress("BLS projections", n, n)
    if average is None:
        average = DEFAULT_AVERAGE
        result.warnings.append(f"no 00-0000 total row; outlook compared with {DEFAULT_AVERAGE}% average growth")
    for item in items.values():
        item["outlook"] = outlook_label(item["percent_change"], average)
    ensure_sources(session)  # projections cite bls_ep
    delete_all(session, OccupationProjection)
    insert_rows(session, OccupationProjection, list(items.values()))
    result.add("occupation_projection", len(items))
    return result
