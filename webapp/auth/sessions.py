"""Server-side login sessions.

The signed Flask cookie carries only a random token; the database keeps its
hash. Logging out, deactivating an account or changing the password ends the
session rows, so a replayed old cookie no longer logs anybody in.
"""

from __future__ import annotations

import hashlib
import secrets

from flask import g
from sqlalchemy import select, update

from models import LoginSession, User, utcnow
from webapp.core.db import db
from webapp.core.extensions import login_manager


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(user: User) -> str:
    """Create a login session for ``user`` and return its token."""
    token = secrets.token_urlsafe(32)
    db.session.add(LoginSession(user_id=user.id, token_hash=_hash(token)))
    user.login_token = token  # type: ignore[misc]  # per instance, see User.login_token
    return token


def end_session(token: str, reason: str) -> None:
    db.session.execute(
        update(LoginSession).where(LoginSession.token_hash == _hash(token), LoginSession.ended_at.is_(None)).values(ended_at=utcnow(), end_reason=reason)
    )


def end_all_sessions(user_id: int, reason: str) -> None:
    db.session.execute(
        update(LoginSession).where(LoginSession.user_id == user_id, LoginSession.ended_at.is_(None)).values(ended_at=utcnow(), end_reason=reason)
    )


@login_manager.user_loader
def load_user(token: str) -> User | None:
    row = db.session.execute(
        select(User).join(LoginSession, LoginSession.user_id == User.id).where(LoginSession.token_hash == _hash(token), LoginSession.ended_at.is_(None))
    ).scalar_one_or_none()
    if row is None or not row.active:
        return None
    row.login_token = token  # type: ignore[misc]  # per instance, see User.login_token
    g.role = row.role  # for the request log, which runs after the commit has expired the row
    return row
