"""The rules taken out of three views (issue 26.2): the participant list's filter and query, the consent form's
rows, the preview of a list of businesses. The pages' own tests cover them through the views."""

from __future__ import annotations

from sqlalchemy import select

from models import ConsentRecord, User
from webapp.businesses import imports
from webapp.core.db import db
from webapp.counsellors.operations import record_consents
from webapp.counsellors.participant_forms import chosen_scopes
from webapp.counsellors.participant_list import ListFilter, statement
from webapp.suggestions.selection import own_names


def test_the_list_filter_writes_the_address_line_it_was_read_from():
    f = ListFilter(q="ah-00", consent="ohne", newest=True, esf_missing=True, show_names=True)
    assert f.args() == {"q": "ah-00", "einwilligung": "ohne", "sortierung": "neu", "esf": "fehlt", "namen": "ja"}
    assert f.args(names=False) == {"q": "ah-00", "einwilligung": "ohne", "sortierung": "neu", "esf": "fehlt"}
    assert ListFilter().args() == {}


def test_the_list_finds_by_code_or_name_only_in_the_own_house(app, world, add_participant):
    mine = add_participant("AH-0201", ["Kasse"], first="Radu")
    theirs = add_participant("WH-0202", ["Kasse"], centre="w", first="Radu")
    without = add_participant("AH-0203", ["Kasse"], consent=None, first="Elif")
    with app.app_context():

        def ids(**f):
            return [p.id for p in db.session.scalars(statement(world.centre_a, ListFilter(**f)))]

        assert ids(q="radu") == [mine] and theirs not in ids()
        assert ids(q="%") == [] and ids(q="_") == []  # a wildcard is a character, not a pattern
        assert without in ids(consent="ohne") and without not in ids(consent="mit") and mine in ids(consent="mit")
        assert ids(newest=True)[0] == without  # newest first; else by code
        assert ids() == sorted(ids(), key=lambda i: {world.participant_a: "AH-0001", mine: "AH-0201", without: "AH-0203"}[i])
        assert own_names([mine]) == {mine: "Radu Ionescu"} and own_names([]) == {}


def test_the_consent_rows_are_read_or_refused_as_a_whole():
    assert chosen_scopes({"umfang_7": "skills", "umfang_8": "", "csrf_token": "x"}) == {7: "skills"}
    assert chosen_scopes({}) == {}
    for bad in ({"umfang_7": "alles"}, {"umfang_x": "skills"}, {"umfang_-1": "skills"}, {"umfang_" + "9" * 11: "skills"}, {"umfang_٣": "skills"}):
        assert chosen_scopes(bad) is None, bad


def test_consents_for_several_people_are_all_or_nothing(app, world, add_participant):
    mine = add_participant("AH-0211", ["Kasse"], consent=None)
    theirs = add_participant("WH-0212", ["Kasse"], centre="w", consent=None)
    with app.app_context():
        counsellor = db.session.scalar(select(User).where(User.email == world.counsellor_a))
        assert record_consents({mine: "skills", theirs: "skills"}, counsellor) is False
        assert record_consents({mine: "skills", 999999: "skills"}, counsellor) is False
        assert db.session.scalars(select(ConsentRecord).where(ConsentRecord.participant_id.in_([mine, theirs]))).all() == []
        assert record_consents({mine: "contact"}, counsellor) is True
        db.session.commit()
        [given] = db.session.scalars(select(ConsentRecord).where(ConsentRecord.participant_id == mine)).all()
        assert given.scope == "contact" and given.recorded_by_id == counsellor.id


def test_the_preview_of_a_business_list_says_what_may_be_imported(app):
    header = ["Firma", "Straße", "PLZ", "Branche"]
    rows = [["Kiosk Eck", "Eckstr. 1", "58089", "Kiosk"], ["Kiosk Eck", "Eckstraße 1", "58089", "Kiosk"], ["Bäckerei", "", "58097", "Bäckerei"]]
    with app.test_request_context():
        known = {imports.duplicate_key("Bäckerei", "", "58097"): "Bäckerei"}
        shown = imports.preview(header, rows, None, known)
        assert shown.missing == [] and shown.errors == 0 and shown.duplicates == 2 and not shown.blocked
        assert [r.number for r in shown.wanted({})] == [2]  # the duplicates are skipped unless marked as new
        assert [r.number for r in shown.wanted({"doppelt_3": "neu", "doppelt_4": "neu"})] == [2, 3, 4]
        no_sector = imports.preview(["Firma", "PLZ"], [["Kiosk Eck", "58089"]], None, {})
        assert no_sector.blocked and no_sector.checked == [] and len(no_sector.missing) == 1
        assert imports.preview(header, [], None, {}).blocked  # an empty list imports nothing
        wrong = imports.preview(header, [["Kiosk", "", "58089", "Weltraum"]], None, {})
        assert wrong.errors == 1 and wrong.blocked


def test_a_row_with_an_error_still_shows_what_the_list_says(app, client, world, login_as, tmp_path):
    """The preview shows address and sector as written also for a wrong row: the person sees which row to fix."""
    import io

    from tests.helpers import csrf_token

    login_as("counsellor_a")
    content = "Firma;Straße;PLZ;Branche;Beschäftigte\nCafé Mitte;Altenhagener Straße 5;58097;Gastronomie;zwölf\nEck;;58089;Weltraum;\n"
    data = {"datei": (io.BytesIO(content.encode("utf-8")), "liste.csv"), "csrf_token": csrf_token(client, "/betriebe/import")}
    preview = client.post("/betriebe/import", data=data, content_type="multipart/form-data").headers["Location"]
    page = client.get(preview).get_data(as_text=True)
    assert "„zwölf“ ist keine Zahl von Beschäftigten" in page
    assert "Altenhagener Straße 5, 58097" in page and ">Gastronomie<" in page  # the wrong row, as written
    assert ">58089<" in page and ">Weltraum<" in page  # no street: no stray comma
