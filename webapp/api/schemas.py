"""What the API sends and takes, as marshmallow schemas (flask-smorest writes the OpenAPI document from them).

Values are the stored codes (``german_level`` "A2", ``hours`` "part_time"); their German words are on the pages.
"""

from __future__ import annotations

import dataclasses
import re

import marshmallow as ma
from flask_babel import format_decimal
from webargs.flaskparser import FlaskParser, abort

from models.enums import CEFR_LEVELS, DRIVING_LICENCES, HOURS, OPENING_STATUSES, QUARTERS, SECTORS
from webapp.core.i18n import lazy_gettext as _l
from webapp.suggestions.skills import MAX_AD_LINES, MAX_TERM_LENGTH, MAX_TERMS, in_force, skill_label, split_terms

# marshmallow's messages, as a person reads them (the API's callers get German, or English when they ask).
_MESSAGES = {
    "Missing data for required field.": _l("Diese Angabe fehlt."),
    "Unknown field.": _l("Dieses Feld gibt es nicht."),
    "Field may not be null.": _l("Dieses Feld darf nicht leer (null) sein."),
    "Not a valid string.": _l("Bitte als Text senden."),
    "Not a valid integer.": _l("Bitte eine ganze Zahl senden."),
    "Not a valid boolean.": _l("Bitte true oder false senden."),
    "Not a valid date.": _l("Bitte ein Datum als JJJJ-MM-TT senden."),
    "Not a valid list.": _l("Bitte eine Liste senden."),
    "Invalid input type.": _l("Bitte ein JSON-Objekt senden."),
    "String does not match expected pattern.": _l("Diese Angabe hat nicht die erwartete Form."),
}
_PATTERNS = (
    (re.compile(r"Must be one of: (.*)\."), _l("Erlaubt ist nur: %(values)s."), ("values",)),
    (re.compile(r"Must be greater than or equal to (\d+) and less than or equal to (\d+)\."), _l("Erlaubt sind %(low)s bis %(high)s."), ("low", "high")),
    (re.compile(r"Must be greater than or equal to (\d+)\."), _l("Mindestens %(low)s."), ("low",)),
    (re.compile(r"Longer than maximum length (\d+)\."), _l("Höchstens %(high)s Zeichen."), ("high",)),
    (re.compile(r"Shorter than minimum length (\d+)\."), _l("Mindestens %(low)s Zeichen oder Einträge."), ("low",)),
    (re.compile(r"Length must be between (\d+) and (\d+)\."), _l("Erlaubt sind %(low)s bis %(high)s Zeichen oder Einträge."), ("low", "high")),
)


def german(messages):
    """marshmallow's error messages (nested per location and field) in the request's language."""
    if isinstance(messages, dict):
        return {key: german(value) for key, value in messages.items()}
    if isinstance(messages, list):
        return [german(m) for m in messages]
    text = str(messages)
    if text in _MESSAGES:
        return str(_MESSAGES[text])
    for pattern, message, names in _PATTERNS:
        found = pattern.fullmatch(text)
        if found:
            # Numbers as a person reads them in the request's language ("10.000", not "10000").
            values = [format_decimal(int(v)) if v.isdigit() else v for v in found.groups()]
            return str(message) % dict(zip(names, values, strict=True))
    return text


class GermanParser(FlaskParser):
    """webargs as flask-smorest uses it, with the field errors in the caller's language (webapp.core.errors turns
    the 422 into problem+json)."""

    def handle_error(self, error, req, schema, *, error_status_code, error_headers):
        abort(error_status_code or self.DEFAULT_VALIDATION_STATUS, exc=error, messages=german(error.messages), schema=schema, headers=error_headers)


class ProblemSchema(ma.Schema):
    """An error (RFC 9457 ``application/problem+json``)."""

    type = ma.fields.String()
    title = ma.fields.String(metadata={"description": "was los ist, auf Deutsch (englisch mit Accept-Language: en)"})
    status = ma.fields.Integer()
    detail = ma.fields.String()
    errors = ma.fields.Dict(metadata={"description": "je Ort (json, query) und Feld, was nicht stimmt"})


class OpeningSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    title = ma.fields.String(metadata={"description": "Titel der Stelle"})
    description = ma.fields.String(metadata={"description": "Aufgaben und was den Betrieb ausmacht"})
    status = ma.fields.String(dump_only=True, metadata={"enum": list(OPENING_STATUSES)})
    employer = ma.fields.Function(lambda o: o.employer.name, dump_only=True, metadata={"description": "der Betrieb"})
    german_level = ma.fields.String(metadata={"enum": list(CEFR_LEVELS), "description": "nötiges Deutsch (GER)"})
    hours = ma.fields.String(metadata={"enum": list(HOURS)})
    hours_per_week = ma.fields.Integer(allow_none=True)
    start_date = ma.fields.Date(allow_none=True)
    place = ma.fields.String()
    postcode = ma.fields.String(allow_none=True)
    quarter = ma.fields.String(metadata={"enum": list(QUARTERS)})
    driving_licence = ma.fields.String(allow_none=True)
    public = ma.fields.Boolean(metadata={"description": "auf der öffentlichen Liste gezeigt (solange offen)"})
    required_skills = ma.fields.Function(lambda o: [s.term for s in o.required_skills], dump_only=True)
    optional_skills = ma.fields.Function(lambda o: [s.term for s in o.optional_skills], dump_only=True)
    published_at = ma.fields.AwareDateTime(allow_none=True, dump_only=True)
    expires_at = ma.fields.AwareDateTime(allow_none=True, dump_only=True)
    version = ma.fields.Integer(dump_only=True, metadata={"description": "der Stand der Stelle: beim Ändern mitschicken"})
    in_force = ma.fields.Function(
        lambda o: dataclasses.asdict(in_force(o)),
        dump_only=True,
        metadata={
            "type": "object",
            "description": "womit die Vorschläge rechnen: german_level und driving_licence wie eingetragen oder, wo eine "
            "verlangte Zeile mehr verlangt, wie diese Zeile („Deutsch B1 Voraussetzung“); german_line und licence_line: "
            "diese Zeile (sonst null)",
        },
    )


class UnderstoodSchema(ma.Schema):
    term = ma.fields.String(metadata={"description": "wie getippt"})
    kind = ma.fields.String(metadata={"enum": ["required", "optional"]})
    must = ma.fields.Boolean(attribute="is_must")
    skill = ma.fields.Function(
        lambda s: skill_label(s.skill_id, "de") if s.skill_id else None, metadata={"description": "als welche Kompetenz verstanden (oder null)"}
    )
    how = ma.fields.String(attribute="match_how", allow_none=True)


class OpeningDetailSchema(OpeningSchema):
    understood = ma.fields.List(ma.fields.Nested(UnderstoodSchema), attribute="skills", dump_only=True)


def _one_entry(value: str) -> None:
    """One list item is one entry as the page's form reads it (webapp.suggestions.skills.split_terms): no line break,
    and a comma or semicolon only before what merely says the entry is wished for or not needed („Staplerschein
    wäre gut, muss aber nicht“), so that what the API sends back can be sent again."""
    if "\n" in value or "\r" in value or not re.search(r"\w", value) or split_terms(value) != [" ".join(value.split())]:
        raise ma.ValidationError(
            str(_l("Ein Listeneintrag ist ein Begriff: mehrere bitte als eigene Einträge senden, nicht durch Komma oder Semikolon getrennt."))
        )


def _term() -> ma.fields.String:
    """One skill as typed: one list item is one entry (see _one_entry)."""
    return ma.fields.String(validate=[ma.validate.Length(1, MAX_TERM_LENGTH), _one_entry])


