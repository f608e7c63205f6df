"""Human labels (translatable) for the schema's enumerations."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from babel import Locale
from flask_babel import LazyString, get_locale
from wtforms import SelectChoice

from webapp.core.i18n import lazy_gettext as _l

ROLE_LABELS = {"admin": _l("Verwaltung"), "counsellor": _l("Beratung"), "employer": _l("Betrieb")}
QUARTER_LABELS = {"altenhagen": _l("Altenhagen"), "wehringhausen": _l("Wehringhausen"), "other": _l("anderer Stadtteil")}
SECTOR_LABELS = {
    "bakery": _l("Bäckerei"),
    "kiosk": _l("Kiosk"),
    "hairdresser": _l("Friseur"),
    "car_repair": _l("Kfz-Werkstatt"),
    "cleaning": _l("Reinigung"),
    "care": _l("Pflegedienst"),
    "logistics": _l("Lager und Logistik"),
    "restaurant": _l("Gastronomie"),
    "retail": _l("Einzelhandel"),
    "crafts": _l("Handwerk und Bau"),
    "other": _l("Sonstiges"),
}
BUSINESS_SIZE_LABELS = {
    "micro": _l("Kleinstbetrieb (unter 10)"),
    "small": _l("klein (10 bis 49)"),
    "medium": _l("mittel (50 bis 249)"),
    "large": _l("groß (250 und mehr)"),
}
BUSINESS_SOURCE_LABELS = {
    "visit": _l("Besuch vor Ort"),
    "event": _l("Veranstaltung"),
    "city_list": _l("Liste der Wirtschaftsförderung"),
    "recommendation": _l("Empfehlung"),
    "self": _l("hat sich selbst gemeldet"),
    "other": _l("anders"),
}
BUSINESS_STAGE_LABELS = {
    "known": _l("bekannt"),
    "approached": _l("angesprochen"),
    "interested": _l("interessiert"),
    "cooperating": _l("kooperiert"),
    "hiring": _l("stellt ein"),
    "dormant": _l("ruht"),
}
CONTACT_KIND_LABELS = {"visit": _l("Besuch"), "call": _l("Anruf"), "mail": _l("Mail"), "event": _l("Veranstaltung")}
NEED_STATUS_LABELS = {"open": _l("offen"), "drafted": _l("Entwurf beim Betrieb"), "published": _l("veröffentlicht"), "dropped": _l("erledigt ohne Stelle")}
HOURS_LABELS = {"full_time": _l("Vollzeit"), "part_time": _l("Teilzeit"), "minijob": _l("Minijob")}
OPENING_STATUS_LABELS = {
    "draft": _l("Entwurf"),
    "open": _l("veröffentlicht"),
    "paused": _l("pausiert"),
    "filled": _l("besetzt"),
    "closed": _l("geschlossen"),
}
CEFR_LABELS = {
    "A1": _l("A1 – versteht einzelne Wörter und ganz einfache Sätze"),
    "A2": _l("A2 – kann einfache Gespräche über Alltägliches führen"),
    "B1": _l("B1 – kommt im Arbeitsalltag gut zurecht"),
    "B2": _l("B2 – spricht fließend, auch über die Arbeit"),
    "C1": _l("C1 – sehr gut, auch schriftlich"),
    "C2": _l("C2 – wie in der Muttersprache"),
}
HOW_LABELS = {
    "exact": _l("genau so"),
    "synonym": _l("anderes Wort, gleiche Bedeutung"),
    "translation": _l("übersetzt"),
    "fuzzy": _l("Tippfehler erkannt"),
    "related": _l("verwandt"),
    "unknown": _l("nicht erkannt"),
    "ngram": _l("ähnliche Schreibweise"),
    "found": _l("im Text gefunden"),
    "similar": _l("ähnliche Wörter"),
    "object": _l("gleicher Gegenstand, Tätigkeit bitte prüfen"),
    "occupation": _l("typisch für den Beruf"),
    "project": _l("vom Projekt ergänzt"),
    "corrected": _l("hier von Hand festgelegt"),
    "own": _l("eigener Begriff, nur wörtlich verglichen"),
    "heading": _l("Überschrift – wird nicht verglichen"),
    "offer": _l("gehört zu dem, was der Betrieb bietet oder über sich sagt – wird nicht verglichen"),
}
INTRODUCTION_STATUS_LABELS = {
    "approved": _l("vorgestellt"),
    "rejected": _l("nicht vorgestellt"),
    "interview": _l("Vorstellungsgespräch"),
    "hired": _l("eingestellt"),
    "not_hired": _l("nicht eingestellt"),
    "withdrawn": _l("zurückgezogen"),
}
CONDITION_LABELS = {
    "german_level": _l("Deutsch"),
    "hours": _l("Arbeitszeit"),
    "driving_licence": _l("Führerschein"),
    "language": _l("weitere Sprache"),
    "available_from": _l("verfügbar ab"),
    "must_skill": _l("unverzichtbare Fähigkeit"),
}
# Why a person is suggested to nobody (models.Participant.not_suggested_because).
EXCLUSION_LABELS = {
    "no_consent": _l("keine gültige Einwilligung"),
    "paused": _l("Profil pausiert"),
    "placed": _l("eingestellt, der Austritt ist noch nicht erfasst"),
    "left": _l("ausgetreten"),
}
CONDITION_STATUS_LABELS = {"met": _l("erfüllt"), "relaxed": _l("knapp, mit Förderung"), "failed": _l("nicht erfüllt")}
# Languages a profile can list besides German (ISO 639-1). Their names come from the
# locale data (CLDR, through Babel) in the page's language: "ro" is "Rumänisch" or "Romanian".
LANGUAGE_CODES = ("ro", "bg", "tr", "ar", "pl", "ru", "uk", "en", "fr", "fa", "ku", "sq", "sr", "el", "it", "es")


def language_name(code: str, locale: str | Locale | None = None) -> str:
    """The name of a language in ``locale`` (default: the page's), or the code when CLDR has none."""
    where = Locale.parse(locale) if locale is not None else (get_locale() or Locale("de"))
    return where.languages.get(code, code)


class _LanguageLabels(Mapping[str, LazyString]):
    """``LANGUAGE_CODES`` with their names, read when shown (like the ``_l`` labels)."""

    def __getitem__(self, code: str) -> LazyString:
        if code not in LANGUAGE_CODES:
            raise KeyError(code)
        return LazyString(language_name, code)

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGE_CODES)

    def __len__(self) -> int:
        return len(LANGUAGE_CODES)


