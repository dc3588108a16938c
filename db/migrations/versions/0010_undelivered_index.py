"""messages: a partial index of the replies that have not reached the citizen ("Balasan belum
sampai"), so the view and its count read a few index entries instead of every message

Revision ID: 0010
Revises: 0008
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Built once by one scan of messages (seconds on a store of a million tickets); from then on
    # SQLite keeps only the failed and manual deliveries in it.
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_messages_undelivered ON messages (ticket_id) "
        "WHERE json_extract(delivery, '$.state') IN ('failed', 'manual')"
    )


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_messages_undelivered")
