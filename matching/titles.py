"""Job titles (and "Ausbildung als …" lines) -> the occupations they name.

An opening's title is often the most specific thing in an ad ("Altenpflegehelfer/in",
"Fachkraft für Lagerlogistik", "Koch/Köchin (m/w/d) in Vollzeit"). It is read
against two lists: the German labels of the ESCO occupations, and the
Bundesagentur's 18,800 job titles (Berufsbenennungen) with their KldB 2010
codes, which lead to the ESCO occupations of that code. Where one code holds
several occupations, the one whose labels share most words with the title wins.
Gender forms are folded away first ("/in", "/-innen", "(m/w/d)", "*in",
"Koch/Köchin"); ad decorations ("in Vollzeit", "gesucht", "ab sofort") are
searched past, because the longest known title inside the text is taken.

An occupation's essential skills then serve the matcher as evidence: how much
of a profile fits what such a job usually needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from . import derived
from .lexicon import STOPWORDS, stem
from .text import fold, gender_variants, is_fragment, strip_gender
from .vocabulary import Vocabulary

# "abgeschlossene Ausbildung als Verkäufer/in", "Berufserfahrung in der Altenpflege", "Erfahrung als Koch", the
# certificates of the crafts ("Gesellenbrief als Maler und Lackierer", "Meisterbrief im Friseurhandwerk")
_TRAINED_AS = re.compile(
    r"\b(?:ausbildung|berufsausbildung|umschulung|berufserfahrung|erfahrung|abschluss|qualifikation|taetigkeit|tatigkeit|lehre|berufslehre"
    r"|gesellenbrief|gesellenpruefung|meisterbrief|meisterpruefung|facharbeiterbrief)"
    r"\s+(?:als|zum|zur|im|in der|in)\s+(.+)",
    re.IGNORECASE,
)
# "Lehre als Koch EFZ": the Swiss federal certificates (EFZ, EBA) are no part of the occupation's name
_SWISS_CERTIFICATE = re.compile(r"\b(?:efz|eba)\b")
MAX_TITLE_WORDS = 6
GENERIC_CODES = 4  # a title filed under more KldB codes than this names its occupations the more weakly
# The words a title names a person by, with the field they work in: "Lagerhelfer", "Helfer Lager", "Mitarbeiter
# Produktion", "Küchenaushilfe". Ads write one job with any of them; ESCO and the BA list one or two per field
# ("Lagerarbeiter", "Produktionshelfer", "Reinigungskraft", "Küchenhilfe"), and the word alone names jobs of every
# field. A helper is named by another helper word, else a staff word ("Reinigungshilfskraft": "Reinigungskraft");
# staff by another staff word, else a helper word.
_HELPERS = ("helfer", "hilfe", "aushilfe", "hilfskraft", "hilfsarbeiter")
_STAFF = ("mitarbeiter", "arbeiter", "kraft", "angestellter", "beschaeftigter")
ROLE_WORDS = {**{w: _HELPERS + _STAFF for w in _HELPERS}, **{w: _STAFF + _HELPERS for w in _STAFF}}
_LINKS = ("", "s", "n", "en")  # "Lager|helfer", "Produktion|s|helfer", "Küche|n|hilfe"
ROLE_WEIGHT = 0.9  # a title read with another role word names its occupations a little less surely
FEW_OCCUPATIONS = 3  # a compound's head naming more occupations than this names each the more weakly
HEAD_WEIGHT = 0.8  # a title read by its compound's head ("Bäckereiverkäufer": "Verkäufer") or front ("Friseurhandwerk")
_SKILLED = frozenset(["fachmann", "fachfrau", "fachkraft"])  # the skilled worker of any field
_ROLE_STEMS = frozenset(stem(w) for w in ROLE_WORDS)
_ROLES_LONGEST_FIRST = sorted(ROLE_WORDS, key=len, reverse=True)
# The heads of a word for a trade, whose front names its people: "Friseurhandwerk", "Malerbetrieb", "Hausmeisterservice"
_TRADE_HEADS = frozenset(["handwerk", "betrieb", "gewerbe", "branche", "fach", "service", "dienst"])


@dataclass(frozen=True)
class Occupation:
    """An occupation a text names, and how sure that is (1 for a title found word for word)."""

    concept: int
    weight: float
    via: str  # the words that named it


def weighted(found: Iterable[Occupation], factor: float) -> list[Occupation]:
    """The occupations ``found``, each named ``factor`` as surely (read by a part, another role word, a line)."""
    return [Occupation(o.concept, o.weight * factor, o.via) for o in found]


def _spans(words: list[str]):
    """Contiguous word groups, longest first, then from the left."""
    for size in range(min(MAX_TITLE_WORDS, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            yield words[start : start + size]


def _similarity(vocab: Vocabulary, occupation: int, wanted: set[str]) -> float:
    """Share of the title's word stems and compound parts (``wanted``) that the occupation's labels use."""
    return len(wanted & _label_features(vocab, occupation)) / len(wanted) if wanted else 0.0


@lru_cache(maxsize=20_000)
def _label_features(vocab: Vocabulary, occupation: int) -> frozenset[str]:
    """The word stems and compound parts of an occupation's labels (asked for every title that may name it)."""
    kept = kept_label_features(vocab)
    return frozenset(kept[occupation].split()) if kept is not None else _made_label_features(vocab, occupation)


