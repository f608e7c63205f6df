"""Checking a list of businesses (e.g. from the city's business development), row by row.

:func:`webapp.core.tables.read_table` reads the file within the same streaming limits as the participant import;
:func:`check_rows` turns its rows into businesses or row-by-row errors and marks possible duplicates – a business
the project knows already, or one further up in the list, with the same name and address (case, spaces,
punctuation and "Straße"/"Str." aside); :func:`preview` is what the preview page shows.
:func:`webapp.businesses.operations.import_businesses` imports every row or none.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from models.businesses import size_class
from models.enums import SECTORS
from webapp.core.i18n import lazy_gettext as _l
from webapp.core.labels import SECTOR_LABELS
from webapp.core.tables import column_mapping

# What a column can hold, with the header words that usually name it.
TARGETS = {
    "name": (_l("Name des Betriebs"), ("name", "betrieb", "firma", "unternehmen", "name des betriebs", "firmenname")),
    "street": (_l("Straße und Hausnummer"), ("straße", "strasse", "adresse", "anschrift", "straße und hausnummer", "street")),
    "postcode": (_l("Postleitzahl"), ("plz", "postleitzahl", "postcode")),
    "sector": (_l("Branche"), ("branche", "wirtschaftszweig", "sector")),
    "headcount": (_l("Beschäftigte"), ("beschäftigte", "beschaeftigte", "mitarbeitende", "mitarbeiter", "anzahl beschäftigte", "employees")),
    "contact_name": (_l("Ansprechperson"), ("ansprechperson", "ansprechpartner", "ansprechpartnerin", "kontakt", "inhaber", "inhaberin")),
    "contact_role": (_l("Funktion"), ("funktion", "rolle", "position")),
    "phone": (_l("Telefon"), ("telefon", "tel", "phone")),
    "email": (_l("E-Mail"), ("e-mail", "email", "mail")),
}
REQUIRED = ("name", "postcode", "sector")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _plain(text: str) -> str:
    """Text as compared for duplicates: lower case, no accents' variants, no punctuation, "straße" as "str"."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("straße", "str").replace("strasse", "str")
    return re.sub(r"[\W_]+", "", text)


def duplicate_key(name: str, street: str, postcode: str) -> tuple[str, str]:
    return (_plain(name), _plain(street) + postcode.strip())


def _sector_words() -> dict[str, str]:
    words = {code: code for code in SECTORS}
    for code, label in SECTOR_LABELS.items():
        words[str(label).casefold()] = code
    # the words of business-development lists
    words.update({"einzelhandel": "retail", "handel": "retail", "gastronomie": "restaurant", "handwerk": "crafts", "pflege": "care", "reinigung": "cleaning"})
    words.update({"friseur": "hairdresser", "bäcker": "bakery", "bäckerei": "bakery", "kfz": "car_repair", "kiosk": "kiosk", "logistik": "logistics"})
    return words


@dataclass
class CheckedBusiness:
    number: int  # the row number as the spreadsheet shows it
    name: str = ""  # as the list has it (also for a row with errors)
    address: str = ""  # street and postcode as the list has them (also for a row with errors)
    sector_text: str = ""  # the sector as the list writes it
    values: dict[str, Any] = field(default_factory=dict)
    contact: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    duplicate_of: str | None = None


@dataclass
class Preview:
    """What the preview of an uploaded list shows: the columns as assigned, the required ones missing, every row checked."""

    mapping: dict[str, int | None]
    missing: list[str]  # the labels of the required columns no column is assigned to
    checked: list[CheckedBusiness]

    @property
    def errors(self) -> int:
        return sum(1 for row in self.checked if row.errors)

    @property
    def duplicates(self) -> int:
        return sum(1 for row in self.checked if row.duplicate_of)

    @property
    def blocked(self) -> bool:
        """Whether nothing may be imported: a required column or a row is wrong, or there is no row."""
        return bool(self.missing or self.errors or not self.checked)

    def wanted(self, choices: Mapping[str, str]) -> list[CheckedBusiness]:
        """The rows to import: all but the possible duplicates the person did not mark as new ("doppelt_<row>": "neu")."""
        return [row for row in self.checked if not row.duplicate_of or choices.get(f"doppelt_{row.number}") == "neu"]


