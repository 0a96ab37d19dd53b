"""Configuration from environment variables, with defaults that need no outside service."""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root (the directory that holds ``career_kb/``).
REPO_ROOT = Path(__file__).resolve().parent.parent

#: Where generated local state lives (the embedded SQLite knowledge base); never committed.
VAR_DIR = Path(os.environ.get("CAREER_KB_VAR_DIR", REPO_ROOT / "var"))

#: The compact snapshot of facts and figures shipped in the repo.
SNAPSHOT_DIR = Path(__file__).resolve().parent / "snapshot"

#: How students say occupations → O*NET-SOC codes (written for this project); read by the resolver and
#: the KB entity ruler.
ALIASES_PATH = Path(__file__).resolve().parent / "aliases.csv"

#: The sample district's CSV files (plainly marked sample data).
SAMPLE_DISTRICT_DIR = Path(__file__).resolve().parent / "district_sample"


def database_url() -> str:
    """The knowledge base's SQLAlchemy URL: ``DATABASE_URL`` or the embedded SQLite file."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        # Heroku-style URLs name the dialect "postgres"; SQLAlchemy 1.4 wants "postgresql".
        if url.startswith("postgres://"):
            url = "postgresql://" + url[len("postgres://"):]
        return url
    return f"sqlite:///{VAR_DIR / 'career_kb.sqlite3'}"


def shared_data_dir() -> Path | None:
    """The directory of official source files (O*NET, BLS, ...) if one is available.

    ``CAREER_KB_SOURCE_DIR`` wins; otherwise ``../shared/data`` beside the repository.
    """
    env = os.environ.get("CAREER_KB_SOURCE_DIR", "").strip()
    candidates = [Path(env)] if env else [REPO_ROOT.parent / "shared" / "data"]
    for path in candidates:
        if path.is_dir():
            return path
    return None