LANGUAGE_LABELS = _LanguageLabels()


def language_level(code: str, level: str) -> str:
    """A language and its level in words of the page's language ("ro", "C2" -> "Rumänisch C2"; German, which the
    forms ask for by itself, too: "de", "A2" -> "Deutsch A2")."""
    return f"{language_name(code)} {level}"


CONSENT_SCOPE_LABELS = {
    "skills": _l("nur Kenntnisse, Sprachen und Verfügbarkeit"),
    "first_name": _l("dazu der Vorname"),
    "contact": _l("dazu Vorname, Telefon und E-Mail"),
    "cv": _l("dazu voller Name, Telefon, E-Mail und Lebenslauf"),
}
# The matcher's benches as the vocabulary page names them (matching.report).
BENCH_LABELS = {"shop_floor": _l("Stellen, wie Betriebe hier sie schreiben"), "real_text": _l("Stellenanzeigen aus echtem Text")}
CV_KIND_LABELS = {"work": _l("Berufserfahrung"), "education": _l("Schule und Ausbildung"), "certificate": _l("Nachweise und Kurse")}
RECOGNITION_LABELS = {"applied": _l("Anerkennung beantragt"), "granted": _l("anerkannt"), "not_needed": _l("Anerkennung nicht nötig")}
GENDER_LABELS = {"female": _l("weiblich"), "male": _l("männlich"), "diverse": _l("divers / nicht-binär")}
LABOUR_STATUS_LABELS = {
    "unemployed": _l("arbeitslos"),
    "long_term_unemployed": _l("langzeitarbeitslos (12 Monate und mehr)"),
    "inactive": _l("nicht erwerbstätig, nicht arbeitsuchend"),
    "employed": _l("erwerbstätig (auch selbständig)"),
}
EDUCATION_LABELS = {
    "isced_0_2": _l("ohne Abschluss oder Hauptschule / Realschule (ISCED 0–2)"),
    "isced_3_4": _l("Abitur oder Berufsausbildung (ISCED 3–4)"),
    "isced_5_8": _l("Studium, Meister, Techniker (ISCED 5–8)"),
}
EXIT_SITUATION_LABELS = {
    "employed": _l("in Arbeit (auch selbständig)"),
    "job_searching": _l("auf Arbeitsuche"),
    "education": _l("in Schule oder Ausbildung"),
    "qualification": _l("hat eine Qualifizierung erworben"),
    "other": _l("anderes"),
}
VOLUNTARY_ESF_LABELS = {
    "disability": _l("Behinderung"),
    "third_country": _l("Staatsangehörigkeit eines Landes außerhalb der EU"),
    "foreign_background": _l("ausländische Herkunft (Migrationshintergrund)"),
    "minority": _l("Angehörige einer Minderheit (z. B. Roma)"),
    "homeless": _l("obdachlos oder von Wohnungsausgrenzung betroffen"),
}
PARTICIPANT_STATUS_LABELS = {
    "active": _l("aktiv"),
    "paused": _l("pausiert"),
    "placed": _l("eingestellt, Austritt offen"),
    "left": _l("ausgetreten"),
}

