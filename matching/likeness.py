"""Which shared words make a likeness a reader would accept.

Graded credit (``similar``) comes from a cosine of word features, and a cosine
is high for pairs nobody would call alike: "Sie übernehmen technische Aufgaben"
and "technische Dokumentationen verwenden" share only an adjective, "Sie bedienen
Maschinen" and "Maschine versorgen" only a noun that half the vocabulary uses.
A pair earns graded credit, and is shown, only when the words both sides show
(the opening's line and the reading of its part; the profile's term or the label
it was read as) share

* a noun that is not a general word (its IDF over the vocabulary's concepts is at
  least ``min_idf``: "Bodenbeläge", "Wertpapiere", "Chemikalien"), or
* a noun and an action word ("Geräte" and "warten").

Where both sides say what is done and do not say the same ("Fahrgäste befördern",
"Fahrgästen helfen"; a verb made a noun, "Einwinken", says it, too), a shared noun
alone must be rarer still (``min_idf`` + ``other_work_idf``). A rare noun alone is no
likeness either where the opening names it bare and the profile only a kind of it
("Planung" of programmes, "Ressourcenplanung"), or names it of something the opening
does not name ("Bestandteile" of instruments, "Bestandteile von Motoren"), in any of its
forms ("Werkzeugen", "IT-Werkzeuge"). A noun counts with an action word only where the
two sides do not name two different kinds of it ("Handwerkzeuge", "IT-Werkzeuge"). Both
values were chosen on the dev half of the hand-judged pairs (``bench/similar_pairs.py``),
the held-out half only measured.

Words are shared one with another (:meth:`Word.meets`): a noun with a noun that
is it or holds it ("Bagger", "Baggerarbeiten"), never with one that only ends the
same ("Staplerschein", "Führerschein"); any other word with the same word only; a
noun never with a verb ("Wäsche", "waschen").

A noun is a word the text writes with a capital, where the text is written as
German is (not typed all in small letters) and the word is not its first. Other
words are told apart by the vocabulary's German labels: a stem written with a
capital in most labels is a noun. The lower-case last word of a skill label
("Geräte *reinigen*") is an action.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cached_property, lru_cache
from typing import NamedTuple

import numpy as np

from . import derived
from .similarity import FeatureSpace
from .text import complement_at, fold

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


class Word(NamedTuple):
    text: str  # as written
    stem: str
    features: frozenset[str]  # the stem and the stems of its parts
    noun: bool
    action: bool
    of: str | None = None  # the stem of the noun a complement names ("Bestandteile von Motoren": motor)

    def holds(self, other: Word) -> bool:
        """Whether ``other`` is this word or a part of it: "Bagger" in "Baggerarbeiten", "Grünanlagen" in
        "Grünanlagenpflege" (split there as grün-anlagen-pflege). A word written with a hyphen has the stem of its
        first part ("IT-Werkzeuge": it), not of the whole: its other parts alone are not all of it ("Werkzeugen"
        does not hold "IT-Werkzeuge")."""
        whole = len(other.features) > 1 and "-" not in other.text
        return other.stem in self.features or (whole and other.features - {other.stem} <= self.features)

    def meets(self, other: Word) -> str | None:
        """The feature this word shares with ``other``, if they are the same word: two nouns where one holds
        the other (the one held); other words only as a whole ("leisten" is not "gewährleisten"), and never a
        noun with a verb ("Wäsche", "waschen"). Two compounds with only their head in common name different
        things ("Staplerschein", "Führerschein")."""
        if self.noun != other.noun:
            return None
        if self.stem == other.stem:
            return self.stem
        if not self.noun:
            return None
        if self.holds(other):
            return other.stem
        return self.stem if other.holds(self) else None


Side = tuple[Word, ...]  # the words one side of a pair shows

_OF = frozenset(["von", "vom", "der", "des", "fuer", "aus"])  # "Bestandteile von (den) Motoren", "Pflege der Anlagen"


def _complement(tokens: list[str], i: int, lexicon) -> str | None:
    """The stem of the noun that says which thing the noun at ``tokens[i]`` is: "Bestandteile von Motoren",
    "Wartung der Anlagen" (the next word after "von", "der", "für", … and an article), else None."""
    at = complement_at([fold(t) for t in tokens[i : i + 4]], 0, _OF)
    if at is None:
        return None
    j = i + at
    found = lexicon.features(tokens[j])
    return found[0] if found else None


def _narrower(a: Side, b: Side, feature: str) -> bool:
    """Whether ``b`` (the profile) names only one kind of what ``a`` (the opening) names by the noun: "Planung"
    of programmes and "Ressourcenplanung", "Bestandteile" of instruments and "Motorbestandteile" – or, said
    with a complement, "Bestandteile von Motoren", where the opening does not name motors."""
    bare = [fold(w.text) for w in a if w.noun and w.stem == feature]
    if not bare:
        return False
    named = [w for w in b if w.noun and w.stem == feature]
    if named:
        said = {f for w in a for f in w.features}
        return all(w.of is not None and w.of not in said for w in named)
    return any(w.noun and w.stem != feature and _ends_in(w, feature) for w in b)


def _other_kinds(a: Side, b: Side, feature: str) -> bool:
    """Whether ``b`` names only kinds of the noun and ``a`` names a kind of it too, another one: the opening's
    „kleinen Werkzeugen“ read as „Handwerkzeuge verwenden“, the profile's „IT-Werkzeuge verwenden“. Two compounds
    with only their head in common name different things (:meth:`Word.meets`), a bare word beside one of them
    does not make them alike."""
    kinds = [{w.stem for w in side if w.noun and w.stem != feature and _ends_in(w, feature)} for side in (a, b)]
    bare_in_b = any(w.noun and w.stem == feature for w in b)
    return bool(kinds[0]) and bool(kinds[1]) and not bare_in_b and not (kinds[0] & kinds[1])


def _ends_in(word: Word, feature: str) -> bool:
    """Whether ``word`` is a compound whose last part is ``feature``, in any of its forms: "IT-Werkzeuge" and
    "Werkzeugen" (werkzeug), "Ressourcenplanung" (planung); not "Grünanlagenpflege" (anlag is not its last part)."""
    text = fold(word.text).replace("-", "")
    at = text.rfind(feature)
    return at > 0 and len(text) - at - len(feature) <= 3


class Likeness:
    """The rule above, for one feature space (its vocabulary and IDF weights)."""

    def __init__(self, space: FeatureSpace, min_idf: float = 6.5, other_work_idf: float = 1.5) -> None:
        self.space = space
        self.min_idf = min_idf
        self.other_work_idf = other_work_idf
        self._side = lru_cache(maxsize=200_000)(self._make_side)
        self._idf = lru_cache(maxsize=200_000)(self._feature_idf)  # asked for every shared word of every graded pair

    def prepare(self) -> Likeness:
        """Read now how the labels write each word (kept in the derived-arrays folder, when one is set)."""
        _ = self._kinds
        return self

    @cached_property
    def _kinds(self) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """(nouns, not nouns, actions): stems by how the vocabulary's German labels write them. Reading every label
        takes most of a second: kept between starts (matching.derived)."""
        vocabulary = self.space.vocabulary

        def build() -> dict[str, np.ndarray]:
            return {name: np.asarray(sorted(stems), dtype=str) for name, stems in zip(("nouns", "others", "actions"), self._count_kinds())}

        stored = derived.arrays("word-kinds", derived.fingerprint(vocabulary.fingerprint), build, lambda kept: derived.has(kept, "nouns", "others", "actions"))
        nouns, others, actions = (frozenset(stored[name].tolist()) for name in ("nouns", "others", "actions"))
        return nouns, others, actions

    def _count_kinds(self) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        lexicon = self.space.vocabulary.lexicon
        capital: Counter[str] = Counter()
        lower: Counter[str] = Counter()
        actions: set[str] = set()
        kinds = self.space.vocabulary.kind
        for concept, label in enumerate(self.space.vocabulary.label_de):
            found = _WORD.findall(label)
            for i, word in enumerate(found):
                features = lexicon.features(word)
                if not features:
                    continue
                if word[:1].isupper():
                    capital.update(features)
                else:
                    lower[features[0]] += 1
                    if i == len(found) - 1 and kinds[concept] != "occupation":
                        actions.add(features[0])
        nouns = frozenset(f for f, n in capital.items() if n > lower.get(f, 0))
        others = frozenset(f for f, n in lower.items() if n >= capital.get(f, 0))
        return nouns, others, frozenset(actions)

    def _feature_idf(self, feature: str) -> float:
        return float(self.space.idf[self.space.column(feature)])

    def _make_side(self, texts: tuple[str, ...]) -> Side:
        lexicon = self.space.vocabulary.lexicon
        nouns, others, actions = self._kinds
        words: list[Word] = []
        for text in texts:
            cased = text != text.lower() and text != text.upper()  # written as German is, not typed all small
            tokens = _WORD.findall(text)
            for i, written in enumerate(tokens):
                found = lexicon.features(written)
                if not found:
                    continue
                stem = found[0]
                parts = lexicon.parts(lexicon.base(fold(written).replace("-", "").replace(" ", "")))
                head = lexicon.features(parts[-1])[0] if parts and lexicon.features(parts[-1]) else stem
                if cased and i:  # German writes nouns with a capital (a text's first word is a capital anyway)
                    noun = written[:1].isupper()
                else:
                    noun = stem in nouns or head in nouns or (stem not in others and head not in others and written[:1].isupper())
                words.append(Word(written, stem, frozenset(found), noun, stem in actions, _complement(tokens, i, lexicon) if noun else None))
        return tuple(words)

    def side(self, texts: Sequence[str]) -> Side:
        return self._side(tuple(t for t in texts if t))

    def shared(self, a: Side, b: Side) -> list[tuple[Word, str]]:
        """The words of ``a`` that are words of ``b`` (:meth:`Word.meets`), then those of ``b``, each with the
        feature they share."""
        out: list[tuple[Word, str]] = []
        for mine, other in ((a, b), (b, a)):
            theirs = frozenset().union(*(x.features for x in other))  # two words that meet share a feature
            for word in mine:
                if word.features.isdisjoint(theirs):
                    continue
                met = [f for f in (word.meets(x) for x in other) if f is not None]
                feature = max(met, key=self._idf) if met else None  # the rarest word they share
                if feature is not None and all(word != seen for seen, _f in out):
                    out.append((word, feature))
        return out

    @staticmethod
    def other_work(a: Side, b: Side) -> bool:
        """Whether both sides say what is done, and not the same ("Bekleidungsprodukte herstellen",
        "Bekleidungsprodukte untersuchen")."""
        doing = [{w.stem for w in side if w.action} for side in (a, b)]
        return all(doing) and not (doing[0] & doing[1])

    def accepts(self, a: Side, b: Side) -> bool:
        """Whether what ``a`` and ``b`` share is a likeness a reader would accept (module docstring)."""
        found = self.shared(a, b)
        floor = self.min_idf + (self.other_work_idf if self.other_work(a, b) else 0.0)
        if any(word.noun and self._idf(feature) >= floor and not _narrower(a, b, feature) for word, feature in found):
            return True
        nouns = {feature for word, feature in found if word.noun and not _other_kinds(a, b, feature)}
        return any(word.action and (nouns - {feature}) for word, feature in found)  # "Wäsche" and "waschen" are one word

    def words(self, a: Side, b: Side) -> list[str]:
        """The shared words as written (the opening's first, one form of each), for the explanation."""
        return _as_written(self.shared(a, b))

    def kind(self, a: Side, b: Side) -> str:
        """How the explanation names what ``a`` and ``b`` share: "object" where both say what is done, not the same,
        and they share no doing, only what it is done to ("Bekleidungsprodukte herstellen", "Bekleidungsprodukte
        untersuchen": the reader is asked to check the task); else "similar" (similar words)."""
        return self.describe(a, b)[1]

    def describe(self, a: Side, b: Side) -> tuple[list[str], str]:
        """:meth:`words` and :meth:`kind` of one pair, its shared words found once."""
        found = self.shared(a, b)
        only_things = self.other_work(a, b) and not any(word.action for word, _feature in found)
        return _as_written(found), "object" if only_things else "similar"


def _as_written(found: list[tuple[Word, str]]) -> list[str]:
    """Shared words (:meth:`Likeness.shared`) as written, one form of each: "Quxbaz-Geräten", not also "Quxbaz-Geräte"."""
    first: dict[str, str] = {}
    for word, feature in found:
        first.setdefault(feature, word.text)
    return list(dict.fromkeys(first.values()))
