"""Time of the privacy and reliability commands with the demo data.

    python bench/privacy_ops.py [--participants 3000] [--database-url URL]

Loads the demo data into a fresh database (SQLite in a temporary folder unless
a URL of an empty database is given) and times: a backup, erasing one
participant, a retention run that anonymises a tenth of them, and a restore of
the backup taken before (which must erase all of those again). Prints each
figure and the backup size.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select, update

from models import ConsentRecord, Introduction, Participant, utcnow
from webapp import create_app, demo
from webapp.backup import backup, restore
from webapp.core.config import database_url
from webapp.core.db import db
from webapp.core.migrate import upgrade
from webapp.privacy.erasure import erase_participant
from webapp.privacy.retention import run_retention


def timed(label: str, fn):
    t = time.perf_counter()
    result = fn()
    print(f"{label}: {(time.perf_counter() - t) * 1000:.0f} ms")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=3000)
    parser.add_argument("--database-url", help="an empty database (default: SQLite in a temporary folder)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    url = database_url({"DATABASE_URL": args.database_url}) if args.database_url else f"sqlite:///{folder}/bench.sqlite3"
    upgrade(url)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench-" + "x" * 40})
    with app.app_context():
        s = db.session
        demo.load(s, participants=args.participants)
        s.commit()
        ids = s.scalars(select(Participant.id).order_by(Participant.id)).all()
        print(f"{len(ids)} participants (demo data)")
        path = timed("backup", lambda: backup(url, folder / "backups"))
        print(f"  backup size: {path.stat().st_size / 1e6:.1f} MB")

        def erase_one():
            erase_participant(s, s.get(Participant, ids[0]), "request")
            s.commit()

        timed("erase one participant", erase_one)
        old = ids[1 : 1 + len(ids) // 10]
        then = utcnow() - timedelta(days=3 * 365)
        s.execute(update(Participant).where(Participant.id.in_(old)).values(updated_at=then).execution_options(synchronize_session=False))
        s.execute(
            update(ConsentRecord)
            .where(ConsentRecord.participant_id.in_(old))
            .values(given_at=then, withdrawn_at=None)
            .execution_options(synchronize_session=False)
        )
        s.execute(update(Introduction).where(Introduction.participant_id.in_(old)).values(updated_at=then).execution_options(synchronize_session=False))
        s.commit()

        def retention():
            report = run_retention(s, 12)
            s.commit()
            return report

        report = timed("retention run", retention)
        print(f"  anonymised: {report.erased} of {len(old)} made inactive")
        s.close()
    app.extensions["kmu_db"]["engine"].dispose()
    result = timed("restore (with the erasures applied again)", lambda: restore(url, path))
    print(f"  register rows: {result.register_rows}, erased again: {result.erased_again}")
    with app.app_context():
        left = db.session.scalar(select(func.count()).select_from(Participant))
    print(f"participants after restore: {left} (before the erasures: {len(ids)})")
    if left != len(ids) - result.register_rows:
        raise SystemExit("an erased participant came back")


if __name__ == "__main__":
    main()
