"""What the matcher derives from its vocabulary is kept between starts, and is never read stale."""

from __future__ import annotations

import numpy as np
import pytest

from matching import derived
from matching.normalise import Normaliser
from matching.similarity import FeatureSpace
from matching.vocabulary import default_vocabulary


@pytest.fixture
def folder(tmp_path):
    before = derived.folder()
    derived.set_folder(tmp_path)
    yield tmp_path
    derived.set_folder(before)


def test_arrays_are_computed_once_and_read_afterwards(folder):
    calls = []

    def build():
        calls.append(1)
        return {"a": np.arange(5), "b": np.asarray(["x", "yz"])}

    first = derived.arrays("thing", "k1", build)
    second = derived.arrays("thing", "k1", build)
    assert len(calls) == 1
    assert np.array_equal(first["a"], second["a"]) and second["b"].tolist() == ["x", "yz"]
    # Another key (another vocabulary, code or parameter) is computed anew and replaces the old file.
    derived.arrays("thing", "k2", build)
    assert len(calls) == 2
    assert [p.name for p in folder.glob("thing-*.npz")] == ["thing-k2.npz"]


def test_a_damaged_file_is_computed_anew(folder):
    (folder / "thing-k1.npz").write_bytes(b"not an npz file")
    got = derived.arrays("thing", "k1", lambda: {"a": np.ones(3)})
    assert got["a"].tolist() == [1.0, 1.0, 1.0]
    assert np.load(folder / "thing-k1.npz", allow_pickle=False)["a"].tolist() == [1.0, 1.0, 1.0]


def test_a_file_that_cannot_be_written_leaves_nothing_behind(folder, monkeypatch):
    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(np, "savez", full_disk)
    assert derived.arrays("thing", "k1", lambda: {"a": np.arange(3)})["a"].tolist() == [0, 1, 2]  # computed all the same
    assert list(folder.iterdir()) == []  # no half-written file stays in the folder


def test_kept_arrays_that_do_not_fit_are_computed_anew_and_replaced(folder):
    made = {"a": np.arange(4)}
    derived.arrays("thing", "k1", lambda: {"a": np.arange(2)})  # kept, but not what is asked for now

    def fits(kept):
        return len(kept["a"]) == 4

    assert derived.arrays("thing", "k1", lambda: made, fits)["a"].tolist() == [0, 1, 2, 3]
    assert derived.arrays("thing", "k1", lambda: pytest.fail("computed again"), fits)["a"].tolist() == [0, 1, 2, 3]  # replaced
    # a check that asks for an array the file lacks reads as "does not fit"
    assert derived.arrays("thing", "k1", lambda: {"b": np.ones(1)}, lambda kept: kept["b"].shape == (1,))["b"].tolist() == [1.0]


def test_a_kept_sparse_matrix_must_stay_inside_itself(folder):
    """A kept matrix whose column numbers or row pointers point outside it (a file written by hand) would make scipy
    read outside its arrays: such a file is computed anew."""
    from scipy import sparse

    good = derived.csr_to_arrays(sparse.csr_matrix(np.asarray([[0, 1.0, 0], [2.0, 0, 3.0]], dtype=np.float32)), "m")
    assert derived.csr_fits(good, "m", (2, 3))
    assert not derived.csr_fits(good, "m", (2, 4))  # another shape than asked for
    assert not derived.csr_fits({**good, "m_indices": np.asarray([1, 0, 7], dtype=np.int32)}, "m", (2, 3))  # a column outside
    assert not derived.csr_fits({**good, "m_indices": np.asarray([1, -1, 2], dtype=np.int32)}, "m", (2, 3))
    assert not derived.csr_fits({**good, "m_indptr": np.asarray([0, 2, 1], dtype=np.int32)}, "m", (2, 3))  # rows going back
    assert not derived.csr_fits({**good, "m_indptr": np.asarray([0, 1, 9], dtype=np.int32)}, "m", (2, 3))  # more than it holds
    assert not derived.csr_fits({k: v for k, v in good.items() if k != "m_data"}, "m", (2, 3))
    assert not derived.csr_fits({**good, "m_indices": good["m_indices"].astype(np.float64)}, "m", (2, 3))  # numbers of another kind
    assert not derived.csr_fits({**good, "m_data": np.asarray(["a", "b", "c"])}, "m", (2, 3))
    vocabulary = default_vocabulary()
    fresh = FeatureSpace(vocabulary)  # written
    (path,) = folder.glob("concept-vectors-*.npz")
    stored = dict(np.load(path))
    stored["concepts_indices"] = stored["concepts_indices"].copy()
    stored["concepts_indices"][0] = 2**30  # a column far outside the matrix
    np.savez(path, **stored)
    again = FeatureSpace(vocabulary)  # computed anew, not read
    assert (abs(again.concepts([0, 1, 2]) - fresh.concepts([0, 1, 2]))).max() == 0
    assert int(np.load(path)["concepts_indices"].max()) < FeatureSpace.N_FEATURES  # and replaced


