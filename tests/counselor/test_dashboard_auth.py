"""Every dashboard route refuses what it must: the routes are read from the app's URL map, so a new
route is tested without being listed here (only public routes and admin-only routes are named)."""

from __future__ import annotations

import pytest
from counselor_helpers import copy_sqlite
from dashboard_fixtures import PASSWORD, csrf_token, make_tracker, seed_dashboard, sign_in

from career_kb.counselor import faq
from career_kb.db import make_engine, session_scope

#: Routes anyone may open.
PUBLIC = {"static", "auth.login", "auth.health"}
#: Routes for admins only (every other route: any signed-in account).
ADMIN_ONLY = {"admin.staff_list", "admin.staff_toggle", "admin.audit_log"}


@pytest.fixture(scope="module")
def dash(sqlite_kb_url, tmp_path_factory):
    work = tmp_path_factory.mktemp("dashboard_auth")
    kb_url = copy_sqlite(sqlite_kb_url, work / "kb.sqlite3")
    tracker_url = make_tracker(work / "tracker.db")
    dash = seed_dashboard(kb_url, tracker_url)
    engine = make_engine(kb_url)
    with session_scope(engine) as session:
        dash.faq_id = faq.add_entry(session, "sample-confluence", ["when is fafsa night"], "March 3.").id
        dash.other_faq_id = faq.add_entry(session, "other-district", ["when is prom"], "May 1.").id
    engine.dispose()
    return dash


def _routes(dash):
    """(endpoint, url, method) for every route and method of the app, with ids that exist."""
    ids = {"ticket_id": dash.ticket_id, "entry_id": dash.faq_id, "staff_id": 1}
    out = []
    for rule in dash.app.url_map.iter_rules():
        if rule.endpoint in PUBLIC:
            continue
        url = rule.rule
        for arg in rule.arguments:
            url = url.replace(f"<int:{arg}>", str(ids[arg]))
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            out.append((rule.endpoint, url, method))
    return out


def test_the_app_has_the_routes_this_file_classifies(dash):
    endpoints = {rule.endpoint for rule in dash.app.url_map.iter_rules()}
    assert PUBLIC | ADMIN_ONLY <= endpoints
    assert len(_routes(dash)) >= 16


def test_unauthenticated_requests_are_sent_to_sign_in(dash):
    client = dash.app.test_client()
    token = csrf_token(client)
    for endpoint, url, method in _routes(dash):
        response = client.open(url, method=method, data={"csrf_token": token})
        assert response.status_code == 302, (endpoint, method, response.status_code)
        assert response.headers["Location"].startswith("/login"), (endpoint, method)


def test_counselors_get_403_on_admin_routes(dash):
    client = dash.app.test_client()
    sign_in(client, "casey.c")
    token = csrf_token(client, "/")
    for endpoint, url, method in _routes(dash):
        if endpoint not in ADMIN_ONLY:
            continue
        response = client.open(url, method=method, data={"csrf_token": token})
        assert response.status_code == 403, (endpoint, method, response.status_code)


def test_every_form_post_without_a_csrf_token_is_refused(dash):
    client = dash.app.test_client()
    sign_in(client, "ada.admin")
    posts = [(e, u) for e, u, m in _routes(dash) if m == "POST"]
    assert len(posts) >= 7
    for endpoint, url in posts:
        response = client.post(url, data={"body": "cross-site", "username": "x", "password": PASSWORD})
        assert response.status_code == 400, (endpoint, response.status_code)
    response = client.post("/login", data={"username": "ada.admin", "password": PASSWORD})
    assert response.status_code == 400


def test_every_page_opens_for_an_admin(dash):
    client = dash.app.test_client()
    sign_in(client, "ada.admin")
    for endpoint, url, method in _routes(dash):
        if method == "GET":
            assert client.get(url).status_code == 200, endpoint


def test_a_counselor_cannot_read_another_districts_data(dash):
    client = dash.app.test_client()
    sign_in(client, "olly.other")
    for path in (
        f"/tickets/{dash.ticket_id}",
        f"/tickets/{dash.ticket_id}/transcript",
        f"/tickets/{dash.ticket_id}/student",
        f"/faq/{dash.faq_id}",
    ):
        assert client.get(path).status_code == 404, path
    token = csrf_token(client, "/")
    assert client.post(f"/tickets/{dash.ticket_id}/claim", data={"csrf_token": token}).status_code == 404
    queue = client.get("/").get_data(as_text=True)
    assert f"Ticket {dash.other_ticket_id}<" in queue and f"Ticket {dash.ticket_id}<" not in queue
    assert "when is prom" in client.get("/faq").get_data(as_text=True)
    assert "when is fafsa night" not in client.get("/faq").get_data(as_text=True)


def test_sign_in_refuses_a_wrong_password_and_keeps_no_password(dash, caplog):
    client = dash.app.test_client()
    response = client.post(
        "/login", data={"username": "casey.c", "password": "not the password", "csrf_token": csrf_token(client)}
    )
    assert response.status_code == 200
    assert "Wrong username or password." in response.get_data(as_text=True)
    sign_in(client, "casey.c")
    assert PASSWORD not in caplog.text and "not the password" not in caplog.text


def test_an_offsite_next_parameter_is_ignored(dash):
    client = dash.app.test_client()
    token = csrf_token(client)
    response = client.post(
        "/login?next=//evil.example/x", data={"username": "casey.c", "password": PASSWORD, "csrf_token": token}
    )
    assert response.headers["Location"] == "/"
