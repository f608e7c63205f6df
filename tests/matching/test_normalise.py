"""Free text as people write it -> the skill it means."""

import random

import pytest

from matching.normalise import Normaliser, _window
from matching.text import key

LABEL = {
    "forklift": "Gabelstapler bedienen",
    "till": "Kasse bedienen",
    "cleaning": "Reinigungsarbeiten durchführen",
    "shelves": "Regale auffüllen",
    "vegetables": "Gemüse für den Gebrauch in einem Gericht vorbereiten",
    "ifsg": "Belehrung nach § 43 IfSG (Gesundheitszeugnis)",
    "first_aid": "Erste Hilfe leisten",
    "seller": "Verkäufer/Verkäuferin",
}


@pytest.mark.parametrize(
    ("term", "meaning", "how"),
    [
        ("Staplerschein", "forklift", "synonym"),
        ("Gabelstapler", "forklift", "synonym"),
        ("Kasse", "till", "synonym"),
        ("putzen", "cleaning", "synonym"),
        ("Regale einräumen", "shelves", "synonym"),
        ("Gemüse schnippeln", "vegetables", "synonym"),
        ("Gesundheitszeugnis", "ifsg", "synonym"),
        ("Belehrung nach § 43 IfSG", "ifsg", "synonym"),
        ("Ersthelfer", "first_aid", "synonym"),
        ("Erste Hilfe leisten", "first_aid", "exact"),
    ],
)
def test_shop_floor_words(normaliser, term, meaning, how):
    [result] = normaliser.normalise([term])
    assert result.label == LABEL[meaning]
    assert result.how == how
    assert 0 < result.confidence <= 1


@pytest.mark.parametrize("term", ["Verkäuferin", "Verkäufer/in", "Verkäufer (m/w/d)", "VerkäuferIn", "Verkäufer*innen", "verkäufer:in"])
def test_gender_forms_mean_the_same_job(normaliser, term):
    [result] = normaliser.normalise([term])
    assert result.label == LABEL["seller"]


@pytest.mark.parametrize(
    ("term", "meaning"),
    [("Staplerschien", "forklift"), ("Kassse", "till"), ("Gemüse schnipeln", "vegetables"), ("Gesundheitszeugniss", "ifsg"), ("Regale einreumen", "shelves")],
)
def test_typos_are_forgiven_and_marked_fuzzy(normaliser, term, meaning):
    [result] = normaliser.normalise([term])
    assert result.label == LABEL[meaning]
    assert result.how == "fuzzy"
    assert result.confidence < 0.95


@pytest.mark.parametrize(("term", "meaning"), [("operate forklift", "forklift"), ("provide first aid", "first_aid"), ("cash register", None)])
def test_english_labels_are_translations(normaliser, term, meaning):
    [result] = normaliser.normalise([term])
    assert result.how == "translation"
    if meaning:
        assert result.label == LABEL[meaning]


def test_umlauts_may_be_written_out(normaliser):
    [a, b] = normaliser.normalise(["Gemüse schnippeln", "Gemuese schnippeln"])
    assert a.concept == b.concept


def test_hyphenated_and_closed_compounds_meet(normaliser):
    [a, b, c] = normaliser.normalise(["Lagerlogistik", "Lager-Logistik", "Lager Logistik"])
    assert a.concept == b.concept == c.concept is not None


def test_filler_words_are_ignored(normaliser):
    [result] = normaliser.normalise(["Erfahrung an der Kasse"])
    assert result.label == LABEL["till"]


def test_a_compound_falls_back_to_its_head(normaliser):
    [result] = normaliser.normalise(["Lebensmittelkassierer"])
    assert result.how in ("related", "fuzzy", "synonym")
    assert result.known


