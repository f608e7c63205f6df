"""Reading the participant lists counsellors keep today (CSV or Excel), checking every row.

Nothing here writes to the database: :func:`read_table` turns a file into rows,
:func:`check_rows` turns rows into profiles or row-by-row errors. The view
imports all rows or none.

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
import re
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from xml.parsers import expat  # nosec B408 - expat >= 2.4.1 refuses entity expansion; no external entities are fetched

from models.enums import CEFR_LEVELS, DRIVING_LICENCES, HOURS
from webapp.core.i18n import lazy_gettext as _l
from webapp.core.labels import LANGUAGE_CODES, language_name
from webapp.counsellors.operations import ProfileValues, problems
from webapp.suggestions.skills import split_terms

MAX_ROWS = 2000  # rows below the header
MAX_COLUMNS = 40
MAX_CELL_CHARS = 1000
MAX_TOTAL_CHARS = 2_000_000
MAX_XLSX_UNPACKED = 12 * 1024 * 1024  # all parts of an Excel file together, unpacked
MAX_XLSX_CELLS = (MAX_ROWS + 1) * MAX_COLUMNS
# Control characters are dropped from cells (PostgreSQL refuses NUL); line breaks inside a cell stay (skills are often listed one per line).
_CELL_CONTROL = dict.fromkeys(c for c in (*range(32), *range(0x7F, 0xA0)) if c not in (9, 10))

# What a column can hold, with the header words that usually name it.
TARGETS = {
    "first_name": (_l("Vorname"), ("vorname", "first name", "firstname", "rufname")),
    "last_name": (_l("Nachname"), ("nachname", "familienname", "last name", "surname")),
    # One column with the whole name ("Ana Lupu", or "Lupu, Ana"), when there are not two.
    "full_name": (_l("Name (Vor- und Nachname in einer Spalte)"), ("name", "vor- und nachname", "vollständiger name", "name, vorname", "full name")),
    "phone": (_l("Telefon"), ("telefon", "tel", "handy", "mobil", "phone")),
    "email": (_l("E-Mail"), ("e-mail", "email", "mail")),
    "skills": (_l("Kenntnisse"), ("kenntnisse", "fähigkeiten", "faehigkeiten", "skills", "kompetenzen", "erfahrung")),
    "german_level": (_l("Deutsch"), ("deutsch", "deutschniveau", "deutschkenntnisse", "sprachniveau deutsch", "german")),
    "languages": (_l("Weitere Sprachen"), ("sprachen", "weitere sprachen", "languages")),
    "hours": (_l("Arbeitszeit"), ("arbeitszeit", "stunden", "hours")),
    "available_from": (_l("Verfügbar ab"), ("verfügbar ab", "verfuegbar ab", "ab", "verfügbar", "available from")),
    "postcode": (_l("Postleitzahl"), ("plz", "postleitzahl", "postcode")),
    "driving_licences": (_l("Führerschein"), ("führerschein", "fuehrerschein", "fs", "driving licence")),
}
REQUIRED = ("first_name", "last_name", "german_level")  # first and last name may come from "full_name" instead


def missing_columns(mapping: dict[str, int | None]) -> list[str]:
    """The required targets no column is given for (a whole-name column stands for first and last name)."""
    names_given = mapping.get("full_name") is not None
    return [t for t in REQUIRED if mapping.get(t) is None and not (names_given and t in ("first_name", "last_name"))]


def split_name(whole: str) -> tuple[str, str]:
    """A whole name as (first, last): "Lupu, Ana" -> ("Ana", "Lupu"); "Ana Maria Lupu" -> ("Ana Maria", "Lupu")."""
    if "," in whole:
        last, first = whole.split(",", 1)
        return first.strip(), last.strip()
    words = whole.split()
    return (" ".join(words[:-1]), words[-1]) if len(words) > 1 else ("", whole.strip())


HOURS_WORDS = {
    "vollzeit": "full_time",
    "vz": "full_time",
    "full time": "full_time",
    "teilzeit": "part_time",
    "tz": "part_time",
    "part time": "part_time",
    "minijob": "minijob",
    "mini-job": "minijob",
    "450": "minijob",
    "520": "minijob",
    "538": "minijob",
}
# A file may name a language in German or English ("Rumänisch", "Romanian") or by its code.
LANGUAGE_NAMES = {language_name(code, lang).lower(): code for code in LANGUAGE_CODES for lang in ("de", "en")} | {code: code for code in LANGUAGE_CODES}


class ImportFileError(ValueError):
    """The file cannot be read at all (the message is for the user)."""


@dataclass
class CheckedRow:
    number: int  # the row number as the spreadsheet shows it
    values: ProfileValues | None = None
    errors: list[str] = field(default_factory=list)
    duplicate_of: str | None = None
    existing: str | None = None  # the code of the own house's person this row may be (then it can be merged)


@dataclass
class ImportPlan:
    """What an import will do with the checked rows, after the counsellor's choice for each possible duplicate
    (issue 25.11): create (``wanted``), add to the own house's person it names (``merged``), or skip."""

    wanted: list[CheckedRow]
    merged: list[CheckedRow]
    skipped: int

    @classmethod
    def of(cls, checked: list[CheckedRow], choices: Mapping[str, str]) -> ImportPlan:
        """``choices``: the form's ``doppelt_<row>`` answers – „neu“ creates the row anyway, „ergaenzen“ merges it into
        the person it may be; anything else (or nothing) skips it."""
        choice = {row.number: choices.get(f"doppelt_{row.number}") for row in checked if row.duplicate_of}
        wanted = [row for row in checked if not row.duplicate_of or choice[row.number] == "neu"]
        merged = [row for row in checked if row.existing and choice[row.number] == "ergaenzen"]
        return cls(wanted, merged, len(checked) - len(wanted) - len(merged))

    @property
    def empty(self) -> bool:
        return not self.wanted and not self.merged

    @staticmethod
    def values(rows: list[CheckedRow]) -> list[ProfileValues]:
        """The checked values of ``rows`` (a row with errors has none and is never imported)."""
        if any(row.values is None for row in rows):
            raise ValueError("a row with errors cannot be imported")
        return [row.values for row in rows if row.values is not None]


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


