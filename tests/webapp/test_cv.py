"""CV entries (issue 18.1, in part): work history, school and training, certificates; a job's tasks and
the certificates count for matching, so experience alone can make a match."""

from __future__ import annotations

from sqlalchemy import func, select

from models import AuditEvent, CvEntry
from tests.helpers import csrf_token, login
from webapp.core.db import db

URL = "/beratung/teilnehmende/{}/lebenslauf"


def _add(client, pid, **fields):
    return client.post(URL.format(pid), data={**fields, "csrf_token": csrf_token(client, URL.format(pid))})


def test_experience_alone_makes_the_match(app, client, world, login_as, add_participant):
    pid = add_participant("AH-0002", ["Fenster putzen"])  # nothing the kiosk asks for
    login_as("counsellor_a")
    page = client.get(f"/beratung/stellen/{world.opening_2}/vorschlaege?mindestens=0").get_data(as_text=True)
    assert f'id="karte-{pid}"' not in page
    response = _add(
        client, pid, kind="work", title="Kiosk am Markt", place="Hagen", started_on="2019-03-01", ended_on="2022-06-30", details="Kasse\nWare einräumen"
    )
    assert response.status_code == 302
    page = client.get(f"/beratung/stellen/{world.opening_2}/vorschlaege?mindestens=0").get_data(as_text=True)
    assert f'id="karte-{pid}"' in page and "Aus dem Lebenslauf: Kasse" in page
    with app.app_context():
        assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "cv.add", AuditEvent.object_id == pid))


def test_entries_are_checked_and_shown_in_the_subject_access(app, client, world, login_as):
    login_as("counsellor_a")
    wrong = _add(client, world.participant_a, kind="work", title="", started_on="2022-01-01", ended_on="2020-01-01").get_data(as_text=True)
    assert "Bitte geben Sie an, wo oder was." in wrong and "Das Ende liegt vor dem Anfang." in wrong
    assert _add(client, world.participant_a, kind="nonsense", title="X").status_code == 200  # refused, nothing stored
    assert _add(client, world.participant_a, kind="certificate", title="Staplerschein", started_on="2024-05-02").status_code == 302
    page = client.get(f"/beratung/teilnehmende/{world.participant_a}/auskunft").get_data(as_text=True)
    assert "Staplerschein" in page and "Liceul Teoretic" in page and "Anerkennung beantragt" in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(CvEntry).where(CvEntry.participant_id == world.participant_a)) == 2


def test_a_certificate_has_a_date_not_a_period(app, client, world, login_as):
    """Issue 25.13: „Staplerschein · vom 09/2025“, never „09/2025 – heute“; a job without an end still runs until today."""
    import re

    login_as("counsellor_a")
    assert _add(client, world.participant_a, kind="certificate", title="Staplerschein", started_on="2025-09-15").status_code == 302
    assert _add(client, world.participant_a, kind="work", title="Lager Schmidt", started_on="2024-03-01").status_code == 302
    page = client.get(URL.format(world.participant_a)).get_data(as_text=True)
    when = {}
    for item in page.split('<li class="list-group-item')[1:]:
        found = re.search(r"<strong>([^<]+)</strong>.*?cv-when\">(.*?)</span>", item, re.S)
        if found:
            when[found.group(1)] = re.sub(r"\s+", " ", found.group(2)).strip()
    assert when["Staplerschein"] == "· vom 09/2025"
    assert when["Lager Schmidt"] == "· 03/2024 – heute"


def test_only_the_own_centre_reads_adds_or_deletes(app, client, world, login_as):
    login_as("counsellor_w")
    assert client.get(URL.format(world.participant_a)).status_code == 404
    token = csrf_token(client, "/konto/passwort")
    assert client.post(URL.format(world.participant_a), data={"kind": "work", "title": "X", "csrf_token": token}).status_code == 404
    assert client.post(f"{URL.format(world.participant_a)}/{world.cv_entry_a}/loeschen", data={"csrf_token": token}).status_code == 404
    with app.app_context():
        assert db.session.get(CvEntry, world.cv_entry_a) is not None


