"""An ad pasted line by line: only the lines about the work are read for skills and conditions (matching.sections)."""

from __future__ import annotations

import pytest

from matching import Matcher, opening_from_dict, profile_from_dict
from matching.sections import heading, only_qualifies, opening_work, waived, work_lines, work_only

AD = [
    "Ihre Aufgaben:",
    "Reinigung von Büros und Treppenhäusern",
    "Ihr Profil",
    "Führerschein Klasse B",
    "Vergütung: nach Tarif",
    "Wir bieten:",
    "Kinderbetreuung im Betrieb",
    "Kostenlose Getränke und Obst",
    "Über uns",
    "Wir sind eine Bäckerei und auf Backwaren spezialisiert",
    "Interesse geweckt?",
    "Frau Müller freut sich auf Ihren Anruf",
    "Das bringen Sie mit:",
    "Erfahrung im Verkauf",
]


def test_the_lines_under_the_offer_the_business_and_the_contact_are_not_the_work():
    kept = [line for line, work in zip(AD, work_lines(AD)) if work]
    assert kept == ["Reinigung von Büros und Treppenhäusern", "Führerschein Klasse B", "Erfahrung im Verkauf"]


def test_lines_before_any_heading_and_ads_without_headings_are_all_work():
    lines = ["Kinder betreuen", "Kontakt mit Kunden", "Bewerbungsgespräche führen", "Das erwartet Sie", "Ein nettes Team"]
    assert work_lines(lines) == [True] * len(lines)


@pytest.mark.parametrize(
    ("line", "kind", "rest"),
    [
        ("Ihre Aufgaben", "work", ""),
        ("Das bringst du mit", "work", ""),
        ("Sie übernehmen folgende Aufgaben:", "work", ""),
        ("Was wir Ihnen bieten", "other", ""),
        ("Unser Angebot:", "other", ""),
        ("Über uns", "other", ""),
        ("Haben wir Ihr Interesse geweckt?", "other", ""),
        ("Wir bieten: flexible Arbeitszeiten, Jobticket", "other", "flexible Arbeitszeiten, Jobticket"),
        ("Arbeitsort: Hagen", "fact", "Hagen"),
        ("Vergütung: nach Tarif", "fact", "nach Tarif"),
        ("Arbeitszeit: Frühschicht", None, "Frühschicht"),
    ],
)
def test_headings_and_their_kind(line, kind, rest):
    assert heading(line) == (kind, rest)


@pytest.mark.parametrize("line", ["Kontakt mit Kunden", "Kinderbetreuung", "Bewerbungsgespräche führen", "Angebote erstellen", "Ein nettes Team"])
def test_a_short_line_with_a_word_of_its_own_is_no_heading(line):
    assert heading(line) is None


def test_a_skill_named_in_the_offer_earns_nothing_and_is_not_explained_as_missing(normaliser):
    nanny = profile_from_dict({"id": "p", "skills": ["Kinder betreuen"], "languages": {"de": "B1"}, "hours": ["full_time"], "driving_licences": ["B"]})
    ad = opening_from_dict({"id": "o", "title": "Reinigungskraft", "required_skills": AD, "german_level": "A2", "hours": "full_time"})
    result = Matcher(normaliser).fit([nanny]).explain(ad, "p")
    assert result.explanation["matched"] == []  # "Kinderbetreuung" is what the bakery offers, not what it asks for
    assert result.explanation["missing"] == ["Reinigung von Büros und Treppenhäusern", "Erfahrung im Verkauf"]
    assert [c["condition"] for c in result.explanation["conditions"] if c.get("line")] == ["driving_licence"]


def test_a_must_have_stays_a_requirement_wherever_it_stands():
    lines = ["Regale auffüllen", "Wir bieten:", "Staplerschein"]
    assert work_only(lines) == ["Regale auffüllen"]
    assert work_only(lines, keep=["staplerschein"]) == ["Regale auffüllen", "Staplerschein"]


