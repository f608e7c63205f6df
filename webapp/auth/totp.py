"""The optional second factor: time-based one-time codes (TOTP, RFC 6238) from an authenticator app.

pyotp computes the codes, segno draws the QR code for setting up the app (as
inline SVG: no image request, nothing for the CSP to allow). A code is
accepted once: the accepted time step is stored with a conditional UPDATE, so
the same code sent twice, even at the same moment, logs in only once.
"""

from __future__ import annotations

import hmac
import time

import pyotp
import segno
from sqlalchemy import or_, update

from models import User
from webapp.core.db import changed, db

ISSUER = "KMU-Match Hagen"
ROLES_WITH_TOTP = ("admin", "counsellor")


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The QR code of ``uri`` as an inline SVG element (with a text alternative)."""
    return segno.make(uri, error="m").svg_inline(scale=5, border=2, title="QR-Code", omitsize=False)


def grouped(secret: str) -> str:
    """The secret in groups of four, for typing it into the app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def matching_step(secret: str, code: str, now: float | None = None) -> int | None:
    """The time step whose code is ``code`` (this one, the one before or after), else None."""
    code = "".join(ch for ch in (code or "") if ch.isascii() and ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    now = time.time() if now is None else now
    current = int(now // totp.interval)
    for step in (current, current - 1, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def accept(user: User, code: str, secret: str | None = None) -> bool:
    """Check ``code`` against the user's secret (or ``secret`` while setting up) and use it up."""
    secret = secret or user.totp_secret
    if not secret:
        return False
    step = matching_step(secret, code)
    if step is None:
        return False
    result = changed(
        db.session,
        update(User)
        .where(User.id == user.id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False),
    )
    if result != 1:
        return False  # this code (or a later one) was used already
    user.totp_last_step = step
    return True
