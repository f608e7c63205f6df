"""events carry their local month and a random record key

Statistics group events by month in SQL (closed months never change), and the
disclosure control keys its noise on sums of the events' random record keys.
Existing events get their month from ``occurred_at`` (Europe/Berlin) and a
random key.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 09:00:00
"""
from __future__ import annotations

import secrets
from datetime import timezone
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

LOCAL = ZoneInfo("Europe/Berlin")


def upgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("month", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("record_key", sa.Integer(), nullable=True))

    event = sa.table("event", sa.column("id", sa.Integer), sa.column("occurred_at", sa.DateTime(timezone=True)), sa.column("month", sa.Integer), sa.column("record_key", sa.Integer))
    connection = op.get_bind()
    rows = connection.execute(sa.select(event.c.id, event.c.occurred_at)).all()
    updates = []
    for event_id, occurred_at in rows:
        if isinstance(occurred_at, str):  # SQLite without type processing
            from datetime import datetime

            occurred_at = datetime.fromisoformat(occurred_at)
        if occurred_at.tzinfo is None:
            occurred_at = occurred_at.replace(tzinfo=timezone.utc)
        local = occurred_at.astimezone(LOCAL)
        updates.append({"event_id": event_id, "month": local.year * 100 + local.month, "record_key": secrets.randbits(31)})
    if updates:
        connection.execute(
            event.update().where(event.c.id == sa.bindparam("event_id")).values(month=sa.bindparam("month"), record_key=sa.bindparam("record_key")),
            updates,
        )

    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.alter_column("month", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("record_key", existing_type=sa.Integer(), nullable=False)
        batch_op.create_index("ix_event_month_kind", ["month", "kind"], unique=False)
        batch_op.create_index("ix_event_participant_key", ["participant_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index("ix_event_participant_key")
        batch_op.drop_index("ix_event_month_kind")
        batch_op.drop_column("record_key")
        batch_op.drop_column("month")
