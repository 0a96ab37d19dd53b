"""Run the assistant: ``python -m bot.run`` (what ``make run`` calls).

1. Build the knowledge base if needed and train the model if its inputs changed (:mod:`bot.train`).
2. Start the action server (``python -m rasa_sdk --actions actions``, the same server as
   ``rasa run actions`` without loading all of Rasa) and the Rasa server (``rasa run --enable-api
   --auth-token ... --cors ... --credentials credentials.yml --endpoints var/endpoints.run.yml``).
3. Wait until both answer their health checks, print where to talk to the assistant, restart
   either one when it dies (:mod:`bot.supervise`), and stop both cleanly on Ctrl-C / SIGTERM.

The ports, addresses, token, model and tracker store come from :mod:`career_kb.settings` (the
README's configuration table lists the environment variables).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import yaml

from bot.runtime_credentials import chat_channel_lines, write_runtime_credentials
from bot.security.action_auth import ACTION_TOKEN_FILE, ACTION_TOKEN_HEADER
from bot.train import model_path, subprocess_env
from career_kb import private_files
from career_kb import settings as app_settings
from career_kb.settings import REPO_ROOT

# ---------------------------------------------------------------------------------- settings


@dataclass
class Settings:
    """Everything needed to start the two servers."""

    rasa_port: int = 5005
    rasa_interface: str = "0.0.0.0"
    action_port: int = 5055
    action_host: str = "127.0.0.1"
    action_url: str = ""
    auth_token: str = ""
    action_token: str = ""  # the action server's shared secret ("" → generated into var_dir at start)
    cors: list[str] = field(default_factory=lambda: ["*"])
    model: Path = field(default_factory=model_path)
    credentials: Path = REPO_ROOT / "credentials.yml"
    endpoints: Path = REPO_ROOT / "endpoints.yml"
    var_dir: Path = REPO_ROOT / "var"
    tracker_db: Path | None = None
    tracker_store: str = "endpoints"  # "endpoints": as endpoints.yml says; "memory": in-memory (not kept)
    start_timeout: float = 300.0
    root: Path = REPO_ROOT
    env: dict[str, str] = field(default_factory=dict)  # extra environment for the processes (tests)

    def __post_init__(self) -> None:
        if not self.action_url:
            self.action_url = f"http://localhost:{self.action_port}/webhook"

    @property
    def rasa_url(self) -> str:
        """Base URL of the Rasa server, as seen from this machine."""
        return f"http://localhost:{self.rasa_port}"


def settings_from_env(env: dict[str, str] | None = None) -> Settings:
    """Server settings from :mod:`career_kb.settings` (or from ``env``, a mapping of variables)."""
    conf = app_settings.get() if env is None else app_settings.from_env(env)
    return Settings(
        rasa_port=conf.rasa_port,
        rasa_interface=conf.rasa_interface,
        action_port=conf.action_port,
        action_host=conf.action_host,
        action_url=conf.action_endpoint_url,
        auth_token=conf.rasa_auth_token or auth_token_from_file(conf.var_dir),
        action_token=conf.action_server_token or private_files.secret(conf.var_dir, ACTION_TOKEN_FILE),
        cors=list(conf.rasa_cors),
        model=conf.rasa_model,
        var_dir=conf.var_dir,
        tracker_db=conf.rasa_tracker_db,
        tracker_store=conf.rasa_tracker_store,
        start_timeout=conf.rasa_start_timeout,
    )


def auth_token_from_file(var_dir: Path) -> str:
    """The HTTP API token kept in ``var/rasa_auth_token``, generated (mode 600) the first time."""
    return private_files.secret(var_dir, "rasa_auth_token")


def write_runtime_endpoints(settings: Settings) -> Path:
    """Write ``var/endpoints.run.yml``: endpoints.yml with the action URL and SQLite path filled in.

    For a PostgreSQL tracker store, check first that its host answers (Rasa would retry forever).
    """
    data = yaml.safe_load(settings.endpoints.read_text(encoding="utf-8")) or {}
    data["action_endpoint"] = {**(data.get("action_endpoint") or {}), "url": settings.action_url}
    if settings.action_token:  # every action call carries the action server's shared secret
        headers = data["action_endpoint"].get("headers") or {}
        data["action_endpoint"]["headers"] = {**headers, ACTION_TOKEN_HEADER: settings.action_token}
    store = data.get("tracker_store") or {}
    if settings.tracker_store == "memory":
        data.pop("tracker_store", None)  # Rasa's default: in memory, gone when the server stops
        store = {}
    if str(store.get("type", "")).upper() == "SQL":
        dialect = str(store.get("dialect", "sqlite"))
        if dialect.startswith("sqlite"):
            db = settings.tracker_db or Path(store.get("db") or "var/tracker.db")
            if not db.is_absolute():
                db = settings.root / db
            db.parent.mkdir(parents=True, exist_ok=True)
            prepare_sqlite_tracker_db(db)
            store["db"] = str(db)
        else:
            check_tcp(str(store.get("url") or "localhost"), int(store.get("port") or 5432), "tracker store database")
        data["tracker_store"] = store
    out = private_files.private_dir(settings.var_dir) / "endpoints.run.yml"
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, private_files.FILE_MODE)  # it holds a secret
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(
            "# Generated by `python -m bot.run` from endpoints.yml; edit endpoints.yml instead.\n"
            + yaml.safe_dump(data, sort_keys=False)
        )
    return out


def prepare_sqlite_tracker_db(path: Path) -> None:
    """Create the SQLite tracker file in WAL mode (kept in the file), so each saved turn is one
    append + fsync instead of a rollback journal, and readers never wait for a writer."""
    import sqlite3

    conn = sqlite3.connect(path, timeout=30)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()


def check_tcp(host: str, port: int, what: str, timeout: float = 3.0) -> None:
    """Raise ``RuntimeError`` unless ``host:port`` accepts a TCP connection."""
    if "://" in host or "$" in host:  # a full URL or an unexpanded variable: leave it to Rasa
        return
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return
    except OSError as exc:
        raise RuntimeError(f"cannot reach the {what} at {host}:{port} ({exc}); Rasa would retry forever") from exc


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """True when nothing listens on ``host:port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) != 0


