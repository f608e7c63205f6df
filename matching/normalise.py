"""Free-text skill terms -> canonical concepts, with a confidence and the way they matched.

Ways of matching (``how``):

``exact``        the German preferred label of the concept
``synonym``      another German label: ESCO alternative, BA-Kompetenz term, or one
                 of the project's colloquial terms ("Staplerschein"), also after
                 removing gender forms and filler words ("Erfahrung an der Kasse")
``translation``  an English label
``fuzzy``        a label within a few typing errors (rapidfuzz, behind an n-gram prefilter)
``found``        a longer text that contains a known skill ("Besitz eines gültigen
                 Staplerscheins" -> "Gabelstapler bedienen"): the words of a label, also
                 inflected ("Staplerscheins") or in another order ("färben ... Haare")
``related``      the head of a German compound ("Bäckereiverkauf" -> "Verkauf")
``project``      the project's own vocabulary layer (``layer``: words the project's people
                 taught it, reviewed by the project) – it is asked before everything else
``own``          the layer or a person said the term is its own thing, not any concept:
                 it is compared by its words only, never guessed
``corrected``    the reading a person chose for this one record (``fixed``)
``unknown``      nothing fits; the term is kept and its words still count (graded similarity)
"""

from __future__ import annotations

import itertools
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar, overload

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA
from scipy import sparse
from sklearn.feature_extraction.text import TfidfTransformer

from . import derived, requirements, titles
from .lexicon import LINKS, STOPWORDS, Lexicon, stem
from .similarity import tfidf_rows
from .text import ARTICLES, GENDER_FRAGMENTS, complement_at, fold, gender_variants, is_fragment, key, plain_vowels, strip_gender
from .vocabulary import Entries, Vocabulary, default_vocabulary

CONFIDENCE = {"exact": 1.0, "synonym": 0.95, "translation": 0.9, "found": 0.85, "related": 0.6, "unknown": 0.0, "project": 0.95, "corrected": 1.0, "own": 0.0}
# A reading fixed for one term: a concept id, or None for "its own thing" (by the term's key, matching.text.key).
Fixed = Mapping[str, str | None]
MAX_SPAN = 5  # the longest label searched for inside a text, in words
_FORM_TAIL = 10  # the most letters by which two forms of a word differ at their end: "kosmologinnen" - "kosmologin"
LONG_TERM = 60  # a term this long is looked up among the keys _FORM_TAIL letters shorter or longer only (_fuzzy_pass)
TYPOS = 2  # the edits (a letter added, left out, changed, or two swapped) typos make at most: "Rainigunskraft"
SURE_FUZZY = 0.9 * 0.95  # a typo match this close (rapidfuzz ratio 95) is not looked for again with more 3-grams
_SAME_PART = 7  # letters in a row two compounds share that say they share a part ("Staplerschein" - "Gabelstapler")
_SAME_FRONT = 5  # letters two words begin with alike that say they are of one word ("Bürotätigkeiten" - "Büroarbeiten")
INFLECTION = 3  # letters an inflected word may add to its label word by itself ("Kindern" - "Kind"; "Verkäufern" is no "Verkauf")
# The endings by which an inflected noun differs from its label word ("Kabelbäumen" - "Kabelbäume", "Kind" - "Kinder"),
# umlauts read as their vowels; "Elektronen" is no form of "Elektronik", nor "medizinische" of "Medizin".
INFLECTIONS = frozenset(["", "e", "n", "en", "s", "es", "ns", "ens", "er", "ern", "ses", "se", "sen"])
# A verb made a noun and the noun in -ung name the same doing ("das Reinigen" - "Reinigung"): their endings.
DOING_ENDINGS = frozenset(frozenset([verb, noun]) for verb in ("en", "n") for noun in ("ung", "ungen"))
OBJECT_VERB = 3  # a verb that ends this many labels ("Wartung planen", "Reisen planen") is done to something
# A doing that ends this many labels is done to dozens of things: its noun by itself („Beratung“: 130 „… beraten“) names
# none of them. Fewer is a specific doing whose noun is a skill of its own („Sterilisation“: 4 „… sterilisieren“).
MANY_OBJECTS = 20
# How many terms and lines a normaliser keeps read (per table): a web process reads ads for months, and a client may
# send made-up text; when full, it begins anew.
MAX_KEPT_TERMS = 50_000
ANY_FORM = ""  # a word found by a light verb's label or the project's own words: any word of the stem
# The sources of a label whose key may stand for its concept as the head of a compound (Normaliser._compound).
_HEAD_SOURCES = frozenset(["pref_de", "alt_de", "ba", "curated"])

# Words that carry no skill of their own in "Erfahrung im Verkauf", "gute Kenntnisse in Excel".
FILLER_WORDS = frozenset(
    [
        "erfahrung",
        "erfahrungen",
        "kenntnisse",
        "kenntnis",
        "grundkenntnisse",
        "gute",
        "gut",
        "sehr",
        "erste",
        "etwas",
        "viel",
        "langjaehrige",
        "mehrjaehrige",
        # "abgeschlossene Ausbildung als Maler", "Berufserfahrung Maler", "gelernter Koch": the occupation itself
        "berufserfahrung",
        "ausbildung",
        "berufsausbildung",
        "abgeschlossene",
        "abgeschlossener",
        "gelernte",
        "gelernter",
        "mit",
        "im",
        "in",
        "in",
        "der",
        "an",
        "am",
        "bei",
        "beim",
        "von",
        "vom",
        "fuer",
        "zum",
        "zur",
        "und",
        "oder",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einer",
        "taetigkeit",
        "taetigkeiten",
        "arbeit",
        "als",
        "bereich",
        "experience",
        "with",
        "in",
        "of",
        "and",
        "the",
        "basic",
        "good",
        "skills",
        "knowledge",
    ]
)


@dataclass(frozen=True)
class Normalised:
    """How one term was understood."""

    term: str
    concept: str | None
    label: str | None
    how: str
    confidence: float

    @property
    def known(self) -> bool:
        return self.concept is not None


# Verbs that turn a quality into a skill label ("zuverlässig handeln", "Engagement zeigen",
# "körperliche Belastbarkeit an den Tag legen", "in Teams arbeiten"); ads name the quality alone.
_LIGHT_VERBS = tuple(stem(fold(w)) for w in ("zeigen", "handeln", "beweisen", "haben", "besitzen", "aufbringen", "arbeiten"))
_LIGHT_PHRASES = ((stem("tag"), stem("legen")),)
# Heads of a compound that say one can do, has done or knows what its front names: "Teamfähigkeit",
# "Kassenerfahrung", "Mathematikkenntnisse". A front that names no skill ("Berufserfahrung", "Grundkenntnisse") finds none.
_ABILITY_HEADS = ("faehigkeit", "faehig", "erfahrungen", "erfahrung", "kenntnissen", "kenntnisse", "kenntnis")


# "mit Schiffen handeln" is trading in ships, not a way of acting like "zuverlässig handeln".
_TRADE = stem("handeln")


def _without_light_verb(stems: list[str], words: Sequence[str] = ()) -> list[str]:
    """The stems of a label without its final light verb; [] when it has none or nothing else.
    ``words``: all the label's words, stop words included ("mit X handeln" keeps its verb)."""
    for phrase in _LIGHT_PHRASES:
        if len(stems) > len(phrase) and tuple(stems[-len(phrase) :]) == phrase:
            return stems[: -len(phrase)]
    if len(stems) >= 2 and stems[-1] in _LIGHT_VERBS and _verb_written(words) and not (stems[-1] == _TRADE and "mit" in words):
        return stems[:-1]
    return []


# Verbs that say only that a doing named by a noun is done ("Reparaturen an Fahrrädern durchführen").
_DOING_VERBS = frozenset(stem(w) for w in ("durchfuehren", "vornehmen"))
# ... and those that say a doing is given („Unterstützung beim Ankleiden leisten“), after a noun that need not be one
# („Gesellschaft leisten“: not named by „Gesellschaft“ alone, as „Fehlersuche“ names „Fehlersuche betreiben“)
_DONE_VERBS = _DOING_VERBS | frozenset([stem("leisten")])
_CONDUCTING = frozenset([stem("betreiben")])  # so with a doing's own name ("Fehlersuche betreiben"), not a business's
# The verbs of following a rule, and the nouns of rules: a label "… vorschriften anwenden" is said by any of them
# (not "… verfahren anwenden": a process is used, a procedure followed).
_RULE_VERB_WORDS = {stem(w): w for w in ("anwenden", "einhalten", "befolgen", "beachten", "beruecksichtigen")}
_RULE_VERBS = tuple(_RULE_VERB_WORDS)
_RULE_NOUNS = ("vorschrift", "richtlinie", "regel", "standard", "norm", "bestimmung", "vorgabe", "anweisung", "verordnung")
# Verbs that say a label's doing alike, by the label's verb: a thing is fitted where it stays by any of „einbauen“,
# „installieren“, „montieren“ („Montage von Steckdosen“: „Steckdosen einbauen“); a machine is kept working by „warten“
# and „pflegen“ („Maschinen pflegen“). A label „… montieren“ keeps its verb (it is as often putting a thing together:
# „Maschinen montieren“), and so does „… pflegen“ (of people and plants, too); "einsetzen" is also to use ("Werkzeuge
# einsetzen"). Asked in the label's order only.
_ALIKE_VERB_WORDS = {
    "einbauen": ("installieren", "montieren"),
    "installieren": ("einbauen", "montieren"),
    "warten": ("pflegen",),
}
_ALIKE_VERBS = {stem(verb): tuple(stem(w) for w in alike) for verb, alike in _ALIKE_VERB_WORDS.items()}
# the verb of each stem, for its doing's nouns (_verb_nouns)
_VERB_WORDS = {**_RULE_VERB_WORDS, **{stem(w): w for verb, alike in _ALIKE_VERB_WORDS.items() for w in (verb, *alike)}}


def _rule_followed(words: Sequence[str]) -> str:
    """The rule noun a label's content ``words`` say are followed ("hygienevorschriften", "einhalten": "vorschrift"),
    or "" when the label says no such thing."""
    if len(words) < 2 or stem(words[-1]) not in _RULE_VERBS:
        return ""
    rules = fold(words[-2])
    return next((noun for noun in _RULE_NOUNS if rules.endswith((noun, noun + "s", noun + "n", noun + "en"))), "")


def _verb_written(words: Sequence[str]) -> bool:
    """Whether a label's last word is written as a verb (an infinitive ends in -n): "international handeln", not
    the noun of the same stem "internationaler Handel" or "soziale Arbeit" (no words given: taken as a verb)."""
    return not words or words[-1].endswith("n")


# Verbs of the stop list that end labels and say little beside the label's other words (_verb_said).
_SAY_LITTLE = frozenset({"unterstuetzen", "sorgen", "stellen", "bieten", "uebernehmen", "sein", "sind", "haben", "werden", "wird", "koennen"})
# Verbs and nouns that say a thing is used, and the prepositions of an instrument (_said_used).
_USING = frozenset(
    stem(w)
    for w in (
        *("verwenden", "verwendet", "verwendung", "benutzen", "benutzt", "benutzung", "nutzen", "nutzt", "nutzung"),
        *("bedienen", "bedient", "bedienung", "gebrauchen", "gebraucht", "gebrauch", "einsetzen", "einsatz"),
        *("handhaben", "handhabt", "handhabung", "umgehen", "umgang", "anwenden", "anwendung", "arbeiten", "arbeitet"),
    )
)
_INSTRUMENT = frozenset({"mit", "mithilfe", "mittels"})
_KNOWING = ("kenntnis", "kenntnisse")  # the heads of labels that say a thing is known how to use („EDV-Kenntnisse besitzen“)


def _ability_front(word: str) -> str | None:
    """The thing a noun of ability, experience or knowledge names ("teamfaehigkeit" -> "team", "kassenerfahrung"
    -> "kassen"), else None."""
    for head in _ABILITY_HEADS:
        if word.endswith(head) and len(word) - len(head) >= 4:
            return word[: -len(head)]
    return None


# Sentences about the application, the contract and the pay, not the work: no skill is spotted in them
# ("Die Einstellung erfolgt vorerst befristet", "Wir freuen uns auf Ihre Bewerbung").
_BOILERPLATE = frozenset(
    stem(fold(w))
    for w in [
        "bewerbung",
        "bewerbungen",
        "bewerben",
        "bewerbungsunterlagen",
        "befristet",
        "unbefristet",
        "befristung",
        "vergütung",
        "gehalt",
        "entlohnung",
        "bezahlung",
        "urlaub",
        "urlaubstage",
        "arbeitsvertrag",
        "probezeit",
        "tarif",
        "tariflich",
        "tarifvertrag",
        "ansprechpartner",
        "ansprechpartnerin",
        "lebenslauf",
        "freuen",
        "einstellung",
        "eingestellt",
        "stellenangebot",
        "stellenanzeige",
        "wochenstunden",
    ]
)
_BOILERPLATE_WORDS = 4  # shorter lines are terms ("Bewerbungsgespräche führen" is a skill), not sentences
_WORD_RAW = re.compile(r"[^\W_]+")


# The particle of a separable verb, right after the verb: "Sie stellen sicher, dass …" is "sicherstellen" (to
# ensure), not "sicher" (safe, as in "sicher mit Maschinen arbeiten").
_PARTICLES = {"sicher": frozenset(["stellen", "stellt", "stelle", "stellte", "stellten", "stellst"])}


def _particle(words: list[str], i: int) -> bool:
    verbs = _PARTICLES.get(words[i])
    return verbs is not None and i > 0 and words[i - 1] in verbs


def _other_work_between(ws: list[str], noun: list[bool], chosen: tuple[int, ...], verbs: frozenset[str]) -> bool:
    """Whether, between words found together in another order, a verb has an object of its own: "Sie analysieren
    Daten, erstellen Berichte und verwalten Laborbestände" holds no "Daten verwalten"; "Sie waschen, pflegen und
    färben Haare" still holds "Haare waschen" (a list of verbs with one object). ``verbs``: the verbs that end the
    vocabulary's labels ("Berichte erstellen"), so that an adjective ("aus steifen Fasern") is no verb."""
    inside = [k for k in range(chosen[0] + 1, chosen[-1]) if k not in chosen]
    return any(not noun[k] and ws[k] in verbs and k + 1 in inside and noun[k + 1] for k in inside)


# The words that join a noun's complement: "Herstellung des Schaftes", "Wartung von (den) Anlagen".
_COMPLEMENT = frozenset(["des", "der", "von", "vom"])
_QUALITY_ENDINGS = ("keit", "heit", "itaet", "keiten", "heiten", "itaeten")  # nouns of qualities: "Zuverlässigkeit"


class _Spot(NamedTuple):
    """One line as the spotter reads it: its folded words (``every``), the positions of the content words among
    them (``keep``), and per content word its text, stem and whether it is written as a noun."""

    every: list[str]
    keep: list[int]
    ws: list[str]
    stems: list[str]
    noun: list[bool]
    capital: list[bool] | None
    verbs: frozenset[str]
    kept: frozenset[str]  # the stop list's nouns that labels name ("Team"), kept where the line writes them as nouns
    every_stems: frozenset[str]  # the stems of all its words, stop words included
    things: frozenset[str]  # the words labels write with a capital as things that end other labels as if verbs ("Waren")


