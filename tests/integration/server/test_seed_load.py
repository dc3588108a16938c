"""Seeding a database: the same --seed gives the same complaints, messages, deadlines and logs."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

import server.seed as seed_module
from server.db import make_engine
from server.migrate import upgrade_to_head
from tests.helpers.live_server import fresh_database

NOW = datetime(2026, 11, 20, 3, 4, 5, 123456, tzinfo=UTC)
TICKETS = 120


def _fingerprint(url: str) -> tuple[dict[str, int], str]:
    """Every seeded row that a user could see, keyed by tracking number instead of random ids."""
    engine = make_engine(url)
    digest = hashlib.sha256()
    queries = (
        "SELECT tracking_no, channel, external_ref, confidentiality, reporter_name, reporter_contact, title, "
        "body, category_code, location, opd_code, assignee, status, received_at, verified_at, "
        "first_response_at, assigned_at, followed_up_at, resolved_at, closed_at, paused_since, "
        "paused_seconds, deadline_verification, deadline_first_response, deadline_follow_up, "
        "deadline_resolution, version FROM tickets ORDER BY tracking_no",
        "SELECT t.tracking_no, m.kind, m.author, m.body, m.created_at, m.conflict FROM messages m "
        "JOIN tickets t ON t.id = m.ticket_id ORDER BY t.tracking_no, m.created_at, m.body",
        "SELECT t.tracking_no, a.filename, a.mime, a.size, a.sha256 FROM attachments a "
        "JOIN tickets t ON t.id = a.ticket_id ORDER BY t.tracking_no, a.filename",
        "SELECT t.tracking_no, c.version, c.opd_before, c.opd_after, c.assignee_after, c.conf_after "
        "FROM change_log c JOIN tickets t ON t.id = c.ticket_id ORDER BY t.tracking_no",
        "SELECT opd_code, yymm, last_serial FROM tracking_serials ORDER BY opd_code, yymm",
        "SELECT value FROM seq_counter",
    )
    with engine.connect() as conn:
        for query in queries:
            for row in conn.execute(sa.text(query)):
                digest.update(repr(tuple(str(v) for v in row)).encode())
        counts = {
            table: int(conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one())
            for table in ("tickets", "messages", "attachments", "change_log")
        }
        seqs = [r[0] for r in conn.execute(sa.text("SELECT seq FROM change_log ORDER BY seq"))]
    engine.dispose()
    assert seqs == list(range(1, len(seqs) + 1)), "change-log seqs must be 1..n without gaps"
    return counts, digest.hexdigest()


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_the_same_seed_loads_the_same_database(
    backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # argon2 on a hundred demo officers is most of the time here and not what this test is about.
    monkeypatch.setattr(seed_module, "hash_password", lambda password: f"plain:{password}")
    prints = []
    for _ in range(2):
        with fresh_database(backend, tmp_path) as url:
            engine = make_engine(url)
            upgrade_to_head(engine)
            seed_module.seed(engine, TICKETS, seed_value=7, now=NOW)
            engine.dispose()
            prints.append(_fingerprint(url))
    (counts, first), (_, second) = prints
    assert counts["tickets"] == TICKETS
    assert counts["messages"] > TICKETS  # every complaint has its acknowledgement at least
    assert counts["change_log"] == TICKETS
    assert first == second
