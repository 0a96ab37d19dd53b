"""Places: the district's schools (found by name, or offered as choices) and the state of a ZIP code."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from career_kb import geo
from career_kb import models as m
from career_kb.queries.results import SchoolInfo

_SCHOOL_WORDS = re.compile(r"\b(high|middle|school|hs|ms|junior|senior|academy)\b")


def find_school(session: Session, text: str) -> SchoolInfo | None:
    """A school by id or name, forgiving case, "High School"/"HS" and small misspellings."""
    if not text or not text.strip():
        return None
    rows = session.execute(
        select(m.School, m.District.name, m.District.state).join(m.District, m.District.id == m.School.district_id)
    ).all()
    if not rows:
        return None

    def info(school, dname, dstate) -> SchoolInfo:
        return SchoolInfo(
            school.id,
            school.name,
            school.level,
            school.grade_low,
            school.grade_high,
            school.zip,
            school.address,
            school.counselor_office,
            school.district_id,
            dname,
            dstate,
        )

    raw = text.strip().lower()
    for school, dname, dstate in rows:
        if raw in (school.id.lower(), school.name.lower()):
            return info(school, dname, dstate)

    def core(name: str) -> str:
        return " ".join(_SCHOOL_WORDS.sub(" ", name.lower().replace("&", " ")).split())

    level = (
        "middle"
        if re.search(r"\b(middle|ms|junior)\b", raw)
        else "high"
        if re.search(r"\b(high|hs|senior)\b", raw)
        else None
    )
    query = core(raw)
    if not query:
        return None
    choices = {i: core(s.name) for i, (s, _, _) in enumerate(rows)}
    found = process.extract(query, choices, scorer=fuzz.WRatio, score_cutoff=80, limit=3)
    if not found:
        return None
    best = sorted(found, key=lambda f: (-f[1], 0 if level is None or rows[f[2]][0].level == level else 1))[0]
    school, dname, dstate = rows[best[2]]
    return info(school, dname, dstate)


def state_for_zip(session: Session, zip: str) -> str | None:
    """The state (postal code) of a ZIP code, or ``None`` when unknown."""
    return geo.state_for_zip(session, zip)


def school_zip(session: Session, school_id: str | None) -> str | None:
    """The ZIP code of a school of the district, or None."""
    if not school_id:
        return None
    return session.execute(select(m.School.zip).where(m.School.id == school_id)).scalar_one_or_none()


@dataclass(frozen=True)
class SchoolChoice:
    """A school a student can pick when asked where they go (for the profile's ``school_id``)."""

    school_id: str
    name: str
    level: str


def school_choices(session: Session, grade: int | None = None) -> list[SchoolChoice]:
    """The imported districts' schools, those serving ``grade`` only when it is given, by name."""
    stmt = select(m.School.id, m.School.name, m.School.level).order_by(m.School.name)
    if grade is not None:
        stmt = stmt.where(m.School.grade_low <= grade, m.School.grade_high >= grade)
    return [SchoolChoice(*row) for row in session.execute(stmt)]
