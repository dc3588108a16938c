"""Migration 0007 gives tickets from before it a key of their own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from server.db import make_engine
from server.migrate import alembic_config
from tests.helpers.live_server import fresh_database


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_tickets_from_before_get_distinct_keys(kind: str, tmp_path: Path) -> None:
    with fresh_database(kind, tmp_path) as url:
        engine = make_engine(url)
        config = alembic_config()
        try:
            with engine.begin() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, "0004")
                conn.execute(
                    sa.text(
                        "INSERT INTO opds (code, name, region, tz, address, status_url) VALUES ('X', 'X', '', 'Asia/Jakarta', '', '')"
                    )
                )
                for i in range(3):
                    conn.execute(
                        sa.text(
                            "INSERT INTO tickets (id, tracking_no, channel, confidentiality, title, body, location, "
                            "opd_code, status, received_at, paused_seconds, version) VALUES (:id, :no, 'email', "
                            "'public', 't', 'b', '', 'X', 'baru', :at, 0, 1)"
                        ),
                        {"id": f"id-{i}", "no": f"X-2601-0000{i}", "at": "2026-01-01 00:00:00"},
                    )
            with engine.begin() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
                keys = list(conn.scalars(sa.text("SELECT public_key FROM tickets")))
        finally:
            engine.dispose()
    assert len(keys) == 3 and len(set(keys)) == 3
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{22}", k) for k in keys)