def test_nothing_is_kept_without_a_folder_or_a_fingerprint(tmp_path):
    before = derived.folder()
    derived.set_folder(None)
    try:
        calls = []
        for _ in range(2):
            derived.arrays("thing", "k1", lambda: calls.append(1) or {"a": np.zeros(1)})
        assert len(calls) == 2
    finally:
        derived.set_folder(before)
    assert derived.fingerprint(None, 1) is None  # a vocabulary not read from a file has none
    assert derived.fingerprint("v", 1) != derived.fingerprint("v", 2) != derived.fingerprint("w", 2)


def test_kept_arrays_give_the_same_readings_and_vectors_as_fresh_ones(folder):
    vocabulary = default_vocabulary()
    assert vocabulary.fingerprint
    terms = ["Kasse führn", "Gabelstaplr fahren", "Verkäuferinn", "Brötchen backen", "Regale einräumen"]
    derived.set_folder(None)
    fresh_normaliser, fresh_space = Normaliser(vocabulary), FeatureSpace(vocabulary)
    fresh = fresh_normaliser.normalise(terms)
    derived.set_folder(folder)
    FeatureSpace(vocabulary).occupations, Normaliser(vocabulary)._fuzzy_labels()  # written
    names = sorted(p.name.rsplit("-", 1)[0] for p in folder.glob("*.npz"))
    assert names in (["concept-vectors", "fuzzy-labels", "occupation-vectors"], ["concept-vectors", "fuzzy-labels", "occupation-vectors", "vocabulary-text"])
    kept_normaliser, kept_space = Normaliser(vocabulary), FeatureSpace(vocabulary)  # read
    assert kept_normaliser.normalise(terms) == fresh
    assert (abs(kept_space.transform(terms) - fresh_space.transform(terms))).max() == 0
    assert (abs(kept_space.concepts([0, 5, 17]) - fresh_space.concepts([0, 5, 17]))).max() == 0
    assert np.array_equal(kept_space.idf, fresh_space.idf) and kept_space.idf.dtype == fresh_space.idf.dtype
    (kept_occupations, kept_vectors), (fresh_occupations, fresh_vectors) = kept_space.occupations, fresh_space.occupations
    assert np.array_equal(kept_occupations, fresh_occupations) and (abs(kept_vectors - fresh_vectors)).max() == 0


def test_kept_word_kinds_are_the_computed_ones(folder):
    """Which stems the labels write as nouns and as verbs (matching.likeness) is kept, too."""
    from matching.likeness import Likeness

    space = FeatureSpace(default_vocabulary())
    derived.set_folder(None)
    fresh = Likeness(space)._kinds
    derived.set_folder(folder)
    written = Likeness(space)._kinds
    assert [p.name.split("-")[0] for p in folder.glob("word-kinds-*.npz")] == ["word"]
    read = Likeness(space)._kinds
    assert fresh == written == read and all(fresh)


