"""Run the whole suite on SQLite, then on PostgreSQL.

Under ``CI=true`` PostgreSQL and the browser tests are mandatory: an
unreachable PostgreSQL fails the run instead of skipping it. Elsewhere the
PostgreSQL run is skipped with a clear note when no server answers.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", required=True, help="URL of a PostgreSQL server for the second run")
    parser.add_argument("pytest_args", nargs="*")
    args = parser.parse_args()
    ci = os.environ.get("CI", "").lower() == "true"
    pytest = [sys.executable, "-m", "pytest", *args.pytest_args]

    print("== Tests auf SQLite ==", flush=True)
    env = {**os.environ, "KMU_TEST_DATABASE": "sqlite"}
    status = subprocess.call(pytest, env=env)
    if status != 0:
        return status

    from webapp.config import database_url
    from webapp.db import database_problem

    problem = database_problem(database_url({"DATABASE_URL": args.postgres}))
    if problem:
        if ci:
            print(f"PostgreSQL ist unter CI Pflicht, aber nicht erreichbar: {problem}", file=sys.stderr)
            return 1
        print(f"!! PostgreSQL nicht erreichbar ({problem}); der zweite Lauf entfällt.", flush=True)
        return 0
    print("== Tests auf PostgreSQL ==", flush=True)
    env = {**os.environ, "KMU_TEST_DATABASE": args.postgres}
    # The matcher is a pure library: its tests do not touch a database.
    return subprocess.call([*pytest, "--ignore=tests/matching"], env=env)


if __name__ == "__main__":
    sys.exit(main())
