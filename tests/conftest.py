"""Fixtures shared by every suite: data folders, the local store, PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True, scope="session")
def store_keyring() -> Iterator[None]:
    """The store key lives in the OS keyring (scripts/test.sh starts gnome-keyring; always in CI).

    Only on a bare developer machine does it go to an in-memory keyring for the run.
    """
    from desktop import credentials

    if credentials.keyring_is_usable():
        yield
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must provide a Secret Service; keyring is {credentials.keyring_backend_name()}")
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.values: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.values.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.values[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.values.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def store(data_dir: Path) -> Iterator[object]:
    from desktop.store import LocalStore

    local = LocalStore.open(data_dir)
    yield local
    local.close()


def pg_base_url() -> str | None:
    url = os.environ.get("TANGGAP_TEST_PG_URL")
    if not url and os.environ.get("CI") == "true":
        pytest.fail("CI must provide TANGGAP_TEST_PG_URL (scripts/test.sh starts PostgreSQL)")
    return url


@pytest.fixture
def pg_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test; dropped afterwards."""
    base = pg_base_url()
    if not base:
        pytest.skip("TANGGAP_TEST_PG_URL not set")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
