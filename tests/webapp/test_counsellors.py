"""Counsellors see ranked, explained suggestions and decide; employers see only approved candidates, within consent."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from models import AuditEvent, Event, Introduction, Opening, Participant, utcnow
from tests.helpers import csrf_token, login
from webapp.core.db import db
from webapp.employers.operations import set_skills
from webapp.suggestions.index import touch


def test_suggestions_are_ranked_and_explained(app, client, world, login_as, add_participant):
    add_participant("AH-0002", ["Kassieren", "Regale einräumen"])
    add_participant("AH-0003", ["Haare waschen"])
    login_as("counsellor_a")
    page = client.get(f"/beratung/stellen/{world.opening_2}/vorschlaege").get_data(as_text=True)
    assert "AH-0002" in page and "AH-0003" not in page  # no skill in common: not suggested
    assert "Kassieren" in page and "anderes Wort, gleiche Bedeutung" in page
    assert "Deutsch: erfüllt" in page
    assert "AH-0001" in page and "vorgestellt" in page  # already decided: no buttons again
    with app.app_context():
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "opening.suggestions", AuditEvent.object_id == world.opening_2))
        shown = db.session.scalar(select(Event).where(Event.kind == "suggestions.shown"))
        assert shown.opening_id == world.opening_2 and shown.data == {"count": 2}


def test_the_lookup_says_which_condition_fails(app, client, world, login_as, add_participant):
    add_participant("AH-0004", ["Kasse"], level="A1")
    login_as("counsellor_a")
    page = client.get(f"/beratung/stellen/{world.opening_2}/vorschlaege?kuerzel=ah-0004").get_data(as_text=True)
    assert "Nicht vorgeschlagen, weil:" in page and "Deutsch" in page and "verlangt A2" in page
    assert "Kein Profil" in client.get(f"/beratung/stellen/{world.opening_2}/vorschlaege?kuerzel=XX-9999").get_data(as_text=True)


@pytest.mark.parametrize(
    "status, consent, reason",
    [
        ("active", None, "keine gültige Einwilligung"),
        ("paused", "contact", "Profil pausiert"),
        ("placed", "contact", "eingestellt, der Austritt ist noch nicht erfasst"),
        ("left", None, "ausgetreten"),
    ],
)
def test_why_not_names_the_condition_that_excludes_the_person(app, client, world, login_as, status, consent, reason, add_participant):
    """The answer comes from the one eligibility rule (Participant.not_suggested_because), never a generic "aktiv mit Einwilligung"."""
    add_participant("AH-0030", ["Kasse"], consent=consent, status=status)
    login_as("counsellor_a")
    page = client.get(f"/beratung/stellen/{world.opening_2}/vorschlaege?kuerzel=AH-0030").get_data(as_text=True)
    assert f"Nicht vorgeschlagen, weil: {reason}" in page
    others = {"keine gültige Einwilligung", "Profil pausiert", "eingestellt, der Austritt ist noch nicht erfasst", "ausgetreten"} - {reason}
    assert not any(f"weil: {other}" in page for other in others) and "aktiv mit Einwilligung" not in page


def test_filters_narrow_the_suggestions(app, client, world, login_as, add_participant):
    add_participant("AH-0005", ["Kasse"], level="B2")
    add_participant("WH-0001", ["Kasse"], centre="w", level="A2")
    login_as("counsellor_a")
    page = client.get(f"/beratung/stellen/{world.opening_2}/vorschlaege?deutsch=B2").get_data(as_text=True)
    assert "AH-0005" in page and "WH-0001" not in page
    page = client.get(f"/beratung/stellen/{world.opening_2}/vorschlaege?haus={world.centre_w}").get_data(as_text=True)
    assert "WH-0001" in page and "AH-0005" not in page
    page = client.get(f"/beratung/stellen/{world.opening_2}/vorschlaege?entscheidung=offen").get_data(as_text=True)
    assert "AH-0005" in page and f'id="karte-{world.participant_a}"' not in page  # AH-0001 was already introduced
    page = client.get(f"/beratung/stellen/{world.opening_2}/vorschlaege?entscheidung=entschieden").get_data(as_text=True)
    assert f'id="karte-{world.participant_a}"' in page and "AH-0005" not in page


def test_approval_happens_once_and_is_recorded(app, client, world, login_as, add_participant, intros, decide):
    pid = add_participant("AH-0006", ["Kasse"])
    login_as("counsellor_a")
    assert "wird dem Betrieb vorgestellt" in decide(world.opening_2, pid, "approve").get_data(as_text=True)
    second = decide(world.opening_2, pid, "approve").get_data(as_text=True)
    assert "wurde für diese Stelle schon entschieden" in second
    rows = [i for i in intros(world.opening_2) if i.participant_id == pid]
    assert len(rows) == 1 and rows[0].status == "approved" and 0 < rows[0].score <= 1
    assert rows[0].explanation["matched"][0]["by"] == "Kasse"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Event).where(Event.kind == "introduction.approved")) == 1
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "introduction.approve"))


def test_rejection_needs_a_reason(app, client, world, login_as, add_participant, intros, decide):
    pid = add_participant("AH-0007", ["Kasse"])
    login_as("counsellor_a")
    assert "Bitte wählen Sie einen Grund" in decide(world.opening_2, pid, "reject").get_data(as_text=True)
    assert not [i for i in intros(world.opening_2) if i.participant_id == pid]
    decide(world.opening_2, pid, "reject", reason="german", note="erst Deutschkurs")
    [row] = [i for i in intros(world.opening_2) if i.participant_id == pid]
    assert row.status == "rejected" and row.decision_reason == "german" and row.decision_note == "erst Deutschkurs"
    with app.app_context():
        assert db.session.scalar(select(Event.reason).where(Event.kind == "introduction.rejected")) == "german"


def test_no_approval_without_consent(app, client, world, login_as, add_participant, intros, decide):
    pid = add_participant("AH-0008", ["Kasse"], consent=None)
    login_as("counsellor_a")
    assert "Ohne gültige Einwilligung" in decide(world.opening_2, pid, "approve").get_data(as_text=True)
    assert not [i for i in intros(world.opening_2) if i.participant_id == pid]


def test_only_the_participants_own_centre_decides(app, client, world, login_as, add_participant, intros, decide):
    """Another centre's person is answered like nobody at all: 404, no centre named, nothing decided."""
    pid = add_participant("AH-0009", ["Kasse"])
    login_as("counsellor_w")
    other = decide(world.opening_2, pid, "approve")
    nobody = decide(world.opening_2, 999999, "approve")
    assert other.status_code == nobody.status_code == 404
    assert "Altenhagen" not in other.get_data(as_text=True)
    # The same page (the CSRF token aside: it carries a time stamp, which may tick between the two answers).
    without_token = re.compile(r'name="csrf_token"[^>]*>')
    assert without_token.sub("", other.get_data(as_text=True)) == without_token.sub("", nobody.get_data(as_text=True))
    assert not [i for i in intros(world.opening_2) if i.participant_id == pid]


