"""Licences and languages an ad states in its lines are hard conditions, like typed ones (issue 30.4)."""

from __future__ import annotations

import pytest

from matching import Matcher, opening_from_dict, profile_from_dict, requirements


@pytest.mark.parametrize(
    "line, wanted",
    [
        ("Führerschein Klasse B erforderlich", "B"),
        ("Führerschein der Klassen C und CE", "CE"),
        ("Fahrerlaubnis Kl. C1E", "C1E"),
        ("Fahrausweis / Führerausweis Kat. B", "B"),
        ("Führerschein B oder BE", "B"),
        ("Führerschein", "B"),
        ("Staplerschein", None),
        ("Sie bereiten die Schüler auf die theoretische und praktische Fahrerlaubnisprüfung vor", None),
        ("Führerscheinklasse CE", "CE"),
        ("Besitz eines gültigen Führerscheins", "B"),
        ("Kasse bedienen", None),
    ],
)
def test_licence_lines(line, wanted):
    assert requirements.licence(line) == wanted


@pytest.mark.parametrize(
    "line, wanted",
    [
        ("Gute Deutschkenntnisse", {"de": "B1"}),
        ("Gute Deutsch- und Englischkenntnisse", {"de": "B1", "en": "B1"}),
        ("Englisch fließend", {"en": "B2"}),
        ("Deutsch B2", {"de": "B2"}),
        ("sehr gute Deutschkenntnisse in Wort und Schrift", {"de": "B2"}),
        ("Grundkenntnisse in Deutsch", {"de": "A2"}),
        ("Sie sprechen ein wenig Deutsch", {"de": "A1"}),
        ("Ein bisschen Englisch", {"en": "A1"}),
        ("Verhandlungssicheres Französisch", {"fr": "C1"}),
        ("Teamfähigkeit", {}),
    ],
)
def test_language_lines(line, wanted):
    assert requirements.languages(line) == wanted


@pytest.mark.parametrize(
    "line, wanted",
    [
        ("Deutsch B1 und Englisch B2", {"de": "B1", "en": "B2"}),
        ("B1 Deutsch und A2 Englisch", {"de": "B1", "en": "A2"}),
        ("Gute Deutsch- und sehr gute Englischkenntnisse", {"de": "B1", "en": "B2"}),
        ("Deutsch fließend, Englisch Grundkenntnisse", {"de": "B2", "en": "A2"}),
        ("Sehr gute Deutschkenntnisse (C1)", {"de": "C1"}),
        ("Deutsch- und Englischkenntnisse B1", {"de": "B1", "en": "B1"}),
        ("Gute Deutschkenntnisse (mind. B1), Englisch", {"de": "B1", "en": "B1"}),
        ("Deutsch B1, Deutsch B2", {"de": "B2"}),
    ],
)
def test_each_language_gets_the_level_said_of_it(line, wanted):
    """Found writing ads as small businesses write them: „Deutsch B1 und Englisch B2“ asked for English B1 and
    „Deutsch fließend, Englisch Grundkenntnisse“ for fluent English – the line's first level was every language's. A
    language's level is the one said next to it in its clause (a code before a word); one said for several
    languages („Deutsch- und Englischkenntnisse B1“) is each one's; the strictest of two for one language counts."""
    assert requirements.languages(line) == wanted


def person(pid, **kw):
    return profile_from_dict({"id": pid, "skills": ["Kasse"], "languages": {"de": "B1"}, "hours": ["full_time"], **kw})


def opening(oid, required, optional=(), **kw):
    return opening_from_dict(
        {"id": oid, "required_skills": list(required), "optional_skills": list(optional), "german_level": "A2", "hours": "full_time", **kw}
    )


@pytest.fixture(scope="module")
def matcher(normaliser):
    people = [
        person("car", driving_licences=["B"]),
        person("none"),
        person("truck", driving_licences=["CE"]),
        person("english", languages={"de": "B1", "en": "B2"}),
    ]
    return Matcher(normaliser).fit(people)


