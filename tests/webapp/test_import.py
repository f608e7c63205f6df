"""Importing the lists counsellors keep: preview row by row, then all rows or none."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models import Participant
from tests.factories import good_rows, xlsx
from tests.helpers import csrf_token, login
from webapp.core.db import db


def count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Participant))


def test_fifty_participants_from_excel(app, client, world, login_as, upload):
    login_as("counsellor_a")
    response = upload(xlsx(good_rows()), "liste.xlsx")
    assert response.status_code == 302
    preview_url = response.headers["Location"]
    page = client.get(preview_url).get_data(as_text=True)
    assert "50 Zeilen" in page and "Alle Zeilen sind in Ordnung" in page
    assert count(app) == 1  # the preview saves nothing
    token = csrf_token(client, preview_url)
    done = client.post(preview_url, data={"csrf_token": token}, follow_redirects=True).get_data(as_text=True)
    assert "50 Profile importiert" in done
    assert count(app) == 51
    with app.app_context():
        p = db.session.scalar(select(Participant).join(Participant.identity).where(Participant.pseudonym == "AH-0003"))
        assert p.identity.first_name == "Vorname1" and p.german_level == "A2" and p.hours == ["part_time", "minijob"]
        assert [(lang.language, lang.level) for lang in p.languages] == [("ro", "C2")]
        assert [s.match_how for s in p.skills] == ["synonym", "synonym"] and str(p.available_from) == "2026-12-01"
        assert p.current_consent() is None
    assert client.get(preview_url).status_code == 404  # the upload is gone after the import


def test_a_file_with_errors_is_refused_whole(app, client, world, login_as, upload):
    login_as("counsellor_a")
    rows = good_rows(10)
    rows[3][4] = "B3"  # no such level
    rows[7][7] = "im Frühling"
    rows[8][0] = ""
    preview_url = upload(xlsx(rows), "liste.xlsx").headers["Location"]
    page = client.get(preview_url).get_data(as_text=True)
    assert "3 Zeilen mit Fehlern" in page
    assert "Deutschniveau „B3“" in page and "Datum „im Frühling“" in page and "Vorname: Bitte geben Sie den Vornamen ein." in page
    token = csrf_token(client, preview_url)
    response = client.post(preview_url, data={"csrf_token": token})
    assert response.status_code == 422 and "Nichts wurde importiert" in response.get_data(as_text=True)
    assert count(app) == 1


def test_an_invalid_german_level_is_an_error_never_a_guess(app, client, world, login_as, upload):
    """„gut“ is no level: the row is an error, and the preview shows „gut“, not a guessed „A1“ (issue 25.4)."""
    import re

    login_as("counsellor_a")
    text = "Vorname;Nachname;Deutsch;Kenntnisse\nElena;Dumitrescu;gut;Kasse\nMarta;Ilieva;B1;Lager\n"
    preview_url = upload(text.encode("utf-8"), "liste.csv").headers["Location"]
    page = client.get(preview_url).get_data(as_text=True)
    row = re.search(r"<tr class=\"table-danger\">(.*?)</tr>", page, re.S).group(1)
    cells = [re.sub(r"<[^>]+>|\s+", " ", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells[:3] == ["2", "Elena Dumitrescu", "gut"]
    assert cells[4] == "Deutschniveau „gut“ ist keins von A1 bis C2"  # said once, with the cell's value
    assert "A1" not in cells[2]
    assert "1 Zeile mit Fehlern" in page


def test_sofort_is_a_start_date(app, client, world, login_as, upload):
    """„sofort“ in the start column means available now (no date), as an empty start in the profile form (issue 25.13)."""
    login_as("counsellor_a")
    text = "Vorname;Nachname;Deutsch;Verfügbar ab\nElena;Dumitrescu;A2;sofort\nMarta;Ilieva;B1;ab sofort\nIvo;Petrov;B1;bald\n"
    preview_url = upload(text.encode("utf-8"), "liste.csv").headers["Location"]
    page = client.get(preview_url).get_data(as_text=True)
    assert "1 Zeile mit Fehlern" in page and "Datum „bald“ nicht verstanden (TT.MM.JJJJ oder „sofort“)" in page
    assert "„sofort“ nicht" not in page and "„ab sofort“ nicht" not in page


def test_a_semicolon_csv_in_windows_encoding_with_a_duplicate(app, client, world, login_as, upload):
    login_as("counsellor_a")
    text = "Vorname;Nachname;Deutsch;Kenntnisse\nIoana;Popa;B1;Kasse\nJürgen;Größe;A2;Küchenhilfe\njürgen;größe;A2;Spülen\n"
    preview_url = upload(text.encode("cp1252"), "liste.csv").headers["Location"]
    page = client.get(preview_url).get_data(as_text=True)
    assert "Jürgen Größe" in page
    assert "mögliche Doppelung mit AH-0001" in page and "mögliche Doppelung mit Zeile 3" in page
    assert "3 Zeilen" in page


def test_a_possible_duplicate_is_skipped_unless_the_counsellor_chooses_otherwise(app, client, world, login_as, upload):
    """Issue 25.11: a recognised duplicate row was imported anyway; now the preview asks per row, skipping is the
    default, and „trotzdem als neue Person anlegen“ imports it; a file of duplicates only imports nothing."""
    from models import ParticipantIdentity

    login_as("counsellor_a")
    with app.app_context():
        known = db.session.scalar(select(ParticipantIdentity).where(ParticipantIdentity.participant_id == world.participant_a))
        first, last = known.first_name, known.last_name
    text = f"Vorname;Nachname;Deutsch;Kenntnisse\n{first};{last};B1;Kasse\nJürgen;Größe;A2;Küchenhilfe\njürgen;größe;A2;Spülen\nElena;Dumitrescu;A2;Lager\n"
    preview_url = upload(text.encode("utf-8"), "liste.csv").headers["Location"]
    page = client.get(preview_url).get_data(as_text=True)
    assert 'name="doppelt_2"' in page and 'name="doppelt_4"' in page and 'name="doppelt_3"' not in page
    before = count(app)
    token = csrf_token(client, preview_url)
    done = client.post(preview_url, data={"doppelt_4": "neu", "csrf_token": token}, follow_redirects=True).get_data(as_text=True)
    assert "3 Profile importiert" in done and "1 mögliche Doppelung übersprungen." in done
    assert count(app) == before + 3  # Jürgen twice (chosen), Elena; the person already there not again
    with app.app_context():
        assert (
            db.session.scalar(
                select(func.count()).select_from(ParticipantIdentity).where(ParticipantIdentity.first_name == first, ParticipantIdentity.last_name == last)
            )
            == 1
        )

    only = upload(f"Vorname;Nachname;Deutsch\n{first};{last};B1\n".encode(), "liste.csv").headers["Location"]
    refused = client.post(only, data={"csrf_token": csrf_token(client, only)})
    assert refused.status_code == 422 and "alle Zeilen sind mögliche Doppelungen" in refused.get_data(as_text=True)
    assert count(app) == before + 3


def test_a_duplicate_of_an_own_person_can_be_merged_into_the_profile(app, client, world, login_as, upload):
    """Issue 25.11: „zu AH-0001 ergänzen“ adds the row's new skills, languages and missing contact data to the person
    already there, overwrites nothing, makes nobody new, and is audited."""
    from models import AuditEvent, Participant, ParticipantIdentity

    login_as("counsellor_a")
    with app.app_context():
        person = db.session.get(Participant, world.participant_a)
        known = person.identity
        first, last, code, level = known.first_name, known.last_name, person.pseudonym, person.german_level
        skills_before = [s.term for s in person.skills]
    kept = skills_before[0] if skills_before else "Kasse"
    text = f"Vorname;Nachname;Deutsch;Kenntnisse\n{first};{last};C2;{kept}, Gabelstapler fahren\n"
    preview_url = upload(text.encode("utf-8"), "liste.csv").headers["Location"]
    page = client.get(preview_url).get_data(as_text=True)
    assert f'<option value="ergaenzen">zu {code} ergänzen (neue Kenntnisse und fehlende Angaben)</option>' in page
    before = count(app)
    done = client.post(preview_url, data={"doppelt_2": "ergaenzen", "csrf_token": csrf_token(client, preview_url)}, follow_redirects=True)
    assert "1 vorhandenes Profil ergänzt." in done.get_data(as_text=True)
    assert count(app) == before
    with app.app_context():
        person = db.session.get(Participant, world.participant_a)
        terms = [s.term for s in person.skills]
        assert terms[: len(skills_before)] == skills_before and terms.count(kept) == 1 and "Gabelstapler fahren" in terms
        assert person.german_level == level  # the house's own record is not overwritten
        assert db.session.scalar(select(func.count()).select_from(ParticipantIdentity).where(ParticipantIdentity.first_name == first)) == 1
        assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "participant.merge_import")) == 1


def test_a_merge_past_the_profiles_limit_imports_nothing_and_keeps_the_choices(app, client, world, login_as, upload):
    """A merged profile keeps the profile form's limit of skills; the whole file waits, the choices stay chosen."""
    from models import Participant, ParticipantSkill

    login_as("counsellor_a")
    with app.app_context():
        person = db.session.get(Participant, world.participant_a)
        person.skills.clear()
        person.skills.extend(ParticipantSkill(term=f"Quxbaz {i}", position=i) for i in range(29))
        db.session.commit()
        first, last = person.identity.first_name, person.identity.last_name
    text = f"Vorname;Nachname;Deutsch;Kenntnisse\n{first};{last};B1;Kasse, Lager, Spülen\nElena;Dumitrescu;A2;Lager\n"
    preview_url = upload(text.encode("utf-8"), "liste.csv").headers["Location"]
    before = count(app)
    refused = client.post(preview_url, data={"doppelt_2": "ergaenzen", "csrf_token": csrf_token(client, preview_url)})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "Nichts wurde importiert:" in page and "mehr als 30 Kenntnisse" in page
    assert '<option value="ergaenzen" selected>' in page
    assert count(app) == before  # Elena's row waits with the rest
    with app.app_context():
        assert len(db.session.get(Participant, world.participant_a).skills) == 29


