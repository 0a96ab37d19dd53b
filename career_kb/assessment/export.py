"""A printable one-page career plan (PDF) a student brings to a counselor meeting.

The sheet holds only what the plan holds — interest areas, saved careers, the chosen cluster, kinds
of work-based learning and next steps — never a name, id or contact detail. Texts come in already
worded (the caller words them from its wording file); this module only lays them out on one US
Letter page with reportlab, cutting long lists so the page never overflows.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

#: Points per inch.
_INCH = 72.0


@dataclass(frozen=True)
class Section:
    """A heading and its lines (a line starting with "[ ] " or "[x] " is a step with its status)."""

    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Sheet:
    """What goes on the page: a title, a subtitle (e.g. the date), sections, an optional chart PNG and
    a footer (e.g. where the data comes from)."""

    title: str
    subtitle: str
    sections: tuple[Section, ...]
    chart_png: bytes | None = None
    footer: str = ""


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if stringWidth(trial, font, size) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    return [*lines, current] if current else lines


def render_pdf(sheet: Sheet, max_lines_per_section: int = 8) -> bytes:
    """The sheet as a one-page PDF (bytes). Lists longer than ``max_lines_per_section`` are cut, and
    whatever still does not fit above the footer is left off: the plan always prints on one page."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=letter, pageCompression=0)
    page.setTitle(sheet.title)
    page.setAuthor("")
    width, height = letter
    left, right, bottom = 0.75 * _INCH, width - 0.75 * _INCH, 0.9 * _INCH
    y = height - 0.85 * _INCH
    page.setFont("Helvetica-Bold", 18)
    page.drawString(left, y, sheet.title)
    y -= 18
    page.setFont("Helvetica", 10)
    page.drawString(left, y, sheet.subtitle)
    y -= 14
    if sheet.chart_png:
        chart_w = 4.2 * _INCH
        chart_h = chart_w * 3.0 / 5.6
        page.drawImage(ImageReader(io.BytesIO(sheet.chart_png)), left, y - chart_h, chart_w, chart_h)
        y -= chart_h + 10
    y = _draw_sections(page, sheet.sections, left, right, y, bottom, max_lines_per_section)
    if sheet.footer:
        page.setFont("Helvetica-Oblique", 8)
        for i, line in enumerate(_wrap(sheet.footer, "Helvetica-Oblique", 8, right - left)[:3]):
            page.drawString(left, bottom - 20 - 10 * i, line)
    page.showPage()
    page.save()
    return out.getvalue()


def _draw_sections(
    page, sections: Sequence[Section], left: float, right: float, y: float, bottom: float, max_lines: int
) -> float:
    for section in sections:
        if y - 30 < bottom:
            break
        y -= 8
        page.setFont("Helvetica-Bold", 12)
        page.drawString(left, y, section.heading)
        y -= 15
        page.setFont("Helvetica", 10)
        for text in section.lines[:max_lines]:
            wrapped = _wrap(text, "Helvetica", 10, right - left - 14)
            if y - 12 * len(wrapped) < bottom:
                return y
            for i, part in enumerate(wrapped):
                page.drawString(left + (4 if i == 0 else 14), y, ("• " if i == 0 else "") + part)
                y -= 12
        y -= 4
    return y
