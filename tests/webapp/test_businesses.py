"""Kontakt zu den KMU (issue 28): businesses with and without an account, contacts with next steps, needs that
become draft openings, stages as events, the figures, the retention of prospects, the rights of contact persons."""

from __future__ import annotations

import io
from datetime import date, timedelta

from sqlalchemy import func, select

from models import (
    AuditEvent,
    Business,
    BusinessActivity,
    BusinessContactPerson,
    BusinessNeed,
    Employer,
    Event,
    Introduction,
    Opening,
    OutboxMail,
    ProjectSetting,
    User,
    utcnow,
)
from tests.helpers import csrf_token, login
from webapp.businesses import figures
from webapp.core.db import db
from webapp.stats.figures import Period

NEW = {
    "name": "Bäckerei Sonnenschein",
    "street": "Wehringhauser Str. 12",
    "postcode": "58089",
    "sector": "bakery",
    "headcount": "6",
    "size": "micro",
    "source": "visit",
}


def _post(client, url: str, data: dict, form_page: str | None = None):
    return client.post(url, data={**data, "csrf_token": csrf_token(client, form_page or url)})


def _stages(app, business_id: int) -> list[str]:
    with app.app_context():
        key = db.session.get(Business, business_id).stats_key
        return list(db.session.scalars(select(Event.reason).where(Event.kind == "business.stage", Event.business_key == key).order_by(Event.id)))


def _new_business(client, world) -> int:
    response = _post(client, "/betriebe/neu", {**NEW, "centre_id": str(world.centre_w)})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])


def test_a_visit_with_a_need_is_recorded_in_one_form_and_moves_the_stage(app, client, world, login_as):
    login_as("counsellor_a")
    business_id = _new_business(client, world)
    contact = {
        "kind": "visit",
        "contact_date": date.today().isoformat(),
        "topic": "Erstbesuch",
        "result": "Inhaberin offen für Minijobber",
        "next_step": "Im März anrufen",
        "next_due": (date.today() + timedelta(days=3)).isoformat(),
        "next_owner": "",
        "need_title": "Aushilfe Verkauf",
        "need_positions": "2",
        "need_hours": "minijob",
        "need_german": "A2",
        "need_skills": "Kasse, Brötchen belegen",
    }
    with app.app_context():
        contact["next_owner"] = str(db.session.scalar(select(User.id).where(User.email == world.counsellor_a)))
    url = f"/betriebe/{business_id}/kontakt"
    assert _post(client, url, contact).status_code == 302
    assert _stages(app, business_id) == ["known", "approached", "interested"]
    with app.app_context():
        business = db.session.get(Business, business_id)
        assert business.quarter == "wehringhausen" and business.size == "micro" and business.stage == "interested"
        (need,) = business.needs
        assert (need.title, need.positions, need.hours, need.skills, need.status) == ("Aushilfe Verkauf", 2, "minijob", "Kasse, Brötchen belegen", "open")
        assert business.activities[0].next_owner.email == world.counsellor_a
    # the step shows on the list and on the counsellor's start page
    assert "Im März anrufen" in client.get("/betriebe/").get_data(as_text=True)
    assert "Im März anrufen" in client.get("/beratung/teilnehmende").get_data(as_text=True)


