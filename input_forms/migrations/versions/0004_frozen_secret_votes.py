"""votes on frozen option versions, secret ballots, trial/decisive rounds, the baseline marked

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-02 12:45:00

- projects.min_ballots: a closed round's count is shown only from this many ballots on (default 5, never < 3).
- layout_options.is_baseline: today's layout; an option named "Baseline" becomes the project's baseline.
- voting_rounds.purpose ('decisive' | 'trial'; titles with "prøve", "trial" or "practice" become trial rounds),
  publish_winner, voided_ballots, ballot_salt (random per round).
- round_options.option_version_id: the exact version on the ballot; an existing round gets the version that
  was current when it opened (the latest saved at or before its opening, else the first).
- ballots.user_id -> ballots.voter_key: a keyed hash of (round salt, account), the same formula as
  input_forms.voting.voter_key, with the key of input_forms.pseudonym. Downgrading cannot name the voters
  again, so it deletes the ballots (the rounds and their options stay).

SQLite: the app runs with foreign keys on, and a batch "recreate" of a parent table (projects,
layout_options, voting_rounds) drops it, which cascades deletes into its children. So the parent
tables only get plain ADD/DROP COLUMN there, and their two new CHECK constraints exist on
PostgreSQL only (input_forms.voting checks the same rules before writing). Only round_options and
ballots, which nothing refers to, are recreated.
"""
import hashlib
import hmac
import secrets

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def _voter_key(key: bytes, salt: str, user_id: int) -> str:
    return hmac.new(key, f"ballot-voter:{salt}:{int(user_id)}".encode(), hashlib.sha256).hexdigest()[:32]


def _sqlite() -> bool:
    return op.get_bind().dialect.name == 'sqlite'


def _drop_columns(table: str, columns: list[str]) -> None:
    for column in columns:
        if _sqlite():  # SQLite >= 3.35 drops a column in place (no recreate, no cascade)
            op.execute(f'ALTER TABLE {table} DROP COLUMN {column}')
        else:
            op.drop_column(table, column)


