"""staff comments pinned on layout options

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 14:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('staff_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('option_id', sa.Integer(), nullable=False),
    sa.Column('option_version', sa.Integer(), nullable=False),
    sa.Column('feature_id', sa.String(length=100), nullable=True),
    sa.Column('pin_x', sa.Float(), nullable=True),
    sa.Column('pin_y', sa.Float(), nullable=True),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('author_role', sa.String(length=100), nullable=False),
    sa.Column('author_name', sa.String(length=200), nullable=True),
    sa.Column('author_ref', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('answered_version', sa.Integer(), nullable=True),
    sa.Column('created_hour', sa.DateTime(), nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("category IN ('problem', 'idea', 'question')", name=op.f('ck_staff_comments_category')),
    sa.CheckConstraint("status IN ('open', 'taken', 'declined')", name=op.f('ck_staff_comments_status')),
    sa.ForeignKeyConstraint(['option_id'], ['layout_options.id'], name=op.f('fk_staff_comments_option_id_layout_options'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_staff_comments_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_comments'))
    )
    with op.batch_alter_table('staff_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_comments_option_id'), ['option_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_comments_project_id'), ['project_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('staff_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_comments_project_id'))
        batch_op.drop_index(batch_op.f('ix_staff_comments_option_id'))
    op.drop_table('staff_comments')
