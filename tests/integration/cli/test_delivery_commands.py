"""``tanggap undelivered``, ``delivered`` and ``resend`` as an officer runs them: real processes over
a real desk store, offline. Each act waits in the outbox as an op, and leaves the list at once.
Also ``tanggap show``'s line for the citizen's answer on the public page."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from db import models
from desktop.store import LocalStore
from tests.helpers import report_store as rs
from tests.helpers.cli import tanggap
from tests.helpers.store import ticket_row

AT = datetime(2026, 3, 24, 3, 0, tzinfo=UTC)
X_TICKET, MAIL_TICKET, QUIET_TICKET = (
    "DINKES-BWI-2603-00001",
    "DINKES-BWI-2603-00002",
    "DINKES-BWI-2603-00003",
)
POST = "https://x.com/dinkesbwi/status/1867000000000000001"


def _reply(
    ticket_id: str, minutes: int, delivery: dict[str, str], body: str = "Sudah ditangani."
) -> models.Message:
    return models.Message(
        id=str(uuid.uuid4()),
        ticket_id=ticket_id,
        kind="reply",
        author="budi.s",
        body=body,
        created_at=AT + timedelta(minutes=minutes),
        delivery=delivery,
    )


def _desk(data_dir: Path) -> dict[str, str]:
    """Three tickets: an X reply to post by hand (after an older one already posted), an e-mail
    reply that failed, and a ticket whose only reply arrived. Returns the replies' ids by name."""
    store = LocalStore.open(data_dir)
    try:
        rs.add_directory(store)
        rs.log_in_as(store, "budi.s")
        x = ticket_row(tracking_no=X_TICKET, received_at=AT)
        mail = ticket_row(
            tracking_no=MAIL_TICKET, channel="email", external_ref="<a@contoh.id>", received_at=AT
        )
        quiet = ticket_row(tracking_no=QUIET_TICKET, received_at=AT)
        replies = {
            "x_old": _reply(x.id, 10, {"state": "delivered", "channel": "twitter"}),
            "x_new": _reply(x.id, 20, {"state": "manual", "channel": "twitter"}),
            "mail": _reply(mail.id, 30, {"state": "failed", "channel": "email", "detail": "550 Mailbox"}),
            "quiet": _reply(quiet.id, 40, {"state": "read", "channel": "whatsapp"}),
        }
        with store.write() as session:
            session.add_all([x, mail, quiet])
            session.flush()
            session.add_all(replies.values())
    finally:
        store.close()
    return {name: m.id for name, m in replies.items()}


def _waiting_ops(data_dir: Path) -> list[tuple[str, str, dict[str, object]]]:
    ops = json.loads(tanggap(data_dir, "outbox", "--json").stdout)["ops"]
    store = LocalStore.open(data_dir)
    try:
        with store.read() as session:
            payloads = {o.op_id: o.payload for o in session.query(models.OutboxOp)}
    finally:
        store.close()
    return [(op["type"], op["tracking_no"], payloads[op["op_id"]]) for op in ops]


