"""processed ops by desk and time: each push reads its desk's latest processed_at (the lower bound
of stage timestamps), which must not scan every op the desk ever sent

Revision ID: 0004
Revises: 0005 (0005 landed first, on 0003; this follows it so a database already at 0005 upgrades)
Create Date: 2026-12-02 05:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("processed_ops") as batch:
        batch.create_index("ix_processed_ops_desk_processed", ["desk_id", "processed_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("processed_ops") as batch:
        batch.drop_index("ix_processed_ops_desk_processed")