def test_the_lines_under_a_heading_of_wishes_and_the_lines_that_say_they_are_wishes_are_nice_to_have():
    """„Von Vorteil:“ (a pasted ad's heading) and „Führerschein BE wünschenswert“ (a line typed among the required
    ones) say what would be good to have: the matcher reads them as nice to have, so no condition they state excludes
    anyone. The must-have stays required; the next heading of the work ends the wishes; „Kundenvorteile erklären“ and
    „Was wir uns wünschen“ (a profile) are no wishes."""
    required = [
        "Ihre Aufgaben:",
        "Regale auffüllen",
        "Kundenvorteile erklären",
        "Führerschein BE wünschenswert",
        "Von Vorteil:",
        "Staplerschein",
        "Englischkenntnisse",
        "Was wir uns wünschen:",
        "Zuverlässigkeit",
        "Wir bieten:",
        "Jobticket",
    ]
    assert heading("Von Vorteil:") == ("wish", "") and heading("Wünschenswert") == ("wish", "")
    assert heading("Was wir uns wünschen:") == ("work", "")
    assert opening_work(required, ["Kasse"]) == (
        ["Regale auffüllen", "Kundenvorteile erklären", "Zuverlässigkeit"],
        ["Führerschein BE wünschenswert", "Staplerschein", "Englischkenntnisse", "Kasse"],
    )
    read, wished = opening_work(required, [], must=["Staplerschein"])
    assert "Staplerschein" in read and "Staplerschein" not in wished
    assert work_only(required) == [
        line for line in required if line not in ("Ihre Aufgaben:", "Von Vorteil:", "Was wir uns wünschen:", "Wir bieten:", "Jobticket")
    ]


def test_welcoming_guests_is_a_task_not_a_wish():
    """„willkommen“ says a wish („Englischkenntnisse willkommen“), „Gäste willkommen heißen“ is a waiter's task."""
    assert opening_work(["Gäste willkommen heißen", "Englischkenntnisse willkommen"], []) == (["Gäste willkommen heißen"], ["Englischkenntnisse willkommen"])


@pytest.mark.parametrize(
    ("line", "wish"),
    [
        ("Führerschein Klasse B zwingend, Staplerschein von Vorteil", False),
        ("Deutschkenntnisse B1 Voraussetzung, Englisch von Vorteil", False),
        ("Lehre im Detailhandel, idealerweise Branche Bäckerei", False),
        ("Ein Staplerschein ist wünschenswert, aber keine Voraussetzung.", True),
        ("Führerschein nicht unbedingt nötig", True),
        ("Staplerschein wünschenswert, aber nicht zwingend", True),
        ("Idealerweise Erfahrung in der Pflege", True),
    ],
)
def test_a_line_that_asks_for_something_besides_its_wish_stays_a_requirement(line, wish):
    """Found reading the change again: „Führerschein Klasse B zwingend, Staplerschein von Vorteil“ was read as a
    wish, and the licence it asks for was no hard condition any more. A line is a wish only where it asks for nothing
    besides: no „zwingend“, „erforderlich“, „Voraussetzung“ once its words of a wish are taken out, no wish said after
    what is asked („…, idealerweise …“). „keine Voraussetzung“, „nicht unbedingt nötig“ are words of a wish."""
    assert opening_work([line], []) == (([], [line]) if wish else ([line], []))


@pytest.mark.parametrize(
    ("line", "wish"),
    [
        ("Staplerschein wäre gut, muss aber nicht", True),
        ("Minibagger fahren wäre super", True),
        ("Ein Führerschein wäre toll", True),
        ("PC-Kenntnisse hilfreich", True),
        ("Erfahrung schadet nicht", True),
        ("Englisch ist ein Pluspunkt", True),
        ("Staplerschein ist ein Muss", False),
        ("Führerschein muss sein", False),
        ("Die Ware muss nicht gekühlt werden", False),
        ("Sie geben hilfreiche Tipps", False),
        ("Sie trennen Komponenten, die bei der Reinigung von Öl hilfreich sind", False),
        ("Kenntnisse in Excel sind hilfreich", True),
    ],
)
def test_a_wish_said_as_a_business_owner_says_it_is_nice_to_have(line, wish):
    """Found writing ads as small businesses write them: „Staplerschein wäre gut, muss aber nicht“ and „Minibagger
    fahren wäre super“ were required lines („muss“ even read as asking). „wäre gut/super/toll“, „hilfreich“, „schadet
    nicht“, „ein Pluspunkt“ and a closing „muss aber nicht (sein)“ say a wish; „ein Muss“, „muss sein“ and „muss
    nicht gekühlt werden“ (a task) do not."""
    assert opening_work(["Kasse", line], []) == ((["Kasse"], [line]) if wish else (["Kasse", line], []))


