"""messages: a rowid table with a unique index on id instead of an id primary key

A first snapshot writes ~800,000 messages with random UUID ids. As the primary key, the id's
index could not be set aside, and every page rewrote thousands of its scattered pages; as a
named unique index it is built once at the snapshot's end (``db.bulk``), like the others.
Rows keep their ids and their order; nothing outside the table refers to a message.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = 'id, ticket_id, kind, author, body, created_at, "conflict", op_id'


def _rebuild(primary_key: str) -> None:
    op.execute(
        f"""CREATE TABLE messages_new (
        id VARCHAR(36) NOT NULL,
        ticket_id VARCHAR(36) NOT NULL,
        kind VARCHAR(10) NOT NULL,
        author VARCHAR(80) NOT NULL,
        body TEXT NOT NULL,
        created_at VARCHAR(32) NOT NULL,
        "conflict" VARCHAR(60),
        op_id VARCHAR(36),
        {primary_key}CONSTRAINT fk_messages_ticket_id_tickets FOREIGN KEY(ticket_id)
            REFERENCES tickets (id) ON DELETE CASCADE
    )"""
    )
    op.execute(f"INSERT INTO messages_new ({COLUMNS}) SELECT {COLUMNS} FROM messages ORDER BY rowid")
    op.execute("DROP TABLE messages")
    op.execute("ALTER TABLE messages_new RENAME TO messages")
    op.execute("CREATE INDEX ix_messages_ticket ON messages (ticket_id, created_at)")
    op.execute("CREATE INDEX ix_messages_op_id ON messages (op_id) WHERE op_id IS NOT NULL")


def upgrade() -> None:
    _rebuild("")
    op.execute("CREATE UNIQUE INDEX ux_messages_id ON messages (id)")


def downgrade() -> None:
    _rebuild("CONSTRAINT pk_messages PRIMARY KEY (id),\n        ")
