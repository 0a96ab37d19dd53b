"""The quiz result as a picture: a bar chart of the six area scores (PNG bytes), served to the web
widget by signed link (:mod:`bot.plan_files`, :mod:`career_kb.assessment.links`) and printed on the
plan; other channels get the text.

Drawn with matplotlib's Agg backend (a Rasa dependency), without a display.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from career_kb.vocabulary import RIASEC, RIASEC_NAMES

#: Bar colours: the student's top areas and the rest.
TOP_COLOUR = "#1f6f8b"
OTHER_COLOUR = "#a9c5d3"


def profile_png(scores: Mapping[str, float], code: str, title: str, scale_label: str) -> bytes:
    """A horizontal bar chart of ``scores`` (0.0-1.0 per area) with the areas of ``code`` highlighted."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure  # no pyplot: no global state, safe in a server thread

    figure = Figure(figsize=(5.6, 3.0), dpi=100)
    axes = figure.add_subplot(1, 1, 1)
    areas = list(reversed(RIASEC))  # R at the top
    values = [round(100 * float(scores.get(a, 0.0))) for a in areas]
    colours = [TOP_COLOUR if a in code else OTHER_COLOUR for a in areas]
    bars = axes.barh([RIASEC_NAMES[a] for a in areas], values, color=colours)
    for bar, value in zip(bars, values, strict=True):
        axes.text(bar.get_width() + 1.5, bar.get_y() + bar.get_height() / 2, f"{value}", va="center", fontsize=9)
    axes.set_xlim(0, 110)
    axes.set_xlabel(scale_label, fontsize=9)
    axes.set_title(title, fontsize=11)
    axes.spines["top"].set_visible(False)
    axes.spines["right"].set_visible(False)
    axes.tick_params(labelsize=9)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
