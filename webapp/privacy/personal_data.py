"""Where personal data lives – found from the schema (``Base.metadata``), not from a hand-written list.

Three kinds of people have data here: **participants**, **account holders** (``user_account``) and the
**contact persons of companies** (``employer``, and the access requests they sent). For each, the tables
that belong to them are found by walking the foreign keys of the schema:

* a table with a foreign key to the person's table that says ``ON DELETE CASCADE`` belongs to the
  person: every row is part of the Art. 15 answer (every column, through the catalogue below) and goes
  with an erasure (the database deletes it);
* a foreign key without CASCADE is a *reference*: the row belongs to somebody else and names the
  person (the counsellor who recorded a consent). The answer counts such rows; an erasure keeps the
  row and anonymises the person it points to (accounts) or clears the reference.

:data:`CATALOGUE` says, for every column of every table, how it is shown (a label, a table of labels
for stored codes) or why it is not (an internal counter, a hash) – and which tables hold no personal
data at all. ``tests/webapp/test_personal_data.py`` walks ``Base.metadata`` and fails for any table or
column the catalogue does not know, for any foreign key to a participant that would not go with an
erasure, and it erases a person with data in every table and then searches every table for them.
So the next new table cannot be forgotten.
"""

from __future__ import annotations

import secrets
from base64 import b64encode
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, Table, func, select
from sqlalchemy.orm import Session

from models import Base
from webapp.core import labels as L
from webapp.core.i18n import lazy_gettext as _l


@dataclass(frozen=True)
class Shown:
    """A column that is part of the answer, with its label (and the labels of its stored codes)."""

    label: object
    codes: Mapping[str, object] | None = None
    month: bool = False  # a "yyyy-mm" text, shown as a month in words


@dataclass(frozen=True)
class Internal:
    """A column that is not shown, and why (it holds nothing about the person, or only a secret's hash)."""

    reason: str


@dataclass(frozen=True)
class NoPersonalData:
    """A table without personal data: why, and the columns it had when that was decided (a new column is reviewed)."""

    reason: str
    columns: tuple[str, ...]


S, Hidden = Shown, Internal
ID = Hidden("technische Nummer der Zeile")
SEQ = Hidden("Änderungszähler des Matching-Index")
VERSION = Hidden("Versionszähler gegen gleichzeitiges Überschreiben")
OWNER = Hidden("Verweis auf die Person selbst")

# The people whose data is found here, by the table that stands for them.
SUBJECTS = {"participant": "participant", "account": "user_account", "company": "employer"}

TABLE_LABELS: dict[str, object] = {
    "participant": _l("Profil"),
    "participant_identity": _l("Name und Kontakt"),
    "participant_skill": _l("Kenntnisse (wie eingegeben, und wie KMU-Match sie verstanden hat)"),
    "participant_language": _l("Weitere Sprachen"),
    "consent_record": _l("Einwilligungen"),
    "cv_entry": _l("Lebenslauf-Einträge"),
    "cv_photo": _l("Foto für den Lebenslauf"),
    "reading_fix": _l("Gewählte Lesarten von Begriffen"),
    "esf_record": _l("Teilnahme und ESF-Plus-Angaben"),
    "introduction": _l("Vorstellungen bei Betrieben"),
    "user_account": _l("Zugang"),
    "login_session": _l("Anmeldungen"),
    "account_token": _l("Links zum Setzen des Passworts"),
    "api_token": _l("API-Schlüssel"),
    "api_request_key": _l("Wiederholbare Anfragen über die Schnittstelle (einen Tag lang)"),
    "employer": _l("Betrieb und Ansprechperson"),
    "business": _l("Aufzeichnungen des Projekts über den Betrieb"),
    "research_consent": _l("Einwilligung in die Begleitforschung"),
    "business_contact_person": _l("Ansprechpersonen (Kontaktarbeit)"),
    "business_activity": _l("Kontakte des Projekts mit dem Betrieb"),
    "business_need": _l("Notierter Bedarf"),
    "access_request": _l("Anfragen nach einem Zugang"),
    "outbox_mail": _l("E-Mails an diese Adresse"),
}

