"""Every URL of the app, as every role and anonymously, gives the expected answer.

The access policy is written out by hand in ``tests/policy.py``. A new route that is
not in the table fails ``test_every_route_is_in_the_policy``, so nobody can add
a page without deciding who may see it.
"""

from __future__ import annotations

import re

import pytest

from tests.helpers import csrf_token, login
from tests.policy import POLICY, PUBLIC, ROLES, STATIC, TOKEN, url_values
from webapp.warmup import warm_up


def test_every_route_is_in_the_policy(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()} - STATIC
    assert endpoints == set(POLICY), "routes without a written access policy: " + ", ".join(sorted(endpoints ^ set(POLICY)))


@pytest.mark.parametrize("role", list(ROLES))
def test_route_answers_by_role(app, client, world, role):
    from flask import url_for

    warm_up(app)  # a ready process (/readyz answers 503 while the matching index is being built)
    if ROLES[role]:
        assert login(client, getattr(world, ROLES[role])).status_code == 302
    upload_token = "0" * 32
    if role == "counsellor":  # an uploaded list of this counsellor's, for the import pages
        import io

        upload = {"datei": (io.BytesIO(b"Vorname;Nachname;Deutsch\nAna;Lupu;A2\n"), "liste.csv"), "csrf_token": csrf_token(client, "/beratung/import")}
        upload_token = client.post("/beratung/import", data=upload, content_type="multipart/form-data").headers["Location"].rsplit("/", 1)[1]
    business_token = "0" * 32
    if role in ("admin", "counsellor"):  # an uploaded list of businesses, for their import preview
        import io

        upload = {
            "datei": (io.BytesIO(b"Name;PLZ;Branche\nBlumen Eck;58089;Einzelhandel\n"), "betriebe.csv"),
            "csrf_token": csrf_token(client, "/betriebe/import"),
        }
        business_token = client.post("/betriebe/import", data=upload, content_type="multipart/form-data").headers["Location"].rsplit("/", 1)[1]
    failures = []
    for endpoint, (methods, allowed) in POLICY.items():
        if endpoint in ("auth.logout",):
            continue  # checked separately (it ends the session the walk relies on)
        with app.test_request_context():
            url = url_for(endpoint, **url_values(app, world, endpoint, business_token if endpoint.startswith("businesses.import") else upload_token))
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
            if allowed == TOKEN:
                ok = status == 401 and response.mimetype == "application/problem+json"  # signed in or not: no token
            elif allowed == PUBLIC:
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
