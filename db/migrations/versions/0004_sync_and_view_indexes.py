"""indexes for answering pushes and the Selesai view; a leaner search index

- ``messages.op_id``: every answered op clears its message's op_id; without an index each
  answer scanned the whole messages table.
- the Selesai view orders by when a ticket was done; with 1,000,000 tickets its first page
  took seconds without an index.
- the search index drops its prefix indexes: they doubled the cost of indexing a ticket,
  and prefix queries stay fast on the plain index.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = "tracking_no, title, body, reporter_name"
TRIGGERS = ("tickets_fts_ai", "tickets_fts_ad", "tickets_fts_au")


def _search_table(options: str) -> None:
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS tickets_fts")
    op.execute(
        f"CREATE VIRTUAL TABLE tickets_fts USING fts5({COLUMNS}, content='tickets', content_rowid='rowid',"
        f" tokenize='unicode61 remove_diacritics 2'{options})"
    )
    new = "new.tracking_no, new.title, new.body, new.reporter_name"
    old = "old.tracking_no, old.title, old.body, old.reporter_name"
    op.execute(
        f"CREATE TRIGGER tickets_fts_ai AFTER INSERT ON tickets BEGIN "
        f"INSERT INTO tickets_fts(rowid, {COLUMNS}) VALUES (new.rowid, {new}); END"
    )
    op.execute(
        f"CREATE TRIGGER tickets_fts_ad AFTER DELETE ON tickets BEGIN "
        f"INSERT INTO tickets_fts(tickets_fts, rowid, {COLUMNS}) VALUES ('delete', old.rowid, {old}); END"
    )
    op.execute(
        f"CREATE TRIGGER tickets_fts_au AFTER UPDATE OF {COLUMNS} ON tickets BEGIN "
        f"INSERT INTO tickets_fts(tickets_fts, rowid, {COLUMNS}) VALUES ('delete', old.rowid, {old}); "
        f"INSERT INTO tickets_fts(rowid, {COLUMNS}) VALUES (new.rowid, {new}); END"
    )
    op.execute("INSERT INTO tickets_fts(tickets_fts) VALUES ('rebuild')")


def upgrade() -> None:
    op.execute("CREATE INDEX ix_messages_op_id ON messages (op_id) WHERE op_id IS NOT NULL")
    op.execute("CREATE INDEX ix_tickets_done ON tickets (coalesce(resolved_at, closed_at, received_at), id)")
    _search_table("")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_tickets_done")
    op.execute("DROP INDEX IF EXISTS ix_messages_op_id")
    _search_table(", prefix='2 3'")
