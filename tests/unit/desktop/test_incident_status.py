"""A status for an incident walks each ticket along the workflow table (docs/incidents.md)."""

from __future__ import annotations

from desktop.domain import Status, can_transition
from desktop.incidents import path_to


def test_finishing_walks_each_ticket_along_the_workflow_table() -> None:
    steps = path_to(Status.BARU, Status.SELESAI)
    assert steps == [Status.TERVERIFIKASI, Status.DIDISPOSISI, Status.SELESAI]
    current = Status.BARU
    for step in steps:
        assert can_transition(current, step)
        current = step
    assert path_to(Status.DITINDAKLANJUTI, Status.SELESAI) == [Status.SELESAI]
    assert path_to(Status.SELESAI, Status.SELESAI) == []
    assert path_to(Status.DITUTUP, Status.SELESAI) is None  # closed: it cannot, so nothing is recorded
