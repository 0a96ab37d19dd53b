"""Import the O*NET database text files (tab-separated, official column layout) into the KB.

Reads from one directory (the unzipped ``db_29_3_text.zip`` or ``../shared/data/onet``):

* ``Occupation Data.txt`` → ``occupation`` (code, SOC code, title; description only ``with_prose``)
* ``Interests.txt`` → RIASEC scores (scale OI) and the high-point code (scale IH)
* ``Job Zones.txt`` → job zone 1-5
* ``Education, Training, and Experience.txt`` (+ ``… Categories.txt``) → typical education
* ``Skills.txt``, ``Knowledge.txt`` → ``occupation_element`` (top 10 by importance per kind)
* ``Alternate Titles.txt``, ``Sample of Reported Titles.txt`` → ``alternate_title``
* ``Related Occupations.txt`` → ``related_occupation``

Occupations are upserted (never deleted: other tables point at them); the child tables above are
replaced as a whole. Everything is written in the caller's transaction.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from sqlalchemy.orm import Session

from career_kb.importers.bulk import replace_rows, upsert_rows
from career_kb.importers.common import ImportFileError, ImportResult, Progress, Row, count_lines, no_progress, read_rows
from career_kb.models import AlternateTitle, Occupation, OccupationElement, RelatedOccupation
from career_kb.vocabulary import RIASEC, RIASEC_NAMES

CODE = "O*NET-SOC Code"

#: The files read, by role.
FILES = {
    "occupations": "Occupation Data.txt",
    "interests": "Interests.txt",
    "job_zones": "Job Zones.txt",
    "education": "Education, Training, and Experience.txt",
    "education_categories": "Education, Training, and Experience Categories.txt",
    "skills": "Skills.txt",
    "knowledge": "Knowledge.txt",
    "alternate_titles": "Alternate Titles.txt",
    "reported_titles": "Sample of Reported Titles.txt",
    "related": "Related Occupations.txt",
}

#: Elements kept per occupation and kind (skill / knowledge), by importance.
TOP_ELEMENTS = 10

#: RIASEC score elements (scale OI) of Interests.txt: O*NET's interest-area names → the column letter (``riasec_r`` …).
RIASEC_COLUMNS = {name: letter.lower() for letter, name in RIASEC_NAMES.items()}
#: High-point elements (scale IH) of Interests.txt.
HIGH_POINTS = ("First Interest High-Point", "Second Interest High-Point", "Third Interest High-Point")

_PROGRESS_EVERY = 5000


def _rows(path: Path, required: list[str], label: str, progress: Progress):
    """read_rows with progress reports every few thousand rows."""
    total = count_lines(path) if path.is_file() else None
    n = 0
    for row in read_rows(path, required):
        n += 1
        if n % _PROGRESS_EVERY == 0:
            progress(label, n, total)
        yield row
    progress(label, n, n)


def _code(row: Row, column: str = CODE) -> str:
    """An O*NET-SOC code ``NN-NNNN.NN`` from ``column``, checked."""
    code = row.require(column)
    if len(code) != 10 or code[2] != "-" or code[7] != "." or not (code[:2] + code[3:7] + code[8:]).isdigit():
        raise row.error(column, f"not an O*NET-SOC code (NN-NNNN.NN): {code!r}")
    return code


def short_education(text: str) -> str:
    """A short name for an O*NET education category: the text before its explanation.

    "Post-Secondary Certificate - awarded for training …" → "Post-Secondary Certificate";
    "Associate's Degree (or other 2-year degree)" → "Associate's Degree".
    """
    short = text.split(" - ", 1)[0].split(" (", 1)[0].strip()
    return short[:120]


def _education_categories(path: Path) -> dict[int, str]:
    cats = {}
    for row in read_rows(path, ["Scale ID", "Category", "Category Description"]):
        if row.get("Scale ID") == "RL":
            cats[row.number_or_none("Category", int)] = short_education(row.require("Category Description"))
    if not cats:
        raise ImportFileError(path, "no 'Required Level of Education' (scale RL) categories")
    return cats


class _OnetImport:
    """One import of the O*NET files: the occupations (read first), and the codes the other files
    name that are not among them."""

    def __init__(self, onet_dir: Path, progress: Progress):
        self.p = {role: onet_dir / name for role, name in FILES.items()}
        self.progress = progress
        self.occupations: dict[str, dict] = {}
        self.unknown: set[str] = set()

    def rows(self, role: str, required: list[str], label: str):
        return _rows(self.p[role], required, label, self.progress)

    def known(self, row: Row, column: str = CODE) -> str | None:
        """The row's O*NET-SOC code when it is a known occupation; else remember it as unknown."""
        code = _code(row, column)
        if code in self.occupations:
            return code
        self.unknown.add(code)
        return None

    def read_occupations(self, with_prose: bool) -> None:
        required = [CODE, "Title"] + (["Description"] if with_prose else [])
        for row in self.rows("occupations", required, "O*NET occupations"):
            code = _code(row)
            occ = {"onet_code": code, "soc_code": code[:7], "title": row.require("Title")}
            if with_prose:
                occ["description"] = row.get("Description") or None
            self.occupations[code] = occ

    def interests(self) -> tuple[dict[str, dict[str, float]], dict[str, dict[int, str]]]:
        """RIASEC scores (scale OI) and high points (scale IH) per occupation."""
        scores: dict[str, dict[str, float]] = defaultdict(dict)
        high: dict[str, dict[int, str]] = defaultdict(dict)
        for row in self.rows("interests", [CODE, "Element Name", "Scale ID", "Data Value"], "O*NET interests"):
            code = self.known(row)
            if code is None:
                continue
            scale, name = row.get("Scale ID"), row.get("Element Name")
            if scale == "OI" and name in RIASEC_COLUMNS:
                value = row.number_or_none("Data Value")
                if value is None or not 1 <= value <= 7:
                    raise row.error("Data Value", f"an interest score must be 1-7, got {row.get('Data Value')!r}")
                scores[code][RIASEC_COLUMNS[name]] = value
            elif scale == "IH" and name in HIGH_POINTS:
                point = row.number_or_none("Data Value", int)
                if point is None or not 0 <= point <= 6:
                    raise row.error("Data Value", f"a high-point must be 0-6, got {row.get('Data Value')!r}")
                if point:  # 0: no second/third high point
                    high[code][HIGH_POINTS.index(name)] = RIASEC[int(point) - 1]
        return scores, high

    def job_zones(self) -> dict[str, int]:
        zones: dict[str, int] = {}
        for row in self.rows("job_zones", [CODE, "Job Zone"], "O*NET job zones"):
            code = self.known(row)
            if code is None:
                continue
            zone = row.number_or_none("Job Zone", int)
            if zone is None or not 1 <= zone <= 5:
                raise row.error("Job Zone", f"a job zone must be 1-5, got {row.get('Job Zone')!r}")
            zones[code] = int(zone)
        return zones

    def education(self, categories: dict[int, str]) -> dict[str, tuple[float, int]]:
        """The RL category with the highest percentage per occupation: (percentage, category)."""
        best: dict[str, tuple[float, int]] = {}
        # Rows flagged "Recommend Suppress" are kept here: the flag marks an imprecise percentage, and
        # dropping one category of a distribution can crown the wrong mode (29-1141.00's Bachelor's
        # degree, 56% of respondents, is flagged).
        for row in self.rows("education", [CODE, "Scale ID", "Category", "Data Value"], "O*NET education"):
            if row.get("Scale ID") != "RL":
                continue
            code = self.known(row)
            if code is None:
                continue
            category = row.number_or_none("Category", int)
            if category not in categories:
                raise row.error("Category", f"unknown education category {row.get('Category')!r}")
            value = row.number_or_none("Data Value")
            if value is None:
                continue
            # Ties go to the lower level (the less demanding requirement, as O*NET lists categories).
            if code not in best or value > best[code][0]:
                best[code] = (value, int(category))
        return best

    def elements(self, kind: str, role: str) -> list[dict]:
        """The most important skills (or knowledge areas) of each occupation, with importance and level."""
        per: dict[tuple[str, str], dict] = {}
        need = [CODE, "Element ID", "Element Name", "Scale ID", "Data Value", "Recommend Suppress"]
        for row in self.rows(role, need, f"O*NET {role}"):
            scale = row.get("Scale ID")
            if scale not in ("IM", "LV") or row.get("Recommend Suppress") == "Y":
                continue
            code = self.known(row)
            if code is None:
                continue
            value = row.number_or_none("Data Value")
            if value is None:
                if scale == "IM":
                    raise row.error("Data Value", "importance is required")
                continue
            key = (code, row.require("Element ID"))
            el = per.setdefault(
                key,
                {
                    "onet_code": code,
                    "kind": kind,
                    "element_id": key[1],
                    "name": row.require("Element Name"),
                    "importance": None,
                    "level": None,
                },
            )
            el["importance" if scale == "IM" else "level"] = value
        by_occ: dict[str, list[dict]] = defaultdict(list)
        for el in per.values():
            if el["importance"] is not None:
                by_occ[el["onet_code"]].append(el)
        out: list[dict] = []
        for els in by_occ.values():
            els.sort(key=lambda e: (-e["importance"], -(e["level"] or 0), e["element_id"]))
            out.extend(els[:TOP_ELEMENTS])
        return out

    def titles(self) -> list[dict]:
        """Alternate titles (with short titles) and reported titles (with the My Next Move flag)."""
        titles: dict[tuple[str, str, str], dict] = {}
        for row in self.rows("alternate_titles", [CODE, "Alternate Title", "Short Title"], "O*NET alternate titles"):
            code = self.known(row)
            if code is None:
                continue
            title = row.require("Alternate Title")
            key = (code, title, "alternate")
            if key in titles:  # the file repeats a few titles; keep one, with a short title if any has one
                titles[key]["short_title"] = titles[key]["short_title"] or row.get("Short Title") or None
                continue
            titles[key] = {
                "onet_code": code,
                "title": title,
                "short_title": row.get("Short Title") or None,
                "kind": "alternate",
                "shown_in_my_next_move": False,
            }
        need = [CODE, "Reported Job Title", "Shown in My Next Move"]
        for row in self.rows("reported_titles", need, "O*NET reported titles"):
            code = self.known(row)
            if code is None:
                continue
            flag = row.get("Shown in My Next Move").upper()
            if flag not in ("Y", "N"):
                raise row.error("Shown in My Next Move", f"expected Y or N, got {row.get('Shown in My Next Move')!r}")
            title = row.require("Reported Job Title")
            key = (code, title, "reported")
            if key in titles:
                titles[key]["shown_in_my_next_move"] |= flag == "Y"
                continue
            titles[key] = {
                "onet_code": code,
                "title": title,
                "short_title": None,
                "kind": "reported",
                "shown_in_my_next_move": flag == "Y",
            }
        for t in titles.values():
            if len(t["title"]) > 250:
                raise ImportFileError(
                    self.p["alternate_titles"], f"title longer than 250 characters: {t['title'][:40]!r}…"
                )
        return list(titles.values())

    def related(self) -> list[dict]:
        related: dict[tuple[str, str], dict] = {}
        need = [CODE, "Related O*NET-SOC Code", "Relatedness Tier", "Index"]
        for row in self.rows("related", need, "O*NET related occupations"):
            code = self.known(row)
            other = self.known(row, "Related O*NET-SOC Code") if code else None
            if code is None or other is None:
                continue
            rank = row.number_or_none("Index", int)
            if rank is None:
                raise row.error("Index", "value is required")
            if (code, other) not in related or rank < related[(code, other)]["rank"]:
                related[(code, other)] = {
                    "onet_code": code,
                    "related_code": other,
                    "tier": row.require("Relatedness Tier"),
                    "rank": rank,
                }
        return list(related.values())


