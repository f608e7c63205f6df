"""Entries and exits as every statistic counts them: one rule for the statistics page, the ESF Plus
indicators, their charts and exports (README, "Was gezählt wird").

* **Eintritt**: the event ``participant.entered`` of a person, counted in the month it was recorded.
* **Austritt**: the event ``participant.left`` (exactly one per person, written by
  ``webapp.esf.record_exit``), counted in the month it was recorded, whatever the reason.
* **Situation beim Austritt** ("davon in Arbeit" …): the latest situation recorded up to the end of
  the reported period (``participant.left`` and its corrections carry it in ``reason``), so a closed
  period never changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

ENTRY = "participant.entered"
EXIT = "participant.left"
EXIT_CORRECTED = "participant.exit_corrected"
EVENTS = (ENTRY, EXIT, EXIT_CORRECTED)


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
        return self.entered is not None and first <= self.entered[0] <= last

    def left_in(self, first: int, last: int) -> bool:
        return self.left is not None and first <= self.left[0] <= last

    def active_in(self, first: int, last: int) -> bool:
        """Taking part at some time of the period: entered by its end and not left before its start."""
        return self.entered is not None and self.entered[0] <= last and (self.left is None or self.left[0] >= first)


def people(rows: Iterable[tuple[str | None, str, int, str | None, int]]) -> dict[str, Person]:
    """Per person key, from rows ``(key, kind, month, reason, record_key)`` in the order they happened."""
    out: dict[str, Person] = {}
    for key, kind, month, reason, record_key in rows:
        if key is None or kind not in EVENTS:
            continue
        person = out.setdefault(key, Person())
        if kind == ENTRY:
            if person.entered is None:
                person.entered = (month, record_key)
        else:
            if kind == EXIT and person.left is None:
                person.left = (month, record_key)
            person.situations.append((month, reason))
    return out