def test_a_stated_licence_is_a_hard_condition_and_says_where_it_comes_from(matcher):
    ranking = matcher.rank(opening("o1", ["Kasse", "Führerschein Klasse C"]))
    assert [r.id for r in ranking] == ["truck"]  # CE includes C; B does not
    [cond] = [c for c in ranking[0].explanation["conditions"] if c["condition"] == "driving_licence"]
    assert cond == {"condition": "driving_licence", "required": "C", "profile": ["CE"], "status": "met", "line": "Führerschein Klasse C"}
    # a line that is only a condition is no skill to cover: never "missing", the score stays the skills'
    assert ranking[0].explanation["missing"] == [] and ranking[0].explanation["parts"]["required"] == 1.0
    assert matcher.explain(opening("o1", ["Kasse", "Führerschein Klasse C"]), "car").explanation["conditions"][-1]["status"] == "failed"


def test_a_nice_to_have_line_states_no_condition(matcher):
    assert {r.id for r in matcher.rank(opening("o2", ["Kasse"], ["Führerschein Klasse B"]))} == {"car", "none", "truck", "english"}


@pytest.mark.parametrize(
    "line",
    [
        "Führerschein BE wünschenswert",
        "Führerschein Klasse C von Vorteil",
        "Idealerweise Führerschein Klasse C",
        "Führerschein C gern gesehen, aber keine Bedingung",
        "Gute Englischkenntnisse sind ein Plus",
        "Führerschein Klasse C erwünscht",
        "Englischkenntnisse willkommen",
    ],
)
def test_a_required_line_that_says_it_is_a_wish_is_nice_to_have(matcher, line):
    """„Führerschein BE wünschenswert“, typed among the required lines (a gardener's ad), excluded everyone without
    BE: a line that says it is only a wish states no hard condition and counts as nice to have. The same line
    without the wish, or marked by the employer as the must-have, still is one."""
    everyone = {"car", "none", "truck", "english"}
    assert {r.id for r in matcher.rank(opening("w1", ["Kasse", line]))} == everyone
    strict = line.replace("wünschenswert", "").replace("von Vorteil", "").replace("Idealerweise ", "")
    strict = strict.replace(" gern gesehen, aber keine Bedingung", "").replace(" sind ein Plus", "")
    strict = strict.replace(" erwünscht", "").replace(" willkommen", "")
    assert {r.id for r in matcher.rank(opening("w2", ["Kasse", strict]))} < everyone
    assert {r.id for r in matcher.rank(opening("w3", ["Kasse", line], must_skills=[line]))} < everyone
    # read as nice to have: in the explanation's nice-to-have part, not the required one
    result = matcher.explain(opening("w4", ["Kasse", line]), "none")
    assert result.explanation["parts"]["required"] == 1.0


def test_a_stated_language_is_a_hard_condition_with_the_typed_tolerance(matcher):
    assert [r.id for r in matcher.rank(opening("o3", ["Kasse", "Gute Englischkenntnisse"]))] == ["english"]
    # German stated above the typed level raises it; the same tolerance as for typed levels applies
    assert matcher.rank(opening("o4", ["Kasse", "sehr gute Deutschkenntnisse"])) == []
    relaxed = matcher.rank(opening("o5", ["Kasse", "sehr gute Deutschkenntnisse"], language_support=True))
    assert relaxed and relaxed[0].explanation["conditions"][0]["status"] == "relaxed"


@pytest.mark.parametrize(
    "line, wanted",
    [
        ("Führerschein Klasse B zwingend, keine Englischkenntnisse nötig", ("B", {})),
        ("Gute Deutschkenntnisse erforderlich, Englisch ist kein Muss", (None, {"de": "B1"})),
        ("Deutsch B1; einen Führerschein brauchen Sie nicht", (None, {"de": "B1"})),
        ("Führerschein Klasse C und gute Englischkenntnisse", ("C", {"en": "B1"})),
        ("Keine Deutschkenntnisse nötig", (None, {})),
    ],
)
def test_a_clause_that_says_its_condition_is_not_needed_states_none(line, wanted):
    """„Führerschein Klasse B zwingend, keine Englischkenntnisse nötig“ stays a required line (it asks for the licence),
    and asked for English too: a clause that says what it names is not needed states no condition."""
    assert requirements.conditions_of(line) == wanted


