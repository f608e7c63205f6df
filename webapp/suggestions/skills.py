"""The web app's door to the matcher's normaliser: skills are understood when a record is saved.

One Normaliser per process (loading the vocabulary takes about a second), so
every request and command in a worker shares it. Skills are stored twice (as
typed and as understood): :func:`skill_rows` builds those rows for openings and
profiles alike.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from flask import has_app_context
from flask_babel import get_locale
from rapidfuzz import fuzz, process
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matching import Normalised, Normaliser, sections
from matching.lexicon import STOPWORDS, stem
from matching.normalise import Fixed
from matching.text import fold, key
from models import VocabularyEntry
from models.openings import NOT_COMPARED
from webapp.core.db import db
from webapp.core.i18n import gettext as _
from webapp.core.i18n import lazy_gettext as _l

MAX_TERMS = 15  # per list of an opening; a profile may hold twice as many
MAX_AD_LINES = 4 * MAX_TERMS  # an opening's list pasted as a whole ad: its lines in all, headings and offer included
MAX_TERM_LENGTH = 100


@lru_cache(maxsize=1)
def normaliser() -> Normaliser:
    return Normaliser()


_WORD = re.compile(r"[^\W\d_]{5,}")  # words of five letters and more: shorter ones are too often abbreviations


@lru_cache(maxsize=1)
def _known_words() -> tuple[list[str], dict[str, str]]:
    """The vocabulary's German words (folded, for comparing) and how the labels write them (for suggesting)."""
    vocabulary = normaliser().vocabulary
    written: dict[str, str] = {}
    for label in [*vocabulary.label_de, *vocabulary.suggestions]:
        for word in _WORD.findall(label or ""):
            written.setdefault(fold(word), word)
    return sorted(vocabulary.lexicon.known), written


def title_typos(title: str) -> list[tuple[str, str | None]]:
    """Words of an opening's title that are likely typos, each with the word it probably means
    („Verkäuferinn“ -> „Verkäuferin“; issue 25.6): a word the vocabulary does not know (nor its parts) but
    one letter or two away from a word it does; the suggestion is None where the vocabulary knows the word
    only folded (a BA job title). The preview shows them before the title goes anywhere."""
    lexicon = normaliser().vocabulary.lexicon
    known, written = _known_words()
    out = []
    for word in dict.fromkeys(_WORD.findall(title or "")):
        folded = fold(word)
        if " " in folded or folded in STOPWORDS or lexicon._is_known(folded):
            continue
        best = process.extractOne(folded, known, scorer=fuzz.ratio, score_cutoff=90)
        if best is None or stem(best[0]) == stem(folded):
            continue  # nothing close, or the same word inflected („Verkäuferinnen“)
        if lexicon.parts(folded) and best[1] < 95:
            continue  # a compound of known words („Lageraushilfe“) unless it is one letter from a known word
        out.append((word, written.get(best[0])))  # None: a job title's word whose spelling we only know folded
    return out


def warm() -> None:
    """Build now what the first preview („Prüfen“) and the first word lookup would build: the spotting index
    of longer lines and the sorted keys of the words offered while typing (issue 25.8). Called with the
    matching index's first build, so that /readyz says "ok" only when the first click is as fast as later ones."""
    reader = normaliser()
    reader.spot("Besitz eines gültigen Staplerscheins")
    reader.normalise(["Verkäuferinn"])  # a typo: the fuzzy prefilter
    reader.vocabulary.suggest("ka")


def split_terms(text: str | None) -> list[str]:
    """Skills typed one per line or separated by commas/semicolons; duplicates dropped, order kept. A part of a line
    that only says the part before it is wished for or not needed stays with it („Staplerschein wäre gut, muss aber
    nicht“ is one entry, not „Staplerschein wäre gut“ and „muss aber nicht“: matching.sections.only_qualifies)."""
    seen, out = set(), []
    for line in (text or "").split("\n"):
        parts: list[str] = []
        for raw in re.split(r"[,;]+", line):
            part = " ".join(raw.split())
            if part and parts and sections.only_qualifies(part):
                parts[-1] = f"{parts[-1]}, {part}"
            elif part:
                parts.append(part)
        for term in parts:
            if term.casefold() not in seen:
                seen.add(term.casefold())
                out.append(term)
    return out


