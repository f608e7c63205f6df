"""One-time links for invitations and password resets (time-limited, single use, stored as hashes)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import func, select, update

from models import AccountToken, User, utcnow
from webapp.core.db import changed, db

LIFETIME = {"invite": timedelta(days=7), "reset": timedelta(hours=1)}


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(user: User, purpose: str) -> str:
    """A new link token for ``user``; older unused ones of the same purpose stop working."""
    now = utcnow()
    db.session.execute(
        update(AccountToken).where(AccountToken.user_id == user.id, AccountToken.purpose == purpose, AccountToken.used_at.is_(None)).values(used_at=now)
    )
    token = secrets.token_urlsafe(32)
    db.session.add(AccountToken(user_id=user.id, purpose=purpose, token_hash=_hash(token), expires_at=now + LIFETIME[purpose]))
    return token


def issued_since(user: User, purpose: str, since) -> int:
    """How many links of ``purpose`` ``user`` got since ``since`` (used or not)."""
    return (
        db.session.scalar(
            select(func.count())
            .select_from(AccountToken)
            .where(AccountToken.user_id == user.id, AccountToken.purpose == purpose, AccountToken.created_at >= since)
        )
        or 0
    )


def find(token: str) -> AccountToken | None:
    """The token's record while it is still usable."""
    record = db.session.scalar(select(AccountToken).where(AccountToken.token_hash == _hash(token)))
    if record is None or record.used_at is not None or record.expires_at < utcnow() or not record.user.active:
        return None
    return record


def use(record: AccountToken) -> bool:
    """Mark the token used, exactly once (a second use at the same moment gets False)."""
    result = changed(
        db.session,
        update(AccountToken)
        .where(AccountToken.id == record.id, AccountToken.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False),
    )
    return result == 1