# The columns of the template offered for download, with one invented example row.
TEMPLATE_COLUMNS = (
    "first_name",
    "last_name",
    "phone",
    "email",
    "skills",
    "german_level",
    "languages",
    "hours",
    "available_from",
    "postcode",
    "driving_licences",
)
TEMPLATE_EXAMPLE = ("Ana", "Lupu", "0157 0000000", "", "Kasse, Regale einräumen", "A2", "Rumänisch C2", "Teilzeit", "01.02.2027", "58097", "B")


def template_rows() -> list[list[str]]:
    """Header (in the page's language, which the import also reads) and the example row."""
    return [[str(TARGETS[t][0]) for t in TEMPLATE_COLUMNS], list(TEMPLATE_EXAMPLE)]


def guess_mapping(header: list[str]) -> dict[str, int | None]:
    """Which column probably holds what, from the header words: a known word first, then a header
    that begins with one ("Deutschkenntnisse", "Telefonnummer"); each column is used once."""
    folded = [" ".join(h.strip().lower().replace("*", " ").split()) for h in header]
    mapping: dict[str, int | None] = dict.fromkeys(TARGETS)
    used: set[int] = set()
    for exact in (True, False):
        for target, (_label, words) in TARGETS.items():
            if mapping[target] is not None:
                continue
            for i, h in enumerate(folded):
                if i in used or not h:
                    continue
                if (h in words) if exact else any(len(w) >= 4 and h.startswith(w) for w in words):
                    mapping[target] = i
                    used.add(i)
                    break
    if mapping["first_name"] is not None and mapping["last_name"] is not None:
        mapping["full_name"] = None  # two name columns win over a whole-name one
    return mapping


