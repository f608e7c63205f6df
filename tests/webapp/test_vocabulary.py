"""A vocabulary that learns from counsellors and employers, reviewed by the project (issue 17)."""

from __future__ import annotations

import io
import json

from sqlalchemy import func, select

from models import AuditEvent, Opening, OpeningSkill, Participant, ParticipantSkill, ReadingFix, VocabularyEntry, VocabularyMeasurement, VocabularyProposal
from tests.helpers import csrf_token, login
from webapp.core.db import db
from webapp.suggestions.index import touch
from webapp.suggestions.skills import normaliser
from webapp.vocabulary.operations import run_measurement

KASSE = "Kasse bedienen"
READING_E = "/betrieb/stellen/{}/lesart"
READING_C = "/beratung/teilnehmende/{}/lesart"


def client_of(app, world, who: str):
    """A browser of its own, logged in as ``who`` of the world."""
    c = app.test_client()
    login(c, getattr(world, who))
    return c


def concept(label: str) -> str:
    found = normaliser().normalise([label])[0]
    assert found.known, label
    return found.concept


def _opening_asks(app, opening_id: int, terms: list[str]) -> None:
    with app.app_context():
        o = db.session.get(Opening, opening_id)
        o.skills.clear()
        db.session.flush()
        for i, term in enumerate(terms):
            o.skills.append(OpeningSkill(kind="required", term=term, position=i))
        touch(db.session, o)
        db.session.commit()


def _suggested(client, opening_id: int) -> str:
    return client.get(f"/beratung/stellen/{opening_id}/vorschlaege?mindestens=0").get_data(as_text=True)


def _propose(client, url: str, term: str, meant: str | None):
    data = {"term": term, "choice": "meant" if meant else "own", "meant": meant or "", "csrf_token": csrf_token(client, url)}
    return client.post(url, data=data, follow_redirects=True)


def _decide(client, term: str, term_key: str, reading: str, **extra):
    data = {"term": term, "term_key": term_key, "reading": reading, "accept": "1", "csrf_token": csrf_token(client, "/admin/wortschatz"), **extra}
    return client.post("/admin/wortschatz/entscheiden", data=data, follow_redirects=True)


def test_a_correction_holds_for_the_record_at_once_and_nothing_else(app, client, world, login_as, add_participant, bar_opening):
    other = add_participant("AH-0050", ["Bonieren"])
    bar = bar_opening
    counsellor = client_of(app, world, "counsellor_a")
    assert f'id="karte-{world.participant_a}"' not in _suggested(counsellor, bar)
    login_as("employer_user_2")
    page = client.get(READING_E.format(bar) + "?begriff=Bonieren").get_data(as_text=True)
    assert "„Bonieren“ – was ist gemeint?" in page and "nicht erkannt" in page
    page = _propose(client, READING_E.format(bar), "Bonieren", KASSE).get_data(as_text=True)
    assert "hier gilt jetzt Ihre Lesart" in page
    with app.app_context():
        row = db.session.scalar(select(OpeningSkill).where(OpeningSkill.opening_id == bar))
        assert (row.skill_id, row.match_how) == (concept(KASSE), "corrected")
        proposal = db.session.scalar(select(VocabularyProposal))
        assert (proposal.term, proposal.concept_id, proposal.role, proposal.centre_id, proposal.status) == (
            "Bonieren",
            concept(KASSE),
            "employer",
            None,
            "open",
        )
        # The participant's "Bonieren" is read as before: nothing else changes yet.
        assert db.session.scalar(select(ParticipantSkill.skill_id).where(ParticipantSkill.participant_id == other)) is None
        assert db.session.scalar(select(AuditEvent.id).where(AuditEvent.action == "vocabulary.propose", AuditEvent.object_id == bar))
    # The opening now finds the person who can work a till (AH-0001, "Kasse").
    assert f'id="karte-{world.participant_a}"' in _suggested(counsellor, bar)


