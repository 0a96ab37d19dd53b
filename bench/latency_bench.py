"""Per-message latency over the REST channel: this assistant vs Rasa's own ``rasa init`` bot.

One run, same machine, loopback only:

1. make sure this assistant's model is trained (``bot.train``: a no-op when up to date);
2. create Rasa's init bot in a temporary directory (``rasa init --no-prompt --init-dir DIR``,
   which trains it) unless ``--init-dir`` points at one that already has a model;
3. start the init bot (``rasa run``) and this assistant (action server + ``rasa run``) on free ports;
4. send a fixed list of student messages to ``POST /webhooks/rest/webhook``: one conversation
   sequentially (``--rounds`` times), then ``--concurrency`` (8) conversations at once;
5. print p50/p95 per bot side by side, the ratio assistant-p95 / init-p95 (target <= 1.3),
   start-up times and memory; stop everything.

Run: ``python bench/latency_bench.py`` (or ``make bench-latency``). Request counts are bounded:
per bot ``rounds * len(MESSAGES)`` sequential + ``2 * concurrency * len(MESSAGES)`` concurrent,
after two warm-up messages per conversation slot that are not measured. The two bots are measured
interleaved so that background load on a shared machine affects both alike.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from bot import run as runner  # noqa: E402 - after the repository root joins sys.path (run as a script)
from bot.train import subprocess_env, train  # noqa: E402 - after the repository root joins sys.path (run as a script)

#: What students send, in one conversation (same list for both bots).
MESSAGES = [
    "hi",
    "what does a nurse do?",
    "how much do electricians make",
    "what else is like that?",
    "i like biology and helping people",
    "what is an apprenticeship",
    "any internships near me",
    "how do i become a welder",
    "tell me a joke",
    "what should i do next",
    "thanks",
    "bye",
]

TARGET_RATIO = 1.3

#: Rounds of the concurrent scenario (each: ``--concurrency`` conversations at once, per bot).
CONCURRENT_ROUNDS = 2


@dataclass
class Samples:
    """Latencies (seconds) of one bot in one scenario."""

    values: list[float] = field(default_factory=list)
    errors: int = 0
    by_message: dict[str, list[float]] = field(default_factory=dict)

    def pct(self, q: float) -> float:
        """Nearest-rank percentile ``q`` (0-100), in milliseconds."""
        if not self.values:
            return float("nan")
        ordered = sorted(self.values)
        rank = max(1, math.ceil(q / 100 * len(ordered)))
        return ordered[rank - 1] * 1000


async def _send(session: aiohttp.ClientSession, url: str, sender: str, text: str, samples: Samples | None) -> None:
    started = time.perf_counter()
    try:
        async with session.post(url, json={"sender": sender, "message": text}) as resp:
            await resp.read()
            ok = resp.status == 200
    except (aiohttp.ClientError, asyncio.TimeoutError):
        ok = False
    elapsed = time.perf_counter() - started
    if samples is not None:
        if ok:
            samples.values.append(elapsed)
            samples.by_message.setdefault(text, []).append(elapsed)
        else:
            samples.errors += 1


async def _conversation(session, url, sender, samples: Samples) -> None:
    for text in MESSAGES:
        await _send(session, url, sender, text, samples)


async def measure(
    urls: dict[str, str], rounds: int, concurrency: int, concurrent_rounds: int = 2
) -> dict[str, tuple[Samples, Samples]]:
    """Sequential and concurrent latencies for each bot (``{name: base_url}``).

    The bots are measured interleaved (message by message in the sequential scenario, round by
    round in the concurrent one), so background load on a shared machine hits both alike.
    """
    timeout = aiohttp.ClientTimeout(total=120)
    connector = aiohttp.TCPConnector(limit=concurrency * 2)
    results = {name: (Samples(), Samples()) for name in urls}
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        tag = uuid.uuid4().hex[:8]
        hooks = {name: f"{base}/webhooks/rest/webhook" for name, base in urls.items()}
        # warm-up (not measured): the first predictions build TensorFlow graphs, first KB lookups
        for url in hooks.values():
            for i in range(concurrency):
                await _send(session, url, f"bench-warm-{tag}-{i}", "hello", None)
                await _send(session, url, f"bench-warm-{tag}-{i}", "what does a nurse do?", None)
        for r in range(rounds):
            for text in MESSAGES:
                for name, url in hooks.items():
                    await _send(session, url, f"bench-seq-{tag}-{r}", text, results[name][0])
        for r in range(concurrent_rounds):
            for name, url in hooks.items():
                await asyncio.gather(
                    *(
                        _conversation(session, url, f"bench-conc-{tag}-{r}-{i}", results[name][1])
                        for i in range(concurrency)
                    )
                )
    return results


def _median_ms(values: list[float]) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    mid = len(ordered) // 2
    return 1000 * (ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2)


def create_init_bot(directory: Path, log: Path) -> float:
    """``rasa init --no-prompt --init-dir directory`` (creates and trains it); seconds taken."""
    directory.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with open(log, "ab") as out:
        subprocess.run(
            [sys.executable, "-m", "rasa", "init", "--no-prompt", "--init-dir", str(directory)],
            cwd=directory,
            env=subprocess_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
            check=True,
        )
    return time.perf_counter() - started


def start_init_bot(directory: Path, port: int, token: str, log: Path) -> runner.Server:
    """Serve the init bot's model on ``127.0.0.1:port`` (its own default endpoints and credentials)."""
    cmd = [
        sys.executable,
        "-m",
        "rasa",
        "run",
        "--model",
        str(directory / "models"),
        "--enable-api",
        "--auth-token",
        token,
        "--port",
        str(port),
        "--interface",
        "127.0.0.1",
        "--credentials",
        str(directory / "credentials.yml"),
        "--endpoints",
        str(directory / "endpoints.yml"),
    ]
    health = f"http://127.0.0.1:{port}/status?token={token}"
    return runner.start_server("init bot", cmd, health, directory, subprocess_env(), log)


