"""the citizen's page on the desk: each ticket's public key and the citizen's answer, the server's public URL;
and 0006's re-worded trigger made safe under the pull's upsert

0006's trigger said INSERT OR IGNORE, but SQLite lets the statement that fires a trigger override
its conflict clause: the pull's INSERT ... ON CONFLICT DO UPDATE (which sets ``location`` and so
fires the trigger) failed with "UNIQUE constraint failed: ticket_similar_todo.ticket_rowid" on a
ticket already listed, and the desk set that server row aside as a collision - the second update
of a ticket between two runs of the similar index's refresh never reached the desk.

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.types

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_SAFE_TRIGGER = (
    "CREATE TRIGGER ticket_similar_au AFTER UPDATE OF title, body, location ON tickets BEGIN "
    "DELETE FROM ticket_similar WHERE rowid = old.rowid; "
    "INSERT INTO ticket_similar_todo SELECT new.rowid "
    "WHERE NOT EXISTS (SELECT 1 FROM ticket_similar_todo WHERE ticket_rowid = new.rowid); END"
)
_0006_TRIGGER = (
    "CREATE TRIGGER ticket_similar_au AFTER UPDATE OF title, body, location ON tickets BEGIN "
    "DELETE FROM ticket_similar WHERE rowid = old.rowid; "
    "INSERT OR IGNORE INTO ticket_similar_todo VALUES (new.rowid); END"
)


def upgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS ticket_similar_au")
    op.execute(_SAFE_TRIGGER)
    # ADD COLUMN with a NULL (or constant) default rewrites nothing: instant on a store of any size.
    op.add_column("tickets", sa.Column("public_key", sa.String(64), nullable=True))
    op.add_column("tickets", sa.Column("feedback", db.types.JSONText(), nullable=True))
    op.add_column("opds", sa.Column("public_url", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS ticket_similar_au")
    op.execute(_0006_TRIGGER)
    with op.batch_alter_table("opds") as batch:
        batch.drop_column("public_url")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("feedback")
        batch.drop_column("public_key")
