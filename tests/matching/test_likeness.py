"""„Ähnliche Wörter“ only where a counsellor would accept the likeness (issue 25.1, matching.likeness)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from matching.matcher import Matcher, feature_space, likeness
from matching.records import Opening, Profile

HERE = Path(__file__).parent


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


DEMO_PAIRS = read(HERE / "data/demo_similar_pairs.csv")
REAL_TEXT_PAIRS = read(HERE.parent.parent / "bench/data/similar_pairs.csv")
SHOWN_PAIRS = read(HERE.parent.parent / "bench/data/similar_sample.csv")


def person(pid: str, skills: list[str]) -> Profile:
    return Profile(id=pid, skills=tuple(skills), languages={"de": "C2"})


GRADED = ("similar", "object")  # „ähnliche Wörter“, „gleicher Gegenstand, Tätigkeit bitte prüfen“: both graded


def similar_entries(matcher: Matcher, line: str, pid: str) -> list[dict]:
    """The graded pairs an explanation shows (either way it names them)."""
    result = matcher.explain(Opening(id="o", required_skills=(line,)), pid)
    return [e for e in result.explanation["matched"] if e["how"] in GRADED]


DEMO_FLOOR = 0.12  # the demo pairs were collected down to this cosine (bench/similar_pairs.py)


@pytest.fixture(scope="module")
def demo_matcher(normaliser) -> Matcher:
    """With the cosine floor lowered to where the pairs were collected, so that the rule alone decides."""
    return Matcher(normaliser, similar_floor=DEMO_FLOOR).fit([person(str(i), [row["by"]]) for i, row in enumerate(DEMO_PAIRS)])


@pytest.mark.parametrize("i", range(len(DEMO_PAIRS)), ids=[f"{r['line']} <- {r['by']}" for r in DEMO_PAIRS])
def test_no_demo_pair_a_counsellor_rejects_is_shown_or_counted(demo_matcher, i):
    row = DEMO_PAIRS[i]
    entries = [e for e in similar_entries(demo_matcher, row["line"], str(i)) if e["by"] == row["by"]]
    if row["judgement"] == "reject":
        assert entries == []
        # and it earns nothing: the profile is not a candidate for the line at all
        assert str(i) not in {r.id for r in demo_matcher.rank(Opening(id="o", required_skills=(row["line"],)), k=100)}


def test_the_rule_keeps_demo_pairs_that_share_a_word(demo_matcher):
    """Of the 23 accepted demo pairs, 16 share no word at all ("Salon putzen", "Büros reinigen"): the rule cannot show
    those. It shows the 7 that do (measured by bench/similar_pairs.py); a stricter rule that hides them fails. Four of
    them pair „Warenpräsentation“ with filling shelves: since it is read as „Warenpräsentation organisieren“ (not
    as overseeing the stocking of shelves) the vocabulary relates the two, and they are shown as related."""
    shown = 0
    for i, row in enumerate(DEMO_PAIRS):
        if row["judgement"] == "accept":
            result = demo_matcher.explain(Opening(id="o", required_skills=(row["line"],)), str(i))
            shown += any(e["by"] == row["by"] and e["how"] in (*GRADED, "related") for e in result.explanation["matched"])
    assert shown >= 7


def test_the_demo_pairs_are_every_graded_pair_of_the_demo_terms():
    """The judged file holds every pair ``bench/similar_pairs.py --collect`` lists (so a new demo term's pair gets
    judged: the test fails until it is). A judged pair the vocabulary's weights have since moved below the floor
    stays in the file: its judgement still holds, and the tests above still ask it."""
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, str(HERE.parent.parent / "bench/similar_pairs.py"), "--collect", "--floor", str(DEMO_FLOOR)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    collected = {(r["line"], r["by"]) for r in csv.DictReader(out.splitlines())}
    assert collected <= {(r["line"], r["by"]) for r in DEMO_PAIRS}


def test_the_issue_example_says_not_found(normaliser):
    m = Matcher(normaliser).fit([person("a", ["Verkauf an der Theke"])])
    result = m.explain(Opening(id="o", required_skills=("Brötchen backen",)), "a")
    assert result.explanation["matched"] == []
    assert result.explanation["missing"] == ["Brötchen backen"]


def test_an_adjective_or_a_general_noun_alone_is_no_likeness(normaliser):
    m = Matcher(normaliser).fit([person("a", ["technische Dokumentationen verwenden"]), person("b", ["Maschine versorgen"])])
    assert similar_entries(m, "Sie übernehmen technische Aufgaben", "a") == []
    assert similar_entries(m, "Sie bedienen Maschinen", "b") == []


def test_a_noun_is_never_the_same_word_as_a_verb(normaliser):
    m = Matcher(normaliser).fit([person("a", ["Wäsche waschen"])])
    assert similar_entries(m, "Haare waschen", "a") == []


def test_a_verb_is_not_found_inside_another_verb(normaliser):
    rule = Matcher(normaliser).fit([person("a", ["Kasse"])]).likeness_
    shared = rule.words(rule.side(("Sie gewährleisten die Sicherheit",)), rule.side(("Unterstützung leisten",)))
    assert shared == []


def test_a_shown_likeness_names_the_words_both_sides_share(normaliser):
    m = Matcher(normaliser).fit([person("a", ["Quxbaz-Geräte reparieren"]), person("b", ["Bagger bedienen"])])
    [entry] = similar_entries(m, "Wartung und Reparatur von Quxbaz-Geräten", "a")
    assert "Quxbaz-Geräten" in entry["shared"]
    [entry] = similar_entries(m, "Aufsichtskräfte überwachen Baggerarbeiten", "b")
    assert entry["shared"] == ["Baggerarbeiten"]  # one form of each shared word, as the line writes it


def test_a_specific_noun_with_the_same_work_is_a_likeness_but_with_other_work_it_must_be_rarer(normaliser):
    m = Matcher(normaliser).fit([person("a", ["Bewässerungssysteme warten"]), person("b", ["behinderten Fahrgästen helfen"])])
    [entry] = similar_entries(m, "die für Bewässerungssysteme verwendet werden", "a")
    assert entry["shared"] == ["Bewässerungssysteme"]
    assert similar_entries(m, "Sie befördern Fahrgäste in Pferdekutschen", "b") == []


def test_on_the_hand_judged_real_text_pairs_most_shown_pairs_are_accepted(normaliser):
    """Measured by ``bench/similar_pairs.py``: before the rule every one of these 60 pairs was shown (40 accepted,
    20 rejected: 67 %); the rule was tuned on the dev half. A change that shows more rejected pairs fails here."""
    m = Matcher(normaliser).fit([person(str(i), [r["by"]]) for i, r in enumerate(REAL_TEXT_PAIRS)])
    shown = {"accept": 0, "reject": 0}
    for i, r in enumerate(REAL_TEXT_PAIRS):
        if any(e["by"] == r["by"] for e in similar_entries(m, r["line"], str(i))):
            shown[r["judgement"]] += 1
    assert shown["reject"] <= 4
    assert shown["accept"] / (shown["accept"] + shown["reject"]) >= 0.85
    assert shown["accept"] >= 28  # the rule keeps most of what a counsellor accepts


def test_a_kind_of_the_bare_noun_or_other_work_on_it_is_no_likeness(normaliser):
    """Found on the dev half of the fresh sample (bench/data/similar_sample.csv): the opening plans programmes, the
    profile plans resources; the opening steers aircraft, the profile waves them in („Einwinken“ says what is done
    as a noun). The same noun with the same work is still a likeness."""
    rule = likeness(feature_space(normaliser.vocabulary))  # the matcher's own, kept per vocabulary
    accepts = lambda line, term: rule.accepts(rule.side((line,)), rule.side((term,)))  # noqa: E731
    assert not accepts("Sie übernehmen die Planung von Programmen für die körperliche Betätigung", "Ressourcenplanung durchführen")
    assert accepts("Sie übernehmen die Ressourcenplanung im Betrieb", "Ressourcenplanung durchführen")
    assert not accepts("Sie steuern Starrflügel- und mehrmotorige Flugzeuge", "Signale zum Einwinken von Flugzeugen")
    assert accepts("Sie winken Flugzeuge auf dem Vorfeld ein", "Signale zum Einwinken von Flugzeugen")


def test_a_noun_said_of_something_the_opening_does_not_name_is_another_thing(normaliser):
    """Found on the dev half of the fresh sample: the instrument maker adjusts the instruments' parts, the profile
    knows the parts of engines. "X von Y" says a kind of X as the compound "Y-X" does; where the opening names Y,
    too, or the profile says X by itself, the pair is alike."""
    rule = likeness(feature_space(normaliser.vocabulary))
    accepts = lambda line, term: rule.accepts(rule.side((line,)), rule.side((term,)))  # noqa: E731
    line = "Sie können die Präzisionsgeräte und ihre Bestandteile bei Fehlern justieren"
    assert not accepts(line, "Bestandteile von Motoren")
    assert not accepts(line, "Bestandteile der Motoren")
    assert accepts(line, "Bestandteile von Präzisionsgeräten")
    assert accepts("Sie prüfen die Bestandteile von Motoren", "Bestandteile von Motoren")
    side = rule.side(("Wartung von den Bewässerungssystemen",))
    assert [w.of for w in side] == [side[1].stem, None]  # the article between is skipped
    assert [w.of for w in rule.side(("Rohrleitungen und Pumpen",))] == [None, None]  # a list is no complement


def test_of_the_pairs_shown_on_05_12_a_counsellor_still_accepts_every_one_kept(normaliser):
    """bench/data/similar_sample.csv: 80 pairs the explanations showed before the last three refinements (8 rejected
    by hand: 5 dev, 3 held-out). The refinements drop 4 of the dev ones and no accepted pair (one accepted pair is
    now shown as typical of the occupation instead: "calculate gem's value"). One more accepted pair is no longer
    graded since „Kalkstein“ is read as itself, not as „Kalk“ with a feminine ending taken off („gelöschten Kalk
    herstellen“ for „Kalkstein zur Herstellung von Kalk … verbrennen“: the line's words are more than the shared
    „Kalk“ now; it still counts by the occupation)."""
    m = Matcher(normaliser).fit([person(str(i), [r["by"]]) for i, r in enumerate(SHOWN_PAIRS)])
    shown = {"accept": 0, "reject": 0}
    for i, r in enumerate(SHOWN_PAIRS):
        if any(e["by"] == r["by"] for e in similar_entries(m, r["line"], str(i))):
            shown[r["judgement"]] += 1
    assert shown["reject"] <= 4 and shown["accept"] >= 70


def _how(matcher: Matcher, line: str, pid: str) -> list[tuple[str, list[str]]]:
    return [(e["how"], e["shared"]) for e in similar_entries(matcher, line, pid)]


def test_a_pair_that_shares_only_what_is_worked_on_asks_the_reader_to_check_the_task(normaliser):
    """„Bekleidungsprodukte herstellen ← Bekleidungsprodukte untersuchen“ is no likeness of the task (a counsellor
    rejected it as „ähnlich“): both say what is done, not the same, and share only the object. It is shown as what
    it is, the same object, the task to be checked (issue 25.1); the credit is that of any graded pair."""
    m = Matcher(normaliser).fit(
        [
            person("a", ["Bekleidungsprodukte untersuchen"]),
            person("b", ["Straftäter festnehmen"]),
            person("c", ["Quxbaz-Geräte reparieren"]),
            person("d", ["Elektronische Patientenakte"]),
        ]
    )
    assert _how(m, "Sie sollen verschiedene Bekleidungsprodukte herstellen", "a") == [("object", ["Bekleidungsprodukte"])]
    assert _how(m, "Sie überwachen jugendliche Straftäter", "b") == [("object", ["Straftäter"])]
    # the same doing on both sides („Reparatur“, „reparieren“) is a likeness of the task
    [(how, shared)] = _how(m, "Wartung und Reparatur von Quxbaz-Geräten", "c")
    assert how == "similar" and "Quxbaz-Geräten" in shared
    # a side that names no doing („Elektronische Patientenakte“) cannot do other work: the words are alike
    assert _how(m, "Sie lesen Patientenakten", "d") == [("similar", ["Patientenakten"])]
    # both kinds earn the same graded credit
    [object_pair] = similar_entries(m, "Sie sollen verschiedene Bekleidungsprodukte herstellen", "a")
    assert 0 < object_pair["credit"] < m.similar_credit + 1e-9 and 0 < object_pair["strength"] <= 1


def test_the_kind_is_read_from_the_sides_that_show_the_shared_words(normaliser):
    """The rule's own answer for two sides: other work and no shared doing is „object“; a shared doing is not."""
    rule = Matcher(normaliser).fit([person("a", ["Kasse"])]).likeness_
    side = rule.side
    assert rule.kind(side(("Bekleidungsprodukte herstellen",)), side(("Bekleidungsprodukte untersuchen",))) == "object"
    assert rule.kind(side(("Bekleidungsprodukte herstellen",)), side(("Bekleidungsprodukte herstellen und verkaufen",))) == "similar"
    assert rule.kind(side(("Bekleidungsprodukte",)), side(("Bekleidungsprodukte untersuchen",))) == "similar"


