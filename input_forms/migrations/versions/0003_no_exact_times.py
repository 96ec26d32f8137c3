"""no time finer than an hour: kiosk rate limit by hourly count, stored times coarsened, project close day

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 13:00:00

Why: ``kiosks.last_accepted_at`` held each kiosk's last entry to the microsecond
and, with the kiosk's highest feedback id, dated one citizen's entry; ballots
kept ``cast_at`` to the microsecond beside the voter. Now the rate limit keeps
an hour and a count (input_forms/rate_limit.py), every stored time is cut to
its hour, and ballots and staff comments keep the day only. Existing rows are
coarsened here; the exact times cannot come back on downgrade.
"""
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

#: (table, column, "hour" | "day"): every time column of the schema
TIME_COLUMNS = [
    ("users", "created_at", "hour"),
    ("projects", "created_at", "hour"),
    ("layout_options", "created_at", "hour"),
    ("option_versions", "created_at", "hour"),
    ("kiosks", "created_at", "hour"),
    ("feedback", "created_hour", "hour"),
    ("voting_rounds", "opened_at", "hour"),
    ("voting_rounds", "closed_at", "hour"),
    ("ballots", "cast_at", "day"),
    ("ballots", "updated_at", "day"),
    ("surveys", "created_at", "hour"),
    ("survey_responses", "created_hour", "hour"),
    ("staff_comments", "created_hour", "day"),
    ("staff_comments", "answered_at", "day"),
]


def _coarse(value: datetime, unit: str) -> datetime:
    value = value.replace(minute=0, second=0, microsecond=0)
    return value.replace(hour=0) if unit == "day" else value


def upgrade() -> None:
    # Plain ALTER TABLE, never a batch copy: on SQLite a batch recreates the table, and dropping the old kiosks
    # table with foreign keys on would cascade-delete every feedback row (SQLite >= 3.35 drops a column in place).
    op.add_column('kiosks', sa.Column('accepted_hour', sa.DateTime(), nullable=True))
    op.add_column('kiosks', sa.Column('accepted_in_hour', sa.Integer(), server_default='0', nullable=False))
    op.drop_column('kiosks', 'last_accepted_at')
    op.add_column('projects', sa.Column('closed_on', sa.DateTime(), nullable=True))
    conn = op.get_bind()
    for table_name, column_name, unit in TIME_COLUMNS:
        table = sa.table(table_name, sa.column('id', sa.Integer()), sa.column(column_name, sa.DateTime()))
        column = table.c[column_name]
        rows = conn.execute(sa.select(table.c.id, column).where(column.is_not(None))).all()
        changed = [{"row_id": row_id, "value": _coarse(value, unit)} for row_id, value in rows
                   if isinstance(value, datetime) and _coarse(value, unit) != value]
        if changed:
            conn.execute(table.update().where(table.c.id == sa.bindparam("row_id")).values({column_name: sa.bindparam("value")}),
                         changed)


def downgrade() -> None:
    op.drop_column('projects', 'closed_on')
    op.add_column('kiosks', sa.Column('last_accepted_at', sa.Float(), nullable=True))
    op.drop_column('kiosks', 'accepted_in_hour')
    op.drop_column('kiosks', 'accepted_hour')