CATALOGUE: dict[str, dict[str, Shown | Internal] | NoPersonalData] = {
    "participant": {
        "id": ID,
        "pseudonym": S(_l("Kürzel")),
        "stats_key": Hidden("Zufallsschlüssel der anonymen Zählungen (die Ereignisse stehen im Abschnitt Statistik)"),
        "erasure_key": Hidden("Zufallsschlüssel für das Löschverzeichnis (steht in keinem Ereignis)"),
        "centre_id": S(_l("Perspektivhaus")),
        "counsellor_id": S(_l("Zuständig")),
        "german_level": S(_l("Deutsch")),
        "wants_full_time": S(_l("möchte Vollzeit")),
        "wants_part_time": S(_l("möchte Teilzeit")),
        "wants_minijob": S(_l("möchte einen Minijob")),
        "available_from": S(_l("Verfügbar ab")),
        "driving_licences": S(_l("Führerschein")),
        "postcode": S(_l("Postleitzahl")),
        "quarter": S(_l("Stadtteil"), L.QUARTER_LABELS),
        "status": S(_l("Stand"), L.PARTICIPANT_STATUS_LABELS),
        "created_at": S(_l("Angelegt am")),
        "updated_at": S(_l("Zuletzt geändert am")),
        "version": VERSION,
        "index_seq": SEQ,
    },
    "participant_identity": {
        "participant_id": OWNER,
        "first_name": S(_l("Vorname")),
        "last_name": S(_l("Nachname")),
        "phone": S(_l("Telefon")),
        "email": S(_l("E-Mail")),
        "notes": S(_l("Notizen der Beratung")),
    },
    "participant_skill": {
        "id": ID,
        "participant_id": OWNER,
        "position": Hidden("Reihenfolge der Einträge"),
        "term": S(_l("wie eingegeben")),
        "skill_id": S(_l("verstanden als")),
        "match_how": S(_l("wie sicher"), L.HOW_LABELS),
        "confidence": S(_l("Sicherheit (0 bis 1)")),
    },
    "participant_language": {"participant_id": OWNER, "language": S(_l("Sprache"), L.LANGUAGE_LABELS), "level": S(_l("Niveau"))},
    "consent_record": {
        "id": ID,
        "participant_id": OWNER,
        "scope": S(_l("Umfang"), L.CONSENT_SCOPE_LABELS),
        "text_version": S(_l("Fassung des Einwilligungstexts"), month=True),
        "given_at": S(_l("erteilt am")),
        "recorded_by_id": S(_l("erfasst von")),
        "withdrawn_at": S(_l("widerrufen am")),
        "withdrawn_by_id": S(_l("Widerruf erfasst von")),
    },
    "cv_entry": {
        "id": ID,
        "participant_id": OWNER,
        "kind": S(_l("Art"), L.CV_KIND_LABELS),
        "title": S(_l("Betrieb, Schule oder Nachweis")),
        "place": S(_l("Ort")),
        "started_on": S(_l("von")),
        "ended_on": S(_l("bis")),
        "details": S(_l("Aufgaben oder Abschluss")),
        "recognition": S(_l("Anerkennung"), L.RECOGNITION_LABELS),
    },
    "cv_photo": {"participant_id": OWNER, "image": S(_l("Foto")), "uploaded_at": S(_l("gespeichert am"))},
    "reading_fix": {
        "id": ID,
        "participant_id": OWNER,
        "opening_id": Hidden("gehört zu einer Stelle, nie zu einer Person (die Zeile hat entweder eine Person oder eine Stelle)"),
        "term_key": S(_l("Begriff")),
        "concept_id": S(_l("gemeint ist")),
        "created_by_id": S(_l("gewählt von")),
        "created_at": S(_l("gewählt am")),
    },
    "esf_record": {
        "participant_id": OWNER,
        "entered_on": S(_l("Eintritt am")),
        "gender": S(_l("Geschlecht"), L.GENDER_LABELS),
        "birth_year": S(_l("Geburtsjahr")),
        "labour_status": S(_l("Erwerbsstatus beim Eintritt"), L.LABOUR_STATUS_LABELS),
        "education": S(_l("Höchster Bildungsabschluss"), L.EDUCATION_LABELS),
        "voluntary_consent_at": S(_l("Einwilligung in die freiwilligen Angaben am")),
        "disability": S(L.VOLUNTARY_ESF_LABELS["disability"]),
        "third_country": S(L.VOLUNTARY_ESF_LABELS["third_country"]),
        "foreign_background": S(L.VOLUNTARY_ESF_LABELS["foreign_background"]),
        "minority": S(L.VOLUNTARY_ESF_LABELS["minority"]),
        "homeless": S(L.VOLUNTARY_ESF_LABELS["homeless"]),
        "left_on": S(_l("Austritt am")),
        "exit_situation": S(_l("Situation beim Austritt"), L.EXIT_SITUATION_LABELS),
        "follow_up_on": S(_l("Nachgefragt am")),
        "follow_up_employed": S(_l("sechs Monate nach dem Austritt in Arbeit")),
        "updated_at": S(_l("zuletzt geändert am")),
    },
    "introduction": {
        "id": ID,
        "opening_id": S(_l("Stelle")),
        "participant_id": OWNER,
        "status": S(_l("Stand"), L.INTRODUCTION_STATUS_LABELS),
        "score": S(_l("Wert des Vorschlags (0 bis 1)")),
        "explanation": S(_l("Erklärung des Vorschlags")),
        "created_at": S(_l("angelegt am")),
        "decided_by_id": S(_l("entschieden von")),
        "decided_at": S(_l("entschieden am")),
        "decision_reason": S(_l("Grund einer Ablehnung"), L.REJECTION_REASON_LABELS),
        "decision_note": S(_l("Notiz der Beratung zur Entscheidung")),
        "introduced_at": S(_l("vorgestellt am")),
        "interview_on": S(_l("Vorstellungsgespräch am")),
        "hired_start": S(_l("eingestellt ab")),
        "outcome_reason": S(_l("Grund, warum nicht eingestellt"), L.NOT_HIRED_REASON_LABELS),
        "outcome_at": S(_l("Rückmeldung des Betriebs am")),
        "outcome_reminder_at": S(_l("Betrieb an die Rückmeldung erinnert am")),
        "outcome_notified_at": S(_l("Beratung über die Rückmeldung informiert am")),
        "updated_at": S(_l("zuletzt geändert am")),
    },
    "user_account": {
        "id": ID,
        "email": S(_l("E-Mail")),
        "name": S(_l("Name")),
        "phone": S(_l("Telefon")),
        "password_hash": Hidden("nur ein Hash des Passworts (argon2id); das Passwort selbst ist nirgends gespeichert"),
        "role": S(_l("Rolle"), L.ROLE_LABELS),
        "active": S(_l("aktiv")),
        "centre_id": S(_l("Perspektivhaus")),
        "employer_id": S(_l("Betrieb")),
        "demo_password": Hidden("Merker für Demodaten"),
        "created_at": S(_l("angelegt am")),
        "last_login_at": S(_l("zuletzt angemeldet am")),
        "totp_secret": Hidden("Geheimnis des zweiten Faktors (wird nie ausgegeben)"),
        "totp_pending_secret": Hidden("Geheimnis des zweiten Faktors während der Einrichtung (wird nie ausgegeben)"),
        "totp_last_step": Hidden("Zähler gegen doppelt benutzte Codes"),
    },
    "login_session": {
        "id": ID,
        "token_hash": Hidden("nur ein Hash des Anmelde-Tokens"),
        "user_id": OWNER,
        "created_at": S(_l("angemeldet am")),
        "ended_at": S(_l("beendet am")),
        "end_reason": S(_l("wie beendet")),
    },
    "account_token": {
        "id": ID,
        "user_id": OWNER,
        "purpose": S(_l("wofür")),
        "token_hash": Hidden("nur ein Hash des Links"),
        "created_at": S(_l("erstellt am")),
        "expires_at": S(_l("gültig bis")),
        "used_at": S(_l("benutzt am")),
    },
    "api_token": {
        "id": ID,
        "user_id": OWNER,
        "name": S(_l("Name")),
        "token_hash": Hidden("nur ein Hash des Schlüssels"),
        "hint": S(_l("Anfang des Schlüssels")),
        "scope": S(_l("Rechte"), {"read": _l("nur lesen"), "write": _l("lesen und ändern")}),
        "created_at": S(_l("erzeugt am")),
        "expires_at": S(_l("gültig bis")),
        "revoked_at": S(_l("widerrufen am")),
        "last_used_at": S(_l("zuletzt benutzt am")),
        "form_nonce": Hidden("Merker des Formulars, das den Schlüssel erzeugt hat"),
    },
    "api_request_key": {
        "id": ID,
        "user_id": OWNER,
        "key": S(_l("Idempotency-Key")),
        "request_hash": Hidden("nur ein Hash der Anfrage"),
        "status": S(_l("Antwort (HTTP-Status)")),
        "body": S(_l("Antwort")),
        "created_at": S(_l("gesendet am")),
    },
    "employer": {
        "id": ID,
        "name": S(_l("Betrieb")),
        "sector": S(_l("Branche"), L.SECTOR_LABELS),
        "street": S(_l("Straße")),
        "postcode": S(_l("Postleitzahl")),
        "quarter": S(_l("Stadtteil"), L.QUARTER_LABELS),
        "contact_name": S(_l("Ansprechperson")),
        "phone": S(_l("Telefon")),
        "email": S(_l("E-Mail")),
        "created_at": S(_l("angelegt am")),
    },
    "research_consent": {
        "id": ID,
        "participant_id": OWNER,
        "text_version": S(_l("Fassung des Textes"), month=True),
        "given_at": S(_l("erteilt am")),
        "recorded_by_id": Hidden("wer sie erfasst hat"),
        "withdrawn_at": S(_l("widerrufen am")),
        "withdrawn_by_id": Hidden("wer den Widerruf erfasst hat"),
    },
    # The project's records about a business (issue 28): part of the company's answer once it has an account.
    "business": {
        "id": ID,
        "name": S(_l("Betrieb")),
        "street": S(_l("Straße")),
        "postcode": S(_l("Postleitzahl")),
        "quarter": S(_l("Stadtteil"), L.QUARTER_LABELS),
        "sector": S(_l("Branche"), L.SECTOR_LABELS),
        "headcount": S(_l("Beschäftigte")),
        "size": S(_l("Größe"), L.BUSINESS_SIZE_LABELS),
        "source": S(_l("wie der Betrieb zum Projekt kam"), L.BUSINESS_SOURCE_LABELS),
        "centre_id": Hidden("betreuendes Perspektivhaus"),
        "stage": S(_l("Stand der Zusammenarbeit"), L.BUSINESS_STAGE_LABELS),
        "employer_id": OWNER,
        "publish_consent_at": S(_l("einverstanden mit Veröffentlichung im Auftrag seit")),
        "publish_consent_by_id": Hidden("wer das Einverständnis festgehalten hat"),
        "notes": S(_l("Notizen des Projekts")),
        "stats_key": Hidden("Zufallsschlüssel für die Zählung"),
        "created_at": S(_l("angelegt am")),
        "last_contact_at": S(_l("letzter Kontakt")),
    },
    "business_contact_person": {
        "id": ID,
        "business_id": OWNER,
        "name": S(_l("Ansprechperson")),
        "role": S(_l("Funktion")),
        "phone": S(_l("Telefon")),
        "email": S(_l("E-Mail")),
        "created_at": S(_l("eingetragen am")),
    },
    "business_activity": {
        "id": ID,
        "business_id": OWNER,
        "kind": S(_l("Art des Kontakts"), L.CONTACT_KIND_LABELS),
        "contact_date": S(_l("am")),
        "by_id": Hidden("wer vom Projekt"),
        "topic": S(_l("Thema")),
        "result": S(_l("Ergebnis")),
        "next_step": S(_l("nächster Schritt")),
        "next_due": S(_l("fällig am")),
        "next_owner_id": Hidden("wer sich kümmert"),
        "next_done_at": S(_l("erledigt am")),
        "next_reminded_on": Hidden("wann zuletzt an den Schritt erinnert wurde"),
        "created_at": S(_l("festgehalten am")),
    },
    "business_need": {
        "id": ID,
        "business_id": OWNER,
        "activity_id": Hidden("Kontakt, bei dem der Bedarf notiert wurde"),
        "title": S(_l("Bedarf")),
        "description": S(_l("Beschreibung")),
        "skills": S(_l("Kenntnisse")),
        "german_level": S(_l("Deutsch")),
        "positions": S(_l("Anzahl")),
        "hours": S(_l("Arbeitszeit"), L.HOURS_LABELS),
        "start_date": S(_l("ab")),
        "status": S(_l("Stand"), L.NEED_STATUS_LABELS),
        "opening_id": Hidden("Stelle, die daraus wurde"),
        "created_at": S(_l("notiert am")),
        "version": VERSION,
    },
    # Found by the contact's e-mail address (no foreign key: a request comes before any account).
    "access_request": {
        "id": ID,
        "created_at": S(_l("gestellt am")),
        "name": S(_l("Betrieb")),
        "sector": S(_l("Branche"), L.SECTOR_LABELS),
        "street": S(_l("Straße")),
        "postcode": S(_l("Postleitzahl")),
        "contact_name": S(_l("Ansprechperson")),
        "phone": S(_l("Telefon")),
        "email": S(_l("E-Mail")),
        "message": S(_l("Nachricht")),
        "status": S(_l("Stand")),
        "decided_by_id": Hidden("wer in der Verwaltung entschieden hat"),
        "decided_at": S(_l("entschieden am")),
    },
    # Found by the recipient's address (mails go to accounts and contacts).
    "outbox_mail": {
        "id": ID,
        "created_at": S(_l("erstellt am")),
        "recipient": S(_l("an")),
        "subject": S(_l("Betreff")),
        "body": S(_l("Text")),
        "sent_at": S(_l("verschickt am")),
        "attempts": Hidden("Zahl der Versuche"),
        "last_error": Hidden("Fehlermeldung des Mailservers"),
    },
    # Names a person only by a random key or an id, never with their data.
    "event": {
        "id": ID,
        "occurred_at": S(_l("wann")),
        "kind": S(_l("was")),
        "centre_id": Hidden("Perspektivhaus (für die Zählung je Haus)"),
        "employer_id": Hidden("Betrieb der Stelle"),
        "opening_id": Hidden("Stelle"),
        "participant_key": Hidden("der Zufallsschlüssel der Person (refers to participant.stats_key)"),
        "business_key": Hidden("der Zufallsschlüssel eines Betriebs (refers to business.stats_key)"),
        "quarter": Hidden("Stadtteil (für die Zählung)"),
        "sector": Hidden("Branche (für die Zählung)"),
        "reason": S(_l("Grund oder Situation")),
        "data": Hidden("Merkmale für die Zählung (nie besondere Kategorien)"),
        "month": Hidden("Monat der Zählung"),
        "record_key": Hidden("Zufallszahl für den Schutz der veröffentlichten Zahlen"),
    },
    "audit_event": {
        "id": ID,
        "at": S(_l("wann")),
        "actor_id": Hidden("wer (als Rolle gezeigt)"),
        "actor_role": S(_l("Rolle")),
        "action": S(_l("was"), L.AUDIT_ACTION_LABELS),
        "object_type": Hidden("Art des Gegenstands"),
        "object_id": Hidden("Nummer des Gegenstands (refers to participant.id, introduction.id …)"),
    },
    "erasure": {
        "id": ID,
        "participant_id": Hidden("Nummer einer gelöschten Person, damit jeder Worker sie aus dem Matching-Index nimmt"),
        "register_key": Hidden("Zufallsschlüssel, damit eine Wiederherstellung die Person erneut löscht (nie in Ereignissen)"),
        "centre_id": Hidden("Perspektivhaus"),
        "reason": Hidden("Anlass: Antrag oder Aufbewahrungsfrist"),
        "erased_at": Hidden("Zeitpunkt der Löschung"),
        "index_seq": SEQ,
    },
    "vocabulary_proposal": {
        "id": ID,
        "term": Hidden("ein Wort des Wortschatzes, nie ein Bezug zu einer Person oder Stelle"),
        "term_key": Hidden("Schreibweise des Worts für den Vergleich"),
        "concept_id": Hidden("gemeinte Kompetenz"),
        "was_concept": Hidden("vorherige Lesart"),
        "was_how": Hidden("wie sicher die vorherige Lesart war"),
        "proposed_by_id": Hidden("wer vorgeschlagen hat (Verweis auf einen Zugang)"),
        "role": Hidden("Rolle der vorschlagenden Person"),
        "centre_id": Hidden("Perspektivhaus der vorschlagenden Person"),
        "created_at": Hidden("wann"),
        "status": Hidden("Stand des Vorschlags"),
        "decided_by_id": Hidden("wer entschieden hat (Verweis auf einen Zugang)"),
        "decided_at": Hidden("wann entschieden"),
    },
    "vocabulary_entry": NoPersonalData(
        "der eigene Wortschatz des Projekts: Wörter und Kompetenzen; wer ihn geändert hat, ist ein Verweis auf einen Zugang",
        ("id", "term", "term_key", "concept_id", "active", "reason", "created_by_id", "created_at", "index_seq"),
    ),
    "vocabulary_measurement": NoPersonalData("Messwerte des Matchers", ("id", "layer_seq", "import_id", "started_at", "progress", "finished_at", "result")),
    "vocabulary_import": NoPersonalData(
        "eine Wortschatz-Datei (Wörter und Kompetenzen); wer sie eingelesen hat, ist ein Verweis auf einen Zugang",
        ("id", "created_at", "created_by_id", "source", "entries", "status", "done", "added", "finished_at"),
    ),
    "matching_state": NoPersonalData("ein Zähler", ("id", "seq")),
    "research_extract": NoPersonalData(
        "Protokoll der Forschungsauszüge: wann, wie viele Zeilen, welche Schlüsselfassung (wer: als Verweis auf den Zugang)",
        ("id", "made_at", "made_by_id", "via", "key_version", "k", "persons", "episodes", "suppressed"),
    ),
    "project_setting": NoPersonalData(
        "Einstellungen der Projektleitung (wer sie zuletzt geändert hat, steht im Protokoll)", ("name", "value", "updated_at", "updated_by_id")
    ),
    "centre": NoPersonalData(
        "die beiden Perspektivhäuser (Adresse, Telefon und Öffnungszeiten der Häuser)",
        ("id", "slug", "name", "partner", "quarter", "address", "phone", "opening_hours"),
    ),
    "opening": NoPersonalData(
        "Stellen der Betriebe: Aufgaben, Bedingungen, Arbeitsort – keine Angaben zu Personen (das Formular sagt es)",
        (
            "id",
            "employer_id",
            "title",
            "description",
            "german_level",
            "hours",
            "hours_per_week",
            "driving_licence",
            "start_date",
            "place",
            "postcode",
            "quarter",
            "language_support",
            "training_on_job",
            "public",
            "status",
            "published_at",
            "expires_at",
            "expiry_reminder_at",
            "created_at",
            "updated_at",
            "version",
            "index_seq",
        ),
    ),
    "opening_skill": NoPersonalData(
        "die Kenntnisse einer Stelle", ("id", "opening_id", "kind", "is_must", "position", "term", "skill_id", "match_how", "confidence")
    ),
}


