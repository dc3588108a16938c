"""Running the delivery work: in the server's process (``tanggap-server serve``, by default) or
as a process of its own (``tanggap-server deliver``). One pass sends what is due and reads the
mailboxes; passes repeat every ``TANGGAP_DELIVERY_SECONDS`` (5; 0 turns the in-process worker off)."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from server.delivery.settings import DeliverySettings
from server.delivery.worker import drain, senders_from
from server.sla_service import SlaDirectoryCache

log = logging.getLogger("tanggap.delivery")
DEFAULT_INTERVAL_SECONDS = 5.0


def imap_interval_from_env() -> float:
    return float(os.environ.get("TANGGAP_IMAP_SECONDS", "60") or 60)


def interval_from_env() -> float:
    return float(os.environ.get("TANGGAP_DELIVERY_SECONDS", str(DEFAULT_INTERVAL_SECONDS)) or 0)


@dataclass
class DeliveryService:
    engine: Engine
    sla_cache: SlaDirectoryCache
    settings: DeliverySettings = field(default_factory=DeliverySettings.from_env)

    # The mailboxes are read at most this often (TANGGAP_IMAP_SECONDS, 60): mail providers throttle
    # a login every few seconds. None: every pass (``deliver --once``, the tests).
    imap_interval: float | None = None

    def __post_init__(self) -> None:
        self.senders = senders_from(self.settings)
        self._last_poll: float | None = None

    def _poll_due(self) -> bool:
        now = time.monotonic()
        if self.imap_interval and self._last_poll is not None and now - self._last_poll < self.imap_interval:
            return False
        self._last_poll = now
        return True

    def run_pass(self) -> dict[str, int]:
        counts = drain(self.engine, self.settings, self.senders)
        if self._poll_due():
            from server.delivery.imap import poll_all

            report = poll_all(self.engine, self.sla_cache, self.settings)
            if report is not None:
                counts["mail_tickets"] = report.new_tickets
                counts["mail_replies"] = report.replies
        return counts

    async def loop(self, interval: float) -> None:
        while True:
            try:
                counts = await asyncio.to_thread(self.run_pass)
                if any(counts.values()):
                    log.info("delivery: %s", counts)
            except Exception:
                log.exception("delivery pass failed")
            await asyncio.sleep(interval)

    def run_forever(self, interval: float) -> None:
        while True:
            try:
                counts = self.run_pass()
                if any(counts.values()):
                    log.info("delivery: %s", counts)
            except Exception:
                log.exception("delivery pass failed")
            time.sleep(interval)
