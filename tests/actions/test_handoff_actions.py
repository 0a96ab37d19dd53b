"""The FAQ action picks the ResponseSelector's answer the way Rasa files it."""

from __future__ import annotations

from actions.handoff import trained_faq_response


def test_the_trained_answer_is_read_from_the_default_selector_or_the_faq_one():
    chosen = {"response": {"intent_response_key": "faq/resume", "utter_action": "utter_faq/resume"}}
    assert trained_faq_response({"response_selector": {"default": chosen}}) == "utter_faq/resume"
    assert trained_faq_response({"response_selector": {"faq": chosen}}) == "utter_faq/resume"
    chitchat = {"response": {"intent_response_key": "chitchat/joke", "utter_action": "utter_chitchat/joke"}}
    assert trained_faq_response({"response_selector": {"default": chitchat}}) == "utter_default"
    assert trained_faq_response({}) == "utter_default"
