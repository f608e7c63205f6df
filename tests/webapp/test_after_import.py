"""After an import (issue 14.6): the new people first and ready for consent, several consents at once,
a template to download, a whole-name column, and header words as people write them."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from models import AuditEvent, ConsentRecord, Participant, ParticipantIdentity
from tests.helpers import csrf_token
from webapp.core.db import db
from webapp.counsellors.imports import guess_mapping, split_name


@pytest.fixture
def import_list(client, upload):
    """``import_list(content, filename)``: the test client uploads a list and confirms its preview."""

    def confirm(content: bytes, filename: str = "liste.csv"):
        preview = upload(content, filename).headers["Location"]
        token = csrf_token(client, preview)
        return client.post(preview, data={"csrf_token": token})

    return confirm


def test_header_words_as_people_write_them():
    mapping = guess_mapping(["Name", "Telefonnummer", "Deutschkenntnisse", "Kenntnisse", "PLZ"])
    assert mapping["full_name"] == 0 and mapping["phone"] == 1 and mapping["german_level"] == 2 and mapping["skills"] == 3
    both = guess_mapping(["Vorname", "Nachname", "Name der Schule"])
    assert both["first_name"] == 0 and both["last_name"] == 1 and both["full_name"] is None


def test_a_whole_name_is_split_into_first_and_last_name(app, client, world, login_as, import_list):
    assert split_name("Lupu, Ana Maria") == ("Ana Maria", "Lupu") and split_name("Ana Maria Lupu") == ("Ana Maria", "Lupu")
    login_as("counsellor_a")
    response = import_list(b"Name;Deutschkenntnisse\nAna Maria Lupu;A2\nPetrov, Ivan;B1\n")
    assert response.status_code == 302
    assert response.headers["Location"] == "/beratung/teilnehmende?einwilligung=ohne&sortierung=neu"  # the new people first
    with app.app_context():
        names = set(db.session.execute(select(ParticipantIdentity.first_name, ParticipantIdentity.last_name)).tuples())
    assert {("Ana Maria", "Lupu"), ("Ivan", "Petrov")} <= names


def test_the_template_downloads_and_imports_as_it_is(app, client, world, login_as, import_list):
    login_as("counsellor_a")
    csv_file = client.get("/beratung/import/vorlage.csv")
    assert csv_file.status_code == 200 and csv_file.mimetype == "text/csv"
    assert csv_file.data.decode("utf-8-sig").startswith("Vorname;Nachname;Telefon;E-Mail;Kenntnisse;Deutsch;")
    xlsx_file = client.get("/beratung/import/vorlage.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx_file.data)).active
    assert [c.value for c in sheet[1]][:3] == ["Vorname", "Nachname", "Telefon"] and sheet["A2"].value == "Ana"
    assert client.get("/beratung/import/vorlage.pdf").status_code == 404
    before = _count(app)
    assert import_list(xlsx_file.data, "vorlage.xlsx").status_code == 302
    assert _count(app) == before + 1


def _count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Participant))


def test_the_list_shows_and_filters_consent(app, client, world, login_as, add_participant):
    add_participant("AH-0002", ["Kasse"], consent=None)
    login_as("counsellor_a")
    page = client.get("/beratung/teilnehmende?einwilligung=ohne").get_data(as_text=True)
    assert "AH-0002" in page and "AH-0001" not in page and 'name="umfang_' in page
    page = client.get("/beratung/teilnehmende?einwilligung=mit").get_data(as_text=True)
    assert "AH-0001" in page and "AH-0002" not in page and "dazu voller Name, Telefon, E-Mail und Lebenslauf" in page


def test_several_consents_at_once_each_with_its_scope_and_audited(app, client, world, login_as, add_participant):
    a = add_participant("AH-0002", ["Kasse"], consent=None)
    b = add_participant("AH-0003", ["Kasse"], consent=None)
    c = add_participant("AH-0004", ["Kasse"], consent=None)
    login_as("counsellor_a")
    token = csrf_token(client, "/beratung/teilnehmende?einwilligung=ohne")
    response = client.post(
        "/beratung/teilnehmende/einwilligungen", data={f"umfang_{a}": "skills", f"umfang_{b}": "contact", f"umfang_{c}": "", "csrf_token": token}
    )
    assert response.status_code == 302
    with app.app_context():
        scopes = dict(
            db.session.execute(select(ConsentRecord.participant_id, ConsentRecord.scope).where(ConsentRecord.participant_id.in_([a, b, c]))).tuples().all()
        )
        audited = db.session.scalars(select(AuditEvent.object_id).where(AuditEvent.action == "consent.give")).all()
    assert scopes == {a: "skills", b: "contact"} and sorted(audited) == sorted([a, b])


def test_a_bulk_consent_with_a_stranger_or_a_bad_scope_saves_nothing(app, client, world, login_as, add_participant):
    a = add_participant("AH-0002", ["Kasse"], consent=None)
    other = add_participant("WH-0002", ["Kasse"], centre="w", consent=None)
    login_as("counsellor_a")
    token = csrf_token(client, "/beratung/teilnehmende")
    url = "/beratung/teilnehmende/einwilligungen"
    assert client.post(url, data={f"umfang_{a}": "skills", f"umfang_{other}": "skills", "csrf_token": token}).status_code == 404
    assert client.post(url, data={f"umfang_{a}": "everything", "csrf_token": token}).status_code == 400
    assert client.post(url, data={"umfang_1x": "skills", "csrf_token": token}).status_code == 400
    assert client.post(url, data={f"umfang_{a}": "skills"}).status_code == 400  # no CSRF token
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ConsentRecord).where(ConsentRecord.participant_id.in_([a, other]))) == 0
