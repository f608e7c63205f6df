"""Invented demo data: two centres, counsellors, ~20 KMU, ~40 openings, ~300 participants.

Every name, company and phone number here is invented. The data is
deterministic (fixed random seed), so screenshots and tests are repeatable.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matching.text import key
from models import (
    LOCAL_TIMEZONE,
    AuditEvent,
    Business,
    BusinessActivity,
    BusinessContactPerson,
    BusinessNeed,
    Centre,
    ConsentRecord,
    CvEntry,
    Employer,
    EsfRecord,
    Event,
    Introduction,
    Opening,
    Participant,
    ResearchConsent,
    User,
    VocabularyProposal,
    utcnow,
)
from models.businesses import size_class
from models.enums import EDUCATION_LEVELS, GENDERS, LABOUR_STATUSES, VOLUNTARY_ESF_FIELDS, postcode_quarter
from webapp.core.events import event_for
from webapp.core.passwords import hash_password
from webapp.counsellors.operations import CONSENT_TEXT_VERSION, ProfileValues, fill
from webapp.employers.operations import runs_until, set_skills
from webapp.esf.operations import categories
from webapp.research.operations import RESEARCH_CONSENT_VERSION
from webapp.suggestions.skills import normaliser, sync_layer

ADMIN_PASSWORD = "demo-admin-2026"  # nosec B105
COUNSELLOR_PASSWORD = "demo-beratung-2026"  # nosec B105
EMPLOYER_PASSWORD = "demo-betrieb-2026"  # nosec B105


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    note: str


# (slug, name, partner, quarter, address, phone); the phone numbers are invented
CENTRES = [
    ("altenhagen", "Perspektivhaus Altenhagen", "Caritas Hagen e.V.", "altenhagen", "Boeler Str. 3, 58097 Hagen", "02331 999 100"),
    ("wehringhausen", "Perspektivhaus Wehringhausen", "Diakonie Mark-Ruhr (ALZ)", "wehringhausen", "Södingstr. 18, 58095 Hagen", "02331 999 200"),
]

DEMO_OPENING_HOURS = "Mo–Do 9–16 Uhr, Fr 9–12 Uhr; offene Sprechstunde Di 14–16 Uhr"
COUNSELLORS = [
    ("altenhagen", "Sabine Kortmann", "s.kortmann@altenhagen.example", "02331 999 101"),
    ("altenhagen", "Mehmet Aydın", "m.aydin@altenhagen.example", "02331 999 102"),
    ("wehringhausen", "Julia Brenner", "j.brenner@wehringhausen.example", "02331 999 201"),
    ("wehringhausen", "Andrei Popescu", "a.popescu@wehringhausen.example", ""),
]

# (company, sector, street, postcode, quarter, contact)
EMPLOYERS = [
    ("Bäckerei Sonnenkorn", "bakery", "Lange Str. 41", "58089", "wehringhausen", "Petra Lindemann"),
    ("Backstube am Markt Altenhagen", "bakery", "Altenhagener Str. 58", "58097", "altenhagen", "Klaus Rehberg"),
    ("Kiosk Ecke Bachstraße", "kiosk", "Bachstr. 12", "58089", "wehringhausen", "Yusuf Demir"),
    ("Trinkhalle Friedensstraße", "kiosk", "Friedensstr. 7", "58097", "altenhagen", "Elena Georgieva"),
    ("Salon Haarwerk", "hairdresser", "Augustastr. 22", "58089", "wehringhausen", "Nadine Vogt"),
    ("Friseur Schnittpunkt", "hairdresser", "Boeler Str. 30", "58097", "altenhagen", "Hakan Yıldız"),
    ("Kfz-Service Volme", "car_repair", "Wehringhauser Str. 90", "58089", "wehringhausen", "Dirk Sauerland"),
    ("Autowerkstatt Hohenzollern", "car_repair", "Hohenzollernstr. 15", "58097", "altenhagen", "Marek Nowak"),
    ("Glanzwerk Gebäudereinigung", "cleaning", "Minervastr. 5", "58089", "wehringhausen", "Sandra Kühn"),
    ("Sauber & Co. Dienstleistungen", "cleaning", "Alexanderstr. 18", "58097", "altenhagen", "Ionela Marin"),
    ("Pflegedienst Lebensfreude", "care", "Pelmkestr. 3", "58089", "wehringhausen", "Birgit Hallmann"),
    ("Ambulante Pflege Altenhagen", "care", "Boeler Str. 77", "58097", "altenhagen", "Rana Haddad"),
    ("Lagerlogistik Volmetal", "logistics", "Eugen-Richter-Str. 120", "58089", "wehringhausen", "Thomas Brandt"),
    ("Paketzentrum Hagen-Nord", "logistics", "Alexanderstr. 60", "58097", "altenhagen", "Stefan Wiese"),
    ("Restaurant Zur Volme", "restaurant", "Lange Str. 9", "58089", "wehringhausen", "Giuseppe Russo"),
    ("Imbiss Anatolia", "restaurant", "Altenhagener Str. 12", "58097", "altenhagen", "Emre Kaya"),
    ("Markt-Frisch Lebensmittel", "retail", "Augustastr. 50", "58089", "wehringhausen", "Monika Albers"),
    ("Second-Hand Kaufhaus Altenhagen", "retail", "Friedensstr. 31", "58097", "altenhagen", "Jens Hoppe"),
    ("Malerbetrieb Farbenfroh", "crafts", "Bachstr. 40", "58089", "wehringhausen", "Uwe Kessler"),
    ("Bau & Ausbau Rettig", "crafts", "Hohenzollernstr. 44", "58097", "altenhagen", "Lukas Rettig"),
]

# Per sector: (title, hours, german level, licence, required terms, optional terms)
OPENING_TEMPLATES: dict[str, list[tuple[str, str, str, str | None, list[str], list[str]]]] = {
    "bakery": [
        ("Verkäufer/in Bäckerei (m/w/d)", "part_time", "B1", None, ["Verkauf an der Theke", "Kasse"], ["Frühschicht", "Kaffeemaschine"]),
        ("Aushilfe Backstube (m/w/d)", "minijob", "A2", None, ["Teig kneten", "Hygieneschulung"], ["Brötchen backen"]),
    ],
    "kiosk": [
        ("Kioskaushilfe (m/w/d)", "minijob", "A2", None, ["Kasse", "Ware einräumen"], ["Lotto-Annahme"]),
        ("Verkäufer/in Kiosk (m/w/d)", "part_time", "B1", None, ["Kasse", "Kundenberatung"], ["Spätschicht"]),
    ],
    "hairdresser": [
        ("Friseurhelfer/in (m/w/d)", "part_time", "A2", None, ["Haare waschen", "Salon putzen"], ["Kundenempfang"]),
        ("Friseur/in (m/w/d)", "full_time", "B1", None, ["Haare schneiden", "Färben"], ["Kundenberatung"]),
    ],
    "car_repair": [
        ("Helfer/in Kfz-Werkstatt (m/w/d)", "full_time", "A2", "B", ["Reifenwechsel", "Fahrzeugpflege"], ["Ölwechsel"]),
        ("Fahrzeugaufbereiter/in (m/w/d)", "part_time", "A2", "B", ["Autos waschen", "Innenraum reinigen"], ["Führerschein B"]),
    ],
    "cleaning": [
        ("Reinigungskraft Büro (m/w/d)", "minijob", "A1", None, ["putzen", "Büroreinigung"], ["Reinigungsgeräte"]),
        ("Gebäudereiniger/in Helfer (m/w/d)", "part_time", "A2", None, ["Unterhaltsreinigung", "Fenster putzen"], ["Führerschein B"]),
    ],
    "care": [
        ("Pflegehelfer/in (m/w/d)", "part_time", "B1", "B", ["Pflegebasiskurs", "Körperpflege unterstützen"], ["Ersthelfer"]),
        ("Hauswirtschaftshilfe (m/w/d)", "minijob", "A2", None, ["Hauswirtschaft", "Einkaufen"], ["Kochen"]),
    ],
    "logistics": [
        ("Lagerhelfer/in (m/w/d)", "full_time", "A2", None, ["Kommissionieren", "Ware annehmen"], ["Staplerschein"]),
        ("Staplerfahrer/in (m/w/d)", "full_time", "A2", None, ["Staplerschein", "Lagerlogistik"], ["Scanner"]),
    ],
    "restaurant": [
        ("Küchenhilfe (m/w/d)", "part_time", "A1", None, ["Gemüse schnippeln", "Spülen"], ["Gesundheitszeugnis"]),
        ("Servicekraft (m/w/d)", "minijob", "B1", None, ["Servieren", "Kasse"], ["Gesundheitszeugnis"]),
    ],
    "retail": [
        ("Regalauffüller/in (m/w/d)", "minijob", "A1", None, ["Regale einräumen", "Ware annehmen"], ["Inventur"]),
        ("Verkäufer/in Einzelhandel (m/w/d)", "part_time", "B1", None, ["Kasse", "Kundenberatung"], ["Warenpräsentation"]),
    ],
    "crafts": [
        ("Bauhelfer/in (m/w/d)", "full_time", "A2", "B", ["Baustellenhelfer", "Werkzeug"], ["Trockenbau"]),
        ("Malerhelfer/in (m/w/d)", "full_time", "A2", None, ["Malerarbeiten", "Tapezieren"], ["Fliesen legen"]),
    ],
}

SKILL_POOL = sorted(
    {term for templates in OPENING_TEMPLATES.values() for t in templates for term in t[4] + t[5]}
    | {"Deutschkurs B1", "Computer Grundkenntnisse", "Gartenarbeit", "Umzugshilfe", "Kinderbetreuung"}
)

FIRST_NAMES = [
    "Maria",
    "Ioana",
    "Elena",
    "Andreea",
    "Mihai",
    "Florin",
    "Gheorghe",
    "Daniela",  # Romanian
    "Ivan",
    "Dimitar",
    "Petya",
    "Georgi",
    "Svetla",
    "Nikolay",
    "Yana",  # Bulgarian
    "Ayşe",
    "Mehmet",
    "Fatma",
    "Emre",
    "Zeynep",
    "Murat",  # Turkish
    "Ahmad",
    "Fatima",
    "Omar",
    "Layla",
    "Yusuf",
    "Rania",  # Arabic
    "Katarzyna",
    "Piotr",
    "Agnieszka",
    "Tomasz",  # Polish
    "Sandra",
    "Kevin",
    "Nicole",
    "Dennis",
    "Melanie",
    "Marco",
    "Jessica",  # German
]
LAST_NAMES = [
    "Popa",
    "Ionescu",
    "Dumitru",
    "Stan",
    "Munteanu",
    "Georgiev",
    "Dimitrova",
    "Petrov",
    "Ivanova",
    "Yilmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "Haddad",
    "Khalil",
    "Nasser",
    "Saleh",
    "Kowalski",
    "Nowak",
    "Wiśniewska",
    "Schmidt",
    "Becker",
    "Hoffmann",
    "Krüger",
    "Schulte",
    "Wagner",
]
# Other languages spoken, with how often they occur.
OTHER_LANGUAGES = [("ro", 30), ("bg", 20), ("tr", 15), ("ar", 12), ("pl", 8), ("en", 10), ("ru", 5)]
GERMAN_LEVEL_WEIGHTS = {"A1": 18, "A2": 26, "B1": 24, "B2": 16, "C1": 9, "C2": 7}
POSTCODES = {"altenhagen": ["58097", "58095"], "wehringhausen": ["58089", "58089", "58093"]}


def demo_logins() -> list[DemoLogin]:
    """The demo logins, as printed by ``make run`` and listed in the README."""
    logins = [DemoLogin("admin", "admin@kmu-match.example", ADMIN_PASSWORD, "Projektleitung Stadt Hagen")]
    for slug, name, email, _phone in COUNSELLORS:
        centre = dict((c[0], c[1]) for c in CENTRES)[slug]
        logins.append(DemoLogin("counsellor", email, COUNSELLOR_PASSWORD, f"{name}, {centre}"))
    for company, *_rest in EMPLOYERS:
        logins.append(DemoLogin("employer", _employer_email(company), EMPLOYER_PASSWORD, company))
    return logins


def _employer_email(company: str) -> str:
    """An invented address from the first two words of the company name."""
    folded = company.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    words = ["".join(ch for ch in word if ch.isalnum()) for word in folded.split()]
    return f"kontakt@{'-'.join([w for w in words if w][:2])}.example"


def is_empty(session: Session) -> bool:
    return not session.scalar(select(func.count(User.id)))


def load(session: Session, participants: int = 300, seed: int = 2026, open_openings: int = 0) -> dict[str, int]:
    """Create the demo data in ``session`` (flushes, does not commit).

    ``open_openings``: at least this many open openings (the employers post their usual
    openings again until there are), for load tests at the scale of the whole project.
    """
    rng = random.Random(seed)  # repeatable invented data, not security  # nosec B311
    today = date.today()
    hashes = {p: hash_password(p) for p in (ADMIN_PASSWORD, COUNSELLOR_PASSWORD, EMPLOYER_PASSWORD)}

    centres = {}
    for slug, name, partner, quarter, address, phone in CENTRES:
        # The migration made the two houses; the demo gives them (invented) phone numbers and opening hours.
        centre = session.scalar(select(Centre).where(Centre.slug == slug)) or Centre(slug=slug)
        centre.name, centre.partner, centre.quarter, centre.address, centre.phone = name, partner, quarter, address, phone
        centre.opening_hours = DEMO_OPENING_HOURS
        centres[slug] = centre
        session.add(centre)
    session.add(
        User(
            email="admin@kmu-match.example",
            name="Projektleitung (Demo)",
            role="admin",
            password_hash=hashes[ADMIN_PASSWORD],
            demo_password=True,
        )
    )
    counsellors: dict[str, list[User]] = {"altenhagen": [], "wehringhausen": []}
    for slug, name, email, phone in COUNSELLORS:
        user = User(
            email=email,
            name=name,
            phone=phone,
            role="counsellor",
            centre=centres[slug],
            password_hash=hashes[COUNSELLOR_PASSWORD],
            demo_password=True,
        )
        counsellors[slug].append(user)
        session.add(user)

    employers = []
    for company, sector, street, postcode, quarter, contact in EMPLOYERS:
        employer = Employer(
            name=company,
            sector=sector,
            street=street,
            postcode=postcode,
            quarter=quarter,
            contact_name=contact,
            phone=f"02331 {rng.randint(100000, 999999)}",
            email=_employer_email(company),
        )
        employers.append(employer)
        session.add(employer)
        session.add(
            User(
                email=_employer_email(company),
                name=contact,
                role="employer",
                employer=employer,
                password_hash=hashes[EMPLOYER_PASSWORD],
                demo_password=True,
            )
        )
    session.flush()

    now = utcnow()
    openings = open_count = 0
    statuses = ["open"] * 7 + ["draft", "paused", "filled"]
    rounds = 0
    while rounds == 0 or open_count < open_openings:
        for index, employer in enumerate(employers):
            for title, hours, level, licence, required, optional in OPENING_TEMPLATES[employer.sector]:
                status = statuses[(index * 2 + openings) % len(statuses)] if rounds == 0 else "open"
                if rounds and open_count >= open_openings:
                    break
                published = now - timedelta(days=rng.randint(3, 50)) if status != "draft" else None
                opening = Opening(
                    employer=employer,
                    title=title,
                    description=f"Wir suchen Verstärkung für unser Team in {employer.street.split(' ')[0]}.",
                    german_level=level,
                    hours=hours,
                    hours_per_week={"full_time": 39, "part_time": 20, "minijob": 10}[hours],
                    driving_licence=licence,
                    start_date=today + timedelta(days=rng.randint(7, 60)),
                    place=f"{employer.street}, {employer.postcode} Hagen",
                    postcode=employer.postcode,
                    quarter=employer.quarter,
                    language_support=level in ("A1", "A2") or rng.random() < 0.3,
                    training_on_job=rng.random() < 0.6,
                    status=status,
                    published_at=published,
                    expires_at=None,
                )
                if published:
                    opening.expires_at = runs_until(published, opening.start_date, 8)
                must = required[0] if "schein" in required[0].lower() else None
                set_skills(opening, required, optional, must)
                session.add(opening)
                openings += 1
                open_count += status == "open"
        rounds += 1

    sync_layer(session)  # once: every profile below is understood with the same project layer
    understood = normaliser()
    languages, weights = zip(*OTHER_LANGUAGES)
    levels, level_weights = zip(*GERMAN_LEVEL_WEIGHTS.items())
    made = {"altenhagen": 0, "wehringhausen": 0}
    people: list[Participant] = []
    leaving: dict[str, str | None] = {}  # per code: the situation of an exit found without the project, or None
    for n in range(participants):
        slug = "altenhagen" if n % 2 == 0 else "wehringhausen"
        made[slug] += 1
        code = f"{'AH' if slug == 'altenhagen' else 'WH'}-{made[slug]:04d}"
        # (the order of the random draws is kept, so the demo data stay the same from version to version)
        wanted = rng.sample(["full_time", "part_time", "minijob"], k=rng.randint(1, 3))
        counsellor = rng.choice(counsellors[slug])
        values = ProfileValues(first_name="", last_name="", german_level=rng.choices(levels, level_weights)[0], hours=wanted)
        values.available_from = today + timedelta(days=rng.randint(-30, 45))
        values.driving_licences = ["B"] if rng.random() < 0.3 else []
        values.postcode = rng.choice(POSTCODES[slug])
        rng.random()  # was the quarter's draw; the quarter now follows from the postcode
        drawn = rng.choices(["active", "paused", "placed", "left"], [80, 8, 8, 4])[0]
        values.status = "paused" if drawn == "paused" else "active"  # an exit is recorded with the history below
        values.first_name, values.last_name = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        values.phone = f"0157 {rng.randint(1000000, 9999999)}"
        values.skills = rng.sample(SKILL_POOL, k=rng.randint(2, 6))
        values.languages = {language: rng.choice(["B2", "C1", "C2", "C2"]) for language in sorted(set(rng.choices(languages, weights, k=rng.randint(1, 2))))}
        participant = Participant(pseudonym=code, centre=centres[slug], counsellor=counsellor, german_level="A1", quarter="other")
        # The profile form's rules apply to the demo data, too; the skills are understood with the layer loaded above.
        fill(participant, values, default_quarter=centres[slug].quarter, understood=understood.normalise(values.skills))
        if rng.random() < 0.9:
            participant.consents.append(
                ConsentRecord(
                    scope=rng.choice(["skills", "first_name", "contact", "cv"]),
                    text_version=CONSENT_TEXT_VERSION,
                    recorded_by=participant.counsellor,
                )
            )
        session.add(participant)
        people.append(participant)
        leaving[code] = {"placed": "employed", "left": "other"}.get(drawn)
    # Before the people are flushed, so that their CV lists are new ones (after a flush each would be loaded first).
    _cvs(random.Random(seed + 1), people, today)  # nosec B311 - invented data; its own generator keeps the draws above as they were
    session.flush()
    history = _history(session, rng, employers, people, now, leaving)
    _proposals(session, counsellors, employers)
    businesses = _businesses(session, random.Random(seed + 2), employers, counsellors, centres, now)  # nosec B311 - invented data
    # About seven in ten agreed to the scientific evaluation (issue 29): the research extract has something to show.
    consent_rng = random.Random(seed + 3)  # nosec B311 - invented data
    for person in people:
        if consent_rng.random() < 0.7:
            session.add(ResearchConsent(participant_id=person.id, text_version=RESEARCH_CONSENT_VERSION, recorded_by_id=person.counsellor_id))
    return {"centres": len(centres), "employers": len(employers), "openings": openings, "participants": participants, "businesses": businesses, **history}


# Invented CV entries: (employer, place, tasks) of earlier jobs, schools abroad and here, certificates.
DEMO_JOBS = [
    ("Supermarkt Profi", "Brașov", "Kasse\nRegale einräumen"),
    ("Hotel Marina", "Warna", "Zimmer reinigen\nWäsche waschen"),
    ("Baufirma Petrov", "Plowdiw", "Baustellenhelfer\nBeton mischen"),
    ("Restaurant Dacia", "Iași", "Spülen\nGemüse schneiden"),
    ("Lager Logistik Süd", "Hagen", "Kommissionieren\nWare annehmen"),
    ("Bäckerei am Markt", "Hagen", "Brötchen backen\nVerkauf an der Theke"),
    ("Landwirtschaft Ionescu", "Suceava", "Obst ernten\nTraktor fahren"),
    ("Reinigung Blitzblank", "Hagen", "Büros reinigen"),
    ("Kiosk Istanbul", "Istanbul", "Kasse\nZeitschriften einsortieren"),
]
DEMO_SCHOOLS = [
    ("Școala Gimnazială nr. 5", "Craiova", "Abschluss der 8. Klasse", "not_needed"),
    ("Liceul Tehnologic", "Constanța", "Bacalaureat", "applied"),
    ("Професионална гимназия по туризъм", "Шумен", "Berufsabschluss Koch", "applied"),
    ("Hauptschule Altenhagen", "Hagen", "Hauptschulabschluss", None),
]
DEMO_CERTIFICATES = ["Staplerschein", "Gesundheitszeugnis", "Deutschkurs B1", "Erste-Hilfe-Kurs"]


# Words the centres and companies use that the vocabulary does not know, as they would propose them
# ("nicht gemeint"): (term, what was meant – a German label of the vocabulary, or None: its own thing).
DEMO_PROPOSALS = [
    ("Spüli", "Geschirr spülen"),
    ("Spüli", "Geschirr spülen"),
    ("Kommi", "bestellte Waren zum Versand zusammenstellen"),
    ("Bonieren", "Kasse bedienen"),
]


def _proposals(session: Session, counsellors: dict[str, list[User]], employers: list[Employer]) -> None:
    """A few open proposals for the project's vocabulary page."""
    proposers = [counsellors["altenhagen"][0], counsellors["wehringhausen"][0], employers[0].users[0], counsellors["altenhagen"][-1]]
    for (term, meant), user in zip(DEMO_PROPOSALS, proposers):
        concept = normaliser().normalise([meant])[0].concept if meant else None
        session.add(
            VocabularyProposal(
                term=term,
                term_key=key(term),
                concept_id=concept,
                was_how="unknown",
                proposed_by=user,
                role=user.role,
                centre_id=user.centre_id if user.role == "counsellor" else None,
            )
        )


