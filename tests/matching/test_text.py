import pytest

from matching.text import fold, gender_variants, key


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Verkäufer/in (m/w/d)", "verkaeufer"),
        ("Verkäufer/-in", "verkaeufer"),
        ("VerkäuferIn", "verkaeufer"),
        ("Verkäufer*innen", "verkaeufer"),
        ("Verkäufer:in", "verkaeufer"),
        ("Verkäufer_in", "verkaeufer"),
        ("Verkäufer(in)", "verkaeufer"),
        ("Reinigungskraft (w/m/d)", "reinigungskraft"),
        ("Lager-Logistik", "lager logistik"),
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),
        ("Şahin Öztürk", "sahin oeztuerk"),
        ("  Gemüse   schnippeln ", "gemuese schnippeln"),
        # ASCII text skips the Unicode steps; everything else still goes through them
        ("Café-Service", "cafe service"),
        ("İşçi ıi", "isci ii"),
        ("ﬁschen Ｐｆｌｅｇｅ", "fischen pflege"),
        ("naïve Ärztin", "naive aerztin"),
        ("Koch (m/w/d) MITARBEITER:INNEN", "koch mitarbeiter"),
    ],
)
def test_fold(raw, folded):
    assert fold(raw) == folded


def test_hyphens_spaces_and_compounds_share_one_key():
    assert key("Lager-Logistik") == key("Lager Logistik") == key("Lagerlogistik") == "lagerlogistik"


def test_the_word_in_is_not_taken_for_a_gender_suffix():
    assert fold("Erfahrung in Küche") == "erfahrung in kueche"
    assert fold("Berlin") == "berlin"


def test_gender_variants_of_job_words():
    assert "verkaeufer" in gender_variants("verkaeuferin")
    assert "verkaeufer" in gender_variants("verkaeuferinnen")
    assert "kaufmann" in gender_variants("kauffrau")
    assert gender_variants("in") == []


def test_the_lexicon_skips_stemming_only_parts_that_cannot_be_known():
    """Splitting compounds asks for every candidate part whether it is a known word or has a known stem; a part
    whose first letters (read as the stemmer reads "ae", "oe", "ue") begin no known word or stem is answered
    without stemming. The answers are those of stemming every part, for every piece of every word."""
    from matching.lexicon import Lexicon, stem

    known = ["fuehrer", "uhr", "quelle", "quellen", "aerzte", "oelwechsel", "baeckerei", "verkaeuferin", "strasse", "ueberwachung", "staplerschein"]
    lexicon = Lexicon(known)
    pieces = {w[i:j] for w in [*known, "bergwanderfuehrer", "stromquellenpruefung", "kaeseverkaeufer"] for i in range(len(w)) for j in range(i + 3, len(w) + 1)}
    assert all(lexicon._is_known(p) == (p in lexicon.known or stem(p) in lexicon.known_stems) for p in pieces)
    assert lexicon._is_known("uehrer")  # its stem is "uhr", known: the letters as written ("ueh") begin nothing known


def test_a_line_of_an_ad_is_kept_folded_and_a_pasted_text_is_not():
    """Reading one ad asks for the folded words of each of its lines some thirty times: a line up to 2,000
    letters is kept folded (the last 1,024), a longer text is folded each time and never held."""
    from matching import text

    line = "Sie verkaufen Brötchen, Kuchen und Kaffeespezialitäten an der Theke und beraten die Kundschaft freundlich, schnell und kompetent."
    assert 120 < len(line) <= 2_000
    before = text._fold_line.cache_info().hits
    assert text.fold(line) == text.fold(line) == text._fold(line)
    assert text.key(line) == text._fold(line).replace(" ", "")
    assert text._fold_line.cache_info().hits >= before + 2
    pasted = "Brötchen verkaufen. " * 200
    size = text._fold_line.cache_info().currsize
    assert text.fold(pasted) == text._fold(pasted)
    assert text._fold_line.cache_info().currsize == size
