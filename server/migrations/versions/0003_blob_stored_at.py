"""attachment blobs remember when they arrived, so unattached uploads can be removed

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 23:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from server.models import UtcDateTime

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("attachment_blobs") as batch:
        batch.add_column(sa.Column("stored_at", UtcDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("attachment_blobs") as batch:
        batch.drop_column("stored_at")
