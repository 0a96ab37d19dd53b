"""Train the Rasa model only when its inputs changed: ``python -m bot.train [--force]``.

Steps:

1. Make sure the knowledge base is built (a fast no-op when it is) and regenerate the KB spaCy
   pipeline (``models/spacy_kb``, built by :mod:`bot.spacy_kb`) only when the KB's patterns
   hash changed.
2. Compute a fingerprint of everything training reads: ``config.yml``, ``domain.yml`` (or a
   ``domain/`` directory), every file under ``data/``, the spaCy pipeline's patterns hash and the
   Rasa version.
3. Run ``rasa train`` only when that fingerprint differs from the one stored next to the model
   (``models/career-guide.fingerprint.json``) or the model file is missing; otherwise print
   "model up to date".

Settings (:mod:`career_kb.settings`): ``RASA_MODELS_DIR`` (default ``models/``) and ``DATABASE_URL``
(the KB); the spaCy pipeline is always ``models/spacy_kb``, the path ``config.yml`` names.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from career_kb import settings
from career_kb.settings import REPO_ROOT

#: The trained model's file name (without ``.tar.gz``); fixed so each training replaces the last.
MODEL_NAME = "career-guide"

#: Environment for every Rasa subprocess: no telemetry, quiet TensorFlow.
RASA_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
}


def models_dir() -> Path:
    """Where models live: ``RASA_MODELS_DIR`` or ``models/`` in the repository."""
    return settings.get().models_dir


def spacy_dir() -> Path:
    """The KB spaCy pipeline's directory, as ``config.yml`` names it (``models/spacy_kb``)."""
    return settings.SPACY_KB_DIR


def model_path(directory: Path | None = None) -> Path:
    """The trained model archive."""
    return (directory or models_dir()) / f"{MODEL_NAME}.tar.gz"


def fingerprint_path(directory: Path | None = None) -> Path:
    """The JSON file, next to the model, that records the fingerprint it was trained from."""
    return (directory or models_dir()) / f"{MODEL_NAME}.fingerprint.json"


def subprocess_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """``os.environ`` plus :data:`RASA_ENV` (and ``extra``), for starting Rasa commands."""
    env = dict(os.environ)
    env.update(RASA_ENV)
    env.update(extra or {})
    return env


# ------------------------------------------------------------------------------ fingerprint


def training_files(root: Path = REPO_ROOT) -> list[Path]:
    """Every file ``rasa train`` reads, sorted: config, domain (file or directory), ``data/**``."""
    files: list[Path] = [root / "config.yml"]
    if (root / "domain.yml").is_file():
        files.append(root / "domain.yml")
    files.extend(_walk(root / "domain"))
    files.extend(_walk(root / "data"))
    return sorted({f for f in files if f.is_file()}, key=lambda p: p.relative_to(root).as_posix())


def _walk(directory: Path) -> Iterable[Path]:
    if not directory.is_dir():
        return []
    return (
        p
        for p in directory.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(directory).parts)
    )


def rasa_version() -> str:
    """The installed Rasa version (part of the fingerprint: a new Rasa means a new model)."""
    from importlib.metadata import version

    return version("rasa")


def compute_fingerprint(root: Path = REPO_ROOT, spacy_hash: str | None = None) -> str:
    """A SHA-256 over the training files (path and content), the spaCy patterns hash and Rasa's version."""
    digest = hashlib.sha256()
    digest.update(f"rasa={rasa_version()}\n".encode())
    digest.update(f"spacy_kb={spacy_hash or '-'}\n".encode())
    for path in training_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def stored_fingerprint(directory: Path | None = None) -> str | None:
    """The fingerprint recorded next to the model, or ``None`` when there is none."""
    try:
        return json.loads(fingerprint_path(directory).read_text(encoding="utf-8")).get("fingerprint")
    except (OSError, ValueError):
        return None


def model_is_current(fingerprint: str, directory: Path | None = None) -> bool:
    """True when the model exists and was trained from exactly ``fingerprint``."""
    return model_path(directory).is_file() and stored_fingerprint(directory) == fingerprint


