"""Desks for tests: the ``tanggap`` CLI run as a real subprocess over its own data folder
(``CliDesk``), or the core services called in-process over a real store (``StoreDesk``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from db import models
from desktop import session
from desktop.store import LocalStore
from desktop.sync.engine import SyncEngine, SyncReport
from tests.helpers.live_server import PASSWORD, LiveServer

REPO = Path(__file__).resolve().parents[2]


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@dataclass
class CliDesk:
    data_dir: Path
    env: dict[str, str] = field(default_factory=dict)

    def run(
        self, *args: str, stdin: str | None = None, env: dict[str, str] | None = None, timeout: float = 120
    ) -> CliResult:
        full_env = {**os.environ, "TANGGAP_DATA_DIR": str(self.data_dir), **self.env, **(env or {})}
        proc = subprocess.run(
            [sys.executable, "-m", "tanggap", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=full_env,
            cwd=REPO,
            timeout=timeout,
        )
        return CliResult(proc.returncode, proc.stdout, proc.stderr)

    def ok(self, *args: str, **kw: Any) -> CliResult:
        result = self.run(*args, **kw)
        assert result.code == 0, f"tanggap {' '.join(args)} -> {result.code}: {result.err}{result.out}"
        return result

    def login(self, server_url: str, username: str, password: str = PASSWORD) -> CliResult:
        return self.ok(
            "login", "--server", server_url, "--username", username, "--password-stdin", stdin=password + "\n"
        )

    def sync_until_done(self, tries: int = 30, env: dict[str, str] | None = None) -> CliResult:
        """Run ``tanggap sync`` until it succeeds (a hostile network may need several goes)."""
        last = None
        for _ in range(tries):
            last = self.run("sync", env=env)
            if last.code == 0:
                return last
        raise AssertionError(f"sync never converged: {last}")

    def outbox(self) -> dict[str, Any]:
        return self.ok("outbox", "--json").json()  # type: ignore[no-any-return]


def run_forked(fn: Any, env: dict[str, str] | None = None) -> int:
    """Run ``fn()`` in a forked child (a real separate process, without Python start-up cost).

    Returns the child's wait status as ``-signal`` when killed, else its exit code. The child
    opens its own store and connections; nothing of the parent's SQLite handles is used.
    """
    import signal as _signal

    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            os.environ.update(env or {})
            fn()
        except BaseException:
            import traceback

            traceback.print_exc()
            code = 1
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return -os.WTERMSIG(status)
    _ = _signal
    return os.WEXITSTATUS(status)


class StoreDesk:
    """A logged-in desk driven in-process: actions, the sync engine and the store."""

    def __init__(self, srv: LiveServer, path: Path, username: str) -> None:
        self.store = LocalStore.open(path)
        session.login(self.store, srv.root_url, username, PASSWORD, f"meja-{username}")

    def sync(self) -> SyncReport:
        _, transport = session.transport_for(self.store)
        try:
            return SyncEngine(self.store, transport, sleep=lambda s: None).sync()
        finally:
            transport.close()

    def ticket(self, tracking_no: str) -> models.Ticket:
        with self.store.read() as s:
            row = s.scalars(select(models.Ticket).where(models.Ticket.tracking_no == tracking_no)).one()
            s.expunge(row)
            return row

    def ops(self) -> list[models.OutboxOp]:
        with self.store.read() as s:
            return list(s.scalars(select(models.OutboxOp).order_by(models.OutboxOp.seq)))

    def notices(self) -> list[models.SyncNotice]:
        with self.store.read() as s:
            return list(
                s.scalars(select(models.SyncNotice).where(models.SyncNotice.acknowledged_at.is_(None)))
            )
