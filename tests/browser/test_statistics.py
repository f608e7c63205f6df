"""In Chromium: the project lead opens the statistics with the demo history and downloads the exports."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from babel.dates import format_date
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.pages import log_in
from webapp import demo
from webapp.core.db import db

pytestmark = pytest.mark.browser


def wait_for_charts(page, seconds: float = 20) -> None:
    """Every chart drawn from its table, with bars on it. Polled from Python: the page's CSP forbids eval."""
    import time

    deadline = time.monotonic() + seconds
    drawn = "() => Array.from(document.querySelectorAll('main canvas')).every(c => c.dataset.drawn === 'true' && c.width > 200)"
    while not page.evaluate(drawn):
        assert time.monotonic() < deadline, "a chart was not drawn"
        time.sleep(0.1)
    # Coloured pixels (the bars' blue) on each canvas: the chart shows the table's numbers, not an empty frame.
    painted = """() => Array.from(document.querySelectorAll('main canvas')).map(c => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 0; i < d.length; i += 4) { if (d[i] === 11 && d[i + 1] === 79 && d[i + 2] === 156) n++; }
        return n; })"""
    assert all(n > 50 for n in page.evaluate(painted)), "a chart has no bars"


def test_the_dashboard_with_charts_and_exports(app, live_server, browser, shots):
    with app.app_context():
        demo.load(db.session, participants=80)
        db.session.commit()
    admin = next(entry for entry in demo.demo_logins() if entry.role == "admin")
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="de-DE")
    log_in(page, live_server, admin.email, admin.password)
    this_month = format_date(date.today(), "MMMM yyyy", locale="de")
    page.goto(live_server + "/statistik/")
    expect(page.locator("h1")).to_contain_text(f"Statistik · {this_month}")
    expect(page.locator("main canvas")).to_have_count(4)
    wait_for_charts(page)
    approvals_12_months = page.locator("#chart-vorstellungen + .row table tbody tr").count()
    assert approvals_12_months == 12
    # Issue 25.16: at 1280 px no table is cut by its column (each fits the width it is given).
    clipped = page.evaluate(
        "[...document.querySelectorAll('main .table-responsive')].filter(r => r.querySelector('table').getBoundingClientRect().width > r.clientWidth + 1).length"
    )
    assert clipped == 0
    page.screenshot(path=str(shots / "dashboard-this-month.png"), full_page=True)

    # The previous month, and the exports of what the page shows.
    first = date.today().replace(day=1)
    previous_day = first.replace(year=first.year - 1, month=12) if first.month == 1 else first.replace(month=first.month - 1)
    previous = format_date(previous_day, "MMMM yyyy", locale="de")
    page.get_by_label("Monat", exact=True).fill(previous_day.strftime("%Y-%m"))
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.locator("h1")).to_contain_text(f"Statistik · {previous}")
    wait_for_charts(page)
    page.screenshot(path=str(shots / "dashboard-previous-month.png"), full_page=True)
    shown = {row.locator("th").inner_text(): row.locator("td").inner_text() for row in page.locator("table").first.locator("tbody tr").all()}
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Als CSV herunterladen").click()
    with open(csv_download.value.path(), encoding="utf-8-sig") as f:
        rows = list(csv.reader(io.StringIO(f.read()), delimiter=";"))
    exported = {r[0]: r[1] for r in rows if len(r) == 2}
    for label, value in shown.items():
        assert exported[label] == value, label
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Als Excel herunterladen").click()
    with open(xlsx_download.value.path(), "rb") as f:
        sheet = load_workbook(io.BytesIO(f.read())).active
    assert sheet["B2"].value == previous
    page.close()
