"""The dialogue evaluation's cases and how it judges a reply (no Rasa needed)."""

from __future__ import annotations

import pytest

from bot import eval_cases as ec
from career_kb.title_split import SplitTitle

TITLES = (
    SplitTitle("Aquaculture Director", "11-9013.00", "reported", 4),
    SplitTitle("Executive Director", "11-1011.00", "reported", 5),
)


def test_issue_8_question_forms_are_all_asked():
    expected = {"duties", "pay", "pay_state", "education", "outlook", "similar", "become", "near_me", "what_is"}
    expected |= {"tell_me_about", "bare", "misspelled"}
    assert expected <= set(ec.FORMS)
    cases = ec.title_cases(TITLES * 7)
    assert len(cases) == 28
    assert {c.form for c in cases} == set(ec.FORMS)


def test_cases_carry_the_code_and_near_me_knows_the_zip():
    cases = ec.title_cases(TITLES * 4)
    assert [c.form for c in cases[:3]] == ["duties", "pay", "pay_state"]
    assert cases[0].onet_code == "11-9013.00" and "aquaculture director" in cases[0].text
    near = [c for c in cases if c.form == "near_me"]
    assert near and all(c.slots == {"zip": "50315", "state": "IA"} for c in near)
    assert all(c.slots == {} for c in cases if c.form != "near_me")


@pytest.mark.parametrize(
    ("title", "typo"),
    [("executive director", "exectuive director"), ("aquaculture director", "aquacculture director")],
)
def test_misspell_changes_one_letter_of_the_longest_word(title, typo):
    assert ec.misspell(title) == typo


def _events(intent: str, actions=(), slot=None, buttons=(), retrieval=None) -> list[dict]:
    parse = {"intent": {"name": intent}}
    if retrieval:
        parse["response_selector"] = {intent: {"response": {"intent_response_key": retrieval}}}
    events = [{"event": "user", "parse_data": parse}]
    events += [{"event": "action", "name": a} for a in actions]
    if slot:
        events.append({"event": "slot", "name": "occupation_code", "value": slot})
    events.append({"event": "bot", "data": {"buttons": [{"payload": p} for p in buttons]}})
    return [{"event": "user", "parse_data": {"intent": {"name": "greet"}}}, {"event": "bot"}] + events


def _pay(code: str) -> str:
    return '/ask_pay{"occupation_code": "' + code + '"}'


def test_classify_each_kind_of_reply():
    code = "47-2152.00"
    cases = {
        "right": _events("ask_pay", ["action_pay"], slot=code, buttons=[_pay("11-1011.00")]),
        "wrong": _events("ask_pay", ["action_pay"], slot="47-2111.00"),
        "choice": _events("ask_pay", ["action_pay"], buttons=[_pay("47-2111.00"), _pay(code)]),
        "faq": _events("faq", ["utter_faq"], retrieval="faq/financial_aid"),
        "fallback": _events("nlu_fallback", ["utter_default"]),
        "other": _events("ask_cte_programs", ["action_cte_programs", "profile_form"]),
    }
    for kind, events in cases.items():
        assert ec.classify(ec.turn_from_events(events), code) == kind, kind
    single = _events("ask_cte_programs", ["action_cte_programs"], buttons=[_pay(code)])
    assert ec.classify(ec.turn_from_events(single), code) == "right"
    assert ec.turn_from_events(cases["faq"]).intent == "faq/financial_aid"


def test_freeform_directory_empty_or_missing_gives_no_cases(tmp_path):
    assert ec.load_freeform(tmp_path / "missing") == []
    (tmp_path / ".gitkeep").write_text("")
    assert ec.load_freeform(tmp_path) == []


def test_freeform_file_is_read_and_judged(tmp_path):
    (tmp_path / "a.yml").write_text(
        "messages:\n"
        "  - text: how do i pay for college\n    intent: faq\n"
        "  - text: plumer\n    answer: right\n    occupation: 47-2152.00\n"
        "  - text: programs near me\n    intent: ask_cte_programs\n    slots: {zip: '50315'}\n",
        encoding="utf-8",
    )
    faq, plumber, near = ec.load_freeform(tmp_path)
    assert (faq.form, faq.intent, plumber.onet_code, near.slots) == ("a", "faq", "47-2152.00", {"zip": "50315"})
    assert ec.freeform_passed(faq, ec.turn_from_events(_events("faq", ["utter_faq"], retrieval="faq/financial_aid")))
    assert ec.freeform_passed(plumber, ec.turn_from_events(_events("ask_occupation_info", slot="47-2152.00")))
    assert not ec.freeform_passed(plumber, ec.turn_from_events(_events("nlu_fallback", ["utter_default"])))


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("messages:\n  - intent: greet\n", "needs a 'text'"),
        ("messages:\n  - text: hi\n", "'intent' or 'answer'"),
        ("messages:\n  - text: hi\n    answer: great\n", "must be one of"),
        ("messages:\n  - text: plumer\n    answer: right\n", "needs the 'occupation' code"),
    ],
)
def test_freeform_mistakes_are_reported_with_the_item(tmp_path, text, error):
    (tmp_path / "bad.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=error):
        ec.load_freeform(tmp_path)


def test_reports_apply_the_floors_and_skip_an_empty_freeform_set():
    from bot.eval_dialogue import report_freeform, report_titles

    text, ok = report_freeform([])
    assert ok and text == "free-form set: no files in tests/eval/freeform/, skipped"
    case = ec.title_cases(TITLES[:1], per_title=1)[0]
    right, fallback = ec.Turn("ask_occupation_info", (), "11-9013.00", ()), ec.Turn("nlu_fallback", (), None, ())
    assert report_titles([(case, right, "right")] * 97 + [(case, fallback, "fallback")] * 3)[1] is False
    assert report_titles([(case, right, "right")] * 99 + [(case, fallback, "fallback")])[1] is True
    free = ec.Case("a", "hi", intent="greet")
    assert report_freeform([(free, right, True)] * 92 + [(free, right, False)] * 8)[1] is True
    assert report_freeform([(free, right, True)] * 91 + [(free, right, False)] * 9)[1] is False
