"""The suggestions page's rules: which ranked people a counsellor sees for an opening, and with what.

The matcher ranks; here the ranking is filtered (house, quarter, German level, decided or not), weak matches
are folded away until asked for, the list is paged, and only the shown people are read and explained. A
person looked up by code is explained whether ranked or not. Names are shown for the counsellor's own
house only (they know their people); every other person is their code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from matching import Result
from models import CvEntry, Introduction, Opening, Participant, ParticipantIdentity, ParticipantLanguage, User
from models.enums import CEFR_LEVELS
from models.participants import centre_manages
from webapp.core.audit import audit
from webapp.core.db import db
from webapp.core.events import record_event
from webapp.core.pagination import Page, paginate_list
from webapp.suggestions.explanations import Card, card, is_kept
from webapp.suggestions.index import cv_terms, explain_person, matching_index, opening_record

SUGGESTIONS_PER_PAGE = 10
RANKED = 200  # how many of the ranking the page filters and folds
# Per cent: weaker suggestions are folded away until the counsellor asks for them. On the demo data
# the ranked people of an opening score 7–50 %; 25 % folds the weakest third.
DEFAULT_THRESHOLD = 25
THRESHOLDS = (0, 10, 20, 25, 30, 40, 50, 60)


@dataclass(frozen=True)
class Filters:
    """The page's filters (None: not set)."""

    centre: int | None = None
    quarter: str | None = None
    level: str | None = None  # at least this German level
    decision: str | None = None  # "offen" (nobody decided about the person yet) or "entschieden"

    def __bool__(self) -> bool:
        return any((self.centre, self.quarter, self.level, self.decision))

    def passes(self, person: Any, decided: dict[int, Any]) -> bool:
        """Whether a ranked person (id, centre, quarter, German level) passes the filters."""
        if self.centre and person.centre_id != self.centre:
            return False
        if self.quarter and person.quarter != self.quarter:
            return False
        if self.level and CEFR_LEVELS.index(person.german_level) < CEFR_LEVELS.index(self.level):
            return False
        if self.decision == "offen":
            return person.id not in decided
        if self.decision == "entschieden":
            return person.id in decided
        return True


@dataclass
class ShownPerson:
    """What a suggestion card shows of a person, read as plain rows (one statement for the page, no ORM objects)."""

    id: int
    pseudonym: str
    centre_id: int
    quarter: str
    german_level: str
    languages: list[Any] = field(default_factory=list)  # rows with .language and .level

    def managed_by(self, user) -> bool:
        return centre_manages(user, self.centre_id)


@dataclass
class Selection:
    """What the page shows."""

    rows: list[tuple[ShownPerson, Result]]
    page: Page
    cards: dict[int, Card]
    from_cv: dict[int, list[str]]
    names: dict[int, str]
    decided: dict[int, Any]  # participant id -> (participant_id, status) of an introduction for this opening
    lookup: tuple[Participant, Any] | None  # the person looked up by code, and their explanation
    total: int  # ranked people that pass the filters
    folded: int  # of those, below the threshold


def person_by_code(code: str, viewer: User) -> Participant | None:
    """The person with this code, if the viewer may see their matching profile (else None, as if there were none)."""
    if not code:
        return None
    person = db.session.scalar(select(Participant).where(Participant.pseudonym == code))
    return person if person is not None and person.matching_visible_to(viewer) else None


def suggested_opening(opening_id: int) -> Opening:
    """An opening that has (or had) suggestions – open, paused or filled – loaded with what the matcher reads of it
    (its skills and the readings chosen for them, in the same statement); 404 for any other."""
    opening = db.session.get(Opening, opening_id, options=[joinedload(Opening.skills), joinedload(Opening.reading_fixes), joinedload(Opening.employer)])
    if opening is None or opening.status not in ("open", "paused", "filled"):
        abort(404)
    return opening


