"""The running assistant as ``make run`` starts it, for the security suite (issue 10).

``trusted_bot`` (session scope) starts ``python -m bot.run --no-train`` (what ``make run`` runs
after building and training) in its own process group, on free loopback ports, with its own
``var/`` (a copy of the built KB, the tracker database, the generated secrets) and everything both
servers print going to one log file; it waits until both servers answer. It runs in production
mode: ``REST_JWT_SECRET`` is set, so every REST turn carries a signed token naming its sender
(:meth:`TrustedBot.say` signs one). The tests talk to it over
HTTP, read its processes in ``/proc`` and its files, and the fault test kills its servers. It is
stopped (SIGTERM to the supervisor) at the end of the session.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot import run
from bot.security import identity
from bot.train import model_path
from career_kb import settings

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Reply:
    """One HTTP answer: status, parsed JSON (None if not JSON), seconds taken."""

    status: int
    body: object
    seconds: float
    headers: dict

    @property
    def texts(self) -> list[str]:
        """The ``text`` of each reply message (REST channel answers)."""
        return [m.get("text", "") for m in self.body if isinstance(m, dict)] if isinstance(self.body, list) else []


def http(url: str, data: bytes | None = None, headers: dict | None = None, timeout: float = 120) -> Reply:
    """POST ``data`` (or GET) to ``url``; never raises for an HTTP error status."""
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json", **(headers or {})})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            raw, status, hdrs = resp.read(), resp.status, dict(resp.headers)
    except urllib.error.HTTPError as exc:
        raw, status, hdrs = exc.read(), exc.code, dict(exc.headers)
    seconds = time.perf_counter() - started
    try:
        body = json.loads(raw) if raw else None
    except ValueError:
        body = raw
    return Reply(status, body, seconds, hdrs)


@dataclass
class TrustedBot:
    """The supervised assistant and where its state lives."""

    process: subprocess.Popen
    rasa_port: int
    action_port: int
    var_dir: Path
    log_path: Path
    jwt_secret: str

    @property
    def url(self) -> str:
        """Base URL of the Rasa server."""
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def rest(self) -> str:
        """The REST channel's webhook."""
        return f"{self.url}/webhooks/rest/webhook"

    @property
    def action_url(self) -> str:
        """The action server's webhook."""
        return f"http://127.0.0.1:{self.action_port}/webhook"

    @property
    def auth_token(self) -> str:
        """The HTTP API token the supervisor generated into var/."""
        return (self.var_dir / "rasa_auth_token").read_text(encoding="utf-8").strip()

    @property
    def action_token(self) -> str:
        """The action server's shared token generated into var/."""
        return (self.var_dir / "action_server_token").read_text(encoding="utf-8").strip()

    @property
    def kb_url(self) -> str:
        """The KB the actions use."""
        return f"sqlite:///{self.var_dir / 'career_kb.sqlite3'}"

    @property
    def tracker_db(self) -> Path:
        """The SQLite tracker store."""
        return self.var_dir / "tracker.db"

    def say(self, sender: str, message: str, timeout: float = 120) -> Reply:
        """One student turn on the REST channel."""
        body = json.dumps({"sender": sender, "message": message}).encode("utf-8")
        return http(self.rest, body, headers=self.token_for(sender), timeout=timeout)

    def token_for(self, sender: str) -> dict[str, str]:
        """The header a student's client sends in production: a signed token naming ``sender``."""
        return {"Authorization": f"Bearer {identity.sign_sender(sender, self.jwt_secret)}"}

    def log(self) -> str:
        """Everything the supervisor and both servers printed so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def server_pids(self) -> dict[str, int]:
        """The supervisor's child processes by name ("action server", "Rasa server")."""
        pids: dict[str, int] = {}
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                cmdline = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
                if b"bot.action_server" in cmdline:
                    pids["action server"] = int(child)
                elif b"bot.rasa_server" in cmdline:
                    pids["Rasa server"] = int(child)
        return pids

    def wait_ready(self, timeout: float = 600) -> None:
        """Wait until both servers answer their health checks."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"bot.run exited ({self.process.returncode}):\n{self.log()[-3000:]}")
            token_file = self.var_dir / "rasa_auth_token"
            if token_file.exists() and run.http_ok(f"http://127.0.0.1:{self.action_port}/health"):
                if run.http_ok(f"{self.url}/status?token={self.auth_token}"):
                    return
            time.sleep(0.5)
        raise TimeoutError(f"the assistant did not start:\n{self.log()[-3000:]}")


def start_trusted_bot(work: Path) -> TrustedBot:
    """Start ``python -m bot.run --no-train`` in ``work`` (see the module docstring)."""
    var_dir = work / "var"
    var_dir.mkdir(parents=True)
    kb = Path(settings.get().var_dir) / "career_kb.sqlite3"
    shutil.copyfile(kb, var_dir / "career_kb.sqlite3")
    os.chmod(var_dir / "career_kb.sqlite3", 0o644)  # as an older install left it: the supervisor tightens it
    os.chmod(var_dir, 0o755)
    rasa_port, action_port = run.free_port(), run.free_port()
    jwt_secret = secrets.token_urlsafe(32)
    env = dict(os.environ)  # the child's environment (nothing read here); own secrets and stores below
    limits = ("RATE_LIMIT_PER_MINUTE", "MESSAGE_MAX_CHARS", "SENDER_MAX_CHARS")
    for name in ("RASA_AUTH_TOKEN", "ACTION_SERVER_TOKEN", "RASA_TRACKER_STORE", *limits):
        env.pop(name, None)
    env.update(
        CAREER_KB_VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'career_kb.sqlite3'}",
        RASA_TRACKER_DB=str(var_dir / "tracker.db"),
        RASA_PORT=str(rasa_port),
        RASA_INTERFACE="127.0.0.1",
        ACTION_PORT=str(action_port),
        RASA_START_TIMEOUT="600",
        RASA_TELEMETRY_ENABLED="false",
        REST_JWT_SECRET=jwt_secret,
    )
    log_path = work / "run.log"
    with open(log_path, "ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.run", "--no-train"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    bot = TrustedBot(process, rasa_port, action_port, var_dir, log_path, jwt_secret)
    try:
        bot.wait_ready()
    except BaseException:
        stop_trusted_bot(bot)
        raise
    return bot


def stop_trusted_bot(bot: TrustedBot) -> None:
    """SIGTERM the supervisor (it stops both servers); SIGKILL its process group if it hangs."""
    if bot.process.poll() is None:
        bot.process.send_signal(signal.SIGTERM)
        try:
            bot.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(bot.process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


@pytest.fixture(scope="session")
def trusted_bot(tmp_path_factory) -> TrustedBot:
    """The assistant under ``make run``'s supervisor, shared by the security suite."""
    if not model_path().is_file():
        pytest.skip("no trained model (run `make train`)")
    bot = start_trusted_bot(tmp_path_factory.mktemp("trust"))
    yield bot
    stop_trusted_bot(bot)
