"""Job-outlook wording derived from a projected percent change, in the Bureau of Labor Statistics' terms.

BLS describes an occupation's projected growth against the growth of all occupations (2024–34: 3.1%),
in whole percents. The thresholds below follow the Occupational Outlook Handbook's pattern: the
comparative labels are measured from the all-occupation average, while "little or no change" and
"decline" are absolute.

Both the change ``p`` and the average ``a`` are first rounded to whole percents (half up), as the
Handbook states them: ``r = round(p)``, ``A = round(a)``.

=============================  ==========================================
label                          when
=============================  ==========================================
"much faster than average"     ``r >= A + 4``
"faster than average"          ``A + 2 <= r <= A + 3``
"about as fast as average"     ``A <= r <= A + 1``
"slower than average"          ``2 <= r < A``
"little or no change"          ``-1 <= r <= 1``
"decline"                      ``r <= -2``
=============================  ==========================================

With the 2024–34 average of 3.1 (A = 3): 7% or more much faster, 5–6% faster, 3–4% about as fast,
2% slower, −1% to 1% little or no change, −2% or less decline. (If the average itself rounds to 2%
or less, "slower than average" cannot occur and the comparative bands start above 1%.)
"""

from __future__ import annotations

import math

#: All-occupation employment growth, 2024–34 (BLS Employment Projections, table 1.2, 00-0000).
DEFAULT_AVERAGE = 3.1

#: Every label :func:`outlook_label` returns, fastest growth first.
LABELS = (
    "much faster than average",
    "faster than average",
    "about as fast as average",
    "slower than average",
    "little or no change",
    "decline",
)

MUCH_FASTER_FROM = 4  # whole points above the average
FASTER_FROM = 2
LITTLE_CHANGE = 1  # |r| <= 1: "little or no change"


def _whole(value: float) -> int:
    """Round half up to a whole percent (4.5 → 5, -1.5 → -1)."""
    return math.floor(float(value) + 0.5 + 1e-9)


def outlook_label(percent_change: float | None, average: float = DEFAULT_AVERAGE) -> str | None:
    """The BLS-style outlook phrase for a projected ``percent_change`` (``None`` when unknown).

    >>> outlook_label(40.0), outlook_label(4.9), outlook_label(3.0), outlook_label(-5.0)
    ('much faster than average', 'faster than average', 'about as fast as average', 'decline')
    """
    if percent_change is None:
        return None
    r, a = _whole(percent_change), _whole(average)
    if r < -LITTLE_CHANGE:
        return "decline"
    if r <= LITTLE_CHANGE:
        return "little or no change"
    if r >= a + MUCH_FASTER_FROM:
        return "much faster than average"
    if r >= a + FASTER_FROM:
        return "faster than average"
    if r >= a:
        return "about as fast as average"
    return "slower than average"
