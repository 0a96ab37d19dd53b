"""The counselor domain on a real database (both backends): staff, tickets, FAQ retrieval, outbox,
audit log and deletion on request."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from career_kb import students
from career_kb.counselor import audit, faq, outbox, staff, tickets, topics
from career_kb.models import AuditEntry, District, OutboxMessage, StaffAccount, Ticket, TicketNote

SAMPLE = "sample-confluence"


@pytest.fixture
def other_district(kb_session):
    kb_session.add(District(id="other-district", name="Other District (test)", state="IA", is_sample=True))
    kb_session.flush()
    return "other-district"


def _counselor(session, username="casey.c", district=SAMPLE, role="counselor"):
    return staff.create_staff(session, district, username, "correct horse battery", role)


def test_passwords_are_stored_hashed_and_checked(kb_session):
    account = _counselor(kb_session, "Pat.Admin", role="admin")
    assert (account.username, account.role, account.is_admin) == ("pat.admin", "admin", True)
    stored = kb_session.execute(select(StaffAccount.password_hash).where(StaffAccount.id == account.id)).scalar_one()
    assert "correct horse battery" not in stored
    assert stored.startswith("scrypt:")
    assert staff.authenticate(kb_session, "PAT.ADMIN", "correct horse battery") == account
    assert staff.authenticate(kb_session, "pat.admin", "wrong password!") is None
    assert staff.authenticate(kb_session, "nobody", "correct horse battery") is None
    staff.set_active(kb_session, SAMPLE, account.id, False)
    assert staff.authenticate(kb_session, "pat.admin", "correct horse battery") is None


@pytest.mark.parametrize(
    ("district", "username", "password", "role", "message"),
    [
        (SAMPLE, "ab", "long enough pw", "counselor", "a username is 3-60"),
        (SAMPLE, "jo.smith", "short", "counselor", "at least 10 characters"),
        (SAMPLE, "jo.smith", "long enough pw", "principal", "the role must be one of: counselor, admin"),
        ("no-such-district", "jo.smith", "long enough pw", "counselor", "no district 'no-such-district'"),
    ],
)
def test_bad_accounts_are_refused_with_a_reason(kb_session, district, username, password, role, message):
    with pytest.raises(staff.StaffError, match=message):
        staff.create_staff(kb_session, district, username, password, role)


def test_a_username_is_taken_once(kb_session):
    _counselor(kb_session, "dup.name")
    with pytest.raises(staff.StaffError, match="the username 'dup.name' is taken"):
        _counselor(kb_session, "DUP.name")


def test_ticket_summary_holds_grade_school_saved_careers_and_last_turns(kb_session):
    students.upsert_profile(kb_session, "s1", grade=10, school_id="cf-riverbend-hs")
    students.add_plan_item(kb_session, "s1", "career", ref="47-2111.00")
    turns = [("student", f"message {i}") for i in range(8)]
    ticket, created = tickets.open_ticket(
        kb_session, student_id="s1", conversation_id="conv-1", channel="rest", category="schedule", last_turns=turns
    )
    assert created is True
    assert (ticket.status, ticket.urgency_name, ticket.category_label) == ("open", "normal", "Schedule change")
    assert ticket.district_id == SAMPLE
    assert ticket.summary.grade == 10
    assert ticket.summary.school == "Riverbend High School"
    assert ticket.summary.saved_careers == ("Electricians",)
    assert [t.text for t in ticket.summary.last_turns] == [f"message {i}" for i in range(2, 8)]


def test_an_unresolved_ticket_of_the_same_category_is_refreshed_not_duplicated(kb_session):
    first, created = tickets.open_ticket(
        kb_session, student_id="s2", conversation_id="c", channel="rest", category="requested"
    )
    again, created_again = tickets.open_ticket(
        kb_session, student_id="s2", conversation_id="c", channel="rest", category="requested", urgency=2
    )
    assert (created, created_again, again.id, again.urgency_name) == (True, False, first.id, "high")


def test_queue_is_sorted_by_urgency_then_age_and_scoped_to_the_district(kb_session, other_district):
    counselor = _counselor(kb_session)
    elsewhere = _counselor(kb_session, "olly.other", district=other_district)
    for sid, school in (("a", "cf-riverbend-hs"), ("b", "cf-bluestem-hs"), ("c", "cf-riverbend-hs")):
        students.upsert_profile(kb_session, sid, grade=11, school_id=school)
    normal, _ = tickets.open_ticket(
        kb_session, student_id="a", conversation_id="ca", channel="rest", category="transcript"
    )
    personal, _ = tickets.open_ticket(
        kb_session, student_id="b", conversation_id="cb", channel="rest", category="personal"
    )
    crisis = tickets.open_urgent_for_alert(
        kb_session, student_id="c", conversation_id="cc", channel="socketio", alert_ref="alert:7"
    )
    assert (crisis.category, crisis.urgency_name, crisis.alert_ref) == ("crisis", "urgent", "alert:7")
    assert [t.id for t in tickets.queue(kb_session, counselor)] == [crisis.id, personal.id, normal.id]
    assert tickets.queue(kb_session, elsewhere) == []
    with pytest.raises(tickets.TicketError, match="no such ticket"):
        tickets.get_ticket(kb_session, crisis.id, elsewhere)
    with pytest.raises(tickets.TicketError):
        tickets.claim(kb_session, crisis.id, elsewhere)


def test_unknown_district_tickets_reach_admins_only(kb_session, other_district):
    counselor = _counselor(kb_session)
    admin = _counselor(kb_session, "ada.admin", role="admin")
    ticket, _ = tickets.open_ticket(
        kb_session, student_id="nob", conversation_id="x", channel="rest", category="requested"
    )
    assert ticket.district_id is None  # no school told, two districts
    assert tickets.queue(kb_session, counselor) == []
    assert [t.id for t in tickets.queue(kb_session, admin)] == [ticket.id]


def test_claim_note_resolve_are_audited(kb_session):
    counselor = _counselor(kb_session)
    ticket, _ = tickets.open_ticket(
        kb_session, student_id="s3", conversation_id="c3", channel="rest", category="iep_504"
    )
    assert tickets.claim(kb_session, ticket.id, counselor).claimed_by == "casey.c"
    noted = tickets.add_note(kb_session, ticket.id, counselor, "  Called the family.  ")
    assert [(n.username, n.body) for n in noted.notes] == [("casey.c", "Called the family.")]
    with pytest.raises(tickets.TicketError, match="a note is 1 to 5000 characters"):
        tickets.add_note(kb_session, ticket.id, counselor, "   ")
    done = tickets.resolve(kb_session, ticket.id, counselor)
    assert done.status == "resolved" and done.resolved_at is not None
    assert tickets.queue(kb_session, counselor) == []
    with pytest.raises(tickets.TicketError, match="already resolved"):
        tickets.claim(kb_session, ticket.id, counselor)
    log = audit.recent(kb_session, SAMPLE)
    assert [(r.username, r.action, r.target) for r in log] == [
        ("casey.c", "ticket_resolve", f"ticket:{ticket.id}"),
        ("casey.c", "ticket_note", f"ticket:{ticket.id}"),
        ("casey.c", "ticket_claim", f"ticket:{ticket.id}"),
    ]


def test_outbox_hands_a_reply_out_once(kb_session):
    counselor = _counselor(kb_session)
    ticket, _ = tickets.open_ticket(
        kb_session, student_id="s4", conversation_id="c4", channel="rest", category="requested"
    )
    reply = outbox.queue_reply(kb_session, ticket.id, counselor, "Come see me at lunch.")
    assert (reply.conversation_id, reply.channel, reply.delivered_at) == ("c4", "rest", None)
    assert [r.body for r in outbox.take_pending(kb_session, "c4")] == ["Come see me at lunch."]
    assert outbox.take_pending(kb_session, "c4") == []
    with pytest.raises(tickets.TicketError, match="a reply is 1 to 2000 characters"):
        outbox.queue_reply(kb_session, ticket.id, counselor, "")


FAQ_EXAMPLES = ["When is the FAFSA night?", "what day is fafsa night", "financial aid night date"]
FAQ_ANSWER = "FAFSA night is March 3 at 6 pm in the Riverbend library."


def test_stored_faq_is_found_at_once_and_only_in_its_district(kb_session, other_district):
    admin = _counselor(kb_session, "ada.admin", role="admin")
    entry = faq.add_entry(
        kb_session, SAMPLE, "\n".join(FAQ_EXAMPLES + ["  ", "When is the FAFSA night?"]), FAQ_ANSWER, admin.id
    )
    assert entry.examples == tuple(FAQ_EXAMPLES)
    match = faq.find_answer(kb_session, SAMPLE, "when is fafsa nite?")
    assert match is not None and (match.entry_id, match.answer) == (entry.id, FAQ_ANSWER)
    assert match.example == "When is the FAFSA night?"
    assert faq.find_answer(kb_session, SAMPLE, "what does an electrician do") is None
    assert faq.find_answer(kb_session, other_district, "When is the FAFSA night?") is None
    assert faq.find_answer(kb_session, None, "When is the FAFSA night?") is None


def test_an_edited_or_disabled_answer_is_used_at_once(kb_session):
    entry = faq.add_entry(kb_session, SAMPLE, FAQ_EXAMPLES, FAQ_ANSWER)
    faq.update_entry(kb_session, SAMPLE, entry.id, FAQ_EXAMPLES, "Moved: March 10.")
    assert faq.find_answer(kb_session, SAMPLE, "When is the FAFSA night?").answer == "Moved: March 10."
    faq.update_entry(kb_session, SAMPLE, entry.id, FAQ_EXAMPLES, "Moved: March 10.", active=False)
    assert faq.find_answer(kb_session, SAMPLE, "When is the FAFSA night?") is None
    with pytest.raises(faq.FaqError, match="no such FAQ entry in this district"):
        faq.get_entry(kb_session, "other-district", entry.id)
    with pytest.raises(faq.FaqError, match="give at least one example question"):
        faq.add_entry(kb_session, SAMPLE, "\n \n", "x")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I need to change my schedule", "schedule"),
        ("can I drop a class", "schedule"),
        ("how do I get my transcript sent to a college", "transcript"),
        ("I need help with my FAFSA verification", "financial_aid"),
        ("my financial aid offer looks wrong", "financial_aid"),
        ("question about my IEP", "iep_504"),
        ("do I still have my 504 plan in high school", "iep_504"),
        ("my parents are getting divorced", "personal"),
        ("there are problems at home", "personal"),
        ("what is FAFSA?", None),
        ("what does an electrician do", None),
        ("what classes should I take for nursing", None),
    ],
)
def test_topics_that_need_a_person(text, category):
    assert topics.category_for(text) == category


def test_delete_my_data_reaches_tickets_notes_and_replies(kb_session):
    counselor = _counselor(kb_session)
    students.upsert_profile(kb_session, "gone", grade=9)
    ticket, _ = tickets.open_ticket(
        kb_session, student_id="gone", conversation_id="cg", channel="rest", category="personal"
    )
    tickets.add_note(kb_session, ticket.id, counselor, "note")
    outbox.queue_reply(kb_session, ticket.id, counselor, "reply")
    assert students.delete_student(kb_session, "gone") == 2  # one ticket + one profile
    for model in (Ticket, TicketNote, OutboxMessage):
        assert kb_session.execute(select(func.count()).select_from(model)).scalar_one() == 0
    assert kb_session.execute(select(func.count()).select_from(AuditEntry)).scalar_one() == 2  # ids, no text