LOOKUP = "/beratung/stellen/{opening}/vorschlaege?kuerzel={code}"


def _lookup_page(client, opening, code):
    """The look-up answer without the parts that differ by code or request (the typed code, the CSRF token)."""
    import re

    html = client.get(LOOKUP.format(opening=opening, code=code)).get_data(as_text=True)
    return re.sub(r'name="csrf_token"[^>]*>', "", html.replace(code, "CODE"))


@pytest.mark.parametrize("status, consent", [("active", None), ("paused", "contact"), ("placed", "contact"), ("left", "contact")])
def test_the_lookup_tells_nothing_about_the_other_centres_people_who_are_not_suggested(app, client, world, login_as, status, consent, add_participant):
    """Without consent, or not active: the other centre gets exactly the page of a code that does not exist."""
    add_participant("AH-0020", ["Kasse"], consent=consent, status=status)
    login_as("counsellor_w")
    hidden = _lookup_page(client, world.opening_2, "AH-0020")
    unknown = _lookup_page(client, world.opening_2, "AH-0999")
    assert hidden == unknown
    assert "Kein Profil mit dem Kürzel" in hidden
    with app.app_context():
        assert not db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "participant.view_match"))


def test_the_lookup_answers_for_own_people_of_any_status_and_for_the_other_centres_suggested_people(app, client, world, login_as, add_participant):
    add_participant("AH-0021", ["Kasse"], consent=None, status="paused")
    add_participant("AH-0022", ["Kasse"], consent="skills", level="A1")
    login_as("counsellor_a")
    own = client.get(LOOKUP.format(opening=world.opening_2, code="AH-0021")).get_data(as_text=True)
    assert "Nicht vorgeschlagen, weil" in own and "Kein Profil" not in own
    other = app.test_client()
    login(other, world.counsellor_w)
    page = other.get(LOOKUP.format(opening=world.opening_2, code="AH-0022")).get_data(as_text=True)
    assert "Nicht vorgeschlagen, weil:" in page and "Kein Profil" not in page


