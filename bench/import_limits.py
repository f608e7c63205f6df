"""Crafted import files: how long and how much memory until the import refuses them.

    python bench/import_limits.py

Each case runs in a fresh process (so that its peak memory is its own): the
file is built first, then ``read_table`` reads it the way the upload does.
Prints time and peak extra resident memory of the first read, Python's own peak
allocations (a second, traced read) and the answer. Targets: every crafted file refused in under 2 s with under 100 MB extra.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def run_case(name: str) -> dict:
    from tests.crafted import CASES
    from webapp.core.tables import ImportFileError, read_table

    filename, build = CASES[name]
    content = build()
    import openpyxl  # noqa: F401

    import webapp.counsellors.imports  # noqa: F401 - loaded before the baseline

    def read() -> str:
        try:
            header, rows = read_table(filename, content)
            return f"read: {len(rows)} rows, {len(header)} columns"
        except ImportFileError as exc:
            return f"refused: {exc}"

    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    answer = read()
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base_rss
    tracemalloc.start()  # a second read for Python's own allocations (tracing slows it down, so not timed)
    read()
    python_peak = tracemalloc.get_traced_memory()[1]
    return {"size": len(content), "seconds": seconds, "rss_mb": rss / 1024, "python_mb": python_peak / 1e6, "answer": answer}


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--case":
        print(json.dumps(run_case(sys.argv[2])))
        return
    from tests.crafted import CASES

    print(f"{'case':<46} {'file':>9} {'time':>7} {'+RSS':>8} {'+Python':>8}  answer")
    worst_time = worst_mb = 0.0
    for name in CASES:
        out = subprocess.run([sys.executable, __file__, "--case", name], capture_output=True, text=True, check=True, cwd=ROOT)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        size = f"{r['size'] / 1024:.0f} KB" if r["size"] < 1024 * 1024 else f"{r['size'] / 1024 / 1024:.1f} MB"
        print(f"{name:<46} {size:>9} {r['seconds']:>6.2f}s {r['rss_mb']:>6.1f}MB {r['python_mb']:>6.1f}MB  {r['answer'][:90]}")
        if "legitimate" not in name:
            worst_time, worst_mb = max(worst_time, r["seconds"]), max(worst_mb, r["rss_mb"])
    print(f"\nworst crafted case: {worst_time:.2f} s, +{worst_mb:.1f} MB resident (targets: < 2 s, < 100 MB)")


if __name__ == "__main__":
    main()
