"""Hard conditions an ad states in its lines: a driving licence, a level of German or of another language.

Employers write "Führerschein Klasse B erforderlich", "Fahrausweis Kat. C/CE", "Gute
Deutschkenntnisse", "Englisch fließend" as required lines instead of filling in the
form's fields. Such a required line is read as the condition it states, and the
condition then works like a typed one (with the same tolerance): a profile without
licence C is not eligible for "Führerschein C". A nice-to-have line states no
condition. Each condition keeps the line it was read from, so the explanation can
say where it comes from.

Levels: an explicit CEFR level ("Deutsch B1") wins; else the words say it:
"ein wenig"/"ein bisschen" A1, "Grundkenntnisse"/"erste"/"einfache" A2, "gute" B1, "sehr gute"/"fließend"/"in
Wort und Schrift" B2, "verhandlungssicher" C1, "Muttersprache" C2; a language
named with no word of level asks for A2.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from . import sections
from .records import CEFR, LICENCE_INCLUDES, LICENCES, Opening
from .text import fold

# "Führerschein Klasse B", "Fahrerlaubnis der Klassen C und CE", "Fahrausweis Kat. B", "FS Kl. C1E", "Führerschein B"
# (inflected, or with "-klasse", but not "Fahrerlaubnisprüfung": a sentence about the exam asks for no licence)
_LICENCE_WORD = re.compile(r"\b(?:f(?:ue|ü)hrerschein|fahrerlaubnis|fahrausweis|f(?:ue|ü)hrerausweis|fs)(?:es|s|e|en|se|klassen?)?\b", re.IGNORECASE)
_BARE_LICENCE_WORDS = 6  # "Führerschein" with no class names the car licence only in a short line, not inside a long sentence
_CLASS = re.compile(r"(?<![A-Za-z0-9])(" + "|".join(sorted(LICENCES, key=len, reverse=True)) + r")(?![A-Za-z0-9])")
_CLASS_WORDS = re.compile(r"\b(?:klassen?|kl|kategorien?|kat)\b\.?", re.IGNORECASE)
# Languages an ad asks for, by the German word (folded) -> ISO 639-1
LANGUAGES = {
    "deutsch": "de",
    "englisch": "en",
    "franzoesisch": "fr",
    "tuerkisch": "tr",
    "russisch": "ru",
    "polnisch": "pl",
    "rumaenisch": "ro",
    "bulgarisch": "bg",
    "arabisch": "ar",
    "italienisch": "it",
    "spanisch": "es",
    "ukrainisch": "uk",
}
_LANGUAGE = re.compile(r"\b(" + "|".join(LANGUAGES) + r")(?:kenntnisse|kenntnis|sprachkenntnisse|e|en)?\b")
_CEFR = re.compile(r"\b([abc][12])\b")
# Words of level, strongest first (folded text).
_LEVEL_WORDS = (
    ("C2", re.compile(r"\bmuttersprach")),
    ("C1", re.compile(r"\bverhandlungssicher|\bexzellent|\bperfekt")),
    ("B2", re.compile(r"\bsehr gut|\bfliessend|\bin wort und schrift|\bsicher")),
    ("B1", re.compile(r"\bgut")),
    ("A2", re.compile(r"\bgrundkenntnis|\berste|\beinfach|\bbasis|\betwas")),
    ("A1", re.compile(r"\bwenig\b|\bbisschen\b")),  # „ein wenig Deutsch“: a beginner's level is enough
)


@dataclass(frozen=True)
class Stated:
    """The conditions an opening's required lines state, each with the line it was read from."""

    driving_licence: str | None = None
    german_level: str | None = None
    languages: dict[str, str] = field(default_factory=dict)  # other languages: ISO code -> CEFR level
    lines: dict[str, str] = field(default_factory=dict)  # "driving_licence", "german_level", "language:en" -> line

    def __bool__(self) -> bool:
        return bool(self.driving_licence or self.german_level or self.languages)


