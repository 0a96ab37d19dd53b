"""Official-layout files written from the shipped snapshot, for the importer tests in a clone without
../shared/data.

The snapshot (career_kb/snapshot/) holds what the importers made of the official files; this writes
it back in the published layouts (O*NET tab-separated text files, the career-clusters CSV, CIP 2020
and its crosswalks, BLS OEWS with its footnotes, BLS projections, Census ZIP centroids), so the
importers read the same facts as from the publishers' files. Prose is never shipped: occupation
descriptions and CIP definitions are written as "Description of <title>." placeholders.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from career_kb.importers.bls import EP_COLUMNS, FIPS_TO_POSTAL, OEWS_COLUMNS, WAGE_MEASURES
from career_kb.importers.official import OFFICIAL_FILES
from career_kb.importers.onet import FILES as ONET_FILES
from career_kb.snapshot import read_table
from career_kb.vocabulary import RIASEC, RIASEC_NAMES

CODE = "O*NET-SOC Code"
HIGH_POINTS = ("First Interest High-Point", "Second Interest High-Point", "Third Interest High-Point")
#: Top-code ceilings (BLS OEWS May 2025, footnote 5).
HOURLY_CEILING, ANNUAL_CEILING = 115.00, 239200
#: All-occupation employment growth 2024-34 (BLS): the projections file's 00-0000 row.
AVERAGE_GROWTH = "3.1"


def _write(path: Path, header: list[str], rows: list[list], delimiter: str = ",", quote_all: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL  # NCES quotes every cell of the CIP file
        writer = csv.writer(fh, delimiter=delimiter, lineterminator="\n", quoting=quoting)
        writer.writerow(header)
        writer.writerows(rows)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _onet(snapshot: Path, out: Path) -> None:
    onet = out / "onet"
    occupations = list(read_table(snapshot, "occupation"))
    _write(
        onet / ONET_FILES["occupations"],
        [CODE, "Title", "Description"],
        [[o["onet_code"], o["title"], f"Description of {o['title']}."] for o in occupations],
        "\t",
    )
    interests, zones, education = [], [], []
    categories = sorted({o["typical_education"] for o in occupations if o["typical_education"]})
    for o in occupations:
        code = o["onet_code"]
        for letter in RIASEC:
            value = o[f"riasec_{letter.lower()}"]
            if value is not None:
                interests.append([code, RIASEC_NAMES[letter], "OI", _cell(value)])
        for name, letter in zip(HIGH_POINTS, o["riasec_code"] or "", strict=False):
            interests.append([code, name, "IH", str(RIASEC.index(letter) + 1)])
        if o["job_zone"] is not None:
            zones.append([code, o["job_zone"]])
        if o["typical_education"]:
            education.append([code, "RL", categories.index(o["typical_education"]) + 1, "100"])
    _write(onet / ONET_FILES["interests"], [CODE, "Element Name", "Scale ID", "Data Value"], interests, "\t")
    _write(onet / ONET_FILES["job_zones"], [CODE, "Job Zone"], zones, "\t")
    _write(onet / ONET_FILES["education"], [CODE, "Scale ID", "Category", "Data Value"], education, "\t")
    _write(
        onet / ONET_FILES["education_categories"],
        ["Scale ID", "Category", "Category Description"],
        [["RL", i + 1, name] for i, name in enumerate(categories)],
        "\t",
    )
    elements: dict[str, list[list]] = defaultdict(list)
    for e in read_table(snapshot, "occupation_element"):
        rows = elements["skills" if e["kind"] == "skill" else "knowledge"]
        rows.append([e["onet_code"], e["element_id"], e["name"], "IM", _cell(e["importance"]), "N"])
        if e["level"] is not None:
            rows.append([e["onet_code"], e["element_id"], e["name"], "LV", _cell(e["level"]), "N"])
    header = [CODE, "Element ID", "Element Name", "Scale ID", "Data Value", "Recommend Suppress"]
    for role in ("skills", "knowledge"):
        _write(onet / ONET_FILES[role], header, elements[role], "\t")
    alternates, reported = [], []
    for t in read_table(snapshot, "alternate_title"):
        if t["kind"] == "alternate":
            alternates.append([t["onet_code"], t["title"], t["short_title"] or ""])
        else:
            reported.append([t["onet_code"], t["title"], "Y" if t["shown_in_my_next_move"] else "N"])
    _write(onet / ONET_FILES["alternate_titles"], [CODE, "Alternate Title", "Short Title"], alternates, "\t")
    _write(onet / ONET_FILES["reported_titles"], [CODE, "Reported Job Title", "Shown in My Next Move"], reported, "\t")
    _write(
        onet / ONET_FILES["related"],
        [CODE, "Related O*NET-SOC Code", "Relatedness Tier", "Index"],
        [[r["onet_code"], r["related_code"], r["tier"], r["rank"]] for r in read_table(snapshot, "related_occupation")],
        "\t",
    )


def _clusters(snapshot: Path, out: Path) -> None:
    clusters = {c["id"]: c["name"] for c in read_table(snapshot, "career_cluster")}
    pathways = {p["id"]: (clusters[p["cluster_id"]], p["name"]) for p in read_table(snapshot, "career_pathway")}
    titles = {o["onet_code"]: o["title"] for o in read_table(snapshot, "occupation")}
    by_code: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for link in read_table(snapshot, "pathway_occupation"):
        by_code[link["onet_code"]].append(pathways[link["pathway_id"]])
    rows = [
        ["; ".join(c for c, _ in pairs), "; ".join(p for _, p in pairs), code, titles.get(code, "")]
        for code, pairs in sorted(by_code.items())
    ]
    _write(out / OFFICIAL_FILES["career_clusters"], ["Career Cluster", "Career Pathway", "Code", "Occupation"], rows)


def _cip(snapshot: Path, out: Path) -> None:
    programs = [
        [p["family"], p["cip_code"], "No substantive changes", p["title"], f"Description of {p['title']}."]
        for p in read_table(snapshot, "cip_program")
    ]
    _write(
        out / OFFICIAL_FILES["cip_programs"],
        ["CIPFamily", "CIPCode", "Action", "CIPTitle", "CIPDefinition"],
        programs,
        quote_all=True,
    )
    links = list(read_table(snapshot, "cip_occupation"))
    _write(
        out / OFFICIAL_FILES["cip_onet_crosswalk"],
        ["2020 CIP Code", "O*NET-SOC 2019 Code"],
        [[link["cip_code"], link["onet_code"]] for link in links if link["source"] == "onet"],
    )
    nces = sorted({(link["cip_code"], link["onet_code"][:7]) for link in links if link["source"] == "nces"})
    _write(out / OFFICIAL_FILES["cip_nces_crosswalk"], ["CIP2020Code", "SOC2018Code"], [list(p) for p in nces])


def _oews_row(w: dict, area_fips: str) -> list:
    values, notes = {}, []
    for period, ceiling in (("hourly", HOURLY_CEILING), ("annual", ANNUAL_CEILING)):
        for m in WAGE_MEASURES:
            value = w[f"{period}_{m}"]
            if w[f"{period}_top_coded"] and value == ceiling:  # stored as the ceiling (higher means are real)
                notes.append(f"{period}_{m}:5")
                value = "-"
            elif period == "annual" and w["hourly_only"]:
                notes.append(f"annual_{m}:4")
            values[f"{period}_{m}"] = _cell(value)
    values.update(
        {
            "area_type": "N" if w["area"] == "US" else "S",
            "state_fips": area_fips,
            "area_name": w["area_name"],
            "soc_code": w["soc_code"],
            "occupation_title": w["occupation_title"],
            "display_level": "0" if w["soc_code"] == "00-0000" else "3",
            "employment": _cell(w["employment"]),
            "footnotes": ";".join(notes),
        }
    )
    return [values[c] for c in OEWS_COLUMNS]


def _bls(snapshot: Path, out: Path) -> None:
    fips = {postal: code for code, postal in FIPS_TO_POSTAL.items()}
    wages = list(read_table(snapshot, "occupation_wage"))
    _write(
        out / OFFICIAL_FILES["oews_national"], OEWS_COLUMNS, [_oews_row(w, "00") for w in wages if w["area"] == "US"]
    )
    _write(
        out / OFFICIAL_FILES["oews_state"],
        OEWS_COLUMNS,
        [_oews_row(w, fips[w["area"]]) for w in wages if w["area"] != "US"],
    )
    _write(
        out / OFFICIAL_FILES["oews_footnotes"],
        ["footnote_code", "footnote_text"],
        [
            [
                "4",
                "Wages for some occupations that do not generally work year-round, full time, are reported "
                "either as hourly wages or annual salaries depending on how they are typically paid.",
            ],
            [
                "5",
                f"This wage is equal to or greater than ${HOURLY_CEILING:.2f} per hour "
                f"or ${ANNUAL_CEILING:,} per year.",
            ],
        ],
    )
    c = EP_COLUMNS
    header = list(c.values())
    rows = [[_proj_cell(p, key) for key in c] for p in read_table(snapshot, "occupation_projection")]
    total = dict.fromkeys(c, "") | {
        "title": "Total, all occupations",
        "code": "00-0000",
        "type": "Summary",
        "percent": AVERAGE_GROWTH,
    }
    _write(out / OFFICIAL_FILES["projections"], header, [list(total.values())] + rows)


def _proj_cell(p: dict, key: str) -> str:
    column = {
        "title": "title",
        "code": "soc_code",
        "base": "employment_base",
        "projected": "employment_projected",
        "percent": "percent_change",
        "openings": "annual_openings",
        "wage": "median_annual_wage",
        "education": "entry_education",
        "experience": "work_experience",
        "training": "on_the_job_training",
        "ooh_url": "ooh_url",
    }
    if key == "type":
        return "Line item"
    value = p[column[key]]
    return "—" if value is None and key != "ooh_url" else _cell(value)


def _geo(snapshot: Path, out: Path) -> None:
    zips = list(read_table(snapshot, "zip_centroid"))
    _write(
        out / OFFICIAL_FILES["zcta_centroids"],
        ["GEOID", "LAT", "LONG"],
        [[z["zip"], _cell(z["latitude"]), _cell(z["longitude"])] for z in zips],
    )
    _write(
        out / OFFICIAL_FILES["zip_city_state"],
        ["zip_code", "city", "state"],
        [[z["zip"], z["city"] or "", z["state"] or ""] for z in zips if z["state"]],
    )


def write_official_files(snapshot: Path, out: Path) -> Path:
    """Write every file :func:`career_kb.importers.official.import_official` reads into ``out``."""
    for part in (_onet, _clusters, _cip, _bls, _geo):
        part(snapshot, out)
    return out
