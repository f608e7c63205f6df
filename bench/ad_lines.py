"""How many task lines of job ads the matcher reads (issue 30: „43–51 % of distinct ad phrases still find nothing“).

    python bench/ad_lines.py [--show]

``bench/data/ad_lines.csv`` holds every line of 50 short ads the project's engineers wrote on 07.12. in the words of
the quarters' businesses and of larger employers (cleaning, crafts, care, warehouse, shop, office, kitchen, driving,
security …): 30 dev ads, read to find classes of what is missed, and 20 held-out ads, written before the changes of
that session (10) and after them (10), measured only; and, as „held-out 2“, the requirement and task lines of 15 ads
in the style of job portals (an opening sentence, „Ihre Aufgaben“, „Ihr Profil“, what is offered) written in the
third session of 07.12., before any change of that session (their opening sentences, headings and offers are left
out here), as „held-out 3“ those of 12 ads in the style of Swiss portals, and as „held-out 4“ the sentences of 10
ads written as job centres' listings are, and as „held-out 5“ the lines of 15 ads in shop-floor words written in the
fourth session of 07.12. before any change of that session, and as „held-out 6“ those of 10 ads of ten other trades
as small businesses write them on a notice board (night of 07.12., before any change). Their spotted skills are judged in
``spotting_ads3.csv`` to ``spotting_ads10.csv`` (``bench/spotting_precision.py``).

Each ad is read as an opening (title and required lines). A line counts as read when the matcher finds a skill in it,
reads a hard condition from it (a licence, a language level) or the occupation it asks one to be trained as
(„abgeschlossene Ausbildung als Koch“). Printed per split: lines read, and the titles that name an occupation;
``--show`` lists the lines that find nothing.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matching import titles
from matching.matcher import Matcher
from matching.records import Opening, Profile

LINES = ROOT / "bench/data/ad_lines.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="list the lines that find nothing")
    args = parser.parse_args()
    with LINES.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    ads: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in rows:
        ads[row["split"], row["title"]].append(row["line"])
    matcher = Matcher().fit([Profile(id="p", skills=("Kasse",))])
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # lines read, lines, titles named, ads
    missed: dict[str, list[str]] = defaultdict(list)
    for (split, title), lines in ads.items():
        opening = Opening(id=title, title=title, required_skills=tuple(lines))
        understood = matcher._understand(opening)  # as the matcher reads an opening it ranks for
        found = {part.line for part in understood.parts if part.concept is not None} | set(understood.stated.lines.values())
        found |= {line for line in lines if (trained := titles.trained_as(line)) and titles.candidates(matcher.normaliser_.vocabulary, trained)}
        c = counts[split]
        c[0] += sum(line in found for line in lines)
        c[1] += len(lines)
        c[2] += bool(understood.occupations)
        c[3] += 1
        missed[split] += [f"{title}: {line}" for line in lines if line not in found]
    for split in sorted(counts):
        read, total, named, n_ads = counts[split]
        print(f"{split:<11} {n_ads} ads: {read} of {total} lines read ({read / total:.0%}); {named} titles name an occupation")
        if args.show:
            for line in missed[split]:
                print(f"    - {line}")


if __name__ == "__main__":
    main()
