"""The vocabulary that learns from its users, under the project's control (the business rules).

1. A person marks a reading as wrong ("nicht gemeint") and says what was meant, or that the
   term is its own thing: :func:`propose`. The opening or profile keeps that reading at once
   (``ReadingFix``); the project receives a proposal. Nothing else changes yet.
2. Admins review the proposals grouped by term: :func:`accept` (the reading proposed or an
   edited one) or :func:`reject`. An accepted reading becomes a row of the project's layer
   (``VocabularyEntry``, versioned); :func:`withdraw` takes a term out again.
3. Every change of the layer takes the matching index's next change number, so each worker
   loads the layer again before it ranks (:func:`sync_layer`), and the openings and profiles
   that hold the term are read again (:func:`reread`).

The layer can be exported and imported as a JSON file (:func:`export_layer`, :func:`import_layer`),
so the two centres – or another city – can share it; ``python -m matching report --layer`` reads it.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from matching.text import key
from models import (
    CvEntry,
    Opening,
    OpeningSkill,
    Participant,
    ParticipantSkill,
    ReadingFix,
    User,
    VocabularyEntry,
    VocabularyMeasurement,
    VocabularyProposal,
    utcnow,
)
from models.vocabulary import TERM_LENGTH

from .matching_index import experience_terms, next_seq, touch
from .skills import fixed_readings, normaliser, understand

EXPORT_FORMAT = "kmu-match-vocabulary-layer"
EXPORT_VERSION = 1
MAX_IMPORT_ENTRIES = 5000
_layer_lock = threading.Lock()


class VocabularyError(ValueError):
    """A proposal or an import that cannot be taken; ``code`` names why (the pages word it)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code, self.detail = code, detail


# -- the layer in force ---------------------------------------------------------------


def entries_in_force(session: Session) -> list[VocabularyEntry]:
    """The newest row of every term of the layer that is not withdrawn, by term."""
    newest = select(func.max(VocabularyEntry.id)).group_by(VocabularyEntry.term_key)
    rows = session.scalars(select(VocabularyEntry).where(VocabularyEntry.id.in_(newest)).order_by(VocabularyEntry.term_key)).all()
    return [row for row in rows if row.active]


def current_layer(session: Session) -> dict[str, str | None]:
    """The project's layer as the normaliser takes it: term -> concept id, or None (its own thing)."""
    return {entry.term: entry.concept_id for entry in entries_in_force(session)}


def sync_layer(session: Session) -> None:
    """Give this process's normaliser the layer in force, if it changed since it was last loaded."""
    latest = session.scalar(select(func.coalesce(func.max(VocabularyEntry.index_seq), 0))) or 0
    n = normaliser()
    if getattr(n, "layer_seq", 0) == latest and latest:
        return
    with _layer_lock:
        if getattr(n, "layer_seq", None) != latest:
            n.set_layer(current_layer(session))
            n.layer_seq = latest  # type: ignore[attr-defined]


def storable(term: str) -> bool:
    """Whether ``term`` can be a term of the layer: something to look up, and it and its key fit the
    columns (the key spells ä as ae, so it can be longer than the term)."""
    k = key(term)
    return bool(k) and len(term) <= TERM_LENGTH and len(k) <= TERM_LENGTH


def concept_of(text: str) -> str | None:
    """The concept a word chosen from the vocabulary names (its label or a synonym), else None."""
    found = normaliser().normalise([text])[0]
    return found.concept if found.how in ("exact", "synonym", "translation", "project") else None


# -- 1. proposing -----------------------------------------------------------------------


def record_terms(record: Participant | Opening) -> list[str]:
    """The terms of a record a reading can be corrected for: its skills, and a profile's CV terms."""
    terms = [s.term for s in record.skills]
    if isinstance(record, Participant):
        terms += experience_terms(record)
    return terms


def proposals_today(session: Session, user: User) -> int:
    since = utcnow() - timedelta(days=1)
    return (
        session.scalar(select(func.count(VocabularyProposal.id)).where(VocabularyProposal.proposed_by_id == user.id, VocabularyProposal.created_at >= since))
        or 0
    )


@dataclass
class Proposed:
    """What became of a correction: the record's own reading is always kept; ``proposal`` is None
    when the project was not asked (already decided that way, or rejected before)."""

    proposal: VocabularyProposal | None
    already: str = ""  # "layer": the project's layer says so already; "rejected": the project said no before


