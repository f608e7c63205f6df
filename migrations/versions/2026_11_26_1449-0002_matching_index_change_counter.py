"""matching index change counter

Every worker keeps its own matching index; rows changed since it last looked carry a
higher index_seq. Existing rows start at 0 and are read on the first build anyway.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 14:49:56.540082
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('matching_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_matching_state_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matching_state'))
    )
    op.execute("INSERT INTO matching_state (id, seq) VALUES (1, 0)")
    with op.batch_alter_table('opening', schema=None) as batch_op:
        batch_op.add_column(sa.Column('index_seq', sa.Integer(), nullable=False, server_default='0'))
        batch_op.create_index(batch_op.f('ix_opening_index_seq'), ['index_seq'], unique=False)

    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('index_seq', sa.Integer(), nullable=False, server_default='0'))
        batch_op.create_index(batch_op.f('ix_participant_index_seq'), ['index_seq'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_index_seq'))
        batch_op.drop_column('index_seq')

    with op.batch_alter_table('opening', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opening_index_seq'))
        batch_op.drop_column('index_seq')

    op.drop_table('matching_state')
