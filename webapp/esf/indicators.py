"""ESF Plus common indicators (Regulation (EU) 2021/1057, Annex I) by gender.

Output indicators count the entries of a period, result indicators the exits and the follow-ups
six months later. Entries and exits are the very events the statistics page counts
(:mod:`webapp.stats.participation`: one rule, so both pages give the same totals); what a person
counts as (gender, age group, labour status, education) is the latest ESF entry data recorded up to
the period's end (``esf.entry`` and its corrections), so a closed period never changes. People
without ESF entry data are counted in the column "ohne Angabe".

The voluntary special-category answers are never in the event log: they are counted, for the
people of the period, from the participation records as they are when the report is made – a
withdrawn consent or an erasure removes them from every report, past ones included.

Each count is a :class:`~webapp.stats.figures.Cell`, so published figures go through the
cell-key method like every other statistic (the same people give the same cell on both pages).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import EsfRecord, Event, Participant
from models.enums import GENDERS, VOLUNTARY_ESF_FIELDS
from webapp.core.i18n import lazy_gettext as _l
from webapp.stats import participation
from webapp.stats.disclosure import perturb
from webapp.stats.figures import EMPTY, Cell, HistoryCache, Period

UNKNOWN = "unknown"
COLUMNS = (*GENDERS, UNKNOWN, "total")
STEPS = ("entry", "exit", "follow_up")
ENTRY_DATA = ("esf.entry", "esf.entry_corrected")
FOLLOW_UPS = ("esf.follow_up", "esf.follow_up_corrected")
KINDS = (*participation.EVENTS, *ENTRY_DATA, *FOLLOW_UPS)  # the events the indicators are counted from


@dataclass(frozen=True)
class Indicator:
    key: str
    label: object
    step: str  # which step it counts: entry, exit or follow_up
    test: Callable[[dict], bool]


def _is(field: str, *values) -> Callable[[dict], bool]:
    return lambda data: data.get(field) in values


INDICATORS = (
    Indicator("participants", _l("Teilnehmende (Eintritte)"), "entry", lambda d: True),
    Indicator("unemployed", _l("arbeitslos, auch langzeitarbeitslos"), "entry", _is("labour_status", "unemployed", "long_term_unemployed")),
    Indicator("long_term_unemployed", _l("langzeitarbeitslos"), "entry", _is("labour_status", "long_term_unemployed")),
    Indicator("inactive", _l("nicht erwerbstätig"), "entry", _is("labour_status", "inactive")),
    Indicator("employed", _l("erwerbstätig, auch selbständig"), "entry", _is("labour_status", "employed")),
    Indicator("under_18", _l("unter 18 Jahre"), "entry", _is("age_group", "under_18")),
    Indicator("age_18_29", _l("18 bis 29 Jahre"), "entry", _is("age_group", "18_29")),
    Indicator("age_55_plus", _l("55 Jahre und älter"), "entry", _is("age_group", "55_plus")),
    Indicator("isced_0_2", _l("Bildung ISCED 0–2"), "entry", _is("education", "isced_0_2")),
    Indicator("isced_3_4", _l("Bildung ISCED 3–4"), "entry", _is("education", "isced_3_4")),
    Indicator("isced_5_8", _l("Bildung ISCED 5–8"), "entry", _is("education", "isced_5_8")),
    Indicator("disability", _l("mit Behinderung"), "entry", _is("disability", True)),
    Indicator("third_country", _l("Drittstaatsangehörige"), "entry", _is("third_country", True)),
    Indicator("foreign_background", _l("ausländischer Herkunft"), "entry", _is("foreign_background", True)),
    Indicator("minority", _l("Angehörige von Minderheiten"), "entry", _is("minority", True)),
    Indicator("homeless", _l("obdachlos oder von Wohnungsausgrenzung betroffen"), "entry", _is("homeless", True)),
    Indicator("exits", _l("Austritte"), "exit", lambda d: True),
    Indicator("exit_job_searching", _l("nach dem Austritt auf Arbeitsuche"), "exit", _is("situation", "job_searching")),
    Indicator("exit_education", _l("nach dem Austritt in Schule oder Ausbildung"), "exit", _is("situation", "education")),
    Indicator("exit_qualification", _l("mit erworbener Qualifizierung ausgetreten"), "exit", _is("situation", "qualification")),
    Indicator("exit_employed", _l("nach dem Austritt in Arbeit, auch selbständig"), "exit", _is("situation", "employed")),
    Indicator("employed_six_months", _l("sechs Monate nach dem Austritt in Arbeit"), "follow_up", _is("employed", True)),
)


def _latest(session: Session, kinds: tuple[str, ...], period: Period, centre_id: int | None) -> dict[str, dict]:
    """Per person key, the data of the latest event of ``kinds`` up to the period's end."""
    stmt = select(Event.participant_key, Event.data).where(Event.kind.in_(kinds), Event.month <= period.last_month)
    if centre_id is not None:
        stmt = stmt.where(Event.centre_id == centre_id)
    return {key: data for key, data in session.execute(stmt.order_by(Event.occurred_at, Event.id))}