def _cvs(rng: random.Random, people: list[Participant], today: date) -> None:
    """About half of the demo people have a CV: one or two earlier jobs, a school, maybe a certificate."""
    for person in people:
        if rng.random() < 0.5:
            continue
        end = today - timedelta(days=rng.randint(60, 900))
        for employer, place, tasks in rng.sample(DEMO_JOBS, k=rng.randint(1, 2)):
            start = end - timedelta(days=rng.randint(200, 1500))
            person.cv.append(CvEntry(kind="work", title=employer, place=place, started_on=start, ended_on=end, details=tasks))
            end = start - timedelta(days=rng.randint(30, 400))
        school, place, degree, recognition = rng.choice(DEMO_SCHOOLS)
        finished = end - timedelta(days=rng.randint(100, 2000))
        person.cv.append(
            CvEntry(
                kind="education",
                title=school,
                place=place,
                started_on=finished - timedelta(days=365 * 4),
                ended_on=finished,
                details=degree,
                recognition=recognition,
            )
        )
        if rng.random() < 0.5:
            person.cv.append(CvEntry(kind="certificate", title=rng.choice(DEMO_CERTIFICATES), started_on=today - timedelta(days=rng.randint(30, 1500))))


REJECTION_REASONS = ["skills", "german", "hours_or_way", "declined", "unreachable"]
NOT_HIRED_REASONS = ["no_show", "skills", "german", "declined", "other_candidate"]


