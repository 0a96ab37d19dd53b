"""Distances and ZIP code look-ups (Census ZCTA internal points in ``zip_centroid``)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from career_kb.models import ZipCentroid

#: Mean Earth radius in miles.
EARTH_RADIUS_MILES = 3958.8

_ZIP_RE = re.compile(r"^\s*(\d{5})(?:-\d{4})?\s*$")


@dataclass(frozen=True)
class ZipPoint:
    """A ZIP code's internal point and place."""

    zip: str
    latitude: float
    longitude: float
    state: str | None
    city: str | None


def haversine_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in miles between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


def normalize_zip(value: str | int | None) -> str | None:
    """A five-digit ZIP from ``"50309"``, ``"50309-1234"`` or ``50309``; ``None`` when not a ZIP."""
    if value is None:
        return None
    if isinstance(value, int):
        value = f"{value:05d}"
    match = _ZIP_RE.match(str(value))
    return match.group(1) if match else None


def zip_point(session: Session, zip_code: str | int | None) -> ZipPoint | None:
    """The location of a ZIP code, or ``None`` when it is malformed or unknown."""
    code = normalize_zip(zip_code)
    if code is None:
        return None
    row = session.execute(
        select(ZipCentroid.zip, ZipCentroid.latitude, ZipCentroid.longitude, ZipCentroid.state, ZipCentroid.city).where(
            ZipCentroid.zip == code
        )
    ).first()
    return ZipPoint(*row) if row else None


def zip_points(session: Session, zips: set[str]) -> dict[str, ZipPoint]:
    """Locations of several ZIP codes at once (unknown ones are left out)."""
    codes = sorted({z for z in (normalize_zip(z) for z in zips) if z})
    out: dict[str, ZipPoint] = {}
    for i in range(0, len(codes), 500):
        chunk = codes[i : i + 500]
        for row in session.execute(
            select(
                ZipCentroid.zip, ZipCentroid.latitude, ZipCentroid.longitude, ZipCentroid.state, ZipCentroid.city
            ).where(ZipCentroid.zip.in_(chunk))
        ):
            out[row[0]] = ZipPoint(*row)
    return out


def zip_distance_miles(a: ZipPoint | None, b: ZipPoint | None) -> float | None:
    """Miles between two ZIP points (``None`` when either is unknown)."""
    if a is None or b is None:
        return None
    return haversine_miles(a.latitude, a.longitude, b.latitude, b.longitude)


def state_for_zip(session: Session, zip_code: str | int | None) -> str | None:
    """The state (postal code) of a ZIP code, or ``None``."""
    point = zip_point(session, zip_code)
    return point.state if point else None
