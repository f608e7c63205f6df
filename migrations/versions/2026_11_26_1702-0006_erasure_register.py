"""erasure register

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 17:02:05.026173
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('erasure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('stats_key', sa.String(length=32), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=10), nullable=False),
    sa.Column('erased_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('index_seq', sa.Integer(), server_default='0', nullable=False),
    sa.CheckConstraint("reason IN ('request', 'retention')", name=op.f('ck_erasure_reason')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_erasure')),
    sa.UniqueConstraint('stats_key', name=op.f('uq_erasure_stats_key'))
    )
    with op.batch_alter_table('erasure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_erasure_index_seq'), ['index_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_erasure_participant_id'), ['participant_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('erasure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_erasure_participant_id'))
        batch_op.drop_index(batch_op.f('ix_erasure_index_seq'))

    op.drop_table('erasure')
