"""How a score came about, in the shape the web app and the command line show.

An explanation lists, for each part of the opening, the profile term that
covers it and how sure that is:

``exact``, ``synonym``, ``translation``, ``fuzzy``  the same concept (a typing error forgiven for ``fuzzy``)
``found``     the opening's line contains the profile's skill ("Besitz eines gültigen Staplerscheins")
``related``   an explicitly related concept (partial credit, never "the same")
``similar``   shares words with the opening's text; ``strength`` says how much (partial credit)

plus the required parts nothing covers, the occupation the title names and how
much of it the profile fits, the hard conditions, and the parts of the score.
"""

from __future__ import annotations

from typing import Any

# The ways a pair can claim the same meaning, from the surest.
IDENTITY = ("exact", "synonym", "translation", "fuzzy", "found")
HOW_RANK = {"exact": 0, "synonym": 1, "translation": 2, "found": 3, "fuzzy": 4, "related": 5, "similar": 6, "unknown": 7}


def pair_how(opening_how: str, profile_how: str) -> str:
    """The weaker of the two ways each side was understood (a pair is as sure as its weaker side)."""
    worst = max(opening_how, profile_how, key=lambda h: HOW_RANK.get(h, 9))
    return "synonym" if worst == "exact" else worst


def matched(line: str, part: str, by: str, how: str, credit: float, required: bool, label: str | None, strength: float | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {"required": line, "by": by, "how": how, "credit": round(float(credit), 3), "kind": "required" if required else "optional"}
    if part and part != line:
        entry["part"] = part
    if label:
        entry["skill"] = label
    if strength is not None:
        entry["strength"] = round(float(strength), 2)
    return entry


def parts_of_score(
    required: float, optional: float, coverage: float, depth: float, text: float, proximity: float, distance: float, weights: dict[str, float]
) -> dict[str, Any]:
    return {
        "required": round(float(required), 4),
        "optional": round(float(optional), 4),
        "coverage": round(float(coverage), 4),
        "occupation": round(float(depth), 4),
        "text": round(float(text), 4),
        "proximity": round(float(proximity), 4),
        "distance_km": None if distance != distance else round(float(distance), 1),  # nan -> None
        "weights": weights,
    }
