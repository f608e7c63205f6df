"""Arrays derived from a vocabulary, kept in a folder between starts.

Five things are computed from the vocabulary's labels alone and cost seconds at
every start: the TF-IDF counts of the concepts (:class:`~matching.similarity.FeatureSpace`),
the 3-gram index of the typo prefilter and the stem index the spotter looks lines up in
(:class:`~matching.normalise.Normaliser`), which word stems the labels write as nouns and as
verbs (:class:`~matching.likeness.Likeness`) and the stems and compound parts of the labels'
words (:class:`~matching.lexicon.Lexicon`). The vocabulary file's text is kept unpacked, too
(:meth:`~matching.vocabulary.Vocabulary.load`).
With a folder set (:func:`set_folder`; the web app uses its instance folder), they
are written there once as ``.npz`` files (numpy arrays only, read without pickle)
and read on later starts.

A file's name holds a fingerprint of everything the arrays depend on: the
vocabulary file's contents, the source of the modules that compute them
(:mod:`matching.text`, :mod:`matching.lexicon`, :mod:`matching.similarity`,
:mod:`matching.normalise`, :mod:`matching.likeness`), the versions of scikit-learn and numpy, and the
parameters of the computation. Change any of them and the arrays are computed
anew, never read stale. A file that cannot be read is computed anew, too.
Without a folder (the default for the library) nothing is kept.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import sklearn
from scipy import sparse

log = logging.getLogger(__name__)

_folder: Path | None = None
_SOURCES = ("text.py", "lexicon.py", "similarity.py", "normalise.py", "likeness.py", "derived.py")


def set_folder(folder: str | Path | None) -> None:
    """Keep derived arrays in ``folder`` (made when missing); None keeps nothing."""
    global _folder
    _folder = Path(folder) if folder is not None else None


def folder() -> Path | None:
    return _folder


def _code_fingerprint() -> str:
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"sklearn {sklearn.__version__} numpy {np.__version__}".encode())
    for name in _SOURCES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


_CODE = _code_fingerprint()


def fingerprint(vocabulary_fingerprint: str | None, *parameters: object) -> str | None:
    """The name under which arrays of this vocabulary, code and parameters are kept (None: not kept)."""
    if vocabulary_fingerprint is None:
        return None
    digest = hashlib.sha256(f"{vocabulary_fingerprint}|{_CODE}|{parameters!r}".encode())
    return digest.hexdigest()[:32]


def arrays(name: str, key: str | None, build: Callable[[], dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """The arrays ``build()`` returns, read from the folder when they were kept under ``name`` and ``key``."""
    if _folder is None or key is None:
        return build()
    path = _folder / f"{name}-{key}.npz"
    if path.exists():
        try:
            with np.load(path, allow_pickle=False) as stored:
                return {k: stored[k] for k in stored.files}
        except (OSError, ValueError) as error:  # a damaged or foreign file: computed anew below
            log.warning("derived arrays %s unreadable (%s); computing them anew", path.name, error)
    made = build()
    try:
        _folder.mkdir(parents=True, exist_ok=True)
        # Written beside and renamed: a reader (another worker, a second start) never sees half a file.
        with tempfile.NamedTemporaryFile(dir=_folder, prefix=f".{name}-", suffix=".npz", delete=False) as out:
            np.savez(out, **made)  # type: ignore[arg-type]  # numpy types the keywords as its own flags
        os.replace(out.name, path)
        for old in _folder.glob(f"{name}-*.npz"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as error:  # a read-only folder costs only the time to compute them next start
        log.warning("derived arrays %s not kept (%s)", path.name, error)
    return made


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a start builds its many small, long-lived objects (the
    vocabulary's 170,000 entries, the spotting index): its passes over them took a third of the time, and
    they hold no cycles for it to find. Nested use keeps it paused until the outermost ends, which moves what
    exists then out of the collector's sight for good (``gc.freeze``): these objects live as long as the process,
    and the first pass after the pause, over all of them, took another tenth of a ranking run's time."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.freeze()
            gc.enable()


def lines_to_array(lines: list[str]) -> np.ndarray:
    """Lines of text as one array (UTF-8 bytes): how tables of words are kept without pickle."""
    return np.frombuffer("\n".join(lines).encode(), dtype=np.uint8)


def lines_from_array(array: np.ndarray) -> list[str]:
    """The lines :func:`lines_to_array` kept (none for an empty array)."""
    text = array.tobytes().decode()
    return text.split("\n") if text else []


def csr_to_arrays(matrix: sparse.csr_matrix, prefix: str) -> dict[str, np.ndarray]:
    matrix = matrix.tocsr()
    return {
        f"{prefix}_data": matrix.data,
        f"{prefix}_indices": matrix.indices,
        f"{prefix}_indptr": matrix.indptr,
        f"{prefix}_shape": np.asarray(matrix.shape, dtype=np.int64),
    }


def csr_from_arrays(stored: dict[str, np.ndarray], prefix: str) -> sparse.csr_matrix:
    shape = tuple(int(n) for n in stored[f"{prefix}_shape"])
    return sparse.csr_matrix((stored[f"{prefix}_data"], stored[f"{prefix}_indices"], stored[f"{prefix}_indptr"]), shape=shape)
