"""The invariants that hold the records together, checked against a live database (read-only).

``flask --app wsgi check`` runs them (a project lead before the monthly report), ``flask daily`` runs them
and mails the admins when one fails, and the model-based test (``tests/webapp/test_workflow_model.py``)
checks them after every step of random sequences of real operations. Each finding names the rule and
the rows it is about – never anybody's data.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import AuditEvent, Erasure, EsfRecord, Event, Introduction, Opening, Participant
from models.enums import VOLUNTARY_ESF_FIELDS
from webapp.privacy.personal_data import owned_tables


@dataclass(frozen=True)
class Finding:
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.detail}"


def _codes(rows: Iterable, limit: int = 10) -> str:
    rows = sorted(set(rows))
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (f" (und {len(rows) - limit} weitere)" if len(rows) > limit else "")


def participation(session: Session) -> list[Finding]:
    """Entry and exit have one owner (the participation record) and are counted exactly once."""
    out: list[Finding] = []
    people = session.execute(select(Participant.id, Participant.pseudonym, Participant.status, Participant.stats_key)).all()
    records = {r.participant_id: r for r in session.scalars(select(EsfRecord))}
    entered = Counter(session.scalars(select(Event.participant_key).where(Event.kind == "participant.entered")))
    left = Counter(session.scalars(select(Event.participant_key).where(Event.kind == "participant.left")))
    hired_open = set(
        session.scalars(
            select(Introduction.participant_id)
            .join(EsfRecord, EsfRecord.participant_id == Introduction.participant_id)
            .where(Introduction.status == "hired", EsfRecord.left_on.is_(None))
        )
    )
    missing = [code for pid, code, _s, _k in people if pid not in records]
    if missing:
        out.append(Finding("Teilnahme ohne Datensatz", _codes(missing)))
    wrong_status = [code for pid, code, status, _k in people if pid in records and (status == "left") != (records[pid].left_on is not None)]
    if wrong_status:
        out.append(Finding("Status „ausgetreten“ und Austritt im Datensatz passen nicht zusammen", _codes(wrong_status)))
    placed = [code for pid, code, status, _k in people if (status == "placed") != (pid in hired_open)]
    if placed:
        out.append(Finding("Status „eingestellt“ ohne offene Einstellung (oder umgekehrt)", _codes(placed)))
    twice_in = [code for _pid, code, _s, key in people if entered[key] != 1]
    if twice_in:
        out.append(Finding("Eintritt nicht genau einmal gezählt", _codes(twice_in)))
    exits = [code for pid, code, _s, key in people if left[key] != (1 if pid in records and records[pid].left_on is not None else 0)]
    if exits:
        out.append(Finding("Austritt nicht genau einmal gezählt", _codes(exits)))
    order = [code for pid, code, _s, _k in people if pid in records and (records[pid].left_on or records[pid].entered_on) < records[pid].entered_on]
    if order:
        out.append(Finding("Austritt vor dem Eintritt", _codes(order)))
    return out


def decisions(session: Session) -> list[Finding]:
    """Every decision about an introduction is one event and one audit row."""
    out: list[Finding] = []
    intros = session.execute(
        select(Introduction.id, Introduction.status, Introduction.opening_id, Participant.stats_key, Participant.pseudonym)
        .join(Participant)
        .where(Introduction.decided_at.is_not(None))
    ).all()
    approved_events = Counter(session.execute(select(Event.opening_id, Event.participant_key).where(Event.kind == "introduction.approved")).tuples())
    rejected_events = Counter(session.execute(select(Event.opening_id, Event.participant_key).where(Event.kind == "introduction.rejected")).tuples())
    audited = Counter(
        session.execute(
            select(AuditEvent.object_id, AuditEvent.action).where(
                AuditEvent.object_type == "introduction", AuditEvent.action.in_(("introduction.approve", "introduction.reject"))
            )
        ).tuples()
    )
    wrong_events, wrong_audit = [], []
    for intro_id, status, opening_id, key, code in intros:
        approved = status != "rejected"
        events = approved_events if approved else rejected_events
        if events[(opening_id, key)] != 1:
            wrong_events.append(f"{code} → {opening_id}")
        if audited[(intro_id, "introduction.approve" if approved else "introduction.reject")] != 1:
            wrong_audit.append(f"{code} → {opening_id}")
    if wrong_events:
        out.append(Finding("Entscheidung nicht genau einmal gezählt", _codes(wrong_events)))
    if wrong_audit:
        out.append(Finding("Entscheidung nicht genau einmal protokolliert", _codes(wrong_audit)))
    return out


def events_hold_no_special_categories(session: Session) -> list[Finding]:
    rows = session.execute(select(Event.id, Event.data).where(Event.kind.like("esf.%"))).all()
    bad = [eid for eid, data in rows if data and any(name in data for name in VOLUNTARY_ESF_FIELDS)]
    return [Finding("Besondere Kategorien im Ereignisverlauf", _codes(bad))] if bad else []


def erased_stay_erased(session: Session) -> list[Finding]:
    """Nobody in the erasure register is back, and nothing of theirs is left in a table that belonged to them."""
    back = session.scalars(select(Participant.pseudonym).join(Erasure, Erasure.register_key == Participant.erasure_key)).all()
    out = [Finding("Gelöschte Person wieder da", _codes(back))] if back else []
    orphans = []
    for table, column in owned_tables("participant"):
        owner = table.c[column]
        n = session.scalar(select(func.count()).select_from(table).where(owner.is_not(None), ~owner.in_(select(Participant.id))))
        if n:
            orphans.append(f"{table.name} ({n})")
    if orphans:
        out.append(Finding("Daten ohne Person", _codes(orphans)))
    return out


def statistics_agree(session: Session, months: int = 13) -> list[Finding]:
    """The statistics page and the ESF Plus indicators count the same entries and exits (exact and published)."""
    from webapp.esf import indicators as esf_indicators
    from webapp.stats.disclosure import perturb
    from webapp.stats.figures import Filters, History, Period, current_month, last_months

    out = []
    now = Period.months(f"{current_month() // 100:04d}-{current_month() % 100:02d}")
    history = History(session, now.last_month)
    periods = [*last_months(now, months), Period.quarter(now.first.year, (now.first.month - 1) // 3 + 1), Period.year(now.first.year)]
    pairs = (("participants_new", "participants"), ("participants_left", "exits"), ("participants_left_employed", "exit_employed"))
    for period in periods:
        figures = history.cells(period, Filters())
        indicators = esf_indicators.cells(session, period)
        for figure, indicator in pairs:
            a, b = figures[figure], indicators[indicator]["total"]
            if a.count != b.count or perturb(a) != perturb(b):
                out.append(Finding("Statistik und ESF-Plus-Indikatoren zählen verschieden", f"{figure} {period.label}: {a.count} gegen {b.count}"))
    return out


def suggested_nowhere(session: Session, matcher) -> list[Finding]:
    """Who is not suggestible (no consent, paused, placed, left) is out of every ranking, and everybody else in."""
    wrong = []
    for p in session.scalars(select(Participant)):
        row = matcher.profile_row_.get(str(p.id))
        ranked = row is not None and bool(matcher.active_[row])
        if ranked != p.suggestible:
            wrong.append(p.pseudonym)
    return [Finding("Vorgeschlagen, obwohl ausgeschlossen (oder umgekehrt)", _codes(wrong))] if wrong else []


def same_words_exact(session: Session, matcher, per_opening: int = 20) -> list[Finding]:
    """A profile term written like an opening's line is paired with it as "genau so" with full credit."""
    from matching.text import key
    from webapp.suggestions.index import opening_record

    wrong = []
    for opening in session.scalars(select(Opening).where(Opening.status == "open")):
        record = opening_record(opening)
        lines = {key(t) for t in (*record.required_skills, *record.optional_skills)}
        for result in matcher.rank(record, k=per_opening):
            for pair in result.explanation.get("matched", []):
                if (
                    pair.get("kind") != "title"
                    and key(pair["by"]) == key(pair["required"])
                    and key(pair["required"]) in lines
                    and (pair["how"] != "exact" or pair["credit"] < 1)
                ):
                    wrong.append(f"{opening.id}: {pair['required']}")
    return [Finding("Gleich geschriebene Begriffe nicht „genau so“", _codes(wrong))] if wrong else []


RULES: tuple[Callable[[Session], list[Finding]], ...] = (participation, decisions, events_hold_no_special_categories, erased_stay_erased, statistics_agree)


def check(session: Session, matcher=None) -> list[Finding]:
    """Every invariant; with a matcher (the index of this process), the matching ones too."""
    found: list[Finding] = []
    for rule in RULES:
        found += rule(session)
    if matcher is not None:
        found += suggested_nowhere(session, matcher) + same_words_exact(session, matcher)
    return found
