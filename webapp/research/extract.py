"""The pseudonymised research extract for the scientific evaluation (issue 29).

Who is in it: participants whose research consent (``ResearchConsent``) is in force when the extract is made.
Everybody else appears only in ``counts`` (entries per cohort, protected by the cell-key method).

What a row holds – nothing that names a person or lets one look them up:

* a **pseudonym**: HMAC-SHA256 of the person's random statistics key under the city's key
  (``KMU_RESEARCH_KEY``, never in the extract). The same key gives the same pseudonym in every extract, so
  evaluators can link yearly extracts; a new key (a new ``KMU_RESEARCH_KEY_VERSION``) gives new ones; without the
  key nobody can go back from a pseudonym to the person;
* **quasi-identifiers, coarsened**: cohort (calendar quarter of entry), quarter of the city, gender, age group,
  labour-market status and education at entry (ESF Plus categories), German level band (A, B, C);
* **episodes** with the number of whole months since entry, never a date: suggested (a counsellor decided about
  the person for an opening), introduction, interview, hire, not hired, exit (with the ESF Plus situation),
  six-month follow-up (in work or not);
* no names, no codes of the service, no postcodes, no free text, no dates finer than a month.

k-anonymity: every combination of the quasi-identifiers must occur at least ``k`` times (default 5). Where it
does not, the quasi-identifiers are generalised step by step for everybody (:data:`LADDER`), and the records still
in smaller groups are left out; the report says which steps were taken and how many were left out, and why.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import EsfRecord, Introduction, Participant
from models.research import ResearchConsent
from webapp.stats.disclosure import perturb
from webapp.stats.figures import Cell

QUASI_IDENTIFIERS = ("cohort", "quarter", "gender", "age_group", "labour_status", "education", "german_band")


# Global recoding, step by step and always for everybody, until at most MAX_SUPPRESSED of the records are in groups
# smaller than k: first what evaluators need least, and each attribute first into broader classes, only then away.
def _half_year(cohort: str) -> str:
    return cohort if len(cohort) != 7 else f"{cohort[:4]}-H{1 if cohort[-1] in '12' else 2}"


def _classes(**groups: tuple[str, ...]) -> Callable[[str], str]:
    return lambda value: next((name for name, members in groups.items() if value in members), value)


LADDER: tuple[tuple[str, str, Callable[[str], str]], ...] = (
    ("cohort", "Kohorte auf das Halbjahr vergröbert", _half_year),
    ("german_band", "Deutsch-Band zusammengefasst (*)", lambda _v: ANY),
    ("education", "Bildung in zwei Stufen (ISCED 0–2, ISCED 3–8)", _classes(isced_3_8=("isced_3_4", "isced_5_8"))),
    (
        "labour_status",
        "Erwerbsstatus in zwei Gruppen (arbeitslos, nicht arbeitslos)",
        _classes(unemployed_any=("unemployed", "long_term_unemployed"), not_unemployed=("inactive", "employed")),
    ),
    ("cohort", "Kohorte auf das Jahr vergröbert", lambda v: v[:4]),
    ("age_group", "Altersgruppe in zwei Gruppen (unter 30, ab 30)", _classes(under_30=("under_18", "18_29"), **{"30_plus": ("30_54", "55_plus")})),
    ("education", "Bildung zusammengefasst (*)", lambda _v: ANY),
    ("labour_status", "Erwerbsstatus zusammengefasst (*)", lambda _v: ANY),
    ("age_group", "Altersgruppe zusammengefasst (*)", lambda _v: ANY),
    ("gender", "Geschlecht zusammengefasst (*)", lambda _v: ANY),
)
MAX_SUPPRESSED = 0.1
ANY = "*"
EPISODES = ("entry", "suggested", "introduction", "interview", "hire", "not_hired", "exit", "follow_up")


class NoResearchKey(RuntimeError):
    """No key for the pseudonyms is configured: no extract is made."""


def pseudonym(key: str, stats_key: str) -> str:
    """The stable pseudonym of a person under ``key`` (keyed hash; 20 hex digits, 80 bits)."""
    return hmac.new(key.encode("utf-8"), stats_key.encode("utf-8"), hashlib.sha256).hexdigest()[:20]


def months_between(start: date, end: date) -> int:
    """Whole calendar months from ``start`` to ``end`` (0 in the same month)."""
    return (end.year - start.year) * 12 + end.month - start.month


def cohort_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def german_band(level: str | None) -> str:
    return level[0] if level else "unknown"


@dataclass
class Extract:
    persons: list[dict] = field(default_factory=list)
    episodes: list[dict] = field(default_factory=list)
    counts: list[dict] = field(default_factory=list)
    k: int = 5
    key_version: str = ""
    steps: list[str] = field(default_factory=list)  # the generalisations applied, in words
    suppressed: int = 0
    consenting: int = 0

    def report(self) -> str:
        """What was done to reach k-anonymity (German, for the evaluators and the project lead)."""
        lines = [
            "# Bericht zum Auszug",
            "",
            f"- Personen mit Einwilligung in die Begleitforschung: {self.consenting}",
            f"- im Auszug: {len(self.persons)} Personen, {len(self.episodes)} Episoden",
            f"- k-Anonymität: jede Kombination der Merkmale {', '.join(QUASI_IDENTIFIERS)} kommt mindestens {self.k}-mal vor.",
        ]
        lines += [f"- Vergröberung für alle: {step}" for step in self.steps] or ["- keine Vergröberung nötig"]
        lines.append(
            f"- weggelassen: {self.suppressed} Personen (mit ihren Episoden), weil ihre Merkmalskombination auch nach der Vergröberung "
            f"seltener als {self.k}-mal vorkam"
            if self.suppressed
            else "- weggelassen: niemand"
        )
        lines.append(f"- Schlüsselfassung der Pseudonyme: {self.key_version}")
        return "\n".join(lines) + "\n"


def _small(records: list[dict], k: int) -> int:
    groups = Counter(tuple(r[q] for q in QUASI_IDENTIFIERS) for r in records)
    return sum(n for n in groups.values() if n < k)


def anonymise(records: list[dict], k: int) -> tuple[list[dict], list[str], int]:
    """Generalise along :data:`LADDER` until at most :data:`MAX_SUPPRESSED` of the records sit in groups under ``k``,
    then leave those out. Returns the kept records, the steps taken and how many were left out."""
    steps: list[str] = []
    for name, words, coarser in LADDER:
        if _small(records, k) <= MAX_SUPPRESSED * len(records):
            break
        for r in records:
            if r[name] not in ("unknown", ANY):
                r[name] = coarser(r[name])
        steps.append(words)
    groups = Counter(tuple(r[q] for q in QUASI_IDENTIFIERS) for r in records)
    kept = [r for r in records if groups[tuple(r[q] for q in QUASI_IDENTIFIERS)] >= k]
    return kept, steps, len(records) - len(kept)


def build(session: Session, key: str, key_version: str, k: int = 5, today: date | None = None) -> Extract:
    """The extract as it stands now (nothing is written; the caller logs it)."""
    if not key:
        raise NoResearchKey("KMU_RESEARCH_KEY is not set")
    consenting = select(ResearchConsent.participant_id).where(ResearchConsent.withdrawn_at.is_(None))
    people = session.scalars(select(Participant).where(Participant.id.in_(consenting)).options(selectinload(Participant.esf)).order_by(Participant.id)).all()
    introductions: dict[int, list[Introduction]] = {}
    for intro in session.scalars(select(Introduction).where(Introduction.participant_id.in_([p.id for p in people]))):
        introductions.setdefault(intro.participant_id, []).append(intro)
    extract = Extract(k=k, key_version=key_version, consenting=len(people))
    records, episodes_of = [], {}
    for p in people:
        record: EsfRecord | None = p.esf
        entered = record.entered_on if record is not None else p.created_at.date()
        name = pseudonym(key, p.stats_key)
        row: dict[str, Any] = {
            "pseudonym": name,
            "cohort": cohort_of(entered),
            "quarter": p.quarter,
            "gender": (record.gender if record else None) or "unknown",
            "age_group": (record.age_group() if record else None) or "unknown",
            "labour_status": (record.labour_status if record else None) or "unknown",
            "education": (record.education if record else None) or "unknown",
            "german_band": german_band(p.german_level),
        }
        episodes = [{"pseudonym": name, "episode": "entry", "months_since_entry": 0, "detail": ""}]
        first_intro = hire = None
        for intro in sorted(introductions.get(p.id, []), key=lambda i: (i.decided_at or i.created_at, i.id)):
            decided = (intro.decided_at or intro.created_at).date()
            episodes.append(
                {
                    "pseudonym": name,
                    "episode": "suggested",
                    "months_since_entry": months_between(entered, decided),
                    "detail": "introduced" if intro.status != "rejected" else "not_introduced",
                }
            )
            if intro.status == "rejected":
                continue
            episodes.append({"pseudonym": name, "episode": "introduction", "months_since_entry": months_between(entered, decided), "detail": ""})
            first_intro = months_between(entered, decided) if first_intro is None else first_intro
            if intro.interview_on:
                episodes.append({"pseudonym": name, "episode": "interview", "months_since_entry": months_between(entered, intro.interview_on), "detail": ""})
            if intro.status == "hired":
                on = intro.hired_start or (intro.outcome_at.date() if intro.outcome_at else decided)
                episodes.append({"pseudonym": name, "episode": "hire", "months_since_entry": months_between(entered, on), "detail": ""})
                hire = months_between(entered, on) if hire is None else min(hire, months_between(entered, on))
            elif intro.status == "not_hired" and intro.outcome_at:
                episodes.append(
                    {"pseudonym": name, "episode": "not_hired", "months_since_entry": months_between(entered, intro.outcome_at.date()), "detail": ""}
                )
        if record is not None and record.left_on:
            episodes.append(
                {"pseudonym": name, "episode": "exit", "months_since_entry": months_between(entered, record.left_on), "detail": record.exit_situation or ""}
            )
        if record is not None and record.follow_up_on:
            detail = "employed" if record.follow_up_employed else "not_employed"
            episodes.append({"pseudonym": name, "episode": "follow_up", "months_since_entry": months_between(entered, record.follow_up_on), "detail": detail})
        row["months_to_first_introduction"] = first_intro
        row["months_to_hire"] = hire
        row["left"] = bool(record is not None and record.left_on)
        row["employed_at_follow_up"] = None if record is None or record.follow_up_on is None else bool(record.follow_up_employed)
        records.append(row)
        episodes_of[name] = episodes
    kept, extract.steps, extract.suppressed = anonymise(records, k)
    extract.persons = kept
    extract.episodes = [e for r in kept for e in episodes_of[r["pseudonym"]]]
    extract.counts = _counts(session, {p.stats_key for p in people})
    return extract


def person_key(stats_key: str) -> int:
    """A person's cell key for the research figures (from their random statistics key)."""
    return int(stats_key[:8], 16) % 2**31


def _counts(session: Session, consenting_keys: set[str]) -> list[dict]:
    """Entries per cohort (the day of entry as the ESF page has it, like the persons' cohorts), all and with research
    consent, protected like every published figure."""
    cells: dict[str, list[Cell]] = {}
    for key, entered in session.execute(select(Participant.stats_key, EsfRecord.entered_on).join(EsfRecord)):
        cohort = cohort_of(entered)
        all_cell, consent_cell = cells.setdefault(cohort, [Cell(0), Cell(0)])
        cells[cohort][0] = all_cell + Cell(1, person_key(key))
        if key in consenting_keys:
            cells[cohort][1] = consent_cell + Cell(1, person_key(key))
    return [{"cohort": cohort, "entries": perturb(a), "entries_with_research_consent": perturb(c)} for cohort, (a, c) in sorted(cells.items())]
