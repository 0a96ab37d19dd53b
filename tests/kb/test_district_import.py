"""The district CSV importer on the shipped sample district, and its error handling.

Every test starts from a real database (SQLite in a temporary file; PostgreSQL too when reachable)
holding the 16 career clusters, the Census ZIP centroids and the CIP programs from the shipped snapshot
(career_kb/snapshot/, so no official files are needed), and the sample district already imported.
Error tests copy the sample to a temporary directory, break one
cell, import, and check both the error (file, row, column) and that nothing in the database moved.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import delete, func, insert, select

from career_kb import models, settings
from career_kb.db import make_engine, session_factory
from career_kb.importers.common import ImportFileError, slugify
from career_kb.importers.district import (
    SAMPLE_DISTRICT_ID,
    DistrictImportError,
    import_district,
    import_sample_district,
)
from career_kb.snapshot import read_table
from career_kb.vocabulary import OPPORTUNITY_TYPES

DISTRICT_TABLES = (models.Opportunity, models.CteProgram, models.Partner, models.School, models.District)
#: What a district import needs from the national data, loaded from the shipped snapshot.
NATIONAL_TABLES = {
    "career_cluster": models.CareerCluster,
    "career_pathway": models.CareerPathway,
    "zip_centroid": models.ZipCentroid,
    "cip_program": models.CipProgram,
}


def _load_national(session) -> None:
    """Clusters, pathways, ZIP centroids and CIP programs from career_kb/snapshot/ (no ../shared/data needed)."""
    for name, model in NATIONAL_TABLES.items():
        rows = list(read_table(settings.SNAPSHOT_DIR, name))
        for start in range(0, len(rows), 5000):
            session.execute(insert(model), rows[start : start + 5000])


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request, tmp_path_factory):
    """A database with clusters and ZIP centroids loaded, once per backend for this module."""
    server = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('district') / 'kb.sqlite3'}"
    else:
        server = request.getfixturevalue("postgres_server")
        url = server.create_database("district")
    eng = make_engine(url)
    models.Base.metadata.create_all(eng)
    with session_factory(eng)() as session:
        _load_national(session)
        session.commit()
    yield eng
    eng.dispose()
    if server is not None:
        server.drop_database(url)


@pytest.fixture
def session(engine):
    """A session on a database holding exactly the sample district (freshly imported)."""
    factory = session_factory(engine)
    with factory() as s:
        s.execute(delete(models.StudentProfile))
        for table in DISTRICT_TABLES:
            s.execute(delete(table))
        import_sample_district(s)
        s.commit()
    s = factory()
    try:
        yield s
    finally:
        s.rollback()
        s.close()


@pytest.fixture
def district_dir(tmp_path) -> Path:
    """A copy of the sample district's CSV files to break."""
    target = tmp_path / "district"
    target.mkdir()
    for path in settings.SAMPLE_DISTRICT_DIR.glob("*.csv"):
        shutil.copy(path, target / path.name)
    return target


def _snapshot(session, with_import_time: bool = True) -> dict[str, list[tuple]]:
    """Every row of the district tables (and student profiles), in id order."""
    out = {}
    for table in DISTRICT_TABLES + (models.StudentProfile,):
        cols = [c for c in table.__table__.columns if with_import_time or c.name != "imported_at"]
        key = list(table.__table__.primary_key.columns)
        out[table.__tablename__] = [tuple(r) for r in session.execute(select(*cols).order_by(*key)).all()]
    return out


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames), list(reader)


def _write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _set_cell(directory: Path, file: str, index: int, column: str, value: str) -> int:
    """Set one cell (data row ``index``, 0-based); returns the file line number of that row."""
    header, rows = _read_csv(directory / file)
    rows[index][column] = value
    _write_csv(directory / file, header, rows)
    return index + 2  # the header is line 1; the sample has no line breaks inside cells


def _count(session, model, *where) -> int:
    return session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


# --- the sample district ----------------------------------------------------------------------


