"""The skill vocabulary: ESCO skills and occupations plus the project's curated additions.

Loaded from ``matching/data/vocabulary.json.gz`` (built by
``scripts/build_vocabulary.py``; the product never reads the ESCO source files).
"""

from __future__ import annotations

import base64
import bisect
import gzip
import hashlib
import itertools
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse

from . import derived
from .lexicon import Lexicon
from .text import KEY_VERSION, SortedKeys, key

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "vocabulary.json.gz"

# 3: the labels kept as the loader uses them (pack_labels), not one row per label
# 4: the job titles, the labels' keys of several concepts, the occupations' skills and the related pairs kept as
#    texts and arrays of numbers (pack_titles, pack_labels, pack_occupation_skills, pack_pairs): reading them as
#    JSON lists of lists took 40 ms of every start
FORMAT = 4
# Label sources written in German (they make the word list for compound splitting and graded similarity).
GERMAN_SOURCES = frozenset({"pref_de", "curated", "alt_de", "ba", "object_de"})
# How a label names its concept, by source (see scripts/build_vocabulary.py).
SOURCE_HOW = {
    "pref_de": "exact",
    "curated": "synonym",
    "alt_de": "synonym",
    "ba": "synonym",
    "pref_en": "translation",
    "alt_en": "translation",
    "object_de": "synonym",  # "Gabelstapler" for "Gabelstapler bedienen"
    "object_en": "translation",  # "cash register" for "operate cash register"
}


def index_labels(
    labels: Iterable[Sequence], n_concepts: int, sources: Sequence[str], usage: Sequence[int]
) -> tuple[dict[str, list[tuple[int, int]]], list[list[str]]]:
    """What the matcher looks labels up in, made from rows of (folded text, concept, source).

    Per key (the folded text without spaces): the concepts it names, each once by its best source; several
    concepts best first (by source, then by how many occupations ask for it). Per concept: its German label
    texts, in the rows' order. ``scripts/build_vocabulary.py`` writes the result (:func:`pack_labels`), so
    that a start only reads it.
    """
    # Most keys are written by one label: their entry is made once, as it stays; the others are merged below.
    entries: dict[str, list[tuple[int, int]]] = {}
    shared: list[str] = []
    label_texts: list[list[str]] = [[] for _ in range(n_concepts)]
    german = {i for i, name in enumerate(sources) if name in GERMAN_SOURCES}
    for folded, concept, source in labels:
        k = folded.replace(" ", "")
        found = entries.get(k)
        if found is None:
            entries[k] = [(concept, source)]
        else:
            found.append((concept, source))
            shared.append(k)
        if source in german:
            label_texts[concept].append(folded)
    for k in set(shared):  # each concept once, by its best source; several concepts: best first
        best: dict[int, int] = {}
        for concept, source in entries[k]:
            if source < best.get(concept, source + 1):
                best[concept] = source
        entries[k] = list(best.items()) if len(best) == 1 else sorted(best.items(), key=lambda cs: (cs[1], -usage[cs[0]], cs[0]))
    return entries, label_texts


# Kept apart in the file by characters JSON writes as they are: a line break is written escaped, and
# reading 170,000 escapes took a tenth of the whole load.
_TEXTS_APART = "|"


def _packed(values: list[int], dtype: str) -> str:
    return base64.b64encode(np.asarray(values, dtype=dtype).tobytes()).decode("ascii")


def _unpacked(text: str, dtype: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype=dtype)


def _pack_more(more: dict[str, list[tuple[int, int]]]) -> dict:
    """The keys naming several concepts, with all their (concept, source) pairs: the keys as one text, how many
    pairs each has, and the pairs as two arrays of numbers, in the keys' order."""
    keys = sorted(more)
    pairs = [pair for k in keys for pair in more[k]]
    return {
        "keys": " ".join(keys),
        "count": _packed([len(more[k]) for k in keys], "<i4"),
        "concept": _packed([c for c, _s in pairs], "<i4"),
        "source": _packed([s for _c, s in pairs], "u1"),
    }