def _noun_for_verb(word: str, verb: str) -> bool:
    """Whether ``word``, written as a noun, cannot say the label's ``verb``: "Pläne" are things, not "planen", nor is
    a "Lager" "lagern", nor "Zahlen" "zählen"; "Planung", "Verkauf", "Pflege", "Kontrolle", "Zucht" (züchten) and
    "Planen" say the doing. Both folded."""
    if word.endswith("ung") or word == verb:
        return False
    if word == plain_vowels(verb):
        return True  # an infinitive made a noun is its own verb: "Zahlen" (paying, numbers) is no "zählen"
    if verb.endswith(("ern", "eln")) and plain_vowels(word) == plain_vowels(verb[:-1]):
        return True  # "Lager" is a place, not "lagern" ("Lagerung", "das Lagern" say the doing)
    front = plain_vowels(word[:-1] if word.endswith("e") else word)
    return not plain_vowels(verb).startswith(front) or (_umlauted(word) and not _umlauted(verb))  # "Pläne", "Verkäufe": plurals


def _umlauted(word: str) -> bool:
    return plain_vowels(word) != word


def _label_action(
    words: list[str], verbs: frozenset[str], written: str | None = None, kept: frozenset[str] = frozenset(), things: frozenset[str] = frozenset()
) -> tuple[str, bool] | None:
    """A label's action word and whether it is a verb, for a label that says an action on something: "Werkzeuge
    herstellen" (herstellen, a verb), "Herstellung von Werkzeugen" (herstellung, a noun), "regelmäßige
    Maschinenwartung planen"; None for a label of another shape ("chemische Verfahren", "beladen entladen").
    ``words``: folded, with stop words; ``written``: the label as written, with its capitals, where known (else
    the label is only kept folded, and a word that ends other labels as their verb, ``verbs``, is taken for one);
    ``kept``: the stop list's nouns that are words of labels ("ein Team leiten"); ``things``: the words labels write
    with a capital as things, objects before a verb even where the label is only kept folded ("Waren lagern")."""
    content = _content_words(words, kept)
    if len(words) >= 3 and words[1] in _COMPLEMENT and len(content) >= 2:
        return content[0], False
    nouns = {fold(w) for w in written.split() if w[:1].isupper()} if written is not None else things
    verb = written.split()[-1][:1].islower() if written is not None else content[-1] in verbs
    # the word before the verb is its object, not a second verb ("beladen entladen"): a noun where capitals tell
    # ("Zutaten herstellen", though "zutaten" ends other labels as if it were a verb)
    if len(content) >= 2 and verb and content[-1].endswith(("en", "ern", "eln")) and (content[-2] not in verbs or content[-2] in nouns):
        return content[-1], True
    return None


# The objects of labels that stand for any thing: "Waren verpacken" is said of "Verpackung von Lebensmitteln".
_ANY_THING = frozenset(stem(w) for w in ("waren", "produkte", "erzeugnisse", "gegenstaende", "artikel", "materialien", "gueter", "oberflaechen", "flaechen"))


def _own_object(every: list[str], keep: list[int], noun: list[bool], at: int, chosen: tuple[int, ...]) -> bool:
    """Whether the noun at ``at`` (a position of the kept words) has an object of its own in the line, one not
    among the ``chosen`` words: "zur Herstellung des Schaftes" (not of the tools named before it). An object
    that begins a list holding a chosen word ("Reparatur von Maschinen und Werkzeugen") is none of its own."""
    j = complement_at(every, keep[at], _COMPLEMENT)
    if j is None or j not in keep:
        return False
    first = keep.index(j)
    if first in chosen or not noun[first]:
        return False
    run = first
    while run + 1 < len(noun) and noun[run + 1] and run + 1 not in chosen and _listed(every, keep[run], keep[run + 1]):
        run += 1
    return run + 1 not in chosen or not _listed(every, keep[run], keep[run + 1])


def _listed(every: list[str], a: int, b: int) -> bool:
    """Whether the words at ``a`` and ``b`` stand in one list: nothing between them but "und", "oder", "sowie", "bzw."
    and articles ("Maschinen und Werkzeuge"); a preposition begins another part of the sentence ("Überprüfung von
    Plänen sowie für die Betreuung des Personals")."""
    return all(w in _LISTING or w in ARTICLES for w in every[a + 1 : b])


def _said_texts(label: str, texts: Sequence[str], kept: frozenset[str], found: Mapping[str, int]) -> list[str]:
    """The names of a concept whose content words are the ``found`` ones, written as the preferred ``label`` writes
    them (with its capitals): the label itself, and a shorter name of the label's own words ("digitale Kommunikation"
    of "digitale Kommunikation und Zusammenarbeit"). A name with a word the label does not write is left out: its
    capitals are not known."""
    cased = {fold(w): w for w in label.split()}
    out = []
    for text in dict.fromkeys([fold(label), *texts]):
        words = text.split()
        if _content_stems(words, kept) == set(found) and all(w in cased for w in words):
            out.append(" ".join(cased[w] for w in words))
    return out


def _label_said_otherwise(label: str, spot: _Spot, found: Mapping[str, int]) -> bool:
    """Whether the line uses the label's words (as written, with its capitals) otherwise: as a verb what the label
    names as a noun ("Sie arbeiten mit den Leitern" holds no "Arbeiten leiten", "Sie überwachen ..., bewerten ..."
    no "Bewertungen überwachen"), or the label's adjective for another noun ("elektrische Leitungen" for
    "elektrische Heizsysteme"). ``found``: the line's positions of the label's stems."""
    written = label.split()
    folded = fold(label).split()
    if len(written) != len(folded):
        return False
    for k, (raw, word) in enumerate(zip(written, folded)):
        at = found.get(stem(word))
        if at is None or spot.noun[at]:
            continue
        if raw[:1].isupper() and spot.ws[at] in spot.verbs:
            return True
        if raw[:1].islower() and k + 1 < len(written) and written[k + 1][:1].isupper() and _adjective_of_another_noun(spot, at, found):
            return True
    return False


_COORDINATION = frozenset(["und", "oder", "sowie"])
_LISTING = _COORDINATION | frozenset(["bzw", "beziehungsweise"])  # the words that join the members of a list
# The particles a German verb leaves at the end of its clause ("Sie füllen Regale auf": "auffüllen"), and the
# subjects that may stand before the verb.
_SEPARABLE = frozenset(["auf", "an", "ab", "ein", "aus", "zu", "vor", "nach", "mit", "bei", "um", "durch"]) | frozenset(
    ["her", "zusammen", "fest", "weg", "zurueck", "dar", "fort", "weiter", "los", "hin"]  # also words of their own
)
_SUBJECTS = frozenset(["sie", "wir", "er", "ich", "du", "ihr", "man"])


def _punctuation(text: str, n_words: int) -> list[str]:
    """Per folded word of ``text``: the punctuation right after it ("," "-" "" ...), "" where the words cannot be paired."""
    paired = _raw_words(text, n_words)
    if paired is None:
        return [""] * n_words
    stripped, raw = paired
    after = [stripped[m.end() : (raw[k + 1].start() if k + 1 < len(raw) else len(stripped))].strip() for k, m in enumerate(raw)]
    return [a[:1] for a in after]


def _join_separable(every: list[str], capital: list[bool], punctuation: list[str]) -> list[str]:
    """The folded words with each separated verb joined to its particle: "Sie füllen Regale auf und nehmen Waren an"
    says "auffüllen" and "annehmen". A clause (between "und", "oder", "bzw." or punctuation) that begins with a verb written
    in lower case and ends in a particle (not the cut-off front of a word: "Vor- und Nachteile"); anything else is
    left as it is."""
    out = list(every)
    start = 0
    for end in range(len(every)):
        if every[end] not in _LISTING and end + 1 < len(every) and punctuation[end] not in (",", ";", ".", ":", "-", "!", "?", "("):
            continue
        last = end if every[end] not in _LISTING else end - 1
        clause = [i for i in range(start, last + 1) if every[i] not in _SUBJECTS]
        start = end + 1
        if len(clause) < 3 or every[clause[-1]] not in _SEPARABLE or punctuation[clause[-1]] == "-":
            continue
        verb = clause[0]
        if not capital[verb] and every[verb] not in STOPWORDS and every[verb].endswith(("n", "t")):
            out[verb] = every[clause[-1]] + every[verb]
    return out


# Words that make the noun after them a genitive, belonging to the noun before: "die Verstärkung des Teams".
_GENITIVE = frozenset(["des", "eines", "unseres", "ihres", "seines", "meines", "deines", "eures", "jedes", "dieses"])
# "Reparatur von PKW aller Marken", "Fahrzeuge jeglicher Art": the noun after says which of the thing before is meant
# (any), it is no task or field of its own
_ALL_OF = frozenset(["aller", "jeglicher", "saemtlicher"])


def _window(ws: list[str], start: int, free: frozenset[str], size: int = 6, most_free: int = 2) -> list[int]:
    """The positions from ``start`` on that hold ``size`` words, not counting up to ``most_free`` of the ``free``
    ones (the stop list's nouns a line keeps for the labels that name them: they do not push a label's other words
    apart). Never more than ``size + most_free`` positions: a line of a thousand "Team" is no thousand-word window."""
    return list(range(start, min(len(ws), start + size + min(most_free, sum(w in free for w in ws[start : start + size + most_free])))))


def _verb_said(label: str, line_stems: frozenset[str]) -> bool:
    """Whether a line (the stems of its words) says the verb of ``label`` where the stop list drops it from the label's words
    (an ad's "Bewerben Sie sich", "Wir suchen"): "landwirtschaftliche Erzeugnisse bewerben" is about promoting them.
    Verbs that say little ("unterstützen", "sorgen für", "zur Verfügung stellen") need not be said."""
    last = label.split()[-1]
    verb = fold(last)
    if not last[:1].islower() or verb not in STOPWORDS or verb in _SAY_LITTLE:
        return True
    return stem(verb) in line_stems


def _coordinated(every: list[str], first: int, last: int) -> bool:
    """Whether the words from ``first`` to ``last`` (positions in ``every``) are joined by "und", "oder" or
    "sowie": two things, where a compound written apart ("Strom erzeugen" - "Stromerzeugung") is one."""
    return any(w in _LISTING for w in every[first + 1 : last])


def _listed_objects(every: list[str], keep: list[int], ws: list[str], noun: list[bool], verbs: frozenset[str]) -> list[tuple[int, int]]:
    """(object, verb) positions of the kept words where a verb of the labels follows a list of nouns joined by
    „und“, „oder“, „sowie“ or a comma, for each noun of the list but the last (which stands next to it): „Steckdosen
    und Schalter montieren“ gives „Steckdosen“ with „montieren“."""
    out = []
    for verb in range(2, len(ws)):
        if noun[verb] or ws[verb] not in verbs or not noun[verb - 1]:
            continue
        at = verb - 1
        while at > 0 and noun[at - 1] and all(w in _LISTING for w in every[keep[at - 1] + 1 : keep[at]]):
            at -= 1
            out.append((at, verb))
    return out


def _with_instrument(every: list[str], at: int) -> bool:
    """Whether "mit", "mithilfe" or "mittels" comes shortly before the word at ``at``: the line says the thing is
    used ("Umgang mit dem Gabelstapler", "Erfahrung mit Kettensägen", "Sie beladen LKW mit dem Stapler"), not
    repaired, sold or made ("Reparatur von Gabelstaplern")."""
    return any(w in _INSTRUMENT for w in every[max(0, at - 3) : at])


def _said_used(every: list[str], at: int, line_stems: frozenset[str]) -> bool:
    """Whether a line (folded words, and the stems of all of them) says that the thing at ``at`` is used: a verb or
    noun of using anywhere in it ("Sie verwenden Werkzeuge", "Umgang mit …"), or "mit", "mithilfe", "mittels"
    shortly before it ("mithilfe einfacher traditioneller Werkzeuge")."""
    return _with_instrument(every, at) or not line_stems.isdisjoint(_USING)


# The verbs of labels that say a thing is used, whose thing alone (an "object" name) is the skill where a line
# says it is used: "Gabelstapler bedienen", "Handwerkzeuge verwenden", "Kettensäge bedienen".
_USING_LABEL = frozenset(stem(w) for w in ("bedienen", "verwenden", "benutzen", "nutzen", "einsetzen", "handhaben", "gebrauchen"))


def _label_of_using(label: str) -> bool:
    words = fold(label).split()
    return len(words) >= 2 and stem(words[-1]) in _USING_LABEL


_METHODS = ("technik", "techniken", "verfahren", "methode", "methoden")


def _label_of_tool(label: str) -> bool:
    """Whether a label is of using a tool or machine ("Schweißausrüstung bedienen"), not a way of working
    ("Kochtechniken nutzen")."""
    return _label_of_using(label) and not fold(label).split()[-2].endswith(_METHODS)


def _genitive(every: list[str], at: int) -> bool:
    """Whether the word at ``at`` (a position in ``every``) follows a genitive article or pronoun ("des Teams",
    "unseres Teams", "eines Teams")."""
    return at > 0 and every[at - 1] in _GENITIVE


def _adjective_of_another_noun(spot: _Spot, at: int, found: Mapping[str, int]) -> bool:
    """Whether the adjective at ``at`` (the label's, before its noun) belongs in the line to a noun the label does not
    name: "Heizsysteme, Batterien, elektrische Leitungen" holds no "elektrische Heizsysteme", "chemische
    Konzentration ... des Verfahrens" no "chemische Verfahren". Its noun is the first noun after it; nouns joined to
    that by "und", "oder" share it ("technische Zeichnungen und Pläne")."""
    capital = spot.capital
    if capital is None:
        return False  # no noun capitals: nothing tells an adjective from a noun
    nouns = {spot.keep[i] for i in found.values() if spot.noun[i]}
    j = spot.keep[at] + 1
    while j < len(spot.every) and not capital[j] and spot.every[j] not in spot.verbs:
        j += 1  # other adjectives, "und": "mechanische und elektrische Komponenten"
    while j < len(spot.every) and j not in nouns and (capital[j] or spot.every[j] in _COORDINATION):
        j += 1  # nouns joined by "und", "oder"
    return j >= len(spot.every) or j not in nouns


_PREPOSITIONS = frozenset(["in", "im", "mit", "an", "am", "auf", "bei", "fuer"])
_WHERE_OR_WHAT_FOR = _PREPOSITIONS | frozenset(["zum", "zur", "zu", "nach", "unter", "ueber", "vom", "von", "aus"])


def _object_as_genitive(words: list[str], spot: _Spot, found: Mapping[str, int]) -> bool:
    """Whether the label's object after a preposition ("in Teams arbeiten") is a genitive in the line, belonging to
    another noun: "die Arbeit eines Teams von Anstreichern leiten" is no work in teams. A label without a verb keeps
    its object as its own attribute ("Recht am geistigen Eigentum": "Rechte des geistigen Eigentums"). ``words``:
    the label's, folded."""
    if not words or words[-1] not in spot.verbs:
        return False
    for k in range(1, len(words)):
        at = found.get(stem(words[k]))
        if words[k - 1] in _PREPOSITIONS and at is not None and _genitive(spot.every, spot.keep[at]):
            return True
    return False


def _thing_said_as_doing(words: list[str], spot: _Spot, found: Mapping[str, int]) -> bool:
    """Whether a label word is, in the line, a verb of another word with its stem: "Helfer Bau" is not "Sie helfen
    ... beim Bau"; a verb and the noun of its doing ("reinigen" - "Reinigung") say the same. ``words``: the label's,
    folded."""
    for word in words:
        at = found.get(stem(word))
        if at is None or spot.noun[at] or spot.ws[at] not in spot.verbs:
            continue
        if spot.ws[at] != word and not _inflected(spot.ws[at], word):
            return True
    return False