def test_kept_word_features_are_the_computed_ones(folder):
    """The labels' words split into stems and compound parts are kept, and read back they are what splitting
    them gives."""
    from matching.lexicon import Lexicon
    from matching.vocabulary import Vocabulary

    written = Vocabulary.load().lexicon  # a fresh copy, made with the folder set: split and written
    assert [p.name.split("-")[0] for p in folder.glob("word-features-*.npz")] == ["word"]
    read_vocabulary = Vocabulary.load()
    read = read_vocabulary.lexicon
    words = sorted(read.known)
    assert len(read._kept_features) == len(words) > 20_000 and len(read._kept_parts) > 20_000  # taken from the file, not split again
    fresh = Lexicon({w for texts in read_vocabulary.label_texts for text in texts for w in text.split()})
    assert (read.known, read.known_stems, read._fronts) == (fresh.known, fresh.known_stems, fresh._fronts)  # read, not worked out
    assert all(read.word_features(w) == written.word_features(w) == fresh.word_features(w) for w in words)
    assert all(read.parts(read.base(w)) == fresh.parts(fresh.base(w)) for w in words)
    assert read.features("Gabelstaplerfahrerin mit Erfahrung") == fresh.features("Gabelstaplerfahrerin mit Erfahrung")


def test_kept_word_texts_are_found_by_bisection_and_missing_last_lines_read_as_empty():
    from matching.lexicon import _KeptTexts

    kept = _KeptTexts(["bau", "lager", "zoll"], ["bau", ""])  # (the file's last lines empty: read as none)
    assert [kept.get(w) for w in ["bau", "lager", "zoll", "aaa", "zzzz", ""]] == ["bau", "", "", None, None, None]
    assert len(kept) == 3 and "lager" in kept and "x" not in kept


def test_kept_occupation_features_are_the_computed_ones(folder, monkeypatch):
    """The features of each occupation's labels (what a title is compared with) are worked out once and kept;
    a later start reads them, and they are what working them out gives."""
    from matching import titles
    from matching.vocabulary import Vocabulary

    vocabulary = Vocabulary.load()  # a fresh copy, made with the folder set
    written = titles.kept_label_features(vocabulary)
    assert written is not None and [p.name.split("-")[0] for p in folder.glob("occupation-features-*.npz")] == ["occupation"]
    occupations = [c for c, kind in enumerate(vocabulary.kind) if kind == "occupation"]
    assert all(frozenset(written[c].split()) == titles._made_label_features(vocabulary, c) for c in occupations)
    assert all(written[c] == "" for c, kind in enumerate(vocabulary.kind) if kind != "occupation")
    again = Vocabulary.load()
    monkeypatch.setattr(titles, "_made_label_features", lambda *_a: pytest.fail("worked out again"))
    assert titles._label_features(again, occupations[0]) == frozenset(written[occupations[0]].split()) != frozenset()
    monkeypatch.undo()
    (path,) = folder.glob("occupation-features-*.npz")
    np.savez(path, features=derived.lines_to_array(["a", "b"]))  # a file that does not fit the vocabulary: made anew
    remade = titles.kept_label_features(Vocabulary.load())
    assert remade is not None and len(remade) == len(vocabulary.ids) and remade[occupations[0]] == written[occupations[0]]
    assert derived.line_count(np.load(path)["features"]) == len(vocabulary.ids)  # and kept in its place
    derived.set_folder(None)  # without a folder nothing is kept: each occupation's are worked out when asked for
    assert titles.kept_label_features(Vocabulary.load()) is None


def test_the_collector_is_paused_only_while_building():
    import gc

    assert gc.isenabled()
    with derived.collector_paused():
        assert not gc.isenabled()
        with derived.collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer build still runs
    assert gc.isenabled()
    with pytest.raises(ValueError), derived.collector_paused():
        raise ValueError("a build that fails")
    assert gc.isenabled()
    gc.disable()
    try:  # a caller who paused it himself keeps it paused
        with derived.collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_spotting_index_reads_back_as_it_was_kept_at_its_edges():
    """Tables of one entry, entries with no value (a form table's "any form"), empty tables and sets: each kept
    table is read back whole, its keys and values paired as they were."""
    from matching.normalise import _spot_index_from_arrays, _spot_index_to_arrays

    index = (
        {"stapl": {3, 17}, "kass": {5}},
        {frozenset({"hol", "ware"}): {8}},
        {},
        {"pflan": set()},
        {"kasse": {""}},
        frozenset({"bedienen"}),
        {},
        frozenset(),
        frozenset({"gabelstapler", "waren"}),
        {"gabelstapler": {9, 10}},
    )
    assert [dict(t.items()) if isinstance(t, dict) else t for t in _spot_index_from_arrays(_spot_index_to_arrays(index))] == list(index)


