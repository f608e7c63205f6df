"""matching.threads: the matcher's processes start OpenBLAS with one thread, unless the user chose otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from matching.threads import VARIABLES, one_blas_thread

ROOT = Path(__file__).resolve().parents[2]

# Runs ``python -m matching --help`` in this process (it stops before NumPy is imported), then imports NumPy and
# prints the setting and how many threads OpenBLAS started with.
AFTER_MAIN = """
import os, runpy, sys
sys.argv = ["matching", "--help"]
try:
    runpy.run_module("matching", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
assert "numpy" not in sys.modules
import numpy, threadpoolctl
print(os.environ.get("OPENBLAS_NUM_THREADS"), max(p["num_threads"] for p in threadpoolctl.threadpool_info() if p["internal_api"] == "openblas"))
"""


def _without_setting() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in VARIABLES}


def test_it_sets_one_thread_and_keeps_what_the_user_set():
    environ = {"OMP_NUM_THREADS": "4"}
    one_blas_thread(environ)
    assert environ == {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "4"}


def test_python_m_matching_starts_openblas_with_one_thread():
    done = subprocess.run([sys.executable, "-c", AFTER_MAIN], cwd=ROOT, env=_without_setting(), capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1].split() == ["1", "1"]


def test_a_thread_count_the_user_set_is_kept():
    env = {**_without_setting(), "OPENBLAS_NUM_THREADS": "2"}
    done = subprocess.run([sys.executable, "-c", AFTER_MAIN], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1].split()[0] == "2"
