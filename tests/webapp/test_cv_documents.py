"""The Lebenslauf as PDF and Word file, the photo, the Anschreiben and who may download what (issue 18.2, 18.3)."""

from __future__ import annotations

import base64
import io
from datetime import date

import pytest
from docx import Document
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import func, select

from models import AuditEvent, ConsentRecord, CvEntry, CvPhoto, Introduction, Opening, OpeningSkill, Participant, ParticipantLanguage, utcnow
from tests.helpers import csrf_token, login, photo_bytes
from webapp.core.db import db
from webapp.suggestions.index import touch

CV = "/beratung/teilnehmende/{}/lebenslauf"
LETTER = "/beratung/teilnehmende/{}/anschreiben"
EMPLOYER_CV = "/betrieb/vorstellungen/{}/lebenslauf.{}"


@pytest.fixture
def rich_profile(app, world, add_participant) -> int:
    """The id of a participant with two jobs, a school abroad, two certificates, languages and a licence; name with ș and ț."""
    pid = add_participant("AH-0040", ["Kasse", "Regale einräumen"], level="A2", consent="cv", first="Ștefan")
    with app.app_context():
        p = db.session.get(Participant, pid)
        p.identity.last_name = "Țurcanu"
        p.identity.phone = "0157 5550101"
        p.postcode, p.driving_licences = "58089", ["B"]
        p.languages.append(ParticipantLanguage(language="ro", level="C2"))
        p.cv.extend(
            [
                CvEntry(
                    kind="work", title="Bäckerei Müller", place="Hagen", started_on=date(2015, 4, 1), ended_on=date(2018, 8, 31), details="Brötchen backen"
                ),
                CvEntry(
                    kind="work",
                    title="Lager Schmidt GmbH",
                    place="Iași",
                    started_on=date(2019, 3, 1),
                    ended_on=date(2023, 6, 30),
                    details="Ware annehmen\nGabelstapler fahren",
                ),
                CvEntry(
                    kind="education",
                    title="Liceul Tehnologic",
                    place="Iași",
                    started_on=date(2008, 9, 1),
                    ended_on=date(2012, 6, 30),
                    details="Abschluss: Bacalaureat",
                    recognition="applied",
                ),
                CvEntry(kind="certificate", title="Staplerschein", started_on=date(2020, 5, 1)),
                CvEntry(kind="certificate", title="Deutschkurs A2", started_on=date(2024, 2, 1)),
            ]
        )
        db.session.commit()
    return pid


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def _in_order(text: str, parts: list[str]) -> None:
    positions = [text.find(part) for part in parts]
    assert all(p >= 0 for p in positions), [part for part, p in zip(parts, positions) if p < 0]
    assert positions == sorted(positions), sorted(zip(positions, parts))


def test_the_pdf_holds_the_sections_in_the_usual_order_newest_first(app, client, world, login_as, rich_profile):
    pid = rich_profile
    login_as("counsellor_a")
    response = client.get(CV.format(pid) + ".pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"] and response.headers["Cache-Control"] == "no-store"
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) in (1, 2)  # one or two A4 pages
    assert round(float(reader.pages[0].mediabox.width)) == 595 and round(float(reader.pages[0].mediabox.height)) == 842  # A4 in points
    text = _pdf_text(response.data)
    _in_order(
        text,
        [
            "Lebenslauf",
            "Ștefan Țurcanu",
            "58089 Hagen",
            "0157 5550101",
            "Berufserfahrung",
            "03/2019 – 06/2023",
            "Lager Schmidt GmbH, Iași",
            "Ware annehmen",
            "Gabelstapler fahren",
            "04/2015 – 08/2018",
            "Bäckerei Müller",
            "Schule und Ausbildung",
            "Liceul Tehnologic",
            "Anerkennung beantragt",
            "Weiterbildungen und Nachweise",
            "02/2024",
            "Deutschkurs A2",
            "05/2020",
            "Staplerschein",
            "Kenntnisse und Sprachen",
            "Kasse, Regale einräumen",
            "Deutsch – Grundkenntnisse (A2)",
            "Rumänisch – fließend wie Muttersprache (C2)",
            "Klasse B",
            "Verfügbarkeit",
            "Teilzeit",
            "Hagen, ",
        ],
    )
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "cv.download", AuditEvent.object_id == pid)) == 1


