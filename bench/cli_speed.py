"""The whole process, as an evaluator runs it: ``python -m matching rank`` against character TF-IDF (issue 30.5).

    python bench/cli_speed.py [--ads 120] [--profiles 1200 20000] [--long 36] [--repeat 5] [--esco ../shared/data/esco]

For each size, the real-text bench's ads (``bench/real_text.py``: BA titles and ESCO's German
descriptions) and its ESCO-built profiles are written as JSON Lines, then ranked in a fresh
process, top 10 each:

* ``python -m matching rank`` with an empty cache folder (the arrays derived from the vocabulary are
  computed), again with the folder filled (every later run), and once in a fresh folder that
  ``python -m matching prepare`` filled (the first run after ``make install``, which runs it);
* the same task with character 3-5-gram TF-IDF (scikit-learn, cosine, the profiles' terms joined),
  in a process of its own that reads the same files and writes the same output.

With ``--long N`` each ad gets N lines drawn from all the ads' lines (as long as a real ad's list of tasks and
requirements; repeatable draw), to measure what reading long ads costs.

Printed per size: wall time and CPU time (user + system of the child) of each, and the matcher's
CPU time as a multiple of TF-IDF's (target: at most 1.0 with the cache filled). ``python -m matching``
starts OpenBLAS with one thread (``matching.threads``: its threads spin while scikit-learn is imported);
TF-IDF is also run with that setting, so that what the matcher's own work costs is compared, too. The filled-cache run and
TF-IDF are run ``--repeat`` times, taking turns, and their medians are printed: on a shared machine one
run of either varies by a tenth or more. Also printed: the median and range of the ratio within each turn
(the two runs of a turn meet the machine in the same state). At the largest
size also, timed inside one fresh process with the cache filled: importing and reading the files,
fitting, and the first ``rank`` call (target: the first ranking under 1 s).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import cases as case_builder
from real_text import build

from matching import threads

ROOT = Path(__file__).resolve().parents[1]

TFIDF = r"""
import json, sys
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
profiles = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
openings = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=True, sublinear_tf=True, dtype=np.float32)
matrix = vec.fit_transform(["; ".join(p["skills"]) for p in profiles])
with open(sys.argv[3], "w", encoding="utf-8") as out:
    for o in openings:
        doc = "; ".join([o.get("title") or ""] + o["required_skills"] * 2 + o["optional_skills"])
        scores = (matrix @ vec.transform([doc]).T).toarray().ravel()
        top = np.argsort(-scores, kind="stable")[:10]
        out.write(json.dumps({"opening": o["id"], "ranking": [{"profile": profiles[i]["id"], "score": float(scores[i])} for i in top]}) + "\n")
