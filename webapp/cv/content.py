"""What a German Lebenslauf holds, in the usual tabular form: one place for its rules.

A CV is a German document whatever language the page is shown in, so its words are
German here (the shared labels are read under ``force_locale("de")``). Sections follow the
usual order – personal data, work experience, school and training, certificates and courses,
skills and languages, availability – each reverse chronological; an empty section is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from flask_babel import force_locale

from models import CvEntry, Participant
from webapp.core.labels import HOURS_LABELS, RECOGNITION_LABELS, language_name
from webapp.suggestions.skills import join_terms

# How a CEFR level is written in a German CV (with the level itself, which employers know).
CV_CEFR = {
    "A1": "Grundkenntnisse",
    "A2": "Grundkenntnisse",
    "B1": "gute Kenntnisse",
    "B2": "sehr gute Kenntnisse",
    "C1": "verhandlungssicher",
    "C2": "fließend wie Muttersprache",
}
HAGEN_QUARTERS = ("altenhagen", "wehringhausen")


@dataclass(frozen=True)
class Row:
    """One line of the table: when or what (left column); an entry's title (bold), plain text, details as a list."""

    when: str
    title: str = ""
    lines: tuple[str, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Cv:
    name: str
    personal: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    place_date: str
    photo: bytes | None = field(default=None, repr=False)


def month(d: date) -> str:
    return f"{d.month:02d}/{d.year}"


def period(started: date | None, ended: date | None, *, ongoing: bool = True) -> str:
    """``03/2021 – 08/2024``, ``seit 03/2021`` (no end: until today), ``08/2024`` or nothing."""
    if started and ended:
        return month(started) if (started.year, started.month) == (ended.year, ended.month) else f"{month(started)} – {month(ended)}"
    if started:
        return f"seit {month(started)}" if ongoing else month(started)
    return month(ended) if ended else ""


def newest_first(entries: list[CvEntry]) -> list[CvEntry]:
    """Reverse chronological: by start (else end), undated entries last, ties in the order entered."""
    dated = sorted((e for e in entries if e.started_on or e.ended_on), key=lambda e: (e.started_on or e.ended_on, e.id or 0), reverse=True)
    return dated + [e for e in entries if not (e.started_on or e.ended_on)]


# A Lebenslauf stays a few pages whatever was typed: at most MAX_ENTRIES entries (the form refuses more), the
# newest MAX_ROWS of each section, and MAX_LINES lines of tasks per entry.
MAX_ENTRIES = 25
MAX_ROWS = 12
MAX_LINES = 10


def task_lines(details: str) -> tuple[str, ...]:
    """A job's tasks as written, one per line (or separated by semicolons); at most MAX_LINES."""
    lines = tuple(line for line in (" ".join(raw.split()) for raw in re.split(r"[\n;]+", details or "")) if line)
    return lines if len(lines) <= MAX_LINES else (*lines[: MAX_LINES - 1], "…")


def language_line(code: str, level: str) -> str:
    name = "Deutsch" if code == "de" else language_name(code, "de")
    return f"{name} – {CV_CEFR[level]} ({level})"


def languages(p: Participant) -> tuple[str, ...]:
    return (language_line("de", p.german_level), *(language_line(lang.language, lang.level) for lang in p.languages))


def _title(entry: CvEntry) -> str:
    return f"{entry.title}, {entry.place}" if entry.place else entry.title


def _work(entries: list[CvEntry]) -> Section:
    return Section("Berufserfahrung", tuple(Row(period(e.started_on, e.ended_on), _title(e), task_lines(e.details)) for e in newest_first(entries)[:MAX_ROWS]))


def _education(entries: list[CvEntry]) -> Section:
    rows = []
    for e in newest_first(entries)[:MAX_ROWS]:
        lines = task_lines(e.details)
        if e.recognition:
            lines = (*lines, f"Im Ausland erworben – {RECOGNITION_LABELS[e.recognition]}")
        rows.append(Row(period(e.started_on, e.ended_on), _title(e), lines))
    return Section("Schule und Ausbildung", tuple(rows))


def _certificates(entries: list[CvEntry]) -> Section:
    return Section(
        "Weiterbildungen und Nachweise",
        tuple(Row(period(e.started_on, e.ended_on, ongoing=False), _title(e), task_lines(e.details)) for e in newest_first(entries)[:MAX_ROWS]),
    )


def _skills(p: Participant) -> Section:
    rows = []
    if p.skills:
        rows.append(Row("Kenntnisse", text=join_terms(s.term for s in p.skills)))
    rows.append(Row("Sprachen", lines=languages(p)))
    if p.driving_licences:
        rows.append(Row("Führerschein", text="Klasse " + ", ".join(p.driving_licences)))
    return Section("Kenntnisse und Sprachen", tuple(rows))


def _availability(p: Participant, today: date) -> Section:
    rows = []
    if p.hours:
        rows.append(Row("Arbeitszeit", text=", ".join(str(HOURS_LABELS[h]) for h in p.hours)))
    start = p.available_from
    rows.append(Row("Verfügbar ab", text=f"{start:%d.%m.%Y}" if start and start > today else "sofort"))
    return Section("Verfügbarkeit", tuple(rows))


def _personal(p: Participant) -> tuple[tuple[str, str], ...]:
    rows = []
    if p.postcode:
        rows.append(("Wohnort", f"{p.postcode} Hagen" if p.quarter in HAGEN_QUARTERS else p.postcode))
    identity = p.identity
    if identity is not None and identity.phone:
        rows.append(("Telefon", identity.phone))
    if identity is not None and identity.email:
        rows.append(("E-Mail", identity.email))
    return tuple(rows)


def full_name(p: Participant) -> str:
    identity = p.identity
    return f"{identity.first_name} {identity.last_name}".strip() if identity is not None else p.pseudonym


def build_cv(p: Participant, today: date) -> Cv:
    """The CV of ``p`` as content; ``pdf.render`` and ``word.render`` lay it out."""
    with force_locale("de"):
        by_kind: dict[str, list[CvEntry]] = {"work": [], "education": [], "certificate": []}
        for entry in p.cv:
            by_kind[entry.kind].append(entry)
        sections = [_work(by_kind["work"]), _education(by_kind["education"]), _certificates(by_kind["certificate"]), _skills(p), _availability(p, today)]
        return Cv(
            name=full_name(p),
            personal=_personal(p),
            sections=tuple(s for s in sections if s.rows),
            place_date=f"Hagen, {today:%d.%m.%Y}",
            photo=p.photo.image if p.photo is not None else None,
        )


def file_name(cv: Cv, kind: str, extension: str) -> str:
    """``Lebenslauf_Ioana_Popescu.pdf``: letters, digits and hyphens only (the download sends it UTF-8 encoded)."""
    stem = re.sub(r"[^\w-]+", "_", f"{kind} {cv.name}").strip("_")
    return f"{stem or kind}.{extension}"