@pytest.mark.parametrize("word", ["Detailarbeit", "Weiterleitung", "Apparatebauer", "Kabelbinder", "Flüssiglatex"])
def test_a_compound_head_that_only_ends_a_longer_label_or_is_another_trade_reads_nothing(normaliser, word):
    """ "Arbeit" is the object of "Arbeit überwachen", "Leitung" of "Leitung abisolieren": as a compound's head they
    say nothing of it; "Bauer", "Binder" are alternative names of other trades (farmer, cooper);
    "Latex" an English label of typesetting software. (A word that is a job title itself is that job: the BA's
    „Behälter- und Apparatebauer/in“.)"""
    [result] = normaliser.normalise([word])
    assert not result.known or word in (result.label or ""), result.label


def test_a_neutral_form_of_a_title_is_the_title(normaliser):
    """Ads write the neutral form of a title for either: „Betriebsleitung“, „Pflegeassistenz (m/w/d)“. It is read as
    the title („Betriebsleiter/in“), not as the head's other meaning („Leitung abisolieren“); a word that only ends
    so and names no title stays unread („Weiterleitung“)."""
    assert normaliser.normalise(["Betriebsleitung"])[0].label == "Betriebsleiter/Betriebsleiterin"
    assert normaliser.normalise(["Pflegeassistenz"])[0].label == "Pflegehelfer/Pflegehelferin"
    assert not normaliser.normalise(["Weiterleitung"])[0].known


@pytest.mark.parametrize(
    ("word", "not_read_as"),
    [
        ("Arbeiter", "Schiedsrichter"),  # "Arbiter", an alternative label: one letter away, another word
        ("Aufgaben", "Ausgaben"),  # a stop word of ads is a word, too
        ("Reinigungsmaschinen", "Kakaoreinigungsmaschinen"),  # a compound is no typo of a longer one
        ("Suchtkrankheiten", "Fischkrankheiten"),
        ("Tiefdruckmaschinen", "Siebdruckmaschinen"),  # two edits inside a compound of known words
        ("Depression", "Dekompression"),
    ],
)
def test_a_real_word_is_not_corrected_into_another_word(normaliser, word, not_read_as):
    [result] = normaliser.normalise([word])
    assert not_read_as not in (result.label or "")


@pytest.mark.parametrize(
    ("word", "label"),
    [("Verkäufern", "Verkäufer/Verkäuferin"), ("Rainigunskraft", "Raumpfleger/Raumpflegerin"), ("Gabelstabler", "Gabelstapler bedienen")],
)
def test_forms_of_a_word_and_typos_of_up_to_two_letters_are_still_read(normaliser, word, label):
    [result] = normaliser.normalise([word])
    assert result.label == label


def test_two_edits_that_change_the_first_letter_make_another_word(normaliser):
    """„Ehrlichkeit“ (honesty, a line of many ads) was read as „Ähnlichkeit“ (similarity), two edits away („ae“ before,
    „r“ for „n“). Typos rarely touch a word's first letter: two edits must keep it; one may change it."""
    [honest] = normaliser.normalise(["Ehrlichkeit"])
    assert honest.label != "Ähnlichkeit"
    [typo] = normaliser.normalise(["eräte warten"])
    assert typo.label == "Geräte warten"


def test_a_word_german_makes_of_a_known_word_is_no_typo(normaliser):
    """„Beachtung“ was read as „Fracht verladen“ (by „Befrachtung“, two letters away) and „Einnähen“ as „Einnahmen
    verwalten“: the labels know „beachten“ and „nähen“, and German makes the noun of a doing in -ung and a verb with
    a separable particle of them; such a word is no typo. Typos of such words are still read."""
    assert [n.label for n in normaliser.normalise(["Beachtung", "Einnähen", "Mechaniker"])] == [None, None, None]
    assert normaliser.normalise(["Verpakung"])[0].label == "Waren verpacken"


@pytest.mark.parametrize(
    ("word", "label"),
    [
        ("Kassenerfahrung", LABEL["till"]),
        ("Staplererfahrung", LABEL["forklift"]),
        ("Reinigungserfahrung", LABEL["cleaning"]),
        ("Mathematikkenntnisse", "Mathematik"),
    ],
)
def test_experience_or_knowledge_of_a_thing_is_read_as_the_thing(normaliser, word, label):
    """Ads write "Kassenerfahrung", "Mathematikkenntnisse": the front names the skill, as in "Teamfähigkeit"."""
    [result] = normaliser.normalise([word])
    assert result.label == label


