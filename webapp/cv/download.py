"""Sending a CV or a letter as a download: made on demand, never written to disk.

The same version of a Lebenslauf (the same content, the same photo) downloaded again is taken from a small
cache in the worker's memory (at most ``CACHED`` files, gone with the worker), so that downloading one again and
again costs nothing; a changed CV is another version and made anew.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from io import BytesIO

from flask import Response, send_file

from models import Participant
from webapp.cv import pdf, word
from webapp.cv.content import Cv, build_cv, file_name

FORMATS = ("pdf", "docx")
MIMETYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _send(data: bytes, fmt: str, name: str) -> Response:
    response = send_file(BytesIO(data), mimetype=MIMETYPES[fmt], as_attachment=True, download_name=name, max_age=0)
    response.headers["Cache-Control"] = "no-store"
    return response


CACHED = 32


@lru_cache(maxsize=CACHED)
def _rendered(cv: Cv, fmt: str) -> bytes:
    return pdf.render(cv) if fmt == "pdf" else word.render(cv)


def cv_file(p: Participant, fmt: str) -> Response:
    """The Lebenslauf of ``p`` as PDF or Word file (the caller checked access and audits)."""
    cv = build_cv(p, date.today())
    return _send(_rendered(cv, fmt), fmt, file_name(cv, "Lebenslauf", fmt))


def letter_file(text: str, name: str, title: str) -> Response:
    return _send(word.render_letter(text, title), "docx", name)
