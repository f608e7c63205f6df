"""the erasure register ties no statistics to a person: its own random key instead of the stats key; ids never reused

Each participant gets an ``erasure_key`` (random, never in an event); the register keeps that key
instead of the stats key. Register rows written before this revision get a new random key: the
people they name are erased already, and their stats key must not stay next to their old id.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 14:00:00
"""
from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    with op.batch_alter_table("participant") as batch:
        batch.add_column(sa.Column("erasure_key", sa.String(length=32), nullable=True))
    participant = sa.table("participant", sa.column("id", sa.Integer), sa.column("erasure_key", sa.String))
    for (pid,) in conn.execute(sa.select(participant.c.id)).all():
        conn.execute(participant.update().where(participant.c.id == pid).values(erasure_key=uuid.uuid4().hex))
    with op.batch_alter_table("participant") as batch:
        batch.alter_column("erasure_key", existing_type=sa.String(length=32), nullable=False)
        batch.create_unique_constraint(batch.f("uq_participant_erasure_key"), ["erasure_key"])

    with op.batch_alter_table("erasure") as batch:
        batch.add_column(sa.Column("register_key", sa.String(length=32), nullable=True))
    erasure = sa.table("erasure", sa.column("id", sa.Integer), sa.column("register_key", sa.String))
    for (eid,) in conn.execute(sa.select(erasure.c.id)).all():
        conn.execute(erasure.update().where(erasure.c.id == eid).values(register_key=uuid.uuid4().hex))
    with op.batch_alter_table("erasure") as batch:
        batch.alter_column("register_key", existing_type=sa.String(length=32), nullable=False)
        batch.drop_constraint("uq_erasure_stats_key", type_="unique")
        batch.drop_column("stats_key")
        batch.create_unique_constraint(batch.f("uq_erasure_register_key"), ["register_key"])
    if conn.dialect.name == "sqlite":
        # SQLite reuses the highest id after a delete unless the table says AUTOINCREMENT: an erased person's
        # id would come back as a new person's, and the audit log would name the wrong one.
        for table in ("participant", "introduction"):
            with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": True}):
                pass
        # (a later batch migration of these two tables must pass table_kwargs={"sqlite_autoincrement": True} again)


def downgrade() -> None:
    with op.batch_alter_table("erasure") as batch:
        batch.drop_constraint("uq_erasure_register_key", type_="unique")
        batch.alter_column("register_key", new_column_name="stats_key", existing_type=sa.String(length=32))
        batch.create_unique_constraint("uq_erasure_stats_key", ["stats_key"])
    with op.batch_alter_table("participant") as batch:
        batch.drop_constraint("uq_participant_erasure_key", type_="unique")
        batch.drop_column("erasure_key")
