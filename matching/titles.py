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
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import STOPWORDS
from .text import fold, gender_variants, is_fragment, strip_gender
from .vocabulary import Vocabulary

# "abgeschlossene Ausbildung als Verkäufer/in", "Berufserfahrung in der Altenpflege", "Erfahrung als Koch"
_TRAINED_AS = re.compile(
    r"\b(?:ausbildung|berufsausbildung|umschulung|berufserfahrung|erfahrung|abschluss|qualifikation|taetigkeit|tatigkeit|lehre|berufslehre)"
    r"\s+(?:als|zum|zur|im|in der|in)\s+(.+)",
    re.IGNORECASE,
)
# "Lehre als Koch EFZ": the Swiss federal certificates (EFZ, EBA) are no part of the occupation's name
_SWISS_CERTIFICATE = re.compile(r"\b(?:efz|eba)\b")
MAX_TITLE_WORDS = 6
GENERIC_CODES = 4  # a title filed under more KldB codes than this names its occupations the more weakly


@dataclass(frozen=True)
class Occupation:
    """An occupation a text names, and how sure that is (1 for a title found word for word)."""

    concept: int
    weight: float
    via: str  # the words that named it


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
    return frozenset(f for text in vocab.label_texts[occupation] for f in vocab.lexicon.features(text))


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
    every = fold(vocab.lexicon.complete(strip_gender(text))).split()
    content = [w for w in every if w not in STOPWORDS]
    # Titles keep "und" and "für" sometimes ("Gesundheits- und Krankenpfleger") and drop them sometimes
    # ("Fachkraft - Lagerlogistik"): both readings are searched, longest titles first.
    spans = sorted({tuple(s) for words in (every, content) for s in _spans(words)}, key=lambda s: (-len(s), s))
    for span in spans:
        k = "".join(span)
        if is_fragment(k) or (len(span) == 1 and span[0] in STOPWORDS):
            continue
        for variant in (k, *gender_variants(k)):
            found = _named(vocab, variant, list(span))
            if found:
                return found
    words = content
    # A compound whose head is a title ("Bäckereiverkäufer" -> "Verkäufer").
    for word in sorted(words, key=len, reverse=True):
        parts = vocab.lexicon.parts(vocab.lexicon.base(word))
        for cut in range(1, len(parts)):
            head = "".join(parts[cut:])
            found = _named(vocab, head, [head]) if len(head) >= 5 else []
            if found:
                return [Occupation(o.concept, o.weight * 0.8, o.via) for o in found]
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