def _object_of_another_verb(spot: _Spot, chosen: tuple[int, ...]) -> bool:
    """Whether words found as "object verb" (the last a verb) hold an object that a verb before it governs, while
    the verb has an object of its own after it: "Sie testen die Modelle ... und erstellen Berichte" holds no
    "Modelle erstellen", "Sie reinigen die Räume und pflegen Pflanzen" no "Raumpflege". (An ad's list "Ware
    annehmen, Regale auffüllen" has no verb before "Ware".)"""
    first, verb = chosen[0], chosen[-1]
    if spot.noun[verb] or spot.ws[verb] not in spot.verbs or not spot.noun[first]:
        return False
    if verb + 1 >= len(spot.ws) or not spot.noun[verb + 1]:
        return False
    return first > 0 and not spot.noun[first - 1] and spot.ws[first - 1] in spot.verbs


def _complement_of_another_noun(spot: _Spot, chosen: tuple[int, ...]) -> bool:
    """Whether words found as a verb and its object hold an object that the line gives to a noun not found with
    them ("die Kreditwürdigkeit von Kunden", "die Eltern der Kinder"), while the verb comes before it: "Sie beraten
    Finanzinstitute im Hinblick auf die Kreditwürdigkeit von Kunden" advises no customers. (A noun found with the
    words keeps its complement: "Wartung von Maschinen", "Einhaltung der Vorschriften gewährleisten".)"""
    capital = spot.capital
    if capital is None:
        return False
    verbs = [i for i in chosen if not spot.noun[i] and spot.ws[i] in spot.verbs]
    if not verbs:
        return False
    positions = {spot.keep[i] for i in chosen}
    for i in chosen:
        if not spot.noun[i] or i < verbs[0]:
            continue
        j = spot.keep[i] - 1
        if j >= 0 and spot.every[j] in ARTICLES and spot.every[j] not in _COMPLEMENT:
            j -= 1  # "von den Kunden"
        if j < 1 or spot.every[j] not in _COMPLEMENT:
            continue
        if spot.every[j] == "der" and j - 1 >= 0 and spot.every[j - 1] in _PREPOSITIONS:
            continue  # "in der Küche": a dative, no complement
        owner = j - 1
        if capital[owner] and owner not in positions and spot.every[owner] not in STOPWORDS and stem(spot.every[owner]) not in _KINDS_AND_PARTS:
            return True
    return False


# Nouns whose complement is what is meant: "verschiedene Arten von Elektrowerkzeugen", "Komponenten von Maschinen".
_KINDS_AND_PARTS = frozenset(
    stem(w) for w in ("arten", "sorten", "typen", "formen", "teile", "einzelteile", "bestandteile", "komponenten", "reihe", "vielzahl", "menge", "gruppen")
)


def _object_of_verb_before(spot: _Spot, at: int) -> bool:
    """Whether the noun at ``at`` is the object of the verb right before it: a verb's infinitive written as a noun
    there is a thing, not the doing ("entfernen Falten" removes creases, it folds nothing; "das Falten der Wäsche"
    is the doing)."""
    j = spot.keep[at] - 1
    return spot.capital is not None and j >= 0 and not spot.capital[j] and spot.every[j] in spot.verbs and spot.every[j] not in STOPWORDS


def _says_doing(term: str) -> bool:
    """Whether ``term`` says what is done: words ending in a verb ("Möbel montieren", "taxi fahren"), not a
    title ("Fachkraft Küche")."""
    written = term.split()
    return len(written) >= 2 and written[-1][:1].islower() and fold(written[-1]).endswith(("en", "ern", "eln"))


def _is_boilerplate(text: str) -> bool:
    """Whether ``text`` is a sentence about applying, the contract or the pay."""
    words = fold(text).split()
    return len(words) >= _BOILERPLATE_WORDS and any(stem(w) in _BOILERPLATE for w in words)


def _raw_words(text: str, n_words: int) -> tuple[str, list[re.Match[str]]] | None:
    """``text`` without gender forms and its words as written, one per folded word; None when they cannot be paired."""
    stripped = strip_gender(text)
    raw = list(_WORD_RAW.finditer(stripped))
    return (stripped, raw) if len(raw) == n_words else None


def _capitals(text: str, n_words: int) -> list[bool] | None:
    """Per folded word of ``text``: written with a capital? None when the text shows no German noun capitals
    (all words lower case, or all capitalised, or shouted) or its words cannot be paired with the folded ones."""
    paired = _raw_words(text, n_words)
    if paired is None:
        return None
    raw = [m.group() for m in paired[1]]
    capital = [w[:1].isupper() for w in raw]
    shouted = sum(w.isupper() and len(w) > 1 for w in raw) * 2 > len(raw)  # "STAPLERSCHEIN ERFORDERLICH"; "PKW" alone is no shout
    if shouted or all(capital) or not any(capital):
        return None
    return capital


_WORK = ("arbeit", "arbeiten")  # the head of a compound read as „in/mit X arbeiten“ (Normaliser._compound_of_label)
# Where a label names the place of its doing („Helfertätigkeiten auf der Baustelle“): the prepositions of a place (not
# „bei“, which names an activity: „bei der Körperpflege unterstützen“), and the words that say work is done there.
_PLACE_PREPOSITIONS = frozenset(["auf", "an", "am", "in", "im"])
_WORKING = frozenset(
    stem(fold(w))
    for w in ("arbeiten", "Arbeit", "Mitarbeit", "tätig", "Tätigkeit", "Tätigkeiten", "Einsatz", "helfen", "Hilfe", "unterstützen", "Unterstützung")
)
_HELPING = frozenset(stem(fold(w)) for w in ("Helfer", "Hilfe", "Hilfs", "Aushilfe", "Aushilfs", "Mit"))  # „Hilfsarbeiten“
_EXPERIENCE = frozenset(stem(fold(w)) for w in ("Erfahrung", "Erfahrungen", "erfahren", "Kenntnisse", "Kenntnis"))
_NOMINALISED = frozenset(["das", "dem", "zum", "beim", "vom", "im", "am", "ins"])  # "das Servieren", "zum Verladen"
# Words that say one is good at something, before what: „sicher in Excel“, „versiert im Umgang mit …“, „vertraut mit“.
_PROFICIENT = frozenset(["sicher", "sichere", "versiert", "geuebt", "vertraut", "fit", "firm"])
_PROFICIENT_IN = frozenset(["in", "im", "mit", "am", "beim"])


def _says_proficient(every: list[str]) -> bool:
    """Whether a folded line says someone is good at what follows („Sicher in Word und Excel“, „fit am PC“)."""
    return any(w in _PROFICIENT and nxt in _PROFICIENT_IN for w, nxt in itertools.pairwise(every))


# Prepositions of time: a doing made a noun after them says when a task is done, not the task: „Abkleben vor dem
# Streichen“, „Küche nach dem Kochen reinigen“, „vorm Öffnen“.
_WHEN = frozenset(["vor", "nach", "waehrend", "bis"])
_WHEN_ARTICLES = frozenset(["dem", "der", "des", "zum"])
_WHEN_JOINED = frozenset(["vorm", "nachm"])


def _doing_says_when(every: list[str], at: int, verbs: frozenset[str]) -> bool:
    """Whether the word at ``at`` (a position in the folded line ``every``) is a doing that says when another is done:
    a verb of the labels (``verbs``) after a preposition of time and its article („vor dem Streichen“)."""
    if every[at] not in verbs or at == 0:
        return False
    if every[at - 1] in _WHEN_JOINED:
        return True
    return at >= 2 and every[at - 1] in _WHEN_ARTICLES and every[at - 2] in _WHEN


def _things_named(labels: list[str]) -> set[str]:
    """The words (folded) labels write with a capital as things: „Fliesen verlegen“, „an Fliesen“ – not only as
    a verb made a noun, after an article or before its object („das Verladen der Fracht“, „Servieren von
    Getränken“)."""
    out = set()
    for label in labels:
        words = label.split()
        for i, w in enumerate(words):
            if not w[:1].isupper():
                continue
            before = fold(words[i - 1]) if i else ""
            after = fold(words[i + 1]) if i + 1 < len(words) else ""
            if before not in _NOMINALISED and after not in _COMPLEMENT:
                out.add(fold(w))
    return out


def _latin_verb(noun: str) -> str | None:
    """The verb of a folded noun of the Latin kind, which the stemmer does not pair: „kommunikation“ ->
    „kommunizieren“, „organisation“ -> „organisieren“; else None."""
    if noun.endswith("kation"):
        return noun[: -len("kation")] + "zieren"
    if noun.endswith("ation"):
        return noun[: -len("ation")] + "ieren"
    return None


def _ours(entries, concept: int, curated: int) -> bool:
    """Whether a key's ``entries`` name ``concept`` by the project's own words (curated.toml)."""
    return any(c == concept and s == curated for c, s in entries)


def _curated(vocab: Vocabulary, concept: int, curated: int) -> bool:
    """Whether one of the concept's names is the project's own (curated.toml)."""
    return any(_ours(vocab.entries.get(text.replace(" ", ""), ()), concept, curated) for text in vocab.label_texts[concept])


def _doing_named(every: list[str], at: int, capital: list[bool] | None) -> bool:
    """Whether the verb ``every[at]`` (folded words) names a task by itself, as a verb made a noun does in a list of
    tasks („Spülen, Putzen und Aufräumen“): written with a capital where the line shows noun capitals, and not
    asking or bidding („Packen Sie mit an“). An object after it must be the task's own: the spotter keeps the
    task only where its label names that object („Kommissionieren von Waren“), not another („Bedienen von
    Maschinen“ is about the machines: ``Normaliser._doing_of_its_object``). (An object after a list of such
    verbs is the object of all of them, and the task stays: „Kehren, Saugen und Wischen von Fußböden“ holds vacuum
    cleaning – on the dev lines, every such case.)"""
    if capital is None or not capital[at]:
        return False
    nxt = every[at + 1] if at + 1 < len(every) else None
    return nxt not in _SUBJECTS


@lru_cache(maxsize=4)
def _stems(words: frozenset[str]) -> frozenset[str]:
    """The stems of ``words`` (of the index's few nouns of the stop list: worked out once, not for every line)."""
    return frozenset(map(stem, words))


def _content_words(words: list[str], kept: frozenset[str] = frozenset()) -> list[str]:
    """The words (folded) that are not on the stop list, or are its nouns ``kept`` for the labels."""
    return [w for w in words if w not in STOPWORDS or w in kept]


def _content_stems(words: list[str], kept: frozenset[str] = frozenset()) -> set[str]:
    """The stems of :func:`_content_words`."""
    return {stem(w) for w in _content_words(words, kept)}


_WORK_HEADS = frozenset(["arbeit", "arbeiten", "taetigkeit", "taetigkeiten", "aufgabe", "aufgaben"])


def _compound_head(lexicon: Lexicon, word: str) -> str:
    """The stem of the last part of a compound noun of known parts ("bodenfliesen": "flies"), "" for any other word
    or a last part shorter than four letters."""
    parts = lexicon.parts(word)
    if len(parts) < 2 or len(parts[-1]) < 4 or parts[-1] in _WORK_HEADS:
        return ""  # (work itself is no object: "Baggerarbeiten" are not any "Arbeit")
    return stem(lexicon.base(parts[-1]))


def _doing_compound(lexicon: Lexicon, word: str) -> tuple[str, str, str] | None:
    """For a compound that names a doing with its object ("Lebensmittellagerung"): the stems of its object, of its
    doing's noun and of its verb ("lebensmittel", "lager", "lag": the stemmer cuts "lagern" shorter than "Lagerung");
    None for a word that is no such compound."""
    parts = lexicon.parts(lexicon.base(word))
    if len(parts) < 2 or not parts[-1].endswith("ung") or len(parts[-1]) < 6:
        return None
    head = parts[-1]
    root = head[:-3]
    return stem("".join(parts[:-1])), stem(head), stem(root + ("n" if root.endswith(("er", "el")) else "en"))


def _written_apart(lexicon: Lexicon, word: str) -> list[str]:
    """How a line writes apart a compound that names a doing with its object (:func:`_doing_compound`), as the stems
    of its words joined: the doing's noun, then the object ("Lagerung von Lebensmitteln", "die Lagerung der
    Lebensmittel"), the object, then the verb ("Lebensmittel lagern"), or the verb, then the object ("Sie lagern
    Lebensmittel")."""
    found = _doing_compound(lexicon, word)
    if found is None:
        return []
    thing, noun, verb = found
    return [noun + thing, thing + verb, verb + thing]


SURE_TITLE = 0.9  # a job title names its occupation this surely or more (matching.titles) to be read as a term

# Doings whose noun is no regular form of the verb: the nouns in -ur of a few verbs ("Reparatur", "Korrektur"; "Temperatur"
# is no doing of "temperieren"), and "Hilfe" ("Hilfe beim Waschen und Anziehen": "Waschen und Anziehen helfen").
_DOINGS_IRREGULAR = {"reparieren": ("reparatur",), "korrigieren": ("korrektur",), "helfen": ("hilfe",)}


def _verb_nouns(verb: str, known: frozenset[str]) -> list[str]:
    """The nouns of the doing of a label's ``verb`` that the stemmer does not give the verb's stem, among the words
    the labels use: "montieren" - "Montage", "installieren" - "Installation", "kommunizieren" - "Kommunikation",
    "produzieren" - "Produktion", "kalibrieren" - "Kalibrierung", "liefern" - "Lieferung", "warten" - "Wartung" (a
    line writes "Montage von Fenstern" for "Fenster montieren"). Nouns in -ur are the doing of only a few verbs
    ("Reparatur", "Korrektur"; "Temperatur" is no doing of "temperieren"): those are named."""
    if verb.endswith("ieren"):
        root = verb[:-5]
        forms = [root + "age", root + "ation", root + "ierung"]
        if root.endswith("iz"):
            forms.append(root[:-2] + "ikation")
        if root.endswith("z"):
            forms.append(root[:-1] + "ktion")
    elif verb.endswith(("ern", "eln")):
        forms = [verb[:-1] + "ung"]
    elif verb.endswith("en"):
        forms = [verb[:-2] + "ung"]  # "warten" - "Wartung", "leiten" - "Leitung": a short root keeps its -ung for the stemmer
    else:
        return []
    forms += _DOINGS_IRREGULAR.get(verb, ())
    return [f for f in forms if f in known and stem(f) != stem(verb)]


def _doing_named_alone(label: str, word: str) -> bool:
    """Whether ``word`` (a one-word name of the label's concept) is the label without a verb that says only that
    its doing is done: "Fehlersuche" of "Fehlersuche betreiben". (The noun of a label with a verb of its own names
    only its object: "Stromerzeugung" of "Stromerzeugung koordinieren" is found neither alone nor written apart.)"""
    words = [w for w in fold(label).split() if w not in STOPWORDS]
    return len(words) >= 2 and stem(words[-1]) in _DOING_VERBS | _CONDUCTING and "".join(words[:-1]) == word


def _regular_forms(word: str) -> list[str]:
    """Words ``word`` (folded) is regularly made of, as German makes them: the verb of a doing's noun in -ung
    ("Beachtung": "beachten"), the field of its person ("Mechaniker": "Mechanik"), and a verb without its separable
    particle ("einnähen": "nähen")."""
    out = [word[: -len(end)] + "en" for end in ("ungen", "ung") if word.endswith(end) and len(word) - len(end) >= 3]
    out += [word[: -len(end)] for end in ("er", "ern") if word.endswith("ik" + end)]  # "Mechaniker": "Mechanik"
    out += [word[len(p) :] for p in _SEPARABLE if word.startswith(p) and word.endswith("en") and len(word) - len(p) >= 5]
    return out


def _one_word(label: str) -> bool:
    every = fold(label).split()
    words = [w for w in every if w not in STOPWORDS]
    return len(words) == 1 or len(_without_light_verb([stem(w) for w in words], every)) == 1


K = TypeVar("K")


def _without(table: Mapping[K, set[int]], concepts: set[int]) -> dict[K, set[int]]:
    """``table`` without ``concepts`` (and without the keys left with none)."""
    return {k: found - concepts for k, found in table.items() if found - concepts}


