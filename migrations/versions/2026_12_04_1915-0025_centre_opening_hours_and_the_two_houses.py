"""the houses' opening hours; the two Perspektivhäuser exist from the start (issue 27: a new installation had none)

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-04 19:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

# The project's two neighbourhood centres (seed text: "Gemeinsam für Hagen 2.0"); phone and opening hours are
# set by the project lead on the page "Häuser".
HOUSES = (
    ("altenhagen", "Perspektivhaus Altenhagen", "Caritas Hagen e.V.", "altenhagen", "Boeler Str. 3, 58097 Hagen"),
    ("wehringhausen", "Perspektivhaus Wehringhausen", "Diakonie Mark-Ruhr (ALZ)", "wehringhausen", "Södingstr. 18, 58095 Hagen"),
)


def upgrade() -> None:
    with op.batch_alter_table("centre", schema=None) as batch_op:
        batch_op.add_column(sa.Column("opening_hours", sa.String(length=300), server_default="", nullable=False))
    centre = sa.table(
        "centre",
        sa.column("slug", sa.String),
        sa.column("name", sa.String),
        sa.column("partner", sa.String),
        sa.column("quarter", sa.String),
        sa.column("address", sa.String),
        sa.column("phone", sa.String),
        sa.column("opening_hours", sa.String),
    )
    bind = op.get_bind()
    known = set(bind.execute(sa.select(centre.c.slug)).scalars())
    missing = [dict(zip(("slug", "name", "partner", "quarter", "address"), house, strict=True)) | {"phone": "", "opening_hours": ""} for house in HOUSES if house[0] not in known]
    if missing:
        op.bulk_insert(centre, missing)


def downgrade() -> None:
    with op.batch_alter_table("centre", schema=None) as batch_op:
        batch_op.drop_column("opening_hours")
