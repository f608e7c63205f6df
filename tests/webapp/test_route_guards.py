"""Every URL of the app, as every role and anonymously, gives the expected answer.

The table below is the access policy written out by hand. A new route that is
not in the table fails ``test_every_route_is_in_the_policy``, so nobody can add
a page without deciding who may see it.
"""
from __future__ import annotations

import re

import pytest

from tests.conftest import csrf_token, login

PUBLIC = "public"
ANY = ("admin", "counsellor", "employer")

# endpoint -> (methods tried, who may use it)
POLICY: dict[str, tuple[tuple[str, ...], object]] = {
    "main.index": (("GET",), PUBLIC),
    "main.about": (("GET",), PUBLIC),
    "main.healthz": (("GET",), PUBLIC),
    "main.readyz": (("GET",), PUBLIC),
    "main.set_language": (("POST",), PUBLIC),
    "auth.login": (("GET",), PUBLIC),
    "auth.login_code": (("GET", "POST"), PUBLIC),
    "auth.forgot_password": (("GET",), PUBLIC),
    "auth.set_password": (("GET",), PUBLIC),  # an unknown token: a friendly 404 page
    "auth.invite": (("GET", "POST"), ("admin", "counsellor")),
    "auth.request_access": (("GET",), PUBLIC),
    "admin.access_requests": (("GET",), ("admin",)),
    "admin.access_request_decide": (("POST",), ("admin",)),
    "main.home": (("GET",), ANY),
    "main.suggest_terms": (("GET",), ANY),
    "auth.logout": (("POST",), ANY),
    "auth.change_password": (("GET", "POST"), ANY),
    "admin.users": (("GET",), ("admin",)),
    "admin.user_new": (("GET", "POST"), ("admin",)),
    "admin.user_edit": (("GET", "POST"), ("admin",)),
    "admin.user_deactivate": (("POST",), ("admin",)),
    "admin.user_activate": (("POST",), ("admin",)),
    "admin.employers": (("GET",), ("admin",)),
    "admin.employer_new": (("GET", "POST"), ("admin",)),
    "admin.employer_edit": (("GET", "POST"), ("admin",)),
    "admin.audit_log": (("GET",), ("admin",)),
    "stats.dashboard": (("GET",), ("admin", "counsellor")),
    "stats.chart": (("GET",), ("admin", "counsellor")),
    "stats.export": (("GET",), ("admin", "counsellor")),
    "admin.outbox": (("GET",), ("admin",)),
    "admin.outbox_mail": (("GET",), ("admin",)),
    "employers.openings": (("GET",), ("employer",)),
    "employers.opening_new": (("GET", "POST"), ("employer",)),
    "employers.opening": (("GET",), ("employer",)),
    "employers.opening_edit": (("GET", "POST"), ("employer",)),
    "employers.opening_status": (("POST",), ("employer",)),
    "employers.opening_copy": (("POST",), ("employer",)),
    "employers.company": (("GET", "POST"), ("employer",)),
    "employers.outcome": (("POST",), ("employer",)),
    "counsellors.openings": (("GET",), ("counsellor",)),
    "counsellors.suggestions": (("GET",), ("counsellor",)),
    "counsellors.decision": (("POST",), ("counsellor",)),
    "counsellors.board": (("GET",), ("counsellor",)),
    "counsellors.introduction": (("GET",), ("counsellor",)),
    "counsellors.introduction_withdraw": (("POST",), ("counsellor",)),
    "counsellors.participants": (("GET",), ("counsellor",)),
    "counsellors.participant_new": (("GET", "POST"), ("counsellor",)),
    "counsellors.participant": (("GET",), ("counsellor",)),
    "counsellors.participant_edit": (("GET", "POST"), ("counsellor",)),
    "counsellors.consent": (("POST",), ("counsellor",)),
    "counsellors.subject_access_page": (("GET",), ("counsellor",)),
    "counsellors.subject_access_json": (("GET",), ("counsellor",)),
    "counsellors.erase": (("GET", "POST"), ("counsellor",)),
    "auth.two_factor": (("GET",), ("admin", "counsellor")),
    "auth.two_factor_setup": (("POST",), ("admin", "counsellor")),
    "auth.two_factor_confirm": (("POST",), ("admin", "counsellor")),
    "auth.two_factor_disable": (("POST",), ("admin", "counsellor")),
    "admin.user_reset_totp": (("POST",), ("admin",)),
    "counsellors.import_upload": (("GET", "POST"), ("counsellor",)),
    "counsellors.import_preview": (("GET", "POST"), ("counsellor",)),
}

