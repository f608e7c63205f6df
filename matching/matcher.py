"""Ranking profiles against openings (and openings against a profile), with explanations.

Every word of an opening counts. Each required or nice-to-have term is read by
the normaliser: as a whole ("Staplerschein"), or for the skills inside it
("Besitz eines gültigen Staplerscheins"), or not at all; a term read as several
skills becomes several parts that share its weight. A part gives a profile

* full credit for the same concept (``exact``/``synonym``/``translation``/``fuzzy``/``found``),
* full credit, as ``exact``, for the very same words (folded): whatever either side's term was
  read as – a reading corrected on one side only never makes a pair of identical words worse,
* ``related_credit`` for an explicitly related concept (ESCO co-occurrence, curated pairs,
  an occupation and its essential skills),
* graded credit (``similar``: ``similar_credit`` x the cosine of stems and compound parts,
  from ``similar_floor`` on) for a profile term that shares words with it – also
  when nothing was recognised.

Coverage is the weighted share of the parts a profile covers (required terms
weigh ``required_weight``, nice-to-have ones ``optional_weight``). The title (and
lines like "Ausbildung als Verkäufer/in") name occupations; how many of their
essential skills a profile has is its *depth*, which counts ``depth_weight`` of
the score and tells a real cleaner from someone with one cleaning word. Hard
conditions (German, hours, licence, start, must-have terms) are masks;
closeness of postcodes is a small soft factor.
"""

from __future__ import annotations

import copy
import itertools
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache, partial
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from . import eligibility, reading, titles
from .explain import pairs, parts_of_score, title_evidence
from .likeness import Likeness, Side
from .normalise import Normaliser
from .reading import Part, Prior, Understood, keeps_words
from .records import Opening, Profile
from .similarity import FeatureSpace
from .text import key
from .vocabulary import Vocabulary

# The column of a profile term's very words (folded): an opening line written the same way meets it.
LINE = "line:"


@lru_cache(maxsize=4)
def feature_space(vocabulary: Vocabulary) -> FeatureSpace:
    """One feature space per vocabulary (fitting it takes a few seconds)."""
    return FeatureSpace(vocabulary)


@lru_cache(maxsize=4)
def likeness(space: FeatureSpace) -> Likeness:
    """One likeness rule per feature space (it reads the vocabulary's labels once)."""
    return Likeness(space)


def prepare(vocabulary: Vocabulary | None = None) -> None:
    """Compute what a first ranking derives from the vocabulary (the word features, the skills' word counts,
    the typo and spotting indexes, the word kinds, the occupations' label features), so that it is kept in the folder set with
    :func:`matching.derived.set_folder` and no later first ranking pays for it (``python -m matching prepare``).
    Made with objects of its own, not the process's shared ones, which may have been made before the folder was set."""
    vocabulary = Vocabulary.load() if vocabulary is None else vocabulary
    space = FeatureSpace(vocabulary)
    Likeness(space).prepare()
    space.occupations  # noqa: B018 - made (and kept) when first asked for
    Normaliser(vocabulary).prepare()
    titles.kept_label_features(vocabulary)


def _stack(blocks: Sequence[sparse.csr_matrix], width: int) -> sparse.csr_matrix:
    """CSR matrices of ``width`` columns one under the other, by concatenating their arrays (scipy's ``vstack``
    goes through COO for these and took 80 ms for the 300 openings of the project)."""
    if not blocks:
        return sparse.csr_matrix((0, width), dtype=np.float32)
    blocks = [b if b.format == "csr" else sparse.csr_matrix(b) for b in blocks]
    ends = np.cumsum([b.indptr[-1] for b in blocks])
    indptr = np.concatenate(
        [np.zeros(1, dtype=np.int64)] + [b.indptr[1:].astype(np.int64) + start for b, start in zip(blocks, np.concatenate([[0], ends[:-1]]))]
    )
    data = np.concatenate([b.data[: b.indptr[-1]] for b in blocks]).astype(np.float32, copy=False)
    indices = np.concatenate([b.indices[: b.indptr[-1]] for b in blocks])
    return sparse.csr_matrix((data, indices, indptr), shape=(len(indptr) - 1, width))


def _sparse_rows(rows: Sequence[Prior | None], width: int) -> sparse.csr_matrix:
    """Sparse rows (None for none) as one sparse matrix."""
    if not rows:
        return sparse.csr_matrix((0, width), dtype=np.float32)
    indptr, indices, data = [0], [], []
    for row in rows:
        indices.append(row.cols if row is not None else np.zeros(0, dtype=np.int64))
        data.append(row.values if row is not None else np.zeros(0, dtype=np.float32))
        indptr.append(indptr[-1] + len(indices[-1]))
    return sparse.csr_matrix((np.concatenate(data), np.concatenate(indices), np.asarray(indptr)), shape=(len(rows), width))


# Where a column's text vector comes from (``Matcher._column``): a concept's index, (matrix, row) of typed terms'
# vectors, or None for a column without words of its own (a ``line:`` column: its words count through the term's).
ColumnSource = int | tuple[sparse.csr_matrix, int] | None


def _source_rows(sources: Sequence[ColumnSource], space: FeatureSpace) -> sparse.csr_matrix:
    """The text vectors of ``sources``, one row each, taken from a few matrices instead of one matrix per column."""
    concepts: list[int] = []
    taken: dict[int, tuple[sparse.csr_matrix, list[int]]] = {}  # per matrix of typed terms: the rows taken
    where: list[tuple[int, int]] = []  # per source: (block, position in it); block 0: the concepts, -1: no words
    for source in sources:
        if source is None:
            where.append((-1, 0))
        elif isinstance(source, int | np.integer):
            where.append((0, len(concepts)))
            concepts.append(int(source))
        else:
            matrix, row = source
            rows = taken.setdefault(id(matrix), (matrix, []))[1]
            where.append((id(matrix), len(rows)))
            rows.append(row)
    blocks = [space.concepts(concepts)]
    offset = {0: 0}
    for block, (matrix, rows) in taken.items():
        offset[block] = sum(b.shape[0] for b in blocks)
        blocks.append(matrix[rows])
    offset[-1] = sum(b.shape[0] for b in blocks)
    blocks.append(sparse.csr_matrix((1, space.n_features), dtype=np.float32))  # the one empty row
    index = np.asarray([offset[block] + position for block, position in where], dtype=np.int64)
    return sparse.vstack(blocks, format="csr")[index]


