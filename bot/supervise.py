"""``make run``'s supervisor: a server that dies is restarted with back-off; the other keeps running.

:func:`supervise` watches the action server and the Rasa server that :class:`bot.run.Assistant`
started. When one exits (a crash, ``kill -9``, out of memory) it is started again with the same
files and port after a delay that doubles on each consecutive failure (1 s, 2 s, 4 s … at most
:data:`MAX_DELAY`) and goes back to 1 s once the server has stayed up for :data:`STABLE_SECONDS`.
The other server is not touched: while the action server is down the Rasa server still answers
(the REST edge turns an empty answer into a friendly "one moment"), and a restarted Rasa server
finds the running action server. It also runs retention (:mod:`career_kb.retention`) when it starts
and once a day. Ctrl-C / SIGTERM stop both.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml

from bot import run
from career_kb import retention
from career_kb import settings as app_settings

#: First delay before a restart, in seconds; doubled on each consecutive failure.
FIRST_DELAY = 1.0
#: Longest delay before a restart.
MAX_DELAY = 30.0
#: A server up this long is considered healthy again (its next failure waits FIRST_DELAY).
STABLE_SECONDS = 60.0
#: How often retention runs.
RETENTION_EVERY = 86400.0


@dataclass
class Watch:
    """The restart state of one server."""

    delay: float = FIRST_DELAY
    restart_at: float | None = None
    restarts: int = 0
    up_since: float = field(default_factory=time.monotonic)


def restart_server(assistant: run.Assistant, name: str) -> run.Server:
    """Start server ``name`` again with the files :meth:`bot.run.Assistant.start` wrote; returns it."""
    s = assistant.settings
    log = (lambda f: assistant.log_dir / f) if assistant.log_dir else (lambda f: None)
    index = next(i for i, srv in enumerate(assistant.servers) if srv.name == name)
    old = assistant.servers[index]
    try:
        os.killpg(old.process.pid, signal.SIGKILL)  # whatever is left of its process group
    except (ProcessLookupError, PermissionError):
        pass
    if name == "action server":
        new = run.start_action_server(s, log("action_server.log"))
    elif name == "alert worker":
        new = run.start_alert_worker(s, log("alert_worker.log"))
    elif name == "counselor dashboard":
        new = run.start_dashboard(app_settings.get(), log("dashboard.log"))
    else:
        credentials = s.var_dir / "credentials.run.yml"
        new = run.start_rasa_server(s, s.var_dir / "endpoints.run.yml", log("rasa_server.log"), credentials)
    assistant.servers[index] = new
    return new


def run_retention(assistant: run.Assistant, say: Callable[[str], None]) -> None:
    """Delete conversations idle longer than ``RETENTION_DAYS`` from the SQL tracker store, if there is one."""
    s = assistant.settings
    try:
        data = yaml.safe_load((s.var_dir / "endpoints.run.yml").read_text(encoding="utf-8")) or {}
        url = retention.tracker_url(data.get("tracker_store") or {}, str(s.root))
        if url is None:
            return
        done = retention.purge_idle_conversations(url, app_settings.get().retention_days)
        if done.conversations:
            say(f"retention: deleted {done.conversations} idle conversation(s)")
    except Exception as exc:  # noqa: BLE001 - retention must never stop the assistant
        say(f"retention failed: {type(exc).__name__}")


def supervise(
    assistant: run.Assistant,
    stop: threading.Event,
    say: Callable[[str], None] | None = None,
    poll: float = 0.5,
) -> int:
    """Keep both servers running until ``stop`` is set (see the module docstring); returns 0."""
    say = say or (lambda text: print(text, file=sys.stderr, flush=True))
    watches = {srv.name: Watch() for srv in assistant.servers}
    next_retention = time.monotonic()
    while not stop.wait(poll):
        now = time.monotonic()
        for srv in list(assistant.servers):
            watch = watches[srv.name]
            if srv.alive():
                if now - watch.up_since > STABLE_SECONDS:
                    watch.delay = FIRST_DELAY
                continue
            if watch.restart_at is None:
                watch.restart_at = now + watch.delay
                say(f"error: {srv.name} stopped (exit {srv.process.returncode}); restarting in {watch.delay:.0f}s")
            elif now >= watch.restart_at:
                restart_server(assistant, srv.name)
                watch.restarts += 1
                watch.restart_at = None
                watch.up_since = now
                watch.delay = min(MAX_DELAY, watch.delay * 2)
                say(f"{srv.name} restarted (restart {watch.restarts})")
        if now >= next_retention:
            run_retention(assistant, say)
            next_retention = now + RETENTION_EVERY
    return 0
