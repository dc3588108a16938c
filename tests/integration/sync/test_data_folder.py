"""A full or read-only data folder: a clear one-line error, and the outbox intact afterwards."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from db import models
from desktop import actions
from desktop.store import LocalStore
from desktop.sync import apply
from tests.helpers.desk import CliDesk
from tests.unit.desktop.sync.test_apply import T0, _identity, server_ticket


@pytest.fixture
def tiny_mount(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "mnt"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI runs as root and must be able to mount tmpfs: {done.stderr!r}")
        pytest.skip("mount not permitted here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _prepared(data_dir: Path) -> str:
    store = LocalStore.open(data_dir)
    _identity(store)
    ticket = server_ticket()
    with store.write() as s:
        apply.apply_page(s, [{"op": "upsert", "ticket": ticket}], T0)
    actions.reply(store, ticket["tracking_no"], "balasan pertama")
    store.close()
    return str(ticket["tracking_no"])


def _waiting(data_dir: Path) -> list[str]:
    store = LocalStore.open(data_dir)
    with store.read() as s:
        states = list(s.scalars(select(models.OutboxOp.state)))
    store.close()
    return states


def test_read_only_folder(tiny_mount: Path) -> None:
    data_dir = tiny_mount / "data"
    no = _prepared(data_dir)
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_mount)], check=True)
    try:
        result = CliDesk(data_dir).run("reply", no, "balasan kedua")
        assert result.code == 4, result
        assert len(result.err.strip().splitlines()) == 1
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(tiny_mount)], check=True)
    assert _waiting(data_dir) == ["pending"]


def test_full_folder(tiny_mount: Path) -> None:
    data_dir = tiny_mount / "data"
    no = _prepared(data_dir)
    filler = tiny_mount / "filler"
    subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=64k"], capture_output=True)
    result = CliDesk(data_dir).run("reply", no, "x" * 90_000)
    assert result.code == 4, result
    assert "penuh" in result.err.lower() or "disk" in result.err.lower()
    filler.unlink()
    assert _waiting(data_dir) == ["pending"]
    CliDesk(data_dir).ok("reply", no, "balasan kedua")
    assert _waiting(data_dir) == ["pending", "pending"]