# What the subject-access page says for the audit entries about a participant.
# Every action the audit log records, as the log and the subject access show it.
AUDIT_ACTION_LABELS = {
    "centre.update": _l("Angaben zu einem Perspektivhaus geändert"),
    "participant.research_consent": _l("Einwilligung in die Begleitforschung erfasst"),
    "participant.research_consent_withdrawn": _l("Einwilligung in die Begleitforschung widerrufen"),
    "research.extract": _l("Auszug für die Begleitforschung erstellt"),
    "business.create": _l("Betrieb angelegt"),
    "business.update": _l("Angaben zum Betrieb geändert"),
    "business.view": _l("Betrieb angesehen"),
    "business.stage": _l("Stand der Zusammenarbeit geändert"),
    "business.contact": _l("Kontakt mit einem Betrieb festgehalten"),
    "business.need": _l("Bedarf eines Betriebs festgehalten"),
    "business.need_drafted": _l("Bedarf als Stellenentwurf an den Betrieb geschickt"),
    "business.need_dropped": _l("Bedarf ohne Stelle erledigt"),
    "business.step_done": _l("Nächsten Schritt erledigt"),
    "business.step_reassigned": _l("Nächsten Schritt übergeben"),
    "business.publish_consent": _l("Einverständnis zum Veröffentlichen im Auftrag festgehalten"),
    "business.publish_consent_withdrawn": _l("Einverständnis zum Veröffentlichen im Auftrag zurückgenommen"),
    "business.contact_person_added": _l("Ansprechperson eines Betriebs eingetragen"),
    "business.contact_person_erased": _l("Ansprechperson eines Betriebs gelöscht (auf Wunsch)"),
    "business.contact_person_access": _l("Auskunft für eine Ansprechperson erstellt"),
    "business.erase_retention": _l("Betrieb ohne Zusammenarbeit nach Ablauf der Frist gelöscht"),
    "business.contact_person_erased_retention": _l("Ansprechperson nach Ablauf der Frist gelöscht"),
    "business.retention_set": _l("Löschfrist für Betriebskontakte geändert"),
    "business.import": _l("Betrieb aus einer Liste übernommen"),
    "business.linked": _l("Betrieb mit seinem Zugang verbunden"),
    "opening.published_on_behalf": _l("Stelle im Auftrag des Betriebs veröffentlicht"),
    "participant.create": _l("Profil angelegt"),
    "participant.import": _l("Profil aus einer Liste übernommen"),
    "participant.merge_import": _l("Angaben aus einer Liste zum Profil ergänzt"),
    "participant.view": _l("Profil angesehen"),
    "participant.list_names": _l("Liste mit Namen angesehen"),
    "privacy_request.forwarded": _l("Datenschutz-Anfrage an das Haus weitergegeben"),
    "participant.view_match": _l("in den Vorschlägen angesehen"),
    "participant.view_card": _l("Karte vom Betrieb angesehen"),
    "participant.update": _l("Profil geändert"),
    "participant.placed_by_hire": _l("vermittelt (Einstellung gemeldet)"),
    "participant.exit_confirmed": _l("Austritt bestätigt"),
    "participant.exit": _l("Austritt erfasst"),
    "participant.exit_corrected": _l("Austritt berichtigt"),
    "participant.hire_undone": _l("Vermittlung zurückgenommen"),
    "esf.view": _l("ESF-Plus-Angaben angesehen"),
    "cv.add": _l("Lebenslauf ergänzt"),
    "cv.delete": _l("Lebenslauf-Eintrag gelöscht"),
    "cv.edit": _l("Lebenslauf-Eintrag geändert"),
    "cv.download": _l("Lebenslauf heruntergeladen"),
    "vocabulary.propose": _l("Lesart eines Begriffs korrigiert"),
    "vocabulary.accept": _l("Wortschatz ergänzt"),
    "vocabulary.reject": _l("Wortschatz-Vorschlag abgelehnt"),
    "vocabulary.withdraw": _l("Wortschatz-Eintrag zurückgenommen"),
    "vocabulary.import": _l("Wortschatz eingelesen"),
    "vocabulary.export": _l("Wortschatz ausgegeben"),
    "cv.photo": _l("Foto für den Lebenslauf gespeichert"),
    "cv.photo_delete": _l("Foto für den Lebenslauf gelöscht"),
    "letter.download": _l("Anschreiben heruntergeladen"),
    "esf.entry": _l("ESF-Plus-Eintritt erfasst"),
    "esf.update": _l("ESF-Plus-Eintritt geändert"),
    "esf.exit": _l("ESF-Plus-Austritt erfasst"),
    "esf.follow_up": _l("ESF-Plus-Nachbefragung erfasst"),
    "participant.subject_access": _l("Auskunft erstellt"),
    "participant.erase": _l("Daten gelöscht (auf Wunsch)"),
    "participant.erase_retention": _l("Daten gelöscht (Aufbewahrungsfrist abgelaufen)"),
    "consent.give": _l("Einwilligung erfasst"),
    "consent.withdraw": _l("Einwilligung widerrufen"),
    "opening.create": _l("Stelle angelegt"),
    "opening.update": _l("Stelle geändert"),
    "opening.copy": _l("Stelle kopiert"),
    "opening.publish": _l("Stelle veröffentlicht"),
    "opening.pause": _l("Stelle pausiert"),
    "opening.fill": _l("Stelle als besetzt gemeldet"),
    "opening.close": _l("Stelle geschlossen"),
    "opening.suggestions": _l("Vorschläge angesehen"),
    "introduction.approve": _l("Vorstellung freigegeben"),
    "introduction.reject": _l("Vorstellung abgelehnt"),
    "introduction.view": _l("Vorstellung angesehen"),
    "introduction.withdraw": _l("Vorstellung zurückgezogen"),
    "introduction.interview": _l("Vorstellungsgespräch gemeldet"),
    "introduction.hired": _l("Einstellung gemeldet"),
    "introduction.not_hired": _l("keine Einstellung gemeldet"),
    "employer.create": _l("Betrieb angelegt"),
    "employer.update": _l("Betrieb geändert"),
    "employer.invite": _l("Betrieb eingeladen"),
    "employer.subject_access": _l("Auskunft für die Ansprechperson erstellt"),
    "employer.contact_erase": _l("Kontaktdaten der Ansprechperson gelöscht"),
    "access_request.approve": _l("Zugangsanfrage angenommen"),
    "access_request.decline": _l("Zugangsanfrage abgelehnt"),
    "user.create": _l("Zugang angelegt"),
    "user.update": _l("Zugang geändert"),
    "user.activate": _l("Zugang freigeschaltet"),
    "user.deactivate": _l("Zugang gesperrt"),
    "user.password_change": _l("Passwort geändert"),
    "user.password_set": _l("Passwort gesetzt"),
    "user.totp_enable": _l("Zwei-Faktor-Anmeldung eingeschaltet"),
    "user.totp_disable": _l("Zwei-Faktor-Anmeldung ausgeschaltet"),
    "user.totp_reset": _l("Zwei-Faktor-Anmeldung zurückgesetzt"),
    "user.subject_access": _l("Auskunft über den Zugang erstellt"),
    "user.erase": _l("Daten des Zugangs gelöscht"),
    "user.hand_over": _l("betreute Personen übergeben"),
    "api_token.create": _l("API-Schlüssel angelegt"),
    "api_token.revoke": _l("API-Schlüssel widerrufen"),
    "vocabulary.import_read": _l("Wortschatz-Datei eingelesen (noch nicht übernommen)"),
    "vocabulary.import_discard": _l("Wortschatz-Datei verworfen"),
}
# What the audit log names an object by (the object itself is shown by its code, title or address).
AUDIT_OBJECT_LABELS = {
    "research": _l("Begleitforschung"),
    "business": _l("Betrieb (Kontakte)"),
    "setting": _l("Einstellung der Projektleitung"),
    "participant": _l("Person"),
    "opening": _l("Stelle"),
    "introduction": _l("Vorstellung"),
    "user": _l("Zugang"),
    "employer": _l("Betrieb"),
    "access_request": _l("Zugangsanfrage"),
    "centre": _l("Perspektivhaus"),
    "api_token": _l("API-Schlüssel"),
}
REJECTION_REASON_LABELS = {
    "skills": _l("passt fachlich nicht"),
    "german": _l("Deutschkenntnisse reichen noch nicht"),
    "hours_or_way": _l("Arbeitszeit oder Anfahrt passen nicht"),
    "declined": _l("die Person möchte nicht"),
    "unreachable": _l("die Person ist nicht erreichbar"),
    "other": _l("anderer Grund"),
}
NOT_HIRED_REASON_LABELS = {
    "no_show": _l("ist nicht gekommen"),
    "skills": _l("Kenntnisse passten nicht"),
    "german": _l("Deutsch reichte nicht"),
    "declined": _l("die Person hat abgesagt"),
    "other_candidate": _l("wir haben jemand anderen genommen"),
    "other": _l("anderer Grund"),
}
# The events that name a person by their random key, as the Art. 15 answer lists them.
EVENT_LABELS = {
    "participant.entered": _l("Eintritt"),
    "participant.left": _l("Austritt"),
    "participant.exit_corrected": _l("Austritt berichtigt"),
    "esf.entry": _l("ESF-Plus-Angaben erfasst (nur Merkmale)"),
    "esf.entry_corrected": _l("ESF-Plus-Angaben berichtigt (nur Merkmale)"),
    "esf.follow_up": _l("Nachbefragung erfasst"),
    "esf.follow_up_corrected": _l("Nachbefragung berichtigt"),
    "introduction.approved": _l("vorgestellt"),
    "introduction.rejected": _l("nicht vorgestellt"),
    "introduction.interview": _l("Vorstellungsgespräch"),
    "introduction.hired": _l("eingestellt"),
    "introduction.not_hired": _l("nicht eingestellt"),
    "introduction.withdrawn": _l("Vorstellung zurückgezogen"),
}
# The figures of the statistics (page, charts, exports).
STAT_LABELS = {
    "participants_new": _l("Eintritte"),
    "participants_active": _l("Teilnehmende im Zeitraum"),
    "participants_left": _l("Austritte (aus jedem Grund)"),
    "participants_left_employed": _l("davon Austritte in Arbeit"),
    "openings_posted": _l("Stellen neu veröffentlicht"),
    "openings_open": _l("Stellen offen (Ende des Zeitraums)"),
    "openings_filled": _l("Stellen besetzt"),
    "openings_expired": _l("Stellen abgelaufen"),
    "suggestions_shown": _l("Vorschläge angezeigt"),
    "approvals": _l("Vorstellungen freigegeben"),
    "rejections": _l("Vorschläge abgelehnt"),
    "introductions": _l("Vorstellungen"),
    "interviews": _l("Vorstellungsgespräche"),
    "hires": _l("Einstellungen über eine Vorstellung"),
    "not_hired": _l("nicht eingestellt"),
    "placement_rate": _l("Vermittlungsquote (Einstellungen je Vorstellung)"),
    "median_days_to_first_introduction": _l("Median Tage bis zur ersten Vorstellung"),
    "median_days_to_hire": _l("Median Tage bis zur Einstellung"),
}
# Short names for the charts' series.
STAT_SHORT_LABELS = {
    "approvals": _l("Vorstellungen"),
    "interviews": _l("Gespräche"),
    "hires": _l("Einstellungen"),
    "rejections": _l("Ablehnungen"),
    "participants_new": _l("Eintritte"),
    "participants_active": _l("im Zeitraum dabei"),
    "participants_left": _l("Austritte"),
    "openings_posted": _l("veröffentlicht"),
    "openings_filled": _l("besetzt"),
    "openings_expired": _l("abgelaufen"),
}
MAIL_ERROR_LABELS = {
    "not_buildable": _l("lässt sich nicht erstellen (z. B. Zeilenumbruch im Betreff) – wird nicht verschickt"),
    "recipient_refused": _l("Empfänger vom Mailserver abgelehnt"),
    "server_error": _l("Mailserver nicht erreichbar oder Fehler beim Senden"),
}
MAIL_STATE_LABELS = {"waiting": _l("wartet"), "sent": _l("verschickt"), "failed": _l("fehlgeschlagen")}


