"""Job titles as small businesses write them: a role word with the field ("Helfer Lager", "Lagermitarbeiter",
"Aushilfe Küche"), a BA title for several fields, words cut short as the BA writes them."""

from __future__ import annotations

import pytest

from matching import titles
from matching.vocabulary import default_vocabulary


@pytest.fixture(scope="module")
def vocab():
    return default_vocabulary()


def _named(vocab, title: str) -> list[str]:
    return [vocab.label_de[o.concept] for o in titles.candidates(vocab, title)]


@pytest.mark.parametrize(
    "title, occupation",
    [
        ("Helfer Lager", "Lagerarbeiter/Lagerarbeiterin"),
        ("Lagermitarbeiter", "Lagerarbeiter/Lagerarbeiterin"),
        ("Mitarbeiter Lager (m/w/d)", "Lagerarbeiter/Lagerarbeiterin"),
        ("Lagerhilfskraft", "Lagerarbeiter/Lagerarbeiterin"),
        ("Aushilfe Küche", "Küchenhilfe"),
        ("Küchenaushilfe", "Küchenhilfe"),
        ("Mitarbeiter Reinigung", "Raumpfleger/Raumpflegerin"),
        ("Reinigungsmitarbeiter/in", "Raumpfleger/Raumpflegerin"),
        ("Produktionsmitarbeiter (m/w/d)", "Fabrikhilfsarbeiter/Fabrikhilfsarbeiterin"),
        ("Pflegehilfskraft (m/w/d) stationär", "Pflegehelfer/Pflegehelferin"),  # the role word however it splits
        ("Reinigungshilfskraft", "Raumpfleger/Raumpflegerin"),  # a helper word, else a staff word
        ("Mitarbeiter in der Produktion", "Fabrikhilfsarbeiter/Fabrikhilfsarbeiterin"),  # no „Mitarbeiterin“
        ("Mitarbeiter (m/w/d) im Lager", "Lagerarbeiter/Lagerarbeiterin"),  # the role word the stop list drops
    ],
)
def test_a_role_word_with_its_field_names_the_fields_job(vocab, title, occupation):
    """„Aushilfe Küche“ named nothing, „Lagermitarbeiter“ and „Mitarbeiter Produktion“ any „Mitarbeiter“ of any field
    (an advertising clerk first), „Helfer Lager“ a helper on building sites: ESCO and the BA list one or two role
    words per field. The field is read with another role word of the same kind (a helper's, or any staff's)."""
    found = titles.candidates(vocab, title)
    assert found and vocab.label_de[found[0].concept] == occupation
    assert found[0].weight < 1.0  # read with another word: a little less sure than the title itself


def test_a_role_word_alone_or_with_another_names_no_field(vocab):
    assert _named(vocab, "Aushilfe") == [] and _named(vocab, "Mitarbeiter (m/w/d)") == []
    assert _named(vocab, "Aushilfe Hilfe") == []
    assert _named(vocab, "Neue Mitarbeiter gesucht") == []


@pytest.mark.parametrize(
    ("title", "occupation"),
    [("Imbiss-Mitarbeiter (m/w/d)", "Imbissmitarbeiter/Imbissmitarbeiterin"), ("Lager-Mitarbeiter", "Lagerarbeiter/Lagerarbeiterin")],
)
def test_a_title_written_with_a_hyphen_before_its_role_word_is_read(vocab, title, occupation):
    """„Imbiss-Mitarbeiter (m/w/d)“ named nothing, though ESCO knows „Imbissmitarbeiter“: the hyphen makes two words,
    and a title was never taken to end in a word of the stop list (which holds „Mitarbeiter“, boilerplate of ads'
    prose). A role word ends a title after its field; alone it still names no job."""
    assert _named(vocab, title)[:1] == [occupation]


def test_a_ba_title_for_several_fields_is_found_by_each(vocab):
    """„Servicekraft - Gastronomie und Gastgewerbe“: an ad's „Servicekraft Gastronomie“ read as a security guard
    (the BA's other „Servicekraft“), „Helfer Versand“ as a building-site helper."""
    assert "Kellner/Kellnerin" in _named(vocab, "Servicekraft Gastronomie")
    assert not any("Sicherheit" in name or "Werttransport" in name for name in _named(vocab, "Servicekraft Gastronomie"))
    assert "Versandarbeiter/Versandarbeiterin" in _named(vocab, "Helfer Versand (m/w/d)")


def test_words_cut_short_are_also_read_as_the_ba_writes_them(vocab):
    """„Fachkraft für Schutz und Sicherheit“ and „Fachkraft für Kreislauf- und Abfallwirtschaft“ read as any
    „Fachkraft“ (a controller first): the BA lists them with the cut word and without „für“. A cut word is still
    no title by itself: „Maurer-“ of „Maurer- und Betonbauermeister“ is no bricklayer's helper title."""
    assert _named(vocab, "Fachkraft für Schutz und Sicherheit/-in in Teilzeit")[0] == "Fachkraft Schutz- und Sicherheit"
    assert "Controller/Controllerin" not in _named(vocab, "Fachkraft für Kreislauf- und Abfallwirtschaft (m/w/d)")
    assert _named(vocab, "Maurer- und Betonbauermeister*in")[0] == "Maurerpolier/Maurerpolierin"


