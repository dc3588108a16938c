"""full-text search over tickets (FTS5)

Tracking number, title, body and reporter name, kept in step with the tickets table by
triggers, so every way a ticket changes (pull, local action, migration) stays searchable.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = "tracking_no, title, body, reporter_name"


def upgrade() -> None:
    op.execute(
        f"CREATE VIRTUAL TABLE tickets_fts USING fts5({COLUMNS}, content='tickets', content_rowid='rowid',"
        " tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
    )
    op.execute(
        f"CREATE TRIGGER tickets_fts_ai AFTER INSERT ON tickets BEGIN "
        f"INSERT INTO tickets_fts(rowid, {COLUMNS}) "
        f"VALUES (new.rowid, new.tracking_no, new.title, new.body, new.reporter_name); END"
    )
    op.execute(
        f"CREATE TRIGGER tickets_fts_ad AFTER DELETE ON tickets BEGIN "
        f"INSERT INTO tickets_fts(tickets_fts, rowid, {COLUMNS}) "
        f"VALUES ('delete', old.rowid, old.tracking_no, old.title, old.body, old.reporter_name); END"
    )
    # Only a change to a searched column touches the index: status and deadline updates stay cheap.
    op.execute(
        f"CREATE TRIGGER tickets_fts_au AFTER UPDATE OF {COLUMNS} ON tickets BEGIN "
        f"INSERT INTO tickets_fts(tickets_fts, rowid, {COLUMNS}) "
        f"VALUES ('delete', old.rowid, old.tracking_no, old.title, old.body, old.reporter_name); "
        f"INSERT INTO tickets_fts(rowid, {COLUMNS}) "
        f"VALUES (new.rowid, new.tracking_no, new.title, new.body, new.reporter_name); END"
    )
    op.execute("INSERT INTO tickets_fts(tickets_fts) VALUES ('rebuild')")


def downgrade() -> None:
    for trigger in ("tickets_fts_ai", "tickets_fts_ad", "tickets_fts_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS tickets_fts")
