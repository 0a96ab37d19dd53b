"""The counselor dashboard (issue 12): a Flask app over :mod:`career_kb.counselor`.

Sign-in with Flask-Login sessions (passwords checked by :mod:`career_kb.counselor.staff`), CSRF
protection on every form with Flask-WTF, two roles (counselor, admin), and every view scoped to the
signed-in account's district. ``python -m dashboard`` serves it on ``DASHBOARD_HOST:DASHBOARD_PORT``
(``make run`` starts it beside the assistant). See docs/counselor.md.
"""