def propose(session: Session, user: User, record: Participant | Opening, term: str, concept_id: str | None, daily_limit: int) -> Proposed:
    """``user`` says that ``term`` of ``record`` means ``concept_id`` (None: its own thing).

    The caller checked that ``user`` may change ``record``; the caller audits and commits.
    Raises VocabularyError: ``term`` (not a term of the record), ``concept`` (unknown),
    ``same`` (that is how it is read already), ``limit`` (too many proposals today).
    """
    terms = {key(t): t for t in record_terms(record) if storable(t)}
    k = key(term)
    if k not in terms:
        raise VocabularyError("term")
    if concept_id is not None and concept_id not in normaliser().vocabulary.index:
        raise VocabularyError("concept")
    fixed = fixed_readings(record)
    now = understand(list(terms.values()), fixed)[list(terms).index(k)]
    if (now.concept == concept_id and now.known) or (concept_id is None and now.how == "own"):
        raise VocabularyError("same")
    if proposals_today(session, user) >= daily_limit:
        raise VocabularyError("limit")
    owner = {"participant_id": record.id} if isinstance(record, Participant) else {"opening_id": record.id}
    fix = next((f for f in record.reading_fixes if f.term_key == k), None)
    if fix is None:
        record.reading_fixes.append(ReadingFix(term_key=k, concept_id=concept_id, created_by_id=user.id, **owner))
    else:
        fix.concept_id, fix.created_by_id, fix.created_at = concept_id, user.id, utcnow()
    _reread_record(session, record)
    layer = {key(t): c for t, c in current_layer(session).items()}
    if k in layer and layer[k] == concept_id:
        return Proposed(None, "layer")
    decided = session.scalars(
        select(VocabularyProposal.status).where(
            VocabularyProposal.term_key == k,
            VocabularyProposal.concept_id.is_(None) if concept_id is None else VocabularyProposal.concept_id == concept_id,
            VocabularyProposal.status == "rejected",
        )
    ).first()
    if decided:
        return Proposed(None, "rejected")
    proposal = VocabularyProposal(
        term=terms[k],
        term_key=k,
        concept_id=concept_id,
        was_concept=now.concept,
        was_how=now.how,
        proposed_by_id=user.id,
        role=user.role,
        centre_id=user.centre_id if user.role == "counsellor" else None,
    )
    session.add(proposal)
    return Proposed(proposal)


def _reread_record(session: Session, record: Participant | Opening) -> None:
    """Read the stored skill rows of ``record`` again (its fixes and the layer in force) and mark it changed."""
    fixed = fixed_readings(record)
    rows: list[Any] = list(record.skills)  # ParticipantSkill or OpeningSkill rows
    terms = [s.term for s in rows]
    for row, norm in zip(rows, understand(terms, fixed) if terms else []):
        row.skill_id, row.match_how, row.confidence = norm.concept, norm.how, norm.confidence
    touch(session, record)


# -- 2. review ----------------------------------------------------------------------------


@dataclass
class TermGroup:
    """The open proposals of one term, as the review page shows them."""

    term_key: str
    terms: list[str]
    readings: dict[str | None, int]  # proposed concept (None: its own thing) -> how often
    by: dict[tuple[str, str], int]  # (role, centre name or "") -> how often
    was: tuple[str | None, str]  # how the term is read now (concept, how)
    first: Any = None
    proposals: list[VocabularyProposal] = field(default_factory=list)


def open_groups(session: Session) -> list[TermGroup]:
    groups: dict[str, TermGroup] = {}
    rows = session.scalars(select(VocabularyProposal).where(VocabularyProposal.status == "open").order_by(VocabularyProposal.created_at)).all()
    for p in rows:
        g = groups.get(p.term_key)
        if g is None:
            g = groups[p.term_key] = TermGroup(p.term_key, [], defaultdict(int), defaultdict(int), (p.was_concept, p.was_how), p.created_at)
        if p.term not in g.terms:
            g.terms.append(p.term)
        g.readings[p.concept_id] += 1
        g.by[(p.role, p.centre.name if p.centre else "")] += 1
        g.proposals.append(p)
    # The most asked-for first.
    return sorted(groups.values(), key=lambda g: (-len(g.proposals), g.first))