def licence(line: str) -> str | None:
    """The licence class a line asks for ("Führerschein Klasse C/CE" -> "CE"; "Führerschein" alone -> "B"), or None."""
    named = _named_classes(line)
    if named is None:
        return None
    classes, either = named
    if not classes:  # "Führerschein erforderlich": a German ad means the car licence
        return "B" if len(line.split()) <= _BARE_LICENCE_WORDS else None
    if either:
        return min(classes, key=_size)  # "B oder BE": the smaller one is enough
    return max(classes, key=_size)  # "C und CE", "B, C, CE": the largest named


def licence_classes(line: str) -> list[str]:
    """The licence classes a line names after its word for a licence ("Führerschein Klasse C/CE" -> C, CE); none
    where it names no class („Führerschein erforderlich“, „LKW-Führerschein“)."""
    named = _named_classes(line)
    return named[0] if named else []


def _named_classes(line: str) -> tuple[list[str], bool] | None:
    """The classes named after the line's word for a licence, and whether either of them will do ("B oder BE");
    None for a line without a word for a licence."""
    word = _LICENCE_WORD.search(line)
    if word is None:
        return None
    rest = _CLASS_WORDS.sub(" ", line[word.end() :])[:40]
    classes = [m.group(1) for m in _CLASS.finditer(rest)]
    return classes, bool(re.search(r"\boder\b|/", rest, re.IGNORECASE)) and " und " not in rest


def _size(licence_class: str) -> tuple[int, int]:
    """How much a licence class allows (the classes it includes), to choose the largest or smallest named."""
    return len(LICENCE_INCLUDES.get(licence_class, ())), LICENCES.index(licence_class)