# What a list says for "available now" in the start column.
NOW_WORDS = frozenset({"sofort", "ab sofort", "sofort verfügbar", "jetzt", "ab jetzt", "immediately", "now"})


def _date(text: str) -> date | None:
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def check_rows(rows: list[list[str]], mapping: dict[str, int | None], existing_names: dict[tuple[str, str], str]) -> list[CheckedRow]:
    """Every row as a profile, or with the reasons it cannot be imported (the profile form's rules, plus the reading of the cells)."""
    checked = []
    seen: dict[tuple[str, str], int] = {}
    for offset, row in enumerate(rows):

        def get(target: str, row: list[str] = row) -> str:
            column = mapping.get(target)
            return row[column].strip() if column is not None else ""

        out = CheckedRow(number=offset + 2)
        first, last = get("first_name"), get("last_name")
        if not (first or last) and get("full_name"):
            first, last = split_name(get("full_name"))
        values = ProfileValues(first_name=first, last_name=last, phone=get("phone"), email=get("email").lower(), skills=split_terms(get("skills")))
        level = get("german_level").upper().replace(" ", "")[:2]
        if level in CEFR_LEVELS:
            values.german_level = level
        else:
            # An error for this row, never a guess: the preview shows the cell as it is ("gut"), not a level.
            out.errors.append(str(_l("Deutschniveau „%(v)s“ ist keins von A1 bis C2", v=get("german_level"))))
            values.german_level = get("german_level")
        for part in re.split(r"[,;/]+", get("languages")):
            words = part.replace(":", " ").split()
            if not words:
                continue
            code = LANGUAGE_NAMES.get(words[0].lower())
            lvl = words[1].upper()[:2] if len(words) > 1 else ""
            if code is None or lvl not in CEFR_LEVELS:
                out.errors.append(str(_l("Sprache „%(v)s“ nicht verstanden (Beispiel: „Rumänisch C2“)", v=part.strip())))
            elif code != "de":
                values.languages[code] = lvl
        hours = set()
        for word in re.split(r"[,;/+]+| und ", get("hours").lower()):
            word = word.strip()
            if word:
                if word not in HOURS_WORDS:
                    out.errors.append(str(_l("Arbeitszeit „%(v)s“ nicht verstanden (Vollzeit, Teilzeit, Minijob)", v=word)))
                else:
                    hours.add(HOURS_WORDS[word])
        values.hours = [h for h in HOURS if h in hours]
        if get("available_from").casefold() in NOW_WORDS:
            values.available_from = None  # available now: no date, as the profile form keeps it
        elif get("available_from"):
            try:
                values.available_from = _date(get("available_from"))
            except ValueError:
                out.errors.append(str(_l("Datum „%(v)s“ nicht verstanden (TT.MM.JJJJ oder „sofort“)", v=get("available_from"))))
        values.postcode = get("postcode") or None
        licences = [x.strip().upper() for x in re.split(r"[,;/ ]+", get("driving_licences")) if x.strip()]
        bad = [x for x in licences if x not in DRIVING_LICENCES]
        if bad:
            out.errors.append(str(_l("Führerscheinklasse „%(v)s“ unbekannt", v=", ".join(bad))))
        values.driving_licences = sorted(set(licences) - set(bad))
        for name, messages in problems(values).items():
            if name == "german_level" and level not in CEFR_LEVELS:
                continue  # said above, with the cell's value
            label = TARGETS[name][0] if name in TARGETS else name
            out.errors.extend(f"{label}: {message}" for message in messages)
        out.values = values
        name_key = (values.first_name.casefold(), values.last_name.casefold())
        if all(name_key):
            if name_key in existing_names:
                out.duplicate_of = out.existing = existing_names[name_key]
            elif name_key in seen:
                out.duplicate_of = str(_l("Zeile %(n)d dieser Datei", n=seen[name_key]))
            seen.setdefault(name_key, out.number)
        checked.append(out)
    return checked