def write_fingerprint(fingerprint: str, seconds: float, directory: Path | None = None) -> Path:
    """Record ``fingerprint`` next to the model (written only after a successful training)."""
    path = fingerprint_path(directory)
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "fingerprint": fingerprint,
        "model": model_path(directory).name,
        "rasa": rasa_version(),
        "trained_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "training_seconds": round(seconds, 1),
    }
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return path


# ------------------------------------------------------------------- knowledge base + spaCy


def ensure_kb() -> str:
    """Build the knowledge base if it is not built yet (fast no-op otherwise); a one-line summary."""
    from career_kb.build import build

    return build().summary()


def ensure_spacy_pipeline(out_dir: Path | None = None) -> tuple[bool, str | None]:
    """Regenerate the KB spaCy pipeline when the KB's patterns changed.

    Returns ``(rebuilt, patterns_hash)``.
    """
    from bot import spacy_kb
    from career_kb.db import session_scope

    out_dir = out_dir or spacy_dir()
    with session_scope() as session:
        written, meta = spacy_kb.write_pipeline(session, out_dir, if_changed=True)
    return written, meta.get(spacy_kb.HASH_KEY) or spacy_kb.stored_hash(out_dir)


# ---------------------------------------------------------------------------------- training


@dataclass
class TrainResult:
    """What :func:`train` did."""

    trained: bool
    fingerprint: str
    model: Path
    seconds: float = 0.0
    spacy_rebuilt: bool = False


def run_rasa_train(root: Path = REPO_ROOT, directory: Path | None = None) -> None:
    """Run ``rasa train`` (from ``root``, so ``models/spacy_kb`` in config.yml resolves)."""
    directory = directory or models_dir()
    cmd = [
        sys.executable,
        "-m",
        "rasa",
        "train",
        "--config",
        str(root / "config.yml"),
        "--domain",
        str(root / ("domain.yml" if (root / "domain.yml").is_file() else "domain")),
        "--data",
        str(root / "data"),
        "--out",
        str(directory),
        "--fixed-model-name",
        MODEL_NAME,
    ]
    subprocess.run(cmd, cwd=root, env=subprocess_env(), check=True)


def train(
    force: bool = False, root: Path = REPO_ROOT, directory: Path | None = None, with_kb: bool = True
) -> TrainResult:
    """Train when the inputs changed (or ``force``); otherwise leave the model alone."""
    directory = directory or models_dir()
    spacy_rebuilt, spacy_hash = False, None
    if with_kb:
        print(ensure_kb(), flush=True)
        spacy_rebuilt, spacy_hash = ensure_spacy_pipeline()
        print(
            f"spaCy KB pipeline {'rebuilt' if spacy_rebuilt else 'unchanged'} (patterns {str(spacy_hash)[:12]})",
            flush=True,
        )
    fingerprint = compute_fingerprint(root, spacy_hash)
    if not force and model_is_current(fingerprint, directory):
        return TrainResult(False, fingerprint, model_path(directory), 0.0, spacy_rebuilt)
    directory.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    run_rasa_train(root, directory)
    seconds = time.perf_counter() - started
    if not model_path(directory).is_file():
        raise RuntimeError(f"rasa train finished but {model_path(directory)} is missing")
    write_fingerprint(fingerprint, seconds, directory)
    return TrainResult(True, fingerprint, model_path(directory), seconds, spacy_rebuilt)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m bot.train [--force]``."""
    parser = argparse.ArgumentParser(prog="python -m bot.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="train even if nothing changed")
    args = parser.parse_args(argv)
    for key, value in RASA_ENV.items():
        os.environ.setdefault(key, value)
    try:
        result = train(force=args.force)
    except subprocess.CalledProcessError as exc:
        print(f"rasa train failed (exit {exc.returncode})", file=sys.stderr)
        return exc.returncode or 1
    if result.trained:
        print(f"trained {result.model} in {result.seconds:.1f}s (fingerprint {result.fingerprint[:12]})")
    else:
        print(f"model up to date: {result.model} (fingerprint {result.fingerprint[:12]})")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
