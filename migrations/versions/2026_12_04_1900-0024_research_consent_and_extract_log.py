"""research consent and extract log (issue 29)

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-04 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "research_extract",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("made_by_id", sa.Integer(), nullable=True),
        sa.Column("via", sa.String(length=10), nullable=False),
        sa.Column("key_version", sa.String(length=20), nullable=False),
        sa.Column("k", sa.Integer(), nullable=False),
        sa.Column("persons", sa.Integer(), nullable=False),
        sa.Column("episodes", sa.Integer(), nullable=False),
        sa.Column("suppressed", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["made_by_id"], ["user_account.id"], name=op.f("fk_research_extract_made_by_id_user_account"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_extract")),
    )
    op.create_table(
        "research_consent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("text_version", sa.String(length=20), nullable=False),
        sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"], name=op.f("fk_research_consent_participant_id_participant"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["user_account.id"], name=op.f("fk_research_consent_recorded_by_id_user_account"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["withdrawn_by_id"], ["user_account.id"], name=op.f("fk_research_consent_withdrawn_by_id_user_account"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_consent")),
    )
    with op.batch_alter_table("research_consent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_research_consent_participant_id"), ["participant_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("research_consent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_research_consent_participant_id"))

    op.drop_table("research_consent")
    op.drop_table("research_extract")
