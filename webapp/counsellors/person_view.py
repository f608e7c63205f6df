"""A participant's own profile, in the participant's language, for the counsellor to show or print.

Many participants read little German. The page's words live in their own message domain
("person", ``webapp/translations/<lang>/LC_MESSAGES/person.po``) in German, English, Romanian,
Bulgarian, Turkish, Arabic (right to left) and Ukrainian; language names come from CLDR. The
skills stay as the person said them, in German, as employers will read them.
"""

from __future__ import annotations

from pathlib import Path

from flask_babel import Domain, force_locale, format_date

from webapp.core.labels import language_name

PERSON_LANGUAGES = ("de", "en", "ro", "bg", "tr", "ar", "uk")
RIGHT_TO_LEFT = ("ar",)
person = Domain(translation_directories=[str(Path(__file__).parents[1] / "translations")], domain="person")
_p = person.lazy_gettext

TEXTS = {
    "title": _p("Ihr Profil bei KMU-Match"),
    "intro": _p(
        "Das hat Ihr Perspektivhaus über Sie gespeichert. Ein Betrieb sieht davon nur, was Sie freigegeben haben, und erst, wenn die Beratung Sie vorstellt."
    ),
    "skills": _p("Was Sie können (so, wie es eingetragen ist)"),
    "german": _p("Ihr Deutsch"),
    "languages": _p("Weitere Sprachen"),
    "hours": _p("Arbeitszeit, die Sie suchen"),
    "any_hours": _p("egal"),
    "available": _p("Sie können anfangen"),
    "now": _p("sofort"),
    "licence": _p("Führerschein"),
    "none": _p("keiner"),
    "consent": _p("Was ein Betrieb sehen darf"),
    "no_consent": _p("Sie haben noch nicht eingewilligt. Deshalb werden Sie noch keinem Betrieb vorgeschlagen."),
    "rights": _p(
        "Sie können jederzeit fragen, was gespeichert ist, Ihre Einwilligung zurücknehmen oder verlangen, dass alles gelöscht wird. Sprechen Sie dazu mit Ihrer Beratung."
    ),
}
CEFR = {
    "A1": _p("Sie verstehen einzelne Wörter und ganz einfache Sätze."),
    "A2": _p("Sie können einfache Gespräche über Alltägliches führen."),
    "B1": _p("Sie kommen im Arbeitsalltag gut zurecht."),
    "B2": _p("Sie sprechen fließend, auch über die Arbeit."),
    "C1": _p("Sie sprechen und schreiben sehr gut."),
    "C2": _p("Sie sprechen wie in Ihrer Muttersprache."),
}
HOURS = {"full_time": _p("Vollzeit"), "part_time": _p("Teilzeit"), "minijob": _p("Minijob")}
SCOPES = {
    "skills": _p("nur Ihre Kenntnisse, Sprachen und ab wann Sie können – ohne Ihren Namen"),
    "first_name": _p("dazu Ihr Vorname"),
    "contact": _p("dazu Ihr Vorname, Ihre Telefonnummer und E-Mail"),
    "cv": _p("dazu Ihr voller Name, Ihre Telefonnummer, E-Mail und Ihr Lebenslauf"),
}


def person_page(p, lang: str) -> dict:
    """Everything the page shows, already in ``lang`` (a value of PERSON_LANGUAGES)."""
    with force_locale(lang):
        consent = p.current_consent()
        return {
            "lang": lang,
            "dir": "rtl" if lang in RIGHT_TO_LEFT else "ltr",
            "text": {key: str(value) for key, value in TEXTS.items()},
            "german": (p.german_level, str(CEFR[p.german_level])),
            "languages": [(language_name(lang_.language, lang), lang_.level, str(CEFR[lang_.level])) for lang_ in p.languages],
            "hours": [str(HOURS[h]) for h in p.hours],
            "skills": [s.term for s in p.skills],
            "available": format_date(p.available_from, "long") if p.available_from else str(TEXTS["now"]),
            "licences": list(p.driving_licences or []),
            "consent": str(SCOPES[consent.scope]) if consent else None,
        }


def language_choices() -> list[tuple[str, str]]:
    """Each language named in itself ("Română", "Български"), for the switch on the page."""
    return [(code, language_name(code, code).capitalize()) for code in PERSON_LANGUAGES]
