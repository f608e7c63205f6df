"""Build matching/data/layer_cases.json.gz: the cases on which the project's vocabulary layer is measured.

    python scripts/build_layer_cases.py [--esco ../shared/data/esco] [--output matching/data/layer_cases.json.gz]

Two case sets from the benches (bench/cases.py, bench/real_text.py), written once here so the
product can measure its layer without ../shared (it never reads it at run time):

- "shop_floor": the hand-written openings as owners in the quarters write them, against
  ESCO-worded profiles; gain = share of the opening's skills the profile has (required x2);
- "real_text": ads made of real German prose (ESCO occupation descriptions, BA job titles),
  against ESCO-worded profiles; gain 1 for the ad's occupation, 0.3 for its ISCO unit group.

Every opening carries its split ("dev" or "held-out", by a hash of its id or of its occupation,
never by what the matcher does with it). The report (matching.report) measures on the held-out
split only, and leaves out of the layer any entry that names a word of a held-out case, so a
layer entry can never have been made from a case it is measured on.
Sources: ESCO (© European Union, CC BY 4.0 – Commission Decision 2011/833/EU) and the BA's
job titles (Quelle: Bundesagentur für Arbeit), as in ../shared/data/esco/README.md.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import cases as case_builder  # noqa: E402
import real_text  # noqa: E402
from matching_quality import gains  # noqa: E402


def split_of(opening_id: str) -> str:
    return "dev" if int(hashlib.sha256(opening_id.encode()).hexdigest(), 16) % 2 == 0 else "held-out"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--esco", type=Path, default=ROOT.parent / "shared" / "data" / "esco")
    parser.add_argument("--output", type=Path, default=ROOT / "matching" / "data" / "layer_cases.json.gz")
    parser.add_argument("--shop-profiles", type=int, default=600)
    parser.add_argument("--ads", type=int, default=120)
    parser.add_argument("--ad-profiles", type=int, default=700)
    args = parser.parse_args()
    shop = case_builder.shop_floor(n_profiles=args.shop_profiles, esco_dir=args.esco)
    shop_set = {
        "openings": shop.openings,
        "profiles": shop.profiles,
        "gains": {o["id"]: gains(shop, o["id"]) for o in shop.openings},
        "split": {o["id"]: split_of(o["id"]) for o in shop.openings},
    }
    ads, profiles, ad_gains, ad_split, _occ, _all = real_text.build(args.ads, args.ad_profiles, args.esco)
    data = {
        "about": "Cases for measuring the project's vocabulary layer (scripts/build_layer_cases.py). Sources: ESCO (European Union, CC BY 4.0), BA job titles.",
        "sets": {
            "shop_floor": shop_set,
            "real_text": {"openings": ads, "profiles": profiles, "gains": ad_gains, "split": ad_split},
        },
    }
    with gzip.open(args.output, "wt", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
    for name, s in data["sets"].items():
        held = sum(v == "held-out" for v in s["split"].values())
        print(f"{name}: {len(s['openings'])} openings ({held} held-out), {len(s['profiles'])} profiles")
    print(f"written {args.output} ({args.output.stat().st_size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
