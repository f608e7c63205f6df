"""The matcher as the web app uses it: one index per worker, kept current by a change counter.

Every change to a participant or an opening calls :func:`touch`, which takes
the next number of ``matching_state.seq`` and stores it in the row. Before it
ranks, a worker reads only the rows with a number above the highest it has
seen and updates its index row by row (no refit). Because ``touch`` updates the
single counter row, writers queue on it and commit in counter order, so no
change is skipped; several gunicorn workers each stay consistent with the
database.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import cast

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from matching import Matcher, Profile
from matching import Opening as OpeningRecord
from models import ConsentRecord, CvEntry, Erasure, MatchingState, Opening, Participant, ParticipantLanguage, ParticipantSkill, ReadingFix
from models.participants import not_suggested_because
from webapp.core.db import db, read_only_session, wrote
from webapp.suggestions.skills import fixed_readings, normaliser, split_terms, sync_layer, warm


def next_seq(session: Session) -> int:
    """The next number of the change counter (the caller's transaction holds the counter row until it commits)."""
    return session.execute(update(MatchingState).where(MatchingState.id == 1).values(seq=MatchingState.seq + 1).returning(MatchingState.seq)).scalar_one()


def touch(session: Session, obj: Participant | Opening) -> None:
    """Mark ``obj`` as changed for every worker's matching index."""
    obj.index_seq = next_seq(session)


def cv_terms(entries: Iterable) -> list[str]:
    """What the CV says a person can: the tasks of each job, in the person's words, and each certificate
    (``entries``: a person's CV entries, or rows with their kind, title and details)."""
    terms: list[str] = []
    for entry in entries:
        if entry.kind == "work":
            terms.extend(split_terms(entry.details))
        elif entry.kind == "certificate":
            terms.append(entry.title)
    return list(dict.fromkeys(terms))


def experience_terms(skills: Sequence[str], entries: Iterable) -> list[str]:
    """The CV's terms the skills do not already hold (they count for matching too)."""
    own = {term.casefold() for term in skills}
    return [t for t in cv_terms(entries) if t.casefold() not in own]


def profile_record(p: Participant) -> Profile:
    """The matcher's profile of ``p`` (as :func:`profile_records` makes it from plain rows)."""
    return _profile(p.id, [s.term for s in p.skills], p.cv, [(lang.language, lang.level) for lang in p.languages], p, fixed_readings(p))


def _profile(participant_id: int, skills: Sequence[str], cv: Iterable, languages: Iterable[tuple[str, str]], p, readings: dict) -> Profile:
    """``p``: the participant, or a row of its columns (german_level, wants_*, available_from, driving_licences, postcode)."""
    spoken = {"de": p.german_level}
    spoken.update(dict(languages))
    hours = tuple(h for h, wanted in (("full_time", p.wants_full_time), ("part_time", p.wants_part_time), ("minijob", p.wants_minijob)) if wanted)
    return Profile(
        id=str(participant_id),
        skills=tuple(skills) + tuple(experience_terms(skills, cv)),
        languages=spoken,
        hours=hours,
        driving_licences=tuple(p.driving_licences or ()),
        available_from=p.available_from,
        postcode=p.postcode,
        readings=readings,
    )


def profile_records(session: Session, since: int | None = None) -> list[tuple[Profile, bool]]:
    """Every participant's matching profile and whether they are suggested (``models.not_suggested_because``),
    or only those changed after ``since`` – from five queries of plain rows, not from ORM objects (a start with
    20,000 people: a fraction of the time, issue 31)."""
    changed = Participant.index_seq > since if since is not None else None

    def children(model, *columns, order=()):
        stmt = select(model.participant_id, *columns)
        if changed is not None:
            stmt = stmt.join(Participant, Participant.id == model.participant_id).where(changed)
        grouped: dict[int, list] = defaultdict(list)
        for row in session.execute(stmt.order_by(model.participant_id, *order)):
            grouped[row[0]].append(row)
        return grouped

    skills = children(ParticipantSkill, ParticipantSkill.term, order=(ParticipantSkill.position, ParticipantSkill.id))
    languages = children(ParticipantLanguage, ParticipantLanguage.language, ParticipantLanguage.level, order=(ParticipantLanguage.language,))
    cv = children(CvEntry, CvEntry.kind, CvEntry.title, CvEntry.details, order=(CvEntry.kind, CvEntry.started_on.desc(), CvEntry.id))
    fixes = children(ReadingFix, ReadingFix.term_key, ReadingFix.concept_id, order=(ReadingFix.id,))
    consent = select(ConsentRecord.id).where(ConsentRecord.participant_id == Participant.id, ConsentRecord.withdrawn_at.is_(None)).exists()
    people = select(
        Participant.id,
        Participant.status,
        Participant.german_level,
        Participant.wants_full_time,
        Participant.wants_part_time,
        Participant.wants_minijob,
        Participant.available_from,
        Participant.driving_licences,
        Participant.postcode,
        consent.label("consent_in_force"),
    ).order_by(Participant.id)
    if changed is not None:
        people = people.where(changed)
    out = []
    for p in session.execute(people):
        profile = _profile(
            p.id,
            [row.term for row in skills.get(p.id, ())],
            cv.get(p.id, ()),
            [(row.language, row.level) for row in languages.get(p.id, ())],
            p,
            {row.term_key: row.concept_id for row in fixes.get(p.id, ())},
        )
        out.append((profile, not_suggested_because(p.status, p.consent_in_force) is None))
    return out


def opening_record(o: Opening) -> OpeningRecord:
    return OpeningRecord(
        id=str(o.id),
        title=o.title,
        required_skills=tuple(s.term for s in o.required_skills),
        optional_skills=tuple(s.term for s in o.optional_skills),
        must_skills=tuple(s.term for s in o.skills if s.is_must),
        german_level=o.german_level,
        hours=o.hours,
        driving_licence=o.driving_licence,
        start=o.start_date,
        postcode=o.postcode,
        language_support=o.language_support,
        readings=fixed_readings(o),
    )


def explain_person(matcher: Matcher, opening: Opening, p: Participant):
    """The matcher's explanation of ``p`` for ``opening``, with the condition "suggested at all" named by the
    one eligibility rule (``Participant.not_suggested_because``: no consent, paused, placed, left)."""
    result = matcher.explain(opening_record(opening), str(p.id))
    because = p.not_suggested_because()
    conditions = [c for c in result.explanation.get("conditions", []) if c["condition"] != "active"]
    if because is not None:
        conditions.append({"condition": "profile", "reason": because, "status": "failed"})
    result.explanation["conditions"] = conditions
    return result


class MatchingIndex:
    """A worker's matcher over all participants (only suggestible ones ranked) and open openings.

    The matcher keeps caches it fills while ranking, so one thread uses it at a time:
    ``with index.use(session) as matcher:`` brings it up to date and holds it.
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self.matcher: Matcher | None = None
        self.seq = -1
        self._builder: threading.Thread | None = None

    @property
    def ready(self) -> bool:
        """Whether the index has been built in this process (``/readyz``)."""
        return self.matcher is not None

    def build_in_background(self, app) -> None:
        """Start building the index in a thread of this process (once), so a readiness probe need not wait for it."""
        with self._lock:
            if self.matcher is not None or (self._builder is not None and self._builder.is_alive()):
                return  # built, or being built; a build that failed is started again

            def build() -> None:
                with app.app_context():
                    self.current(db.session)

            self._builder = threading.Thread(target=build, name="matching-index", daemon=True)
            self._builder.start()

    def wait_built(self, timeout: float | None = None) -> bool:
        """Wait for a build started by ``build_in_background``; True when the index is ready."""
        if self._builder is not None:
            self._builder.join(timeout)
        return self.ready

    @contextmanager
    def use(self, session: Session) -> Iterator[Matcher]:
        """The index, brought up to date with the database, held by this thread until the block ends."""
        with self._lock:
            yield self.current(session)

    def current(self, session: Session) -> Matcher:
        """The index, brought up to date with the database first (callers that rank hold it with ``use``).

        A whole build (the first use in a process, or after a restore) reads with a session of its own that
        takes no write lock; if the caller's transaction has written nothing yet, it is ended first, so that
        nobody waits for the build behind the caller's lock (SQLite has one writer at a time)."""
        seq = session.scalar(select(MatchingState.seq).where(MatchingState.id == 1)) or 0
        with self._lock:
            if self.matcher is None or seq < self.seq:  # first use, or the database was restored
                if not wrote(session):
                    session.commit()
                with read_only_session() as reading:
                    sync_layer(reading)
                    self._build(reading, seq)
            elif seq > self.seq:
                sync_layer(session)  # a change of the project's layer takes a number of the counter, too
                self._refresh(session, seq)
            return cast(Matcher, self.matcher)  # built above

    def _openings(self, session: Session, since: int | None):
        stmt = select(Opening).options(selectinload(Opening.skills), selectinload(Opening.reading_fixes))
        stmt = stmt.where(Opening.index_seq > since) if since is not None else stmt.where(Opening.status == "open")
        return session.scalars(stmt).all()

    def _build(self, session: Session, seq: int) -> None:
        profiles = profile_records(session)
        matcher = Matcher(normaliser()).fit([profile for profile, _suggested in profiles], [opening_record(o) for o in self._openings(session, None)])
        for profile, suggested in profiles:
            if not suggested:
                matcher.set_active(profile.id, False)
        warm()  # the first preview and word lookup, too: ready means ready for every first click
        self.matcher, self.seq = matcher, seq

    def _refresh(self, session: Session, seq: int) -> None:
        matcher = cast(Matcher, self.matcher)  # a refresh follows a build
        # Erasures first: an id that comes back in ``participant`` is a newer person.
        for participant_id in session.scalars(select(Erasure.participant_id).where(Erasure.index_seq > self.seq)):
            matcher.remove_profile(str(participant_id))
        for profile, suggested in profile_records(session, self.seq):
            matcher.update_profile(profile)
            if not suggested:
                matcher.set_active(profile.id, False)
        for o in self._openings(session, self.seq):
            if o.status == "open":
                matcher.update_opening(opening_record(o))
            else:
                matcher.remove_opening(str(o.id))
        self.seq = seq


def matching_index() -> MatchingIndex:
    """This worker's index (one per app)."""
    return current_app.extensions.setdefault("kmu_matching_index", MatchingIndex())
