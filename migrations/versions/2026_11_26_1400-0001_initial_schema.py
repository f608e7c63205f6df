"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 14:01:13.782443
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('centre',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('partner', sa.String(length=120), nullable=False),
    sa.Column('quarter', sa.String(length=20), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.CheckConstraint("quarter IN ('altenhagen', 'wehringhausen', 'other')", name=op.f('ck_centre_quarter')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_centre')),
    sa.UniqueConstraint('slug', name=op.f('uq_centre_slug'))
    )
    op.create_table('employer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('sector', sa.String(length=20), nullable=False),
    sa.Column('street', sa.String(length=160), nullable=False),
    sa.Column('postcode', sa.String(length=5), nullable=False),
    sa.Column('quarter', sa.String(length=20), nullable=False),
    sa.Column('contact_name', sa.String(length=160), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("quarter IN ('altenhagen', 'wehringhausen', 'other')", name=op.f('ck_employer_quarter')),
    sa.CheckConstraint("sector IN ('bakery', 'kiosk', 'hairdresser', 'car_repair', 'cleaning', 'care', 'logistics', 'restaurant', 'retail', 'crafts', 'other')", name=op.f('ck_employer_sector')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employer'))
    )
    op.create_table('opening',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employer_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('german_level', sa.String(length=2), nullable=False),
    sa.Column('hours', sa.String(length=10), nullable=False),
    sa.Column('hours_per_week', sa.Integer(), nullable=True),
    sa.Column('driving_licence', sa.String(length=4), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('postcode', sa.String(length=5), nullable=True),
    sa.Column('quarter', sa.String(length=20), nullable=False),
    sa.Column('language_support', sa.Boolean(), nullable=False),
    sa.Column('training_on_job', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("driving_licence IS NULL OR driving_licence IN ('AM', 'A', 'B', 'BE', 'C1', 'C1E', 'C', 'CE', 'L', 'T')", name=op.f('ck_opening_driving_licence')),
    sa.CheckConstraint("german_level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')", name=op.f('ck_opening_german_level')),
    sa.CheckConstraint("hours IN ('full_time', 'part_time', 'minijob')", name=op.f('ck_opening_hours')),
    sa.CheckConstraint("quarter IN ('altenhagen', 'wehringhausen', 'other')", name=op.f('ck_opening_quarter')),
    sa.CheckConstraint("status IN ('draft', 'open', 'paused', 'filled', 'closed')", name=op.f('ck_opening_status')),
    sa.CheckConstraint('hours_per_week IS NULL OR (hours_per_week BETWEEN 1 AND 48)', name=op.f('ck_opening_hours_per_week')),
    sa.ForeignKeyConstraint(['employer_id'], ['employer.id'], name=op.f('fk_opening_employer_id_employer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opening'))
    )
    with op.batch_alter_table('opening', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opening_employer_id'), ['employer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_opening_status'), ['status'], unique=False)

    op.create_table('user_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=True),
    sa.Column('employer_id', sa.Integer(), nullable=True),
    sa.Column('demo_password', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("role != 'admin' OR (employer_id IS NULL AND centre_id IS NULL)", name=op.f('ck_user_account_admin_unlinked')),
    sa.CheckConstraint("role != 'counsellor' OR (centre_id IS NOT NULL AND employer_id IS NULL)", name=op.f('ck_user_account_counsellor_has_centre')),
    sa.CheckConstraint("role != 'employer' OR (employer_id IS NOT NULL AND centre_id IS NULL)", name=op.f('ck_user_account_employer_has_company')),
    sa.CheckConstraint("role IN ('admin', 'counsellor', 'employer')", name=op.f('ck_user_account_role')),
    sa.ForeignKeyConstraint(['centre_id'], ['centre.id'], name=op.f('fk_user_account_centre_id_centre')),
    sa.ForeignKeyConstraint(['employer_id'], ['employer.id'], name=op.f('fk_user_account_employer_id_employer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_account')),
    sa.UniqueConstraint('email', name=op.f('uq_user_account_email'))
    )
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_account_centre_id'), ['centre_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_user_account_employer_id'), ['employer_id'], unique=False)

    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_role', sa.String(length=20), nullable=True),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('object_type', sa.String(length=30), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], name=op.f('fk_audit_event_actor_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index('ix_audit_event_at', ['at'], unique=False)
        batch_op.create_index('ix_audit_event_object', ['object_type', 'object_id'], unique=False)

    op.create_table('event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=True),
    sa.Column('employer_id', sa.Integer(), nullable=True),
    sa.Column('opening_id', sa.Integer(), nullable=True),
    sa.Column('participant_key', sa.String(length=32), nullable=True),
    sa.Column('quarter', sa.String(length=20), nullable=True),
    sa.Column('sector', sa.String(length=20), nullable=True),
    sa.Column('reason', sa.String(length=40), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['centre_id'], ['centre.id'], name=op.f('fk_event_centre_id_centre')),
    sa.ForeignKeyConstraint(['employer_id'], ['employer.id'], name=op.f('fk_event_employer_id_employer')),
    sa.ForeignKeyConstraint(['opening_id'], ['opening.id'], name=op.f('fk_event_opening_id_opening'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event'))
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index('ix_event_kind_occurred_at', ['kind', 'occurred_at'], unique=False)

    op.create_table('login_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('end_reason', sa.String(length=30), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_login_session_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_session')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_login_session_token_hash'))
    )
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_session_user_id'), ['user_id'], unique=False)

    op.create_table('opening_skill',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('opening_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('is_must', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('term', sa.String(length=200), nullable=False),
    sa.Column('skill_id', sa.String(length=64), nullable=True),
    sa.Column('match_how', sa.String(length=20), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=True),
    sa.CheckConstraint("kind = 'required' OR NOT is_must", name=op.f('ck_opening_skill_must_is_required')),
    sa.CheckConstraint("kind IN ('required', 'optional')", name=op.f('ck_opening_skill_kind')),
    sa.ForeignKeyConstraint(['opening_id'], ['opening.id'], name=op.f('fk_opening_skill_opening_id_opening'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opening_skill'))
    )
    with op.batch_alter_table('opening_skill', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opening_skill_opening_id'), ['opening_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_opening_skill_skill_id'), ['skill_id'], unique=False)

    op.create_table('participant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pseudonym', sa.String(length=20), nullable=False),
    sa.Column('stats_key', sa.String(length=32), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=False),
    sa.Column('counsellor_id', sa.Integer(), nullable=True),
    sa.Column('german_level', sa.String(length=2), nullable=False),
    sa.Column('wants_full_time', sa.Boolean(), nullable=False),
    sa.Column('wants_part_time', sa.Boolean(), nullable=False),
    sa.Column('wants_minijob', sa.Boolean(), nullable=False),
    sa.Column('available_from', sa.Date(), nullable=True),
    sa.Column('driving_licences', sa.JSON(), nullable=False),
    sa.Column('postcode', sa.String(length=5), nullable=True),
    sa.Column('quarter', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("german_level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')", name=op.f('ck_participant_german_level')),
    sa.CheckConstraint("quarter IN ('altenhagen', 'wehringhausen', 'other')", name=op.f('ck_participant_quarter')),
    sa.CheckConstraint("status IN ('active', 'paused', 'placed', 'left')", name=op.f('ck_participant_status')),
    sa.ForeignKeyConstraint(['centre_id'], ['centre.id'], name=op.f('fk_participant_centre_id_centre')),
    sa.ForeignKeyConstraint(['counsellor_id'], ['user_account.id'], name=op.f('fk_participant_counsellor_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant')),
    sa.UniqueConstraint('pseudonym', name=op.f('uq_participant_pseudonym')),
    sa.UniqueConstraint('stats_key', name=op.f('uq_participant_stats_key'))
    )
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_centre_id'), ['centre_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participant_counsellor_id'), ['counsellor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participant_status'), ['status'], unique=False)

    op.create_table('consent_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=12), nullable=False),
    sa.Column('text_version', sa.String(length=20), nullable=False),
    sa.Column('given_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("scope IN ('skills', 'first_name', 'contact')", name=op.f('ck_consent_record_scope')),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_consent_record_participant_id_participant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user_account.id'], name=op.f('fk_consent_record_recorded_by_id_user_account')),
    sa.ForeignKeyConstraint(['withdrawn_by_id'], ['user_account.id'], name=op.f('fk_consent_record_withdrawn_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_record'))
    )
    with op.batch_alter_table('consent_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_record_participant_id'), ['participant_id'], unique=False)

    op.create_table('introduction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('opening_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('explanation', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decision_reason', sa.String(length=40), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=False),
    sa.Column('introduced_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('interview_on', sa.Date(), nullable=True),
    sa.Column('hired_start', sa.Date(), nullable=True),
    sa.Column('outcome_reason', sa.String(length=40), nullable=True),
    sa.Column('outcome_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('suggested', 'approved', 'rejected', 'introduced', 'interview', 'hired', 'not_hired', 'withdrawn')", name=op.f('ck_introduction_status')),
    sa.CheckConstraint('score >= 0 AND score <= 1', name=op.f('ck_introduction_score_range')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_introduction_decided_by_id_user_account')),
    sa.ForeignKeyConstraint(['opening_id'], ['opening.id'], name=op.f('fk_introduction_opening_id_opening'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_introduction_participant_id_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_introduction')),
    sa.UniqueConstraint('opening_id', 'participant_id', name=op.f('uq_introduction_opening_id_participant_id'))
    )
    with op.batch_alter_table('introduction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_introduction_opening_id'), ['opening_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_introduction_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_introduction_status'), ['status'], unique=False)

    op.create_table('participant_identity',
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_participant_identity_participant_id_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('participant_id', name=op.f('pk_participant_identity'))
    )
    op.create_table('participant_language',
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=3), nullable=False),
    sa.Column('level', sa.String(length=2), nullable=False),
    sa.CheckConstraint("language != 'de'", name=op.f('ck_participant_language_not_german')),
    sa.CheckConstraint("level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')", name=op.f('ck_participant_language_level')),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_participant_language_participant_id_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('participant_id', 'language', name=op.f('pk_participant_language'))
    )
    op.create_table('participant_skill',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('term', sa.String(length=200), nullable=False),
    sa.Column('skill_id', sa.String(length=64), nullable=True),
    sa.Column('match_how', sa.String(length=20), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_participant_skill_participant_id_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant_skill'))
    )
    with op.batch_alter_table('participant_skill', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_skill_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participant_skill_skill_id'), ['skill_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('participant_skill', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_skill_skill_id'))
        batch_op.drop_index(batch_op.f('ix_participant_skill_participant_id'))

    op.drop_table('participant_skill')
    op.drop_table('participant_language')
    op.drop_table('participant_identity')
    with op.batch_alter_table('introduction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_introduction_status'))
        batch_op.drop_index(batch_op.f('ix_introduction_participant_id'))
        batch_op.drop_index(batch_op.f('ix_introduction_opening_id'))

    op.drop_table('introduction')
    with op.batch_alter_table('consent_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_record_participant_id'))

    op.drop_table('consent_record')
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_status'))
        batch_op.drop_index(batch_op.f('ix_participant_counsellor_id'))
        batch_op.drop_index(batch_op.f('ix_participant_centre_id'))

    op.drop_table('participant')
    with op.batch_alter_table('opening_skill', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opening_skill_skill_id'))
        batch_op.drop_index(batch_op.f('ix_opening_skill_opening_id'))

    op.drop_table('opening_skill')
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_session_user_id'))

    op.drop_table('login_session')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index('ix_event_kind_occurred_at')

    op.drop_table('event')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_event_object')
        batch_op.drop_index('ix_audit_event_at')

    op.drop_table('audit_event')
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_account_employer_id'))
        batch_op.drop_index(batch_op.f('ix_user_account_centre_id'))

    op.drop_table('user_account')
    with op.batch_alter_table('opening', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opening_status'))
        batch_op.drop_index(batch_op.f('ix_opening_employer_id'))

    op.drop_table('opening')
    op.drop_table('employer')
    op.drop_table('centre')
