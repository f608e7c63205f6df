"""Personal API tokens on the account page (issue 27): shown once, stored as a hash, limited, revocable."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from sqlalchemy import select

from models import ApiToken, AuditEvent, User, utcnow
from tests.helpers import csrf_token
from webapp.auth import api_tokens
from webapp.core.db import db

PAGE = "/konto/api-schluessel"


def _make(client, **fields):
    data = {"name": "Bewerbermanagement", "scope": "read", "days": "90", "csrf_token": csrf_token(client, PAGE), **fields}
    return client.post(PAGE, data=data)


def test_a_token_is_shown_once_and_only_its_hash_is_kept(app, client, world, login_as):
    login_as("employer_user_2")
    page = _make(client, name="Tabelle", scope="write", days="30")
    assert page.status_code == 200
    text = re.search(r'id="new-token">(kmu_[\w-]+)<', page.get_data(as_text=True)).group(1)
    assert "nur dieses eine Mal" in page.get_data(as_text=True)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == world.employer_user_2))
        (token,) = db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)).all()
        assert token.name == "Tabelle" and token.scope == "write" and token.hint == text[:10]
        assert text not in (token.token_hash, token.hint) and len(token.token_hash) == 64
        assert timedelta(days=29, hours=23) < token.expires_at - utcnow() <= timedelta(days=30)
        assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.object_type == "api_token", AuditEvent.object_id == token.id)) == "api_token.create"
    again = client.get(PAGE).get_data(as_text=True)
    assert text not in again and text[:10] in again and "Tabelle" in again


def test_wrong_input_gets_a_message_keeps_what_was_typed_and_makes_nothing(app, client, world, login_as):
    login_as("employer_user_2")
    for fields, message in (
        ({"name": ""}, "Bitte geben Sie dem Schlüssel einen Namen"),
        ({"days": "0"}, "1 bis 365 Tage"),
        ({"days": "400"}, "1 bis 365 Tage"),
        ({"days": "zehn"}, "Keine gültige, ganze Zahl"),
        ({"scope": "admin"}, "Keine gültige Auswahl"),
    ):
        page = _make(client, **({"name": "Mein Programm"} | fields))
        html = page.get_data(as_text=True)
        assert page.status_code == 200 and "new-token" not in html, fields
        assert message in html, (fields, html[:200])
        if fields.get("name") != "":
            assert 'value="Mein Programm"' in html
    with app.app_context():
        assert db.session.scalar(select(ApiToken).where(ApiToken.name == "Mein Programm")) is None


def test_only_the_owner_revokes_and_a_second_click_changes_nothing(app, client, world, login_as):
    login_as("employer_user_2")
    revoke = f"{PAGE}/{world.api_token_1}/widerrufen"  # employer user 1's token
    client.post(revoke, data={"csrf_token": csrf_token(client, PAGE)})
    with app.app_context():
        assert db.session.get(ApiToken, world.api_token_1).revoked_at is None
    client.get("/abmelden")
    client.post("/abmelden", data={"csrf_token": csrf_token(client, PAGE)})
    login_as("employer_user_1")
    first = client.post(revoke, data={"csrf_token": csrf_token(client, PAGE)}, follow_redirects=True)
    assert "Der Schlüssel ist widerrufen" in first.get_data(as_text=True)
    with app.app_context():
        revoked_at = db.session.get(ApiToken, world.api_token_1).revoked_at
        assert revoked_at is not None
    second = client.post(revoke, data={"csrf_token": csrf_token(client, PAGE)}, follow_redirects=True)
    assert "schon widerrufen" in second.get_data(as_text=True)
    assert "widerrufen</span>" in second.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(ApiToken, world.api_token_1).revoked_at == revoked_at
        assert db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "api_token")).all() == ["api_token.revoke"]


def test_a_token_authenticates_only_while_usable(app, world):
    with app.test_request_context():
        user = db.session.scalar(select(User).where(User.email == world.counsellor_a))
        token, text = api_tokens.issue(user, "Tabelle", "read", 10)
        db.session.commit()
        assert api_tokens.authenticate(f"Bearer {text}") is token and token.last_used_at is not None
        assert api_tokens.authenticate(f"bearer {text}") is token
        for header in (None, "", text, f"Basic {text}", f"Bearer {text}x", f"Bearer {text[4:]}", "Bearer kmu_" + "x" * 200):
            assert api_tokens.authenticate(header) is None, header
        token.expires_at = utcnow() - timedelta(seconds=1)
        assert api_tokens.authenticate(f"Bearer {text}") is None
        token.expires_at = utcnow() + timedelta(days=1)
        user.active = False
        assert api_tokens.authenticate(f"Bearer {text}") is None
        user.active = True
        assert api_tokens.revoke(user, token.id) and not api_tokens.revoke(user, token.id)
        assert api_tokens.authenticate(f"Bearer {text}") is None


def test_the_rules_refuse_what_the_form_refuses(app, world):
    import pytest

    with app.test_request_context():
        user = db.session.scalar(select(User).where(User.email == world.counsellor_a))
        for scope, days in (("admin", 10), ("read", 0), ("read", 366)):
            with pytest.raises(ValueError):
                api_tokens.issue(user, "x", scope, days)


def test_the_subject_access_lists_tokens_without_their_hash(app, client, world, login_as):
    login_as("employer_user_1")
    data = json.loads(client.get("/konto/meine-daten.json").get_data(as_text=True))
    text = json.dumps(data, ensure_ascii=False)
    assert "Bewerbermanagement" in text and "kmu_000000" in text
    assert "0" * 64 not in text


def test_the_same_form_sent_again_makes_no_second_token(app, client, world, login_as):
    """A reload of the answer (the browser sends the form again) or a second click: one token, shown once."""
    login_as("employer_user_2")
    data = {"name": "Tabelle", "scope": "read", "days": "30", "form_nonce": "f" * 22, "csrf_token": csrf_token(client, PAGE)}
    first = client.post(PAGE, data=data).get_data(as_text=True)
    second = client.post(PAGE, data=data).get_data(as_text=True)
    assert 'id="new-token"' in first and 'id="new-token"' not in second
    assert "wird aus Sicherheitsgründen nicht noch einmal gezeigt" in second
    with app.app_context():
        assert len(db.session.scalars(select(ApiToken).where(ApiToken.name == "Tabelle")).all()) == 1
    third = client.post(PAGE, data=data | {"form_nonce": "g" * 22}).get_data(as_text=True)  # a new form: a new token
    assert 'id="new-token"' in third
