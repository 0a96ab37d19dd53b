"""The code's shape: layering (career_kb imports no Rasa; actions keep to each other's public names),
small functions and files, one topic registry that domain.yml agrees with, one copy of each vocabulary."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from career_kb import settings, vocabulary
from career_kb.answers import topics

ROOT = settings.REPO_ROOT
MAX_FUNCTION_LINES = 80
MAX_FILE_LINES = 600
#: Alembic revisions are the schema of record: they are never edited once released.
NOT_SIZE_CHECKED = ("career_kb/migrations/versions/",)


def _files(*dirs: str) -> list[Path]:
    return sorted(p for d in dirs for p in (ROOT / d).rglob("*.py"))


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _imports(tree: ast.AST) -> list[tuple[str, list[str], int]]:
    """(module, names imported from it, line) for every import statement."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, [], node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.append((node.module, [a.name for a in node.names], node.lineno))
    return out


def test_career_kb_imports_no_rasa():
    offenders = [
        f"{_rel(p)}:{line} {module}"
        for p in _files("career_kb")
        for module, _, line in _imports(ast.parse(p.read_text(encoding="utf-8")))
        if module.split(".")[0] in ("rasa", "rasa_sdk")
    ]
    assert offenders == []


def _action_modules() -> set[str]:
    return {p.stem for p in (ROOT / "actions").glob("*.py") if p.stem != "__init__"}


def private_action_imports(path: Path, action_modules: set[str]) -> list[str]:
    """Private names ``path`` takes from another action module: ``from actions.x import _y`` or ``x._y``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = path.stem
    aliases: dict[str, str] = {}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("actions.") and node.module.split(".")[1] in action_modules - {own}:
                found += [f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
            elif node.module == "actions":
                aliases.update({(a.asname or a.name): a.name for a in node.names if a.name in action_modules - {own}})
        elif isinstance(node, ast.Import):
            for a in node.names:
                parts = a.name.split(".")
                if parts[0] == "actions" and len(parts) == 2 and parts[1] in action_modules - {own}:
                    aliases[a.asname or a.name] = parts[1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            base = node.value
            if isinstance(base, ast.Name) and base.id in aliases:
                found.append(f"actions.{aliases[base.id]}.{node.attr}")
    return found


def test_the_private_import_check_finds_both_forms(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from actions.profile import _apply_update\nfrom actions import local\nlocal._where(1)\n")
    assert private_action_imports(sample, {"profile", "local", "sample"}) == [
        "actions.profile._apply_update",
        "actions.local._where",
    ]


def test_no_action_module_imports_another_action_modules_private_names():
    modules = _action_modules()
    offenders = {_rel(p): found for p in _files("actions") if (found := private_action_imports(p, modules))}
    assert offenders == {}


def _long_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]


def _checked(paths: list[Path]) -> list[Path]:
    return [p for p in paths if not any(_rel(p).startswith(prefix) for prefix in NOT_SIZE_CHECKED)]


def test_no_function_is_over_80_lines():
    offenders = {
        _rel(p): found for p in _checked(_files("career_kb", "actions", "bot")) if (found := _long_functions(p))
    }
    assert offenders == {}


def test_no_file_is_over_600_lines():
    sizes = {
        _rel(p): len(p.read_text(encoding="utf-8").splitlines())
        for p in _checked(_files("career_kb", "actions", "bot"))
    }
    assert {name: n for name, n in sizes.items() if n > MAX_FILE_LINES} == {}


# --- the topic registry and the domain agree -----------------------------------------------------


def _domain() -> dict:
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


def test_last_topic_values_are_the_registrys_topics():
    assert _domain()["slots"]["last_topic"]["values"] == [t.name for t in topics.TOPICS]


def test_pending_action_values_are_the_actions_that_need_the_profile():
    assert set(_domain()["slots"]["pending_action"]["values"]) == set(topics.PROFILE_NEEDS)


def test_every_topic_names_a_domain_intent_and_action():
    domain = _domain()
    assert {t.intent for t in topics.TOPICS} <= set(domain["intents"])
    assert {t.action for t in topics.TOPICS} | set(topics.PROFILE_NEEDS) <= set(domain["actions"])


def test_every_action_that_needs_the_profile_has_its_form_rules():
    rules = (ROOT / "data" / "rules.yml").read_text(encoding="utf-8")
    for action in topics.PROFILE_NEEDS:
        assert rules.count(f"pending_action: {action}") == 2, action  # the form opens after it, and it answers after


# --- one copy of each vocabulary: the NLU data produces only its values ---------------------------


def _synonym_values(name_pattern: str) -> set[str]:
    data = yaml.safe_load((ROOT / "data" / "nlu" / "lookups.yml").read_text(encoding="utf-8"))
    values = set()
    for block in data["nlu"]:
        if "synonym" in block and re.fullmatch(name_pattern, str(block["synonym"])):
            values.add(str(block["synonym"]))
    return values


def test_the_nlu_states_grades_and_types_are_the_vocabularys():
    assert _synonym_values(r"[A-Z]{2}") <= vocabulary.STATE_CODES
    assert {int(v) for v in _synonym_values(r"\d+")} == set(vocabulary.GRADES)
    assert _synonym_values(r"[a-z_]+") <= set(vocabulary.OPPORTUNITY_TYPES) | set(vocabulary.POSTSECONDARY_OPTIONS)


def test_vocabulary_parsers():
    assert [vocabulary.parse_grade(v) for v in ("9th", "ninth grade", "a junior", 10.0, "13", None, True)] == [
        9,
        9,
        11,
        10,
        None,
        None,
        None,
    ]
    assert [vocabulary.parse_zip(v) for v in ("my zip is 50315", "50315-1234", "5031", None)] == [
        "50315",
        "50315",
        None,
        None,
    ]
    assert [vocabulary.parse_state(v) for v in (" tx ", "PR", "XX", None)] == ["TX", "PR", None, None]
    assert vocabulary.parse_opportunity_type("Job Shadowing") == "job_shadow"
    assert vocabulary.parse_postsecondary_option("Trade School") == "trade_school"
