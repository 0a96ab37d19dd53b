"""Serves a student's quiz chart (PNG) and printable plan (PDF) from the Rasa server, by signed link.

Enabled as an input channel in ``credentials.yml`` (``bot.plan_files.PlanFilesInput``) only to add
two routes to the Rasa server; it takes no messages:

* ``GET /webhooks/plan/chart/<token>.png`` — the interest quiz's bar chart;
* ``GET /webhooks/plan/sheet/<token>.pdf`` — the one-page career plan.

``<token>`` comes from :mod:`career_kb.assessment.links` (signed, expires after an hour). A bad or
expired token, or a student with nothing to show, gets 404. Files are drawn from the KB on request
(nothing is written to disk) and sent with ``Cache-Control: no-store``; nothing about the student
is logged.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from career_kb.assessment import links
from career_kb.db import session_scope

_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


def _chart(student_id: str) -> bytes | None:
    from actions.plan import render_chart

    with session_scope() as session:
        return render_chart(session, student_id)


def _sheet(student_id: str) -> bytes | None:
    from actions.plan import render_sheet

    with session_scope() as session:
        return render_sheet(session, student_id, dt.date.today())


async def _serve(token: str, suffix: str, draw: Callable[[str], bytes | None], mime: str) -> HTTPResponse:
    if not token.endswith(suffix):
        return response.text("not found", status=404)
    student_id = links.read_token(token[: -len(suffix)], time.time())
    body = await asyncio.to_thread(draw, student_id) if student_id else None
    if body is None:
        return response.text("not found", status=404)
    return response.raw(body, content_type=mime, headers=_HEADERS)


class PlanFilesInput(InputChannel):
    """The chart and printable-plan routes (see the module docstring)."""

    @classmethod
    def name(cls) -> str:
        """The routes live under ``/webhooks/plan/``."""
        return "plan"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """No settings."""
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The two GET routes."""
        files = Blueprint("plan_files", __name__)

        @files.route("/chart/<token>", methods=["GET"])
        async def chart(request: Request, token: str) -> HTTPResponse:
            return await _serve(token, ".png", _chart, "image/png")

        @files.route("/sheet/<token>", methods=["GET"])
        async def sheet(request: Request, token: str) -> HTTPResponse:
            return await _serve(token, ".pdf", _sheet, "application/pdf")

        return files
