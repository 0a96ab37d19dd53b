"""Safety alerts for the counselors: written first, then sent to their Slack channel; never lost.

1. :func:`record` writes a ``safety_alert`` row (status ``pending``) in the same database as the
   student profiles. The action that answers a crisis calls it after composing the reply.
2. The alert worker (:func:`run_worker`, started by ``make run`` / ``python -m bot.run`` as
   ``python -m career_kb.alerts``) sends every pending alert whose time has come with slack-sdk's
   ``chat.postMessage`` to ``SAFETY_ALERT_SLACK_CHANNEL``. A failed send (Slack down, an error
   answer) stays ``pending``: ``attempts`` goes up and the next try waits twice as long as the last
   (``SAFETY_ALERT_RETRY_SECONDS``, at most 60 times that). The queue is the table, so a restart
   loses nothing: the worker picks up where it was.
3. ``career-kb alerts`` lists the open alerts (pending or sent, not closed); ``career-kb alerts
   close ID`` marks one handled.

The Slack message names the alert id, the category, what raised it, the channel, the school and
grade when known, never the student's words. "Delete my data" blanks the student id of the
student's alerts (:func:`scrub_student`) and keeps the anonymous alert for the counselors' record.
"""

from __future__ import annotations

import logging
import sys
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from career_kb import db, settings
from career_kb.models import SafetyAlert, School

log = logging.getLogger(__name__)

PENDING, SENT, CLOSED = "pending", "sent", "closed"
#: How often the worker looks for alerts to send (seconds).
POLL_SECONDS = 1.0
#: The longest wait between two tries, as a multiple of the first delay.
MAX_BACKOFF_FACTOR = 60


def utcnow() -> datetime:
    """The current UTC time, naive (as the table stores it)."""
    return datetime.utcnow()


@dataclass(frozen=True)
class AlertInfo:
    """An alert as listed for the counselors (no student words; the id is pseudonymous)."""

    id: int
    status: str
    category: str
    rule: str | None
    score: float | None
    channel: str
    school: str | None
    grade: int | None
    created_at: datetime
    sent_at: datetime | None
    attempts: int
    last_error: str | None
    student_id: str | None


def record(
    session: Session,
    *,
    student_id: str | None,
    channel: str | None,
    category: str,
    rule: str | None = None,
    score: float | None = None,
    school_id: str | None = None,
    grade: int | None = None,
) -> int:
    """Write a pending alert and return its id (sent by the worker, at once if it is running)."""
    now = utcnow()
    alert = SafetyAlert(
        student_id=student_id,
        channel=(channel or "unknown")[:30],
        category=category,
        rule=rule,
        score=score,
        school_id=school_id,
        grade=grade,
        status=PENDING,
        attempts=0,
        created_at=now,
        next_attempt_at=now,
    )
    session.add(alert)
    session.flush()
    return int(alert.id)


def _info(alert: SafetyAlert, school: str | None) -> AlertInfo:
    return AlertInfo(
        alert.id,
        alert.status,
        alert.category,
        alert.rule,
        alert.score,
        alert.channel,
        school,
        alert.grade,
        alert.created_at,
        alert.sent_at,
        alert.attempts,
        alert.last_error,
        alert.student_id,
    )


def list_alerts(session: Session, include_closed: bool = False, alert_id: int | None = None) -> list[AlertInfo]:
    """Alerts, oldest first: open ones (pending or sent), or all with ``include_closed``; or one by id."""
    query = select(SafetyAlert, School.name).outerjoin(School, School.id == SafetyAlert.school_id)
    if alert_id is not None:
        query = query.where(SafetyAlert.id == alert_id)
    elif not include_closed:
        query = query.where(SafetyAlert.status != CLOSED)
    return [_info(alert, school) for alert, school in session.execute(query.order_by(SafetyAlert.id))]


def close(session: Session, alert_id: int) -> bool:
    """Mark an alert handled; False when there is no such open alert."""
    result = session.execute(
        update(SafetyAlert)
        .where(SafetyAlert.id == alert_id, SafetyAlert.status != CLOSED)
        .values(status=CLOSED, closed_at=utcnow())
    )
    return bool(result.rowcount)


def scrub_student(session: Session, student_id: str) -> int:
    """Blank ``student_id`` in the student's alerts (they stay, anonymous); returns how many."""
    result = session.execute(update(SafetyAlert).where(SafetyAlert.student_id == student_id).values(student_id=None))
    return int(result.rowcount or 0)


