"""access requests

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 15:24:28.188720
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('access_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('sector', sa.String(length=20), nullable=False),
    sa.Column('street', sa.String(length=160), nullable=False),
    sa.Column('postcode', sa.String(length=5), nullable=False),
    sa.Column('contact_name', sa.String(length=160), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("sector IN ('bakery', 'kiosk', 'hairdresser', 'car_repair', 'cleaning', 'care', 'logistics', 'restaurant', 'retail', 'crafts', 'other')", name=op.f('ck_access_request_sector')),
    sa.CheckConstraint("status IN ('pending', 'approved', 'declined')", name=op.f('ck_access_request_status')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_access_request_decided_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_access_request'))
    )
    with op.batch_alter_table('access_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_access_request_status'), ['status'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('access_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_access_request_status'))

    op.drop_table('access_request')