def test_the_whole_loop_reaches_a_second_worker(app, app_factory, client, world, login_as, add_participant, bar_opening):
    other = add_participant("AH-0050", ["Bonieren"])
    bar = bar_opening
    second = app_factory()
    counsellor_2 = second.test_client()
    login(counsellor_2, world.counsellor_a)
    assert f'id="karte-{other}"' not in _suggested(counsellor_2, world.opening_2)  # the second worker's index is built
    _propose(client_of(app, world, "employer_user_2"), READING_E.format(bar), "Bonieren", KASSE)
    login_as("admin")
    page = client.get("/admin/wortschatz").get_data(as_text=True)
    assert "„Bonieren“" in page and "Betrieb" in page and "Kasse bedienen" in page
    page = _decide(client, "Bonieren", "bonieren", concept(KASSE), reason="so sagen es die Kioske").get_data(as_text=True)
    assert "Übernommen" in page
    with app.app_context():
        assert db.session.scalar(select(VocabularyProposal.status)) == "accepted"
        entry = db.session.scalar(select(VocabularyEntry))
        assert (entry.term, entry.concept_id, entry.reason, entry.active) == ("Bonieren", concept(KASSE), "so sagen es die Kioske", True)
        # The profile that holds the term was read again.
        skill = db.session.scalar(select(ParticipantSkill).where(ParticipantSkill.participant_id == other))
        assert (skill.skill_id, skill.match_how) == (concept(KASSE), "project")
    # The other worker, without a restart: the person is suggested, the reading marked as the project's.
    page = _suggested(counsellor_2, world.opening_2)
    assert f'id="karte-{other}"' in page and "vom Projekt ergänzt" in page
    # Withdrawn again: back to how it was, everywhere.
    token = csrf_token(client, "/admin/wortschatz")
    client.post("/admin/wortschatz/zuruecknehmen", data={"term_key": "bonieren", "withdraw": "1", "csrf_token": token})
    assert f'id="karte-{other}"' not in _suggested(counsellor_2, world.opening_2)
    with app.app_context():
        assert [e.active for e in db.session.scalars(select(VocabularyEntry).order_by(VocabularyEntry.id))] == [True, False]  # versioned


def test_a_cv_task_is_corrected_by_the_counsellor(app, client, world, login_as):
    login_as("counsellor_a")
    url = f"/beratung/teilnehmende/{world.participant_a}/lebenslauf"
    client.post(url, data={"kind": "work", "title": "Kiosk", "details": "Bonieren", "csrf_token": csrf_token(client, url)})
    page = client.get(READING_C.format(world.participant_a)).get_data(as_text=True)
    assert "Bonieren" in page and "Kasse" in page
    assert "hier gilt jetzt Ihre Lesart" in _propose(client, READING_C.format(world.participant_a), "Bonieren", KASSE).get_data(as_text=True)
    with app.app_context():
        fix = db.session.scalar(select(ReadingFix))
        assert (fix.participant_id, fix.term_key, fix.concept_id) == (world.participant_a, "bonieren", concept(KASSE))
        proposal = db.session.scalar(select(VocabularyProposal))
        assert (proposal.role, proposal.centre_id) == ("counsellor", world.centre_a)


def test_rejected_proposals_are_kept_and_not_asked_again(app, client, world, login_as):
    _opening_asks(app, world.opening_2, ["Bonieren", "Kasse"])
    login_as("employer_user_2")
    _propose(client, READING_E.format(world.opening_2), "Bonieren", KASSE)
    admin = client_of(app, world, "admin")
    token = csrf_token(admin, "/admin/wortschatz")
    page = admin.post(
        "/admin/wortschatz/entscheiden", data={"term": "Bonieren", "term_key": "bonieren", "reject": "1", "csrf_token": token}, follow_redirects=True
    ).get_data(as_text=True)
    assert "nicht noch einmal gestellt" in page
    # Another reading, then the rejected one again: the record takes it, the project is not asked twice.
    _propose(client, READING_E.format(world.opening_2), "Bonieren", None)
    page = _propose(client, READING_E.format(world.opening_2), "Bonieren", KASSE).get_data(as_text=True)
    assert "schon einmal geprüft" in page
    with app.app_context():
        statuses = db.session.scalars(select(VocabularyProposal.status).order_by(VocabularyProposal.id)).all()
        assert statuses == ["rejected", "open"]  # the rejected one kept, "its own thing" open, no third
    # Saying what it already means changes nothing.
    assert "Es hat sich nichts geändert" in _propose(client, READING_E.format(world.opening_2), "Kasse", KASSE).get_data(as_text=True)


