"""KMU-Match's skill matcher: a pure library (no Flask, no SQLAlchemy).

>>> from matching import Matcher, profile_from_dict, opening_from_dict
>>> matcher = Matcher().fit([profile_from_dict({...})])            # doctest: +SKIP
>>> matcher.rank(opening_from_dict({...}), k=10)                    # doctest: +SKIP
"""

from .matcher import Matcher, Result
from .normalise import Normalised, Normaliser
from .records import Opening, Profile, RecordError, opening_from_dict, profile_from_dict, read_jsonl

__version__ = "0.1.0"
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
