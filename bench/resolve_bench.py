"""Benchmark free-text occupation resolution: latency percentiles and top-1 accuracy.

Usage::

    python bench/resolve_bench.py [--repeat N] [--url DATABASE_URL] [--show-misses]

Runs :func:`career_kb.resolve.resolve_occupation` over the labeled phrasings in
``tests/data/resolve_labeled.tsv``: one warm-up pass (builds the in-memory index), then ``N`` timed
passes. Prints p50/p95/p99/mean latency in milliseconds and top-1 accuracy. Uses the configured
knowledge base (``DATABASE_URL`` or the embedded SQLite file); ``--url`` picks another. The exit
status is non-zero only on errors (an empty KB, an unreadable labeled set), never because of timing
or accuracy: those are numbers to read, not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sqlalchemy import func, select  # noqa: E402 - after the repository root joins sys.path (run as a script)

from career_kb import models as m  # noqa: E402 - after the repository root joins sys.path (run as a script)
from career_kb import settings  # noqa: E402 - after the repository root joins sys.path (run as a script)
from career_kb.db import make_engine, session_factory  # noqa: E402 - after the repository root joins sys.path (run as a script)
from career_kb.resolve import clear_cache, resolve_occupation  # noqa: E402 - after the repository root joins sys.path (run as a script)

LABELED = REPO / "tests" / "data" / "resolve_labeled.tsv"


def load_labeled(path: Path = LABELED) -> list[tuple[str, set[str]]]:
    """(text, acceptable codes) pairs from the labeled TSV (``#`` lines are comments)."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, codes = line.split("\t")
        pairs.append((text, set(codes.split("|"))))
    return pairs


def percentile(sorted_values: list[float], q: float) -> float:
    """The ``q`` (0..100) percentile by nearest rank."""
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, int(round(q / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def run(url: str, repeat: int, show_misses: bool) -> int:
    """Benchmark against the KB at ``url``; returns the process exit status."""
    engine = make_engine(url)
    pairs = load_labeled()
    with session_factory(engine)() as session:
        n_occ = session.execute(select(func.count()).select_from(m.Occupation)).scalar_one()
        if not n_occ:
            print(f"error: no occupations in {engine.url!r}; build the KB first", file=sys.stderr)
            return 2
        clear_cache()
        t0 = time.perf_counter()
        resolve_occupation(session, "warm up")
        build_ms = (time.perf_counter() - t0) * 1000
        hits = 0
        statuses: dict[str, int] = {}
        misses = []
        for text, codes in pairs:  # warm-up pass, also the accuracy pass
            res = resolve_occupation(session, text)
            statuses[res.status] = statuses.get(res.status, 0) + 1
            if res.candidates and res.candidates[0].onet_code in codes:
                hits += 1
            else:
                misses.append((text, codes, res))
        times = []
        for _ in range(repeat):
            for text, _codes in pairs:
                t = time.perf_counter()
                resolve_occupation(session, text)
                times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(f"database: {engine.dialect.name} ({n_occ} occupations)")
    print(f"index build (first call): {build_ms:.0f} ms")
    print(f"labeled phrasings: {len(pairs)}, timed calls: {len(times)} ({repeat} passes after warm-up)")
    print(
        f"latency ms: p50 {percentile(times, 50):.3f}  p95 {percentile(times, 95):.3f}  "
        f"p99 {percentile(times, 99):.3f}  mean {statistics.fmean(times):.3f}  max {times[-1]:.3f}"
    )
    print(f"top-1 accuracy: {hits}/{len(pairs)} = {100.0 * hits / len(pairs):.1f}%")
    print("statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    if show_misses:
        for text, codes, res in misses:
            got = ", ".join(f"{c.onet_code} {c.title} ({c.score:.2f})" for c in res.candidates[:3])
            print(f"  MISS {text!r}: want {'|'.join(sorted(codes))}; got [{res.status}] {got}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=10, help="timed passes over the labeled set (default 10)")
    parser.add_argument("--url", default=None, help="database URL (default: DATABASE_URL or the embedded SQLite file)")
    parser.add_argument("--show-misses", action="store_true", help="list the phrasings whose top candidate is wrong")
    args = parser.parse_args(argv)
    try:
        return run(args.url or settings.get().database_url, max(1, args.repeat), args.show_misses)
    except Exception as exc:  # noqa: BLE001 - any failure is reported as an error, not a slow or inaccurate result
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
