"""introductions: when the counsellor was told about the reported outcome (daily digest)

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 13:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("introduction", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outcome_notified_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("introduction", schema=None) as batch_op:
        batch_op.drop_column("outcome_notified_at")