@pytest.mark.parametrize("word", ["Berufserfahrung", "Lebenserfahrung", "Grundkenntnisse", "Vorkenntnisse", "Menschenkenntnis"])
def test_experience_or_knowledge_of_nothing_in_particular_reads_nothing(normaliser, word):
    [result] = normaliser.normalise([word])
    assert not result.known, result.label


def test_a_compound_head_that_names_a_skill_or_knowledge_area_in_german_still_counts(normaliser):
    [tools, surgery] = normaliser.normalise(["Elektrowerkzeuge", "Mundchirurgie"])
    assert tools.how == surgery.how == "related"
    assert (tools.label, surgery.label) == ("Handwerkzeuge verwenden", "Chirurgie")


def test_an_unknown_term_is_kept(normaliser):
    [result] = normaliser.normalise(["Quxbaz-Verfahren"])
    assert result.term == "Quxbaz-Verfahren"
    assert result.concept is None and result.how == "unknown" and result.confidence == 0


def test_context_settles_a_term_with_several_meanings(normaliser):
    """A label shared by two skills goes to the one whose occupations fit the other skills of the record."""
    vocab = normaliser.vocabulary
    occ_of = {}
    for occ, skills in vocab.occupation_skills.items():
        for s in skills.tolist():
            occ_of.setdefault(s, set()).add(occ)
    checked = 0
    for k, entries in sorted(vocab.entries.items()):
        if len(entries) < 2 or entries[0][1] != entries[1][1]:
            continue
        first, second = entries[0][0], entries[1][0]
        only_second = sorted(occ_of.get(second, set()) - occ_of.get(first, set()))
        if not only_second:
            continue
        # A hint skill found beside the second meaning, never beside the first.
        hint = next(
            (
                s
                for s in vocab.occupation_skills[only_second[0]].tolist()
                if s not in (first, second)
                and not (occ_of.get(s, set()) & occ_of.get(first, set()))
                and len(vocab.entries.get(key(vocab.label_de[s]), [])) == 1
            ),
            None,
        )
        if hint is None:
            continue
        alone = normaliser.normalise([k])[0]
        with_context = normaliser.normalise([k], context=[vocab.label_de[hint]])[0]
        assert alone.concept == vocab.ids[first]
        assert with_context.concept == vocab.ids[second], (k, vocab.label_de[hint])
        checked += 1
        if checked == 5:
            break
    assert checked == 5


def test_batch_and_single_give_the_same_answers(normaliser):
    terms = ["Staplerschein", "Kassse", "Quxbaz", "putzen", "Haare schneiden"]
    batch = normaliser.normalise_records([terms])[0]
    single = [Normaliser(normaliser.vocabulary).normalise([t])[0] for t in terms]
    assert batch == single


def test_the_project_layer_comes_first_and_can_be_replaced():
    n = Normaliser()
    kasse = n.normalise(["Kasse bedienen"])[0].concept
    assert n.normalise(["Bonieren"])[0].how == "unknown"
    n.set_layer({"Bonieren": kasse, "Kasse": None})
    bonieren, own = n.normalise(["bonieren", "Kasse"])
    assert (bonieren.concept, bonieren.how) == (kasse, "project")
    assert (own.concept, own.how) == (None, "own")  # its own thing: never guessed, not even as a typo
    assert [r.concept for r in n.spot("Bonieren an der Theke")] == [kasse]  # found inside a longer line, too
    n.set_layer({})  # what was read with the old layer is forgotten
    assert n.normalise(["Bonieren"])[0].how == "unknown" and n.normalise(["Kasse"])[0].concept == kasse
    with pytest.raises(ValueError, match="concepts the vocabulary does not have"):
        n.set_layer({"Bonieren": "esco:nicht-da"})


