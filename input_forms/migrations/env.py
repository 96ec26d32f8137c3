"""Alembic environment: runs on the connection handed over by input_forms.db.migrate.

For the command line (``alembic -c input_forms/alembic.ini upgrade head``), the
URL comes from DATABASE_URL or the default data/jobcenter.db.
"""

from alembic import context

from input_forms.schema import metadata

config = context.config
connection = config.attributes.get("connection")


def _run(conn) -> None:
    context.configure(connection=conn, target_metadata=metadata, render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:
    from input_forms.db import make_engine

    engine = make_engine(migrate_now=False)
    with engine.connect() as conn:
        _run(conn)
        conn.commit()