def test_kept_spotting_index_is_the_computed_one_and_the_layer_still_counts(folder):
    """The index of the labels' stems the spotter looks lines up in is kept; the project's own words (the layer,
    which a counsellor changes at any time) are added to it after reading, never kept."""
    vocabulary = default_vocabulary()
    concept = vocabulary.index[next(iter(vocabulary.index))]
    layer = {"Quxbazpflege": vocabulary.ids[concept]}
    derived.set_folder(None)
    fresh = Normaliser(vocabulary, layer=layer)
    derived.set_folder(folder)
    written = Normaliser(vocabulary, layer=layer)
    assert written._spot_index() == fresh._spot_index()
    assert [p.name.split("-")[0] for p in folder.glob("spot-index-*.npz")] == ["spot"]
    read = Normaliser(vocabulary, layer=layer)
    assert read._spot_index() == fresh._spot_index()
    line = "Sie übernehmen die Quxbazpflege und führen die Kasse"
    assert [n.concept for n in read.spot(line)] == [n.concept for n in fresh.spot(line)]
    assert vocabulary.ids[concept] in [n.concept for n in read.spot(line)]
    assert Normaliser(vocabulary)._spot_index() != read._spot_index()  # without the layer: not in it


def test_the_vocabulary_read_from_its_kept_text_is_the_one_read_from_the_file(folder):
    from matching.vocabulary import DEFAULT_PATH, Vocabulary

    first = Vocabulary.load(DEFAULT_PATH)  # unpacks the file and keeps its text
    assert [p.name.split("-")[0] for p in folder.glob("vocabulary-*.npz")] == ["vocabulary"]
    again = Vocabulary.load(DEFAULT_PATH)  # reads the kept text
    assert again.fingerprint == first.fingerprint
    assert (again.ids, again.label_de, list(again.entries), again.label_texts) == (first.ids, first.label_de, list(first.entries), first.label_texts)
    assert again.entries["gabelstaplerfahren"] == first.entries["gabelstaplerfahren"]


def test_a_kept_spotting_table_makes_a_value_when_it_is_asked_for():
    from matching.normalise import _KeptTable

    concepts = _KeptTable([("stapl", "3 17"), ("kass", "5")], words=False)
    forms = _KeptTable([("medizin", "medizin medizinische"), ("kasse", "")], words=True)
    assert concepts["stapl"] == {3, 17} and concepts.get("kass") == {5} and concepts.get("nichts", set()) == set()
    assert "stapl" in concepts and "nichts" not in concepts and concepts.get("nichts") is None
    with pytest.raises(KeyError):
        concepts["nichts"]
    assert forms["medizin"] == {"medizin", "medizinische"} and forms["kasse"] == {""}  # the empty word: any form
    concepts["quxbaz"] = {9}  # the project's own words are put in as sets
    assert concepts["quxbaz"] == {9} and concepts == {"stapl": {3, 17}, "kass": {5}, "quxbaz": {9}}
    assert sorted(map(sorted, concepts.values())) == [[3, 17], [5], [9]]


def test_kept_arrays_are_mapped_from_the_file_and_read_as_written(folder):
    arrays = {
        "words": derived.lines_to_array(["gabelstapler", "bäckerei", "", "kasse"]),
        "text": np.asarray(["Stapler", "Kassé"]),
        "flags": np.asarray([True, False, True]),
        "weights": np.arange(12, dtype=np.float32).reshape(3, 4),
        "fortran": np.asfortranarray(np.arange(6, dtype=np.int64).reshape(2, 3)),
        "empty": np.zeros(0, dtype=np.int32),
    }
    derived.arrays("thing", "k1", lambda: arrays)
    read = derived.arrays("thing", "k1", lambda: pytest.fail("computed again"))
    assert sorted(read) == sorted(arrays)
    assert all(np.array_equal(read[k], v) and read[k].dtype == v.dtype for k, v in arrays.items())
    assert isinstance(read["weights"].base, np.memmap) and type(read["weights"]) is np.ndarray  # mapped, not read; a plain array
    read["weights"][0, 0] = 99  # a change is the caller's own, never the file's
    again = derived.arrays("thing", "k1", lambda: pytest.fail("computed again"))
    assert again["weights"][0, 0] == 0


