"""Speed and memory of the matcher.

    python bench/matching_speed.py [--profiles 100000] [--openings 1000] [--terms 10000]

Prints:
- distinct terms normalised per second (10,000 terms as people write them:
  German and English labels, lower case, typos), with the one-time set-up of
  the fuzzy index shown apart;
- fit time for 100,000 profiles;
- rank latency for one opening against 100,000 profiles (p50, p95);
- 1,000 openings x 100,000 profiles, top 10 each (targets: p50 < 20 ms,
  batch < 10 s on 2 cores);
- peak memory of the process (target < 1.5 GB).

The data is generated from the shipped vocabulary (ESCO occupations and their
essential skills), so the benchmark needs nothing outside the repository.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matching import Matcher, Normaliser, Opening, Profile, measurements
from matching.vocabulary import default_vocabulary


def typo(text: str, rng: random.Random) -> str:
    if len(text) < 6:
        return text
    i = rng.randrange(1, len(text) - 1)
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :] if rng.random() < 0.5 else text[:i] + text[i + 1 :]


def writer(vocab, rng: random.Random):
    def write(concept: int) -> str:
        text = vocab.label_en[concept] if (rng.random() < 0.35 and vocab.label_en[concept]) else vocab.label_de[concept]
        r = rng.random()
        if r < 0.2:
            return text.lower()
        if r < 0.35:
            return typo(text, rng)
        return text

    return write


def make_data(n_profiles: int, n_openings: int, seed: int = 5):
    vocab = default_vocabulary()
    rng = random.Random(seed)
    write = writer(vocab, rng)
    occupations = [skills for skills in vocab.occupation_skills.values() if len(skills) >= 8]
    levels = ["A1", "A2", "B1", "B2", "C1", "C2"]
    hours = ["full_time", "part_time", "minijob"]
    postcodes = ["58089", "58091", "58093", "58095", "58097", "58099", "58119", "58135"]
    profiles = []
    for n in range(n_profiles):
        skills = rng.choice(occupations).tolist()
        chosen = rng.sample(skills, k=rng.randint(4, 8))
        profiles.append(
            Profile(
                id=f"p{n}",
                skills=tuple(write(c) for c in chosen),
                languages={"de": rng.choice(levels)},
                hours=tuple(rng.sample(hours, k=rng.randint(1, 3))),
                driving_licences=("B",) if rng.random() < 0.3 else (),
                postcode=rng.choice(postcodes),
            )
        )
    openings = []
    for n in range(n_openings):
        skills = rng.choice(occupations).tolist()
        chosen = rng.sample(skills, k=rng.randint(4, 7))
        openings.append(
            Opening(
                id=f"o{n}",
                title=f"o{n}",
                required_skills=tuple(write(c) for c in chosen[:-2]),
                optional_skills=tuple(write(c) for c in chosen[-2:]),
                german_level=rng.choice(levels[:4]),
                hours=rng.choice(hours),
                postcode=rng.choice(postcodes),
            )
        )
    return profiles, openings


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--openings", type=int, default=1000)
    parser.add_argument("--terms", type=int, default=10_000)
    args = parser.parse_args()

    t = time.perf_counter()
    vocab = default_vocabulary()
    print(f"vocabulary loaded: {len(vocab)} concepts, {len(vocab.entries)} label keys in {time.perf_counter() - t:.2f} s")

    # 1. distinct terms per second
    rng = random.Random(1)
    write = writer(vocab, rng)
    skills = [i for i, k in enumerate(vocab.kind) if k in ("skill", "knowledge")]
    terms: set[str] = set()
    while len(terms) < args.terms:
        terms.add(write(rng.choice(skills)))
    normaliser = Normaliser(vocab)
    t = time.perf_counter()
    normaliser._fuzzy_labels()
    setup = time.perf_counter() - t
    t = time.perf_counter()
    results = normaliser.normalise_records([[term] for term in sorted(terms)])
    seconds_terms = seconds = time.perf_counter() - t
    hows: dict[str, int] = {}
    for [r] in results:
        hows[r.how] = hows.get(r.how, 0) + 1
    print(
        f"normalise: {args.terms} distinct terms in {seconds:.2f} s = {args.terms / seconds:,.0f} terms/s "
        f"(fuzzy index set-up once per process: {setup:.2f} s; {hows})"
    )

    # 2. fit
    profiles, openings = make_data(args.profiles, args.openings)
    matcher = Matcher(Normaliser(vocab))
    t = time.perf_counter()
    matcher.fit(profiles)
    fit = time.perf_counter() - t
    print(
        f"fit: {args.profiles:,} profiles in {fit:.1f} s (incl. normalising their terms; {matcher.exact_.nnz:,} non-zeros, {len(matcher.columns_):,} columns)"
    )

    # 3. latency of one opening
    latencies = []
    for opening in openings[:200]:
        t = time.perf_counter()
        matcher.rank(opening, k=10)
        latencies.append((time.perf_counter() - t) * 1000)
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(f"rank one opening against {args.profiles:,} profiles: p50 {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms (target p50 < 20 ms)")

    # 4. batch
    t = time.perf_counter()
    batch = matcher.rank_many(openings, k=10)
    seconds = time.perf_counter() - t
    found = sum(len(r) for r in batch)
    print(f"rank {len(openings):,} openings x {args.profiles:,} profiles, top 10: {seconds:.1f} s ({found:,} results; target < 10 s)")

    # 5. memory
    print(f"peak memory: {peak_mb():,.0f} MB (target < 1,500 MB)")
    if args.profiles == 100_000 and args.openings == 1000:  # the README's set-up: keep its figures
        speed = dict(measurements.load().get("speed", {}))
        speed.update(
            terms_per_s=round(args.terms / seconds_terms, -2),
            fuzzy_setup_s=round(setup, 1),
            fit_100k_s=round(fit),
            rank_100k_p50_ms=round(statistics.median(latencies), 1),
            rank_100k_p95_ms=round(p95, 1),
            batch_1000x100k_s=round(seconds, 1),
            peak_mb=round(peak_mb()),
        )
        measurements.record("speed", speed)
        print("written to matching/data/measurements.json (README: python -m matching.measurements --readme)")


if __name__ == "__main__":
    main()
