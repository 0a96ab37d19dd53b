"""The action server: rasa-sdk's server for ``actions/``, accepting only the Rasa server.

``python -m bot.action_server --actions actions --port 5055`` (what ``bot.run`` starts) takes
rasa-sdk's arguments and adds:

* the shared token (:mod:`bot.security.action_auth`) from ``ACTION_SERVER_TOKEN`` (``bot.run``
  passes it in the environment) or ``var/action_server_token``; calls without it are refused;
* the interface from ``ACTION_HOST`` (default ``127.0.0.1``: loopback only);
* reply cleaning (:mod:`bot.security.markup`) on every action response;
* an error handler that says only the error's type (rasa-sdk's own echoes the request body, which
  holds the whole conversation), and private file modes (umask 077).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sanic import Sanic, response
from sanic.request import Request

from bot.security import action_auth, logs, markup
from career_kb import private_files, settings

log = logging.getLogger(__name__)


def action_token() -> str:
    """``ACTION_SERVER_TOKEN``, or the token generated into ``var/``."""
    conf = settings.get()
    return conf.action_server_token or private_files.secret(conf.var_dir, action_auth.ACTION_TOKEN_FILE)


def clean_action_response(body: bytes) -> bytes | None:
    """An action-server response body with every reply message cleaned; None when it is not one."""
    try:
        result = json.loads(body)
    except ValueError:
        return None
    if not isinstance(result, dict) or not isinstance(result.get("responses"), list):
        return None
    result["responses"] = [markup.clean_message(m) if isinstance(m, dict) else m for m in result["responses"]]
    return json.dumps(result).encode("utf-8")


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _plain_json(request: Request) -> dict[str, Any]:
    """The request's JSON object ({} when compressed or not an object; rasa-sdk reads it itself)."""
    if request.headers.get("Content-Encoding") == "deflate":
        return {}
    try:
        return _mapping(request.json)
    except Exception:  # noqa: BLE001 - a malformed body is rasa-sdk's to answer
        return {}


def create_app(actions: str, token: str) -> Sanic:
    """rasa-sdk's app for the ``actions`` package, with the token check and reply cleaning."""
    from rasa_sdk.endpoint import create_app as sdk_app

    app = sdk_app(actions, cors_origins=None)
    action_auth.install(app, token)

    @app.middleware("request")
    async def remember_request(request: Request):  # runs after the token check
        if request.path == "/webhook":
            call = _plain_json(request)
            tracker = _mapping(call.get("tracker"))
            logs.begin_request(_mapping(tracker.get("latest_message")).get("text"), call.get("sender_id"))
            log.info("action call %s", call.get("next_action"))
        return None

    @app.middleware("response")
    async def clean_replies(request: Request, resp):
        if request.path == "/webhook" and resp.status == 200 and resp.body:
            cleaned = clean_action_response(resp.body)
            if cleaned is not None:
                return response.raw(cleaned, status=200, content_type="application/json")
        return None

    async def on_error(request: Request, exc: Exception):
        log.error("action server error: %s", type(exc).__name__)
        return response.json({"error": type(exc).__name__}, status=500)

    app.error_handler.add(Exception, on_error)
    return app


def main(argv: list[str] | None = None) -> None:
    """Parse rasa-sdk's arguments, configure logging, serve until stopped."""
    from rasa_sdk import utils
    from rasa_sdk.constants import APPLICATION_ROOT_LOGGER_NAME
    from rasa_sdk.endpoint import create_argument_parser
    from rasa_sdk.plugin import plugin_manager

    private_files.private_umask()
    logs.install()
    args = create_argument_parser().parse_args(argv)
    logging.getLogger("matplotlib").setLevel(logging.WARN)
    utils.configure_colored_logging(args.loglevel)
    utils.configure_file_logging(
        logging.getLogger(APPLICATION_ROOT_LOGGER_NAME), args.log_file, args.loglevel, args.logging_config_file
    )
    utils.update_sanic_log_level()
    app = create_app(args.actions or "actions", action_token())
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    host = settings.get().action_host
    log.info("action server on %s:%s (token required)", host, args.port)
    app.run(host, args.port, workers=utils.number_of_sanic_workers())


if __name__ == "__main__":  # pragma: no cover
    main()
