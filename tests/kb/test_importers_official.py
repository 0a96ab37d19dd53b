"""The official-data importers on the real files in ../shared/data (or, in a clone without them, the
same layouts written from the shipped snapshot: tests/kb/official_layout.py): round trips, counts,
joins, top-coded wages, idempotent re-import and all-or-nothing imports of malformed files.

Expected values are read from the source files with the plain ``csv`` module (not the importers'
code), so a test fails when an importer drops, shifts or mangles data.
"""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import func, select

from career_kb.db import make_engine, session_factory, session_scope
from career_kb.importers.bls import import_oews, import_projections
from career_kb.importers.cip import clean_code, import_cip
from career_kb.importers.clusters import import_clusters
from career_kb.importers.common import ImportFileError
from career_kb.importers.official import OFFICIAL_FILES, import_official
from career_kb.importers.onet import import_onet
from career_kb.models import (
    AlternateTitle,
    Base,
    CareerCluster,
    CareerPathway,
    CipOccupation,
    CipProgram,
    CteProgram,
    DataSource,
    District,
    Occupation,
    OccupationElement,
    OccupationProjection,
    OccupationWage,
    PathwayOccupation,
    RelatedOccupation,
    School,
    ZipCentroid,
)
from career_kb.outlook import outlook_label
from career_kb.sources import citation, ensure_sources

pytestmark = pytest.mark.slow

TABLES = (
    DataSource,
    Occupation,
    AlternateTitle,
    OccupationElement,
    RelatedOccupation,
    OccupationWage,
    OccupationProjection,
    CareerCluster,
    CareerPathway,
    PathwayOccupation,
    CipProgram,
    CipOccupation,
    ZipCentroid,
)


# --- fixtures (local to this file) ----------------------------------------------------------------


@pytest.fixture(scope="module")
def source_dir(official_dir) -> Path:
    """The official files (CAREER_KB_SOURCE_DIR or ../shared/data), else the same layouts written from the snapshot."""
    return official_dir


def _fresh_engine(directory: Path):
    engine = make_engine(f"sqlite:///{directory / 'kb.sqlite3'}")
    Base.metadata.create_all(engine)
    return engine


@pytest.fixture(scope="module")
def official_engine(source_dir, tmp_path_factory):
    """A fresh SQLite KB with every official file imported once (one transaction)."""
    engine = _fresh_engine(tmp_path_factory.mktemp("official"))
    with session_scope(engine) as session:
        import_official(session, source_dir)
    yield engine
    engine.dispose()


@pytest.fixture
def db(official_engine):
    session = session_factory(official_engine)()
    yield session
    session.rollback()
    session.close()


def read_csv(path: Path, delimiter: str = ",") -> list[dict]:
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def read_tsv(path: Path) -> list[dict]:
    return read_csv(path, "\t")


def table_counts(session) -> dict[str, int]:
    return {m.__tablename__: session.scalar(select(func.count()).select_from(m)) for m in TABLES}


def scalar(session, stmt):
    return session.execute(stmt).scalar_one_or_none()


# --- counts -------------------------------------------------------------------------------------


def test_headline_counts(db):
    with_riasec = scalar(db, select(func.count()).select_from(Occupation).where(Occupation.riasec_r.is_not(None)))
    assert with_riasec >= 900
    wage_and_projection = scalar(
        db,
        select(func.count())
        .select_from(Occupation)
        .where(
            select(OccupationWage.soc_code)
            .where(
                OccupationWage.soc_code == Occupation.soc_code,
                OccupationWage.area == "US",
                OccupationWage.annual_median.is_not(None),
            )
            .exists(),
            select(OccupationProjection.soc_code).where(OccupationProjection.soc_code == Occupation.soc_code).exists(),
        ),
    )
    assert wage_and_projection >= 800
    alternates = scalar(db, select(func.count()).select_from(AlternateTitle).where(AlternateTitle.kind == "alternate"))
    assert alternates >= 50_000
    assert scalar(db, select(func.count()).select_from(CareerCluster)) == 16


