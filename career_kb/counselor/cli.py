"""``career-kb staff ...``: the first admin (and other accounts) from the command line.

The password is read from a prompt (asked twice, not echoed) or, with ``--password-stdin``, from the
first line of standard input; it is never an argument (it would show in ``ps`` and shell history)
and never printed.
"""

from __future__ import annotations

import getpass
import sys

from career_kb.counselor import staff

EXIT_ERROR = 2


def _read_password(args) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password again: "):
        raise staff.StaffError("the two passwords differ")
    return first


def _create(args, role: str) -> int:
    from career_kb.db import make_engine, session_scope

    engine = make_engine(args.db) if args.db else make_engine()
    try:
        password = _read_password(args)
        with session_scope(engine) as session:
            account = staff.create_staff(session, args.district, args.username, password, role)
    except staff.StaffError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        engine.dispose()
    print(f"created {account.role} {account.username!r} in district {account.district_id}")
    return 0


def cmd_create_admin(args) -> int:
    """``career-kb staff create-admin``: an admin account (the first one, usually)."""
    return _create(args, "admin")


def cmd_create(args) -> int:
    """``career-kb staff create``: an account with ``--role`` (counselor by default)."""
    return _create(args, args.role)


def cmd_list(args) -> int:
    """``career-kb staff list --district D``: the district's accounts (no passwords, no hashes)."""
    from career_kb.db import make_engine, session_scope

    engine = make_engine(args.db) if args.db else make_engine()
    try:
        with session_scope(engine) as session:
            accounts = staff.list_staff(session, args.district)
    finally:
        engine.dispose()
    for account in accounts:
        print(f"{account.username}\t{account.role}\t{'active' if account.active else 'disabled'}")
    return 0


def add_parser(sub) -> None:
    """Add the ``staff`` command to the ``career-kb`` subparsers."""
    p = sub.add_parser("staff", help="counselor dashboard accounts")
    ssub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, func, what in (
        ("create-admin", cmd_create_admin, "create an admin account"),
        ("create", cmd_create, "create an account"),
    ):
        c = ssub.add_parser(name, help=what)
        c.add_argument("--district", required=True, help="district id (see `career-kb stats`)")
        c.add_argument("--username", required=True)
        c.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
        if name == "create":
            c.add_argument("--role", choices=("counselor", "admin"), default="counselor")
        c.set_defaults(func=func)
    c = ssub.add_parser("list", help="list a district's accounts")
    c.add_argument("--district", required=True)
    c.set_defaults(func=cmd_list)
