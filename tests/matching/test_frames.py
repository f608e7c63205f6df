"""matching.frames: a long run keeps its frames in one chunk of the interpreter's frame stack."""

from __future__ import annotations

import resource
import subprocess
import sys

import pytest

from matching.frames import call_with_room


def test_it_calls_the_function_with_its_arguments_and_passes_on_what_it_returns_or_raises():
    assert call_with_room(lambda a, b=0, *, c: (a, b, c), 1, c=3) == (1, 0, 3)
    with pytest.raises(KeyError, match="missing"):
        call_with_room({}.__getitem__, "missing")


def _leaf(x: int) -> int:
    return x + 1


def _faults_at(depth: int, calls: int) -> int:
    """Page faults of ``calls`` calls of a small function, ``depth`` frames below the caller."""
    if depth:
        return _faults_at(depth - 1, calls)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for i in range(calls):
        _leaf(i)
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def _worst(calls: int) -> int:
    return max(_faults_at(depth, calls) for depth in range(300))  # 300 frames of ~20 words: several 16 KB chunks


def test_a_loop_at_a_chunk_edge_maps_no_memory_per_call_inside_it():
    calls = 2000
    # Python 3.11 (the version the project is fixed on) unmaps a chunk as soon as its first frame returns: outside,
    # some depth faults at every call. Should a later interpreter keep its chunks, this says so, and the module can go.
    assert _worst(calls) >= calls // 2, "this interpreter keeps its frame-stack chunks: matching.frames is no longer needed"
    assert call_with_room(_worst, calls) < calls // 20


def test_the_command_line_runs_inside_it_and_imports_scikit_learn_there():
    """``python -m matching`` imports no more than the command line before ``call_with_room``: importing
    scikit-learn and SciPy at the depth of the package's import mapped 16 KB 9,000 times."""
    code = "import sys, matching, matching.cli; print(sorted(m for m in ('sklearn', 'scipy', 'matching.matcher') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_package_gives_every_name_it_lists():
    import matching

    assert all(getattr(matching, name) is not None for name in matching.__all__)
    with pytest.raises(AttributeError):
        _ = matching.NoSuchThing  # type: ignore[attr-defined]
