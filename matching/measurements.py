"""The matcher's measured figures, kept in one file: ``matching/data/measurements.json``.

The benches write it (``bench/real_text.py``, ``bench/matching_quality.py``, ``bench/matching_speed.py``:
each replaces its own section and the month of the measurement). Everything that shows a figure reads
it: the admins' technical record, the public page "So entstehen Vorschläge", and the README's table,
which is written from it (``python -m matching.measurements --readme`` rewrites the table in place; a
test fails when the README says something else). So a figure is typed nowhere by hand.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

PATH = Path(__file__).parent / "data" / "measurements.json"
README = Path(__file__).resolve().parent.parent / "README.md"
START = "<!-- messwerte:start (geschrieben von python -m matching.measurements --readme) -->"
END = "<!-- messwerte:end -->"


def load(path: Path = PATH) -> dict[str, Any]:
    """The figures of the last measurements (an empty dict before any)."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def record(section: str, figures: dict[str, Any], *, path: Path = PATH, month: str | None = None) -> None:
    """Replace ``section`` of the file with ``figures`` (a bench's own figures), stamped with the month."""
    data = load(path)
    data[section] = figures
    data.setdefault("months", {})[section] = month or date.today().strftime("%Y-%m")
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


def measured_month(data: dict[str, Any]) -> str:
    """The latest month any section was measured in (``yyyy-mm``)."""
    return max(data.get("months", {}).values(), default="")


def de(value: float, digits: int = 3) -> str:
    """A figure the German way: "0,552", "19,6", "14.000"."""
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def readme_table(data: dict[str, Any]) -> str:
    """The README's table of measurements, written from the file (German, as the README is)."""
    rt, esco, shop, speed = data["real_text"], data["esco_wording"], data["shop_floor"], data["speed"]
    held, dev, steps = rt["held_out"], rt["dev"], rt["steps"]
    small, large = esco["1500"], esco["20000"]
    ads = held["ads"] + dev["ads"]
    rows = [
        "| Messung | Ergebnis | Ziel |",
        "|---|---|---|",
        f"| nDCG@10 / recall@10, Text von niemandem hier, held-out ({held['ads']} Anzeigen) | **{de(held['ndcg'])}** / {de(held['recall'])} "
        f"(Zeichen-TF-IDF {de(held['char_tfidf'])}, Wort-TF-IDF {de(held['word_tfidf'])}) | ≥ 0,30 und ≥ 0,10 über der besten Referenz |",
        f"| dasselbe, dev ({dev['ads']} Anzeigen, zum Einstellen benutzt) | {de(dev['ndcg'])} / {de(dev['recall'])} (Zeichen-TF-IDF {de(dev['char_tfidf'])}) | |",
        f"| dieselben Anzeigen ohne Titel: nDCG@10 held-out / dev | {de(held['ndcg_without_title'])} / {de(dev['ndcg_without_title'])} | "
        "höchstens 0,10 unter dem Wert mit Titel |",
        f"| Vorschläge unter den ersten 10 ohne prüfbaren Beleg (nichts unter „Passt“) | "
        f"{de(held['top10_without_evidence'] * 100, 0)} % / {de(dev['top10_without_evidence'] * 100, 0)} % | 0 |",
        f"| Anzeigen ohne jeden Kandidaten | {held['empty'] + dev['empty']} von {ads} | 0 |",
        f"| Zeilen, die als Kompetenz gelesen werden oder eine enthalten / Titel, die zu einem Beruf führen | {de(rt['lines_read'] * 100, 0)} % / "
        f"{de(rt['titles_resolved'] * 100, 0)} % | |",
        f"| nDCG@10 / recall@10, ESCO-Wortlaut, 1.500 Profile, 120 Stellen | **{de(small['ndcg'])}** / {de(small['recall'])} | ≥ 0,99 |",
        f"| nDCG@10 / recall@10, ESCO-Wortlaut, 20.000 Profile | **{de(large['ndcg'])}** / {de(large['recall'])} | ≥ 0,98 |",
        f"| nDCG@10 / recall@10, Betriebsdeutsch | **{de(shop['ndcg'])}** / {de(shop['recall'])} | ≥ 0,90 |",
        "| Erklärungs-Präzision (ein Paar, das „gleich“ behauptet, meint dieselbe oder eine ausdrücklich verwandte Kompetenz) | "
        f"{de(small['precision'])} / {de(large['precision'])} / {de(shop['precision'])} | ≥ 0,97 |",
        f"| ganzer Lauf (normalisieren, aufbauen, 120 Stellen ranken), 20.000 Profile | {de(speed['whole_run_s'], 1)} s "
        f"(Zeichen-TF-IDF: {de(speed['char_tfidf_s'], 1)} s) | nicht langsamer als Zeichen-TF-IDF |",
        f"| Normalisierung | {de(speed['terms_per_s'], 0)} verschiedene Begriffe/s (einmaliger Aufbau des Tippfehler-Index "
        f"{de(speed['fuzzy_setup_s'], 1)} s) | |",
        f"| `fit` mit 100.000 Profilen | {de(speed['fit_100k_s'], 0)} s (inkl. Normalisierung) | |",
        f"| Ranking einer Stelle gegen 100.000 Profile | p50 {de(speed['rank_100k_p50_ms'], 1)} ms, p95 {de(speed['rank_100k_p95_ms'], 1)} ms | p50 < 20 ms |",
        f"| 1.000 Stellen × 100.000 Profile, jeweils Top 10 | {de(speed['batch_1000x100k_s'], 1)} s | < 10 s |",
        f"| Speicher (Spitze) | {de(speed['peak_mb'], 0)} MB | < 1,5 GB |",
        "",
        f"Was jeder Schritt bringt (`bench/real_text.py --steps`, nDCG@10 held-out, ohne den Schritt): ohne den Beruf aus dem Titel "
        f"{de(steps['no_title'])}; ohne die Wortähnlichkeit der ganzen Anzeige {de(steps['no_text'])}; ohne abgestufte Ähnlichkeit "
        f"{de(steps['no_graded'])}; ohne das Finden von Kompetenzen in langen Zeilen {de(steps['no_spotting'])}; ohne verwandte Kompetenzen "
        f"{de(steps['no_related'])} (mit allem {de(held['ndcg'])}). Stand der Messungen: {measured_month(data)}.",
    ]
    return "\n".join([START, *rows, END])


def write_readme(data: dict[str, Any], readme: Path = README) -> None:
    text = readme.read_text(encoding="utf-8")
    before, rest = text.split(START, 1)
    _old, after = rest.split(END, 1)
    readme.write_text(before + readme_table(data) + after, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Show the matcher's measured figures, or write them into the README.")
    parser.add_argument("--readme", action="store_true", help="rewrite the README's table from the file")
    args = parser.parse_args(argv)
    data = load()
    if args.readme:
        write_readme(data)
    else:
        print(json.dumps(data, indent=2, ensure_ascii=False))


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    main()
