"""Query parameters and redirect targets, read in one place and bounded.

Every view reads its query parameters through these functions (a test checks
that no other module touches ``request.args``). Whatever a browser, a typo or
an attacker sends, the answer is a value inside the bounds or the default –
never an exception deeper down (a 20-digit page number, a year 9999, a NUL
byte that PostgreSQL refuses).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from urllib.parse import unquote, urlsplit

from flask import request

MAX_INT = 2**31 - 1  # what both databases store in an INTEGER column
FIRST_YEAR, LAST_YEAR = 2000, 2099  # months outside these years are refused
_MONTH = re.compile(r"(\d{4})-(\d{2})")


def clean_text(value: str | None, max_length: int = 200) -> str:
    """``value`` without control and format characters, whitespace collapsed, at most ``max_length`` characters."""
    if not value:
        return ""
    kept = "".join(" " if ch.isspace() else ch for ch in value if unicodedata.category(ch) not in ("Cc", "Cf") or ch.isspace())
    return " ".join(kept.split())[:max_length]


def _source(source: Mapping[str, str] | None) -> Mapping[str, str]:
    return request.args if source is None else source


def given(name: str, *, source: Mapping[str, str] | None = None) -> bool:
    """Whether the parameter was sent at all (even empty)."""
    return name in _source(source)


def text(name: str, max_length: int = 100, *, source: Mapping[str, str] | None = None) -> str:
    """A free-text parameter (search boxes): cleaned and cut to ``max_length``."""
    return clean_text(_source(source).get(name), max_length)


def integer(name: str, default: int | None = None, *, minimum: int = 0, maximum: int = MAX_INT, source: Mapping[str, str] | None = None) -> int | None:
    """A whole number within [minimum, maximum]; anything else gives ``default``."""
    raw = (_source(source).get(name) or "").strip()
    if not raw or len(raw) > 10 or not (raw.isascii() and raw.isdigit()):
        return default
    value = int(raw)
    return value if minimum <= value <= maximum else default


def choice(name: str, choices: Collection[str], default: str | None = None, *, source: Mapping[str, str] | None = None) -> str | None:
    """One of ``choices``, else ``default``."""
    raw = _source(source).get(name)
    return raw if raw in choices else default


def month(name: str, *, source: Mapping[str, str] | None = None) -> str | None:
    """A month written ``YYYY-MM`` between 2000 and 2099, else None."""
    raw = (_source(source).get(name) or "").strip()
    return raw if is_month(raw) else None


def is_month(value: str) -> bool:
    found = _MONTH.fullmatch(value or "")
    return found is not None and FIRST_YEAR <= int(found.group(1)) <= LAST_YEAR and 1 <= int(found.group(2)) <= 12


def redirect_target(name: str, *, source: Mapping[str, str] | None = None) -> str | None:
    """A ``next``-style parameter: a path on this site, else None."""
    return safe_next(_source(source).get(name))


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None (the one check for every ``next``).

    Refused: anything with a scheme or host, protocol-relative ``//host``,
    backslashes (browsers read ``/\\host`` as ``//host``), control characters
    and whitespace (browsers drop a tab, turning ``/\\t/host`` into ``//host``),
    and the same tricks percent-encoded.
    """
    if not target or len(target) > 2000:
        return None
    if any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in target) or "\\" in target:
        return None
    path = unquote(target.split("?", 1)[0])
    for candidate in (target, path):
        if not candidate.startswith("/") or candidate.startswith("//"):
            return None
    if "\\" in path or any(unicodedata.category(ch) in ("Cc", "Cf") for ch in path):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