def join_terms(terms: Iterable[str]) -> str:
    """Entries as one line a person reads back as the same entries: separated by commas, an entry that holds a
    comma itself („Staplerschein wäre gut, muss aber nicht“, see split_terms) in quotation marks."""
    return ", ".join(f"„{term}“" if "," in term or ";" in term else term for term in terms)


def term_problems(terms: Sequence[str], *, required: bool = False, max_terms: int = MAX_TERMS, ad: bool = False) -> list[str]:
    """What is wrong with a list of skills (messages for the user); empty when it is fine.

    ``ad``: the list is an opening's, perhaps a whole ad pasted line by line. Then only the lines the matcher reads
    count towards ``max_terms`` (matching.sections: headings, what the business offers and how to apply are kept with
    the opening but not compared), and the lines in all towards :data:`MAX_AD_LINES`."""
    problems = []
    if required and not terms:
        problems.append(_l("Bitte nennen Sie mindestens eine Fähigkeit, die nötig ist."))
    if not ad:
        if len(terms) > max_terms:
            problems.append(_l("Bitte höchstens %(n)d Einträge.", n=max_terms))
    elif len(sections.work_only(terms)) > max_terms:
        problems.append(_l("Bitte höchstens %(n)d Einträge zur Arbeit (Überschriften und was Ihr Betrieb bietet, zählen nicht mit).", n=max_terms))
    elif len(terms) > MAX_AD_LINES:
        problems.append(_l("Bitte höchstens %(n)d Zeilen.", n=MAX_AD_LINES))
    long = [t for t in terms if len(t) > MAX_TERM_LENGTH]
    if long:
        problems.append(_l("Ein Eintrag ist zu lang (höchstens %(n)d Zeichen): %(t)s", n=MAX_TERM_LENGTH, t=long[0][:40] + "…"))
    return problems


def understand(terms: list[str], fixed: Fixed | None = None) -> list[Normalised]:
    """How each typed term is understood (the other terms of the record give context);
    ``fixed``: the readings people chose for this record (``fixed_readings``).
    The project's vocabulary layer in force is loaded first (another worker may have changed it)."""
    sync_layer(db.session)
    return normaliser().normalise(terms, fixed=fixed)


def fixed_readings(record) -> dict[str, str | None]:
    """The readings people chose for the terms of an opening or a profile (models.ReadingFix), by term key."""
    return {fix.term_key: fix.concept_id for fix in record.reading_fixes}


def skill_rows(
    row_class: type,
    terms: Sequence[str],
    understood: Sequence[Normalised] | None = None,
    fields: Callable[[int, str], dict[str, Any]] | None = None,
    fixed: Fixed | None = None,
) -> list:
    """One ``row_class`` row per term: the words as typed and the concept understood, in order.

    ``understood`` may be given when many records were normalised in one batch;
    ``fields(position, term)`` adds fields of the row (an opening's kind and must-have flag);
    ``fixed``: the readings people chose for this record, which hold over the normaliser's.
    """
    understood = understand(list(terms), fixed) if understood is None else understood
    return [
        row_class(
            term=term, position=position, skill_id=norm.concept, match_how=norm.how, confidence=norm.confidence, **(fields(position, term) if fields else {})
        )
        for position, (term, norm) in enumerate(zip(terms, understood))
    ]


def page_language() -> str:
    """The language the vocabulary names skills in for the page being made: "en" on an English page, else "de"
    (it has no other; mails and letters in the participant's language keep the German names)."""
    if not has_app_context():
        return "de"
    locale = get_locale()
    return "en" if locale is not None and locale.language == "en" else "de"


def skill_label(skill_id: str | None, lang: str | None = None) -> str | None:
    """The readable name of a stored skill id in ``lang`` (the page's language by default; None for terms that
    were not understood)."""
    if not skill_id:
        return None
    vocab = normaliser().vocabulary
    index = vocab.index.get(skill_id)
    return vocab.label(index, lang or page_language()) if index is not None else None


@lru_cache(maxsize=2)
def _english_names(vocab) -> dict[str, str]:
    """German name -> English name of every skill and occupation that has both (the first of a German name
    two concepts share)."""
    names: dict[str, str] = {}
    for de, en in zip(vocab.label_de, vocab.label_en):
        if en:
            names.setdefault(de, en)
    return names


