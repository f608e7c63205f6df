"""Build matching/data/vocabulary.json.gz from ESCO/BA reference data and the curated additions.

    python scripts/build_vocabulary.py [--esco ../shared/data/esco] [--output matching/data/vocabulary.json.gz]

Reads (never at run time, only here):
- skills.jsonl.gz: ESCO skills with German and English labels and BA-Kompetenz terms,
- occupations.jsonl.gz: ESCO occupations with German and English labels,
- occupation_skill_relations.csv.gz: which skills each occupation needs (essential/optional),
- ba_berufsbenennungen_kldb.csv.gz: 18,838 German job titles of the BA with their KldB 2010 codes
  (the ESCO occupations carry KldB codes too, so a job title leads to its occupations),
- matching/data/curated.toml: the project's own words, certificates and related pairs.

Writes one compact file the product ships. Labels and titles are stored folded
(matching.text.fold, words kept apart); "key_version" says which folding made
them, and the loader refuses a file made with another one (rebuild it then).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from scipy import sparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from matching.text import GENDER_FRAGMENTS, KEY_VERSION, fold, is_fragment, key, plain_vowels, strip_gender  # noqa: E402
from matching.vocabulary import FORMAT, dumps, index_labels, pack_labels, pack_occupation_skills, pack_pairs, pack_titles, title_texts, unpack_related  # noqa: E402

# Label sources, in order of trust (lower wins when one key names several concepts).
PREF_DE, CURATED, ALT_DE, BA, PREF_EN, ALT_EN, OBJECT_DE, OBJECT_EN = range(8)
SOURCE_NAMES = ["pref_de", "curated", "alt_de", "ba", "pref_en", "alt_en", "object_de", "object_en"]

# "Gabelstapler bedienen" is asked for as "Gabelstapler", "operate cash register" as "cash register".
_DE_VERB = re.compile(r"^(?:[a-zäöüß]+(?:en|ern|eln))$")
_EN_VERBS = ("operate ", "use ", "perform ", "apply ", "handle ", "tend ", "carry out ", "work with ")


def object_phrase(label: str, source: int) -> str | None:
    """The object of a verb phrase label, or None."""
    words = label.split()
    if source == PREF_DE and len(words) >= 2 and _DE_VERB.match(words[-1]) and words[0][:1].isupper():
        return " ".join(words[:-1])
    if source == PREF_EN:
        for verb in _EN_VERBS:
            if label.startswith(verb) and len(label) > len(verb) + 3:
                return label[len(verb) :]
    return None


ATTRIBUTION = [
    "This service uses the ESCO classification of the European Commission.",
    "ESCO v1.1.1 (c) European Union, reuse under Commission Decision 2011/833/EU.",
    "BA-Kompetenzsystematik and KldB 2010 terms: Quelle: Bundesagentur für Arbeit.",
]


def short(uri: str) -> str:
    return uri.rsplit("/", 1)[-1]


def split_gendered(label: str) -> list[str]:
    """ESCO writes "Verkäufer/Verkäuferin"; both halves are labels of their own.

    Gender forms go first ("Buchhaltungsanalyst/-in", "Kaufmann/-frau" are one title), and
    what a cut leaves alone ("in", "frau") is never a label (matching.text.is_fragment)."""
    label = re.sub(r"\s*/\s*", "/", strip_gender(label)).strip()  # "Anglist/in / Amerikanist/in": "Anglist/Amerikanist"
    if "/" in label and " " not in label.split("/")[0][-3:]:
        parts = [p.strip() for p in label.split("/") if p.strip()]
        if len(parts) == 2 and parts[1].startswith("-"):  # "Facharzt/-ärztin - Kardiologie": the other form's
            return [re.sub(r"/\s*-[^\W\d_]+", "", label)]  # ending alone is no title
        # Two titles ("Koch/Köchin", "Maler/Lackierer", "Graveurmeister/B. Prof. Graveur-Handwerk"), or a title and
        # the second of two things it is about ("Fachwirt - kaufmännische Betriebsführung/Handwerk", "Fachkrankenpfleger
        # - Intensivpflege/Anästhesie"): that is no title by itself. The second is one where it begins as the first
        # does, or names a person as titles do.
        if len(parts) == 2:
            first, second = parts
            alike = plain_vowels(key(first))[:3] == plain_vowels(key(second))[:3]
            person = " " in second or fold(second).endswith(_PERSON_ENDINGS)
            return [p for p in (first, *([second] if alike or person else [])) if not is_fragment(key(p))]
    return [label]


# How German job titles end (a person): "Lackierer", "Köchin", "Florist", "Assistent", "Friseur", "Praktikant",
# "Kaufmann", "Bürokraft", "Küchenhilfe", "Meister"
_PERSON_ENDINGS = ("er", "in", "ist", "ent", "eur", "ant", "mann", "frau", "kraft", "hilfe", "eister")


def field_titles(title: str) -> list[str]:
    """A BA title for a person in several fields, once per field: "Helfer/in - Lager, Versand, Transport, Verkehr"
    -> "Helfer/in Lager", "Helfer/in Versand", …; "Servicekraft - Gastronomie und Gastgewerbe" -> "Servicekraft
    Gastronomie", "Servicekraft Gastgewerbe" (as ads write them). A field cut short ("Möbel-, Küchen- und
    Umzugsservice") is left out: its whole word is not written there."""
    head, dash, tail = title.partition(" - ")
    if not dash:
        return []
    fields = [f.strip() for f in re.split(r",|/|\s+(?:und|oder|sowie)\s+", re.sub(r"\s*\([^)]*\)", "", tail))]
    fields = [f for f in fields if f and not f.endswith("-") and not f.startswith("-")]
    return [f"{head} {f}" for f in fields] if len(fields) > 1 else []


