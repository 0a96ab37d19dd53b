"""``make eval-dialogue``: ask the trained assistant about job titles it never saw, end to end.

``python -m bot.eval_dialogue [--limit N] [--report FILE] [--failures N]``

Loads the trained model (``RASA_MODEL``) in-process as a Rasa ``Agent`` with an in-memory tracker
store, starts the real action server (``python -m rasa_sdk --actions actions``) on a free port, and
sends each case of :mod:`bot.eval_cases` in a new conversation. Each reply is classified from the
turn's tracker events (right occupation / a choice including it / wrong occupation / FAQ /
fallback / other). Prints the figures per question form and overall, then the free-form set's
(``tests/eval/freeform/*.yml``; skipped while there is none). Exits 1 below a floor:

* held-out titles: right + choice ≥ :data:`MIN_RIGHT`, fallback ≤ :data:`MAX_FALLBACK`, FAQ ≤ :data:`MAX_FAQ`;
* free-form set: passed ≥ :data:`MIN_FREEFORM`.

The KB is ``DATABASE_URL`` (or the embedded one); "near me" cases set the ZIP slot beforehand, so
no student profile is written.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from bot import eval_cases as ec
from bot.run import free_port, start_action_server, stop_server, wait_healthy
from bot.run import settings_from_env as server_settings
from bot.train import RASA_ENV, model_path
from career_kb.settings import REPO_ROOT

MIN_RIGHT = 0.97
MAX_FALLBACK = 0.01
MAX_FAQ = 0.01
MIN_FREEFORM = 0.92
FREEFORM_DIR = REPO_ROOT / "tests" / "eval" / "freeform"
#: Conversations in flight at once (the action server and the agent overlap their waits).
CONCURRENCY = 4

Result = tuple[ec.Case, ec.Turn, str]


async def _ask(agent, case: ec.Case) -> ec.Turn:
    from rasa.shared.core.events import SlotSet

    sender = f"eval-{uuid.uuid4().hex}"
    if case.slots:
        tracker = await agent.processor.fetch_tracker_and_update_session(sender)
        for name, value in case.slots.items():
            tracker.update(SlotSet(name, value))
        await agent.tracker_store.save(tracker)
    await agent.handle_text(case.text, sender_id=sender)
    tracker = await agent.tracker_store.retrieve(sender)
    return ec.turn_from_events(tracker.current_state(event_verbosity=_all_events())["events"])


def _all_events():
    from rasa.shared.core.trackers import EventVerbosity

    return EventVerbosity.ALL


async def run_cases(agent, cases: Sequence[ec.Case], concurrency: int = CONCURRENCY) -> list[ec.Turn]:
    """Send every case in its own conversation; the turns in case order."""
    gate = asyncio.Semaphore(concurrency)

    async def one(case: ec.Case) -> ec.Turn:
        async with gate:
            return await _ask(agent, case)

    return list(await asyncio.gather(*(one(c) for c in cases)))


def load_agent(model: Path, action_url: str, action_token: str = ""):
    """The trained model as an in-process Agent calling the action server at ``action_url`` (with its
    shared token, which the action server requires: bot/security/action_auth.py)."""
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.endpoints import EndpointConfig
    from rasa.utils.log_utils import configure_structlog

    from bot.rasa_server import install_cached_action_validation

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)
    install_cached_action_validation()
    from bot.security.action_auth import ACTION_TOKEN_HEADER

    headers = {ACTION_TOKEN_HEADER: action_token} if action_token else {}
    return Agent.load(str(model), action_endpoint=EndpointConfig(url=action_url, headers=headers))


def heldout_cases(limit: int | None = None) -> list[ec.Case]:
    """The held-out-title cases for the current KB (the first ``limit`` titles only, when given)."""
    from career_kb.db import session_scope
    from career_kb.title_split import make_split

    with session_scope() as session:
        titles = make_split(session).heldout
    return ec.title_cases(titles[:limit] if limit else titles)


def _pct(n: int, total: int) -> str:
    return f"{100.0 * n / total:5.1f}%" if total else "    -"


def report_titles(rows: list[Result]) -> tuple[str, bool]:
    """The per-form table and overall figures; and whether the floors hold."""
    by_form: dict[str, Counter] = defaultdict(Counter)
    for case, _turn, kind in rows:
        by_form[case.form][kind] += 1
    lines = [f"{'form':<14}{'n':>6}" + "".join(f"{k:>9}" for k in ec.KINDS)]
    total: Counter = Counter()
    for form in ec.FORMS:
        counts = by_form.get(form, Counter())
        n = sum(counts.values())
        total.update(counts)
        lines.append(f"{form:<14}{n:>6}" + "".join(f"{_pct(counts[k], n):>9}" for k in ec.KINDS))
    n = sum(total.values())
    lines.append(f"{'all':<14}{n:>6}" + "".join(f"{_pct(total[k], n):>9}" for k in ec.KINDS))
    good = (total["right"] + total["choice"]) / n if n else 0.0
    fallback, faq = (total["fallback"] / n, total["faq"] / n) if n else (1.0, 1.0)
    ok = n > 0 and good >= MIN_RIGHT and fallback <= MAX_FALLBACK and faq <= MAX_FAQ
    titles = len({c.onet_code for c, _t, _k in rows})
    lines.append(
        f"held-out titles: {titles} titles, {n} messages, {len({c.form for c, _t, _k in rows})} forms: "
        f"right or choice {100 * good:.1f}% (floor {100 * MIN_RIGHT:.0f}%), fallback {100 * fallback:.1f}% "
        f"(max {100 * MAX_FALLBACK:.0f}%), FAQ {100 * faq:.1f}% (max {100 * MAX_FAQ:.0f}%): {'PASS' if ok else 'FAIL'}"
    )
    return "\n".join(lines), ok


def report_freeform(rows: list[tuple[ec.Case, ec.Turn, bool]]) -> tuple[str, bool]:
    """The free-form set's figures; and whether the floor holds (no set: skipped, holds)."""
    if not rows:
        return f"free-form set: no files in {FREEFORM_DIR.relative_to(REPO_ROOT)}/, skipped", True
    passed = sum(1 for _c, _t, ok in rows if ok)
    rate = passed / len(rows)
    ok = rate >= MIN_FREEFORM
    return (
        f"free-form set: {passed}/{len(rows)} right ({100 * rate:.1f}%, floor {100 * MIN_FREEFORM:.0f}%): "
        f"{'PASS' if ok else 'FAIL'}",
        ok,
    )


