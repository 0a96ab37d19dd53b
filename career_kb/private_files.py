"""Local state that only the service's own user may read: ``var/`` directories 0700, files 0600.

Secrets (the HTTP API token, the action server's token, the student id key) are generated once into
``var/`` with :func:`secret` and reused; :func:`tighten` sets the modes of everything already in a
directory (the KB and tracker databases, generated configuration, logs), and :func:`private_umask`
makes the files a process creates from then on private too.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

#: Mode of every file in ``var/``.
FILE_MODE = 0o600
#: Mode of ``var/`` and every directory in it.
DIR_MODE = 0o700


def private_umask() -> None:
    """Make the files and directories this process (and its children) creates readable by its user only."""
    os.umask(0o077)


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed and make it 0700; returns it."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    os.chmod(path, DIR_MODE)
    return path


def secret(var_dir: Path, name: str) -> str:
    """The secret kept in ``var_dir/name``, generated (URL-safe, 256 bits, mode 0600) the first time.

    Two processes racing to create it agree on one value (``O_EXCL``: the loser reads the winner's).
    """
    path = private_dir(var_dir) / name
    if path.is_file():
        value = path.read_text(encoding="utf-8").strip()
        if value:
            return value
        path.unlink()
    value = secrets.token_urlsafe(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(value + "\n")
    return value


def tighten(directory: Path) -> list[Path]:
    """Make ``directory`` and every directory under it 0700 and every file 0600; returns what changed.

    Symbolic links are left alone (their targets are not ours to change).
    """
    changed: list[Path] = []
    if not directory.is_dir():
        return changed
    for root, dirs, files in os.walk(directory):
        for name, mode in [(d, DIR_MODE) for d in dirs] + [(f, FILE_MODE) for f in files]:
            path = Path(root) / name
            if path.is_symlink():
                continue
            if stat.S_IMODE(path.stat().st_mode) != mode:
                os.chmod(path, mode)
                changed.append(path)
    if stat.S_IMODE(directory.stat().st_mode) != DIR_MODE:
        os.chmod(directory, DIR_MODE)
        changed.append(directory)
    return changed