def _layer_row(session: Session, admin: User, term: str, concept_id: str | None, reason: str, active: bool = True) -> VocabularyEntry:
    entry = VocabularyEntry(
        term=term[:TERM_LENGTH], term_key=key(term), concept_id=concept_id, active=active, reason=reason, created_by_id=admin.id, index_seq=next_seq(session)
    )
    session.add(entry)
    return entry


def _close(session: Session, admin: User, term_key: str, accepted: str | bool | None) -> tuple[int, int]:
    """Close the open proposals of a term: those naming ``accepted`` (a concept id or None) are accepted,
    the others rejected (kept, so they are not asked again). ``accepted=False``: all rejected."""
    yes = no = 0
    now = utcnow()
    for p in session.scalars(select(VocabularyProposal).where(VocabularyProposal.term_key == term_key, VocabularyProposal.status == "open")):
        ok = accepted is not False and p.concept_id == accepted
        p.status, p.decided_by_id, p.decided_at = ("accepted" if ok else "rejected"), admin.id, now
        yes, no = yes + ok, no + (not ok)
    return yes, no


def accept(session: Session, admin: User, term: str, concept_id: str | None, reason: str) -> VocabularyEntry:
    """Put ``term`` -> ``concept_id`` (None: its own thing) into the layer and close the term's proposals."""
    if concept_id is not None and concept_id not in normaliser().vocabulary.index:
        raise VocabularyError("concept")
    if not storable(term):
        raise VocabularyError("term")
    entry = _layer_row(session, admin, term, concept_id, reason)
    _close(session, admin, entry.term_key, concept_id)
    session.flush()
    reread(session, [entry.term])
    return entry


def reject(session: Session, admin: User, term_key: str) -> int:
    """Reject every open proposal of a term (they stay, so they are not asked again)."""
    return _close(session, admin, term_key, False)[1]


def withdraw(session: Session, admin: User, term_key: str, reason: str) -> bool:
    """Take a term out of the layer (a new version that withdraws it); False when it is not in the layer."""
    current = next((e for e in entries_in_force(session) if e.term_key == term_key), None)
    if current is None:
        return False
    _layer_row(session, admin, current.term, current.concept_id, reason, active=False)
    session.flush()
    reread(session, [current.term])
    return True


def history(session: Session, limit: int = 200) -> list[VocabularyEntry]:
    return list(session.scalars(select(VocabularyEntry).order_by(VocabularyEntry.id.desc()).limit(limit)))


def reread(session: Session, terms: list[str]) -> int:
    """After a change of the layer: read again the skill rows, openings and profiles that hold one of ``terms``
    (as a whole or inside a longer line or a CV task); each is touched, so every worker reads it again.
    Returns how many records were read again."""
    sync_layer(session)
    keys = {key(t) for t in terms if key(t)}
    words = [t.casefold() for t in terms if t.strip()]

    def holds(text: str) -> bool:
        k = key(text)
        return any(w in k for w in keys)

    touched = 0
    terms_p = [t for t in session.scalars(select(ParticipantSkill.term).distinct()) if holds(t)]
    owners = set(session.scalars(select(ParticipantSkill.participant_id).where(ParticipantSkill.term.in_(terms_p)))) if terms_p else set()
    for p in session.scalars(select(Participant).where(Participant.id.in_(owners))):
        _reread_record(session, p)
        touched += 1
    terms_o = [t for t in session.scalars(select(OpeningSkill.term).distinct()) if holds(t)]
    owners = set(session.scalars(select(OpeningSkill.opening_id).where(OpeningSkill.term.in_(terms_o)))) if terms_o else set()
    for o in session.scalars(select(Opening).where(Opening.id.in_(owners))):
        _reread_record(session, o)
        touched += 1
    if words:
        cv_owners = set(
            session.scalars(
                select(CvEntry.participant_id).where(
                    or_(*[func.lower(CvEntry.details).contains(w) for w in words], *[func.lower(CvEntry.title).contains(w) for w in words])
                )
            )
        )
        for p in session.scalars(select(Participant).where(Participant.id.in_(cv_owners))):
            touch(session, p)
            touched += 1
    return touched


# -- sharing the layer as a file ----------------------------------------------------------------


