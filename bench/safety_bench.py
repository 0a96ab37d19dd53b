"""Benchmark the safety layer: per-message time of rules + classifier, next to the rules alone.

Usage::

    python bench/safety_bench.py [--repeat N]

Times :func:`bot.safety_rules.classify` (the rule layer alone, the reference) and
:func:`bot.safety.decision.decide` (rules, classifier and check-in band: what the NLU component adds
per message) on every corpus message (about 9,000; one warm-up pass, then ``N`` timed passes; a
message's time is the median of its ``N``) and prints p50/p95/p99/mean in milliseconds. The target
is at most 2 ms p95 for the whole safety layer.
The exit status is non-zero only on errors, never because of timing: these are numbers to read.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.safety.corpus import read_corpus  # noqa: E402 - after the repository root joins sys.path (run as a script)
from bot.safety.decision import decide  # noqa: E402 - after the repository root joins sys.path (run as a script)
from bot.safety_rules import classify  # noqa: E402 - after the repository root joins sys.path (run as a script)

TARGET_P95_MS = 2.0


def _times(fn: Callable[[str], object], texts: list[str], repeat: int) -> list[float]:
    """Per message, the median of ``repeat`` timings (ms): a machine shared with other work stalls now
    and then, and one stall should not count as the message's cost."""
    for text in texts:  # warm-up
        fn(text)
    runs: list[list[float]] = [[] for _ in texts]
    for _ in range(repeat):
        for i, text in enumerate(texts):
            started = time.perf_counter()
            fn(text)
            runs[i].append((time.perf_counter() - started) * 1000)
    return [statistics.median(r) for r in runs]


def _line(name: str, ms: list[float]) -> str:
    q = statistics.quantiles(ms, n=100)
    return f"{name:34s} p50 {q[49]:6.3f}  p95 {q[94]:6.3f}  p99 {q[98]:6.3f}  mean {statistics.fmean(ms):6.3f} ms"


def main(argv: list[str] | None = None) -> int:
    """Print the two latency lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timings per message (the median counts)")
    args = parser.parse_args(argv)
    texts = [e.text for e in read_corpus()]
    decide(texts[0])  # loads the classifier
    rules = _times(classify, texts, args.repeat)
    layer = _times(decide, texts, args.repeat)
    print(f"safety layer latency over {len(texts)} messages, one at a time (median of {args.repeat} runs each)")
    print(_line("rules alone (reference)", rules))
    print(_line("rules + classifier + band", layer))
    p95 = statistics.quantiles(layer, n=100)[94]
    verdict = "met" if p95 <= TARGET_P95_MS else "NOT met"
    print(f"target: p95 <= {TARGET_P95_MS:.1f} ms for the whole safety layer: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