def preview(header: list[str], rows: list[list[str]], chosen: Mapping[str, str] | None, known: Mapping[tuple[str, str], str]) -> Preview:
    """The preview of a list: its columns (as guessed, or as ``chosen`` in the form) and its rows checked against
    the businesses the project ``known``s (:func:`duplicate_key` of each, with its name)."""
    mapping = column_mapping(header, TARGETS, guess_mapping(header), chosen)
    missing = [str(TARGETS[t][0]) for t in missing_columns(mapping)]
    return Preview(mapping, missing, check_rows(rows, mapping, known) if not missing else [])


def guess_mapping(header: list[str]) -> dict[str, int | None]:
    words = [h.strip().casefold() for h in header]
    mapping: dict[str, int | None] = {}
    for target, (_label, known) in TARGETS.items():
        mapping[target] = next((i for i, w in enumerate(words) if w in known), None)
    return mapping


def missing_columns(mapping: Mapping[str, int | None]) -> list[str]:
    return [t for t in REQUIRED if mapping.get(t) is None]


def check_rows(rows: list[list[str]], mapping: Mapping[str, int | None], known: Mapping[tuple[str, str], str]) -> list[CheckedBusiness]:
    """Every row as a business (or its errors); ``known``: the duplicate keys of the businesses already there, with
    their names. Nothing is guessed: a value that is not understood is an error of its row."""
    sectors = _sector_words()
    seen: dict[tuple[str, str], int] = {}
    out = []
    for number, row in enumerate(rows, start=2):

        def get(target: str, row: list[str] = row) -> str:
            column = mapping.get(target)
            return row[column].strip() if column is not None and column < len(row) else ""

        name, street, postcode = get("name"), get("street"), get("postcode")
        sector_text = get("sector")
        checked = CheckedBusiness(number, name=name, address=", ".join(part for part in (street, postcode) if part), sector_text=sector_text)
        if not name:
            checked.errors.append(str(_l("Der Name des Betriebs fehlt.")))
        elif len(name) > 160:
            checked.errors.append(str(_l("Der Name ist länger als 160 Zeichen.")))
        if not re.fullmatch(r"\d{5}", postcode):
            checked.errors.append(str(_l("„%(v)s“ ist keine Postleitzahl (fünf Ziffern).", v=postcode)) if postcode else str(_l("Die Postleitzahl fehlt.")))
        if len(street) > 160:
            checked.errors.append(str(_l("Die Straße ist länger als 160 Zeichen.")))
        sector = sectors.get(sector_text.casefold())
        if sector is None:
            checked.errors.append(
                str(_l("Die Branche „%(v)s“ ist unbekannt. Möglich: %(list)s.", v=sector_text, list=", ".join(str(label) for label in SECTOR_LABELS.values())))
            )
        headcount_text = get("headcount")
        headcount: int | None = None
        if headcount_text:
            if headcount_text.isdigit() and int(headcount_text) <= 100000:
                headcount = int(headcount_text)
            else:
                checked.errors.append(str(_l("„%(v)s“ ist keine Zahl von Beschäftigten.", v=headcount_text)))
        email = get("email").casefold()
        if email and not _EMAIL.match(email):
            checked.errors.append(str(_l("„%(v)s“ ist keine gültige E-Mail-Adresse.", v=email)))
        contact_name = get("contact_name")
        if len(contact_name) > 160 or len(get("phone")) > 40 or len(get("contact_role")) > 80:
            checked.errors.append(str(_l("Ansprechperson, Funktion oder Telefon sind zu lang.")))
        if (get("phone") or email or get("contact_role")) and not contact_name:
            checked.errors.append(str(_l("Zu Telefon oder E-Mail fehlt der Name der Ansprechperson.")))
        if not checked.errors:
            checked.values = {
                "name": name,
                "street": street,
                "postcode": postcode,
                "sector": sector,
                "headcount": headcount,
                "size": size_class(headcount),
                "source": "city_list",
            }
            if contact_name:
                checked.contact = {"name": contact_name, "role": get("contact_role"), "phone": get("phone"), "email": email}
        key = duplicate_key(name, street, postcode)
        if name and key in known:
            checked.duplicate_of = known[key]
        elif name and key in seen:
            checked.duplicate_of = str(_l("Zeile %(n)d dieser Liste", n=seen[key]))
        seen.setdefault(key, number)
        out.append(checked)
    return out
