"""The pure part every op shares with the server: the workflow rule and the payload checks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop.domain import OpType, Status
from desktop.ops import OPS, OpInvalid, workflow
from desktop.ops.base import MAX_MESSAGE_CHARS, TicketState
from desktop.sla.calendar import WorkCalendar, calendar_from_directory

RECEIVED = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)  # Monday 08:00 WIB
AT = RECEIVED + timedelta(hours=3)
MSG = "0190b3d2-7f6e-7c3a-8f0e-1f2a3b4c5d6e"


def calendar(_: str) -> WorkCalendar:
    return calendar_from_directory("Asia/Jakarta", None, ())


def state(status: Status = Status.BARU, **kw: object) -> TicketState:
    return TicketState(status=status, opd_code="DINKES-BWI", assignee=None, received_at=RECEIVED).evolve(**kw)


def move(s: TicketState, target: Status, at: datetime = AT) -> TicketState:
    return workflow.transition(s, workflow.ToStatus(target), at, calendar)


def test_disposition_verifies_and_assigns_whether_by_status_or_by_assigning() -> None:
    by_status = move(state(Status.TERVERIFIKASI, verified_at=RECEIVED), Status.DIDISPOSISI)
    assert (by_status.verified_at, by_status.assigned_at) == (RECEIVED, AT)
    by_assign = workflow.transition(state(), workflow.Assigned("ani"), AT, calendar)
    assert by_assign.status is Status.DIDISPOSISI
    assert (by_assign.verified_at, by_assign.assigned_at, by_assign.assignee) == (AT, AT, "ani")


def test_resolving_follows_up_and_rejecting_closes() -> None:
    done = move(state(Status.DIDISPOSISI, assigned_at=RECEIVED), Status.SELESAI)
    assert (done.resolved_at, done.followed_up_at) == (AT, AT)
    assert move(state(), Status.DITOLAK).closed_at == AT
    assert move(state(), Status.BUKAN_WEWENANG).closed_at is None


def test_a_rebuttal_reopens_and_a_pause_counts_office_time_only() -> None:
    reopened = move(
        state(Status.SELESAI, resolved_at=RECEIVED, followed_up_at=RECEIVED), Status.DITINDAKLANJUTI
    )
    assert reopened.resolved_at is None and reopened.followed_up_at == RECEIVED
    paused = move(state(Status.DITINDAKLANJUTI), Status.MENUNGGU_PELAPOR)
    assert paused.paused_since == AT
    # From Monday 11:00 WIB to Tuesday 09:00 WIB: 5 office hours Monday (to 16:00) + 1 Tuesday.
    resumed = move(paused, Status.DITINDAKLANJUTI, AT + timedelta(hours=22))
    assert resumed.paused_since is None and resumed.paused_seconds == 6 * 3600


def test_stamps_are_set_once_and_a_reply_is_the_first_response_once() -> None:
    again = move(state(Status.BARU, verified_at=RECEIVED), Status.TERVERIFIKASI)
    assert again.verified_at == RECEIVED
    first = workflow.transition(state(), workflow.Replied(), AT, calendar)
    second = workflow.transition(first, workflow.Replied(), AT + timedelta(hours=1), calendar)
    assert second.first_response_at == AT


def test_every_op_type_has_a_module() -> None:
    assert set(OPS) == set(OpType)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (" \u200b ", "empty_body"),
        ("\ufeff\u2060", "empty_body"),
        ("ok \u202egnp.exe", "bidi_control"),
        ("abc\u2066", "bidi_control"),
        ("x" * (MAX_MESSAGE_CHARS + 1), "too_long"),
    ],
)
def test_message_bodies_that_only_look_like_text_are_refused(body: str, code: str) -> None:
    with pytest.raises(OpInvalid) as caught:
        OPS[OpType.NOTE].parse({"message_id": MSG, "body": body}, AT)
    assert caught.value.code == code and caught.value.message


def _walk_in(**fields: object) -> dict[str, object]:
    ticket: dict[str, object] = {
        "id": MSG,
        "title": "Datang langsung",
        "body": "Isi",
        "received_at": AT.isoformat(),
    }
    ticket.update(fields)
    return {"ticket": ticket}


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"received_at": "0001-01-01T00:00:00+00:00"}, "invalid_date"),
        ({"received_at": "0001-01-01T00:00:00+14:00"}, "invalid_date"),
        ({"received_at": "1971-01-01T09:00:00+07:00"}, "invalid_date"),
        ({"received_at": (AT - timedelta(days=61)).isoformat()}, "received_at_too_old"),
        ({"received_at": (AT + timedelta(hours=1)).isoformat()}, "received_at_in_future"),
        ({"channel": "twitter"}, "channel_not_allowed"),
        ({"external_ref": "https://wa.me/62812"}, "external_ref_not_allowed"),
        ({"tracking_no": "bukan-nomor"}, "invalid_tracking_no"),
    ],
)
def test_walk_ins_with_poisonous_fields_are_refused(fields: dict[str, object], code: str) -> None:
    with pytest.raises(OpInvalid) as caught:
        OPS[OpType.CREATE_TICKET].parse(_walk_in(**fields), AT)
    assert caught.value.code == code


def test_a_walk_in_a_little_ahead_of_the_server_is_dated_now() -> None:
    parsed = OPS[OpType.CREATE_TICKET].parse(
        _walk_in(received_at=(AT + timedelta(minutes=2)).isoformat()), AT
    )
    assert parsed.ticket.received_at == AT


def test_status_moves_that_need_a_reason_say_so() -> None:
    with pytest.raises(OpInvalid) as caught:
        OPS[OpType.SET_STATUS].parse({"status": "ditolak", "reason": " \u200b"}, AT)
    assert caught.value.code == "reason_required"
    with pytest.raises(OpInvalid):
        OPS[OpType.SET_STATUS].parse({"status": "hilang"}, AT)


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"how": "posted", "ref": "x.com/dinkes/status/1"}, "invalid_ref"),  # a link needs its scheme
        ({"how": "posted", "ref": "javascript:alert(1)"}, "invalid_ref"),
        ({"how": "posted", "ref": ""}, "empty_text"),
        ({"how": "lapor", "ref": "id tindak lanjut"}, "invalid_ref"),  # LAPOR! ids have no spaces
        ({"how": "phoned", "ref": " \u200b"}, "empty_text"),  # a call needs its note
        ({"how": "phoned", "ref": "Sudah\u202e ditelepon"}, "bidi_control"),
        ({"how": "emailed", "ref": "x"}, "invalid_payload"),
        ({"how": "handed", "ref": "x" * 501}, "too_long"),
        ({"how": "handed", "by": "me"}, "invalid_payload"),
    ],
)
def test_mark_delivered_refuses_what_is_not_a_confirmation(payload: dict[str, object], code: str) -> None:
    with pytest.raises(OpInvalid) as refused:
        OPS[OpType.MARK_DELIVERED].parse({"message_id": MSG, **payload}, AT)
    assert refused.value.code == code


def test_mark_delivered_takes_a_link_an_id_a_note_or_nothing_for_a_handed_letter() -> None:
    parse = OPS[OpType.MARK_DELIVERED].parse
    assert parse({"message_id": MSG, "how": "posted", "ref": " https://x.com/d/status/1 "}, AT).ref == (
        "https://x.com/d/status/1"
    )
    assert parse({"message_id": MSG, "how": "lapor", "ref": "#LPR-2026/0042"}, AT).ref == "#LPR-2026/0042"
    assert parse({"message_id": MSG, "how": "handed"}, AT).ref == ""


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"channel": "sms", "recipient": "0812"}, "invalid_payload"),
        ({"channel": "email", "recipient": "budi@"}, "invalid_recipient"),
        ({"channel": "whatsapp", "recipient": "12"}, "invalid_recipient"),
        ({"channel": "email"}, "invalid_recipient"),
        ({"recipient": "budi@example.com"}, "invalid_payload"),  # an address needs its channel
    ],
)
def test_resend_elsewhere_needs_a_channel_and_a_real_address(payload: dict[str, object], code: str) -> None:
    with pytest.raises(OpInvalid) as refused:
        OPS[OpType.RESEND].parse({"message_id": MSG, **payload}, AT)
    assert refused.value.code == code


def test_resend_writes_a_whatsapp_number_as_whatsapp_does_and_changes_no_stage() -> None:
    spec = OPS[OpType.RESEND]
    parsed = spec.parse({"message_id": MSG, "channel": "whatsapp", "recipient": "0812-3456-7890"}, AT)
    assert (parsed.channel, parsed.recipient) == ("whatsapp", "6281234567890")
    assert spec.parse({"message_id": MSG}, AT).channel is None
    before = state(Status.DITINDAKLANJUTI)
    assert spec.effect(before, parsed, AT, calendar) == before
