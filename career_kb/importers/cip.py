"""Import CIP 2020 programs of study and the CIP ↔ occupation crosswalks.

* ``CIPCode2020.csv`` (NCES): 6-digit codes ``NN.NNNN`` become ``cip_program`` rows (title without its
  trailing period, 2-digit family, definition only ``with_prose``). Codes NCES marks "Deleted" or
  "Moved from" are not CIP 2020 programs and are skipped. Spreadsheet-style quoting (``="01.0000"``)
  is stripped.
* ``onet_cip2020_to_onetsoc2019.csv`` (O*NET): CIP → O*NET-SOC pairs, source ``onet``.
* ``nces_cip2020_to_soc2018.csv`` (NCES–BLS): CIP → SOC pairs, mapped to every O*NET-SOC occupation
  sharing that SOC code, source ``nces`` (a pair O*NET already lists keeps source ``onet``).
  ``99.9999`` / ``99-9999`` mean "no match" and are skipped.

Programs are upserted; ``cip_occupation`` is replaced. Pairs naming a code that is in neither table
are skipped and counted as a warning. Occupations must already be imported.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from career_kb.importers.bulk import replace_rows, upsert_rows
from career_kb.importers.common import ImportResult, Progress, Row, count_lines, no_progress, read_rows
from career_kb.models import CipOccupation, CipProgram, Occupation

PROGRAMS_FILE = "CIPCode2020.csv"
ONET_CROSSWALK = "onet_cip2020_to_onetsoc2019.csv"
NCES_CROSSWALK = "nces_cip2020_to_soc2018.csv"

#: NCES "Action" values of codes that no longer exist in CIP 2020.
RETIRED_ACTIONS = ("Deleted", "Moved from")
NO_MATCH = ("99.9999", "99-9999")

_CIP6 = re.compile(r"^\d{2}\.\d{4}$")


def clean_code(text: str) -> str:
    """A code without spreadsheet quoting: ``'="01.0000"'`` → ``"01.0000"``."""
    text = text.strip()
    if text.startswith("="):
        text = text[1:]
    return text.strip().strip('"').strip()


def _cip(row: Row, column: str) -> str:
    code = clean_code(row.get(column))
    if not code:
        raise row.error(column, "value is required")
    if re.fullmatch(r"\d\.\d{4}", code):  # a spreadsheet dropped the family's leading zero
        code = "0" + code
    if not _CIP6.match(code):
        raise row.error(column, f"not a 6-digit CIP code (NN.NNNN): {code!r}")
    return code


def _programs(path: Path, with_prose: bool, progress: Progress) -> dict[str, dict]:
    """The current 6-digit CIP programs of ``CIPCode2020.csv`` (retired ones left out)."""
    programs: dict[str, dict] = {}
    total = count_lines(path) if path.is_file() else None
    n = 0
    for row in read_rows(
        path, ["CIPFamily", "CIPCode", "Action", "CIPTitle"] + (["CIPDefinition"] if with_prose else [])
    ):
        n += 1
        if n % 1000 == 0:
            progress("CIP programs", n, total)
        raw = clean_code(row.require("CIPCode"))
        if len(raw.partition(".")[2]) != 4:
            continue  # 2-digit families ("01") and 4-digit series ("01.00")
        code = _cip(row, "CIPCode")
        if row.get("Action") in RETIRED_ACTIONS:
            continue
        title = row.require("CIPTitle").rstrip().rstrip(".").strip()
        prog: dict[str, str | None] = {"cip_code": code, "title": title[:250], "family": code[:2]}
        if with_prose:
            prog["definition"] = row.get("CIPDefinition") or None
        programs[code] = prog
    progress("CIP programs", n, n)
    return programs


def _crosswalks(
    session: Session, cip_dir: Path, progress: Progress
) -> tuple[dict[tuple[str, str], str], set[str], set[str]]:
    """(cip, onet) pairs with their source (O*NET's crosswalk first), and the codes the KB lacks."""
    cips = set(session.execute(select(CipProgram.cip_code)).scalars())
    by_soc: dict[str, list[str]] = defaultdict(list)
    for code in session.execute(select(Occupation.onet_code)).scalars():
        by_soc[code[:7]].append(code)
    onet_codes = {c for codes in by_soc.values() for c in codes}
    pairs: dict[tuple[str, str], str] = {}
    missing_cip: set[str] = set()
    missing_occ: set[str] = set()
    for row in read_rows(cip_dir / ONET_CROSSWALK, ["2020 CIP Code", "O*NET-SOC 2019 Code"]):
        cip = _cip(row, "2020 CIP Code")
        occ = row.require("O*NET-SOC 2019 Code")
        if cip not in cips:
            missing_cip.add(cip)
        elif occ not in onet_codes:
            missing_occ.add(occ)
        else:
            pairs[(cip, occ)] = "onet"
    progress("CIP crosswalk (O*NET)", 1, 1)
    for row in read_rows(cip_dir / NCES_CROSSWALK, ["CIP2020Code", "SOC2018Code"]):
        cip = clean_code(row.get("CIP2020Code"))
        soc = clean_code(row.get("SOC2018Code"))
        if cip in NO_MATCH or soc in NO_MATCH:
            continue
        cip = _cip(row, "CIP2020Code")
        if not re.fullmatch(r"\d{2}-\d{4}", soc):
            raise row.error("SOC2018Code", f"not a SOC code (NN-NNNN): {soc!r}")
        if cip not in cips:
            missing_cip.add(cip)
        elif soc not in by_soc:
            missing_occ.add(soc)
        else:
            for occ in by_soc[soc]:
                pairs.setdefault((cip, occ), "nces")
    progress("CIP crosswalk (NCES)", 1, 1)
    return pairs, missing_cip, missing_occ


def import_cip(
    session: Session, cip_dir: Path | str, with_prose: bool = True, progress: Progress = no_progress
) -> ImportResult:
    """Import CIP 2020 programs and both crosswalks from ``cip_dir`` (see the module docstring).

    Without ``with_prose`` an existing definition is left as it is. Does not commit.
    """
    cip_dir = Path(cip_dir)
    result = ImportResult("CIP 2020")
    programs = _programs(cip_dir / PROGRAMS_FILE, with_prose, progress)
    upsert_rows(session, CipProgram, list(programs.values()))
    result.add("cip_program", len(programs))
    pairs, missing_cip, missing_occ = _crosswalks(session, cip_dir, progress)
    rows = [{"cip_code": c, "onet_code": o, "source": s} for (c, o), s in sorted(pairs.items())]
    replace_rows(session, CipOccupation, rows)
    result.add("cip_occupation", len(rows))
    if missing_cip:
        result.warnings.append(f"{len(missing_cip)} CIP code(s) in the crosswalks but not in {PROGRAMS_FILE} skipped")
    if missing_occ:
        result.warnings.append(
            f"{len(missing_occ)} occupation/SOC code(s) in the crosswalks but not in the occupation table skipped"
        )
    return result