def test_two_kinds_of_one_noun_are_no_likeness_even_beside_the_bare_noun(normaliser):
    """Found on the third draw (bench/data/similar_sample3.csv, rejected on all three spellings of one profile): the
    line's „kleinen Werkzeugen“, read as „Handwerkzeuge verwenden“, was shown alike with „IT-Werkzeuge verwenden“.
    Two things went wrong: „Werkzeugen“ counted as holding „IT-Werkzeuge“ (a hyphenated word's stem is its first
    part, „IT“: the rest of it is not all of it), and the verb the reading adds made the pair alike although the two
    sides name different kinds of tools. The same noun with a kind of it and the same work stays a likeness."""
    rule = likeness(feature_space(normaliser.vocabulary))
    accepts = lambda a, b: rule.accepts(rule.side(a), rule.side(b))  # noqa: E731
    werkzeugen, it = rule.side(("werkzeugen",))[0], rule.side(("IT-Werkzeuge",))[0]
    assert not werkzeugen.holds(it) and it.holds(werkzeugen)
    assert werkzeugen.meets(it) == it.meets(werkzeugen) == werkzeugen.stem  # the word they share, not „IT“
    assert not accepts(("werkzeugen", "Handwerkzeuge verwenden"), ("it-werkzeuge verwenden", "IT-Werkzeuge verwenden"))
    assert accepts(("Werkzeuge verwenden",), ("IT-Werkzeuge verwenden",))  # the opening names only the bare noun
    assert accepts(("Sie bedienen die Maschine",), ("Bohrmaschine bedienen",))  # a kind of it, the same work
    assert accepts(("Handwerkzeuge verwenden",), ("Handwerkzeuge verwenden", "IT-Werkzeuge verwenden"))
    m = Matcher(normaliser).fit([person("a", ["it-werkzeuge verwenden"])])
    line = "Sie sind zuständig für die Belieferung der Zwickerei mit den Bestandteilen für Schaft und Boden sowie mit kleinen Werkzeugen"
    assert similar_entries(m, line, "a") == []
