"""Reports that leave the project: anonymous (pseudonyms never, names never), small cells suppressed,
formula injection escaped. The same rows feed the CSV, the XLSX and the page."""
from __future__ import annotations

import csv
import io
from datetime import datetime

from sqlalchemy import select

from models import Centre, utcnow

from .figures import Period, compute

# Figures that count people: cells below MIN_CELL are shown as "<3".
PEOPLE = {
    "participants_new", "participants_active", "participants_placed", "participants_left", "approvals", "rejections",
    "introductions", "interviews", "hires", "not_hired",
}
MIN_CELL = 3
LABELS = {
    "participants_new": "Teilnehmende neu",
    "participants_active": "Teilnehmende aktiv",
    "participants_placed": "Teilnehmende vermittelt (Austritt)",
    "participants_left": "Teilnehmende ausgeschieden (Austritt)",
    "openings_posted": "Stellen neu veröffentlicht",
    "openings_open": "Stellen offen (Ende des Zeitraums)",
    "openings_filled": "Stellen besetzt",
    "openings_expired": "Stellen abgelaufen",
    "suggestions_shown": "Vorschläge angezeigt",
    "approvals": "Vorstellungen freigegeben",
    "rejections": "Vorschläge abgelehnt",
    "introductions": "Vorstellungen",
    "interviews": "Vorstellungsgespräche",
    "hires": "Einstellungen",
    "not_hired": "nicht eingestellt",
    "placement_rate": "Vermittlungsquote (Einstellungen je Vorstellung)",
    "median_days_to_first_introduction": "Median Tage bis zur ersten Vorstellung",
    "median_days_to_hire": "Median Tage bis zur Einstellung",
}
REASON_LABELS = {
    "skills": "passt fachlich nicht", "german": "Deutschkenntnisse", "hours_or_way": "Arbeitszeit oder Anfahrt",
    "declined": "Person möchte nicht", "unreachable": "nicht erreichbar", "other": "anderer Grund",
}


def safe_cell(value):
    """A cell a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def suppressed(key: str, value, figures: dict):
    """Small counts of people become "<3"; a rate built on fewer than 3 introductions is left out."""
    if key in PEOPLE and isinstance(value, int) and 0 < value < MIN_CELL:
        return f"<{MIN_CELL}"
    if key == "placement_rate" and (figures.get("approvals") or 0) < MIN_CELL:
        return "–"
    return "–" if value is None else value


def report_rows(session, period: Period, centre_id: int | None = None, produced_at: datetime | None = None) -> list[list]:
    """The whole report as rows of cells: totals, per centre, rejection reasons, ESF Plus figures."""
    produced_at = produced_at or utcnow()
    centres = session.scalars(select(Centre).order_by(Centre.name)).all()
    if centre_id is not None:
        centres = [c for c in centres if c.id == centre_id]
    total = compute(session, period, centre_id=centre_id)
    rows: list[list] = [
        ["KMU-Match – Monatsstatistik", ""],
        ["Zeitraum", period.label],
        ["Erstellt (UTC)", produced_at.strftime("%Y-%m-%d %H:%M")],
        ["Bereich", centres[0].name if centre_id is not None and centres else "alle Perspektivhäuser"],
        ["Hinweis", f"anonym; Personenzahlen unter {MIN_CELL} als <{MIN_CELL} ausgewiesen"],
        [],
        ["Kennzahl", "Wert"],
    ]
    for key, label in LABELS.items():
        rows.append([label, suppressed(key, total[key], total)])
    rows += [[], ["Ablehnungsgründe", "Anzahl"]]
    for reason, n in total["rejections_by_reason"].items():
        rows.append([REASON_LABELS.get(reason, reason), suppressed("rejections", n, total)])
    rows += [[], ["Häufig fehlende Pflicht-Kenntnisse bei Ablehnungen", "Anzahl"]]
    for term, n in total["missing_skills_in_rejections"].items():
        rows.append([term, n])
    rows += [[], ["ESF Plus nach Perspektivhaus", "Eintritte", "Austritte", "Eintritte in Beschäftigung"]]
    for centre in centres:
        f = compute(session, period, centre_id=centre.id)
        exits = f["participants_placed"] + f["participants_left"]
        rows.append([
            centre.name,
            suppressed("participants_new", f["participants_new"], f),
            suppressed("participants_left", exits, f),
            suppressed("hires", f["hires"], f),
        ])
    return [[safe_cell(c) for c in row] for row in rows]


def to_csv(rows: list[list]) -> bytes:
    """Semicolon CSV with a BOM, as German Excel opens it."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Statistik"
    for row in rows:
        sheet.append(row)
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 52
    for col in "BCD":
        sheet.column_dimensions[col].width = 18
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