def test_columns_can_be_assigned_by_hand(app, client, world, login_as, upload):
    login_as("counsellor_a")
    text = "Name A,Name B,Level\nAna,Lupu,A2\n"
    preview_url = upload(text.encode(), "liste.csv").headers["Location"]
    assert "Pflichtspalten nicht zugeordnet" in client.get(preview_url).get_data(as_text=True)
    page = client.get(preview_url + "?spalte_first_name=0&spalte_last_name=1&spalte_german_level=2").get_data(as_text=True)
    assert "Alle Zeilen sind in Ordnung" in page
    token = csrf_token(client, preview_url)
    client.post(preview_url, data={"spalte_first_name": "0", "spalte_last_name": "1", "spalte_german_level": "2", "csrf_token": token})
    assert count(app) == 2


def test_wrong_files_get_a_clear_message(client, world, login_as, upload):
    login_as("counsellor_a")
    page = upload(b"%PDF-1.4", "liste.pdf").get_data(as_text=True)
    assert "Excel-Datei (.xlsx) oder eine CSV-Datei" in page
    page = upload(b"PK\x03\x04broken", "liste.xlsx").get_data(as_text=True)
    assert "lässt sich nicht lesen" in page
    page = upload(b"", "liste.csv").get_data(as_text=True)
    assert "Die Datei ist leer" in page


