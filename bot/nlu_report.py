"""Print the intent report of ``rasa test nlu`` and check macro-F1: ``python -m bot.nlu_report FILE``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def summarize(report: dict) -> tuple[float, list[tuple[str, float, int]]]:
    """Macro-F1 and (intent, f1, support) rows, weakest first, from an ``intent_report.json``."""
    rows = [
        (name, float(v["f1-score"]), int(v["support"]))
        for name, v in report.items()
        if isinstance(v, dict) and name not in ("macro avg", "weighted avg", "micro avg", "accuracy")
    ]
    rows.sort(key=lambda r: (r[1], r[0]))
    return float(report["macro avg"]["f1-score"]), rows


def main(argv: list[str] | None = None) -> int:
    """Print per-intent F1 (weakest first) and macro-F1; exit 1 below ``--min-macro-f1``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("report", type=Path, help="intent_report.json written by `rasa test nlu`")
    parser.add_argument("--min-macro-f1", type=float, default=0.0)
    args = parser.parse_args(argv)
    try:
        macro, rows = summarize(json.loads(args.report.read_text()))
    except (OSError, ValueError, KeyError) as exc:
        print(f"error: cannot read {args.report}: {exc}", file=sys.stderr)
        return 2
    for name, f1, support in rows:
        print(f"  {name:<40} F1 {f1:.3f}  ({support} messages)")
    total = sum(r[2] for r in rows)
    print(f"intent macro-F1 {macro:.3f} on {total} held-out messages ({len(rows)} intents)")
    if macro < args.min_macro_f1:
        print(f"FAIL: macro-F1 below {args.min_macro_f1:.2f}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
