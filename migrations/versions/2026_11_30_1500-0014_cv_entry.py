"""CV entries: work history, school and training, certificates

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 15:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cv_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("place", sa.String(length=120), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("recognition", sa.String(length=12), nullable=True),
        sa.CheckConstraint("kind IN ('work', 'education', 'certificate')", name=op.f("ck_cv_entry_kind")),
        sa.CheckConstraint(
            "recognition IS NULL OR recognition IN ('applied', 'granted', 'not_needed')", name=op.f("ck_cv_entry_recognition")
        ),
        sa.CheckConstraint("ended_on IS NULL OR started_on IS NULL OR ended_on >= started_on", name=op.f("ck_cv_entry_dates")),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"], name=op.f("fk_cv_entry_participant_id_participant"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cv_entry")),
    )
    op.create_index(op.f("ix_cv_entry_participant_id"), "cv_entry", ["participant_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_cv_entry_participant_id"), table_name="cv_entry")
    op.drop_table("cv_entry")
