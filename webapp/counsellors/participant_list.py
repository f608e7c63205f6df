"""The list of a house's participants: what it is filtered and sorted by, and the query that gives it.

The view reads the filter from the address line (:class:`ListFilter`), pages :func:`statement` and, only when the
counsellor asked for them, adds the names (``webapp.suggestions.selection.own_names``; issue 25.10: the list is often open where others can see
the screen, the codes are enough to work through it).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import selectinload

from models import ConsentRecord, Participant, ParticipantIdentity
from webapp.esf.operations import lacks_entry_data

CONSENT_FILTERS = ("mit", "ohne")  # with a consent in force, or without one


@dataclass(frozen=True)
class ListFilter:
    q: str | None = None  # a piece of the code, first or last name
    consent: str | None = None  # one of CONSENT_FILTERS
    newest: bool = False  # newest first instead of by code
    esf_missing: bool = False  # only people still in the project whose ESF Plus entry data are missing
    show_names: bool = False

    def args(self, *, names: bool = True) -> dict[str, str]:
        """The filter as the address line writes it (``names=False``: the same list with codes only)."""
        found = {
            "q": self.q,
            "einwilligung": self.consent,
            "sortierung": "neu" if self.newest else None,
            "esf": "fehlt" if self.esf_missing else None,
            "namen": "ja" if self.show_names and names else None,
        }
        return {k: v for k, v in found.items() if v}


def statement(centre_id: int | None, f: ListFilter) -> Select[tuple[Participant]]:
    """The house's participants as ``f`` filters and sorts them (with the skills and consents the list shows)."""
    stmt = select(Participant).where(Participant.centre_id == centre_id).options(selectinload(Participant.skills), selectinload(Participant.consents))
    if f.q:
        needle = f.q.lower()
        columns = (Participant.pseudonym, ParticipantIdentity.first_name, ParticipantIdentity.last_name)
        stmt = stmt.outerjoin(ParticipantIdentity).where(or_(*(func.lower(column).contains(needle, autoescape=True) for column in columns)))
    if f.esf_missing:
        stmt = stmt.where(Participant.status.in_(("active", "paused")), lacks_entry_data())
    if f.consent:
        in_force = exists().where(ConsentRecord.participant_id == Participant.id, ConsentRecord.withdrawn_at.is_(None))
        stmt = stmt.where(in_force if f.consent == "mit" else ~in_force)
    order = (Participant.created_at.desc(), Participant.id.desc()) if f.newest else (Participant.pseudonym,)
    return stmt.order_by(*order)
