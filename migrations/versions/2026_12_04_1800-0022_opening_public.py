"""an opening can be shown on the public list of the quarters' openings (issue 27)

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-04 18:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("opening") as batch:
        batch.add_column(sa.Column("public", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("opening") as batch:
        batch.drop_column("public")
