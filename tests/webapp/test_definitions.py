"""Every counted figure is defined once (issue 23.2): the pages link to the definitions, the README is written from them."""

from __future__ import annotations

from pathlib import Path

from webapp.core.labels import STAT_LABELS
from webapp.stats.definitions import DEFINITIONS, markdown

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_figure_of_the_statistics_has_a_definition():
    defined = {key for key, _name, _text in DEFINITIONS}
    figures = set(STAT_LABELS) - {"introductions"}  # "Vorstellungen" is the same count as "approvals"
    assert figures <= defined, figures - defined


def test_the_readme_says_exactly_what_the_definitions_say(app):
    """Run ``python -m webapp.stats.definitions`` and paste it into the README when this fails."""
    with app.app_context():
        assert markdown() in README.read_text(encoding="utf-8")


def test_both_statistics_pages_link_the_definitions_and_they_are_readable(client, world, login_as):
    login_as("admin")
    for url in ("/statistik/?monat=2026-11", "/statistik/esf?monat=2026-11"):
        assert 'href="/statistik/begriffe"' in client.get(url).get_data(as_text=True), url
    page = client.get("/statistik/begriffe").get_data(as_text=True)
    assert "Eintritt" in page and "aus welchem Grund auch immer" in page and "Einstellung über eine Vorstellung" in page
    english = client.get("/statistik/begriffe", headers={"Accept-Language": "en"})
    assert english.status_code == 200
