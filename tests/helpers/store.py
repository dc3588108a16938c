"""Rows for the local store in tests: a ticket as the sync engine would write it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from db import models


def ticket_row(**overrides: Any) -> models.Ticket:
    received = overrides.pop("received_at", datetime(2026, 3, 24, 3, 0, tzinfo=UTC))
    values: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "tracking_no": f"DINKES-BWI-2603-{uuid.uuid4().int % 100000:05d}",
        "channel": "twitter",
        "external_ref": "https://x.com/warga/status/1",
        "confidentiality": "public",
        "reporter_name": "Siti Aminah",
        "reporter_contact": "@siti",
        "title": "Lampu jalan mati",
        "body": "Sudah seminggu lampu PJU di depan puskesmas mati.",
        "opd_code": "DINKES-BWI",
        "status": "baru",
        "received_at": received,
        "dl_verification": received + timedelta(days=3),
        "dl_resolution": received + timedelta(days=7),
        "next_deadline": received + timedelta(days=3),
        "next_stage": "verification",
        "is_open": True,
        "version": 1,
    }
    values.update(overrides)
    return models.Ticket(**values)