def _inflected(word: str, label_word: str) -> bool:
    """Whether ``word`` is ``label_word`` inflected (or any word, for :data:`ANY_FORM`): at most
    :data:`INFLECTION` letters longer, and after their common beginning each goes on with an ending of a German
    noun at most (umlauts read as their vowels): "Kabelbäumen" is "Kabelbäume", "Elektronen" is no "Elektronik".
    A verb made a noun and the noun in -ung name the same doing ("Verpacken" - "Verpackung")."""
    if label_word == ANY_FORM:
        return True
    a, b = plain_vowels(word), plain_vowels(label_word)
    if _person_of_field(a, b) or _person_of_field(b, a):
        return False
    common = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    ends = frozenset([a[common:], b[common:]])
    return len(word) <= len(label_word) + INFLECTION and (ends <= INFLECTIONS or ends in DOING_ENDINGS)


def _alike(lexicon: Lexicon, words: Sequence[str], others: Sequence[str]) -> bool:
    """Whether one of ``words`` (folded; a compound by its parts too) and one of ``others`` are of one word: the
    same stem, the same beginning of :data:`_SAME_FRONT` letters ("Sauberhalten" - "Sauberkeit"), or a part of
    :data:`_SAME_PART` letters in common ("Staplerschein" - "Gabelstapler")."""
    stems = {stem(o) for o in others}
    for w in words:
        if any(stem(p) in stems for p in (w, *lexicon.parts(lexicon.base(w)))):
            return True
        for o in others:
            if len(os.path.commonprefix([w, o])) >= _SAME_FRONT:  # noqa: RUF071 - words, not paths
                return True
            if SequenceMatcher(None, w, o, autojunk=False).find_longest_match().size >= _SAME_PART:
                return True
    return False


_PERSON_ENDINGS = frozenset(["er", "ern"])  # "Techniker", "Leitern"
# The nouns of doings that German joins with their object into one word („Wartung der Fahrzeuge“ - „Fahrzeugwartung“,
# „Annahme der Ware“ - „Warenannahme“; joined by the compounds' linking letters, lexicon.LINKS)
_DOING_NOUN_ENDS = ("ung", "nahme", "gabe", "pflege", "montage", "kontrolle")
_LICENCE_LABEL = re.compile(r"Führerschein Klasse (\w+)")  # the names of the vocabulary's licences (curated.toml)
# The ends of the nouns that name people by their work ("Verkäufer", "Reinigungskraft", "Kaufmann")
_PERSON_NOUN_ENDS = ("er", "kraft", "mann", "frau")
_OTHER_ENDINGS = frozenset(["en", "ung", "ungen"])  # "Techniken", "Leitung": no form of a noun in -er


def _person_of_field(a: str, b: str) -> bool:
    """Whether ``a`` names the person of the field ``b`` names (folded words): a noun in -ik is no -iker ("Mechaniker" -
    "Mechanik", "Elektroniker" - "Elektronik"; its plural is "Mechaniken")."""
    return b.endswith("ik") and a.startswith(b) and a[len(b) :] in _PERSON_ENDINGS


def _person_and_other(word: str, label_word: str) -> bool:
    """Whether two words of one stem are two nouns: one ends in -er where the other ends in -en or -ung after their
    common beginning (umlauts read as their vowels); no noun has both endings ("Techniker" - "Techniken")."""
    a, b = plain_vowels(word), plain_vowels(label_word)
    if not a or not b:
        return False
    if _person_of_field(a, b) or _person_of_field(b, a):
        return True
    common = min(len(os.path.commonprefix([a, b])), len(plain_vowels(stem(word))))  # noqa: RUF071 - words, not paths
    ends = {a[common:], b[common:]}  # after the stem: "techniker" - "techniken": "er", "en"
    return len(ends) == 2 and not ends.isdisjoint(_PERSON_ENDINGS) and not ends.isdisjoint(_OTHER_ENDINGS)


def _spottable_alone(words: list[str], concept: int, entries, objects: set[int]) -> bool:
    """Whether a one-word label may be spotted by itself in a longer text: it is the label (not a verb's object
    taken out of "Schuhe putzen", not what is left of "Mitarbeiter einstellen" without its noun)."""
    if any(len(w) > 4 and w in STOPWORDS for w in words):
        return False
    source = next((s for c, s in entries if c == concept), None)
    return source is None or source not in objects


# The spotting index: labels by their stems in order, by the set of their stems, one word that may be spotted
# alone (noun) or in lower case (verb, adjective), the label words of a stem found alone, the verbs that end labels,
# and the verbs of the project's own words that name a task as a list of tasks writes it, made a noun („Spülen,
# Putzen und Aufräumen“: „spülen“ ends many labels, „Spülen“ is a curated name), by the word as written (folded):
# not its stem, whose other words are things („Spulen“, „Farben“, „Einkäufe“); never a word labels write as a noun
# („Fliesen“); the stop list's nouns labels name; the words labels write with a capital as things that end other
# labels as if they were verbs („Waren“); the things that labels of using name („Gabelstapler“ of „Gabelstapler
# bedienen“), found where a line says they are used („Umgang mit Gabelstaplern“).
SpotIndex = tuple[
    dict[str, set[int]],
    dict[frozenset[str], set[int]],
    dict[str, set[int]],
    dict[str, set[int]],
    dict[str, set[str]],
    frozenset[str],
    dict[str, set[int]],
    frozenset[str],
    frozenset[str],
    dict[str, set[int]],
]


_ROW_TABLES = "sbalndu"  # the index's tables of rows (key -> concepts or words), in the order of SpotIndex
_SET_TABLES = "vkt"  # its sets of words


def _spot_index_to_arrays(index: SpotIndex) -> dict[str, np.ndarray]:
    """The index as arrays of UTF-8 text, one per table, a line per entry: key, a tab, the concepts (or words),
    a bag's stems joined by spaces (stems hold no spaces or tabs); a set's words one per line."""
    by_stems, by_bag, alone, lower, forms, verbs, doings, kept, things, used = index

    def joined(values) -> str:
        return " ".join(sorted(values)) if all(isinstance(v, str) for v in values) else " ".join(map(str, sorted(values)))

    rows: dict[str, Mapping[str, set[int]] | Mapping[str, set[str]]] = {
        "s": by_stems,
        "b": {" ".join(sorted(k)): v for k, v in by_bag.items()},
        "a": alone,
        "l": lower,
        "n": forms,
        "d": doings,
        "u": used,
    }
    out = {f"rows_{t}": derived.lines_to_array([f"{k}\t{joined(v)}" for k, v in rows[t].items()]) for t in _ROW_TABLES}
    out.update({f"set_{t}": derived.lines_to_array(sorted(words)) for t, words in zip(_SET_TABLES, (verbs, kept, things))})
    return out


class _KeptTable(dict):
    """A table of the kept spotting index: each key's value is kept as its line's text and made into a set when
    the key is asked for. Making all 40,000 sets at every start took 60 ms; a run asks for a few thousand keys."""

    __slots__ = ("_words",)

    def __init__(self, rows: Iterable[tuple[Any, str]], words: bool) -> None:
        super().__init__(rows)
        self._words = words  # the values are words (the forms table), not concept numbers

    def _made(self, k: Any, value: Any) -> Any:
        if isinstance(value, str):  # (a set put in later, as the project's words are, is kept as it is)
            value = set(value.split(" ")) if self._words else set(map(int, value.split()))  # ANY_FORM: an empty field
            dict.__setitem__(self, k, value)
        return value

    def __getitem__(self, k: Any) -> Any:
        return self._made(k, dict.__getitem__(self, k))

    def get(self, k: Any, default: Any = None) -> Any:
        value = dict.get(self, k)
        return default if value is None else self._made(k, value)

    def items(self):  # (every value made: what comparing two tables asks)
        return [(k, self[k]) for k in self]

    def values(self):
        return [self[k] for k in self]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())


def _spot_index_from_arrays(stored: Mapping[str, np.ndarray]) -> SpotIndex:
    tables = {}
    for t in _ROW_TABLES:
        text = stored[f"rows_{t}"].tobytes().decode()
        # every line is "key<tab>value": split at both at once, the keys and values alternate (made in C, not a
        # line at a time in Python: the 40,000 lines took 30 ms of every start)
        flat = text.replace("\n", "\t").split("\t") if text else []
        keys: Iterable[Any] = map(frozenset, map(str.split, flat[0::2])) if t == "b" else flat[0::2]
        tables[t] = _KeptTable(zip(keys, flat[1::2]), words=t == "n")
    verbs, kept, things = (frozenset(derived.lines_from_array(stored[f"set_{t}"])) for t in _SET_TABLES)
    return tables["s"], tables["b"], tables["a"], tables["l"], tables["n"], verbs, tables["d"], kept, things, tables["u"]


_DENSE_GRAMS = 1 << 26  # the largest table of possible 3-grams worth allocating (64 MB)


