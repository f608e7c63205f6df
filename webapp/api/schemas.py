"""What the API sends and takes, as marshmallow schemas (flask-smorest writes the OpenAPI document from them).

Values are the stored codes (``german_level`` "A2", ``hours`` "part_time"); their German words are on the pages.
"""

from __future__ import annotations

import marshmallow as ma

from models.enums import CEFR_LEVELS, HOURS, OPENING_STATUSES, QUARTERS


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
    required_skills = ma.fields.Function(lambda o: [s.term for s in o.required_skills], dump_only=True)
    optional_skills = ma.fields.Function(lambda o: [s.term for s in o.optional_skills], dump_only=True)
    published_at = ma.fields.AwareDateTime(allow_none=True, dump_only=True)
    expires_at = ma.fields.AwareDateTime(allow_none=True, dump_only=True)
