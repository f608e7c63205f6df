"""The command line on files a new user writes by hand."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "matching", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_help_works():
    result = run("--help")
    assert result.returncode == 0
    assert "normalise" in result.stdout and "rank" in result.stdout


def test_normalise_prints_what_each_term_maps_to():
    result = run("normalise", "Staplerschein", "Kasse", "Xqzw")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert "Gabelstapler bedienen" in lines[0] and "0.95" in lines[0]
    assert "Kasse bedienen" in lines[1]
    assert "nicht erkannt" in lines[2]
    as_json = [json.loads(line) for line in run("normalise", "--json", "Staplerschein").stdout.splitlines()]
    assert as_json[0]["label"] == "Gabelstapler bedienen" and as_json[0]["how"] == "synonym"


def test_rank_writes_one_line_per_opening_in_the_documented_shape(tmp_path):
    profiles = write(
        tmp_path / "p.jsonl",
        [
            '{"id": "ana", "skills": ["Staplerschein", "Kommissionieren"], "languages": {"de": "A2", "ro": "C2"}, "hours": ["full_time"], "driving_licences": ["B"], "available_from": "2026-12-01", "postcode": "58089"}',
            '{"id": "ben", "skills": ["Kasse", "Regale einräumen"], "languages": {"de": "B1"}, "hours": ["part_time"]}',
            "",
            '{"id": "cem", "skills": ["Gabelstapler fahren"], "languages": {"de": "A1"}, "hours": ["full_time"]}',
        ],
    )
    openings = write(
        tmp_path / "o.jsonl",
        [
            '{"id": "lager-1", "title": "Lagerhelfer", "required_skills": ["Staplerschein", "Kommissionieren"], "optional_skills": ["Scanner"], "german_level": "A2", "hours": "full_time", "driving_licence": null, "start": "2027-01-01", "postcode": "58089"}',
            '{"id": "kasse-1", "title": "Kasse", "required_skills": ["Kasse"], "optional_skills": [], "german_level": "B1", "hours": "part_time", "driving_licence": null}',
        ],
    )
    out = tmp_path / "r.jsonl"
    result = run("rank", "--profiles", str(profiles), "--openings", str(openings), "--top", "10", "--output", str(out))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["opening"] for line in lines] == ["lager-1", "kasse-1"]
    first = lines[0]["ranking"]
    assert [r["profile"] for r in first] == ["ana"]  # cem's German is below A2
    entry = first[0]
    assert set(entry) >= {"profile", "score", "explanation"}
    assert set(entry["explanation"]) >= {"matched", "missing", "conditions"}
    for pair in entry["explanation"]["matched"]:
        assert set(pair) >= {"required", "by", "how"}
    assert entry["explanation"]["missing"] == []
    assert [r["profile"] for r in lines[1]["ranking"]] == ["ben"]
    # to standard output as well
    stdout = run("rank", "--profiles", str(profiles), "--openings", str(openings), "--top", "1")
    assert [json.loads(line)["opening"] for line in stdout.stdout.splitlines()] == ["lager-1", "kasse-1"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "x", "skills": [], "languages": {"de": "B3"}, "hours": []}', 'line 2: the level of language "de" must be one of'),
        ('{"skills": ["Kasse"], "languages": {"de": "B1"}}', 'line 2: "id" is missing'),
        ('{"id": "x", "skills": ["Kasse"', "line 2: not valid JSON"),
        ('{"id": "x", "skills": "Kasse"}', 'line 2: "skills" must be a list of strings'),
        ('{"id": "x", "hours": ["sometimes"]}', 'line 2: "hours" may contain'),
        ('{"id": "x", "available_from": "1.12.2026"}', 'line 2: "available_from" must be a date written YYYY-MM-DD'),
        ('{"id": "x", "readings": {"Kasse": 5}}', 'line 2: "readings" must be an object like'),
        ('{"id": "x", "readings": ["Kasse"]}', 'line 2: "readings" must be an object like'),
        ('{"id": "ok"}', "line 2: the id 'ok' appears twice"),
    ],
)
def test_bad_profiles_stop_with_a_message_naming_the_line(tmp_path, line, message):
    profiles = write(tmp_path / "p.jsonl", ['{"id": "ok", "skills": ["Kasse"], "languages": {"de": "B1"}, "hours": ["full_time"]}', line])
    openings = write(
        tmp_path / "o.jsonl",
        ['{"id": "o", "title": "T", "required_skills": ["Kasse"], "optional_skills": [], "german_level": "A1", "hours": "full_time", "driving_licence": null}'],
    )
    result = run("rank", "--profiles", str(profiles), "--openings", str(openings))
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "o", "required_skills": [], "german_level": "A7", "hours": "full_time"}', '"german_level" must be one of A1, A2, B1, B2, C1, C2'),
        ('{"id": "o", "required_skills": [], "hours": "full_time"}', '"german_level" is missing'),
        ('{"id": "o", "german_level": "A2", "hours": "weekends"}', '"hours" must be one of'),
        ('{"id": "o", "german_level": "A2", "hours": "full_time", "driving_licence": "Z"}', '"driving_licence" must be one of'),
        ("[1, 2]", "an opening must be a JSON object"),
    ],
)
def test_bad_openings_stop_with_a_message_naming_the_line(tmp_path, line, message):
    profiles = write(tmp_path / "p.jsonl", ['{"id": "ok", "skills": ["Kasse"], "languages": {"de": "B1"}}'])
    openings = write(tmp_path / "o.jsonl", [line])
    result = run("rank", "--profiles", str(profiles), "--openings", str(openings))
    assert result.returncode == 2
    assert f"line 1: {message}" in result.stderr


def test_a_missing_file_is_a_clear_error(tmp_path):
    result = run("rank", "--profiles", str(tmp_path / "nope.jsonl"), "--openings", str(tmp_path / "nope2.jsonl"))
    assert result.returncode == 2
    assert "cannot read" in result.stderr


def test_report_reads_an_exported_layer_and_measures_it(tmp_path):
    from matching import Normaliser

    kasse = Normaliser().normalise(["Kasse bedienen"])[0].concept
    layer = {
        "format": "kmu-match-vocabulary-layer",
        "version": 1,
        "proposals": {"accepted": 2, "rejected": 1, "open": 0},
        "entries": [{"term": "Bonieren", "concept": kasse}, {"term": "Kommi", "concept": None}],
    }
    path = tmp_path / "wortschatz.json"
    path.write_text(json.dumps(layer), encoding="utf-8")
    result = run("report", "--layer", str(path), "--json")
    assert result.returncode == 0, result.stderr
    rep = json.loads(result.stdout)
    assert rep["layer"] == {"entries": 2, "own": 1, "left_out": ["Kommi"]} and rep["proposals"]["rejected"] == 1
    for bench in rep["benches"].values():
        assert 0 < bench["held_out"]["with"] <= 1 and 0 < bench["dev"]["without"] <= 1


@pytest.mark.parametrize(
    "content, message",
    [
        ("not json", "cannot read"),
        ('{"format": "something else", "entries": []}', "not a vocabulary layer"),
        ('{"format": "kmu-match-vocabulary-layer", "entries": [{"term": "X", "concept": "esco:nicht-da"}]}', "concepts the vocabulary does not have"),
    ],
)
def test_report_refuses_a_file_that_is_not_a_layer(tmp_path, content, message):
    path = tmp_path / "wortschatz.json"
    path.write_text(content, encoding="utf-8")
    result = run("report", "--layer", str(path))
    assert result.returncode == 2 and message in result.stderr


def test_the_command_line_keeps_its_derived_arrays_in_the_cache_folder(tmp_path, monkeypatch, capsys):
    """A second run reads the typo index and the word counts instead of computing them (issue 30.5)."""
    from matching import cli, derived

    monkeypatch.setenv("KMU_MATCHING_CACHE_DIR", str(tmp_path / "cache"))
    before = derived.folder()
    assert cli.main(["normalise", "Staplerschien", "Kasse"]) == 0  # a typo: the typo index is made
    kept = sorted(p.name.split("-")[0] for p in (tmp_path / "cache").glob("*.npz"))
    assert "fuzzy" in kept or "concept" in kept
    assert derived.folder() == before  # the process's own setting is left as it was
    monkeypatch.setenv("KMU_MATCHING_CACHE_DIR", "")
    assert cli.cache_folder() is None


def test_prepare_keeps_everything_a_first_ranking_derives(tmp_path, monkeypatch, capsys):
    """``python -m matching prepare`` (run by ``make install``) computes every array a ranking derives from the
    vocabulary: a ranking afterwards finds them all and writes none (issue 30.5: no first run pays for them)."""
    from matching import cli

    cache = tmp_path / "cache"
    monkeypatch.setenv("KMU_MATCHING_CACHE_DIR", str(cache))
    assert cli.main(["prepare"]) == 0
    assert str(cache) in capsys.readouterr().out
    prepared = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.npz")}
    assert {name.rsplit("-", 1)[0] for name in prepared} == {
        "concept-vectors",
        "fuzzy-labels",
        "occupation-features",
        "occupation-vectors",
        "spot-index",
        "vocabulary-text",
        "word-features",
        "word-kinds",
    }
    profiles, openings = tmp_path / "p.jsonl", tmp_path / "o.jsonl"
    write(profiles, ['{"id": "p1", "skills": ["Kasse bedinen", "Regale auffüllen"], "languages": {"de": "B1"}, "hours": ["part_time"]}'])
    opening = {"id": "o1", "title": "Verkäuferin", "required_skills": ["Sie bedienen die Kasse und füllen die Regale auf"], "optional_skills": []}
    write(openings, [json.dumps({**opening, "german_level": "A2", "hours": "part_time", "driving_licence": None}, ensure_ascii=False)])
    assert cli.main(["rank", "--profiles", str(profiles), "--openings", str(openings), "--output", str(tmp_path / "out.jsonl")]) == 0
    assert {p.name: p.stat().st_mtime_ns for p in cache.glob("*.npz")} == prepared
    monkeypatch.setenv("KMU_MATCHING_CACHE_DIR", "")
    assert cli.main(["prepare"]) == 0 and "nothing" in capsys.readouterr().out


def test_rank_in_batches_writes_what_one_ranking_per_opening_gives(tmp_path, monkeypatch):
    """The command ranks its openings in batches (``RANK_BATCH``, one typo look-up for each batch's lines): every
    opening keeps its line, in the file's order, with the ranking ``Matcher.rank`` gives it alone, also where a
    batch ends inside the file."""
    from matching import cli
    from matching.matcher import Matcher
    from matching.records import read_jsonl

    profiles = write(
        tmp_path / "p.jsonl",
        [
            '{"id": "ana", "skills": ["Staplerschein", "Kommissionieren"], "languages": {"de": "B1"}, "hours": ["full_time"]}',
            '{"id": "ben", "skills": ["Kasse bedinen", "Regale einräumen"], "languages": {"de": "B1"}, "hours": ["full_time"]}',
            '{"id": "cem", "skills": ["Brötchen backen", "Teig kneten"], "languages": {"de": "B1"}, "hours": ["full_time"]}',
        ],
    )
    lines = [
        ("lager", "Lagerhelfer", "Sie fahren Stapler und kommissionieren Ware"),
        ("kasse", "Verkäuferin", "Sie bedienen die Kase und füllen die Regale auf"),
        ("back", "Bäcker", "Sie backen Brötchen"),
        ("lager-2", "Staplerfahrer", "Staplerschein"),
        ("kasse-2", "Kassierer", "Kasse"),
    ]
    openings = write(
        tmp_path / "o.jsonl",
        [
            json.dumps({"id": i, "title": t, "required_skills": [line], "optional_skills": [], "german_level": "A2", "hours": "full_time"}, ensure_ascii=False)
            for i, t, line in lines
        ],
    )
    monkeypatch.setattr(cli, "RANK_BATCH", 2)
    out = tmp_path / "r.jsonl"
    assert cli.main(["rank", "--profiles", str(profiles), "--openings", str(openings), "--output", str(out)]) == 0
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    matcher = Matcher().fit(list(read_jsonl(profiles, "profile")))
    alone = [{"opening": o.id, "ranking": [r.as_dict("profile") for r in matcher.rank(o, k=10)]} for o in read_jsonl(openings, "opening")]
    assert [w["opening"] for w in written] == [i for i, _t, _line in lines]
    assert written == json.loads(json.dumps(alone, ensure_ascii=False))
    assert all(w["ranking"] for w in written)
