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
