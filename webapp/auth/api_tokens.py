"""Personal API tokens: made on the account page, shown once, stored as a hash, revoked there (issue 27).

A token is ``kmu_`` and 43 random characters. Only its SHA-256 is kept (the token itself has 256 random bits:
a slow password hash would add nothing but time to every API call), with its first characters as a hint.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from models import ApiToken, User, utcnow
from webapp.core.audit import audit
from webapp.core.db import changed, db

PREFIX = "kmu_"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(user: User, name: str, scope: str, days: int, form_nonce: str | None = None) -> tuple[ApiToken, str | None]:
    """A new token for ``user`` (``scope``: read or write; valid ``days``, 1 to a year); returns it and its text,
    which is never stored and cannot be shown again. ``form_nonce``: the form's one-time mark – when that form
    was sent before (a reload, a second click), the token it made is returned without text and none is added."""
    if scope not in ApiToken.SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    if not 1 <= days <= ApiToken.MAX_DAYS:
        raise ValueError("a token is valid for 1 to 365 days")
    if form_nonce:
        earlier = _made_by(user, form_nonce)
        if earlier is not None:
            return earlier, None
    text = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        name=name.strip(),
        token_hash=_hash(text),
        hint=text[:10],
        scope=scope,
        expires_at=utcnow() + timedelta(days=days),
        form_nonce=form_nonce,
    )
    try:
        with db.session.begin_nested():  # two clicks at once: the second one's row is refused by the unique key
            db.session.add(token)
    except IntegrityError:
        earlier = _made_by(user, form_nonce) if form_nonce else None
        if earlier is None:
            raise
        return earlier, None
    audit("api_token.create", "api_token", token.id)
    return token, text


def _made_by(user: User, form_nonce: str) -> ApiToken | None:
    return db.session.scalar(select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.form_nonce == form_nonce))


def tokens_of(user: User) -> list[ApiToken]:
    """The user's tokens, newest first (revoked and expired ones too, so that the list tells what happened)."""
    return list(db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def revoke(user: User, token_id: int) -> bool:
    """Revoke one of the user's own tokens; False when there is no such token of theirs or it was revoked already
    (a second click changes nothing)."""
    done = changed(
        db.session,
        update(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)).values(revoked_at=utcnow()),
    )
    if done:
        audit("api_token.revoke", "api_token", token_id)
    return bool(done)


def authenticate(header: str | None) -> ApiToken | None:
    """The usable token an ``Authorization: Bearer …`` header names (its user active), or None."""
    if not header:
        return None
    kind, _space, text = header.partition(" ")
    text = text.strip()
    if kind.lower() != "bearer" or not text.startswith(PREFIX) or len(text) > 100:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _hash(text)))
    now = utcnow()
    if token is None or not token.usable(now) or not token.user.active:
        return None
    token.last_used_at = now
    return token
