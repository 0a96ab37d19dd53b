"""Which student messages need a person, by ticket category (schedule, transcripts, financial aid
specifics, IEP/504, family or personal problems).

General questions ("what is FAFSA?") stay with the assistant's FAQ; what is about the student's own
case ("help with MY financial aid", "change my schedule") goes to a counselor.
"""

from __future__ import annotations

import re

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (category, re.compile(pattern, re.IGNORECASE))
    for category, pattern in (
        ("iep_504", r"\b(iep|504( plan)?|individuali[sz]ed education|accommodations?|special ed(ucation)?)\b"),
        (
            "schedule",
            r"\b((change|switch|fix|drop|add)\b.{0,20}\b(schedule|class|classes|course|courses|period)"
            r"|schedule change|(wrong|messed up) (class|schedule))",
        ),
        ("transcript", r"\b(transcripts?|my (school )?records|report cards? (copy|sent)|send my grades)\b"),
        (
            "financial_aid",
            r"\b((my|our|the) (fafsa|financial aid|aid (offer|package|award|letter))"
            r"|fafsa (verification|error|problem|issue|rejected|help|selected)|verification for fafsa"
            r"|(sai|efc) (is|was|number)|help (me )?(with|filling( out)?) (the |my )?fafsa)",
        ),
        (
            "personal",
            r"\b(family (problems?|issues?|stuff)|problems? at home|my parents (are|keep|fight|fighting|divorc\w*)"
            r"|(getting|got) divorced|being bullied|bully(ing)?|personal (problems?|issues?|stuff)"
            r"|nobody to talk to|(mom|dad|parents?) (yell|yells|yelling|kicked me))\b",
        ),
    )
)


def category_for(text: str) -> str | None:
    """The ticket category a message needs a person for, or None (first match in a fixed order)."""
    message = text or ""
    for category, pattern in _PATTERNS:
        if pattern.search(message):
            return category
    return None