def test_the_word_file_opens_and_can_be_edited(app, client, world, login_as, rich_profile):
    pid = rich_profile
    login_as("counsellor_a")
    response = client.get(CV.format(pid) + ".docx")
    assert response.status_code == 200 and response.headers["Content-Disposition"].endswith(".docx")
    doc = Document(io.BytesIO(response.data))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == "Lebenslauf" and "Ștefan Țurcanu" in paragraphs
    assert "Berufserfahrung" in paragraphs and "Schule und Ausbildung" in paragraphs
    assert any("Lager Schmidt GmbH, Iași" in c and "• Gabelstapler fahren" in c for c in cells)
    assert doc.sections[0].page_width.cm == pytest.approx(21.0, abs=0.1)
    # The counsellor changes a line, saves, and the file opens again with the change.
    doc.paragraphs[0].text = "Lebenslauf (überarbeitet)"
    doc.add_paragraph("Hobbys: Fußball")
    out = io.BytesIO()
    doc.save(out)
    again = Document(io.BytesIO(out.getvalue()))
    assert again.paragraphs[0].text == "Lebenslauf (überarbeitet)" and again.paragraphs[-1].text == "Hobbys: Fußball"


def test_markup_in_an_entry_is_printed_as_text(app, client, world, login_as, add_participant):
    pid = add_participant("AH-0041", ["Kasse"], consent="cv")
    login_as("counsellor_a")
    token = csrf_token(client, CV.format(pid))
    client.post(CV.format(pid), data={"kind": "work", "title": "<b>Kiosk</b> & Co <font size=40>", "details": "a < b", "csrf_token": token})
    response = client.get(CV.format(pid) + ".pdf")
    assert response.status_code == 200
    assert "<b>Kiosk</b> & Co <font size=40>" in _pdf_text(response.data)


def _employer_download(app, world, fmt="pdf"):
    employer = app.test_client()
    login(employer, world.employer_user_2)
    return employer, employer.get(EMPLOYER_CV.format(world.introduction_2, fmt))


def test_the_company_gets_the_cv_only_inside_the_introduction_and_the_consent(app, client, world, login_as):
    employer, response = _employer_download(app, world)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "Ioana Popa" in _pdf_text(response.data)
    assert employer.get(EMPLOYER_CV.format(world.introduction_2, "docx")).status_code == 200
    page = employer.get(f"/betrieb/stellen/{world.opening_2}").get_data(as_text=True)
    assert EMPLOYER_CV.format(world.introduction_2, "pdf") in page
    with app.app_context():
        audited = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "cv.download")).all()
        assert len(audited) == 2 and {(a.actor_role, a.object_id) for a in audited} == {("employer", world.participant_a)}
    # Another company: nothing, as if there were no such introduction.
    other = app.test_client()
    login(other, world.employer_user_1)
    assert other.get(EMPLOYER_CV.format(world.introduction_2, "pdf")).status_code == 404
    # A narrower consent: the card offers no CV and the address answers 404.
    with app.app_context():
        p = db.session.get(Participant, world.participant_a)
        p.current_consent().withdrawn_at = utcnow()
        p.consents.append(ConsentRecord(scope="contact", text_version="2026-01"))
        db.session.commit()
    assert employer.get(EMPLOYER_CV.format(world.introduction_2, "pdf")).status_code == 404
    page = employer.get(f"/betrieb/stellen/{world.opening_2}").get_data(as_text=True)
    assert "lebenslauf.pdf" not in page and "Popa" not in page and "Ioana" in page


