"""vocabulary that learns: reading fixes per record, proposals, the project's versioned layer

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 17:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reading_fix",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("opening_id", sa.Integer(), nullable=True),
        sa.Column("term_key", sa.String(length=100), nullable=False),
        sa.Column("concept_id", sa.String(length=64), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("(participant_id IS NULL) != (opening_id IS NULL)", name=op.f("ck_reading_fix_one_owner")),
        sa.ForeignKeyConstraint(["created_by_id"], ["user_account.id"], name=op.f("fk_reading_fix_created_by_id_user_account"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["opening_id"], ["opening.id"], name=op.f("fk_reading_fix_opening_id_opening"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"], name=op.f("fk_reading_fix_participant_id_participant"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reading_fix")),
        sa.UniqueConstraint("opening_id", "term_key", name=op.f("uq_reading_fix_opening_id_term_key")),
        sa.UniqueConstraint("participant_id", "term_key", name=op.f("uq_reading_fix_participant_id_term_key")),
    )
    op.create_index(op.f("ix_reading_fix_opening_id"), "reading_fix", ["opening_id"], unique=False)
    op.create_index(op.f("ix_reading_fix_participant_id"), "reading_fix", ["participant_id"], unique=False)
    op.create_table(
        "vocabulary_proposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=100), nullable=False),
        sa.Column("term_key", sa.String(length=100), nullable=False),
        sa.Column("concept_id", sa.String(length=64), nullable=True),
        sa.Column("was_concept", sa.String(length=64), nullable=True),
        sa.Column("was_how", sa.String(length=20), nullable=False),
        sa.Column("proposed_by_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("centre_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("role IN ('admin', 'counsellor', 'employer')", name=op.f("ck_vocabulary_proposal_role")),
        sa.CheckConstraint("status IN ('open', 'accepted', 'rejected')", name=op.f("ck_vocabulary_proposal_status")),
        sa.ForeignKeyConstraint(["centre_id"], ["centre.id"], name=op.f("fk_vocabulary_proposal_centre_id_centre")),
        sa.ForeignKeyConstraint(["decided_by_id"], ["user_account.id"], name=op.f("fk_vocabulary_proposal_decided_by_id_user_account"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["proposed_by_id"], ["user_account.id"], name=op.f("fk_vocabulary_proposal_proposed_by_id_user_account"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vocabulary_proposal")),
    )
    op.create_index(op.f("ix_vocabulary_proposal_created_at"), "vocabulary_proposal", ["created_at"], unique=False)
    op.create_index(op.f("ix_vocabulary_proposal_proposed_by_id"), "vocabulary_proposal", ["proposed_by_id"], unique=False)
    op.create_index(op.f("ix_vocabulary_proposal_status"), "vocabulary_proposal", ["status"], unique=False)
    op.create_index(op.f("ix_vocabulary_proposal_term_key"), "vocabulary_proposal", ["term_key"], unique=False)
    op.create_table(
        "vocabulary_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=100), nullable=False),
        sa.Column("term_key", sa.String(length=100), nullable=False),
        sa.Column("concept_id", sa.String(length=64), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("index_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["created_by_id"], ["user_account.id"], name=op.f("fk_vocabulary_entry_created_by_id_user_account"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vocabulary_entry")),
    )
    op.create_index(op.f("ix_vocabulary_entry_index_seq"), "vocabulary_entry", ["index_seq"], unique=False)
    op.create_index(op.f("ix_vocabulary_entry_term_key"), "vocabulary_entry", ["term_key"], unique=False)
    op.create_table(
        "vocabulary_measurement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("layer_seq", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vocabulary_measurement")),
    )


def downgrade() -> None:
    op.drop_table("vocabulary_measurement")
    op.drop_table("vocabulary_entry")
    op.drop_table("vocabulary_proposal")
    op.drop_table("reading_fix")