def _unpack_more(packed: dict) -> dict[str, list[tuple[int, int]]]:
    keys = packed["keys"].split(" ") if packed["keys"] else []
    counts = _unpacked(packed["count"], "<i4").tolist()
    concepts, sources = _unpacked(packed["concept"], "<i4").tolist(), _unpacked(packed["source"], "u1").tolist()
    if len(keys) != len(counts) or sum(counts) != len(concepts) or len(concepts) != len(sources):
        raise ValueError("the vocabulary's keys of several concepts do not match their concepts; rebuild it with scripts/build_vocabulary.py")
    more, at = {}, 0
    for k, n in zip(keys, counts):
        more[k] = list(zip(concepts[at : at + n], sources[at : at + n]))
        at += n
    return more


def pack_occupation_skills(skills: Mapping[int, Sequence[int]]) -> dict:
    """Occupation -> its essential skills (concept indices) as the vocabulary file keeps them: the occupations,
    how many skills each has, and all skills, as arrays of numbers in the occupations' order."""
    occupations = sorted(skills)
    return {
        "occupation": _packed(occupations, "<i4"),
        "count": _packed([len(skills[o]) for o in occupations], "<i4"),
        "skill": _packed([s for o in occupations for s in skills[o]], "<i4"),
    }


def unpack_occupation_skills(packed: dict) -> dict[int, np.ndarray]:
    occupations, counts = _unpacked(packed["occupation"], "<i4").tolist(), _unpacked(packed["count"], "<i4")
    skills = _unpacked(packed["skill"], "<i4")
    if len(occupations) != len(counts) or int(counts.sum()) != len(skills):
        raise ValueError("the vocabulary's occupations do not match their skills; rebuild it with scripts/build_vocabulary.py")
    ends = np.cumsum(counts).tolist()
    return {o: skills[end - n : end] for o, n, end in zip(occupations, counts.tolist(), ends)}


def pack_pairs(pairs: Iterable[tuple[int, int]]) -> dict:
    """Pairs of concept indices (related concepts) as two arrays of numbers, sorted."""
    ordered = sorted(pairs)
    return {"first": _packed([a for a, _b in ordered], "<i4"), "second": _packed([b for _a, b in ordered], "<i4")}


def unpack_related(packed: dict) -> dict[int, frozenset[int]]:
    """Concept -> the concepts it is paired with, either way round."""
    first, second = _unpacked(packed["first"], "<i4"), _unpacked(packed["second"], "<i4")
    if len(first) != len(second):
        raise ValueError("the vocabulary's related pairs are cut short; rebuild it with scripts/build_vocabulary.py")
    related: dict[int, set[int]] = defaultdict(set)
    for a, b in zip(first.tolist(), second.tolist()):
        related[a].add(b)
        related[b].add(a)
    return {k: frozenset(v) for k, v in related.items()}


def pack_titles(titles: Iterable[tuple[str, str]]) -> dict:
    """Job titles (folded text, KldB code) as the vocabulary file keeps them: the titles' keys (the folded text
    without spaces, as :class:`Titles` is asked) sorted, as one text; each key's codes, as one text in the keys'
    order; and the titles' texts as they are (for tools and tests, which name titles as a person writes them)."""
    by_key: dict[str, set[str]] = defaultdict(set)
    texts = set()
    for folded, code in titles:
        if not code or " " in code or "," in code or _TEXTS_APART in folded:
            raise ValueError(f"a job title or its code holds a character that keeps them apart in the file: {folded!r} {code!r}")
        by_key[folded.replace(" ", "")].add(code)
        texts.add(folded)
    keys = sorted(by_key)
    return {"keys": " ".join(keys), "codes": " ".join(",".join(sorted(by_key[k])) for k in keys), "texts": _TEXTS_APART.join(sorted(texts))}


def title_texts(packed: dict) -> list[str]:
    """The job titles' folded texts that :func:`pack_titles` kept."""
    return packed["texts"].split(_TEXTS_APART) if packed["texts"] else []


