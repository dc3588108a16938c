"""Alembic environment: runs on the connection handed in by ``db.migrate``."""

from alembic import context

from db.migrate import include_object
from db.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the `alembic` CLI reaches this
    from sqlalchemy import create_engine

    connection = create_engine(context.config.get_main_option("sqlalchemy.url") or "").connect()


context.configure(
    connection=connection,
    include_object=include_object,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