def _foreign_keys_to(table_name: str) -> list[tuple[Table, ForeignKey]]:
    return [(table, fk) for table in Base.metadata.sorted_tables for fk in table.foreign_keys if fk.column.table.name == table_name]


def owned_tables(subject: str) -> list[tuple[Table, str]]:
    """The tables whose rows belong to a person of ``subject``: a foreign key with ON DELETE CASCADE to the
    person's table – found in the schema, with the column that points there."""
    return [(table, fk.parent.name) for table, fk in _foreign_keys_to(SUBJECTS[subject]) if fk.ondelete == "CASCADE"]


def nested_links(subject: str) -> list[tuple[Table, str, Table, str]]:
    """Tables hanging (ON DELETE CASCADE) on a table that belongs to the person – a business's contacts hang on
    the business that belongs to a company – as (table, its column, the owned table, that table's owner column).
    They are part of the answer (``records_of`` joins them) and go with an erasure (the database deletes them)."""
    links = []
    for owned, owner in owned_tables(subject):
        for table, fk in _foreign_keys_to(owned.name):
            if fk.ondelete == "CASCADE" and table.name != SUBJECTS[subject]:
                links.append((table, fk.parent.name, owned, owner))
    return sorted(links, key=lambda link: link[0].name)


def nested_tables(subject: str) -> list[str]:
    return [table.name for table, _column, _owned, _owner in nested_links(subject)]


