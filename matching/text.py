"""Folding of free-text skill terms: case, umlauts and ß, gender forms, hyphens.

``fold`` gives a readable canonical spelling ("verkaeufer kasse"), ``key`` the
same without spaces ("verkaeuferkasse"), so that "Lager-Logistik",
"Lager Logistik" and "Lagerlogistik" meet.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# "(m/w/d)", "(w/m/d)", "(m/f/d)", "(gn)", "(all genders)"
_GENDER_PAREN = re.compile(r"\(\s*(?:[mwdfx]\s*(?:[/|,]\s*[mwdfx]\s*){1,3}|gn|all genders|alle)\s*\)", re.IGNORECASE)
# "Verkäufer/in", "Verkäufer/-in", "Verkäufer*in", "Verkäufer:innen", "Verkäufer_in", "Verkäufer(in)"
_GENDER_SUFFIX = re.compile(r"(?<=[^\W\d_])\s*(?:[/*:_]\s*-?\s*|\(\s*)in(?:nen)?\s*\)?(?![^\W\d_])", re.IGNORECASE)
# Binnen-I: "VerkäuferIn", "VerkäuferInnen"
_BINNEN_I = re.compile(r"(?<=[a-zäöüß])In(?:nen)?\b")
# Adjectival nouns: "Sachverständige/r", "Angestellte/-r", "Beschäftigte(r)" -> the masculine form
_ADJECTIVAL = re.compile(r"(?<=e)\s*(?:/\s*-?\s*r|\(r\))(?![^\W\d_])", re.IGNORECASE)
# Bump when fold()/key() change: the shipped vocabulary stores keys and must be rebuilt.
KEY_VERSION = 2

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "œ": "oe"})
_NON_WORD = re.compile(r"[^a-z0-9§]+")


def strip_gender(text: str) -> str:
    """Remove gender markers, keeping the base form ("Verkäufer/in (m/w/d)" -> "Verkäufer")."""
    text = _GENDER_PAREN.sub(" ", text)
    text = _BINNEN_I.sub("", text)
    text = _ADJECTIVAL.sub("r", text)
    return _GENDER_SUFFIX.sub("", text)


def fold(text: str) -> str:
    """Lower-case, umlaut- and accent-folded words separated by single spaces.

    Short texts (skill terms, labels) are kept once folded: they repeat across thousands of profiles, and
    folding was the costliest step of reading them (a start with 20,000 profiles folded 260,000 texts)."""
    return _fold_short(text) if len(text) <= _SHORT else _fold(text)


def key(text: str) -> str:
    """The lookup key: the folded text without spaces."""
    return _key_short(text) if len(text) <= _SHORT else _fold(text).replace(" ", "")


_SHORT = 120  # longer texts (ads, CV lines) rarely repeat; they are folded each time


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", strip_gender(text)).lower().translate(_UMLAUTS)
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = text.replace("ı", "i")
    return _NON_WORD.sub(" ", text).strip()


_fold_short = lru_cache(maxsize=50_000)(_fold)


@lru_cache(maxsize=50_000)
def _key_short(text: str) -> str:
    return _fold_short(text).replace(" ", "")


def gender_variants(k: str) -> list[str]:
    """Other keys a gendered or plural job word may be listed under ("verkaeuferin" -> "verkaeufer")."""
    out = []
    if k.endswith("innen") and len(k) > 7:
        out += [k[:-5], k[:-2]]
    elif k.endswith("in") and len(k) > 5:
        out.append(k[:-2])
    if "frau" in k:
        out.append(k.replace("frau", "mann"))
    if "frauen" in k:
        out.append(k.replace("frauen", "leute"))
    return out
