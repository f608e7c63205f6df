"""Command line: ``python -m matching normalise ...``, ``python -m matching rank ...`` and ``python -m matching report``."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path

from .records import RecordError, read_jsonl

RANK_BATCH = 256  # openings ranked together by ``rank`` (one batch of typo look-ups each)


def _normalise(args: argparse.Namespace) -> int:
    from .normalise import Normaliser

    normaliser = Normaliser()
    results = normaliser.normalise(args.terms)
    if args.json:
        for r in results:
            print(json.dumps({"term": r.term, "skill": r.concept, "label": r.label, "how": r.how, "confidence": r.confidence}, ensure_ascii=False))
        return 0
    width = max((len(r.term) for r in results), default=10)
    for r in results:
        target = f"{r.label}  [{r.concept}]" if r.known else "(nicht erkannt; wird über Buchstabenfolgen verglichen)"
        print(f"{r.term:<{width}}  ->  {target}  {r.how}, Sicherheit {r.confidence:.2f}")
    return 0


def _rank(args: argparse.Namespace) -> int:
    from .matcher import Matcher

    try:
        profiles = list(read_jsonl(args.profiles, "profile"))
        openings = list(read_jsonl(args.openings, "opening"))
    except RecordError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: cannot read {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2
    matcher = Matcher().fit(profiles)
    with open(args.output, "w", encoding="utf-8") if args.output else contextlib.nullcontext(sys.stdout) as out:
        # in batches: their lines' typo look-ups are one product each (Matcher.rank_many), and a long file of
        # openings is never held ranked all at once
        for start in range(0, len(openings), RANK_BATCH):
            batch = openings[start : start + RANK_BATCH]
            for opening, results in zip(batch, matcher.rank_many(batch, k=args.top), strict=True):
                ranking = [r.as_dict("profile") for r in results]
                out.write(json.dumps({"opening": opening.id, "ranking": ranking}, ensure_ascii=False) + "\n")
    return 0


def _report(args: argparse.Namespace) -> int:
    from .report import LayerFileError, format_report, read_layer, report

    layer: dict[str, str | None] = {}
    proposals: dict[str, int] = {}
    if args.layer:
        try:
            layer, proposals = read_layer(args.layer)
        except LayerFileError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    try:
        rep = report(layer, proposals)
    except ValueError as exc:  # a layer naming concepts this vocabulary lacks
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(rep, ensure_ascii=False, indent=2) if args.json else format_report(rep))
    return 0


def _prepare(args: argparse.Namespace) -> int:
    from . import derived
    from .matcher import prepare

    folder = derived.folder()
    if folder is None:
        print("nothing to prepare: KMU_MATCHING_CACHE_DIR is empty, so nothing is kept between runs")
        return 0
    prepare()
    print(f"kept in {folder}: what the first ranking derives from the vocabulary")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m matching",
        description="KMU-Match skill matcher: normalise free-text skills and rank profiles against openings.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    norm = sub.add_parser("normalise", help="show what each skill term is understood as, with confidence")
    norm.add_argument("terms", nargs="+", metavar="TERM")
    norm.add_argument("--json", action="store_true", help="one JSON object per term")
    norm.set_defaults(func=_normalise)
    rank = sub.add_parser("rank", help="rank profiles (JSON Lines) against openings (JSON Lines)")
    rank.add_argument("--profiles", required=True, type=Path, help="profiles, one JSON object per line")
    rank.add_argument("--openings", required=True, type=Path, help="openings, one JSON object per line")
    rank.add_argument("--top", type=int, default=10, help="how many profiles per opening (default 10)")
    rank.add_argument("--output", type=Path, help="write the rankings here instead of to standard output")
    rank.set_defaults(func=_rank)
    prep = sub.add_parser("prepare", help="compute once what every first run derives from the vocabulary (make install does it)")
    prep.set_defaults(func=_prepare)
    rep = sub.add_parser("report", help="the vocabulary, the project's own layer and its effect on the benches")
    rep.add_argument("--layer", type=Path, help="a vocabulary layer exported by the web app (Verwaltung → Wortschatz → Export)")
    rep.add_argument("--json", action="store_true", help="the figures as JSON")
    rep.set_defaults(func=_report)
    return parser


def cache_folder() -> Path | None:
    """Where the command line keeps the arrays it derives from the vocabulary between runs (matching.derived):
    ``KMU_MATCHING_CACHE_DIR`` (empty: keep nothing), else the user's cache folder. The first run computes them
    (the typo index and the skills' word counts, seconds), later runs read them."""
    chosen = os.environ.get("KMU_MATCHING_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kmu-match" / "matching"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "top", 1) < 1:
        print("error: --top must be at least 1", file=sys.stderr)
        return 2
    from . import derived

    before = derived.folder()
    derived.set_folder(cache_folder())
    try:
        return args.func(args)
    finally:
        derived.set_folder(before)  # a caller in the same process (a test, a script) keeps its own setting
