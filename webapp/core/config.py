"""Configuration, read only from the environment.

Every setting has a development default; ``KMU_ENV=production`` turns on the
checks in :func:`check_production` (no default secret, no demo passwords,
secure cookies).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[2]  # webapp/core/config.py -> the repository
DEFAULT_INSTANCE = PROJECT_ROOT / "instance"
DEV_SECRET_KEY = "dev-only-secret-key-change-me"  # nosec B105 - refused in production
DEV_RESEARCH_KEY = "dev-only-research-key-the-city-keeps-its-own"  # nosec B105 - production needs KMU_RESEARCH_KEY


def database_url(environ: Mapping[str, str] | None = None) -> str:
    """The SQLAlchemy URL from ``DATABASE_URL`` (default: SQLite in ``instance/``).

    ``postgres://`` and ``postgresql://`` URLs are pointed at the psycopg 3 driver.
    """
    environ = os.environ if environ is None else environ
    url = environ.get("DATABASE_URL", "").strip()
    if not url:
        instance = Path(environ.get("KMU_INSTANCE_PATH", DEFAULT_INSTANCE))
        return f"sqlite:///{instance / 'kmu-match.sqlite3'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def limiter_storage_options(uri: str) -> dict[str, Any]:
    """Short timeouts for a Redis limiter store, so an unreachable Redis costs a login half a second, not a worker."""
    return {"socket_connect_timeout": 0.5, "socket_timeout": 0.5} if uri.strip().lower().startswith(("redis://", "rediss://")) else {}


def limiter_storage_kind(uri: str) -> str:
    """What the limits library builds from ``uri``: "memory" (each worker counts for itself), "shared", or
    "invalid" – asked of the library itself, so that no spelling ("MEMORY://", " memory://") slips past."""
    from limits.storage import MemoryStorage, storage_from_string

    try:
        storage = storage_from_string(uri.strip(), **limiter_storage_options(uri))
    except Exception:
        return "invalid"
    return "memory" if isinstance(storage, MemoryStorage) else "shared"


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def from_env(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Build the Flask configuration from environment variables."""
    environ = os.environ if environ is None else environ
    production = environ.get("KMU_ENV", "development") == "production"
    return {
        "KMU_ENV": "production" if production else "development",
        "SECRET_KEY": environ.get("SECRET_KEY", DEV_SECRET_KEY),
        "DATABASE_URL": database_url(environ),
        "INSTANCE_PATH": environ.get("KMU_INSTANCE_PATH", str(DEFAULT_INSTANCE)),
        # Sessions: signed cookie holding only a login-session token; idle
        # timeout through the cookie's signed timestamp.
        "SESSION_COOKIE_NAME": "kmu_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool(environ.get("SESSION_COOKIE_SECURE"), production),
        "PERMANENT_SESSION_LIFETIME": timedelta(minutes=int(environ.get("KMU_IDLE_TIMEOUT_MINUTES", "30"))),
        "REMEMBER_COOKIE_DURATION": timedelta(seconds=0),
        # Rate limits (Flask-Limiter): memory by default, Redis in production.
        "RATELIMIT_STORAGE_URI": environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_ENABLED": _bool(environ.get("RATELIMIT_ENABLED"), True),
        # Redis unreachable: each worker counts on in memory (a warning is logged, /readyz says
        # "degraded") instead of refusing logins; it goes back to Redis once Redis answers again.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "LOGIN_RATE_LIMIT": environ.get("KMU_LOGIN_RATE_LIMIT", "10 per minute"),
        # Per account from all addresses together (a back-stop against guesses spread over many addresses), and
        # per account and address (the back-off one address gets): a stranger cannot lock an account for its owner
        # with a few wrong passwords from one machine.
        "ACCOUNT_RATE_LIMIT": environ.get("KMU_ACCOUNT_RATE_LIMIT", "100 per hour"),
        "API_RATE_LIMIT": environ.get("KMU_API_RATE_LIMIT", "120 per minute"),
        "ACCOUNT_ADDRESS_RATE_LIMIT": environ.get("KMU_ACCOUNT_ADDRESS_RATE_LIMIT", "5 per minute;20 per hour"),
        "RESET_RATE_LIMIT": environ.get("KMU_RESET_RATE_LIMIT", "3 per hour"),
        # Uploads (XLSX/CSV imports): 413 above this.
        "MAX_CONTENT_LENGTH": int(environ.get("KMU_MAX_UPLOAD_BYTES", str(5 * 1024 * 1024))),
        "BASE_URL": environ.get("KMU_BASE_URL", "http://127.0.0.1:5000"),
        "SMTP_HOST": environ.get("SMTP_HOST", ""),
        "SMTP_PORT": int(environ.get("SMTP_PORT", "587")),
        "SMTP_USER": environ.get("SMTP_USER", ""),
        "SMTP_PASSWORD": environ.get("SMTP_PASSWORD", ""),
        "SMTP_STARTTLS": _bool(environ.get("SMTP_STARTTLS"), True),
        "MAIL_FROM": environ.get("MAIL_FROM", "KMU-Match <noreply@kmu-match.example>"),
        # Participants with no activity for this many months are anonymised by
        # ``flask --app wsgi retention`` (README: "Datenschutz und Sicherheit").
        "RETENTION_MONTHS": int(environ.get("KMU_RETENTION_MONTHS", "12")),
        # The job queue (webapp.core.jobs): Redis in production, an SQLite file in development, "immediate" in tests.
        "JOBS_URL": environ.get("KMU_JOBS_URL", f"sqlite:///{Path(environ.get('KMU_INSTANCE_PATH', str(DEFAULT_INSTANCE))) / 'jobs.sqlite3'}"),
        "BACKUP_DIR": environ.get("KMU_BACKUP_DIR", str(Path(environ.get("KMU_INSTANCE_PATH", str(DEFAULT_INSTANCE))) / "backups")),
        # What the matcher derives from its vocabulary (seconds of work per start), kept between starts
        # (matching.derived; no personal data). An empty value keeps nothing.
        "MATCHING_CACHE_DIR": environ.get("KMU_MATCHING_CACHE_DIR", str(Path(environ.get("KMU_INSTANCE_PATH", str(DEFAULT_INSTANCE))) / "matching-cache")),
        "OPENING_LIFETIME_WEEKS": int(environ.get("KMU_OPENING_LIFETIME_WEEKS", "8")),
        # The research extract (webapp.research): the city's key for the pseudonyms (HMAC), never in an extract; a new
        # key with a new version gives new pseudonyms. Without a key in production no extract is made.
        "RESEARCH_KEY": environ.get("KMU_RESEARCH_KEY", "" if production else DEV_RESEARCH_KEY),
        "RESEARCH_KEY_VERSION": environ.get("KMU_RESEARCH_KEY_VERSION", "1"),
        "RESEARCH_K": int(environ.get("KMU_RESEARCH_K", "5")),
        # "nicht gemeint": how many corrections one person may offer the project per day (webapp.vocabulary.operations).
        "VOCABULARY_PROPOSALS_PER_DAY": int(environ.get("KMU_VOCABULARY_PROPOSALS_PER_DAY", "20")),
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        "BABEL_DEFAULT_LOCALE": "de",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Berlin",
        "LANGUAGES": ("de", "en"),
        "BOOTSTRAP_SERVE_LOCAL": True,
        "PROXY_FIX_HOPS": int(environ.get("KMU_PROXY_FIX_HOPS", "0")),
        # argon2id as the OWASP Password Storage Cheat Sheet recommends (19 MiB, 2 passes, 1 lane):
        # about 20 ms a check, so a morning's logins do not queue on a 2-core machine. Hashes made
        # with other parameters are renewed at the next successful login.
        "ARGON2_TIME_COST": int(environ.get("KMU_ARGON2_TIME_COST", "2")),
        "ARGON2_MEMORY_COST": int(environ.get("KMU_ARGON2_MEMORY_COST", "19456")),
        "ARGON2_PARALLELISM": int(environ.get("KMU_ARGON2_PARALLELISM", "1")),
    }


class ConfigurationError(RuntimeError):
    """The service refuses to start with this configuration."""
