"""Import ZIP centroids: Census Gazetteer ZCTA internal points, with state and city where known.

* ``census_zcta_2023_centroids.csv`` (``GEOID``, ``LAT``, ``LONG``): the coordinates of record. The
  official Gazetteer text file (tab-separated, ``INTPTLAT`` / ``INTPTLONG``) is read as well.
* ``us_zips_city_state.csv`` (``zip_code``, ``city``, ``state``): fills ``state`` and ``city``
  for the ZCTAs it lists (its own coordinates are not used).

``zip_centroid`` rows are upserted (district data and distance queries use them).
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy.orm import Session

from career_kb.importers.bulk import upsert_rows
from career_kb.importers.common import ImportFileError, ImportResult, Progress, Row, count_lines, no_progress, read_rows
from career_kb.models import ZipCentroid

_ZIP = re.compile(r"^\d{5}$")


def _zip(row: Row, column: str) -> str:
    value = row.require(column)
    if value.isdigit() and len(value) < 5:  # spreadsheets drop leading zeros
        value = value.zfill(5)
    if not _ZIP.match(value):
        raise row.error(column, f"not a 5-digit ZIP code: {value!r}")
    return value


def _coordinate(row: Row, column: str, limit: float) -> float:
    value = row.number_or_none(column)
    if value is None:
        raise row.error(column, "value is required")
    if not -limit <= value <= limit:
        raise row.error(column, f"out of range (±{limit:g}): {value}")
    return value


def _header(path: Path) -> tuple[str, list[str]]:
    """The delimiter and the stripped header names of a CSV or tab-separated file."""
    if not path.is_file():
        raise ImportFileError(path, "file not found")
    with open(path, encoding="utf-8-sig") as fh:
        first = fh.readline()
    delimiter = "\t" if "\t" in first else ","
    return delimiter, [h.strip().strip('"') for h in first.split(delimiter)]


def import_zips(
    session: Session, census_csv: Path | str, city_state_csv: Path | str | None = None, progress: Progress = no_progress
) -> ImportResult:
    """Upsert ``zip_centroid`` from the Census ZCTA centroids and, optionally, a ZIP → city/state list.

    Raises :class:`ImportFileError` (file, row, column) on a bad ZIP or coordinate. Does not commit.
    """
    census = Path(census_csv)
    result = ImportResult("Census ZCTA")
    delimiter, header = _header(census)
    lat_col = "LAT" if "LAT" in header else "INTPTLAT"
    lon_col = "LONG" if "LONG" in header else "INTPTLONG"

    places: dict[str, tuple[str | None, str | None]] = {}
    if city_state_csv:
        path = Path(city_state_csv)
        for row in read_rows(path, ["zip_code", "city", "state"]):
            state = row.get("state").upper() or None
            if state is not None and not re.fullmatch(r"[A-Z]{2}", state):
                raise row.error("state", f"not a 2-letter state code: {row.get('state')!r}")
            places[_zip(row, "zip_code")] = (state, (row.get("city") or None) and row.get("city")[:80])
        progress("ZIP cities", len(places), len(places))

    total = count_lines(census)
    zips: dict[str, dict] = {}
    n = 0
    for row in read_rows(census, ["GEOID", lat_col, lon_col], delimiter=delimiter):
        n += 1
        if n % 5000 == 0:
            progress("ZIP centroids", n, total)
        code = _zip(row, "GEOID")
        state, city = places.get(code, (None, None))
        zips[code] = {
            "zip": code,
            "latitude": _coordinate(row, lat_col, 90),
            "longitude": _coordinate(row, lon_col, 180),
            "state": state,
            "city": city,
        }
    progress("ZIP centroids", n, n)
    columns = ["latitude", "longitude"] + (["state", "city"] if city_state_csv else [])
    upsert_rows(session, ZipCentroid, list(zips.values()), columns=columns)
    result.add("zip_centroid", len(zips))
    if city_state_csv:
        unmatched = sum(1 for z in zips.values() if not z["state"])
        if unmatched:
            result.warnings.append(f"{unmatched} ZCTA(s) without a city/state in {Path(city_state_csv).name}")
    return result
