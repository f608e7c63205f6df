"""The matcher's report: the vocabulary, the project's own layer, and what the layer does to the benches.

``python -m matching report [--layer FILE]`` prints it; the web app's admin page shows the same
(webapp.vocabulary.operations). The layer is the file the web app exports (term -> concept id, or null for
"its own thing"), with the counts of proposals accepted and rejected.

The benches are the cases in ``data/layer_cases.json.gz`` (scripts/build_layer_cases.py): shop-floor
openings and ads of real German prose against ESCO-worded profiles, each opening in a fixed split.
The layer's effect is measured as nDCG@10 with and without the layer:

* on the held-out split, with every layer entry left out that names a word of a held-out case
  (title or task line) – so no entry can have been made from a case it is measured on, whoever
  wrote it; the entries left out are listed;
* on the dev split with the whole layer, which shows harm a wrong entry does to cases it touches.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .matcher import Matcher
from .normalise import Normaliser
from .records import opening_from_dict, profile_from_dict
from .text import key
from .vocabulary import default_vocabulary

DEFAULT_CASES = Path(__file__).resolve().parent / "data" / "layer_cases.json.gz"
K = 10
LAYER_FORMAT = "kmu-match-vocabulary-layer"


class LayerFileError(ValueError):
    """The file is not a layer the web app exported."""


def read_layer(path: str | Path) -> tuple[dict[str, str | None], dict[str, int]]:
    """An exported layer file: (term -> concept id or None, counts of proposals)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LayerFileError(f"cannot read {path}: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != LAYER_FORMAT or not isinstance(data.get("entries"), list):
        raise LayerFileError(f"{path} is not a vocabulary layer exported by KMU-Match")
    layer: dict[str, str | None] = {}
    for entry in data["entries"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("term"), str):
            raise LayerFileError(f"{path}: an entry without a term")
        layer[entry["term"]] = entry.get("concept") if isinstance(entry.get("concept"), str) else None
    proposals = data.get("proposals")
    counts = {k: v for k, v in proposals.items() if isinstance(v, int)} if isinstance(proposals, dict) else {}
    return layer, counts


def load_cases(path: str | Path = DEFAULT_CASES) -> dict[str, Any]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)["sets"]


def ndcg_at_k(ranked: list[str], gain: Mapping[str, float]) -> float:
    dcg = sum(gain.get(pid, 0.0) / math.log2(i + 2) for i, pid in enumerate(ranked[:K]))
    ideal = sorted(gain.values(), reverse=True)[:K]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 1.0


def case_keys(case_set: dict[str, Any], split: str) -> list[str]:
    """The keys of the titles and task lines of the openings of ``split``."""
    out = []
    for o in case_set["openings"]:
        if case_set["split"][o["id"]] == split:
            out += [key(text) for text in [o.get("title", ""), *o["required_skills"], *o.get("optional_skills", [])] if key(text)]
    return out


def touched_by_cases(layer: Mapping[str, str | None], keys: list[str]) -> list[str]:
    """The layer's terms that are, or are inside, a text of the cases."""
    return sorted(term for term in layer if key(term) and any(key(term) in k for k in keys))


def measure(case_set: dict[str, Any], normaliser: Normaliser, split: str) -> float:
    """Mean nDCG@10 of the matcher over the openings of ``split``."""
    matcher = Matcher(normaliser).fit([profile_from_dict(p) for p in case_set["profiles"]])
    scores = [
        ndcg_at_k([r.id for r in matcher.rank(opening_from_dict(o), k=K)], case_set["gains"][o["id"]])
        for o in case_set["openings"]
        if case_set["split"][o["id"]] == split
    ]
    return sum(scores) / len(scores) if scores else 1.0


def report(
    layer: Mapping[str, str | None],
    proposals: Mapping[str, int] | None = None,
    cases_path: str | Path = DEFAULT_CASES,
    progress: Callable[[float], None] | None = None,
) -> dict[str, Any]:
    """Everything the report shows, as plain data (see the module's docstring); ``progress(share)`` is told
    how far it is (0 to 1) after each measurement."""
    vocabulary = default_vocabulary()
    sets = load_cases(cases_path)
    held_keys = [k for case_set in sets.values() for k in case_keys(case_set, "held-out")]
    left_out = touched_by_cases(layer, held_keys)
    clean = {t: c for t, c in layer.items() if t not in left_out}
    plain = Normaliser(vocabulary)
    with_clean = Normaliser(vocabulary, layer=clean) if clean else plain
    with_all = Normaliser(vocabulary, layer=layer) if layer else plain
    benches = {}
    steps, done = 4 * len(sets), 0

    def step(value: float) -> float:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done / steps)
        return value

    for name, case_set in sets.items():
        held_without = step(measure(case_set, plain, "held-out"))
        dev_without = step(measure(case_set, plain, "dev"))
        benches[name] = {
            "openings": {split: sum(v == split for v in case_set["split"].values()) for split in ("held-out", "dev")},
            "held_out": {"without": held_without, "with": step(measure(case_set, with_clean, "held-out") if clean else held_without)},
            "dev": {"without": dev_without, "with": step(measure(case_set, with_all, "dev") if layer else dev_without)},
        }
    return {
        "vocabulary": len(vocabulary),
        "layer": {"entries": len(layer), "own": sum(c is None for c in layer.values()), "left_out": left_out},
        "proposals": dict(proposals or {}),
        "benches": benches,
    }


def format_report(rep: dict[str, Any]) -> str:
    layer = rep["layer"]
    lines = [
        f"Wortschatz: {rep['vocabulary']} Begriffe (ESCO und Projektergänzungen)",
        f"Eigener Wortschatz des Projekts: {layer['entries']} Einträge ({layer['own']} davon „eigener Begriff“)",
    ]
    if rep["proposals"]:
        p = rep["proposals"]
        lines.append(f"Vorschläge: {p.get('accepted', 0)} übernommen, {p.get('rejected', 0)} abgelehnt, {p.get('open', 0)} offen")
    if layer["left_out"]:
        lines.append(f"Für die Messung weggelassen (Wörter aus zurückgehaltenen Fällen): {', '.join(layer['left_out'])}")
    lines.append("nDCG@10 ohne / mit dem eigenen Wortschatz:")
    for name, b in rep["benches"].items():
        h, d = b["held_out"], b["dev"]
        lines.append(
            f"  {name}: zurückgehalten ({b['openings']['held-out']} Stellen) {h['without']:.3f} / {h['with']:.3f}; "
            f"Entwicklung ({b['openings']['dev']} Stellen, ganzer Wortschatz) {d['without']:.3f} / {d['with']:.3f}"
        )
    return "\n".join(lines)
