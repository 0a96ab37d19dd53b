"""Train the safety classifier from the corpus: ``python -m bot.safety.train`` (run by ``make train``).

The model goes to ``models/safety_classifier.joblib`` with a fingerprint beside it (the corpus, the
feature and classifier code, the scikit-learn version); it is retrained only when the fingerprint
changed, or with ``--force``. Training is deterministic and takes about ten seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import sklearn

from bot.safety import classifier
from bot.safety.classifier import SafetyModel
from bot.safety.corpus import corpus_files, nlu_files, read_corpus
from career_kb.settings import REPO_ROOT

#: The trained model (not committed; ``make train`` writes it).
MODEL_PATH = REPO_ROOT / "models" / "safety_classifier.joblib"
_PACKAGE = Path(__file__).resolve().parent


def fingerprint() -> str:
    """A hash of everything the model depends on."""
    digest = hashlib.sha256(f"scikit-learn {sklearn.__version__}\n".encode())
    for path in [
        *corpus_files(),
        *nlu_files(),
        _PACKAGE / "features.py",
        _PACKAGE / "classifier.py",
        _PACKAGE / "corpus.py",
    ]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _stamp_path(model_path: Path) -> Path:
    return model_path.with_suffix(".json")


def up_to_date(model_path: Path = MODEL_PATH) -> bool:
    """True when the model at ``model_path`` was trained from the current corpus and code."""
    stamp = _stamp_path(model_path)
    if not (model_path.is_file() and stamp.is_file()):
        return False
    return json.loads(stamp.read_text(encoding="utf-8")).get("fingerprint") == fingerprint()


def ensure_trained(model_path: Path = MODEL_PATH, force: bool = False) -> bool:
    """Train and save the model unless it is up to date; True when it trained."""
    if not force and up_to_date(model_path):
        return False
    examples = read_corpus()
    model = classifier.train(examples)
    model.save(model_path)
    stamp = {"fingerprint": fingerprint(), "examples": len(examples), "sklearn": sklearn.__version__}
    _stamp_path(model_path).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
    return True


def load_model(model_path: Path = MODEL_PATH) -> SafetyModel:
    """The trained model (trained first if it is missing or out of date)."""
    ensure_trained(model_path)
    return classifier.load(model_path)


def main(argv: list[str] | None = None) -> int:
    """Command line: train if needed (``--force``: always)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="train even when the model is up to date")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if ensure_trained(force=args.force):
        print(f"safety classifier trained in {time.perf_counter() - started:.1f}s -> {MODEL_PATH}")
    else:
        print("safety classifier up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
