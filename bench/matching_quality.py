"""Ranking quality of the matcher beside four reference rankers, on labelled cases.

    python bench/matching_quality.py [--sizes 1500 20000] [--esco ../shared/data/esco] [--skip-slow]

Prints nDCG@10 and recall@10 per ranker and case set, the explanation
precision of the matcher (share of matched pairs whose two terms really denote
the same skill, or an explicitly related one), and the time each ranker needs
for the whole job (normalise, fit, rank every opening).

Cases (see bench/cases.py): "ESCO-worded" openings and profiles drawn from ESCO
occupations and written with other labels, BA terms, English, typos, lower
case; and "shop-floor" openings as owners in the two quarters write them,
against ESCO-worded profiles. Gain of a profile for an opening = the share of
the opening's skills (required x2, nice-to-have x1) the profile really has.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import linear_kernel

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import cases as case_builder

from matching import Matcher, measurements, opening_from_dict, profile_from_dict
from matching.explain import IDENTITY
from matching.vocabulary import default_vocabulary

K = 10


# -- reference rankers ---------------------------------------------------------------------


class ExactOverlap:
    """Share of the opening's terms that appear word for word (case-folded) in the profile."""

    name = "exact term overlap"

    def fit(self, profiles):
        self.ids = [p["id"] for p in profiles]
        self.sets = [{t.lower().strip() for t in p["skills"]} for p in profiles]
        return self

    def rank(self, opening, k=K):
        req = [t.lower().strip() for t in opening["required_skills"]]
        opt = [t.lower().strip() for t in opening["optional_skills"]]
        total = 2 * len(req) + len(opt)
        scores = np.array([(2 * sum(t in s for t in req) + sum(t in s for t in opt)) / total for s in self.sets])
        return top_ids(self.ids, scores, k)


class TfidfCosine:
    """Cosine of TF-IDF vectors of the joined terms (words, or character n-grams)."""

    def __init__(self, analyzer: str, ngram_range: tuple[int, int], name: str):
        self.analyzer, self.ngram_range, self.name = analyzer, ngram_range, name

    def fit(self, profiles):
        self.ids = [p["id"] for p in profiles]
        self.vec = TfidfVectorizer(analyzer=self.analyzer, ngram_range=self.ngram_range, lowercase=True, sublinear_tf=True, dtype=np.float32)
        self.matrix = self.vec.fit_transform(["; ".join(p["skills"]) for p in profiles])
        return self

    def rank(self, opening, k=K):
        doc = "; ".join(opening["required_skills"] * 2 + opening["optional_skills"])
        scores = linear_kernel(self.vec.transform([doc]), self.matrix).ravel()
        return top_ids(self.ids, scores, k)


class PlainEscoNormaliser:
    """Exact ESCO label lookup, else rapidfuzz to the nearest ESCO label, one term at a time;
    score = idf-weighted coverage of the opening's required skills."""

    name = "plain ESCO-label normaliser"
    ESCO_SOURCES = {"pref_de", "alt_de", "ba", "pref_en", "alt_en"}

    def __init__(self):
        vocab = default_vocabulary()
        sources = {i for i, how in enumerate(vocab_sources(vocab)) if how in self.ESCO_SOURCES}
        self.labels: dict[str, int] = {}
        for k, entries in vocab.entries.items():
            esco = [c for c, s in entries if s in sources and vocab.ids[c].startswith("esco")]
            if esco:
                self.labels[k] = esco[0]
        self.keys = list(self.labels)
        self.cache: dict[str, int | None] = {}

    def concept(self, term: str) -> int | None:
        if term not in self.cache:
            k = "".join(ch for ch in term.lower() if ch.isalnum())
            found = self.labels.get(k)
            if found is None:
                best = process.extractOne(k, self.keys, scorer=fuzz.ratio, score_cutoff=80)
                found = self.labels[best[0]] if best else None
            self.cache[term] = found
        return self.cache[term]

    def fit(self, profiles):
        self.ids = [p["id"] for p in profiles]
        self.sets = [{self.concept(t) for t in p["skills"]} - {None} for p in profiles]
        df: dict[int, int] = {}
        for s in self.sets:
            for c in s:
                df[c] = df.get(c, 0) + 1
        n = len(profiles)
        self.idf = {c: math.log((1 + n) / (1 + d)) + 1 for c, d in df.items()}
        return self

    def rank(self, opening, k=K):
        req = [self.concept(t) for t in opening["required_skills"]]
        weights = [self.idf.get(c, math.log(1 + len(self.ids)) + 1) if c is not None else 1.0 for c in req]
        total = sum(weights) or 1.0
        scores = np.array([sum(w for c, w in zip(req, weights) if c is not None and c in s) / total for s in self.sets])
        return top_ids(self.ids, scores, k)


def vocab_sources(vocab) -> list[str]:
    from matching.vocabulary import SOURCE_HOW

    names = list(SOURCE_HOW)
    return names[: len(vocab.source_how)]


class KmuMatcher:
    """The product's matcher (conditions neutral here: every profile is eligible)."""

    name = "KMU-Match matcher"

    def __init__(self, **params):
        self.params = params

    def fit(self, profiles):
        self.matcher = Matcher(proximity_weight=0.0, **self.params).fit([profile_from_dict(p) for p in profiles])
        return self

    def rank(self, opening, k=K):
        self.last = self.matcher.rank(opening_from_dict(opening), k=k)
        return [r.id for r in self.last]


