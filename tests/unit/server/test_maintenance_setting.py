"""TANGGAP_MAINTENANCE_SECONDS decides whether and how often a server runs its periodic jobs."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from server import app as server_app
from server.db import make_engine
from server.migrate import upgrade_to_head


@pytest.mark.parametrize(("setting", "expected"), [(None, [300.0]), ("45", [45.0]), ("0", [])])
def test_the_environment_sets_the_maintenance_interval(
    setting: str | None, expected: list[float], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    upgrade_to_head(make_engine(url))
    if setting is None:
        monkeypatch.delenv("TANGGAP_MAINTENANCE_SECONDS", raising=False)
    else:
        monkeypatch.setenv("TANGGAP_MAINTENANCE_SECONDS", setting)
    started: list[float] = []

    async def loop(_state: Any, interval: float) -> None:
        started.append(interval)

    monkeypatch.setattr(server_app, "_maintenance_loop", loop)
    app = server_app.create_app(url)

    async def serve_briefly() -> None:
        async with app.router.lifespan_context(app):
            await asyncio.sleep(0)  # let a started job task run its first step

    asyncio.run(serve_briefly())
    assert started == expected