def test_an_entry_is_deleted_by_post_and_erased_with_the_person(app, client, world, login_as, add_participant):
    login_as("counsellor_a")
    other = add_participant("AH-0003", ["Kasse"])
    url = f"{URL.format(other)}/{world.cv_entry_a}/loeschen"  # someone else's entry through another person's URL
    assert client.post(url, data={"csrf_token": csrf_token(client, URL.format(other))}).status_code == 404
    assert client.get(f"{URL.format(world.participant_a)}/{world.cv_entry_a}/loeschen").status_code == 405
    erase = f"/beratung/teilnehmende/{world.participant_a}/loeschen"
    assert client.post(erase, data={"confirm": "AH-0001", "csrf_token": csrf_token(client, erase)}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(CvEntry)) == 0


def test_an_entry_is_changed_with_the_same_checks_and_the_suggestions_follow(app, client, world, login_as, add_participant):
    """Issue 25.9: an entry can be changed, not only deleted; wrong input keeps what was typed and changes
    nothing; the changed tasks count for matching at once; only the own house, only the person's own entries."""
    pid = add_participant("AH-0005", ["Fenster putzen"])
    login_as("counsellor_a")
    assert _add(client, pid, kind="work", title="Kiosk am Mrkt", started_on="2019-03-01", details="Fenster putzen").status_code == 302
    with app.app_context():
        entry = db.session.scalar(select(CvEntry.id).where(CvEntry.participant_id == pid))
    edit = f"{URL.format(pid)}/{entry}/bearbeiten"
    page = client.get(edit).get_data(as_text=True)
    assert 'value="Kiosk am Mrkt"' in page and "Änderung speichern" in page
    suggestions = f"/beratung/stellen/{world.opening_2}/vorschlaege?mindestens=0"
    assert f'id="karte-{pid}"' not in client.get(suggestions).get_data(as_text=True)  # nothing the kiosk asks for

    token = csrf_token(client, edit)
    wrong = client.post(
        edit, data={"kind": "work", "title": "Kiosk am Markt", "started_on": "2022-01-01", "ended_on": "2020-01-01", "details": "Kasse", "csrf_token": token}
    )
    assert (
        wrong.status_code == 200
        and "Das Ende liegt vor dem Anfang." in wrong.get_data(as_text=True)
        and 'value="Kiosk am Markt"' in wrong.get_data(as_text=True)
    )
    with app.app_context():
        assert db.session.get(CvEntry, entry).title == "Kiosk am Mrkt"  # nothing changed

    done = client.post(
        edit, data={"kind": "work", "title": "Kiosk am Markt", "started_on": "2019-03-01", "details": "Kasse\nWare einräumen", "csrf_token": token}
    )
    assert done.status_code == 302 and done.headers["Location"].endswith(f"#eintrag-{entry}")
    with app.app_context():
        changed = db.session.get(CvEntry, entry)
        assert (changed.title, changed.details) == ("Kiosk am Markt", "Kasse\nWare einräumen")
        assert db.session.scalar(select(AuditEvent.id).where(AuditEvent.action == "cv.edit", AuditEvent.object_id == pid))
    assert f'id="karte-{pid}"' in client.get(suggestions).get_data(as_text=True)  # the tasks count now

    # Another person's entry through this person's address, and the other house: as if there were none.
    other = add_participant("AH-0006", ["Kasse"])
    assert client.get(f"{URL.format(other)}/{entry}/bearbeiten").status_code == 404
    assert client.get(f"{URL.format(pid)}/{world.cv_entry_a}/bearbeiten").status_code == 404
    other_house = app.test_client()
    login(other_house, world.counsellor_w)
    assert other_house.get(edit).status_code == 404
    assert other_house.post(edit, data={"kind": "work", "title": "X", "csrf_token": csrf_token(other_house, "/konto/passwort")}).status_code == 404
    with app.app_context():
        assert db.session.get(CvEntry, entry).title == "Kiosk am Markt"
