"""Every setting of the product: fixed paths, and the environment variables, read here and nowhere else.

:data:`VARIABLES` lists each environment variable with its default and what it does; the README's
configuration table is generated from it (``python -m career_kb.settings``) and a test keeps the
two equal. :func:`get` reads the environment once per process into a frozen :class:`Settings`;
every module asks it instead of looking at ``os.environ`` (a test fails on any other read).

Paths that Rasa's own files name (``config.yml`` loads the spaCy pipeline from ``models/spacy_kb``)
are fixed here rather than configurable, so the runtime and ``config.yml`` always agree.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

#: The repository root (the directory that holds ``career_kb/``).
REPO_ROOT = Path(__file__).resolve().parent.parent
#: The ``career_kb`` package directory.
PACKAGE_DIR = Path(__file__).resolve().parent
#: The compact snapshot of facts and figures shipped in the repo.
SNAPSHOT_DIR = PACKAGE_DIR / "snapshot"
#: How students say occupations → O*NET-SOC codes (written for this project); read by the resolver
#: and the KB entity ruler.
ALIASES_PATH = PACKAGE_DIR / "aliases.csv"
#: The sample district's CSV files (plainly marked sample data).
SAMPLE_DISTRICT_DIR = PACKAGE_DIR / "district_sample"
#: The KB spaCy pipeline (``bot.spacy_kb``); ``config.yml`` names the same path (a test checks).
SPACY_KB_DIR = REPO_ROOT / "models" / "spacy_kb"
#: The wording of every reply the custom actions compose (see docs/architecture.md, "Wording").
DEFAULT_WORDING_FILE = REPO_ROOT / "actions" / "wording" / "en.yml"
#: Official source files beside the repository, used when ``CAREER_KB_SOURCE_DIR`` is not set.
NEIGHBOUR_SOURCE_DIR = REPO_ROOT.parent / "shared" / "data"


class SettingsError(ValueError):
    """An environment variable holds a value the product cannot use."""


@dataclass(frozen=True)
class Variable:
    """One environment variable: its name, its default as documented, and what it does."""

    name: str
    default: str
    what: str


#: Every environment variable the product reads, in the README's order.
VARIABLES: tuple[Variable, ...] = (
    Variable(
        "DATABASE_URL",
        "`sqlite:///var/career_kb.sqlite3`",
        "the knowledge base; e.g. `postgresql://user@host/db` (`postgres://` is accepted)",
    ),
    Variable("CAREER_KB_VAR_DIR", "`var/`", "where local state lives: the embedded KB, secrets, tracker, logs"),
    Variable(
        "CAREER_KB_SOURCE_DIR",
        "`../shared/data` if present",
        "official O*NET/BLS/NCES/Census files, for prose and full imports",
    ),
    Variable("CAREER_KB_SAMPLE_DISTRICT", "`1`", "load the sample district into an empty KB (`0` to skip)"),
    Variable("CAREER_KB_CACHE_RECHECK_SECONDS", "`30`", "how often cached KB indexes check whether the KB changed"),
    Variable("STUDENT_ID_SECRET", "generated into `var/`", "key for pseudonymous student ids"),
    Variable(
        "WIDGET_SESSION_SECRET",
        "generated into `var/`",
        "key that signs the web widget's session ids ([docs/widget.md](docs/widget.md))",
    ),
    Variable(
        "BOT_WORDING",
        "`actions/wording/en.yml`",
        "the file of reply texts (a translation with the same keys replaces it)",
    ),
    Variable("RASA_AUTH_TOKEN", "generated into `var/`", "protects Rasa's HTTP API"),
    Variable("RASA_PORT", "`5005`", "Rasa server port"),
    Variable("RASA_INTERFACE", "`0.0.0.0`", "interface the Rasa server listens on"),
    Variable("RASA_CORS", "`*`", "allowed CORS origins, space-separated"),
    Variable(
        "PUBLIC_URL",
        "`http://localhost:$RASA_PORT`",
        "the Rasa server's address as students' browsers reach it; quiz charts and printable plans are linked under it",
    ),
    Variable("ACTION_PORT", "`5055`", "action server port"),
    Variable("ACTION_HOST", "`127.0.0.1`", "interface the action server listens on"),
    Variable("ACTION_ENDPOINT_URL", "`http://localhost:$ACTION_PORT/webhook`", "URL the Rasa server calls for actions"),
    Variable(
        "ACTION_SERVER_TOKEN",
        "generated into `var/`",
        "shared secret the Rasa server sends on every action call; the action server refuses calls without it",
    ),
    Variable("MESSAGE_MAX_CHARS", "`2000`", "longest message the REST channel takes (longer: a friendly reply)"),
    Variable("SENDER_MAX_CHARS", "`128`", "longest sender id the REST channel takes (longer: 400)"),
    Variable(
        "RATE_LIMIT_PER_MINUTE",
        "`30`",
        "messages a sender may send per minute on the REST channel, bursts of 10 (`0`: no limit)",
    ),
    Variable(
        "REST_JWT_SECRET",
        "unset (off)",
        "production: REST requests need `Authorization: Bearer` with an HS256 JWT whose `sub` is the sender",
    ),
    Variable("RETENTION_DAYS", "`365`", "conversations idle this long are deleted (`career-kb retention`; `0`: never)"),
    Variable("RASA_MODELS_DIR", "`models/`", "where `make train` writes the model"),
    Variable("RASA_MODEL", "`models/career-guide.tar.gz`", "the model archive `make run` serves"),
    Variable("RASA_TRACKER_DB", "`var/tracker.db`", "SQLite tracker file when endpoints.yml uses SQLite"),
    Variable("RASA_TRACKER_STORE", "`endpoints`", "`memory` keeps conversations in memory only"),
    Variable(
        "RASA_SQLITE_SYNCHRONOUS", "`NORMAL`", "`PRAGMA synchronous` of the SQLite tracker (`FULL` flushes every turn)"
    ),
    Variable("RASA_START_TIMEOUT", "`300`", "seconds `make run` waits for both servers"),
    Variable("DASHBOARD_PORT", "`5080`", "counselor dashboard port ([docs/counselor.md](docs/counselor.md))"),
    Variable("DASHBOARD_HOST", "`127.0.0.1`", "interface the counselor dashboard listens on"),
    Variable("DASHBOARD_SECRET_KEY", "generated into `var/`", "signs the dashboard's session cookies and CSRF tokens"),
    Variable(
        "DASHBOARD_TRACKER_URL",
        "from `endpoints.yml`",
        "SQLAlchemy URL of Rasa's SQL tracker store, read for transcripts and analytics",
    ),
    Variable("DASHBOARD_SECURE_COOKIES", "`0`", "`1` marks session cookies Secure (behind HTTPS)"),
    Variable(
        "SLACK_BOT_TOKEN",
        "unset (Slack off)",
        "the Slack app's Bot User OAuth Token ([docs/channels.md](docs/channels.md))",
    ),
    Variable("SLACK_SIGNING_SECRET", "unset (Slack off)", "the Slack app's signing secret"),
    Variable(
        "TEAMS_APP_ID",
        "unset (Teams off)",
        "the single-tenant Azure bot's Microsoft App ID ([docs/channels.md](docs/channels.md))",
    ),
    Variable("TEAMS_APP_PASSWORD", "unset (Teams off)", "a client secret of the Azure bot's app registration"),
    Variable("TEAMS_TENANT_ID", "unset (Teams off)", "the directory (tenant) ID the app is registered in"),
    Variable(
        "SAFETY_ALERT_SLACK_TOKEN",
        "unset (alerts kept, not sent)",
        "Bot User OAuth Token of the Slack app that posts safety alerts ([docs/safety.md](docs/safety.md))",
    ),
    Variable(
        "SAFETY_ALERT_SLACK_CHANNEL", "unset", "the counselors' Slack channel id for safety alerts, e.g. `C0123ABCD`"
    ),
    Variable(
        "SAFETY_ALERT_SLACK_API_URL", "`https://slack.com/api/`", "base URL of the Slack Web API (tests: a local fake)"
    ),
    Variable(
        "SAFETY_ALERT_RETRY_SECONDS",
        "`5`",
        "first retry delay of an unsent alert; doubles per attempt, at most 60 times this",
    ),
    Variable("CI", "unset", "tests: `true` makes an unreachable PostgreSQL a failure instead of a skip"),
    Variable(
        "KB_TEST_POSTGRES_URL",
        "`postgresql://postgres@127.0.0.1:5432/postgres`",
        "tests: the server temporary test databases are created on",
    ),
)

_NAMES = frozenset(v.name for v in VARIABLES)
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")
_SQLITE_LEVELS = ("OFF", "NORMAL", "FULL", "EXTRA")


@dataclass(frozen=True)
class Settings:
    """The environment as the product understands it (see :data:`VARIABLES`)."""

    database_url: str
    var_dir: Path
    source_dir: Path | None  # CAREER_KB_SOURCE_DIR as given (None: look beside the repository)
    sample_district: bool
    cache_recheck_seconds: float
    student_id_secret: str  # "" → a per-install secret generated into var_dir
    widget_session_secret: str  # "" → a per-install secret generated into var_dir
    wording_file: Path
    rasa_auth_token: str  # "" → generated into var_dir
    rasa_port: int
    rasa_interface: str
    rasa_cors: tuple[str, ...]
    public_url: str
    action_port: int
    action_host: str
    action_endpoint_url: str
    action_server_token: str  # "" → generated into var_dir
    message_max_chars: int
    sender_max_chars: int
    rate_limit_per_minute: float
    retention_days: float
    rest_jwt_secret: str  # "" → the REST channel takes the sender as sent (development)
    models_dir: Path
    rasa_model: Path
    rasa_tracker_db: Path | None
    rasa_tracker_store: str
    rasa_sqlite_synchronous: str
    rasa_start_timeout: float
    dashboard_port: int
    dashboard_host: str
    dashboard_secret_key: str  # "" → generated into var_dir
    dashboard_tracker_url: str  # "" → from endpoints.yml
    dashboard_secure_cookies: bool
    slack_bot_token: str  # "" → Slack off (and the other chat-channel secrets likewise)
    slack_signing_secret: str
    teams_app_id: str
    teams_app_password: str
    teams_tenant_id: str
    safety_alert_slack_token: str  # "" → alerts are kept and listed, not sent
    safety_alert_slack_channel: str
    safety_alert_slack_api_url: str
    safety_alert_retry_seconds: float
    ci: bool
    test_postgres_url: str

    def chat_channel_values(self) -> dict[str, str]:
        """The chat channels' variables by name ("" when unset), as ``credentials.yml`` names them.

        Rasa expands the ``${VAR}`` placeholders in ``credentials.yml`` itself; ``bot.runtime_credentials``
        asks this which ones are set, to leave out the channels that are not configured.
        """
        return {
            "SLACK_BOT_TOKEN": self.slack_bot_token,
            "SLACK_SIGNING_SECRET": self.slack_signing_secret,
            "TEAMS_APP_ID": self.teams_app_id,
            "TEAMS_APP_PASSWORD": self.teams_app_password,
            "TEAMS_TENANT_ID": self.teams_tenant_id,
        }


def _text(env: Mapping[str, str], name: str, default: str = "") -> str:
    if name not in _NAMES:  # pragma: no cover - a programming error, caught by the tests
        raise KeyError(f"{name} is not listed in career_kb.settings.VARIABLES")
    return (env.get(name) or "").strip() or default


def _number(env: Mapping[str, str], name: str, default: str, kind: type) -> float:
    text = _text(env, name, default)
    try:
        return kind(text)
    except ValueError:
        raise SettingsError(f"{name} must be a number, not {text!r}") from None


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    text = _text(env, name).lower()
    if not text:
        return default
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise SettingsError(f"{name} must be one of {', '.join(_TRUE + _FALSE)}, not {text!r}")


def _path(env: Mapping[str, str], name: str, default: Path) -> Path:
    text = _text(env, name)
    return Path(text) if text else default


def _database_url(env: Mapping[str, str], var_dir: Path) -> str:
    url = _text(env, "DATABASE_URL")
    if url.startswith("postgres://"):  # Heroku-style; SQLAlchemy 1.4 wants "postgresql"
        url = "postgresql://" + url[len("postgres://") :]
    return url or f"sqlite:///{var_dir / 'career_kb.sqlite3'}"


def _sqlite_level(env: Mapping[str, str]) -> str:
    level = _text(env, "RASA_SQLITE_SYNCHRONOUS", "NORMAL").upper()
    if level not in _SQLITE_LEVELS:
        raise SettingsError(f"RASA_SQLITE_SYNCHRONOUS must be one of {', '.join(_SQLITE_LEVELS)}, not {level!r}")
    return level


def _positive_seconds(env: Mapping[str, str], name: str, default: str) -> float:
    value = float(_number(env, name, default, float))
    if value <= 0:
        raise SettingsError(f"{name} must be a positive number of seconds, not {value}")
    return value


def _port(env: Mapping[str, str], name: str, default: str) -> int:
    port = int(_number(env, name, default, int))
    if not 0 < port < 65536:
        raise SettingsError(f"{name} must be a TCP port (1-65535), not {port}")
    return port


def _positive_int(env: Mapping[str, str], name: str, default: str) -> int:
    value = int(_number(env, name, default, int))
    if value < 1:
        raise SettingsError(f"{name} must be a positive whole number, not {value}")
    return value


def from_env(env: Mapping[str, str]) -> Settings:
    """Settings from a mapping of environment variables (unset or blank → the default)."""
    var_dir = _path(env, "CAREER_KB_VAR_DIR", REPO_ROOT / "var")
    models_dir = _path(env, "RASA_MODELS_DIR", REPO_ROOT / "models")
    action_port = _port(env, "ACTION_PORT", "5055")
    rasa_port = _port(env, "RASA_PORT", "5005")
    tracker_db = _text(env, "RASA_TRACKER_DB")
    return Settings(
        database_url=_database_url(env, var_dir),
        var_dir=var_dir,
        source_dir=_path(env, "CAREER_KB_SOURCE_DIR", Path()) if _text(env, "CAREER_KB_SOURCE_DIR") else None,
        sample_district=_flag(env, "CAREER_KB_SAMPLE_DISTRICT", True),
        cache_recheck_seconds=float(_number(env, "CAREER_KB_CACHE_RECHECK_SECONDS", "30", float)),
        student_id_secret=_text(env, "STUDENT_ID_SECRET"),
        widget_session_secret=_text(env, "WIDGET_SESSION_SECRET"),
        wording_file=_path(env, "BOT_WORDING", DEFAULT_WORDING_FILE),
        rasa_auth_token=_text(env, "RASA_AUTH_TOKEN"),
        rasa_port=rasa_port,
        rasa_interface=_text(env, "RASA_INTERFACE", "0.0.0.0"),
        rasa_cors=tuple(_text(env, "RASA_CORS", "*").split()),
        public_url=_text(env, "PUBLIC_URL", f"http://localhost:{rasa_port}").rstrip("/"),
        action_port=action_port,
        action_host=_text(env, "ACTION_HOST", "127.0.0.1"),
        action_endpoint_url=_text(env, "ACTION_ENDPOINT_URL", f"http://localhost:{action_port}/webhook"),
        action_server_token=_text(env, "ACTION_SERVER_TOKEN"),
        message_max_chars=_positive_int(env, "MESSAGE_MAX_CHARS", "2000"),
        sender_max_chars=_positive_int(env, "SENDER_MAX_CHARS", "128"),
        rate_limit_per_minute=float(_number(env, "RATE_LIMIT_PER_MINUTE", "30", float)),
        retention_days=float(_number(env, "RETENTION_DAYS", "365", float)),
        rest_jwt_secret=_text(env, "REST_JWT_SECRET"),
        models_dir=models_dir,
        rasa_model=_path(env, "RASA_MODEL", models_dir / "career-guide.tar.gz"),
        rasa_tracker_db=Path(tracker_db) if tracker_db else None,
        rasa_tracker_store=_text(env, "RASA_TRACKER_STORE", "endpoints"),
        rasa_sqlite_synchronous=_sqlite_level(env),
        rasa_start_timeout=float(_number(env, "RASA_START_TIMEOUT", "300", float)),
        dashboard_port=_port(env, "DASHBOARD_PORT", "5080"),
        dashboard_host=_text(env, "DASHBOARD_HOST", "127.0.0.1"),
        dashboard_secret_key=_text(env, "DASHBOARD_SECRET_KEY"),
        dashboard_tracker_url=_text(env, "DASHBOARD_TRACKER_URL"),
        dashboard_secure_cookies=_flag(env, "DASHBOARD_SECURE_COOKIES", False),
        slack_bot_token=_text(env, "SLACK_BOT_TOKEN"),
        slack_signing_secret=_text(env, "SLACK_SIGNING_SECRET"),
        teams_app_id=_text(env, "TEAMS_APP_ID"),
        teams_app_password=_text(env, "TEAMS_APP_PASSWORD"),
        teams_tenant_id=_text(env, "TEAMS_TENANT_ID"),
        safety_alert_slack_token=_text(env, "SAFETY_ALERT_SLACK_TOKEN"),
        safety_alert_slack_channel=_text(env, "SAFETY_ALERT_SLACK_CHANNEL"),
        safety_alert_slack_api_url=_text(env, "SAFETY_ALERT_SLACK_API_URL", "https://slack.com/api/"),
        safety_alert_retry_seconds=_positive_seconds(env, "SAFETY_ALERT_RETRY_SECONDS", "5"),
        ci=_flag(env, "CI", False),
        test_postgres_url=_text(env, "KB_TEST_POSTGRES_URL"),
    )


_current: Settings | None = None


def get() -> Settings:
    """The process's settings, read from the environment on first use."""
    global _current
    if _current is None:
        _current = from_env(os.environ)
    return _current


def with_changes(**env: str | None) -> Settings:
    """The settings the current environment gives with some variables changed (None: unset).

    For tests and tools that need other settings without touching ``os.environ``.
    """
    unknown = set(env) - _NAMES
    if unknown:
        raise KeyError(f"not a setting: {', '.join(sorted(unknown))}")
    merged = {k: v for k, v in os.environ.items() if k in _NAMES}
    for name, value in env.items():
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = value
    return from_env(merged)


def shared_data_dir() -> Path | None:
    """The directory of official source files (O*NET, BLS, ...) if one is available.

    ``CAREER_KB_SOURCE_DIR`` wins; otherwise ``../shared/data`` beside the repository.
    """
    path = get().source_dir or NEIGHBOUR_SOURCE_DIR
    return path if path.is_dir() else None


def markdown_table() -> str:
    """The README's configuration table, generated from :data:`VARIABLES`."""
    lines = ["| variable | default | what |", "|---|---|---|"]
    lines += [f"| `{v.name}` | {v.default} | {v.what} |" for v in VARIABLES]
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - prints the README table
    sys.stdout.write(markdown_table() + "\n")