ROLES = {"anonymous": None, "admin": "admin", "counsellor": "counsellor_a", "employer": "employer_user_2"}
STATIC = {"static", "bootstrap.static"}


def test_every_route_is_in_the_policy(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()} - STATIC
    assert endpoints == set(POLICY), "routes without a written access policy: " + ", ".join(sorted(endpoints ^ set(POLICY)))


def _url_values(app, world, endpoint: str, token: str = "0" * 32) -> dict:
    """Values for the URL's variables: objects that exist, owned by somebody else where it matters."""
    from sqlalchemy import select

    from models import User
    from webapp.db import db

    with app.app_context():
        other_user = db.session.scalar(select(User.id).where(User.email == world.employer_user_1))
    # employer 2's open opening with an approved introduction: every role that may see it, can.
    values = {"user_id": other_user, "employer_id": world.employer_1, "opening_id": world.opening_2, "introduction_id": world.introduction_2, "participant_id": world.participant_a, "token": token, "mail_id": world.mail_1, "link": "unbekannt", "request_id": world.access_request_1, "name": "vorstellungen", "fmt": "csv"}
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    return {name: values[name] for name in rule.arguments}


@pytest.mark.parametrize("role", list(ROLES))
def test_route_answers_by_role(app, client, world, role):
    from flask import url_for

    if ROLES[role]:
        assert login(client, getattr(world, ROLES[role])).status_code == 302
    upload_token = "0" * 32
    if role == "counsellor":  # an uploaded list of this counsellor's, for the import pages
        import io

        upload = {"datei": (io.BytesIO("Vorname;Nachname;Deutsch\nAna;Lupu;A2\n".encode()), "liste.csv"), "csrf_token": csrf_token(client, "/beratung/import")}
        upload_token = client.post("/beratung/import", data=upload, content_type="multipart/form-data").headers["Location"].rsplit("/", 1)[1]
    failures = []
    for endpoint, (methods, allowed) in POLICY.items():
        if endpoint in ("auth.logout",):
            continue  # checked separately (it ends the session the walk relies on)
        with app.test_request_context():
            url = url_for(endpoint, **_url_values(app, world, endpoint, upload_token))
        for method in methods:
            if method == "GET":
                response = client.get(url)
                if response.status_code == 200 and response.mimetype == "text/html":
                    html = response.get_data(as_text=True)
                    if not re.search(r"<title>[^<>]+</title>", html):
                        failures.append(f"{url}: the page title is empty or holds markup")
            else:
                # A real token, so that a refusal is about the role, not about CSRF.
                token = csrf_token(client, "/anmelden" if role == "anonymous" else "/konto/passwort")
                response = client.post(url, data={"csrf_token": token})
            status = response.status_code
            if allowed == PUBLIC:
                ok = status < 400 or (endpoint == "main.set_language" and status == 400) or (endpoint == "auth.set_password" and status == 404)
            elif role == "anonymous":
                ok = status == 302 and "/anmelden" in response.headers["Location"]
            elif role in allowed:
                ok = status in (200, 302, 303) or (method == "POST" and status in (200, 400))
            else:
                ok = status == 403
            if not ok:
                failures.append(f"{method} {url} as {role}: {status}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", ["admin", "counsellor", "employer"])
def test_logout_needs_a_post_with_csrf(client, world, role):
    login(client, getattr(world, ROLES[role]))
    assert client.get("/abmelden").status_code == 405
    assert client.post("/abmelden", data={}).status_code == 400  # no CSRF token: refused
    assert client.get("/konto/passwort").status_code == 200  # still logged in


def test_anonymous_logout_is_sent_to_login(client):
    token = csrf_token(client)
    response = client.post("/abmelden", data={"csrf_token": token})
    assert response.status_code == 302
    assert "/anmelden" in response.headers["Location"]
