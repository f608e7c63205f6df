"""business relations (issue 28)

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-04 18:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "business",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("street", sa.String(length=160), nullable=False),
        sa.Column("postcode", sa.String(length=5), nullable=False),
        sa.Column("quarter", sa.String(length=20), nullable=False),
        sa.Column("sector", sa.String(length=20), nullable=False),
        sa.Column("headcount", sa.Integer(), nullable=True),
        sa.Column("size", sa.String(length=10), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("centre_id", sa.Integer(), nullable=True),
        sa.Column("stage", sa.String(length=12), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=True),
        sa.Column("publish_consent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("publish_consent_by_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("stats_key", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_contact_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("quarter IN ('altenhagen', 'wehringhausen', 'other')", name=op.f("ck_business_quarter")),
        sa.CheckConstraint(
            "sector IN ('bakery', 'kiosk', 'hairdresser', 'car_repair', 'cleaning', 'care', 'logistics', 'restaurant', 'retail', 'crafts', 'other')",
            name=op.f("ck_business_sector"),
        ),
        sa.CheckConstraint("size IS NULL OR size IN ('micro', 'small', 'medium', 'large')", name=op.f("ck_business_size")),
        sa.CheckConstraint("source IN ('visit', 'event', 'city_list', 'recommendation', 'self', 'other')", name=op.f("ck_business_source")),
        sa.CheckConstraint("stage IN ('known', 'approached', 'interested', 'cooperating', 'hiring', 'dormant')", name=op.f("ck_business_stage")),
        sa.CheckConstraint("headcount IS NULL OR headcount >= 0", name=op.f("ck_business_headcount")),
        sa.ForeignKeyConstraint(["centre_id"], ["centre.id"], name=op.f("fk_business_centre_id_centre")),
        sa.ForeignKeyConstraint(["employer_id"], ["employer.id"], name=op.f("fk_business_employer_id_employer"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["publish_consent_by_id"], ["user_account.id"], name=op.f("fk_business_publish_consent_by_id_user_account"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business")),
        sa.UniqueConstraint("employer_id", name=op.f("uq_business_employer_id")),
    )
    with op.batch_alter_table("business", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_business_centre_id"), ["centre_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_business_stage"), ["stage"], unique=False)

    op.create_table(
        "project_setting",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["updated_by_id"], ["user_account.id"], name=op.f("fk_project_setting_updated_by_id_user_account"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_project_setting")),
    )
    op.create_table(
        "business_activity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("contact_date", sa.Date(), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("next_step", sa.String(length=200), nullable=False),
        sa.Column("next_due", sa.Date(), nullable=True),
        sa.Column("next_owner_id", sa.Integer(), nullable=True),
        sa.Column("next_done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_reminded_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('visit', 'call', 'mail', 'event')", name=op.f("ck_business_activity_kind")),
        sa.ForeignKeyConstraint(["business_id"], ["business.id"], name=op.f("fk_business_activity_business_id_business"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["by_id"], ["user_account.id"], name=op.f("fk_business_activity_by_id_user_account"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["next_owner_id"], ["user_account.id"], name=op.f("fk_business_activity_next_owner_id_user_account"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_activity")),
    )
    with op.batch_alter_table("business_activity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_business_activity_business_id"), ["business_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_business_activity_next_due"), ["next_due"], unique=False)
        batch_op.create_index(batch_op.f("ix_business_activity_next_owner_id"), ["next_owner_id"], unique=False)

    op.create_table(
        "business_contact_person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("role", sa.String(length=80), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["business_id"], ["business.id"], name=op.f("fk_business_contact_person_business_id_business"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_contact_person")),
    )
    with op.batch_alter_table("business_contact_person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_business_contact_person_business_id"), ["business_id"], unique=False)

    op.create_table(
        "business_need",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=160), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("skills", sa.Text(), nullable=False),
        sa.Column("german_level", sa.String(length=2), nullable=False),
        sa.Column("positions", sa.Integer(), nullable=False),
        sa.Column("hours", sa.String(length=10), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("opening_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("hours IN ('full_time', 'part_time', 'minijob')", name=op.f("ck_business_need_hours")),
        sa.CheckConstraint("german_level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')", name=op.f("ck_business_need_german_level")),
        sa.CheckConstraint("status IN ('open', 'drafted', 'published', 'dropped')", name=op.f("ck_business_need_status")),
        sa.CheckConstraint("positions BETWEEN 1 AND 50", name=op.f("ck_business_need_positions")),
        sa.ForeignKeyConstraint(["activity_id"], ["business_activity.id"], name=op.f("fk_business_need_activity_id_business_activity"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["business_id"], ["business.id"], name=op.f("fk_business_need_business_id_business"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["opening_id"], ["opening.id"], name=op.f("fk_business_need_opening_id_opening"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_need")),
    )
    with op.batch_alter_table("business_need", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_business_need_business_id"), ["business_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_business_need_status"), ["status"], unique=False)

    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("business_key", sa.Integer(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_column("business_key")

    with op.batch_alter_table("business_need", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_business_need_status"))
        batch_op.drop_index(batch_op.f("ix_business_need_business_id"))

    op.drop_table("business_need")
    with op.batch_alter_table("business_contact_person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_business_contact_person_business_id"))

    op.drop_table("business_contact_person")
    with op.batch_alter_table("business_activity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_business_activity_next_owner_id"))
        batch_op.drop_index(batch_op.f("ix_business_activity_next_due"))
        batch_op.drop_index(batch_op.f("ix_business_activity_business_id"))

    op.drop_table("business_activity")
    op.drop_table("project_setting")
    with op.batch_alter_table("business", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_business_stage"))
        batch_op.drop_index(batch_op.f("ix_business_centre_id"))

    op.drop_table("business")
