"""Alembic environment: runs on the connection handed in by ``db.migrate``."""

from alembic import context

from db.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the `alembic` CLI reaches this
    from sqlalchemy import create_engine

    connection = create_engine(context.config.get_main_option("sqlalchemy.url") or "").connect()


def include_object(obj, name, type_, reflected, compare_to):
    # FTS5 tables and their shadow tables are made by hand in 0002; autogenerate must not drop them.
    return not (type_ == "table" and name is not None and name.startswith("tickets_fts"))


context.configure(
    connection=connection,
    include_object=include_object,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
