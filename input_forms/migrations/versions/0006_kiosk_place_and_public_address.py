"""a kiosk's place on its plan, and the project's public address for kiosk links

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 16:05:00

- kiosks.here_x, kiosks.here_y: where the kiosk stands on its plan (plan metres), for the "you are here"
  marker on the citizen's picture; both NULL until the facilitator sets it.
- projects.public_base_url: the address tablets and phones reach the app at (e.g. https://planner.example.dk),
  set by the facilitator; kiosk links and QR codes are built from it. NULL until set. A project column, not an
  app-wide setting: a project is what kiosks, backups and restores hang on.

SQLite: kiosks and projects are parent tables (feedback and everything else refer to them) and the app runs
with foreign keys on, so a batch "recreate" would cascade deletes into their children: only plain
ADD/DROP COLUMN here (see 0004).
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def _drop_column(table: str, column: str) -> None:
    if op.get_bind().dialect.name == 'sqlite':  # SQLite >= 3.35 drops a column in place (no recreate, no cascade)
        op.execute(f'ALTER TABLE {table} DROP COLUMN {column}')
    else:
        op.drop_column(table, column)


def upgrade() -> None:
    op.add_column('kiosks', sa.Column('here_x', sa.Float(), nullable=True))
    op.add_column('kiosks', sa.Column('here_y', sa.Float(), nullable=True))
    op.add_column('projects', sa.Column('public_base_url', sa.String(length=500), nullable=True))


def downgrade() -> None:
    _drop_column('projects', 'public_base_url')
    _drop_column('kiosks', 'here_y')
    _drop_column('kiosks', 'here_x')
