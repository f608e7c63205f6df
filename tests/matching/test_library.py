"""matching/ stays a pure library, and its vocabulary file is what the product ships."""

import subprocess
import sys

from matching.text import key
from matching.vocabulary import default_vocabulary


def test_importing_the_matcher_loads_no_web_or_database_code():
    code = (
        "import sys, matching, matching.cli, matching.matcher; bad = [m for m in ('flask', 'sqlalchemy', 'webapp', 'models') if m in sys.modules]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_the_vocabulary_is_loaded_only_when_something_reads_text():
    code = (
        "import matching, matching.cli; from matching.vocabulary import default_vocabulary; m = matching.Matcher(); "
        "print(default_vocabulary.cache_info().currsize, type(m).__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "0 Matcher"


def test_the_vocabulary_has_esco_skills_occupations_and_the_curated_additions():
    vocab = default_vocabulary()
    kinds = {k: vocab.kind.count(k) for k in set(vocab.kind)}
    assert kinds["skill"] > 10000 and kinds["occupation"] > 3000 and kinds["certificate"] >= 3
    assert "This service uses the ESCO classification of the European Commission." in vocab.attribution
    assert any("Bundesagentur für Arbeit" in line for line in vocab.attribution)
    for cid in ("kmu:ifsg43", "kmu:sachkunde34a", "kmu:pflegebasiskurs", "kmu:fuehrerschein_b", "kmu:fuehrerschein_ce"):
        assert cid in vocab.index


def test_stored_keys_are_what_key_makes_of_them():
    """If fold()/key() changed without a rebuild, stored keys would no longer be fixed points."""
    vocab = default_vocabulary()
    sample = sorted(vocab.entries)[::50]
    assert sample and all(key(k) == k for k in sample)


def test_related_pairs_are_symmetric():
    vocab = default_vocabulary()
    for a, others in list(vocab.related.items())[:2000]:
        for b in others:
            assert a in vocab.related[b]
