"""The result chart (PNG) and the printable one-page plan (PDF), checked as images."""

from __future__ import annotations

import io

import pypdfium2
from PIL import Image, ImageStat

from career_kb.assessment import chart, export

SCORES = {"R": 1.0, "I": 0.83, "A": 0.0, "S": 0.25, "E": 0.1, "C": 0.5}


def test_chart_is_a_png_with_bars():
    png = chart.profile_png(SCORES, "RIC", "Your interest areas", "score out of 100")
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (560, 300)
    colours = {c for _, c in image.convert("RGB").getcolors(maxcolors=100000)}
    assert (0x1F, 0x6F, 0x8B) in colours  # chart.TOP_COLOUR: the top areas' bars are drawn


def _sheet(lines: int = 3) -> export.Sheet:
    return export.Sheet(
        title="My Career Plan",
        subtitle="Made on November 30, 2026",
        sections=(
            export.Section("My interest areas", ("Realistic, Investigative, Conventional (RIC)",)),
            export.Section("Careers I saved", tuple(f"Career number {i}" for i in range(lines))),
            export.Section("My next steps", ("[ ] Meet with my school counselor", "[x] Job shadow at the hospital")),
        ),
        chart_png=chart.profile_png(SCORES, "RIC", "Your interest areas", "score out of 100"),
        footer="Interest areas from the career guide's interest quiz; careers from O*NET 29.3.",
    )


def _pages(pdf: bytes) -> list:
    document = pypdfium2.PdfDocument(pdf)
    return [document[i] for i in range(len(document))]


def test_plan_pdf_is_one_page_with_the_text_and_not_blank():
    pdf = export.render_pdf(_sheet())
    assert pdf.startswith(b"%PDF")
    pages = _pages(pdf)
    assert len(pages) == 1
    text = pages[0].get_textpage().get_text_range()
    for expected in (
        "My Career Plan",
        "Careers I saved",
        "Career number 2",
        "[ ] Meet with my school counselor",
        "O*NET 29.3",
    ):
        assert expected in text
    image = pages[0].render(scale=1).to_pil().convert("L")
    assert image.size == (612, 792)  # US Letter at 72 dpi
    dark = sum(1 for v in image.getdata() if v < 128)
    assert dark > 2000  # text and the chart are drawn
    assert ImageStat.Stat(image).stddev[0] > 10


def test_a_long_plan_still_prints_on_one_page():
    pdf = export.render_pdf(_sheet(lines=200), max_lines_per_section=200)
    pages = _pages(pdf)
    assert len(pages) == 1
    text = pages[0].get_textpage().get_text_range()
    assert "Career number 0" in text and "Career number 199" not in text
