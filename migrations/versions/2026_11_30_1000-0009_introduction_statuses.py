"""introductions: one state machine (suggested and introduced were never produced)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 10:00:00
"""
from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

NEW = "status IN ('approved', 'rejected', 'interview', 'hired', 'not_hired', 'withdrawn')"
OLD = "status IN ('suggested', 'approved', 'rejected', 'introduced', 'interview', 'hired', 'not_hired', 'withdrawn')"


def upgrade() -> None:
    with op.batch_alter_table("introduction", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_introduction_status"), type_="check")
        batch_op.create_check_constraint("status", NEW)


def downgrade() -> None:
    with op.batch_alter_table("introduction", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_introduction_status"), type_="check")
        batch_op.create_check_constraint("status", OLD)