def test_a_wrong_contact_form_keeps_every_entry_and_saves_nothing(app, client, world, login_as):
    login_as("counsellor_w")
    url = f"/betriebe/{world.business_1}/kontakt"
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    with app.app_context():
        before = db.session.scalar(select(func.count(BusinessActivity.id)))
    response = _post(client, url, {"kind": "call", "contact_date": tomorrow, "topic": "Rückruf Ausbildung", "next_step": "Vertrag schicken", "next_owner": "1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Ein Kontakt kann nicht in der Zukunft liegen" in html and "bis wann der nächste Schritt" in html
    assert 'value="Rückruf Ausbildung"' in html and 'value="Vertrag schicken"' in html
    with app.app_context():
        assert db.session.scalar(select(func.count(BusinessActivity.id))) == before


def test_a_need_becomes_a_draft_the_business_confirms_and_publishes(app, client, world, login_as):
    login_as("counsellor_w")
    url = f"/betriebe/bedarf/{world.business_need_1}/entwurf"
    # without an account the business needs an address for the invitation
    refused = _post(client, url, {"email": ""}, f"/betriebe/{world.business_1}")
    assert refused.status_code == 302
    assert "bitte geben sie eine e-mail-adresse" in client.get(f"/betriebe/{world.business_1}").get_data(as_text=True).lower()
    assert _post(client, url, {"email": "sabine@schnitt.example"}, f"/betriebe/{world.business_1}").status_code == 302
    with app.app_context():
        business = db.session.get(Business, world.business_1)
        need = db.session.get(BusinessNeed, world.business_need_1)
        assert need.status == "drafted" and need.opening.status == "draft" and need.opening.title == "Aushilfe Empfang"
        assert business.employer is not None and business.employer.name == "Friseur Schnitt"
        user = db.session.scalar(select(User).where(User.email == "sabine@schnitt.example"))
        assert user.role == "employer" and user.employer_id == business.employer_id
        subjects = set(db.session.scalars(select(OutboxMail.subject).where(OutboxMail.recipient == "sabine@schnitt.example")))
        assert subjects == {"Einladung zu KMU-Match", "Ein Stellenentwurf für Ihren Betrieb wartet auf Sie"}
        opening_id = need.opening_id
        count = db.session.scalar(select(func.count(Opening.id)))
    # twice in a row: no second opening
    assert _post(client, url, {"email": "sabine@schnitt.example"}, f"/betriebe/{world.business_1}").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count(Opening.id))) == count
    # staff may not publish without the business's recorded agreement
    assert _post(client, f"/betriebe/bedarf/{world.business_need_1}/veroeffentlichen", {}, f"/betriebe/{world.business_1}").status_code == 302
    with app.app_context():
        assert db.session.get(Opening, opening_id).status == "draft"
    # the business sets its password and publishes the draft itself
    with app.app_context():
        from models import AccountToken

        user = db.session.scalar(select(User).where(User.email == "sabine@schnitt.example"))
        from tests.helpers import TEST_PASSWORD
        from webapp.core.passwords import hash_password

        user.password_hash = hash_password(TEST_PASSWORD)
        db.session.commit()
        assert db.session.scalar(select(AccountToken).where(AccountToken.user_id == user.id, AccountToken.purpose == "invite")) is not None
    company = app.test_client()
    assert login(company, "sabine@schnitt.example").status_code == 302
    page = company.get(f"/betrieb/stellen/{opening_id}").get_data(as_text=True)
    assert "Aushilfe Empfang" in page
    status_url = f"/betrieb/stellen/{opening_id}/status"
    assert company.post(status_url, data={"action": "publish", "csrf_token": csrf_token(company, f"/betrieb/stellen/{opening_id}")}).status_code == 302
    with app.app_context():
        assert db.session.get(Opening, opening_id).status == "open"
        assert db.session.get(BusinessNeed, world.business_need_1).status == "published"
        assert db.session.get(Business, world.business_1).stage == "cooperating"
    # the company never sees the project's pages about it
    assert company.get("/betriebe/").status_code == 403
    assert company.get(f"/betriebe/{world.business_1}").status_code == 403


def test_staff_publish_on_behalf_only_with_the_recorded_agreement_and_it_is_audited(app, client, world, login_as):
    login_as("counsellor_w")
    detail = f"/betriebe/{world.business_1}"
    assert _post(client, f"/betriebe/bedarf/{world.business_need_1}/entwurf", {"email": "sabine@schnitt.example"}, detail).status_code == 302
    assert _post(client, f"/betriebe/{world.business_1}/einverstaendnis", {"given": "y"}, detail).status_code == 302
    assert _post(client, f"/betriebe/bedarf/{world.business_need_1}/veroeffentlichen", {}, detail).status_code == 302
    with app.app_context():
        need = db.session.get(BusinessNeed, world.business_need_1)
        assert need.opening.status == "open" and need.status == "published"
        actions = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == need.opening_id, AuditEvent.object_type == "opening")))
        assert {"opening.publish", "opening.published_on_behalf"} <= actions
        assert db.session.get(Business, world.business_1).publish_consent_by.email == world.counsellor_w