def top_ids(ids, scores, k):
    order = np.lexsort((np.arange(len(scores)), -scores))[:k]
    return [ids[i] for i in order if scores[i] > 0]


# -- metrics -------------------------------------------------------------------------------


def gains(case, opening_id) -> dict[str, float]:
    req, opt = case.opening_truth[opening_id]
    total = 2 * len(req) + len(opt)
    out = {}
    for pid, have in case.profile_truth.items():
        g = (2 * sum(c in have for c in req) + sum(c in have for c in opt)) / total
        if g > 0:
            out[pid] = g
    return out


def ndcg_recall(ranked: list[str], gain: dict[str, float]) -> tuple[float, float]:
    dcg = sum(gain.get(pid, 0.0) / math.log2(i + 2) for i, pid in enumerate(ranked[:K]))
    ideal = sorted(gain.values(), reverse=True)[:K]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    relevant = {pid for pid, g in gain.items() if g >= 0.5}
    recall = len(relevant & set(ranked[:K])) / min(K, len(relevant)) if relevant else 1.0
    return (dcg / idcg if idcg else 1.0), recall


def explanation_precision(case, ranker: KmuMatcher, opening: dict) -> tuple[int, int]:
    """Of the pairs that claim the same meaning (exact, synonym, translation, typo, found in the text),
    how many really name the same skill; related pairs count when the relation is explicit."""
    vocab = default_vocabulary()
    req, opt = case.opening_truth[opening["id"]]
    truth_of_opening_term = dict(zip(opening["required_skills"] + opening["optional_skills"], req + opt))
    good = total = 0
    for result in ranker.last:
        for pair in result.explanation["matched"]:
            if pair["how"] not in (*IDENTITY, "related"):
                continue  # "similar" claims no identity; its strength is shown
            total += 1
            a = truth_of_opening_term.get(pair["required"])
            b = case.term_truth.get(pair["by"])
            if a is None or b is None:
                continue
            if a == b:
                good += 1
            elif pair["how"] == "related":
                ia, ib = vocab.index.get(a), vocab.index.get(b)
                occ = vocab.occupation_skills.get(ib) if ib is not None else None
                if ia is not None and ib is not None and (ib in vocab.related.get(ia, ()) or (occ is not None and ia in occ)):
                    good += 1
    return good, total


def evaluate(case, rankers) -> list[tuple[str, float, float, float, str]]:
    rows = []
    for ranker in rankers:
        t0 = time.perf_counter()
        ranker.fit(case.profiles)
        nd, rc = [], []
        good = total = 0
        for opening in case.openings:
            ranked = ranker.rank(opening)
            n, r = ndcg_recall(ranked, gains(case, opening["id"]))
            nd.append(n)
            rc.append(r)
            if isinstance(ranker, KmuMatcher):
                g, t = explanation_precision(case, ranker, opening)
                good += g
                total += t
        seconds = time.perf_counter() - t0
        extra = f"explanation precision {good / total:.3f} ({good}/{total} pairs)" if total else ""
        rows.append((ranker.name, float(np.mean(nd)), float(np.mean(rc)), seconds, extra, good / total if total else None))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1500, 20000])
    parser.add_argument("--openings", type=int, default=120)
    parser.add_argument("--esco", type=Path, default=case_builder.DEFAULT_ESCO)
    parser.add_argument("--skip-slow", action="store_true", help="leave out the one-by-one rapidfuzz baseline on the large set")
    args = parser.parse_args()

    sets = [(f"ESCO-worded, {n} profiles, {args.openings} openings", case_builder.esco_worded(n, args.openings, esco_dir=args.esco)) for n in args.sizes]
    sets.append((f"shop-floor German, {len(case_builder.SHOP_FLOOR)} openings, 1500 profiles", case_builder.shop_floor(1500, esco_dir=args.esco)))
    esco: dict = {}
    speed = dict(measurements.load().get("speed", {}))
    for (title, case), size in zip(sets, [*args.sizes, None]):
        rankers = [
            KmuMatcher(),
            ExactOverlap(),
            TfidfCosine("word", (1, 1), "word TF-IDF cosine"),
            TfidfCosine("char_wb", (3, 5), "character 3-5-gram TF-IDF cosine"),
        ]
        if not (args.skip_slow and len(case.profiles) > 5000):
            rankers.append(PlainEscoNormaliser())
        print(f"\n== {title}")
        print(f"{'ranker':<36} {'nDCG@10':>8} {'recall@10':>10} {'seconds':>8}")
        for name, nd, rc, secs, extra, precision in evaluate(case, rankers):
            print(f"{name:<36} {nd:>8.3f} {rc:>10.3f} {secs:>8.1f}  {extra}")
            if name == KmuMatcher.name:
                mine = {"ndcg": round(nd, 3), "recall": round(rc, 3), "precision": round(precision, 3)}
                if size is None:
                    measurements.record("shop_floor", mine)
                else:
                    esco[str(size)] = mine
                    if size == 20000:
                        speed["whole_run_s"] = round(secs, 1)
            elif name.startswith("character") and size == 20000:
                speed["char_tfidf_s"] = round(secs, 1)
        sys.stdout.flush()
    if set(esco) == {"1500", "20000"} and args.openings == 120:  # the README's set-up: keep its figures
        measurements.record("esco_wording", esco)
        measurements.record("speed", speed)
        print("written to matching/data/measurements.json (README: python -m matching.measurements --readme)")


if __name__ == "__main__":
    main()
