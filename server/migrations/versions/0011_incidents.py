"""incidents: one problem, many complaints; each ticket may link to one (issue 18)

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from server.models import UtcDateTime

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("location", sa.String(500), nullable=False),
        sa.Column("lead_ticket_id", sa.String(36), nullable=False),
        sa.Column("opd_code", sa.String(40), nullable=False),
        sa.Column("created_by", sa.String(80), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["opd_code"], ["opds.code"], name=op.f("fk_incidents_opd_code_opds")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    # A nullable column without a default: no table rewrite on PostgreSQL.
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("incident_id", sa.String(36), nullable=True))
        batch.create_foreign_key("fk_tickets_incident_id_incidents", "incidents", ["incident_id"], ["id"])
    op.create_index("ix_tickets_incident_id", "tickets", ["incident_id"])


def downgrade() -> None:
    op.drop_index("ix_tickets_incident_id", table_name="tickets")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_constraint("fk_tickets_incident_id_incidents", type_="foreignkey")
        batch.drop_column("incident_id")
    op.drop_table("incidents")
