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


QUARTER_NAMES = {"altenhagen": "Altenhagen", "wehringhausen": "Wehringhausen", "other": "anderer Stadtteil"}
SECTOR_NAMES = {
    "bakery": "Bäckerei", "kiosk": "Kiosk", "hairdresser": "Friseur", "car_repair": "Kfz-Werkstatt", "cleaning": "Reinigung",
    "care": "Pflegedienst", "logistics": "Lager und Logistik", "restaurant": "Gastronomie", "retail": "Einzelhandel",
    "crafts": "Handwerk und Bau", "other": "Sonstiges",
}
BREAKDOWN = ("openings_posted", "approvals", "interviews", "hires")


def esf_rows(session, period: Period, centres) -> list[list]:
    """ESF Plus participant figures per centre: entries, exits, entries into employment."""
    rows = []
    for centre in centres:
        f = compute(session, period, centre_id=centre.id)
        exits = f["participants_placed"] + f["participants_left"]
        rows.append([
            centre.name,
            suppressed("participants_new", f["participants_new"], f),
            suppressed("participants_left", exits, f),
            suppressed("hires", f["hires"], f),
        ])
    return rows


def report_rows(session, period: Period, centre_id: int | None = None, quarter: str | None = None, sector: str | None = None, produced_at: datetime | None = None) -> list[list]:
    """The whole report as rows of cells: totals, reasons, missing skills, ESF Plus figures, per quarter and sector."""
    produced_at = produced_at or utcnow()
    centres = session.scalars(select(Centre).order_by(Centre.name)).all()
    if centre_id is not None:
        centres = [c for c in centres if c.id == centre_id]
    total = compute(session, period, centre_id=centre_id, quarter=quarter, sector=sector)
    scope = [centres[0].name if centre_id is not None and centres else "alle Perspektivhäuser"]
    if quarter:
        scope.append(QUARTER_NAMES[quarter])
    if sector:
        scope.append(SECTOR_NAMES[sector])
    rows: list[list] = [
        ["KMU-Match – Monatsstatistik", ""],
        ["Zeitraum", period.label],
        ["Erstellt (UTC)", produced_at.strftime("%Y-%m-%d %H:%M")],
        ["Bereich", ", ".join(scope)],
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
    rows += esf_rows(session, period, centres)
    for title, field, names in (("nach Stadtteil", "quarter", QUARTER_NAMES), ("nach Branche", "sector", SECTOR_NAMES)):
        rows += [[], [title] + [LABELS[k] for k in BREAKDOWN]]
        for value, name in names.items():
            f = compute(session, period, centre_id=centre_id, **{field: value})
            rows.append([name] + [suppressed(k, f[k], f) for k in BREAKDOWN])
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