def test_a_project_term_with_a_noun_of_the_stop_list_is_found_only_whole():
    """A counsellor's own term "Arbeit im Team" was indexed without "Team" (a stop word), so every "Arbeit" of a
    line found it; it keeps the noun, as the labels do."""
    n = Normaliser()
    team = n.normalise(["in Teams arbeiten"])[0].concept
    n.set_layer({"Arbeit im Team": team})
    assert team not in {r.concept for r in n.spot("Die Arbeit beginnt um sechs Uhr in der Backstube")}
    assert team in {r.concept for r in n.spot("Arbeit im Team macht uns Spaß")}


def test_a_reading_fixed_for_one_record_holds_only_there(normaliser):
    kasse = normaliser.normalise(["Kasse bedienen"])[0].concept
    fixed = {"bonieren": kasse, "staplerschein": None}
    one, two = normaliser.normalise(["Bonieren", "Staplerschein"], fixed=fixed)
    assert (one.concept, one.how, two.concept, two.how) == (kasse, "corrected", None, "own")
    assert normaliser.normalise(["Staplerschein"])[0].known  # other records read it as before
    readings = normaliser.readings([["Bonieren"], ["Bonieren"]], fixed=[fixed, {}])
    assert [len(r[0]) for r in readings] == [1, 0]


def test_the_short_typo_look_up_settles_what_the_long_one_would(normaliser):
    """Most typos are settled with a term's four rarest 3-grams; the rest are looked up again with eight, so the
    readings are those of the long look-up alone."""
    vocabulary = normaliser.vocabulary
    rng = random.Random(3)
    labels = rng.sample([label for label in vocabulary.label_de + vocabulary.label_en if len(label) >= 8], 4000)
    typos = []
    for label in labels:
        i = rng.randrange(1, len(label) - 2)
        typos.append(label[:i] + label[i + 1] + label[i] + label[i + 2 :] if rng.random() < 0.5 else label[:i] + label[i + 1 :])
    assert normaliser.first_ngrams == 4 and normaliser.query_ngrams == 8
    short = normaliser._fuzzy(typos)  # (the typo look-up keeps nothing between calls)
    try:
        normaliser.first_ngrams = normaliser.query_ngrams  # the long look-up alone
        long = normaliser._fuzzy(typos)
    finally:
        normaliser.first_ngrams = 4
    concepts = lambda found: [hit[0][0][0] if hit else None for hit in found]  # noqa: E731
    assert concepts(short) == concepts(long) and sum(hit is not None for hit in short) > 3000


@pytest.mark.parametrize("setting", [{"first_ngrams": 0}, {"query_ngrams": 0}, {"first_ngrams": -2}])
def test_a_look_up_of_no_3_grams_is_refused_with_a_clear_message(setting):
    with pytest.raises(ValueError, match="at least 1"):
        Normaliser(**setting)


@pytest.mark.parametrize("max_df", [1.0, 0.3, 2])
@pytest.mark.parametrize("dense", [True, False])
def test_the_typo_index_counts_3_grams_as_scikit_learn_does(monkeypatch, max_df, dense):
    """The typo index's 3-grams are counted on arrays (the first start builds it for 170,000 keys); the grams,
    their order and every count are scikit-learn's, for any alphabet (umlauts, §, other scripts), with the table
    of possible 3-grams and without it."""
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer

    from matching import normalise

    if not dense:
        monkeypatch.setattr(normalise, "_DENSE_GRAMS", 0)
    rng = random.Random(7)
    alphabet = "abcdeäöüß§-/.0129 ωπλ中文😀"
    docs = [" " + "".join(rng.choice(alphabet.replace(" ", "")) for _ in range(rng.randint(1, 12))) + " " for _ in range(300)]
    docs += [" staplerschein ", " gabelstapler ", " aaa ", " aaaa "]
    reference = CountVectorizer(analyzer="char", ngram_range=(3, 3), lowercase=False, max_df=max_df, dtype=np.float32)
    expected = reference.fit_transform(docs)
    grams, counts = normalise._trigram_counts(docs, max_df)
    assert grams.tolist() == sorted(reference.vocabulary_, key=reference.vocabulary_.__getitem__)
    assert (abs(expected - counts) > 0).nnz == 0 and counts.has_canonical_format


