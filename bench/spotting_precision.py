"""How often a skill spotted inside a longer line is right, on hand-labelled lines.

    python bench/spotting_precision.py [--split dev|held-out|both]

``bench/data/spotting_labels.csv`` holds 120 (line, spotted skill) pairs, judged by hand
as right, generic (true but says little) or wrong. The lines are sentences and clauses
of ESCO's German occupation descriptions as ``bench/real_text.py`` makes its ads of
them (ESCO v1.1.1 © European Union, Commission Decision 2011/833/EU): 60 drawn at
random from the dev occupations, 60 from the held-out ones, one random spotted skill
each, with the spotter of commit 17f6fba (before the precision work of issue 30.3).
The rules were changed looking at the dev half only; the held-out half is reported.

For each labelled pair the spotter of today is asked again: a pair it no longer
spots is dropped (its judgement tells whether that lost a right one). Printed: the
precision (right / still spotted), the share generic and wrong, and how many right
pairs were lost.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matching.normalise import Normaliser

LABELS = Path(__file__).resolve().parent / "data" / "spotting_labels.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["dev", "held-out", "both"], default="both")
    parser.add_argument("--show", action="store_true", help="list the pairs still spotted that are not judged right (dev only)")
    args = parser.parse_args()
    with LABELS.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    normaliser = Normaliser()
    for split in ["dev", "held-out"] if args.split == "both" else [args.split]:
        chosen = [r for r in rows if r["split"] == split]
        before = Counter(r["judgement"] for r in chosen)
        kept = [r for r in chosen if r["skill"] in {n.label for n in normaliser.spot(r["line"])}]
        now = Counter(r["judgement"] for r in kept)
        lost = before["right"] - now["right"]
        print(f"== {split}: {len(chosen)} labelled pairs")
        print(f"before: precision {before['right'] / len(chosen):.1%} ({before['right']} right, {before['generic']} generic, {before['wrong']} wrong)")
        if kept:
            print(
                f"now:    precision {now['right'] / len(kept):.1%} of {len(kept)} still spotted "
                f"({now['right']} right, {now['generic']} generic, {now['wrong']} wrong); right ones lost: {lost} of {before['right']}"
            )
        else:
            print("now:    nothing of these is spotted any more")
        if args.show and split == "dev":
            for r in kept:
                if r["judgement"] != "right":
                    print(f"  {r['judgement']:<8} {r['line'][:90]!r} -> {r['skill']} (via {r['words']})")


if __name__ == "__main__":
    main()
