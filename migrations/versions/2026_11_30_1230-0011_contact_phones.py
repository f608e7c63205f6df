"""phones for whom a company calls about a candidate: the counsellor's and the centre's

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 12:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("user_account", "centre"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("phone", sa.String(length=40), nullable=False, server_default=""))


def downgrade() -> None:
    for table in ("user_account", "centre"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("phone")