def import_onet(
    session: Session, onet_dir: Path | str, with_prose: bool = True, progress: Progress = no_progress
) -> ImportResult:
    """Import the O*NET text files in ``onet_dir`` (see the module docstring for what goes where).

    ``with_prose`` also stores occupation descriptions (never shipped in the snapshot); without it an
    existing description is left as it is. Raises :class:`ImportFileError` (file, row, column) on a
    malformed file; the caller's transaction then rolls back. Does not commit.
    """
    result = ImportResult("O*NET")
    run = _OnetImport(Path(onet_dir), progress)
    run.read_occupations(with_prose)
    scores, high = run.interests()
    zones = run.job_zones()
    categories = _education_categories(run.p["education_categories"])
    best = run.education(categories)
    for code, occ in run.occupations.items():
        s = scores.get(code, {})
        for letter in "riasec":
            occ[f"riasec_{letter}"] = s.get(letter)
        hp = high.get(code, {})
        occ["riasec_code"] = "".join(hp[i] for i in sorted(hp)) or None
        occ["job_zone"] = zones.get(code)
        occ["typical_education"] = categories[best[code][1]] if code in best else None
        occ["is_data_level"] = bool(s) or code in zones
    upsert_rows(session, Occupation, list(run.occupations.values()))
    result.add("occupation", len(run.occupations))
    elements = run.elements("skill", "skills") + run.elements("knowledge", "knowledge")
    replace_rows(session, OccupationElement, elements)
    result.add("occupation_element", len(elements))
    titles = run.titles()
    replace_rows(session, AlternateTitle, titles)
    result.add("alternate_title", len(titles))
    related = run.related()
    replace_rows(session, RelatedOccupation, related)
    result.add("related_occupation", len(related))
    if run.unknown:
        skipped = ", ".join(sorted(run.unknown)[:5])
        result.warnings.append(
            f"{len(run.unknown)} O*NET-SOC code(s) not in {FILES['occupations']} skipped: {skipped}…"
        )
    return result
