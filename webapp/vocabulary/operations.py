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

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select, update
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
    VocabularyImport,
    VocabularyMeasurement,
    VocabularyProposal,
    transitions,
    utcnow,
)
from models.vocabulary import TERM_LENGTH
from webapp.core import jobs
from webapp.core.db import changed, db
from webapp.suggestions.index import experience_terms, next_seq, touch
from webapp.suggestions.skills import current_layer, entries_in_force, fixed_readings, normaliser, opening_readings, sync_layer, understand

EXPORT_FORMAT = "kmu-match-vocabulary-layer"
EXPORT_VERSION = 1
MAX_IMPORT_ENTRIES = 5000


class VocabularyError(ValueError):
    """A proposal or an import that cannot be taken; ``code`` names why (the pages word it)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code, self.detail = code, detail


# -- the layer in force ---------------------------------------------------------------


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
        terms += experience_terms(terms, record.cv)
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
    rows: list[Any]  # ParticipantSkill or OpeningSkill rows
    if isinstance(record, Opening):  # its headings and offer lines stay without a skill (opening_readings)
        rows = [*record.required_skills, *record.optional_skills]  # in the order opening_readings reads them
        readings = opening_readings(*record.typed(), fixed)
    else:
        rows = list(record.skills)
        readings = understand([s.term for s in rows], fixed) if rows else []
    for row, norm in zip(rows, readings):
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


def _layer_row(session: Session, admin: User | None, term: str, concept_id: str | None, reason: str, active: bool = True) -> VocabularyEntry:
    entry = VocabularyEntry(
        term=term[:TERM_LENGTH],
        term_key=key(term),
        concept_id=concept_id,
        active=active,
        reason=reason,
        created_by_id=admin.id if admin is not None else None,
        index_seq=next_seq(session),
    )
    session.add(entry)
    return entry


def _close(session: Session, admin: User, term_key: str, accepted: str | bool | None) -> tuple[int, int]:
    """Close the open proposals of a term: those naming ``accepted`` (a concept id or None) are accepted,
    the others rejected (kept, so they are not asked again). ``accepted=False``: all rejected."""
    now = utcnow()
    of_term = VocabularyProposal.term_key == term_key
    naming = VocabularyProposal.concept_id.is_(None) if accepted is None else VocabularyProposal.concept_id == accepted
    decided = {"decided_by_id": admin.id, "decided_at": now}
    yes = 0 if accepted is False else transitions.move_where(session, VocabularyProposal, "accepted", of_term, naming, **decided)
    no = transitions.move_where(session, VocabularyProposal, "rejected", of_term, **decided)
    for seen in [o for o in session.identity_map.values() if isinstance(o, VocabularyProposal)]:
        session.expire(seen)  # changed in the database, not through these objects
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
    if words:  # compared here, not in SQL: thousands of terms would make an expression SQLite refuses
        cv_owners = {
            pid
            for pid, title, details in session.execute(select(CvEntry.participant_id, CvEntry.title, CvEntry.details))
            if any(w in f"{title}\n{details}".casefold() for w in words)
        }
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


def import_layer(session: Session, admin: User | None, entries: list[tuple[str, str | None, str]], source: str) -> int:
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
    """The newest measurement of the layer in force (not of an import's preview)."""
    return session.scalars(
        select(VocabularyMeasurement).where(VocabularyMeasurement.import_id.is_(None)).order_by(VocabularyMeasurement.id.desc()).limit(1)
    ).first()


def label_of(concept_id: str | None) -> str:
    """A concept's German name, for the import's preview (None: "its own thing")."""
    if concept_id is None:
        return "eigener Begriff"
    vocab = normaliser().vocabulary
    return vocab.label_de[vocab.index[concept_id]] if concept_id in vocab.index else concept_id


def running(m: VocabularyMeasurement | None) -> bool:
    return m is not None and m.finished_at is None and m.started_at > utcnow() - MEASUREMENT_STALE


def run_measurement(session: Session, measurement_id: int) -> None:
    """The job behind "Wirkung messen": the report for the layer in force (or the one an import would make).

    The inputs are read in one short transaction; the report itself (about half a minute) runs outside any
    transaction, so nobody waits for it; its progress and result are written in short transactions."""
    from matching.report import report

    claimed = changed(
        session,
        update(VocabularyMeasurement)
        .where(VocabularyMeasurement.id == measurement_id, VocabularyMeasurement.progress == 0, VocabularyMeasurement.finished_at.is_(None))
        .values(progress=1)
        .execution_options(synchronize_session=False),
    )
    session.commit()
    if claimed != 1:
        return  # another run has it, or it is done
    row = session.get(VocabularyMeasurement, measurement_id)
    if row is None:
        return
    layer = current_layer(session)
    if row.import_id is not None:
        pending = session.get(VocabularyImport, row.import_id)
        layer = dict(layer) | {t: c for t, c, _r in _entries_of(pending)} if pending is not None else layer
    counts = proposal_counts(session)
    session.commit()  # ends the read; the work below holds no lock

    def progress(share: float) -> None:
        session.execute(update(VocabularyMeasurement).where(VocabularyMeasurement.id == measurement_id).values(progress=max(1, int(share * 100))))
        session.commit()

    try:
        result = report(layer, counts, progress=progress)
    except (ValueError, OSError) as error:  # a layer naming concepts this vocabulary lacks, the case file missing
        result = {"error": type(error).__name__}
    except BaseException:
        session.rollback()  # a retry of the job may claim it again
        session.execute(update(VocabularyMeasurement).where(VocabularyMeasurement.id == measurement_id).values(progress=0))
        session.commit()
        raise
    session.execute(
        update(VocabularyMeasurement)
        .where(VocabularyMeasurement.id == measurement_id, VocabularyMeasurement.finished_at.is_(None))
        .values(result=result, finished_at=utcnow(), progress=100)
    )
    session.commit()


def start_measurement(session: Session, import_id: int | None = None) -> VocabularyMeasurement:
    """Start the report as a background job (one at a time for the layer, one per import); the page shows its progress."""

    stmt = select(VocabularyMeasurement).where(VocabularyMeasurement.import_id.is_(None) if import_id is None else VocabularyMeasurement.import_id == import_id)
    latest = session.scalars(stmt.order_by(VocabularyMeasurement.id.desc()).limit(1)).first()
    if latest is not None and running(latest):
        return latest
    row = VocabularyMeasurement(layer_seq=layer_seq(session), import_id=import_id)
    session.add(row)
    session.flush()
    jobs.after_commit(session, measure_layer, row.id)  # the job must find the row
    session.commit()
    return row


# -- 5. importing a file: preview first, then applied in batches by a job ------------------------------

IMPORT_BATCH = 200


def _entries_of(pending: VocabularyImport) -> list[tuple[str, str | None, str]]:
    return [(term, concept, reason) for term, concept, reason in pending.entries]


def import_changes(session: Session, pending: VocabularyImport) -> dict[str, list[tuple[str, str | None, str | None]]]:
    """What applying ``pending`` would change: new terms, changed readings (term, from, to), and what stays."""
    now = {e.term_key: e for e in entries_in_force(session)}
    out: dict[str, list[tuple[str, str | None, str | None]]] = {"new": [], "changed": [], "same": []}
    for term, concept, _reason in _entries_of(pending):
        current = now.get(key(term))
        if current is None:
            out["new"].append((term, None, concept))
        elif current.concept_id != concept:
            out["changed"].append((term, current.concept_id, concept))
        else:
            out["same"].append((term, concept, concept))
    return out


def prepare_import(session: Session, admin: User, entries: list[tuple[str, str | None, str]], source: str) -> VocabularyImport:
    """Keep a checked file for its preview; its effect is measured at once, in the background."""
    pending = VocabularyImport(created_by_id=admin.id, source=source[:200], entries=[list(e) for e in entries])
    session.add(pending)
    session.flush()
    return pending


def claim_import(session: Session, import_id: int) -> bool:
    """Move an import from preview to applying, exactly once (a double click, two admins)."""
    return transitions.move_where(session, VocabularyImport, "applying", VocabularyImport.id == import_id) == 1


def apply_pending_import(session: Session, import_id: int) -> None:
    """The job: apply the import's entries in batches, each in its own transaction (a batch re-reads the records
    holding its terms), so a file of thousands of terms holds no lock for long and shows its progress."""
    pending = session.get(VocabularyImport, import_id)
    if pending is None or pending.status != "applying":
        return
    admin = session.get(User, pending.created_by_id) if pending.created_by_id else None
    entries = _entries_of(pending)
    source = pending.source
    for start in range(pending.done, len(entries), IMPORT_BATCH):
        batch = entries[start : start + IMPORT_BATCH]
        # Each batch is claimed in its own transaction (done moves from start to its end only once): a second
        # run of the job – another worker, a retry – finds it done and goes on with the next.
        mine = changed(
            session,
            update(VocabularyImport)
            .where(VocabularyImport.id == import_id, VocabularyImport.status == "applying", VocabularyImport.done == start)
            .values(done=start + len(batch))
            .execution_options(synchronize_session=False),
        )
        if mine == 1:
            added = import_layer(session, admin, batch, source)
            session.execute(update(VocabularyImport).where(VocabularyImport.id == import_id).values(added=VocabularyImport.added + added))
        session.commit()
    transitions.move_where(session, VocabularyImport, "applied", VocabularyImport.id == import_id, finished_at=utcnow())
    session.commit()


# -- its jobs (on the queue: webapp.core.jobs) --------------------------------------------------------


@jobs.huey.task(retries=1, retry_delay=30, name="measure_layer")
def measure_layer(measurement_id: int) -> None:
    """'Wirkung messen': the matcher's report for a layer (the one in force, or an import's), with progress.
    The run claims its row first (webapp.vocabulary.operations.run_measurement), so it happens once."""
    with jobs.app_context():
        run_measurement(db.session, measurement_id)


@jobs.huey.task(retries=2, retry_delay=30, retry_backoff=2, name="apply_import")
def apply_import(import_id: int) -> None:
    """Apply a previewed vocabulary file in batches (each its own short transaction), with progress."""
    with jobs.app_context():
        apply_pending_import(db.session, import_id)