def test_a_reported_hire_makes_the_business_hiring(app, client, world, login_as):
    login_as("employer_user_2")
    url = f"/betrieb/vorstellungen/{world.introduction_2}/ergebnis"
    response = client.post(
        url, data={"outcome": "hired", "on": date.today().isoformat(), "csrf_token": csrf_token(client, f"/betrieb/stellen/{world.opening_2}")}
    )
    assert response.status_code == 302
    with app.app_context():
        business = db.session.scalar(select(Business).where(Business.employer_id == world.employer_2))
        assert business is not None and business.stage == "hiring" and business.source == "self"
        assert db.session.get(Introduction, world.introduction_2).status == "hired"
    assert _stages(app, business.id) == ["known", "hiring"]


def test_the_figures_count_stages_contacts_and_supported_kmu_as_computed_by_hand(app, world):
    """Three businesses: A known → approached → interested with two contacts (a visit, a call), B a visit and then
    resting, C only known and large. By hand: stages interested 1, dormant 1, known 1; contacts 3 (2 visits, 1 call);
    supported KMU 2 (A and B; C is not a KMU and had no contact); one need, none drafted."""
    with app.test_request_context():
        from flask_login import login_user

        from webapp.businesses import operations as ops
        from webapp.businesses import progress

        user = db.session.scalar(select(User).where(User.email == world.counsellor_a))
        user.login_token = "t"
        login_user(user)
        empty = figures.compute(db.session, Period.months(date.today().strftime("%Y-%m")))
        base = {s: empty.stages.get(s, figures.EMPTY).count for s in ("known", "approached", "interested", "dormant")}
        values = {"street": "", "postcode": "58097", "sector": "kiosk", "source": "visit", "centre_id": world.centre_a, "notes": "", "headcount": None}
        a = progress.create_business({**values, "name": "A", "size": "micro"})
        b = progress.create_business({**values, "name": "B", "size": "small"})
        progress.create_business({**values, "name": "C", "size": None, "headcount": 400})
        today = date.today()
        ops.record_contact(a, ops.ContactValues("visit", today, "Besuch"), ops.NeedValues("Aushilfe", "minijob"))
        ops.record_contact(a, ops.ContactValues("call", today, "Rückruf"))
        ops.record_contact(b, ops.ContactValues("visit", today, "Besuch"))
        progress.change_stage(b, "dormant")
        db.session.commit()
        found = figures.compute(db.session, Period.months(today.strftime("%Y-%m")))
        assert found.stages["interested"].count - base["interested"] == 1
        assert found.stages["dormant"].count - base["dormant"] == 1
        assert found.stages["known"].count - base["known"] == 1
        assert found.stages.get("approached", figures.EMPTY).count == base["approached"]
        assert found.contacts["visit"].count - empty.contacts.get("visit", figures.EMPTY).count == 2
        assert found.contacts["call"].count - empty.contacts.get("call", figures.EMPTY).count == 1
        assert found.supported_kmu.count - empty.supported_kmu.count == 2
        assert found.needs.count - empty.needs.count == 1 and found.needs_drafted.count == empty.needs_drafted.count
        assert found.stages_by_quarter["altenhagen"]["interested"].count >= 1
        shown = figures.shown(found, internal=False)
        assert all(v not in (1, 2) for v in shown["stages"].values())


def test_the_figures_page_is_published_for_counsellors_and_exact_for_the_project_lead(app, client, world, login_as):
    login_as("counsellor_a")
    page = client.get("/betriebe/zahlen").get_data(as_text=True)
    assert "Unterstützte KMU (ESF Plus)" in page and "Intern" not in page
    assert client.get("/betriebe/zahlen?monat=2026-13").status_code == 400
    lead = app.test_client()
    login(lead, world.admin)
    assert "Intern: exakte Zahlen." in lead.get("/betriebe/zahlen?ansicht=intern").get_data(as_text=True)


