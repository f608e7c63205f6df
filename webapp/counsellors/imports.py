"""Checking the participant lists counsellors keep today (CSV or Excel), row by row.

Nothing here writes to the database: :func:`webapp.core.tables.read_table` turns a
file into rows (within its streaming limits), :func:`check_rows` turns rows into
profiles or row-by-row errors. The view imports all rows or none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from models.enums import CEFR_LEVELS, DRIVING_LICENCES, HOURS
from webapp.core.i18n import lazy_gettext as _l
from webapp.core.labels import LANGUAGE_CODES, language_name
from webapp.counsellors.operations import ProfileValues, problems
from webapp.suggestions.skills import split_terms

# What a column can hold, with the header words that usually name it.
TARGETS = {
    "first_name": (_l("Vorname"), ("vorname", "first name", "firstname", "rufname")),
    "last_name": (_l("Nachname"), ("nachname", "familienname", "last name", "surname")),
    # One column with the whole name ("Ana Lupu", or "Lupu, Ana"), when there are not two.
    "full_name": (_l("Name (Vor- und Nachname in einer Spalte)"), ("name", "vor- und nachname", "vollständiger name", "name, vorname", "full name")),
    "phone": (_l("Telefon"), ("telefon", "tel", "handy", "mobil", "phone")),
    "email": (_l("E-Mail"), ("e-mail", "email", "mail")),
    "skills": (_l("Kenntnisse"), ("kenntnisse", "fähigkeiten", "faehigkeiten", "skills", "kompetenzen", "erfahrung")),
    "german_level": (_l("Deutsch"), ("deutsch", "deutschniveau", "deutschkenntnisse", "sprachniveau deutsch", "german")),
    "languages": (_l("Weitere Sprachen"), ("sprachen", "weitere sprachen", "languages")),
    "hours": (_l("Arbeitszeit"), ("arbeitszeit", "stunden", "hours")),
    "available_from": (_l("Verfügbar ab"), ("verfügbar ab", "verfuegbar ab", "ab", "verfügbar", "available from")),
    "postcode": (_l("Postleitzahl"), ("plz", "postleitzahl", "postcode")),
    "driving_licences": (_l("Führerschein"), ("führerschein", "fuehrerschein", "fs", "driving licence")),
}
REQUIRED = ("first_name", "last_name", "german_level")  # first and last name may come from "full_name" instead


def missing_columns(mapping: dict[str, int | None]) -> list[str]:
    """The required targets no column is given for (a whole-name column stands for first and last name)."""
    names_given = mapping.get("full_name") is not None
    return [t for t in REQUIRED if mapping.get(t) is None and not (names_given and t in ("first_name", "last_name"))]


def split_name(whole: str) -> tuple[str, str]:
    """A whole name as (first, last): "Lupu, Ana" -> ("Ana", "Lupu"); "Ana Maria Lupu" -> ("Ana Maria", "Lupu")."""
    if "," in whole:
        last, first = whole.split(",", 1)
        return first.strip(), last.strip()
    words = whole.split()
    return (" ".join(words[:-1]), words[-1]) if len(words) > 1 else ("", whole.strip())


HOURS_WORDS = {
    "vollzeit": "full_time",
    "vz": "full_time",
    "full time": "full_time",
    "teilzeit": "part_time",
    "tz": "part_time",
    "part time": "part_time",
    "minijob": "minijob",
    "mini-job": "minijob",
    "450": "minijob",
    "520": "minijob",
    "538": "minijob",
}
# A file may name a language in German or English ("Rumänisch", "Romanian") or by its code.
LANGUAGE_NAMES = {language_name(code, lang).lower(): code for code in LANGUAGE_CODES for lang in ("de", "en")} | {code: code for code in LANGUAGE_CODES}


@dataclass
class CheckedRow:
    number: int  # the row number as the spreadsheet shows it
    values: ProfileValues | None = None
    errors: list[str] = field(default_factory=list)
    duplicate_of: str | None = None
    existing: str | None = None  # the code of the own house's person this row may be (then it can be merged)


@dataclass
class ImportPlan:
    """What an import will do with the checked rows, after the counsellor's choice for each possible duplicate
    (issue 25.11): create (``wanted``), add to the own house's person it names (``merged``), or skip."""

    wanted: list[CheckedRow]
    merged: list[CheckedRow]
    skipped: int

    @classmethod
    def of(cls, checked: list[CheckedRow], choices: Mapping[str, str]) -> ImportPlan:
        """``choices``: the form's ``doppelt_<row>`` answers – „neu“ creates the row anyway, „ergaenzen“ merges it into
        the person it may be; anything else (or nothing) skips it."""
        choice = {row.number: choices.get(f"doppelt_{row.number}") for row in checked if row.duplicate_of}
        wanted = [row for row in checked if not row.duplicate_of or choice[row.number] == "neu"]
        merged = [row for row in checked if row.existing and choice[row.number] == "ergaenzen"]
        return cls(wanted, merged, len(checked) - len(wanted) - len(merged))

    @property
    def empty(self) -> bool:
        return not self.wanted and not self.merged

    @staticmethod
    def values(rows: list[CheckedRow]) -> list[ProfileValues]:
        """The checked values of ``rows`` (a row with errors has none and is never imported)."""
        if any(row.values is None for row in rows):
            raise ValueError("a row with errors cannot be imported")
        return [row.values for row in rows if row.values is not None]