def _trigram_counts(docs: list[str], max_df: int | float) -> tuple[np.ndarray, sparse.csr_matrix]:
    """The character 3-grams of ``docs`` (sorted) and their counts per doc, as scikit-learn's
    ``CountVectorizer(analyzer="char", ngram_range=(3, 3), max_df=max_df)`` finds them in texts in lower case
    without runs of white space (the typo index's label keys) – worked out on arrays without sorting, which for the 170,000
    keys takes a fraction of the time (the first start on a machine builds this index). Each character becomes
    its rank in the docs' alphabet, so that a 3-gram's number sorts as its text does."""
    codes = np.frombuffer("".join(docs).encode("utf-32-le"), dtype=np.uint32)
    seen = np.zeros(int(codes.max()) + 1, dtype=bool)
    seen[codes] = True
    alphabet = np.flatnonzero(seen)
    size = len(alphabet)
    letters = (np.cumsum(seen) - 1)[codes].astype(np.int64)  # rank of each character
    lengths = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
    per_doc = np.maximum(lengths - 2, 0)
    at = np.arange(int(per_doc.sum())) + np.repeat(np.cumsum(lengths) - lengths - (np.cumsum(per_doc) - per_doc), per_doc)
    number = (letters[at] * size + letters[at + 1]) * size + letters[at + 2]
    if size**3 <= _DENSE_GRAMS:  # a table of every possible 3-gram: no sorting
        present = np.zeros(size**3, dtype=bool)
        present[number] = True
        numbers, column = np.flatnonzero(present), (np.cumsum(present) - 1)[number]
    else:  # an alphabet too large for a table (texts in many scripts)
        numbers, column = np.unique(number, return_inverse=True)
    rows = np.repeat(np.arange(len(docs)), per_doc)
    counts = sparse.csr_matrix((np.ones(len(number), dtype=np.float32), (rows, column.ravel())), shape=(len(docs), len(numbers)))
    counts.sum_duplicates()  # canonical, as scikit-learn leaves it: each row's columns once, in order
    high = max_df if isinstance(max_df, int) else max_df * len(docs)
    keep = np.flatnonzero(np.diff(counts.tocsc().indptr) <= high)
    chars = [chr(c) for c in alphabet.tolist()]
    grams = np.asarray([chars[g // size**2] + chars[g // size % size] + chars[g % size] for g in numbers[keep].tolist()], dtype=str)
    return grams, counts[:, keep].tocsr()


class _TypoIndex(NamedTuple):
    """The typo look-up's index (Normaliser._fuzzy_labels)."""

    queries: _TrigramQueries  # makes a term's 3-gram vector, weighed as the keys' are
    labels: sparse.csr_matrix  # 3-grams x keys
    keys: _LabelKeys
    occupations_only: np.ndarray  # per key: whether it names occupations only
    lengths: np.ndarray  # per key: its letters
    long_labels: sparse.csr_matrix  # 3-grams x the keys a long term may be a typo of (LONG_TERM)
    long_at: np.ndarray  # those keys' positions among all


class _LabelKeys(Sequence[str]):
    """The typo index's label keys (those of three letters or more), as their positions among the vocabulary's
    label keys (:class:`matching.vocabulary.Entries`), which hold the texts."""

    def __init__(self, entries: Entries, at: np.ndarray) -> None:
        self._entries, self._at = entries, at

    def positions(self, columns: np.ndarray) -> list[int]:
        """The label keys' positions among the vocabulary's, of the typo index's ``columns``."""
        return self._at[columns].tolist()

    def __len__(self) -> int:
        return len(self._at)

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return self._entries.keys_at(self._at[i].tolist())
        return self._entries.keys_at([int(self._at[i])])[0]


class _TrigramQueries:
    """Terms as vectors of the typo index's 3-grams: what scikit-learn's ``TfidfVectorizer(analyzer="char",
    ngram_range=(3, 3), sublinear_tf=True)`` with the index's 3-grams and idf weights makes of them (3-grams the
    index does not keep are left out), counted here and weighed by :func:`~matching.similarity.tfidf_rows`:
    the vectorizer checks its input and settings on every call, which cost more than the look-up itself for the
    few terms of one ad. The texts are label keys with a space either side (lower case, no runs of spaces)."""

    def __init__(self, grams: list[str], idf: np.ndarray) -> None:
        self.column = {g: i for i, g in enumerate(grams)}
        self.idf = np.asarray(idf, dtype=np.float32)

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        column = self.column
        found = [[j for j in map(column.get, [text[at : at + 3] for at in range(len(text) - 2)]) if j is not None] for text in texts]
        lengths = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
        cols = np.fromiter(itertools.chain.from_iterable(found), dtype=np.int32, count=int(lengths.sum()))
        rows = np.repeat(np.arange(len(texts), dtype=np.int32), lengths)
        # each 3-gram once per row, with its count, the columns in order (a COO matrix sums its repeats so)
        matrix = sparse.coo_matrix((np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=(len(texts), len(self.idf))).tocsr()
        matrix.sum_duplicates()
        return tfidf_rows(matrix, self.idf)


class Normaliser:
    """Maps free-text terms to vocabulary concepts.

    Parameters
    ----------
    vocabulary : Vocabulary, optional
        Defaults to the shipped vocabulary.
    fuzzy_cutoff : float
        Smallest rapidfuzz ratio (0-100) for a typo match; short words need ``short_cutoff``.
    short_cutoff : float
        The cutoff for keys of up to six characters, where one typo changes a lot.
    candidates : int
        How many labels the n-gram prefilter hands to rapidfuzz per term.
    max_df : int or float
        3-grams found in more labels than this (a count, or a share when a float)
        are left out of the prefilter.
    query_ngrams : int
        How many of a term's rarest 3-grams the prefilter looks up.
    first_ngrams : int
        How many it looks up first; a term without a close match (rapidfuzz ratio 95) is looked up again
        with ``query_ngrams`` (most terms are settled by the shorter, cheaper look-up).
    layer : mapping of str to (str or None), optional
        The project's own vocabulary layer: term -> concept id, or None when the term is
        its own thing. Asked before the shipped vocabulary; see :meth:`set_layer`.
    """

    def __init__(
        self,
        vocabulary: Vocabulary | None = None,
        *,
        fuzzy_cutoff: float = 86.0,
        short_cutoff: float = 88.0,
        candidates: int = 50,
        max_df: int | float = 1.0,
        query_ngrams: int = 8,
        first_ngrams: int = 4,
        layer: Mapping[str, str | None] | None = None,
    ) -> None:
        self.vocabulary = vocabulary or default_vocabulary()
        self.fuzzy_cutoff = fuzzy_cutoff
        self.short_cutoff = short_cutoff
        self.candidates = candidates
        self.max_df = max_df
        self.chunk_size = 2000
        if query_ngrams < 1 or first_ngrams < 1:
            raise ValueError("query_ngrams and first_ngrams must be at least 1 (how many 3-grams of a term are looked up)")
        self.query_ngrams = query_ngrams
        self.first_ngrams = first_ngrams
        self._cache: dict[str, tuple[list[tuple[int, int]], str, float]] = {}
        self._spot_cache: dict[str, list[Normalised]] = {}
        self._spotting: SpotIndex | None = None
        self._fuzzy_index: _TypoIndex | None = None
        self._licence_classes: dict[str, int] | None = None  # licence class ("C1") -> its concept, made on first use
        self.layer: dict[str, tuple[str, int | None]] = {}
        if layer:
            self.set_layer(layer)

    # -- public API -----------------------------------------------------------------

    def set_layer(self, layer: Mapping[str, str | None]) -> None:
        """Use ``layer`` (term -> concept id, or None for "its own thing") from now on.

        The layer is asked before the shipped vocabulary, for whole terms and for the
        words of longer texts (``spot``). What was read before is forgotten, so every
        term is read again with the layer. Unknown concept ids raise ``ValueError``.
        """
        index = self.vocabulary.index
        unknown = sorted(c for c in layer.values() if c is not None and c not in index)
        if unknown:
            raise ValueError(f"the layer names concepts the vocabulary does not have: {', '.join(unknown[:5])}")
        self.layer = {key(term): (term, None if concept is None else index[concept]) for term, concept in layer.items() if key(term)}
        self._cache, self._spot_cache, self._spotting = {}, {}, None

    def normalise(self, terms: Sequence[str], context: Iterable[str] = (), fixed: Fixed | None = None) -> list[Normalised]:
        """Normalise the terms of one record; ``context`` (other terms of it) settles homonyms;
        ``fixed`` (term key -> concept id or None) holds the readings a person chose for this record."""
        return self.normalise_records([list(terms)], contexts=[list(context)], fixed=[fixed or {}])[0]

    def normalise_records(
        self, records: Sequence[Sequence[str]], contexts: Sequence[Sequence[str]] | None = None, fixed: Sequence[Fixed] | None = None
    ) -> list[list[Normalised]]:
        """Normalise many records at once: all distinct unknown spellings go through one fuzzy batch."""
        distinct = {t for rec in records for t in rec} | {t for ctx in (contexts or []) for t in ctx}
        if len(self._cache) + len(distinct) > MAX_KEPT_TERMS:
            self._cache = {}  # full: begin anew (swapped, as set_layer does, never cleared under a call)
        cache = self._cache  # set_layer swaps it: a call already under way finishes with the one it began with
        self._resolve_many(distinct, cache)
        out = []
        for n, rec in enumerate(records):
            extra = contexts[n] if contexts else ()
            found = self._record(list(rec), list(extra), cache)
            out.append([self._fixed(norm, fixed[n]) for norm in found] if fixed and fixed[n] else found)
        return out

    def readings(self, records: Sequence[Sequence[str]], fixed: Sequence[Fixed] | None = None) -> list[list[list[Normalised]]]:
        """Per record and term, everything the term is understood as.

        A term understood as a whole (also with a typo, or by its compound head)
        gives one reading; a longer text gives each skill found in it; a term with
        neither gives none (its words still count for graded similarity).
        """
        out = []
        for terms, primaries in zip(records, self.normalise_records(records, fixed=fixed)):
            out.append([self.spot(term) if primary.how == "found" else ([primary] if primary.known else []) for term, primary in zip(terms, primaries)])
        return out

    def _fixed(self, norm: Normalised, fixed: Fixed) -> Normalised:
        k = key(norm.term)
        if k not in fixed:
            return norm
        concept = fixed[k]
        if concept is None or concept not in self.vocabulary.index:
            return Normalised(norm.term, None, None, "own", 0.0)
        return Normalised(norm.term, concept, self.vocabulary.label_de[self.vocabulary.index[concept]], "corrected", CONFIDENCE["corrected"])

    # -- internals ------------------------------------------------------------------

    def _record(self, terms: list[str], context: list[str], cache: dict) -> list[Normalised]:
        vocab = self.vocabulary
        found = [cache[t] for t in terms]
        # Concepts that are certain give the context for the ambiguous ones.
        sure = [cands[0][0] for cands, _how, _conf in found + [cache[t] for t in context] if len(cands) == 1]
        profile = None
        results = []
        for term, (cands, how, conf) in zip(terms, found):
            if not cands:
                results.append(Normalised(term, None, None, "own" if how == "own" else "unknown", 0.0))
                continue
            best = cands[0][0]
            tied = [best] if len(cands) == 1 or cands[1][1] != cands[0][1] else [c for c, s in cands if s == cands[0][1]]
            if len(tied) > 1 and sure:
                # per tied concept, how often the sure concepts' occupations are its occupations
                if profile is None:
                    rows = [vocab.occupation_row(c) for c in sure]
                    profile = np.bincount(
                        np.concatenate([cols for cols, _w in rows]), weights=np.concatenate([w for _c, w in rows]), minlength=vocab.skill_occupations.shape[1]
                    )
                scores = np.asarray([profile[cols] @ w for cols, w in map(vocab.occupation_row, tied)])
                if scores.max() > 0:
                    best = tied[int(np.argmax(scores))]  # first of the best keeps the usage order
            results.append(Normalised(term, vocab.ids[best], vocab.label_de[best], how, conf))
        return results

    def _resolve_many(self, terms: Iterable[str], cache: dict) -> None:
        misses = []
        for term in (t for t in terms if t not in cache):
            chosen = self._from_layer(term)
            if chosen is not None:  # a reading people chose stays as chosen
                cache[term] = chosen
                continue
            hit = self._lookup(term)
            if hit is None:
                misses.append(term)
            else:
                cache[term] = self._licence_as_written(term, hit)
        found = dict(zip(misses, self._fuzzy(misses)))
        for term in misses:
            hit = found.get(term) or self._spotted(term) or self._compound(term) or self._job_title(term)
            cache[term] = self._licence_as_written(term, hit) if hit else ([], "unknown", 0.0)

    def _licence_as_written(self, term: str, hit):
        """``hit`` (candidates, how, confidence) with a driving licence only of the class ``term`` writes (as
        matching.requirements reads it): „Führerschein Klasse D“ is no „Führerschein Klasse B“, however close the
        words; a class the vocabulary has no concept of names none."""
        cands, how, conf = hit
        kept: list[tuple[int, int]] = []
        for concept, source in cands:
            own = concept if self.vocabulary.kind[concept] != "licence" else self._licence_of(term, concept)
            if own is not None and all(own != c for c, _s in kept):
                kept.append((own, source))
        return (kept, how, conf) if kept else ([], "unknown", 0.0)

    def _licence_of(self, text: str, concept: int) -> int | None:
        """The licence concept that ``text``, read as ``concept`` (a licence), names: ``concept`` where the text
        writes its class or none („LKW-Führerschein“), else the first class it writes that the vocabulary has a
        concept of, else none."""
        written = requirements.licence_classes(text)
        if not written:
            return concept
        if self._licence_classes is None:
            vocab = self.vocabulary
            named = ((i, _LICENCE_LABEL.fullmatch(vocab.label_de[i])) for i in range(len(vocab)) if vocab.kind[i] == "licence")
            self._licence_classes = {m.group(1): i for i, m in named if m}
        known = [self._licence_classes[c] for c in written if c in self._licence_classes]
        return concept if concept in known else next(iter(known), None)

    def _job_title(self, term: str):
        """A short term that is a job title the BA lists, read as its occupation ("Busfahrer" -> Omnibusfahrer,
        "Erntehelfer" -> Obst- und Gemüsepflücker): what a participant has worked as. Only a title that names its
        occupations surely (matching.titles: found word for word, a code of few occupations); several of them stay
        for the record's other terms to settle, as a label shared by several concepts does."""
        words = fold(term).split()
        if len(words) > 3:
            return None
        # a title word that another word completes is the doing it names: "Bedienung des Pizzaofens" is no waiter
        linked = _COMPLEMENT.intersection(words)
        found = [o for o in titles.occupations(self.vocabulary, term) if o.weight >= SURE_TITLE and linked <= set(o.via.split())]
        if not found:
            return None
        return ([(o.concept, 0) for o in found], "synonym", round(CONFIDENCE["synonym"] * found[0].weight, 3))

    def _from_layer(self, term: str):
        entry = self.layer.get(key(term)) if self.layer else None
        if entry is None:
            return None
        concept = entry[1]
        return ([], "own", 0.0) if concept is None else ([(concept, 0)], "project", CONFIDENCE["project"])

    def _spotted(self, term: str):
        """A longer text: the first known skill inside it (``spot`` lists them all)."""
        parts = self.spot(term)
        if not parts:
            return None
        first = parts[0]
        return ([(self.vocabulary.index[first.concept], 0)], "found", CONFIDENCE["found"])

    # -- known skills inside a text ------------------------------------------------------

    def _spot_index(self):
        """Labels by the stems of their words (in order, and as a set for 2-3 words), German sources only;
        then the project's own words."""
        if self._spotting is None:
            vocab = self.vocabulary
            key = derived.fingerprint(vocab.fingerprint) if derived.folder() is not None else None
            with derived.collector_paused():
                if key is None:
                    by_stems, by_bag, alone, lower, forms, verbs, doings, kept, things, used = self._label_spot_index()
                else:  # reading the labels takes most of a second: kept between starts (matching.derived)
                    stored = derived.arrays(
                        "spot-index",
                        key,
                        lambda: _spot_index_to_arrays(self._label_spot_index()),
                        lambda kept: derived.has(kept, *(f"rows_{t}" for t in _ROW_TABLES), *(f"set_{t}" for t in _SET_TABLES)),
                    )
                    by_stems, by_bag, alone, lower, forms, verbs, doings, kept, things, used = _spot_index_from_arrays(stored)
                lexicon = vocab.lexicon
                for text, layer_concept in self.layer.values():  # the project's words are found inside longer texts, too
                    ws = _content_words(fold(text).split(), kept)  # ("Arbeit im Team", as labels)
                    if layer_concept is not None and 0 < len(ws) <= MAX_SPAN:
                        by_stems["".join(stem(lexicon.base(w)) for w in ws)] = {layer_concept}
                        if len(ws) == 1:
                            alone[stem(lexicon.base(ws[0]))] = {layer_concept}
                            forms[stem(lexicon.base(ws[0]))] = {ANY_FORM}
                self._spotting = (by_stems, by_bag, alone, lower, forms, verbs, doings, kept, things, used)
        return self._spotting

    def _label_spot_index(self) -> SpotIndex:
        vocab = self.vocabulary
        by_stems: dict[str, set[int]] = defaultdict(set)
        by_bag: dict[frozenset[str], set[int]] = defaultdict(set)
        objects = {i for i, name in enumerate(vocab.sources) if name.startswith("object")}
        alone: dict[str, set[int]] = defaultdict(set)  # one word that may be spotted by itself
        forms: dict[str, set[str]] = defaultdict(set)  # the label words of a stem, to tell "Medizin" from "medizinische"
        # A word by itself names a skill whose own name is one word ("Beratung", "Kabelbäume", "zuverlässig
        # handeln"); of "Handwerkzeuge verwenden" or "Gäste begrüßen" it names only the object, and the line
        # must say the doing, too (a group of words, found above).
        # The project's own words ("Staplerschein", "Schichtarbeit") are such names, too; a verb by itself
        # (the last word of the many "object verb" labels: "bedienen", "führen") never is.
        curated = vocab.curated_source
        ba = vocab.sources.index("ba") if "ba" in vocab.sources else -1
        acting: Counter[str] = Counter()  # how many labels end in each verb
        # Words of the stop list that labels write as nouns ("Aufgaben", "Team", "Mitarbeiter"): the stop list drops
        # them from an ad's boilerplate, but in a label they are what the skill is about.
        # (A word labels also write in lower case is a function word there: "Mit Nutzern kommunizieren", "stellen".)
        written = [(fold(w), w[:1].isupper()) for label in vocab.label_de for w in label.split()]
        nouns_dropped = frozenset({w for w, capital in written if capital and w in STOPWORDS} - {w for w, capital in written if not capital})
        named_doings: dict[str, set[int]] = defaultdict(set)
        single: list[tuple[str, str, int, list[str], str]] = []
        things = _things_named(vocab.label_de)
        for concept, texts in enumerate(vocab.label_texts):
            if vocab.kind[concept] == "occupation":
                continue  # job titles are read by matching.titles, not spotted in task lines
            for text in texts:
                every = text.split()
                # such a noun is one of the label's words, as it is of a line that writes it as a noun ("im Team")
                ws = _content_words(every, nouns_dropped)
                if not ws or len(ws) > MAX_SPAN:
                    continue
                stems = [stem(w) for w in ws]
                if len(ws) == 1:  # indexed below, if it may be found by itself
                    single.append((ws[0], stems[0], concept, every, text))
                    continue
                if ws[-1].endswith(("en", "ern", "eln")):  # "Geräte bedienen", "Kunden beraten"
                    acting[ws[-1]] += 1
                rule = _rule_followed(ws)
                alike = _RULE_VERBS if rule else _ALIKE_VERBS.get(stems[-1], ())
                for said in (stems, *([*stems[:-1], verb] for verb in alike if verb != stems[-1])):
                    # (a rule is followed whichever of their verbs says it: "Hygienevorschriften einhalten" - "… anwenden";
                    # the others: _ALIKE_VERBS)
                    by_stems["".join(said)].add(concept)
                    if 2 <= len(set(said)) <= 3 and (said is stems or rule):  # another verb alike: in order only
                        by_bag[frozenset(said)].add(concept)
                    # "Montage von Fenstern": "Fenster montieren" (in this order only: "Motivation und Freude an der
                    # Arbeit mit Mitarbeitern" is no "Mitarbeiter motivieren")
                    for noun in _verb_nouns(_VERB_WORDS.get(said[-1], ws[-1]), vocab.lexicon.known):
                        by_stems[stem(noun) + "".join(said[:-1])].add(concept)
                if rule and len(ws) == 2 and not ws[0].startswith(rule):  # "Kenntnisse der Hygienevorschriften" (not any "Vorschriften")
                    alone[stems[0]].add(concept)
                    forms[stems[0]] = {ANY_FORM}
                if len(stems) >= 3 and stems[-1] in _DONE_VERBS:  # "Reparaturen an Fahrrädern durchführen": an ad writes
                    by_stems["".join(stems[:-1])].add(concept)  # "Reparatur von Fahrrädern" (a doing alone keeps its verb:
                    if len(set(stems[:-1])) <= 3:  # "Inspektionen" are no "Inspektionen durchführen")
                        by_bag[frozenset(stems[:-1])].add(concept)
                bare = _without_light_verb(stems, every)
                if bare:  # "zuverlässig handeln", "Lernbereitschaft zeigen": an ad writes "Zuverlässigkeit"
                    by_stems.setdefault("".join(bare), set()).add(concept)
                    if len(bare) == 1:
                        alone[bare[0]].add(concept)
                        forms[bare[0]] = {ANY_FORM}
        verbs = set(acting) - {name for name in map(fold, vocab.label_de) if " " not in name}  # one-word names are nouns: "Leiterplatten"
        lower: dict[str, set[int]] = defaultdict(set)  # a verb or adjective by itself: "planen", "sicher"
        used: dict[str, set[int]] = defaultdict(set)  # a thing a label of using names, by its stem
        for word, word_stem, concept, every, text in single:
            entries = vocab.entries.get(text.replace(" ", ""), ())
            label = vocab.label_de[concept]
            ours = _ours(entries, concept, curated)
            named = _doing_named_alone(label, word)  # "Fehlersuche" (of "Fehlersuche betreiben") is the skill itself
            if not named and not _spottable_alone(every, concept, entries, objects):
                if _label_of_using(label):  # "Gabelstapler" of "Gabelstapler bedienen": where a line says it is used
                    used[word_stem].add(concept)
                continue
            # A verb of the project's own words: "Spülen" (see SpotIndex), or the BA's name of the work done with a
            # tool, of a label of using it ("Schweißen": "Schweißausrüstung bedienen", "Bohren": "Bohrmaschine
            # bedienen"); not one done to many things ("Bedienen": 413 labels "… bedienen", mostly machines, though
            # the project's word means serving guests).
            by_tool = _ours(entries, concept, ba) and _label_of_tool(label)
            if (ours or by_tool) and word in verbs and word not in things and acting[word] < MANY_OBJECTS:
                named_doings[word].add(concept)
            if (_one_word(label) or ours or named) and word not in verbs:
                (lower if label[:1].islower() and fold(label) == text else alone)[word_stem].add(concept)
                if ANY_FORM not in forms[word_stem]:
                    forms[word_stem].add(word)
                # Words whose stems join to it are found as it, too ("Strom erzeugen": "Stromerzeugung"), under the
                # same rule: "Stromerzeugung", a name of "Stromerzeugung koordinieren", names only its object and
                # is found neither by itself nor written apart.
                by_stems[word_stem].add(concept)
                for apart in _written_apart(vocab.lexicon, word) if not named or _one_word(label) or ours else ():
                    by_stems[apart].add(concept)  # (not "Kundenbewertung" of "… durchführen" as "Kunden … bewerten")
        # "planen" (a skill of its own in the BA's list) is the doing of many skills ("Wartung planen", "Reisen planen"):
        # in a line ("die Planung und Durchführung") it names none of them, and is not looked for.
        doings = {c for c, label in enumerate(vocab.label_de) if " " not in label and label[:1].islower() and acting[fold(label)] >= OBJECT_VERB}
        # So is the noun of a doing done to many things: „Beratung“ (ESCO's knowledge of consulting) is what 130 labels „… beraten“ do,
        # „Kommunikation“ what 44 „mit … kommunizieren“ do; „Sie leisten Beratung zu Sicherheitsverfahren“ names one of
        # them, not the field. Where the project's own words name a skill by the noun („Verkauf“, „Reinigung“), they say
        # what its businesses mean, and all stay.
        lower_written = {w for w, capital in written if not capital}
        frequent = {v for v in verbs if acting[v] >= MANY_OBJECTS and v in lower_written}
        done = {stem(v) for v in frequent}
        for k, found in alone.items():
            if (k in done or any(_latin_verb(w) in frequent for w in forms.get(k, ()))) and not any(_curated(vocab, c, curated) for c in found):
                doings |= found
        return (
            _without(by_stems, doings),
            _without(by_bag, doings),
            _without(alone, doings),
            _without(lower, doings),
            dict(forms),
            frozenset(verbs),
            _without(named_doings, doings),
            nouns_dropped,
            frozenset(things & verbs),  # (asked only of words that end labels: _label_action)
            _without(used, doings),
        )

    def _agreeing(self, concepts: set[int], spot: _Spot, chosen: tuple[int, ...]) -> set[int]:
        """Of the ``concepts`` whose label the ``chosen`` words name, those the line says as the label does
        (where its nouns are written with capitals): the label's verb not read from a noun that names a thing
        ("Pläne" for "planen"), its action noun not given another object ("Herstellung des Schaftes" is not
        "Herstellung von Werkzeugen" however near the tools are). Labels of other shapes, and the project's
        own words, are kept."""
        # "das Schneiden von landwirtschaftlichen Erzeugnissen" promotes none of them ("… bewerben")
        concepts = {c for c in concepts if _verb_said(self.vocabulary.label_de[c], spot.every_stems)}
        if spot.capital is None:
            return concepts
        if _object_of_another_verb(spot, chosen) or _complement_of_another_noun(spot, chosen):
            return set()
        found = {spot.stems[i]: i for i in chosen}
        concepts = {c for c in concepts if not self._other_noun_of_stem(c, spot, found)}
        out = set()
        for concept in concepts:
            label = self.vocabulary.label_de[concept]
            # (the preferred label's own words only: „Brot verkaufen“, a name of „Verkauf an der Theke“, is said with a verb)
            if any(_label_said_otherwise(text, spot, found) for text in _said_texts(label, self.vocabulary.label_texts[concept], spot.kept, found)):
                continue
            if self._apart_said_as_thing(concept, spot, found):
                continue
            agrees = True
            for text in self.vocabulary.label_texts[concept]:
                words = text.split()
                if _content_stems(words, spot.kept) != set(found):
                    continue
                if _thing_said_as_doing(words, spot, found) or _object_as_genitive(words, spot, found):
                    agrees = False
                    continue
                shape = _label_action(words, spot.verbs, label if fold(label) == text else None, spot.kept, spot.things)
                if shape is None:
                    agrees = True
                    break
                action, is_verb = shape
                at = found.get(stem(action))
                if at is None or not spot.noun[at]:
                    agrees = True
                    break
                agrees = (
                    not (is_verb and _noun_for_verb(spot.ws[at], action))
                    and not (is_verb and _object_of_verb_before(spot, at))
                    and not _own_object(spot.every, spot.keep, spot.noun, at, chosen)
                )
                if agrees:
                    break
            if agrees:
                out.add(concept)
        return out

    def _other_noun_of_stem(self, concept: int, spot: _Spot, found: Mapping[str, int]) -> bool:
        """Whether a noun of the line has the stem of a word of every name of ``concept`` that the line's words
        name, but is another noun: the one who does it ("Techniker", "Leiter") where the label says the doing
        or the things ("Techniken", "Leitung"): "beraten … zu Techniken" is no "Techniker beraten"."""
        names = [text.split() for text in self.vocabulary.label_texts[concept]]
        names = [words for words in names if _content_stems(words, spot.kept) == set(found)]
        if not names:
            return False
        for words in names:
            label_word = {stem(w): w for w in _content_words(words, spot.kept)}
            if not any(spot.noun[at] and _person_and_other(spot.ws[at], label_word.get(s, "")) for s, at in found.items()):
                return False
        return True

    def _numbers_in_order(self, concept: int, numbers: list[str]) -> bool:
        """Whether a name of ``concept`` writes these numbers in this order (words found in any order keep the
        order of their numbers)."""
        return any([w for w in text.split() if w.isdigit()] == numbers for text in self.vocabulary.label_texts[concept])

    def _done_to(self, doing: set[str], things: set[str], concept: int, kept: frozenset[str]) -> bool:
        """Whether ``concept`` says a doing (its label ends in a verb: "Fliesen verlegen", "Maschinen warten") that a
        word of stem in ``doing`` names ("verlegen", "Verlegen"), done to the very ``things`` (stems) that compounds of
        the line end in: a compound's head is the label's object only so ("Unterlagen" name no warehouse, and
        "Abwasserinfrastrukturen" no "Schwimmbeckeninfrastruktur")."""
        label = self.vocabulary.label_de[concept].split()
        if len(label) < 2 or not label[-1][:1].islower() or stem(fold(label[-1])) not in doing:
            return False
        return any(things <= _content_stems(text.split(), kept) for text in self.vocabulary.label_texts[concept])

    def _said_in_order(self, concept: int, said: list[str], kept: frozenset[str]) -> bool:
        """Whether words of stems ``said`` (in the line's order) may name ``concept`` without its verb: any order
        for most labels, but a label that only says a doing is done ("Reparaturen an Fahrrädern durchführen") in
        its own order, the doing before its object as the line says it ("Reparatur und Wartung von Fahrrädern");
        "sie untersuchen Pflanzen im Hinblick auf die Medizin" holds no "medizinische Untersuchungen durchführen"."""
        for text in self.vocabulary.label_texts[concept]:
            words = _content_words(text.split(), kept)
            if not words or stem(words[-1]) not in _DONE_VERBS:
                return True
            if [stem(w) for w in words[:-1]] == said:
                return True
        return False

    def _foreign_name(self, concept: int) -> bool:
        """Whether ``concept`` is named by one word that German and English write alike ("Perl", "MySQL", "Golf")."""
        label = self.vocabulary.label_de[concept]
        return " " not in label and fold(label) == fold(self.vocabulary.label_en[concept] or "")

    def _doing_of_its_object(self, concepts: set[int], spot: _Spot, at: int) -> set[int]:
        """Of the tasks a verb made a noun names by itself (``_doing_named``), those the line gives no object, or
        the object one of the task's names says: „Kommissionieren von Waren“ (of „bestellte Waren zum Versand
        zusammenstellen“), not „das Kochen von Rohstoffen“ (cooking) or „Bedienen von Maschinen“ (serving guests)."""
        j = complement_at(spot.every, spot.keep[at], _COMPLEMENT)
        if j is None:
            return concepts
        # the object: the first noun from there ("Kochen der erforderlichen chemischen Inhaltsstoffe")
        own = next((i for i in range(at + 1, min(at + 4, len(spot.keep))) if spot.keep[i] >= j and spot.noun[i]), None)
        if own is None:
            return concepts
        return {
            c
            for c in concepts
            if self._of_any_thing(c, spot.kept)
            or _label_of_tool(self.vocabulary.label_de[c])  # the work done with a tool is done to anything: „Schweißen von Geländern“
            or any(spot.stems[own] in _content_stems(text.split(), spot.kept) for text in self.vocabulary.label_texts[c])
        }

    def _of_any_thing(self, concept: int, kept: frozenset[str]) -> bool:
        """Whether the label of ``concept`` does its doing to any thing (:data:`_ANY_THING`: "Oberflächen streichen",
        "Waren verpacken"), so that whatever a line names is its object ("Streichen von Innenräumen")."""
        written = self.vocabulary.label_de[concept].split()
        # the object: the nouns before the verb and before what says where or what for ("bestellte Waren zum Versand")
        named = list(itertools.takewhile(lambda w: fold(w) not in _WHERE_OR_WHAT_FOR, written[:-1]))
        things = [w for w in named if w[:1].isupper() and fold(w) not in STOPWORDS]
        return len(written) >= 2 and bool(things) and all(stem(fold(w)) in _ANY_THING for w in things)

    def _doing_of_another_object(self, concept: int, spot: _Spot, at: int, own_stem: str) -> bool:
        """Whether the word at ``at``, found alone for ``concept``, names the doing of a label that says what it is
        done to, while the line gives it an object (of stem ``own_stem``) the label does not name: "Empfang der Ware"
        is no "Gäste begrüßen" (named "Empfang"), "Sie bereiten die Zutaten für die Herstellung von Brot vor" no
        "Zutaten herstellen". A word that names the label's object itself ("Reinigung" of "Reinigungsarbeiten durchführen"),
        or a compound of it ("Unterhaltsreinigung"), keeps its own object ("Reinigung der Fenster")."""
        label = self.vocabulary.label_de[concept]
        words = fold(label).split()
        shape = _label_action(words, spot.verbs, label, spot.kept)
        if shape is None:
            return False
        objects = [stem(w) for w in _content_words(words, spot.kept) if w != shape[0]]
        if all(o in _ANY_THING for o in objects) or self._of_any_thing(concept, spot.kept):
            return False  # "Verpacken von Saucen" is "Waren verpacken"
        head = _compound_head(self.vocabulary.lexicon, self.vocabulary.lexicon.base(spot.ws[at]))
        for word_stem in (spot.stems[at], head) if head else (spot.stems[at],):
            if any(o.startswith(word_stem) or word_stem.startswith(o) for o in objects):
                return False  # the word (or its compound's head: "Unterhaltsreinigung") names the label's object
        return all(own_stem not in _content_stems(text.split(), spot.kept) for text in self.vocabulary.label_texts[concept])

    def _apart_said_as_thing(self, concept: int, spot: _Spot, found: dict[str, int]) -> bool:
        """Whether the words ``found`` name the compound of a doing ``concept`` is named by („Lebensmittellagerung“,
        :func:`_written_apart`) with a noun that names a thing, not the doing: „im Lager Lebensmittel“ (the stems of
        „Lager“ and „Lagerung“ are one). A verb („Lebensmittel lagern“) and the noun in -ung say it."""
        if len(found) < 2:
            return False
        lexicon = self.vocabulary.lexicon
        doing: set[str] = set()
        for text in self.vocabulary.label_texts[concept]:
            words = _content_words(text.split(), spot.kept)
            if {stem(w) for w in words} == set(found):
                return False  # the line says the label's own words
            if len(words) == 1:
                compound = _doing_compound(lexicon, words[0])
                if compound is not None:
                    doing |= set(compound[1:])
        return any(s in doing and spot.noun[at] and not spot.ws[at].endswith(("ung", "ungen")) for s, at in found.items())

    def _compound_said_apart(self, every: list[str], keep: list[int], at: int, word: str, alone, taken: list[bool]):
        """(positions, concepts) where the doing's noun ``word`` (kept word ``at``) and the object after it („der
        Fahrzeuge“, „von Waren“) are, joined, a label that is one compound („Fahrzeugwartung durchführen“,
        „Warenannahme“): German says a doing to a thing both ways. None where they are not."""
        if not word.endswith(_DOING_NOUN_ENDS):
            return None
        own = complement_at(every, keep[at], _COMPLEMENT)
        if own is None or own not in keep or taken[keep.index(own)]:
            return None
        thing, positions = every[own], (at, keep.index(own))
        for front in dict.fromkeys(thing[: len(thing) - cut] for cut in range(4) if len(thing) - cut >= 3):
            for link in LINKS:
                concepts = alone.get(stem(front + link + word))
                if concepts:
                    return positions, concepts
        return None

    def _compound_of_label(self, word: str, by_stems: dict[str, set[int]], line: _Spot, at: int) -> set[int]:
        """The labels „in/mit X arbeiten“ a compound „X-arbeit“ joins („Teamarbeit“: „in Teams arbeiten“), said as
        the labels say them (``_agreeing``).

        Only work itself: a compound of another doing reads as its label no better than as its parts' own
        meanings – on the dev lines „Produktbestellungen erfüllen“ became „Produkte bestellen“ and a compound whose
        head is a thing does worse („Verkehrsregeln“ are no „Verkehr regeln“, „Tierfutter“ no „Tiere füttern“)."""
        if not word.endswith(_WORK):
            return set()  # (and no other word is split: the splitter keeps every word it is asked, for the process)
        parts = self.vocabulary.lexicon.parts(word)
        if not 2 <= len(parts) <= 3 or parts[-1] not in _WORK:
            return set()
        concepts = by_stems.get("".join(stem(self.vocabulary.lexicon.base(p)) for p in parts))
        return self._agreeing(concepts, line, (at,)) if concepts else set()

    def _place_without_its_work(self, concept: int, word_stem: str, spot: _Spot) -> bool:
        """Whether the word of stem ``word_stem``, found alone, is what the concept's label names only as the place
        of a doing that the line does not say: "Helfertätigkeiten auf der Baustelle" is work at a building site, and
        "die Sicherheitsmaßnahmen auf Baustellen kontrollieren", "den Transport zur Baustelle veranlassen" say other
        work done there or on the way. A line that says working or helping ("Mitarbeit auf der Baustelle", "Helfer
        für die Baustelle") keeps it, and so does a label whose doing is only working there ("im Freien arbeiten":
        selling goods outdoors is work outdoors)."""
        words = fold(self.vocabulary.label_de[concept]).split()
        place = next((k for k, w in enumerate(words) if stem(w) == word_stem), None)
        if place is None:
            return False
        before = place - 1 if place >= 2 and words[place - 1] in ARTICLES else place  # „auf der Baustelle“, „im Freien“
        if before < 1 or words[before - 1] not in _PLACE_PREPOSITIONS:
            return False
        lexicon = self.vocabulary.lexicon
        doing = {f for w in _content_words(words[: before - 1] + words[place + 1 :]) for f in lexicon.folded_features(w)}
        if not doing or doing <= set(_WORK):
            return False  # the label is the place: „im Freien arbeiten“
        # a compound's parts say the label's doing („Helfertätigkeiten“), but work of another kind is no working there
        # („Installationsarbeiten auf Baustellen“: an electrician's work, no helper's), unless a helper does it
        # („Hilfsarbeiten“)
        said = set(spot.every_stems)
        for w in spot.ws:
            parts = [stem(p) for p in lexicon.parts(lexicon.base(w))]
            said.update(p for p in parts if p in doing or (p in _WORKING and parts[0] in _HELPING))
        return said.isdisjoint(doing | _WORKING)

    def _other_name_alone(self, concept: int, at: int, spot: _Spot) -> bool:
        """Whether the word at ``at``, found alone, names ``concept`` only by one of the project's own words that
        shares no word or part with the label ("Umzüge" for "schwere Gewichte heben", "Empfang" for "Gäste
        begrüßen"), or only the front of its compound ("Garten" of "Gartengeräte benutzen"), while nothing else in
        the line names the label or another of its names: such a name is for a list of skills, where a person
        writes "Umzüge"; in a sentence the word is the occasion or the thing ("einen Umzug planen", "Briefe an
        Empfänger zustellen", "Sie nehmen Tiere in Empfang"). A line that names the label's things or doing too
        ("Clubgäste in Empfang nehmen"), or says work or experience there ("Sie arbeiten am Empfang", "Erfahrung
        mit Umzügen"), keeps it."""
        vocab = self.vocabulary
        word, word_stem = spot.ws[at], spot.stems[at]
        if word in spot.verbs or _ability_front(word):
            return False  # a doing ("Spülen, Putzen und Aufräumen") or the experience of it ("Staplererfahrung")
        if len(spot.ws) == 1 or (spot.keep[at] == 0 and spot.capital is not None and all(n or w.isdigit() for n, w in zip(spot.noun, spot.ws))):
            return False  # the line says nothing else, or begins with the name and only names things (and numbers): a
            # term of a list, as wished ("Trockenbau von Vorteil"), or a task as an ad's list writes it ("Winterdienst
            # in den Wintermonaten", "Winterdienst ab 6 Uhr"; not "Planung eines Umzugs")
        names = [text for text in vocab.label_texts[concept] if [stem(w) for w in _content_words(text.split(), spot.kept)] == [word_stem]]
        if not names or not all(_ours(vocab.entries.get(text.replace(" ", ""), ()), concept, vocab.curated_source) for text in names):
            return False
        lexicon = vocab.lexicon
        label_words = _content_words(fold(vocab.label_de[concept]).split(), spot.kept)
        label = [f for w in label_words for f in (w, *lexicon.parts(w))]
        fronts = {stem(parts[0]) for w in label_words if (parts := lexicon.parts(w))}
        if word_stem not in fronts and _alike(lexicon, [word], label):
            return False  # the name is a form or part of the label ("Reinigung", "Staplerschein", "Bürotätigkeiten"),
            # not only what tells its thing from others ("Garten" of "Gartengeräte benutzen": a garden is no tool)
        if not spot.every_stems.isdisjoint(_WORKING | _EXPERIENCE | _USING) or _says_proficient(spot.every):
            return False  # "Sie arbeiten am Empfang eines Hotels", "Erfahrung mit Umzügen", "Umgang mit dem Computer",
            # "Sicher in Excel"
        others = [w for i, w in enumerate(spot.ws) if i != at]
        if _alike(lexicon, others, label):
            return False
        # or another of its names ("pflegen den Garten": "Gartenpflege"), by a word of four letters or more ("helfer bau")
        named = {stem(f) for text in vocab.label_texts[concept] for w in _content_words(text.split(), spot.kept) for f in (w, *lexicon.parts(w)) if len(f) >= 4}
        return named.isdisjoint(stem(f) for w in others for f in (w, *lexicon.parts(lexicon.base(w))))

    def _label_says_quality(self, concept: int, quality: str, thing: str, kept: frozenset[str]) -> bool:
        """Whether a label of ``concept`` names the quality as a noun (of stem ``quality``, ending as qualities do) or
        the thing (of stem ``thing``) it is a quality of."""
        for text in self.vocabulary.label_texts[concept]:
            words = _content_words(text.split(), kept)
            if any(stem(w) == thing or (stem(w) == quality and w.endswith(_QUALITY_ENDINGS)) for w in words):
                return True
        return False

    def _named_by(self, concept: int, word_stem: str) -> bool:
        """Whether one of the concept's names is this one word (not a label that says more with a light verb:
        "in Teams arbeiten" is not named by "Team")."""
        for text in self.vocabulary.label_texts[concept]:
            words = [w for w in text.split() if w not in STOPWORDS]
            if len(words) == 1 and stem(words[0]) == word_stem:
                return True
        return False

    def _best_of(self, concepts: set[int]) -> int:
        """Of several concepts a label names, the one most occupations use (first of the best)."""
        usage = self.vocabulary.usage
        return min(concepts, key=lambda c: (-int(usage[c]), c))

    def spot(self, term: str) -> list[Normalised]:
        """The known skills inside ``term`` (a task line, a sentence of an ad), in order of appearance.

        A span of up to five words is found when its words, stemmed, are the words
        of a label ("gültigen Staplerscheins" holds "Staplerschein"); two or three
        words are also found in another order and with other words between them,
        within six words ("Sie waschen, pflegen, schneiden, färben und frisieren Haare"
        holds "Haare färben"). Longer spans win over the shorter ones inside them.
        """
        if term in self._spot_cache:
            return self._spot_cache[term]
        by_stems, by_bag, alone, lower, forms, label_verbs, named_doings, label_nouns, things, used = self._spot_index()
        lexicon = self.vocabulary.lexicon
        if _is_boilerplate(term):
            return self._kept_spots(term, [])
        text = lexicon.complete(term)
        every = fold(text).split()
        capital = _capitals(text, len(every))
        if capital is not None:
            every = _join_separable(every, capital, _punctuation(text, len(every)))
        # the stop list's nouns that labels name ("Team") count where the line writes them as nouns ("im Team")
        keep = [
            i
            for i, w in enumerate(every)
            if (w not in STOPWORDS or (w in label_nouns and capital is not None and capital[i])) and w not in GENDER_FRAGMENTS and not _particle(every, i)
        ]
        ws = [every[i] for i in keep]
        # Where the writer capitalises nouns, a word by itself is a skill only as a noun ("Staplerschein",
        # "Beratung"): "Sie bedienen Öfen" holds no "bedienen" (waiting at tables), "sicher" no "sichern".
        noun = [capital[i] for i in keep] if capital is not None else [True] * len(ws)
        bases = [lexicon.base(w) for w in ws]
        stems = [stem(b) for b in bases]
        for i, w in enumerate(ws):  # "Teamfähigkeit" is found as "Team" ("in Teams arbeiten") when it is no label itself
            front = _ability_front(w)
            if front and stems[i] not in by_stems:
                stems[i], bases[i] = stem(front), front
                noun[i] = True
        line = _Spot(every, keep, ws, stems, noun, capital, label_verbs, label_nouns, frozenset(map(stem, every)), things)
        taken = [False] * len(ws)
        hits: list[tuple[int, tuple[int, ...], int]] = []  # (first position, positions, concept)

        def take(start: int, positions, concepts) -> None:
            if any(_doing_says_when(every, keep[i], label_verbs) for i in positions):
                return  # „Abkleben vor dem Streichen“: the painting says when, not what
            hits.append((start, tuple(positions), self._best_of(concepts)))
            for i in positions:
                taken[i] = True

        # Word groups in their order first, then in any order, then single words.
        for size in range(min(MAX_SPAN, len(ws)), 1, -1):
            for start in range(len(ws) - size + 1):
                concepts = by_stems.get("".join(stems[start : start + size]))
                if concepts and _coordinated(every, keep[start], keep[start + size - 1]):
                    concepts = {c for c in concepts if self._words_of_label(c, size, label_nouns)}  # "Werkzeug und Maschinen"
                if concepts and not any(taken[start : start + size]):
                    concepts = self._agreeing(concepts, line, tuple(range(start, start + size)))
                    if concepts:
                        take(start, range(start, start + size), concepts)
        # A verb after a list of things is done to each: „Steckdosen und Schalter montieren“ holds „Steckdosen montieren“.
        for start, verb in _listed_objects(every, keep, ws, noun, label_verbs):
            concepts = by_stems.get(stems[start] + stems[verb])
            if concepts and not taken[start] and not taken[verb]:
                concepts = self._agreeing(concepts, line, (start, verb))
                if concepts:
                    take(start, (start, verb), concepts)
        # a compound noun is a kind of what its last part names ("Bodenfliesen" are "Fliesen"): where words of the
        # line name nothing together, they are asked again with the compound's head (not a compound that is a label
        # itself: "Sicherheitsvorschriften" are not any "Vorschriften")
        heads = [noun[i] and stems[i] not in alone and _compound_head(lexicon, bases[i]) for i in range(len(ws))]
        by_heads = line._replace(stems=[h or s for h, s in zip(heads, stems)])
        windows = [_window(ws, start, label_nouns) for start in range(len(ws))]  # (one per start, for both sizes)
        for said in (line, by_heads) if any(heads) else (line,):
            said_stems = said.stems
            for size in (3, 2):
                for start, window in enumerate(windows):
                    if said is not line and not any(heads[i] for i in window):
                        continue  # (no compound to read by its head here)
                    # the groups that begin at ``start`` (each window begins there), in the order of combinations(window)
                    for rest in itertools.combinations(window[1:], size - 1):
                        chosen = (start, *rest)
                        # (a group asked by a compound's head never takes a word already found)
                        if (all if said is line else any)([taken[i] for i in chosen]):
                            continue
                        if said is not line and not any([heads[i] for i in chosen]):
                            continue
                        concepts = by_bag.get(frozenset([said_stems[i] for i in chosen]))
                        if concepts and said is not line:  # only the object of the label's doing, said by its verb
                            doing, things = {stems[i] for i in chosen if not heads[i]}, {heads[i] for i in chosen if heads[i]}
                            concepts = {c for c in concepts if self._done_to(doing, things, c, label_nouns)}
                        if concepts and any(ws[i].isdigit() for i in chosen):  # "5,7 Tonnen" are no "7,5 Tonnen"
                            concepts = {c for c in concepts if self._numbers_in_order(c, [ws[i] for i in chosen if ws[i].isdigit()])}
                        if concepts and not _DONE_VERBS.intersection(said.stems[i] for i in chosen):
                            concepts = {c for c in concepts if self._said_in_order(c, [said.stems[i] for i in chosen], label_nouns)}
                        if concepts and (capital is None or not _other_work_between(ws, noun, chosen, label_verbs)):
                            concepts = self._agreeing(concepts, said, chosen)
                            if concepts:
                                take(start, chosen, concepts)
        noun_stems = _stems(label_nouns)  # ("Teamfähigkeit" is asked by the stem of its front, "team")
        for start, word in enumerate(ws):
            # A single word: at least four letters (two- and three-letter labels are mostly abbreviations), a noun
            # where nouns are written as such, and a label that is this one word (not the object of "Schuhe putzen").
            if len(word) < 4 or not noun[start] or taken[start] or stem(word) in noun_stems:  # "Team(s)" alone: no skill
                continue
            joined = self._compound_said_apart(every, keep, start, word, alone, taken) if capital is not None else None
            if joined:  # "Wartung der Fahrzeuge" is "Fahrzeugwartung", "Annahme der Ware" "Warenannahme"
                take(start, joined[0], joined[1])
                continue
            concepts = alone.get(stems[start], set()) or self._compound_of_label(bases[start], by_stems, line, start)
            if concepts and self._names_a_person(bases[start]):  # "Lagerarbeiter" is the job, no "Lagerarbeit"
                continue
            if not concepts and stems[start] in used and _with_instrument(every, keep[start]):
                concepts = used[stems[start]]  # "Umgang mit Gabelstaplern", "Erfahrung mit der Kettensäge"
            if word in named_doings and _doing_named(every, keep[start], capital):
                concepts = concepts | self._doing_of_its_object(named_doings[word], line, start)
            if capital is None:  # no noun capitals to tell "Pläne" from "planen"
                concepts = concepts | lower.get(stems[start], set())
            # A doing's noun in -ung names it ("Reinigung"), but the plural of a simple one names places, things or
            # times ("in Reinigungen und Wäschereien", "Verpackungen"); a compound names the doing with its object
            # ("bei Terminvereinbarungen").
            if concepts and word.endswith("ungen") and not lexicon.parts(bases[start]):
                concepts = {c for c in concepts if not _says_doing(self.vocabulary.label_de[c])}
            own = complement_at(every, keep[start], _COMPLEMENT)  # "Empfang der Ware": the doing's own object
            if concepts and capital is not None and own is not None and _own_object(every, keep, noun, start, (start,)):
                if word.endswith(_QUALITY_ENDINGS):  # "die Zuverlässigkeit der Hardware": a thing's quality, not the
                    # person's „zuverlässig handeln“ (a label with the noun itself, „Wahrscheinlichkeiten berechnen“, stays)
                    concepts = {c for c in concepts if self._label_says_quality(c, stems[start], stems[keep.index(own)], label_nouns)}
                concepts = {c for c in concepts if not self._doing_of_another_object(c, line, start, stems[keep.index(own)])}
            if concepts:  # a name taken over from English is not inflected: "Perlen" are no "Perl"
                concepts = {c for c in concepts if not self._foreign_name(c) or fold(self.vocabulary.label_de[c]) == word}
            if concepts:  # "Transport zur Baustelle" is no helper work on the site
                concepts = {c for c in concepts if not self._place_without_its_work(c, stems[start], line)}
            if concepts:  # "Umzüge" (the project's name of heavy lifting) in "einen Umzug planen" is no lifting
                concepts = {c for c in concepts if not self._other_name_alone(c, start, line)}
            if concepts and keep[start] > 0 and every[keep[start] - 1] in _ALL_OF:  # "PKW aller Marken": any make
                concepts = set()
            if concepts and _genitive(every, keep[start]):  # "die Verstärkung des Teams" is no work in teams
                concepts = {c for c in concepts if self._named_by(c, stems[start])}
            # "Sie konzipieren die Werkzeuge": no tool is used ("Staplererfahrung" says it is)
            if concepts and not _ability_front(word) and not _said_used(every, keep[start], line.every_stems):
                concepts = {c for c in concepts if not self._thing_used(c, stems[start])}
            # the same word, inflected ("Kabelbäumen"), not a longer one of the same stem ("medizinische" - "Medizin")
            if concepts and any(_inflected(bases[start], form) for form in forms.get(stems[start], (ANY_FORM,))):
                take(start, (start,), concepts)
        vocab = self.vocabulary
        seen: set[int] = set()
        out = []
        for _start, positions, spotted in sorted(hits):
            concept = spotted if vocab.kind[spotted] != "licence" else self._licence_of(term, spotted)
            if concept is None or concept in seen:
                continue
            seen.add(concept)
            out.append(Normalised(" ".join(ws[i] for i in positions), vocab.ids[concept], vocab.label_de[concept], "found", CONFIDENCE["found"]))
        return self._kept_spots(term, out)

    def _kept_spots(self, term: str, found: list[Normalised]) -> list[Normalised]:
        """``found``, kept as the spots of ``term``; a full table begins anew."""
        if len(self._spot_cache) >= MAX_KEPT_TERMS:
            self._spot_cache = {}
        self._spot_cache[term] = found
        return found

    def _words_of_label(self, concept: int, size: int, kept: frozenset[str]) -> bool:
        """Whether a German name of ``concept`` has ``size`` words beside the stop words (those ``kept`` for the labels
        counted: "in Teams arbeiten" has two), not only a compound."""
        return any(len(_content_words(text.split(), kept)) == size for text in self.vocabulary.label_texts[concept])

    def _thing_used(self, concept: int, word_stem: str) -> bool:
        """Whether ``concept`` is the use of a thing (its label: the thing, then a verb of using) that the word of stem
        ``word_stem`` names only by the head of its compound ("Werkzeuge" of "Handwerkzeuge verwenden"): so general a
        thing, in a line that does not say it is used, is what another doing is done to, not the skill. (A line
        that names the very thing, "Kasse" of "Kasse bedienen", names the task, as a list of tasks does.)"""
        words = fold(self.vocabulary.label_de[concept]).split()
        if any(w.endswith(_KNOWING) for w in words) and all(stem(w) != word_stem for w in words):
            return True  # knowing a thing, by another name of it ("Computer" of "EDV-Kenntnisse besitzen")
        thing = stem(words[0]) if len(words) >= 2 and stem(words[-1]) in _USING else ""
        return len(thing) > len(word_stem) and thing.endswith(word_stem)

    def _entries(self, k: str) -> list[tuple[int, int]] | None:
        return self.vocabulary.entries.get(k)

    def _lookup(self, term: str):
        """Exact, synonym and translation lookups, with gender forms and filler words removed."""
        k = key(term)
        if not k:
            return ([], "unknown", 0.0)
        entries = self._entries(k)
        if entries:
            how = self.vocabulary.source_how[entries[0][1]]
            return (entries, how, CONFIDENCE[how])
        for variant in self._variants(term, k):
            entries = self._entries(variant)
            if entries:
                how = self.vocabulary.source_how[entries[0][1]]
                how = "synonym" if how == "exact" else how
                return (entries, how, CONFIDENCE[how] * 0.95)
        return None

    @staticmethod
    def _variants(term: str, k: str) -> list[str]:
        out = gender_variants(k)
        bare = strip_gender(term)
        if "/" in bare:  # "Maler/Lackierer": each half; never what a gender form leaves ("in", "frau")
            out += [key(part) for part in bare.split("/") if not is_fragment(key(part))]
        words = fold(term).split()
        kept = [w for w in words if w not in FILLER_WORDS]
        if kept and len(kept) < len(words):
            out.append("".join(kept))
            out += gender_variants("".join(kept))
        return out

    def prepare(self) -> Normaliser:
        """Build now what the first typo and the first longer line would build (the typo index, the spotting
        index); with a folder set (matching.derived), they are kept there for later starts."""
        self._fuzzy_labels()
        self._spot_index()
        return self

    def _fuzzy_labels(self):
        """The prefilter: character 3-grams of every label key, without the most common 3-grams.

        Dropping 3-grams that occur in more than ``max_df`` labels ("ung", "ein")
        keeps the query x label product sparse; the rarer 3-grams still find the
        label, and rapidfuzz then scores only the few candidates.
        """
        if self._fuzzy_index is None:
            entries = self.vocabulary.entries

            def build() -> dict[str, np.ndarray]:
                # (the label keys are sorted, as Entries keeps them)
                at = [i for i, k in enumerate(entries) if len(k) >= 3]
                keys = entries.keys_at(at)
                grams, counts = _trigram_counts([f" {k} " for k in keys], self.max_df)
                tfidf = TfidfTransformer(sublinear_tf=True)  # as _TrigramQueries weighs a query
                matrix = tfidf.fit_transform(counts)
                # per key, whether it names occupations only (a doing's typo candidates leave them out: _fuzzy_pass)
                jobs = np.fromiter(map(self._names_occupations_only, keys), dtype=bool, count=len(keys))
                lengths = np.fromiter(map(len, keys), dtype=np.int32, count=len(keys))
                long_at = np.flatnonzero(lengths >= LONG_TERM - _FORM_TAIL).astype(np.int32)
                return {
                    "key_at": np.asarray(at, dtype=np.int32),
                    "grams": grams,
                    "idf": tfidf.idf_,
                    "occupations_only": jobs,
                    "lengths": lengths,
                    **derived.csr_to_arrays(matrix.T.tocsr(), "labels"),
                    # the keys a long term may be a typo of, with their own part of the index (_fuzzy_pass)
                    "long_at": long_at,
                    **derived.csr_to_arrays(matrix[long_at].T.tocsr(), "long"),
                }

            # Fitting takes seconds for the vocabulary's 170,000 keys: kept between starts (matching.derived), with
            # each key as its position among the vocabulary's label keys, which are read from there (kept as a text of
            # their own, reading it and decoding the candidates cost 25 ms of every start)
            def fits(stored: dict[str, np.ndarray]) -> bool:
                if not derived.has(stored, "key_at", "grams", "idf", "occupations_only", "lengths", "long_at"):
                    return False
                at, long_at, n_grams = stored["key_at"], stored["long_at"], len(stored["grams"])
                return (
                    derived.positions_fit(at, len(entries))
                    and derived.positions_fit(long_at, len(at))
                    and len(stored["lengths"]) == len(stored["occupations_only"]) == len(at)
                    and len(stored["idf"]) == n_grams
                    and derived.csr_fits(stored, "labels", (n_grams, len(at)))
                    and derived.csr_fits(stored, "long", (n_grams, len(long_at)))
                )

            stored = derived.arrays("fuzzy-labels", derived.fingerprint(self.vocabulary.fingerprint, self.max_df), build, fits)
            queries = _TrigramQueries(stored["grams"].tolist(), stored["idf"])
            self._fuzzy_index = _TypoIndex(
                queries,
                derived.csr_from_arrays(stored, "labels"),
                _LabelKeys(entries, stored["key_at"]),
                stored["occupations_only"],
                stored["lengths"],
                derived.csr_from_arrays(stored, "long"),
                stored["long_at"],
            )
        return self._fuzzy_index

    def _fuzzy(self, terms: list[str]):
        """Typo-tolerant matches for many terms: n-gram prefilter, then rapidfuzz on the few candidates.

        The prefilter first uses each term's ``first_ngrams`` rarest 3-grams (short posting lists, most of the
        time it costs); the few terms that find nothing so are asked again with ``query_ngrams``."""
        keys = [key(t) for t in terms]
        results: list[object] = [None] * len(terms)
        live = [i for i, k in enumerate(keys) if len(k) >= 4]
        if not live:
            return results  # (the typo index is not even built)
        first = min(self.first_ngrams, self.query_ngrams)
        doing = {i for i in live if _says_doing(terms[i])}
        one_word = {i for i in live if len(fold(terms[i]).split()) == 1}
        # every term's 3-grams are counted once, for both look-ups
        vectors = self._fuzzy_labels().queries.transform([f" {keys[i]} " for i in live])
        row_of = dict(zip(live, range(len(live))))
        self._fuzzy_pass(keys, live, first, results, doing, one_word, (vectors, row_of))
        if first < self.query_ngrams:  # a close match is kept; a weaker one may have a closer one the short look-up missed
            again = [i for i in live if results[i] is None or results[i][2] < SURE_FUZZY]  # type: ignore[index]
            self._fuzzy_pass(keys, again, self.query_ngrams, results, doing, one_word, (vectors, row_of))
        return results

    def _typo_room(self, typed: str, one_word: bool) -> tuple[bool, int]:
        """(whether ``typed`` is a word the labels know, the edits a typo of it may make): a known word none, a
        compound of known words one, anything else :data:`TYPOS`. Asked only of a term with a label close to it."""
        if not one_word:
            return False, TYPOS
        lexicon = self.vocabulary.lexicon
        base = lexicon.base(typed)
        if lexicon.is_word(base) or any(lexicon.is_word(other) for other in _regular_forms(base)):
            return True, 0
        return False, 1 if lexicon.parts(base) else TYPOS

    def _fuzzy_pass(
        self,
        keys: list[str],
        live: list[int],
        grams: int,
        results: list[object],
        doing: set[int],
        one_word: set[int],
        vectors: tuple[sparse.csr_matrix, dict[int, int]],
    ) -> None:
        """Look up the terms at ``live`` with their ``grams`` rarest 3-grams; a match found replaces ``results[i]``.
        ``vectors``: the terms' 3-gram vectors, and the row of each term's position in them.
        A term at ``doing`` says what is done ("Möbel montieren"): a job title one letter away ("Möbelmontierer")
        is another word, not the term with a typo. A term at ``one_word`` the labels know as a word is no typo,
        and is read only as a form of itself ("Verkäufern" - "Verkäufer", "Temperaturmessung" - "Temperatur
        messen"), never as another word a letter or two away ("Arbeiter" is no "Arbiter", "Kenntnisse" no
        "Erkenntnisse"). Any other term is read as a label at most :data:`TYPOS` edits away, or as a form of it:
        a longer word is not closer to a typo by what it shares ("Lötwerkzeuge" is no "ETL-Werkzeuge",
        "Suchtkrankheiten" no "Fischkrankheiten", "Depression" no "Dekompression"); a compound of known words one
        edit at most ("Staplerschien", but "Tiefdruckmaschinen" is no "Siebdruckmaschinen")."""
        index = self._fuzzy_labels()
        label_keys, occupations_only, lengths = index.keys, index.occupations_only, index.lengths
        entries = self.vocabulary.entries
        matrix, row_of = vectors
        # A term of LONG_TERM letters or more (a sentence of an ad) is compared with the keys it may be a typo of
        # only: those at most _FORM_TAIL letters shorter (below). Their own part of the index spares the product with
        # the other 150,000 keys, which took two thirds of reading an ad's lines; fewer of its top candidates are
        # taken up by keys that could never be chosen. ``columns``: the part's keys among all (None: all of them).
        short, long = [i for i in live if len(keys[i]) < LONG_TERM], [i for i in live if len(keys[i]) >= LONG_TERM]
        batches = [
            (terms[at : at + self.chunk_size], label_matrix_t, columns)
            for terms, label_matrix_t, columns in ((short, index.labels, None), (long, index.long_labels, index.long_at))
            for at in range(0, len(terms), self.chunk_size)
        ]
        for chunk, label_matrix_t, columns in batches:
            queries = self._rarest(matrix[[row_of[i] for i in chunk]], grams)  # (a copy: _rarest drops grams in it)
            sims = (queries @ label_matrix_t).tocsr()
            for row, i in enumerate(chunk):
                start, end = sims.indptr[row], sims.indptr[row + 1]
                if start == end:
                    continue
                data, cols = sims.data[start:end], sims.indices[start:end]
                if len(data) > self.candidates:
                    part = np.argpartition(-data, self.candidates)[: self.candidates]
                    top = cols[part]
                else:
                    top = cols
                if columns is not None:
                    top = columns[top]
                # a key longer or shorter by more letters than a form's ending is neither a typo nor a form of the term
                # (_may_be): left out, the best of the others is the same, and a long line has few to score; nor is
                # one whose length alone keeps it below the cutoff (fuzz.ratio of keys of n and m letters is at most
                # 200 min(n, m) / (n + m)), which rapidfuzz would never choose: not even made a text
                n = len(keys[i])
                cutoff = self.short_cutoff if n <= 6 else self.fuzzy_cutoff
                sizes = lengths[top]
                top = top[(np.abs(sizes - n) <= _FORM_TAIL) & (200 * np.minimum(sizes, n) >= cutoff * (sizes + n))]
                if i in doing:
                    top = top[~occupations_only[top]]
                if not len(top):
                    continue
                positions = label_keys.positions(np.sort(top))
                choices = entries.keys_at(positions)
                best = process.extractOne(keys[i], choices, scorer=fuzz.ratio, score_cutoff=cutoff)
                room = self._typo_room(keys[i], i in one_word) if best is not None else (False, TYPOS)
                if best is not None and not self._may_be(keys[i], best[0], *room):
                    # the closest is another word: the closest of those that may be meant (most have none close)
                    positions = [p for c, p in zip(choices, positions) if self._may_be(keys[i], c, *room)]
                    best = process.extractOne(keys[i], entries.keys_at(positions), scorer=fuzz.ratio, score_cutoff=cutoff)
                if best is None:
                    continue
                results[i] = (entries.pairs_at(positions[best[2]]), "fuzzy", round(0.9 * best[1] / 100, 3))

    def _may_be(self, typed: str, label_key: str, word: bool, typos: int) -> bool:
        """Whether ``typed`` may mean ``label_key`` (``_fuzzy_pass``): a form of it, or for what is no known
        ``word``, a typo of at most ``typos`` edits."""
        if not word:
            edits = OSA.distance(typed, label_key, score_cutoff=typos)
            # (two edits that change the first letter make another word: "Ehrlichkeit" is no "Ähnlichkeit")
            if edits <= min(typos, 1) or (edits <= typos and typed[:1] == label_key[:1]):
                return True
        return self._same_word(typed, label_key)

    def _same_word(self, a: str, b: str) -> bool:
        """Whether two folded keys are forms of one word ("sozialarbeitern" - "sozialarbeiter", "kosmologinnen" -
        "kosmologin")."""
        if max(len(a), len(b)) - len(os.path.commonprefix([a, b])) > _FORM_TAIL:  # noqa: RUF071 - words, not paths: their common beginning
            return False  # (most candidates: read no further)
        base = self.vocabulary.lexicon.base
        a, b = base(a), base(b)
        return _inflected(a, b) or _inflected(b, a)

    def _names_a_person(self, word: str) -> bool:
        """Whether ``word`` (folded, without a feminine ending) is a person's noun that names only occupations
        ("Lagerarbeiter", "Verkäufer"): the job itself, which no skill of its stem ("Lagerarbeit", "Verkauf") is."""
        return word.endswith(_PERSON_NOUN_ENDS) and word in self.vocabulary.entries and self._names_occupations_only(word)

    def _names_occupations_only(self, label_key: str) -> bool:
        """Whether every concept a label key names is an occupation (the typo index keeps the answer for each of its
        keys: ``_fuzzy_labels``)."""
        kinds = self.vocabulary.kind
        return all(kinds[concept] == "occupation" for concept, _source in self.vocabulary.entries[label_key])

    def _rarest(self, queries, m: int):
        """Keep only each query's ``m`` rarest 3-grams (highest idf weight).

        The product with the label index then walks only short posting lists;
        a typo spoils at most three 3-grams, and the rarest survivors still
        point at the right label.
        """
        queries = queries.tocsr()
        for row in range(queries.shape[0]):
            start, end = queries.indptr[row], queries.indptr[row + 1]
            if end - start > m:
                data = queries.data[start:end]
                cut = np.partition(data, end - start - m)[end - start - m]
                data[data < cut] = 0.0
        queries.eliminate_zeros()
        return queries

    def _compound(self, term: str):
        """German compounds: fall back to the known head ("Bäckereiverkauf" -> "Verkauf"), never a feminine ending.

        The head stands for a concept only where it is a German name of it (``_HEAD_SOURCES``): "Teamarbeit" is
        no "Arbeit überwachen" (whose object is "Arbeit"), "Flüssiglatex" no English "LaTeX", and an occupation
        is named by its preferred label only ("Lebensmittelkassierer" - Kassierer): its alternative names are
        often a bare word of another trade ("Apparatebauer" is no "Bauer", a farmer; "Tierpfleger" no nurse)."""
        words = fold(term).split()
        if len(words) != 1 or len(words[0]) < 8:
            return None
        vocab = self.vocabulary
        parts = vocab.lexicon.parts(vocab.lexicon.base(words[0]))
        for cut in range(1, len(parts)):
            head = "".join(parts[cut:])
            entries = [
                (c, s)
                for c, s in self._entries(head) or ()
                if vocab.sources[s] in _HEAD_SOURCES and (vocab.kind[c] != "occupation" or vocab.sources[s] != "alt_de")
            ]
            if entries and len(head) >= 5:
                return (entries, "related", CONFIDENCE["related"])
        return None