def test_the_retention_run_deletes_a_stale_prospect_and_keeps_cooperating_businesses(app, client, world, login_as):
    from webapp.privacy.retention import run_retention

    with app.app_context():
        old = utcnow() - timedelta(days=30 * 25)
        stale = Business(name="Alter Kiosk", sector="kiosk", postcode="58097", quarter="altenhagen", size="micro", created_at=old, last_contact_at=old)
        stale.contacts.append(BusinessContactPerson(name="Kurt Alt", email="kurt@alt.example"))
        stale.activities.append(BusinessActivity(kind="call", contact_date=old.date(), topic="Anruf"))
        partner = Business(
            name="Partner",
            sector="retail",
            postcode="58097",
            quarter="altenhagen",
            size="micro",
            created_at=old,
            last_contact_at=old,
            employer_id=world.employer_2,
        )
        partner.contacts.append(BusinessContactPerson(name="Paula Partner", created_at=old))
        db.session.add_all([stale, partner])
        db.session.commit()
        stale_id, partner_id = stale.id, partner.id
        report = run_retention(db.session, 12, dry_run=True)
        assert report.removed["prospects"] == 2 and db.session.get(Business, stale_id) is not None  # the prospect, Paula
        report = run_retention(db.session, 12)
        db.session.commit()
        assert report.removed["prospects"] == 2
        assert db.session.get(Business, partner_id).contacts == []  # the partner stays, its old contact person goes
        assert db.session.get(Business, stale_id) is None and db.session.get(Business, partner_id) is not None
        assert db.session.scalar(select(BusinessContactPerson).where(BusinessContactPerson.name == "Kurt Alt")) is None
        assert db.session.get(Business, world.business_1) is not None  # a fresh prospect stays
    # the project lead shortens the period; a wrong value changes nothing
    login_as("admin")
    assert _post(client, "/betriebe/einstellungen", {"months": "3"}).status_code == 200
    with app.app_context():
        assert db.session.get(ProjectSetting, "prospect_retention_months") is None
    assert _post(client, "/betriebe/einstellungen", {"months": "6"}).status_code == 302
    with app.app_context():
        assert db.session.get(ProjectSetting, "prospect_retention_months").value == 6
    counsellor = app.test_client()
    login(counsellor, world.counsellor_a)
    assert counsellor.get("/betriebe/einstellungen").status_code == 403


def test_a_contact_person_gets_an_answer_and_can_be_erased(app, client, world, login_as):
    login_as("counsellor_a")
    answer = client.get(f"/betriebe/ansprechpersonen/{world.business_person_1}/auskunft")
    assert answer.status_code == 200 and answer.get_json()["Name"] == "Sabine Schnitt"
    assert _post(client, f"/betriebe/ansprechpersonen/{world.business_person_1}/loeschen", {}, f"/betriebe/{world.business_1}").status_code == 302
    with app.app_context():
        assert db.session.get(BusinessContactPerson, world.business_person_1) is None
        assert db.session.get(Business, world.business_1) is not None
        actions = list(db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "business")))
        assert "business.contact_person_access" in actions and "business.contact_person_erased" in actions


def test_a_company_s_access_answer_holds_the_project_s_notes_about_it(app, client, world, login_as):
    with app.app_context():
        business = db.session.get(Business, world.business_1)
        business.employer_id = world.employer_1
        business.notes = "Chefin möchte im Frühjahr aufstocken"
        db.session.commit()
    login_as("admin")
    answer = client.get(f"/admin/betriebe/{world.employer_1}/auskunft.json").get_json()
    assert answer["records"]["business"][0]["notes"] == "Chefin möchte im Frühjahr aufstocken"
    assert answer["records"]["business_activity"][0]["topic"] == "Erstbesuch"
    assert answer["records"]["business_need"][0]["title"] == "Aushilfe Empfang"


