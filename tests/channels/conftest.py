"""The running assistant with the Slack, Teams and web-widget channels enabled, Slack and Teams
pointed at local fakes.

``channel_bot`` (session scope) starts the fakes, migrates a fresh delivery-log database, writes a
credentials file that enables ``bot.channels.slack.SlackInput`` and ``bot.channels.teams.TeamsInput``
with the fakes' addresses and ``bot.channels.socketio.WidgetInput`` (the web widget), and starts
the real assistant (:class:`bot.run.Assistant`: action server + Rasa server) on free ports, once
for the whole session: the Slack, Teams and widget modules share it.
The assistant also runs the safety alert worker, pointed at its own fake Slack Web API
(``channel_bot.alerts_slack``, channel :data:`ALERT_CHANNEL`), on a copy of the session's built KB
(``channel_bot.kb_url``) where the alerts are written.
``channel_bot.restart()`` restarts the Rasa server (the process that runs the channels and keeps the
delivery log) with the same files and port; the action server keeps running, as it does when an
operator restarts Rasa alone.
"""

from __future__ import annotations

import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from channel_fakes import (
    ALERT_CHANNEL,
    SIGNING_SECRET,
    TEAMS_APP_ID,
    TEAMS_APP_PASSWORD,
    TEAMS_TENANT_ID,
    FakeConnector,
    FakeIdentityProvider,
    FakeSlackApi,
    FakeTokenEndpoint,
)
from sqlalchemy.engine import make_url

from bot import run
from bot.train import model_path


@dataclass
class ChannelBot:
    """The assistant and the fakes it talks to."""

    assistant: run.Assistant
    settings: run.Settings
    log_dir: Path
    slack: FakeSlackApi
    idp: FakeIdentityProvider
    tokens: FakeTokenEndpoint
    connector: FakeConnector
    alerts_slack: FakeSlackApi
    kb_url: str
    restarts: int = 0

    @property
    def url(self) -> str:
        """Base URL of the Rasa server."""
        return self.settings.rasa_url

    def restart(self) -> None:
        """Stop the Rasa server and start it again (same database, credentials, endpoints and port)."""
        servers = self.assistant.servers
        (index,) = [i for i, server in enumerate(servers) if server.name == "Rasa server"]
        old = servers[index]
        run.stop_server(old)
        assert not old.alive()
        var_dir = self.settings.var_dir  # the files Assistant.start wrote there are reused as they are
        new = run.start_rasa_server(
            self.settings,
            var_dir / "endpoints.run.yml",
            self.log_dir / "rasa_server.log",
            var_dir / "credentials.run.yml",
        )
        servers[index] = new
        run.wait_healthy([new], self.settings.start_timeout)
        self.restarts += 1

    def rasa_log(self) -> str:
        """Everything the Rasa server logged so far."""
        path = self.log_dir / "rasa_server.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def write_credentials(
    path: Path, slack: FakeSlackApi, idp: FakeIdentityProvider, tokens: FakeTokenEndpoint, event_store_url: str
) -> Path:
    """A credentials file enabling both channels against the fakes (plus REST and the web widget)."""
    data = {
        "rest": None,
        "bot.channels.socketio.WidgetInput": {"user_message_evt": "user_uttered", "bot_message_evt": "bot_uttered"},
        "bot.channels.slack.SlackInput": {
            "bot_token": slack.token,
            "signing_secret": SIGNING_SECRET,
            "api_base_url": slack.base_url,
            "event_store_url": event_store_url,
        },
        "bot.channels.teams.TeamsInput": {
            "app_id": TEAMS_APP_ID,
            "app_password": TEAMS_APP_PASSWORD,
            "tenant_id": TEAMS_TENANT_ID,
            "token_base_url": tokens.url,
            "openid_metadata_url": idp.metadata_url,
            "event_store_url": event_store_url,
        },
    }
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _copy_sqlite(source: str, target: Path) -> str:
    """Copy a SQLite database (with its WAL files) and return the copy's URL."""
    for suffix in ("", "-wal", "-shm"):
        if Path(source + suffix).exists():
            shutil.copyfile(source + suffix, str(target) + suffix)
    return f"sqlite:///{target}"


@pytest.fixture(scope="session")
def channel_bot(tmp_path_factory, sqlite_kb_url) -> ChannelBot:
    """The assistant with Slack and Teams enabled against local fakes (see the module docstring)."""
    from career_kb.migrate import upgrade

    if not model_path().is_file():
        pytest.skip("no trained model (run `make train`)")
    work = tmp_path_factory.mktemp("channels")
    fakes = [
        FakeSlackApi().start(),
        FakeIdentityProvider().start(),
        FakeTokenEndpoint().start(),
        FakeConnector().start(),
        FakeSlackApi().start(),
    ]
    slack, idp, tokens, connector, alerts_slack = fakes
    kb_url = _copy_sqlite(make_url(sqlite_kb_url).database, work / "career_kb.sqlite3")
    event_store_url = f"sqlite:///{work / 'deliveries.sqlite3'}"
    upgrade(event_store_url)
    credentials = write_credentials(work / "credentials.yml", slack, idp, tokens, event_store_url)
    settings = run.Settings(
        rasa_port=run.free_port(),
        rasa_interface="127.0.0.1",
        action_port=run.free_port(),
        action_host="127.0.0.1",
        auth_token=secrets.token_urlsafe(16),
        var_dir=work / "var",
        tracker_db=work / "var" / "tracker.db",
        credentials=credentials,
        start_timeout=600,
        env={
            "DATABASE_URL": kb_url,
            "SAFETY_ALERT_SLACK_TOKEN": alerts_slack.token,
            "SAFETY_ALERT_SLACK_CHANNEL": ALERT_CHANNEL,
            "SAFETY_ALERT_SLACK_API_URL": alerts_slack.base_url,
            "SAFETY_ALERT_RETRY_SECONDS": "0.5",
        },
    )
    assistant = run.Assistant(settings, log_dir=work / "logs")
    assistant.start()
    bot = ChannelBot(assistant, settings, work / "logs", slack, idp, tokens, connector, alerts_slack, kb_url)
    yield bot
    bot.assistant.stop()
    for fake in fakes:
        fake.stop()
