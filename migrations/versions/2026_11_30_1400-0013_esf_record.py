"""ESF Plus participant data, apart from the matching profile

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 14:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "esf_record",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("entered_on", sa.Date(), nullable=False),
        sa.Column("gender", sa.String(length=10), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=False),
        sa.Column("labour_status", sa.String(length=24), nullable=False),
        sa.Column("education", sa.String(length=12), nullable=False),
        sa.Column("voluntary_consent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("disability", sa.Boolean(), nullable=True),
        sa.Column("third_country", sa.Boolean(), nullable=True),
        sa.Column("foreign_background", sa.Boolean(), nullable=True),
        sa.Column("minority", sa.Boolean(), nullable=True),
        sa.Column("homeless", sa.Boolean(), nullable=True),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("exit_situation", sa.String(length=16), nullable=True),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("follow_up_employed", sa.Boolean(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("gender IN ('female', 'male', 'diverse')", name=op.f("ck_esf_record_gender")),
        sa.CheckConstraint(
            "labour_status IN ('unemployed', 'long_term_unemployed', 'inactive', 'employed')", name=op.f("ck_esf_record_labour_status")
        ),
        sa.CheckConstraint("education IN ('isced_0_2', 'isced_3_4', 'isced_5_8')", name=op.f("ck_esf_record_education")),
        sa.CheckConstraint(
            "exit_situation IS NULL OR exit_situation IN ('employed', 'job_searching', 'education', 'qualification', 'other')",
            name=op.f("ck_esf_record_exit_situation"),
        ),
        sa.CheckConstraint("birth_year >= 1900 AND birth_year <= 2100", name=op.f("ck_esf_record_birth_year")),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"], name=op.f("fk_esf_record_participant_id_participant"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("participant_id", name=op.f("pk_esf_record")),
    )


def downgrade() -> None:
    op.drop_table("esf_record")