def test_a_draft_has_no_suggestions(client, world, login_as):
    login_as("counsellor_a")
    assert client.get(f"/beratung/stellen/{world.opening_1}/vorschlaege").status_code == 404


def test_the_board_lists_the_centres_introductions_and_follow_ups(app, client, world, login_as):
    with app.app_context():
        intro = db.session.get(Introduction, world.introduction_2)
        intro.decided_at = utcnow().replace(year=2025)
        db.session.commit()
    login_as("counsellor_a")
    page = client.get("/beratung/vorstellungen").get_data(as_text=True)
    assert "AH-0001" in page and "Kioskaushilfe" in page and "nachfragen" in page
    other = app.test_client()
    login(other, world.counsellor_w)
    assert "AH-0001" not in other.get("/beratung/vorstellungen").get_data(as_text=True)


def test_every_worker_sees_a_change_without_a_refit(app_factory, world, add_participant):
    from webapp.suggestions.index import matching_index, opening_record

    worker_a, worker_b = app_factory(), app_factory()

    def ranked(worker):
        with worker.app_context():
            index = matching_index()
            matcher = index.current(db.session)
            ids = {r.id for r in matcher.rank(opening_record(db.session.get(Opening, world.opening_2)))}
            return matcher, ids

    matcher_b, ids = ranked(worker_b)
    assert ids == {str(world.participant_a)}
    new_id = add_participant("AH-0010", ["Kasse"])  # written by another process
    matcher_b_again, ids = ranked(worker_b)
    assert ids == {str(world.participant_a), str(new_id)}
    assert matcher_b_again is matcher_b  # updated in place, not rebuilt
    with worker_a.app_context():  # consent withdrawn: out of the suggestions at once
        p = db.session.get(Participant, new_id)
        p.consents[0].withdrawn_at = utcnow()
        touch(db.session, p)
        db.session.commit()
    assert ranked(worker_b)[1] == {str(world.participant_a)}


def test_the_employer_sees_the_approved_candidate_within_the_consent(app, client, world, login_as, add_participant, decide):
    pid = add_participant("AH-0011", ["Kasse"], consent="first_name", first="Mihai")
    rejected = add_participant("AH-0012", ["Kasse", "Regale einräumen"], first="Geheim")
    login_as("counsellor_a")
    decide(world.opening_2, pid, "approve")
    decide(world.opening_2, rejected, "reject", reason="declined")
    employer = app.test_client()
    login(employer, world.employer_user_2)
    page = employer.get(f"/betrieb/stellen/{world.opening_2}").get_data(as_text=True)
    assert "Mihai" in page and "AH-0011" in page  # first name shared
    assert "0157 7654321" not in page and "mihai@example.org" not in page  # contact not shared
    assert "Ioana" in page and "0157 1234567" in page and "Popa" in page  # AH-0001 agreed to share contact and CV (full name)
    assert "AH-0012" not in page and "Geheim" not in page  # rejected: nothing reaches the employer
    assert "Ionescu" not in page  # a surname only with the CV consent
    with app.app_context():
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "participant.view_card", AuditEvent.object_id == pid))
        p = db.session.get(Participant, pid)
        p.consents[0].withdrawn_at = utcnow()
        db.session.commit()
    page = employer.get(f"/betrieb/stellen/{world.opening_2}").get_data(as_text=True)
    assert "Mihai" not in page and "Einwilligung zurückgezogen" in page


