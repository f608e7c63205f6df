"""KMU-Match's skill matcher: a pure library (no Flask, no SQLAlchemy).

>>> from matching import Matcher, profile_from_dict, opening_from_dict
>>> matcher = Matcher().fit([profile_from_dict({...})])            # doctest: +SKIP
>>> matcher.rank(opening_from_dict({...}), k=10)                    # doctest: +SKIP

The names below are imported when first asked for: ``python -m matching`` then imports
scikit-learn inside :func:`matching.frames.call_with_room`, not before it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .matcher import Matcher, Result
    from .normalise import Normalised, Normaliser
    from .records import Opening, Profile, RecordError, opening_from_dict, profile_from_dict, read_jsonl

__version__ = "0.1.0"
_HOMES = {
    "Matcher": "matcher",
    "Result": "matcher",
    "Normalised": "normalise",
    "Normaliser": "normalise",
    "Opening": "records",
    "Profile": "records",
    "RecordError": "records",
    "opening_from_dict": "records",
    "profile_from_dict": "records",
    "read_jsonl": "records",
}
__all__ = [
    "Matcher",
    "Normalised",
    "Normaliser",
    "Opening",
    "Profile",
    "RecordError",
    "Result",
    "opening_from_dict",
    "profile_from_dict",
    "read_jsonl",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value  # asked once
    return value
