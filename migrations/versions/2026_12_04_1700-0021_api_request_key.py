"""API requests sent with an Idempotency-Key and the answers they got (issue 27)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-04 17:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_request_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], name=op.f("fk_api_request_key_user_id_user_account"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_request_key")),
        sa.UniqueConstraint("user_id", "key", name=op.f("uq_api_request_key_user_id_key")),
    )
    op.create_index(op.f("ix_api_request_key_user_id"), "api_request_key", ["user_id"], unique=False)
    op.create_index(op.f("ix_api_request_key_created_at"), "api_request_key", ["created_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_api_request_key_created_at"), table_name="api_request_key")
    op.drop_index(op.f("ix_api_request_key_user_id"), table_name="api_request_key")
    op.drop_table("api_request_key")