def _history(
    session: Session, rng: random.Random, employers: list[Employer], people: list[Participant], now, leaving: dict[str, str | None], months: int = 6
) -> dict[str, int]:
    """Several months of invented history as events (and the introductions behind them), for the statistics.

    The facts are written as the service writes them (webapp.esf.operations): every person has a participation
    record from the entry on, an exit lives in it and has its one event.
    """

    def event(kind: str, at, *, opening: Opening | None = None, person: Participant | None = None, **fields) -> None:
        if opening is not None:
            fields.update(opening_id=opening.id, employer_id=opening.employer_id, quarter=opening.quarter, sector=opening.employer.sector)
        if person is not None:
            fields.update(participant_key=person.stats_key, centre_id=person.centre_id)
            fields.setdefault("quarter", person.quarter)
        session.add(Event(kind=kind, occurred_at=at, **fields))

    for person in people:
        entered = now - timedelta(days=rng.randint(3, 30 * (months + 2)))
        person.created_at = entered
        record = EsfRecord(participant_id=person.id, entered_on=entered.date())
        session.add(record)
        person.esf = record
        event("participant.entered", entered, person=person)
        situation = leaving[person.pseudonym]
        left = min(now, entered + timedelta(days=rng.randint(20, 120))) if situation else None
        if rng.random() < 0.85:  # most have their ESF Plus entry data; the rest show up as "Angaben fehlen"
            _esf_history(rng, person, record, entered, now, event)
        if left is not None and situation is not None:
            if situation == "other":
                situation = rng.choice(("job_searching", "education", "qualification", "other"))
            _leave(person, left, situation, event)

    current = session.scalars(select(Opening).where(Opening.published_at.is_not(None))).all()
    for opening in current:
        published = opening.published_at
        if published is None:  # (selected for having one)
            continue
        event("opening.published", published, opening=opening)
        if opening.status in ("paused", "filled"):
            event(f"opening.{opening.status}", min(now, published + timedelta(days=rng.randint(2, 20))), opening=opening)

    candidates = [p for p in people if p.current_consent() is not None]
    past_openings = introductions = 0
    for back in range(months, 0, -1):
        for _ in range(rng.randint(3, 6)):
            employer = rng.choice(employers)
            title, hours, level, licence, required, optional = rng.choice(OPENING_TEMPLATES[employer.sector])
            published = now - timedelta(days=30 * back + rng.randint(0, 25))
            opening = Opening(
                employer=employer,
                title=title,
                german_level=level,
                hours=hours,
                driving_licence=licence,
                postcode=employer.postcode,
                quarter=employer.quarter,
                place=f"{employer.street}, {employer.postcode} Hagen",
                status="closed",
                published_at=published,
                expires_at=published + timedelta(weeks=8),
            )
            set_skills(opening, required, optional, None)
            session.add(opening)
            session.flush()
            past_openings += 1
            event("opening.published", published, opening=opening)
            event("suggestions.shown", published + timedelta(days=1), opening=opening, data={"count": rng.randint(5, 30)})
            hired_at = None
            decided_here: list[Introduction] = []
            wanted = rng.randint(2, 4)
            for person in rng.sample(candidates, k=min(len(candidates), 3 * wanted)):
                if len(decided_here) == wanted:
                    break
                decided = published + timedelta(days=rng.randint(1, 12))
                approve = rng.random() < 0.7
                participation = person.esf
                if participation is None or person.created_at > decided or (participation.left_on is not None and participation.left_on <= decided.date()):
                    continue  # not taking part at that time
                intro = Introduction(
                    opening=opening,
                    participant=person,
                    status="approved" if approve else "rejected",
                    score=round(rng.uniform(0.4, 1.0), 3),
                    explanation={"matched": [], "missing": [], "conditions": []},
                    decided_by=person.counsellor,
                    decided_at=decided,
                    decision_reason=None if approve else rng.choice(REJECTION_REASONS),
                )
                session.add(intro)
                decided_here.append(intro)
                introductions += 1
                if not approve:
                    missing = rng.sample(required, k=1)
                    event("introduction.rejected", decided, opening=opening, person=person, reason=intro.decision_reason, data={"missing": missing})
                    continue
                event("introduction.approved", decided, opening=opening, person=person)
                if rng.random() < 0.6:
                    interview = decided + timedelta(days=rng.randint(2, 8))
                    intro.status, intro.interview_on = "interview", interview.date()
                    event("introduction.interview", interview, opening=opening, person=person)
                    if hired_at is None and rng.random() < 0.5 and person.status == "active":
                        hired_at = interview + timedelta(days=rng.randint(1, 7))
                        intro.status, intro.hired_start = "hired", (hired_at + timedelta(days=14)).date()
                        event("introduction.hired", hired_at, opening=opening, person=person)
                        _placed_by_hire(person, hired_at, now, event)
                    else:
                        intro.status, intro.outcome_reason = "not_hired", rng.choice(NOT_HIRED_REASONS)
                        event("introduction.not_hired", interview + timedelta(days=2), opening=opening, person=person, reason=intro.outcome_reason)
            if hired_at is not None:
                opening.status = "filled"
                event("opening.filled", hired_at, opening=opening)
            elif opening.expires_at <= now:
                event("opening.expired", opening.expires_at, opening=opening)
            else:
                opening.status = "open"  # still running
            session.flush()
            for intro in decided_here:  # as the service audits a decision: who, when, which introduction
                action = "introduction.approve" if intro.status != "rejected" else "introduction.reject"
                counsellor = intro.decided_by
                session.add(
                    AuditEvent(
                        at=intro.decided_at,
                        actor_id=counsellor.id if counsellor else None,
                        actor_role="counsellor",
                        action=action,
                        object_type="introduction",
                        object_id=intro.id,
                    )
                )
    return {"past_openings": past_openings, "past_introductions": introductions}