def test_a_file_over_the_limit_is_413(app, client, world, login_as, upload):
    login_as("counsellor_a")
    app.config["MAX_CONTENT_LENGTH"] = 10_000
    response = upload(b"Vorname;Nachname;Deutsch\n" + b"Ana;Lupu;A2\n" * 2000, "liste.csv")
    assert response.status_code == 413


def test_another_counsellors_upload_is_404(app, client, world, login_as, upload):
    login_as("counsellor_a")
    preview_url = upload(b"Vorname;Nachname;Deutsch\nAna;Lupu;A2\n", "liste.csv").headers["Location"]
    other = app.test_client()
    login(other, world.counsellor_w)
    assert other.get(preview_url).status_code == 404


CRAFTED = [name for name in __import__("tests.crafted", fromlist=["CASES"]).CASES if "legitimate" not in name and "at the limits" not in name]


@pytest.mark.parametrize("case", CRAFTED)
def test_crafted_files_are_refused_with_a_message_and_nothing_is_stored(app, client, world, login_as, case, upload):
    """Declared sizes, a million rows, 20,000 columns, unpacking bombs: refused at the limit, before anything is stored."""
    from pathlib import Path

    from tests.crafted import CASES

    filename, build = CASES[case]
    login_as("counsellor_a")
    response = upload(build(), filename)
    folder = Path(app.instance_path) / "imports"
    stored = list(folder.glob("*")) if folder.exists() else []
    if "declared" in case:  # a wrong declared size is ignored: the two real rows are read
        assert response.status_code == 302 and len(stored) == 1
        assert "1 Zeile" in client.get(response.headers["Location"]).get_data(as_text=True)
    else:
        assert response.status_code == 400, case
        assert any(word in response.get_data(as_text=True) for word in ("Höchstens", "zu groß", "Zeichen", "zu viele")), case
        assert stored == []