def test_limits_wrong_input_and_escaping(app, client, world, login_as):
    app.config["VOCABULARY_PROPOSALS_PER_DAY"] = 2
    _opening_asks(app, world.opening_2, ["<b>Spüli</b>", "Bonieren", "Kommi", "ü" * 60])
    login_as("employer_user_2")
    url = READING_E.format(world.opening_2)
    # A word the vocabulary does not have, an empty choice, a term the opening does not hold: nothing stored.
    assert "kennt der Wortschatz nicht" in _propose(client, url, "Bonieren", "Zauberei mit Glitzer").get_data(as_text=True)
    page = client.post(url, data={"term": "Bonieren", "choice": "meant", "meant": "", "csrf_token": csrf_token(client, url)}).get_data(as_text=True)
    assert "Bitte geben Sie an, was gemeint ist" in page
    page = client.post(url, data={"term": "Fremdwort", "choice": "own", "csrf_token": csrf_token(client, url)}, follow_redirects=True).get_data(as_text=True)
    assert "Diesen Begriff gibt es hier nicht" in page
    # A term whose key would not fit the columns (ü is spelt ue): no link offered, and a POST is refused.
    listing = client.get(url).get_data(as_text=True)
    assert "?begriff=Bonieren" in listing and "?begriff=%C3%BC" not in listing
    page = client.post(url, data={"term": "ü" * 60, "choice": "own", "csrf_token": csrf_token(client, url)}, follow_redirects=True).get_data(as_text=True)
    assert "Diesen Begriff gibt es hier nicht" in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(VocabularyProposal)) == 0
    _propose(client, url, "<b>Spüli</b>", "Geschirr spülen")
    _propose(client, url, "Bonieren", KASSE)
    page = _propose(client, url, "Kommi", None).get_data(as_text=True)
    assert "morgen wieder" in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(VocabularyProposal)) == 2
        assert db.session.scalar(select(func.count()).select_from(ReadingFix)) == 2  # the third changed nothing
    # Another company cannot touch this opening; a counsellor cannot use the company's page.
    other = app.test_client()
    login(other, world.employer_user_1)
    assert other.get(url).status_code == 404
    page = client_of(app, world, "admin").get("/admin/wortschatz").get_data(as_text=True)
    assert "&lt;b&gt;Spüli&lt;/b&gt;" in page and "<b>Spüli</b>" not in page


def test_the_layer_goes_out_and_comes_back_as_a_file(app, client, world, login_as):
    login_as("admin")
    with app.app_context():
        from models import User
        from webapp.vocabulary.operations import accept

        admin = db.session.scalar(select(User).where(User.email == world.admin))
        accept(db.session, admin, "Bonieren", concept(KASSE), "Kioske")
        accept(db.session, admin, "Kommi", None, "Wort der Lager")
        db.session.commit()
    exported = client.get("/admin/wortschatz/export.json")
    assert exported.status_code == 200 and "attachment" in exported.headers["Content-Disposition"]
    data = json.loads(exported.data)
    assert {(e["term"], e["concept"]) for e in data["entries"]} == {("Bonieren", concept(KASSE)), ("Kommi", None)}
    # Withdraw both, then read the file back: the same layer again.
    for k in ("bonieren", "kommi"):
        client.post("/admin/wortschatz/zuruecknehmen", data={"term_key": k, "withdraw": "1", "csrf_token": csrf_token(client, "/admin/wortschatz")})

    def send(payload: bytes, name="wortschatz.json"):
        form = {"file": (io.BytesIO(payload), name), "upload": "1", "csrf_token": csrf_token(client, "/admin/wortschatz")}
        return client.post("/admin/wortschatz/import", data=form, content_type="multipart/form-data", follow_redirects=True).get_data(as_text=True)

    broken = dict(data, entries=[*data["entries"], {"term": "Spüli", "concept": "esco:nicht-da"}])
    assert "Es wurde nichts übernommen" in send(json.dumps(broken).encode())
    too_long = dict(data, entries=[*data["entries"], {"term": "ä" * 60, "concept": None}])  # its key spells ä as ae: 120 characters
    assert "Eintrag 3 ist unvollständig" in send(json.dumps(too_long).encode())
    assert "Es wurde nichts übernommen" in send(b"\xff\xfe kein json")
    assert "Es wurde nichts übernommen" in send(b"[" * 100_000)  # nested deeper than any parser goes
    with app.app_context():
        from webapp.suggestions.skills import current_layer

        assert current_layer(db.session) == {}
    # A good file is shown first: what it changes and its measured effect; nothing applies before "Übernehmen".
    preview = send(exported.data)
    assert "Noch ist nichts übernommen" in preview and "2 neue Begriffe" in preview and "Wirkung, gemessen vor dem Übernehmen" in preview
    assert "zurückgehaltene Fälle ohne / mit der Datei" in preview  # measured (a job; at once in the tests)
    with app.app_context():
        from models import VocabularyImport

        assert current_layer(db.session) == {}
        pending = db.session.scalar(select(VocabularyImport.id).order_by(VocabularyImport.id.desc()))
    apply_url = f"/admin/wortschatz/import/{pending}/uebernehmen"
    token = csrf_token(client, f"/admin/wortschatz/import/{pending}")
    done = client.post(apply_url, data={"csrf_token": token}, follow_redirects=True).get_data(as_text=True)
    assert "Übernommen: 2 Einträge neu oder geändert, 0 waren schon so" in done
    assert "schon übernommen" in client.post(apply_url, data={"csrf_token": token}, follow_redirects=True).get_data(as_text=True)  # a double click
    with app.app_context():
        assert current_layer(db.session) == {"Bonieren": concept(KASSE), "Kommi": None}
        assert db.session.scalar(select(VocabularyEntry.reason).order_by(VocabularyEntry.id.desc())).startswith("Import aus wortschatz.json")
    again = send(exported.data)  # twice in a row: nothing new, and it says so before anything happens
    assert "2 Begriffe stehen schon so im Wortschatz" in again and "0 neue Begriffe" in again


