"""The quiz's progress and the career plan in the KB: resumable, restartable, deleted on request."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from career_kb import models as m
from career_kb import students
from career_kb.assessment import steps, store

SID = "a" * 64


def _count(session, table) -> int:
    return session.execute(select(func.count()).select_from(table).where(table.student_id == SID)).scalar_one()


def test_short_quiz_is_resumable_and_ends_with_a_code(kb_session):
    assert store.progress(kb_session, SID) is None
    first = store.start(kb_session, SID, "short")
    assert (first.position, first.total, first.next_item.id) == (0, 12, "r1")
    answers = ["like", "like", "dislike", "dislike", "unsure", "unsure"] * 2  # r1 i1 a1 s1 e1 c1, twice
    for value in answers[:5]:
        store.answer(kb_session, SID, value)
    # the student leaves; later the quiz goes on at the sixth item (items.yml: c1)
    again = store.progress(kb_session, SID)
    assert (again.position, again.next_item.id, again.done) == (5, "c1", False)
    for value in answers[5:]:
        last = store.answer(kb_session, SID, value)
    assert last.done and last.profile is not None
    assert last.profile.code == "RIE"  # R, I 1.0; E and C 0.5 tie, no likes: RIASEC order
    assert students.get_profile(kb_session, SID).riasec_code == "RIE"
    plan = store.load_plan(kb_session, SID)
    assert plan.profile.code == "RIE" and plan.progress.done
    with pytest.raises(ValueError, match="no interest quiz"):
        store.answer(kb_session, SID, "like")


def test_skips_count_as_asked_and_restart_forgets_answers(kb_session):
    store.start(kb_session, SID, "full")
    store.answer(kb_session, SID, "skip")
    progress = store.answer(kb_session, SID, "like")
    assert progress.position == 2 and _count(kb_session, m.AssessmentAnswer) == 2
    with pytest.raises(ValueError, match="unknown answer"):
        store.answer(kb_session, SID, "maybe")
    restarted = store.start(kb_session, SID, "full")
    assert restarted.position == 0 and _count(kb_session, m.AssessmentAnswer) == 0


def test_plan_choices_careers_and_steps(kb_session):
    students.add_plan_item(kb_session, SID, "career", "47-2111.00", "Electricians")
    store.choose_cluster(kb_session, SID, "architecture-and-construction")
    with pytest.raises(ValueError):
        store.choose_cluster(kb_session, SID, "no-such-cluster")
    assert store.add_wbl_interest(kb_session, SID, "job shadowing") == ("job_shadow",)
    assert store.add_wbl_interest(kb_session, SID, "internships") == ("job_shadow", "internship")
    with pytest.raises(ValueError):
        store.add_wbl_interest(kb_session, SID, "a nap")
    store.save_steps(
        kb_session, SID, [("apply:job_shadow:cf-o-001", "Apply for the job shadow"), ("counselor", "Meet")]
    )
    done = store.set_step_done(kb_session, SID, "apply:job_shadow")
    assert done is not None and done.done
    assert store.set_step_done(kb_session, SID, "apply:internship") is None
    plan = store.load_plan(kb_session, SID)
    assert [c.ref for c in plan.careers] == ["47-2111.00"]
    assert plan.cluster_id == "architecture-and-construction"
    assert plan.wbl_interests == ("job_shadow", "internship")
    assert [(s.ref, s.done) for s in plan.steps] == [("apply:job_shadow:cf-o-001", True), ("counselor", False)]
    assert store.remove_career(kb_session, SID, "47-2111.00")
    assert not store.remove_career(kb_session, SID, "47-2111.00")


def test_delete_my_data_removes_answers_and_plan(kb_session):
    store.start(kb_session, SID, "short")
    store.answer(kb_session, SID, "like")
    store.add_wbl_interest(kb_session, SID, "internship")
    store.save_steps(kb_session, SID, [("counselor", "Meet the counselor")])
    assert _count(kb_session, m.AssessmentAnswer) == 1 and _count(kb_session, m.CareerPlan) == 1
    students.delete_student(kb_session, SID)
    for table in (m.AssessmentAnswer, m.CareerPlan, m.CareerPlanItem, m.StudentProfile):
        assert _count(kb_session, table) == 0
    assert store.load_plan(kb_session, SID).is_empty


def test_next_steps_come_from_the_grade_and_the_district(kb_session):
    today = dt.date(2026, 11, 30)
    found = steps.suggest(
        kb_session, 10, ["health-science", "education-and-training"], "cf-walnutcreek-hs", None, today
    )
    keys = [s.key for s in found]
    assert keys[0] == "course" and keys[-1] == "counselor" and "apply" in keys
    course = found[0].values
    # cte_programs.csv: Biomedical Sciences (PLTW) at Walnut Creek, grades 9-12, its second course in 10th grade
    assert course["program"] == "Biomedical Sciences (PLTW)" and course["course"] == "Human Body Systems"
    apply = next(s for s in found if s.key == "apply").values
    assert apply["deadline"] >= "2026-11-30"
    # Walnut Creek's counselor office (schools.csv)
    assert found[-1].values["office"]


def test_deadline_is_read_from_how_to_apply():
    opp = type("Opp", (), {"how_to_apply": "Apply ... by 2027-01-22; a form is required.", "start_date": None})()
    assert steps.deadline(opp) == dt.date(2027, 1, 22)


def test_the_plan_suggests_one_open_step_of_each_kind(kb_session):
    from career_kb.answers import plan

    today = dt.date(2026, 11, 30)
    students.add_plan_item(kb_session, SID, "career", "29-1141.00", "Registered Nurses")
    first = plan.plan_view(kb_session, SID, 10, "cf-walnutcreek-hs", None, today)
    kinds = [s.ref.split(":")[0] for s in first.suggestions]
    assert kinds[0] == "course" and "apply" in kinds and kinds[-1] == "counselor"
    store.save_steps(kb_session, SID, [(s.ref, s.key) for s in first.suggestions])
    assert plan.plan_view(kb_session, SID, 10, "cf-walnutcreek-hs", None, today).suggestions == ()
    # another school's course is not added while the first course step is open
    elsewhere = plan.plan_view(kb_session, SID, 10, "cf-riverbend-hs", None, today)
    assert not [s for s in elsewhere.suggestions if s.ref.startswith("course:")]
    # once the open application is done, the next one can be suggested
    apply_ref = next(s.ref for s in first.suggestions if s.ref.startswith("apply:"))
    store.set_step_done(kb_session, SID, apply_ref)
    later = plan.plan_view(kb_session, SID, 10, "cf-walnutcreek-hs", None, today)
    assert all(s.ref != apply_ref for s in later.suggestions)
