"""ESF Plus common indicators (Regulation (EU) 2021/1057, Annex I) by gender, from events only.

Output indicators count the entries of a period (``esf.entry``), result indicators the exits
(``esf.exit``) and the follow-ups six months later (``esf.follow_up``). A correction
(``*_corrected``) changes what a person is counted as, but only for reports about periods
that end after the correction: a closed period never changes. Each count is a
:class:`~webapp.stats.figures.Cell`, so published figures go through the cell-key method
like every other statistic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Event
from models.enums import GENDERS

from .disclosure import perturb
from .figures import EMPTY, Cell, Period

COLUMNS = (*GENDERS, "total")
STEPS = ("entry", "exit", "follow_up")


@dataclass(frozen=True)
class Indicator:
    key: str
    label: object
    step: str  # which event it counts: entry, exit or follow_up
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


def _people(session: Session, step: str, period: Period, centre_id: int | None) -> list[tuple[dict, int]]:
    """Each person whose ``step`` falls in the period: what they count as (the latest data up to the
    period's end) and the record key of the counted event."""
    kinds = (f"esf.{step}", f"esf.{step}_corrected")
    stmt = select(Event.kind, Event.participant_key, Event.month, Event.data, Event.record_key).where(Event.kind.in_(kinds), Event.month <= period.last_month)
    if centre_id is not None:
        stmt = stmt.where(Event.centre_id == centre_id)
    first: dict[str, tuple[int, int]] = {}
    latest: dict[str, dict] = {}
    for kind, key, month, data, record_key in session.execute(stmt.order_by(Event.occurred_at, Event.id)):
        if kind == f"esf.{step}" and key not in first:
            first[key] = (month, record_key)
        latest[key] = data
    return [(latest[key], record_key) for key, (month, record_key) in first.items() if period.first_month <= month]


def cells(session: Session, period: Period, centre_id: int | None = None) -> dict[str, dict[str, Cell]]:
    """Indicator -> column (each gender and the total) -> exact cell."""
    people = {step: _people(session, step, period, centre_id) for step in STEPS}
    table: dict[str, dict[str, Cell]] = {}
    for indicator in INDICATORS:
        row = dict.fromkeys(COLUMNS, EMPTY)
        for data, record_key in people[indicator.step]:
            if indicator.test(data) and data.get("gender") in GENDERS:
                row[data["gender"]] = row[data["gender"]] + Cell(1, record_key)
        row["total"] = sum((row[g] for g in GENDERS), EMPTY)
        table[indicator.key] = row
    return table


def figures(table: dict[str, dict[str, Cell]], internal: bool) -> dict[str, dict[str, int]]:
    """Exact counts for the project lead's internal view; otherwise each cell perturbed (cell-key)."""
    return {key: {column: (cell.count if internal else perturb(cell)) for column, cell in row.items()} for key, row in table.items()}