def test_another_employer_sees_no_candidate(client, world, login_as):
    login_as("employer_user_1")
    assert client.get(f"/betrieb/stellen/{world.opening_2}").status_code == 404
    token = csrf_token(client, "/betrieb/stellen")
    response = client.post(f"/betrieb/vorstellungen/{world.introduction_2}/ergebnis", data={"outcome": "hired", "on": "2027-01-04", "csrf_token": token})
    assert response.status_code == 404


def report(client, world, **data):
    token = csrf_token(client, f"/betrieb/stellen/{world.opening_2}")
    return client.post(f"/betrieb/vorstellungen/{world.introduction_2}/ergebnis", data={**data, "csrf_token": token}, follow_redirects=True).get_data(
        as_text=True
    )


def test_the_employer_reports_interview_then_hired_and_the_opening_is_filled(app, client, world, login_as):
    login_as("employer_user_2")
    assert "Bitte geben Sie das Datum an" in report(client, world, outcome="interview")
    assert "Rückmeldung ist gespeichert" in report(client, world, outcome="interview", on="2026-12-10")
    assert "Rückmeldung ist gespeichert" in report(client, world, outcome="hired", on="2027-01-04")
    assert "schon gemeldet" in report(client, world, outcome="hired", on="2027-01-04")
    page = client.get("/betrieb/stellen").get_data(as_text=True)
    assert '<dt class="fw-normal">Einstellungen</dt><dd class="fs-4 mb-0">1</dd>' in page
    with app.app_context():
        intro = db.session.get(Introduction, world.introduction_2)
        assert intro.status == "hired" and str(intro.hired_start) == "2027-01-04" and str(intro.interview_on) == "2026-12-10"
        assert db.session.get(Opening, world.opening_2).status == "filled"
        kinds = db.session.scalars(select(Event.kind).where(Event.kind != "participant.entered", Event.kind.not_like("business.%")).order_by(Event.id)).all()
        stages = db.session.scalars(select(Event.reason).where(Event.kind == "business.stage").order_by(Event.id)).all()
    assert kinds == ["introduction.interview", "introduction.hired", "opening.filled"]
    assert stages == ["known", "hiring"]  # the company came on its own and now hires from the project (issue 28)


def test_not_hired_needs_a_reason(app, client, world, login_as):
    login_as("employer_user_2")
    assert "Bitte wählen Sie einen Grund" in report(client, world, outcome="not_hired")
    report(client, world, outcome="not_hired", reason="no_show")
    with app.app_context():
        intro = db.session.get(Introduction, world.introduction_2)
        assert intro.status == "not_hired" and intro.outcome_reason == "no_show"
        assert db.session.get(Opening, world.opening_2).status == "open"


def test_a_posted_field_cannot_change_an_introductions_status_otherwise(app, client, world, login_as):
    login_as("employer_user_2")
    report(client, world, outcome="approved", status="hired")
    with app.app_context():
        assert db.session.get(Introduction, world.introduction_2).status == "approved"


def test_two_counsellors_approving_at_the_same_moment_make_one_introduction(app, world, add_participant, intros):
    """Two connections race (on PostgreSQL for real; SQLite serialises writers): one wins, the other is told."""
    import threading

    pid = add_participant("AH-0013", ["Kasse"])
    clients = [app.test_client(), app.test_client()]
    tokens = []
    for c in clients:
        login(c, world.counsellor_a)
        tokens.append(csrf_token(c, f"/beratung/stellen/{world.opening_2}/vorschlaege"))
    start = threading.Barrier(2)
    pages: list[str] = [""] * 2

    def approve(i: int) -> None:
        start.wait()
        response = clients[i].post(
            f"/beratung/stellen/{world.opening_2}/entscheidung",
            data={"participant_id": str(pid), "approve": "1", "csrf_token": tokens[i]},
            follow_redirects=True,
        )
        pages[i] = response.get_data(as_text=True)

    threads = [threading.Thread(target=approve, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted("wird dem Betrieb vorgestellt" in p for p in pages) == [False, True]
    assert sum("wurde für diese Stelle schon entschieden" in p for p in pages) == 1
    assert len([i for i in intros(world.opening_2) if i.participant_id == pid]) == 1
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Event).where(Event.kind == "introduction.approved")) == 1


