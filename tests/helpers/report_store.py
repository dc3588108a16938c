"""A local store filled for receipts and summaries: directory rows, a logged-in desk, tickets.

Used by tests/unit/desktop/test_documents.py, tests/integration/test_report_cli.py and
bench/bench_report_store.py. Tickets go in as the sync engine would leave them (``db.models``
rows); ``insert_summary_tickets`` writes many at once through Core for the benchmark.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import insert

from db import bulk, models
from db.repositories import SyncStateRepository
from desktop import domain as d
from desktop.reports.metrics import SummaryTicket
from desktop.store import LocalStore

OPD = "DINKES-BWI"
OTHER_OPD = "DISHUB-BWI"
OPD_NAME = "Dinas Kesehatan Kabupaten Banyuwangi"
OTHER_OPD_NAME = "Dinas Perhubungan Kabupaten Banyuwangi"
# A Wednesday the OPD closed (a local event): first-response hours must skip it.
OPD_DAY_OFF = date(2026, 3, 4)

OFFICERS: tuple[tuple[str, str, str, str], ...] = (
    ("budi.s", "Budi Santoso", "officer", OPD),
    ("rina.w", "Rina Wijayanti", "officer", OPD),
    ("kabid.dinkes", "dr. Hartono, M.Kes.", "supervisor", OPD),
    ("sari.h", "Sari Handayani", "officer", OTHER_OPD),
    ("kabid.dishub", "Ir. Yusuf Effendi", "supervisor", OTHER_OPD),
    ("admin.prov", "Admin Provinsi", "admin", OPD),
)


def add_directory(store: LocalStore) -> None:
    with store.write() as session:
        session.add_all(
            [
                models.Opd(
                    code=OPD,
                    name=OPD_NAME,
                    region="Banyuwangi",
                    tz="Asia/Jakarta",
                    address="Jl. Letkol Istiqlah No. 42, Banyuwangi",
                    status_url="https://lapor.banyuwangikab.go.id/status",
                ),
                models.Opd(code=OTHER_OPD, name=OTHER_OPD_NAME, region="Banyuwangi", tz="Asia/Jakarta"),
                models.Category(code="INFRA", name="Sarana dan prasarana kesehatan", tier="normatif"),
                models.NonWorkingDay(opd_code=OPD, day=OPD_DAY_OFF, working=False, description="Hari jadi"),
            ]
        )
        session.add_all(models.Officer(username=u, name=n, role=r, opd_code=o) for u, n, r, o in OFFICERS)


def log_in_as(store: LocalStore, username: str) -> None:
    """Write the desk identity a login leaves in ``sync_state`` (no server, no token needed)."""
    _u, name, role, opd_code = next(o for o in OFFICERS if o[0] == username)
    with store.write() as session:
        repo = SyncStateRepository(session)
        for key, value in {
            "server_url": "https://tanggap.banyuwangikab.go.id",
            "username": username,
            "officer_name": name,
            "role": role,
            "opd_code": opd_code,
            "desk_id": str(uuid.uuid4()),
            "desk_code": "K7Q",
        }.items():
            repo.set(key, value)


def row_values(t: SummaryTicket, **extra: Any) -> dict[str, Any]:
    """The stored row of a ``SummaryTicket`` (with filler for what a summary does not read)."""
    is_open = t.status in d.OPEN_STATUSES
    values: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "tracking_no": t.tracking_no,
        "channel": t.channel.value,
        "external_ref": "",
        "confidentiality": "public",
        "reporter_name": "Warga",
        "reporter_contact": "",
        "title": t.title,
        "body": "Isi pengaduan.",
        "category_code": t.category_code,
        "location": "",
        "opd_code": t.opd_code,
        "assignee": t.assignee,
        "status": t.status.value,
        "received_at": t.received_at,
        "verified_at": t.met_at.verification,
        "first_response_at": t.first_response_at,
        "assigned_at": None,
        "followed_up_at": t.met_at.follow_up,
        "resolved_at": t.resolved_at,
        "closed_at": None,
        "paused_since": None,
        "paused_seconds": 0,
        "dl_verification": t.deadlines.verification,
        "dl_first_response": t.deadlines.first_response,
        "dl_follow_up": t.deadlines.follow_up,
        "dl_resolution": t.deadlines.resolution,
        "version": 1,
        "is_open": is_open,
        "next_deadline": models.NO_DEADLINE,
        "next_stage": None,
        "archived": False,
        "pending_ops": 0,
        "feedback": t.feedback.to_json() if t.feedback is not None else None,
    }
    values.update(extra)
    return values


def insert_summary_tickets(store: LocalStore, tickets: Iterable[SummaryTicket], chunk: int = 5000) -> int:
    """Bulk-insert through Core (the ORM unit of work is far too slow for 100,000 rows).

    Indexes and the search index are built once at the end, as a first snapshot does.
    """
    count = 0
    batch: list[dict[str, Any]] = []
    stmt = insert(models.Ticket)
    with store.write() as session:
        bulk.suspend(session.connection())
        for t in tickets:
            batch.append(row_values(t))
            if len(batch) >= chunk:
                session.execute(stmt, batch)
                count += len(batch)
                batch = []
        if batch:
            session.execute(stmt, batch)
            count += len(batch)
        bulk.resume(session.connection())
    return count


def officer_usernames(opd_code: str) -> Sequence[str]:
    return [u for u, _n, role, o in OFFICERS if o == opd_code and role == "officer"]