def test_sample_district_has_the_required_counts(session):
    district = session.get(models.District, SAMPLE_DISTRICT_ID)
    assert district is not None and district.is_sample is True
    assert "(Sample)" in district.name
    did = SAMPLE_DISTRICT_ID
    assert _count(session, models.School, models.School.district_id == did, models.School.level == "high") >= 3
    assert _count(session, models.School, models.School.district_id == did, models.School.level == "middle") >= 2
    clusters = session.execute(
        select(func.count(func.distinct(models.CteProgram.cluster_id))).where(models.CteProgram.district_id == did)
    ).scalar_one()
    assert clusters >= 10
    assert _count(session, models.Partner, models.Partner.district_id == did) >= 40
    assert _count(session, models.Opportunity, models.Opportunity.district_id == did) >= 60
    types = set(session.execute(select(models.Opportunity.type).where(models.Opportunity.district_id == did)).scalars())
    assert types == set(OPPORTUNITY_TYPES)


def test_sample_district_is_usable_for_students(session):
    """Realistic for counselors: one metro, upcoming dates, middle-school events, real pathways."""
    did = SAMPLE_DISTRICT_ID
    zips = set(session.execute(select(models.School.zip).where(models.School.district_id == did)).scalars())
    zips |= set(session.execute(select(models.Partner.zip).where(models.Partner.district_id == did)).scalars())
    zips |= set(session.execute(select(models.Opportunity.zip).where(models.Opportunity.district_id == did)).scalars())
    centroids = session.execute(select(models.ZipCentroid).where(models.ZipCentroid.zip.in_(zips))).scalars().all()
    assert {c.zip for c in centroids} == zips  # every ZIP is a real ZCTA
    states = {c.state for c in centroids if c.state}
    assert states in (set(), {session.get(models.District, did).state})
    # one metro area: every ZIP within 40 miles (about 0.6 degrees of latitude) of the others
    lats = [c.latitude for c in centroids]
    lons = [c.longitude for c in centroids]
    assert max(lats) - min(lats) < 0.6 and max(lons) - min(lons) < 0.8

    opps = session.execute(select(models.Opportunity).where(models.Opportunity.district_id == did)).scalars().all()
    upcoming = [o for o in opps if o.start_date and dt.date(2026, 12, 1) <= o.start_date <= dt.date(2027, 8, 31)]
    assert len(upcoming) >= 40
    assert all(o.start_date or o.season for o in opps)
    middle = [o for o in opps if o.grade_low <= 8]
    assert {"field_trip", "career_fair"} <= {o.type for o in middle if o.grade_high <= 8}
    assert all(o.how_to_apply for o in opps)

    programs = session.execute(select(models.CteProgram).where(models.CteProgram.district_id == did)).scalars().all()
    for program in programs:
        if program.pathway_id:
            assert session.get(models.CareerPathway, program.pathway_id).cluster_id == program.cluster_id
    assert sum(1 for p in programs if p.dual_credit) >= 10
    assert sum(1 for p in programs if p.certifications) >= 20


def test_sample_cip_codes_exist_in_cip_2020(session):
    known = {r["cip_code"] for r in read_table(settings.SNAPSHOT_DIR, "cip_program")}
    codes = set(
        session.execute(select(models.CteProgram.cip_code).where(models.CteProgram.cip_code.is_not(None))).scalars()
    )
    assert len(codes) >= 20
    assert codes <= known, sorted(codes - known)


def test_sample_files_hold_no_contact_details():
    """Contacts are roles and places: no e-mail addresses or phone numbers anywhere."""
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    phone = re.compile(r"\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b")
    cells = 0
    for path in settings.SAMPLE_DISTRICT_DIR.glob("*.csv"):
        for row in csv.reader(open(path, newline="", encoding="utf-8")):
            for cell in row:
                cells += 1
                assert not email.search(cell), (path.name, cell)
                assert not phone.search(cell), (path.name, cell)
    assert cells > 1000
    assert (settings.SAMPLE_DISTRICT_DIR / "README.md").is_file()


def test_reimport_is_idempotent_and_keeps_students_school(session):
    session.add(models.StudentProfile(student_id="pseudo-1", grade=10, school_id="cf-riverbend-hs"))
    session.commit()
    before = _snapshot(session, with_import_time=False)
    result = import_sample_district(session)
    session.commit()
    assert _snapshot(session, with_import_time=False) == before
    assert result.counts["opportunity"] == len(before["opportunity"])
    assert session.get(models.StudentProfile, "pseudo-1").school_id == "cf-riverbend-hs"


