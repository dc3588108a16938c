"""hardening: atomic login throttles per user/address/desk, known-device keys, upload log, health probe

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-02 04:30:00.000000
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from server.models import UtcDateTime

revision: str = "0005"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The old per-username counters are only a quarter of an hour's memory: start afresh.
    op.drop_table("login_throttle")
    op.create_table(
        "login_throttles",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("pending", sa.Integer(), nullable=False),
        sa.Column("first_failed_at", UtcDateTime(), nullable=False),
        sa.Column("locked_until", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_throttles")),
    )
    with op.batch_alter_table("desks") as batch:
        batch.add_column(sa.Column("device_key_hash", sa.String(length=64), nullable=True))
        batch.create_index(batch.f("ix_desks_device_key_hash"), ["device_key_hash"], unique=False)
    op.create_table(
        "blob_uploads",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("uploaded_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_blob_uploads")),
    )
    op.create_index("ix_blob_uploads_officer_time", "blob_uploads", ["officer_id", "uploaded_at"])
    op.create_index(op.f("ix_blob_uploads_sha256"), "blob_uploads", ["sha256"])
    probe = op.create_table(
        "health_probe",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("checked_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_health_probe")),
    )
    op.bulk_insert(probe, [{"id": 1, "checked_at": datetime.now(UTC)}])


def downgrade() -> None:
    op.drop_table("health_probe")
    op.drop_index(op.f("ix_blob_uploads_sha256"), table_name="blob_uploads")
    op.drop_index("ix_blob_uploads_officer_time", table_name="blob_uploads")
    op.drop_table("blob_uploads")
    with op.batch_alter_table("desks") as batch:
        batch.drop_index(batch.f("ix_desks_device_key_hash"))
        batch.drop_column("device_key_hash")
    op.drop_table("login_throttles")
    op.create_table(
        "login_throttle",
        sa.Column("username", sa.String(length=200), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("first_failed_at", UtcDateTime(), nullable=False),
        sa.Column("locked_until", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_login_throttle")),
    )