@pytest.mark.parametrize(
    "line",
    [
        "Kein Führerschein nötig",
        "Keine Deutschkenntnisse nötig",
        "Keine guten Deutschkenntnisse erforderlich",
        "Sie brauchen keinen Führerschein.",
        "Einen Führerschein brauchst du nicht",
        "Deutsch ist nicht so wichtig",
        "Auch ohne Deutschkenntnisse möglich",
        "Führerschein nicht erforderlich",
    ],
)
def test_a_line_that_says_its_licence_or_language_is_not_needed_asks_for_nothing(line):
    """Found writing ads in plain German: „Kein Führerschein nötig“, „Keine Deutschkenntnisse nötig“, „Sie brauchen
    keinen Führerschein“ were read as required lines, and the licence or German level they name became a hard
    condition that excluded exactly the people the ad welcomes („nicht erforderlich“ was already read as a wish). A
    line that says what it names is not needed is read as a wish: it excludes no one."""
    assert opening_work(["Kasse", line], []) == (["Kasse"], [line])
    assert waived(line)


@pytest.mark.parametrize(
    "line",
    [
        "Sie brauchen Geduld und keine Angst vor Hunden",
        "Sie brauchen gute Deutschkenntnisse",
        "Keine Vorkenntnisse nötig, gute Deutschkenntnisse erforderlich",
        "Sie arbeiten auch ohne Aufsicht",
        "Sie sorgen dafür, dass keine Nacharbeiten nötig sind",
    ],
)
def test_a_line_that_asks_for_something_is_no_waiver(line):
    """A waiver's words said of a task are the task: „Sie arbeiten auch ohne Aufsicht“ asks for working alone, „dass keine
    Nacharbeiten nötig sind“ for care. Only a language, a licence, knowledge or training is waived so."""
    assert opening_work([line], []) == ([line], [])


def test_the_lines_of_an_opening_are_kept_and_each_caller_gets_its_own_lists():
    """A ranking asks for an opening's lines twice (the batch's typo search, then the reading): they are kept, and
    a caller that changes the lists it was given changes nothing for the next."""
    required, optional = ("Kasse bedienen", "Führerschein BE wünschenswert"), ("Englisch",)
    read, wished = opening_work(required, optional)
    assert read == ["Kasse bedienen"] and wished == ["Führerschein BE wünschenswert", "Englisch"]
    read.append("etwas anderes")
    wished.clear()
    assert opening_work(list(required), list(optional)) == (["Kasse bedienen"], ["Führerschein BE wünschenswert", "Englisch"])


@pytest.mark.parametrize(
    ("clause", "qualifies"),
    [
        ("muss aber nicht", True),
        ("aber keine Voraussetzung", True),
        ("nicht zwingend", True),
        ("wäre super", True),
        ("ist aber kein Muss", True),
        ("Englisch von Vorteil", False),
        ("keine Englischkenntnisse nötig", False),
        ("Kasse", False),
    ],
)
def test_a_clause_that_only_qualifies_the_one_before_names_nothing(clause, qualifies):
    """The form takes a comma as the end of an entry; a clause that only says the one before it is wished for or not
    needed („Staplerschein wäre gut, muss aber nicht“) stays with it (webapp.suggestions.skills.split_terms)."""
    assert only_qualifies(clause) is qualifies
