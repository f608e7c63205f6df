"""Reading an uploaded list (CSV or Excel) within limits – for every import (participants, businesses).

A list is read as a stream and refused as soon as it passes a limit (rows,
columns, characters per cell and in all): a small crafted file cannot make the
server read a million rows or pad every row to 16,384 columns. An Excel file's
declared size (``<dimension>``) is ignored; its parts are checked for their
unpacked size, and every XML part – wherever the workbook's relationships put it –
is counted with a streaming scan before openpyxl reads the values (openpyxl reads a
whole sheet, and a whole row, when they declare no size).
"""

from __future__ import annotations

import csv
import io
import json
import os
import secrets
import time
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.parsers import expat  # nosec B408 - expat >= 2.4.1 refuses entity expansion; no external entities are fetched

from flask import abort, current_app

from webapp.core.i18n import lazy_gettext as _l

MAX_ROWS = 2000  # rows below the header
MAX_COLUMNS = 40
MAX_CELL_CHARS = 1000
MAX_TOTAL_CHARS = 2_000_000
MAX_XLSX_UNPACKED = 12 * 1024 * 1024  # all parts of an Excel file together, unpacked
MAX_XLSX_CELLS = (MAX_ROWS + 1) * MAX_COLUMNS
# Control characters are dropped from cells (PostgreSQL refuses NUL); line breaks inside a cell stay (skills are often listed one per line).
_CELL_CONTROL = dict.fromkeys(c for c in (*range(32), *range(0x7F, 0xA0)) if c not in (9, 10))


class ImportFileError(ValueError):
    """The file cannot be read at all (the message is for the user)."""


def read_table(filename: str, content: bytes) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a CSV (comma or semicolon, UTF-8 or Windows-1252) or XLSX file.

    Raises :class:`ImportFileError` (with a message for the user) for a file that
    cannot be read or passes a limit; reading stops at the first limit passed.
    """
    name = filename.lower()
    raw_rows: Iterator[Sequence[object]]
    if name.endswith(".xlsx"):
        raw_rows = _read_xlsx(content)
    elif name.endswith(".csv") or name.endswith(".txt"):
        raw_rows = _read_csv(content)
    else:
        raise ImportFileError(_l("Bitte eine Excel-Datei (.xlsx) oder eine CSV-Datei (.csv) wählen."))
    rows: list[list[str]] = []
    total = 0
    for number, raw in enumerate(raw_rows, start=1):
        row = [_cell(value) for value in raw]
        while row and not row[-1]:
            row.pop()  # empty cells at the end of a row are no columns
        if not row:
            continue
        if len(row) > MAX_COLUMNS:
            raise ImportFileError(
                _l("Höchstens %(n)d Spalten, die Zeile %(row)d hat mehr. Bitte entfernen Sie die übrigen Spalten.", n=MAX_COLUMNS, row=number)
            )
        longest = max(len(c) for c in row)
        if longest > MAX_CELL_CHARS:
            raise ImportFileError(_l("In Zeile %(row)d steht eine Zelle mit mehr als %(n)d Zeichen.", row=number, n=MAX_CELL_CHARS))
        total += sum(len(c) for c in row)
        if total > MAX_TOTAL_CHARS:
            raise ImportFileError(_l("Die Liste enthält zu viel Text. Bitte teilen Sie sie."))
        rows.append(row)
        if len(rows) > MAX_ROWS + 1:
            raise ImportFileError(_l("Höchstens %(n)d Zeilen auf einmal, bitte teilen Sie die Liste.", n=MAX_ROWS))
    if not rows:
        raise ImportFileError(_l("Die Datei ist leer."))
    header, body = [c.strip() for c in rows[0]], rows[1:]
    width = len(header)
    return header, [(r + [""] * width)[:width] for r in body]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n").translate(_CELL_CONTROL).strip()


def _read_xlsx(content: bytes) -> Iterator[tuple]:
    from openpyxl import load_workbook

    _check_workbook(content)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = book.worksheets[0]
    except Exception:
        raise ImportFileError(_l("Die Excel-Datei lässt sich nicht lesen. Ist sie beschädigt oder verschlüsselt?")) from None
    sheet.reset_dimensions()  # a declared <dimension> is not trusted
    try:
        # One column more than allowed, so that a too wide table is noticed (and refused).
        yield from sheet.iter_rows(min_row=1, min_col=1, max_row=MAX_ROWS * 2, max_col=MAX_COLUMNS + 1, values_only=True)
    except ImportFileError:
        raise
    except Exception:
        raise ImportFileError(_l("Die Excel-Datei lässt sich nicht lesen. Ist sie beschädigt oder verschlüsselt?")) from None
    finally:
        book.close()


def _check_workbook(content: bytes) -> None:
    """Refuse an Excel file whose parts unpack too large or hold too many rows or cells – whatever their names.

    openpyxl reads the sheets the workbook's relationships point to, wherever they lie in the archive and
    whatever they are called; so every part that is XML (by its first bytes, in any encoding) is scanned,
    not only those under ``worksheets/``. The zip directory's sizes bind the reader (it stops at the
    declared size); the scan streams each part through expat, keeps no tree, and stops at the first limit.
    """
    unreadable = ImportFileError(_l("Die Excel-Datei lässt sich nicht lesen. Ist sie beschädigt oder verschlüsselt?"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise unreadable from None
    if len(members) > 200 or sum(m.file_size for m in members) > MAX_XLSX_UNPACKED:
        raise ImportFileError(_l("Die Excel-Datei ist zu groß. Bitte speichern Sie nur die Liste (höchstens %(n)d Zeilen) in einer neuen Datei.", n=MAX_ROWS))
    try:
        for member in members:
            with archive.open(member) as part:
                head = part.read(4)
                if _looks_like_xml(head):
                    _scan_part(head, part)
    except ImportFileError:
        raise
    except Exception:
        raise unreadable from None


def _looks_like_xml(head: bytes) -> bool:
    """Whether a part starts like an XML document (UTF-8, UTF-16 or UTF-32, with or without a byte order mark)."""
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")):
        return True
    return head.lstrip(b" \t\r\n").startswith(b"<") or head[:2] in (b"<\x00", b"\x00<") or head in (b"\x00\x00\x00<", b"<\x00\x00\x00")


class _PartCounter:
    """Counts a part's cells and rows with values and the length of each text, as expat reports them (no tree)."""

    def __init__(self) -> None:
        self.rows = self.cells = self.text = 0
        self.row_has_value = self.in_text = False

    def start(self, name: str, _attributes) -> None:
        tag = name.rsplit(" ", 1)[-1]
        if tag == "c":
            self.cells += 1  # filled or not: openpyxl reads every cell element
            if self.cells > MAX_XLSX_CELLS:
                raise ImportFileError(_l("Die Tabelle hat zu viele Zellen. Höchstens %(n)d Zeilen und %(c)d Spalten.", n=MAX_ROWS, c=MAX_COLUMNS))
        elif tag in ("v", "is"):
            self.row_has_value = True
        elif tag == "t":
            self.text, self.in_text = 0, True

    def end(self, name: str) -> None:
        tag = name.rsplit(" ", 1)[-1]
        if tag == "t":
            self.in_text = False
        elif tag == "row":
            self.rows += self.row_has_value
            self.row_has_value = False
            if self.rows > MAX_ROWS + 1:
                raise ImportFileError(_l("Höchstens %(n)d Zeilen auf einmal, bitte teilen Sie die Liste.", n=MAX_ROWS))

    def characters(self, data: str) -> None:
        if not self.in_text:
            return
        self.text += len(data)
        if self.text > MAX_CELL_CHARS:
            raise ImportFileError(_l("Eine Zelle der Liste hat mehr als %(n)d Zeichen.", n=MAX_CELL_CHARS))