def dumps(data: dict) -> bytes:
    """The vocabulary file's text: JSON with the characters beyond Latin-1 written as escapes (``\\u2013``). Python
    keeps a text at the width of its widest character: the 47 dashes and quotes of the labels made the 11 MB text
    twice as wide at every start, and reading it took twice as long."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return re.sub(r"[^\x00-\xff]+", lambda m: json.dumps(m.group())[1:-1], text).encode("utf-8")


class Titles(SortedKeys, Mapping[str, set[str]]):
    """Job title key (folded, without spaces) -> its KldB codes: what :func:`pack_titles` keeps. A key's codes
    are made when it is asked for (a run asks for a few hundred of 22,000)."""

    __slots__ = ("_codes",)

    def __init__(self, packed: dict) -> None:
        keys = packed["keys"].split(" ") if packed["keys"] else []
        codes = packed["codes"].split(" ") if packed["codes"] else []
        if len(keys) != len(codes):
            raise ValueError("the vocabulary's job titles do not match their codes; rebuild it with scripts/build_vocabulary.py")
        super().__init__(keys)
        self._codes = codes

    def __getitem__(self, k: str) -> set[str]:
        i = self._at(k)
        if i < 0:
            raise KeyError(k)
        return set(self._codes[i].split(","))

    def get(self, k: str, default=None):  # (as dict.get, without raising inside)
        i = self._at(k)
        return default if i < 0 else set(self._codes[i].split(","))


def pack_labels(entries: dict[str, list[tuple[int, int]]], label_texts: list[list[str]]) -> dict:
    """:func:`index_labels`' result as the vocabulary file keeps it: the keys as one text, each key's first
    (concept, source) as two arrays of numbers, the few keys naming more than one concept in full, the German
    texts as one text. Reading one row per label and merging them took a third of a second at every start;
    this reads in a fifth of that."""
    keys = sorted(entries)  # no key holds a space (index_labels): they are kept apart by one
    texts = [text for concept_texts in label_texts for text in concept_texts]
    if any(_TEXTS_APART in text for text in texts):
        raise ValueError(f"a German label holds {_TEXTS_APART!r}, which keeps the labels apart in the file")
    return {
        "keys": " ".join(keys),
        "concept": _packed([entries[k][0][0] for k in keys], "<i4"),
        "source": _packed([entries[k][0][1] for k in keys], "u1"),
        "more": _pack_more({k: entries[k] for k in keys if len(entries[k]) > 1}),
        "german": _TEXTS_APART.join(texts),
        "german_count": [len(texts) for texts in label_texts],
    }


class Entries(SortedKeys, Mapping[str, list[tuple[int, int]]]):
    """Folded label key -> its (concept index, source rank) pairs, best first: what :func:`index_labels` makes, read
    from the arrays :func:`pack_labels` keeps. A key's pairs are made when it is asked for: making all 170,000
    lists at every start took a third of loading the vocabulary, and a run asks for a few thousand."""

    __slots__ = ("_concept", "_more", "_source")

    def __init__(
        self, keys: list[str], concept: np.ndarray | Sequence[int], source: np.ndarray | Sequence[int], more: dict[str, list[tuple[int, int]]]
    ) -> None:
        if not len(keys) == len(concept) == len(source):
            raise ValueError("the vocabulary's label keys do not match their concepts; rebuild it with scripts/build_vocabulary.py")
        super().__init__(keys)  # (sorted by pack_labels; a run asks for about 12,000 of them)
        # (arrays, read as numbers when a key is asked for: making lists of all 170,000 took 10 ms of every start)
        self._concept, self._source, self._more = concept, source, more

    def _pairs(self, k: object) -> list[tuple[int, int]] | None:
        """The pairs of ``k`` (a list of the caller's own), or None for a key the labels do not have."""
        more = self._more.get(k)  # type: ignore[call-overload]  # (any object may be asked for, as of a dict)
        if more is not None:
            return list(more)
        i = self._at(k)
        return [(int(self._concept[i]), int(self._source[i]))] if i >= 0 else None

    def pairs_at(self, i: int) -> list[tuple[int, int]]:
        """The pairs of the key at position ``i`` (:meth:`keys_at`), without looking the key up again."""
        more = self._more.get(self._keys[i])
        return list(more) if more is not None else [(int(self._concept[i]), int(self._source[i]))]

    def __getitem__(self, k: str) -> list[tuple[int, int]]:
        found = self._pairs(k)
        if found is None:
            raise KeyError(k)
        return found

    def get(self, k: str, default=None):  # (as dict.get, without raising inside)
        found = self._pairs(k)
        return default if found is None else found


def unpack_labels(packed: dict, n_concepts: int) -> tuple[Entries, list[list[str]]]:
    """What :func:`pack_labels` kept, as :func:`index_labels` made it."""
    keys = packed["keys"].split(" ")
    entries = Entries(keys, _unpacked(packed["concept"], "<i4"), _unpacked(packed["source"], "u1"), _unpack_more(packed["more"]))
    texts = packed["german"].split(_TEXTS_APART) if packed["german"] else []
    counts = packed["german_count"]
    if len(counts) != n_concepts:
        raise ValueError("the vocabulary's German labels do not match its concepts; rebuild it with scripts/build_vocabulary.py")
    ends = list(itertools.accumulate(counts))
    return entries, [texts[end - n : end] for n, end in zip(counts, ends)]


class Vocabulary:
    """Concepts (skills, knowledge, occupations, certificates) and the labels that name them.

    Attributes
    ----------
    ids, label_de, label_en, kind : list of str
        Per concept, by concept index.
    usage : ndarray of int
        How many ESCO occupations ask for each concept (settles homonyms).
    entries : Entries (a mapping)
        Folded label key -> (concept index, source rank), best first.
    related : dict[int, frozenset[int]]
        Explicitly related concepts (ESCO co-occurrence and curated pairs).
    occupation_skills : dict[int, ndarray]
        Occupation concept -> its essential skills.
    """

    def __init__(self, data: dict) -> None:
        c = data["concepts"]
        self.ids: list[str] = c["id"]
        self.label_de: list[str] = c["de"]
        self.label_en: list[str] = c["en"]
        self.kind: list[str] = c["kind"]
        self.usage = np.asarray(c["weight"], dtype=np.int32)
        self.index = {cid: i for i, cid in enumerate(self.ids)}
        self.attribution: list[str] = data["attribution"]
        sources = data["sources"]
        self.source_how = [SOURCE_HOW[s] for s in sources]
        self.sources: list[str] = list(sources)
        # the source of the project's own words (curated.toml), -1 in a vocabulary without them
        self.curated_source = self.sources.index("curated") if "curated" in self.sources else -1

        if data.get("key_version") != KEY_VERSION or data.get("format") != FORMAT:
            raise ValueError("the vocabulary was built with another version of matching.text or of its format; rebuild it with scripts/build_vocabulary.py")
        self.entries, self.label_texts = unpack_labels(data["labels"], len(self.ids))
        # Job titles (BA) and the occupations behind their KldB codes.
        self.titles = Titles(data["titles"])
        self.occupation_kldb = {int(k): v for k, v in data.get("occupation_kldb", {}).items()}
        self.kldb_occupations: dict[str, list[int]] = defaultdict(list)
        for occ, codes in sorted(self.occupation_kldb.items()):
            for code in codes:
                self.kldb_occupations[code].append(occ)
        self._lexicon: Lexicon | None = None
        self.related = unpack_related(data["related"])
        self.occupation_skills = unpack_occupation_skills(data["occupation_skills"])
        self.suggestions: list[str] = data.get("suggestions", [])
        self._suggestion_keys: list[str] | None = None
        self._incidence: tuple[sparse.csr_matrix, np.ndarray] | None = None  # (skill_occupations, its columns' occupations)
        # The file's digest (``load``): what is derived from this vocabulary is kept under it (matching.derived).
        self.fingerprint: str | None = None

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def lexicon(self) -> Lexicon:
        """The words of the German labels and job titles (for stems and compound splitting), made on first use."""
        if self._lexicon is None:

            def known() -> set[str]:
                return {w for texts in self.label_texts for text in texts for w in text.split()}

            with derived.collector_paused():
                if derived.folder() is not None and self.fingerprint is not None:
                    # Stemming and splitting the labels' 30,000 words costs seconds; with a folder to keep them
                    # (matching.derived), that is done once on a machine, and every later start reads them.
                    stored = derived.arrays(
                        "word-features",
                        derived.fingerprint(self.fingerprint),
                        lambda: Lexicon(known()).known_features(),
                        lambda kept: derived.has(kept, "words", "stems", "fronts", "features", "bases", "parts"),
                    )
                    lexicon = Lexicon.kept(stored)
                else:
                    lexicon = Lexicon(known())
            self._lexicon = lexicon
        return self._lexicon

    @classmethod
    def load(cls, path: str | Path = DEFAULT_PATH) -> Vocabulary:
        raw = Path(path).read_bytes()
        fingerprint = hashlib.sha256(raw).hexdigest()
        # Unpacking the 11 MB of text took a fifth of loading: kept unpacked between starts (matching.derived).
        text = derived.arrays(
            "vocabulary-text",
            derived.fingerprint(fingerprint),
            lambda: {"text": np.frombuffer(gzip.decompress(raw), dtype=np.uint8)},
            lambda kept: derived.has(kept, "text"),
        )
        with derived.collector_paused():
            vocabulary = cls(json.loads(text["text"].tobytes()))
        vocabulary.fingerprint = fingerprint
        return vocabulary

    @property
    def skill_occupations(self) -> sparse.csr_matrix:
        """Concept x occupation incidence (essential skills), for settling ambiguous terms by context."""
        return self._occupation_incidence()[0]

    def _occupation_incidence(self) -> tuple[sparse.csr_matrix, np.ndarray]:
        """``skill_occupations`` and the occupation (concept index) of each of its columns, made once."""
        if self._incidence is None:
            # column j: the j-th occupation (by concept index) - its essential skills, and itself
            occupations = sorted(self.occupation_skills)
            skills = [self.occupation_skills[occ] for occ in occupations]
            n_occ = len(occupations)
            counts = np.fromiter(map(len, skills), dtype=np.int64, count=n_occ)
            rows = np.concatenate([*skills, np.asarray(occupations, dtype=np.int32)]) if n_occ else np.zeros(0, dtype=np.int32)
            cols = np.concatenate([np.repeat(np.arange(n_occ), counts), np.arange(n_occ)])
            matrix = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(self.ids), n_occ))
            self._incidence = (matrix, np.asarray(occupations, dtype=np.int64))
        return self._incidence

    def occupation_row(self, concept: int) -> tuple[np.ndarray, np.ndarray]:
        """``skill_occupations``' row of ``concept``: the columns of the occupations that need it (or are it), and
        their weights, read from the matrix's arrays (indexing the sparse matrix costs ten times as much)."""
        m = self.skill_occupations
        at = slice(m.indptr[concept], m.indptr[concept + 1])
        return m.indices[at], m.data[at]

    def occupations_needing(self, concept: int) -> list[int]:
        """The occupations (concept indices) that need ``concept`` as an essential skill, or are it."""
        return self._occupation_incidence()[1][self.occupation_row(concept)[0]].tolist()

    def suggest(self, text: str, limit: int = 10) -> list[str]:
        """Words to offer while someone types ``text``: those starting with it first, then those containing it."""
        k = key(text)
        if len(k) < 2:
            return []
        if self._suggestion_keys is None:
            self._suggestion_keys = [key(s) for s in self.suggestions]
        start = bisect.bisect_left(self._suggestion_keys, k)
        out: list[str] = []
        for i in range(start, len(self.suggestions)):
            if not self._suggestion_keys[i].startswith(k) or len(out) >= limit:
                break
            out.append(self.suggestions[i])
        if len(out) < limit:
            for s, sk in zip(self.suggestions, self._suggestion_keys):
                if k in sk and not sk.startswith(k):
                    out.append(s)
                    if len(out) >= limit:
                        break
        return out

    def label(self, concept: int, lang: str = "de") -> str:
        if lang == "en" and self.label_en[concept]:
            return self.label_en[concept]
        return self.label_de[concept]


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    """The shipped vocabulary, loaded once per process."""
    return Vocabulary.load()
