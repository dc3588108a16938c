"""Pure rules of the server: scope, reporter visibility, cursors, the commit-order counter."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.domain import Role
from server.db import PendingChange, make_engine, read_session, write_unit
from server.migrate import upgrade_to_head
from server.models import ChangeLogRow, SeqCounterRow
from server.scope import Caller, in_scope, sees_reporter
from server.sync import (
    BadCursor,
    decode_cursor,
    decode_history_cursor,
    encode_cursor,
    encode_history_cursor,
)


def caller(role: Role, opd: str = "DINKES-BWI", username: str = "budi") -> Caller:
    return Caller(1, username, username, role, opd, "desk", "K7Q")


@pytest.mark.parametrize(
    "role,opd,conf,assignee,visible",
    [
        (Role.OFFICER, "DINKES-BWI", "public", None, True),
        (Role.OFFICER, "DINKES-BWI", "anonim", None, True),
        (Role.OFFICER, "DINKES-BWI", "rahasia", None, False),
        (Role.OFFICER, "DINKES-BWI", "rahasia", "budi", True),
        (Role.OFFICER, "DISHUB-BWI", "public", "budi", False),
        (Role.SUPERVISOR, "DINKES-BWI", "rahasia", None, True),
        (Role.SUPERVISOR, "DISHUB-BWI", "public", None, False),
        (Role.ADMIN, "DISHUB-BWI", "rahasia", None, True),
    ],
)
def test_scope(role: Role, opd: str, conf: str, assignee: str | None, visible: bool) -> None:
    assert in_scope(caller(role), opd, assignee, conf) is visible


def test_reporters_of_anonim_and_rahasia_are_hidden_from_officers_other_than_the_assignee() -> None:
    officer = caller(Role.OFFICER)
    assert sees_reporter(officer, None, "public")
    assert not sees_reporter(officer, None, "anonim")
    assert not sees_reporter(officer, "ani", "rahasia")
    assert sees_reporter(officer, "budi", "rahasia")
    assert sees_reporter(caller(Role.SUPERVISOR), None, "anonim")


def test_cursors_round_trip_and_reject_garbage() -> None:
    assert decode_cursor(encode_cursor(42)) == (42, None)
    assert decode_cursor(encode_cursor(7, "0b5e-id")) == (7, "0b5e-id")
    for bad in ("", "!!!", encode_cursor(1).upper(), "czotMQ"):
        with pytest.raises(BadCursor):
            decode_cursor(bad)


def test_history_cursors_round_trip_and_are_not_pull_cursors() -> None:
    at = datetime(2026, 11, 30, 9, 15, 0, 123456, tzinfo=UTC)
    assert decode_history_cursor(encode_history_cursor(None)) is None
    assert decode_history_cursor(encode_history_cursor((at, "0b5e-id"))) == (at, "0b5e-id")
    for bad in ("", "!!!", encode_cursor(3), encode_cursor(3, "x", "o"), "aDoxMjM"):  # "h:123": no id
        with pytest.raises(BadCursor):
            decode_history_cursor(bad)
    with pytest.raises(BadCursor):
        decode_cursor(encode_history_cursor(None))


def test_change_log_seqs_are_allocated_at_commit_and_rolled_back_with_the_transaction(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 's.db'}")
    upgrade_to_head(engine)
    change = PendingChange("t1", 1, None, "DINKES-BWI", None, None, None, "public")
    with write_unit(engine) as unit:
        unit.record(change)
        unit.record(change)
    with pytest.raises(RuntimeError), write_unit(engine) as unit:
        unit.record(change)
        raise RuntimeError("the op failed")
    with write_unit(engine) as unit:
        unit.record(change)
    with read_session(engine) as s:
        assert [r.seq for r in s.query(ChangeLogRow).order_by(ChangeLogRow.seq)] == [1, 2, 3]
        assert s.get(SeqCounterRow, 1).value == 3  # type: ignore[union-attr]


def test_the_sqlite_server_syncs_each_commit_to_disk(tmp_path: Path) -> None:
    # WAL with synchronous=NORMAL can lose the last commits on power loss: an op answered "applied"
    # would be gone, and its resend applied as new.
    engine = make_engine(f"sqlite:///{tmp_path / 's.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