def test_reimport_applies_changes_and_drops_removed_rows(session, district_dir):
    session.add(models.StudentProfile(student_id="pseudo-2", grade=7, school_id="cf-heronridge-ms"))
    session.commit()
    header, schools = _read_csv(district_dir / "schools.csv")
    _write_csv(district_dir / "schools.csv", header, [s for s in schools if s["id"] != "cf-heronridge-ms"])
    for file, key in (("cte_programs.csv", "school_id"), ("opportunities.csv", "school_id")):
        h, rows = _read_csv(district_dir / file)
        _write_csv(district_dir / file, h, [r for r in rows if r[key] != "cf-heronridge-ms"])
    h, partners = _read_csv(district_dir / "partners.csv")
    partners[0]["name"] = "Renamed Partner (fictional)"
    _write_csv(district_dir / "partners.csv", h, partners)

    import_district(session, district_dir)
    session.commit()
    assert session.get(models.School, "cf-heronridge-ms") is None
    assert session.get(models.StudentProfile, "pseudo-2").school_id is None  # ON DELETE SET NULL
    assert session.get(models.Partner, partners[0]["id"]).name == "Renamed Partner (fictional)"
    assert _count(session, models.School) == len(schools) - 1


def test_cluster_and_pathway_cells_accept_ids(session, district_dir):
    header, rows = _read_csv(district_dir / "cte_programs.csv")
    for row in rows:
        row["cluster"] = slugify(row["cluster"])
        if row["pathway"]:
            row["pathway"] = f"{row['cluster']}/{slugify(row['pathway'])}"
    _write_csv(district_dir / "cte_programs.csv", header, rows)
    before = _snapshot(session, with_import_time=False)
    import_district(session, district_dir)
    session.commit()
    assert _snapshot(session, with_import_time=False) == before


# --- errors: a clear message and an unchanged database ------------------------------------------


def _break(directory: Path, case: str) -> tuple[str, int, str]:
    """Apply one corruption; returns the (file, row, column) the error must name."""
    if case == "missing column":
        header, rows = _read_csv(directory / "schools.csv")
        header.remove("zip")
        for row in rows:
            del row["zip"]
        _write_csv(directory / "schools.csv", header, rows)
        return "schools.csv", 1, "zip"
    if case == "ZIP not 5 digits":
        return "schools.csv", _set_cell(directory, "schools.csv", 2, "zip", "5031"), "zip"
    if case == "unknown ZIP":
        return "partners.csv", _set_cell(directory, "partners.csv", 7, "zip", "00000"), "zip"
    if case == "unknown cluster":
        return (
            "cte_programs.csv",
            _set_cell(directory, "cte_programs.csv", 4, "cluster", "Space Exploration"),
            "cluster",
        )
    if case == "pathway of another cluster":
        return "cte_programs.csv", _set_cell(directory, "cte_programs.csv", 0, "pathway", "Network Systems"), "pathway"
    if case == "duplicate id":  # a row pasted twice
        header, rows = _read_csv(directory / "partners.csv")
        rows.append(dict(rows[1]))
        _write_csv(directory / "partners.csv", header, rows)
        return "partners.csv", len(rows) + 1, "id"
    if case == "unknown school":
        return (
            "opportunities.csv",
            _set_cell(directory, "opportunities.csv", 3, "school_id", "cf-nowhere-hs"),
            "school_id",
        )
    if case == "unknown partner":
        return (
            "opportunities.csv",
            _set_cell(directory, "opportunities.csv", 9, "partner_id", "cf-p-nobody"),
            "partner_id",
        )
    if case == "bad date":
        return (
            "opportunities.csv",
            _set_cell(directory, "opportunities.csv", 10, "start_date", "2027-02-30"),
            "start_date",
        )
    if case == "US-style date":
        return "opportunities.csv", _set_cell(directory, "opportunities.csv", 11, "end_date", "03/15/2027"), "end_date"
    if case == "grade above 12":
        return "cte_programs.csv", _set_cell(directory, "cte_programs.csv", 2, "grade_high", "13"), "grade_high"
    if case == "grade below 6":
        return "schools.csv", _set_cell(directory, "schools.csv", 5, "grade_low", "5"), "grade_low"
    if case == "low grade above high grade":
        return "opportunities.csv", _set_cell(directory, "opportunities.csv", 0, "grade_high", "9"), "grade_high"
    if case == "unknown opportunity type":
        return "opportunities.csv", _set_cell(directory, "opportunities.csv", 6, "type", "hackathon"), "type"
    if case == "bad boolean":
        return "opportunities.csv", _set_cell(directory, "opportunities.csv", 1, "paid", "maybe"), "paid"
    raise AssertionError(case)


