"""Pseudonymous student profiles: ids, upserts, plan items and deletion on request, on a real database."""

from __future__ import annotations

import os
import stat

import pytest
from sqlalchemy import func, select

from career_kb import students
from career_kb.db import make_engine, session_scope
from career_kb.models import CareerPlanItem, StudentProfile


def test_student_id_is_a_keyed_hash_not_the_sender_id():
    a = students.student_id_for("sender-123", "secret-one")
    assert a == students.student_id_for("sender-123", b"secret-one")  # stable
    assert len(a) == 64 and all(c in "0123456789abcdef" for c in a)
    assert "sender-123" not in a
    assert a != students.student_id_for("sender-123", "secret-two")  # depends on the secret
    assert a != students.student_id_for("sender-124", "secret-one")  # and on the sender


def test_secret_from_env_wins(configure, tmp_path):
    configure(CAREER_KB_VAR_DIR=str(tmp_path), STUDENT_ID_SECRET="from-env")
    assert students.student_id_for("x") == students.student_id_for("x", "from-env")
    assert not students.secret_path().exists()  # nothing written when the env var is set


def test_per_install_secret_is_created_once_private_and_reused(configure, tmp_path):
    configure(CAREER_KB_VAR_DIR=str(tmp_path), STUDENT_ID_SECRET=None)
    first = students.student_id_for("sender-9")
    path = students.secret_path()
    assert path.parent == tmp_path and path.exists()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert students.student_id_for("sender-9") == first  # same secret read back
    secret = path.read_text().strip()
    assert len(secret) == 64
    assert first == students.student_id_for("sender-9", secret)


def test_the_profile_table_has_no_column_for_names_or_contacts():
    columns = {c.name for c in StudentProfile.__table__.columns}
    for forbidden in ("name", "first_name", "last_name", "email", "phone", "address", "birthday"):
        assert forbidden not in columns


def test_upsert_get_plan_and_delete(empty_kb_url):
    engine = make_engine(empty_kb_url)
    sid = students.student_id_for("sender-a", "s")
    other = students.student_id_for("sender-b", "s")
    try:
        with session_scope(engine) as s:
            assert students.get_profile(s, sid) is None
            p = students.upsert_profile(s, sid, grade=9, zip="30301", add_interests=["Biology", "helping people"])
            assert (p.grade, p.zip, p.school_id) == (9, "30301", None)
            students.upsert_profile(s, other, grade=7)
        with session_scope(engine) as s:
            # only the fields passed change
            p = students.upsert_profile(s, sid, state="GA", riasec_code="IS", add_interests=["biology", "art"])
            assert (p.grade, p.zip, p.state, p.riasec_code) == (9, "30301", "GA", "IS")
            assert p.interests == ("biology", "helping people", "art")
            p = students.upsert_profile(s, sid, zip=None)
            assert p.zip is None and p.grade == 9
        with session_scope(engine) as s:
            item, created = students.add_plan_item(s, sid, "career", "29-1141.00", "Registered Nurses")
            assert created and item.ref == "29-1141.00"
            again, created = students.add_plan_item(s, sid, "career", "29-1141.00")
            assert not created and again.id == item.id
            students.add_plan_item(s, sid, "step", None, "Ask about the health science program")
            students.add_plan_item(s, other, "career", "47-2111.00")
            assert [i.kind for i in students.list_plan_items(s, sid)] == ["career", "step"]
        with session_scope(engine) as s:
            assert students.delete_student(s, sid) == 3  # two plan items + the profile
        with session_scope(engine) as s:
            assert students.get_profile(s, sid) is None
            assert students.list_plan_items(s, sid) == []
            left = s.execute(select(func.count()).select_from(CareerPlanItem)).scalar_one()
            assert left == 1  # the other student's item is untouched
            assert students.get_profile(s, other).grade == 7
            assert students.delete_student(s, sid) == 0  # deleting twice is harmless
    finally:
        engine.dispose()


def test_plan_item_creates_a_bare_profile(empty_kb_url):
    engine = make_engine(empty_kb_url)
    try:
        with session_scope(engine) as s:
            students.add_plan_item(s, "abc", "career", "15-1252.00")
            p = students.get_profile(s, "abc")
            assert p is not None and p.grade is None and p.zip is None
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "kwargs",
    [
        {"grade": 5},
        {"grade": 13},
        {"zip": "3030"},
        {"zip": "john@example.com"},
        {"state": "Georgia"},
        {"riasec_code": "XYZ"},
    ],
)
def test_bad_values_are_refused(empty_kb_url, kwargs):
    engine = make_engine(empty_kb_url)
    try:
        with session_scope(engine) as s:
            with pytest.raises(ValueError):
                students.upsert_profile(s, "abc", **kwargs)
            assert students.get_profile(s, "abc") is None
    finally:
        engine.dispose()


def test_unknown_plan_kind_is_refused(empty_kb_url):
    engine = make_engine(empty_kb_url)
    try:
        with session_scope(engine) as s:
            with pytest.raises(ValueError):
                students.add_plan_item(s, "abc", "diary", None, "x")
    finally:
        engine.dispose()