@pytest.mark.parametrize("sheet, encoding", [("xl/data/sheet1.xml", "utf-8"), ("xl/x/y", "utf-8"), ("sheet.bin", "utf-8"), ("xl/media/image1.png", "utf-16")])
def test_the_pre_check_reads_the_sheet_wherever_the_workbook_puts_it(sheet, encoding):
    """Issue 24.1: openpyxl follows the workbook's relationships anywhere, in any encoding; so does the pre-check.
    Refused by the cell count before openpyxl reads (and builds) the 2.9-million-cell row – not after it."""
    from tests.crafted import HEADER, empty_cells_in_one_row, row_xml, xlsx
    from webapp.core.tables import ImportFileError, read_table

    with pytest.raises(ImportFileError, match="zu viele Zellen"):
        read_table("liste.xlsx", empty_cells_in_one_row(cells=200_000, sheet=sheet, encoding=encoding))
    # The same place and encoding with a real list is read as usual.
    header, rows = read_table("liste.xlsx", xlsx([row_xml(1, HEADER), row_xml(2, ("Ana", "Lupu", "A2"))], sheet=sheet, encoding=encoding))
    assert header == list(HEADER) and rows == [["Ana", "Lupu", "A2"]]


def test_control_characters_in_cells_are_dropped_and_line_breaks_in_cells_kept(app, client, world, login_as, upload):
    login_as("counsellor_a")
    content = b'Vorname;Nachname;Deutsch;Kenntnisse\nAn\x00a;Lu\x07pu;A2;"Kasse\nputzen"\n'
    preview = upload(content, "liste.csv").headers["Location"]
    client.post(preview, data={"csrf_token": csrf_token(client, preview)})
    with app.app_context():
        p = db.session.scalar(select(Participant).where(Participant.pseudonym == "AH-0002"))
        assert (p.identity.first_name, p.identity.last_name) == ("Ana", "Lupu")
        assert [s.term for s in p.skills] == ["Kasse", "putzen"]


def test_one_set_of_rules_a_101_character_name_is_refused_by_the_import_and_the_form(app, client, world, login_as, upload):
    """The import's rows and the profile form follow one set of rules: a name longer than the column is refused
    in the preview (it passed there and then failed with a 500 on PostgreSQL)."""
    login_as("counsellor_a")
    long_name = "A" * 101
    preview = upload(f"Vorname;Nachname;Deutsch\n{long_name};Lupu;A2\n".encode(), "liste.csv").headers["Location"]
    page = client.get(preview).get_data(as_text=True)
    assert "1 Zeile mit Fehlern" in page
    assert "Vorname: Höchstens 100 Zeichen." in page
    response = client.post(preview, data={"csrf_token": csrf_token(client, preview)})
    assert response.status_code == 422 and count(app) == 1
    form_url = "/beratung/teilnehmende/neu"
    data = {
        "first_name": long_name,
        "last_name": "Lupu",
        "german_level": "A2",
        "counsellor_id": "2",
        "status": "active",
        "submit": "1",
        "csrf_token": csrf_token(client, form_url),
    }
    answer = client.post(form_url, data=data)
    assert answer.status_code == 200 and "Höchstens 100 Zeichen." in answer.get_data(as_text=True)
    assert count(app) == 1


def test_the_operations_refuse_values_the_rules_refuse(app, world):
    from webapp.counsellors.operations import InvalidProfile, ProfileValues, create_participant

    with app.test_request_context():
        from models import User

        counsellor = db.session.scalar(select(User).where(User.email == world.counsellor_a))
        with pytest.raises(InvalidProfile, match="first_name"):
            create_participant(ProfileValues(first_name="B" * 101, last_name="Lupu"), counsellor, counsellor.id)


def test_the_import_plan_follows_the_choice_for_each_possible_duplicate():
    """ImportPlan: a row without a doubt is created; a possible duplicate is skipped unless „neu“ (create anyway) or,
    for an own house's person, „ergaenzen“ (merge) was chosen; a merge offered for a person elsewhere skips."""
    from webapp.counsellors.imports import CheckedRow, ImportPlan

    plain = CheckedRow(2)
    anyway = CheckedRow(3, duplicate_of="AB-1234")
    merge = CheckedRow(4, duplicate_of="AB-1235", existing="AB-1235")
    nothing_chosen = CheckedRow(5, duplicate_of="AB-1236")
    merge_elsewhere = CheckedRow(6, duplicate_of="AB-1237")
    plan = ImportPlan.of(
        [plain, anyway, merge, nothing_chosen, merge_elsewhere],
        {"doppelt_3": "neu", "doppelt_4": "ergaenzen", "doppelt_6": "ergaenzen", "doppelt_2": "ergaenzen"},
    )
    assert [r.number for r in plan.wanted] == [2, 3]
    assert [r.number for r in plan.merged] == [4]
    assert plan.skipped == 2 and not plan.empty
    assert ImportPlan.of([anyway], {}).empty