def test_the_history_of_an_introduction(app, client, world, login_as, add_participant, intros, decide):
    pid = add_participant("AH-0030", ["Kasse"])
    login_as("counsellor_a")
    decide(world.opening_2, pid, "approve", note="passt gut")
    [intro] = [i for i in intros(world.opening_2) if i.participant_id == pid]
    employer = app.test_client()
    login(employer, world.employer_user_2)
    token = csrf_token(employer, f"/betrieb/stellen/{world.opening_2}")
    employer.post(f"/betrieb/vorstellungen/{intro.id}/ergebnis", data={"outcome": "interview", "on": "2026-12-10", "csrf_token": token})
    page = client.get(f"/beratung/vorstellungen/{intro.id}").get_data(as_text=True)
    assert "passt gut" in page and "Verlauf" in page
    history = page[page.index("Verlauf") : page.index("Erklärung zum Zeitpunkt")]
    assert history.index("vorgestellt") < history.index("Vorstellungsgespräch")
    other = app.test_client()
    login(other, world.counsellor_w)
    assert other.get(f"/beratung/vorstellungen/{intro.id}").status_code == 404


def test_the_other_centre_sees_suggested_people_by_code_only_as_the_consent_text_says(app, client, world, login_as, add_participant):
    """Issue 11.10: consented, active people of the other centre appear in suggestions with code, skills and
    distance – never with name or contact – and the consent text says so; people without consent do not appear."""
    add_participant("AH-0030", ["Kasse"], first="Mirela", consent="contact")
    add_participant("AH-0031", ["Kasse"], first="Dorina", consent=None)
    login_as("counsellor_w")
    page = client.get(f"/beratung/stellen/{world.opening_2}/vorschlaege").get_data(as_text=True)
    assert "AH-0030" in page and "Kasse" in page
    assert "Mirela" not in page and "Ionescu" not in page and "0157 7654321" not in page
    assert "AH-0031" not in page and "Dorina" not in page
    assert "Darüber entscheidet das Perspektivhaus Altenhagen" in page
    own = app.test_client()
    login(own, world.counsellor_a)
    profile = own.get(f"/beratung/teilnehmende/{world.participant_a}").get_data(as_text=True)
    assert "Auch die Beratung des anderen Perspektivhauses" in profile and "ohne Namen und Kontakt" in profile


def test_the_explanation_names_the_skill_found_in_a_long_line_and_the_occupation_of_the_title(app, client, world, login_as, add_participant):
    with app.app_context():
        opening = db.session.get(Opening, world.opening_2)
        opening.title = "Lagerhelfer/in (m/w/d)"
        set_skills(opening, ["Besitz eines gültigen Staplerscheins"], [], None)
        touch(db.session, opening)
        db.session.commit()
    add_participant("AH-0002", ["Staplerschein", "Waren einlagern"])
    login_as("counsellor_a")
    # (all suggestions, not only those above the default fold: this person scores about 25 %, right at the fold, and
    # the wording of the vocabulary moves that by a point – 26 % before the Swiss forklift words of 9acff87, 25 % after;
    # the fold itself is tested in test_suggestion_list)
    page = client.get(f"/beratung/stellen/{world.opening_2}/vorschlaege?mindestens=0").get_data(as_text=True)
    assert "AH-0002" in page
    assert "Besitz eines gültigen Staplerscheins" in page and "darin:" in page and "im Text gefunden" in page
    assert "Beruf laut Stellenangebot:" in page