"""

FIRST = r"""
import os, sys, time
t0 = time.perf_counter()
from matching import derived
from matching.matcher import Matcher
derived.set_folder(os.environ["KMU_MATCHING_CACHE_DIR"])
from matching.records import read_jsonl
profiles = list(read_jsonl(sys.argv[1], "profile"))
openings = list(read_jsonl(sys.argv[2], "opening"))
t1 = time.perf_counter()
matcher = Matcher().fit(profiles)
t2 = time.perf_counter()
matcher.rank(openings[0], k=10)
t3 = time.perf_counter()
print(f"{t1 - t0:.2f} {t2 - t1:.2f} {t3 - t2:.2f}")
"""


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(argv, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)  # nosec B603 - our own interpreter and module
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """(wall, CPU): the median of each over the runs."""
    return statistics.median(w for w, _c in runs), statistics.median(c for _w, c in runs)


def long_ads(ads: list[dict], n_lines: int) -> list[dict]:
    """The ads, each with ``n_lines`` required lines drawn from all their lines (a repeatable draw)."""
    import random

    pool = sorted({line for ad in ads for line in (*ad["required_skills"], *ad["optional_skills"])})
    rng = random.Random(5)  # nosec B311 - a repeatable draw
    return [{**ad, "required_skills": rng.sample(pool, min(n_lines, len(pool))), "optional_skills": []} for ad in ads]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ads", type=int, default=120)
    parser.add_argument("--profiles", type=int, nargs="+", default=[1200, 20000])
    parser.add_argument("--esco", type=Path, default=case_builder.DEFAULT_ESCO)
    parser.add_argument("--long", type=int, default=0, metavar="N", help="give each ad N lines drawn from all the ads' lines")
    parser.add_argument("--repeat", type=int, default=5, help="runs of the filled-cache matcher and of TF-IDF, taking turns (medians printed)")
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in args.profiles:
            ads, profiles, _gains, _split, _occ, _occupations = build(args.ads, n, args.esco)
            if args.long:
                ads = long_ads(ads, args.long)
            p, o, out = folder / f"profiles-{n}.jsonl", folder / f"openings-{n}.jsonl", folder / "out.jsonl"
            p.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in profiles), encoding="utf-8")
            o.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in ads), encoding="utf-8")
            cache = folder / f"cache-{n}"
            env = {**os.environ, "KMU_MATCHING_CACHE_DIR": str(cache), "PYTHONHASHSEED": "0"}
            rank = [python, "-m", "matching", "rank", "--profiles", str(p), "--openings", str(o), "--output", str(out)]
            cold = run(rank, env)
            # A fresh folder filled by 'python -m matching prepare', as 'make install' leaves it (not counted).
            installed = {**env, "KMU_MATCHING_CACHE_DIR": str(folder / f"installed-{n}")}
            subprocess.run([python, "-m", "matching", "prepare"], check=True, env=installed, cwd=ROOT, stdout=subprocess.DEVNULL)  # nosec B603
            after_install = run(rank, installed)
            tfidf_argv = [python, "-c", TFIDF, str(p), str(o), str(out)]
            one_thread = {**env, **dict.fromkeys(threads.VARIABLES, "1")}
            turns = [(run(rank, env), run(tfidf_argv, env), run(tfidf_argv, one_thread)) for _ in range(max(1, args.repeat))]
            warm = median([w for w, _t, _o in turns])
            tfidf = median([t for _w, t, _o in turns])
            tfidf_one = median([o for _w, _t, o in turns])
            lines = f" of {args.long} lines" if args.long else ""
            print(f"== {len(ads)} ads{lines} x {n:,} profiles, top 10, a fresh process each (filled cache and TF-IDF: median of {len(turns)})")
            print(f"{'':<44} {'wall s':>7} {'CPU s':>7}")
            for name, (wall, cpu) in (
                ("python -m matching rank, empty cache", cold),
                ("python -m matching rank, cache filled", warm),
                ("first run after make install (prepare)", after_install),
                ("character 3-5-gram TF-IDF", tfidf),
                ("TF-IDF, OpenBLAS with one thread, too", tfidf_one),
            ):
                print(f"{name:<44} {wall:>7.1f} {cpu:>7.1f}")
            print(
                f"matcher / TF-IDF, CPU: {warm[1] / tfidf[1]:.2f} x with the cache filled, {after_install[1] / tfidf[1]:.2f} x on the first run"
                f" after make install, {cold[1] / tfidf[1]:.2f} x on a first run with an empty cache (target: at most 1.0)"
            )
            # each turn's two runs share the machine's state of the moment: their ratio varies less than either
            for name, at in (("TF-IDF", 1), ("TF-IDF with one OpenBLAS thread", 2)):
                ratios = sorted(turn[0][1] / turn[at][1] for turn in turns)
                print(f"per turn, matcher / {name}, CPU (cache filled): median {statistics.median(ratios):.2f} x, from {ratios[0]:.2f} to {ratios[-1]:.2f} x")
            if n == max(args.profiles):
                read, fit, first = subprocess.run(  # nosec B603
                    [python, "-c", FIRST, str(p), str(o)], check=True, env=env, cwd=ROOT, capture_output=True, text=True
                ).stdout.split()
                print(f"fresh process: import and read {read} s, fit {fit} s, first ranking {first} s (target: under 1 s)")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
