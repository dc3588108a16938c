"""the citizen's page: a secret key per ticket, the citizen's feedback

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-02 05:30:00.000000
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from server.models import UtcDateTime

revision: str = "0007"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("public_key", sa.String(64), nullable=True))
        batch.add_column(sa.Column("feedback_selesai", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("feedback_nilai", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("feedback_at", UtcDateTime(), nullable=True))
        batch.create_unique_constraint("uq_tickets_public_key", ["public_key"])
    # Tickets from before get their key now: their receipts' QR codes then work once reprinted.
    bind = op.get_bind()
    tickets = sa.table("tickets", sa.column("id", sa.String), sa.column("public_key", sa.String))
    ids = [row[0] for row in bind.execute(sa.select(tickets.c.id).where(tickets.c.public_key.is_(None)))]
    for ticket_id in ids:
        bind.execute(
            sa.update(tickets).where(tickets.c.id == ticket_id).values(public_key=secrets.token_urlsafe(16))
        )
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ticket_id", sa.String(36), nullable=False),
        sa.Column("selesai", sa.Boolean(), nullable=False),
        sa.Column("nilai", sa.Integer(), nullable=True),
        sa.Column("komentar", sa.Text(), nullable=False),
        sa.Column("effect", sa.String(20), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], name=op.f("fk_feedback_ticket_id_tickets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    op.create_index("ix_feedback_ticket_id", "feedback", ["ticket_id"])


def downgrade() -> None:
    op.drop_index("ix_feedback_ticket_id", "feedback")
    op.drop_table("feedback")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_constraint("uq_tickets_public_key", type_="unique")
        batch.drop_column("feedback_at")
        batch.drop_column("feedback_nilai")
        batch.drop_column("feedback_selesai")
        batch.drop_column("public_key")