def select_choices(values, labels) -> list[SelectChoice]:
    """Options of a SelectField in the order of ``values``, labelled from ``labels``."""
    return [SelectChoice(value, labels[value]) for value in values]


def register(app) -> None:
    """Make the label tables available in every template."""

    @app.context_processor
    def _labels():
        return {
            "ROLE_LABELS": ROLE_LABELS,
            "QUARTER_LABELS": QUARTER_LABELS,
            "SECTOR_LABELS": SECTOR_LABELS,
            "HOURS_LABELS": HOURS_LABELS,
            "BUSINESS_SIZE_LABELS": BUSINESS_SIZE_LABELS,
            "BUSINESS_SOURCE_LABELS": BUSINESS_SOURCE_LABELS,
            "BUSINESS_STAGE_LABELS": BUSINESS_STAGE_LABELS,
            "CONTACT_KIND_LABELS": CONTACT_KIND_LABELS,
            "NEED_STATUS_LABELS": NEED_STATUS_LABELS,
            "OPENING_STATUS_LABELS": OPENING_STATUS_LABELS,
            "PARTICIPANT_STATUS_LABELS": PARTICIPANT_STATUS_LABELS,
            "CEFR_LABELS": CEFR_LABELS,
            "LANGUAGE_LABELS": LANGUAGE_LABELS,
            "GENDER_LABELS": GENDER_LABELS,
            "CV_KIND_LABELS": CV_KIND_LABELS,
            "RECOGNITION_LABELS": RECOGNITION_LABELS,
            "LABOUR_STATUS_LABELS": LABOUR_STATUS_LABELS,
            "EDUCATION_LABELS": EDUCATION_LABELS,
            "EXIT_SITUATION_LABELS": EXIT_SITUATION_LABELS,
            "VOLUNTARY_ESF_LABELS": VOLUNTARY_ESF_LABELS,
            "CONSENT_SCOPE_LABELS": CONSENT_SCOPE_LABELS,
            "HOW_LABELS": HOW_LABELS,
            "BENCH_LABELS": BENCH_LABELS,
            "INTRODUCTION_STATUS_LABELS": INTRODUCTION_STATUS_LABELS,
            "CONDITION_LABELS": CONDITION_LABELS,
            "EXCLUSION_LABELS": EXCLUSION_LABELS,
            "CONDITION_STATUS_LABELS": CONDITION_STATUS_LABELS,
            "AUDIT_ACTION_LABELS": AUDIT_ACTION_LABELS,
            "AUDIT_OBJECT_LABELS": AUDIT_OBJECT_LABELS,
            "MAIL_ERROR_LABELS": MAIL_ERROR_LABELS,
            "STAT_LABELS": STAT_LABELS,
            "EVENT_LABELS": EVENT_LABELS,
            "MAIL_STATE_LABELS": MAIL_STATE_LABELS,
        }
