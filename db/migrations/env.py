"""Alembic environment: migrations run on the connection db.migrate hands over.

Run from the command line (`alembic -c db/alembic.ini revision --autogenerate -m …`) it
opens the database that `tracker` would use.
"""
from alembic import context

from db.models import Base, built_here

config = context.config


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,   # SQLite alters tables by copying them
        compare_type=True,
        include_object=lambda obj, name, type_, reflected, compare_to: built_here(obj, connection.dialect.name),
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    from db.config import database_url
    from db.session import make_engine

    engine = make_engine(database_url(), foreign_keys=False)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()