def test_the_report_measures_the_layer_on_cases_it_never_saw(app, world):
    with app.app_context():
        from models import User
        from webapp.vocabulary.operations import accept

        admin = db.session.scalar(select(User).where(User.email == world.admin))
        accept(db.session, admin, "Bonieren", concept(KASSE), "")
        accept(db.session, admin, "Kommi", None, "")  # a word inside a held-out shop-floor line ("Kommissionierung")
        db.session.commit()
        row = VocabularyMeasurement(layer_seq=1)
        db.session.add(row)
        db.session.commit()
        run_measurement(db.session, row.id)
        done = db.session.get(VocabularyMeasurement, row.id)
        result = done.result
    assert done.progress == 100 and done.finished_at is not None
    assert result["layer"]["entries"] == 2 and result["layer"]["left_out"] == ["Kommi"]
    assert set(result["benches"]) == {"shop_floor", "real_text"}
    for bench in result["benches"].values():
        assert 0 < bench["held_out"]["without"] <= 1 and 0 < bench["held_out"]["with"] <= 1
        assert bench["openings"]["held-out"] > 0


def test_the_project_reading_is_marked_in_the_explanation(app, client, world, login_as, add_participant):
    other = add_participant("AH-0050", ["Bonieren"])
    with app.app_context():
        from models import User
        from webapp.vocabulary.operations import accept

        admin = db.session.scalar(select(User).where(User.email == world.admin))
        accept(db.session, admin, "Bonieren", concept(KASSE), "")
        db.session.commit()
        assert db.session.get(Participant, other).skills[0].match_how == "project"
    login_as("counsellor_a")
    page = _suggested(client, world.opening_2)
    assert f'id="karte-{other}"' in page and "vom Projekt ergänzt" in page


def test_a_chosen_reading_is_in_the_subject_access(app, client, world, login_as):
    login_as("counsellor_a")
    _propose(client, READING_C.format(world.participant_a), "Kasse", None)
    data = client.get(f"/beratung/teilnehmende/{world.participant_a}/auskunft.json").get_json()
    assert [(r["term_key"], r["concept_id"]) for r in data["records"]["reading_fix"]] == [("kasse", None)]


def test_the_correction_page_says_recognised_for_a_term_read_as_itself(app, client, world, login_as):
    """Issue 25.2: „Frühschicht → Frühschicht (anderes Wort, gleiche Bedeutung)“ read the word back; the correction
    page now says „erkannt“ like the preview (one rule: Understanding.names_the_term), and still names a
    different label with how it was found."""
    import re

    from webapp.suggestions.skills import how_understood

    terms = ["Frühschicht", "Staplerschein", "Kasse"]
    with app.app_context():
        shown = dict(zip(terms, how_understood(terms)))
    _opening_asks(app, world.opening_1, terms)
    login_as("employer_user_1")
    page = client.get(f"/betrieb/stellen/{world.opening_1}/lesart").get_data(as_text=True)
    lines = {}
    for item in page.split('<li class="list-group-item')[1:]:
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item.split(">", 1)[1].split("</div>")[0])).replace(" verstanden als ", " ").strip()
        lines[text.split(" → ")[0]] = text
    assert set(lines) == set(terms)
    for term in terms:
        if shown[term].names_the_term(term):
            assert lines[term] == f"{term} → erkannt"
        elif shown[term].label:
            assert lines[term].startswith(f"{term} → {shown[term].label} (")
    assert any(shown[t].names_the_term(t) for t in terms) and any(shown[t].label and not shown[t].names_the_term(t) for t in terms)


def test_the_correction_page_marks_a_pasted_ads_headings_and_offer_and_corrects_only_the_work(app, client, world, login_as):
    """A pasted ad's heading and offer lines are not compared: the correction page says so, as the preview and the
    opening's page do, offers no „nicht gemeint?“ for them, and a correction sent for one of them changes nothing."""
    _opening_asks(app, world.opening_1, ["Ihre Aufgaben:", "Kasse", "Wir bieten:", "Kinderbetreuung im Betrieb"])
    login_as("employer_user_1")
    url = READING_E.format(world.opening_1)
    page = client.get(url).get_data(as_text=True)
    assert page.count("Überschrift – wird nicht verglichen") == 2
    assert "gehört zu dem, was der Betrieb bietet oder über sich sagt – wird nicht verglichen" in page
    assert "begriff=Kasse" in page and "begriff=Kinderbetreuung" not in page and "begriff=Ihre" not in page
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(ReadingFix))
    _propose(client, url, "Kinderbetreuung im Betrieb", "Kasse bedienen")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ReadingFix)) == before
