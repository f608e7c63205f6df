"""The public list of the quarters' openings (issue 27): only what companies chose to show, while open; each a
schema.org JobPosting; the same through /api/v1/public/openings without a token."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from models import Opening, User
from webapp.auth import api_tokens
from webapp.core.db import db
from webapp.employers.operations import change_status

REQUIRED = {"title", "description", "datePosted", "hiringOrganization", "jobLocation"}  # Google for Jobs: required
RECOMMENDED = {"validThrough", "employmentType", "identifier", "directApply"}


def _public(app, world, **changes) -> int:
    with app.test_request_context():
        values = {
            "employer_id": world.employer_1,
            "title": "Verkauf Backwaren",
            "description": "Brötchen verkaufen, Kasse.",
            "german_level": "A2",
            "hours": "part_time",
            "hours_per_week": 20,
            "postcode": "58089",
            "quarter": "wehringhausen",
            "public": True,
        }
        o = Opening(**(values | changes))
        db.session.add(o)
        db.session.flush()
        change_status(o, "publish")
        db.session.commit()
        return o.id


def test_only_openings_shown_by_choice_and_open_are_listed(app, client, world):
    shown = _public(app, world)
    page = client.get("/stellen").get_data(as_text=True)
    assert "Verkauf Backwaren" in page and "Bäckerei Eins" in page
    assert "Kioskaushilfe" not in page  # open, but the company did not choose to show it
    assert "Perspektivhaus Altenhagen" in page and "Perspektivhaus Wehringhausen" in page  # whom to ask
    assert "Ioana" not in page and "AH-0001" not in page
    with app.test_request_context():
        change_status(db.session.get(Opening, shown), "pause")
        db.session.commit()
    assert "Verkauf Backwaren" not in client.get("/stellen").get_data(as_text=True)


def test_the_filters_choose_by_quarter_hours_and_sector(app, client, world):
    _public(app, world)
    assert "Verkauf Backwaren" in client.get("/stellen?stadtteil=wehringhausen&arbeitszeit=part_time&branche=bakery").get_data(as_text=True)
    for other in ("stadtteil=altenhagen", "arbeitszeit=minijob", "branche=kiosk"):
        assert "Verkauf Backwaren" not in client.get(f"/stellen?{other}").get_data(as_text=True), other
    assert client.get("/stellen?stadtteil=%3Cscript%3E").status_code == 200  # an unknown value is no filter, not an error


def test_each_opening_is_a_schema_org_job_posting(app, client, world):
    _public(app, world)
    html = client.get("/stellen").get_data(as_text=True)
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    posting = json.loads(block)
    assert posting["@context"] == "https://schema.org" and posting["@type"] == "JobPosting"
    assert set(posting) >= REQUIRED | RECOMMENDED
    assert posting["hiringOrganization"] == {"@type": "Organization", "name": "Bäckerei Eins"}
    address = posting["jobLocation"]["address"]
    assert address["postalCode"] == "58089" and address["addressLocality"] == "Hagen" and address["addressCountry"] == "DE"
    assert posting["employmentType"] == "PART_TIME" and posting["directApply"] is False
    assert posting["validThrough"] > posting["datePosted"]


def test_the_same_list_through_the_api_without_a_token(app, client, world):
    shown = _public(app, world)
    answer = client.get("/api/v1/public/openings")
    assert answer.status_code == 200 and answer.headers["X-Total-Count"] == "1"
    (item,) = answer.get_json()
    assert item["id"] == shown and item["employer"] == "Bäckerei Eins" and item["job_posting"]["@type"] == "JobPosting"
    assert client.get("/api/v1/public/openings?stadtteil=altenhagen").get_json() == []
    assert client.get("/api/v1/public/openings?stadtteil=mond").status_code == 422


def test_a_company_chooses_it_through_the_api_too(app, client, world):
    with app.test_request_context():
        user = db.session.scalar(select(User).where(User.email == world.employer_user_1))
        _row, text = api_tokens.issue(user, "Test", "write", 1)
        db.session.commit()
    body = {
        "title": "Aushilfe Theke",
        "required_skills": ["Kasse"],
        "german_level": "A2",
        "hours": "minijob",
        "postcode": "58089",
        "public": True,
        "publish": True,
    }
    made = client.post("/api/v1/openings", json=body, headers={"Authorization": f"Bearer {text}"}).get_json()
    assert made["public"] is True
    assert [o["title"] for o in client.get("/api/v1/public/openings").get_json()] == ["Aushilfe Theke"]


def test_the_list_as_an_atom_feed(app, client, world):
    from xml.etree import ElementTree

    _public(app, world)
    feed = client.get("/stellen.atom")
    assert feed.status_code == 200 and feed.mimetype == "application/atom+xml"
    root = ElementTree.fromstring(feed.data)
    atom = "{http://www.w3.org/2005/Atom}"
    entries = root.findall(f"{atom}entry")
    assert [e.find(f"{atom}title").text for e in entries] == ["Verkauf Backwaren – Bäckerei Eins"]
    assert root.find(f"{atom}id").text.endswith("/stellen.atom") and entries[0].find(f"{atom}updated").text


def test_a_company_s_text_cannot_end_the_data_block(app, client, world):
    _public(app, world, description='</script><script>alert("x")</script> & <b>')
    html = client.get("/stellen").get_data(as_text=True)
    assert '<script>alert("x")' not in html and "</script><script>" not in html
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert json.loads(block)["description"].startswith("</script><script>alert")  # the text itself, kept as data


def test_a_new_installation_has_both_houses_and_the_lead_sets_their_opening_hours(app, client, world, login_as):
    """Issue 27: the public list names both houses with address, phone and opening hours. The migration makes the two
    houses (a city's first start had none); the project lead fills in phone and hours on "Häuser"."""
    from sqlalchemy import create_engine, text

    from tests.helpers import csrf_token
    from webapp.core.migrate import upgrade

    fresh = str(app.config["DATABASE_URL"])
    if fresh.startswith("sqlite"):
        url = f"sqlite:///{app.instance_path}/fresh.sqlite3"
        upgrade(url)
        engine = create_engine(url)
        with engine.connect() as conn:
            assert sorted(conn.execute(text("SELECT slug, address FROM centre")).all()) == [
                ("altenhagen", "Boeler Str. 3, 58097 Hagen"),
                ("wehringhausen", "Södingstr. 18, 58095 Hagen"),
            ]
        engine.dispose()
    login_as("admin")
    url = f"/admin/haeuser/{world.centre_a}"
    prefix = f"c{world.centre_a}-"
    bad = client.post(url, data={prefix + "address": "", prefix + "opening_hours": "Mo–Fr 9–15 Uhr", "csrf_token": csrf_token(client, "/admin/haeuser")})
    assert "Bitte geben Sie die Adresse ein." in bad.get_data(as_text=True) and "Mo–Fr 9–15 Uhr" in bad.get_data(as_text=True)
    data = {prefix + "address": "Boeler Str. 3, 58097 Hagen", prefix + "phone": "02331 207 0", prefix + "opening_hours": "Mo–Fr 9–15 Uhr"}
    assert client.post(url, data={**data, "csrf_token": csrf_token(client, "/admin/haeuser")}).status_code == 302
    page = app.test_client().get("/stellen").get_data(as_text=True)
    assert "Geöffnet: Mo–Fr 9–15 Uhr" in page and "02331 207 0" in page