@pytest.mark.parametrize("change", ["withdrawn", "not_hired", "withdrawn_consent"])
def test_no_cv_after_the_introduction_or_the_consent_ended(app, world, change):
    with app.app_context():
        intro = db.session.get(Introduction, world.introduction_2)
        if change == "withdrawn_consent":
            intro.participant.current_consent().withdrawn_at = utcnow()
        else:
            intro.status = change
        db.session.commit()
    _employer, response = _employer_download(app, world)
    assert response.status_code == 404


def test_the_photo_is_off_by_default_checked_cleaned_and_erased(app, client, world, login_as, add_participant):
    pid = add_participant("AH-0042", ["Kasse"], consent="cv")
    login_as("counsellor_a")
    page = client.get(CV.format(pid)).get_data(as_text=True)
    assert "Kein Foto" in page
    no_photo = client.get(CV.format(pid) + ".pdf").data

    def send(data, wanted=True, name="foto.png"):
        form = {"photo": (io.BytesIO(data), name), "csrf_token": csrf_token(client, CV.format(pid))}
        if wanted:
            form["wanted"] = "y"
        return client.post(CV.format(pid) + "/foto", data=form, content_type="multipart/form-data")

    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # camera make
    big = photo_bytes((1600, 2000), fmt="PNG", exif=exif)
    refused = send(big, wanted=False).get_data(as_text=True)
    assert "nur in den Lebenslauf, wenn die Person es möchte" in refused
    assert "Das ist kein Foto" in send(b"%PDF-1.4 not an image", name="foto.jpg").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(CvPhoto, pid) is None  # nothing stored so far
    assert send(big).status_code == 302
    with app.app_context():
        stored = db.session.get(CvPhoto, pid).image
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG" and image.width <= 420 and image.height <= 540 and not image.getexif()
    assert b"SecretCam" not in stored
    assert client.get(CV.format(pid) + "/foto.jpg").data == stored
    with_photo = client.get(CV.format(pid) + ".pdf").data
    assert b"/Subtype /Image" in with_photo and b"/Subtype /Image" not in no_photo
    # Deleted again by the counsellor ...
    token = csrf_token(client, CV.format(pid))
    assert client.post(CV.format(pid) + "/foto/loeschen", data={"csrf_token": token}).status_code == 302
    with app.app_context():
        assert db.session.get(CvPhoto, pid) is None
    assert client.get(CV.format(pid) + "/foto.jpg").status_code == 404
    # ... and erased with the person.
    assert send(big).status_code == 302
    token = csrf_token(client, f"/beratung/teilnehmende/{pid}/loeschen")
    client.post(f"/beratung/teilnehmende/{pid}/loeschen", data={"confirm": "AH-0042", "reason": "request", "csrf_token": token})
    with app.app_context():
        assert db.session.get(Participant, pid) is None
        assert db.session.scalar(select(func.count()).select_from(CvPhoto).where(CvPhoto.participant_id == pid)) == 0


def test_another_centre_gets_nothing(app, client, world, login_as):
    login_as("counsellor_w")
    for suffix in (".pdf", ".docx", "/foto.jpg"):
        assert client.get(CV.format(world.participant_a) + suffix).status_code == 404
    assert client.get(LETTER.format(world.participant_a)).status_code == 404


