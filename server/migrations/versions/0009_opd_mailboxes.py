"""one complaint mailbox per OPD: its IMAP URL and the From of its mail

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-02 11:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("opds") as batch:
        batch.add_column(sa.Column("mail_imap_url", sa.String(1000), nullable=False, server_default=""))
        batch.add_column(sa.Column("mail_from", sa.String(300), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("opds") as batch:
        batch.drop_column("mail_from")
        batch.drop_column("mail_imap_url")