def test_a_phrase_of_doing_is_no_typo_of_a_job_title(normaliser):
    """ "Möbel montieren" is one letter from "Möbelmontierer" (a job title): typo tolerance must not turn what a
    person does into a job title and call it a typo. Job titles with a typo are still found, and so are skills."""
    assert normaliser.normalise(["Möbel montieren"])[0].how != "fuzzy"
    assert normaliser.normalise(["Taxi fahren"])[0].how != "fuzzy"
    assert normaliser.normalise(["Taxifaher"])[0].label == "Taxifahrer/Taxifahrerin"
    assert normaliser.normalise(["Kasse bedinen"])[0].label == "Kasse bedienen"


def test_typo_index_queries_weigh_terms_as_scikit_learn_does():
    """The typo prefilter builds its query vectors itself (matching.normalise._TrigramQueries): they must be
    what scikit-learn's TfidfVectorizer makes of the same terms with the index's 3-grams and idf weights."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    index = Normaliser()._fuzzy_labels()
    queries, label_keys = index.queries, index.keys
    grams = sorted(queries.column, key=queries.column.get)
    reference = TfidfVectorizer(analyzer="char", ngram_range=(3, 3), dtype=np.float32, sublinear_tf=True, vocabulary={g: i for i, g in enumerate(grams)})
    reference.idf_ = queries.idf
    rng = random.Random(5)
    terms = [f" {k} " for k in rng.sample(label_keys, 300)]
    terms += [f" {key(t)} " for t in ("Regale einreumen", "Kasse bedinen", "Staplerschein", "aaaaaa", "xq", "Ölwechsel")] + [" ", ""]
    ours, theirs = queries.transform(terms), reference.transform(terms)
    assert np.array_equal(ours.indptr, theirs.indptr) and np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.data, theirs.data)  # to the bit


def test_feature_vectors_are_scikit_learns_tfidf_to_the_bit():
    """FeatureSpace.transform weighs hashed counts itself (matching.similarity.tfidf_rows): the vectors must be
    those of scikit-learn's TfidfTransformer, which it replaced for speed."""
    import numpy as np

    from matching.similarity import FeatureSpace
    from matching.vocabulary import default_vocabulary

    space = FeatureSpace(default_vocabulary())
    texts = ["Regale auffüllen", "Kasse, Kasse, Kasse bedienen", "Staplerschein", "", "xq", "Brötchen backen und verkaufen"]
    texts += default_vocabulary().label_de[:300:3]
    from sklearn.feature_extraction.text import TfidfTransformer

    hashed = space._hasher.transform(texts)
    tfidf = TfidfTransformer(sublinear_tf=True)
    tfidf.idf_ = space.idf  # the weights FeatureSpace fitted on the concepts' labels (and keeps)
    ours, theirs = space.transform(texts), tfidf.transform(hashed).astype(np.float32).tocsr()
    assert np.array_equal(ours.indptr, theirs.indptr) and np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.data, theirs.data)


def test_a_word_longer_than_any_compound_is_not_split(normaliser):
    """A 5,000-letter word (pasted by mistake, or sent on purpose through the library or the CLI) ran the compound
    splitter into Python's recursion limit; such a word is no compound: it reads as unknown, and quickly."""
    from matching import titles

    word = "Teamarbeit" * 500
    assert normaliser.normalise([word])[0].how == "unknown"
    assert normaliser.spot(word) == []
    assert titles.candidates(normaliser.vocabulary, word) == []
    assert normaliser.vocabulary.lexicon.parts("lagerlogistikfachkraftausbildung")  # a long real one still splits


