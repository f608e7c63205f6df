"""Every string the UI shows is translatable, and the English catalogue is complete."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
METHOD_MAP = [("webapp/**.py", "python"), ("webapp/**/templates/**.html", "jinja2")]  # as babel.cfg
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None, "_ln": (1, 2), "lazy_ngettext": (1, 2)}


def _source_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(str(ROOT), METHOD_MAP, keywords=KEYWORDS, options_map={"webapp/**/templates/**.html": {}}):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_the_english_catalogue_translates_every_message_of_the_source():
    with open(ROOT / "webapp/translations/en/LC_MESSAGES/messages.po", "rb") as f:
        catalogue = read_po(f, locale="en")
    # A plural entry counts only with every form filled ("%(num)d Stelle" had two empty forms and passed).
    filled = lambda m: all(m.string) if isinstance(m.string, tuple) else bool(m.string)  # noqa: E731
    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id and filled(m) and "fuzzy" not in m.flags}
    missing = sorted(_source_messages() - translated)
    assert not missing, "untranslated (run `make i18n` and fill the .po):\n" + "\n".join(missing)


def test_templates_have_no_untranslated_german_text_between_tags():
    import re

    # Text nodes with German letters that are not inside {{ _(...) }} slip past the catalogue.
    pattern = re.compile(r">\s*([A-Za-zÄÖÜäöüß][^<>{}]*[a-zäöüß][^<>{}]*)\s*<")
    allowed = {"English", "Deutsch", "—"}
    offenders = []
    for path in (p for p in (ROOT / "webapp").rglob("*.html") if "templates" in p.parts):
        for match in pattern.finditer(path.read_text()):
            text = match.group(1).strip()
            if text and text not in allowed and not text.startswith("This service uses the ESCO"):
                offenders.append(f"{path.name}: {text}")
    assert not offenders, "\n".join(offenders)


def test_language_names_come_from_the_locale_data_in_the_page_language(app, client, world, login_as, add_participant):
    from models import Participant, ParticipantLanguage
    from tests.helpers import csrf_token
    from webapp.core.db import db

    pid = add_participant("AH-0030", ["Kasse"])
    with app.app_context():
        person = db.session.get(Participant, pid)
        person.languages.append(ParticipantLanguage(language="ro", level="C2"))
        db.session.commit()
    login_as("counsellor_a")
    assert "Rumänisch C2" in client.get(f"/beratung/teilnehmende/{pid}").get_data(as_text=True)
    client.post("/sprache", data={"lang": "en", "csrf_token": csrf_token(client, "/konto/passwort")})
    page = client.get(f"/beratung/teilnehmende/{pid}").get_data(as_text=True)
    assert "Romanian C2" in page and "Rumänisch" not in page


def test_the_templates_translations_escape_their_variables_and_follow_the_language_in_force(app):
    """webapp.core.i18n binds the catalogue once per rendering; it must keep Jinja's meaning (escaping, %-formatting,
    plurals) and give a mail rendered under force_locale its own language."""
    from flask import render_template_string
    from flask_babel import force_locale

    from webapp.core.i18n import gettext, lazy_gettext, ngettext

    template = "{{ _('Wert %(p)d %%', p=7) }}|{{ _('Kürzel: %(code)s', code=code) }}|{{ ngettext('%(num)d passende Person', '%(num)d passende Personen', 2) }}"
    with app.test_request_context("/", headers={"Accept-Language": "de"}):
        page = render_template_string(template, code="<b>X</b>")
        assert page == "Wert 7 %|Kürzel: &lt;b&gt;X&lt;/b&gt;|2 passende Personen"
        with force_locale("en"):
            english = render_template_string("{{ _('Vorstellen') }}|{{ ngettext('%(num)d passende Person', '%(num)d passende Personen', 1) }}")
            assert english == f"{gettext('Vorstellen')}|{ngettext('%(num)d passende Person', '%(num)d passende Personen', 1)}"
            assert english.startswith("Introduce|1 ") and str(lazy_gettext("Vorstellen")) == "Introduce"
        assert render_template_string("{{ _('Vorstellen') }}") == "Vorstellen" == str(lazy_gettext("Vorstellen"))


def test_kept_numbers_and_days_are_those_of_flask_babel_in_each_language(app):
    from datetime import date

    import flask_babel
    from flask_babel import force_locale

    from webapp.core import i18n

    with app.test_request_context("/"):
        for language in ("de", "en"):
            with force_locale(language):
                for number in (1.25, 3, 12345.678, 0.5):
                    assert i18n.format_decimal(number) == flask_babel.format_decimal(number)
                for day in (date(2026, 2, 1), date(2027, 12, 31)):
                    for style in (None, "short", "long", "MMMM yyyy"):
                        assert i18n.format_date(day, style) == flask_babel.format_date(day, style)
        with force_locale("de"):
            assert i18n.format_decimal(1.25) == "1,25" and i18n.format_date(date(2026, 2, 1), "MMMM yyyy") == "Februar 2026"
        with force_locale("en"):
            assert i18n.format_decimal(1.25) == "1.25"


def test_the_preview_names_the_understood_skills_in_the_page_language(app, client, world, login_as):
    """„So haben wir Ihre Angaben verstanden“ in English says the skills' English names; a term that is the
    skill's German name is „recognised“ in both languages, never read back in another."""
    from tests.helpers import csrf_token
    from tests.webapp.test_employers import post_form

    login_as("employer_user_1")
    lines = "Besitz eines gültigen Staplerscheins\nKasse\nRegale auffüllen"
    german = post_form(client, "/betrieb/stellen/neu", check="1", required_skills=lines).get_data(as_text=True)
    assert "darin erkannt: Gabelstapler bedienen" in german and "Kasse bedienen" in german and "operate" not in german
    client.post("/sprache", data={"lang": "en", "csrf_token": csrf_token(client, "/konto/passwort")})
    english = post_form(client, "/betrieb/stellen/neu", check="1", required_skills=lines).get_data(as_text=True)
    assert "operate forklift" in english and "operate cash point" in english
    assert "Gabelstapler bedienen" not in english and "Kasse bedienen" not in english and "stock shelves" not in english
    shelves = english.split("Regale auffüllen</span>", 1)[1].split("</li>", 1)[0]
    assert "recognised" in shelves or "recognized" in shelves, shelves