def test_the_letter_states_only_facts_from_the_profile(app, client, world, login_as, rich_profile):
    pid = rich_profile
    with app.app_context():  # the kiosk also asks for something the person does not have
        opening = db.session.get(Opening, world.opening_2)
        opening.skills.append(OpeningSkill(kind="required", term="Lottoannahme", position=1))
        touch(db.session, opening)
        db.session.commit()
    login_as("counsellor_a")
    page = client.get(LETTER.format(pid)).get_data(as_text=True)
    assert "Kioskaushilfe" in page  # the kiosk's opening fits (Kasse) and is offered
    draft = client.get(LETTER.format(pid) + f"?stelle={world.opening_2}").get_data(as_text=True)
    assert "Bewerbung als Kioskaushilfe" in draft and "– Kasse" in draft and "Ștefan Țurcanu" in draft
    assert "Deutsch – Grundkenntnisse (A2)" in draft
    assert "Lotto" not in draft  # a requirement the profile does not meet is never claimed
    assert "Ich möchte in Teilzeit arbeiten und kann sofort anfangen." in draft  # both sides want part time
    assert "Führerschein" not in draft  # the opening does not ask for one
    # An opening that was never offered, from the address bar: the chooser only.
    other = world.opening_1  # a draft, never published
    assert "Bewerbung als" not in client.get(LETTER.format(pid) + f"?stelle={other}").get_data(as_text=True)
    token = csrf_token(client, LETTER.format(pid))
    assert client.post(LETTER.format(pid), data={"opening_id": str(other), "text": "x", "csrf_token": token}).status_code == 400
    # An empty letter is refused with a message; an edited one comes back as a Word file.
    empty = client.post(LETTER.format(pid), data={"opening_id": str(world.opening_2), "text": " ", "csrf_token": token})
    assert "Das Anschreiben ist leer." in empty.get_data(as_text=True)
    edited = "Sehr geehrte Frau Zwei,\nich kann gut rechnen."
    response = client.post(LETTER.format(pid), data={"opening_id": str(world.opening_2), "text": edited, "csrf_token": token})
    assert response.status_code == 200 and response.headers["Content-Disposition"].endswith(".docx")
    assert [p.text for p in Document(io.BytesIO(response.data)).paragraphs] == ["Sehr geehrte Frau Zwei,", "ich kann gut rechnen."]
    with app.app_context():
        assert db.session.scalar(select(AuditEvent.id).where(AuditEvent.action == "letter.download", AuditEvent.object_id == pid))


@pytest.mark.parametrize(
    ("contact", "greeting"),
    [
        ("Frau Petra Schmidt", "Sehr geehrte Frau Petra Schmidt,"),
        ("Herr  Jovanović", "Sehr geehrter Herr Jovanović,"),
        ("Petra Schmidt", "Guten Tag Petra Schmidt,"),
        ("", "Sehr geehrte Damen und Herren,"),
    ],
)
def test_the_letter_greets_the_contact_person_the_company_named(app, client, world, login_as, contact, greeting, rich_profile):
    """Issue 25.7: „Sehr geehrte Damen und Herren“ only when the company named nobody; no guess about a gender."""
    pid = rich_profile
    with app.app_context():
        db.session.get(Opening, world.opening_2).employer.contact_name = contact
        db.session.commit()
    login_as("counsellor_a")
    draft = client.get(LETTER.format(pid) + f"?stelle={world.opening_2}").get_data(as_text=True)
    assert greeting in draft
    assert draft.count("Sehr geehrte") == greeting.startswith("Sehr geehrte")


def test_the_letter_page_flags_a_typo_in_the_opening_s_title(app, client, world, login_as, rich_profile):
    """Issue 25.6: the title goes into the Anschreiben as the company wrote it; the page says where to check it."""
    pid = rich_profile
    login_as("counsellor_a")
    clean = client.get(LETTER.format(pid) + f"?stelle={world.opening_2}").get_data(as_text=True)
    assert 'id="titel-tippfehler"' not in clean
    with app.app_context():
        db.session.get(Opening, world.opening_2).title = "Verkäuferinn im Kiosk"
        db.session.commit()
    page = client.get(LETTER.format(pid) + f"?stelle={world.opening_2}").get_data(as_text=True)
    assert 'id="titel-tippfehler"' in page and "„Verkäuferinn“ – meinten Sie „Verkäuferin“?" in page
    assert "Bewerbung als Verkäuferinn im Kiosk" in page  # the draft is the counsellor's to correct


