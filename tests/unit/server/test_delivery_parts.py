"""The delivery's pure parts: addresses and numbers, mail parsing, backoff, WhatsApp's window."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from server.delivery.imap import parse_mail
from server.delivery.models import DeliveryPurpose
from server.delivery.outbox import email_address, whatsapp_number
from server.delivery.senders.base import Outgoing
from server.delivery.senders.email import compose, parse_smtp_url
from server.delivery.senders.whatsapp import WhatsAppSender
from server.delivery.settings import DeliverySettings
from server.delivery.text import acknowledgement, format_datetime_id
from server.delivery.worker import backoff

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)


def test_whatsapp_numbers_become_wa_ids() -> None:
    assert whatsapp_number("0812-3456-7890") == "6281234567890"
    assert whatsapp_number("+62 812 3456 7890") == "6281234567890"
    assert whatsapp_number("@warga") == ""  # not a number at all


def test_email_addresses_are_taken_from_what_the_reporter_gave() -> None:
    assert email_address("Budi <budi@example.com>") == "budi@example.com"
    assert email_address("budi@example.com") == "budi@example.com"
    assert email_address("@budi") == ""


def test_backoff_doubles_is_capped_and_jittered() -> None:
    s = DeliverySettings(backoff_seconds=30, backoff_cap_seconds=3600)
    rng = random.Random(1)
    waits = [backoff(s, n, rng).total_seconds() for n in (1, 2, 3, 10)]
    assert 15 <= waits[0] <= 45 and 30 <= waits[1] <= 90 and 60 <= waits[2] <= 180
    assert 1800 <= waits[3] <= 5400  # capped at an hour, +-50 %


def test_a_mail_without_message_id_gets_a_stable_one_and_quotes_are_dropped() -> None:
    raw = (
        b"From: Budi <budi@example.com>\r\nSubject: Re: [DINKES-BWI-2612-00042] Jalan\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nSudah diperbaiki, terima kasih.\r\n\r\n"
        b"On Mon, 1 Dec 2026 at 10:00, Dinas wrote:\r\n> Balasan kami\r\n"
    )
    first, second = parse_mail(raw), parse_mail(raw)
    assert first.message_id == second.message_id and first.message_id.startswith("<sha256-")
    assert first.body == "Sudah diperbaiki, terima kasih."
    assert first.sender_address == "budi@example.com" and not first.automatic


def test_mail_files_keep_pictures_once_and_leave_the_body_out() -> None:
    from email.message import EmailMessage

    from server.delivery.inbound import mail_message_id, mail_ref

    msg = EmailMessage()
    msg["From"] = "Budi <budi@example.com>"
    msg["Subject"] = "Foto"
    msg.set_content("Lihat foto.")
    msg.add_alternative('<p>Lihat foto.</p><img src="cid:f@x">', subtype="html")
    [html] = [p for p in msg.iter_parts() if p.get_content_type() == "text/html"]
    assert isinstance(html, EmailMessage)
    html.add_related(b"\xff\xd8jpeg", "image", "jpeg", cid="<f@x>")
    msg.add_attachment(b"\xff\xd8jpeg", maintype="image", subtype="jpeg", filename="/tmp/../foto.jpg")
    msg.add_attachment(b"", maintype="application", subtype="pdf", filename="kosong.pdf")
    mail = parse_mail(bytes(msg))
    assert mail.body == "Lihat foto."
    # Inline and attached, the same bytes: one file, under the inline part's made-up name.
    assert [(f.filename, f.mime) for f in mail.files] == [("lampiran-1.jpg", "image/jpeg")]
    assert mail.skipped == ()  # an empty file is nothing to keep, nor to mention
    assert mail_ref("<a@b>", "DISHUB-BWI") == "<a@b> DISHUB-BWI" and mail_ref("<a@b>") == "<a@b>"
    assert mail_message_id("<a@b> DISHUB-BWI") == "<a@b>" and mail_message_id("wamid.X") is None


def test_a_body_split_around_an_inline_picture_is_kept_whole() -> None:
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    mixed = MIMEMultipart("mixed")  # as Apple Mail sends a photo put between two paragraphs
    mixed["Subject"] = "Jalan rusak"
    mixed.attach(MIMEText("Jalannya rusak di sini:", "plain"))
    photo = MIMEImage(b"\xff\xd8jpeg", "jpeg")
    photo.add_header("Content-Disposition", "inline", filename="IMG_0042.jpeg")
    mixed.attach(photo)
    mixed.attach(MIMEText("Mohon segera diperbaiki.", "plain"))
    mail = parse_mail(mixed.as_bytes())
    assert mail.body == "Jalannya rusak di sini:\nMohon segera diperbaiki."
    assert [f.filename for f in mail.files] == ["IMG_0042.jpeg"]


def test_auto_replies_are_known() -> None:
    raw = b"From: a@b.c\r\nAuto-Submitted: auto-replied\r\nSubject: Out of office\r\n\r\nCuti.\r\n"
    assert parse_mail(raw).automatic


def _item(last_inbound: datetime) -> Outgoing:
    return Outgoing(
        delivery_id="d1",
        purpose=DeliveryPurpose.REPLY,
        recipient="6281234567890",
        provider_id=None,
        tracking_no="DINKES-BWI-2612-00042",
        title="Jalan berlubang",
        body="Sudah kami perbaiki.",
        tracking_link="https://lapor.example.go.id/lacak/DINKES-BWI-2612-00042",
        in_reply_to=None,
        references=(),
        last_inbound_at=last_inbound,
        now=NOW,
    )


def test_whatsapp_text_inside_24_hours_template_after_and_nothing_without_a_template() -> None:
    sender = WhatsAppSender("http://x", "1", "t", "tanggap_balasan")
    inside = sender.payload(_item(NOW - timedelta(hours=23)))
    assert inside is not None and inside["type"] == "text" and inside["biz_opaque_callback_data"] == "d1"
    after = sender.payload(_item(NOW - timedelta(hours=25)))
    assert after is not None and after["type"] == "template"
    assert WhatsAppSender("http://x", "1", "t", "").payload(_item(NOW - timedelta(hours=25))) is None


def test_the_reply_mail_threads_and_carries_the_footer() -> None:
    item = _item(NOW)
    item = Outgoing(
        **{
            **item.__dict__,
            "recipient": "budi@example.com",
            "provider_id": "<d1@dinkes.go.id>",
            "in_reply_to": "<c@example.com>",
            "references": ("<c@example.com>", "<a@dinkes.go.id>"),
        }
    )
    msg = compose(item, "Dinkes <pengaduan@dinkes.go.id>")
    assert msg["Subject"] == "[DINKES-BWI-2612-00042] Jalan berlubang"
    assert msg["Message-ID"] == "<d1@dinkes.go.id>" and msg["In-Reply-To"] == "<c@example.com>"
    assert msg["References"] == "<c@example.com> <a@dinkes.go.id>"
    body = msg.get_content()
    assert body.startswith("Sudah kami perbaiki.") and "lacak/DINKES-BWI-2612-00042" in body


def test_smtp_urls() -> None:
    assert parse_smtp_url("smtp://u%40x:p@mail.go.id") == ("starttls", "mail.go.id", 587, "u@x", "p", "")
    assert parse_smtp_url("smtps://mail.go.id")[:3] == ("ssl", "mail.go.id", 465)


def test_the_acknowledgement_names_the_target_as_a_target_in_the_opds_zone() -> None:
    text = acknowledgement(
        "DINKES-BWI-2612-00042", "Dinas Kesehatan", NOW, "Asia/Jakarta", "https://l/lacak/x"
    )
    assert "Kami menargetkan tanggapan pertama paling lambat Rabu, 2 Desember 2026 pukul 10.00 WIB" in text
    assert format_datetime_id(NOW, "Asia/Makassar").endswith("11.00 WITA")


def test_the_desks_words_for_a_delivery() -> None:
    from desktop.delivery import delivery_words

    assert delivery_words({"state": "sent", "channel": "email"}) == "terkirim ke surel"
    assert delivery_words({"state": "read", "channel": "whatsapp"}) == "dibaca di WhatsApp"
    failed = {"state": "failed", "channel": "whatsapp", "detail": "nomor tidak terdaftar WhatsApp (131026)"}
    assert delivery_words(failed) == "gagal: nomor tidak terdaftar WhatsApp (131026)"
    assert delivery_words({"state": "manual", "channel": "twitter"}) == "perlu diposting manual"
    assert delivery_words({"state": "read", "channel": "whatsapp"}, "en") == "read on WhatsApp"
    assert delivery_words(None) == ""
