"""The words of German skill texts: folded, stemmed, compounds split.

Job ads do not write skills the way a vocabulary lists them: "Besitz eines
gültigen Staplerscheins", "Rad- und Reifenmontage an PKW", "Sie waschen,
pflegen, schneiden, färben und frisieren Haare". To let every word count,
a text becomes a bag of *features*: the Snowball stem of each content word
("staplerscheins" and "staplerschein" -> "staplerschein"), plus the stems of
the parts of a compound ("reifenmontage" -> "reifen", "montag"), split where
both parts are words the vocabulary knows. Words that carry no skill ("Sie",
"gute", "Kenntnisse", "erforderlich") are left out.

The stemmer is the Snowball German stemmer (PyStemmer, the C build of Snowball;
MIT/BSD); the known words come from the vocabulary's own labels, so the
splitting needs no data of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import Stemmer

from . import derived
from .text import SortedKeys, fold, plain_vowels

# Function words and the words ads wrap skills in; they never name a skill themselves.
_STOPWORD_TEXT = """
    aber alle allem allen aller alles als also am an ander andere anderen anderer anderes auch auf aus
    bei beim bereit bereits bis bitte da dabei dadurch dafür dagegen daher damit dann darauf darüber das
    dass dein deine dem den denen der deren des dessen deshalb die dies diese diesem diesen dieser
    dieses doch dort du durch eigene eigenen ein eine einem einen einer eines einige einigen einiger er
    es etwa etwas euch euer eure für gegen gern gerne gibt habe haben hat hatte hier hin hinter ich ihm
    ihn ihnen ihr ihre ihrem ihren ihrer ihres im immer in ins ist ja je jede jedem jeden jeder jedes
    jetzt kann kannst kein keine können könnte mal man manche mehr mein meine mit muss müssen nach neben
    nein nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner sich sie sind so
    solche soll sollen sollte sondern sowie sowohl über um und uns unser unsere unserem unseren unserer
    unter viel viele vom von vor während war was weil weiter welche welchem welchen welcher wenn
    wer werden wie wieder will wir wird wo wollen womit wurde wurden zu zum zur zwar zwischen ab bzw ca
    dh evtl ggf inkl usw zb etc aufgaben aufgabe tätigkeit tätigkeiten bereich bereichen anforderungen
    anforderung profil kenntnisse kenntnis grundkenntnisse erfahrung erfahrungen erste ersten gute guten
    gutes fundierte fundierten wünschenswert vorteil vorteilhaft idealerweise erforderlich notwendig
    voraussetzung vorausgesetzt bieten bietest bietet suchen sucht gesucht stelle stellen mitarbeiter
    mitarbeiterin mitarbeiterinnen team unternehmen firma betrieb bewerbung bewerben dir dich deinem
    deinen wünsche wunsch m w d mwd gn all genders verantwortlich zuständig sorgen sorgst sorgt
    übernehmen unterstützen unterstützung mithilfe mitarbeit the and of with for in to a an your our you
    we außen draußen drinnen
"""
STOPWORDS = frozenset(fold(word) for word in _STOPWORD_TEXT.split())
# Linking elements between the parts of a compound ("Arbeitsplatz", "Tagesablauf", "Kundenservice").
LINKS = ("", "s", "es", "n", "en", "er", "e")
# Feminine endings are no compound parts ("Verkäuferinnen" is not "Verkäufer" + "innen").
_FEMININE = ("innen", "in")
# The longest word split into parts: German's long compounds have 40-odd letters („Gebäudereinigungsmeisterprüfung“ has 31);
# a longer one is no word anybody writes, and splitting it would cost time and stack for nothing.
MAX_COMPOUND = 64
# How many words the splitter and the feature reader keep (the labels' own 30,000 and those asked since): a process
# that reads every ad for months, or a client sending made-up words, must not grow them without end. Beyond it, a
# word's parts and features are worked out each time it is asked (a few microseconds).
MAX_KEPT = 100_000
_WORD = re.compile(r"[a-z0-9§]+")
# "Innen- und Außendienst", "Lager-, Transport- und Versandarbeiten": a word cut short before "und", "oder", ","
_CUT_SHORT = re.compile(r"([^\W\d_][\w-]*?)-(?=\s*(?:,|/|&|\s(?:und|oder|bzw|sowie)\b))", re.IGNORECASE)
# "Lagerhaltung und -verwaltung": the second word takes the first one's front
_CUT_FRONT = re.compile(r"([^\W\d_][\w-]*)(\s*(?:,|/|&|\s(?:und|oder|bzw\.?|sowie))\s*)-([^\W\d_]+)", re.IGNORECASE)
_FULL_WORD = re.compile(r"[^\W\d_][\w-]*")
_JOINING = frozenset(["und", "oder", "bzw", "sowie"])
_stemmer = Stemmer.Stemmer("german")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball German stem of a folded word."""
    return _stemmer.stemWord(word)


