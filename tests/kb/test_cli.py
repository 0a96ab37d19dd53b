"""The ``career-kb`` command, run as a subprocess against a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from career_kb import settings
from career_kb.cli import kb_stats
from career_kb.db import make_engine, session_factory
from career_kb.models import Base, CareerCluster, Occupation

#: Slow: each test runs the career-kb command in a subprocess on a built KB.
pytestmark = pytest.mark.slow

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


def career_kb_command() -> list[str]:
    """The installed ``career-kb`` script beside this Python, else ``python -m career_kb.cli``."""
    script = Path(sys.executable).parent / "career-kb"
    return [str(script)] if script.exists() else [sys.executable, "-m", "career_kb.cli"]


def run(url: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``career-kb --db URL ARGS`` and capture its output."""
    full_env = {**os.environ, "SQLALCHEMY_SILENCE_UBER_WARNING": "1", **(env or {})}
    return subprocess.run(
        [*career_kb_command(), "--db", url, *args], capture_output=True, text=True, env=full_env, timeout=600
    )


def fingerprint(url: str) -> dict:
    """Row counts of every table plus the stats: what a failed import must leave unchanged."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            counts = {
                n: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for n, t in Base.metadata.tables.items()
            }
        with session_factory(engine)() as session:
            stats = kb_stats(session)
    finally:
        engine.dispose()
    return {"counts": counts, "stats": stats}


@pytest.fixture(scope="module", params=BACKENDS)
def cli_kb(request, tmp_path_factory):
    """A KB built by ``career-kb build`` with no official files available; yields (url, env)."""
    empty_source = tmp_path_factory.mktemp("no_official_files_cli")
    env = {"CAREER_KB_SOURCE_DIR": str(empty_source), "CAREER_KB_SAMPLE_DISTRICT": "1"}
    if request.param == "sqlite":
        url, server = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'kb.sqlite3'}", None
    else:
        server = request.getfixturevalue("postgres_server")
        url = server.create_database("cli")
    proc = run(url, "build", env=env)
    assert proc.returncode == 0, proc.stderr
    assert "built the knowledge base" in proc.stdout
    yield url, env
    if server is not None:
        server.drop_database(url)


def test_build_again_is_a_no_op(cli_kb):
    url, env = cli_kb
    before = fingerprint(url)
    proc = run(url, "-q", "build", env=env)
    assert proc.returncode == 0, proc.stderr
    assert "already built" in proc.stdout
    assert fingerprint(url) == before


def _number(pattern: str, text: str) -> int:
    match = re.search(pattern, text, re.MULTILINE)
    assert match, f"{pattern!r} not in output"
    return int(match.group(1).replace(",", ""))


def test_stats_prints_the_done_when_counts(cli_kb):
    url, env = cli_kb
    proc = run(url, "stats", env=env)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    engine = make_engine(url)
    try:
        with session_factory(engine)() as session:
            stats = kb_stats(session)
    finally:
        engine.dispose()
    # The printed numbers are the database's numbers ...
    assert _number(r"^\s+total: ([\d,]+)", out) == stats["occupations"]["total"]
    assert _number(r"with RIASEC scores: ([\d,]+)", out) == stats["occupations"]["with_riasec"]
    assert (
        _number(r"with median wage and projections: ([\d,]+)", out)
        == stats["occupations"]["with_median_wage_and_projections"]
    )
    assert _number(r"^Alternate titles: ([\d,]+)", out) == stats["alternate_titles"]["total"]
    # ... and they meet the bar.
    assert _number(r"with RIASEC scores: ([\d,]+)", out) >= 900
    assert _number(r"with median wage and projections: ([\d,]+)", out) >= 800
    assert _number(r"^Alternate titles: ([\d,]+)", out) >= 50_000
    assert _number(r"^Career clusters: (\d+) with", out) == 16
    cluster_lines = re.findall(r"^  (\S.*): (\d+) pathways, [\d,]+ occupations$", out, re.MULTILINE)
    assert len(cluster_lines) == 16 and all(int(n) > 0 for _, n in cluster_lines)
    assert {name for name, _ in cluster_lines} == {c["name"] for c in stats["clusters"]}
    pathway_lines = re.findall(r"^    - (.+) \(([\d,]+)\)$", out, re.MULTILINE)
    assert len(pathway_lines) == stats["pathways"] >= 16
    assert _number(r"^CIP programs: ([\d,]+)", out) > 1000
    assert _number(r"^CIP-occupation crosswalk rows: ([\d,]+)", out) > 1000
    assert _number(r"^ZIP centroids: ([\d,]+)", out) > 30_000
    # The sample district, plainly marked.
    assert "(SAMPLE DATA)" in out
    assert _number(r"schools: \d+ \(.*?(\d+) high", out) >= 3
    assert _number(r"schools: \d+ \(.*?(\d+) middle", out) >= 2
    assert _number(r"CTE programs: \d+ covering (\d+) clusters", out) >= 10
    assert _number(r"^  partners: (\d+)", out) >= 40
    assert _number(r"work-based learning: (\d+)", out) + _number(r"events: (\d+)", out) >= 60
    assert re.search(r"^  opportunities: \d+ \(.*job_shadow \d+", out, re.MULTILINE)


def test_stats_json_matches(cli_kb):
    import json

    url, env = cli_kb
    proc = run(url, "stats", "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["occupations"]["with_riasec"] >= 900 and len(data["clusters"]) == 16


def _assert_one_line_error(proc: subprocess.CompletedProcess, *fragments: str) -> None:
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, proc.stderr
    for fragment in fragments:
        assert fragment in errors[0], errors[0]


def test_malformed_clusters_file_exits_2_and_changes_nothing(cli_kb, tmp_path):
    url, env = cli_kb
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            codes = conn.execute(select(Occupation.onet_code).order_by(Occupation.onet_code).limit(3)).scalars().all()
    finally:
        engine.dispose()
    bad = tmp_path / "clusters_bad.csv"
    with open(bad, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Career Cluster", "Career Pathway", "Code", "Occupation"])
        w.writerow(["Zeta Test Cluster", "Zeta Pathway", codes[0], "x"])  # valid, and new
        w.writerow(["Zeta Test Cluster", "Zeta Pathway", codes[1], "y"])
        w.writerow(["", "Zeta Pathway", codes[2], "z"])  # line 4: no cluster
    before = fingerprint(url)
    proc = run(url, "import", "clusters", str(bad), env=env)
    _assert_one_line_error(proc, "clusters_bad.csv, row 4, column 'Career Cluster'", "value is required")
    assert fingerprint(url) == before
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            assert (
                conn.execute(
                    select(func.count()).select_from(CareerCluster).where(CareerCluster.name.like("Zeta%"))
                ).scalar_one()
                == 0
            )
    finally:
        engine.dispose()


def test_malformed_district_file_exits_2_and_changes_nothing(cli_kb, tmp_path):
    url, env = cli_kb
    district = tmp_path / "district"
    shutil.copytree(settings.SAMPLE_DISTRICT_DIR, district)
    with open(district / "partners.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    rows[4][rows[0].index("name")] = ""  # file line 5
    with open(district / "partners.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    before = fingerprint(url)
    proc = run(url, "import", "district", str(district), env=env)
    _assert_one_line_error(proc, "partners.csv, row 5, column 'name'")
    assert fingerprint(url) == before


def test_missing_file_is_a_clear_error(cli_kb, tmp_path):
    url, env = cli_kb
    proc = run(url, "import", "projections", str(tmp_path / "nope.csv"), env=env)
    _assert_one_line_error(proc, "nope.csv")


def test_failed_official_import_rolls_back_every_importer(cli_kb, official_dir, tmp_path):
    """A bad row in the last file read (ZIP centroids) undoes what the earlier importers wrote."""
    src = tmp_path / "official"
    src.mkdir()
    for sub in ("onet", "bls", "career_clusters", "cip"):
        (src / sub).symlink_to(official_dir / sub, target_is_directory=True)
    (src / "geo").mkdir()
    (src / "geo" / "us_zips_city_state.csv").symlink_to(official_dir / "geo" / "us_zips_city_state.csv")
    lines = (
        (official_dir / "geo" / "census_zcta_2023_centroids.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    )
    header = lines[0].strip().split(",")
    cells = lines[11].rstrip("\n").split(",")
    cells[header.index("LAT")] = "north"
    lines[11] = ",".join(cells) + "\n"  # file line 12
    (src / "geo" / "census_zcta_2023_centroids.csv").write_text("".join(lines), encoding="utf-8")

    url, env = cli_kb
    before = fingerprint(url)
    assert before["stats"]["occupations"]["with_description"] == 0
    proc = run(url, "-q", "import", "official", str(src), env=env)
    _assert_one_line_error(proc, "census_zcta_2023_centroids.csv, row 12, column 'LAT'")
    # The O*NET import ran first and wrote descriptions; the rollback took them away again.
    assert fingerprint(url) == before


def test_resolve_command(cli_kb):
    url, env = cli_kb
    proc = run(url, "resolve", "registered nurse", env=env)
    assert proc.returncode == 0, proc.stderr
    assert "29-1141.00" in proc.stdout.splitlines()[1]


def test_show_command(cli_kb):
    url, env = cli_kb
    proc = run(url, "show", "29-1141.00", env=env)
    assert proc.returncode == 0, proc.stderr
    assert "Registered Nurses" in proc.stdout
    proc = run(url, "show", "00-0000.00", env=env)
    _assert_one_line_error(proc, "no occupation with code '00-0000.00'")
    proc = run(url, "show", "31-1120", env=env)  # BLS's Home Health and Personal Care Aides
    _assert_one_line_error(proc, "'31-1120' is a BLS group of several occupations; show one of: 31-1121, 31-1122")


@pytest.mark.parametrize("typed", ["15-1252", "151252", "15-1252.0", " 15-1252.00 "])
def test_show_accepts_a_code_without_its_suffix(cli_kb, typed):
    url, env = cli_kb
    proc = run(url, "show", typed, env=env)
    assert proc.returncode == 0, proc.stderr
    shown = json.loads(proc.stdout)
    # Software Developers: OEWS May 2025 national annual median $135,980 (oews_national_may2025.csv)
    assert (shown["onet_code"], shown["title"]) == ("15-1252.00", "Software Developers")
    assert shown["national_wage"]["annual_median"] == 135980


def test_migrate_command(cli_kb):
    from career_kb.migrate import head_revision

    url, env = cli_kb
    proc = run(url, "migrate", env=env)
    assert proc.returncode == 0, proc.stderr
    assert head_revision() in proc.stdout
