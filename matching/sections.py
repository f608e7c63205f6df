"""Which lines of a job ad say what the work asks for, and which say what the business offers or is.

An ad pasted line by line is written in sections under headings: „Ihre Aufgaben“,
„Ihr Profil“, „Das bringen Sie mit“ (the work and what it asks for); „Wir bieten“,
„Unser Angebot“, „Ihre Vorteile“ (pay and benefits); „Über uns“ (the business);
„Kontakt“, „Ihre Bewerbung“, „Interesse geweckt?“ (how to apply). A skill named in
the offer („Kinderbetreuung im Betrieb“, „Kostenlose Getränke“) or in the
description of the business is no requirement, so only the lines of the work's
sections (and those before any heading) are read for skills and conditions.

A heading is a line of at most ``HEADING_WORDS`` words that ends in a colon, or
whose words are all heading words and function words („Ihre Aufgaben“, „Was wir
bieten“); „Wir bieten: flexible Arbeitszeiten“ is a heading with its first line.
A short line with another word („Kontakt mit Kunden“, „Bewerbungsgespräche
führen“) is no heading. A heading whose words say neither kind („Das erwartet
Sie“: tasks in one ad, benefits in the next) changes nothing. A line that names
one fact of the contract („Vergütung: nach Tarif“, „Arbeitsort: Hagen“) is no
requirement either, and the section goes on after it.

A line typed among the required ones that says it is only a wish („Führerschein BE
wünschenswert“, „Staplerschein von Vorteil“, „Erfahrung in der Gastronomie von Vorteil, aber
keine Bedingung“) is read as nice to have: it earns credit but states no hard condition, so it
excludes no one. A line the employer marked as the must-have stays required.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .text import fold, key

HEADING_WORDS = 6

# Folded words that name a section of the work: tasks, profile, requirements.
_WORK = frozenset(
    [
        "aufgabe",
        "aufgaben",
        "aufgabengebiet",
        "aufgabenbereich",
        "aufgabenbereiche",
        "taetigkeit",
        "taetigkeiten",
        "taetigkeitsbereich",
        "taetigkeitsfeld",
        "einsatzbereich",
        "stellenbeschreibung",
        "profil",
        "anforderungen",
        "anforderungsprofil",
        "qualifikation",
        "qualifikationen",
        "voraussetzungen",
        "kenntnisse",
        "kompetenzen",
        "mitbringen",
        "mitbringst",
        "mitbringt",
        "bringen",
        "bringst",
        "erwarten",
        "wuenschen",
    ]
)
# Folded words that name a section of wishes: „Wünschenswert:“, „Von Vorteil:“, „Nice to have“, „Ein Plus“. Its lines
# are read as nice to have, as a line that says it is a wish is (``_WISH``).
_WISHES = frozenset(["wuenschenswert", "vorteil", "vorteilhaft", "idealerweise", "optional", "plus", "nice", "have"])
# Folded words that name a section that is not the work: the offer, the business, how to apply. Not the names of
# single facts ("Vergütung: nach Tarif", "Arbeitsort: Hagen"): a line of one fact ends no section.
_OTHER = frozenset(
    [
        "bieten",
        "bietet",
        "angebot",
        "angebote",
        "vorteile",
        "benefits",
        "leistungen",
        "zusatzleistungen",
        "sozialleistungen",
        "unternehmen",
        "firma",
        "arbeitgeber",
        "kontakt",
        "kontaktdaten",
        "ansprechpartner",
        "ansprechpartnerin",
        "bewerbung",
        "bewerben",
        "interesse",
        "interessiert",
    ]
)
# Words a heading has besides its kind: pronouns, articles, „über uns“, „geweckt“.
_FILLER = frozenset(
    [
        "ihr",
        "ihre",
        "ihren",
        "ihrer",
        "ihnen",
        "dein",
        "deine",
        "deinen",
        "dir",
        "unser",
        "unsere",
        "unseren",
        "was",
        "das",
        "die",
        "der",
        "wir",
        "sie",
        "du",
        "dich",
        "uns",
        "ueber",
        "zu",
        "bei",
        "mit",
        "und",
        "wen",
        "wer",
        "sind",
        "ist",
        "geweckt",
        "dann",
        "noch",
        "so",
        "haben",
        "hast",
        "gesucht",
        "weitere",
        "informationen",
    ]
)
# Folded names of a single fact of the contract, before its colon ("Vergütung: nach Tarif", "Arbeitsort: Hagen"):
# such a line is no requirement, and the section goes on after it.
_FACTS = frozenset(
    [
        "verguetung",
        "gehalt",
        "lohn",
        "stundenlohn",
        "bezahlung",
        "urlaub",
        "befristung",
        "vertragsart",
        "anstellungsart",
        "beschaeftigungsart",
        "arbeitsort",
        "einsatzort",
        "standort",
        "beginn",
        "eintritt",
        "eintrittsdatum",
        "startdatum",
        "referenznummer",
        "kennziffer",
    ]
)
_ABOUT = frozenset(["ueber uns", "wer wir sind", "das sind wir", "wir ueber uns"])
# What says that what a line (or a clause of it) names is not needed (folded text): „nicht erforderlich“ (notwendig,
# nötig, vorausgesetzt, zwingend, unbedingt), „keine Bedingung“ (Voraussetzung, Pflicht), „kein Muss“, and at its end
# „muss aber nicht (sein)“ („Staplerschein wäre gut, muss aber nicht“; „Die Ware muss nicht gekühlt werden“ is a task).
# It asks for it no more than a wish does.
_WAIVER = re.compile(
    r"\b(?:nicht (?:unbedingt |zwingend )?(?:erforderlich|notwendig|noetig|vorausgesetzt)|nicht (?:unbedingt|zwingend)"
    r"|keine (?:bedingung|voraussetzung|pflicht)|kein muss)\b|\bmuss (?:es )?(?:aber )?nicht(?: unbedingt)?(?: sein)?$"
)
# The same said of a thing an ad may waive, a language, a licence, knowledge or training (_WAIVABLE): „keine
# Deutschkenntnisse nötig“, „Sie brauchen keinen Führerschein“, „einen Führerschein brauchst du nicht“, „Deutsch ist
# nicht so wichtig“, „auch ohne Vorkenntnisse“. Of anything else, these words say a task („Sie arbeiten auch ohne
# Aufsicht“, „dass keine Nacharbeiten nötig sind“), no wish.
_WAIVER_OF = re.compile(
    r"\b(?:kein(?:e|en|er)? (?:\w+ ){0,3}?(?:erforderlich|notwendig|noetig|vorausgesetzt|verlangt|gefordert|benoetigt)"
    r"|(?:brauch|benoetig)\w* (?:sie |du |ihr )?(?:nicht|kein(?:e|en|er)?)|nicht (?:so |besonders |sehr )wichtig|ist nicht wichtig"
    r"|auch ohne)\b"
)
_WAIVABLE = re.compile(r"kenntnis|deutsch|englisch|sprache|fuehrerschein|fahrerlaubnis|fahrausweis|schein\b|erfahrung|ausbildung|abschluss|qualifikation")
# What a line says to be only a wish (folded text): „wünschenswert“, „von Vorteil“, „idealerweise“, „gern gesehen“,
# „ist ein Plus“ (ein Pluspunkt), „nice to have“, „erwünscht“, „willkommen“, „bevorzugt“, „wäre schön“ (as a business
# owner says it: „wäre gut“, „wäre super“, „wäre toll“ …), at its end „hilfreich“, „schadet nicht“ („PC-Kenntnisse
# hilfreich“; not „Stoffe, die bei der Trennung hilfreich sind“), or that it is not needed
_WISH = re.compile(
    r"\b(?:wuenschenswert|vorteilhaft|idealerweise|optimalerweise|von vorteil|gern(?:e)? gesehen|ein plus(?:punkt)?|nice to have"
    r"|erwuenscht|willkommen(?! heiss)|bevorzugt|waere (?:schoen|ideal|gut|super|toll|klasse|prima|praktisch|hilfreich|nicht schlecht))\b"
    r"|\b(?:hilfreich|schadet nicht|kann nicht schaden)$|" + _WAIVER.pattern
)
# What says a line asks for something ("zwingend", "erforderlich", "Voraussetzung"), once its words of a wish are
# taken out: "Führerschein Klasse B zwingend, Staplerschein von Vorteil" asks for the licence, and is no wish
_NEEDED = re.compile(r"\b(?:zwingend|erforderlich|notwendig|noetig|voraussetzung|vorausgesetzt|pflicht|muss|unbedingt)\b")
# A wish said after what is asked, in the same line: "Lehre im Detailhandel, idealerweise Branche Bäckerei" asks for
# the apprenticeship and wishes for the bakery; the line is no wish
_WISH_AFTER = re.compile(r"[,;]\s*(?:idealerweise|optimalerweise|vorzugsweise|bevorzugt)\b")
_WORD = re.compile(r"[^\W\d_]+")


def heading(line: str) -> tuple[str | None, str] | None:
    """(kind, the rest of the line) when ``line`` is a heading: kind "work", "wish" (what would be good to have: „Von
    Vorteil:“), "other", "fact" (one fact of the contract: "Vergütung: nach Tarif"), or None for a heading that says
    neither kind; None when the line is no heading."""
    head, colon, rest = line.partition(":")
    words = _WORD.findall(fold(head))
    if not words or len(words) > HEADING_WORDS:
        return None
    said = " ".join(words)
    content = [w for w in words if w not in _FILLER]
    if not colon and (any(w not in _WORK and w not in _OTHER and w not in _WISHES for w in content) or (not content and said not in _ABOUT)):
        return None  # without a colon, only heading words make a heading ("Kontakt mit Kunden" is a skill)
    if colon and rest.strip() and content and all(w in _FACTS for w in content):
        return "fact", rest.strip()
    if said in _ABOUT or any(w in _OTHER for w in content):
        kind: str | None = "other"
    elif any(w in _WISHES for w in content):
        kind = "wish"
    elif any(w in _WORK for w in content):
        kind = "work"
    else:
        kind = None
    return kind, rest.strip()


def line_kinds(lines: Sequence[str]) -> list[str | None]:
    """Per line, by the headings above it: "work" (its tasks and requirements), "wish" (under a heading of wishes:
    „Von Vorteil:“), or None (the offer, the business, the contact, one fact of the contract, a heading). A heading
    itself is no line of the work unless text follows its colon in a section of the work."""
    out: list[str | None] = []
    section: str | None = "work"
    for line in lines:
        found = heading(line)
        if found is None:
            out.append(section if section in _READ else None)
            continue
        kind, rest = found
        if kind == "fact":
            out.append(None)
            continue
        if kind is not None:
            section = kind
        out.append(section if rest and section in _READ else None)
    return out


_READ = ("work", "wish")  # the sections whose lines the matcher reads


def work_lines(lines: Sequence[str]) -> list[bool]:
    """Per line: whether it belongs to the work (its tasks and requirements, also those wished), by the headings
    above it (:func:`line_kinds`)."""
    return [kind is not None for kind in line_kinds(lines)]


def work_only(lines: Sequence[str], keep: Iterable[str] = ()) -> list[str]:
    """The lines of ``lines`` that belong to the work (:func:`work_lines`), and any line of ``keep`` wherever it
    stands (a must-have the employer named stays one, even under „Wir bieten“)."""
    kept = {key(line) for line in keep}
    return [line for line, work in zip(lines, work_lines(lines)) if work or key(line) in kept]


def waived(text: str) -> bool:
    """Whether ``text`` (a line, or a clause of one) says that what it names is not needed: „keine Deutschkenntnisse
    nötig“, „Führerschein nicht erforderlich“, „Sie brauchen keinen Führerschein“."""
    folded = fold(text)
    return _WAIVER.search(folded) is not None or (_WAIVER_OF.search(folded) is not None and _WAIVABLE.search(folded) is not None)


def _without_wishes(folded: str) -> str | None:
    """``folded`` (a line) with its words of a wish taken out, or None where it has none."""
    patterns = (_WISH, _WAIVER_OF) if _WAIVABLE.search(folded) else (_WISH,)
    if not any(pattern.search(folded) for pattern in patterns):
        return None
    for pattern in patterns:
        folded = pattern.sub(" ", folded)
    return folded


def states_nothing(clause: str) -> bool:
    """Whether a clause of a line asks for nothing: it says what it names is not needed (:func:`waived`) or is only
    wished for (:func:`is_wish`): „Englisch von Vorteil“ in „Deutschkenntnisse B1 Voraussetzung, Englisch von
    Vorteil“ sets no condition of English."""
    return waived(clause) or is_wish(clause)


# Words a clause that only qualifies the clause before it may hold besides its words of a wish: „muss aber nicht“,
# „aber keine Voraussetzung“, „ist aber kein Muss“.
_QUALIFIER_FILLER = frozenset(["aber", "jedoch", "ist", "sind", "es", "das", "sein", "ja", "auch", "wird", "werden", "wuerde", "waer"])


def only_qualifies(clause: str) -> bool:
    """Whether a clause names nothing and only says that what the clause before it names is wished for or not needed:
    „muss aber nicht“, „aber keine Voraussetzung“, „nicht zwingend“, „wäre super“ (not „Englisch von Vorteil“)."""
    folded = fold(clause)
    if not _WISH.search(folded):  # (not _WAIVER_OF: „keine Englischkenntnisse nötig“ names English)
        return False
    return all(word in _QUALIFIER_FILLER for word in _WISH.sub(" ", folded).split())


def is_wish(line: str) -> bool:
    """Whether ``line`` says it is only a wish („Führerschein BE wünschenswert“, „Staplerschein von Vorteil“), and
    asks for nothing besides („Führerschein Klasse B zwingend, Staplerschein von Vorteil“, „Lehre im Detailhandel,
    idealerweise Branche Bäckerei“ are no wishes: what is asked stays a requirement)."""
    if _WISH_AFTER.search(line.lower()):
        return False
    rest = _without_wishes(fold(line))
    return rest is not None and _NEEDED.search(rest) is None


def opening_work(required: Sequence[str], optional: Sequence[str], must: Iterable[str] = ()) -> tuple[list[str], list[str]]:
    """The required and the nice-to-have lines of an opening that the matcher reads (:func:`work_only`; a must-have
    stays wherever it stands). A required line under a heading of wishes or that says it is a wish (:func:`is_wish`)
    is read as nice to have, unless it is the must-have. One rule for the matcher and for the preview that says which
    lines it leaves out and which it reads as wishes."""
    read, wished = _opening_work(tuple(required), tuple(optional), tuple(must))
    return list(read), list(wished)


@lru_cache(maxsize=1024)
def _opening_work(required: tuple[str, ...], optional: tuple[str, ...], must: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """:func:`opening_work`, kept for the last 1,024 openings read (a ranking asks for an opening's lines
    twice: once for the batch's typo search, once to read it)."""
    musts = {key(line) for line in must}
    read, wished = [], []
    for line, kind in zip(required, line_kinds(required)):
        if key(line) in musts or (kind == "work" and not is_wish(line)):
            read.append(line)
        elif kind is not None:
            wished.append(line)
    return tuple(read), tuple(wished + work_only(optional))
