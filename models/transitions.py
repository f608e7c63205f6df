"""Status changes: one transition table per table, one conditional UPDATE.

A model with a ``status`` column names, in ``TRANSITIONS``, the statuses each status may lead to. A change is
``UPDATE … SET status = :target WHERE id = :id AND status IN (:the statuses that may lead there)``: of two
requests at the same moment exactly one changes the row and the other learns that it did not – never a
check in Python followed by a write (check-then-set).
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, update
from sqlalchemy.orm import Session


def allowed_from(model: Any, target: str) -> tuple[str, ...]:
    """The statuses from which ``target`` may be reached."""
    if target not in model.TRANSITIONS:
        raise ValueError(f"{model.__name__} has no status {target!r}")
    return tuple(status for status, following in model.TRANSITIONS.items() if target in following)


def move_where(session: Session, model: Any, target: str, *conditions: Any, **values: Any) -> int:
    """Move every row that meets ``conditions`` (and may reach ``target``) to ``target``; how many moved. A table
    with a version counter (optimistic locking) counts the change, so a copy read before it is stale."""
    session.flush()  # what this request changed goes first
    version = model.__mapper__.version_id_col
    if version is not None:
        values.setdefault(version.key, getattr(model, version.key) + 1)
    statement = (
        update(model)
        .where(model.status.in_(allowed_from(model, target)), *conditions)
        .values(status=target, **values)
        .execution_options(synchronize_session=False)
    )
    return cast(CursorResult, session.execute(statement)).rowcount


def move(session: Session, row: Any, target: str, *conditions: Any, **values: Any) -> bool:
    """Move ``row`` to ``target`` exactly once, if its table (and ``conditions``) allow it now; the row is read
    again when it moved. False when it did not (another request was first, or the status does not allow it)."""
    model = type(row)
    if move_where(session, model, target, model.id == row.id, *conditions, **values) != 1:
        return False
    session.refresh(row)
    return True