def _scan_part(head: bytes, part) -> None:
    """Stream one XML part through expat, counting as openpyxl would read it; stops at the first limit."""
    counter = _PartCounter()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True  # one call per text, not per piece of it
    parser.StartElementHandler = counter.start
    parser.EndElementHandler = counter.end
    parser.CharacterDataHandler = counter.characters
    parser.Parse(head, False)
    while chunk := part.read(64 * 1024):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _read_csv(content: bytes) -> Iterator[list[str]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise ImportFileError(_l("Die CSV-Datei hat eine unbekannte Zeichenkodierung."))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    try:
        yield from csv.reader(io.StringIO(text), delimiter=delimiter)
    except csv.Error:
        raise ImportFileError(_l("Die CSV-Datei lässt sich nicht lesen (eine Zelle ist zu lang oder ein Anführungszeichen fehlt).")) from None


UPLOAD_LIFETIME = 3600  # seconds an uploaded list waits for its import (the retention run removes what is left after a day)


def upload_folder() -> Path:
    folder = Path(current_app.instance_path) / "imports"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def save_upload(user_id: int, filename: str, header: list[str], rows: list[list[str]], **extra: Any) -> str:
    """Keep a read list for its preview (readable by the server's user only); returns its random token."""
    token = secrets.token_hex(16)
    path = upload_folder() / f"{token}.json"
    path.write_text(json.dumps({"user_id": user_id, "filename": filename, "header": header, "rows": rows, **extra}), encoding="utf-8")
    os.chmod(path, 0o600)
    return token


def load_upload(token: str, user_id: int) -> dict:
    """The uploaded list, if it is this user's and not too old (else 404)."""
    if not token.isalnum():
        abort(404)
    path = upload_folder() / f"{token}.json"
    if not path.exists() or time.time() - path.stat().st_mtime > UPLOAD_LIFETIME:
        path.unlink(missing_ok=True)
        abort(404)
    data = json.loads(path.read_text(encoding="utf-8"))
    if data["user_id"] != user_id:
        abort(404)
    return data


def drop_upload(token: str) -> None:
    (upload_folder() / f"{token}.json").unlink(missing_ok=True)


def receive_upload(user_id: int, **extra: Any) -> tuple[str | None, str | None]:
    """The request's uploaded list (form field ``datei``), read and kept for its preview: (token, None), or
    (None, a message for the user) when no file came or it cannot be read."""
    from flask import request

    upload = request.files.get("datei")
    if upload is None or not upload.filename:
        return None, str(_l("Bitte wählen Sie eine Datei."))
    try:
        header, rows = read_table(upload.filename, upload.read())
    except ImportFileError as exc:
        return None, str(exc)
    return save_upload(user_id, upload.filename, header, rows, **extra), None


def column_mapping(header: list[str], targets: Iterable[str], guessed: dict[str, int | None], source: Mapping[str, str] | None) -> dict[str, int | None]:
    """The column chosen for each target in ``source`` (``spalte_<target>``; sent empty: none), the guess from the
    header where nothing was sent."""
    from webapp.core import params

    mapping = {}
    for target in targets:
        name = f"spalte_{target}"
        mapping[target] = params.integer(name, maximum=len(header) - 1, source=source) if params.given(name, source=source) else guessed[target]
    return mapping
