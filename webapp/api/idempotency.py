"""``Idempotency-Key`` for the API's changing requests: a retry with the same key gets the first answer again and
changes nothing (draft-ietf-httpapi-idempotency-key-header). Without a key the operations' own exactly-once rules
still hold; with one, a client that lost the answer can simply send the request again."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from flask import request
from flask_smorest import abort as abort_with
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from models import ApiRequestKey, User, utcnow
from webapp.core.db import db

HEADER = "Idempotency-Key"


def key() -> str | None:
    """The request's key (None: none sent); a key that is empty, too long or not printable is refused (400)."""
    sent = request.headers.get(HEADER)
    if sent is None:
        return None
    if not (1 <= len(sent) <= 100 and sent.isascii() and sent.isprintable()):
        abort_with(400, message="idempotency_key")
    return sent


def _fingerprint() -> str:
    return hashlib.sha256(b"\n".join([request.method.encode(), request.path.encode(), request.get_data()])).hexdigest()


def earlier_answer(user: User, sent: str) -> tuple[dict, int, dict] | None:
    """The answer a request with this key got before (with ``Idempotent-Replayed``), or None. The same key with another
    request is refused (422), as the draft standard asks."""
    row = db.session.scalar(select(ApiRequestKey).where(ApiRequestKey.user_id == user.id, ApiRequestKey.key == sent))
    if row is None or row.created_at < utcnow() - timedelta(hours=ApiRequestKey.KEPT_HOURS):
        return None
    if row.request_hash != _fingerprint():
        abort_with(422, message="idempotency_key_reused")
    return row.body, row.status, {"Idempotent-Replayed": "true"}


def remember(user: User, sent: str, body: dict, status: int) -> bool:
    """Keep the answer under the key in the request's transaction (and forget this user's keys older than a day).
    False when another request with this key got there first (the caller rolls back and answers as that one did)."""
    db.session.execute(
        delete(ApiRequestKey).where(ApiRequestKey.user_id == user.id, ApiRequestKey.created_at < utcnow() - timedelta(hours=ApiRequestKey.KEPT_HOURS))
    )
    try:
        with db.session.begin_nested():
            db.session.add(ApiRequestKey(user_id=user.id, key=sent, request_hash=_fingerprint(), status=status, body=body))
    except IntegrityError:
        return False
    return True