def test_occupations_round_trip(db, source_dir):
    rows = read_tsv(source_dir / "onet" / "Occupation Data.txt")
    stored = {o.onet_code: o for o in db.execute(select(Occupation)).scalars()}
    assert set(stored) == {r["O*NET-SOC Code"] for r in rows}
    for r in rows:
        occ = stored[r["O*NET-SOC Code"]]
        assert occ.title == r["Title"]
        assert occ.soc_code == r["O*NET-SOC Code"][:7]
        assert occ.description == r["Description"]


def test_interests_and_job_zones_match_the_files(db, source_dir):
    letters = "RIASEC"
    scores: dict[str, dict[str, float]] = defaultdict(dict)
    high: dict[str, dict[str, str]] = defaultdict(dict)
    for r in read_tsv(source_dir / "onet" / "Interests.txt"):
        if r["Scale ID"] == "OI":
            scores[r["O*NET-SOC Code"]][r["Element Name"][0]] = float(r["Data Value"])
        elif r["Scale ID"] == "IH" and float(r["Data Value"]) > 0:
            high[r["O*NET-SOC Code"]][r["Element Name"].split()[0]] = letters[int(float(r["Data Value"])) - 1]
    zones = {r["O*NET-SOC Code"]: int(r["Job Zone"]) for r in read_tsv(source_dir / "onet" / "Job Zones.txt")}
    stored = {o.onet_code: o for o in db.execute(select(Occupation)).scalars()}
    assert len(scores) >= 900
    for code, s in scores.items():
        occ = stored[code]
        assert (occ.riasec_r, occ.riasec_i, occ.riasec_a, occ.riasec_s, occ.riasec_e, occ.riasec_c) == tuple(
            s[x] for x in letters
        )
        expected_code = "".join(high[code].get(k, "") for k in ("First", "Second", "Third"))
        assert occ.riasec_code == (expected_code or None)
        assert occ.is_data_level
    for code, zone in zones.items():
        assert stored[code].job_zone == zone
    without = [o for o in stored.values() if o.onet_code not in scores and o.onet_code not in zones]
    assert without and not any(o.is_data_level for o in without)


def test_top_elements_are_the_most_important_unsuppressed(db, source_dir):
    code = "29-1141.00"
    importance = {
        r["Element ID"]: float(r["Data Value"])
        for r in read_tsv(source_dir / "onet" / "Skills.txt")
        if r["O*NET-SOC Code"] == code and r["Scale ID"] == "IM" and r["Recommend Suppress"] != "Y"
    }
    stored = (
        db.execute(
            select(OccupationElement).where(OccupationElement.onet_code == code, OccupationElement.kind == "skill")
        )
        .scalars()
        .all()
    )
    assert len(stored) == 10
    tenth = sorted(importance.values(), reverse=True)[9]
    for el in stored:
        assert el.importance == importance[el.element_id]
        assert el.importance >= tenth
        assert el.level is not None
    per_occ = db.execute(
        select(OccupationElement.onet_code, OccupationElement.kind, func.count()).group_by(
            OccupationElement.onet_code, OccupationElement.kind
        )
    ).all()
    assert per_occ and max(n for _, _, n in per_occ) == 10


def test_alternate_and_reported_titles_round_trip(db, source_dir):
    alt = read_tsv(source_dir / "onet" / "Alternate Titles.txt")
    expected = {(r["O*NET-SOC Code"], r["Alternate Title"]) for r in alt}
    stored = set(
        db.execute(
            select(AlternateTitle.onet_code, AlternateTitle.title).where(AlternateTitle.kind == "alternate")
        ).all()
    )
    assert stored == expected
    reported = read_tsv(source_dir / "onet" / "Sample of Reported Titles.txt")
    shown = {(r["O*NET-SOC Code"], r["Reported Job Title"]) for r in reported if r["Shown in My Next Move"] == "Y"}
    stored_rep = db.execute(
        select(AlternateTitle.onet_code, AlternateTitle.title, AlternateTitle.shown_in_my_next_move).where(
            AlternateTitle.kind == "reported"
        )
    ).all()
    assert len(stored_rep) == len({(r["O*NET-SOC Code"], r["Reported Job Title"]) for r in reported})
    assert {(c, t) for c, t, flag in stored_rep if flag} == shown


