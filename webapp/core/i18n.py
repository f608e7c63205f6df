"""Translations as the pages use them: the catalogue looked up once per request and language.

Flask-Babel finds the catalogue anew for every string (request context, domain, locale,
the locale's name: about 20 µs). A page of suggestions translates several hundred strings,
so that alone was a fifth of the page's CPU under load (issue 31). Here the catalogue is
kept in ``g`` per language: ``force_locale`` (mails, the documents in the participant's
language) still gets its own language, since the key is the locale in force.

The templates' ``_``/``gettext``/``ngettext`` and the lazy strings of forms and labels
(``lazy_gettext``) go through :func:`gettext` and :func:`ngettext`; Flask-Babel still
chooses the language (``extensions.select_locale``) and formats dates and numbers.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

import flask_babel
from babel import dates, numbers
from babel.support import NullTranslations
from flask import Flask, g, has_app_context
from flask_babel import LazyString, get_locale, get_translations
from jinja2 import pass_context
from markupsafe import Markup


def catalogue() -> NullTranslations:
    """The translations of the language in force (outside an app context: none, the German source)."""
    if not has_app_context():
        return NullTranslations()
    locale = get_locale()
    kept = g.setdefault("_kmu_catalogues", {})
    found = kept.get(locale)
    if found is None:
        found = kept[locale] = get_translations()
    return found


def gettext(string: str, **variables) -> str:
    text = catalogue().ugettext(string)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables) -> str:
    variables.setdefault("num", num)
    return catalogue().ungettext(singular, plural, num) % variables


def lazy_gettext(string: str, **variables) -> LazyString:
    """A string translated when it is shown (module-level labels, form labels)."""
    return LazyString(gettext, string, **variables)


def _for_templates(translations: NullTranslations) -> dict:
    """``gettext`` and ``ngettext`` for one rendering, bound to its catalogue, with the meaning of Jinja's
    new-style callables: the text is escaped as a template (autoescape) and always %-formatted."""

    @pass_context
    def gettext(context, string: str, **variables):
        text = translations.ugettext(string)
        # As Jinja's own new-style gettext: the catalogue's text is the template's, the variables are escaped by %.
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables  # nosec B704

    @pass_context
    def ngettext(context, singular: str, plural: str, num: int, **variables):
        variables.setdefault("num", num)
        text = translations.ungettext(singular, plural, num)
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables  # nosec B704

    return {"gettext": gettext, "ngettext": ngettext}


def install(app: Flask) -> None:
    """The templates' translation functions: bound to the catalogue once per rendering (a context processor;
    Jinja looks ``gettext`` up in the context first), and for what renders without that context (macros
    imported without it) the globals in place of Flask-Babel's, through :func:`catalogue`."""
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]  # added by Jinja's i18n extension
        lambda string: catalogue().ugettext(string),
        lambda singular, plural, num: catalogue().ungettext(singular, plural, num),
        newstyle=True,
    )
    app.context_processor(lambda: _for_templates(catalogue()))


def lazy_ngettext(singular: str, plural: str, num: int, **variables) -> LazyString:
    return LazyString(ngettext, singular, plural, num, **variables)


# -- numbers and days ------------------------------------------------------------------
# Babel parses the locale's pattern on every call (about 50 µs); the pages show the same few
# numbers (distances, percentages) and days again and again, so the text is kept per value.


@lru_cache(maxsize=8192)
def _decimal(number, format: str | None, locale: str) -> str:
    return numbers.format_decimal(number, format=format, locale=locale)


@lru_cache(maxsize=8192)
def _day(day: date, format: str, locale: str) -> str:
    return dates.format_date(day, format=format, locale=locale)


@lru_cache(maxsize=4096)
def _day_month(day: date, locale: str) -> str:
    return dates.format_skeleton("MMMMd", day, locale=locale)


def format_day_month(day: date) -> str:
    """Day and month in the page's language, without the year: „19. Januar“, “January 19”."""
    return _day_month(day, str(get_locale()))


def format_decimal(number, format: str | None = None) -> str:
    """Flask-Babel's ``format_decimal`` (the language in force), kept per value."""
    return _decimal(number, format, str(get_locale()))


def format_date(value=None, format: str | None = None, rebase: bool = True) -> str:
    """Flask-Babel's ``format_date``; a day (not a moment, which depends on the time zone) is kept per value."""
    if type(value) is date:
        return _day(value, format or "medium", str(get_locale()))
    return flask_babel.format_date(value, format, rebase)


def iso_datetime(text: str | None, style: str = "short") -> str:
    """An ISO time as local date and time: "30.11.2026, 12:12" (short) or "30. November 2026, 12:12" (long)."""
    if not text:
        return "—"
    moment = datetime.fromisoformat(text)
    if style == "long":  # date in words, time without the zone's name
        return f"{flask_babel.format_date(moment, 'long')}, {flask_babel.format_time(moment, 'short')}"
    return date_and_time(moment, style)


def date_and_time(value, style: str = "short") -> str:
    """A moment as people read it: for the default ``short`` style the date with a four-digit year and the time
    without seconds ("03.12.2026, 17:02"; Babel's short style writes "03.12.26"); other styles and patterns as
    Flask-Babel formats them. In the user's time zone either way."""
    if style != "short" or value is None:
        return flask_babel.format_datetime(value, style)
    return f"{format_date(value, 'medium')}, {flask_babel.format_time(value, 'short')}"
