"""Entries and exits as every statistic counts them: one rule for the statistics page, the ESF Plus
indicators, their charts and exports (README, "Was gezählt wird").

* **Eintritt**: the event ``participant.entered`` of a person, counted in the month it was recorded.
* **Austritt**: the event ``participant.left`` (exactly one per person, written by
  ``webapp.esf.operations.record_exit``), counted in the month it was recorded, whatever the reason.
* **Situation beim Austritt** ("davon in Arbeit" …): the latest situation recorded up to the end of
  the reported period (``participant.left`` and its corrections carry it in ``reason``), so a closed
  period never changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

ENTRY = "participant.entered"
EXIT = "participant.left"
EXIT_CORRECTED = "participant.exit_corrected"
EVENTS = (ENTRY, EXIT, EXIT_CORRECTED)


NEVER = 999_999  # a month after every month: no entry or no exit (yet)


def entered_in(entered, first: int, last: int):
    """Entered in the period (months, or arrays of months; NEVER for none)."""
    return (first <= entered) & (entered <= last)


def left_in(left, first: int, last: int):
    """Left in the period."""
    return (first <= left) & (left <= last)


def active_in(entered, left, first: int, last: int):
    """Taking part at some time of the period: entered by its end and not left before its start."""
    return (entered <= last) & (left >= first)


@dataclass
class Person:
    """One person's participation as the events tell it (months as ``yyyymm``)."""

    entered: tuple[int, int] | None = None  # month and record key of the entry
    left: tuple[int, int] | None = None  # month and record key of the exit
    situations: list[tuple[int, str | None]] = field(default_factory=list)  # (month, situation), in order

    def situation(self, until: int) -> str | None:
        """The exit situation as recorded by the end of month ``until``."""
        current = None
        for month, situation in self.situations:
            if month <= until:
                current = situation
        return current

    def entered_in(self, first: int, last: int) -> bool:
        return bool(entered_in(self.entered[0] if self.entered else NEVER, first, last))

    def left_in(self, first: int, last: int) -> bool:
        return bool(left_in(self.left[0] if self.left else NEVER, first, last))

    def active_in(self, first: int, last: int) -> bool:
        return bool(active_in(self.entered[0] if self.entered else NEVER, self.left[0] if self.left else NEVER, first, last))


class Timeline:
    """Everybody's entry and exit as arrays, so that a statistic of many months counts 20,000 people per month
    with a few array operations instead of a loop (the statistics page, issue 31). The rules are the functions
    above, which :class:`Person` uses too."""

    def __init__(self, people: dict[str, Person]) -> None:
        self.by_key = dict(people)
        self.people = list(people.values())
        self.position = {key: i for i, key in enumerate(people)}
        self.entered = np.asarray([p.entered[0] if p.entered else NEVER for p in self.people], dtype=np.int64)
        self.entry_keys = np.asarray([p.entered[1] if p.entered else 0 for p in self.people], dtype=np.int64)
        self.left = np.asarray([p.left[0] if p.left else NEVER for p in self.people], dtype=np.int64)
        self.exit_keys = np.asarray([p.left[1] if p.left else 0 for p in self.people], dtype=np.int64)

    def new(self, first: int, last: int) -> tuple[int, int]:
        """Entries in the period: how many, and the sum of their record keys."""
        return self._count(entered_in(self.entered, first, last), self.entry_keys)

    def active(self, first: int, last: int) -> tuple[int, int]:
        """People taking part in the period (counted by their entry's record key)."""
        return self._count(active_in(self.entered, self.left, first, last) & (self.entered != NEVER), self.entry_keys)

    def exits(self, first: int, last: int, situation: str | None = None) -> tuple[int, int]:
        """Exits in the period; with ``situation``: only those whose situation was that by the period's end."""
        chosen = left_in(self.left, first, last)
        if situation is not None:
            hits = np.flatnonzero(chosen)  # the situation is asked of the people who left, not of everybody
            chosen = np.zeros_like(chosen)
            chosen[[i for i in hits.tolist() if self.people[i].situation(last) == situation]] = True
        return self._count(chosen, self.exit_keys)

    def changed(self, changes: dict[str, Person]) -> Timeline:
        """This timeline with ``changes`` (from ``people(rows, before=self.by_key)``) applied; self stays as it is.

        The statistics page keeps the timeline of the closed months and applies only the current month's events:
        the arrays are copied and only the changed people's places written (new people are added at the end)."""
        if not changes:
            return self
        out = Timeline.__new__(Timeline)
        out.by_key = {**self.by_key, **changes}
        out.people = list(self.people)
        out.position = dict(self.position)
        added = [key for key in changes if key not in self.position]
        grow = np.full(len(added), NEVER, dtype=np.int64), np.zeros(len(added), dtype=np.int64)
        out.entered, out.left = (np.concatenate([a, grow[0]]) for a in (self.entered, self.left))
        out.entry_keys, out.exit_keys = (np.concatenate([a, grow[1]]) for a in (self.entry_keys, self.exit_keys))
        for key in added:
            out.position[key] = len(out.people)
            out.people.append(changes[key])
        for key, person in changes.items():
            i = out.position[key]
            out.people[i] = person
            out.entered[i], out.entry_keys[i] = person.entered if person.entered else (NEVER, 0)
            out.left[i], out.exit_keys[i] = person.left if person.left else (NEVER, 0)
        return out

    @staticmethod
    def _count(chosen: np.ndarray, keys: np.ndarray) -> tuple[int, int]:
        return int(chosen.sum()), int(keys[chosen].sum())


def people(rows: Iterable[tuple[str | None, str, int, str | None, int]], before: Mapping[str, Person] | None = None) -> dict[str, Person]:
    """Per person key, from rows ``(key, kind, month, reason, record_key)`` in the order they happened.

    ``before``: everybody's participation as the earlier events tell it; then the result holds only the people
    the rows change, each a changed copy (``before`` is not changed)."""
    out: dict[str, Person] = {}
    for key, kind, month, reason, record_key in rows:
        if key is None or kind not in EVENTS:
            continue
        person = out.get(key)
        if person is None:
            earlier = before.get(key) if before else None
            person = out[key] = Person(earlier.entered, earlier.left, list(earlier.situations)) if earlier else Person()
        if kind == ENTRY:
            if person.entered is None:
                person.entered = (month, record_key)
        else:
            if kind == EXIT and person.left is None:
                person.left = (month, record_key)
            person.situations.append((month, reason))
    return out