def _levels(folded: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """The levels a folded line states, as (start, end, level): the CEFR codes, and the words of level where no
    stronger word covers them („sehr gute“ is B2, its „gute“ no B1 besides)."""
    explicit = [(m.start(), m.end(), m.group(1).upper()) for m in _CEFR.finditer(folded)]
    words: list[tuple[int, int, str]] = []
    for lvl, pattern in _LEVEL_WORDS:  # strongest first
        for m in pattern.finditer(folded):
            if not any(start <= m.start() < end for start, end, _l in words):
                words.append((m.start(), m.end(), lvl))
    return explicit, words


def _nearest(levels: list[tuple[int, int, str]], start: int, end: int, lo: int = 0, hi: int | None = None) -> str | None:
    """Of ``levels`` within ``lo``–``hi``, the one nearest to the words at ``start``–``end`` (the earlier of two as near)."""
    inside = [(max(s - end, start - e, 0), s, lvl) for s, e, lvl in levels if s >= lo and (hi is None or e <= hi)]
    return min(inside)[2] if inside else None


def languages(line: str) -> dict[str, str]:
    """The languages a line asks for, each with its level: in its clause, the level said between it and the languages
    next to it, nearest first, a CEFR code before a word („Deutsch B1 und Englisch B2“: de B1, en B2; „Gute Deutsch-
    und sehr gute Englischkenntnisse“: de B1, en B2; „Deutsch fließend, Englisch Grundkenntnisse“: de B2, en A2);
    else the level the clause says nearest to it („Deutsch- und Englischkenntnisse B1“: both); else the line's (a
    CEFR code first, else its strongest word: „Gute Deutschkenntnisse (mind. B1), Englisch“: both B1); else A2."""
    whole = fold(line)
    if not _LANGUAGE.search(whole):
        return {}
    stated_codes = _levels(whole)[0]
    of_line = stated_codes[0][2] if stated_codes else next((lvl for lvl, pattern in _LEVEL_WORDS if pattern.search(whole)), "A2")
    out: dict[str, str] = {}
    for clause in _CLAUSES.split(line):
        folded = fold(clause)
        mentions = list(_LANGUAGE.finditer(folded))
        explicit, words = _levels(folded)
        for i, m in enumerate(mentions):
            lo = mentions[i - 1].end() if i else 0
            hi = mentions[i + 1].start() if i + 1 < len(mentions) else None
            wanted = (
                _nearest(explicit, m.start(), m.end(), lo, hi)
                or _nearest(words, m.start(), m.end(), lo, hi)
                or _nearest(explicit, m.start(), m.end())
                or _nearest(words, m.start(), m.end())
                or of_line
            )
            code = LANGUAGES[m.group(1)]
            if code not in out or CEFR.index(wanted) > CEFR.index(out[code]):
                out[code] = wanted
    return out


_CLAUSES = re.compile(r"[,;]|\s(?:aber|jedoch)\s")  # where a line's clauses part

# What a line that states only a condition consists of besides the language or licence ("Gute
# Deutschkenntnisse in Wort und Schrift erforderlich", "Führerschein Klasse B zwingend").
_CONDITION_TEXT = """
    gut gute guter gutes sehr fliessend fliessende fliessendes grundkenntnisse kenntnisse kenntnis erste einfache
    basis basiskenntnisse verhandlungssicher verhandlungssichere verhandlungssicheres muttersprache muttersprachlich
    muttersprachliche exzellent exzellente perfekt perfekte sicher sichere in wort und schrift oder der die das
    mindestens niveau sprachniveau erforderlich notwendig vorhanden zwingend pflicht voraussetzung vorausgesetzt
    gueltig gueltiger gueltigen gueltige besitz eines einen ein klasse klassen kl kategorie kategorien kat mit
    sprachkenntnisse
"""
_CONDITION_WORDS = frozenset(_CONDITION_TEXT.split())
_LICENCE_TOKENS = frozenset(c.lower() for c in LICENCES)


def only_conditions(line: str) -> bool:
    """Whether ``line`` states a licence or language and nothing else (it is then no skill to cover)."""
    if licence(line) is None and not languages(line):
        return False
    for word in fold(line).split():
        if word in _CONDITION_WORDS or word in _LICENCE_TOKENS or _CEFR.fullmatch(word) or _LICENCE_WORD.fullmatch(word):
            continue
        if _LANGUAGE.fullmatch(word):
            continue
        return False
    return True


def conditions_of(line: str) -> tuple[str | None, dict[str, str]]:
    """The licence class and the languages (with their level) one required line asks for. A clause that says what
    it names is not needed, or is only wished for, states none: „Führerschein Klasse B zwingend, keine
    Englischkenntnisse nötig“ and „…, Englisch von Vorteil“ ask for the licence only (a line that is all such clauses
    is read as a wish: matching.sections). One rule for the matcher and for the preview that says which condition a
    line sets."""
    clauses = _CLAUSES.split(line)
    if any(sections.states_nothing(clause) for clause in clauses):
        line = ", ".join(clause for clause in clauses if not sections.states_nothing(clause))
    return licence(line), languages(line)


def stated(required_lines: Iterable[str]) -> Stated:
    """The hard conditions of an opening's required lines (the strictest where several lines state one)."""
    lic: str | None = None
    german: str | None = None
    others: dict[str, str] = {}
    source: dict[str, str] = {}
    for line in required_lines:
        found, asked = conditions_of(line)
        if found and (lic is None or _size(found) > _size(lic)):
            lic, source["driving_licence"] = found, line
        for code, lvl in asked.items():
            if code == "de":
                if german is None or CEFR.index(lvl) > CEFR.index(german):
                    german, source["german_level"] = lvl, line
            elif code not in others or CEFR.index(lvl) > CEFR.index(others[code]):
                others[code], source["language:" + code] = lvl, line
    return Stated(lic, german, others, source)


def raised(german_level: str, driving_licence: str | None, found: Stated) -> dict[str, str]:
    """Of the typed German level and licence, those a required line asks more than: name -> the stated value (the
    line is ``found.lines[name]``). One rule for the matcher and for the pages that show an opening's conditions."""
    changes: dict[str, str] = {}
    if found.german_level and CEFR.index(found.german_level) > CEFR.index(german_level):
        changes["german_level"] = found.german_level
    if found.driving_licence and (not driving_licence or _size(found.driving_licence) > _size(driving_licence)):
        changes["driving_licence"] = found.driving_licence
    return changes


def apply(opening: Opening, found: Stated) -> Opening:
    """``opening`` with the stated German level and licence where they ask more than the typed ones."""
    changes: dict[str, Any] = dict(raised(opening.german_level, opening.driving_licence, found))
    return replace(opening, **changes) if changes else opening
