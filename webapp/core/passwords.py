"""Password hashing (argon2id) and the password rules."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

MIN_LENGTH = 12

# Published with the demo data; production refuses to start while an account
# still has one of these, and nobody may choose them.
DEMO_PASSWORDS = frozenset({"demo-admin-2026", "demo-beratung-2026", "demo-betrieb-2026"})

# A short list of the most common passwords (and German favourites) that pass
# the length rule; refused outright.
COMMON_PASSWORDS = frozenset(
    {
        "passwort1234",
        "password1234",
        "123456789012",
        "qwertzuiopü",
        "qwertyuiop12",
        "hallo1234567",
        "sommer2026!!",
        "winter2026!!",
        "passwort123!",
        "password123!",
        "iloveyou1234",
        "willkommen12",
        "willkommen123",
        "hagen1234567",
        "abcdefghijkl",
        "111111111111",
        "000000000000",
    }
)


def _hasher() -> PasswordHasher:
    cfg = current_app.config
    return PasswordHasher(
        time_cost=cfg["ARGON2_TIME_COST"],
        memory_cost=cfg["ARGON2_MEMORY_COST"],
        parallelism=cfg["ARGON2_PARALLELISM"],
    )


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def rehash_if_needed(user, password: str) -> None:
    """After a successful check: store the password anew when its hash was made with other parameters."""
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)


def verify_nobody(password: str) -> None:
    """The work of a password check for an unknown address: one argon2 verification, like a known one.

    The hash to check against is made once per app with the app's parameters
    (making it on every request doubled the time and told unknown addresses apart).
    """
    dummy = current_app.extensions.get("kmu_dummy_hash")
    if dummy is None:
        dummy = current_app.extensions["kmu_dummy_hash"] = hash_password(secrets.token_urlsafe(16))
    verify_password(dummy, password)


def password_problem(password: str) -> str | None:
    """Why a new password is refused, or None when it is acceptable (message is German msgid)."""
    from webapp.core.i18n import gettext as _

    if len(password) < MIN_LENGTH:
        return _("Das Passwort muss mindestens %(n)d Zeichen lang sein.", n=MIN_LENGTH)
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or password in DEMO_PASSWORDS or len(set(lowered)) < 4:
        return _("Dieses Passwort ist zu leicht zu erraten. Bitte wählen Sie ein anderes.")
    return None