def _with_comments(jpeg: bytes, text: bytes, parts: int) -> bytes:
    """JPEG comment segments (COM) right after the start marker, as a camera app or an attacker writes them."""
    segment = b"".join(b"\xff\xfe" + (len(text) + 2).to_bytes(2, "big") + text for _ in range(parts))
    return jpeg[:2] + segment + jpeg[2:]


@pytest.mark.parametrize(
    "kind",
    ["jpeg_comment", "jpeg_70000_characters", "png_text", "png_icc", "webp_exif"],
)
def test_the_stored_photo_carries_pixels_only(app, client, world, login_as, kind, add_participant):
    """Issue 24.4: no comment, text chunk or colour profile of the file reaches the database or an employer's Word CV."""
    from PIL import ImageCms, PngImagePlugin

    secret = b"Wohnheim Lange Str. 5, 51.358N 7.461E"
    if kind == "jpeg_comment":
        data = photo_bytes((600, 800), comment=secret)
    elif kind == "jpeg_70000_characters":  # gave a 500 before: the save was outside the check
        data = _with_comments(photo_bytes((600, 800)), secret * 945, 2)
    elif kind == "png_text":
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", secret.decode())
        info.add_itxt("Description", secret.decode())
        data = photo_bytes((600, 800), fmt="PNG", pnginfo=info)
    elif kind == "png_icc":
        profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes() + secret
        data = photo_bytes((600, 800), fmt="PNG", icc_profile=profile)
    else:
        exif = Image.Exif()
        exif[0x010E] = secret.decode()  # image description
        data = photo_bytes((600, 800), fmt="WEBP", exif=exif)
    pid = add_participant("AH-0043", ["Kasse"], consent="cv")
    login_as("counsellor_a")
    form = {"photo": (io.BytesIO(data), "foto.img"), "wanted": "y", "csrf_token": csrf_token(client, CV.format(pid))}
    assert client.post(CV.format(pid) + "/foto", data=form, content_type="multipart/form-data").status_code == 302
    with app.app_context():
        stored = db.session.get(CvPhoto, pid).image
    assert b"Wohnheim" not in stored and b"51.358" not in stored
    image = Image.open(io.BytesIO(stored))
    assert set(image.info) <= {"jfif", "jfif_version", "jfif_unit", "jfif_density", "progressive", "progression", "dpi"}, image.info.keys()
    assert b"Wohnheim" not in client.get(CV.format(pid) + ".docx").data


def test_a_photo_too_large_to_decode_cheaply_is_refused_before_decoding(app, client, world, login_as, add_participant):
    """Issue 24.5: a 0.1 MB PNG of 6300 x 6300 pixels cost 430 MB; its header says how large it is."""
    pid = add_participant("AH-0044", ["Kasse"], consent="cv")
    login_as("counsellor_a")
    for data in (photo_bytes((6300, 6300), fmt="PNG"), photo_bytes((20000, 20000), fmt="PNG")):
        form = {"photo": (io.BytesIO(data), "gross.png"), "wanted": "y", "csrf_token": csrf_token(client, CV.format(pid))}
        response = client.post(CV.format(pid) + "/foto", data=form, content_type="multipart/form-data")
        response.request.input_stream.close()  # werkzeug's test client keeps a large body in a file it leaves open
        assert "Das Foto ist zu groß" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(CvPhoto, pid) is None


def test_the_photo_is_in_the_subject_access(app, client, world, login_as):
    login_as("counsellor_a")
    data = client.get(f"/beratung/teilnehmende/{world.participant_a}/auskunft.json").get_json()
    with app.app_context():
        stored = db.session.get(CvPhoto, world.participant_a).image
    assert base64.b64decode(data["records"]["cv_photo"][0]["image"]) == stored
    page = client.get(f"/beratung/teilnehmende/{world.participant_a}/auskunft").get_data(as_text=True)
    assert "Foto für den Lebenslauf" in page and "in der Datei zur Auskunft enthalten" in page