def test_a_file_whose_arrays_are_compressed_is_computed_anew(folder):
    np.savez_compressed(folder / "thing-k1.npz", a=np.arange(3))
    assert derived.arrays("thing", "k1", lambda: {"a": np.arange(5)})["a"].tolist() == [0, 1, 2, 3, 4]


def test_lines_are_decoded_one_by_one_as_they_were_kept():
    for lines in (["gabelstapler", "bäckerei", "", "kasse"], ["eine"], ["", ""], ["ärger", ""]):
        kept = derived.Lines(derived.lines_to_array(lines))
        assert len(kept) == len(lines) and list(kept) == lines and kept[1:] == lines[1:] and kept[-1] == lines[-1]
        assert kept.take([len(lines) - 1, 0, 0]) == [lines[-1], lines[0], lines[0]] and kept.take([]) == []
    assert len(derived.Lines(derived.lines_to_array([]))) == 0


@pytest.mark.parametrize(
    ("header", "data"),
    [
        ({"descr": "<f8", "fortran_order": False, "shape": (1_000_000,)}, np.arange(3.0).tobytes()),  # claims more than it holds
        ({"descr": "|O", "fortran_order": False, "shape": (1,)}, b"x" * 8),  # objects: never read (no pickle)
    ],
)
def test_a_file_that_lies_about_its_arrays_is_computed_anew(folder, header, data):
    import io
    import zipfile

    member = io.BytesIO()
    np.lib.format.write_array_header_1_0(member, header)
    member.write(data)
    with zipfile.ZipFile(folder / "thing-k1.npz", "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.npy", member.getvalue())
    assert derived.arrays("thing", "k1", lambda: {"a": np.arange(5)})["a"].tolist() == [0, 1, 2, 3, 4]


@pytest.mark.parametrize("name", ["key_at", "long_at"])
@pytest.mark.parametrize("forged", [[-1], [10**9], [0.5]])
def test_a_kept_typo_index_naming_keys_the_vocabulary_lacks_is_computed_anew(folder, forged, name):
    """The typo index keeps its label keys as positions among the vocabulary's, and the keys a long term may be a
    typo of as positions among its own: a position outside them (or no whole number) in a file written by hand is
    never read; the index is made anew, and replaces the file."""
    vocabulary = default_vocabulary()
    index = Normaliser(vocabulary)._fuzzy_labels()  # written
    (path,) = folder.glob("fuzzy-labels-*.npz")
    stored = dict(np.load(path))
    at = stored[name].astype(np.float64 if isinstance(forged[0], float) else np.int64)
    at[: len(forged)] = forged
    np.savez(path, **{**stored, name: at})
    again = Normaliser(vocabulary)._fuzzy_labels()
    assert len(again.keys) == len(index.keys) and again.keys[:50] == index.keys[:50] and again.keys[-1] == index.keys[-1]
    assert again.long_at.tolist() == index.long_at.tolist()
    assert np.load(path)[name].tolist() == stored[name].tolist()  # replaced
    assert Normaliser(vocabulary).normalise(["Gabelstaplr fahren"])[0].label == "Gabelstapler bedienen"


def test_a_kept_long_key_index_of_another_shape_is_computed_anew(folder):
    vocabulary = default_vocabulary()
    index = Normaliser(vocabulary)._fuzzy_labels()  # written
    (path,) = folder.glob("fuzzy-labels-*.npz")
    stored = dict(np.load(path))
    np.savez(path, **{**stored, "long_at": stored["long_at"][:-1]})  # one key fewer than its part of the index has
    again = Normaliser(vocabulary)._fuzzy_labels()
    assert again.long_at.tolist() == index.long_at.tolist() and again.long_labels.shape == index.long_labels.shape