def _esf_history(rng: random.Random, person: Participant, record: EsfRecord, entered, now, event) -> None:
    """Invented ESF Plus entry data for one person, with the event the service records for it (categories only)."""
    record.gender = rng.choices(GENDERS, [48, 50, 2])[0]
    record.birth_year = now.year - rng.randint(17, 63)
    record.labour_status = rng.choices(LABOUR_STATUSES, [35, 45, 15, 5])[0]
    record.education = rng.choices(EDUCATION_LEVELS, [55, 35, 10])[0]
    if rng.random() < 0.6:  # asked for the voluntary answers, with consent; some left open
        record.voluntary_consent_at = entered
        for name in VOLUNTARY_ESF_FIELDS:
            setattr(record, name, rng.choice((True, False, False, False, None)))
    event("esf.entry", entered, person=person, data=categories(record))


def _leave(person: Participant, at: datetime, situation: str, event) -> None:
    """The exit, as webapp.esf.operations.record_exit writes it: the record, the status, the one event."""
    if person.esf is None:
        raise ValueError("the participation record is made with the entry")
    person.esf.left_on, person.esf.exit_situation = at.date(), situation
    person.status = "left"
    event("participant.left", at, person=person, reason=situation)


def _placed_by_hire(person: Participant, hired_at: datetime, now: datetime, event) -> None:
    """As the service does it: a hire places the person; the counsellor confirmed the exit two days later,
    except for the last week's hires, which wait on the start page."""
    person.status = "placed"
    confirmed = hired_at + timedelta(days=2)
    if confirmed < now - timedelta(days=7):
        _leave(person, confirmed, "employed", event)


