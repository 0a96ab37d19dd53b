"""Entity masking (measured, not in config.yml): a KB name's tokens become one type token."""

from __future__ import annotations

from rasa.nlu.tokenizers.tokenizer import Token

from bot.nlu.masking import mask_tokens


def _tokens(text: str) -> list[Token]:
    out, at = [], 0
    for word in text.split():
        start = text.index(word, at)
        out.append(Token(word, start, lemma=word))
        at = start + len(word)
    return out


def test_a_multi_word_name_becomes_one_type_token():
    text = "what does an aquaculture director do"
    masked = mask_tokens(_tokens(text), [(13, 33, "occupation")])
    assert [t.text for t in masked] == ["what", "does", "an", "__occupation__", "do"]
    assert [t.lemma for t in masked][3] == "__occupation__"
    assert (masked[3].start, masked[3].end) == (13, 33)


def test_two_names_of_different_types():
    text = "nurse jobs in health science"
    masked = mask_tokens(_tokens(text), [(0, 5, "occupation"), (14, 28, "cluster")])
    assert [t.text for t in masked] == ["__occupation__", "jobs", "in", "__cluster__"]


def test_no_span_leaves_the_tokens():
    tokens = _tokens("how much do they make")
    assert [t.text for t in mask_tokens(tokens, [])] == ["how", "much", "do", "they", "make"]