def widget_channel_state(url: str) -> str:
    """Whether the assistant under test also runs the web widget's socket.io channel (credentials.yml)."""
    import urllib.request

    try:
        with urllib.request.urlopen(f"{url}/webhooks/widget/", timeout=10) as reply:
            return f"on ({url}/webhooks/widget/ answered {reply.status})"
    except OSError as exc:
        return f"off ({type(exc).__name__})"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="sequential passes over the messages (5)")
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent conversations (8)")
    parser.add_argument("--init-dir", type=Path, help="reuse (or create) Rasa's init bot here instead of a temp dir")
    parser.add_argument("--timeout", type=float, default=600, help="seconds to wait for servers to be healthy")
    parser.add_argument(
        "--tracker",
        choices=("endpoints", "memory"),
        default="endpoints",
        help="this assistant's tracker store: as endpoints.yml (SQLite) or in memory like the init bot",
    )
    args = parser.parse_args(argv)
    os.environ["RATE_LIMIT_PER_MINUTE"] = "0"  # latency, not the per-sender limiter (docs/security.md)
    args.rounds = max(1, min(args.rounds, 10))
    args.concurrency = max(1, min(args.concurrency, 16))

    print("checking this assistant's model (bot.train)...", flush=True)
    result = train()
    print(f"  {'trained' if result.trained else 'up to date'}: {result.model}", flush=True)

    work = Path(tempfile.mkdtemp(prefix="latency-bench-"))
    init_dir = args.init_dir or (work / "init_bot")
    init_seconds = None
    servers: list[runner.Server] = []
    assistant = None
    try:
        if not list((init_dir / "models").glob("*.tar.gz")):
            print(f"creating and training Rasa's init bot in {init_dir} ...", flush=True)
            init_seconds = create_init_bot(init_dir, work / "rasa_init.log")
            print(f"  rasa init (incl. training) took {init_seconds:.1f}s", flush=True)

        token = uuid.uuid4().hex
        init_server = start_init_bot(init_dir, runner.free_port(), token, work / "init_bot.log")
        servers.append(init_server)
        settings = runner.Settings(
            rasa_port=runner.free_port(),
            rasa_interface="127.0.0.1",
            action_port=runner.free_port(),
            action_host="127.0.0.1",
            auth_token=token,
            model=result.model,
            var_dir=work / "var",
            tracker_db=work / "var" / "tracker.db",
            tracker_store=args.tracker,
            start_timeout=args.timeout,
        )
        assistant = runner.Assistant(settings, log_dir=work / "assistant_logs")
        print("starting both bots...", flush=True)
        assistant.start(wait=False)
        runner.wait_healthy([init_server, *assistant.servers], args.timeout)
        assistant.wait()
        init_url = str(init_server.health_url).split("/status")[0]
        print(f"this assistant's web widget channel: {widget_channel_state(assistant.rasa_url)}", flush=True)

        print("measuring both bots (interleaved) ...", flush=True)
        rows = asyncio.run(
            measure(
                {"rasa init bot": init_url, "this assistant": assistant.rasa_url},
                args.rounds,
                args.concurrency,
                CONCURRENT_ROUNDS,
            )
        )

        rss_init = runner.rss_mb(init_server.process.pid)
        rss_ours = assistant.rss_mb()
        n_seq = args.rounds * len(MESSAGES)
        n_conc = CONCURRENT_ROUNDS * args.concurrency * len(MESSAGES)
        print()
        print(
            f"REST latency, ms ({len(MESSAGES)} messages; sequential: 1 conversation x {args.rounds} "
            f"= {n_seq} requests; concurrent: {args.concurrency} conversations x {CONCURRENT_ROUNDS} rounds "
            f"= {n_conc} requests; per bot)"
        )
        print(f"{'bot':<16} {'seq p50':>9} {'seq p95':>9} {'conc p50':>9} {'conc p95':>9} {'errors':>7}")
        for name, (seq, conc) in rows.items():
            print(
                f"{name:<16} {seq.pct(50):9.1f} {seq.pct(95):9.1f} {conc.pct(50):9.1f} {conc.pct(95):9.1f} "
                f"{seq.errors + conc.errors:7d}"
            )
        (i_seq, i_conc), (a_seq, a_conc) = rows["rasa init bot"], rows["this assistant"]
        ratio_seq = a_seq.pct(95) / i_seq.pct(95)
        ratio_conc = a_conc.pct(95) / i_conc.pct(95)
        print()
        print(
            f"ratio assistant p95 / init p95: sequential {ratio_seq:.2f}, concurrent {ratio_conc:.2f} "
            f"(target <= {TARGET_RATIO})"
        )
        ours = max(s.ready_seconds or 0 for s in assistant.servers)
        print(
            f"start-up to healthy: init bot {init_server.ready_seconds or 0:.1f}s; this assistant "
            f"{ours:.1f}s (both started at the same time, sharing the CPU; tracker store: {args.tracker})"
        )
        print(f"memory (RSS): init bot {rss_init:.0f} MB; " + "; ".join(f"{k} {v:.0f} MB" for k, v in rss_ours.items()))
        if init_seconds is not None:
            print(f"rasa init incl. training: {init_seconds:.1f}s")
        print()
        print("sequential median per message, ms (init bot / this assistant):")
        for text in MESSAGES:
            i_med = _median_ms(i_seq.by_message.get(text, []))
            a_med = _median_ms(a_seq.by_message.get(text, []))
            print(f"  {text[:40]:<40} {i_med:7.1f} {a_med:7.1f}")
        ok = max(ratio_seq, ratio_conc) <= TARGET_RATIO
        print("RESULT:", "within target" if ok else "ABOVE target")
        return 0
    finally:
        if assistant is not None:
            assistant.stop()
        for server in servers:
            runner.stop_server(server)
        if args.init_dir is None:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"logs kept in {work}")


if __name__ == "__main__":
    sys.exit(main())
