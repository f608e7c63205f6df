"""background jobs: a vocabulary import waits for its preview; measurements show their progress

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 15:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vocabulary_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("entries", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('preview', 'applying', 'applied', 'discarded')", name=op.f("ck_vocabulary_import_status")),
        sa.ForeignKeyConstraint(["created_by_id"], ["user_account.id"], name=op.f("fk_vocabulary_import_created_by_id_user_account"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vocabulary_import")),
    )
    op.create_index(op.f("ix_vocabulary_import_status"), "vocabulary_import", ["status"], unique=False)
    with op.batch_alter_table("vocabulary_measurement") as batch:
        batch.add_column(sa.Column("import_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("progress", sa.Integer(), server_default="0", nullable=False))
        batch.create_index(batch.f("ix_vocabulary_measurement_import_id"), ["import_id"], unique=False)
        batch.create_foreign_key(
            batch.f("fk_vocabulary_measurement_import_id_vocabulary_import"), "vocabulary_import", ["import_id"], ["id"], ondelete="CASCADE"
        )


def downgrade() -> None:
    with op.batch_alter_table("vocabulary_measurement") as batch:
        batch.drop_constraint("fk_vocabulary_measurement_import_id_vocabulary_import", type_="foreignkey")
        batch.drop_index("ix_vocabulary_measurement_import_id")
        batch.drop_column("progress")
        batch.drop_column("import_id")
    op.drop_index(op.f("ix_vocabulary_import_status"), table_name="vocabulary_import")
    op.drop_table("vocabulary_import")
