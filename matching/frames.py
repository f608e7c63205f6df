"""Room on the interpreter's frame stack for a long run (CPython 3.11 and later).

CPython keeps the frames of Python functions on a stack made of chunks of 16 KB.
A call that does not fit into the current chunk maps a new one, and when the
frame that opened it returns, the chunk is unmapped again. A function called in
a loop whose frame falls just past a chunk's end therefore maps and unmaps 16 KB
at every call. Which calls do depends only on how deep the loop runs: a
``python -m matching rank`` over 113 ads and 1,200 profiles did so 15,000 times
(8,900 more while importing scikit-learn and SciPy) and spent a tenth of its CPU
time in the kernel on it (``bench/cli_speed.py``).

:func:`call_with_room` calls a function from a frame that reserves a large value
stack it never uses. Such a frame never fits the current chunk, so it opens one
big enough for itself and ``ROOM`` more words; every frame below it finds room
there, and the chunk is unmapped once, when the call returns. The reserved part is
never written: the system gives it no memory.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

ROOM = 1 << 15  # words (256 KB): a thousand frames of 30 words; a deeper call still gets a new chunk, as always


def _call(function, args, kwargs):
    return function(*args, **kwargs)


# The same function, with a value stack of ROOM words reserved in its frame (the interpreter sizes a frame from
# the code's co_stacksize; a larger one than the code needs is never used).
_roomy = types.FunctionType(_call.__code__.replace(co_stacksize=max(_call.__code__.co_stacksize, ROOM)), {}, "call_with_room")


def call_with_room(function: Callable[..., T], *args, **kwargs) -> T:
    """``function(*args, **kwargs)``, with every frame below it in one chunk of the frame stack (module docstring)."""
    return _roomy(function, args, kwargs)
