"""The Lebenslauf as PDF (reportlab): A4, a two-column table per section, DejaVu Sans.

DejaVu Sans (shipped in ``fonts/``, Bitstream Vera licence) has the letters of every name the
centres see – Romanian ș and ț, Bulgarian and Ukrainian Cyrillic, Turkish ğ and ı – which
reportlab's built-in Helvetica lacks. Only the glyphs used are embedded, so a CV stays small.
"""

from __future__ import annotations

from functools import cache
from html import escape
from io import BytesIO
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from webapp.cv.content import Cv, Row

FONTS = Path(__file__).parent / "fonts"
MARGIN = 20 * mm
WHEN_WIDTH = 38 * mm
PHOTO_SIZE = (35 * mm, 45 * mm)  # the usual German application photo


@cache
def _styles() -> dict[str, ParagraphStyle]:
    pdfmetrics.registerFont(TTFont("DejaVuSans", FONTS / "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", FONTS / "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold")
    base = ParagraphStyle("base", fontName="DejaVuSans", fontSize=10, leading=13.5)
    return {
        "base": base,
        "title": ParagraphStyle("title", base, fontName="DejaVuSans-Bold", fontSize=20, leading=24, spaceAfter=4),
        "name": ParagraphStyle("name", base, fontName="DejaVuSans-Bold", fontSize=13, leading=17, spaceAfter=2),
        "heading": ParagraphStyle(
            "heading", base, fontName="DejaVuSans-Bold", fontSize=12, leading=15, spaceBefore=10, spaceAfter=4, textColor=colors.HexColor("#1f3b5a")
        ),
        "bold": ParagraphStyle("bold", base, fontName="DejaVuSans-Bold"),
        "item": ParagraphStyle("item", base, leftIndent=9, bulletIndent=0),
        "muted": ParagraphStyle("muted", base, textColor=colors.HexColor("#444444")),
    }


def _p(text: str, style: str) -> Paragraph:
    return Paragraph(escape(text, quote=False), _styles()[style])


def _table(rows: list[list], width: float, tight: list[int] | None = None) -> Table:
    """Two columns; rows listed in ``tight`` continue the row above (no gap between them)."""
    table = Table(rows, colWidths=[WHEN_WIDTH, width - WHEN_WIDTH], hAlign="LEFT")
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]
    for i in tight or []:
        style += [("BOTTOMPADDING", (0, i - 1), (-1, i - 1), 0), ("TOPPADDING", (0, i), (-1, i), 0)]
    table.setStyle(TableStyle(style))
    return table


def _section_table(rows: tuple[Row, ...], width: float) -> Table:
    """One table row for an entry's title and text, one more for each of its lines: a long entry
    breaks across pages between its lines (a row taller than a page could not be laid out)."""
    cells: list[list] = []
    tight: list[int] = []
    for row in rows:
        head = [_p(row.title, "bold")] if row.title else []
        head += [_p(row.text, "base")] if row.text else []
        items = [Paragraph(escape(line, quote=False), _styles()["item"], bulletText="•") for line in row.lines]
        first = head or items[:1]
        cells.append([_p(row.when, "base"), first])
        for item in items[0 if head else 1 :]:
            tight.append(len(cells))
            cells.append(["", item])
    return _table(cells, width, tight)


def _head(cv: Cv, width: float) -> list:
    text = [_p("Lebenslauf", "title"), _p(cv.name, "name")]
    text += [_table([[_p(label, "muted"), _p(value, "base")] for label, value in cv.personal], width - PHOTO_SIZE[0] - 6 * mm)] if cv.personal else []
    if cv.photo is None:
        return text
    photo = Image(BytesIO(cv.photo), width=PHOTO_SIZE[0], height=PHOTO_SIZE[1], kind="proportional")
    head = Table([[text, photo]], colWidths=[width - PHOTO_SIZE[0], PHOTO_SIZE[0]], hAlign="LEFT")
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [head]


def render(cv: Cv) -> bytes:
    """The PDF of ``cv`` (one or two A4 pages for a usual profile)."""
    out = BytesIO()
    width = A4[0] - 2 * MARGIN
    doc = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN, title=f"Lebenslauf {cv.name}", author=cv.name
    )
    story: list = _head(cv, width)
    for section in cv.sections:
        heading = _p(section.title, "heading")
        table = _section_table(section.rows, width)
        story.append(KeepTogether([heading, table]) if len(section.rows) <= 3 else heading)
        if len(section.rows) > 3:
            story.append(table)
    story += [Spacer(1, 10 * mm), _p(cv.place_date, "base"), Spacer(1, 8 * mm), _p(cv.name, "base")]
    doc.build(story)
    return out.getvalue()