__all__ = ["DemoLogin", "demo_logins", "is_empty", "load"]


# Businesses the project knows without an account yet (issue 28): name, sector, street, postcode, contact, role,
# headcount, how they came, the stage they reached.
DEMO_PROSPECTS = [
    ("Änderungsschneiderei Nadelöhr", "other", "Wehringhauser Str. 88", "58089", "Hatice Korkmaz", "Inhaberin", 2, "visit", "interested"),
    ("Blumen Lindenhof", "retail", "Lindenstr. 3", "58089", "Rosa Lindner", "Inhaberin", 4, "event", "approached"),
    ("Pizzeria Bella Napoli", "restaurant", "Altenhagener Str. 21", "58097", "Giuseppe Russo", "Inhaber", 9, "visit", "interested"),
    ("Fahrradwerkstatt Speiche", "crafts", "Pelmkestr. 14", "58089", "Timo Berger", "Meister", 3, "recommendation", "approached"),
    ("Getränkemarkt Boeler Straße", "retail", "Boeler Str. 60", "58097", "Dirk Kaminski", "Filialleitung", 12, "city_list", "known"),
    ("Malerbetrieb Farbenfroh", "crafts", "Minervastr. 9", "58089", "Jens Hoffmann", "Inhaber", 7, "city_list", "approached"),
    ("Waschsalon Sauber", "cleaning", "Eugen-Richter-Str. 30", "58089", "Nadia Haddad", "Inhaberin", 2, "visit", "dormant"),
    ("Imbiss Anatolia", "restaurant", "Friedensstr. 40", "58097", "Ali Yıldız", "Inhaber", 5, "event", "interested"),
    ("Tischlerei Holzwurm", "crafts", "Grünstr. 2", "58097", "Sven Holtkamp", "Meister", 14, "city_list", "known"),
    ("Pflegedienst Herzenswärme", "care", "Bismarckstr. 17", "58089", "Monika Reuter", "Pflegedienstleitung", 35, "recommendation", "approached"),
    ("Kurierdienst Flink", "logistics", "Alexanderstr. 5", "58097", "Marek Nowak", "Disponent", 18, "self", "interested"),
    ("Schuhmacherei Absatz", "crafts", "Lange Str. 77", "58089", "Erwin Schulte", "Inhaber", 1, "visit", "dormant"),
]
CONTACT_TOPICS = {
    "visit": ["Erstbesuch: Projekt vorgestellt", "Besuch: Bedarf für das Frühjahr besprochen", "Besuch mit Flyer zum Quartiersfrühstück"],
    "call": ["Rückruf wegen Aushilfen", "Nachgefragt, wie es mit der Vorstellung lief", "Termin für einen Besuch vereinbart"],
    "mail": ["Infoblatt Lohnkostenzuschuss geschickt", "Stellenentwurf erklärt"],
    "event": ["Quartiersfrühstück Wehringhausen", "Unternehmerstammtisch Altenhagen"],
}
NEXT_STEPS = ["Im Frühjahr wieder anrufen", "Stellenentwurf nachfassen", "Zum Quartiersfrühstück einladen", "Infoblatt vorbeibringen"]


