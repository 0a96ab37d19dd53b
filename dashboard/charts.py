"""Server-side SVG bar charts (no script, no outside files): each chart has a title and a
description for screen readers, and the page shows the same figures in a table beside it."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

BAR_HEIGHT = 22
LABEL_WIDTH = 260
BAR_WIDTH = 380


def bar_chart(chart_id: str, title: str, items: Sequence[tuple[str, int]]) -> Markup:
    """A horizontal bar chart of ``items`` (label, count), largest first as given."""
    if not items:
        return Markup("")
    top = max(count for _, count in items) or 1
    height = BAR_HEIGHT * len(items) + 10
    width = LABEL_WIDTH + BAR_WIDTH + 60
    desc = "; ".join(f"{label}: {count}" for label, count in items)
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>',
    ]
    for row, (label, count) in enumerate(items):
        y = 5 + row * BAR_HEIGHT
        bar = max(1, round(BAR_WIDTH * count / top))
        shown = label if len(label) <= 38 else label[:37] + "…"
        parts += [
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end" font-size="13">{escape(shown)}</text>',
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{bar}" height="{BAR_HEIGHT - 6}" fill="#0b3d62"></rect>',
            f'<text x="{LABEL_WIDTH + bar + 6}" y="{y + 15}" font-size="13">{count}</text>',
        ]
    parts.append("</svg>")
    return Markup("".join(parts))