def skill_name(label: str | None) -> str | None:
    """A skill's or occupation's name as the matcher writes it (German), in the page's language: one rule for
    the previews, the explanations and the lists of every page (an English page never shows a German name the
    vocabulary can say in English). What people typed is not a name and is never passed here."""
    if not label or page_language() != "en":
        return label
    return _english_names(normaliser().vocabulary).get(label, label)


@dataclass(frozen=True)
class Understanding:
    """How one typed term is understood, as the pages show it.

    ``found`` names the skills found inside a longer line ("Besitz eines gültigen
    Staplerscheins" holds "Staplerschein"); the matcher compares each of them.
    """

    label: str | None
    how: str
    found: tuple[str, ...] = ()
    condition: str | None = None  # the hard condition the line states, said in words ("Führerschein Klasse C")
    offer: bool = False  # the line stands under „Wir bieten“, „Über uns“, „Kontakt“: the matcher does not compare it
    heading: bool = False  # the line is a heading of a pasted ad („Ihre Aufgaben:“): nothing to compare
    wish: bool = False  # a required line that says it is only a wish: read as nice to have, no condition (matching.sections)
    waived: bool = False  # the line says what it names is not needed („Kein Führerschein nötig“): read as a wish, too

    @property
    def compared(self) -> bool:
        """Whether the matcher compares the line at all (not the business's offer, not a heading)."""
        return not (self.offer or self.heading)

    def names_the_term(self, term: str) -> bool:
        """Whether the recognised skill is called just what was typed („Frühschicht“ -> „Frühschicht“, also in
        other case or with umlauts written out): then the pages say „erkannt“, never „anderes Wort, gleiche
        Bedeutung“ or a reading back of the very same word (issue 25.2). One rule for every page."""
        return bool(self.label) and key(self.label or "") == key(term)


def _understanding(term: str, how: str, label: str | None) -> Understanding:
    found = tuple(dict.fromkeys(n.label for n in normaliser().spot(term) if n.label)) if how == "found" else ()
    return Understanding(label, how, found, stated_condition(term), waived=sections.waived(term))


def stated_condition(term: str) -> str | None:
    """The hard condition a required line states, in words (matching.requirements reads it), or None."""
    from matching import requirements
    from webapp.core.labels import language_level

    said = []
    licence, asked = requirements.conditions_of(term)
    if licence:
        said.append(_("Führerschein Klasse %(c)s", c=licence))
    said += [language_level(code, level) for code, level in asked.items()]
    return ", ".join(said) or None


def how_understood(terms: list[str], fixed: Fixed | None = None) -> list[Understanding]:
    """How each term will be understood when the record is saved (shown before saving);
    ``fixed``: the readings people chose for the record being edited."""
    return [_understanding(term, norm.how, norm.label) for term, norm in zip(terms, understand(terms, fixed))]


def _not_compared(required: Sequence[str], optional: Sequence[str], must: str = "") -> list[str | None]:
    """Per line of an opening (the required, then the nice-to-have): "heading" for a pasted ad's heading („Ihre
    Aufgaben:“), "offer" for a line the matcher leaves out as the business's offer, description or contact
    (matching.sections: „Wir bieten: …“), "wish" for a required line the matcher reads as nice to have („Führerschein
    BE wünschenswert“), None for any other line of the work. One rule for the matcher, the preview, what is stored
    and the statistics."""
    read_required, read_optional = sections.opening_work(required, optional, [must] if must else ())
    work = {*read_required, *read_optional}
    out: list[str | None] = []
    for i, term in enumerate([*required, *optional]):
        head = sections.heading(term)
        if head is not None and not head[1]:
            out.append("heading")
        elif term not in work:
            out.append("offer")
        else:
            out.append("wish" if i < len(required) and term not in read_required else None)
    return out


def opening_readings(required: list[str], optional: list[str], must: str = "", fixed: Fixed | None = None) -> list[Normalised]:
    """How an opening's lines are stored: as understood, except the lines the matcher does not compare, which are
    kept as typed with no skill (so that no count of the skills openings ask for holds „kostenlose Getränke“)."""
    terms = [*required, *optional]
    readings = understand(terms, fixed) if terms else []
    return [
        norm if mark not in NOT_COMPARED else Normalised(norm.term, None, None, mark, 0.0)
        for norm, mark in zip(readings, _not_compared(required, optional, must))
    ]