def _made_label_features(vocab: Vocabulary, occupation: int) -> frozenset[str]:
    return frozenset(f for text in vocab.label_texts[occupation] for f in vocab.lexicon.folded_features(text))  # (folded already)


@lru_cache(maxsize=4)
def kept_label_features(vocab: Vocabulary) -> derived.Lines | None:
    """Per concept, its labels' features (``_label_features``; none for a concept that is no occupation), made once
    on a machine and kept in the folder of :mod:`matching.derived` (None without one: each made when asked for).
    An ad's title is compared with some fifteen occupations, and making their features took a tenth of a
    second of every run that reads 100 ads."""
    if derived.folder() is None or vocab.fingerprint is None:
        return None

    def build() -> dict[str, np.ndarray]:
        occupation = [kind == "occupation" for kind in vocab.kind]
        lines = [" ".join(sorted(_made_label_features(vocab, c))) if occupation[c] else "" for c in range(len(vocab.ids))]
        return {"features": derived.lines_to_array(lines)}

    def fits(stored: dict[str, np.ndarray]) -> bool:
        return derived.has(stored, "features") and derived.line_count(stored["features"]) == len(vocab.ids)

    return derived.Lines(derived.arrays("occupation-features", derived.fingerprint(vocab.fingerprint), build, fits)["features"])


def occupations(vocab: Vocabulary, text: str, limit: int = 2) -> list[Occupation]:
    """The occupations ``text`` (a job title, or the X of "Ausbildung als X") names most likely; the best first."""
    found = candidates(vocab, text)
    if not found:
        return []
    best = found[0].weight
    return [o for o in found if o.weight >= best * 0.8][:limit]