def test_an_ad_that_says_german_or_a_licence_is_not_needed_excludes_no_one(normaliser):
    people = [person("car", driving_licences=["B"]), person("beginner", languages={"de": "A1"}), person("truck", driving_licences=["CE"])]
    matcher = Matcher(normaliser).fit(people)
    everyone = {"car", "beginner", "truck"}
    for line in ("Keine Deutschkenntnisse nötig", "Sie brauchen keinen Führerschein", "Auch ohne Deutschkenntnisse möglich", "Deutsch ist nicht so wichtig"):
        assert {r.id for r in matcher.rank(opening("n1", ["Kasse", line], german_level="A1"))} == everyone, line
    # „ein wenig Deutsch“ asks for a beginner's level, not A2
    assert {r.id for r in matcher.rank(opening("n3", ["Kasse", "Sie sprechen ein wenig Deutsch"], german_level="A1"))} == everyone
    mixed = matcher.rank(opening("n2", ["Kasse", "Führerschein Klasse B zwingend, keine Englischkenntnisse nötig"]))
    assert {r.id for r in mixed} == {"car", "truck"}  # the licence is asked for, English is not
    [cond] = [c for c in mixed[0].explanation["conditions"] if c["condition"] == "driving_licence"]
    assert cond["required"] == "B" and not [c for c in mixed[0].explanation["conditions"] if c["condition"] == "language"]


@pytest.mark.parametrize(
    "line, wanted",
    [
        ("Deutschkenntnisse B1 Voraussetzung, Englisch von Vorteil", (None, {"de": "B1"})),
        ("Führerschein Klasse B zwingend, Englisch wäre gut", ("B", {})),
        ("Führerschein B zwingend, Staplerschein wäre gut, muss aber nicht", ("B", {})),
        ("Führerschein Klasse C wäre super", (None, {})),
        ("Gute Englischkenntnisse hilfreich", (None, {})),
        ("Deutsch B1 und Englisch B2", (None, {"de": "B1", "en": "B2"})),
    ],
)
def test_a_clause_that_is_only_wished_for_states_no_condition(line, wanted):
    """Found writing ads as small businesses write them: „Deutschkenntnisse B1 Voraussetzung, Englisch von Vorteil“
    made English B1 a hard condition, although the ad only wishes for it (the line stays required: it asks for
    German). A clause that is only a wish states no condition, as one that says it is not needed."""
    assert requirements.conditions_of(line) == wanted


def test_an_ad_that_only_wishes_for_a_language_or_licence_excludes_no_one(normaliser):
    people = [person("car", driving_licences=["B"]), person("walker", languages={"de": "B1"})]
    matcher = Matcher(normaliser).fit(people)
    for line in ("Führerschein Klasse B wäre gut, muss aber nicht", "Führerschein wäre super", "Deutsch B1 zwingend, Englisch von Vorteil"):
        assert {r.id for r in matcher.rank(opening("w1", ["Kasse", line], german_level="A1"))} == {"car", "walker"}, line


def test_openings_for_a_person_honour_the_stated_conditions(normaliser):
    m = Matcher(normaliser).fit([person("car", driving_licences=["B"])])
    for o in (opening("a", ["Kasse", "Führerschein CE"]), opening("b", ["Kasse", "Englisch fließend"]), opening("c", ["Kasse"])):
        m.update_opening(o)
    assert [r.id for r in m.rank_openings("car")] == ["c"]


@pytest.mark.parametrize(
    "line, occupation",
    [
        ("Lehre als Koch EFZ", "Koch/Köchin"),
        ("abgeschlossene Ausbildung als Verkäufer/in", "Verkäufer/Verkäuferin"),
        ("Erfahrung als Maler", "Maler/Malerin"),
    ],
)
def test_qualification_lines_name_the_occupation(line, occupation):
    from matching import titles
    from matching.vocabulary import default_vocabulary

    vocab = default_vocabulary()
    named = titles.occupations(vocab, titles.trained_as(line) or "")
    assert occupation in {vocab.label_de[o.concept] for o in named}


@pytest.mark.parametrize(
    "line, only",
    [
        ("Führerschein Klasse B", True),
        ("sehr gute Deutschkenntnisse in Wort und Schrift erforderlich", True),
        ("Besitz eines gültigen Führerscheins Klasse B", True),
        ("Führerschein Klasse B und Erfahrung im Lager", False),
        ("Gabelstaplerschein", False),
    ],
)
def test_a_line_with_more_than_its_condition_stays_a_skill_line(line, only):
    assert requirements.only_conditions(line) is only