def test_the_daily_digest_reminds_of_due_steps_once(app, world):
    from webapp.daily import run_daily

    with app.app_context():
        assert run_daily()["business_step_digests"] == 0  # due in three days: on the start page, no mail yet
        db.session.get(BusinessActivity, world.business_activity_1).next_due = date.today()
        db.session.commit()
        first = run_daily()
        second = run_daily()
        assert first["business_step_digests"] == 1 and second["business_step_digests"] == 0
        mails = list(db.session.scalars(select(OutboxMail).where(OutboxMail.recipient == world.counsellor_w)))
        assert len([m for m in mails if "Schritt" in m.subject]) == 1
        assert "Friseur Schnitt: Anrufen" in next(m.body for m in mails if "Schritt" in m.subject)


def test_a_step_is_handed_over_and_done(app, client, world, login_as):
    login_as("counsellor_w")
    with app.app_context():
        colleague = db.session.scalar(select(User.id).where(User.email == world.counsellor_a))
    detail = f"/betriebe/{world.business_1}"
    assert _post(client, f"/betriebe/schritte/{world.business_activity_1}/uebergeben", {"owner": str(colleague)}, detail).status_code == 302
    with app.app_context():
        assert db.session.get(BusinessActivity, world.business_activity_1).next_owner_id == colleague
    assert _post(client, f"/betriebe/schritte/{world.business_activity_1}/erledigt", {}, detail).status_code == 302
    assert _post(client, f"/betriebe/schritte/{world.business_activity_1}/erledigt", {}, detail).status_code == 302  # twice: nothing more
    with app.app_context():
        assert db.session.get(BusinessActivity, world.business_activity_1).next_done_at is not None
        assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "business.step_done")) == 1
    # an owner who is no member of the staff is refused
    with app.app_context():
        employer_user = db.session.scalar(select(User.id).where(User.email == world.employer_user_1))
    assert _post(client, f"/betriebe/schritte/{world.business_activity_1}/uebergeben", {"owner": str(employer_user)}, detail).status_code == 400


def test_unknown_ids_are_not_found(client, world, login_as):
    login_as("admin")
    assert client.get("/betriebe/999999").status_code == 404
    assert client.get("/betriebe/ansprechpersonen/999999/auskunft").status_code == 404


def _upload(client, content: bytes, filename: str):
    data = {"datei": (io.BytesIO(content), filename), "csrf_token": csrf_token(client, "/betriebe/import")}
    return client.post("/betriebe/import", data=data, content_type="multipart/form-data")


def test_a_list_is_imported_all_or_nothing_with_duplicates_recognised(app, client, world, login_as):
    login_as("counsellor_a")
    faulty = "Firma;Straße;PLZ;Branche;Beschäftigte;Ansprechpartner;Telefon\n"
    faulty += "Metzgerei Wurst;Lange Str. 3;58089;Metzgerei;4;Otto Wurst;02331 11\n"
    faulty += "friseur  schnitt;;58089;Friseur;2;;\n"
    faulty += "Café Mitte;Altenhagener Straße 5;58097;Gastronomie;zwölf;;\n"
    preview = _upload(client, faulty.encode("utf-8"), "wirtschaftsfoerderung.csv").headers["Location"]
    page = client.get(preview).get_data(as_text=True)
    assert "Die Branche „Metzgerei“ ist unbekannt" in page and "„zwölf“ ist keine Zahl von Beschäftigten" in page
    assert "mögliche Doppelung mit Friseur Schnitt" in page
    with app.app_context():
        before = db.session.scalar(select(func.count(Business.id)))
    refused = client.post(preview, data={"csrf_token": csrf_token(client, preview)})
    assert refused.status_code == 422 and "Nichts wurde importiert" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Business.id))) == before

    # corrected as an Excel file: the duplicate is skipped unless chosen, the rest comes in with its contact person
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (
        ["Firma", "Straße", "PLZ", "Branche", "Beschäftigte", "Ansprechpartner", "Telefon"],
        ["Metzgerei Wurst", "Lange Str. 3", "58089", "Einzelhandel", 4, "Otto Wurst", "02331 11"],
        ["friseur  schnitt", "", "58089", "Friseur", 2, "", ""],
        ["Café Mitte", "Altenhagener Straße 5", "58097", "Gastronomie", 12, "", ""],
        ["Café Mitte", "Altenhagener Str. 5", "58097", "Gastronomie", 12, "", ""],
    ):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    preview = _upload(client, out.getvalue(), "liste.xlsx").headers["Location"]
    page = client.get(preview).get_data(as_text=True)
    assert "mögliche Doppelung mit Zeile 4 dieser Liste" in page
    assert client.post(preview, data={"csrf_token": csrf_token(client, preview), "doppelt_5": "neu"}).status_code == 302
    with app.app_context():
        names = sorted(db.session.scalars(select(Business.name).where(Business.source == "city_list")))
        assert names == ["Café Mitte", "Café Mitte", "Metzgerei Wurst"]
        wurst = db.session.scalar(select(Business).where(Business.name == "Metzgerei Wurst"))
        assert wurst.size == "micro" and wurst.quarter == "wehringhausen" and wurst.contacts[0].name == "Otto Wurst"
        assert wurst.centre_id == world.centre_w and wurst.stage == "known"
    assert client.get(preview).status_code == 404  # used up


