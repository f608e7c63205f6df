"""Crafted import files as an attacker (or a broken spreadsheet program) makes them.

Used by the import tests and by ``bench/import_limits.py``. Each builder writes
the XLSX parts by hand, so that the files can claim what real programs never
write (a sheet of 16,384 columns, a million rows in half a megabyte).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Liste" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
HEADER = ("Vorname", "Nachname", "Deutsch")


def column(n: int) -> str:
    """Spreadsheet column name of the 1-based column ``n`` (1 -> A, 16384 -> XFD)."""
    name = ""
    while n:
        n, rest = divmod(n - 1, 26)
        name = chr(65 + rest) + name
    return name


def row_xml(r: int, values: Iterable[str]) -> str:
    cells = "".join(f'<c r="{column(i)}{r}" t="inlineStr"><is><t>{v}</t></is></c>' for i, v in enumerate(values, start=1))
    return f'<row r="{r}">{cells}</row>'


def xlsx(
    rows: Iterable[str], *, dimension: str | None = None, shared_strings: Iterable[str] = (), sheet: str = "xl/worksheets/sheet1.xml", encoding: str = "utf-8"
) -> bytes:
    """A workbook whose first sheet holds ``rows`` (XML of <row> elements), written as a stream.

    ``sheet`` puts the sheet anywhere in the archive (the workbook's relationships point there, as openpyxl
    follows them); ``encoding`` writes it in another encoding than UTF-8.
    """
    out = io.BytesIO()
    target = "/" + sheet if not sheet.startswith("xl/") else sheet.removeprefix("xl/")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES.replace("/xl/worksheets/sheet1.xml", "/" + sheet))
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.replace('Target="worksheets/sheet1.xml"', f'Target="{target}"'))
        with archive.open("xl/sharedStrings.xml", "w") as part:
            part.write(b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            for text in shared_strings:
                part.write(f"<si><t>{text}</t></si>".encode())
            part.write(b"</sst>")
        with archive.open(sheet, "w") as part:
            codec = "utf-16" if encoding == "utf-16" else encoding
            declared = "UTF-16" if encoding == "utf-16" else encoding.upper()
            part.write(
                f'<?xml version="1.0" encoding="{declared}" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'.encode(
                    codec
                )
            )
            after_bom = "utf-16-le" if encoding == "utf-16" else codec  # one byte order mark, at the start
            if dimension:
                part.write(f'<dimension ref="{dimension}"/>'.encode(after_bom))
            part.write("<sheetData>".encode(after_bom))
            for chunk in rows:
                part.write(chunk.encode(after_bom))
            part.write("</sheetData></worksheet>".encode(after_bom))
    return out.getvalue()


def declared_wide(rows: int = 3000) -> bytes:
    """A 1.6 KB file that declares A1:XFD<rows> but holds two rows (openpyxl padded every row to 16,384 cells)."""
    return xlsx([row_xml(1, HEADER), row_xml(2, ("Ana", "Lupu", "A2"))], dimension=f"A1:XFD{rows}")


def million_rows() -> bytes:
    """A million numbered rows of one cell each, about half a megabyte packed."""
    return xlsx(row_xml(1, HEADER) if r == 1 else f'<row r="{r}"><c r="A{r}"><v>1</v></c></row>' for r in range(1, 1_000_001))


def many_cells_per_row(rows: int = 300, cells: int = 2000) -> bytes:
    """Rows of thousands of filled cells (each row far wider than any list)."""
    return xlsx(f'<row r="{r}">' + f'<c r="A{r}"><v>1</v></c>' * cells + "</row>" for r in range(1, rows + 1))


def shared_string_bomb(size_mb: int = 40) -> bytes:
    """One short row, and shared strings that unpack to ``size_mb`` MB."""
    chunk = "x" * 32_000
    return xlsx([row_xml(1, HEADER)], shared_strings=(chunk for _ in range(size_mb * 1_000_000 // 32_000)))


def one_string_everywhere(rows: int = 2000, columns: int = 50) -> bytes:
    """Every cell points to one shared string of 30,000 characters (stored 100,000 times over)."""
    cells = "".join(f'<c r="{column(i)}{{r}}" t="s"><v>0</v></c>' for i in range(1, columns + 1))
    return xlsx((f'<row r="{r}">' + cells.replace("{r}", str(r)) + "</row>" for r in range(1, rows + 1)), shared_strings=["y" * 30_000])


def empty_cells_in_one_row(cells: int = 2_900_000, sheet: str = "xl/data/sheet1.xml", encoding: str = "utf-8") -> bytes:
    """One row of millions of empty cells, in a sheet outside ``xl/worksheets/`` (openpyxl follows the relationship there)."""
    return xlsx(['<row r="1">' + "<c/>" * cells + "</row>"], sheet=sheet, encoding=encoding)


def wide_csv(columns: int = 20_000, rows: int = 3) -> bytes:
    """A small CSV whose header has 20,000 columns (every row was padded to that width and stored)."""
    header = ";".join(f"c{i}" for i in range(columns))
    return ("\n".join([header] + ["Ana;Lupu;A2"] * rows) + "\n").encode()


def long_csv(rows: int = 200_000) -> bytes:
    return ("Vorname;Nachname;Deutsch\n" + "Ana;Lupu;A2\n" * rows).encode()


def good_list(rows: int = 2000) -> bytes:
    """A legitimate list at the row limit (for comparison)."""
    return xlsx(row_xml(r, HEADER if r == 1 else (f"Vorname{r}", f"Nachname{r}", "A2")) for r in range(1, rows + 2))


CASES = {
    "XLSX A1:XFD3000 declared, 2 rows": ("declared.xlsx", declared_wide),
    "XLSX A1:XFD1048576 declared, 2 rows": ("declared-max.xlsx", lambda: declared_wide(1_048_576)),
    "XLSX 1,000,000 rows": ("million.xlsx", million_rows),
    "XLSX 300 rows x 2,000 cells": ("wide-rows.xlsx", many_cells_per_row),
    "XLSX shared strings 40 MB unpacked": ("bomb.xlsx", shared_string_bomb),
    "XLSX one 30,000-char string in 100,000 cells": ("same-string.xlsx", one_string_everywhere),
    "XLSX 200,000 rows within the size limit": ("short-rows.xlsx", lambda: xlsx("<row><c><v>1</v></c></row>" for _ in range(200_000))),
    "XLSX 2,000 rows x 5,000 empty styled cells": (
        "styled.xlsx",
        lambda: xlsx(f'<row r="{r}"><c r="A{r}"><v>1</v></c>' + '<c s="1"/>' * 5000 + "</row>" for r in range(1, 2001)),
    ),
    "XLSX sheet at xl/data/, 2.9 million empty cells in a row": ("elsewhere.xlsx", empty_cells_in_one_row),
    "XLSX sheet without a name ending, 2.9 million empty cells": ("no-ending.xlsx", lambda: empty_cells_in_one_row(sheet="xl/x/y")),
    "XLSX sheet at the archive's root, named .bin": ("root-bin.xlsx", lambda: empty_cells_in_one_row(sheet="sheet.bin")),
    "XLSX sheet in UTF-16 elsewhere, 1 million empty cells": (
        "utf16.xlsx",
        lambda: empty_cells_in_one_row(cells=1_000_000, sheet="xl/media/image1.png", encoding="utf-16"),
    ),
    "CSV 20,000 header columns": ("wide.csv", wide_csv),
    "CSV 200,000 rows": ("long.csv", long_csv),
    "XLSX at the limits: 2,001 rows x 40 filled cells": ("full.xlsx", lambda: xlsx(row_xml(r, [f"w{r}x{i}" for i in range(40)]) for r in range(1, 2002))),
    "XLSX legitimate, 2,000 rows": ("good.xlsx", good_list),
}
