"""Process-wide caches of data derived from the KB, rebuilt when the KB changes.

The resolver's index, the search documents and the occupations' interest vectors are built once per
process and database, and rebuilt when :func:`kb_version` changes (an import, a rebuild). The version
is re-read at most every ``CAREER_KB_CACHE_RECHECK_SECONDS`` (30) so that a hot path costs no queries.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from career_kb import models as m
from career_kb import settings
from career_kb.settings import ALIASES_PATH

T = TypeVar("T")

#: Seconds between checks of the KB version for a cached value (None: ``CAREER_KB_CACHE_RECHECK_SECONDS``).
RECHECK_SECONDS: float | None = None

#: Files outside the database whose content cached values also depend on (e.g. the alias list).
WATCHED_FILES: list[Path] = [ALIASES_PATH]

_CACHE: dict[tuple[str, str], tuple[str, float, Any]] = {}
_LOCK = threading.Lock()


def kb_version(session: Session) -> str:
    """A fingerprint of the KB content (kb_meta rows, table counts, watched files)."""
    parts = [
        str(session.execute(select(func.count()).select_from(table)).scalar_one())
        for table in (m.Occupation, m.AlternateTitle, m.OccupationWage)
    ]
    parts.extend(f"{k}={v}" for k, v in session.execute(select(m.KbMeta.key, m.KbMeta.value).order_by(m.KbMeta.key)))
    for path in WATCHED_FILES:
        try:
            stat = path.stat()
            parts.append(f"{path.name}={stat.st_mtime_ns}:{stat.st_size}")
        except OSError:
            pass
    return hashlib.sha1("|".join(parts).encode()).hexdigest()


def _engine_key(session: Session) -> str:
    bind = session.get_bind()
    return str(getattr(bind, "url", bind))


def kb_cached(session: Session, name: str, build: Callable[[Session], T]) -> T:
    """``build(session)``'s result for this database, cached until the KB version changes."""
    key = (_engine_key(session), name)
    now = time.monotonic()
    cached = _CACHE.get(key)
    recheck = settings.get().cache_recheck_seconds if RECHECK_SECONDS is None else RECHECK_SECONDS
    if cached is not None and now - cached[1] < recheck:
        return cached[2]
    version = kb_version(session)
    if cached is not None and cached[0] == version:
        _CACHE[key] = (version, now, cached[2])
        return cached[2]
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached[0] == version:
            return cached[2]
        value = build(session)
        _CACHE[key] = (version, time.monotonic(), value)
        return value


def clear() -> None:
    """Forget every cached value (tests, benchmarks, or after an import in the same process)."""
    _CACHE.clear()
