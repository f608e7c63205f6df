"""The Lebenslauf and the Anschreiben as editable Word files (python-docx).

The same content as the PDF (``content.Cv``), laid out as a borderless two-column table per
section, so counsellors and participants can change it in any word processor.
"""

from __future__ import annotations

import re
from io import BytesIO

from docx import Document
from docx.document import Document as DocumentType
from docx.shared import Cm, Pt

from webapp.cv.content import Cv, Row

WHEN_WIDTH = Cm(3.8)
TEXT_WIDTH = Cm(13.2)
# What XML 1.0 cannot hold (python-docx refuses it): control characters other than tab and line breaks.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters a Word file cannot hold (the forms take them out already;
    imports and restores are other ways in)."""
    return _NOT_XML.sub("", text)


def _document() -> DocumentType:
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4, not python-docx's US Letter
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    return doc


def _save(doc: DocumentType) -> bytes:
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _two_columns(doc: DocumentType, rows: list[Row]) -> None:
    table = doc.add_table(rows=0, cols=2)
    for row in rows:
        left, right = table.add_row().cells
        left.width, right.width = WHEN_WIDTH, TEXT_WIDTH
        left.paragraphs[0].add_run(xml_text(row.when))
        parts = [(row.title, True)] if row.title else []
        parts += [(row.text, False)] if row.text else []
        parts += [("• " + line, False) for line in row.lines]
        for i, (text, bold) in enumerate(parts):
            paragraph = right.paragraphs[0] if i == 0 else right.add_paragraph()
            paragraph.add_run(xml_text(text)).bold = bold


def render(cv: Cv) -> bytes:
    doc = _document()
    name = xml_text(cv.name)
    doc.core_properties.title = f"Lebenslauf {name}"
    doc.core_properties.author = name
    doc.add_heading("Lebenslauf", level=0)
    if cv.photo is not None:
        doc.add_picture(BytesIO(cv.photo), width=Cm(3.5))
    doc.add_paragraph().add_run(name).bold = True
    if cv.personal:
        _two_columns(doc, [Row(label, text=value) for label, value in cv.personal])
    for section in cv.sections:
        doc.add_heading(xml_text(section.title), level=1)
        _two_columns(doc, list(section.rows))
    doc.add_paragraph()
    doc.add_paragraph(xml_text(cv.place_date))
    doc.add_paragraph()
    doc.add_paragraph(name)
    return _save(doc)


def render_letter(text: str, title: str) -> bytes:
    """A cover letter as the counsellor edited it: one paragraph per line."""
    doc = _document()
    doc.core_properties.title = xml_text(title)
    for line in text.splitlines():
        doc.add_paragraph(xml_text(line))
    return _save(doc)
