"""German (and English) error pages without tracebacks."""

from __future__ import annotations

import contextlib

from flask import Flask, jsonify, render_template, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, InternalServerError

from webapp.core.i18n import lazy_gettext as _l

MESSAGES = {
    400: (_l("Die Anfrage war nicht in Ordnung"), _l("Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.")),
    401: (_l("Nicht angemeldet"), _l("Bitte senden Sie einen gültigen API-Schlüssel: Authorization: Bearer kmu_…")),
    403: (_l("Kein Zugriff"), _l("Diese Seite ist für Ihren Zugang nicht freigegeben.")),
    404: (_l("Seite nicht gefunden"), _l("Diese Seite gibt es nicht, oder sie ist für Sie nicht sichtbar.")),
    405: (_l("Nicht erlaubt"), _l("Diese Aktion ist so nicht möglich.")),
    409: (_l("Jemand anderes war schneller"), _l("Die Daten wurden inzwischen geändert. Bitte laden Sie die Seite neu und prüfen Sie die Angaben.")),
    413: (_l("Die Datei ist zu groß"), _l("Bitte wählen Sie eine kleinere Datei.")),
    422: (_l("Eingaben nicht in Ordnung"), _l("Bitte prüfen Sie die genannten Felder.")),
    429: (_l("Zu viele Versuche"), _l("Bitte warten Sie eine Minute und versuchen Sie es dann noch einmal.")),
    500: (_l("Etwas ist schiefgegangen"), _l("Das ist ein Fehler im Programm, nicht bei Ihnen. Bitte versuchen Sie es später noch einmal.")),
    503: (_l("Gerade nicht erreichbar"), _l("Bitte versuchen Sie es in ein paar Minuten noch einmal.")),
}


# Why a role is refused where it might expect to get in (the 403 page says it instead of just "no").
_ASK_THE_HOUSE = _l(
    "Profile, die Auskunft nach Art. 15 DSGVO und das Löschen erledigt die Beratung im Perspektivhaus der Person: "
    "Nur sie sieht Name und Kontakt, getrennt vom Profil. Bitte wenden Sie sich an das Perspektivhaus. "
    "Im Protokoll sehen Sie, wer wann Auskunft gegeben oder Daten gelöscht hat."
)
WHY_NOT = {("admin", feature): _ASK_THE_HOUSE for feature in ("counsellors", "privacy", "cv", "esf")}


def _why_not() -> str | None:
    role = str(getattr(current_user, "role", "")) if getattr(current_user, "is_authenticated", False) else ""
    reason = WHY_NOT.get((role, request.blueprint or ""))
    return str(reason) if reason else None


# Details an API caller gets for a refusal the API names (``abort(403, description="token_read_only")``).
API_DETAILS = {
    "token_read_only": _l("Dieser API-Schlüssel darf nur lesen. Für Änderungen erzeugen Sie einen Schlüssel mit „lesen und ändern“."),
    "idempotency_key": _l("Der Idempotency-Key muss 1 bis 100 druckbare ASCII-Zeichen lang sein."),
    "idempotency_key_reused": _l("Dieser Idempotency-Key wurde schon für eine andere Anfrage benutzt."),
    "already_decided": _l("Über diese Person wurde für diese Stelle schon entschieden."),
}
API_PREFIX = "/api/"


def problem(code: int, detail: str | None = None, errors: dict | None = None):
    """An error of the JSON API as RFC 9457 ``application/problem+json``: German ``title`` and ``detail`` (English
    with ``Accept-Language: en``), and per field what is wrong (``errors``)."""
    title, text = MESSAGES.get(code, MESSAGES[500] if code >= 500 else MESSAGES[400])
    body: dict = {"type": "about:blank", "title": str(title), "status": code, "detail": detail or str(text)}
    if errors:
        body["errors"] = errors
    response = jsonify(body)
    response.status_code = code
    response.mimetype = "application/problem+json"
    if code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="KMU-Match"'
    return response


def _render(code: int, detail: str | None = None, data: dict | None = None):
    if request.path.startswith(API_PREFIX):
        data = data or {}
        named = API_DETAILS.get(detail or "") or API_DETAILS.get(data.get("message") or "")
        shown = str(named) if named else (str(data["message"]) if data.get("message") and code in (403, 409, 422) else None)
        return problem(code, shown, data.get("messages"))
    title, text = MESSAGES.get(code, MESSAGES[500] if code >= 500 else MESSAGES[400])
    if code == 403 and detail is None:
        detail = _why_not()
    if request.accept_mimetypes.best == "application/json":
        return jsonify(error=str(title), status=code), code
    return render_template("errors/error.html", code=code, title=title, text=detail or text), code


RETRY_AFTER = 10  # seconds: how soon a page asks again when the database did not answer


def register_errorhandlers(app: Flask) -> None:
    @app.errorhandler(StaleDataError)
    def _stale(_e):
        """Two people changed the same record at the same moment: a clear answer, never a 500."""
        from webapp.core.db import db

        db.session.rollback()
        app.logger.info("conflict", extra={"rule": request.url_rule.rule if request.url_rule else "(none)", "status": 409})
        return _render(409, str(_l("Das wurde gerade von jemand anderem geändert. Bitte laden Sie die Seite neu.")))

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def _database_unavailable(e):
        """The database does not answer (restarting, refusing connections): 503 with Retry-After, a page that
        touches no database, and a log line naming the route – never "Fehler im Programm"."""
        from flask import g

        from webapp.core.db import db

        with contextlib.suppress(Exception):  # the connection is gone; the session goes with the request
            db.session.rollback()
        g.role = g.get("role", "anonymous")
        app.logger.warning(
            "database unavailable",
            extra={
                "request_id": g.get("request_id"),
                "method": request.method,
                "rule": request.url_rule.rule if request.url_rule else "(none)",
                "status": 503,
                "role": g.role,
            },
        )
        text = str(_l("Die Datenbank antwortet gerade nicht. Bitte versuchen Sie es gleich noch einmal."))
        if request.path.startswith(API_PREFIX):
            response = problem(503, text)
        elif request.accept_mimetypes.best == "application/json":
            response = jsonify(error=text, status=503)
        else:
            response = app.make_response(render_template("errors/unavailable.html", text=text, retry=RETRY_AFTER))
        response.status_code = 503
        response.headers["Retry-After"] = str(RETRY_AFTER)
        return response

    @app.errorhandler(CSRFError)
    def _csrf(_e):
        return _render(400, str(_l("Das Formular war zu lange offen oder wurde schon abgeschickt. Bitte laden Sie die Seite neu.")))

    @app.errorhandler(HTTPException)
    def _http(e: HTTPException):
        if e.code is None or e.code < 400:
            return e
        return _render(e.code, e.description if request.path.startswith(API_PREFIX) else None, getattr(e, "data", None))

    @app.errorhandler(Exception)
    def _unexpected(e: Exception):
        # The type of the error only: messages and tracebacks can quote personal data.
        app.logger.error("unhandled error", exc_info=(type(e), None, None))  # type: ignore[arg-type]
        return _render(500)

    # Make sure 500 from werkzeug's own InternalServerError also lands here.
    app.register_error_handler(InternalServerError, lambda e: _render(500))