def free_port() -> int:
    """A TCP port that is free on the loopback interface right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --------------------------------------------------------------------------------- processes


@dataclass
class Server:
    """A server subprocess we started (in its own process group) and how to check its health."""

    name: str
    process: subprocess.Popen
    health_url: str | None  # None: healthy while it runs (the alert worker has no HTTP)
    log_path: Path | None = None
    started_at: float = field(default_factory=time.perf_counter)
    ready_seconds: float | None = None

    def alive(self) -> bool:
        """True while the process runs."""
        return self.process.poll() is None

    def log_tail(self, lines: int = 30) -> str:
        """The end of the server's log file, when it logs to a file."""
        if not self.log_path or not self.log_path.is_file():
            return ""
        return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def start_server(
    name: str, cmd: Sequence[str], health_url: str | None, cwd: Path, env: dict[str, str], log_path: Path | None = None
) -> Server:
    """Start ``cmd`` in a new session (so it and its workers can be stopped together)."""
    out: IO[bytes] | None = None
    if log_path is not None:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        out = os.fdopen(os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, private_files.FILE_MODE), "ab")
    try:
        proc = subprocess.Popen(
            list(cmd),
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT if out else None,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    finally:
        if out is not None:
            out.close()
    return Server(name, proc, health_url, log_path)


def start_action_server(settings: Settings, log_path: Path | None = None) -> Server:
    """Start the rasa-sdk action server serving the ``actions`` package."""
    cmd = [sys.executable, "-m", "bot.action_server", "--actions", "actions", "--port", str(settings.action_port)]
    env = subprocess_env(
        {**settings.env, "ACTION_HOST": settings.action_host, "ACTION_SERVER_TOKEN": settings.action_token}
    )
    health = f"http://127.0.0.1:{settings.action_port}/health"
    return start_server("action server", cmd, health, settings.root, env, log_path)


def start_alert_worker(settings: Settings, log_path: Path | None = None) -> Server:
    """Start the safety alert worker (``python -m career_kb.alerts``): sends queued counselor alerts."""
    cmd = [sys.executable, "-m", "career_kb.alerts"]
    return start_server("alert worker", cmd, None, settings.root, subprocess_env(settings.env), log_path)


def start_rasa_server(
    settings: Settings, endpoints: Path, log_path: Path | None = None, credentials: Path | None = None
) -> Server:
    """Start ``rasa run`` (through :mod:`bot.rasa_server`) with the HTTP API enabled and protected by the auth token.

    The token goes in the environment (``RASA_AUTH_TOKEN``), never on the command line, where any
    local user could read it from ``/proc``; :mod:`bot.rasa_server` hands it to Rasa.
    """
    cmd = [
        sys.executable,
        "-m",
        "bot.rasa_server",
        "run",  # `rasa run` plus bot.rasa_server's runtime fixes
        "--model",
        str(settings.model),
        "--enable-api",
        "--cors",
        *settings.cors,
        "--credentials",
        str(credentials or settings.credentials),
        "--endpoints",
        str(endpoints),
        "--port",
        str(settings.rasa_port),
        "--interface",
        settings.rasa_interface,
    ]
    health = f"http://127.0.0.1:{settings.rasa_port}/status?token={settings.auth_token}"
    env = subprocess_env({**settings.env, "RASA_AUTH_TOKEN": settings.auth_token})
    return start_server("Rasa server", cmd, health, settings.root, env, log_path)


def start_dashboard(conf: app_settings.Settings, log_path: Path | None = None) -> Server:
    """Start the counselor dashboard (``python -m dashboard``) on ``DASHBOARD_HOST:DASHBOARD_PORT``."""
    if not port_is_free(conf.dashboard_port):
        raise RuntimeError(f"port {conf.dashboard_port} is already in use; set DASHBOARD_PORT to another port")
    cmd = [sys.executable, "-m", "dashboard"]
    health = f"http://127.0.0.1:{conf.dashboard_port}/health"
    return start_server("counselor dashboard", cmd, health, REPO_ROOT, subprocess_env(), log_path)


def http_ok(url: str, timeout: float = 2.0) -> bool:
    """True when GET ``url`` answers 200."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:  # a loopback URL
            return resp.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def wait_healthy(servers: Sequence[Server], timeout: float, stop: threading.Event | None = None) -> None:
    """Wait until every server answers its health check; raise if one dies or time runs out."""
    deadline = time.monotonic() + timeout
    pending = list(servers)
    while pending:
        for server in list(pending):
            if not server.alive():
                tail = server.log_tail()
                raise RuntimeError(
                    f"{server.name} exited with code {server.process.returncode}"
                    + (f"; last log lines:\n{tail}" if tail else "")
                )
            if server.health_url is None or http_ok(server.health_url):
                server.ready_seconds = time.perf_counter() - server.started_at
                pending.remove(server)
        if not pending:
            return
        if stop is not None and stop.is_set():
            raise KeyboardInterrupt
        if time.monotonic() > deadline:
            names = ", ".join(s.name for s in pending)
            raise TimeoutError(f"{names} not healthy after {timeout:.0f}s")
        time.sleep(0.5)


def stop_server(server: Server, timeout: float = 20.0) -> int | None:
    """Stop a server we started: SIGTERM to its process group, SIGKILL after ``timeout``."""
    proc = server.process
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=5)
    return proc.returncode


def rss_mb(pid: int) -> float:
    """Resident memory (MB) of ``pid`` and its child processes, from /proc (0 if unavailable)."""
    total_kb = 0
    pids = [pid]
    seen: set[int] = set()
    while pids:
        p = pids.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
            pids.extend(int(c) for c in children)
        except (OSError, ValueError):
            continue
    return total_kb / 1024


class Assistant:
    """The action server + Rasa server pair, started and stopped together.

    >>> with Assistant(settings, log_dir=Path("/tmp/logs")) as bot:   # doctest: +SKIP
    ...     bot.rasa_url
    """

    def __init__(self, settings: Settings, log_dir: Path | None = None) -> None:
        """Prepare (nothing starts until :meth:`start`)."""
        self.settings = settings
        self.log_dir = log_dir
        self.servers: list[Server] = []
        self.channels_off: dict[str, list[str]] = {}  # chat channels left out: {section: [unset variables]}
        self.start_seconds: float | None = None
        self._started = time.perf_counter()

    @property
    def rasa_url(self) -> str:
        """Base URL of the Rasa server."""
        return self.settings.rasa_url

    def start(self, stop: threading.Event | None = None, wait: bool = True) -> Assistant:
        """Start both servers and (unless ``wait`` is false) wait until they are healthy.

        On failure both are stopped. With ``wait=False`` call :meth:`wait` later.
        """
        s = self.settings
        if not s.model.is_file():
            raise FileNotFoundError(f"no trained model at {s.model}; run `python -m bot.train`")
        for port, what in ((s.rasa_port, "RASA_PORT"), (s.action_port, "ACTION_PORT")):
            if not port_is_free(port):
                raise RuntimeError(f"port {port} is already in use; set {what} to another port")
        if not s.action_token:
            s.action_token = private_files.secret(s.var_dir, ACTION_TOKEN_FILE)
        endpoints = write_runtime_endpoints(s)
        credentials, self.channels_off = write_runtime_credentials(s.credentials, s.var_dir)
        private_files.tighten(s.var_dir)
        started = time.perf_counter()
        log = (lambda name: self.log_dir / name) if self.log_dir else (lambda name: None)
        try:
            self.servers.append(start_action_server(s, log("action_server.log")))
            self.servers.append(start_rasa_server(s, endpoints, log("rasa_server.log"), credentials))
            self.servers.append(start_alert_worker(s, log("alert_worker.log")))
        except BaseException:
            self.stop()
            raise
        self._started = started
        return self.wait(stop) if wait else self

    def wait(self, stop: threading.Event | None = None) -> Assistant:
        """Wait until both servers are healthy; stop both and raise if they do not get there."""
        try:
            wait_healthy(self.servers, self.settings.start_timeout, stop)
        except BaseException:
            self.stop()
            raise
        self.start_seconds = time.perf_counter() - self._started
        return self

    def stop(self) -> None:
        """Stop the alert worker, then the Rasa server (it calls the actions), then the action server."""
        for server in reversed(self.servers):
            stop_server(server)
        self.servers.clear()

    def rss_mb(self) -> dict[str, float]:
        """Resident memory per server, in MB."""
        return {srv.name: rss_mb(srv.process.pid) for srv in self.servers}

    def __enter__(self) -> Assistant:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def banner(
    settings: Settings,
    start_seconds: float,
    channels_off: Mapping[str, list[str]] | None = None,
    dashboard_port: int | None = None,
) -> str:
    """Where to talk to the assistant (the token itself is not printed)."""
    url = settings.rasa_url
    token_hint = (
        "$RASA_AUTH_TOKEN"
        if app_settings.get().rasa_auth_token
        else f"the token in {settings.var_dir / 'rasa_auth_token'}"
    )
    payload = json.dumps({"sender": "student-demo-1", "message": "what does a nurse do?"})
    return "\n".join(
        [
            "",
            f"The career assistant is running (ready in {start_seconds:.1f}s).",
            f"  REST channel:   POST {url}/webhooks/rest/webhook",
            f"      curl -s -X POST {url}/webhooks/rest/webhook -H 'Content-Type: application/json' \\",
            f"           -d '{payload}'",
            f"  Web widget:     {url}/webhooks/widget/demo/   (demo school page; socket.io at {url}/socket.io)",
            f'                  embed: <script src="{url}/webhooks/widget/widget.js" defer></script>',
            *chat_channel_lines(url, channels_off or {}),
            f"  HTTP API:       {url}/status?token=...  (protected by {token_hint})",
            f"  Action server:  {settings.action_url}",
            *(
                [
                    f"  Counselors:     http://localhost:{dashboard_port}/  (first admin: .venv/bin/career-kb staff"
                    " create-admin --district ID --username NAME)"
                ]
                if dashboard_port
                else []
            ),
            "  Terminal chat:  in another terminal, from the repository root:",
            f"                  .venv/bin/rasa shell -p {settings.rasa_port + 1}"
            f" --credentials {settings.var_dir / 'credentials.run.yml'}",
            "                  (uses endpoints.yml and this action server on port 5055; -p only because",
            "                  this Rasa server already uses its port)",
            "Press Ctrl-C to stop the servers.",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """``python -m bot.run [--no-train]``: build/train if needed, serve until Ctrl-C / SIGTERM."""
    parser = argparse.ArgumentParser(prog="python -m bot.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-train", action="store_true", help="serve the existing model without checking it")
    args = parser.parse_args(argv)
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"
    private_files.private_umask()

    if not args.no_train:
        from bot.train import train

        try:
            result = train()
        except subprocess.CalledProcessError as exc:
            print(f"error: rasa train failed (exit {exc.returncode})", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            return 130
        print(
            f"trained {result.model} in {result.seconds:.1f}s"
            if result.trained
            else f"model up to date: {result.model}",
            flush=True,
        )

    stop = threading.Event()

    def _on_signal(signum, _frame):
        stop.set()

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    settings = settings_from_env()
    assistant = Assistant(settings)
    conf = app_settings.get()
    try:
        assistant.start(stop)
        assistant.servers.append(start_dashboard(conf))  # stopped and watched with the other two
        wait_healthy(assistant.servers[-1:], settings.start_timeout, stop)
    except KeyboardInterrupt:
        assistant.stop()
        print("stopped", flush=True)
        return 130
    except (RuntimeError, TimeoutError, FileNotFoundError) as exc:
        assistant.stop()
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(banner(settings, assistant.start_seconds or 0.0, assistant.channels_off, conf.dashboard_port), flush=True)
    from bot.supervise import supervise

    try:
        code = supervise(assistant, stop)  # restarts a server that dies (with back-off); see bot/supervise.py
    finally:
        print("stopping the servers...", flush=True)
        assistant.stop()
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
