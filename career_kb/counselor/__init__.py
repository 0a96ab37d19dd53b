"""Counselors (issue 12): staff accounts, the hand-off queue, stored FAQ answers, replies and the audit log.

No Rasa and no web framework here: the actions (``actions/handoff.py``) and the dashboard
(``dashboard/``) are thin adapters over these modules. Every function takes a SQLAlchemy ``Session``
first and returns frozen dataclasses, like the query API.

* :mod:`.vocabulary`: roles, ticket categories, urgencies and statuses (one copy each);
* :mod:`.staff`: accounts, hashed passwords (``werkzeug.security``), sign-in checks;
* :mod:`.tickets`: open (also :func:`.tickets.open_urgent_for_alert` for the safety layer), queue,
  claim, note, resolve, delete on request;
* :mod:`.topics`: which student messages need a person, by category;
* :mod:`.faq`: counselor-written answers and their retrieval (TF-IDF over the example questions);
* :mod:`.outbox`: counselor replies waiting for the student's channel;
* :mod:`.audit`: who viewed which transcript and who changed which answer;
* :mod:`.transcripts` and :mod:`.analytics`: read Rasa's SQL tracker store.
"""