@pytest.mark.parametrize("word", ["Handwerk", "Ausbildung", "Anästhesie", "Altenpflege", "Bank", "Rechnungswesen"])
def test_a_field_is_no_title(vocab, word):
    """The BA writes two titles as „X/Y“ („Koch/Köchin“, „Maler/Lackierer“), but also a title about two things
    („Fachwirt/in - kaufmännische Betriebsführung/Handwerk“): „Handwerk“, „Ausbildung“ and „Anästhesie“ were job
    titles, and „Meisterbrief im Friseurhandwerk“ named a head of accounting. What follows the slash is a title
    where it begins as the first part does, or names a person (scripts/build_vocabulary.py, split_gendered)."""
    assert _named(vocab, word) == []


def test_both_halves_of_two_titles_and_the_title_before_a_female_ending_stay(vocab):
    assert _named(vocab, "Köchin")[0] == "Koch/Köchin"
    assert "Tauchlackierer/Tauchlackiererin" in _named(vocab, "Lackierer")  # „Maler/Lackierer“: two titles
    assert _named(vocab, "Fachanwalt Arbeitsrecht") == ["Rechtsanwalt/Rechtsanwältin"]  # „Fachanwalt/-anwältin - Arbeitsrecht“


@pytest.mark.parametrize(
    "line, occupation",
    [
        ("Meisterbrief im Friseurhandwerk", "Friseur/Friseurin"),
        ("Gesellenbrief als Maler und Lackierer", "Maler/Malerin"),
        ("Gesellenprüfung zum Tischler", "Tischler/Tischlerin"),
        ("Abgeschlossene Ausbildung im Bäckerhandwerk", "Bäcker/Bäckerin"),
    ],
)
def test_the_certificates_of_the_crafts_name_their_trade(vocab, line, occupation):
    """„Gesellenbrief als …“, „Meisterbrief im …“: the crafts' own certificates say the occupation as „Ausbildung als“
    does; a trade („Friseurhandwerk“, „Malerbetrieb“) names its people."""
    trained = titles.trained_as(line)
    assert trained and vocab.label_de[titles.occupations(vocab, trained)[0].concept] == occupation


def test_a_role_words_part_says_nothing_of_the_field(vocab):
    """„Servicekraft (m/w/d) Café“ named security staff first: the BA files „Servicekraft“ under gastronomy and
    security, and the security labels („Fachkraft Schutz und Sicherheit“) shared the title's „kraft“. A role word's
    part no longer counts in telling a title's occupations apart: all stay, equally, for the ad's lines to decide."""
    found = titles.candidates(vocab, "Servicekraft (m/w/d) Café")
    weights = {vocab.label_de[o.concept]: o.weight for o in found}
    assert weights["Kellner/Kellnerin"] == max(weights.values())


def test_a_swiss_workload_after_a_gender_form_leaves_the_title_whole(vocab):
    """„Lagermitarbeiter/in 100%“ named nothing: taking „/in “ away glued the title to „100%“."""
    assert _named(vocab, "Lagermitarbeiter/in 100%")[0] == "Lagerarbeiter/Lagerarbeiterin"
    assert _named(vocab, "Betreuungskraft")  # the BA's „Betreuungskraft/Alltagsbegleiter/in“: two titles


def test_a_skilled_workers_word_alone_names_no_field(vocab):
    """„Restaurationsfachfrau/-mann“ (Swiss) was read by its head „Fachmann“ as an advertising man."""
    assert not any("Werbe" in name for name in _named(vocab, "Restaurationsfachfrau/-mann"))


def test_the_title_comes_before_the_training_a_line_asks_for(normaliser):
    """„Lagermitarbeiter/in 100%“ with „Abgeschlossene Lehre als Logistiker EFZ“ named logistics analysts first:
    ESCO's „Logistiker“ plans logistics, the Swiss one works in a warehouse. The training a line asks for counts
    less beside the occupation the title names."""
    from matching.matcher import feature_space
    from matching.reading import read
    from matching.records import Opening

    opening = Opening(
        id="o", title="Lagermitarbeiter/in 100%", required_skills=("Kommissionierung und Verpackung der Waren", "Abgeschlossene Lehre als Logistiker EFZ")
    )
    u = read(opening, normaliser, feature_space(normaliser.vocabulary), required_weight=1.0, optional_weight=0.5, title_fit=0.3)
    assert normaliser.vocabulary.label_de[u.occupations[0].concept] == "Lagerarbeiter/Lagerarbeiterin"


