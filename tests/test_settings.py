"""Every environment variable is read in career_kb/settings.py and documented in the README's table."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from career_kb import settings

ROOT = settings.REPO_ROOT
CHECKED = ("career_kb", "actions", "bot", "bench", "tests")


def _python_files() -> list[Path]:
    return sorted(p for d in CHECKED for p in (ROOT / d).rglob("*.py") if ".venv" not in p.parts)


def _is_os_environ(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "environ"
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def env_reads(source: str) -> list[int]:
    """Line numbers where ``source`` reads an environment variable (``os.getenv``, ``os.environ.get``,
    ``os.environ[...]``, ``... in os.environ``, ``from os import environ/getenv``).

    Not reads: writing one (``os.environ[k] = v``, ``os.environ.setdefault(k, v)`` as a statement) and
    handing the whole environment to a child process (``dict(os.environ)``, ``{**os.environ}``).
    """
    tree = ast.parse(source)
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            func = node.value.func
            if isinstance(func, ast.Attribute) and func.attr == "setdefault" and _is_os_environ(func.value):
                allowed.add(id(func.value))
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store) and _is_os_environ(node.value):
            allowed.add(id(node.value))
        elif isinstance(node, ast.Dict):
            allowed.update(
                id(v) for k, v in zip(node.keys, node.values, strict=False) if k is None and _is_os_environ(v)
            )
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict":
            allowed.update(id(a) for a in node.args if _is_os_environ(a))
    lines = []
    for node in ast.walk(tree):
        if _is_os_environ(node) and id(node) not in allowed:
            lines.append(node.lineno)
        elif (
            isinstance(node, ast.Attribute) and node.attr in ("getenv", "getenvb") and isinstance(node.value, ast.Name)
        ):
            lines.append(node.lineno)
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module == "os"
            and {a.name for a in node.names} & {"environ", "getenv"}
        ):
            lines.append(node.lineno)
    return sorted(lines)


def test_the_checker_finds_reads_and_lets_writes_pass():
    reads = """
import os
a = os.environ.get("A")
b = os.environ["B"]
c = os.getenv("C")
d = "D" in os.environ
os.environ["E"] = "1"
os.environ.setdefault("F", "1")
env = dict(os.environ)
env2 = {**os.environ, "G": "1"}
"""
    assert env_reads(reads) == [3, 4, 5, 6]


def test_no_environment_variable_is_read_outside_the_settings_module():
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in _python_files()
        if path != ROOT / "career_kb" / "settings.py"
        for lines in [env_reads(path.read_text(encoding="utf-8"))]
        if lines
    }
    assert offenders == {}


def test_the_settings_module_reads_exactly_the_documented_variables():
    class Recording(dict):
        def __init__(self):
            super().__init__()
            self.asked: set[str] = set()

        def get(self, key, default=None):
            self.asked.add(key)
            return default

    env = Recording()
    settings.from_env(env)
    assert env.asked == {v.name for v in settings.VARIABLES}


def test_the_readme_table_is_the_generated_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert settings.markdown_table() in readme, "regenerate it: python -m career_kb.settings"
    documented = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", readme, flags=re.MULTILINE))
    assert documented == {v.name for v in settings.VARIABLES}


def test_defaults_need_no_outside_service(tmp_path):
    s = settings.from_env({"CAREER_KB_VAR_DIR": str(tmp_path)})
    assert s.database_url == f"sqlite:///{tmp_path / 'career_kb.sqlite3'}"
    assert (s.rasa_port, s.action_port, s.action_endpoint_url) == (5005, 5055, "http://localhost:5055/webhook")
    assert s.sample_district and s.rasa_sqlite_synchronous == "NORMAL" and s.rasa_cors == ("*",)
    assert s.source_dir is None and s.student_id_secret == "" and not s.ci


def test_values_are_parsed_and_bad_ones_named():
    s = settings.from_env(
        {
            "DATABASE_URL": "postgres://u@h/db",
            "ACTION_PORT": "6000",
            "CAREER_KB_SAMPLE_DISTRICT": "off",
            "RASA_CORS": "https://a.example https://b.example",
            "CI": "true",
        }
    )
    assert s.database_url == "postgresql://u@h/db"
    assert s.action_endpoint_url == "http://localhost:6000/webhook"
    assert not s.sample_district and s.rasa_cors == ("https://a.example", "https://b.example") and s.ci
    for env, name in (
        ({"RASA_PORT": "abc"}, "RASA_PORT"),
        ({"ACTION_PORT": "70000"}, "ACTION_PORT"),
        ({"CAREER_KB_SAMPLE_DISTRICT": "maybe"}, "CAREER_KB_SAMPLE_DISTRICT"),
        ({"RASA_SQLITE_SYNCHRONOUS": "sometimes"}, "RASA_SQLITE_SYNCHRONOUS"),
    ):
        with pytest.raises(settings.SettingsError, match=name):
            settings.from_env(env)


def test_config_yml_loads_the_spacy_pipeline_from_the_settings_path():
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    spacy = next(c for c in config["pipeline"] if c["name"] == "SpacyNLP")
    assert ROOT / spacy["model"] == settings.SPACY_KB_DIR


def test_endpoints_yml_keeps_the_tracker_in_the_default_var_dir():
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    store = endpoints["tracker_store"]
    assert ROOT / store["db"] == settings.from_env({}).var_dir / "tracker.db"