class OpeningInSchema(ma.Schema):
    """A new opening, as the page's form takes it (the same rules check it: webapp.employers.forms.OpeningForm; the
    limits stated here are the form's, so that the document tells a caller what will be refused)."""

    title = ma.fields.String(required=True, validate=[ma.validate.Length(1, 160), ma.validate.Regexp(r"\w")])
    description = ma.fields.String(load_default="", validate=ma.validate.Length(0, 4000))
    required_skills = ma.fields.List(
        _term(),
        required=True,
        validate=ma.validate.Length(1, MAX_AD_LINES),
        metadata={
            "description": f"was die Person können muss: höchstens {MAX_TERMS} Einträge zur Arbeit (Überschriften einer eingefügten Anzeige und was der Betrieb bietet, zählen nicht mit), {MAX_AD_LINES} Zeilen in allem"
        },
    )
    optional_skills = ma.fields.List(
        _term(),
        load_default=list,
        validate=ma.validate.Length(0, MAX_AD_LINES),
        metadata={"description": f"was schön wäre: dieselben Grenzen ({MAX_TERMS} zur Arbeit, {MAX_AD_LINES} in allem)"},
    )
    must_skill = ma.fields.String(
        load_default="",
        validate=ma.validate.Length(0, MAX_TERM_LENGTH),
        metadata={"description": "eine der Pflichtangaben, ohne die niemand vorgeschlagen wird"},
    )
    german_level = ma.fields.String(required=True, validate=ma.validate.OneOf(CEFR_LEVELS))
    language_support = ma.fields.Boolean(load_default=False)
    hours = ma.fields.String(required=True, validate=ma.validate.OneOf(HOURS))
    hours_per_week = ma.fields.Integer(allow_none=True, load_default=None, validate=ma.validate.Range(1, 48))
    driving_licence = ma.fields.String(allow_none=True, load_default=None, validate=ma.validate.OneOf(DRIVING_LICENCES))
    training_on_job = ma.fields.Boolean(load_default=False)
    start_date = ma.fields.Date(allow_none=True, load_default=None)
    place = ma.fields.String(load_default="", validate=ma.validate.Length(0, 200))
    postcode = ma.fields.String(required=True, validate=ma.validate.Regexp(r"^[0-9]{5}$"))
    public = ma.fields.Boolean(load_default=False, metadata={"description": "auch auf der öffentlichen Liste „Stellen im Quartier“ zeigen"})
    publish = ma.fields.Boolean(load_default=False, metadata={"description": "gleich veröffentlichen statt als Entwurf speichern"})

    def as_form_data(self, data: dict) -> dict:
        """The values as the page's form would send them."""
        flags = {name: "y" for name in ("language_support", "training_on_job", "public") if data[name]}
        return {
            **{name: data[name] for name in ("title", "description", "must_skill", "german_level", "hours", "place", "postcode")},
            "required_skills": "\n".join(data["required_skills"]),
            "optional_skills": "\n".join(data["optional_skills"]),
            "hours_per_week": "" if data["hours_per_week"] is None else str(data["hours_per_week"]),
            "driving_licence": data["driving_licence"] or "",
            "start_date": data["start_date"].isoformat() if data["start_date"] else "",
            **flags,
        }


class OpeningUpdateSchema(OpeningInSchema):
    """An opening changed as a whole (the same fields), with the ``version`` it was read at: when somebody changed it
    meanwhile, the change is refused (409) instead of overwriting theirs."""

    version = ma.fields.Integer(required=True, validate=ma.validate.Range(1, 2_000_000_000))


class StatusChangeSchema(ma.Schema):
    action = ma.fields.String(required=True, validate=ma.validate.OneOf(("publish", "pause", "fill", "close")))


MAX_PAGE = 10_000


class PageQuerySchema(ma.Schema):
    """Which page of a list (the total comes in the ``X-Total-Count`` header)."""

    page = ma.fields.Integer(load_default=1, validate=ma.validate.Range(1, MAX_PAGE))
    page_size = ma.fields.Integer(load_default=20, validate=ma.validate.Range(1, 100))


