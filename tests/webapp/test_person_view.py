"""The profile in the participant's own language (issue 18.4): Romanian, Bulgarian, Turkish, Arabic
(right to left), Ukrainian, English and German; only for the own centre's counsellors."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from sqlalchemy import select

from models import AuditEvent, Participant, ParticipantLanguage
from tests.helpers import login
from webapp.core.db import db
from webapp.counsellors.person_view import PERSON_LANGUAGES

URL = "/beratung/teilnehmende/{}/fuer-die-person"
TRANSLATIONS = Path(__file__).resolve().parents[2] / "webapp" / "translations"


@pytest.mark.parametrize("lang", [code for code in PERSON_LANGUAGES if code != "de"])
def test_every_text_of_the_page_is_translated(lang):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "person.po", "rb") as f:
        catalogue = read_po(f, locale=lang)
    missing = [m.id for m in catalogue if m.id and (not m.string or "fuzzy" in m.flags)]
    assert not missing, missing


def test_the_page_speaks_the_persons_language(app, client, world, login_as):
    with app.app_context():
        person = db.session.get(Participant, world.participant_a)
        person.languages.append(ParticipantLanguage(language="ro", level="C2"))
        db.session.commit()
    login_as("counsellor_a")
    german = client.get(URL.format(world.participant_a)).get_data(as_text=True)
    assert "Ihr Profil bei KMU-Match" in german and "Sie kommen im Arbeitsalltag gut zurecht." in german  # B1
    romanian = client.get(URL.format(world.participant_a) + "?sprache=ro").get_data(as_text=True)
    assert 'lang="ro" dir="ltr"' in romanian and "Profilul dumneavoastră la KMU-Match" in romanian
    assert "Vă descurcați bine la locul de muncă." in romanian and "română" in romanian  # B1, and the language named in Romanian
    assert "Kasse" in romanian  # the skills as the person said them
    arabic = client.get(URL.format(world.participant_a) + "?sprache=ar").get_data(as_text=True)
    assert 'lang="ar" dir="rtl"' in arabic and "ملفك الشخصي" in arabic and "الرومانية" in arabic
    assert '<article lang="de"' in client.get(URL.format(world.participant_a) + "?sprache=xx").get_data(as_text=True)  # unknown: German
    assert "Profil für die Person" in client.get(f"/beratung/teilnehmende/{world.participant_a}").get_data(as_text=True)  # linked
    with app.app_context():
        assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "participant.view", AuditEvent.object_id == world.participant_a))


def test_only_the_own_centre(app, client, world, login_as):
    login_as("counsellor_w")
    assert client.get(URL.format(world.participant_a)).status_code == 404
    other = app.test_client()
    login(other, world.employer_user_2)
    assert other.get(URL.format(world.participant_a)).status_code == 403
