"""Small things that cost trust (issue 14.7), each checked where a person meets it."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

from tests.helpers import csrf_token
from webapp import demo

ROOT = Path(__file__).resolve().parents[2]


def test_the_admin_is_told_who_gives_subject_access_and_why(client, world, login_as):
    login_as("admin")
    for url in (f"/beratung/teilnehmende/{world.participant_a}/auskunft", f"/beratung/teilnehmende/{world.participant_a}/loeschen"):
        response = client.get(url)
        assert response.status_code == 403
        page = response.get_data(as_text=True)
        assert "erledigt die Beratung im Perspektivhaus der Person" in page and "Protokoll" in page


def test_an_employer_refused_gets_the_plain_message(client, world, login_as):
    login_as("employer_user_2")
    page = client.get("/beratung/teilnehmende").get_data(as_text=True)
    assert "nicht freigegeben" in page and "Perspektivhaus der Person" not in page


def test_an_import_with_errors_cannot_be_started(client, world, login_as):
    login_as("counsellor_a")
    faulty = b"Vorname;Nachname;Deutsch\nAna;Lupu;Z9\nIon;Popa;B1\n"
    upload = {"datei": (io.BytesIO(faulty), "liste.csv"), "csrf_token": csrf_token(client, "/beratung/import")}
    preview = client.post("/beratung/import", data=upload, content_type="multipart/form-data").headers["Location"]
    page = client.get(preview).get_data(as_text=True)
    assert re.search(r'<button class="btn btn-primary" type="submit" disabled aria-describedby="import-hint">\s*Alle 2 Zeilen importieren', page)


def test_demo_logins_lists_every_demo_account():
    logins = demo.demo_logins()
    assert len([entry for entry in logins if entry.role == "employer"]) == len(demo.EMPLOYERS)
    assert len({entry.email for entry in logins}) == len(logins) == 1 + len(demo.COUNSELLORS) + len(demo.EMPLOYERS)


def test_make_run_links_mails_to_the_port_the_service_runs_on():
    plan = subprocess.run(["make", "-n", "run", "PORT=5101"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert 'KMU_BASE_URL="${KMU_BASE_URL:-http://127.0.0.1:5101}"' in plan and "--port 5101" in plan


def test_the_readme_links_point_to_files_that_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\((?!https?://|#)([^)]+)\)", readme)
    assert "ARCHITECTURE.md" in targets
    assert [t for t in targets if not (ROOT / t).exists()] == []
