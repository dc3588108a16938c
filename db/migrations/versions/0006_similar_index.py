"""full-text index of normalised complaint text, for finding tickets about the same problem

``ticket_similar`` (FTS5, rowid = tickets.rowid) holds each ticket's normalised words and places
(desktop.similar.normalize); the normalisation is Python, so the desk fills missing rows itself
(desktop.similar.search.refresh) and these triggers only drop a row whose text changed or whose
ticket went away. Inserting a ticket costs nothing here: the initial sync's bulk path is untouched.

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
        "CREATE VIRTUAL TABLE ticket_similar USING fts5(norm, tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER ticket_similar_ad AFTER DELETE ON tickets BEGIN "
        "DELETE FROM ticket_similar WHERE rowid = old.rowid; END"
    )
    op.execute(
        "CREATE TRIGGER ticket_similar_au AFTER UPDATE OF title, body, location ON tickets BEGIN "
        "DELETE FROM ticket_similar WHERE rowid = old.rowid; END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS ticket_similar_ad")
    op.execute("DROP TRIGGER IF EXISTS ticket_similar_au")
    op.execute("DROP TABLE IF EXISTS ticket_similar")
