"""Ranking profiles against openings (and openings against a profile), with explanations.

The score says how much of what an opening asks for a profile covers:
required terms weigh ``required_weight``, nice-to-have ones ``optional_weight``;
a profile skill that is the same concept earns full credit, an explicitly
related one (ESCO co-occurrence, curated pairs, an occupation's essential
skills) ``related_credit``. Hard conditions (German level, hours, driving
licence, availability, must-have skills) are masks: a profile that fails one is
never ranked. Closeness of postcodes is a small soft factor.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

from .geo import POSTCODE_CENTRES, distance_km
from .normalise import Normalised, Normaliser
from .records import CEFR, HOURS, Opening, Profile
from .text import key

# Which licence classes a licence includes (German Fahrerlaubnis rules, simplified).
LICENCE_INCLUDES: dict[str, tuple[str, ...]] = {
    "AM": ("AM",),
    "A1": ("A1", "AM"),
    "A2": ("A2", "A1", "AM"),
    "A": ("A", "A2", "A1", "AM"),
    "B": ("B", "AM", "L"),
    "BE": ("BE", "B", "AM", "L"),
    "C1": ("C1", "B", "AM", "L"),
    "C1E": ("C1E", "C1", "BE", "B", "AM", "L"),
    "C": ("C", "C1", "B", "AM", "L"),
    "CE": ("CE", "C", "C1E", "C1", "BE", "B", "AM", "L", "T"),
    "D1": ("D1", "B", "AM", "L"),
    "D1E": ("D1E", "D1", "BE", "B", "AM", "L"),
    "D": ("D", "D1", "B", "AM", "L"),
    "DE": ("DE", "D", "D1E", "D1", "BE", "B", "AM", "L"),
    "L": ("L",),
    "T": ("T", "L"),
}
_LICENCE_BIT = {name: 1 << i for i, name in enumerate(LICENCE_INCLUDES)}
_NO_DATE = np.iinfo(np.int32).min
_POSTCODES = sorted(POSTCODE_CENTRES)
_POSTCODE_INDEX = {pc: i for i, pc in enumerate(_POSTCODES)}
# Distances between the known postcode centres; the last column stands for "unknown".
_DISTANCES = np.full((len(_POSTCODES), len(_POSTCODES) + 1), np.nan)
for _i, _a in enumerate(_POSTCODES):
    for _j, _b in enumerate(_POSTCODES):
        _DISTANCES[_i, _j] = distance_km(_a, _b)
_HOW_RANK = {"exact": 0, "synonym": 1, "translation": 2, "fuzzy": 3, "related": 4, "unknown": 5}


def _level(value: str | None) -> int:
    return CEFR.index(value) + 1 if value in CEFR else 0


def _licence_mask(licences: Iterable[str]) -> int:
    mask = 0
    for lic in licences:
        for included in LICENCE_INCLUDES.get(lic, (lic,)):
            mask |= _LICENCE_BIT.get(included, 0)
    return mask


def _hours_mask(hours: Iterable[str]) -> int:
    mask = 0
    for h in hours:
        mask |= 1 << HOURS.index(h)
    return mask or 0b111  # nothing stated: any hours


@dataclass
class Result:
    """One ranked profile (or opening) with the explanation of its score."""

    id: str
    score: float
    explanation: dict[str, Any] = field(default_factory=dict)

    def as_dict(self, key_name: str = "profile") -> dict[str, Any]:
        return {key_name: self.id, "score": round(self.score, 4), "explanation": self.explanation}


@dataclass
class _Term:
    """One term of an opening as the matcher uses it."""

    text: str
    norm: Normalised
    weight: float
    required: bool
    must: bool
    column: int | None  # the concept's column, when some profile has it (exactly or related)


class Matcher:
    """Ranks participant profiles against job openings and explains every score.

    Parameters
    ----------
    normaliser : Normaliser, optional
        Maps free-text terms to concepts; defaults to one on the shipped vocabulary.
    required_weight, optional_weight : float
        Weight of a required and of a nice-to-have term in the score.
    related_credit : float
        Credit for a profile skill that is explicitly related to the asked one.
    ngram_threshold : float
        Smallest character n-gram cosine for two unknown terms to count as the same.
    german_tolerance : int
        CEFR levels below the opening's that are still accepted.
    support_tolerance : int
        Levels below that are accepted when the employer offers language support.
    proximity_weight : float
        Share of the score given to closeness of postcodes (0 turns it off).
    proximity_km : float
        Distance at which the proximity bonus reaches zero.
    """

    def __init__(
        self,
        normaliser: Normaliser | None = None,
        *,
        required_weight: float = 2.0,
        optional_weight: float = 1.0,
        related_credit: float = 0.25,
        ngram_threshold: float = 0.8,
        german_tolerance: int = 0,
        support_tolerance: int = 1,
        proximity_weight: float = 0.05,
        proximity_km: float = 10.0,
    ) -> None:
        self.normaliser = normaliser
        self.required_weight = required_weight
        self.optional_weight = optional_weight
        self.related_credit = related_credit
        self.ngram_threshold = ngram_threshold
        self.german_tolerance = german_tolerance
        self.support_tolerance = support_tolerance
        self.proximity_weight = proximity_weight
        self.proximity_km = proximity_km

    # -- fitting ------------------------------------------------------------------------

    def fit(self, profiles: Iterable[Profile], openings: Iterable[Opening] = ()) -> Matcher:
        """Index the profiles (and openings, for ``rank_openings``). Returns self."""
        self.normaliser_ = self.normaliser or Normaliser()
        self.vocabulary_ = self.normaliser_.vocabulary
        self.columns_: dict[str, int] = {}
        self._hasher = HashingVectorizer(analyzer="char", ngram_range=(3, 3), n_features=2**18, alternate_sign=False, norm="l2")
        self._unknown_cols: list[int] = []
        self._unknown_keys: list[str] = []
        self._unknown_matrix = sparse.csr_matrix((0, 2**18), dtype=np.float64)
        profiles = list(profiles)
        self.profile_ids_: list[str] = []
        self.profile_row_: dict[str, int] = {}
        self.profiles_: list[Profile] = []
        self.terms_: list[list[tuple[int, str, str]]] = []  # per row: (column, term, how)
        rows = self._encode_profiles(profiles)
        self._set_rows(rows, profiles, replace=True)
        self.openings_: dict[str, tuple[Opening, list[_Term]]] = {}
        for opening in openings:
            self.update_opening(opening)
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "profile_ids_"):
            raise RuntimeError("This Matcher is not fitted yet; call fit(profiles) first.")

    def _column(self, concept: str, create: bool = True) -> int | None:
        col = self.columns_.get(concept)
        if col is None and create:
            col = self.columns_[concept] = len(self.columns_)
            if concept.startswith("term:"):
                self._unknown_cols.append(col)
                self._unknown_keys.append(concept[5:])
                vec = self._hasher.transform([f" {concept[5:]} "])
                self._unknown_matrix = sparse.vstack([self._unknown_matrix, vec], format="csr")
        return col

    @staticmethod
    def _concept_of(norm: Normalised) -> str | None:
        if norm.concept is not None:
            return norm.concept
        k = key(norm.term)
        return f"term:{k}" if k else None

    def _encode_profiles(self, profiles: Sequence[Profile]) -> list[tuple[dict[int, float], dict[int, float], list[tuple[int, str, str]]]]:
        """Per profile: exact credits, expanded credits (incl. related) and its terms."""
        normalised = self.normaliser_.normalise_records([p.skills for p in profiles])
        vocab = self.vocabulary_
        out = []
        for norms in normalised:
            exact: dict[int, float] = {}
            terms = []
            related: dict[int, float] = {}
            for norm in norms:
                concept = self._concept_of(norm)
                if concept is None:
                    continue
                col = self._column(concept)
                exact[col] = 1.0
                terms.append((col, norm.term, norm.how))
                idx = vocab.index.get(concept)
                if idx is None:
                    continue
                neighbours = set(vocab.related.get(idx, ()))
                if idx in vocab.occupation_skills:
                    neighbours.update(vocab.occupation_skills[idx].tolist())
                for n in neighbours:
                    rcol = self._column(vocab.ids[n])
                    related[rcol] = self.related_credit
            expanded = dict(related)
            expanded.update(exact)
            out.append((exact, expanded, terms))
        return out

    def _matrix(self, dicts: Sequence[dict[int, float]]) -> sparse.csr_matrix:
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        for d in dicts:
            for col in sorted(d):
                indices.append(col)
                data.append(d[col])
            indptr.append(len(indices))
        return sparse.csr_matrix(
            (np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int64)),
            shape=(len(dicts), max(len(self.columns_), 1)),
        )

    def _conditions_arrays(self, profiles: Sequence[Profile]) -> dict[str, np.ndarray]:
        return {
            "german": np.asarray([_level(p.german_level) for p in profiles], dtype=np.int8),
            "hours": np.asarray([_hours_mask(p.hours) for p in profiles], dtype=np.uint8),
            "licences": np.asarray([_licence_mask(p.driving_licences) for p in profiles], dtype=np.int32),
            "available": np.asarray([p.available_from.toordinal() if p.available_from else _NO_DATE for p in profiles], dtype=np.int32),
            "postcode": np.asarray([_POSTCODE_INDEX.get(p.postcode, -1) for p in profiles], dtype=np.int16),
        }

    def _set_rows(self, rows, profiles: Sequence[Profile], replace: bool) -> None:
        exact = self._matrix([r[0] for r in rows])
        expanded = self._matrix([r[1] for r in rows])
        arrays = self._conditions_arrays(profiles)
        if replace:
            self.exact_, self.expanded_, self.conditions_ = exact, expanded, arrays
            self.active_ = np.ones(len(profiles), dtype=bool)
        else:
            width = max(len(self.columns_), 1)
            self.exact_ = sparse.vstack([self._widen(self.exact_, width), exact], format="csr")
            self.expanded_ = sparse.vstack([self._widen(self.expanded_, width), expanded], format="csr")
            self.conditions_ = {k: np.concatenate([v, arrays[k]]) for k, v in self.conditions_.items()}
            self.active_ = np.concatenate([self.active_, np.ones(len(profiles), dtype=bool)])
        for p, r in zip(profiles, rows):
            self.profile_row_[p.id] = len(self.profile_ids_)
            self.profile_ids_.append(p.id)
            self.profiles_.append(p)
            self.terms_.append(r[2])
        self._csc = None

    @staticmethod
    def _widen(m: sparse.csr_matrix, width: int) -> sparse.csr_matrix:
        if m.shape[1] == width:
            return m
        return sparse.csr_matrix((m.data, m.indices, m.indptr), shape=(m.shape[0], width))

    # -- incremental updates ----------------------------------------------------------

    def update_profile(self, profile: Profile) -> Matcher:
        """Add a profile, or replace the one with the same id, without refitting the rest."""
        self._check_fitted()
        self.remove_profile(profile.id)
        self._set_rows(self._encode_profiles([profile]), [profile], replace=False)
        return self

    def remove_profile(self, profile_id: str) -> Matcher:
        """Take a profile out of the rankings (its row is masked, not rebuilt)."""
        self._check_fitted()
        row = self.profile_row_.pop(profile_id, None)
        if row is not None:
            self.active_[row] = False
        return self

    def set_active(self, profile_id: str, active: bool) -> Matcher:
        """Keep a profile indexed (``explain`` still works) but in or out of the rankings."""
        self._check_fitted()
        self.active_[self.profile_row_[profile_id]] = active
        return self

    def update_opening(self, opening: Opening) -> Matcher:
        """Add or replace an opening for ``rank_openings``."""
        self._check_fitted()
        self.openings_[opening.id] = (opening, self._opening_terms(opening))
        return self

    def remove_opening(self, opening_id: str) -> Matcher:
        self._check_fitted()
        self.openings_.pop(opening_id, None)
        return self

    @property
    def n_profiles(self) -> int:
        return len(self.profile_row_)

    # -- scoring ----------------------------------------------------------------------

    def _opening_terms(self, opening: Opening) -> list[_Term]:
        terms = list(opening.required_skills) + list(opening.optional_skills)
        norms = self.normaliser_.normalise(terms)
        must = set(opening.must_skills)
        out = []
        for i, (text, norm) in enumerate(zip(terms, norms)):
            required = i < len(opening.required_skills)
            concept = self._concept_of(norm)
            column = self.columns_.get(concept) if concept else None
            out.append(
                _Term(
                    text=text,
                    norm=norm,
                    weight=self.required_weight if required else self.optional_weight,
                    required=required,
                    must=required and text in must,
                    column=column,
                )
            )
        return out

    def _ngram_columns(self, term: _Term) -> list[tuple[int, float]]:
        """Unknown profile terms that look like this unknown opening term (character 3-grams)."""
        if term.norm.concept is not None or not self._unknown_cols:
            return []
        k = key(term.text)
        if not k:
            return []
        sims = (self._unknown_matrix @ self._hasher.transform([f" {k} "]).T).toarray().ravel()
        hits = np.flatnonzero(sims >= self.ngram_threshold)
        return [(self._unknown_cols[i], float(min(1.0, sims[i]))) for i in hits if self._unknown_cols[i] != term.column]

    def _columns_csc(self) -> tuple[sparse.csc_matrix, sparse.csc_matrix]:
        if self._csc is None:
            self._csc = (self.exact_.tocsc(), self.expanded_.tocsc())
        return self._csc

    def _coverage(self, terms: list[_Term]) -> tuple[np.ndarray, np.ndarray]:
        """Per profile: coverage of all terms and the must mask (the parts are computed for the top rows only)."""
        n = self.exact_.shape[0]
        exact, expanded = self._columns_csc()
        # Sums in float64 (the matrices are float32): rank and rank_many then agree to the last digits.
        covered = np.zeros(n)
        must = np.ones(n, dtype=bool)
        for term in terms:
            credit = np.zeros(n, dtype=np.float32)
            if term.column is not None and term.column < expanded.shape[1]:
                credit = expanded[:, term.column].toarray().ravel()
            for col, sim in self._ngram_columns(term):
                credit = np.maximum(credit, exact[:, col].toarray().ravel() * sim)
            if term.must:
                has = exact[:, term.column].toarray().ravel() > 0 if term.column is not None and term.column < exact.shape[1] else np.zeros(n, dtype=bool)
                must &= has
            covered += credit * term.weight
        total = sum(t.weight for t in terms)
        coverage = covered / total if total else covered
        return coverage, must

    def _tolerance(self, opening: Opening) -> int:
        return self.german_tolerance + (self.support_tolerance if opening.language_support else 0)

    def _eligible(self, opening: Opening) -> np.ndarray:
        c = self.conditions_
        ok = self.active_.copy()
        ok &= c["german"] >= _level(opening.german_level) - self._tolerance(opening)
        ok &= (c["hours"] & (1 << HOURS.index(opening.hours))) > 0
        if opening.driving_licence:
            bit = _LICENCE_BIT.get(opening.driving_licence, 0)
            ok &= (c["licences"] & bit) > 0
        if opening.start:
            ok &= c["available"] <= opening.start.toordinal()
        return ok

    def _proximity(self, opening: Opening) -> tuple[np.ndarray, np.ndarray]:
        """Per profile: proximity in [0, 1] and distance in km (nan when unknown)."""
        pcs = self.conditions_["postcode"]
        if opening.postcode not in _POSTCODE_INDEX:
            return np.zeros(len(pcs)), np.full(len(pcs), np.nan)
        dist = _DISTANCES[_POSTCODE_INDEX[opening.postcode]][pcs]  # -1 picks the "unknown" column
        prox = np.clip(1.0 - dist / self.proximity_km, 0.0, 1.0)
        return np.nan_to_num(prox, nan=0.0), dist

    def rank(self, opening: Opening, k: int = 10) -> list[Result]:
        """The top ``k`` eligible profiles for ``opening``, best first, each with its explanation."""
        self._check_fitted()
        terms = self._opening_terms(opening)
        coverage, must = self._coverage(terms)
        return self._select(opening, terms, coverage, must, k)

    def rank_many(self, openings: Sequence[Opening], k: int = 10, chunk: int = 64) -> list[list[Result]]:
        """``rank`` for many openings at once: one sparse product per chunk of openings."""
        self._check_fitted()
        out: list[list[Result]] = []
        width = self.expanded_.shape[1]
        exact, _expanded = self._columns_csc()
        for start in range(0, len(openings), chunk):
            part = openings[start : start + chunk]
            part_terms = [self._opening_terms(o) for o in part]
            rows, cols, data = [], [], []
            for j, terms in enumerate(part_terms):
                total = sum(t.weight for t in terms)
                for t in terms:
                    if t.column is not None and t.column < width:
                        rows.append(t.column)
                        cols.append(j)
                        data.append(t.weight / total)
            weights = sparse.csr_matrix((np.asarray(data, dtype=np.float64), (rows, cols)), shape=(width, len(part)))
            coverage_all = (self.expanded_ @ weights).toarray()
            for j, (opening, terms) in enumerate(zip(part, part_terms)):
                if any(self._ngram_columns(t) for t in terms if t.norm.concept is None):
                    out.append(self.rank(opening, k))  # unknown terms: the general path
                    continue
                must = np.ones(self.exact_.shape[0], dtype=bool)
                for t in terms:
                    if t.must:
                        must &= exact[:, t.column].toarray().ravel() > 0 if t.column is not None and t.column < width else False
                out.append(self._select(opening, terms, coverage_all[:, j], must, k))
        return out

    def _select(self, opening: Opening, terms: list[_Term], coverage: np.ndarray, must: np.ndarray, k: int) -> list[Result]:
        prox, dist = self._proximity(opening)
        w = self.proximity_weight
        score = (1 - w) * coverage + w * prox
        eligible = self._eligible(opening) & must & (coverage > 0)
        candidates = np.flatnonzero(eligible)
        if len(candidates) == 0:
            return []
        if len(candidates) > k:
            # the k best (ties at the border broken by row order), then sorted
            kth = np.partition(-score[candidates], k - 1)[k - 1]
            candidates = candidates[-score[candidates] <= kth]
        top = candidates[np.lexsort((candidates, -score[candidates]))[:k]]
        req, opt, cov = self._row_parts(terms, top)
        return [
            Result(self.profile_ids_[row], float(score[row]), self._explain(opening, terms, row, req[i], opt[i], cov[i], prox[row], dist[row]))
            for i, row in enumerate(top)
        ]

    def _row_parts(self, terms: list[_Term], rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Coverage of required terms, optional terms and all, for a few rows."""
        sub = self.expanded_[rows]
        exact_sub = self.exact_[rows]
        width = sub.shape[1]
        req = np.zeros(len(rows))
        opt = np.zeros(len(rows))
        for t in terms:
            credit = sub[:, t.column].toarray().ravel() if t.column is not None and t.column < width else np.zeros(len(rows))
            for col, sim in self._ngram_columns(t):
                credit = np.maximum(credit, exact_sub[:, col].toarray().ravel() * sim)
            if t.required:
                req += credit * t.weight
            else:
                opt += credit * t.weight
        req_total = sum(t.weight for t in terms if t.required)
        opt_total = sum(t.weight for t in terms if not t.required)
        total = req_total + opt_total
        return (
            req / req_total if req_total else req,
            opt / opt_total if opt_total else opt,
            (req + opt) / total if total else req,
        )

    def explain(self, opening: Opening, profile_id: str) -> Result:
        """Score and explanation of one profile for one opening, eligible or not.

        For a profile that is not ranked, ``explanation["conditions"]`` says which
        condition fails (``"status": "failed"``).
        """
        self._check_fitted()
        row = self.profile_row_[profile_id]
        terms = self._opening_terms(opening)
        req, opt, coverage = self._row_parts(terms, np.asarray([row]))
        prox, dist = self._proximity(opening)
        w = self.proximity_weight
        score = float((1 - w) * coverage[0] + w * prox[row])
        return Result(profile_id, score, self._explain(opening, terms, row, req[0], opt[0], coverage[0], prox[row], dist[row]))

    # -- explanations -----------------------------------------------------------------

    def _explain(self, opening: Opening, terms: list[_Term], row: int, req: float, opt: float, coverage: float, prox: float, dist: float) -> dict[str, Any]:
        profile_terms = self.terms_[row]
        by_column: dict[int, list[tuple[str, str]]] = {}
        for col, text, how in profile_terms:
            by_column.setdefault(col, []).append((text, how))
        vocab = self.vocabulary_
        matched, missing, partial = [], [], []
        for term in terms:
            pair = self._pair(term, by_column, vocab)
            if pair is None:
                if term.required:
                    missing.append(term.text)
                continue
            entry = {"required": term.text, "by": pair[0], "how": pair[1], "credit": pair[2], "kind": "required" if term.required else "optional"}
            if term.norm.label:
                entry["skill"] = term.norm.label
            matched.append(entry)
            if pair[2] < 1:
                partial.append(term.text)
        return {
            "matched": matched,
            "missing": missing,
            "conditions": self._conditions(opening, row, terms, by_column),
            "parts": {
                "required": round(float(req), 4),
                "optional": round(float(opt), 4),
                "coverage": round(float(coverage), 4),
                "proximity": round(float(prox), 4),
                "distance_km": None if np.isnan(dist) else round(float(dist), 1),
                "weights": {"required": self.required_weight, "optional": self.optional_weight, "proximity": self.proximity_weight},
            },
        }

    def _pair(self, term: _Term, by_column: dict[int, list[tuple[str, str]]], vocab) -> tuple[str, str, float] | None:
        """The profile term that covers ``term``, how, and the credit; None when nothing does."""
        if term.column is not None and term.column in by_column:
            text, how = min(by_column[term.column], key=lambda th: _HOW_RANK.get(th[1], 9))
            if key(text) == key(term.text):
                return text, "exact", 1.0
            return text, self._pair_how(term.norm.how, how), 1.0
        concept = vocab.index.get(term.norm.concept) if term.norm.concept else None
        if concept is not None:
            for col, items in by_column.items():
                for text, _how in items:
                    other = self._concept_index_of_column(col)
                    if other is None:
                        continue
                    if other in vocab.related.get(concept, ()):
                        return text, "related", self.related_credit
                    occ = vocab.occupation_skills.get(other)
                    if occ is not None and concept in occ:
                        return text, "related", self.related_credit
        for col, sim in self._ngram_columns(term):
            if col in by_column:
                return by_column[col][0][0], "ngram", round(sim, 3)
        return None

    @staticmethod
    def _pair_how(a: str, b: str) -> str:
        """The weaker of the two ways each side was understood (a pair is as sure as its weaker side)."""
        worst = max(a, b, key=lambda h: _HOW_RANK.get(h, 9))
        return "synonym" if worst == "exact" else worst

    def _concept_index_of_column(self, col: int) -> int | None:
        if not hasattr(self, "_column_concepts") or len(self._column_concepts) != len(self.columns_):
            names = [None] * len(self.columns_)
            for concept, c in self.columns_.items():
                names[c] = concept
            self._column_concepts = [self.vocabulary_.index.get(n) if n else None for n in names]
        return self._column_concepts[col]

    def _conditions(self, opening: Opening, row: int, terms: list[_Term], by_column) -> list[dict[str, Any]]:
        p = self.profiles_[row]
        out = []
        have, need = _level(p.german_level), _level(opening.german_level)
        status = "met" if have >= need else ("relaxed" if have >= need - self._tolerance(opening) else "failed")
        out.append({"condition": "german_level", "required": opening.german_level, "profile": p.german_level, "status": status})
        hours_ok = not p.hours or opening.hours in p.hours
        out.append({"condition": "hours", "required": opening.hours, "profile": list(p.hours), "status": "met" if hours_ok else "failed"})
        if opening.driving_licence:
            ok = bool(_licence_mask(p.driving_licences) & _LICENCE_BIT.get(opening.driving_licence, 0))
            out.append(
                {"condition": "driving_licence", "required": opening.driving_licence, "profile": list(p.driving_licences), "status": "met" if ok else "failed"}
            )
        if opening.start:
            ok = p.available_from is None or p.available_from <= opening.start
            out.append(
                {
                    "condition": "available_from",
                    "required": opening.start.isoformat(),
                    "profile": p.available_from.isoformat() if p.available_from else None,
                    "status": "met" if ok else "failed",
                }
            )
        for term in terms:
            if term.must:
                ok = term.column is not None and term.column in by_column
                out.append({"condition": "must_skill", "required": term.text, "status": "met" if ok else "failed"})
        if not self.active_[row]:
            out.append({"condition": "active", "status": "failed"})
        return out

    # -- the other direction ------------------------------------------------------------

    def rank_openings(self, profile: Profile | str, k: int = 10) -> list[Result]:
        """The top ``k`` openings (given to ``fit``/``update_opening``) for one profile."""
        self._check_fitted()
        if isinstance(profile, str):
            profile = self.profiles_[self.profile_row_[profile]]
        probe = Matcher(
            self.normaliser_,
            required_weight=self.required_weight,
            optional_weight=self.optional_weight,
            related_credit=self.related_credit,
            ngram_threshold=self.ngram_threshold,
            german_tolerance=self.german_tolerance,
            support_tolerance=self.support_tolerance,
            proximity_weight=self.proximity_weight,
            proximity_km=self.proximity_km,
        ).fit([profile])
        results = []
        for opening, _terms in self.openings_.values():
            ranked = probe.rank(opening, k=1)
            if ranked:
                results.append(Result(opening.id, ranked[0].score, ranked[0].explanation))
        results.sort(key=lambda r: (-r.score, r.id))
        return results[:k]