def references(subject: str) -> list[tuple[Table, str]]:
    """Columns of other tables that point at a person of ``subject`` without belonging to them."""
    root = SUBJECTS[subject]
    return [(table, fk.parent.name) for table, fk in _foreign_keys_to(root) if fk.ondelete != "CASCADE"]


def column_entry(table: str, column: str) -> Shown | Internal:
    entry = CATALOGUE[table]
    if isinstance(entry, NoPersonalData):
        return Internal(entry.reason)
    return entry[column]


def _plain(value: Any) -> Any:
    """A stored value as JSON: dates as ISO text, a photo as base64."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return b64encode(value).decode("ascii")
    return value


def rows_of(session: Session, table: Table, column: str, value: Any) -> list[dict[str, Any]]:
    """The rows of ``table`` whose ``column`` is ``value``, as JSON-ready dicts of the shown columns."""
    return rows_where(session, table, table.c[column] == value)


def rows_where(session: Session, table: Table, condition: Any) -> list[dict[str, Any]]:
    entry = CATALOGUE[table.name]
    shown = [c for c in table.columns if not isinstance(entry, NoPersonalData) and isinstance(entry[c.name], Shown)]
    order = [c for c in table.primary_key.columns]
    result = session.execute(select(*shown).where(condition).order_by(*order))
    return [{c.name: _plain(v) for c, v in zip(shown, row)} for row in result]


def records_of(session: Session, subject: str, subject_id: int) -> dict[str, list[dict[str, Any]]]:
    """Everything stored about one person of ``subject``: their own row and the rows of every table that belongs to them."""
    root = Base.metadata.tables[SUBJECTS[subject]]
    out = {root.name: rows_of(session, root, "id", subject_id)}
    for table, column in owned_tables(subject):
        out[table.name] = rows_of(session, table, column, subject_id)
    for table, column, owned, owner in nested_links(subject):
        out[table.name] = rows_where(session, table, table.c[column].in_(select(owned.c.id).where(owned.c[owner] == subject_id)))
    return out


def reference_counts(session: Session, subject: str, subject_id: int) -> dict[str, int]:
    """How often other records name the person (``table.column`` -> rows), e.g. consents a counsellor recorded."""
    counts = {}
    for table, column in references(subject):
        n = session.scalar(select(func.count()).select_from(table).where(table.c[column] == subject_id)) or 0
        if n:
            counts[f"{table.name}.{column}"] = n
    return counts


def erasure_summary(session: Session, subject: str, subject_id: int) -> list[tuple[object, int]]:
    """What an erasure deletes, table by table (its label and how many rows), from the same walk as the answer."""
    return [(TABLE_LABELS.get(name, name), len(rows)) for name, rows in records_of(session, subject, subject_id).items() if rows]


# -- shown as people read it ------------------------------------------------------------------


def _display(table: Table, name: str, value: Any, names: Mapping[tuple[str, int], str]) -> str:
    """One stored value as the Art. 15 page shows it: words for codes and yes/no, local dates, names for references."""
    from flask_babel import format_date, format_decimal

    from webapp.core.i18n import gettext as _
    from webapp.core.i18n import iso_datetime
    from webapp.suggestions.skills import skill_label

    entry = column_entry(table.name, name)
    if value is None or value in ("", [], {}):
        return "—"
    if isinstance(entry, Shown) and entry.codes is not None:
        return str(entry.codes.get(value, value))
    if isinstance(entry, Shown) and entry.month:
        return format_date(date.fromisoformat(f"{value}-01"), "MMMM yyyy")
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    column = table.c[name]
    for fk in column.foreign_keys:
        return names.get((fk.column.table.name, value), "—")
    if name == "skill_id" or name == "concept_id":
        return skill_label(value) or _("nicht erkannt")
    if name == "image":
        return _("ein Foto (%(kb)s KB, in der Datei zur Auskunft enthalten)", kb=format_decimal(round(len(value) * 3 / 4 / 1024, 1)))
    if name == "explanation":
        matched = [f"{m.get('required')} ← {m.get('by')}" for m in value.get("matched", [])]
        return ", ".join(matched) or "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return format_decimal(round(value, 2))
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return format_date(date.fromisoformat(value), "long")
    if isinstance(value, str) and len(value) > 10 and value[4] == "-" and "T" in value:
        return iso_datetime(value, "long")
    return str(value)


def _reference_names(session: Session, records: dict[str, list[dict[str, Any]]]) -> dict[tuple[str, int], str]:
    """Names of what the person's rows point to: accounts (name), centres, companies, openings (title and company)."""
    from models import Centre, Employer, Opening, User

    wanted: dict[str, set[int]] = {}
    for table_name, rows in records.items():
        table = Base.metadata.tables[table_name]
        for row in rows:
            for name, value in row.items():
                for fk in table.c[name].foreign_keys:
                    if value is not None:
                        wanted.setdefault(fk.column.table.name, set()).add(value)
    names: dict[tuple[str, int], str] = {}
    lookups = {"user_account": (User.id, User.name), "centre": (Centre.id, Centre.name), "employer": (Employer.id, Employer.name)}
    for kind, (key, label) in lookups.items():
        if wanted.get(kind):
            names.update({(kind, i): n for i, n in session.execute(select(key, label).where(key.in_(wanted[kind])))})
    if wanted.get("opening"):
        openings = session.execute(select(Opening.id, Opening.title, Employer.name).join(Employer).where(Opening.id.in_(wanted["opening"])))
        names.update({("opening", i): f"{title} ({company})" for i, title, company in openings})
    return names


