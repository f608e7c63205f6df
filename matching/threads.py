"""One BLAS thread for the matcher's processes, unless the user chose otherwise.

NumPy and SciPy each load OpenBLAS, and OpenBLAS starts a thread per CPU when it is loaded.
Those threads wait for work by spinning: importing scikit-learn burns 0.2 s of CPU in them
on a machine with two CPUs, a tenth of a ``python -m matching rank`` over 113 ads and 1,200
profiles, although the matcher's own work is sparse (SciPy's sparse products, which OpenBLAS
does not do) and gains nothing from them: ranking 20,000 profiles takes as long with one
thread, and gives the same rankings (``bench/cli_speed.py``). In the web server the workers
already answer requests side by side; BLAS threads on top would only compete with them.

The setting must be made before NumPy is first imported (OpenBLAS reads it when it is loaded),
so the entry points call :func:`one_blas_thread` first: ``python -m matching`` and ``wsgi.py``
(gunicorn, ``flask --app wsgi run`` and the worker). A value set in the environment is kept.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping

# OpenBLAS (NumPy's and SciPy's wheels), and OpenMP, which some of scikit-learn's compiled parts use
VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")


def one_blas_thread(environ: MutableMapping[str, str] = os.environ) -> None:
    """Set each of :data:`VARIABLES` to 1 where ``environ`` does not set it already."""
    for name in VARIABLES:
        environ.setdefault(name, "1")