def candidates(vocab: Vocabulary, text: str) -> list[Occupation]:
    """Every occupation ``text`` may name, weighted by how well the title fits it; the best first.

    A specific title names one occupation; "Kaufmann/-frau" or "Techniker/in" name
    dozens, each with a low weight – the opening's other words decide between them.
    """
    stripped = strip_gender(text)
    # Words cut short are read whole ("Maschinen- und Anlagenführer" -> "Maschinenführer und Anlagenführer"), and as
    # written, as the BA lists many titles ("Maschinen- und Anlagenführer/in", "Fachkraft - Möbel-, Küchen- und
    # Umzugsservice").
    every = fold(vocab.lexicon.complete(stripped)).split()
    written = fold(stripped).split()
    content = [w for w in every if w not in STOPWORDS]
    # Titles keep "und" and "für" sometimes ("Gesundheits- und Krankenpfleger") and drop them sometimes
    # ("Fachkraft - Lagerlogistik"), or drop only "für" where an ad writes it for the BA's dash ("Fachkraft für
    # Möbel-, Küchen- und Umzugsservice"): each reading is searched, longest titles first.
    # (A word cut short is no title by itself: "Maurer-" of "Maurer- und Betonbauermeister", matching.text.is_fragment.)
    # (and with its role word, which the stop list drops from an ad's prose: "Mitarbeiter (m/w/d) im Verkauf")
    as_written = (
        written,
        [w for w in written if w not in STOPWORDS],
        [w for w in written if w != "fuer"],
        [w for w in written if w not in STOPWORDS or w in ROLE_WORDS],
    )
    spans = sorted(
        {tuple(s) for words in (every, content) for s in _spans(words)} | {tuple(s) for words in as_written for s in _spans(words) if len(s) > 1},
        key=lambda s: (-len(s), s),
    )
    singles = False
    for span in spans:
        if len(span) == 1 and not singles:  # before single words: "Zusteller für Zeitungen" as the BA's "Zeitungszusteller"
            singles = True
            found = _for_field(vocab, written)
            if found:
                return found
        k = "".join(span)
        # (a span ending in a function word is the shorter one with a preposition: "Mitarbeiter in der Produktion"
        # is no "Mitarbeiterin")
        # (a role word of the stop list ends a title after its field: "Imbiss-Mitarbeiter"; alone it names no job)
        if is_fragment(k) or (span[-1] in STOPWORDS and (span[-1] not in ROLE_WORDS or len(span) == 1)):
            continue
        readings = [(variant, list(span)) for variant in (k, *gender_variants(k))] + _in_singular(span)
        for variant, words in readings:
            found = _named(vocab, variant, words)
            if found:
                return found
        found = _by_role(vocab, *span) if len(span) == 2 else []  # "Helfer Lager", "Mitarbeiter Produktion"
        if found:
            return found
    words = content
    # A compound whose head is a title ("Bäckereiverkäufer" -> "Verkäufer"); where the head is a role word, the field
    # with another role word first ("Lagermitarbeiter" -> "Lagerarbeiter", not any "Mitarbeiter").
    for word in sorted(words, key=len, reverse=True):
        parts = vocab.lexicon.parts(vocab.lexicon.base(word))
        # a role word at its end, however the compound splits ("Pflege|hilfs|kraft": "Hilfskraft", then "Kraft")
        for role in (r for r in _ROLES_LONGEST_FIRST if word.endswith(r) and len(word) - len(r) >= 4):
            found = _by_role(vocab, word[: -len(role)], role, linked=True)
            if found:
                return found
        for cut in range(1, len(parts)):
            head = "".join(parts[cut:])
            # (a role word by itself names jobs of every field: "Restaurationsfachmann" is no advertising man)
            found = _named(vocab, head, [head]) if len(head) >= 5 and head not in ROLE_WORDS and head not in _SKILLED else []
            if found:  # (a head of many occupations says little without its front: "Objektbetreuer", "Pizzafahrer")
                return weighted(found, HEAD_WEIGHT * min(1.0, FEW_OCCUPATIONS / len({o.concept for o in found})))
        # The trade of a title ("Friseurhandwerk", "Malerbetrieb": "Ausbildung im Friseurhandwerk") names its people.
        for cut in range(1, len(parts)):
            front = "".join(parts[:cut])
            found = _named(vocab, front, [front]) if "".join(parts[cut:]) in _TRADE_HEADS and len(front) >= 4 else []
            if found:
                return weighted(found, HEAD_WEIGHT)
    return []


# A plural's umlaut and -e ("Kräfte", "Köche", "Ärzte"): the singular has the plain vowel and no -e.
_UMLAUT_PLURAL = re.compile(r"(ae|oe|ue)([^aeiou]+)e$")


def singulars(word: str) -> list[str]:
    """The singulars a job word (folded) in the plural may have, as German makes plurals of people: „Reinigungskräfte“
    -> „reinigungskraft“, „Köche“ -> „koch“, „Kaufleute“ -> „kaufmann“, „Lageristen“ -> „lagerist“, „Aushilfen“ ->
    „aushilfe“, „Monteure“ -> „monteur“ (each tried as a title: a form that is no title finds nothing)."""
    out = []
    umlaut = _UMLAUT_PLURAL.search(word)
    if umlaut:
        out.append(word[: umlaut.start()] + umlaut.group(1)[0] + umlaut.group(2))
    if word.endswith("leute"):
        out.append(word[: -len("leute")] + "mann")
    if word.endswith("en") and len(word) > 5:
        out += [word[:-1], word[:-2]]  # "Aushilfen", "Lageristen"
    elif word.endswith("e") and len(word) > 4:
        out.append(word[:-1])  # "Monteure"
    return out


def _in_singular(span: tuple[str, ...]) -> list[tuple[str, list[str]]]:
    """``span`` with one of its words in the singular („Fachkräfte für Lagerlogistik“), as (key, words): the singular's
    words, so that a title of several occupations is weighed as the singular is."""
    out = []
    for i, word in enumerate(span):
        if word in STOPWORDS:
            continue
        for one in singulars(word):
            words = [*span[:i], one, *span[i + 1 :]]
            out.append(("".join(words), words))
    return out


