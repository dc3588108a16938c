"""tickets seen during a fresh snapshot after an expired cursor

A snapshot taken because the server forgot our cursor (410) lists everything still in this
desk's scope; the tickets it does not list left the scope while we were away and are
archived when the snapshot ends.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "snapshot_seen",
        sa.Column("ticket_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("ticket_id", name=op.f("pk_snapshot_seen")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("snapshot_seen")