def _voluntary(session: Session, keys: list[str]) -> dict[str, dict]:
    """The special-category answers of these people as the records hold them now (only with their consent)."""
    if not keys:
        return {}
    rows = session.execute(
        select(Participant.stats_key, *(getattr(EsfRecord, name) for name in VOLUNTARY_ESF_FIELDS))
        .join(EsfRecord, EsfRecord.participant_id == Participant.id)
        .where(Participant.stats_key.in_(keys), EsfRecord.voluntary_consent_at.is_not(None))
    )
    return {row[0]: dict(zip(VOLUNTARY_ESF_FIELDS, row[1:])) for row in rows}


def _people(session: Session, period: Period, centre_id: int | None) -> dict[str, list[tuple[dict, int]]]:
    """Per step: each person the step counts in the period, with what they count as and the record key of the counted event."""
    stmt = select(Event.participant_key, Event.kind, Event.month, Event.reason, Event.record_key).where(
        Event.kind.in_(participation.EVENTS), Event.month <= period.last_month
    )
    if centre_id is not None:
        stmt = stmt.where(Event.centre_id == centre_id)
    timeline = participation.people(session.execute(stmt.order_by(Event.occurred_at, Event.id)).tuples())
    first, last = period.first_month, period.last_month
    entry_data = _latest(session, ENTRY_DATA, period, centre_id)
    entries = [(key, p.entered[1]) for key, p in timeline.items() if p.entered is not None and p.entered_in(first, last)]
    voluntary = _voluntary(session, [key for key, _rk in entries])
    out: dict[str, list[tuple[dict, int]]] = {
        "entry": [({**entry_data.get(key, {}), **voluntary.get(key, {})}, rk) for key, rk in entries],
        "exit": [
            ({**entry_data.get(key, {}), "situation": p.situation(last)}, p.left[1])
            for key, p in timeline.items()
            if p.left is not None and p.left_in(first, last)
        ],
    }
    # Follow-ups: the first of each person's in the period, with the latest answer up to its end.
    follow = select(Event.kind, Event.participant_key, Event.month, Event.data, Event.record_key).where(Event.kind.in_(FOLLOW_UPS), Event.month <= last)
    if centre_id is not None:
        follow = follow.where(Event.centre_id == centre_id)
    counted: dict[str, tuple[int, int]] = {}
    answer: dict[str, dict] = {}
    for kind, key, month, data, record_key in session.execute(follow.order_by(Event.occurred_at, Event.id)):
        if kind == "esf.follow_up" and key not in counted:
            counted[key] = (month, record_key)
        answer[key] = data
    out["follow_up"] = [({**entry_data.get(key, {}), **answer[key]}, rk) for key, (month, rk) in counted.items() if month >= first]
    return out


def cells(session: Session, period: Period, centre_id: int | None = None, cache: HistoryCache | None = None) -> dict[str, dict[str, Cell]]:
    """Indicator -> column (each gender, "ohne Angabe" and the total) -> exact cell. With a worker's ``cache``,
    made once per period and house and kept until an event it counts is added or an ESF record changes (the
    voluntary answers are read as the records are now)."""
    if cache is None:
        return _cells(session, period, centre_id)
    records = session.execute(select(func.count(), func.max(EsfRecord.updated_at))).one()
    key = ("esf", period.first_month, period.last_month, centre_id)
    return cache.kept(session, key, period.last_month, KINDS, lambda: _cells(session, period, centre_id), also=tuple(records))


def _cells(session: Session, period: Period, centre_id: int | None) -> dict[str, dict[str, Cell]]:
    people = _people(session, period, centre_id)
    table: dict[str, dict[str, Cell]] = {}
    for indicator in INDICATORS:
        row = dict.fromkeys(COLUMNS, EMPTY)
        for data, record_key in people[indicator.step]:
            if indicator.test(data):
                gender = data.get("gender")
                column = gender if isinstance(gender, str) and gender in GENDERS else UNKNOWN
                row[column] = row[column] + Cell(1, record_key)
        row["total"] = sum((row[c] for c in (*GENDERS, UNKNOWN)), EMPTY)
        table[indicator.key] = row
    return table


def figures(table: dict[str, dict[str, Cell]], internal: bool) -> dict[str, dict[str, int]]:
    """Exact counts for the project lead's internal view; otherwise each cell perturbed (cell-key)."""
    return {key: {column: (cell.count if internal else perturb(cell)) for column, cell in row.items()} for key, row in table.items()}
