"""An opening as the matcher reads it: its parts, its words, the occupation its title names.

Each required or nice-to-have term is read by the normaliser: as a whole
("Staplerschein"), or for the skills inside it ("Besitz eines gültigen
Staplerscheins"), or not at all. A term read as several skills becomes several
parts that share its weight; the words no found skill used stay with them and
still earn graded credit. The title (and lines like "Ausbildung als
Verkäufer/in") name occupations, chosen by how well the rest of the ad fits them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from scipy import sparse

from . import requirements, sections, titles
from .explain import IDENTITY
from .lexicon import STOPWORDS
from .normalise import Normalised, Normaliser
from .records import Opening
from .similarity import FeatureSpace
from .text import fold, key

# Without a title, the ad's words name an occupation when they fit it at least this share of a full fit (chosen on
# the dev half of bench/real_text.py: with one half, 14 of its 133 ads without title had no suggestion at all).
LINES_FIT = 1 / 3
# An occupation a qualification line names ("Lehre als Logistiker EFZ") counts this much of its weight beside one the
# title names: the training asked for may be another occupation's (ESCO's „Logistiker“ plans logistics; a Swiss
# „Logistiker EFZ“ works in a warehouse, as the title „Lagermitarbeiter“ says).
TRAINED_WEIGHT = 0.7


@dataclass
class Part:
    """One part of an opening: a whole term, or one skill found in a longer term."""

    line: str
    text: str
    norm: Normalised | None
    concept: int | None  # vocabulary index
    weight: float
    required: bool
    must: bool
    rest: str = ""  # the line's words no skill found in it used: they still earn graded credit


@dataclass(frozen=True)
class Prior:
    """Per column, how much it counts for the depth of the occupation the title names – only the few columns that
    count (an opening's occupation and its skills), never a row as wide as all columns: a matcher keeps one per
    opening it knows."""

    cols: np.ndarray  # column numbers, ascending
    values: np.ndarray  # float32, > 0

    @classmethod
    def of(cls, weights: dict[int, float]) -> Prior:
        cols = np.asarray(sorted(weights), dtype=np.int64)
        return cls(cols, np.asarray([weights[c] for c in cols.tolist()], dtype=np.float32))

    def __len__(self) -> int:
        return len(self.cols)

    def at(self, cols: np.ndarray) -> np.ndarray:
        """The values of ``cols`` (each one of ``self.cols``)."""
        return self.values[np.searchsorted(self.cols, cols)]

    def get(self, col: int) -> float:
        return self.weights.get(col, 0.0)

    @cached_property
    def weights(self) -> dict[int, float]:
        """Column -> value, the columns that count only (asked for each column of every explanation)."""
        return dict(zip(self.cols.tolist(), self.values.tolist()))


@dataclass
class Understood:
    """An opening as the matcher reads it (the matcher makes its credit rows against its current columns)."""

    opening: Opening
    parts: list[Part]
    occupations: list[titles.Occupation]
    text: sparse.csr_matrix | None = None  # all its words as one vector (1 x features)
    credit: sparse.csr_matrix | None = None  # parts x columns
    similar: sparse.csr_matrix | None = None  # the graded part of ``credit``
    by_column: sparse.csr_matrix | None = None  # ``credit`` transposed, the ``credited`` columns only (credited x parts)
    credited: np.ndarray | None = None  # the columns that earn credit, ascending
    prior: Prior | None = None  # per column: how much it counts for the occupation's depth
    columns: int = -1
    version: int | None = None  # set when a matcher keeps this reading (Matcher.update_opening)
    stated: requirements.Stated = field(default_factory=requirements.Stated)  # conditions its required lines state
    effective: Opening | None = None  # the opening with those conditions where they ask more than the typed ones
    # (columns, what Matcher._occupation_columns made for them): every explanation of the opening asks for it
    occupation_columns: tuple[int, dict[int, tuple[int, int | None]]] | None = field(default=None, compare=False, repr=False)

    @property
    def conditions(self) -> Opening:
        """The opening whose conditions count: the typed ones, raised by what the lines state."""
        return self.effective or self.opening

    @property
    def total_weight(self) -> float:
        return sum(p.weight for p in self.parts)

    @property
    def understood(self) -> float:
        """The weighted share of the opening's terms read as a whole (a skill, a synonym, a typo of one)."""
        total = self.total_weight
        whole = sum(p.weight for p in self.parts if p.norm is not None and p.norm.how in IDENTITY and p.norm.how != "found")
        return whole / total if total else 0.0

    def share(self, credits: np.ndarray, required: bool) -> float:
        """The weighted share of the required (or nice-to-have) parts that ``credits`` cover."""
        idx = [i for i, p in enumerate(self.parts) if p.required == required]
        total = sum(self.parts[i].weight for i in idx)
        return float(sum(credits[i] * self.parts[i].weight for i in idx) / total) if total else 0.0

    def must_lines(self) -> list[str]:
        return list(dict.fromkeys(p.line for p in self.parts if p.must))


def rest_of(line: str, found: list[Normalised]) -> str:
    """The content words of ``line`` that none of the skills found in it used."""
    used = {w for norm in found for w in norm.term.split()}
    return " ".join(w for w in fold(line).split() if w not in used and w not in STOPWORDS and len(w) > 2)


def keeps_words(readings: list[Normalised]) -> bool:
    """Whether a term keeps a column of its own words: nothing was recognised, or only skills inside it."""
    return not readings or any(n.how == "found" for n in readings)


def work_lines(opening: Opening) -> tuple[list[str], list[str]]:
    """The opening's required and nice-to-have lines about the work: an ad's offer, its business and its contact
    are no requirements."""
    return sections.opening_work(opening.required_skills, opening.optional_skills, opening.must_skills)


def words_of(opening: Opening, lines: tuple[list[str], list[str]]) -> str:
    """All the opening's words as one text (its ``work_lines``): what its vector is made of."""
    return " ".join([opening.title, *lines[0], *lines[1]])


def read(
    opening: Opening,
    normaliser: Normaliser,
    space: FeatureSpace,
    *,
    required_weight: float,
    optional_weight: float,
    title_fit: float,
    text: sparse.csr_matrix | None = None,
) -> Understood:
    """Read ``opening``: its parts with their weights, its words as one vector, its occupations. ``text``: the
    vector of its words (``words_of``), when made already (for many openings, one transform makes them all)."""
    required_lines, optional_lines = work_lines(opening)
    terms = required_lines + optional_lines
    n_required = len(required_lines)
    readings = normaliser.readings([terms], fixed=[opening.readings])[0]
    primaries = normaliser.normalise(terms, fixed=opening.readings)
    vocab = normaliser.vocabulary
    must = {key(t) for t in opening.must_skills}
    parts: list[Part] = []
    named: list[titles.Occupation] = list(titles.candidates(vocab, opening.title)) if opening.title else []
    for i, (term, found, primary) in enumerate(zip(terms, readings, primaries)):
        required = i < n_required
        if required and requirements.only_conditions(term):
            continue  # "Führerschein Klasse C", "Gute Deutschkenntnisse": a hard condition (below), no skill to cover
        weight = required_weight if required else optional_weight
        is_must = required and key(term) in must
        trained = titles.trained_as(term)
        if trained:  # what the job asks one to be trained as; where the title names the job, that comes first
            lower = TRAINED_WEIGHT if opening.title and named else 1.0
            named.extend(titles.weighted(titles.candidates(vocab, trained), lower))
        if not found:
            parts.append(Part(term, term, primary if primary.known else None, None, weight, required, is_must))
            continue
        rest = rest_of(term, found)
        for norm in found:
            parts.append(Part(term, norm.term, norm, vocab.index[norm.concept], weight / len(found), required, is_must, rest))
    if text is None:
        text = space.transform([words_of(opening, (required_lines, optional_lines))])
    conditions = requirements.stated(required_lines)
    u = Understood(opening, parts, [], text, stated=conditions, effective=requirements.apply(opening, conditions))
    if named or u.understood < 0.5:  # without a title, the words of a free-text ad suggest its occupation
        u.occupations = choose_occupations(named, text, space, title_fit)
    return u


def choose_occupations(
    named: list[titles.Occupation], text: sparse.csr_matrix, space: FeatureSpace, title_fit: float, limit: int = 2
) -> list[titles.Occupation]:
    """Of the occupations the title (and "Ausbildung als …") may name, those the opening's words fit best.

    A title's own weight says how specifically it names an occupation; the cosine
    of the opening's words with the occupation's labels and essential skills says
    how well the rest of the ad fits it (``title_fit`` is the cosine that counts
    as a full fit). An ambiguous title ("Kaufmann/-frau") is thereby read through
    its task lines. Without a title, the occupations the words fit best are taken,
    with 0.8 of the weight a title gives, where the words fit at least ``LINES_FIT`` of a
    full fit.
    """
    best: dict[int, titles.Occupation] = {}
    for occ in named:
        if occ.concept not in best or occ.weight > best[occ.concept].weight:
            best[occ.concept] = occ
    occupations, _vectors = space.occupations
    fit = space.occupation_fits(text)
    if not best:
        top = np.argsort(-fit, kind="stable")[:limit]
        return [titles.Occupation(int(occupations[i]), 0.8 * min(1.0, fit[i] / title_fit), "") for i in top if fit[i] >= title_fit * LINES_FIT]
    concepts = sorted(best)
    rows = np.searchsorted(occupations, concepts)
    known = [(c, r) for c, r in zip(concepts, rows) if r < len(occupations) and occupations[r] == c]
    fits = {c: float(fit[r]) for c, r in known}
    scored = sorted(
        (titles.Occupation(c, best[c].weight * (0.5 + 0.5 * min(1.0, fits.get(c, 0.0) / title_fit)), best[c].via) for c in concepts),
        key=lambda o: (-o.weight, o.concept),
    )
    return [o for o in scored[:limit] if o.weight >= scored[0].weight * 0.8]