PAGE_HEADERS = {"X-Total-Count": {"description": "wie viele es insgesamt sind", "schema": {"type": "integer", "minimum": 0}}}


class SuggestionQuerySchema(ma.Schema):
    minimum = ma.fields.Integer(load_default=25, validate=ma.validate.Range(0, 100), metadata={"description": "mindestens so viele Punkte (0–100)"})
    weak = ma.fields.Boolean(load_default=False, metadata={"description": "auch die schwächeren zeigen"})
    page = ma.fields.Integer(load_default=1, validate=ma.validate.Range(1, MAX_PAGE))


class LanguageSchema(ma.Schema):
    language = ma.fields.String()
    level = ma.fields.String()


class SuggestionSchema(ma.Schema):
    """One suggested person as the page's card shows them: by code, never by name; the score with its explanation."""

    code = ma.fields.String(metadata={"description": "Kürzel der Person"})
    own_house = ma.fields.Boolean(metadata={"description": "betreut vom eigenen Perspektivhaus (nur dann kann man entscheiden)"})
    quarter = ma.fields.String()
    german_level = ma.fields.String()
    languages = ma.fields.List(ma.fields.Nested(LanguageSchema))
    score = ma.fields.Float(metadata={"description": "0 bis 1"})
    decided = ma.fields.String(allow_none=True, metadata={"description": "schon entschieden: der Stand der Vorstellung"})
    explanation = ma.fields.Dict(metadata={"description": "woraus der Wert entsteht: Treffer, Fehlendes, Bedingungen"})


class DecisionInSchema(ma.Schema):
    """A counsellor's decision about one suggested person of the own house (the page's rules check it)."""

    code = ma.fields.String(required=True, validate=ma.validate.Length(1, 20), metadata={"description": "Kürzel der Person"})
    approve = ma.fields.Boolean(required=True, metadata={"description": "true: dem Betrieb vorstellen; false: nicht vorstellen"})
    reason = ma.fields.String(load_default="", metadata={"description": "Grund einer Ablehnung (nötig bei approve=false)"})
    note = ma.fields.String(load_default="", metadata={"description": "Notiz (ohne Angaben zu Gesundheit, Herkunft, Religion)"})


class DecisionSchema(ma.Schema):
    introduction_id = ma.fields.Integer()
    code = ma.fields.String()
    status = ma.fields.String(metadata={"enum": ["approved", "rejected"]})


class StatisticsQuerySchema(ma.Schema):
    """The statistics page's own parameters (the same names, the same rules: webapp.stats.routes.request_scope)."""

    monat = ma.fields.String(validate=ma.validate.Regexp(r"^20[0-9]{2}-(0[1-9]|1[0-2])$"), metadata={"description": "JJJJ-MM (ohne: dieser Monat)"})
    zeitraum = ma.fields.String(validate=ma.validate.OneOf(("monat", "quartal", "jahr")), metadata={"description": "der Monat, sein Quartal oder Jahr"})
    bis = ma.fields.String(validate=ma.validate.Regexp(r"^20[0-9]{2}-(0[1-9]|1[0-2])$"), metadata={"description": "nur intern: bis zu diesem Monat"})
    haus = ma.fields.Integer(validate=ma.validate.Range(1, 1_000_000), metadata={"description": "ein Perspektivhaus (Projektleitung)"})
    stadtteil = ma.fields.String(validate=ma.validate.OneOf(QUARTERS))
    branche = ma.fields.String(validate=ma.validate.OneOf(SECTORS))
    ansicht = ma.fields.String(
        validate=ma.validate.OneOf(("intern",)), metadata={"description": "nur die Projektleitung: genaue Zahlen statt veröffentlichter"}
    )


class StatisticsSchema(ma.Schema):
    period = ma.fields.String(metadata={"description": "der Zeitraum, in Worten"})
    exact = ma.fields.Boolean(metadata={"description": "genaue Zahlen (intern); sonst zur Veröffentlichung geschützt"})
    figures = ma.fields.Dict(metadata={"description": "die Zahlen der Statistikseite (webapp/stats/definitions.py erklärt jede)"})
    esf = ma.fields.Dict(metadata={"description": "ESF-Plus-Indikatoren nach Geschlecht (nur die Projektleitung)"}, allow_none=True)


