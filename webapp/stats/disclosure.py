"""Disclosure control for every figure that leaves the project lead's desk: the cell-key method.

What it protects against: somebody who sees published tables (a counsellor, the
funder, the university, anybody a report is passed on to) learning that one or
two identifiable people did something – also by differencing (a total minus the
other sectors, a quarter minus two of its months).

How: every event carries a random record key (``Event.record_key``, never shown).
A published count is the true count plus a little noise, and the noise is chosen
by the cell's key – the sum of the record keys of exactly the people or events
counted – from a fixed perturbation table (:data:`PTABLE`). So:

* the same cell (the same people counted) always shows the same number, in every
  page, chart and export, however often it is asked for, so asking again gives
  nothing new;
* counts of 1 and 2 are never published (they become 0, 3 or 4), and published
  counts are unbiased: on average they equal the true counts;
* a difference of published cells carries the noise of every cell involved, so
  it does not give the true count of the part that was left out.

This is the method of the German statistical offices for the 2022 census
(Destatis, "Cell Key Method"); the table here is smaller (noise of at most ±3,
mostly 0 or ±1, plus the jump from 1–4 to 0 or 3–6). The table's width was
chosen by attacking it (bounds propagation over every linked table of the demo
history, 150 random draws of the record keys each): with noise of at most ±2 and
4 never shown as 0, small counts were pinned in 3 of 150 draws (a total shown as
0 is at most 3; three parts shown as 3 are each at least 1, so each is exactly
1); with this table in 1 of 150 (draws partly overlapping those it was chosen
on) and in 2 of 150 fresh draws never looked at before (1.3 %). No table with bounded noise makes it
impossible – the cell-key method lowers the chance, as at Destatis – so the
test attacks several key draws and allows at most one of them a find. On top of it, published statistics offer
only whole months, calendar quarters and calendar years, so that the number of
overlapping tables stays small. Ratios are computed from perturbed counts;
medians are shown only when at least :data:`MIN_VALUES` values lie behind them.
The project lead's internal view shows exact figures and is marked as such.
"""

from __future__ import annotations

from webapp.stats.figures import COUNTS, Cell, Period

KEY_MODULUS = 2**31  # record keys are random numbers below this
MIN_VALUES = 3  # medians and ratios need at least this many values (after perturbation) behind them

# True count -> (published count, probability), for the small counts where the table is special.
PTABLE: dict[int, tuple[tuple[int, float], ...]] = {
    1: ((0, 2 / 3), (3, 1 / 3)),
    2: ((0, 0.4), (3, 0.4), (4, 0.2)),
    3: ((0, 0.1), (3, 0.7), (4, 0.1), (5, 0.1)),
    4: ((0, 0.05), (3, 0.2), (4, 0.45), (5, 0.2), (6, 0.1)),
    5: ((3, 0.07), (4, 0.19), (5, 0.5), (6, 0.17), (7, 0.05), (8, 0.02)),
}
# From 6 on: true count plus noise.
NOISE: tuple[tuple[int, float], ...] = ((-3, 0.02), (-2, 0.05), (-1, 0.18), (0, 0.5), (1, 0.18), (2, 0.05), (3, 0.02))


def row(count: int) -> tuple[tuple[int, float], ...]:
    """The published counts a true ``count`` can become, with their probabilities."""
    if count <= 0:
        return ((0, 1.0),)
    return PTABLE.get(count) or tuple((count + noise, p) for noise, p in NOISE)


def perturb(cell: Cell) -> int:
    """The published count of ``cell``: fixed by its count and the sum of its record keys."""
    u = (cell.keysum % KEY_MODULUS) / KEY_MODULUS
    upper = 0.0
    choices = row(cell.count)
    for value, p in choices:
        upper += p
        if u < upper:
            return value
    return choices[-1][0]


def possible_counts(published: int) -> list[int]:
    """Every true count that can be published as ``published`` (all that somebody who knows this table can infer)."""
    return [t for t in range(0, published + 8) if any(v == published for v, _p in row(t))]


def publish(cells: dict, period: Period) -> dict:
    """The figures of one period as they may be published (counts perturbed, thin medians and ratios left out)."""
    values: dict = {name: perturb(cells[name]) for name in COUNTS}
    values["period"] = period.label
    values["rejections_by_reason"] = {reason: perturb(cell) for reason, cell in cells["rejections_by_reason"].items()}
    values["rejections_by_reason"] = {reason: n for reason, n in values["rejections_by_reason"].items() if n}
    approvals, hires = values["approvals"], values["hires"]
    values["placement_rate"] = round(min(hires, approvals) / approvals, 3) if approvals >= MIN_VALUES else None
    for name in ("median_days_to_first_introduction", "median_days_to_hire"):
        values[name] = cells[name] if cells[f"{name}_n"] >= MIN_VALUES else None
    missing = {term: perturb(cell) for term, cell in cells["missing_skills_in_rejections"].items()}
    values["missing_skills_in_rejections"] = {term: n for term, n in sorted(missing.items(), key=lambda kv: (-kv[1], kv[0])) if n}
    return values


def publishable(period: Period) -> bool:
    """Published statistics cover a whole month, a calendar quarter or a calendar year."""
    return period.kind in ("month", "quarter", "year")


__all__ = ["KEY_MODULUS", "MIN_VALUES", "PTABLE", "perturb", "possible_counts", "publish", "publishable", "row"]
