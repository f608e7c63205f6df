"""one fact, one place: the participation record owns entry and exit

The ESF Plus record becomes the participation record of every participant: it is made with the
profile (entry date), its ESF entry data may follow later, and it alone holds the exit. The
introduction's own copy of a confirmed exit goes; the old exit events (``participant.placed``,
``esf.exit``) become the one exit event ``participant.left`` (the situation in ``reason``) and its
corrections; special-category answers leave the event log (they are counted from the records).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 13:00:00
"""
from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

VOLUNTARY = ("disability", "third_country", "foreign_background", "minority", "homeless")
BERLIN = ZoneInfo("Europe/Berlin")

participant = sa.table(
    "participant",
    sa.column("id", sa.Integer),
    sa.column("status", sa.String),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("updated_at", sa.DateTime(timezone=True)),
)
esf_record = sa.table(
    "esf_record",
    sa.column("participant_id", sa.Integer),
    sa.column("entered_on", sa.Date),
    sa.column("left_on", sa.Date),
    sa.column("exit_situation", sa.String),
    sa.column("updated_at", sa.DateTime(timezone=True)),
)
introduction = sa.table(
    "introduction",
    sa.column("id", sa.Integer),
    sa.column("participant_id", sa.Integer),
    sa.column("status", sa.String),
    sa.column("exit_confirmed_at", sa.DateTime(timezone=True)),
)
event = sa.table(
    "event",
    sa.column("id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("participant_key", sa.String),
    sa.column("occurred_at", sa.DateTime(timezone=True)),
    sa.column("reason", sa.String),
    sa.column("data", sa.JSON),
)


def _local_day(moment: datetime | None):
    if moment is None:
        moment = datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BERLIN).date()


def upgrade() -> None:
    conn = op.get_bind()
    with op.batch_alter_table("esf_record") as batch:
        batch.alter_column("gender", existing_type=sa.String(length=10), nullable=True)
        batch.alter_column("birth_year", existing_type=sa.Integer(), nullable=True)
        batch.alter_column("labour_status", existing_type=sa.String(length=24), nullable=True)
        batch.alter_column("education", existing_type=sa.String(length=12), nullable=True)

    now = datetime.now(UTC)
    # Every participant has a participation record (its entry date: when the profile was made).
    have = set(conn.execute(sa.select(esf_record.c.participant_id)).scalars())
    for pid, created_at in conn.execute(sa.select(participant.c.id, participant.c.created_at)):
        if pid not in have:
            conn.execute(esf_record.insert().values(participant_id=pid, entered_on=_local_day(created_at), updated_at=now))
    left_on = {pid: day for pid, day in conn.execute(sa.select(esf_record.c.participant_id, esf_record.c.left_on))}

    def leave(pid: int, day, situation: str) -> None:
        if left_on[pid] is None:
            conn.execute(esf_record.update().where(esf_record.c.participant_id == pid).values(left_on=day, exit_situation=situation))
            left_on[pid] = day

    # A confirmed exit after a hire lives in the record now.
    hired_open: set[int] = set()
    for pid, confirmed, status in conn.execute(sa.select(introduction.c.participant_id, introduction.c.exit_confirmed_at, introduction.c.status)):
        if confirmed is not None:
            leave(pid, _local_day(confirmed), "employed")
        elif status == "hired":
            hired_open.add(pid)
    # The status follows the record: "placed" waits for the exit of a hire; "left" has left.
    for pid, status, updated_at in conn.execute(sa.select(participant.c.id, participant.c.status, participant.c.updated_at)):
        if status == "placed" and pid in hired_open and left_on[pid] is None:
            continue
        if status in ("placed", "left"):
            leave(pid, _local_day(updated_at), "employed" if status == "placed" else "other")
        if left_on[pid] is not None and status != "left":
            conn.execute(participant.update().where(participant.c.id == pid).values(status="left"))

    with op.batch_alter_table("introduction") as batch:
        batch.drop_column("exit_confirmed_at")

    # Special categories never stay in the append-only log.
    for eid, data in conn.execute(sa.select(event.c.id, event.c.data).where(event.c.kind.in_(("esf.entry", "esf.entry_corrected")))):
        if data and any(name in data for name in VOLUNTARY):
            conn.execute(event.update().where(event.c.id == eid).values(data={k: v for k, v in data.items() if k not in VOLUNTARY}))
    # One exit event per person; later ones are corrections of its situation.
    exited: set[str] = set()
    exit_kinds = ("participant.placed", "participant.left", "esf.exit", "esf.exit_corrected")
    rows = conn.execute(
        sa.select(event.c.id, event.c.kind, event.c.participant_key, event.c.data).where(event.c.kind.in_(exit_kinds)).order_by(event.c.occurred_at, event.c.id)
    ).all()
    for eid, kind, key, data in rows:
        situation = (data or {}).get("situation") or {"participant.placed": "employed", "participant.left": "other"}.get(kind, "other")
        first = key not in exited
        exited.add(key)
        conn.execute(
            event.update()
            .where(event.c.id == eid)
            .values(kind="participant.left" if first else "participant.exit_corrected", reason=situation, data={k: v for k, v in (data or {}).items() if k != "situation"})
        )


def downgrade() -> None:
    with op.batch_alter_table("introduction") as batch:
        batch.add_column(sa.Column("exit_confirmed_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("DELETE FROM esf_record WHERE gender IS NULL")
    with op.batch_alter_table("esf_record") as batch:
        batch.alter_column("gender", existing_type=sa.String(length=10), nullable=False)
        batch.alter_column("birth_year", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("labour_status", existing_type=sa.String(length=24), nullable=False)
        batch.alter_column("education", existing_type=sa.String(length=12), nullable=False)