class ContactSchema(ma.Schema):
    name = ma.fields.String(metadata={"description": "die Beraterin oder der Berater"})
    centre = ma.fields.String(metadata={"description": "das Perspektivhaus"})
    phone = ma.fields.String()


class CandidateSchema(ma.Schema):
    """An introduced person as the company's page shows them: only what the person's consent in force allows."""

    introduction_id = ma.fields.Integer()
    status = ma.fields.String(metadata={"enum": ["approved", "interview", "hired", "not_hired"]})
    code = ma.fields.String(metadata={"description": "Kürzel der Person"})
    consent = ma.fields.String(allow_none=True, metadata={"description": "was die Person freigegeben hat (null: widerrufen – dann nur das Kürzel)"})
    ask = ma.fields.Nested(ContactSchema, metadata={"description": "wen der Betrieb anruft"})
    skills = ma.fields.List(ma.fields.String(), metadata={"description": "womit die Person zur Stelle passt"})
    all_skills = ma.fields.List(ma.fields.String())
    german = ma.fields.String()
    languages = ma.fields.List(ma.fields.Nested(LanguageSchema))
    available_from = ma.fields.Date(allow_none=True)
    hours = ma.fields.String(allow_none=True)
    first_name = ma.fields.String()
    last_name = ma.fields.String()
    phone = ma.fields.String()
    email = ma.fields.String()
    cv = ma.fields.Boolean(metadata={"description": "Lebenslauf freigegeben"})


class OutcomeInSchema(ma.Schema):
    outcome = ma.fields.String(required=True, validate=ma.validate.OneOf(("interview", "hired", "not_hired")))
    on = ma.fields.Date(allow_none=True, load_default=None, metadata={"description": "Tag des Gesprächs oder erster Arbeitstag (nötig dafür)"})
    reason = ma.fields.String(load_default="", metadata={"description": "Grund, wenn nicht eingestellt (nötig dafür)"})


class OutcomeSchema(ma.Schema):
    introduction_id = ma.fields.Integer()
    status = ma.fields.String()


class PublicQuerySchema(PageQuerySchema):
    stadtteil = ma.fields.String(validate=ma.validate.OneOf(QUARTERS))
    arbeitszeit = ma.fields.String(validate=ma.validate.OneOf(HOURS))
    branche = ma.fields.String(validate=ma.validate.OneOf(SECTORS))


class PublicOpeningSchema(ma.Schema):
    """An opening of the public list: what the page /stellen shows, and the same as a schema.org JobPosting."""

    id = ma.fields.Integer()
    title = ma.fields.String()
    description = ma.fields.String()
    employer = ma.fields.Function(lambda o: o.employer.name)
    sector = ma.fields.Function(lambda o: o.employer.sector, metadata={"enum": list(SECTORS)})
    quarter = ma.fields.String(metadata={"enum": list(QUARTERS)})
    hours = ma.fields.String(metadata={"enum": list(HOURS)})
    hours_per_week = ma.fields.Integer(allow_none=True)
    german_level = ma.fields.String(metadata={"enum": list(CEFR_LEVELS)})
    start_date = ma.fields.Date(allow_none=True)
    published_at = ma.fields.AwareDateTime(allow_none=True)
    expires_at = ma.fields.AwareDateTime(allow_none=True)
    required_skills = ma.fields.Function(lambda o: [s.term for s in o.required_skills])
    job_posting = ma.fields.Method("posting", metadata={"description": "dieselbe Stelle als schema.org JobPosting (JSON-LD)"})

    def posting(self, opening) -> dict:
        from flask import url_for

        from webapp.main.job_postings import job_posting

        return job_posting(opening, url_for("main.public_list", _external=True, _anchor=f"stelle-{opening.id}"))