def test_an_upload_is_only_its_uploader_s(app, client, world, login_as):
    login_as("counsellor_a")
    preview = _upload(client, b"Name;PLZ;Branche\nEck;58089;Kiosk\n", "l.csv").headers["Location"]
    other = app.test_client()
    login(other, world.counsellor_w)
    assert other.get(preview).status_code == 404
    assert _upload(client, b"\xff\xfe\x00garbage", "l.pdf").status_code == 400


def test_all_open_steps_of_a_colleague_who_is_away_are_handed_over(app, client, world, login_as):
    with app.app_context():
        away = db.session.scalar(select(User.id).where(User.email == world.counsellor_w))
        colleague = db.session.scalar(select(User.id).where(User.email == world.counsellor_a))
    login_as("admin")
    url = "/betriebe/schritte/uebergeben"
    _post(client, url, {"source": str(away), "owner": str(away)}, "/betriebe/")
    with app.app_context():
        assert db.session.get(BusinessActivity, world.business_activity_1).next_owner_id == away  # the same person: refused
    assert _post(client, url, {"source": str(away), "owner": str(colleague)}, "/betriebe/").status_code == 302
    with app.app_context():
        assert db.session.get(BusinessActivity, world.business_activity_1).next_owner_id == colleague


def test_a_company_that_gets_an_account_elsewhere_keeps_the_project_s_history(app, client, world, login_as):
    """Invited through the general invitation (not from its page): its first published opening links the business the
    project knew under the same name and address, instead of counting the company twice."""
    with app.app_context():
        employer = db.session.get(Employer, world.employer_1)
        known = Business(name="  bäckerei EINS ", street="", postcode=employer.postcode, quarter=employer.quarter, sector="bakery", size="micro")
        db.session.add(known)
        db.session.commit()
        known_id = known.id
    login_as("employer_user_1")
    url = f"/betrieb/stellen/{world.opening_1}/status"
    assert client.post(url, data={"action": "publish", "csrf_token": csrf_token(client, f"/betrieb/stellen/{world.opening_1}")}).status_code == 302
    with app.app_context():
        assert db.session.scalars(select(Business.id).where(Business.employer_id == world.employer_1)).all() == [known_id]
        assert db.session.get(Business, known_id).stage == "cooperating"


def test_a_business_is_invited_from_its_page_and_keeps_its_history(app, client, world, login_as):
    login_as("counsellor_w")
    detail = f"/betriebe/{world.business_1}"
    _post(client, f"/betriebe/{world.business_1}/zugang", {"email": world.employer_user_2}, detail)  # somebody else's address
    assert "schon einen Zugang" in client.get(detail).get_data(as_text=True)
    assert _post(client, f"/betriebe/{world.business_1}/zugang", {"email": "sabine@schnitt.example"}, detail).status_code == 302
    with app.app_context():
        business = db.session.get(Business, world.business_1)
        assert business.employer.users[0].email == "sabine@schnitt.example" and business.activities and business.contacts
        assert db.session.scalar(select(OutboxMail.subject).where(OutboxMail.recipient == "sabine@schnitt.example")) == "Einladung zu KMU-Match"
