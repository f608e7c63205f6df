"""How suggestions are made, in public, and the matcher's technical record for admins (issue 16.5).

Measured figures have one source (issue 23.5): the benches write matching/data/measurements.json; the
public page, the technical record and the README's table show what it holds – no figure is typed here.
"""

from __future__ import annotations

from pathlib import Path

import matching
from matching import measurements
from tests.helpers import login

README = Path(__file__).resolve().parents[2] / "README.md"


def test_anybody_reads_how_suggestions_are_made(client, world):
    response = client.get("/so-entstehen-vorschlaege")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    held_out = measurements.de(measurements.load()["real_text"]["held_out"]["ndcg"])
    for promise in ("entscheidet immer eine Beraterin oder ein Berater", "Was das Programm nie sieht", "Geschlecht", held_out, "Grenzen", "Art. 15 DSGVO"):
        assert promise in page, promise
    assert "nDCG" not in page  # said in words for citizens
    from matching.matcher import START_DAYS

    assert f"Wer bis zu {START_DAYS} Tage nach dem Beginn kann" in page  # the tolerance the matcher uses, from its one place
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
    data = measurements.load()
    for value in (data["real_text"]["held_out"]["ndcg"], data["esco_wording"]["20000"]["ndcg"], data["speed"]["rank_100k_p95_ms"]):
        assert measurements.de(value, 3 if value < 1 else 1) in page  # as the README and the public page write it: "0,570"


def test_the_readme_table_is_written_from_the_measurements():
    """Run ``python -m matching.measurements --readme`` after a bench run when this fails."""
    text = README.read_text(encoding="utf-8")
    assert measurements.readme_table(measurements.load()) in text


def test_a_bench_writes_its_section_and_the_month(tmp_path):
    path = tmp_path / "m.json"
    measurements.record("speed", {"peak_mb": 700}, path=path, month="2027-01")
    measurements.record("shop_floor", {"ndcg": 0.9}, path=path, month="2026-12")
    data = measurements.load(path)
    assert data["speed"] == {"peak_mb": 700} and data["shop_floor"]["ndcg"] == 0.9
    assert measurements.measured_month(data) == "2027-01"
