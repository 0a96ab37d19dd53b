"""What the assistant says next on a safety concern, decided without Rasa (plain values in and out).

The NLU safety layers (``bot.safety``) mark a message ``crisis`` or ``check_in`` with a category
and a language. :func:`next_turn` takes that, the intent, and what the assistant said last on this
subject, and returns a :class:`SafetyTurn`: which reply to send (``kind``), for which category and
language, and whether a counselor alert is to be written.

* a crisis (a rule, the classifier, a "yes" to a check-in, or the student pressing "I need help")
  gets the category's resources and an alert;
* a check-in asks directly whether the student is safe, with the resources in the same reply;
* "no, I'm fine" after a check-in goes back gently; "not now" after a crisis stays with the
  student; an unclear answer after either stays on the subject.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Crisis categories, as the safety layers name them.
CATEGORIES = ("self_harm", "abuse", "exploitation", "violence", "runaway")
#: Languages with their own safety wording.
LANGS = ("en", "es")
CRISIS = "crisis"
CHECK_IN = "check_in"
#: Reply kinds (the wording keys are ``safety.<kind>...``).
KINDS = (CRISIS, CHECK_IN, "fine", "stay", "unsure", "counselor")
#: Categories whose check-in asks whether the student is safe at home rather than about self-harm.
HOME_CATEGORIES = ("abuse", "runaway")


@dataclass(frozen=True)
class SafetyTurn:
    """The reply to send: its kind, category and language, and whether to write an alert."""

    kind: str
    category: str
    lang: str
    alert: bool = False

    @property
    def level(self) -> str | None:
        """What to remember as the last safety level (``crisis``/``check_in``), or None to keep it."""
        return self.kind if self.kind in (CRISIS, CHECK_IN) else None


def _clean(category: str | None, lang: str | None) -> tuple[str, str]:
    return (category if category in CATEGORIES else "self_harm", lang if lang in LANGS else "en")


def next_turn(
    intent: str | None,
    marked: dict[str, object] | None,
    previous_level: str | None,
    previous_category: str | None,
    previous_lang: str | None,
) -> SafetyTurn:
    """The next safety reply.

    ``marked`` is the NLU's ``safety`` metadata of the latest message (level, category, lang) or
    None (a button payload skips the NLU); ``previous_*`` are what the last safety reply was about.
    """
    if marked and marked.get("level") in (CRISIS, CHECK_IN):
        category, lang = _clean(str(marked.get("category")), str(marked.get("lang")))
        level = str(marked["level"])
        if level == CHECK_IN and previous_level == CRISIS:
            level = CRISIS  # after a crisis reply, an unclear message is not asked about again
        return SafetyTurn(level, category, lang, alert=level == CRISIS)
    category, lang = _clean(previous_category, previous_lang)
    if intent == "safety_concern":  # "I need help" pressed, or a rule hit without metadata
        return SafetyTurn(CRISIS, category, lang, alert=True)
    if intent == "affirm":
        if previous_level == CHECK_IN:
            return SafetyTurn(CRISIS, category, lang, alert=True)
        return SafetyTurn("counselor", category, lang)
    if intent == "deny":
        return SafetyTurn("fine" if previous_level == CHECK_IN else "stay", category, lang)
    return SafetyTurn("unsure" if previous_level == CHECK_IN else "stay", category, lang)


def check_in_key(category: str) -> str:
    """The check-in question's wording key for a category (self-harm, safe at home, or the other's)."""
    return f"safety.check_in.{category}"


def wording_keys() -> set[str]:
    """Every wording key the safety replies use (the wording tests check the file has them)."""
    keys = set()
    for lang in LANGS:
        keys |= {f"safety.{CRISIS}.{c}.{lang}" for c in CATEGORIES}
        keys |= {f"{check_in_key(c)}.{lang}" for c in CATEGORIES}
        keys |= {f"safety.{k}.{lang}" for k in ("counselor_offer", "fine", "stay", "unsure")}
        keys |= {f"safety.buttons.{b}.{lang}" for b in ("yes", "no", "counselor", "help", "careers")}
    return keys
