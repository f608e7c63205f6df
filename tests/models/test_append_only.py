"""The audit log and the events cannot be changed or deleted through the application's sessions."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select, update

from models import AppendOnlyError, AuditEvent, Event
from webapp.core.db import db


@pytest.mark.parametrize(
    "model, values",
    [
        (AuditEvent, {"action": "participant.view", "object_type": "participant", "object_id": 1}),
        (Event, {"kind": "participant.entered", "participant_key": "k"}),
    ],
)
def test_rows_can_be_added_but_never_changed_or_deleted(app, model, values):
    with app.app_context():
        s = db.session
        s.add(model(**values))
        s.commit()
        row = s.scalar(select(model))
        setattr(row, "action" if model is AuditEvent else "kind", "something.else")
        with pytest.raises(AppendOnlyError):
            s.flush()
        s.rollback()
        s.delete(s.scalar(select(model)))
        with pytest.raises(AppendOnlyError):
            s.flush()
        s.rollback()
        with pytest.raises(AppendOnlyError):
            s.execute(update(model).values(id=model.id + 100))
        s.rollback()
        with pytest.raises(AppendOnlyError):
            s.execute(delete(model))
        s.rollback()
        s.add(model(**values))  # appending still works
        s.commit()
        assert s.scalar(select(func.count()).select_from(model)) == 2
        first = s.scalar(select(model).order_by(model.id))
        assert (first.action if model is AuditEvent else first.kind) == (values.get("action") or values.get("kind"))
