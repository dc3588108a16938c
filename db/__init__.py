"""The workstation's local store: SQLAlchemy 2 models, the engine factory, the unit of
work (the only place sessions are opened), repositories that take a session, and the
Alembic migrations applied automatically at start-up.

Only ``desktop`` imports this package; the Qt layer never does.
"""