def message_text(alert: AlertInfo) -> str:
    """The Slack text of an alert: id, category, what raised it, where; never the student's words."""
    raised = (
        f"rule `{alert.rule}`" if alert.rule else f"classifier score {alert.score:.2f}" if alert.score else "a check-in"
    )
    parts = [
        f":rotating_light: Safety alert #{alert.id}: *{alert.category.replace('_', ' ')}* ({raised})",
        f"channel: {alert.channel}",
    ]
    if alert.school:
        parts.append(f"school: {alert.school}")
    if alert.grade:
        parts.append(f"grade: {alert.grade}")
    parts.append(f"at {alert.created_at:%Y-%m-%d %H:%M} UTC. Details: `career-kb alerts` (alert #{alert.id}).")
    return "\n".join(parts)


def format_alerts(rows: list[AlertInfo]) -> str:
    """The alerts as a table for ``career-kb alerts``."""
    if not rows:
        return "no open safety alerts"
    lines = [
        "  id  status   category      raised by               channel   school / grade"
        "            created (UTC)     tries"
    ]
    for a in rows:
        raised = a.rule or (f"score {a.score:.2f}" if a.score is not None else "-")
        where = " / ".join(str(x) for x in (a.school, a.grade) if x) or "-"
        lines.append(
            f"{a.id:4d}  {a.status:7s}  {a.category:12s}  {raised[:22]:22s}  {a.channel[:8]:8s}  {where[:24]:24s}  "
            f"{a.created_at:%Y-%m-%d %H:%M}  {a.attempts}" + (f" ({a.last_error})" if a.last_error else "")
        )
    return "\n".join(lines)


def backoff(attempts: int, first_delay: float) -> timedelta:
    """The wait after ``attempts`` failed tries: the first delay doubled each time, capped."""
    return timedelta(seconds=min(first_delay * 2 ** max(attempts - 1, 0), first_delay * MAX_BACKOFF_FACTOR))


@dataclass(frozen=True)
class SlackTarget:
    """Where alerts go: a Slack Web API client and the counselors' channel."""

    client: WebClient
    channel: str

    @classmethod
    def from_settings(cls, conf: settings.Settings) -> SlackTarget | None:
        """The target the settings name, or None when Slack alerts are not configured."""
        if not (conf.safety_alert_slack_token and conf.safety_alert_slack_channel):
            return None
        base = conf.safety_alert_slack_api_url.rstrip("/") + "/"
        return cls(
            WebClient(token=conf.safety_alert_slack_token, base_url=base, timeout=10), conf.safety_alert_slack_channel
        )


def send_due(factory: sessionmaker, target: SlackTarget, first_delay: float) -> int:
    """Send every pending alert whose time has come; returns how many were sent."""
    with factory() as session:
        due = session.execute(
            select(SafetyAlert.id).where(SafetyAlert.status == PENDING, SafetyAlert.next_attempt_at <= utcnow())
        ).scalars()
        ids = list(due)
    return sum(_send_one(factory, target, alert_id, first_delay) for alert_id in ids)


def _send_one(factory: sessionmaker, target: SlackTarget, alert_id: int, first_delay: float) -> bool:
    with factory() as session:
        alert = next((a for a in list_alerts(session, alert_id=alert_id) if a.status == PENDING), None)
    if alert is None:
        return False
    error: str | None = None
    try:
        target.client.chat_postMessage(channel=target.channel, text=message_text(alert))
    except SlackApiError as exc:  # Slack answered ok: false
        error = f"slack:{exc.response.get('error', 'error')}"[:60]
    except (SlackClientError, OSError) as exc:  # connection refused, timeout, ...
        error = type(exc).__name__
    with factory.begin() as session:
        row = session.get(SafetyAlert, alert_id)
        if error is None:
            row.status, row.sent_at, row.last_error = SENT, utcnow(), None
            row.attempts += 1
        else:
            row.attempts += 1
            row.last_error = error
            row.next_attempt_at = utcnow() + backoff(row.attempts, first_delay)
    if error is not None:
        log.warning("safety alert #%s not sent (%s); attempt %s, will retry", alert_id, error, alert.attempts + 1)
    return error is None


def run_worker(stop: threading.Event, conf: settings.Settings | None = None) -> None:
    """Send pending alerts until ``stop`` is set (see the module docstring)."""
    conf = conf or settings.get()
    target = SlackTarget.from_settings(conf)
    if target is None:
        log.warning("safety alerts are kept in the database but not sent: set SAFETY_ALERT_SLACK_TOKEN and _CHANNEL")
        stop.wait()
        return
    factory = db.session_factory(db.get_engine(conf.database_url))
    while not stop.is_set():
        try:
            send_due(factory, target, conf.safety_alert_retry_seconds)
        except Exception as exc:  # noqa: BLE001 - the worker must outlive a database hiccup
            log.error("safety alert worker: %s; trying again", type(exc).__name__)
        stop.wait(POLL_SECONDS)


def main() -> int:
    """``python -m career_kb.alerts``: the alert worker, until SIGTERM / Ctrl-C."""
    import signal

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s - %(message)s")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    log.info("safety alert worker started")
    run_worker(stop)
    return 0


if __name__ == "__main__":
    sys.exit(main())