def _front(word: str) -> str:
    """The first three letters of ``word`` with "ae", "oe", "ue" read as one letter each, as the stemmer reads them."""
    return plain_vowels(word[:6])[:3]


def words(text: str) -> list[str]:
    """The folded content words of ``text`` (no stop words, nothing shorter than two letters)."""
    return [w for w in _WORD.findall(fold(text)) if len(w) >= 2 and w not in STOPWORDS]


class _KeptTexts(SortedKeys):
    """Word -> the text :meth:`Lexicon.kept` read for it (its features, its compound parts), by bisection in the
    words as they were kept (sorted)."""

    __slots__ = ("_texts",)

    def __init__(self, keys: list[str], texts: list[str]) -> None:
        super().__init__(keys)
        # (one line per word; empty last lines read as none)
        self._texts = texts + [""] * (len(keys) - len(texts))

    def get(self, k: str) -> str | None:
        i = self._at(k)
        return self._texts[i] if i >= 0 else None


class Lexicon:
    """Known words (from the vocabulary's labels) and the features of any text.

    Parameters
    ----------
    known : iterable of str
        Folded words the vocabulary uses; compounds are split only into these.
    min_part : int
        The shortest part a compound is split into.
    known_stems : iterable of str, optional
        The stems of the known words, as :meth:`known_features` keeps them; computed when not given.
    """

    def __init__(self, known: Iterable[str], *, min_part: int = 4, known_stems: Iterable[str] | None = None, fronts: Iterable[str] | None = None) -> None:
        self.known = frozenset(w for w in known if len(w) >= 3 and w not in STOPWORDS)
        self.known_stems = frozenset(stem(w) for w in self.known) if known_stems is None else frozenset(known_stems)
        # Snowball's German stemmer reads "ae", "oe", "ue" as umlauts, drops the dots and takes endings off, leaving
        # at least three letters: a part whose first letters, so read, begin no known word and no known stem cannot
        # be known, and needs no stemming (most of the candidate parts of a compound).
        if fronts is None:
            fronts = {_front(w) for w in self.known} | {_front(s) for s in self.known_stems}
        self._fronts = frozenset(fronts)
        self.min_part = min_part
        self._parts: dict[str, tuple[str, ...]] = {}
        self._word_features: dict[str, list[str]] = {}
        # what :meth:`kept` read, as text, made into lists when a word is asked for (a run asks for a few thousand)
        self._kept_features = _KeptTexts([], [])
        self._kept_parts = _KeptTexts([], [])

    def known_features(self) -> dict[str, np.ndarray]:
        """Every known word with its features and its base's compound parts, the known stems and the fronts of
        both, as arrays of UTF-8 text (what :meth:`kept` reads back; matching.derived keeps them between starts)."""
        words = sorted(self.known)
        bases = sorted({self.base(word) for word in words})
        return {
            "words": derived.lines_to_array(words),
            "features": derived.lines_to_array([" ".join(self.word_features(word)) for word in words]),
            "bases": derived.lines_to_array(bases),
            "parts": derived.lines_to_array([" ".join(self.parts(base)) for base in bases]),
            "stems": derived.lines_to_array(sorted(self.known_stems)),
            "fronts": derived.lines_to_array(sorted(self._fronts)),
        }

    @classmethod
    def kept(cls, stored: dict[str, np.ndarray], *, min_part: int = 4) -> Lexicon:
        """The lexicon whose :meth:`known_features` were ``stored``: its words, stems and fronts read, not
        worked out again (stemming them, and reading every label's words, took a tenth of a second a start)."""
        words = derived.lines_from_array(stored["words"])
        lexicon = cls((), min_part=min_part, known_stems=derived.lines_from_array(stored["stems"]), fronts=derived.lines_from_array(stored["fronts"]))
        lexicon.known = frozenset(words)  # (kept as they were taken: three letters or more, no stop words)
        # looked up in the words and bases as kept (sorted), not hashed into dicts of 30,000 at every start
        lexicon._kept_features = _KeptTexts(words, derived.lines_from_array(stored["features"]))
        lexicon._kept_parts = _KeptTexts(derived.lines_from_array(stored["bases"]), derived.lines_from_array(stored["parts"]))
        return lexicon

    def _is_known(self, part: str) -> bool:
        return part in self.known or (_front(part) in self._fronts and stem(part) in self.known_stems)

    def is_word(self, word: str) -> bool:
        """Whether the folded ``word`` is a word of the labels or a form of one, or a stop word ("Aufgaben" is no
        typo of "Ausgaben"). A compound of such words is not enough: "Staplerschien" is a typo of "Staplerschein",
        not "Stapler" and "Schienen"."""
        return word in STOPWORDS or self._is_known(word)

    def parts(self, word: str) -> tuple[str, ...]:
        """The parts of a German compound ("reifenmontage" -> ("reifen", "montage")); () when it is none.

        The head (last part) is split further ("altenpflegehelfer" -> alten, pflege, helfer).
        """
        if word in self._parts:
            return self._parts[word]
        kept = self._kept_parts.get(word)
        if kept is not None:
            found = self._parts[word] = tuple(kept.split())
            return found
        if len(word) > MAX_COMPOUND:
            return ()
        best: tuple[str, ...] = ()
        n = len(word)
        for cut in range(n - self.min_part, self.min_part - 1, -1):  # the longest known head first
            head = word[cut:]
            if head in _FEMININE or not self._is_known(head):
                continue
            left = word[:cut]
            for link in LINKS:
                if link and not left.endswith(link):
                    continue
                base = left[: len(left) - len(link)]
                if len(base) < self.min_part:
                    continue
                if self._is_known(base):
                    best = (base, *(self.parts(head) or (head,)))
                    break
                front = self.parts(base)  # a compound itself ("berufs|kraft|fahrer")
                if front:
                    best = (*front, *(self.parts(head) or (head,)))
                    break
            if best:
                break
        if len(self._parts) < MAX_KEPT:
            self._parts[word] = best
        return best

    def base(self, word: str) -> str:
        """``word`` without a feminine ending when the masculine form is a known word ("kundinnen" -> "kund"). A
        noun in -e makes its feminine without the e ("Kunde", "Kundin"), so "-ein" is no feminine ending: "Gestein"
        is no woman of "Geste"."""
        for ending in _FEMININE:
            if word.endswith(ending) and len(word) - len(ending) >= self.min_part and not word[: -len(ending)].endswith("e"):
                masculine = word[: -len(ending)]
                if self._is_known(masculine) or self._is_known(masculine + "e"):
                    return masculine
        return word

    def complete(self, text: str) -> str:
        """Words cut short in a list made whole ("Innen- und Außendienst" -> "Innendienst und Außendienst").

        The cut word takes the head of the next whole word ("Gebäudeinnen- und Unterhaltsreinigung" ->
        "Gebäudeinnenreinigung und …"), a word with a cut front the front of the one before ("Lagerhaltung
        und -verwaltung" -> "… und Lagerverwaltung"). Where the whole word is no known compound the text stays
        as it is: the cut piece ("Innen", "frau") is then no title or skill by itself (``matching.text.is_fragment``).
        """
        if "-" not in text:
            return text

        def head_of(start: int, cut: str) -> str | None:
            for found in _FULL_WORD.finditer(text, start):
                word = found.group()
                if word.endswith("-") or word.lower() in _JOINING:
                    continue
                whole = fold(word.rsplit("-", 1)[-1]).replace(" ", "")
                parts = self.parts(whole)
                if parts:
                    return parts[-1]
                # a word the labels know whole ("Spätschicht", "Entladen"): the end of it that makes the cut word
                # one the labels know, too ("Früh-" – "Frühschicht", "Be-" – "Beladen"), the longest first
                front = fold(cut).replace("-", "")
                return next((whole[at:] for at in range(1, len(whole) - 2) if self.is_word(front + whole[at:])), None)
            return None

        def cut_short(m: re.Match) -> str:
            head = head_of(m.end(), m.group(1))
            return m.group(1) + head if head else m.group(0)

        def cut_front(m: re.Match) -> str:
            parts = self.parts(fold(m.group(1).rsplit("-", 1)[-1]).replace(" ", ""))
            if not parts:
                return m.group(0)
            return m.group(1) + m.group(2) + "".join(parts[:-1]) + m.group(3)

        return _CUT_FRONT.sub(cut_front, _CUT_SHORT.sub(cut_short, text))

    def word_features(self, word: str) -> list[str]:
        """The stem of ``word`` (without a feminine ending) and the stems of its parts."""
        found = self._word_features.get(word)
        if found is None:
            kept = self._kept_features.get(word)
            if kept is not None:
                found = self._word_features[word] = kept.split()
        if found is None:
            base = self.base(word)
            found = [stem(base)]
            for part in self.parts(base):
                s = stem(part)
                if s not in found and part not in STOPWORDS:
                    found.append(s)
            if len(self._word_features) < MAX_KEPT:
                self._word_features[word] = found
        return found

    def features(self, text: str) -> list[str]:
        """The features of a text: content-word stems and compound parts, in order, each once."""
        return self.folded_features(fold(text))

    def folded_features(self, folded: str) -> list[str]:
        """``features`` of a text that is folded already (the vocabulary's labels are)."""
        out: list[str] = []
        seen: set[str] = set()
        for word in folded.split():
            if len(word) < 2 or word in STOPWORDS:
                continue
            for feature in self.word_features(word):
                if feature not in seen:
                    seen.add(feature)
                    out.append(feature)
        return out