def test_related_occupations_round_trip(db, source_dir):
    rows = read_tsv(source_dir / "onet" / "Related Occupations.txt")
    expected = {
        (r["O*NET-SOC Code"], r["Related O*NET-SOC Code"], r["Relatedness Tier"], int(r["Index"])) for r in rows
    }
    stored = set(
        db.execute(
            select(
                RelatedOccupation.onet_code,
                RelatedOccupation.related_code,
                RelatedOccupation.tier,
                RelatedOccupation.rank,
            )
        ).all()
    )
    assert stored == expected


def test_clusters_and_pathways_match_the_file(db, source_dir):
    rows = read_csv(source_dir / OFFICIAL_FILES["career_clusters"])
    pathways: dict[str, set[str]] = defaultdict(set)
    links = set()
    for r in rows:
        for c, p in zip(r["Career Cluster"].split("; "), r["Career Pathway"].split("; "), strict=False):
            pathways[c].add(p)
            links.add((c, p, r["Code"]))
    stored = defaultdict(set)
    for cname, pname in db.execute(
        select(CareerCluster.name, CareerPathway.name).join(CareerPathway, CareerPathway.cluster_id == CareerCluster.id)
    ):
        stored[cname].add(pname)
    assert dict(stored) == dict(pathways)
    assert len(stored) == 16 and all(stored.values())
    assert sum(len(p) for p in stored.values()) == scalar(db, select(func.count()).select_from(CareerPathway))
    health = db.get(CareerCluster, "health-science")
    assert health.name == "Health Science"
    assert {p.id for p in health.pathways} >= {"health-science/therapeutic-services"}
    got = set(
        db.execute(
            select(CareerCluster.name, CareerPathway.name, PathwayOccupation.onet_code)
            .join(CareerPathway, CareerPathway.id == PathwayOccupation.pathway_id)
            .join(CareerCluster, CareerCluster.id == CareerPathway.cluster_id)
        ).all()
    )
    assert got == links


def test_cip_programs_and_crosswalk(db, source_dir):
    rows = read_csv(source_dir / OFFICIAL_FILES["cip_programs"])
    current = {
        clean_code(r["CIPCode"]): r["CIPTitle"].rstrip(".")
        for r in rows
        if len(clean_code(r["CIPCode"])) == 7 and r["Action"] not in ("Deleted", "Moved from")
    }
    stored = dict(db.execute(select(CipProgram.cip_code, CipProgram.title)).all())
    assert stored == current
    assert db.get(CipProgram, "51.3801").family == "51"
    onet_pairs = {
        (r["2020 CIP Code"], r["O*NET-SOC 2019 Code"])
        for r in read_csv(source_dir / OFFICIAL_FILES["cip_onet_crosswalk"])
    }
    got = set(
        db.execute(select(CipOccupation.cip_code, CipOccupation.onet_code).where(CipOccupation.source == "onet")).all()
    )
    assert got == onet_pairs
    # NCES adds pairs through SOC codes; every one names an occupation with that SOC code.
    nces = db.execute(
        select(CipOccupation.cip_code, Occupation.soc_code).join(Occupation).where(CipOccupation.source == "nces")
    ).all()
    nces_pairs = {
        (r["CIP2020Code"], r["SOC2018Code"]) for r in read_csv(source_dir / OFFICIAL_FILES["cip_nces_crosswalk"])
    }
    assert nces and set(nces) <= nces_pairs
    assert not any(c == "99.9999" for c, _ in nces)
    assert ("51.3801", "29-1141.00") in got


