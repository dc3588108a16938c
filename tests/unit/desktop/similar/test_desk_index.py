"""The desk's candidate index (migration 0006) on a real SQLite store: filled when needed, kept
right when a ticket's text changes, limited to open and recent tickets, synonyms from the directory."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from db import models
from desktop.similar import desk_candidates, store_synonyms
from desktop.store import LocalStore
from tests.helpers.store import ticket_row

NOW = datetime(2026, 3, 30, 3, 0, tzinfo=UTC)


def add(store: LocalStore, number: str, body: str, **extra: object) -> None:
    with store.write() as session:
        session.add(ticket_row(tracking_no=number, title="Pengaduan", body=body, **extra))


def found(store: LocalStore, number: str) -> list[str]:
    with store.write() as session:
        return [c.tracking_no for c in desk_candidates(session.connection(), number, now=NOW)]


def test_candidates_follow_new_and_edited_tickets(store: LocalStore) -> None:
    add(store, "T-1", "banjir di jl kedung cowek gg 3, got mampet")
    add(store, "T-2", "Jalan Kedung Cowek Gang III tergenang, selokan tersumbat")
    assert found(store, "T-1") == ["T-2"]

    add(store, "T-3", "kedung cowek gg 3 kebanjiran lagi")  # arrives after the index was filled
    assert found(store, "T-1") == ["T-2", "T-3"] or found(store, "T-1") == ["T-3", "T-2"]

    with store.write() as session:  # a pulled edit: the text now says something else entirely
        session.execute(
            text("UPDATE tickets SET body = 'antrean puskesmas panjang' WHERE tracking_no = 'T-3'")
        )
    assert found(store, "T-1") == ["T-2"]

    with store.write() as session:
        session.execute(text("DELETE FROM tickets WHERE tracking_no = 'T-2'"))
        assert session.execute(text("SELECT count(*) FROM ticket_similar")).scalar() == 2
    assert found(store, "T-1") == []


def test_only_open_or_recent_tickets_are_candidates(store: LocalStore) -> None:
    body = "PJU mati di jl kenjeran no 5"
    add(store, "Q", body, received_at=NOW - timedelta(days=1))
    add(store, "OPEN-OLD", body, received_at=NOW - timedelta(days=90), is_open=True)
    add(store, "DONE-RECENT", body, received_at=NOW - timedelta(days=10), is_open=False, status="selesai")
    add(store, "DONE-OLD", body, received_at=NOW - timedelta(days=45), is_open=False, status="selesai")
    add(store, "ARCHIVED", body, received_at=NOW - timedelta(days=2), archived=True)
    assert sorted(found(store, "Q")) == ["DONE-RECENT", "OPEN-OLD"]


def test_unknown_tracking_number(store: LocalStore) -> None:
    with store.write() as session, pytest.raises(LookupError):
        desk_candidates(session.connection(), "NOPE", now=NOW)


def test_directory_synonyms_reindex_the_desk(store: LocalStore) -> None:
    add(store, "A", "sungai meluap di desa kemiren")
    add(store, "B", "air luber di desa kemiren")
    add(store, "C", "lampu mati di desa kemiren")
    before = found(store, "A")
    assert before[0] in ("B", "C")  # only the place links them

    with store.write() as session:
        store_synonyms(session.connection(), {"synonyms": [["banjir", "meluap", "luber"], ["x"], "bad"]})
        assert session.execute(text("SELECT count(*) FROM ticket_similar")).scalar() == 0
        stored = session.get(models.SyncState, "similar_synonyms")
        assert stored is not None and stored.value == '[["banjir", "meluap", "luber"]]'
    after = found(store, "A")
    assert after[0] == "B"
    with store.write() as session:  # the same list again: nothing to redo
        store_synonyms(session.connection(), {"synonyms": [["banjir", "meluap", "luber"]]})
        assert session.execute(text("SELECT count(*) FROM ticket_similar")).scalar() == 3