_BEFORE_FIELD = frozenset(["den", "die", "das", "unsere", "unseren", "unser", "ihre", "eine", "einen"])


def _for_field(vocab: Vocabulary, words: list[str]) -> list[Occupation]:
    """The occupations of "X für Y" written as the one word titles make of it ("Zusteller für Zeitungen":
    "Zeitungszusteller", "Verkäufer für unsere Bäckerei": "Bäckereiverkäufer"), where that is a title the
    vocabulary knows; the field's singular is tried with the links compounds take."""
    for i in range(1, len(words) - 1):
        if words[i] != "fuer":
            continue
        j = i + 1
        while j < len(words) - 1 and words[j] in _BEFORE_FIELD:
            j += 1
        head, field = words[i - 1], words[j]
        if head in STOPWORDS or field in STOPWORDS or is_fragment(field):
            continue
        fronts = dict.fromkeys([field, *(field[: -len(end)] for end in ("en", "n", "e", "s") if field.endswith(end) and len(field) - len(end) >= 4)])
        for front in fronts:
            for link in _LINKS:
                k = front + link + head
                found = _named(vocab, k, [k])
                if found:
                    return weighted(found, ROLE_WEIGHT)
    return []


def _by_role(vocab: Vocabulary, first: str, second: str, *, linked: bool = False) -> list[Occupation]:
    """The occupations a field and a role word name as a title the vocabulary knows with that or another role
    word: "Helfer Lager" as "Lagerhelfer", "Mitarbeiter Produktion" and "Produktionsmitarbeiter" as
    "Produktionshelfer", "Aushilfe Küche" as "Küchenhilfe" (the field first, then its link and the role; a
    compound's ``first`` part holds its link already: ``linked``). None where neither word is a role word, or the
    field is one (no "Hilfskraft" of "Aushilfe Hilfe")."""
    if first in ROLE_WORDS and not linked:
        field, role = second, first
    elif second in ROLE_WORDS:
        field, role = first, second
    else:
        return []
    if field in ROLE_WORDS or is_fragment(field) or field in STOPWORDS:
        return []
    for other in ROLE_WORDS[role]:
        if linked and other == role:
            continue  # the compound itself, asked before
        for link in ("",) if linked else _LINKS:
            k = field + link + other
            found = _named(vocab, k, [k])
            if found:
                return weighted(found, ROLE_WEIGHT)
    return []


def _named(vocab: Vocabulary, k: str, span: list[str]) -> list[Occupation]:
    """Occupations named by the key ``k``: an ESCO occupation label, else a BA title's KldB code."""
    direct = [concept for concept, _source in vocab.entries.get(k, ()) if vocab.kind[concept] == "occupation"]
    if direct:
        return [Occupation(concept, 1.0, " ".join(span)) for concept in direct]
    codes = vocab.titles.get(k)
    if not codes:
        return []
    candidates = {occ for code in codes for occ in vocab.kldb_occupations.get(code, ())}
    if not candidates:
        candidates = {occ for code in codes for occ in vocab.kldb_occupations.get(code[:4] + "2", ())}
    wanted = set(vocab.lexicon.features(" ".join(span)))
    # a role word as the part of a compound says nothing of the field: "Servicekraft" is no security "Fachkraft" by
    # its "kraft" (a title's own role word, "Helfer Lager", still tells a helper from a manager)
    wanted = (wanted - (_ROLE_STEMS - {stem(w) for w in span})) or wanted
    scored = sorted(((_similarity(vocab, occ, wanted), occ) for occ in candidates), key=lambda so: (-so[0], so[1]))
    if len(scored) == 1:
        return [Occupation(scored[0][1], 0.9 * max(scored[0][0], 0.7), " ".join(span))]
    # A title the BA files under many codes ("Fachkraft": 88, "Techniker": 144) says little about the job:
    # it names its occupations weakly, and the ad's lines decide.
    spread = min(1.0, (GENERIC_CODES / len(codes)) ** 0.5)
    return [Occupation(occ, 0.9 * spread * max(score, 0.2), " ".join(span)) for score, occ in scored]


def trained_as(text: str) -> str | None:
    """The X of "abgeschlossene Ausbildung als X", "Berufserfahrung in der X", or None."""
    found = _TRAINED_AS.search(fold(text))
    return _SWISS_CERTIFICATE.sub(" ", found.group(1)).strip() if found else None
