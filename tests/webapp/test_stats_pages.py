"""The statistics page, its charts and exports, and the command line that writes the same file."""
from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from tests.webapp.test_stats import history  # noqa: F401 - the known history fixture
from webapp.db import db
from webapp.stats.export import report_rows, safe_cell


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def without_time(rows):
    return [r for r in rows if not (r and r[0] == "Erstellt (UTC)")]


def test_the_dashboard_shows_figures_charts_and_tables(app, client, history, login_as):
    login_as("admin")
    page = client.get("/statistik/?monat=2026-10").get_data(as_text=True)
    assert "Statistik · 2026-10" in page and "Vorstellungen freigegeben" in page
    assert page.count('<img class="img-fluid"') == 4 and "die Zahlen stehen in der Tabelle daneben" in page
    assert "2025-11" in page and "Erstellt am" in page
    png = client.get("/statistik/diagramm/vorstellungen.png?monat=2026-10")
    assert png.status_code == 200 and png.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get("/statistik/diagramm/kenntnisse.png").data[:4] == b"\x89PNG"
    assert client.get("/statistik/diagramm/gibtsnicht.png").status_code == 404
    assert client.get("/statistik/?monat=Oktober").status_code == 400


def test_small_counts_are_suppressed_and_formulas_escaped(app, history):
    with app.app_context():
        from webapp.stats.figures import Period

        rows = report_rows(db.session, Period.months("2026-10"))
    values = {r[0]: r[1] for r in rows if len(r) >= 2}
    assert values["Vorstellungen freigegeben"] == "<3"  # 2 people
    assert values["Teilnehmende aktiv"] == 3
    assert values["Stellen neu veröffentlicht"] == 2  # openings are not people: not suppressed
    assert values["Vermittlungsquote (Einstellungen je Vorstellung)"] == "–"
    assert safe_cell("=HYPERLINK('x')") == "'=HYPERLINK('x')" and safe_cell("-1") == "'-1" and safe_cell("@a") == "'@a"
    assert safe_cell("Kasse") == "Kasse" and safe_cell(5) == 5


def test_csv_and_xlsx_exports_match_each_other(app, client, history, login_as):
    login_as("admin")
    from_csv = csv_rows(client.get("/statistik/export.csv?monat=2026-10").data)
    book = load_workbook(io.BytesIO(client.get("/statistik/export.xlsx?monat=2026-10").data))
    from_xlsx = [["" if v is None else str(v) for v in row] for row in book.active.iter_rows(values_only=True)]
    def number_or_text(cell: str):
        try:
            return float(cell)
        except ValueError:
            return cell

    def normalise(rows):
        return [[number_or_text(c) for c in r if c != ""] for r in without_time(rows)]

    assert normalise(from_csv) == normalise(from_xlsx)
    assert ["Zeitraum", "2026-10"] in from_csv
    assert all("Ioana" not in cell and "AH-0001" not in cell for row in from_csv for cell in row)


def test_the_command_line_writes_the_same_file(app, client, runner, history, login_as, tmp_path):
    login_as("admin")
    page_rows = csv_rows(client.get("/statistik/export.csv?monat=2026-10").data)
    out = tmp_path / "report.csv"
    result = runner.invoke(args=["stats", "--month", "2026-10", "--format", "csv", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert without_time(csv_rows(out.read_bytes())) == without_time(page_rows)
    xlsx = tmp_path / "report.xlsx"
    assert runner.invoke(args=["stats", "--month", "2026-10", "--format", "xlsx", "--output", str(xlsx)]).exit_code == 0
    assert load_workbook(xlsx).active["B2"].value == "2026-10"
    bad = runner.invoke(args=["stats", "--month", "10/2026", "--output", str(out)])
    assert bad.exit_code != 0 and "YYYY-MM" in bad.output


def test_counsellors_see_their_own_centre_only(app, client, history, login_as):
    login_as("counsellor_w")
    rows = csv_rows(client.get(f"/statistik/export.csv?monat=2026-10&haus={history.centre_a}").data)
    assert ["Bereich", "Perspektivhaus Wehringhausen"] in rows
    assert any(r and r[0] == "Perspektivhaus Wehringhausen" for r in rows)
    assert not any(r and r[0] == "Perspektivhaus Altenhagen" for r in rows)


def test_quarter_and_sector_filters_and_breakdowns(app, client, history, login_as):
    login_as("admin")
    rows = csv_rows(client.get("/statistik/export.csv?monat=2026-10&stadtteil=altenhagen").data)
    values = {r[0]: r[1] for r in rows if len(r) == 2}
    assert values["Bereich"] == "alle Perspektivhäuser, Altenhagen"
    assert values["Stellen neu veröffentlicht"] == "2"
    full = csv_rows(client.get("/statistik/export.csv?monat=2026-10").data)
    quarter_rows = {r[0]: r[1:] for r in full[full.index(next(r for r in full if r and r[0] == "nach Stadtteil")) + 1 :][:3]}
    assert quarter_rows["Altenhagen"][0] == "2" and quarter_rows["Wehringhausen"][0] == "0"
    sector_header = next(i for i, r in enumerate(full) if r and r[0] == "nach Branche")
    sectors = {r[0]: r[1:] for r in full[sector_header + 1 :] if r}
    assert sectors["Bäckerei"] == ["0", "<3", "<3", "<3"] and sectors["Einzelhandel"][0] == "1"
    page = client.get("/statistik/?monat=2026-10&branche=bakery").get_data(as_text=True)
    assert "ESF Plus: Teilnehmende nach Perspektivhaus" in page and 'value="bakery" selected' in page


def test_odd_parameters_get_a_clear_answer(client, history, login_as):
    login_as("admin")
    assert client.get("/statistik/?haus=99999999999999999999").status_code == 200
    assert client.get("/statistik/export.csv?monat=2026-13").status_code == 400
    assert client.get("/statistik/export.pdf").status_code == 404
