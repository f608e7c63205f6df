"""How suggestions are made, in public, and the matcher's technical record for admins (issue 16.5)."""

from __future__ import annotations

import matching
from tests.conftest import login


def test_anybody_reads_how_suggestions_are_made(client, world):
    response = client.get("/so-entstehen-vorschlaege")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for promise in ("entscheidet immer eine Beraterin oder ein Berater", "Was das Programm nie sieht", "Geschlecht", "0,552", "Grenzen", "Art. 15 DSGVO"):
        assert promise in page, promise
    assert "Perspektivhaus Altenhagen" in page  # whom to ask
    assert 'href="/so-entstehen-vorschlaege"' in client.get("/anmelden").get_data(as_text=True)  # linked on every page


def test_the_technical_record_is_for_admins_only(client, world, login_as):
    assert client.get("/admin/technik").status_code == 302  # to the login
    login(client, world.counsellor_a)
    assert client.get("/admin/technik").status_code == 403
    other = client.application.test_client()
    login(other, world.admin)
    page = other.get("/admin/technik").get_data(as_text=True)
    assert f"Version {matching.__version__}" in page and "Prüfsumme" in page and "ESCO" in page
    assert "depth_floor" in page and "bench/real_text.py" in page and "12 Monaten" in page