def _label(table: str, name: str) -> object:
    entry = column_entry(table, name)
    return entry.label if isinstance(entry, Shown) else name


def sections(session: Session, records: dict[str, list[dict[str, Any]]]) -> list[tuple[object, list[list[tuple[object, str]]]]]:
    """The answer as the page shows it: per table its label and, per row, (label, value) of every shown column."""
    names = _reference_names(session, records)
    out = []
    for table_name, rows in records.items():
        table = Base.metadata.tables[table_name]
        shown = []
        for row in rows:
            shown.append([(_label(table_name, name), _display(table, name, value, names)) for name, value in row.items()])
        out.append((TABLE_LABELS.get(table_name, table_name), shown))
    return out


# -- accounts and company contacts ---------------------------------------------------------------


def _mails_to(session: Session, address: str) -> list[dict[str, Any]]:
    return rows_of(session, Base.metadata.tables["outbox_mail"], "recipient", address) if address else []


def account_answer(session: Session, user) -> dict[str, Any]:
    """Art. 15 for an account holder: the account and what belongs to it, mails to the address,
    what the person did (the audit log, without the data), and how often other records name them."""
    from models import AuditEvent

    records = records_of(session, "account", user.id)
    records["outbox_mail"] = _mails_to(session, user.email)
    actions = session.execute(
        select(AuditEvent.at, AuditEvent.action, AuditEvent.object_type).where(AuditEvent.actor_id == user.id).order_by(AuditEvent.at, AuditEvent.id)
    ).all()
    return {
        "records": records,
        "named_in_other_records": reference_counts(session, "account", user.id),
        "actions": [{"at": _plain(at), "action": action, "object": kind} for at, action, kind in actions],
    }