# The columns of the template offered for download, with one invented example row.
TEMPLATE_COLUMNS = (
    "first_name",
    "last_name",
    "phone",
    "email",
    "skills",
    "german_level",
    "languages",
    "hours",
    "available_from",
    "postcode",
    "driving_licences",
)
TEMPLATE_EXAMPLE = ("Ana", "Lupu", "0157 0000000", "", "Kasse, Regale einräumen", "A2", "Rumänisch C2", "Teilzeit", "01.02.2027", "58097", "B")


def template_rows() -> list[list[str]]:
    """Header (in the page's language, which the import also reads) and the example row."""
    return [[str(TARGETS[t][0]) for t in TEMPLATE_COLUMNS], list(TEMPLATE_EXAMPLE)]


def guess_mapping(header: list[str]) -> dict[str, int | None]:
    """Which column probably holds what, from the header words: a known word first, then a header
    that begins with one ("Deutschkenntnisse", "Telefonnummer"); each column is used once."""
    folded = [" ".join(h.strip().lower().replace("*", " ").split()) for h in header]
    mapping: dict[str, int | None] = dict.fromkeys(TARGETS)
    used: set[int] = set()
    for exact in (True, False):
        for target, (_label, words) in TARGETS.items():
            if mapping[target] is not None:
                continue
            for i, h in enumerate(folded):
                if i in used or not h:
                    continue
                if (h in words) if exact else any(len(w) >= 4 and h.startswith(w) for w in words):
                    mapping[target] = i
                    used.add(i)
                    break
    if mapping["first_name"] is not None and mapping["last_name"] is not None:
        mapping["full_name"] = None  # two name columns win over a whole-name one
    return mapping


# What a list says for "available now" in the start column.
NOW_WORDS = frozenset({"sofort", "ab sofort", "sofort verfügbar", "jetzt", "ab jetzt", "immediately", "now"})


def _date(text: str) -> date | None:
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def check_rows(rows: list[list[str]], mapping: dict[str, int | None], existing_names: dict[tuple[str, str], str]) -> list[CheckedRow]:
    """Every row as a profile, or with the reasons it cannot be imported (the profile form's rules, plus the reading of the cells)."""
    checked = []
    seen: dict[tuple[str, str], int] = {}
    for offset, row in enumerate(rows):

        def get(target: str, row: list[str] = row) -> str:
            column = mapping.get(target)
            return row[column].strip() if column is not None else ""

        out = CheckedRow(number=offset + 2)
        first, last = get("first_name"), get("last_name")
        if not (first or last) and get("full_name"):
            first, last = split_name(get("full_name"))
        values = ProfileValues(first_name=first, last_name=last, phone=get("phone"), email=get("email").lower(), skills=split_terms(get("skills")))
        level = get("german_level").upper().replace(" ", "")[:2]
        if level in CEFR_LEVELS:
            values.german_level = level
        else:
            # An error for this row, never a guess: the preview shows the cell as it is ("gut"), not a level.
            out.errors.append(str(_l("Deutschniveau „%(v)s“ ist keins von A1 bis C2", v=get("german_level"))))
            values.german_level = get("german_level")
        for part in re.split(r"[,;/]+", get("languages")):
            words = part.replace(":", " ").split()
            if not words:
                continue
            code = LANGUAGE_NAMES.get(words[0].lower())
            lvl = words[1].upper()[:2] if len(words) > 1 else ""
            if code is None or lvl not in CEFR_LEVELS:
                out.errors.append(str(_l("Sprache „%(v)s“ nicht verstanden (Beispiel: „Rumänisch C2“)", v=part.strip())))
            elif code != "de":
                values.languages[code] = lvl
        hours = set()
        for word in re.split(r"[,;/+]+| und ", get("hours").lower()):
            word = word.strip()
            if word:
                if word not in HOURS_WORDS:
                    out.errors.append(str(_l("Arbeitszeit „%(v)s“ nicht verstanden (Vollzeit, Teilzeit, Minijob)", v=word)))
                else:
                    hours.add(HOURS_WORDS[word])
        values.hours = [h for h in HOURS if h in hours]
        if get("available_from").casefold() in NOW_WORDS:
            values.available_from = None  # available now: no date, as the profile form keeps it
        elif get("available_from"):
            try:
                values.available_from = _date(get("available_from"))
            except ValueError:
                out.errors.append(str(_l("Datum „%(v)s“ nicht verstanden (TT.MM.JJJJ oder „sofort“)", v=get("available_from"))))
        values.postcode = get("postcode") or None
        licences = [x.strip().upper() for x in re.split(r"[,;/ ]+", get("driving_licences")) if x.strip()]
        bad = [x for x in licences if x not in DRIVING_LICENCES]
        if bad:
            out.errors.append(str(_l("Führerscheinklasse „%(v)s“ unbekannt", v=", ".join(bad))))
        values.driving_licences = sorted(set(licences) - set(bad))
        for name, messages in problems(values).items():
            if name == "german_level" and level not in CEFR_LEVELS:
                continue  # said above, with the cell's value
            label = TARGETS[name][0] if name in TARGETS else name
            out.errors.extend(f"{label}: {message}" for message in messages)
        out.values = values
        name_key = (values.first_name.casefold(), values.last_name.casefold())
        if all(name_key):
            if name_key in existing_names:
                out.duplicate_of = out.existing = existing_names[name_key]
            elif name_key in seen:
                out.duplicate_of = str(_l("Zeile %(n)d dieser Datei", n=seen[name_key]))
            seen.setdefault(name_key, out.number)
        checked.append(out)
    return checked