def upgrade() -> None:
    conn = op.get_bind()
    op.add_column('projects', sa.Column('min_ballots', sa.Integer(), server_default='5', nullable=False))
    if not _sqlite():
        op.create_check_constraint(op.f('ck_projects_min_ballots'), 'projects', 'min_ballots >= 3')
    op.add_column('layout_options', sa.Column('is_baseline', sa.Boolean(), server_default=sa.false(), nullable=False))
    options = sa.table('layout_options', sa.column('id', sa.Integer), sa.column('project_id', sa.Integer),
                       sa.column('name', sa.String), sa.column('is_baseline', sa.Boolean))
    marked: set[int] = set()
    for row in conn.execute(sa.select(options.c.id, options.c.project_id, options.c.name).order_by(options.c.id)):
        if row.name.strip().casefold() == 'baseline' and row.project_id not in marked:
            marked.add(row.project_id)
            conn.execute(options.update().where(options.c.id == row.id).values(is_baseline=True))

    op.add_column('voting_rounds', sa.Column('purpose', sa.String(length=8), server_default='decisive', nullable=False))
    op.add_column('voting_rounds', sa.Column('publish_winner', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column('voting_rounds', sa.Column('voided_ballots', sa.Integer(), server_default='0', nullable=False))
    op.add_column('voting_rounds', sa.Column('ballot_salt', sa.String(length=32), server_default='', nullable=False))
    if not _sqlite():
        op.create_check_constraint(op.f('ck_voting_rounds_purpose'), 'voting_rounds', "purpose IN ('decisive', 'trial')")
    rounds = sa.table('voting_rounds', sa.column('id', sa.Integer), sa.column('title', sa.String),
                      sa.column('opened_at', sa.DateTime), sa.column('purpose', sa.String),
                      sa.column('ballot_salt', sa.String))
    salts: dict[int, str] = {}
    opened: dict[int, object] = {}
    for row in conn.execute(sa.select(rounds.c.id, rounds.c.title, rounds.c.opened_at)):
        salts[row.id] = secrets.token_hex(16)
        opened[row.id] = row.opened_at
        title = (row.title or '').casefold()
        purpose = 'trial' if any(w in title for w in ('prøve', 'trial', 'practice')) else 'decisive'
        conn.execute(rounds.update().where(rounds.c.id == row.id).values(ballot_salt=salts[row.id], purpose=purpose))

    with op.batch_alter_table('round_options', schema=None) as batch_op:
        batch_op.add_column(sa.Column('option_version_id', sa.Integer(), nullable=True))
    round_options = sa.table('round_options', sa.column('round_id', sa.Integer), sa.column('option_id', sa.Integer),
                             sa.column('option_version_id', sa.Integer))
    versions = sa.table('option_versions', sa.column('id', sa.Integer), sa.column('option_id', sa.Integer),
                        sa.column('version', sa.Integer), sa.column('created_at', sa.DateTime))
    for ro in conn.execute(sa.select(round_options.c.round_id, round_options.c.option_id)).all():
        rows = conn.execute(sa.select(versions.c.id, versions.c.created_at).where(versions.c.option_id == ro.option_id)
                            .order_by(versions.c.version)).all()
        if not rows:
            continue
        at = opened.get(ro.round_id)
        chosen = rows[0].id
        for v in rows:
            if at is not None and v.created_at is not None and v.created_at <= at:
                chosen = v.id
        conn.execute(round_options.update().where((round_options.c.round_id == ro.round_id)
                                                  & (round_options.c.option_id == ro.option_id))
                     .values(option_version_id=chosen))
    conn.execute(round_options.delete().where(round_options.c.option_version_id.is_(None)))
    with op.batch_alter_table('round_options', schema=None) as batch_op:
        batch_op.alter_column('option_version_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(batch_op.f('fk_round_options_option_version_id_option_versions'), 'option_versions',
                                    ['option_version_id'], ['id'])

    with op.batch_alter_table('ballots', schema=None) as batch_op:
        batch_op.add_column(sa.Column('voter_key', sa.String(length=64), nullable=True))
    ballots = sa.table('ballots', sa.column('id', sa.Integer), sa.column('round_id', sa.Integer),
                       sa.column('user_id', sa.Integer), sa.column('voter_key', sa.String))
    rows = conn.execute(sa.select(ballots.c.id, ballots.c.round_id, ballots.c.user_id)).all()
    if rows:
        from input_forms.pseudonym import _key

        key = _key(conn.engine)
        for b in rows:
            conn.execute(ballots.update().where(ballots.c.id == b.id)
                         .values(voter_key=_voter_key(key, salts.get(b.round_id, ''), b.user_id)))
    with op.batch_alter_table('ballots', schema=None) as batch_op:
        batch_op.drop_constraint('uq_ballots_round_user', type_='unique')
        batch_op.drop_constraint(batch_op.f('fk_ballots_user_id_users'), type_='foreignkey')
        batch_op.drop_column('user_id')
        batch_op.alter_column('voter_key', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint('uq_ballots_round_voter', ['round_id', 'voter_key'])


def downgrade() -> None:
    op.execute('DELETE FROM ballots')  # a voter key cannot be turned back into an account
    with op.batch_alter_table('ballots', schema=None) as batch_op:
        batch_op.drop_constraint('uq_ballots_round_voter', type_='unique')
        batch_op.drop_column('voter_key')
        batch_op.add_column(sa.Column('user_id', sa.Integer(), nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_ballots_user_id_users'), 'users', ['user_id'], ['id'], ondelete='CASCADE')
        batch_op.create_unique_constraint('uq_ballots_round_user', ['round_id', 'user_id'])
    with op.batch_alter_table('round_options', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_round_options_option_version_id_option_versions'), type_='foreignkey')
        batch_op.drop_column('option_version_id')
    if not _sqlite():
        op.drop_constraint(op.f('ck_voting_rounds_purpose'), 'voting_rounds', type_='check')
        op.drop_constraint(op.f('ck_projects_min_ballots'), 'projects', type_='check')
    _drop_columns('voting_rounds', ['ballot_salt', 'voided_ballots', 'publish_winner', 'purpose'])
    _drop_columns('layout_options', ['is_baseline'])
    _drop_columns('projects', ['min_ballots'])
