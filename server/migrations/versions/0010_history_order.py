"""closed tickets in the order a desk's history takes them (GET /sync/history)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DONE_AT = sa.text("coalesce(resolved_at, closed_at, received_at)")


def upgrade() -> None:
    # Keyset pages on (done time, id) descending: the admin's scope and an OPD's.
    op.create_index("ix_tickets_done", "tickets", [DONE_AT, "id"])
    op.create_index("ix_tickets_opd_done", "tickets", ["opd_code", DONE_AT, "id"])


def downgrade() -> None:
    op.drop_index("ix_tickets_opd_done", table_name="tickets")
    op.drop_index("ix_tickets_done", table_name="tickets")
