"""``career-kb staff create-admin``: the first admin from the command line, password from stdin."""

from __future__ import annotations

import io

from sqlalchemy import select

from career_kb.cli import main
from career_kb.db import make_engine, session_scope
from career_kb.models import District, StaffAccount

PASSWORD = "a long admin passphrase"


def _with_district(url: str) -> None:
    engine = make_engine(url)
    with session_scope(engine) as session:
        session.add(District(id="d1", name="District One", state="IA", is_sample=False))
    engine.dispose()


def test_create_admin_reads_the_password_from_stdin_and_stores_a_hash(empty_kb_url, monkeypatch, capsys):
    _with_district(empty_kb_url)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    args = ["--db", empty_kb_url, "staff", "create-admin", "--district", "d1", "--username", "Head.Counselor"]
    assert main([*args, "--password-stdin"]) == 0
    out, err = capsys.readouterr()
    assert out == "created admin 'head.counselor' in district d1\n"
    assert PASSWORD not in out + err
    engine = make_engine(empty_kb_url)
    with session_scope(engine) as session:
        row = session.execute(select(StaffAccount)).scalar_one()
        assert (row.username, row.role, row.district_id) == ("head.counselor", "admin", "d1")
        assert PASSWORD not in row.password_hash
    engine.dispose()
    assert main(["--db", empty_kb_url, "staff", "list", "--district", "d1"]) == 0
    assert capsys.readouterr().out == "head.counselor\tadmin\tactive\n"


def test_create_admin_refuses_a_short_password_and_an_unknown_district(empty_kb_url, monkeypatch, capsys):
    _with_district(empty_kb_url)
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    args = ["--db", empty_kb_url, "staff", "create-admin", "--district", "d1", "--username", "x.admin"]
    assert main([*args, "--password-stdin"]) == 2
    assert capsys.readouterr().err == "error: the password must be at least 10 characters\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    args[5] = "nowhere"
    assert main([*args, "--password-stdin"]) == 2
    assert capsys.readouterr().err == "error: no district 'nowhere' in the knowledge base\n"
