"""CV photo (optional) and the consent scope that lets an employer have the Lebenslauf

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 16:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

NEW = "scope IN ('skills', 'first_name', 'contact', 'cv')"
OLD = "scope IN ('skills', 'first_name', 'contact')"


def upgrade() -> None:
    op.create_table(
        "cv_photo",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("image", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"], name=op.f("fk_cv_photo_participant_id_participant"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("participant_id", name=op.f("pk_cv_photo")),
    )
    with op.batch_alter_table("consent_record", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_consent_record_scope"), type_="check")
        batch_op.create_check_constraint("scope", NEW)


def downgrade() -> None:
    op.execute("UPDATE consent_record SET scope = 'contact' WHERE scope = 'cv'")
    with op.batch_alter_table("consent_record", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_consent_record_scope"), type_="check")
        batch_op.create_check_constraint("scope", OLD)
    op.drop_table("cv_photo")
