"""Run the whole suite on SQLite and on PostgreSQL, both at once.

The two runs share nothing: each makes its own databases (SQLite files in its own
temporary folder, PostgreSQL databases with their own random names) and its own
Redis database for the tests of the shared limiter store. Side by side they take
little more than the longer one alone on a machine with two cores (CI: about
half the time of one after the other). The SQLite run writes to the terminal as
it goes; the PostgreSQL run's output follows when it is done (and is kept in
``test-output/pytest-postgresql.log``). ``--one-after-the-other`` runs them in turn.

Under ``CI=true`` PostgreSQL and the browser tests are mandatory: an
unreachable PostgreSQL fails the run instead of skipping it. Elsewhere the
PostgreSQL run is skipped with a clear note when no server answers.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REDIS = os.environ.get("KMU_TEST_REDIS_HOST", "redis://127.0.0.1:6379")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", required=True, help="URL of a PostgreSQL server for the second run")
    parser.add_argument("--one-after-the-other", action="store_true", help="run SQLite first, then PostgreSQL")
    parser.add_argument("pytest_args", nargs="*")
    args = parser.parse_args()
    ci = os.environ.get("CI", "").lower() == "true"
    pytest = [sys.executable, "-m", "pytest", *args.pytest_args]
    sqlite_env = {**os.environ, "KMU_TEST_DATABASE": "sqlite", "KMU_TEST_REDIS_URL": f"{REDIS}/15"}
    # The matcher is a pure library: its tests do not touch a database, so they run once.
    postgres_cmd = [*pytest, "--ignore=tests/matching"]
    postgres_env = {**os.environ, "KMU_TEST_DATABASE": args.postgres, "KMU_TEST_REDIS_URL": f"{REDIS}/14"}

    from webapp.core.config import database_url
    from webapp.core.db import database_problem

    problem = database_problem(database_url({"DATABASE_URL": args.postgres}))
    if problem and ci:
        print(f"PostgreSQL ist unter CI Pflicht, aber nicht erreichbar: {problem}", file=sys.stderr)
        return 1

    if args.one_after_the_other or problem:
        print("== Tests auf SQLite ==", flush=True)
        status = subprocess.call(pytest, env=sqlite_env)
        if status != 0 or problem:
            if problem:
                print(f"!! PostgreSQL nicht erreichbar ({problem}); der zweite Lauf entfällt.", flush=True)
            return status
        print("== Tests auf PostgreSQL ==", flush=True)
        return subprocess.call(postgres_cmd, env=postgres_env)

    log = ROOT / "test-output" / "pytest-postgresql.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    print("== Tests auf SQLite und PostgreSQL, gleichzeitig ==", flush=True)
    print(f"   (der PostgreSQL-Lauf schreibt nach {log.relative_to(ROOT)}; seine Ausgabe folgt am Ende)", flush=True)
    with log.open("wb") as out:
        postgres = subprocess.Popen(postgres_cmd, env=postgres_env, stdout=out, stderr=subprocess.STDOUT)
        try:
            print("== Tests auf SQLite ==", flush=True)
            sqlite_status = subprocess.call(pytest, env=sqlite_env)
            postgres_status = postgres.wait()
        finally:
            if postgres.poll() is None:
                postgres.terminate()
                postgres.wait()
    print("== Tests auf PostgreSQL ==", flush=True)
    sys.stdout.write(log.read_text(errors="replace"))
    sys.stdout.flush()
    print(f"== SQLite: {'bestanden' if sqlite_status == 0 else 'FEHLGESCHLAGEN'}, PostgreSQL: {'bestanden' if postgres_status == 0 else 'FEHLGESCHLAGEN'} ==")
    return sqlite_status or postgres_status


if __name__ == "__main__":
    sys.exit(main())
