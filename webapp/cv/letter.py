"""A cover-letter draft (Anschreiben) for one opening, for the counsellor to edit.

The draft only states facts of the profile: the entries the matcher paired with the
opening's requirements (in the profile's own words, with the job or certificate they come
from), the languages, a driving licence the opening asks for and the person has, the hours
both sides want and the start. A requirement the profile does not meet is never claimed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from models import CvEntry, Opening, Participant
from webapp.core.labels import language_name
from webapp.cv.content import CV_CEFR, HAGEN_QUARTERS, full_name, period, task_lines

HOURS_PHRASES = {"full_time": "in Vollzeit", "part_time": "in Teilzeit", "minijob": "auf Minijob-Basis"}
MAX_POINTS = 6


def _source(term: str, entries: list[CvEntry]) -> str:
    """Where ``term`` comes from in the CV: ``Berufserfahrung bei Lager Schmidt, 2019 – 2023``, else nothing."""
    wanted = term.casefold()
    for entry in entries:
        if entry.kind == "work" and wanted in (line.casefold() for line in task_lines(entry.details)):
            when = period(entry.started_on, entry.ended_on)
            return f"Berufserfahrung bei {entry.title}" + (f", {when}" if when else "")
        if entry.kind == "certificate" and wanted == entry.title.casefold():
            when = period(entry.started_on, entry.ended_on, ongoing=False)
            return f"Nachweis vom {when}" if when else "Nachweis"
    return ""


def points(p: Participant, explanation: dict[str, Any]) -> list[str]:
    """The profile's entries that meet the opening's requirements (required ones first), with their source."""
    matched = sorted(explanation.get("matched", []), key=lambda m: m.get("kind") != "required")
    terms = list(dict.fromkeys(m["by"] for m in matched if m.get("by")))
    if not terms:  # nothing paired: what the person can, as the profile says it
        terms = [s.term for s in p.skills]
    out = []
    for term in terms[:MAX_POINTS]:
        source = _source(term, p.cv)
        out.append(f"– {term} ({source})" if source else f"– {term}")
    return out


def _address(o: Opening) -> list[str]:
    employer = o.employer
    town = f"{employer.postcode} Hagen" if employer.quarter in HAGEN_QUARTERS else employer.postcode
    return [line for line in (employer.name, employer.contact_name, employer.street, town) if line]


def salutation(contact_name: str | None) -> str:
    """The letter's first line: to the contact person when the company named one (issue 25.7).

    „Frau …“ or „Herr …“ as the company wrote it gives the formal greeting; a name alone gives the
    greeting that needs no guess about the person („Guten Tag Petra Schmidt,“); no name: the general one."""
    name = " ".join((contact_name or "").split())
    if name.startswith("Frau ") and len(name) > 5:
        return f"Sehr geehrte {name},"
    if name.startswith("Herr ") and len(name) > 5:
        return f"Sehr geehrter {name},"
    if name:
        return f"Guten Tag {name},"
    return "Sehr geehrte Damen und Herren,"


def draft(p: Participant, o: Opening, explanation: dict[str, Any], today: date) -> str:
    """The draft as plain text, one paragraph per line (what the edit box and the Word file hold)."""
    name = full_name(p)
    identity = p.identity
    sender = [name] + ([identity.phone] if identity and identity.phone else []) + ([identity.email] if identity and identity.email else [])
    languages = [f"Deutsch – {CV_CEFR[p.german_level]} ({p.german_level})"]
    languages += [f"{language_name(lang.language, 'de')} ({lang.level})" for lang in p.languages]
    facts = ["Sprachen: " + ", ".join(languages) + "."]
    if o.driving_licence and o.driving_licence in (p.driving_licences or []):
        facts.append(f"Ich habe den Führerschein Klasse {o.driving_licence}.")
    start = f"ab dem {p.available_from:%d.%m.%Y}" if p.available_from and p.available_from > today else "sofort"
    if o.hours in p.hours:
        facts.append(f"Ich möchte {HOURS_PHRASES[o.hours]} arbeiten und kann {start} anfangen.")
    else:
        facts.append(f"Ich kann {start} anfangen.")
    lines = [
        *sender,
        "",
        *_address(o),
        "",
        f"Hagen, {today:%d.%m.%Y}",
        "",
        f"Bewerbung als {o.title}",
        "",
        salutation(o.employer.contact_name),
        "",
        f"ich bewerbe mich bei Ihnen um die Stelle „{o.title}“.",
        "",
        "Das bringe ich für die Stelle mit:",
        *points(p, explanation),
        "",
        *facts,
        "",
        "Über eine Einladung zu einem Vorstellungsgespräch freue ich mich.",
        "",
        "Mit freundlichen Grüßen",
        "",
        name,
    ]
    return "\n".join(lines)