def _marked(shown: Understanding, mark: str | None) -> Understanding:
    """``shown`` for a line the matcher does not compare (``mark``: "heading" or "offer", as ``_not_compared`` says and
    as it is stored) or reads as a wish ("wish"), else as it is."""
    if mark == "wish":
        return replace(shown, wish=True)
    return shown if mark not in NOT_COMPARED else replace(shown, heading=mark == "heading", offer=mark == "offer")


def how_opening_understood(required: list[str], optional: list[str], must: str = "", fixed: Fixed | None = None) -> list[Understanding]:
    """``how_understood`` for an opening's lines, saying which lines the matcher leaves out (``_not_compared``)."""
    shown = how_understood(required + optional, fixed)
    return [_marked(u, mark) for u, mark in zip(shown, _not_compared(required, optional, must))]


def understood_row(skill, mark: str | None = None) -> tuple[str, str, Understanding]:
    """A stored skill row in the shape the templates show for a fresh preview (``mark``: "wish" for a required line
    the matcher reads as nice to have, as ``_not_compared`` says)."""
    how = skill.match_how or "unknown"
    shown = _understanding(skill.term, how, skill_label(skill.skill_id, "de"))
    return (getattr(skill, "kind", "required"), skill.term, _marked(shown, how if how in NOT_COMPARED else mark))


@dataclass(frozen=True)
class InForce:
    """The German level and licence an opening is matched with: the typed ones, or what a required line asks where
    it asks more (``german_line``/``licence_line``: that line; None where the typed value holds)."""

    german_level: str
    driving_licence: str | None
    german_line: str | None = None
    licence_line: str | None = None


def in_force(opening) -> InForce:
    """What the matcher holds ``opening`` to (matching.requirements.raised over the lines it reads as required), so
    that a page never shows „Deutsch A2“ while the line „Deutsch B1 Voraussetzung“ makes B1 the condition."""
    from matching import requirements

    required, optional, must = opening.typed()
    found = requirements.stated(sections.opening_work(required, optional, [must] if must else ())[0])
    changes = requirements.raised(opening.german_level, opening.driving_licence, found)
    return InForce(
        changes.get("german_level", opening.german_level),
        changes.get("driving_licence", opening.driving_licence),
        found.lines["german_level"] if "german_level" in changes else None,
        found.lines["driving_licence"] if "driving_licence" in changes else None,
    )


def understood_rows(opening) -> list[tuple[str, str, Understanding]]:
    """An opening's stored lines as its page shows them (the required, then the nice-to-have), the lines the matcher
    reads as wishes marked as the preview marks them."""
    required, optional, must = opening.typed()
    skills = [*opening.required_skills, *opening.optional_skills]
    return [understood_row(skill, mark) for skill, mark in zip(skills, _not_compared(required, optional, must))]


# -- the project's vocabulary layer, as this process's normaliser holds it ----------------------------

_layer_lock = threading.Lock()


def entries_in_force(session: Session) -> list[VocabularyEntry]:
    """The newest row of every term of the layer that is not withdrawn, by term."""
    newest = select(func.max(VocabularyEntry.id)).group_by(VocabularyEntry.term_key)
    rows = session.scalars(select(VocabularyEntry).where(VocabularyEntry.id.in_(newest)).order_by(VocabularyEntry.term_key)).all()
    return [row for row in rows if row.active]


def current_layer(session: Session) -> dict[str, str | None]:
    """The project's layer as the normaliser takes it: term -> concept id, or None (its own thing)."""
    return {entry.term: entry.concept_id for entry in entries_in_force(session)}


def sync_layer(session: Session) -> None:
    """Give this process's normaliser the layer in force, if it changed since it was last loaded."""
    latest = session.scalar(select(func.coalesce(func.max(VocabularyEntry.index_seq), 0))) or 0
    n = normaliser()
    if getattr(n, "layer_seq", 0) == latest and latest:
        return
    with _layer_lock:
        if getattr(n, "layer_seq", None) != latest:
            n.set_layer(current_layer(session))
            n.layer_seq = latest  # type: ignore[attr-defined]