@pytest.mark.parametrize(
    ("title", "occupation"),
    [
        ("Verkäufer (m/w/d) für unsere Bäckerei", "Fachverkäufer für Bäckerei- und Konditoreiwaren/Fachverkäuferin für Bäckerei- und Konditoreiwaren"),
        ("Monteur für Küchen", "Küchenbauer/Küchenbauerin"),
    ],
)
def test_x_for_y_is_read_as_the_title_made_of_it(vocab, title, occupation):
    """„Verkäufer für unsere Bäckerei“ was any „Verkäufer“, „Monteur für Küchen“ any „Monteur“: titles make one word of
    „X für Y“ („Bäckereiverkäufer“, „Küchenmonteur“). A title that is found word for word still comes first."""
    assert _named(vocab, title)[0] == occupation
    assert _named(vocab, "Elektroniker für Energie- und Gebäudetechnik (m/w/d)")[0].startswith("Elektroniker für Energie- und Gebäudetechnik")


def test_a_service_or_a_dienst_names_the_trade_s_people(vocab):
    """„Objektbetreuer (m/w/d) Hausmeisterservice“ (a caretaker's ad) named child minders: the title's head
    „Betreuer“ was read, the service's „Hausmeister“ not. A „…service“ or „…dienst“ names its people as a
    „…betrieb“ does."""
    assert _named(vocab, "Objektbetreuer (m/w/d) Hausmeisterservice")[0] == "Hauswart/Hauswartin"
    assert _named(vocab, "Hausmeisterdienst")[0] == "Hauswart/Hauswartin"
    assert _named(vocab, "Winterdienst") == []


def test_a_compound_s_head_of_many_occupations_names_each_weakly(vocab):
    """„Objektbetreuer“ and „Pizzafahrer“ are no BA titles; their heads are, of many occupations (child minders and
    social carers; lorry, concrete-mixer and hearse drivers), and each was named at 0.72, as surely as a title of one
    field. The front that told them apart is not read, so a head of more than three occupations names each at most
    three in so many times as weakly; a head of one field keeps its weight („Handyverkäufer“: „Verkäufer“)."""
    assert max(o.weight for o in titles.candidates(vocab, "Objektbetreuer")) < 0.4
    assert max(o.weight for o in titles.candidates(vocab, "Pizzafahrer")) < 0.4
    assert titles.candidates(vocab, "Handyverkäufer")[0].weight == pytest.approx(titles.HEAD_WEIGHT)


@pytest.mark.parametrize(
    ("title", "occupation"),
    [
        ("Pflegeassistenz (m/w/d) ambulant", "Pflegehelfer/Pflegehelferin"),
        ("Küchenleitung (m/w/d)", "Küchenleiter/Küchenleiterin"),
        ("Filialleitung (m/w/d)", "Verkaufsaufsichtskraft"),
    ],
)
def test_a_neutral_form_of_a_title_names_its_occupation(vocab, title, occupation):
    """„Pflegeassistenz (m/w/d) ambulant“ named no occupation (the ad's washing lines then named laundry workers):
    ads write the neutral form for either, „…assistenz“ for „…assistent/in“, „…leitung“ for „…leiter/in“."""
    assert _named(vocab, title)[0] == occupation


@pytest.mark.parametrize(
    "title, occupation",
    [
        ("Reinigungskräfte (m/w/d)", "Raumpfleger/Raumpflegerin"),
        ("Köche (m/w/d)", "Koch/Köchin"),
        ("Küchenhilfen gesucht", "Küchenhilfe"),
        ("Lageristen", "Warenlagerverwalter/Warenlagerverwalterin"),
        ("Kaufleute im Einzelhandel", "Einzelhändler/Einzelhändlerin"),
        ("Pflegefachkräfte (m/w/d)", "Fachkrankenpfleger/Fachkrankenschwester"),
    ],
)
def test_a_title_in_the_plural_names_the_occupation_of_its_singular(vocab, title, occupation):
    """Found checking titles as ads write them: „Reinigungskräfte (m/w/d)“, „Köche“, „Küchenhilfen“, „Lageristen“,
    „Kaufleute im Einzelhandel“ named no occupation (the feminine plural „-innen“ was read already). A word of the
    title is tried in the singulars German makes of such plurals (umlaut and -e, -leute, -n, -en, -e)."""
    assert occupation in _named(vocab, title)


def test_a_singular_title_and_a_word_that_is_no_plural_are_read_as_before(vocab):
    assert _named(vocab, "Reinigungskraft")[:1] == _named(vocab, "Reinigungskräfte")[:1]
    assert _named(vocab, "Bäcker") == ["Bäcker/Bäckerin"]
    assert "kraft" in titles.singulars("kraefte") and "kaufmann" in titles.singulars("kaufleute")
    assert _named(vocab, "Laden") == [] and _named(vocab, "Küche") == []  # a place, no plural of a job