def test_the_words_the_splitter_keeps_are_bounded(monkeypatch):
    """The compound splitter and the feature reader keep each word they are asked; a long-running process, or a
    client sending made-up words, grew them without end. Beyond the bound a word is worked out each time, the same."""
    from matching import lexicon as lexicon_module

    lex = lexicon_module.Lexicon(["reifen", "montage", "lager", "logistik"])
    monkeypatch.setattr(lexicon_module, "MAX_KEPT", 5)
    for i in range(50):
        lex.parts(f"quxbaz{i}montage")
        lex.word_features(f"quxbaz{i}lager")
    assert len(lex._parts) <= 5 and len(lex._word_features) <= 5
    assert lex.parts("reifenmontage") == ("reifen", "montage")
    assert lex.word_features("reifenmontage") == lex.word_features("reifenmontage")


def test_the_terms_a_normaliser_keeps_read_are_bounded(monkeypatch):
    """A normaliser kept every term and line it read: a web process reading ads for months, or a client sending
    made-up text, grew it without end. When full it begins anew, and reads the same."""
    from matching import normalise as normalise_module

    fresh = normalise_module.Normaliser()
    monkeypatch.setattr(normalise_module, "MAX_KEPT_TERMS", 10)
    first = [fresh.normalise([f"Quxbaz {i} Staplerschein"])[0].label for i in range(30)]
    spots = [[n.label for n in fresh.spot(f"Sie fahren Stapler und quxbazen {i}")] for i in range(30)]
    assert len(fresh._cache) <= 10 and len(fresh._spot_cache) <= 10
    assert first == [fresh.normalise([f"Quxbaz {i} Staplerschein"])[0].label for i in range(30)]
    assert spots == [[n.label for n in fresh.spot(f"Sie fahren Stapler und quxbazen {i}")] for i in range(30)]
    assert "Gabelstapler bedienen" in spots[0]


def test_the_words_a_label_may_be_found_among_stay_few_whatever_the_line():
    """Words in another order are looked for among a few words (every pair and triple of them is tried): the stop
    list's nouns a line keeps ("Team") do not count, but at most two of them, so a line of a thousand "Team" does not
    make a thousand-word window (a billion triples)."""
    free = frozenset({"team"})
    assert _window(["a", "team", "b", "c", "d", "e", "f", "g"], 0, free) == list(range(7))
    assert len(_window(["team"] * 1000, 0, free)) == 8
    assert _window(["a", "b"], 0, free) == [0, 1]


@pytest.mark.parametrize(
    ("term", "licence"),
    [
        ("Führerschein Klasse D", None),
        ("Führerschein BE", None),
        ("Führerschein C1E", None),
        ("Führerschein L", None),
        ("Führerschein Klasse T wünschenswert", None),
        ("Führerschein Klasse B", "Führerschein Klasse B"),
        ("Führerschein erforderlich", "Führerschein Klasse B"),
        ("Führerschein B oder BE", "Führerschein Klasse B"),
        ("Führerschein Klasse C/CE", "Führerschein Klasse CE"),
        ("Fahrerlaubnis der Klassen C und CE", "Führerschein Klasse CE"),
        ("LKW-Führerschein", "Führerschein Klasse CE"),
        ("7,5-Tonner", "Führerschein Klasse C1"),
    ],
)
def test_a_licence_is_read_as_the_class_written(normaliser, term, licence):
    """„Führerschein BE“ (a gardener's ad) was read as „Führerschein Klasse B“, „Führerschein Klasse D“ (a bus driver's)
    and „Führerschein L“ (a tractor's) too: the words are close, the classes are not. A licence is read as the class
    the text writes (as matching.requirements reads it for the hard conditions), or as none where the vocabulary has
    no concept of that class; a text that writes no class („LKW-Führerschein“) keeps its own reading."""
    assert normaliser.normalise([term])[0].label == licence
    assert [n.label for n in normaliser.spot(term) if n.label and n.label.startswith("Führerschein")] == ([licence] if licence else [])