def company_answer(session: Session, employer) -> dict[str, Any]:
    """Art. 15 for the contact person of a company: the company's row with the contact data, the access
    requests and mails to the contact's address."""
    records = records_of(session, "company", employer.id)
    records["access_request"] = rows_of(session, Base.metadata.tables["access_request"], "email", employer.email) if employer.email else []
    records["outbox_mail"] = _mails_to(session, employer.email)
    return {"records": records, "named_in_other_records": reference_counts(session, "company", employer.id)}


def erase_account(session: Session, user) -> None:
    """Art. 17 for an account holder. The row stays (the audit log and the decisions taken point at it) but
    holds nothing about the person any more; what belongs to the account (sessions, links) goes with the
    database's CASCADE, mails to the address are deleted, and the account's participants have no
    responsible counsellor until the house names one."""
    from sqlalchemy import delete, update

    from models import AccountToken, LoginSession, OutboxMail, Participant
    from webapp.core.passwords import hash_password

    address = user.email
    session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))
    session.execute(delete(AccountToken).where(AccountToken.user_id == user.id))
    session.execute(delete(OutboxMail).where(OutboxMail.recipient == address))
    session.execute(update(Participant).where(Participant.counsellor_id == user.id).values(counsellor_id=None).execution_options(synchronize_session=False))
    user.name = str(_l("gelöschter Zugang"))
    user.email = f"geloescht-{user.id}@invalid.example"
    user.phone = ""
    user.password_hash = hash_password(secrets.token_urlsafe(32))  # nobody knows it: the account can never log in again
    user.totp_secret = user.totp_pending_secret = None
    user.totp_last_step = None
    user.active = False
    user.demo_password = False
    user.last_login_at = None


def erase_company_contact(session: Session, employer) -> None:
    """Art. 17 for a company's contact person: their name, phone and address on the company, their access
    requests and the mails to them. The company itself (a business, not a person) stays."""
    from sqlalchemy import delete

    from models import AccessRequest, OutboxMail

    if employer.email:
        session.execute(delete(AccessRequest).where(AccessRequest.email == employer.email))
        session.execute(delete(OutboxMail).where(OutboxMail.recipient == employer.email))
    employer.contact_name, employer.phone, employer.email = "", "", ""
