"""The statistics page, its charts and exports, and the command line that writes the same file."""

from __future__ import annotations

import csv
import io
import re

from openpyxl import load_workbook

from webapp.core.spreadsheets import safe_cell


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def without_time(rows):
    return [r for r in rows if not (r and r[0] == "Erstellt")]


def values(rows) -> dict[str, str]:
    return {r[0]: r[1] for r in rows if len(r) == 2}


def test_the_dashboard_shows_figures_charts_and_tables(app, client, history, login_as):
    login_as("admin")
    page = client.get("/statistik/?monat=2026-10").get_data(as_text=True)
    assert "Statistik · Oktober 2026" in page and "Vorstellungen freigegeben" in page
    assert page.count("<canvas data-chart-table=") == 4 and "die Zahlen stehen in der Tabelle daneben" in page
    for table in re.findall(r'data-chart-table="([\w-]+)"', page):
        assert f'id="{table}"' in page  # each chart is drawn from a table on the page
    assert "vendor/chart.umd.min.js" in page and client.get("/static/vendor/chart.umd.min.js").status_code == 200
    assert "Nov. 2025" in page and "Erstellt am" in page and "2025-11" not in page
    assert client.get("/statistik/?monat=Oktober").status_code == 400


def test_quarters_and_years_are_offered_as_periods(client, history, login_as):
    login_as("counsellor_a")
    assert "Statistik · 4. Quartal 2026" in client.get("/statistik/?monat=2026-10&zeitraum=quartal").get_data(as_text=True)
    assert "Statistik · 2026" in client.get("/statistik/?monat=2026-10&zeitraum=jahr").get_data(as_text=True)
    # Ranges of months are for the internal view only: a counsellor asking for one gets the month.
    assert "Statistik · Oktober 2026<" in client.get("/statistik/?monat=2026-10&bis=2026-12").get_data(as_text=True).replace("\n", "")


def test_published_figures_never_show_one_or_two_and_the_internal_view_is_exact_and_marked(client, history, login_as):
    login_as("admin")
    published = values(csv_rows(client.get("/statistik/export.csv?monat=2026-10").data))
    assert "Cell-Key-Verfahren" in published["Hinweis"]
    counts = [v for k, v in published.items() if v.isdigit()]
    assert counts and not {"1", "2"} & set(counts)
    internal = client.get("/statistik/export.csv?monat=2026-10&ansicht=intern")
    assert "-intern" in internal.headers["Content-Disposition"]
    exact = values(csv_rows(internal.data))
    assert exact["Hinweis"].startswith("INTERN")
    assert (exact["Vorstellungen freigegeben"], exact["Teilnehmende im Zeitraum"], exact["Stellen neu veröffentlicht"]) == ("2", "3", "2")
    assert exact["Vermittlungsquote (Einstellungen je Vorstellung)"] == "50\xa0%"
    assert exact["Median Tage bis zur ersten Vorstellung"] == "19,5"
    page = client.get("/statistik/?monat=2026-10&ansicht=intern").get_data(as_text=True)
    assert "Intern: exakte Zahlen." in page


def test_counsellors_never_get_the_internal_view(client, history, login_as):
    login_as("counsellor_a")
    page = client.get("/statistik/?monat=2026-10&ansicht=intern").get_data(as_text=True)
    assert "Intern: exakte Zahlen." not in page and "leicht verändert" in page
    assert values(csv_rows(client.get("/statistik/export.csv?monat=2026-10&ansicht=intern").data))["Hinweis"].startswith("anonym")


def test_a_cell_shows_the_same_number_on_the_page_in_the_exports_and_in_the_charts(client, history, login_as):
    login_as("counsellor_a")
    csv_values = values(csv_rows(client.get("/statistik/export.csv?monat=2026-10").data))
    page = client.get("/statistik/?monat=2026-10").get_data(as_text=True)
    shown = dict(re.findall(r'<th scope="row" class="fw-normal">([^<]+)</th><td class="text-end">([^<]+)</td>', page))
    for label in ("Eintritte", "Teilnehmende im Zeitraum", "Vorstellungen freigegeben", "Einstellungen über eine Vorstellung"):
        assert shown[label] == csv_values[label]
    again = values(csv_rows(client.get("/statistik/export.csv?monat=2026-10").data))
    assert without_time(list(again.items())) == without_time(list(csv_values.items()))
    chart_row = re.search(r'<th scope="row" class="fw-normal">Okt. 2026</th><td class="text-end">([^<]+)</td>', page).group(1)
    assert chart_row == csv_values["Vorstellungen freigegeben"]


