"""The vocabulary file keeps the labels as the loader looks them up (format 3): what it reads back is what
merging one row per label makes."""

from __future__ import annotations

import json

import pytest

from matching.vocabulary import default_vocabulary, index_labels, pack_labels, unpack_labels

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
