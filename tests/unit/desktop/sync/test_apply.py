"""Pull-page application: timestamps, the queue columns, waiting work kept on top of server rows."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from db import models
from db.repositories import SyncStateRepository
from db.types import format_utc, parse_utc
from desktop import domain as d
from desktop import sla
from desktop.store import LocalStore, ticket_from_row
from desktop.sync import apply, outbox

T0 = datetime(2026, 3, 24, 3, 0, tzinfo=UTC)


def server_ticket(**over: Any) -> dict[str, Any]:
    t: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "tracking_no": f"DINKES-BWI-2603-{uuid.uuid4().int % 100000:05d}",
        "channel": "twitter",
        "external_ref": "",
        "confidentiality": "public",
        "reporter": {"name": "Siti", "contact": "@siti"},
        "title": "Antrean",
        "body": "<script>alert(1)</script> panjang 😡",
        "category_code": None,
        "location": "",
        "opd_code": "DINKES-BWI",
        "assignee": None,
        "status": "baru",
        "received_at": T0.isoformat(),
        "verified_at": None,
        "first_response_at": None,
        "assigned_at": None,
        "followed_up_at": None,
        "resolved_at": None,
        "closed_at": None,
        "paused_since": None,
        "paused_seconds": 0,
        "deadlines": {
            "verification": (T0 + timedelta(days=3)).isoformat(),
            "first_response": (T0 + timedelta(days=1, microseconds=5)).isoformat(),
            "follow_up": None,
            "resolution": (T0 + timedelta(days=7)).isoformat(),
        },
        "version": 1,
        "messages": [],
        "attachments": [],
    }
    t.update(over)
    return t


def test_timestamps_in_any_offset_become_stored_utc() -> None:
    assert apply.utc_text("2026-03-24T10:00:00+07:00") == "2026-03-24T03:00:00.000000Z"
    assert apply.utc_text("2026-03-24T03:00:00+00:00") == "2026-03-24T03:00:00.000000Z"
    assert apply.utc_text("2026-03-24T03:00:00.123456+00:00") == "2026-03-24T03:00:00.123456Z"
    assert apply.utc_text("2026-03-24T03:00:00Z") == "2026-03-24T03:00:00.000000Z"


opt_time = st.one_of(
    st.none(),
    st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 1, 1), timezones=st.just(UTC)),
)


@given(opt_time, opt_time, opt_time, opt_time, opt_time, opt_time, opt_time, opt_time, opt_time)
def test_bulk_next_deadline_agrees_with_the_sla_engine(
    verified: Any, first: Any, assigned: Any, followed: Any, resolved: Any, dv: Any, df: Any, du: Any, dr: Any
) -> None:
    row = {
        "verified_at": verified,
        "first_response_at": first,
        "assigned_at": assigned,
        "followed_up_at": followed,
        "resolved_at": resolved,
        "dl_verification": dv,
        "dl_first_response": df,
        "dl_follow_up": du,
        "dl_resolution": dr,
    }
    text_row = {k: None if v is None else format_utc(v) for k, v in row.items()}
    facts = sla.TicketFacts(
        T0, d.Channel.TWITTER, d.Tier.NORMATIF, verified, first, assigned, followed, resolved
    )
    expected = sla.next_deadline(facts, d.Deadlines(dv, df, du, dr))
    got_deadline, got_stage = apply.next_deadline_text(text_row)
    if expected is None:
        assert got_stage is None
    else:
        assert (got_stage, parse_utc(got_deadline)) == (expected[0].value, expected[1])


def _identity(store: LocalStore) -> None:
    with store.write() as s:
        repo = SyncStateRepository(s)
        for k, v in {
            "server_url": "http://x",
            "username": "petugas.dinkes",
            "officer_name": "P",
            "role": "officer",
            "opd_code": "DINKES-BWI",
            "desk_id": "1",
            "desk_code": "K7Q",
        }.items():
            repo.set(k, v)


def test_a_server_row_does_not_hide_unsent_work(store: LocalStore) -> None:
    from desktop import actions

    _identity(store)
    ticket = server_ticket()
    with store.write() as s:
        apply.apply_page(s, [{"op": "upsert", "ticket": ticket}], T0)
    actions.reply(store, ticket["tracking_no"], "balasan belum terkirim")
    actions.set_status(store, ticket["tracking_no"], "terverifikasi")
    newer = server_ticket(
        id=ticket["id"],
        tracking_no=ticket["tracking_no"],
        version=2,
        title="Judul baru",
        messages=[
            {
                "id": str(uuid.uuid4()),
                "kind": "note",
                "author": "spv",
                "body": "catatan",
                "created_at": T0.isoformat(),
                "conflict": None,
            }
        ],
    )
    with store.write() as s:
        apply.apply_page(s, [{"op": "upsert", "ticket": newer}], T0)
        apply.apply_page(s, [{"op": "upsert", "ticket": newer}], T0)  # twice is harmless
    with store.read() as s:
        row = s.get(models.Ticket, ticket["id"])
        assert row is not None
        assert row.title == "Judul baru" and row.version == 2
        assert row.status == "terverifikasi" and row.first_response_at is not None
        assert row.pending_ops == 2
        assert row.next_stage == "resolution"
        bodies = sorted((m.body, m.op_id is not None) for m in row.messages)
        assert bodies == [("balasan belum terkirim", True), ("catatan", False)]
        assert len(outbox.waiting_ops(s)) == 2


def test_revoke_archives_and_tells_the_user(store: LocalStore) -> None:
    ticket = server_ticket()
    with store.write() as s:
        apply.apply_page(s, [{"op": "upsert", "ticket": ticket}], T0)
        touched, revoked = apply.apply_page(s, [{"op": "revoke", "ticket_id": ticket["id"]}], T0)
    assert revoked == 1 and ticket["id"] in touched
    with store.read() as s:
        row = s.get(models.Ticket, ticket["id"])
        assert row is not None and row.archived and not row.is_open
        notices = s.scalars(select(models.SyncNotice)).all()
        assert [(n.kind, n.tracking_no) for n in notices] == [("revoke", ticket["tracking_no"])]


def test_officer_may_not_assign_and_workflow_is_checked(store: LocalStore) -> None:
    import pytest

    from desktop import actions

    _identity(store)
    ticket = server_ticket()
    with store.write() as s:
        apply.apply_page(s, [{"op": "upsert", "ticket": ticket}], T0)
    with pytest.raises(actions.ActionRefused, match="supervisor"):
        actions.assign(store, ticket["tracking_no"], "ani")
    with pytest.raises(actions.ActionRefused, match="tidak dapat menjadi selesai"):
        actions.set_status(store, ticket["tracking_no"], "selesai")
    with pytest.raises(actions.ActionRefused, match="alasan"):
        actions.set_status(store, ticket["tracking_no"], "ditolak")
    with store.read() as s:
        assert outbox.waiting_ops(s) == []


def _found(store: LocalStore, words: str) -> list[str]:
    from sqlalchemy import text

    with store.read() as s:
        return list(
            s.execute(
                text(
                    "SELECT t.id FROM tickets_fts f JOIN tickets t ON t.rowid = f.rowid "
                    "WHERE tickets_fts MATCH :q"
                ),
                {"q": words},
            ).scalars()
        )


def test_a_pulled_change_to_a_searched_field_is_found_by_search_and_the_old_words_are_not(
    store: LocalStore,
) -> None:
    message = {
        "id": str(uuid.uuid4()),
        "kind": "reply",
        "author": "budi",
        "body": "Sudah kami teruskan.",
        "created_at": (T0 + timedelta(hours=1)).isoformat(),
        "conflict": None,
    }
    ticket = server_ticket(title="Lampu jalan padam", messages=[message])
    with store.write() as s:
        apply.apply_page(s, [{"op": "upsert", "ticket": ticket}], T0)
    assert _found(store, "padam") == [ticket["id"]]
    renamed = dict(ticket, title="Jalan berlubang", version=2, reporter={"name": "Wati", "contact": ""})
    with store.write() as s:
        apply.apply_page(s, [{"op": "upsert", "ticket": renamed}], T0)
        apply.apply_page(s, [{"op": "upsert", "ticket": renamed}], T0)  # the same row again: nothing moves
    assert _found(store, "padam") == []
    assert _found(store, "berlubang") == [ticket["id"]]
    assert _found(store, "Wati") == [ticket["id"]]
    with store.read() as s:
        row = s.get(models.Ticket, ticket["id"])
        assert row is not None and row.title == "Jalan berlubang" and row.version == 2
        assert [m.body for m in row.messages] == ["Sudah kami teruskan."]


def test_every_pulled_update_of_a_ticket_lands_before_the_similar_index_catches_up(store: LocalStore) -> None:
    """The pull's upsert fires the similar index's trigger on a ticket it already lists: each update
    still lands (under 0006's trigger the third was set aside as a "collision")."""
    ticket = server_ticket()
    for version, status in enumerate(("baru", "didisposisi", "ditindaklanjuti", "selesai"), start=1):
        with store.write() as s:
            apply.apply_page(
                s, [{"op": "upsert", "ticket": dict(ticket, version=version, status=status)}], T0
            )
    with store.read() as s:
        row = s.get(models.Ticket, ticket["id"])
        assert row is not None and (row.version, row.status) == (4, "selesai")
        assert s.scalars(select(models.SyncNotice)).all() == []


def test_the_citizens_page_key_and_answer_are_kept_and_bad_answers_refused(store: LocalStore) -> None:
    answer = {"selesai": False, "nilai": None, "at": T0.isoformat(), "komentar": "Belum beres.", "tidak": 1}
    ticket = server_ticket(public_key="Zq3x-9_TkBw7mNcA1bY2dE", feedback=answer)
    with store.write() as s:
        apply.apply_page(s, [{"op": "upsert", "ticket": ticket}], T0)
    with store.read() as s:
        row = s.get(models.Ticket, ticket["id"])
        assert row is not None
        stored = ticket_from_row(row, with_thread=False)
    assert stored.public_key == "Zq3x-9_TkBw7mNcA1bY2dE"
    assert stored.feedback == d.Feedback(selesai=False, at=T0, komentar="Belum beres.", tidak=1)
    with store.write() as s, pytest.raises(apply.BadChange, match="feedback"):
        apply.apply_page(s, [{"op": "upsert", "ticket": dict(ticket, feedback={"selesai": "ya"})}], T0)