def load_jsonl(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def build(esco_dir: Path, curated_path: Path) -> dict:
    skills = load_jsonl(esco_dir / "skills.jsonl.gz")
    occupations = load_jsonl(esco_dir / "occupations.jsonl.gz")
    curated = tomllib.loads(curated_path.read_text(encoding="utf-8"))

    ids: list[str] = []
    de: list[str] = []
    en: list[str] = []
    kind: list[str] = []
    index: dict[str, int] = {}

    def add_concept(cid: str, label_de: str, label_en: str, k: str) -> int:
        index[cid] = len(ids)
        ids.append(cid)
        de.append(label_de)
        en.append(label_en)
        kind.append(k)
        return index[cid]

    labels: list[tuple[str, int, int]] = []

    for s in skills:
        if not s.get("preferred_label_de") and not s.get("preferred_label_en"):
            continue
        k = "knowledge" if s["skill_type"] == "knowledge" else "skill"
        i = add_concept("esco:" + short(s["uri"]), s.get("preferred_label_de") or s["preferred_label_en"], s.get("preferred_label_en") or "", k)
        if s.get("preferred_label_de"):
            labels.append((s["preferred_label_de"], i, PREF_DE))
        for alt in s.get("alt_labels_de") or []:
            labels.append((alt, i, ALT_DE))
        for ba in s.get("ba_kompetenzen_exact_close") or []:
            if ba.get("relation") == "exactMatch":
                labels.append((ba["label"], i, BA))
        if s.get("preferred_label_en"):
            labels.append((s["preferred_label_en"], i, PREF_EN))
        for alt in s.get("alt_labels_en") or []:
            labels.append((alt, i, ALT_EN))

    occ_index: dict[str, int] = {}
    occ_skills: dict[int, list[int]] = {}
    occ_kldb: dict[int, list[str]] = {}
    for o in occupations:
        label_de = o.get("preferred_label_de") or o.get("preferred_label_en")
        if not label_de:
            continue
        i = add_concept("esco-occ:" + short(o["uri"]), label_de, o.get("preferred_label_en") or "", "occupation")
        occ_index[o["uri"]] = i
        for part in split_gendered(label_de):
            labels.append((part, i, PREF_DE))
        for alt in o.get("alt_labels_de") or []:
            for part in split_gendered(alt):
                labels.append((part, i, ALT_DE))
        for alt in [o.get("preferred_label_en")] + (o.get("alt_labels_en") or []):
            if alt:
                labels.append((alt, i, PREF_EN if alt == o.get("preferred_label_en") else ALT_EN))
        essential = [index.get("esco:" + short(u)) for u in o.get("essential_skill_uris") or []]
        occ_skills[i] = sorted({j for j in essential if j is not None})
        if o.get("kldb"):
            occ_kldb[i] = sorted(set(o["kldb"]))

    # Curated additions.
    by_pref_de: dict[str, int] = {}
    for i, (cid, label) in enumerate(zip(ids, de)):
        if cid.startswith("esco:"):
            by_pref_de.setdefault(label, i)

    def resolve(name: str) -> int:
        if name in index:
            return index[name]
        if name not in by_pref_de:
            raise SystemExit(f"curated.toml names an unknown ESCO skill: {name!r}")
        return by_pref_de[name]

    for entry in curated.get("synonym", []):
        i = resolve(entry["esco"])
        for term in entry["terms"]:
            labels.append((term, i, CURATED))
    curated_related: list[tuple[int, int]] = []
    for entry in curated.get("concept", []):
        i = add_concept(entry["id"], entry["de"], entry.get("en", ""), entry.get("kind", "skill"))
        labels.append((entry["de"], i, CURATED))
        for term in entry["terms"]:
            labels.append((term, i, CURATED))
    for entry in curated.get("concept", []):
        for name in entry.get("related", []):
            curated_related.append((index[entry["id"]], resolve(name)))
    for entry in curated.get("related", []):
        a, b = entry["pair"]
        curated_related.append((resolve(a), resolve(b)))

    # How many occupations use each skill (settles ties between homonyms).
    rel_rows, rel_cols = [], []
    with gzip.open(esco_dir / "occupation_skill_relations.csv.gz", "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            o = occ_index.get(row["occupation_uri"])
            s = index.get("esco:" + short(row["skill_uri"]))
            if o is not None and s is not None:
                rel_rows.append(o)
                rel_cols.append(s)
    usage = Counter(rel_cols)
    weight = [usage.get(i, 0) for i in range(len(ids))]

    related = related_by_cooccurrence(rel_rows, rel_cols, len(ids))
    related |= {tuple(sorted(p)) for p in curated_related}

    # Objects of verb phrases, where they name one skill only and are not a label already.
    known = {key(text) for text, _i, _s in labels}
    objects: dict[str, set[int]] = defaultdict(set)
    object_source: dict[str, int] = {}
    for text, i, source in labels:
        if kind[i] == "occupation":
            continue
        phrase = object_phrase(text, source)
        if phrase and key(phrase) not in known:
            objects[key(phrase)].add(i)
            object_source[key(phrase)] = OBJECT_DE if source == PREF_DE else OBJECT_EN
    for k, concepts in objects.items():
        if len(concepts) == 1:
            labels.append((k, next(iter(concepts)), object_source[k]))

    # Drop exact duplicates (same folded text, concept and source) and empty ones.
    seen = set()
    out_labels = []
    for text, i, source in labels:
        folded = fold(re.sub(r"\s+", " ", text).strip())
        if len(folded.replace(" ", "")) < 2 or folded in GENDER_FRAGMENTS or (folded, i, source) in seen:
            continue
        seen.add((folded, i, source))
        out_labels.append([folded, i, source])

    # German job titles of the BA, each with its KldB 2010 code ("Verkäufer/in" -> 62102).
    titles = set()
    with gzip.open(esco_dir / "ba_berufsbenennungen_kldb.csv.gz", "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            title = row["berufsbenennung"]
            # "Substitut/in (Warenhandel)" and "Fachkraft - Lagerlogistik" are also found by their first part, and a
            # title for several fields by each ("Helfer/in - Lager, Versand, Transport" as "Helfer/in Lager", …).
            heads = {title, re.split(r"\s+\(|\s+-\s+", title)[0], *field_titles(title)}
            for head in heads:
                # "Altenpflegehelfer/in" -> "Altenpflegehelfer"; "Koch/Köchin" is split into both
                for part in split_gendered(head):
                    folded = fold(part)
                    if folded and row["kldb2010_5"]:
                        titles.add((folded, row["kldb2010_5"]))

    # Words offered while typing: the project's own terms and the German names of skills.
    words = sorted(
        {t for entry in curated.get("synonym", []) for t in entry["terms"]}
        | {t for entry in curated.get("concept", []) for t in entry["terms"] + [entry["de"]]}
        | {label for label, k in zip(de, kind) if k != "occupation"},
        key=lambda t: (key(t), t),
    )
    seen_words: set[str] = set()
    suggestions = [t for t in words if not (t.casefold() in seen_words or seen_words.add(t.casefold()))]
    return {
        "format": FORMAT,
        "suggestions": suggestions,
        "key_version": KEY_VERSION,
        "attribution": ATTRIBUTION,
        "sources": SOURCE_NAMES,
        "concepts": {"id": ids, "de": de, "en": en, "kind": kind, "weight": weight},
        # as the loader looks them up (matching.vocabulary.index_labels), so that a start only reads them
        "labels": pack_labels(*index_labels(out_labels, len(ids), SOURCE_NAMES, weight)),
        "occupation_skills": pack_occupation_skills({k: v for k, v in occ_skills.items() if v}),
        "occupation_kldb": {str(k): v for k, v in occ_kldb.items()},
        "titles": pack_titles(titles),
        "related": pack_pairs(related),
    }


def related_by_cooccurrence(rows: list[int], cols: list[int], n: int, top: int = 3) -> set[tuple[int, int]]:
    """Skills that occupations nearly always ask for together (Jaccard >= 0.5, >= 3 occupations)."""
    m = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(n, n))
    m.data[:] = 1.0
    m = m.tocsc()
    counts = np.asarray(m.sum(axis=0)).ravel()
    frequent = np.flatnonzero(counts >= 3)
    sub = m[:, frequent]
    co = (sub.T @ sub).tocoo()
    pairs: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for a, b, c in zip(co.row, co.col, co.data):
        if a >= b or c < 3:
            continue
        ia, ib = frequent[a], frequent[b]
        jaccard = c / (counts[ia] + counts[ib] - c)
        if jaccard >= 0.5:
            pairs[ia].append((jaccard, ib))
            pairs[ib].append((jaccard, ia))
    out = set()
    for a, cands in pairs.items():
        for _j, b in sorted(cands, reverse=True)[:top]:
            out.add((int(min(a, b)), int(max(a, b))))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--esco", type=Path, default=ROOT.parent / "shared" / "data" / "esco")
    parser.add_argument("--curated", type=Path, default=ROOT / "matching" / "data" / "curated.toml")
    parser.add_argument("--output", type=Path, default=ROOT / "matching" / "data" / "vocabulary.json.gz")
    args = parser.parse_args()
    data = build(args.esco, args.curated)
    raw = dumps(data)
    # mtime=0: the same input gives the same bytes (a clean diff in git).
    with open(args.output, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    c = data["concepts"]
    print(
        f"{len(c['id'])} concepts ({Counter(c['kind'])}), {len(data['labels']['keys'].split())} label keys, {len(title_texts(data['titles']))} job titles, "
        f"{sum(map(len, unpack_related(data['related']).values())) // 2} related pairs -> {args.output} ({args.output.stat().st_size / 1e6:.1f} MB)"
    )


if __name__ == "__main__":
    main()
