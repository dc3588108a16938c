"""Alembic migrations of the local store (batch mode: SQLite cannot ALTER much)."""