def test_zip_centroids(db, source_dir):
    census = read_csv(source_dir / OFFICIAL_FILES["zcta_centroids"])
    assert scalar(db, select(func.count()).select_from(ZipCentroid)) == len(census)
    first = census[0]
    z = db.get(ZipCentroid, first["GEOID"])
    assert (z.latitude, z.longitude) == (float(first["LAT"]), float(first["LONG"]))
    cities = {r["zip_code"]: (r["state"], r["city"]) for r in read_csv(source_dir / OFFICIAL_FILES["zip_city_state"])}
    z = db.get(ZipCentroid, "90210")
    assert (z.state, z.city) == cities["90210"]


# --- joins --------------------------------------------------------------------------------------


def test_registered_nurses_join_up(db, source_dir):
    rn = db.get(Occupation, "29-1141.00")
    assert rn.soc_code == "29-1141"
    national = {r["soc_code"]: r for r in read_csv(source_dir / OFFICIAL_FILES["oews_national"])}["29-1141"]
    wage = db.get(OccupationWage, ("29-1141", "US"))
    assert wage.annual_median == int(national["annual_median"]) and wage.hourly_median == float(
        national["hourly_median"]
    )
    assert wage.employment == int(national["employment"]) and not wage.annual_top_coded
    assert wage.source_id == "bls_oews" and citation(wage.source_id) == "BLS OEWS, May 2025"
    proj = db.get(OccupationProjection, "29-1141")
    assert (
        proj is not None and proj.percent_change is not None and proj.outlook == outlook_label(proj.percent_change, 3.1)
    )
    clusters = (
        db.execute(
            select(CareerCluster.name)
            .join(CareerPathway, CareerPathway.cluster_id == CareerCluster.id)
            .join(PathwayOccupation, PathwayOccupation.pathway_id == CareerPathway.id)
            .where(PathwayOccupation.onet_code == "29-1141.00")
        )
        .scalars()
        .all()
    )
    assert "Health Science" in clusters
    shorts = db.execute(
        select(AlternateTitle.short_title, AlternateTitle.title).where(AlternateTitle.onet_code == "29-1141.00")
    ).all()
    assert any(s == "RN" or t == "RN" for s, t in shorts)
    assert rn.typical_education == "Bachelor's Degree"


def test_electricians_projection(db, source_dir):
    rows = read_csv(source_dir / OFFICIAL_FILES["projections"])
    raw = next(r for r in rows if r["2024 National Employment Matrix code"] == "47-2111")
    proj = db.get(OccupationProjection, "47-2111")
    assert proj.on_the_job_training == "Apprenticeship"
    assert proj.employment_base == float(raw["Employment, 2024"])
    assert proj.percent_change == float(raw["Employment change, percent, 2024–34"])
    assert proj.source_id == "bls_ep"
    line_items = [r for r in rows if r["Occupation type"] == "Line item"]
    assert scalar(db, select(func.count()).select_from(OccupationProjection)) == len(line_items)
    # "—" is stored as None, never as a number or the dash.
    dashes = [
        r["2024 National Employment Matrix code"]
        for r in line_items
        if r["Median annual wage, dollars, 2024[1]"] == "—"
    ]
    for soc in dashes:
        assert db.get(OccupationProjection, soc).median_annual_wage is None


def test_only_detailed_oews_rows_and_the_all_occupations_reference(db, source_dir):
    rows = read_csv(source_dir / OFFICIAL_FILES["oews_national"])
    expected = {r["soc_code"] for r in rows if r["display_level"] == "3"} | {"00-0000"}
    stored = set(db.execute(select(OccupationWage.soc_code).where(OccupationWage.area == "US")).scalars())
    assert stored == expected
    assert not any(s.endswith("-0000") and s != "00-0000" for s in stored)
    states = set(db.execute(select(OccupationWage.area).where(OccupationWage.area != "US").distinct()).scalars())
    assert {"CA", "TX", "DC", "PR", "GU", "VI"} <= states and len(states) == 54