def select_suggestions(
    opening: Opening, filters: Filters, threshold: int, show_weak: bool, person: Participant | None, viewer: User, page_number: int | None = None
) -> Selection:
    """The suggestions page for ``opening``: ranked, filtered, folded, paged (``?seite=``, or ``page_number``), the
    shown explained; the view and the shown count are audited and counted."""
    record = opening_record(opening)
    # Who was decided about already, and how (the cards show the status): plain rows, not whole introductions.
    decided = {
        row.participant_id: row
        for row in db.session.execute(select(Introduction.participant_id, Introduction.status).where(Introduction.opening_id == opening.id))
    }
    with matching_index().use(db.session) as matcher:  # held until the shown explanations are made
        ranked = matcher.rank(record, k=RANKED) if opening.status == "open" else []
        lookup = (person, explain_person(matcher, opening, person)) if person is not None else None
        kept = _filtered(ranked, filters, decided) if filters else ranked
        # Weak matches are folded away until asked for; the list is paged (a phone shows ten cards, not forty-five).
        strong = [result for result in kept if result.score * 100 >= threshold]
        page = paginate_list(kept if show_weak else strong, per_page=SUGGESTIONS_PER_PAGE, page=page_number)
        for result in page.items:
            if not is_kept(result):
                result.explanation  # noqa: B018  # made now, not after the index is released (the card is rendered later)
    if person is not None:
        audit("participant.view_match", "participant", person.id)
    people = shown_people([int(r.id) for r in page.items])
    rows = [(people[int(r.id)], r) for r in page.items if int(r.id) in people]
    cards = {p.id: card(r) for p, r in rows}
    audit("opening.suggestions", "opening", opening.id)
    if rows:
        record_event("suggestions.shown", opening=opening, data={"count": len(rows)})
    return Selection(
        rows=rows,
        page=page,
        cards=cards,
        from_cv=from_cv(cards),
        names=own_names([p.id for p, _r in rows if p.managed_by(viewer)]),
        decided=decided,
        lookup=lookup,
        total=len(kept),
        folded=len(kept) - len(strong),
    )


def _filtered(ranked: list[Result], filters: Filters, decided: dict[int, Any]) -> list[Result]:
    """The ranked people that pass the filters (four columns of them read, not whole profiles)."""
    facts = {
        row.id: row
        for row in db.session.execute(
            select(Participant.id, Participant.centre_id, Participant.quarter, Participant.german_level).where(Participant.id.in_([int(r.id) for r in ranked]))
        )
    }
    return [result for result in ranked if int(result.id) in facts and filters.passes(facts[int(result.id)], decided)]


def shown_people(ids: list[int]) -> dict[int, ShownPerson]:
    if not ids:
        return {}
    people: dict[int, ShownPerson] = {}
    rows = (
        select(
            Participant.id,
            Participant.pseudonym,
            Participant.centre_id,
            Participant.quarter,
            Participant.german_level,
            ParticipantLanguage.language,
            ParticipantLanguage.level,
        )
        .outerjoin(ParticipantLanguage, ParticipantLanguage.participant_id == Participant.id)
        .where(Participant.id.in_(ids))
        .order_by(Participant.id, ParticipantLanguage.language)
    )
    for row in db.session.execute(rows):  # a person once per language (once with none)
        person = people.get(row.id)
        if person is None:
            person = people[row.id] = ShownPerson(row.id, row.pseudonym, row.centre_id, row.quarter, row.german_level)
        if row.language is not None:
            person.languages.append(row)  # .language, .level
    return people


def own_names(ids: list[int]) -> dict[int, str]:
    """The names of these people (the caller passes only its own house's)."""
    if not ids:
        return {}
    rows = db.session.execute(
        select(ParticipantIdentity.participant_id, ParticipantIdentity.first_name, ParticipantIdentity.last_name).where(
            ParticipantIdentity.participant_id.in_(ids)
        )
    )
    return {row.participant_id: f"{row.first_name} {row.last_name}" for row in rows}


def from_cv(cards: dict[int, Card]) -> dict[int, list[str]]:
    """Per person: the profile words of the card's matched pairs that come from the person's CV (one query for all),
    each once."""
    matching = [pid for pid, shown in cards.items() if shown.matched_by]
    entries: dict[int, list] = {pid: [] for pid in matching}
    if matching:
        for entry in db.session.execute(
            select(CvEntry.participant_id, CvEntry.kind, CvEntry.title, CvEntry.details)
            .where(CvEntry.participant_id.in_(matching), CvEntry.kind.in_(("work", "certificate")))
            .order_by(CvEntry.participant_id, CvEntry.kind, CvEntry.started_on.desc(), CvEntry.id)
        ):
            entries[entry.participant_id].append(entry)
    out = {}
    for pid, found in entries.items():
        terms = set(cv_terms(found))
        out[pid] = [by for by in dict.fromkeys(cards[pid].matched_by) if by in terms]
    return out
