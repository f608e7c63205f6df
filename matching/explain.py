"""How a score came about, in the shape the web app and the command line show.

An explanation lists, for each part of the opening, the profile term that
covers it and how sure that is:

``exact``, ``synonym``, ``translation``, ``fuzzy``  the same concept (a typing error forgiven for ``fuzzy``)
``found``     the opening's line contains the profile's skill ("Besitz eines gültigen Staplerscheins")
``related``   an explicitly related concept (partial credit, never "the same")
``similar``   shares words with the opening's text (``shared``: which; only a likeness a reader would
              accept, see :mod:`matching.likeness`); ``strength`` says how much (partial credit)
``object``    as ``similar``, where both sides say what is done, not the same, and share only what it
              is done to ("Bekleidungsprodukte herstellen", "… untersuchen"): the reader checks the task
``occupation`` the title names an occupation, and the profile has it or one of the skills such a job
              usually needs (``kind`` "title"; the title is evidence like any line, shown as such)

plus the required parts nothing covers, the occupation the title names and how
much of it the profile fits, the hard conditions, and the parts of the score.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy import sparse

from .text import key

if TYPE_CHECKING:
    from .reading import Part, Understood

# The ways a pair can claim the same meaning, from the surest.
IDENTITY = ("exact", "synonym", "translation", "fuzzy", "found", "project", "corrected")
HOW_RANK = {
    "exact": 0,
    "corrected": 0.5,
    "synonym": 1,
    "project": 1.5,
    "translation": 2,
    "found": 3,
    "fuzzy": 4,
    "related": 5,
    "similar": 6,
    "object": 6,
    "occupation": 6.5,
    "unknown": 7,
    "own": 7,
}


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


def pairs(
    u: Understood,
    by_column: dict[int, list[tuple[str, str]]],
    credits: np.ndarray,
    own_columns: Callable[[Part], tuple[int | None, int | None]],
    labels: Sequence[str],
    related_credit: float,
    similar_credit: float,
    shared_words: Callable[[Part, int, str], tuple[list[str], str]],
) -> tuple[list[dict[str, Any]], list[str]]:
    """The matched pairs of an opening and one profile, and the required lines nothing covers.

    ``by_column`` holds the profile's terms (and how each was read) per column;
    ``credits`` the best credit per part; ``own_columns`` the column of a part's own
    concept (or words) and the column of its line's very words. A pair through the
    line's words is "exact" (the same words, whatever either side was read as), one
    through the part's own column claims identity, one through an explicitly related
    concept says "related", any other is graded and names the words both sides share
    (``shared_words``, with how to call them: "similar", or "object" where only what is worked on is shared).
    """
    if u.credit is None or u.similar is None:
        raise ValueError("the opening's credit rows were not made (Matcher._prepare)")
    found: list[dict[str, Any]] = []
    covered: set[str] = set()
    required_lines: list[str] = []
    for i, part in enumerate(u.parts):
        if part.required and part.line not in required_lines:
            required_lines.append(part.line)
        if credits[i] <= 0:
            continue
        start, end = u.credit.indptr[i], u.credit.indptr[i + 1]
        own, same_words = own_columns(part)
        best = None
        for col, value in zip(u.credit.indices[start:end], u.credit.data[start:end]):
            # the highest credit; among equals the very same words, then the part's own concept
            rank = (value, col == same_words, col == own)
            if col in by_column and (best is None or rank > best[2]):
                best = (col, value, rank)
        if best is None:
            continue
        col, value, _rank = best
        text, profile_how = min(by_column[col], key=lambda th: HOW_RANK.get(th[1], 9))
        label = labels[part.concept] if part.concept is not None else None
        if col == same_words:
            entry = matched(part.line, part.text, text, "exact", value, part.required, label)
        elif own == col:
            how = "exact" if key(text) == key(part.text) else pair_how(part.norm.how if part.norm else "unknown", profile_how)
            entry = matched(part.line, part.text, text, how, value, part.required, label)
        elif value >= related_credit - 1e-6 and _entry(u.similar, i, col) < value - 1e-6:
            entry = matched(part.line, part.text, text, "related", value, part.required, label)
        else:
            shared, how = shared_words(part, col, text)
            entry = matched(part.line, part.text, text, how, value, part.required, label, strength=value / similar_credit)
            entry["shared"] = shared
        found.append(entry)
        covered.add(part.line)
    return found, [line for line in required_lines if line not in covered]


def _entry(matrix: sparse.csr_matrix, row: int, col: int) -> np.floating:
    """``matrix[row, col]`` (of its type), read from its arrays: indexing the sparse matrix costs five times as much,
    and an explanation asks for each pair it calls "related"."""
    start, end = matrix.indptr[row], matrix.indptr[row + 1]
    at = np.flatnonzero(matrix.indices[start:end] == col)
    return matrix.data[start + at].sum(dtype=matrix.dtype) if len(at) else matrix.dtype.type(0)


def title_evidence(
    u: Understood,
    by_column: dict[int, list[tuple[str, str]]],
    columns: dict[int, tuple[int, int | None]],
    labels: Sequence[str],
    depth_norm: float,
    shown: set[str],
    limit: int = 4,
) -> list[dict[str, Any]]:
    """The title as evidence: the profile's terms that are the occupation the title names, or skills it needs
    (without a title: the occupation the ad's lines fit best, ``named_by`` "lines").

    ``columns`` maps a column to (occupation, skill or None for the occupation itself), the occupations
    first; terms already shown for a line (``shown``) are not repeated. At most ``limit`` entries.
    """
    if u.prior is None:
        return []
    line = u.opening.title or ""
    named = {o.concept for o in u.occupations if o.via}  # named by the title (or "Ausbildung als …"), not guessed from the lines
    out: list[dict[str, Any]] = []
    # the profile's few columns that count are looked for in the occupation's hundreds, in their order
    weights = u.prior.weights
    left = {col for col in by_column if col in columns and col in weights}
    for col, (occupation, skill) in columns.items():
        if not left:
            break
        if col not in left:
            continue
        left.discard(col)
        text, _how = min(by_column[col], key=lambda th: HOW_RANK.get(th[1], 9))
        if text in shown:
            continue
        shown.add(text)
        needs = labels[skill if skill is not None else occupation]
        out.append(
            {
                "required": line or labels[occupation],
                "by": text,
                "how": "occupation",
                "credit": round(min(1.0, weights[col] / depth_norm), 3),
                "kind": "title",
                "part": needs,
                "skill": needs,
                "occupation": labels[occupation],
                "named_by": "title" if occupation in named else "lines",  # "lines": the ad's task lines fit it best
            }
        )
        if len(out) >= limit:
            break
    return out
