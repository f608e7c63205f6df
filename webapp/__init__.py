"""The KMU-Match web application (app factory)."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date
from pathlib import Path
from typing import Any

from flask import Flask
from flask_babel import get_locale
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from webapp.core import config as config_module
from webapp.core import i18n
from webapp.core.db import db
from webapp.core.extensions import babel, bootstrap, csrf, limiter, login_manager, select_locale
from webapp.core.i18n import lazy_gettext as _l


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Create the app: settings from the environment, overridden by ``config`` (tests)."""
    settings = config_module.from_env()
    if config:
        settings.update(config)
    app = Flask(__name__, instance_path=settings["INSTANCE_PATH"], instance_relative_config=False)
    app.config.update(settings)
    if app.config["PROXY_FIX_HOPS"]:
        hops = app.config["PROXY_FIX_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]

    # Ids in URLs are bounded to what the databases store (a larger number is simply 404).
    app.url_map.converters["int"] = BoundedInt
    if app.config["KMU_ENV"] == "production":
        from webapp.core.security import check_settings

        check_settings(app.config)  # before the extensions read them (a limiter store it cannot build fails there, less clearly)
    register_extensions(app)
    from matching import derived

    derived.set_folder(app.config["MATCHING_CACHE_DIR"] or None)
    from webapp.core import jobs

    if app.config["JOBS_URL"].startswith("sqlite:///"):
        Path(app.config["JOBS_URL"].removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    jobs.configure(app.config["JOBS_URL"])
    register_blueprints(app)
    from webapp.core.errors import register_errorhandlers
    from webapp.core.security import register_security

    register_errorhandlers(app)
    register_security(app)
    from webapp.core.logs import register_logging

    register_logging(app)
    from webapp.core import labels

    labels.register(app)
    from webapp.cli import register_commands

    register_commands(app)
    if app.config["KMU_ENV"] == "production":
        from webapp.core.security import check_production

        try:
            check_production(app)
        except Exception:
            app.extensions["kmu_db"]["engine"].dispose()
            raise
    return app


class BoundedInt(IntegerConverter):
    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def register_filters(app: Flask) -> None:
    """Template filters: dates, numbers and stored values shown as people read them."""
    from webapp.core.labels import language_level
    from webapp.suggestions.skills import in_force, join_terms, skill_label, skill_name, title_typos, understood_row, understood_rows

    app.jinja_env.globals["get_locale"] = get_locale
    filters = app.jinja_env.filters
    filters["format_date"] = i18n.format_date
    filters["format_datetime"] = i18n.date_and_time
    filters["format_decimal"] = i18n.format_decimal
    # ISO texts (as in the JSON of the subject access) shown as local date and time.
    filters["iso_datetime"] = i18n.iso_datetime
    filters["iso_day_month"] = lambda text: i18n.format_day_month(date.fromisoformat(text))  # "2027-01-19" -> "19. Januar"
    filters["iso_date"] = lambda text, style="medium": i18n.format_date(date.fromisoformat(text), style) if text else "—"
    filters["iso_month"] = lambda text: i18n.format_date(date.fromisoformat(text + "-01"), "MMMM yyyy")  # "2026-02" -> "Februar 2026"
    filters["understood_row"] = understood_row  # a participant's stored skill
    filters["understood_rows"] = understood_rows  # an opening's stored lines, its wishes marked
    filters["title_typos"] = title_typos
    filters["join_terms"] = join_terms  # entries as typed, read back as the same entries
    filters["in_force"] = in_force  # an opening's German level and licence as the matcher holds it to them
    filters["extract"] = lambda key, mapping: mapping[key]
    filters["skill_label"] = skill_label
    filters["skill_name"] = skill_name  # a name the matcher wrote in German, in the page's language
    filters["language_level"] = lambda pair: language_level(*pair)  # ("ro", "C2") -> "Rumänisch C2"


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    i18n.install(app)
    register_filters(app)
    bootstrap.init_app(app)
    csrf.init_app(app)
    app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", config_module.limiter_storage_options(app.config["RATELIMIT_STORAGE_URI"]))
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Bitte melden Sie sich an, um diese Seite zu sehen.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    from webapp.auth import sessions  # noqa: F401  (registers the user loader)


# One package per feature, each with its blueprint in ``routes.py`` and its views in ``routes.py`` and
# ``*_routes.py`` (its URLs are listed in the package's docstring).
FEATURES = ("main", "auth", "admin", "employers", "counsellors", "businesses", "cv", "esf", "privacy", "vocabulary", "stats", "research")


def register_blueprints(app: Flask) -> None:
    from webapp.api.routes import init_app as init_api

    init_api(app)  # the JSON API joins through flask-smorest (its views, its OpenAPI document)
    for feature in FEATURES:
        package = importlib.import_module(f"webapp.{feature}")
        for module in pkgutil.iter_modules(package.__path__):
            if module.name == "routes" or module.name.endswith("_routes"):
                importlib.import_module(f"webapp.{feature}.{module.name}")  # its views join the blueprint
        app.register_blueprint(importlib.import_module(f"webapp.{feature}.routes").bp)