def _ragged(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The indices ``starts[i] .. starts[i] + lengths[i]`` of every i, concatenated."""
    total = int(lengths.sum())
    offsets = np.cumsum(lengths) - lengths
    return np.arange(total, dtype=np.int64) - np.repeat(offsets - starts, lengths)


# Versions of profile rows and opening readings, unique in the process (across matchers, so a version never
# names two different things).
_VERSIONS = itertools.count(1)
RANKINGS_KEPT = 256  # rankings a matcher keeps (each: up to k rows with the parts of their scores)
START_DAYS = 14  # days after an opening's start a person may become free and still be suggested


class Result:
    """One ranked profile (or opening) with the explanation of its score.

    The explanation is made when it is first read: a page that ranks 200 people
    to filter them explains only the 30 it shows.
    """

    __slots__ = ("_explain", "_explanation", "basis", "id", "score")

    def __init__(
        self,
        id: str,
        score: float,
        explanation: dict[str, Any] | None = None,
        *,
        explain: Callable[[], dict[str, Any]] | None = None,
        basis: tuple | None = None,
    ) -> None:
        self.id = id
        self.score = score
        self._explanation = explanation
        self._explain = explain
        # What the score and explanation were made from: two results with the same basis have the same score and
        # explanation, so a caller may keep what it made of one (a page's rendered card). None: not kept.
        self.basis = basis

    @property
    def explanation(self) -> dict[str, Any]:
        if self._explanation is None:
            self._explanation = self._explain() if self._explain is not None else {}
            self._explain = None
        return self._explanation

    def as_dict(self, key_name: str = "profile") -> dict[str, Any]:
        return {key_name: self.id, "score": round(self.score, 4), "explanation": self.explanation}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Result) and (self.id, self.score, self.explanation) == (other.id, other.score, other.explanation)

    def __repr__(self) -> str:
        return f"Result(id={self.id!r}, score={self.score:.4f})"


class Matcher(BaseEstimator):
    """Ranks participant profiles against job openings and explains every score.

    Parameters
    ----------
    normaliser : Normaliser, optional
        Reads free-text terms; defaults to one on the shipped vocabulary.
    required_weight, optional_weight : float
        Weight of a required and of a nice-to-have term in the coverage.
    related_credit : float
        Credit for a profile skill that is explicitly related to the asked one.
    similar_floor : float
        Smallest cosine of stems for a graded ("similar") match.
    similar_credit : float
        Credit of a graded match per unit of cosine (always below a full match).
    depth_weight : float
        Share of the score given to how much of the title's occupation a profile fits.
    depth_norm : float
        How many of the occupation's essential skills make full depth.
    depth_floor : float
        The share of ``depth_weight`` that counts even when every term of the opening is
        understood (it breaks ties between one generic skill and the whole trade); the
        rest counts as far as the terms are not understood.
    text_weight : float
        Share of the score given to the cosine of all the opening's words (title and lines)
        with all the profile's (its terms' stems, and the labels of the concepts it has).
    title_fit : float
        The cosine of an opening's words with an occupation at which they fit it fully
        (chooses among the occupations an ambiguous title may name).
    german_tolerance : int
        CEFR levels below the opening's that are still accepted.
    support_tolerance : int
        Levels below that are accepted when the employer offers language support.
    proximity_weight : float
        Share of the score given to closeness of postcodes (0 turns it off).
    proximity_km : float
        Distance at which the proximity bonus reaches zero.
    start_days : int
        Days after an opening's start a person may become free and still be suggested (the start is a soft
        condition: the explanation gives the days, "relaxed").
    """

    def __init__(
        self,
        normaliser: Normaliser | None = None,
        *,
        required_weight: float = 2.0,
        optional_weight: float = 1.0,
        related_credit: float = 0.25,
        similar_floor: float = 0.35,
        similar_credit: float = 0.6,
        depth_weight: float = 0.35,
        depth_norm: float = 6.0,
        depth_floor: float = 0.2,
        text_weight: float = 0.5,
        title_fit: float = 0.3,
        german_tolerance: int = 0,
        support_tolerance: int = 1,
        proximity_weight: float = 0.05,
        proximity_km: float = 10.0,
        start_days: int = START_DAYS,
    ) -> None:
        self.normaliser = normaliser
        self.required_weight = required_weight
        self.optional_weight = optional_weight
        self.related_credit = related_credit
        self.similar_floor = similar_floor
        self.similar_credit = similar_credit
        self.depth_weight = depth_weight
        self.depth_norm = depth_norm
        self.depth_floor = depth_floor
        self.text_weight = text_weight
        self.title_fit = title_fit
        self.german_tolerance = german_tolerance
        self.support_tolerance = support_tolerance
        self.proximity_weight = proximity_weight
        self.proximity_km = proximity_km
        self.start_days = start_days

    # -- fitting ------------------------------------------------------------------------

    def fit(self, profiles: Iterable[Profile], openings: Iterable[Opening] = ()) -> Matcher:
        """Index the profiles (and openings, for ``rank_openings``). Returns self."""
        self.normaliser_ = self.normaliser or Normaliser()
        self.vocabulary_ = self.normaliser_.vocabulary
        self.space_ = feature_space(self.vocabulary_)
        self.columns_: dict[str, int] = {}
        # per column, where its text vector comes from: a concept (its index), a row of a matrix of typed terms'
        # vectors, or None (no words); the vectors are stacked when first needed (``_feature_matrices``)
        self._column_sources: list[ColumnSource] = []
        self._column_texts: list[str] = []  # per column: the words it shows (a concept's label, a term as typed)
        self.likeness_ = likeness(self.space_)
        self._features: sparse.csr_matrix | None = None
        self.profile_ids_: list[str] = []
        self.profile_row_: dict[str, int] = {}
        self.profiles_: list[Profile] = []
        self.terms_: list[list[tuple[int, str, str]]] = []  # per row: (column, term, how)
        self.row_versions_: list[int] = []  # per row: a number no other row or reading of any matcher has
        # Rankings kept per reading of an opening and state of the profiles (``_rank``); any change of a profile
        # (added, replaced, removed, in or out of the rankings) gives the profiles a new version.
        self._profiles_version = next(_VERSIONS)
        self._ranked: OrderedDict[tuple, list[tuple]] = OrderedDict()
        profiles = list(profiles)
        rows = self._encode(profiles)
        self.exact_ = self._matrix(rows)
        self.conditions_ = eligibility.profile_arrays(profiles)
        self.active_ = np.ones(len(profiles), dtype=bool)
        self._add_rows(profiles, rows)
        self._csc: sparse.csc_matrix | None = None
        self._texts: np.ndarray | None = None
        self.openings_: dict[str, Understood] = {}
        self._opening_index: dict[str, Any] | None = None
        for opening in openings:
            self.update_opening(opening)
        # What ranking needs in either direction is made now, not by the first request.
        self._columns_csc()
        self._text_norms()
        if self.openings_:
            self._openings_index()
        return self

    def _column(self, name: str, source: ColumnSource, text: str = "") -> int:
        """The column of a concept id or ``term:`` key; a new one gets its text vector from ``source`` and
        ``text`` as the words it shows."""
        col = self.columns_.get(name)
        if col is None:
            col = self.columns_[name] = len(self.columns_)
            self._column_sources.append(source)
            self._column_texts.append(text)
        return col

    def _concept_column(self, concept: int) -> int:
        return self._column(self.vocabulary_.ids[concept], concept, self.vocabulary_.label_de[concept])

    def _encode(self, profiles: Sequence[Profile]) -> list[list[tuple[int, str, str]]]:
        """Per profile: the columns of its terms, with the term and how it was read.

        A term read as a whole has its concept's column; a term read for the skills
        inside it ("Pflege von Grünanlagen") has theirs and keeps its own words as a
        column too, as does a term nothing was recognised in.
        """
        readings = self.normaliser_.readings([p.skills for p in profiles], fixed=[p.readings for p in profiles])
        vocab = self.vocabulary_
        own = sorted({term for profile, terms in zip(profiles, readings) for term, r in zip(profile.skills, terms) if keeps_words(r) and key(term)})
        own_vectors = self.space_.transform(own) if own else None
        own_row = {term: i for i, term in enumerate(own)}
        out = []
        for profile, terms in zip(profiles, readings):
            row = []
            for term, found in zip(profile.skills, terms):
                for norm in found:
                    row.append((self._concept_column(vocab.index[norm.concept]), term, norm.how))
                if keeps_words(found) and key(term):
                    row.append((self._column("term:" + key(term), (own_vectors, own_row[term]), term), term, "unknown"))
                if key(term):  # the words themselves: an opening line in the very same words is this term
                    row.append((self._column(LINE + key(term), None), term, "exact"))
            out.append(row)
        return out

    def _matrix(self, rows: Sequence[list[tuple[int, str, str]]]) -> sparse.csr_matrix:
        indptr = [0]
        indices: list[int] = []
        for row in rows:
            indices.extend(sorted({col for col, _t, _h in row}))
            indptr.append(len(indices))
        data = np.ones(len(indices), dtype=np.float32)
        return sparse.csr_matrix((data, np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int64)), shape=(len(rows), max(len(self.columns_), 1)))

    def _add_rows(self, profiles: Sequence[Profile], rows) -> None:
        for p, row in zip(profiles, rows):
            self.profile_row_[p.id] = len(self.profile_ids_)
            self.profile_ids_.append(p.id)
            self.profiles_.append(p)
            self.terms_.append(row)
            self.row_versions_.append(next(_VERSIONS))

    def _basis(self, u: Understood, row: int) -> tuple | None:
        """A result's ``basis``: the versions of the profile's row and of the opening's reading (only an indexed
        opening's reading has one), and whether the row is ranked."""
        return None if u.version is None else (self.row_versions_[row], u.version, bool(self.active_[row]))

    def _feature_matrices(self) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        """The columns' text vectors (columns x features), and the same transposed, renewed when columns were added."""
        have = 0 if self._features is None else self._features.shape[0]
        if self._features is None or have != len(self._column_sources):
            new = _source_rows(self._column_sources[have:], self.space_)
            self._features = new if self._features is None else sparse.vstack([self._features, new], format="csr")
            self._features_t = self._features.T.tocsr()
        return self._features, self._features_t

    @property
    def features_(self) -> sparse.csr_matrix:
        """The columns' text vectors (columns x features)."""
        return self._feature_matrices()[0]

    @property
    def features_t_(self) -> sparse.csr_matrix:
        """``features_`` transposed (features x columns), for products with texts."""
        return self._feature_matrices()[1]

    def _columns_csc(self) -> sparse.csc_matrix:
        if self._csc is None:
            self._csc = self.exact_.tocsc()
        return self._csc

    # -- incremental updates ----------------------------------------------------------

    def update_profile(self, profile: Profile) -> Matcher:
        """Add a profile, or replace the one with the same id, without refitting the rest."""
        check_is_fitted(self)
        self.remove_profile(profile.id)
        rows = self._encode([profile])
        width = max(len(self.columns_), 1)
        self.exact_ = sparse.vstack([self._widen(self.exact_, width), self._matrix(rows)], format="csr")
        arrays = eligibility.profile_arrays([profile])
        self.conditions_ = {k: np.concatenate([v, arrays[k]]) for k, v in self.conditions_.items()}
        self.active_ = np.concatenate([self.active_, np.ones(1, dtype=bool)])
        self._add_rows([profile], rows)
        self._csc = None
        self._texts = None
        self._profiles_version = next(_VERSIONS)
        return self

    def _scratch(self) -> Matcher:
        """A copy whose profiles and columns can change while this matcher stays as it is (ranking never changes a
        fitted estimator). What ``update_profile`` replaces is shared; what it changes in place is copied, and
        the kept readings of openings are copied so that their credit rows are made anew against the copy's
        columns."""
        other = copy.copy(self)
        other.columns_ = dict(self.columns_)
        other._column_sources = list(self._column_sources)
        other._column_texts = list(self._column_texts)
        other.profile_ids_ = list(self.profile_ids_)
        other.profile_row_ = dict(self.profile_row_)
        other.profiles_ = list(self.profiles_)
        other.terms_ = list(self.terms_)
        other.row_versions_ = list(self.row_versions_)
        other.active_ = self.active_.copy()
        other.conditions_ = dict(self.conditions_)
        other.openings_ = {oid: copy.copy(u) for oid, u in self.openings_.items()}
        other._opening_index = None if self._opening_index is None else {**self._opening_index, "understood": list(other.openings_.values())}
        other._ranked = OrderedDict()
        return other

    @staticmethod
    def _widen(m: sparse.csr_matrix, width: int) -> sparse.csr_matrix:
        if m.shape[1] == width:
            return m
        return sparse.csr_matrix((m.data, m.indices, m.indptr), shape=(m.shape[0], width))

    def remove_profile(self, profile_id: str) -> Matcher:
        """Take a profile out of the rankings (its row is masked, not rebuilt)."""
        check_is_fitted(self)
        row = self.profile_row_.pop(profile_id, None)
        if row is not None:
            self.active_[row] = False
            self._profiles_version = next(_VERSIONS)
        return self

    def set_active(self, profile_id: str, active: bool) -> Matcher:
        """Keep a profile indexed (``explain`` still works) but in or out of the rankings."""
        check_is_fitted(self)
        self.active_[self.profile_row_[profile_id]] = active
        self._profiles_version = next(_VERSIONS)
        return self

    def update_opening(self, opening: Opening) -> Matcher:
        """Add or replace an opening for ``rank_openings`` (read once, kept understood)."""
        check_is_fitted(self)
        u = self._understand(opening)
        u.version = next(_VERSIONS)
        self.openings_[opening.id] = u
        self._opening_index = None
        return self

    def remove_opening(self, opening_id: str) -> Matcher:
        check_is_fitted(self)
        if self.openings_.pop(opening_id, None) is not None:
            self._opening_index = None
        return self

    @property
    def n_profiles(self) -> int:
        return len(self.profile_row_)

    def _neighbours(self, concept: int) -> set[int]:
        """Concepts explicitly related to ``concept``: co-occurrence and curated pairs, an occupation and its skills."""
        vocab = self.vocabulary_
        out = set(vocab.related.get(concept, ()))
        if concept in vocab.occupation_skills:
            out.update(vocab.occupation_skills[concept].tolist())
        out.update(vocab.occupations_needing(concept))
        out.discard(concept)
        return out

    # -- reading an opening -----------------------------------------------------------

    def _understand(self, opening: Opening, text: sparse.csr_matrix | None = None) -> Understood:
        return reading.read(
            opening,
            self.normaliser_,
            self.space_,
            required_weight=self.required_weight,
            optional_weight=self.optional_weight,
            title_fit=self.title_fit,
            text=text,
        )

    def _part_side(self, part: Part) -> Side:
        """The words a part of an opening shows: its line, and the label it was read as."""
        return self.likeness_.side((part.line, self.vocabulary_.label_de[part.concept] if part.concept is not None else ""))

    def _shared_words(self, part: Part, col: int, term: str) -> tuple[list[str], str]:
        """The words a graded pair shares, as the line and the profile's ``term`` write them (else as the labels
        they were read as do), and how the explanation names them (:meth:`Likeness.describe`, of the same two sides)."""
        side, likeness = self.likeness_.side, self.likeness_
        for a, b in ((side((part.line,)), side((term,))), (self._part_side(part), side((self._column_texts[col],)))):
            words, how = likeness.describe(a, b)
            if words:
                return words, how
        return [], "similar"

    def _similar(self, readings: Sequence[Understood]) -> list[sparse.csr_matrix]:
        """Per reading: its parts' text vectors against every column's, above ``similar_floor`` (before a reader's
        judgement). Made for all the readings together: one transform and one product of sparse matrices each,
        not one per opening (each call costs as much as a short text)."""
        width = len(self.columns_)
        words = [(r, i) for r, u in enumerate(readings) for i, part in enumerate(u.parts) if part.concept is None]
        rests = [(r, i) for r, u in enumerate(readings) for i, part in enumerate(u.parts) if part.rest]
        found = [(r, i, part.concept) for r, u in enumerate(readings) for i, part in enumerate(u.parts) if part.concept is not None]
        starts = np.cumsum([0] + [len(u.parts) for u in readings])
        n = int(starts[-1])
        if not n or not width:
            return [sparse.csr_matrix((len(u.parts), width), dtype=np.float32) for u in readings]
        texts = self.space_.transform([readings[r].parts[i].text for r, i in words] + [readings[r].parts[i].rest for r, i in rests])
        vectors = sparse.vstack([self.space_.concepts([concept for _r, _i, concept in found]), texts[: len(words)]], format="csr")
        at = np.asarray([starts[r] + i for r, i, _c in found] + [starts[r] + i for r, i in words], dtype=np.int64)
        sims = (vectors[np.argsort(at, kind="stable")] @ self.features_t_).tocsr()
        if rests:  # a found skill's line also counts by its other words ("… von Quxbaz-Geräten")
            rows = [starts[r] + i for r, i in rests]
            moved = sparse.csr_matrix((np.ones(len(rests), dtype=np.float32), (rows, range(len(rests)))), shape=(n, len(rests)))
            sims = sims.maximum(moved @ (texts[len(words) :] @ self.features_t_)).tocsr()
        sims.data[sims.data < self.similar_floor] = 0
        sims.eliminate_zeros()
        return [sims[starts[r] : starts[r + 1]] for r in range(len(readings))]

    def _prepare_many(self, readings: Sequence[Understood]) -> list[Understood]:
        """``_prepare`` for many readings, their text vectors compared in one batch (``_similar``)."""
        width = len(self.columns_)
        stale = [u for u in readings if u.columns != width]
        for u, similar in zip(stale, self._similar(stale), strict=True):
            self._prepare(u, similar)
        return list(readings)

    def _prepare(self, u: Understood, similar: sparse.csr_matrix | None = None) -> Understood:
        """Make (or renew) the opening's credit rows against the current columns (``similar``: its row of
        ``_similar``, when made already)."""
        width = len(self.columns_)
        if u.columns == width:
            return u
        vocab = self.vocabulary_
        n = len(u.parts)
        graded = sparse.csr_matrix((n, width), dtype=np.float32)
        if n and width:
            sims = (similar if similar is not None else self._similar([u])[0]).tocsr()
            # only a likeness a reader would accept earns credit (matching.likeness), and is then shown with its words
            for i in range(n):
                if sims.indptr[i] == sims.indptr[i + 1]:
                    continue  # no graded pair to judge (reading the part's words costs more than the rest)
                mine = self._part_side(u.parts[i])
                for k in range(sims.indptr[i], sims.indptr[i + 1]):
                    if not self.likeness_.accepts(mine, self.likeness_.side((self._column_texts[sims.indices[k]],))):
                        sims.data[k] = 0
            sims.eliminate_zeros()
            sims.data = np.minimum(sims.data * self.similar_credit, self.similar_credit).astype(np.float32)
            graded = sims
        rows, cols, data = [], [], []
        for i, part in enumerate(u.parts):
            same = self.columns_.get(LINE + key(part.line))
            if same is not None:  # a profile term in the very same words as the line: the same, whatever the readings
                rows.append(i)
                cols.append(same)
                data.append(1.0)
            if part.concept is None:  # the same words (folded) are still the same term
                own = self.columns_.get("term:" + key(part.text))
                if own is not None:
                    rows.append(i)
                    cols.append(own)
                    data.append(1.0)
                continue
            own = self.columns_.get(vocab.ids[part.concept])
            if own is not None:
                rows.append(i)
                cols.append(own)
                data.append(1.0)
            for other in self._neighbours(part.concept):
                col = self.columns_.get(vocab.ids[other])
                if col is not None:
                    rows.append(i)
                    cols.append(col)
                    data.append(self.related_credit)
        known = sparse.csr_matrix((np.asarray(data, dtype=np.float32), (rows, cols)), shape=(n, width))
        u.similar = graded
        u.credit = known.maximum(graded).tocsr() if n else known
        # ``credit`` transposed, for the columns that earn credit only (a row per column would be as wide as all)
        coo = u.credit.tocoo()
        u.credited = np.unique(coo.col).astype(np.int64)
        u.by_column = sparse.csr_matrix((coo.data, (np.searchsorted(u.credited, coo.col), coo.row)), shape=(len(u.credited), n))
        prior: dict[int, float] = {}
        for occ in u.occupations:
            col = self.columns_.get(vocab.ids[occ.concept])
            if col is not None:
                prior[col] = max(prior.get(col, 0.0), self.depth_norm * occ.weight)  # the occupation itself: full depth
            for skill in vocab.occupation_skills.get(occ.concept, np.zeros(0, dtype=np.int32)).tolist():
                col = self.columns_.get(vocab.ids[skill])
                if col is not None:
                    prior[col] = max(prior.get(col, 0.0), occ.weight)
        u.prior = Prior.of({col: weight for col, weight in prior.items() if weight > 0})
        u.columns = width
        return u

    # -- scoring ----------------------------------------------------------------------

    def _holders(self, cols: np.ndarray, rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The (profile row, column) pairs of the profiles (or the given rows) that have any of ``cols``.

        Row numbers are positions in ``rows`` when it is given.
        """
        if rows is not None:
            sub = self.exact_[rows].tocoo()
            keep = np.isin(sub.col, cols)
            return sub.row[keep].astype(np.int64), sub.col[keep].astype(np.int64)
        csc = self._columns_csc()
        cols = cols[cols < csc.shape[1]]
        starts = csc.indptr[cols]
        lengths = csc.indptr[cols + 1] - starts
        return csc.indices[_ragged(starts, lengths)].astype(np.int64), np.repeat(cols, lengths)

    def _credits(self, u: Understood, rows: np.ndarray | None = None) -> np.ndarray:
        """Per profile (or per given row) and part: the best credit a profile term earns for the part."""
        n_rows = self.exact_.shape[0] if rows is None else len(rows)
        out = np.zeros((n_rows, len(u.parts)), dtype=np.float32)
        by_column = u.by_column
        if by_column is None or u.credited is None or by_column.nnz == 0:
            return out
        holder, col = self._holders(u.credited, rows)
        at_row = np.searchsorted(u.credited, col)
        starts = by_column.indptr[at_row]
        lengths = by_column.indptr[at_row + 1] - starts
        at = _ragged(starts, lengths)
        np.maximum.at(out, (np.repeat(holder, lengths), by_column.indices[at]), by_column.data[at])
        return out

    def _depth(self, u: Understood, rows: np.ndarray | None = None) -> np.ndarray:
        n_rows = self.exact_.shape[0] if rows is None else len(rows)
        if u.prior is None or not len(u.prior):
            return np.zeros(n_rows)
        holder, col = self._holders(u.prior.cols, rows)
        return np.minimum(1.0, np.bincount(holder, weights=u.prior.at(col), minlength=n_rows) / self.depth_norm)

    def _text_norms(self) -> np.ndarray:
        """Per profile, the length of the sum of its columns' text vectors (its words as one vector).

        The profile's vectors themselves are never kept: the cosine with an opening is
        (profile x columns) @ (columns x features @ opening) / length, two cheap products.
        """
        have = 0 if self._texts is None else len(self._texts)
        if have < self.exact_.shape[0]:
            width = self.features_.shape[0]
            rows = self._widen(self.exact_[have:], width)
            m = (rows @ self.features_).tocsr()
            norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
            norms[norms == 0] = 1.0
            self._texts = norms if self._texts is None else np.concatenate([self._texts, norms])
        return self._texts if self._texts is not None else np.ones(0)

    def _text(self, u: Understood, rows: np.ndarray | None = None) -> np.ndarray:
        """The cosine of the opening's words with each profile's (or the given rows')."""
        norms = self._text_norms()
        m, norms = (self.exact_, norms) if rows is None else (self.exact_[rows], norms[rows])
        if u.text is None or u.text.nnz == 0:
            return np.zeros(m.shape[0])
        per_column = np.zeros(m.shape[1])
        sims = (u.text @ self.features_t_).toarray().ravel()
        per_column[: len(sims)] = sims[: m.shape[1]]
        return np.asarray(m @ per_column).ravel() / norms

    def _weights(self, u: Understood) -> tuple[float, float, float, float]:
        """Shares of coverage, depth, text and proximity for this opening.

        The better the opening's terms are understood as a whole, the more its
        coverage decides; for free text (task lines, sentences of an ad) the title's
        occupation and the overall wording take over. Depth counts only when an
        occupation is named.
        """
        unsure = 1.0 - u.understood
        wd = self.depth_weight * (self.depth_floor + (1 - self.depth_floor) * unsure) if u.occupations else 0.0
        wt, wp = self.text_weight * unsure, self.proximity_weight
        return 1 - wd - wt - wp, wd, wt, wp

    def _scores(self, u: Understood, coverage: np.ndarray, depth: np.ndarray, text: np.ndarray, closeness: np.ndarray) -> np.ndarray:
        wc, wd, wt, wp = self._weights(u)
        return wc * coverage + wd * depth + wt * text + wp * closeness

    def _tolerance(self, opening: Opening) -> int:
        return self.german_tolerance + (self.support_tolerance if opening.language_support else 0)

    def _must(self, u: Understood, rows: np.ndarray | None = None) -> np.ndarray:
        """Profiles that have every must-have term (the same concept, or the same words)."""
        n_rows = self.exact_.shape[0] if rows is None else len(rows)
        ok = np.ones(n_rows, dtype=bool)
        for cols in self._must_columns(u):
            have = np.zeros(n_rows, dtype=bool)
            holder, _col = self._holders(np.asarray([c for c in cols if c >= 0], dtype=np.int64), rows)
            have[holder] = True
            ok &= have
        return ok

    def rank(self, opening: Opening, k: int = 10) -> list[Result]:
        """The top ``k`` eligible profiles for ``opening``, best first, each with its explanation."""
        check_is_fitted(self)
        return self._rank(self._understood(opening), k)

    def _understood(self, opening: Opening) -> Understood:
        """The opening as read, against the current columns: the reading kept for an indexed opening with this
        very record (``update_opening``), else read now."""
        return self._prepare(self._reading(opening))

    def _reading(self, opening: Opening) -> Understood:
        """The reading kept for an indexed opening with this very record (``update_opening``), else read now."""
        return self._kept_reading(opening) or self._understand(opening)

    def _kept_reading(self, opening: Opening) -> Understood | None:
        """The reading kept for an indexed opening with this very record (``update_opening``), if any."""
        kept = self.openings_.get(opening.id)
        return kept if kept is not None and kept.opening == opening else None

    def _rank(self, u: Understood, k: int) -> list[Result]:
        """The top ``k`` of ``u``; for a kept reading (``u.version``) the ranking is kept too, until a profile changes:
        the same opening shown again (another counsellor, the next page of the list) is not scored anew."""
        key = (u.version, self._profiles_version, k) if u.version is not None else None
        found = self._ranked.get(key) if key is not None else None
        if found is None:
            found = self._top(u, k)
            if key is not None:
                self._ranked[key] = found
                while len(self._ranked) > RANKINGS_KEPT:
                    self._ranked.popitem(last=False)
        elif key is not None:
            self._ranked.move_to_end(key)
        return [
            Result(
                self.profile_ids_[row],
                score,
                explain=partial(self._explain, u, row, credits, coverage, depth, text, closeness, distance),
                basis=self._basis(u, row),
            )
            for row, score, credits, coverage, depth, text, closeness, distance in found
        ]

    def _top(self, u: Understood, k: int) -> list[tuple]:
        """The top ``k`` rows for ``u``, best first, with their score and the parts of it."""
        opening = u.conditions
        credits = self._credits(u)
        weights = np.asarray([p.weight for p in u.parts], dtype=np.float64)
        total = weights.sum()
        coverage = credits @ weights / total if total else np.zeros(len(self.profile_ids_))
        depth = self._depth(u)
        text = self._text(u)
        closeness, distance = eligibility.proximity(self.conditions_["postcode"], opening.postcode, self.proximity_km)
        score = self._scores(u, coverage, depth, text, closeness)
        shares = (coverage > 0) | (depth > 0)  # something the counsellor can check: a line, or what the title's occupation needs
        tolerance = self._tolerance(opening)
        eligible = (
            self.active_ & eligibility.eligible_profiles(self.conditions_, opening, tolerance, u.stated.languages, self.start_days) & self._must(u) & shares
        )
        candidates = np.flatnonzero(eligible)
        if len(candidates) == 0:
            return []
        if len(candidates) > k:
            kth = np.partition(-score[candidates], k - 1)[k - 1]
            candidates = candidates[-score[candidates] <= kth]
        top = candidates[np.lexsort((candidates, -score[candidates]))[:k]]
        return [(row, float(score[row]), credits[row].copy(), coverage[row], depth[row], text[row], closeness[row], distance[row]) for row in top.tolist()]

    def rank_many(self, openings: Sequence[Opening], k: int = 10) -> list[list[Result]]:
        """``rank`` for many openings (their texts are read in one batch)."""
        check_is_fitted(self)
        # the lines every reading will ask for, looked up in one batch: the typo look-up of all their unknown
        # spellings is then one product of sparse matrices, not one per opening (the readings are the same)
        lines = [reading.work_lines(o) for o in openings]
        self.normaliser_.normalise_records([[*required, *optional] for required, optional in lines])
        # the words of the openings not read yet, made into vectors in one go too
        kept = [self._kept_reading(o) for o in openings]
        fresh = [j for j, u in enumerate(kept) if u is None]
        texts = self.space_.transform([reading.words_of(openings[j], lines[j]) for j in fresh])
        text_of = {j: texts[row] for row, j in enumerate(fresh)}
        readings = [u or self._understand(o, text_of[j]) for j, (o, u) in enumerate(zip(openings, kept))]
        return [self._rank(u, k) for u in self._prepare_many(readings)]

    def explain(self, opening: Opening, profile_id: str) -> Result:
        """Score and explanation of one profile for one opening, eligible or not.

        For a profile that is not ranked, ``explanation["conditions"]`` says which
        condition fails (``"status": "failed"``).
        """
        check_is_fitted(self)
        u = self._understood(opening)
        row = self.profile_row_[profile_id] if profile_id in self.profile_row_ else self.profile_ids_.index(profile_id)
        rows = np.asarray([row])
        credits = self._credits(u, rows)[0]
        weights = np.asarray([p.weight for p in u.parts], dtype=np.float64)
        coverage = float(credits @ weights / weights.sum()) if weights.sum() else 0.0
        depth = float(self._depth(u, rows)[0])
        text = float(self._text(u, rows)[0])
        closeness, distance = eligibility.proximity(self.conditions_["postcode"][rows], opening.postcode, self.proximity_km)
        score = float(self._scores(u, np.asarray([coverage]), np.asarray([depth]), np.asarray([text]), closeness)[0])
        return Result(profile_id, score, self._explain(u, row, credits, coverage, depth, text, closeness[0], distance[0]), basis=self._basis(u, row))

    # -- explanations -----------------------------------------------------------------

    def _explain(
        self, u: Understood, row: int, credits: np.ndarray, coverage: float, depth: float, text_sim: float, closeness: float, distance: float
    ) -> dict[str, Any]:
        vocab = self.vocabulary_
        by_column: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for col, text, how in self.terms_[row]:
            by_column[col].append((text, how))

        def own_columns(part: Part) -> tuple[int | None, int | None]:
            """The column of the part's own concept (or words), and the column of its line's very words."""
            own = self.columns_.get(vocab.ids[part.concept] if part.concept is not None else "term:" + key(part.text))
            return own, self.columns_.get(LINE + key(part.line))

        matched_parts, missing = pairs(u, by_column, credits, own_columns, vocab.label_de, self.related_credit, self.similar_credit, self._shared_words)
        if u.occupations and u.prior is not None:
            matched_parts += title_evidence(u, by_column, self._occupation_columns(u), vocab.label_de, self.depth_norm, {m["by"] for m in matched_parts})
        have = set(by_column)
        musts = [(line, any(col in have for col in cols)) for line, cols in zip(u.must_lines(), self._must_columns(u))]
        required = u.share(credits, required=True)
        optional = u.share(credits, required=False)
        wc, wd, wt, wp = self._weights(u)
        explanation = {
            "matched": matched_parts,
            "missing": missing,
            "conditions": eligibility.conditions(
                u.conditions,
                self.profiles_[row],
                self._tolerance(u.conditions),
                active=bool(self.active_[row]),
                musts=musts,
                stated=u.stated,
                start_days=self.start_days,
            ),
            "parts": parts_of_score(
                required,
                optional,
                coverage,
                depth,
                text_sim,
                closeness,
                distance,
                {"required": self.required_weight, "optional": self.optional_weight, "coverage": round(wc, 4), "occupation": wd, "text": wt, "proximity": wp},
            ),
        }
        if u.occupations:
            weights = u.prior.weights if u.prior is not None else {}
            # (the profile's few columns looked up in the prior, not the prior's hundreds in the profile)
            shared = sorted({text for col, terms in by_column.items() if col in weights for text, _h in terms})
            explanation["occupation"] = {
                "names": [vocab.label_de[o.concept] for o in u.occupations],
                "via": u.occupations[0].via,
                "shared": shared,
                "depth": round(float(depth), 4),
            }
        return explanation

    def _occupation_columns(self, u: Understood) -> dict[int, tuple[int, int | None]]:
        """Column -> (occupation, its essential skill or None for the occupation itself), the occupations first
        (kept with the reading for as long as the columns stay the same)."""
        width = len(self.columns_)
        if u.occupation_columns is None or u.occupation_columns[0] != width:
            u.occupation_columns = (width, self._make_occupation_columns(u))
        return u.occupation_columns[1]

    def _make_occupation_columns(self, u: Understood) -> dict[int, tuple[int, int | None]]:
        vocab = self.vocabulary_
        out: dict[int, tuple[int, int | None]] = {}
        for occ in u.occupations:
            col = self.columns_.get(vocab.ids[occ.concept])
            if col is not None:
                out.setdefault(col, (occ.concept, None))
        for occ in u.occupations:
            for skill in vocab.occupation_skills.get(occ.concept, np.zeros(0, dtype=np.int32)).tolist():
                col = self.columns_.get(vocab.ids[skill])
                if col is not None:
                    out.setdefault(col, (occ.concept, skill))
        return out

    # -- the other direction ------------------------------------------------------------

    def _openings_index(self) -> dict[str, Any]:
        """All openings' credit rows stacked (parts x columns), their weights, priors and conditions."""
        width = len(self.columns_)
        index = self._opening_index
        if index is not None and index["columns"] == width:
            return index
        understood = self._prepare_many(list(self.openings_.values()))
        part_rows = [u.credit for u in understood if u.credit is not None and u.credit.shape[0]]
        owner: list[int] = []
        weights: list[float] = []
        totals: list[float] = []
        for j, u in enumerate(understood):
            owner.extend([j] * len(u.parts))
            weights.extend(p.weight for p in u.parts)
            totals.append(u.total_weight or 1.0)
        index = {
            "columns": width,
            "understood": understood,
            "credit": _stack(part_rows, width).tocsc(),
            "owner": sparse.csr_matrix((np.asarray(weights, dtype=np.float64), (owner, np.arange(len(owner)))), shape=(len(understood), len(owner))),
            "totals": np.asarray(totals),
            "prior": _sparse_rows([u.prior for u in understood], width),
            "has_occupation": np.asarray([bool(u.occupations) for u in understood]),
            "texts": _stack([u.text for u in understood], self.space_.n_features) if understood else None,
            "arrays": eligibility.opening_arrays([u.conditions for u in understood], self.german_tolerance, self.support_tolerance),
            "musts": [self._must_columns(u) for u in understood],
            # the few openings whose lines ask for another language: (position, languages, tolerance)
            "languages": [(j, u.stated.languages, self._tolerance(u.conditions)) for j, u in enumerate(understood) if u.stated.languages],
            "shares": np.asarray([self._weights(u) for u in understood]).reshape(len(understood), 4),
        }
        self._opening_index = index
        return index

    def _must_columns(self, u: Understood) -> list[list[int]]:
        vocab = self.vocabulary_
        by_line: dict[str, list[int]] = defaultdict(list)
        for part in u.parts:
            if part.must:
                name = vocab.ids[part.concept] if part.concept is not None else "term:" + key(part.text)
                by_line[part.line] += [self.columns_.get(name, -1), self.columns_.get(LINE + key(part.line), -1)]
        return list(by_line.values())

    def rank_openings(self, profile: Profile | str, k: int = 10) -> list[Result]:
        """The top ``k`` openings (given to ``fit``/``update_opening``) for one profile, in one pass over all of them."""
        check_is_fitted(self)
        if isinstance(profile, str):
            row = self.profile_row_[profile]
            p = self.profiles_[row]
        else:  # a profile record (indexed or not): read into a scratch copy, so that this matcher stays as fitted
            return self._scratch().update_profile(profile).rank_openings(profile.id, k)
        index = self._openings_index()
        understood = index["understood"]
        if not understood:
            return []
        cols = self.exact_[row].indices
        credit = index["credit"]
        per_part = np.asarray(credit[:, cols].max(axis=1).todense()).ravel() if len(cols) and credit.shape[0] else np.zeros(credit.shape[0])
        coverage = index["owner"] @ per_part / index["totals"]
        prior = index["prior"]
        depth = np.minimum(1.0, np.asarray(prior[:, cols].sum(axis=1)).ravel() / self.depth_norm) if len(cols) else np.zeros(len(understood))
        closeness, distance = eligibility.proximity(index["arrays"]["postcode"], p.postcode, self.proximity_km)
        norm = self._text_norms()[row]
        profile_vector = self.features_[cols] if len(cols) else sparse.csr_matrix((1, self.space_.n_features), dtype=np.float32)
        text = np.asarray(index["texts"] @ profile_vector.sum(axis=0).T).ravel() / norm
        shares = index["shares"]
        score = shares[:, 0] * coverage + shares[:, 1] * depth + shares[:, 2] * text + shares[:, 3] * closeness
        have = set(cols.tolist())
        musts_ok = np.asarray([all(any(c in have for c in line) for line in lines) for lines in index["musts"]])
        languages_ok = np.ones(len(understood), dtype=bool)
        for j, languages, tolerance in index["languages"]:
            languages_ok[j] = eligibility.languages_met(p, languages, tolerance)
        eligible = eligibility.eligible_openings(index["arrays"], p, self.start_days) & musts_ok & languages_ok & ((coverage > 0) | (depth > 0))
        order = sorted(np.flatnonzero(eligible).tolist(), key=lambda j: (-score[j], understood[j].opening.id))[:k]
        results = []
        for j in order:
            u = understood[j]
            credits = self._credits(u, np.asarray([row]))[0]
            explain = partial(self._explain, u, row, credits, float(coverage[j]), float(depth[j]), float(text[j]), float(closeness[j]), float(distance[j]))
            results.append(Result(u.opening.id, float(score[j]), explain=explain, basis=self._basis(u, row)))
        return results