def test_formulas_are_escaped():
    assert safe_cell("=HYPERLINK('x')") == "'=HYPERLINK('x')" and safe_cell("-1") == "'-1" and safe_cell("@a") == "'@a"
    assert safe_cell("Kasse") == "Kasse" and safe_cell(5) == 5


def test_csv_and_xlsx_exports_match_each_other(app, client, history, login_as):
    login_as("admin")
    from_csv = csv_rows(client.get("/statistik/export.csv?monat=2026-10").data)
    book = load_workbook(io.BytesIO(client.get("/statistik/export.xlsx?monat=2026-10").data))
    from_xlsx = [["" if v is None else str(v) for v in row] for row in book.active.iter_rows(values_only=True)]

    def normalise(rows):
        return [[c for c in r if c != ""] for r in without_time(rows)]

    assert normalise(from_csv) == normalise(from_xlsx)
    assert ["Zeitraum", "Oktober 2026"] in from_csv
    assert all("Ioana" not in cell and "AH-0001" not in cell for row in from_csv for cell in row)


def test_the_command_line_writes_the_same_file(app, client, runner, history, login_as, tmp_path):
    login_as("admin")
    page_rows = csv_rows(client.get("/statistik/export.csv?monat=2026-10").data)
    out = tmp_path / "report.csv"
    result = runner.invoke(args=["stats", "--month", "2026-10", "--format", "csv", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert without_time(csv_rows(out.read_bytes())) == without_time(page_rows)
    internal = tmp_path / "intern.csv"
    assert runner.invoke(args=["stats", "--month", "2026-08", "--to", "2026-10", "--internal", "--format", "csv", "--output", str(internal)]).exit_code == 0
    assert values(csv_rows(internal.read_bytes()))["Eintritte"] == "4"
    refused = runner.invoke(args=["stats", "--month", "2026-08", "--to", "2026-10", "--output", str(out)])
    assert refused.exit_code != 0 and "--internal" in refused.output
    xlsx = tmp_path / "report.xlsx"
    assert runner.invoke(args=["stats", "--quarter", "2026-4", "--format", "xlsx", "--output", str(xlsx)]).exit_code == 0
    assert load_workbook(xlsx).active["B2"].value == "4. Quartal 2026"
    bad = runner.invoke(args=["stats", "--month", "10/2026", "--output", str(out)])
    assert bad.exit_code != 0 and "JJJJ-MM" in bad.output


def test_counsellors_see_their_own_centre_only(app, client, history, login_as):
    login_as("counsellor_w")
    rows = csv_rows(client.get(f"/statistik/export.csv?monat=2026-10&haus={history.centre_a}").data)
    assert ["Bereich", "Perspektivhaus Wehringhausen"] in rows
    assert any(r and r[0] == "Perspektivhaus Wehringhausen" for r in rows)
    assert not any(r and r[0] == "Perspektivhaus Altenhagen" for r in rows)


def test_quarter_and_sector_filters_and_breakdowns(app, client, history, login_as):
    login_as("admin")
    rows = csv_rows(client.get("/statistik/export.csv?monat=2026-10&stadtteil=altenhagen&ansicht=intern").data)
    assert values(rows)["Bereich"] == "alle Perspektivhäuser, Altenhagen"
    assert values(rows)["Stellen neu veröffentlicht"] == "2"
    full = csv_rows(client.get("/statistik/export.csv?monat=2026-10&ansicht=intern").data)
    quarter_rows = {r[0]: r[1:] for r in full[full.index(next(r for r in full if r and r[0] == "nach Stadtteil")) + 1 :][:3]}
    assert quarter_rows["Altenhagen"][0] == "2" and quarter_rows["Wehringhausen"][0] == "0"
    sector_header = next(i for i, r in enumerate(full) if r and r[0] == "nach Branche")
    sectors = {r[0]: r[1:] for r in full[sector_header + 1 :] if r}
    assert sectors["Bäckerei"] == ["0", "1", "1", "1"] and sectors["Einzelhandel"][0] == "1"
    published = csv_rows(client.get("/statistik/export.csv?monat=2026-10").data)
    sector_header = next(i for i, r in enumerate(published) if r and r[0] == "nach Branche")
    assert not {"1", "2"} & {c for r in published[sector_header + 1 :] for c in r[1:]}
    page = client.get("/statistik/?monat=2026-10&branche=bakery").get_data(as_text=True)
    assert "Teilnahme nach Perspektivhaus" in page and 'value="bakery" selected' in page


def test_odd_parameters_get_a_clear_answer(client, history, login_as):
    login_as("admin")
    assert client.get("/statistik/?haus=99999999999999999999").status_code == 200
    assert client.get("/statistik/export.csv?monat=2026-13").status_code == 400
    assert client.get("/statistik/export.pdf").status_code == 404
