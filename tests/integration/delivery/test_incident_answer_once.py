"""Issue 18, "Done when": twenty complaints about one flooded street come in through intake on five
channels in different words; offline, the supervisor's desk finds them as candidates of each
other, links them and answers once; after the sync each of the twenty citizens gets the answer
once (the server's deliveries: twenty, one per ticket; the e-mail ones in a real SMTP server's
inbox, one each; the rest as manual deliveries); unlinking one leaves its thread and clock as
they were. Real server over HTTP, real desk store."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from db import models
from desktop import credentials, incidents
from desktop.similar import desk_candidates
from server.delivery.service import DeliveryService
from server.delivery.settings import DeliverySettings
from tests.helpers.desk import StoreDesk
from tests.helpers.live_server import LiveServer, fresh_database, live_server
from tests.helpers.smtp import SmtpServer, smtp_server
from tests.integration.sync.test_incident_candidates import FLOODED

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

CHANNELS = ("email", "whatsapp", "twitter", "instagram", "lapor")
ANSWER = (
    "Saluran di Jl. Kedung Cowek Gg. 3 sudah dikuras petugas DPUPR hari ini; "
    "genangan diperkirakan surut malam ini."
)


def _contact(channel: str, i: int) -> str:
    if channel == "email":
        return f"warga{i}@example.com"
    if channel == "whatsapp":
        return f"08123{i:06d}"
    return f"@warga{i}"


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[LiveServer, SmtpServer]]:
    if not credentials.keyring_is_usable():  # the desk keeps its token there
        pytest.skip("no usable keyring: run under scripts/test.sh (dbus-run-session + gnome-keyring)")
    with smtp_server() as smtp:
        monkeypatch.setenv("TANGGAP_SMTP_URL", smtp.url)
        monkeypatch.setenv("TANGGAP_MAIL_FROM", "Dinas Kesehatan <pengaduan@dinkes.banyuwangikab.go.id>")
        monkeypatch.setenv("TANGGAP_PUBLIC_URL", "https://lapor.banyuwangikab.go.id")
        with fresh_database("sqlite", tmp_path) as url, live_server(url) as srv:
            yield srv, smtp


def test_twenty_flood_complaints_are_linked_and_answered_once(
    served: tuple[LiveServer, SmtpServer], tmp_path: Path
) -> None:
    srv, smtp = served
    filed = []
    for i, text in enumerate(FLOODED):
        channel = CHANNELS[i % len(CHANNELS)]
        filed.append(
            srv.intake(
                channel=channel,
                external_ref=f"ref-{uuid.uuid4()}",
                title=text[:40],
                body=text,
                reporter={"name": f"Warga {i}", "contact": _contact(channel, i)},
            )
        )
    numbers = [t["tracking_no"] for t in filed]
    service = DeliveryService(srv.engine, srv.app.state.tanggap.sla, DeliverySettings.from_env())
    service.run_pass()  # the e-mail complaints' acknowledgements go out
    acks = len(smtp.inbox.messages)
    assert acks == 4

    desk = StoreDesk(srv, tmp_path / "desk.sqlite3", "spv.dinkes")
    desk.sync()
    # Offline from here until the next sync: the candidates, the links, the one answer.
    lead, rest = numbers[0], numbers[1:]
    with desk.store.write(durable=False) as session:
        found = desk_candidates(session.connection(), lead, limit=19)
    assert {c.tracking_no for c in found} == set(rest)

    links = incidents.link(desk.store, rest, to=lead)
    assert len(links) == 20  # the lead's own link, then the nineteen
    view = incidents.incident_for(desk.store, numbers[7])
    assert view is not None and view.count == 20
    assert view.words() == f"Bagian dari masalah: {filed[0]['title']} (20 pengaduan)"
    replies = incidents.reply(desk.store, numbers[5], ANSWER)
    assert len({r.op_id for r in replies}) == len({r.ticket_id for r in replies}) == 20
    assert smtp.inbox.messages[acks:] == []  # nothing left the desk yet

    desk.sync()
    desk.sync()  # a second sync sends nothing again
    service.run_pass()
    service.run_pass()

    # The server: one reply delivery per ticket, each through the ticket's own channel.
    with srv.engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT t.tracking_no, d.channel, d.source_channel, d.recipient, d.state FROM deliveries d "
                "JOIN tickets t ON t.id = d.ticket_id WHERE d.purpose = 'reply'"
            )
        ).all()
        linked = conn.execute(
            sa.text("SELECT count(*) FROM tickets WHERE incident_id IS NOT NULL")
        ).scalar_one()
    assert linked == 20
    assert Counter(r[0] for r in rows) == Counter({n: 1 for n in numbers})
    by_no = {r[0]: r for r in rows}
    for i, no in enumerate(numbers):
        channel = CHANNELS[i % len(CHANNELS)]
        if channel == "email":
            assert by_no[no][1:] == ("email", "email", _contact(channel, i), "sent")
        else:  # WhatsApp is not connected on this server: handed to the officers, like X and LAPOR!
            assert by_no[no][1] == "manual" and by_no[no][2] == channel and by_no[no][4] == "manual"
    # Each e-mail citizen has the answer once, under the citizen's own ticket number.
    answers = smtp.inbox.messages[acks:]
    assert sorted(str(m["To"]) for m in answers) == sorted(
        _contact("email", i) for i in range(len(numbers)) if CHANNELS[i % len(CHANNELS)] == "email"
    )
    for m in answers:
        [no] = [n for n in numbers if f"[{n}]" in str(m["Subject"])]
        assert m.get_content().startswith(ANSWER)
        assert _contact("email", numbers.index(no)) == str(m["To"])

    # Each ticket met its own first response; the desk shows the answer on every thread.
    stamps = {no: desk.ticket(no).first_response_at for no in numbers}
    assert all(stamps.values())
    leaving = numbers[11]
    before = desk.ticket(leaving)
    with desk.store.read() as s:
        thread_before = [
            (m.id, m.kind, m.body)
            for m in s.scalars(sa.select(models.Message).where(models.Message.ticket_id == before.id))
        ]
    assert (before.id, "reply", ANSWER) in [(before.id, k, b) for _, k, b in thread_before]

    incidents.unlink(desk.store, leaving)
    assert desk.ticket(leaving).incident_id is None  # at once, offline
    desk.sync()
    after = desk.ticket(leaving)
    assert after.incident_id is None
    with desk.store.read() as s:
        thread_after = [
            (m.id, m.kind, m.body)
            for m in s.scalars(sa.select(models.Message).where(models.Message.ticket_id == after.id))
        ]
    # The thread is the same plus one event that says so; reporter, channel and clock untouched.
    assert thread_after[: len(thread_before)] == thread_before
    assert [k for _, k, _ in thread_after[len(thread_before) :]] == ["event"]
    assert "Dilepas dari masalah" in thread_after[-1][2]
    for column in (
        "reporter_name",
        "reporter_contact",
        "channel",
        "received_at",
        "first_response_at",
        "dl_verification",
        "dl_first_response",
        "dl_follow_up",
        "dl_resolution",
        "status",
    ):
        assert getattr(after, column) == getattr(before, column), column
    view = incidents.incident_for(desk.store, lead)
    assert view is not None and view.count == 19 and leaving not in view.tracking_numbers
    assert all(o.state == "applied" for o in desk.ops()), [
        (o.type, o.state, o.reason_code) for o in desk.ops()
    ]

    # Finishing the incident finishes every ticket still in it (each walks baru -> terverifikasi ->
    # didisposisi -> selesai); the unlinked one is left as it was.
    moves = incidents.set_status(desk.store, lead, "selesai")
    assert len(moves) == 19 * 3
    desk.sync()
    with srv.engine.connect() as conn:
        statuses = dict(conn.execute(sa.text("SELECT tracking_no, status FROM tickets")).all())
    assert {statuses[n] for n in numbers if n != leaving} == {"selesai"}
    assert statuses[leaving] == "baru"
    assert all(o.state == "applied" for o in desk.ops())
