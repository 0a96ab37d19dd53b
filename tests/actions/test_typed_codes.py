"""A code typed without its ".00" (or in a sentence) finds the occupation, and the slot keeps the normal form.

Software Developers, 15-1252: OEWS May 2025 national annual median $135,980 (oews_national_may2025.csv).
"""

from __future__ import annotations

import pytest

from actions import occupations


@pytest.mark.parametrize("typed", ["15-1252", "151252", "15-1252.0"])
async def test_a_code_without_its_suffix_is_found(run_action, typed):
    run = await run_action(
        occupations.ActionPay(),
        "pay_button_no_state",
        latest_message={
            "text": f'/ask_pay{{"occupation_code":"{typed}"}}',
            "intent": {"name": "ask_pay", "confidence": 1.0},
            "entities": [{"entity": "occupation_code", "value": typed}],
        },
    )
    assert run.text.startswith("Pay for Software Developers:")
    assert "In the U.S., the median pay is $135,980 a year" in run.text
    assert run.slots()["occupation_code"] == "15-1252.00"


async def test_a_code_in_the_message_is_found(run_action):
    run = await run_action(
        occupations.ActionPay(),
        "pay_button_no_state",
        latest_message={"text": "how much does 15-1252 pay", "intent": {"name": "ask_pay", "confidence": 0.9}},
    )
    assert run.text.startswith("Pay for Software Developers:")
    assert run.slots()["occupation_code"] == "15-1252.00"
