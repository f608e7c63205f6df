"""Ranking: the right people first, hard conditions respected, every score explained."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching import Matcher, opening_from_dict, profile_from_dict

POOL = [
    "Staplerschein",
    "Kommissionieren",
    "Ware annehmen",
    "Kasse",
    "Regale einräumen",
    "putzen",
    "Fenster putzen",
    "Gemüse schnippeln",
    "Spülen",
    "Haare waschen",
    "Erste Hilfe leisten",
    "Gesundheitszeugnis",
    "Verpacken",
    "Trockenbau",
    "Malerarbeiten",
    "Quxbaz-Technik",
]


def P(pid, skills, de="B1", hours=("full_time", "part_time", "minijob"), **kw):
    return profile_from_dict({"id": pid, "skills": list(skills), "languages": {"de": de}, "hours": list(hours), **kw})


def O(oid="o", required=(), optional=(), level="A2", hours="full_time", **kw):  # noqa: E743 - O for an opening, as P for a profile
    return opening_from_dict(
        {"id": oid, "title": "Stelle", "required_skills": list(required), "optional_skills": list(optional), "german_level": level, "hours": hours, **kw}
    )


@pytest.fixture(scope="module")
def matcher(normaliser):
    return Matcher(normaliser)


def test_the_profile_that_covers_the_opening_comes_first(normaliser):
    profiles = [
        P("all", ["Gabelstapler fahren", "Kommissionierung", "Warenannahme"]),
        P("some", ["Staplerschein"]),
        P("none", ["Haare waschen"]),
    ]
    m = Matcher(normaliser).fit(profiles)
    ranking = m.rank(O(required=["Staplerschein", "Kommissionieren"], optional=["Ware annehmen"]), k=10)
    assert [r.id for r in ranking] == ["all", "some"]
    assert ranking[0].score > ranking[1].score
    assert all(0 <= r.score <= 1 for r in ranking)


def test_required_skills_weigh_more_than_nice_to_have_ones(normaliser):
    m = Matcher(normaliser, proximity_weight=0).fit([P("req", ["Kasse"]), P("opt", ["Regale einräumen"])])
    ranking = m.rank(O(required=["Kasse"], optional=["Regale einräumen"]))
    assert [r.id for r in ranking] == ["req", "opt"]
    assert ranking[0].score == pytest.approx(2 / 3)
    assert ranking[1].score == pytest.approx(1 / 3)


def test_a_related_skill_earns_partial_credit_and_says_so(normaliser):
    m = Matcher(normaliser, proximity_weight=0, related_credit=0.4).fit([P("related", ["Registrierkasse bedienen"])])
    [result] = m.rank(O(required=["Kasse"]))
    assert result.score == pytest.approx(0.4)
    [pair] = result.explanation["matched"]
    assert pair == {"required": "Kasse", "by": "Registrierkasse bedienen", "how": "related", "credit": 0.4, "kind": "required", "skill": "Kasse bedienen"}


def test_the_explanation_names_matched_and_missing_terms_and_the_parts(normaliser):
    m = Matcher(normaliser).fit([P("p", ["Staplerschien", "Kasse"], postcode="58089")])
    [r] = m.rank(O(required=["Staplerschein", "Kommissionieren"], optional=["Kasse"], postcode="58089"))
    e = r.explanation
    assert {(x["required"], x["by"], x["how"]) for x in e["matched"]} == {("Staplerschein", "Staplerschien", "fuzzy"), ("Kasse", "Kasse", "exact")}
    assert e["missing"] == ["Kommissionieren"]
    assert e["parts"]["required"] == pytest.approx(0.5)
    assert e["parts"]["optional"] == pytest.approx(1.0)
    assert e["parts"]["proximity"] == 1.0 and e["parts"]["distance_km"] == 0.0
    assert {c["condition"]: c["status"] for c in e["conditions"]} == {"german_level": "met", "hours": "met"}


def test_synonyms_on_both_sides_are_explained_as_synonyms(normaliser):
    m = Matcher(normaliser).fit([P("p", ["Gabelstapler bedienen"])])
    [r] = m.rank(O(required=["Staplerschein"]))
    assert r.explanation["matched"][0]["how"] == "synonym"


def test_german_below_the_level_is_not_ranked_unless_the_employer_helps(normaliser):
    m = Matcher(normaliser).fit([P("a1", ["Kasse"], de="A1"), P("a2", ["Kasse"], de="A2"), P("b1", ["Kasse"], de="B1")])
    assert {r.id for r in m.rank(O(required=["Kasse"], level="B1"))} == {"b1"}
    ranking = m.rank(O(required=["Kasse"], level="B1", language_support=True))
    assert {r.id for r in ranking} == {"a2", "b1"}
    relaxed = next(r for r in ranking if r.id == "a2")
    assert {"condition": "german_level", "required": "B1", "profile": "A2", "status": "relaxed"} in relaxed.explanation["conditions"]


def test_hours_licence_and_start_date_are_hard_conditions(normaliser):
    profiles = [
        P("ok", ["Kasse"], hours=["part_time"], driving_licences=["CE"], available_from="2026-12-01"),
        P("hours", ["Kasse"], hours=["minijob"], driving_licences=["B"]),
        P("licence", ["Kasse"], hours=["part_time"]),
        P("late", ["Kasse"], hours=["part_time"], driving_licences=["B"], available_from="2027-03-01"),
    ]
    m = Matcher(normaliser).fit(profiles)
    opening = O(required=["Kasse"], hours="part_time", driving_licence="B", start="2027-01-15")
    assert [r.id for r in m.rank(opening)] == ["ok"]  # CE includes B
    explained = {c["condition"]: c["status"] for c in m.explain(opening, "late").explanation["conditions"]}
    assert explained["available_from"] == "failed"
    assert {c["condition"]: c["status"] for c in m.explain(opening, "hours").explanation["conditions"]}["hours"] == "failed"
    assert {c["condition"]: c["status"] for c in m.explain(opening, "licence").explanation["conditions"]}["driving_licence"] == "failed"


def test_a_must_skill_excludes_profiles_without_it(normaliser):
    m = Matcher(normaliser).fit([P("stapler", ["Staplerschein"]), P("lager", ["Kommissionieren", "Hebezeug bedienen"])])
    opening = O(required=["Staplerschein", "Kommissionieren"], must_skills=["Staplerschein"])
    assert [r.id for r in m.rank(opening)] == ["stapler"]


def test_unknown_terms_are_still_compared_by_character_ngrams(normaliser):
    m = Matcher(normaliser).fit([P("p", ["Quxbaz-Technik"]), P("q", ["Haare waschen"])])
    [r] = m.rank(O(required=["Quxbaz Technik"]))
    assert r.id == "p"
    assert r.explanation["matched"][0]["how"] in ("exact", "ngram")


def test_profiles_can_be_added_changed_and_removed_without_refitting(normaliser):
    m = Matcher(normaliser).fit([P("a", ["Kasse"]), P("b", ["putzen"])])
    opening = O(required=["Staplerschein"])
    assert m.rank(opening) == []
    m.update_profile(P("c", ["Staplerschein"]))
    assert [r.id for r in m.rank(opening)] == ["c"]
    m.update_profile(P("a", ["Staplerschein", "Kommissionieren"]))
    assert {r.id for r in m.rank(opening)} == {"a", "c"}
    m.remove_profile("c")
    assert [r.id for r in m.rank(opening)] == ["a"]
    assert m.n_profiles == 2
    refit = Matcher(normaliser).fit([P("a", ["Staplerschein", "Kommissionieren"]), P("b", ["putzen"])])
    assert [(r.id, r.score) for r in m.rank(opening)] == [(r.id, r.score) for r in refit.rank(opening)]


def test_an_inactive_profile_is_explained_but_not_ranked(normaliser):
    m = Matcher(normaliser).fit([P("a", ["Kasse"]), P("b", ["Kasse"])])
    m.set_active("a", False)
    assert [r.id for r in m.rank(O(required=["Kasse"]))] == ["b"]
    assert {"condition": "active", "status": "failed"} in m.explain(O(required=["Kasse"]), "a").explanation["conditions"]
    m.set_active("a", True)
    assert {r.id for r in m.rank(O(required=["Kasse"]))} == {"a", "b"}


def test_openings_are_ranked_for_a_participant(normaliser):
    openings = [O("lager", required=["Staplerschein"]), O("kasse", required=["Kasse"]), O("friseur", required=["Haare schneiden"], level="C1")]
    m = Matcher(normaliser).fit([P("p", ["Staplerschein", "Kasse"], de="B1")], openings)
    ranked = m.rank_openings("p")
    assert {r.id for r in ranked} == {"lager", "kasse"}
    m.update_opening(O("kasse", required=["Kasse", "Spülen"]))
    assert [r.id for r in m.rank_openings("p")] == ["lager", "kasse"]


def test_a_result_names_its_basis_and_the_same_basis_means_the_same_explanation(normaliser):
    """``Result.basis`` lets a caller keep what it made of an explanation: it changes with the profile, the opening and
    whether the profile is ranked, and never repeats for different inputs (issue 31: rendered cards kept per version)."""
    lager = O("lager", required=["Staplerschein", "Kommissionieren"], optional=["Kasse"])
    m = Matcher(normaliser).fit([P("a", ["Staplerschein"]), P("b", ["Kommissionieren", "Kasse"])], [lager])
    first = {r.id: r for r in m.rank(lager)}
    again = {r.id: r for r in m.rank(lager)}
    assert first["a"].basis is not None and first["a"].basis == again["a"].basis and first["a"].basis != first["b"].basis
    assert first["a"].explanation == again["a"].explanation
    assert m.explain(lager, "a").basis == first["a"].basis
    m.update_profile(P("a", ["Staplerschein", "Kasse"]))  # a changed profile: a new basis, a new explanation
    changed = {r.id: r for r in m.rank(lager)}
    assert changed["a"].basis != first["a"].basis and changed["b"].basis == first["b"].basis
    assert changed["a"].explanation != first["a"].explanation
    m.update_opening(O("lager", required=["Staplerschein", "Kommissionieren"]))  # a changed opening: new bases for all
    assert all(r.basis not in {first["b"].basis, changed["a"].basis} for r in m.rank(m.openings_["lager"].opening))
    kept = m.openings_["lager"].opening
    ranked_b = m.explain(kept, "b").basis
    m.set_active("b", False)  # no longer ranked: its explanation names that, so the basis differs
    assert m.explain(kept, "b").basis != ranked_b and {"condition": "active", "status": "failed"} in m.explain(kept, "b").explanation["conditions"]
    # an opening the matcher does not keep is read anew each time: nothing to keep
    assert all(r.basis is None for r in m.rank(O("neu", required=["Kasse"])))
    assert {r.id: r.basis is not None for r in m.rank_openings("b")} == {"lager": True}


def test_using_an_unfitted_matcher_is_an_error():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError, match="not fitted"):
        Matcher().rank(O(required=["Kasse"]))


def test_parameters_are_only_stored_in_init():
    m = Matcher(required_weight=3.0, proximity_weight=0.0)
    assert m.required_weight == 3.0 and not hasattr(m, "profile_ids_")


# -- properties ------------------------------------------------------------------------------

profiles_st = st.lists(
    st.tuples(
        st.lists(st.sampled_from(POOL), min_size=0, max_size=5, unique=True),
        st.sampled_from(["A1", "A2", "B1", "B2", "C1", "C2"]),
        st.lists(st.sampled_from(["full_time", "part_time", "minijob"]), min_size=1, max_size=3, unique=True),
        st.booleans(),
        st.sampled_from(["58089", "58097", "58135", None]),
    ),
    min_size=1,
    max_size=12,
)
opening_st = st.tuples(
    st.lists(st.sampled_from(POOL), min_size=1, max_size=4, unique=True),
    st.lists(st.sampled_from(POOL), min_size=0, max_size=3, unique=True),
    st.sampled_from(["A1", "A2", "B1", "B2"]),
    st.sampled_from(["full_time", "part_time", "minijob"]),
    st.sampled_from([None, "B"]),
    st.booleans(),
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _build(raw_profiles, raw_opening):
    profiles = [
        P(f"p{i}", skills, de=de, hours=hours, driving_licences=["B"] if lic else [], postcode=pc)
        for i, (skills, de, hours, lic, pc) in enumerate(raw_profiles)
    ]
    required, optional, level, hours, licence, support = raw_opening
    opening = O(
        required=required,
        optional=[o for o in optional if o not in required],
        level=level,
        hours=hours,
        driving_licence=licence,
        language_support=support,
        postcode="58089",
        start="2027-01-01",
    )
    return profiles, opening


@SETTINGS
@given(profiles_st, opening_st)
def test_scores_stay_between_0_and_1_and_ineligible_profiles_are_never_ranked(normaliser, raw_profiles, raw_opening):
    profiles, opening = _build(raw_profiles, raw_opening)
    m = Matcher(normaliser).fit(profiles)
    ranking = m.rank(opening, k=len(profiles))
    for r in ranking:
        assert 0.0 <= r.score <= 1.0
        assert all(c["status"] != "failed" for c in r.explanation["conditions"])
    ranked = {r.id for r in ranking}
    for p in profiles:
        failed = [c for c in m.explain(opening, p.id).explanation["conditions"] if c["status"] == "failed"]
        if failed:
            assert p.id not in ranked


@SETTINGS
@given(profiles_st, opening_st, st.data())
def test_adding_a_required_skill_never_lowers_the_score(normaliser, raw_profiles, raw_opening, data):
    profiles, opening = _build(raw_profiles[:1], raw_opening)
    before = Matcher(normaliser).fit(profiles).explain(opening, "p0").score
    extra = data.draw(st.sampled_from(list(opening.required_skills)))
    richer = profiles[0].__class__(**{**profiles[0].__dict__, "skills": tuple(dict.fromkeys((*profiles[0].skills, extra)))})
    after = Matcher(normaliser).fit([richer]).explain(opening, "p0").score
    assert after >= before - 1e-9


@SETTINGS
@given(profiles_st, opening_st)
def test_same_input_same_output(normaliser, raw_profiles, raw_opening):
    profiles, opening = _build(raw_profiles, raw_opening)
    a = [(r.id, r.score, r.explanation) for r in Matcher(normaliser).fit(profiles).rank(opening)]
    b = [(r.id, r.score, r.explanation) for r in Matcher(normaliser).fit(list(profiles)).rank(opening)]
    assert a == b


@SETTINGS
@given(profiles_st, opening_st)
def test_a_matched_pair_always_denotes_the_same_or_an_explicitly_related_skill(normaliser, raw_profiles, raw_opening):
    profiles, opening = _build(raw_profiles, raw_opening)
    m = Matcher(normaliser).fit(profiles)
    vocab = normaliser.vocabulary
    for r in m.rank(opening, k=len(profiles)):
        for pair in r.explanation["matched"]:
            asked = normaliser.normalise([pair["required"]])[0]
            given_ = normaliser.normalise([pair["by"]])[0]
            if pair["how"] == "related":
                a, b = vocab.index[asked.concept], vocab.index[given_.concept]
                occ = vocab.occupation_skills.get(b)
                assert b in vocab.related.get(a, ()) or (occ is not None and a in occ)
            elif pair["how"] == "similar":  # graded: never full credit, never "the same"
                assert 0 < pair["credit"] < 1 and 0 < pair["strength"] <= 1
            elif pair["how"] == "found":  # the asked line holds the profile's skill
                assert given_.concept in {n.concept for n in normaliser.spot(pair["required"])} | {asked.concept}
            else:
                assert asked.concept == given_.concept


@SETTINGS
@given(profiles_st, st.lists(opening_st, min_size=1, max_size=5))
def test_ranking_many_openings_at_once_gives_the_same_as_one_by_one(normaliser, raw_profiles, raw_openings):
    profiles, _ = _build(raw_profiles, raw_openings[0])
    openings = [_build(raw_profiles, raw)[1] for raw in raw_openings]
    openings = [o.__class__(**{**o.__dict__, "id": f"o{i}"}) for i, o in enumerate(openings)]
    m = Matcher(normaliser).fit(profiles)
    batch = m.rank_many(openings, k=5)
    single = [m.rank(o, k=5) for o in openings]
    assert [[(r.id, round(r.score, 6), r.explanation) for r in rs] for rs in batch] == [[(r.id, round(r.score, 6), r.explanation) for r in rs] for rs in single]


def test_a_batch_of_kept_changed_and_new_openings_is_ranked_as_one_by_one(normaliser):
    """rank_many reads the openings it has not kept in one go (their words made into vectors together): a kept
    opening, a kept id with another record and a new one come out as rank gives them."""
    profiles = [P("a", ["Staplerschein", "Kasse"]), P("b", ["Regale einräumen"]), P("c", ["Kasse bedienen", "Ware verräumen"])]
    kept = [O("lager", required=["Staplerschein", "Ware einlagern"], title="Lagerhelfer/in"), O("kasse", required=["Kasse"])]
    m = Matcher(normaliser).fit(profiles, kept)
    changed = O("lager", required=["Regale einräumen", "Kasse"], title="Verkäufer/in")
    new = O("neu", required=["Ware verräumen", "Staplerschein"])
    batch = [kept[1], changed, new, kept[0]]

    def answers(results):
        return [[(r.id, r.score, r.explanation) for r in rs] for rs in results]

    expected = answers([m.rank(o, k=3) for o in batch])
    assert answers(m.rank_many(batch, k=3)) == expected
    assert answers(m.rank_many(batch, k=3)) == expected  # twice: nothing kept changed
    assert any(rs for rs in expected) and expected[1] != answers([m.rank(kept[0], k=3)])[0]


@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 2**16)), max_size=6))
@settings(max_examples=40, deadline=None)
def test_stacking_rows_gives_what_scipy_s_vstack_gives(shapes):
    import numpy as np
    from scipy import sparse

    from matching.matcher import _stack

    blocks = [sparse.random(rows, 7, density=0.4, format="csr", dtype=np.float32, random_state=seed) for rows, seed in shapes]
    stacked = _stack(blocks, 7)
    expected = sparse.vstack(blocks, format="csr") if blocks else sparse.csr_matrix((0, 7), dtype=np.float32)
    assert stacked.shape == expected.shape and (abs(stacked - expected)).sum() == 0 and stacked.dtype == np.float32


def test_a_kept_opening_s_ranking_is_kept_until_a_profile_changes(normaliser, monkeypatch):
    lager = O("lager", required=["Staplerschein"], optional=["Kasse"])
    m = Matcher(normaliser).fit([P("a", ["Staplerschein"]), P("b", ["Staplerschein", "Kasse"])], [lager])
    first = m.rank(lager, k=5)
    scored = []
    original = m._top
    monkeypatch.setattr(m, "_top", lambda u, k: scored.append(k) or original(u, k))
    assert m.rank(lager, k=5) == first and scored == []  # kept
    assert [r.id for r in m.rank(lager, k=1)] == ["b"] and scored == [1]  # another k is another ranking
    for change in (lambda: m.set_active("b", False), lambda: m.update_profile(P("c", ["Staplerschein", "Kasse"])), lambda: m.remove_profile("c")):
        change()
        scored.clear()
        again = m.rank(lager, k=5)
        assert scored == [5], "a changed profile must not leave the old ranking in place"
        refit = Matcher(normaliser).fit([m.profiles_[m.profile_row_[pid]] for pid in m.profile_row_], [lager])
        for pid in m.profile_row_:
            refit.set_active(pid, bool(m.active_[m.profile_row_[pid]]))
        assert [(r.id, round(r.score, 6)) for r in again] == [(r.id, round(r.score, 6)) for r in refit.rank(lager, k=5)]
    scored.clear()
    m.rank(O("neu", required=["Staplerschein"]), k=5)
    m.rank(O("neu", required=["Staplerschein"]), k=5)
    assert scored == [5, 5]  # an opening the matcher does not keep is scored each time


def test_the_start_date_is_a_soft_condition_with_a_visible_tolerance(normaliser):
    """Issue 25.12: a person free four days after the wished start is suggested, and the card says so."""
    profiles = [P("soon", ["Kasse"], available_from="2027-01-19"), P("now", ["Kasse"]), P("spring", ["Kasse"], available_from="2027-03-01")]
    m = Matcher(normaliser).fit(profiles)
    opening = O(required=["Kasse"], start="2027-01-15")
    assert {r.id for r in m.rank(opening)} == {"soon", "now"}
    [late] = [c for c in m.explain(opening, "soon").explanation["conditions"] if c["condition"] == "available_from"]
    assert late == {"condition": "available_from", "required": "2027-01-15", "profile": "2027-01-19", "status": "relaxed", "days_late": 4}
    assert [c["status"] for c in m.explain(opening, "spring").explanation["conditions"] if c["condition"] == "available_from"] == ["failed"]
    m.update_opening(opening)
    assert [r.id for r in m.rank_openings("soon")] == [opening.id] and m.rank_openings("spring") == []
    strict = Matcher(normaliser, start_days=0).fit(profiles)
    assert [r.id for r in strict.rank(opening)] == ["now"]


# -- the estimator's contract: asking never changes the answer (issue 26.4) --------------------------------------------


def _answers(m, openings):
    """Everything a fitted matcher tells: its bookkeeping first (a query that changed it shows there), then every
    ranking both ways and every explanation."""
    return (
        m.get_params(),
        list(m.profile_ids_),
        dict(m.profile_row_),
        m.active_.tolist(),
        dict(m.columns_),
        m.exact_.shape,
        m.exact_.nnz,
        sorted(m.openings_),
        [[(r.id, round(r.score, 9), r.explanation) for r in m.rank(o, k=50)] for o in openings],
        {pid: [(r.id, round(r.score, 9), r.explanation) for r in m.rank_openings(pid, k=50)] for pid in m.profile_ids_},
        [[m.explain(o, pid).explanation for pid in m.profile_ids_] for o in openings],
    )


@SETTINGS
@given(profiles_st, st.lists(opening_st, min_size=1, max_size=3), st.lists(st.sampled_from([*POOL, "Zorgelbau", "Kassieren"]), max_size=4, unique=True))
def test_ranking_and_explaining_never_change_a_fitted_matcher(normaliser, raw_profiles, raw_openings, other_skills):
    """Fit, take every answer, ask every public query with every kind of argument, take every answer again."""
    profiles, _ = _build(raw_profiles, raw_openings[0])
    openings = [_build(raw_profiles, raw)[1] for raw in raw_openings]
    openings = [o.__class__(**{**o.__dict__, "id": f"o{i}"}) for i, o in enumerate(openings)]
    m = Matcher(normaliser).fit(profiles, openings)
    m.set_active(profiles[0].id, False)  # an indexed profile that is not ranked
    before = _answers(m, openings)

    changed = openings[0].__class__(**{**openings[0].__dict__, "required_skills": tuple(other_skills) or ("Kasse",)})
    unknown = O("neu", required=list(other_skills) or ["Zorgelbau"])
    for opening in [*openings, changed, unknown]:  # kept, kept id with another record, never seen
        m.rank(opening, k=3)
        m.explain(opening, profiles[-1].id)
    m.rank_many([*openings, changed, unknown], k=2)
    for pid in m.profile_ids_:
        m.rank_openings(pid)
    # profile records: an indexed id with other skills (it once vanished from rank()), a new id, a term never seen
    for record in [P(profiles[-1].id, other_skills), P("neu", other_skills), P(profiles[0].id, ["Zorgelbau"])]:
        m.rank_openings(record)

    assert _answers(m, openings) == before


def test_a_profile_record_is_ranked_as_if_it_were_indexed(normaliser):
    openings = [O("lager", required=["Staplerschein"]), O("kasse", required=["Kasse"])]
    m = Matcher(normaliser).fit([P("a", ["Staplerschein"])], openings)
    as_record = [(r.id, r.score, r.explanation) for r in m.rank_openings(P("a", ["Kasse", "Zorgelbau"]))]
    indexed = Matcher(normaliser).fit([P("a", ["Kasse", "Zorgelbau"])], openings)
    assert as_record == [(r.id, r.score, r.explanation) for r in indexed.rank_openings("a")]
    assert [r.id for r in m.rank(openings[0])] == ["a"]  # the indexed "a" is still the one with the Staplerschein
    assert m.profile_ids_ == ["a"]


def test_clone_gives_an_unfitted_matcher_with_the_same_parameters_that_fits_to_the_same_answers(normaliser):
    from sklearn.base import clone
    from sklearn.utils.validation import check_is_fitted

    openings = [O("lager", required=["Staplerschein", "Kommissionieren"]), O("kasse", required=["Kasse"], optional=["Regale einräumen"])]
    profiles = [P("a", ["Staplerschein"]), P("b", ["Kasse", "Regale einräumen"]), P("c", ["Kommissionieren", "Staplerschein"])]
    m = Matcher(normaliser, related_credit=0.3, start_days=7).fit(profiles, openings)
    twin = clone(m)
    params = m.get_params()
    assert twin is not m and {k: v for k, v in twin.get_params().items() if k != "normaliser"} == {k: v for k, v in params.items() if k != "normaliser"}
    assert type(twin.normaliser) is type(params["normaliser"])  # clone copies a parameter that is no estimator
    with pytest.raises(Exception, match="not fitted"):
        check_is_fitted(twin)
    twin.fit(profiles, openings)
    assert _answers(twin, openings)[8:] == _answers(m, openings)[8:]


def test_a_kept_reading_holds_only_the_columns_it_uses(normaliser):
    """A matcher keeps one reading per opening it knows: none of it may be a row as wide as all columns (1,000
    openings against 100,000 profiles held 0.7 GB so). The columns' text vectors are the concepts', the typed
    terms' and none for a line's very words."""
    import numpy as np

    from matching.matcher import LINE

    people = [P("a", ["Kasse", "Verkauf", "Quxbaz-Technik"]), P("b", ["Gabelstapler fahren", "Lagerlogistik"]), P("c", ["Brötchen backen"])]
    m = Matcher(normaliser).fit(people)
    opening = opening_from_dict(
        {"id": "o", "title": "Verkäufer/in (m/w/d)", "required_skills": ["Kasse", "Quxbaz-Technik"], "german_level": "A2", "hours": "full_time"}
    )
    m.update_opening(opening)
    ranked = m.rank(opening)
    assert ranked[0].id == "a"
    u = m._understood(opening)
    width = len(m.columns_)
    assert 0 < len(u.prior) < width and u.prior.values.min() > 0  # the title's occupation and its skills only
    assert u.by_column.shape == (len(u.credited), len(u.parts)) and len(u.credited) < width
    assert np.array_equal(u.credited, np.unique(u.credit.tocoo().col))
    features = m.features_.toarray()
    space = m.space_
    for name, col in m.columns_.items():
        if name.startswith("term:"):
            expected = space.transform([m._column_texts[col]]).toarray()[0]
        elif name.startswith(LINE):
            expected = np.zeros(features.shape[1])  # a line's very words
        else:
            expected = space.concepts([m.vocabulary_.index[name]]).toarray()[0]
        assert np.allclose(features[col], expected), name


def test_occupation_fits_are_the_cosines_with_every_occupation(normaliser):
    """Multiplied from the text's side (issue 30.5), the fits are the cosines of the ad's words with each
    occupation's vector; an empty list of texts gives no rows."""
    from matching.matcher import feature_space

    space = feature_space(normaliser.vocabulary)
    _occupations, vectors = space.occupations
    for words in ("Brötchen und Brot backen, Teig kneten", "Regale einräumen und Kasse führen", "Quxbaz"):
        text = space.transform([words])
        expected = (vectors @ text.T).toarray().ravel()
        got = space.occupation_fits(text)
        assert got.shape == expected.shape and np.allclose(got, expected, atol=1e-6)
    assert space.occupation_fits(space.transform(["Brötchen backen"])).max() > 0.1
    assert space.transform([]).shape == (0, space.n_features)


def test_an_entry_read_from_a_matrix_s_arrays_is_what_indexing_it_gives():
    """explain._entry reads one value of a sparse matrix from its arrays: as indexing gives it, of the same type,
    also where a row's columns are out of order or one is written twice (as a product may leave them)."""
    import numpy as np
    from scipy import sparse

    from matching.explain import _entry

    rng = np.random.default_rng(3)
    for _ in range(100):
        rows, width = 4, 7
        indptr, indices, data = [0], [], []
        for _r in range(rows):
            cols = rng.choice(width, size=rng.integers(0, 5), replace=True)  # any order, a column maybe twice
            indices += cols.tolist()
            data += rng.random(len(cols)).astype(np.float32).tolist()
            indptr.append(len(indices))
        m = sparse.csr_matrix((np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int32), np.asarray(indptr)), shape=(rows, width))
        for i in range(rows):
            for j in range(width):
                ours, theirs = _entry(m, i, j), m[i, j]
                assert ours == theirs and type(ours) is type(theirs)
