"""Rows as a spreadsheet opens them: CSV for German Excel, and cells that never run as formulas."""

from __future__ import annotations

import csv
import io


def safe_cell(value):
    """A cell a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(rows: list[list]) -> bytes:
    """Semicolon CSV with a BOM, as German Excel opens it."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
