"""incidents: one problem, many complaints; a ticket links to at most one (issue 18)

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("lead_ticket_id", sa.String(36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    # ADD COLUMN with a NULL default rewrites nothing: instant on a store of any size.
    op.add_column("tickets", sa.Column("incident_id", sa.String(36), nullable=True))
    op.create_index("ix_tickets_incident_id", "tickets", ["incident_id"])


def downgrade() -> None:
    op.drop_index("ix_tickets_incident_id", table_name="tickets")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("incident_id")
    op.drop_table("incidents")
