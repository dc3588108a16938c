"""the delivery outbox: public replies and acknowledgements on their way to the citizen

Revision ID: 0006
Revises: 0007
Create Date: 2026-12-02 05:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from server.models import UtcDateTime

revision: str = "0006"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "deliveries",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("message_id", sa.String(36), sa.ForeignKey("messages.id"), nullable=False),
        sa.Column("ticket_id", sa.String(36), sa.ForeignKey("tickets.id"), nullable=False),
        sa.Column("purpose", sa.String(10), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("source_channel", sa.String(20), nullable=False),
        sa.Column("recipient", sa.String(200), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UtcDateTime(), nullable=False),
        sa.Column("lease_token", sa.String(36), nullable=True),
        sa.Column("lease_until", UtcDateTime(), nullable=True),
        sa.Column("attempt_open", sa.Boolean(), nullable=False),
        sa.Column("provider_id", sa.String(300), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("sent_at", UtcDateTime(), nullable=True),
        sa.UniqueConstraint("message_id", "recipient", name="uq_deliveries_message_recipient"),
        sa.UniqueConstraint("provider_id", name="uq_deliveries_provider_id"),
    )
    op.create_index("ix_deliveries_due", "deliveries", ["state", "next_attempt_at"])
    op.create_index("ix_deliveries_ticket", "deliveries", ["ticket_id"])


def downgrade() -> None:
    op.drop_table("deliveries")