def test_one_features_column_is_the_vectorisers():
    """FeatureSpace.column hashes one feature itself (the likeness asks for the weight of every shared word): it
    must be the column scikit-learn's vectoriser puts that feature in, for every feature of the labels' words."""
    from sklearn.feature_extraction import FeatureHasher

    from matching.similarity import FeatureSpace
    from matching.vocabulary import default_vocabulary

    vocabulary = default_vocabulary()
    space = FeatureSpace(vocabulary)
    features = sorted({f for text in vocabulary.label_de[::7] for f in vocabulary.lexicon.features(text)})
    features += ["", "ß", "größe", "x" * 300, "🙂", "ǅ"]
    hasher = FeatureHasher(n_features=space.N_FEATURES, input_type="string", alternate_sign=False)
    assert len(features) > 1000
    expected = hasher.transform([[f] for f in features]).tocsr().indices.tolist()
    assert [space.column(f) for f in features] == expected


def test_the_typo_index_knows_which_keys_name_only_jobs(normaliser):
    """A doing's typo candidates leave out the keys that name occupations only ("Möbel montieren" is no
    "Möbelmonteur"): the typo index keeps that per key, and it must say what the vocabulary says."""
    import random

    index = normaliser._fuzzy_labels()
    label_keys, jobs, lengths = index.keys, index.occupations_only, index.lengths
    assert len(jobs) == len(label_keys) and 0 < jobs.sum() < len(jobs)
    assert lengths.tolist() == [len(k) for k in label_keys]
    for i in random.Random(7).sample(range(len(label_keys)), 3000):
        assert bool(jobs[i]) == normaliser._names_occupations_only(label_keys[i]), label_keys[i]


def test_a_typo_candidate_of_another_length_is_left_out_before_scoring(normaliser):
    """The typo search leaves out candidates longer or shorter than the term by more than a form's ending
    (_FORM_TAIL): no such key is a typo or a form of it (_may_be), so what is found is the same, and a long line
    has few candidates to score. Typos and forms are still found."""
    from matching.normalise import _FORM_TAIL

    found = dict(zip(["Rainigunskraft", "Staplerschien", "Sozialarbeitern"], normaliser._fuzzy(["Rainigunskraft", "Staplerschien", "Sozialarbeitern"])))
    assert all(hit is not None for hit in found.values()), found
    long_line = "Sie verkaufen Brot und Brötchen an der Theke und beraten die Kundschaft freundlich " * 2
    assert normaliser._fuzzy([long_line]) == [None]
    assert not normaliser._may_be("a" * 20, "a" * (20 + _FORM_TAIL + 1), False, 2)


def test_a_long_term_is_looked_up_among_the_long_keys_only_and_still_finds_its_typos(normaliser):
    """A term of LONG_TERM letters or more (a sentence of an ad) is compared only with the keys that are at most
    _FORM_TAIL letters shorter: the index keeps their own part, the same columns as in the whole index. A long
    label with a typo is still found."""
    import random

    from matching.normalise import _FORM_TAIL, LONG_TERM

    index = normaliser._fuzzy_labels()
    assert index.long_at.tolist() == [i for i, n in enumerate(index.lengths.tolist()) if n >= LONG_TERM - _FORM_TAIL]
    assert 0 < len(index.long_at) < len(index.keys) // 4
    whole = index.labels[:, index.long_at].tocsr()
    assert (abs(whole - index.long_labels)).max() == 0 and index.long_labels.shape == whole.shape
    vocab = normaliser.vocabulary
    rng = random.Random(11)
    labels = sorted(
        {
            vocab.label_de[c]
            for c in range(len(vocab))
            if vocab.kind[c] == "skill" and "/" not in vocab.label_de[c] and len(key(vocab.label_de[c])) >= LONG_TERM + 5
        }
    )
    for label in rng.sample(labels, 15):
        at = rng.randrange(len(label) // 3, 2 * len(label) // 3)
        while not (label[at].isalpha() and label[at + 1].isalpha() and label[at] != label[at + 1]):
            at += 1
        typo = label[:at] + label[at + 1] + label[at] + label[at + 2 :]  # two letters swapped
        found = normaliser.normalise([typo])[0]
        assert found.how == "fuzzy" and found.label == label, (typo, found)
