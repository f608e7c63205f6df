"""Backup and restore of the whole database (``flask --app wsgi backup`` / ``restore``).

SQLite: a consistent copy through SQLite's online backup API (the service may
keep running). PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore
--clean --single-transaction`` (all or nothing), with the connection details
passed through the environment, never on the command line.

Erased people stay erased: before a restore, the erasure register of the
database being replaced is read; after it, the register is merged into the
restored data and everybody in it is erased again (webapp.privacy.erasure).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess  # nosec B404 - runs pg_dump/pg_restore with fixed arguments, no shell
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from models import Erasure
from webapp.core import migrate
from webapp.core.db import make_engine
from webapp.privacy.erasure import REGISTER_FIELDS, reapply_erasures


class BackupError(RuntimeError):
    """A backup or restore could not be done; nothing was changed."""


@dataclass
class RestoreReport:
    erased_again: int
    register_rows: int


def _is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("Eine SQLite-Datenbank im Speicher lässt sich nicht sichern.")
    return Path(database)


def _pg_env(url: str) -> dict[str, str]:
    """libpq connection settings for pg_dump/pg_restore (the password never appears in ``ps``)."""
    u = make_url(url)
    env = dict(os.environ)
    for key, value in (("PGHOST", u.host), ("PGPORT", u.port), ("PGUSER", u.username), ("PGPASSWORD", u.password), ("PGDATABASE", u.database)):
        if value:
            env[key] = str(value)
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} fehlt (Debian: apt-get install postgresql-client).")
    return path


def _run(args: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # nosec B603 - fixed argument list
    if result.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} ist fehlgeschlagen: {result.stderr.strip()[:500]}")


def backup(url: str, directory: Path) -> Path:
    """Write a backup of the database at ``url`` into ``directory``; returns the file (readable by the owner only)."""
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    if _is_sqlite(url):
        target = directory / f"kmu-match-{stamp}.sqlite3"
        source = sqlite3.connect(_sqlite_path(url))
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
    else:
        target = directory / f"kmu-match-{stamp}.pgdump"
        _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"], _pg_env(url))
    target.chmod(0o600)
    return target


def _register(url: str) -> list[dict]:
    """The erasure register of the database at ``url`` (empty when it has none yet)."""
    engine = make_engine(url)
    try:
        if "erasure" not in inspect(engine).get_table_names():
            return []
        with Session(engine) as session:
            return [{name: getattr(e, name) for name in REGISTER_FIELDS} for e in session.scalars(select(Erasure))]
    except Exception:
        return []
    finally:
        engine.dispose()


def _check_sqlite_backup(path: Path) -> None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            con.close()
    except sqlite3.DatabaseError:
        raise BackupError(f"{path.name} ist keine SQLite-Sicherung von KMU-Match.") from None
    if "alembic_version" not in tables or "participant" not in tables:
        raise BackupError(f"{path.name} ist keine SQLite-Sicherung von KMU-Match.")


def restore(url: str, path: Path) -> RestoreReport:
    """Replace the database at ``url`` with the backup ``path``, then erase the erased again.

    Stop the service first: its workers keep a matching index in memory.
    """
    if not path.is_file():
        raise BackupError(f"Die Datei {path} gibt es nicht.")
    register = _register(url)
    if _is_sqlite(url):
        _check_sqlite_backup(path)
        target = _sqlite_path(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        live = sqlite3.connect(target)
        try:
            source.backup(live)  # page by page inside one transaction of the live file
        finally:
            live.close()
            source.close()
    else:
        env = _pg_env(url)
        try:
            _run([_tool("pg_restore"), "--list", str(path)], env)  # a readable archive, or stop here
        except BackupError as exc:
            raise BackupError(f"{path.name} ist keine PostgreSQL-Sicherung von KMU-Match ({exc}).") from None
        _run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                f"--dbname={env.get('PGDATABASE', '')}",
                str(path),
            ],
            env,
        )
    migrate.upgrade(url)  # a backup from an older version gets the current schema
    engine = make_engine(url)
    try:
        with Session(engine) as session, session.begin():
            erased = reapply_erasures(session, register)
            rows = session.scalar(select(func.count()).select_from(Erasure)) or 0
    finally:
        engine.dispose()
    return RestoreReport(erased_again=erased, register_rows=rows)
