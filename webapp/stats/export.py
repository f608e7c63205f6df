"""Reports that leave the project: anonymous (pseudonyms never, names never), small cells protected
(:mod:`webapp.stats.disclosure`), formula injection escaped. The same rows feed the CSV, the XLSX and
``flask stats``; they are written in the language of the page (German by default)."""

from __future__ import annotations

import io
from datetime import datetime

from flask_babel import format_datetime
from sqlalchemy import select

from models import Centre, utcnow
from models.enums import QUARTERS, SECTORS
from webapp.core.i18n import gettext as _
from webapp.core.labels import QUARTER_LABELS, REJECTION_REASON_LABELS, SECTOR_LABELS, STAT_LABELS
from webapp.core.spreadsheets import safe_cell
from webapp.stats.report import Report, display, period_text

BREAKDOWN = ("openings_posted", "approvals", "interviews", "hires")


def note(internal: bool) -> str:
    if internal:
        return _("INTERN – exakte Zahlen nur für die Projektleitung und die Förderberichte; nicht weitergeben.")
    return _(
        "anonym; jede Zahl leicht verändert (Cell-Key-Verfahren, meist um 0 oder 1, höchstens um 4), 1 und 2 werden nie gezeigt; Summen können deshalb von ihren Teilen abweichen."
    )


def report_rows(report: Report, produced_at: datetime | None = None) -> list[list]:
    """The whole report as rows of cells: totals, reasons, missing skills, ESF Plus figures, per quarter and sector."""
    session, scope = report.session, report.scope
    produced_at = produced_at or utcnow()
    centres = session.scalars(select(Centre).order_by(Centre.name)).all()
    if scope.filters.centre_id is not None:
        centres = [c for c in centres if c.id == scope.filters.centre_id]
    total = report.figures()
    area = [centres[0].name if scope.filters.centre_id is not None and centres else _("alle Perspektivhäuser")]
    if scope.filters.quarter:
        area.append(str(QUARTER_LABELS[scope.filters.quarter]))
    if scope.filters.sector:
        area.append(str(SECTOR_LABELS[scope.filters.sector]))
    rows: list[list] = [
        [_("KMU-Match – Statistik"), ""],
        [_("Zeitraum"), period_text(scope.period)],
        [_("Erstellt"), format_datetime(produced_at, "dd.MM.yyyy HH:mm")],
        [_("Bereich"), ", ".join(area)],
        [_("Hinweis"), note(scope.internal)],
        [],
        [_("Kennzahl"), _("Wert")],
    ]
    for key, label in STAT_LABELS.items():
        rows.append([str(label), display(key, total[key])])
    rows += [[], [_("Ablehnungsgründe"), _("Anzahl")]]
    for reason, n in total["rejections_by_reason"].items():
        rows.append([str(REJECTION_REASON_LABELS.get(reason, reason)), n])
    rows += [[], [_("Häufig fehlende Pflicht-Kenntnisse bei Ablehnungen"), _("Anzahl")]]
    for term, n in total["missing_skills_in_rejections"].items():
        rows.append([term, n])
    rows += [[], [_("Teilnahme nach Perspektivhaus"), _("Eintritte"), _("Austritte"), _("davon in Arbeit")]]
    rows += report.esf(centres)
    for title, field, values, names in ((_("nach Stadtteil"), "quarter", QUARTERS, QUARTER_LABELS), (_("nach Branche"), "sector", SECTORS, SECTOR_LABELS)):
        rows += [[], [title] + [str(STAT_LABELS[k]) for k in BREAKDOWN]]
        for value, figures in report.breakdown(field, values).items():
            rows.append([str(names[value])] + [figures[k] for k in BREAKDOWN])
    return [[safe_cell(c) for c in row] for row in rows]


def to_xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Statistik")[:31]
    for row in rows:
        sheet.append(row)
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 52
    for col in "BCD":
        sheet.column_dimensions[col].width = 18
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
