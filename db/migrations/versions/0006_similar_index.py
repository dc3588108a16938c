"""full-text index of normalised complaint text, for finding tickets about the same problem

``ticket_similar`` (FTS5, rowid = tickets.rowid) holds each ticket's normalised words and places
(desktop.similar.normalize); the normalisation is Python, so the desk fills missing rows itself
(desktop.similar.search.refresh): tickets above the highest rowid it holds are new (existing
rows included, on upgrade), and these triggers list re-worded ones in ``ticket_similar_todo`` and
drop deleted ones. Nothing fires on insert: the initial sync's bulk path pays nothing.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE ticket_similar USING fts5(norm, tokenize=\"unicode61 remove_diacritics 2 tokenchars '_'\")"
    )
    # Document frequencies: the search leaves out words most tickets share.
    op.execute("CREATE VIRTUAL TABLE ticket_similar_vocab USING fts5vocab(ticket_similar, row)")
    # Tickets whose normalised text is missing or stale; the desk works it off (desktop.similar).
    op.execute("CREATE TABLE ticket_similar_todo (ticket_rowid INTEGER PRIMARY KEY)")
    op.execute(
        "CREATE TRIGGER ticket_similar_ad AFTER DELETE ON tickets BEGIN "
        "DELETE FROM ticket_similar WHERE rowid = old.rowid; "
        "DELETE FROM ticket_similar_todo WHERE ticket_rowid = old.rowid; END"
    )
    op.execute(
        "CREATE TRIGGER ticket_similar_au AFTER UPDATE OF title, body, location ON tickets BEGIN "
        "DELETE FROM ticket_similar WHERE rowid = old.rowid; "
        "INSERT OR IGNORE INTO ticket_similar_todo VALUES (new.rowid); END"
    )


def downgrade() -> None:
    for trigger in ("ticket_similar_ad", "ticket_similar_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS ticket_similar_todo")
    op.execute("DROP TABLE IF EXISTS ticket_similar_vocab")
    op.execute("DROP TABLE IF EXISTS ticket_similar")
