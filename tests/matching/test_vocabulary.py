"""The vocabulary file keeps the labels, job titles, occupations' skills and related pairs as the loader looks
them up (format 4): what it reads back is what merging one row per label, title or pair makes."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pytest

from matching.vocabulary import (
    DEFAULT_PATH,
    Titles,
    default_vocabulary,
    dumps,
    index_labels,
    pack_labels,
    pack_occupation_skills,
    pack_pairs,
    pack_titles,
    title_texts,
    unpack_labels,
    unpack_occupation_skills,
    unpack_related,
)

SOURCES = ["pref_de", "curated", "alt_de", "ba", "pref_en", "alt_en", "object_de", "object_en"]
ROWS = [
    ["gabelstapler fahren", 0, 0],
    ["staplerschein", 1, 1],
    ["stapler fahren", 0, 2],
    ["stapler fahren", 0, 6],  # the same concept by a worse source: once, by its best
    ["kasse", 2, 6],
    ["kasse", 3, 6],  # two concepts, one source: the one more occupations ask for first
    ["operate forklift", 0, 4],  # English: a key, but no German text
]
USAGE = [5, 1, 2, 9]


def test_packed_labels_read_back_as_merged_from_rows():
    entries, texts = index_labels(ROWS, 4, SOURCES, USAGE)
    assert entries["staplerfahren"] == [(0, 2)]
    assert entries["kasse"] == [(3, 6), (2, 6)]
    assert entries["operateforklift"] == [(0, 4)]
    assert texts == [["gabelstapler fahren", "stapler fahren", "stapler fahren"], ["staplerschein"], ["kasse"], ["kasse"]]
    packed = json.loads(json.dumps(pack_labels(entries, texts)))  # as the file keeps it
    assert unpack_labels(packed, 4) == (entries, texts)
    read, _texts = unpack_labels(packed, 4)  # read as a dict is: asked for, looked up, missed, listed
    assert read["kasse"] == [(3, 6), (2, 6)] and read.get("staplerschein") == [(1, 1)] and "kasse" in read
    assert read.get("nichts") is None and read.get("nichts", ()) == () and "nichts" not in read
    with pytest.raises(KeyError):
        read["nichts"]
    assert sorted(read) == sorted(entries) and len(read) == len(entries)
    read["kasse"].append((9, 9))  # a caller's change of what it was given is its own
    assert read["kasse"] == [(3, 6), (2, 6)]
    # by position, as the typo index names them: the keys in their order, and each key's pairs as looked up
    positions = list(range(len(read)))
    assert read.keys_at(positions) == sorted(entries) and read.keys_at([]) == []
    assert [read.pairs_at(i) for i in positions] == [read[k] for k in sorted(entries)]
    read.pairs_at(positions[sorted(entries).index("kasse")]).append((9, 9))
    assert read["kasse"] == [(3, 6), (2, 6)]


def test_a_file_that_does_not_fit_its_concepts_is_refused():
    packed = pack_labels(*index_labels(ROWS, 4, SOURCES, USAGE))
    with pytest.raises(ValueError, match="rebuild"):
        unpack_labels(packed, 5)


def test_a_label_holding_the_separator_is_refused_when_the_file_is_built():
    with pytest.raises(ValueError, match="keeps the labels apart"):
        pack_labels(*index_labels([["a|b", 0, 0]], 1, SOURCES, [1]))


def test_the_shipped_vocabulary_reads_into_every_concept():
    vocab = default_vocabulary()
    assert len(vocab.label_texts) == len(vocab)
    assert all(" " not in k for k in vocab.entries)
    keys = list(vocab.entries)  # looked up by bisection: in order, and each found
    assert keys == sorted(keys) and all(k in vocab.entries and vocab.entries.get(k) for k in keys[::97])
    assert "gabelstaplerfahrenx" not in vocab.entries and vocab.entries.get("") is None and 5 not in vocab.entries
    concept = vocab.entries["gabelstaplerfahren"][0][0]
    assert "gabelstapler fahren" in vocab.label_texts[concept]
    assert all(texts for concept, texts in enumerate(vocab.label_texts) if vocab.label_de[concept])


def test_packed_job_titles_read_back_as_merged_from_pairs():
    pairs = [("maler", "32212"), ("maler lackierer", "32212"), ("malerlackierer", "32213"), ("koch", "29302"), ("maler", "32213")]
    packed = json.loads(json.dumps(pack_titles(pairs)))  # as the file keeps it
    titles = Titles(packed)
    # a key is the text without spaces: "maler lackierer" and "malerlackierer" are one title
    assert dict(titles.items()) == {"koch": {"29302"}, "maler": {"32212", "32213"}, "malerlackierer": {"32212", "32213"}}
    assert titles.get("nichts") is None and "nichts" not in titles and 5 not in titles and titles.get("") is None
    with pytest.raises(KeyError):
        titles["nichts"]
    titles["koch"].add("99999")  # a caller's change of what it was given is its own
    assert titles["koch"] == {"29302"}
    assert title_texts(packed) == ["koch", "maler", "maler lackierer", "malerlackierer"]
    assert dict(Titles(pack_titles([])).items()) == {} and title_texts(pack_titles([])) == []


@pytest.mark.parametrize("pair", [("maler|lackierer", "32212"), ("maler", "322 12"), ("maler", "32212,32213"), ("maler", "")])
def test_a_job_title_holding_a_separator_is_refused_when_the_file_is_built(pair):
    with pytest.raises(ValueError, match="keeps them apart"):
        pack_titles([pair])


def test_packed_occupation_skills_and_related_pairs_read_back():
    skills = {7: [1, 2, 3], 2: [5], 9: [4, 1]}
    read = unpack_occupation_skills(json.loads(json.dumps(pack_occupation_skills(skills))))
    assert {k: v.tolist() for k, v in read.items()} == skills and all(v.dtype == np.int32 for v in read.values())
    related = unpack_related(json.loads(json.dumps(pack_pairs([(3, 1), (1, 2), (4, 5)]))))
    assert related == {1: frozenset({2, 3}), 2: frozenset({1}), 3: frozenset({1}), 4: frozenset({5}), 5: frozenset({4})}
    assert unpack_occupation_skills(pack_occupation_skills({})) == {} and unpack_related(pack_pairs([])) == {}


def test_packed_parts_that_do_not_fit_each_other_are_refused():
    titles = pack_titles([("maler", "32212"), ("koch", "29302")])
    with pytest.raises(ValueError, match="rebuild"):
        Titles({**titles, "codes": "32212"})
    skills = pack_occupation_skills({7: [1, 2, 3]})
    with pytest.raises(ValueError, match="rebuild"):
        unpack_occupation_skills({**skills, "skill": pack_occupation_skills({7: [1, 2]})["skill"]})
    with pytest.raises(ValueError, match="rebuild"):
        unpack_related({**pack_pairs([(1, 2), (3, 4)]), "second": pack_pairs([(1, 2)])["second"]})
    packed = pack_labels(*index_labels(ROWS, 4, SOURCES, USAGE))
    with pytest.raises(ValueError, match="rebuild"):
        unpack_labels({**packed, "more": {**packed["more"], "count": pack_occupation_skills({1: [1, 2, 3]})["count"]}}, 4)


def test_the_file_text_writes_characters_beyond_latin1_as_escapes():
    data = {"de": ["Ein- und Ausbau – Türen", "Kunden’s", "ß", "\U0001f600"]}
    text = dumps(data)
    assert json.loads(text) == data and max(text.decode("utf-8"), key=ord) <= "\xff"
    assert "Türen".encode() in text and b"\\u2013" in text


def test_the_shipped_vocabulary_file_is_read_as_a_narrow_text():
    # one dash beyond Latin-1 makes Python hold the whole text at twice the width, and reading it take twice as long
    with gzip.open(DEFAULT_PATH, "rt", encoding="utf-8") as f:
        text = f.read()
    assert max(text, key=ord) <= "\xff"
    vocab = default_vocabulary()
    assert any("–" in label for label in vocab.label_de + vocab.label_en)  # (the escaped dashes read back as dashes)
    assert len(vocab.titles) > 20_000 and vocab.titles.get("maler") and len(vocab.occupation_skills) > 2_900 and len(vocab.related) > 4_000


def test_a_skill_is_needed_by_the_occupations_that_list_it_and_an_occupation_by_itself():
    vocab = default_vocabulary()
    occupations = sorted(vocab.occupation_skills)
    m = vocab.skill_occupations
    assert m.shape == (len(vocab), len(occupations)) and m.has_sorted_indices and set(m.data.tolist()) == {1.0}
    needing: dict[int, set[int]] = {}
    for occ in occupations:
        for concept in [*vocab.occupation_skills[occ].tolist(), occ]:
            needing.setdefault(concept, set()).add(occ)
    assert m.nnz == sum(map(len, needing.values()))
    for concept in [*list(needing)[::37], occupations[0], occupations[-1]]:
        assert set(vocab.occupations_needing(concept)) == needing[concept]
        columns, weights = vocab.occupation_row(concept)
        assert [occupations[j] for j in columns.tolist()] == sorted(needing[concept]) and weights.tolist() == [1.0] * len(columns)
    unneeded = next(c for c in range(len(vocab)) if c not in needing)
    assert vocab.occupations_needing(unneeded) == [] and len(vocab.occupation_row(unneeded)[0]) == 0
