"""Labelled test cases for the matcher benchmarks, built from ESCO (and hand-written shop-floor openings).

Every case carries its ground truth as concept ids, so that rankings made from
text can be judged against the skills the text really means.

ESCO-worded cases: a profile is a random ESCO occupation's essential (and a few
optional) skills; an opening is another draw from an occupation. Each skill is
written the way different people write it: the German preferred or an
alternative label, a BA-Kompetenz term, the English preferred or an
alternative label; some in lower case, some with a typo.

Relevance of a profile for an opening is the share of the opening's required
skills (weight 2) and nice-to-have skills (weight 1) that the profile really has.
"""

from __future__ import annotations

import gzip
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco"


@dataclass
class Case:
    profiles: list[dict]  # interchange records
    openings: list[dict]
    profile_truth: dict[str, set[str]]  # profile id -> concept ids it has
    opening_truth: dict[str, tuple[list[str], list[str]]]  # opening id -> (required, optional) concept ids per term
    term_truth: dict[str, str]  # written term -> concept id (for explanation precision)


def load_esco(esco_dir: Path = DEFAULT_ESCO) -> tuple[dict, dict]:
    """Skills (with all their labels) and occupations (with their skills) from the reference data."""
    if not (esco_dir / "skills.jsonl.gz").exists():
        raise SystemExit(f"ESCO reference data not found in {esco_dir}; pass --esco DIR")
    skills = {}
    with gzip.open(esco_dir / "skills.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            s = json.loads(line)
            cid = "esco:" + s["uri"].rsplit("/", 1)[-1]
            writings = {
                "pref_de": [s["preferred_label_de"]] if s.get("preferred_label_de") else [],
                "alt_de": s.get("alt_labels_de") or [],
                "ba": [b["label"] for b in s.get("ba_kompetenzen_exact_close") or [] if b.get("relation") == "exactMatch"],
                "pref_en": [s["preferred_label_en"]] if s.get("preferred_label_en") else [],
                "alt_en": s.get("alt_labels_en") or [],
            }
            skills[cid] = writings
    occupations = {}
    with gzip.open(esco_dir / "occupations.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            ess = ["esco:" + u.rsplit("/", 1)[-1] for u in o.get("essential_skill_uris") or []]
            opt = ["esco:" + u.rsplit("/", 1)[-1] for u in o.get("optional_skill_uris") or []]
            ess = [c for c in ess if c in skills and skills[c]["pref_de"]]
            opt = [c for c in opt if c in skills and skills[c]["pref_de"]]
            if len(ess) >= 8:
                occupations[o["uri"]] = (ess, opt)
    return skills, occupations


def typo(text: str, rng: random.Random) -> str:
    """One typing error: a swapped, dropped, doubled or wrong letter (never in the first two)."""
    if len(text) < 6:
        return text
    i = rng.randrange(2, len(text) - 1)
    op = rng.choice(["swap", "drop", "double", "replace"])
    if op == "swap":
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if op == "drop":
        return text[:i] + text[i + 1 :]
    if op == "double":
        return text[:i] + text[i] + text[i:]
    return text[:i] + rng.choice("aeiounrst") + text[i + 1 :]


def write(writings: dict[str, list[str]], rng: random.Random) -> str:
    """The skill as one person might write it."""
    styles = [("pref_de", 30), ("alt_de", 15), ("ba", 15), ("pref_en", 20), ("alt_en", 20)]
    available = [(s, w) for s, w in styles if writings[s]]
    style = rng.choices([s for s, _ in available], [w for _, w in available])[0]
    text = rng.choice(writings[style])
    r = rng.random()
    if r < 0.25:
        text = text.lower()
    elif r < 0.45:
        text = typo(text, rng)
    return text


def esco_worded(n_profiles: int, n_openings: int = 120, seed: int = 7, esco_dir: Path = DEFAULT_ESCO) -> Case:
    rng = random.Random(seed)
    skills, occupations = load_esco(esco_dir)
    occ_ids = sorted(occupations)
    # A pool of occupations so that every opening has several good candidates.
    pool = rng.sample(occ_ids, k=min(len(occ_ids), max(40, n_profiles // 12)))
    term_truth: dict[str, str] = {}

    def render(cid: str) -> str:
        text = write(skills[cid], rng)
        term_truth.setdefault(text, cid)
        return text

    profiles, profile_truth = [], {}
    for n in range(n_profiles):
        ess, opt = occupations[rng.choice(pool)]
        chosen = rng.sample(ess, k=min(len(ess), rng.randint(4, 8)))
        if opt:
            chosen += rng.sample(opt, k=min(len(opt), rng.randint(0, 2)))
        pid = f"p{n:05d}"
        profiles.append({"id": pid, "skills": [render(c) for c in chosen], "languages": {"de": "C2"}, "hours": []})
        profile_truth[pid] = set(chosen)
    openings, opening_truth = [], {}
    for n in range(n_openings):
        ess, opt = occupations[rng.choice(pool)]
        required = rng.sample(ess, k=min(len(ess), rng.randint(3, 6)))
        optional = rng.sample(opt, k=min(len(opt), 2)) if opt else []
        oid = f"o{n:04d}"
        openings.append(
            {
                "id": oid,
                "title": oid,
                "required_skills": [render(c) for c in required],
                "optional_skills": [render(c) for c in optional],
                "german_level": "A1",
                "hours": "full_time",
                "driving_licence": None,
            }
        )
        opening_truth[oid] = (required, optional)
    return Case(profiles, openings, profile_truth, opening_truth, term_truth)


# Openings as owners in Wehringhausen and Altenhagen write them, each term labelled with the
# ESCO skill (German preferred label) or project concept it means.
SHOP_FLOOR = [
    (
        "Lagerhelfer (m/w/d)",
        [("Staplerschein", "Gabelstapler bedienen"), ("Kommissionierung", "bestellte Waren zum Versand zusammenstellen"), ("Pakete packen", "Waren verpacken")],
        [("Ware annehmen", "Waren entgegen nehmen")],
    ),
    (
        "Küchenhilfe",
        [
            ("Gemüse schnippeln", "Gemüse für den Gebrauch in einem Gericht vorbereiten"),
            ("Spülen", "Geschirr spülen"),
            ("Küche sauber halten", "Sauberkeit des Arbeitsbereichs bewahren"),
        ],
        [("Gesundheitszeugnis", "kmu:ifsg43")],
    ),
    (
        "Reinigungskraft Büro",
        [("putzen", "Reinigungsarbeiten durchführen"), ("Fenster putzen", "Glasflächen reinigen"), ("Staubsaugen", "Flächen mit dem Staubsauger reinigen")],
        [("Reinigungsmittel", "Reinigungsmittel")],
    ),
    (
        "Verkäuferin Bäckerei",
        [("Kasse", "Kasse bedienen"), ("Brötchen verkaufen", "kmu:verkauf_theke"), ("Kaffee machen", "kmu:kaffeemaschine")],
        [("Frühschicht", "Schichtdienst verrichten")],
    ),
    (
        "Regalauffüller Supermarkt",
        [("Regale einräumen", "Regale auffüllen"), ("Ware verräumen", "Regale auffüllen"), ("Inventur", "Genauigkeit der Lagerbestandsführung prüfen")],
        [("MDE-Gerät", "Scanner bedienen")],
    ),
    (
        "Servicekraft Restaurant",
        [("Servieren", "Essen am Tisch servieren"), ("Getränke ausschenken", "Getränke servieren"), ("Kasse", "Kasse bedienen")],
        [("Gäste begrüssen", "Gäste begrüßen")],
    ),
    (
        "Friseurhelferin",
        [("Haare waschen", "Haare waschen"), ("Salon putzen", "Räume reinigen"), ("Kundinnen empfangen", "Gäste begrüßen")],
        [("Färben", "Haare färben")],
    ),
    (
        "Pflegehelfer ambulant",
        [("Pflegebasiskurs", "kmu:pflegebasiskurs"), ("Grundpflege", "kmu:koerperpflege"), ("Erste-Hilfe-Kurs", "Erste Hilfe leisten")],
        [("Führerschein Klasse B", "kmu:fuehrerschein_b")],
    ),
    (
        "Bauhelfer",
        [("Baustellenhelfer", "kmu:baustellenhelfer"), ("schwer heben", "schwere Gewichte heben"), ("mit Werkzeug umgehen", "Handwerkzeuge verwenden")],
        [("Trockenbau", "Trockenbauwand einbauen")],
    ),
    (
        "Staplerfahrer Spedition",
        [("Stapler fahren", "Gabelstapler bedienen"), ("Lager-Logistik", "Betrieb von Lagerhäusern"), ("LKW beladen", "Fracht verladen")],
        [("Scanner", "Scanner bedienen")],
    ),
    (
        "Haushaltshilfe",
        [("Hauswirtschaft", "kmu:hauswirtschaft"), ("Einkäufe erledigen", "Lebensmittel einkaufen"), ("Wäsche waschen", "Wäsche waschen")],
        [("kochen", "Kochtechniken nutzen")],
    ),
    (
        "Helfer Autowerkstatt",
        [("Reifenwechsel", "Reifen ersetzen"), ("Autos waschen", "Fahrzeuge waschen"), ("Ölwechsel", "kmu:oelwechsel")],
        [("Führerschein B", "kmu:fuehrerschein_b")],
    ),
    (
        "Malerhelfer",
        [
            ("Wände streichen", "Oberflächen streichen"),
            ("Tapezieren", "Tapete anbringen"),
            ("Untergrund vorbereiten", "anzustreichende Oberfläche vorbereiten"),
        ],
        [("Fliesen legen", "Fliesen verlegen")],
    ),
    (
        "Kioskaushilfe",
        [("Kassieren", "Kasse bedienen"), ("Lotto-Annahme", "kmu:lotto"), ("Zeitschriften einsortieren", "Regale auffüllen")],
        [("Spätschicht", "Schichtdienst verrichten")],
    ),
]


def shop_floor(n_profiles: int = 1500, seed: int = 11, esco_dir: Path = DEFAULT_ESCO) -> Case:
    """Shop-floor openings against ESCO-worded profiles.

    Profiles come from the ESCO occupations of the quarters' jobs, with the
    curated skills of the openings mixed in, so every opening has real candidates.
    """
    from matching.vocabulary import default_vocabulary

    vocab = default_vocabulary()
    rng = random.Random(seed)
    skills, occupations = load_esco(esco_dir)
    by_label = {}
    for cid in vocab.ids:
        by_label.setdefault(vocab.label_de[vocab.index[cid]], cid)

    def concept(name: str) -> str:
        if name.startswith("kmu:"):
            return name
        if name not in by_label:
            raise SystemExit(f"shop-floor case names an unknown ESCO skill: {name}")
        return by_label[name]

    asked = sorted({concept(c) for _t, req, opt in SHOP_FLOOR for _w, c in req + opt})
    term_truth: dict[str, str] = {}

    def render(cid: str) -> str:
        if cid in skills:
            text = write(skills[cid], rng)
        else:  # a project concept: its German label, as counsellors type it
            text = vocab.label_de[vocab.index[cid]]
            if rng.random() < 0.3:
                text = text.lower()
        term_truth.setdefault(text, cid)
        return text

    occ_ids = sorted(occupations)
    profiles, profile_truth = [], {}
    for n in range(n_profiles):
        ess, opt = occupations[rng.choice(occ_ids)]
        chosen = rng.sample(ess, k=rng.randint(3, 6))
        chosen += rng.sample(asked, k=rng.randint(1, 4))
        chosen = list(dict.fromkeys(chosen))
        pid = f"s{n:05d}"
        profiles.append({"id": pid, "skills": [render(c) for c in chosen], "languages": {"de": "C2"}, "hours": []})
        profile_truth[pid] = set(chosen)
    openings, opening_truth = [], {}
    for n, (title, req, opt) in enumerate(SHOP_FLOOR):
        oid = f"shop{n:02d}"
        openings.append(
            {
                "id": oid,
                "title": title,
                "required_skills": [w for w, _c in req],
                "optional_skills": [w for w, _c in opt],
                "german_level": "A1",
                "hours": "full_time",
                "driving_licence": None,
            }
        )
        opening_truth[oid] = ([concept(c) for _w, c in req], [concept(c) for _w, c in opt])
        for w, c in req + opt:
            term_truth[w] = concept(c)
    return Case(profiles, openings, profile_truth, opening_truth, term_truth)