def export_layer(session: Session) -> dict[str, Any]:
    vocab = normaliser().vocabulary
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": utcnow().isoformat(timespec="seconds"),
        "proposals": proposal_counts(session),
        "entries": [
            {
                "term": e.term,
                "concept": e.concept_id,
                "label": vocab.label_de[vocab.index[e.concept_id]] if e.concept_id in vocab.index else None,
                "reason": e.reason,
                "since": e.created_at.date().isoformat(),
            }
            for e in entries_in_force(session)
        ],
    }


def parse_layer(data: Any) -> list[tuple[str, str | None, str]]:
    """Check an exported layer: (term, concept id or None, reason) per entry, or VocabularyError naming the problem."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise VocabularyError("format")
    if data.get("version") != EXPORT_VERSION:
        raise VocabularyError("version")
    entries = data.get("entries")
    if not isinstance(entries, list) or len(entries) > MAX_IMPORT_ENTRIES:
        raise VocabularyError("format")
    index = normaliser().vocabulary.index
    out: list[tuple[str, str | None, str]] = []
    seen: set[str] = set()
    for n, item in enumerate(entries, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("term"), str) or not (item.get("concept") is None or isinstance(item.get("concept"), str)):
            raise VocabularyError("entry", str(n))
        term = " ".join(item["term"].split())
        concept = item.get("concept")
        if not storable(term):
            raise VocabularyError("entry", str(n))
        if concept is not None and concept not in index:
            raise VocabularyError("concept", str(n))
        if key(term) in seen:
            raise VocabularyError("twice", term)
        seen.add(key(term))
        reason = item["reason"] if isinstance(item.get("reason"), str) else ""
        out.append((term, concept, reason[:500]))
    return out


def import_layer(session: Session, admin: User, entries: list[tuple[str, str | None, str]], source: str) -> int:
    """Add the checked ``entries`` that differ from the layer in force (as new versions); how many were added."""
    now = {e.term_key: e for e in entries_in_force(session)}
    changed = []
    for term, concept, reason in entries:
        current = now.get(key(term))
        if current is not None and current.concept_id == concept:
            continue
        why = f"Import aus {source}" + (f": {reason}" if reason else "")
        _layer_row(session, admin, term, concept, why[:1000])
        changed.append(term)
    if changed:
        session.flush()
        reread(session, changed)
    return len(changed)


# -- 4. measured ----------------------------------------------------------------------------------

MEASUREMENT_STALE = timedelta(minutes=15)  # a run not finished by then died with its worker


def proposal_counts(session: Session) -> dict[str, int]:
    counts = dict(session.execute(select(VocabularyProposal.status, func.count()).group_by(VocabularyProposal.status)).tuples().all())
    return {status: counts.get(status, 0) for status in ("accepted", "rejected", "open")}


def layer_seq(session: Session) -> int:
    return session.scalar(select(func.coalesce(func.max(VocabularyEntry.index_seq), 0))) or 0


def latest_measurement(session: Session) -> VocabularyMeasurement | None:
    return session.scalars(select(VocabularyMeasurement).order_by(VocabularyMeasurement.id.desc()).limit(1)).first()


def running(m: VocabularyMeasurement | None) -> bool:
    return m is not None and m.finished_at is None and m.started_at > utcnow() - MEASUREMENT_STALE


def measure(session: Session, row: VocabularyMeasurement) -> None:
    """Run the matcher's report for the layer in force into ``row`` (commits)."""
    from matching.report import report

    try:
        row.result = report(current_layer(session), proposal_counts(session))
    except (ValueError, OSError) as error:  # a layer naming concepts this vocabulary lacks, the case file missing
        row.result = {"error": type(error).__name__}
    row.finished_at = utcnow()
    session.commit()


def start_measurement(app, session: Session) -> VocabularyMeasurement:
    """Start the report in a background thread of this worker (one at a time); the page shows the newest run."""
    latest = latest_measurement(session)
    if latest is not None and running(latest):
        return latest
    row = VocabularyMeasurement(layer_seq=layer_seq(session))
    session.add(row)
    session.commit()
    row_id = row.id

    def run() -> None:
        from .db import db

        with app.app_context():
            started = db.session.get(VocabularyMeasurement, row_id)
            if started is not None:
                measure(db.session, started)

    threading.Thread(target=run, name="vocabulary-report", daemon=True).start()
    return row
