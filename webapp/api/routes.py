"""The JSON API's blueprint (``/api/v1``): who is calling (a personal token, never a page's cookie), the OpenAPI
document, and the one place that joins flask-smorest to the app.

flask-smorest builds the OpenAPI 3.1 document from the views' marshmallow schemas and checks every request
against them (webargs); errors are answered by :mod:`webapp.core.errors` as ``application/problem+json`` for
every path under ``/api/`` – the same handler as the pages', so flask-smorest's own is not registered.
"""

from __future__ import annotations

import importlib
import pkgutil

from flask import Flask, abort, current_app, g, request
from flask_limiter.util import get_remote_address
from flask_smorest import Api, Blueprint
from flask_smorest import abort as abort_with
from werkzeug.datastructures import MultiDict

from models import ApiToken
from webapp.api.schemas import GermanParser, ProblemSchema
from webapp.auth import api_tokens
from webapp.core.db import db
from webapp.core.extensions import csrf, limiter, login_manager

bp = Blueprint("api", __name__, url_prefix="/api/v1", template_folder="templates", description="KMU-Match: Stellen, Vorschläge, Vorstellungen, Statistik")
bp.ARGUMENTS_PARSER = GermanParser()  # field errors in the caller's language
bp.ETAG_INCLUDE_HEADERS = ["X-Total-Count"]  # a list's ETag changes with its total too

READING = ("GET", "HEAD", "OPTIONS")
OPEN_ENDPOINTS: set[str] = set()  # views anyone may call without a token (the public list of openings)


class KmuApi(Api):
    ERROR_SCHEMA = ProblemSchema  # the document describes errors as they are sent (RFC 9457)

    def _register_error_handlers(self) -> None:
        """Nothing here: webapp.core.errors answers errors under /api/ as problem+json (one handler for all)."""

    def _register_pagination_header(self) -> None:
        """``X-Pagination`` is a JSON text: documented as such (a header's value is a string, its content JSON)."""
        from flask_smorest.pagination import PaginationMetadataSchema

        self.spec.components.header(
            "PAGINATION",
            {
                "description": "Seiten: total, total_pages, first_page, last_page, page, previous_page, next_page",
                "content": {"application/json": {"schema": PaginationMetadataSchema}},
            },
            lazy=True,
        )

    def _register_responses(self) -> None:
        """flask-smorest's error responses, documented with the content type they are sent with."""
        self.DEFAULT_RESPONSE_CONTENT_TYPE = "application/problem+json"  # for these only (an instance attribute)
        try:
            super()._register_responses()
        finally:
            del self.DEFAULT_RESPONSE_CONTENT_TYPE


def _caller() -> ApiToken | None:
    """The usable token the request names, looked up once per request (the rate limit asks first)."""
    if "api_token" not in g:
        g.api_token = api_tokens.authenticate(request.headers.get("Authorization"))
    return g.api_token


def _rate_key() -> str:
    """Calls are counted per account – all of a person's tokens together –, without a usable token per address."""
    token = _caller()
    return f"api-user:{token.user_id}" if token is not None else f"api-address:{get_remote_address()}"


limiter.limit(lambda: current_app.config["API_RATE_LIMIT"], key_func=_rate_key)(bp)


@bp.before_request
def _authenticate():
    """A personal API token (``Authorization: Bearer kmu_…``) names the caller; a session cookie does not (so the
    API needs no CSRF token). A read-only token may only read."""
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    token = _caller()
    if token is None:
        db.session.rollback()
        abort(401)
    if request.method not in READING and token.scope != "write":
        abort(403, description="token_read_only")
    db.session.commit()  # the token's last use
    g.role = token.user.role  # for the request log
    login_manager._update_request_context_with_user(token.user)  # current_user is the token's user, as on the pages
    return None


def page_form(form_class, values: dict, names: dict[str, str] | None = None):
    """The page's own form, filled with a request's values and checked by the page's rules (one place for both);
    what it refuses answers 422 per field, under the API's field names (``names``: form name -> API name)."""
    form = form_class(formdata=MultiDict(values), meta={"csrf": False})
    if not form.validate():
        abort_with(422, messages={"json": {(names or {}).get(name, name): errors for name, errors in form.errors.items()}})
    return form


def init_app(app: Flask) -> None:
    """Join the API to the app: its views (``*_routes`` of this package), its document, no CSRF (no cookie counts)."""
    app.config.setdefault("API_TITLE", "KMU-Match")
    app.config.setdefault("API_VERSION", "v1")
    app.config.setdefault("OPENAPI_VERSION", "3.1.0")
    app.config.setdefault("OPENAPI_URL_PREFIX", "/api/v1")
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    package = importlib.import_module("webapp.api")
    for module in pkgutil.iter_modules(package.__path__):
        if module.name.endswith("_routes"):
            importlib.import_module(f"webapp.api.{module.name}")
    csrf.exempt(bp)
    api = KmuApi(
        app,
        spec_kwargs={
            "info": {"description": "Die Schnittstelle von KMU-Match. Jeder Aufruf braucht einen persönlichen API-Schlüssel (Konto → API-Schlüssel)."}
        },
    )
    api.spec.components.security_scheme("token", {"type": "http", "scheme": "bearer", "description": "Persönlicher API-Schlüssel (kmu_…)"})
    api.spec.options["security"] = [{"token": []}]
    api.register_blueprint(bp)
