"""Database access: one engine per app, one session per application context.

Plain SQLAlchemy 2 (no Flask-SQLAlchemy) so that ``models`` stays free of
Flask. Views call ``db.session``; operations add and flush, the view commits
once (see ARCHITECTURE.md).
"""

from __future__ import annotations

from typing import cast

from flask import Flask, current_app, g, render_template
from sqlalchemy import CursorResult, Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str, **kwargs) -> Engine:
    """An engine with the settings both databases need (SQLite: foreign keys on)."""
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"check_same_thread": False, "timeout": 30})
        engine = create_engine(url, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # pragma: no cover - trivial
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            # Deleted rows are overwritten, not left in free pages: an erased person's data is gone
            # from the file and from every backup made of it afterwards.
            cursor.execute("PRAGMA secure_delete=ON")
            cursor.close()
            dbapi_connection.isolation_level = None  # transactions are begun below, not by the driver

        @event.listens_for(engine, "begin")
        def _begin_immediate(conn):
            # Take the write lock at the start: a transaction that read first and writes later
            # would otherwise fail at once ("database is locked") when another one wrote in between.
            # Waiting writers queue up for the busy timeout instead. (SQLite is the embedded
            # development default; PostgreSQL serves production.) A read-only session (long reads:
            # building the matching index) begins deferred and takes no lock: in WAL mode it reads
            # a snapshot while others write.
            conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get("kmu_read_only") else "BEGIN IMMEDIATE")

        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def database_problem(url: str, timeout: int = 5) -> str | None:
    """Why the database at ``url`` does not answer, or None when it does."""
    connect_args = {"connect_timeout": timeout} if url.startswith("postgresql") else {}
    engine = create_engine(url, connect_args=connect_args)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        return str(exc).splitlines()[0]
    finally:
        engine.dispose()
    return None


@event.listens_for(Session, "after_flush")
def _note_write(session: Session, _context) -> None:
    session.info["wrote"] = True  # this transaction has written (see wrote())


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_write(session: Session) -> None:
    session.info.pop("wrote", None)


def wrote(session: Session) -> bool:
    """Whether the session's current transaction has written anything (flushed) yet."""
    return bool(session.info.get("wrote"))


def read_only_session() -> Session:
    """A session of its own for long reads: on SQLite it takes no write lock (others keep writing)."""
    return Session(bind=db.engine.execution_options(kmu_read_only=True))


def changed(session: Session, statement) -> int:
    """Run an UPDATE or DELETE and return how many rows it changed (exactly-once status changes test this)."""
    result = session.execute(statement)
    return cast(CursorResult, result).rowcount


class Database:
    """Holds the per-app engine and hands out the request's session."""

    def init_app(self, app: Flask) -> None:
        engine = make_engine(app.config["DATABASE_URL"])
        app.extensions["kmu_db"] = {"engine": engine, "sessionmaker": sessionmaker(bind=engine)}
        app.teardown_appcontext(self._close_session)

    @property
    def engine(self) -> Engine:
        return current_app.extensions["kmu_db"]["engine"]

    @property
    def session(self) -> Session:
        if "db_session" not in g:
            g.db_session = current_app.extensions["kmu_db"]["sessionmaker"]()
        return g.db_session

    @staticmethod
    def _close_session(_exc: BaseException | None) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()  # rolls back anything not committed

    def ping(self) -> bool:
        """True when the database answers."""
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except Exception:
            return False


db = Database()


def render_and_commit(template: str, **context) -> str:
    """Render a page, then commit what its view recorded (audit rows, events).

    Committing first would expire every row the view loaded, and the template
    would load each of them again, one statement per row.
    """
    page = render_template(template, **context)
    db.session.commit()
    return page