def test_undelivered_lists_what_waits_for_the_officer_and_each_act_takes_its_reply_off(
    data_dir: Path,
) -> None:
    ids = _desk(data_dir)

    listing = tanggap(data_dir, "undelivered")
    assert listing.returncode == 0, listing.stderr
    assert X_TICKET in listing.stdout and MAIL_TICKET in listing.stdout
    assert QUIET_TICKET not in listing.stdout
    assert "perlu diposting manual" in listing.stdout and "gagal: 550 Mailbox" in listing.stdout
    assert ids["x_new"][:8] in listing.stdout and ids["x_old"][:8] not in listing.stdout
    data = json.loads(tanggap(data_dir, "undelivered", "--json").stdout)
    assert {t["tracking_no"]: [r["message_id"] for r in t["replies"]] for t in data} == {
        X_TICKET: [ids["x_new"]],
        MAIL_TICKET: [ids["mail"]],
    }

    # No --message: the latest reply that has not arrived (not the older one already posted).
    posted = tanggap(data_dir, "delivered", X_TICKET, "--posted", POST)
    assert posted.returncode == 0, posted.stderr
    assert f"{X_TICKET} disimpan; menunggu sinkronisasi" in posted.stdout
    again = tanggap(data_dir, "delivered", X_TICKET, "--posted", POST)
    assert again.returncode == 1 and "menunggu sinkronisasi" in again.stderr
    resent = tanggap(
        data_dir, "resend", MAIL_TICKET, "--message", ids["mail"][:8], "--email", "budi@contoh.id"
    )
    assert resent.returncode == 0, resent.stderr

    assert _waiting_ops(data_dir) == [
        ("mark_delivered", X_TICKET, {"message_id": ids["x_new"], "how": "posted", "ref": POST}),
        (
            "resend",
            MAIL_TICKET,
            {"message_id": ids["mail"], "channel": "email", "recipient": "budi@contoh.id"},
        ),
    ]
    empty = tanggap(data_dir, "undelivered")
    assert empty.stdout.strip() == "Semua balasan sudah sampai ke pelapor. / Every reply reached the citizen."


def test_bad_input_gets_a_clear_indonesian_error_and_records_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tanggap.app import main  # in this process: eight refusals need no eight start-ups

    ids = _desk(data_dir)
    cases = {
        ("delivered", QUIET_TICKET, "--handed"): "tidak punya balasan publik yang belum sampai",
        ("resend", X_TICKET): "tidak punya balasan yang gagal dikirim",
        ("resend", MAIL_TICKET, "--whatsapp", "12"): "Nomor WhatsApp tidak sah",
        ("delivered", X_TICKET, "--posted", "x.com/tanpa-skema"): "alamat web",
        ("delivered", X_TICKET, "--phoned", "  "): "Catatan telepon",
        ("delivered", X_TICKET, "--message", ids["mail"], "--handed"): "tidak ditemukan",
        ("delivered", X_TICKET, "--message", ids["x_old"], "--handed"): "sudah sampai ke pelapor",
        ("delivered", "DINKES-BWI-2603-09999", "--handed"): "tidak ada di meja ini",
    }
    for args, words in cases.items():
        code = main(["--data-dir", str(data_dir), *args])
        out, err = capsys.readouterr()
        assert code == 1, (args, out)
        assert words in err, (args, err)
    with pytest.raises(SystemExit) as usage:  # how it was passed on is required
        main(["--data-dir", str(data_dir), "delivered", X_TICKET])
    assert usage.value.code == 2 and "--posted" in capsys.readouterr().err
    assert _waiting_ops(data_dir) == []


def test_show_prints_the_citizens_answer_with_its_comment_escaped(data_dir: Path) -> None:
    store = LocalStore.open(data_dir)
    try:
        rs.add_directory(store)
        feedback = {
            "selesai": False,
            "nilai": 2,
            "at": "2026-12-02T18:30:00+00:00",  # 3 Desember 01.30 WIB
            "komentar": "Lampu masih mati\x1b[2J\nsampai malam ini",
            "tidak": 2,
        }
        with store.write() as session:
            session.add(ticket_row(tracking_no=X_TICKET, received_at=AT, feedback=feedback))
            session.add(ticket_row(tracking_no=QUIET_TICKET, received_at=AT))
    finally:
        store.close()

    show = tanggap(data_dir, "show", X_TICKET)

    assert show.returncode == 0, show.stderr
    assert (
        "Pelapor menyatakan belum selesai (sanggahan ke-2) \u00b7 \u2605\u2605\u2606\u2606\u2606 (2/5) "
        "\u00b7 3 Desember 2026\n          Lampu masih mati\\e[2J\n          sampai malam ini\n"
    ) in show.stdout
    assert json.loads(tanggap(data_dir, "show", X_TICKET, "--json").stdout)["feedback"] == feedback
    quiet = tanggap(data_dir, "show", QUIET_TICKET)
    assert "Pelapor menyatakan" not in quiet.stdout and "Tanggapan pelapor" not in quiet.stdout
