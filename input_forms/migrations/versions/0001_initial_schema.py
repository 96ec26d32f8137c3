"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23 19:41:34.353206
"""
import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('password_hash', sa.String(length=128), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('staff_title', sa.String(length=100), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("role IN ('facilitator', 'designer', 'staff')", name=op.f('ck_users_role')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('calmer_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('label_da', sa.String(length=200), nullable=False),
    sa.Column('label_en', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_calmer_items_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calmer_items')),
    sa.UniqueConstraint('project_id', 'key', name='uq_calmer_items_project_key')
    )
    op.create_table('layout_options',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_layout_options_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_layout_options')),
    sa.UniqueConstraint('project_id', 'name', name='uq_layout_options_project_name')
    )
    with op.batch_alter_table('layout_options', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_layout_options_project_id'), ['project_id'], unique=False)

    op.create_table('surveys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_surveys_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_surveys'))
    )
    with op.batch_alter_table('surveys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_surveys_project_id'), ['project_id'], unique=False)

    op.create_table('voting_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("status IN ('open', 'closed')", name=op.f('ck_voting_rounds_status')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_voting_rounds_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voting_rounds'))
    )
    with op.batch_alter_table('voting_rounds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voting_rounds_project_id'), ['project_id'], unique=False)

    op.create_table('ballots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('ranking', sa.Text(), nullable=False),
    sa.Column('cast_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['voting_rounds.id'], name=op.f('fk_ballots_round_id_voting_rounds'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_ballots_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ballots')),
    sa.UniqueConstraint('round_id', 'user_id', name='uq_ballots_round_user')
    )
    op.create_table('kiosks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('option_id', sa.Integer(), nullable=True),
    sa.Column('location_label', sa.String(length=200), nullable=False),
    sa.Column('token', sa.String(length=100), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('last_accepted_at', sa.Float(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['option_id'], ['layout_options.id'], name=op.f('fk_kiosks_option_id_layout_options'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_kiosks_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kiosks')),
    sa.UniqueConstraint('token', name=op.f('uq_kiosks_token'))
    )
    with op.batch_alter_table('kiosks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kiosks_project_id'), ['project_id'], unique=False)

    op.create_table('option_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('option_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('plan_geojson', sa.Text(), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['option_id'], ['layout_options.id'], name=op.f('fk_option_versions_option_id_layout_options'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_option_versions')),
    sa.UniqueConstraint('option_id', 'version', name='uq_option_versions_option_version')
    )
    op.create_table('round_options',
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('option_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['option_id'], ['layout_options.id'], name=op.f('fk_round_options_option_id_layout_options'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['voting_rounds.id'], name=op.f('fk_round_options_round_id_voting_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('round_id', 'option_id', name=op.f('pk_round_options'))
    )
    op.create_table('survey_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_items_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_items'))
    )
    op.create_table('feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('kiosk_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.String(length=64), nullable=False),
    sa.Column('option_id', sa.Integer(), nullable=True),
    sa.Column('rating', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('created_hour', sa.DateTime(), nullable=False),
    sa.Column('pin_option_id', sa.Integer(), nullable=True),
    sa.Column('pin_x', sa.Float(), nullable=True),
    sa.Column('pin_y', sa.Float(), nullable=True),
    sa.Column('pin_category', sa.String(length=16), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('text_status', sa.String(length=16), nullable=False),
    sa.CheckConstraint("pin_category IS NULL OR pin_category IN ('calm', 'stressful', 'idea')", name=op.f('ck_feedback_pin_category')),
    sa.CheckConstraint("text_status IN ('none', 'pending', 'approved', 'rejected')", name=op.f('ck_feedback_text_status')),
    sa.CheckConstraint('rating BETWEEN 1 AND 5', name=op.f('ck_feedback_rating')),
    sa.ForeignKeyConstraint(['kiosk_id'], ['kiosks.id'], name=op.f('fk_feedback_kiosk_id_kiosks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['option_id'], ['layout_options.id'], name=op.f('fk_feedback_option_id_layout_options'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['pin_option_id'], ['layout_options.id'], name=op.f('fk_feedback_pin_option_id_layout_options'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_feedback_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback')),
    sa.UniqueConstraint('kiosk_id', 'client_id', name='uq_feedback_kiosk_client')
    )
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_project_id'), ['project_id'], unique=False)
        batch_op.create_index('ix_feedback_text_status', ['project_id', 'text_status'], unique=False)

    op.create_table('survey_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('phase', sa.String(length=16), nullable=False),
    sa.Column('kiosk_id', sa.Integer(), nullable=True),
    sa.Column('created_hour', sa.DateTime(), nullable=False),
    sa.CheckConstraint("phase IN ('baseline', 'after')", name=op.f('ck_survey_responses_phase')),
    sa.ForeignKeyConstraint(['kiosk_id'], ['kiosks.id'], name=op.f('fk_survey_responses_kiosk_id_kiosks'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_responses_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_responses'))
    )
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_responses_survey_id'), ['survey_id'], unique=False)

    op.create_table('feedback_calmer',
    sa.Column('feedback_id', sa.Integer(), nullable=False),
    sa.Column('item_key', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['feedback_id'], ['feedback.id'], name=op.f('fk_feedback_calmer_feedback_id_feedback'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('feedback_id', 'item_key', name=op.f('pk_feedback_calmer'))
    )
    op.create_table('survey_answers',
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('why', sa.Text(), nullable=True),
    sa.CheckConstraint('value BETWEEN 1 AND 5', name=op.f('ck_survey_answers_value')),
    sa.ForeignKeyConstraint(['item_id'], ['survey_items.id'], name=op.f('fk_survey_answers_item_id_survey_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['response_id'], ['survey_responses.id'], name=op.f('fk_survey_answers_response_id_survey_responses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('response_id', 'item_id', name=op.f('pk_survey_answers'))
    )


def downgrade() -> None:
    op.drop_table('survey_answers')
    op.drop_table('feedback_calmer')
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_responses_survey_id'))

    op.drop_table('survey_responses')
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index('ix_feedback_text_status')
        batch_op.drop_index(batch_op.f('ix_feedback_project_id'))

    op.drop_table('feedback')
    op.drop_table('survey_items')
    op.drop_table('round_options')
    op.drop_table('option_versions')
    with op.batch_alter_table('kiosks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kiosks_project_id'))

    op.drop_table('kiosks')
    op.drop_table('ballots')
    with op.batch_alter_table('voting_rounds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voting_rounds_project_id'))

    op.drop_table('voting_rounds')
    with op.batch_alter_table('surveys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_surveys_project_id'))

    op.drop_table('surveys')
    with op.batch_alter_table('layout_options', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_layout_options_project_id'))

    op.drop_table('layout_options')
    op.drop_table('calmer_items')
    op.drop_table('users')
    op.drop_table('projects')
