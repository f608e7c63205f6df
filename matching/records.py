"""The interchange records (JSON Lines) for profiles and openings, validated.

profile: {"id": str, "skills": [str], "languages": {"de": "A2", "ro": "C2"},
          "hours": ["full_time" | "part_time" | "minijob"], "driving_licences": ["B"],
          "available_from": "YYYY-MM-DD"?, "postcode": str?}
opening: {"id": str, "title": str, "required_skills": [str], "optional_skills": [str],
          "german_level": "A1".."C2", "hours": "full_time" | "part_time" | "minijob",
          "driving_licence": str | null, "start": "YYYY-MM-DD"?, "postcode": str?,
          "description": str?}

Extensions (optional): opening "must_skills" (required terms without which a
profile is not eligible) and "language_support" (the employer helps with
German, so one CEFR level less is accepted); profile and opening "readings"
({term: concept id or null}): the reading a person chose for a term of this
record, or null for "its own thing" (the normaliser does not guess it).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal, TypeVar, overload

from .text import key

CEFR = ("A1", "A2", "B1", "B2", "C1", "C2")
HOURS = ("full_time", "part_time", "minijob")
LICENCES = ("AM", "A1", "A2", "A", "B", "BE", "C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE", "L", "T")

# Which licence classes a licence includes (German Fahrerlaubnis rules, simplified).
LICENCE_INCLUDES: dict[str, tuple[str, ...]] = {
    "AM": ("AM",),
    "A1": ("A1", "AM"),
    "A2": ("A2", "A1", "AM"),
    "A": ("A", "A2", "A1", "AM"),
    "B": ("B", "AM", "L"),
    "BE": ("BE", "B", "AM", "L"),
    "C1": ("C1", "B", "AM", "L"),
    "C1E": ("C1E", "C1", "BE", "B", "AM", "L"),
    "C": ("C", "C1", "B", "AM", "L"),
    "CE": ("CE", "C", "C1E", "C1", "BE", "B", "AM", "L", "T"),
    "D1": ("D1", "B", "AM", "L"),
    "D1E": ("D1E", "D1", "BE", "B", "AM", "L"),
    "D": ("D", "D1", "B", "AM", "L"),
    "DE": ("DE", "D", "D1E", "D1", "BE", "B", "AM", "L"),
    "L": ("L",),
    "T": ("T", "L"),
}


class RecordError(ValueError):
    """A record that does not follow the interchange format; the message says what is wrong."""


@dataclass(frozen=True)
class Profile:
    id: str
    skills: tuple[str, ...] = ()
    languages: dict[str, str] = field(default_factory=dict)
    hours: tuple[str, ...] = ()
    driving_licences: tuple[str, ...] = ()
    available_from: date | None = None
    postcode: str | None = None
    readings: dict[str, str | None] = field(default_factory=dict)  # term key -> concept id, or None: "its own thing"

    @property
    def german_level(self) -> str | None:
        return self.languages.get("de")


@dataclass(frozen=True)
class Opening:
    id: str
    title: str = ""
    required_skills: tuple[str, ...] = ()
    optional_skills: tuple[str, ...] = ()
    german_level: str = "A1"
    hours: str = "full_time"
    driving_licence: str | None = None
    start: date | None = None
    postcode: str | None = None
    description: str = ""
    must_skills: tuple[str, ...] = ()
    language_support: bool = False
    readings: dict[str, str | None] = field(default_factory=dict)  # term key -> concept id, or None: "its own thing"


def _str(data: dict, name: str, required: bool = False) -> str | None:
    value = data.get(name)
    if value is None:
        if required:
            raise RecordError(f'"{name}" is missing')
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise RecordError(f'"{name}" must be a non-empty string' if required else f'"{name}" must be a string')
    return value.strip()


def _str_list(data: dict, name: str) -> tuple[str, ...]:
    value = data.get(name, [])
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RecordError(f'"{name}" must be a list of strings')
    return tuple(v.strip() for v in value if v.strip())


def _date(data: dict, name: str) -> date | None:
    value = data.get(name)
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise RecordError(f'"{name}" must be a date written YYYY-MM-DD')
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RecordError(f'"{name}" must be a date written YYYY-MM-DD, not {value!r}') from None


def _level(value: Any, what: str) -> str:
    if not isinstance(value, str) or value.strip().upper() not in CEFR:
        raise RecordError(f"{what} must be one of {', '.join(CEFR)}, not {value!r}")
    return value.strip().upper()


def _licence(value: Any, what: str) -> str:
    if not isinstance(value, str) or value.strip().upper() not in LICENCES:
        raise RecordError(f"{what} must be one of {', '.join(LICENCES)}, not {value!r}")
    return value.strip().upper()


def _readings(data: dict) -> dict[str, str | None]:
    value = data.get("readings") or {}
    if not isinstance(value, dict) or not all(isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in value.items()):
        raise RecordError('"readings" must be an object like {"Spüli": "<concept id>", "Kommi": null}')
    return {key(term): concept for term, concept in value.items() if key(term)}


def _id(data: dict) -> str:
    value = data.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or not value.strip():
        raise RecordError('"id" is missing' if value is None else '"id" must be a non-empty string')
    return value.strip()


def profile_from_dict(data: Any) -> Profile:
    """Validate one profile record."""
    if not isinstance(data, dict):
        raise RecordError("a profile must be a JSON object")
    languages_raw = data.get("languages") or {}
    if not isinstance(languages_raw, dict):
        raise RecordError('"languages" must be an object like {"de": "A2"}')
    languages = {str(lang).strip().lower(): _level(level, f'the level of language "{lang}"') for lang, level in languages_raw.items()}
    hours = _str_list(data, "hours")
    for h in hours:
        if h not in HOURS:
            raise RecordError(f'"hours" may contain {", ".join(HOURS)}, not {h!r}')
    licences = tuple(_licence(v, '"driving_licences"') for v in _str_list(data, "driving_licences"))
    return Profile(
        id=_id(data),
        skills=_str_list(data, "skills"),
        languages=languages,
        hours=hours,
        driving_licences=licences,
        available_from=_date(data, "available_from"),
        postcode=_str(data, "postcode"),
        readings=_readings(data),
    )


def opening_from_dict(data: Any) -> Opening:
    """Validate one opening record."""
    if not isinstance(data, dict):
        raise RecordError("an opening must be a JSON object")
    if "german_level" not in data:
        raise RecordError('"german_level" is missing')
    hours = data.get("hours")
    if hours not in HOURS:
        raise RecordError(f'"hours" must be one of {", ".join(HOURS)}, not {hours!r}')
    licence = data.get("driving_licence")
    required = _str_list(data, "required_skills")
    must = _str_list(data, "must_skills")
    for term in must:
        if term not in required:
            raise RecordError(f'"must_skills" may only name required skills; {term!r} is not in "required_skills"')
    support = data.get("language_support", False)
    if not isinstance(support, bool):
        raise RecordError('"language_support" must be true or false')
    return Opening(
        id=_id(data),
        title=_str(data, "title") or "",
        required_skills=required,
        optional_skills=_str_list(data, "optional_skills"),
        german_level=_level(data["german_level"], '"german_level"'),
        hours=hours,
        driving_licence=None if licence in (None, "") else _licence(licence, '"driving_licence"'),
        start=_date(data, "start"),
        postcode=_str(data, "postcode"),
        description=_str(data, "description") or "",
        must_skills=must,
        language_support=support,
        readings=_readings(data),
    )


_Record = TypeVar("_Record", "Profile", "Opening")


@overload
def read_jsonl(path: str | Path, kind: Literal["profile"]) -> Iterator[Profile]: ...
@overload
def read_jsonl(path: str | Path, kind: Literal["opening"]) -> Iterator[Opening]: ...
def read_jsonl(path: str | Path, kind: Literal["profile", "opening"]) -> Iterator[Profile] | Iterator[Opening]:
    """Read profiles or openings; a bad line raises RecordError naming the file and line."""
    if kind == "profile":
        return _read(path, profile_from_dict)
    return _read(path, opening_from_dict)


def _read(path: str | Path, parse: Callable[[dict], _Record]) -> Iterator[_Record]:
    seen: set[str] = set()
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise RecordError(f"{path}, line {number}: not valid JSON ({exc.msg})") from None
            try:
                record = parse(data)
            except RecordError as exc:
                raise RecordError(f"{path}, line {number}: {exc}") from None
            if record.id in seen:
                raise RecordError(f"{path}, line {number}: the id {record.id!r} appears twice")
            seen.add(record.id)
            yield record
