"""Fixtures for sync tests: a real server on loopback and desks running the real CLI."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop import credentials
from tests.helpers.desk import CliDesk
from tests.helpers.live_server import LiveServer, served


def _require_keyring() -> None:
    if not credentials.keyring_is_usable():
        if os.environ.get("CI") == "true":
            pytest.fail("CI must provide a Secret Service (dbus-run-session + gnome-keyring)")
        pytest.skip("no usable keyring: run under dbus-run-session with gnome-keyring unlocked")


def _server_kind() -> str:
    return "postgres" if os.environ.get("TANGGAP_TEST_PG_URL") else "sqlite"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    """The server on PostgreSQL when TANGGAP_TEST_PG_URL is set (always in CI), else SQLite."""
    _require_keyring()
    with served(_server_kind(), tmp_path) as srv:
        yield srv


@pytest.fixture
def sqlite_server(tmp_path: Path) -> Iterator[LiveServer]:
    _require_keyring()
    with served("sqlite", tmp_path) as srv:
        yield srv


@pytest.fixture
def make_desk(tmp_path: Path) -> Callable[[str], CliDesk]:
    count = 0

    def make(name: str = "") -> CliDesk:
        nonlocal count
        count += 1
        return CliDesk(tmp_path / f"desk-{name or count}")

    return make
