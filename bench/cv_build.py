"""Time to build a Lebenslauf (PDF and Word) and a cover-letter draft (issue 18: target under 1 s).

    python bench/cv_build.py [--runs 30] [--database-url URL]

Loads the demo data into a fresh database (SQLite in a temporary folder unless a URL of an
empty database is given), gives one participant a full CV (four jobs, two schools, four
certificates, a photo) and times, as a counsellor's request through the app: the PDF, the Word
file and the letter page with its draft; also the PDF of the first request of a fresh process
(fonts loaded) and the page count. Prints median and slowest of ``--runs`` requests.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from models import ConsentRecord, CvEntry, CvPhoto, Opening, Participant, User
from webapp import create_app, demo
from webapp.core.config import database_url
from webapp.core.db import db
from webapp.core.migrate import upgrade
from webapp.suggestions.index import touch
from webapp.warmup import warm_up


def full_cv(p: Participant) -> None:
    jobs = [
        ("Lager Logistik Süd", "Hagen", date(2021, 3, 1), date(2024, 6, 30), "Kommissionieren\nWare annehmen\nGabelstapler fahren\nInventur"),
        ("Supermarkt Profi", "Brașov", date(2017, 5, 1), date(2020, 12, 31), "Kasse\nRegale einräumen\nWare annehmen"),
        ("Hotel Marina", "Warna", date(2015, 4, 1), date(2017, 3, 31), "Zimmer reinigen\nWäsche waschen"),
        ("Restaurant Dacia", "Iași", date(2012, 9, 1), date(2015, 3, 31), "Spülen\nGemüse schneiden\nKüche sauber halten"),
    ]
    schools = [
        ("Liceul Tehnologic", "Constanța", date(2008, 9, 1), date(2012, 6, 30), "Bacalaureat", "applied"),
        ("Școala Gimnazială nr. 5", "Craiova", date(2000, 9, 1), date(2008, 6, 30), "Abschluss der 8. Klasse", None),
    ]
    for title, place, start, end, tasks in jobs:
        p.cv.append(CvEntry(kind="work", title=title, place=place, started_on=start, ended_on=end, details=tasks))
    for title, place, start, end, degree, recognition in schools:
        p.cv.append(CvEntry(kind="education", title=title, place=place, started_on=start, ended_on=end, details=degree, recognition=recognition))
    for i, title in enumerate(["Staplerschein", "Gesundheitszeugnis", "Deutschkurs B1", "Erste-Hilfe-Kurs"]):
        p.cv.append(CvEntry(kind="certificate", title=title, started_on=date(2021 + i, 2, 1)))
    out = io.BytesIO()
    Image.new("RGB", (420, 540), (190, 150, 120)).save(out, format="JPEG")
    p.photo = CvPhoto(image=out.getvalue())
    p.consents.append(ConsentRecord(scope="cv", text_version=demo.CONSENT_TEXT_VERSION))


def timed(client, url: str, runs: int) -> tuple[float, float, bytes]:
    times, body = [], b""
    for _ in range(runs):
        t = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: {response.status_code}")
        body = response.data
    return statistics.median(times), max(times), body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--database-url", help="an empty database (default: SQLite in a temporary folder)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    url = database_url({"DATABASE_URL": args.database_url}) if args.database_url else f"sqlite:///{folder}/bench.sqlite3"
    upgrade(url)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench-" + "x" * 40, "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    with app.app_context():
        demo.load(db.session, participants=args.participants)
        p = db.session.scalar(select(Participant).where(Participant.status == "active", Participant.pseudonym.like("AH-%")).order_by(Participant.id))
        full_cv(p)
        touch(db.session, p)
        db.session.commit()
        pid, counsellor = p.id, db.session.scalar(select(User.email).where(User.role == "counsellor", User.centre_id == p.centre_id))
        opening = db.session.scalar(select(Opening.id).where(Opening.status == "open").order_by(Opening.id))
    warm_up(app)
    client = app.test_client()
    client.post("/anmelden", data={"email": counsellor, "password": demo.COUNSELLOR_PASSWORD})
    base = f"/beratung/teilnehmende/{pid}"
    t = time.perf_counter()
    first = client.get(base + "/lebenslauf.pdf")
    print(f"first PDF of the process (fonts loaded): {(time.perf_counter() - t) * 1000:.0f} ms, status {first.status_code}")
    median, worst, pdf = timed(client, base + "/lebenslauf.pdf", args.runs)
    print(f"Lebenslauf PDF: median {median:.0f} ms, slowest {worst:.0f} ms, {len(PdfReader(io.BytesIO(pdf)).pages)} page(s), {len(pdf) / 1024:.0f} KB")
    median, worst, docx = timed(client, base + "/lebenslauf.docx", args.runs)
    print(f"Lebenslauf Word: median {median:.0f} ms, slowest {worst:.0f} ms, {len(docx) / 1024:.0f} KB")
    median, worst, _page = timed(client, f"{base}/anschreiben?stelle={opening}", args.runs)
    print(f"Anschreiben page with draft: median {median:.0f} ms, slowest {worst:.0f} ms")


if __name__ == "__main__":
    main()
