"""The sync use case's rules: what a desk without a login gets, and which writes want a sync."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.changes import Changes
from desktop.store import LocalStore
from desktop.sync.run import SyncResult, local_write, sync_desk


@dataclass(frozen=True)
class Queued:
    """What ``desktop.actions`` returns for a write that queued an op."""

    op_id: str
    changes: Changes


def test_a_desk_that_never_logged_in_is_told_so_and_nothing_runs(store: LocalStore) -> None:
    outcome = sync_desk(store)
    assert outcome.result is SyncResult.NOT_LOGGED_IN
    assert not outcome.ok and outcome.report is None
    assert "masuk" in outcome.message.lower()
    assert outcome.changes == Changes(sync_state=True)  # the status bar re-reads; nothing else moved


def test_a_write_that_queued_an_op_wants_a_sync() -> None:
    changes = local_write(lambda: Queued("op-1", Changes(tickets=frozenset({"t1"}), queue=True, outbox=True)))
    assert changes.sync_wanted
    assert changes.tickets == frozenset({"t1"}) and changes.queue


def test_a_bulk_write_wants_one_sync_for_all_its_ops() -> None:
    changes = local_write(
        lambda: [Queued(f"op-{i}", Changes(tickets=frozenset({f"t{i}"}))) for i in range(3)]
    )
    assert changes.sync_wanted
    assert changes.tickets == frozenset({"t0", "t1", "t2"})


def test_acknowledging_a_notice_queues_nothing_and_wants_no_sync() -> None:
    assert not local_write(lambda: Changes(notices=True, outbox=True)).sync_wanted