def test_top_coded_wages_are_flagged(db, source_dir):
    rows = read_csv(source_dir / OFFICIAL_FILES["oews_state"])
    top = [r for r in rows if r["display_level"] == "3" and "annual_median:5" in r["footnotes"]]
    assert top, "the state file has top-coded medians"
    for r in top[:20]:
        w = db.execute(
            select(OccupationWage).where(
                OccupationWage.soc_code == r["soc_code"], OccupationWage.area_name == r["area_name"]
            )
        ).scalar_one()
        assert w.annual_top_coded and w.hourly_top_coded
        # BLS writes "-"; the ceiling stated in footnote 5 is stored and means "at least".
        assert w.annual_median == 239200 and w.hourly_median == 115.0
    flagged = scalar(db, select(func.count()).select_from(OccupationWage).where(OccupationWage.annual_top_coded))
    assert flagged == sum(
        1
        for r in rows
        if r["display_level"] == "3"
        and any(p.startswith("annual_") and p.endswith(":5") for p in r["footnotes"].split(";"))
    )
    p90_only = next(r for r in rows if r["footnotes"] == "hourly_p90:5;annual_p90:5")
    w = db.execute(
        select(OccupationWage).where(
            OccupationWage.soc_code == p90_only["soc_code"], OccupationWage.area_name == p90_only["area_name"]
        )
    ).scalar_one()
    assert w.annual_top_coded and w.annual_p90 == 239200 and w.annual_median == int(p90_only["annual_median"])
    # A real value equal to the ceiling without footnote 5 is not flagged.
    assert (
        scalar(
            db,
            select(func.count())
            .select_from(OccupationWage)
            .where(OccupationWage.area == "US", OccupationWage.annual_top_coded),
        )
        == 0
    )


def test_hourly_only_and_annual_only_rows(db):
    # 27-2042 Musicians and singers: BLS publishes hourly wages only (footnote 4 on annual measures).
    hourly = (
        db.execute(select(OccupationWage).where(OccupationWage.area == "US", OccupationWage.hourly_only))
        .scalars()
        .all()
    )
    assert hourly and all(w.annual_median is None and w.hourly_median is not None for w in hourly)
    # Teachers: annual wages only.
    teachers = db.get(OccupationWage, ("25-2031", "US"))
    assert teachers.hourly_median is None and teachers.annual_median is not None and not teachers.hourly_only


def test_sources_and_outlook(db):
    ids = set(db.execute(select(DataSource.id)).scalars())
    assert ids == {"onet", "bls_oews", "bls_ep", "career_clusters", "nces_cip", "census_zcta"}
    onet = db.get(DataSource, "onet")
    assert "O*NET 29.3 Database" in onet.attribution and "CC BY 4.0" in onet.attribution
    assert outlook_label(40) == "much faster than average"
    assert outlook_label(-5) == "decline"
    assert outlook_label(0.4) == "little or no change"
    assert outlook_label(None) is None
    labels = dict(db.execute(select(OccupationProjection.soc_code, OccupationProjection.outlook)).all())
    assert labels["47-2111"] == "much faster than average"


# --- idempotence and transactions ---------------------------------------------------------------


def _fingerprint(session) -> dict:
    return {
        **table_counts(session),
        "titles": scalar(session, select(func.sum(func.length(AlternateTitle.title)))),
        "wages": scalar(session, select(func.sum(OccupationWage.annual_median))),
        "elements": scalar(session, select(func.sum(OccupationElement.importance))),
        "zips": scalar(session, select(func.sum(ZipCentroid.latitude))),
    }


