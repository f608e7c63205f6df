"""Folding of free-text skill terms: case, umlauts and ß, gender forms, hyphens.

``fold`` gives a readable canonical spelling ("verkaeufer kasse"), ``key`` the
same without spaces ("verkaeuferkasse"), so that "Lager-Logistik",
"Lager Logistik" and "Lagerlogistik" meet.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

# "(m/w/d)", "(w/m/d)", "(m/f/d)", "(gn)", "(all genders)"
_GENDER_PAREN = re.compile(r"\(\s*(?:[mwdfx]\s*(?:[/|,]\s*[mwdfx]\s*){1,3}|gn|all genders|alle)\s*\)", re.IGNORECASE)
# "Verkäufer/in", "Verkäufer/-in", "Verkäufer*in", "Verkäufer:innen", "Verkäufer_in", "Verkäufer(in)"
_GENDER_SUFFIX = re.compile(r"(?<=[^\W\d_])\s*(?:[/*:_]\s*-?\s*|\(\s*)in(?:nen)?(?:\s*\))?(?![^\W\d_])", re.IGNORECASE)
# Binnen-I: "VerkäuferIn", "VerkäuferInnen"
_BINNEN_I = re.compile(r"(?<=[a-zäöüß])In(?:nen)?\b")
# Adjectival nouns: "Sachverständige/r", "Angestellte/-r", "Beschäftigte(r)" -> the masculine form
_ADJECTIVAL = re.compile(r"(?<=e)\s*(?:/\s*-?\s*r|\(r\))(?![^\W\d_])", re.IGNORECASE)
# "Kaufmann/-frau", "Kaufmann/Kauffrau", "Fachmann / -frau für …" -> "Kaufmann", "Fachmann für …"
_MANN_FRAU = re.compile(r"(?<=mann)\s*/\s*-?\s*[^\W\d_]*frau(?![^\W\d_])", re.IGNORECASE)
# "Kauffrau/-mann", "Hotelfachfrau/Hotelfachmann" -> "Kaufmann", "Hotelfachmann"
_FRAU_MANN = re.compile(r"frau\s*/\s*-?\s*[^\W\d_]*mann(?![^\W\d_])", re.IGNORECASE)
# What is left of a gender form when a text is cut at "/" or "-": never a word, a title or a skill by itself.
GENDER_FRAGMENTS = frozenset(["in", "innen", "r", "er", "e", "n", "frau", "frauen", "mann", "maenner", "leute", "m", "w", "d", "mwd"])
# Bump when fold()/key() change: the shipped vocabulary stores keys and must be rebuilt.
KEY_VERSION = 4

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "œ": "oe"})
_NON_WORD = re.compile(r"[^a-z0-9§]+")


_GENDER_MARKS = frozenset("/*:_(")


def strip_gender(text: str) -> str:
    """Remove gender markers, keeping the base form ("Verkäufer/in (m/w/d)" -> "Verkäufer")."""
    if "In" not in text and _GENDER_MARKS.isdisjoint(text):
        return text  # every form below has a slash, star, colon, underscore or bracket, or is a Binnen-I
    text = _GENDER_PAREN.sub(" ", text)
    text = _MANN_FRAU.sub("", text)
    text = _FRAU_MANN.sub("mann", text)
    text = _BINNEN_I.sub("", text)
    text = _ADJECTIVAL.sub("r", text)
    return _GENDER_SUFFIX.sub("", text)


def fold(text: str) -> str:
    """Lower-case, umlaut- and accent-folded words separated by single spaces.

    Short texts (skill terms, labels) are kept once folded: they repeat across thousands of profiles, and
    folding was the costliest step of reading them (a start with 20,000 profiles folded 260,000 texts). So are the
    last lines of ads read: reading one asks for its folded words some thirty times (spotting, the typo search, the
    word vectors, the likeness of words)."""
    return _fold_short(text) if len(text) <= _SHORT else _fold_line(text) if len(text) <= _LONG else _fold(text)


# Articles between a noun and its complement: "Bestandteile von (den) Motoren", "Wartung der Anlagen".
ARTICLES = frozenset(["den", "dem", "der", "die", "das", "des", "einer", "eines", "einem"])


def complement_at(words: list[str], i: int, links: frozenset[str]) -> int | None:
    """The position of the word that says which thing ``words[i]`` is: the word after one of ``links`` ("von",
    "der", …) right behind it and an article, if any ("Herstellung des Schaftes"); None when there is none.
    ``words``: folded."""
    j = i + 1
    if j >= len(words) or words[j] not in links:
        return None
    j += 1
    if j < len(words) and words[j] in ARTICLES:
        j += 1
    return j if j < len(words) else None


def plain_vowels(word: str) -> str:
    """A folded word with "ae", "oe", "ue" read as "a", "o", "u", as the German stemmer reads them ("plaene": "plane")."""
    return word.replace("ae", "a").replace("oe", "o").replace("ue", "u")


def key(text: str) -> str:
    """The lookup key: the folded text without spaces."""
    return _key_short(text) if len(text) <= _SHORT else fold(text).replace(" ", "")


_SHORT = 120  # longer texts (ads, CV lines) rarely repeat across a process, but often within reading one
_LONG = 2_000  # the longest line kept folded (a text pasted whole is folded each time, and never held)


def _fold(text: str) -> str:
    text = strip_gender(text)
    if not text.isascii():  # (ASCII text is its own normal form and has no accents)
        text = unicodedata.normalize("NFKC", text)
    text = text.lower().translate(_UMLAUTS)
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
        text = text.replace("ı", "i")
    return _NON_WORD.sub(" ", text).strip()


_fold_short = lru_cache(maxsize=50_000)(_fold)
_fold_line = lru_cache(maxsize=1_024)(_fold)  # the lines of the last ads read: at most 4 MB


@lru_cache(maxsize=50_000)
def _key_short(text: str) -> str:
    return _fold_short(text).replace(" ", "")


def is_fragment(k: str) -> bool:
    """Whether a key is too short, or only what a gender form leaves, to name anything alone ("in", "frau")."""
    return len(k) < 3 or k in GENDER_FRAGMENTS


def gender_variants(k: str) -> list[str]:
    """Other keys a gendered, plural or neutral job word may be listed under ("verkaeuferin" -> "verkaeufer",
    "pflegeassistenz" -> "pflegeassistent", "filialleitung" -> "filialleiter")."""
    out = []
    if k.endswith("innen") and len(k) > 7:
        out += [k[:-5], k[:-2]]
    elif k.endswith("in") and len(k) > 5:
        out.append(k[:-2])
    if "frau" in k:
        out.append(k.replace("frau", "mann"))
    if "frauen" in k:
        out.append(k.replace("frauen", "leute"))
    # the neutral forms ads write for either ("Teamassistenz", "Filialleitung (m/w/d)")
    if k.endswith("assistenz"):
        out.append(k[:-1] + "t")
    elif k.endswith("leitung") and len(k) > 7:
        out.append(k[:-3] + "er")
    return out


class SortedKeys:
    """Texts looked up by bisection in keys kept sorted (the base of the vocabulary's and the lexicon's tables read
    from files): hashing the vocabulary's 170,000 label keys into a dict at every start cost three times what a
    run's look-ups do."""

    __slots__ = ("_keys",)

    def __init__(self, keys: list[str]) -> None:
        self._keys = keys

    def _at(self, k: object) -> int:
        """The position of ``k`` among the keys, or -1."""
        i = bisect.bisect_left(self._keys, k) if isinstance(k, str) else len(self._keys)
        return i if i < len(self._keys) and self._keys[i] == k else -1

    def __contains__(self, k: object) -> bool:
        return self._at(k) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def keys_at(self, positions: Iterable[int]) -> list[str]:
        """The keys at ``positions`` in their sorted order (as ``list(self)[i]`` for each)."""
        keys = self._keys
        return [keys[i] for i in positions]