def _businesses(session: Session, rng: random.Random, employers: list[Employer], counsellors: dict[str, list[User]], centres: dict, now: datetime) -> int:
    """The work with businesses as it would look after half a year: the 20 companies with their history from the
    first visit to hires, and a dozen prospects in every stage – contacts, next steps (some due, one overdue),
    needs, and the stage events the statistics read."""
    today = now.astimezone(ZoneInfo(LOCAL_TIMEZONE)).date()
    staff = [user for users in counsellors.values() for user in users]

    def moment(day: date) -> datetime:
        return datetime.combine(day, datetime.min.time().replace(hour=11), tzinfo=ZoneInfo(LOCAL_TIMEZONE))

    def stage(business: Business, name: str, day: date) -> None:
        business.stage = name
        session.add(event_for("business.stage", business=business, occurred_at=moment(day), reason=name, data={"how": "demo"}))

    def contact(business: Business, kind: str, day: date, owner: User, step: bool) -> BusinessActivity:
        activity = BusinessActivity(kind=kind, contact_date=day, by_id=owner.id, topic=rng.choice(CONTACT_TOPICS[kind]), result="")
        if step:
            activity.next_step = rng.choice(NEXT_STEPS)
            activity.next_due = day + timedelta(days=rng.randint(7, 40))
            activity.next_owner_id = owner.id
            if activity.next_due < today - timedelta(days=3) and rng.random() < 0.8:
                activity.next_done_at = moment(activity.next_due)
        business.activities.append(activity)
        business.last_contact_at = max(business.last_contact_at or moment(day), moment(day))
        session.add(event_for("business.contact", business=business, occurred_at=moment(day), reason=kind))
        return activity

    def centre_of(quarter: str):
        return centres.get(quarter) or centres[rng.choice(sorted(centres))]

    hired = set(session.scalars(select(Opening.employer_id).join(Introduction, Introduction.opening_id == Opening.id).where(Introduction.status == "hired")))
    count = 0
    for employer, (_name, _sector, _street, _postcode, _quarter, contact_name) in zip(employers, EMPLOYERS, strict=True):
        centre = centre_of(employer.quarter)
        headcount = rng.choice([2, 3, 4, 6, 8, 12, 15, 25])
        business = Business(
            name=employer.name,
            street=employer.street,
            postcode=employer.postcode,
            quarter=employer.quarter,
            sector=employer.sector,
            headcount=headcount,
            size=size_class(headcount),
            source=rng.choice(["visit", "event", "city_list", "recommendation"]),
            centre=centre,
            employer=employer,
        )
        business.contacts.append(BusinessContactPerson(name=contact_name, role="Inhaber/in", phone=employer.phone, email=employer.email))
        session.add(business)
        session.flush()
        owner = rng.choice(counsellors.get(employer.quarter) or staff)
        first = today - timedelta(days=rng.randint(170, 230))
        stage(business, "known", first)
        day = first + timedelta(days=rng.randint(3, 20))
        contact(business, "visit", day, owner, step=True)
        stage(business, "approached", day)
        day += timedelta(days=rng.randint(7, 30))
        visit = contact(business, rng.choice(["call", "visit"]), day, owner, step=False)
        session.flush()
        posted = session.scalars(select(Opening).where(Opening.employer_id == employer.id, Opening.status != "draft").order_by(Opening.id).limit(1)).first()
        business.needs.append(
            BusinessNeed(
                title=posted.title if posted else "Aushilfe",
                hours=posted.hours if posted else "minijob",
                positions=1,
                status="published" if posted else "open",
                opening_id=posted.id if posted else None,
                activity_id=visit.id,
            )
        )
        stage(business, "interested", day)
        stage(business, "cooperating", day + timedelta(days=rng.randint(5, 20)))
        if employer.id in hired:
            stage(business, "hiring", min(today, day + timedelta(days=rng.randint(40, 90))))
        for _ in range(rng.randint(0, 3)):
            day = min(today, day + timedelta(days=rng.randint(10, 40)))
            contact(business, rng.choice(["call", "mail", "event", "visit"]), day, owner, step=rng.random() < 0.4)
        count += 1
    for name, sector, street, postcode, person, role, headcount, source, reached in DEMO_PROSPECTS:
        quarter = postcode_quarter(postcode)
        business = Business(
            name=name,
            street=street,
            postcode=postcode,
            quarter=quarter,
            sector=sector,
            headcount=headcount,
            size=size_class(headcount),
            source=source,
            centre=centre_of(quarter),
            notes="Öffnungszeiten beachten: vormittags am besten." if rng.random() < 0.3 else "",
        )
        business.contacts.append(BusinessContactPerson(name=person, role=role, phone=f"02331 {rng.randint(100000, 999999)}", email=""))
        session.add(business)
        session.flush()
        owner = rng.choice(counsellors.get(quarter) or staff)
        first = today - timedelta(days=rng.randint(20, 150))
        stage(business, "known", first)
        day = first
        if reached != "known":
            day = min(today, first + timedelta(days=rng.randint(1, 15)))
            contact(business, "event" if source == "event" else "visit", day, owner, step=reached != "dormant")
            stage(business, "approached", day)
        if reached == "interested":
            day = min(today, day + timedelta(days=rng.randint(5, 20)))
            visit = contact(business, "visit", day, owner, step=False)
            session.flush()
            business.needs.append(
                BusinessNeed(
                    title=rng.choice(["Aushilfe Verkauf", "Küchenhilfe", "Fahrer/in Minijob", "Helfer/in"]),
                    hours=rng.choice(["minijob", "part_time"]),
                    positions=rng.randint(1, 2),
                    start_date=today + timedelta(days=rng.randint(20, 90)),
                    skills="Kasse" if sector == "retail" else "",
                    activity_id=visit.id,
                )
            )
            session.add(event_for("business.need", business=business, occurred_at=moment(day)))
            stage(business, "interested", day)
            # one step due today for the person who looks after it, so the start page shows it
            due = contact(business, "call", day, owner, step=True)
            due.next_due, due.next_done_at, due.next_step = today, None, "Bedarf mit dem Betrieb durchgehen"
        if reached == "dormant":
            stage(business, "dormant", min(today, day + timedelta(days=rng.randint(10, 30))))
        count += 1
    session.flush()
    return count
