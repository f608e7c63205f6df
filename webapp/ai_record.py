"""The technical record of the matcher, as the AI Act asks a high-risk system to keep one (admins only):
which version ranks, on which vocabulary and sources, with which parameters, how well it measured,
and what the service logs for how long."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any

from flask_babel import lazy_gettext as _l

import matching
from matching import Matcher
from matching.vocabulary import DEFAULT_PATH, default_vocabulary

# The latest figures of the benches (README, "Gemessen"); bench/*.py print them anew.
BENCHMARKS = (
    ("bench/real_text.py", _l("nDCG@10, Anzeigentext von niemandem hier, nur gemessener Teil (136 Anzeigen)"), (0.552,), ""),
    ("bench/matching_quality.py", _l("nDCG@10, ESCO-Wortlaut, 1.500 / 20.000 Profile"), (0.994, 0.991), ""),
    ("bench/matching_quality.py", _l("nDCG@10, Betriebsdeutsch (vom Projekt geschrieben)"), (0.98,), ""),
    ("bench/matching_quality.py", _l("Erklärungs-Präzision"), (0.993,), ""),
    ("bench/matching_speed.py", _l("Ranking einer Stelle gegen 100.000 Profile, p50 / p95"), (8.9, 10.7), "ms"),
)
BENCHMARKS_MEASURED = "2026-11"


@lru_cache(maxsize=1)
def _vocabulary_digest() -> str:
    return hashlib.sha256(DEFAULT_PATH.read_bytes()).hexdigest()[:16]


def record(retention_months: int) -> dict[str, Any]:
    vocabulary = default_vocabulary()
    return {
        "matcher_version": matching.__version__,
        "parameters": sorted(Matcher().get_params().items()),
        "vocabulary": {
            "file": DEFAULT_PATH.name,
            "sha256": _vocabulary_digest(),
            "concepts": len(vocabulary.ids),
            "attribution": vocabulary.attribution,
        },
        "benchmarks": BENCHMARKS,
        "measured": BENCHMARKS_MEASURED,
        "retention_months": retention_months,
    }
