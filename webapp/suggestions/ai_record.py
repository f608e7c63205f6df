"""The technical record of the matcher, as the AI Act asks a high-risk system to keep one (admins only):
which version ranks, on which vocabulary and sources, with which parameters, how well it measured,
and what the service logs for how long."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any

import matching
from matching import Matcher, measurements
from matching.vocabulary import DEFAULT_PATH, default_vocabulary
from webapp.core.i18n import lazy_gettext as _l


def benchmarks(data: dict[str, Any]) -> list[tuple[str, object, tuple[float, ...], str]]:
    """The latest figures of the benches, from the one file they write (matching/data/measurements.json)."""
    held, esco, shop, speed = data["real_text"]["held_out"], data["esco_wording"], data["shop_floor"], data["speed"]
    return [
        ("bench/real_text.py", _l("nDCG@10, Anzeigentext von niemandem hier, nur gemessener Teil (%(n)d Anzeigen)", n=held["ads"]), (held["ndcg"],), ""),
        ("bench/matching_quality.py", _l("nDCG@10, ESCO-Wortlaut, 1.500 / 20.000 Profile"), (esco["1500"]["ndcg"], esco["20000"]["ndcg"]), ""),
        ("bench/matching_quality.py", _l("nDCG@10, Betriebsdeutsch (vom Projekt geschrieben)"), (shop["ndcg"],), ""),
        ("bench/matching_quality.py", _l("Erklärungs-Präzision"), (esco["1500"]["precision"],), ""),
        ("bench/matching_speed.py", _l("Ranking einer Stelle gegen 100.000 Profile, p50 / p95"), (speed["rank_100k_p50_ms"], speed["rank_100k_p95_ms"]), "ms"),
    ]


@lru_cache(maxsize=1)
def _vocabulary_digest() -> str:
    return hashlib.sha256(DEFAULT_PATH.read_bytes()).hexdigest()[:16]


def record(retention_months: int) -> dict[str, Any]:
    vocabulary = default_vocabulary()
    data = measurements.load()
    return {
        "matcher_version": matching.__version__,
        "parameters": sorted(Matcher().get_params().items()),
        "vocabulary": {
            "file": DEFAULT_PATH.name,
            "sha256": _vocabulary_digest(),
            "concepts": len(vocabulary.ids),
            "attribution": vocabulary.attribution,
        },
        "benchmarks": benchmarks(data),
        "measured": measurements.measured_month(data),
        "retention_months": retention_months,
    }
