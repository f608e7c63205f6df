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
import math
import os
import struct
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import overload

import numpy as np
import sklearn
from scipy import sparse

log = logging.getLogger(__name__)

_folder: Path | None = None
_SOURCES = ("text.py", "lexicon.py", "similarity.py", "normalise.py", "likeness.py", "titles.py", "derived.py")


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


def arrays(
    name: str, key: str | None, build: Callable[[], dict[str, np.ndarray]], fits: Callable[[dict[str, np.ndarray]], bool] | None = None
) -> dict[str, np.ndarray]:
    """The arrays ``build()`` returns, read from the folder when they were kept under ``name`` and ``key``.
    ``fits``: whether kept arrays are what ``build`` makes for this vocabulary (their names, counts and shapes); kept
    ones that do not fit (a file cut short, damaged or written by hand) are computed anew and replaced."""
    if _folder is None or key is None:
        return build()
    path = _folder / f"{name}-{key}.npz"
    if path.exists():
        try:
            kept = _mapped(path)
            if fits is None or fits(kept):
                return kept
            log.warning("derived arrays %s do not fit what they are kept for; computing them anew", path.name)
        except (OSError, ValueError, KeyError, IndexError, zipfile.BadZipFile) as error:  # a damaged or foreign file: computed anew below
            log.warning("derived arrays %s unreadable (%s); computing them anew", path.name, error)
    made = build()
    written: str | None = None  # the file being written, until it has its name
    try:
        _folder.mkdir(parents=True, exist_ok=True)
        # Written beside and renamed: a reader (another worker, a second start) never sees half a file.
        with tempfile.NamedTemporaryFile(dir=_folder, prefix=f".{name}-", suffix=".npz", delete=False) as out:
            written = out.name
            np.savez(out, **made)  # type: ignore[arg-type]  # numpy types the keywords as its own flags
        os.replace(written, path)
        written = None
        for old in _folder.glob(f"{name}-*.npz"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as error:  # a read-only folder costs only the time to compute them next start
        log.warning("derived arrays %s not kept (%s)", path.name, error)
    finally:
        if written is not None:  # (a full disk, or arrays that cannot be written: no half file is left behind)
            Path(written).unlink(missing_ok=True)
    return made


def has(stored: dict[str, np.ndarray], *names: str) -> bool:
    """Whether ``stored`` holds every one of ``names`` (a ``fits`` check for arrays whose sizes say nothing more)."""
    return all(name in stored for name in names)


def line_count(array: np.ndarray) -> int:
    """How many lines :func:`lines_to_array` kept in ``array`` (0 for an empty one), without decoding them."""
    return int(np.count_nonzero(array == 10)) + 1 if len(array) else 0


def _mapped(path: Path) -> dict[str, np.ndarray]:
    """The arrays of an ``.npz`` file that :func:`arrays` wrote (``np.savez``: each array a ``.npy`` file stored
    in the zip as it is), mapped from the file rather than read: the system reads a page when it is first
    touched, and processes reading the same file share it. Reading the typo index's 40 MB took 25-50 ms of
    every start, and a run touches a small part of it (the rows of the 3-grams its terms have). Mapped copy on
    write: a caller that changed an array would change its own copy, never the file."""
    out: dict[str, np.ndarray] = {}
    with zipfile.ZipFile(path) as archive, path.open("rb") as f:
        for info in archive.infolist():
            if info.compress_type != zipfile.ZIP_STORED or not info.filename.endswith(".npy"):
                raise ValueError(f"{info.filename}: not an array stored as it is")
            f.seek(info.header_offset)
            local = f.read(30)  # the member's local header: its name and extra field come before the data
            if local[:4] != b"PK\x03\x04":
                raise ValueError(f"{info.filename}: no local header")
            name_length, extra_length = struct.unpack("<HH", local[26:30])
            f.seek(info.header_offset + 30 + name_length + extra_length)
            version = np.lib.format.read_magic(f)
            read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
            shape, fortran, dtype = read_header(f)
            if dtype.hasobject:
                raise ValueError(f"{info.filename}: holds objects")
            if math.prod(shape) == 0:  # (an empty array has nothing to map)
                out[info.filename[:-4]] = np.empty(shape, dtype=dtype)
                continue
            mapped = np.memmap(path, dtype=dtype, mode="c", offset=f.tell(), shape=shape, order="F" if fortran else "C")
            # a plain array over the map (which it keeps open): every operation on a memmap passes through its
            # Python methods, and the typo look-up takes rows of these arrays a few thousand times a run
            out[info.filename[:-4]] = mapped.view(np.ndarray)
    return out


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


class Lines(Sequence[str]):
    """The lines :func:`lines_to_array` kept, each decoded when it is asked for: for a long table of which a run
    reads a few lines (the typo index's 170,000 keys: decoding them all took 25 ms of every start)."""

    def __init__(self, array: np.ndarray) -> None:
        self._bytes = array.tobytes()
        ends = np.flatnonzero(np.frombuffer(self._bytes, dtype=np.uint8) == 10)
        self._starts = [0, *(ends + 1).tolist()] if self._bytes else []
        self._ends = [*ends.tolist(), len(self._bytes)] if self._bytes else []

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return self.take(range(*i.indices(len(self))))
        return self._bytes[self._starts[i] : self._ends[i]].decode()

    def take(self, positions: Iterable[int]) -> list[str]:
        """The lines at ``positions`` (as ``[self[i] for i in positions]``, at a third of its cost: the typo
        look-up decodes some 40,000 candidate keys a run)."""
        data, starts, ends = self._bytes, self._starts, self._ends
        return [data[starts[i] : ends[i]].decode() for i in positions]


def csr_to_arrays(matrix: sparse.csr_matrix, prefix: str) -> dict[str, np.ndarray]:
    matrix = matrix.tocsr()
    return {
        f"{prefix}_data": matrix.data,
        f"{prefix}_indices": matrix.indices,
        f"{prefix}_indptr": matrix.indptr,
        f"{prefix}_shape": np.asarray(matrix.shape, dtype=np.int64),
    }


def positions_fit(positions: np.ndarray, n: int) -> bool:
    """Whether kept ``positions`` are whole numbers that point into something of ``n`` items (a file written by
    hand may hold any number; Python's lists read a negative one from the end)."""
    return positions.dtype.kind in "iu" and (not len(positions) or (int(positions.min()) >= 0 and int(positions.max()) < n))


def csr_fits(stored: dict[str, np.ndarray], prefix: str, shape: tuple[int, int]) -> bool:
    """Whether ``stored`` holds a CSR matrix of ``shape`` under ``prefix`` (:func:`csr_to_arrays`) whose row
    pointers and column numbers stay inside it: scipy reads them as they are, and a number outside the matrix would
    read (or write) outside its arrays."""
    if not has(stored, *(f"{prefix}_{part}" for part in ("data", "indices", "indptr", "shape"))):
        return False
    indptr, indices = stored[f"{prefix}_indptr"], stored[f"{prefix}_indices"]
    numbers = (indptr, indices, stored[f"{prefix}_shape"])
    if not all(np.issubdtype(a.dtype, np.integer) for a in numbers) or not np.issubdtype(stored[f"{prefix}_data"].dtype, np.number):
        return False  # (numbers of another kind: scipy would refuse them, or read them as something else)
    return (
        tuple(int(n) for n in stored[f"{prefix}_shape"]) == tuple(shape)
        and len(indptr) == shape[0] + 1
        and int(indptr[0]) == 0
        and int(indptr[-1]) == len(indices) == len(stored[f"{prefix}_data"])
        and bool(np.all(np.diff(indptr) >= 0))
        and (not len(indices) or (int(indices.min()) >= 0 and int(indices.max()) < shape[1]))
    )


def csr_from_arrays(stored: dict[str, np.ndarray], prefix: str) -> sparse.csr_matrix:
    shape = tuple(int(n) for n in stored[f"{prefix}_shape"])
    return sparse.csr_matrix((stored[f"{prefix}_data"], stored[f"{prefix}_indices"], stored[f"{prefix}_indptr"]), shape=shape)
