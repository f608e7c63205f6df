"""The audit log and the statistics events are append-only for the application.

Any ORM session that tries to change or delete an ``AuditEvent`` or an
``Event`` fails before anything reaches the database, whether through a loaded
object or a bulk ``update()``/``delete()``. (Operators with database rights
can still archive old rows; the application cannot rewrite history.)
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from models.audit import AuditEvent
from models.introductions import Event

APPEND_ONLY = (AuditEvent, Event)


class AppendOnlyError(RuntimeError):
    """Something tried to change or delete a row of an append-only table."""


@event.listens_for(Session, "before_flush")
def _refuse_changes(session: Session, _context, _instances) -> None:
    for obj in session.deleted:
        if isinstance(obj, APPEND_ONLY):
            raise AppendOnlyError(f"{type(obj).__name__} rows are never deleted")
    for obj in session.dirty:
        if isinstance(obj, APPEND_ONLY) and session.is_modified(obj):
            raise AppendOnlyError(f"{type(obj).__name__} rows are never changed")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state: ORMExecuteState) -> None:
    if (state.is_update or state.is_delete) and state.bind_mapper is not None and state.bind_mapper.class_ in APPEND_ONLY:
        raise AppendOnlyError(f"{state.bind_mapper.class_.__name__} rows are never changed or deleted")