def _failures(rows: list[Result], count: int) -> str:
    bad = [(c, t, k) for c, t, k in rows if k not in ("right", "choice")][:count]
    return "\n".join(f"  {k:<8} {c.form:<14} {c.text!r} -> {t.intent} {t.occupation_slot or ''}" for c, t, k in bad)


async def evaluate(agent, cases: list[ec.Case], freeform: list[ec.Case], args) -> int:
    """Run both sets, print the figures, return the exit code."""
    started = time.perf_counter()
    turns = await run_cases(agent, cases)
    rows = [(c, t, ec.classify(t, c.onet_code)) for c, t in zip(cases, turns, strict=True)]
    text, ok = report_titles(rows)
    print(text, flush=True)
    if args.failures:
        print(_failures(rows, args.failures))
    free_turns = await run_cases(agent, freeform)
    free_rows = [(c, t, ec.freeform_passed(c, t)) for c, t in zip(freeform, free_turns, strict=True)]
    free_text, free_ok = report_freeform(free_rows)
    print(free_text)
    if args.report:
        Path(args.report).write_text(ec.as_json(rows), encoding="utf-8")
    print(f"{len(cases) + len(freeform)} messages in {time.perf_counter() - started:.0f}s")
    return 0 if ok and free_ok else 1


def main(argv: list[str] | None = None) -> int:
    """Command line (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m bot.eval_dialogue", description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N held-out titles (a quick look; no floor)")
    parser.add_argument("--report", help="write every result as JSON lines to this file")
    parser.add_argument("--failures", type=int, default=0, help="print up to N misses")
    parser.add_argument(
        "--freeform", type=Path, default=FREEFORM_DIR, help="directory of free-form sets (default: tests/eval/freeform)"
    )
    args = parser.parse_args(argv)
    for key, value in RASA_ENV.items():
        os.environ.setdefault(key, value)
    model = model_path()
    if not model.is_file():
        print(f"no trained model at {model}: run `make train`", file=sys.stderr)
        return 2
    cases = heldout_cases(args.limit)
    freeform = ec.load_freeform(args.freeform)
    settings = server_settings()
    settings.action_port = free_port()
    settings.action_url = f"http://127.0.0.1:{settings.action_port}/webhook"
    server = start_action_server(settings, settings.var_dir / "eval_action_server.log")
    try:
        wait_healthy([server], settings.start_timeout)
        agent = load_agent(model, settings.action_url, settings.action_token)
        code = asyncio.run(evaluate(agent, cases, freeform, args))
    finally:
        stop_server(server)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