def test_the_introduction_leads_to_the_letter_for_its_opening(app, client, world, login_as):
    login_as("counsellor_a")
    page = client.get(f"/beratung/vorstellungen/{world.introduction_2}").get_data(as_text=True)
    link = f"/beratung/teilnehmende/{world.participant_a}/anschreiben?stelle={world.opening_2}"
    assert link in page
    assert "Bewerbung als Kioskaushilfe" in client.get(link).get_data(as_text=True)


def test_characters_a_word_file_cannot_hold_are_left_out(app, client, world, login_as):
    with app.app_context():  # not through a form (they strip them): an import or a restore
        p = db.session.get(Participant, world.participant_a)
        p.identity.last_name = "Po\x0bpa"
        p.cv[0].details = "Abschluss\x0c 2012"
        db.session.commit()
    login_as("counsellor_a")
    response = client.get(CV.format(world.participant_a) + ".docx")
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.data))
    assert "Ioana Popa" in [p.text for p in doc.paragraphs]
    assert client.get(CV.format(world.participant_a) + ".pdf").status_code == 200


def test_a_job_with_more_tasks_than_a_cv_should_hold_shows_the_first_ones(app, client, world, login_as):
    """150 tasks are kept as typed, the Lebenslauf shows the first MAX_LINES - 1 and says there is more."""
    from webapp.cv.content import MAX_LINES

    login_as("counsellor_a")
    url = CV.format(world.participant_a)
    tasks = "\n".join(f"Aufgabe {n}" for n in range(150))  # within the form's 2000 characters
    assert client.post(url, data={"kind": "work", "title": "Lager", "details": tasks, "csrf_token": csrf_token(client, url)}).status_code == 302
    response = client.get(url + ".pdf")
    assert response.status_code == 200
    text = _pdf_text(response.data)
    _in_order(text, ["Lager", "Aufgabe 0", f"Aufgabe {MAX_LINES - 2}", "…", "Schule und Ausbildung"])
    assert f"Aufgabe {MAX_LINES - 1}" not in text and "Aufgabe 149" not in text
    with app.app_context():
        kept = db.session.scalars(select(CvEntry).where(CvEntry.participant_id == world.participant_a, CvEntry.title == "Lager")).one()
        assert kept.details == tasks


def test_a_cv_stays_a_few_pages_and_a_second_download_of_the_same_version_is_not_made_again(app, client, world, login_as, monkeypatch, add_participant):
    """Issue 24 (decided): 205 entries made a 209-page PDF in 11.5 s, downloadable again and again."""
    from webapp.cv import download, pdf
    from webapp.cv.content import MAX_ENTRIES

    pid = add_participant("AH-0045", ["Kasse"], consent="cv")
    with app.app_context():
        p = db.session.get(Participant, pid)
        for n in range(60):  # more than the form allows, as a restore or an old import could bring
            p.cv.append(CvEntry(kind="work", title=f"Betrieb {n}", started_on=date(2000 + n % 25, 1, 1), details="\n".join(f"Aufgabe {k}" for k in range(40))))
        db.session.commit()
    login_as("counsellor_a")
    url = f"/beratung/teilnehmende/{pid}/lebenslauf"
    page = client.post(url, data={"kind": "work", "title": "Noch einer", "csrf_token": csrf_token(client, url)}).get_data(as_text=True)
    assert f"höchstens {MAX_ENTRIES} Einträge" in page
    made = []
    real = pdf.render
    monkeypatch.setattr(pdf, "render", lambda cv: made.append(1) or real(cv))
    download._rendered.cache_clear()
    first = client.get(url + ".pdf").data
    assert len(PdfReader(io.BytesIO(first)).pages) <= 6
    assert client.get(url + ".pdf").data == first and made == [1]  # the same version: not made again
    with app.app_context():
        db.session.get(Participant, pid).cv[0].title = "Betrieb geändert"
        db.session.commit()
    client.get(url + ".pdf")
    assert made == [1, 1]  # a changed CV is a new version