CASES = [
    "missing column",
    "ZIP not 5 digits",
    "unknown ZIP",
    "unknown cluster",
    "pathway of another cluster",
    "duplicate id",
    "unknown school",
    "unknown partner",
    "bad date",
    "US-style date",
    "grade above 12",
    "grade below 6",
    "low grade above high grade",
    "unknown opportunity type",
    "bad boolean",
]


@pytest.mark.parametrize("case", CASES)
def test_bad_cell_is_named_and_changes_nothing(session, district_dir, case):
    before = _snapshot(session)
    file, row, column = _break(district_dir, case)
    with pytest.raises(ImportFileError) as info:
        import_district(session, district_dir)
    err = info.value
    assert (Path(err.path).name, err.row, err.column) == (file, row, column), str(err)
    assert f"{file}, row {row}, column {column!r}" in str(err)
    assert len(err.errors) == 1
    # nothing was written, even in this session: committing now must not change the database
    session.commit()
    assert _snapshot(session) == before


def test_every_problem_is_listed_in_one_error(session, district_dir):
    before = _snapshot(session)
    _break(district_dir, "unknown cluster")
    _break(district_dir, "bad date")
    _break(district_dir, "ZIP not 5 digits")
    with pytest.raises(DistrictImportError) as info:
        import_district(session, district_dir)
    err = info.value
    assert [(Path(e.path).name, e.column) for e in err.errors] == [
        ("schools.csv", "zip"),
        ("cte_programs.csv", "cluster"),
        ("opportunities.csv", "start_date"),
    ]
    text = str(err)
    assert text.startswith("3 problems") and "Space Exploration" in text and "2027-02-30" in text
    session.commit()
    assert _snapshot(session) == before


def test_ids_of_another_district_are_refused(session, district_dir):
    """A second district may not reuse the sample's ids: the sample stays as it was."""
    before = _snapshot(session)
    header, rows = _read_csv(district_dir / "district.csv")
    rows[0]["id"], rows[0]["name"] = "other-district", "Other District"
    _write_csv(district_dir / "district.csv", header, rows)
    with pytest.raises(DistrictImportError) as info:
        import_district(session, district_dir)
    err = info.value
    assert (Path(err.path).name, err.row, err.column) == ("schools.csv", 2, "id")
    assert SAMPLE_DISTRICT_ID in str(err)
    assert len(err.errors) == _count(session, models.School) + _count(session, models.CteProgram) + _count(
        session, models.Partner
    ) + _count(session, models.Opportunity)
    session.commit()
    assert _snapshot(session) == before


def test_second_district_with_its_own_ids_imports_beside_the_sample(session, district_dir):
    def prefix(value: str) -> str:
        return f"X-{value}" if value else value  # upper case: ids are matched exactly, case and all

    for file, columns in (
        ("district.csv", ("id",)),
        ("schools.csv", ("id",)),
        ("cte_programs.csv", ("id", "school_id")),
        ("partners.csv", ("id",)),
        ("opportunities.csv", ("id", "school_id", "partner_id")),
    ):
        header, rows = _read_csv(district_dir / file)
        for row in rows:
            for column in columns:
                row[column] = prefix(row[column])
        _write_csv(district_dir / file, header, rows)
    before = _count(session, models.Opportunity)
    import_district(session, district_dir)
    session.commit()
    assert _count(session, models.District) == 2
    assert _count(session, models.Opportunity) == 2 * before
    assert _count(session, models.Opportunity, models.Opportunity.district_id == SAMPLE_DISTRICT_ID) == before


def test_clusters_must_be_loaded_first(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'bare.sqlite3'}")
    models.Base.metadata.create_all(eng)
    with session_factory(eng)() as s:
        with pytest.raises(ImportFileError, match="career clusters are not loaded"):
            import_sample_district(s)
        assert _count(s, models.District) == 0
    eng.dispose()
