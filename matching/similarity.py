"""Graded similarity of skill texts: TF-IDF over stems and compound parts.

Where no vocabulary concept is recognised, a text still counts by its words:
"Rad- und Reifenmontage an PKW" shares "Reifen" with a profile's "Reifen
wechseln", "Zubereitung von Speisen" shares "Speisen" and "zubereiten" with
"Speisen zubereiten". The feature space is fitted on the German labels of the
vocabulary's concepts (one document per concept), so rare words weigh more than
common ones, and every concept has a vector made of all its labels.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.preprocessing import normalize
from sklearn.utils import murmurhash3_32

from . import derived
from .vocabulary import Vocabulary


def tfidf_rows(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """What ``TfidfTransformer(sublinear_tf=True)`` with these ``idf`` weights makes of ``counts`` (float32 CSR, each
    row's columns once): 1 + log of each count, times its column's idf, each row to unit length - worked out
    directly, to the same bits. The transformer checks its input and settings on every call, which costs more
    than the arithmetic for the few rows of one ad (the matcher asks hundreds of times per set of ads)."""
    data = np.log(counts.data.astype(np.float32))
    data += np.float32(1)
    data *= idf[counts.indices]
    lengths = np.diff(counts.indptr)
    rows = np.repeat(np.arange(counts.shape[0]), lengths)
    squares = (data * data).astype(np.float64)  # squared in single precision, summed in double, as scikit-learn does
    norms = np.sqrt(np.bincount(rows, weights=squares, minlength=counts.shape[0]))
    norms[norms == 0] = 1.0
    data = (data / norms[rows]).astype(np.float32)
    return sparse.csr_matrix((data, counts.indices.copy(), counts.indptr.copy()), shape=counts.shape)


class FeatureSpace:
    """Vectors for texts and for vocabulary concepts in one TF-IDF space.

    Features are hashed, so a word the vocabulary never uses still counts (as the
    rarest kind of word): two profiles' "Quxbaz-Technik" and "Quxbaz-Verfahren"
    share "quxbaz".
    """

    N_FEATURES = 2**20

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        lexicon = vocabulary.lexicon
        self._hasher = HashingVectorizer(analyzer=lexicon.features, n_features=self.N_FEATURES, alternate_sign=False, norm=None, dtype=np.float32)

        def build() -> dict[str, np.ndarray]:
            folded = HashingVectorizer(analyzer=lexicon.folded_features, n_features=self.N_FEATURES, alternate_sign=False, norm=None, dtype=np.float32)
            counts = folded.transform([" ".join(texts) for texts in vocabulary.label_texts])  # the labels are folded already
            tfidf = TfidfTransformer(sublinear_tf=True).fit(counts)
            return {"idf": tfidf.idf_, **derived.csr_to_arrays(tfidf.transform(counts).astype(np.float32).tocsr(), "concepts")}

        # Counting the labels' features takes seconds, weighing them a tenth of every start: kept (matching.derived).
        def fits(stored: dict[str, np.ndarray]) -> bool:
            return (
                derived.has(stored, "idf")
                and stored["idf"].shape == (self.N_FEATURES,)
                and derived.csr_fits(stored, "concepts", (len(vocabulary.ids), self.N_FEATURES))
            )

        stored = derived.arrays("concept-vectors", derived.fingerprint(vocabulary.fingerprint, self.N_FEATURES), build, fits)
        self._idf = stored["idf"].astype(np.float32, copy=False)
        self._concepts = derived.csr_from_arrays(stored, "concepts")

    def transform(self, texts: list[str]) -> sparse.csr_matrix:
        """L2-normalised feature vectors of ``texts`` (no rows for none)."""
        if not texts:
            return sparse.csr_matrix((0, self.N_FEATURES), dtype=np.float32)
        return tfidf_rows(self._hasher.transform(texts).tocsr(), self._idf)

    def column(self, feature: str) -> int:
        """The column of one feature (a stem), as the vectoriser hashes it: the absolute of its signed 32-bit
        MurmurHash3 (seed 0), modulo the width. Asking the vectoriser for one feature costs 250 times as much."""
        return abs(murmurhash3_32(feature, seed=0)) % self.N_FEATURES

    def concepts(self, indices: list[int]) -> sparse.csr_matrix:
        """The vectors of these concepts (made of all their German labels)."""
        return self._concepts[indices]

    @property
    def idf(self) -> np.ndarray:
        """Per feature: its inverse document frequency over the concepts (high for rare words)."""
        return self._idf

    @cached_property
    def n_features(self) -> int:
        return self.N_FEATURES

    @cached_property
    def occupations(self) -> tuple[np.ndarray, sparse.csr_matrix]:
        """The occupations (vocabulary indices, sorted) and one L2-normalised vector each.

        An occupation's vector is the sum of its own and its essential skills' vectors:
        what the words of an ad about that job are likely to be.
        """

        def build() -> dict[str, np.ndarray]:
            skills = self.vocabulary.occupation_skills
            kinds = self.vocabulary.kind
            concepts = np.asarray(sorted(set(skills) | {i for i, kind in enumerate(kinds) if kind == "occupation"}), dtype=np.int64)
            rows, cols = [], []
            for i, concept in enumerate(concepts.tolist()):
                members = [concept, *(skills[concept].tolist() if concept in skills else ())]
                rows.extend([i] * len(members))
                cols.extend(members)
            membership = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(concepts), self._concepts.shape[0]))
            return {"concepts": concepts, **derived.csr_to_arrays(normalize(membership @ self._concepts).astype(np.float32).tocsr(), "vectors")}

        # made at the first title read, 30 ms: kept (matching.derived)
        def fits(stored: dict[str, np.ndarray]) -> bool:
            if not derived.has(stored, "concepts"):
                return False
            concepts = stored["concepts"]
            return derived.positions_fit(concepts, len(self.vocabulary.ids)) and derived.csr_fits(stored, "vectors", (len(concepts), self.N_FEATURES))

        stored = derived.arrays("occupation-vectors", derived.fingerprint(self.vocabulary.fingerprint, self.N_FEATURES), build, fits)
        return np.asarray(stored["concepts"]), derived.csr_from_arrays(stored, "vectors")

    @cached_property
    def _occupations_by_feature(self) -> sparse.csr_matrix:
        return self.occupations[1].T.tocsr()

    def occupation_fits(self, text: sparse.csr_matrix) -> np.ndarray:
        """The cosine of ``text`` (one L2-normalised row) with every occupation's vector, in ``occupations`` order.

        Multiplied from the text's side, so that only the features the text has are visited (a column
        as long as all features is never made).
        """
        return (text @ self._occupations_by_feature).toarray().ravel()
