"""Per-install secrets kept in ``var/`` when the environment does not set them.

A secret given in the environment (through :mod:`career_kb.settings`) wins. Otherwise a random one is
created once in ``var/<name>`` (mode 0600; ``CAREER_KB_VAR_DIR`` moves ``var/``) and reused, so what
it protects survives restarts. Keep these files out of version control.
"""

from __future__ import annotations

import os
import secrets

from career_kb import settings


def local_secret(file_name: str, configured: str = "") -> bytes:
    """``configured`` when set, else the secret in ``var/<file_name>`` (created on first use)."""
    if configured:
        return configured.encode("utf-8")
    path = settings.get().var_dir / file_name
    if path.exists():
        value = path.read_text(encoding="utf-8").strip()
        if value:
            return value.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(32)
    # O_EXCL: if two processes race, the loser reads the winner's secret instead of overwriting it.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip().encode("utf-8")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(value + "\n")
    return value.encode("utf-8")