def test_reimport_is_idempotent_and_keeps_parents(official_engine, source_dir):
    with session_scope(official_engine) as s:
        before = _fingerprint(s)
        # District data pointing at imported parent rows must survive a re-import.
        s.add(District(id="t-district", name="Test District", state="CA"))
        s.add(
            School(
                id="t-school",
                district_id="t-district",
                name="Test High",
                level="high",
                grade_low=9,
                grade_high=12,
                zip="90210",
            )
        )
        s.flush()
        s.add(
            CteProgram(
                id="t-prog",
                district_id="t-district",
                school_id="t-school",
                name="Nursing",
                cluster_id="health-science",
                pathway_id="health-science/therapeutic-services",
                grade_low=10,
                grade_high=12,
                cip_code="51.3801",
            )
        )
    with session_scope(official_engine) as s:
        import_official(s, source_dir)
    with session_scope(official_engine) as s:
        after = _fingerprint(s)
        assert after == before
        assert s.get(CteProgram, "t-prog") is not None
        s.delete(s.get(District, "t-district"))


def test_import_without_prose_leaves_descriptions_out(source_dir, tmp_path):
    engine = _fresh_engine(tmp_path)
    with session_scope(engine) as s:
        result = import_onet(s, source_dir / "onet", with_prose=False)
    with session_scope(engine) as s:
        assert scalar(s, select(func.count()).select_from(Occupation).where(Occupation.description.is_not(None))) == 0
        assert scalar(s, select(func.count()).select_from(Occupation)) == result.counts["occupation"] == 1016
        assert s.get(Occupation, "29-1141.00").riasec_code == "SIC"
    engine.dispose()


def _onet_copy(source_dir: Path, tmp_path: Path) -> Path:
    """A directory of links to the real O*NET files, where single files can be replaced."""
    target = tmp_path / "onet"
    target.mkdir()
    for f in (source_dir / "onet").iterdir():
        (target / f.name).symlink_to(f)
    return target


