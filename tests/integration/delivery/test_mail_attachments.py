"""A citizen's e-mail attachments and inline images become the ticket's attachments, checked as an
upload is (size, count, names); a file that is not kept is said in the thread, never a lost mail.
Real Dovecot, a real server, a real desk store; the files are read back (pypdf, Pillow)."""

from __future__ import annotations

import io
from dataclasses import replace
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from db import models
from desktop import credentials
from desktop.domain import MAX_FILE_BYTES
from server.attachments import MAIL_UPLOADER, QUOTA_WINDOW, uploaded_since
from server.db import read_session, utcnow
from tests.helpers.desk import StoreDesk
from tests.helpers.live_server import Desk
from tests.integration.delivery.conftest import Channels
from tests.integration.delivery.test_mail import CITIZEN, citizen_mail, ticket_by_ref

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def a_pdf(title: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_title(data: bytes) -> str:
    """The title of a PDF that opens (pypdf reads it back)."""
    meta = PdfReader(io.BytesIO(data)).metadata
    assert meta is not None
    return str(meta.title)


def a_jpeg(size: tuple[int, int], colour: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


def mail_with_files(
    subject: str,
    text: str,
    files: list[tuple[str, str, bytes]],
    *,
    inline_jpeg: bytes | None = None,
    msgid: str | None = None,
    in_reply_to: str | None = None,
) -> bytes:
    """As a mail program sends it: plain text and HTML (with an inline picture), files attached."""
    msg = EmailMessage()
    msg["From"] = f"Budi Santoso <{CITIZEN}>"
    msg["To"] = "pengaduan@dinkes.banyuwangikab.go.id"
    msg["Subject"] = subject
    msg["Message-ID"] = msgid or make_msgid(domain="example.com")
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    msg.set_content(text)
    if inline_jpeg is not None:
        msg.add_alternative(f'<p>{text}</p><img src="cid:foto-lokasi@example.com">', subtype="html")
        [html] = [p for p in msg.iter_parts() if p.get_content_type() == "text/html"]
        assert isinstance(html, EmailMessage)
        html.add_related(inline_jpeg, "image", "jpeg", cid="<foto-lokasi@example.com>")
    for name, mime, data in files:
        maintype, subtype = mime.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return bytes(msg)


def desk_files(desk: StoreDesk, ticket_id: str) -> dict[str, models.Attachment]:
    with desk.store.read() as s:
        rows = list(s.query(models.Attachment).filter_by(ticket_id=ticket_id))
        s.expunge_all()
    return {r.filename: r for r in rows}


def download(channels: Channels, desk: Desk, url: str) -> bytes:
    r = desk.client.get(channels.srv.root_url + url)
    assert r.status_code == 200, r.text
    return r.content


def test_a_pdf_and_an_inline_photo_reach_the_desk_and_so_does_the_citizens_next_photo(
    channels: Channels, tmp_path: Path
) -> None:
    if not credentials.keyring_is_usable():  # the desk keeps its token there
        pytest.skip("no usable keyring: run under scripts/test.sh (dbus-run-session + gnome-keyring)")
    pdf, photo = a_pdf("Surat rujukan Budi"), a_jpeg((40, 30))
    msgid = make_msgid(domain="example.com")
    channels.imap.deliver(
        mail_with_files(
            "Rujukan ditolak RSUD",
            "Surat rujukan saya ditolak, foto loketnya terlampir.",
            [("surat-rujukan.pdf", "application/pdf", pdf)],
            inline_jpeg=photo,
            msgid=msgid,
        )
    )
    assert channels.run_pass()["mail_tickets"] == 1
    ticket = ticket_by_ref(channels, msgid)
    assert ticket.body == "Surat rujukan saya ditolak, foto loketnya terlampir."  # not the HTML twice

    desk = StoreDesk(channels.srv, tmp_path / "desk.sqlite3", "spv.dinkes")
    desk.sync()
    officer = channels.srv.login("spv.dinkes")
    files = desk_files(desk, ticket.id)
    assert sorted(files) == ["lampiran-1.jpg", "surat-rujukan.pdf"]
    assert (files["surat-rujukan.pdf"].mime, files["surat-rujukan.pdf"].size) == ("application/pdf", len(pdf))
    assert files["lampiran-1.jpg"].mime == "image/jpeg"
    # The bytes the desk downloads are the citizen's: a PDF that opens, a photo that shows.
    got = download(channels, officer, files["surat-rujukan.pdf"].url)
    assert pdf_title(got) == "Surat rujukan Budi"
    got = download(channels, officer, files["lampiran-1.jpg"].url)
    assert Image.open(io.BytesIO(got)).size == (40, 30)

    # The citizen answers the acknowledgement with another photo: it joins the same ticket.
    channels.run_pass()
    [ack] = channels.smtp.inbox.messages
    second = a_jpeg((20, 20), "blue")
    channels.imap.deliver(
        mail_with_files(
            f"Re: {ack['Subject']}",
            "Ini foto surat penolakannya.",
            [("penolakan.jpg", "image/jpeg", second)],
            in_reply_to=str(ack["Message-ID"]),
        )
    )
    assert channels.run_pass()["mail_replies"] == 1
    desk.sync()
    files = desk_files(desk, ticket.id)
    assert sorted(files) == ["lampiran-1.jpg", "penolakan.jpg", "surat-rujukan.pdf"]
    assert Image.open(io.BytesIO(download(channels, officer, files["penolakan.jpg"].url))).size == (
        20,
        20,
    )
    with desk.store.read() as s:
        thread = [(m.kind, m.body) for m in s.query(models.Message).filter_by(ticket_id=ticket.id)]
    assert [b for k, b in thread if k == "citizen"] == ["Ini foto surat penolakannya."]
    assert not [b for _k, b in thread if "tidak disimpan" in b]  # every file was kept


def test_too_large_too_many_and_hostile_names_never_lose_the_mail(channels: Channels) -> None:
    small = a_jpeg((10, 10))
    huge = b"\x00" * (MAX_FILE_BYTES + 1)
    files = [("rekaman-video.mp4", "video/mp4", huge)]
    files += [(f"foto-{i}.jpg", "image/jpeg", a_jpeg((10 + i, 10))) for i in range(6)]
    msgid = make_msgid(domain="example.com")
    channels.imap.deliver(mail_with_files("Banjir di Kalibaru", "Air setinggi lutut.", files, msgid=msgid))
    hostile_id = make_msgid(domain="example.com")
    channels.imap.deliver(
        mail_with_files(
            "Pungli di loket",
            "Bukti terlampir.",
            [
                ("../../../etc/cron.d/tanggap", "text/plain", b"* * * * * root rm -rf /\n"),
                ("..\\..\\Windows\\bukti\u202egpj.exe", "application/octet-stream", small),
                ("kwitansi:\t<asli>.pdf", "application/pdf", a_pdf("Kwitansi")),
            ],
            msgid=hostile_id,
        )
    )
    counts = channels.run_pass()
    assert counts["mail_tickets"] == 2 and channels.imap.unseen_count() == 0

    officer = channels.srv.login("spv.dinkes")
    flood = officer.get(f"/tickets/{ticket_by_ref(channels, msgid).tracking_no}").json()
    # The first five photos are kept; the video and the sixth photo are named in the thread.
    assert sorted(a["filename"] for a in flood["attachments"]) == [f"foto-{i}.jpg" for i in range(5)]
    [note] = [m for m in flood["messages"] if m["kind"] == "event" and "tidak disimpan" in m["body"]]
    assert "rekaman-video.mp4 (5,0 MB): lebih dari 5,0 MB" in note["body"]
    assert "foto-5.jpg: lebih dari 5 lampiran dalam satu surel" in note["body"]

    hostile = officer.get(f"/tickets/{ticket_by_ref(channels, hostile_id).tracking_no}").json()
    names = sorted(a["filename"] for a in hostile["attachments"])
    assert names == ["buktigpj.exe", "kwitansi_ _asli_.pdf", "tanggap"]
    by_name = {a["filename"]: a for a in hostile["attachments"]}
    assert by_name["tanggap"]["mime"] == "text/plain"
    receipt = download(channels, officer, by_name["kwitansi_ _asli_.pdf"]["url"])
    assert pdf_title(receipt) == "Kwitansi"
    # Served as a download, never shown in the server's origin.
    r = officer.client.get(channels.srv.root_url + by_name["tanggap"]["url"])
    assert r.headers["content-disposition"].startswith("attachment;")
    # The sender's plain "text/plain" file is a file, not taken for the mail's text.
    assert hostile["body"] == "Bukti terlampir."
    # One mail read twice adds nothing.
    channels.imap.deliver(citizen_mail("Pungli di loket", "Bukti terlampir.", msgid=hostile_id))
    channels.run_pass()
    again = officer.get(f"/tickets/{ticket_by_ref(channels, hostile_id).tracking_no}").json()
    assert len(again["attachments"]) == 3

    # The server's daily quota for mail attachments (TANGGAP_MAIL_QUOTA_MB) has room for one more
    # photo today: the next mail's first photo is kept, its second is named in the thread.
    with read_session(channels.srv.engine) as s:
        used = uploaded_since(s, MAIL_UPLOADER, utcnow() - QUOTA_WINDOW)
    # Kept so far: five photos, the cron file, the receipt; the hostile mail's photo has the
    # first photo's bytes, stored and charged once.
    assert used == sum(len(d) for _n, _m, d in files[1:6]) + 24 + len(receipt)
    first, second = a_jpeg((30, 30)), a_jpeg((31, 31))
    channels.settings = replace(channels.settings, mail_quota_bytes=used + len(first))
    late = make_msgid(domain="example.com")
    channels.imap.deliver(
        mail_with_files(
            "Sampah",
            "Dua foto.",
            [("a.jpg", "image/jpeg", first), ("b.jpg", "image/jpeg", second)],
            msgid=late,
        )
    )
    assert channels.run_pass()["mail_tickets"] == 1
    shown = officer.get(f"/tickets/{ticket_by_ref(channels, late).tracking_no}").json()
    assert [a["filename"] for a in shown["attachments"]] == ["a.jpg"]
    [note] = [m["body"] for m in shown["messages"] if "tidak disimpan" in m["body"]]
    assert "b.jpg: kuota harian lampiran surel di server" in note
