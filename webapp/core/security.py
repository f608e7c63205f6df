"""Security headers and the production start-up checks."""

from __future__ import annotations

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from sqlalchemy import func, inspect, select

from webapp.core.config import DEV_SECRET_KEY, ConfigurationError, limiter_storage_kind
from webapp.core.db import db

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


# The endpoints of files (style sheets, scripts, icons): no personal data, and no session of their own.
FILE_ENDPOINTS = ("static", "bootstrap.static")


def asked_by_script() -> bool:
    """Whether a script asked for this while the page is open (the words offered while typing), not the person
    opening or sending a page. Browsers say so in ``Sec-Fetch-Mode``; a browser that does not send it is taken at
    its word that it opened a page."""
    return request.headers.get("Sec-Fetch-Mode", "navigate") != "navigate"


class SessionOfPages(SecureCookieSessionInterface):
    """Flask's signed-cookie session, with its cookie written back by pages, not by answers in the background.

    Flask renews a permanent session's cookie on every answer, a style sheet's too. A page's files and a script's
    look-ups run beside the next click: such an answer, carrying the session as it was when it was asked for,
    could arrive after the click's answer and put the older session back: the message „hier gilt jetzt Ihre
    Lesart“ lost after a word offered while typing, the message of a revoked key lost, or a logout undone in that
    browser. An answer in the background now leaves the cookie alone unless it changed the session itself;
    pages still renew it (and with it the idle timeout)."""

    def should_set_cookie(self, app: Flask, session) -> bool:
        if request.endpoint in FILE_ENDPOINTS:
            return False
        if asked_by_script():
            return session.modified
        return super().should_set_cookie(app, session)


def register_security(app: Flask) -> None:
    production = app.config["KMU_ENV"] == "production"
    app.session_interface = SessionOfPages()

    @app.after_request
    def _headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if production:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        # Pages behind a login may show personal data: never cache them.
        if request.endpoint not in (None, *FILE_ENDPOINTS):
            response.headers.setdefault("Cache-Control", "no-store")
        return response


def check_settings(config) -> None:
    """Refuse to start in production with the development secret, a per-worker (or unknown) limiter store, or a job
    queue the workers do not share."""
    secret = config.get("SECRET_KEY") or ""
    if secret == DEV_SECRET_KEY or len(secret) < 32:
        raise ConfigurationError("SECRET_KEY is the development default or shorter than 32 characters; set a long random SECRET_KEY for production.")
    storage = (config.get("RATELIMIT_STORAGE_URI") or "").strip()
    kind = limiter_storage_kind(storage) if storage else "memory"
    if kind == "memory":
        raise ConfigurationError(
            f"RATELIMIT_STORAGE_URI={storage or '(empty)'} keeps the counts in each worker's memory (each worker would count login attempts on "
            "its own, so 3 workers allow 3 times the limit); set a shared store, e.g. RATELIMIT_STORAGE_URI=redis://127.0.0.1:6379/0."
        )
    if kind == "invalid":
        raise ConfigurationError(
            f"RATELIMIT_STORAGE_URI={storage} is not a storage the rate limiter knows; e.g. RATELIMIT_STORAGE_URI=redis://127.0.0.1:6379/0."
        )
    jobs = (config.get("JOBS_URL") or "").strip().lower()
    if not jobs.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigurationError(
            "KMU_JOBS_URL must name the Redis the workers share in production (e.g. KMU_JOBS_URL=redis://127.0.0.1:6379/1); "
            "an SQLite file or 'immediate' is for development and tests."
        )


def check_production(app: Flask) -> None:
    """Refuse to start in production with the settings above, or while an account has a demo password."""
    check_settings(app.config)
    from models import User

    with app.app_context():
        if not inspect(db.engine).has_table(User.__tablename__):
            return  # an empty database (before `db upgrade`) has no accounts yet
        demo_accounts = db.session.scalar(select(func.count(User.id)).where(User.demo_password.is_(True)))
    if demo_accounts:
        raise ConfigurationError(
            f"{demo_accounts} account(s) still have a demo password; change or deactivate them "
            "before running in production (flask --app wsgi set-password EMAIL)."
        )