def _rewrite(path: Path, transform) -> None:
    """Replace a (linked) file by a transformed copy of its lines."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.unlink()
    path.write_text("".join(transform(lines)), encoding="utf-8")


def test_bad_value_in_a_late_onet_file_changes_nothing(official_engine, source_dir, tmp_path):
    onet = _onet_copy(source_dir, tmp_path)
    # Rename an occupation (written early in the import) and break Related Occupations (read last).
    _rewrite(
        onet / "Occupation Data.txt",
        lambda ls: [line.replace("\tRegistered Nurses\t", "\tChanged Title\t") for line in ls],
    )
    bad_line = 7

    def break_index(lines):
        cells = lines[bad_line - 1].rstrip("\n").split("\t")
        cells[-1] = "first"
        lines[bad_line - 1] = "\t".join(cells) + "\n"
        return lines

    _rewrite(onet / "Related Occupations.txt", break_index)
    with session_scope(official_engine) as s:
        before = _fingerprint(s)
    with pytest.raises(ImportFileError) as err:
        with session_scope(official_engine) as s:
            import_onet(s, onet)
    assert Path(err.value.path).name == "Related Occupations.txt"
    assert err.value.row == bad_line and err.value.column == "Index"
    assert "Related Occupations.txt" in str(err.value) and "'Index'" in str(err.value)
    with session_scope(official_engine) as s:
        assert s.get(Occupation, "29-1141.00").title == "Registered Nurses"
        assert _fingerprint(s) == before


def test_missing_column_names_file_and_column(official_engine, source_dir, tmp_path):
    bad = tmp_path / "oews_state_may2025.csv"
    lines = (source_dir / OFFICIAL_FILES["oews_state"]).read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0] = lines[0].replace("annual_median", "annual_middle")
    bad.write_text("".join(lines), encoding="utf-8")
    with session_scope(official_engine) as s:
        before = _fingerprint(s)
    with pytest.raises(ImportFileError) as err:
        with session_scope(official_engine) as s:
            import_oews(s, source_dir / OFFICIAL_FILES["oews_national"], bad)
    assert err.value.row == 1 and "annual_median" in str(err.value) and "oews_state_may2025.csv" in str(err.value)
    with session_scope(official_engine) as s:
        assert _fingerprint(s) == before


@pytest.mark.parametrize(
    "role, column, value",
    [
        ("oews_national", "employment", "lots"),
        ("projections", "Employment change, percent, 2024–34", "12%%"),
        ("zcta_centroids", "LAT", "north"),
    ],
)
def test_non_numeric_value_names_file_row_and_column(official_engine, source_dir, tmp_path, role, column, value):
    src = source_dir / OFFICIAL_FILES[role]
    rows = read_csv(src)
    header = list(rows[0].keys())
    target_line = 40  # a data row: line 40 of the file (header is line 1)
    rows[target_line - 2][column] = value
    bad = tmp_path / src.name
    with open(bad, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=header)
        w.writeheader()
        w.writerows(rows)
    with session_scope(official_engine) as s:
        before = _fingerprint(s)
    with pytest.raises(ImportFileError) as err:
        with session_scope(official_engine) as s:
            if role == "oews_national":
                import_oews(s, bad, footnotes_csv=source_dir / OFFICIAL_FILES["oews_footnotes"])
            elif role == "projections":
                import_projections(s, bad)
            else:
                from career_kb.importers.geo import import_zips

                import_zips(s, bad)
    assert (Path(err.value.path).name, err.value.row, err.value.column) == (src.name, target_line, column)
    assert repr(value) in str(err.value)
    with session_scope(official_engine) as s:
        assert _fingerprint(s) == before


def test_malformed_cluster_and_cip_files(official_engine, source_dir, tmp_path):
    clusters = tmp_path / "clusters.csv"
    lines = (source_dir / OFFICIAL_FILES["career_clusters"]).read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = '"Health Science; Finance",Therapeutic Services,29-1141.00,Registered Nurses\n'
    clusters.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ImportFileError) as err:
        with session_scope(official_engine) as s:
            import_clusters(s, clusters)
    assert (err.value.row, err.value.column) == (6, "Career Pathway")

    cip_dir = tmp_path / "cip"
    shutil.copytree(source_dir / "cip", cip_dir)
    text = (cip_dir / "CIPCode2020.csv").read_text(encoding="utf-8").replace('"CIPTitle"', '"Title"', 1)
    (cip_dir / "CIPCode2020.csv").write_text(text, encoding="utf-8")
    with session_scope(official_engine) as s:
        before = _fingerprint(s)
    with pytest.raises(ImportFileError) as err:
        with session_scope(official_engine) as s:
            import_cip(s, cip_dir)
    assert err.value.row == 1 and "CIPTitle" in str(err.value)
    with session_scope(official_engine) as s:
        assert _fingerprint(s) == before


def test_spreadsheet_quoted_cip_codes(source_dir, tmp_path):
    """NCES's CSV download writes codes as ="01.0000"; the importer strips that quoting."""
    cip_dir = tmp_path / "cip"
    shutil.copytree(source_dir / "cip", cip_dir)
    rows = read_csv(cip_dir / "CIPCode2020.csv")
    with open(cip_dir / "CIPCode2020.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0].keys()), quoting=csv.QUOTE_ALL)
        w.writeheader()
        for r in rows:
            w.writerow({**r, "CIPCode": f'="{r["CIPCode"]}"', "CIPFamily": f'="{r["CIPFamily"]}"'})
    engine = _fresh_engine(tmp_path)
    with session_scope(engine) as s:
        ensure_sources(s)
        import_onet(s, source_dir / "onet", with_prose=False)
        result = import_cip(s, cip_dir, with_prose=False)
    with session_scope(engine) as s:
        assert s.get(CipProgram, "51.3801").title == "Registered Nursing/Registered Nurse"
        assert s.get(CipProgram, "51.3801").definition is None
        assert result.counts["cip_program"] == scalar(s, select(func.count()).select_from(CipProgram)) > 2000
    engine.dispose()
