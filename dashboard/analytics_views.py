"""Analytics of the district's conversations: charts and tables, and a CSV export."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

from flask import Blueprint, Response, render_template, request

from career_kb.counselor import analytics
from career_kb.counselor.clock import utcnow
from career_kb.counselor.vocabulary import CATEGORIES
from dashboard.app import account, kb_session, login_required_role, tracker_engine
from dashboard.charts import bar_chart

blueprint = Blueprint("analytics", __name__)

#: Periods offered, in days (0: everything).
PERIODS = {"7": 7, "30": 30, "90": 90, "all": 0}
TOP = 10


def _since() -> tuple[str, datetime | None]:
    period = request.args.get("period", "30")
    if period not in PERIODS:
        period = "30"
    days = PERIODS[period]
    return period, (utcnow() - timedelta(days=days)) if days else None


def _report() -> tuple[str, analytics.Report]:
    period, since = _since()
    with kb_session() as session:
        report = analytics.build_report(session, tracker_engine(), account().district_id, since)
    return period, report


@blueprint.route("/analytics")
@login_required_role()
def analytics_page() -> str:
    """Top intents by week, not-understood messages, careers/clusters/partners asked about, hand-offs."""
    period, report = _report()
    sections = [
        ("intents", "Top questions (intents)", report.intents.most_common(TOP)),
        ("not-understood", "Messages not understood", report.not_understood.most_common(TOP)),
        ("careers", "Careers asked about", report.careers.most_common(TOP)),
        ("clusters", "Career clusters asked about", report.clusters.most_common(TOP)),
        ("partners", "Partners asked about", report.partners.most_common(TOP)),
        (
            "handoffs",
            "Hand-offs by category",
            [(CATEGORIES.get(k, k), n) for k, n in report.handoffs.most_common()],
        ),
    ]
    charts = [(key, title, items, bar_chart(f"chart-{key}", title, items)) for key, title, items in sections]
    weeks = [(week, report.intents_by_week[week].most_common(5)) for week in report.weeks]
    return render_template("analytics.html", period=period, periods=PERIODS, report=report, charts=charts, weeks=weeks)


@blueprint.route("/analytics.csv")
@login_required_role()
def analytics_csv() -> Response:
    """The same figures as CSV: section, week, key, count."""
    period, report = _report()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "week", "key", "count"])
    writer.writerows(analytics.csv_rows(report))
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="analytics-{period}.csv"'},
    )
