"""The reply letter ("Surat jawaban"), read back as a person's tools read it (pdftotext, pypdf):
a long reply with emoji and Word bullets flows over pages whole; a protected reporter is named
only when the officer addresses the letter to them."""

from __future__ import annotations

import io
import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pypdf
import pytest
from pypdf.generic import ContentStream
from reportlab.graphics.barcode import qrencoder
from reportlab.lib.units import mm

from db import models
from desktop.documents import DocumentError, reply_letter_pdf
from desktop.session import load_identity
from desktop.store import LocalStore
from tests.helpers import report_store as rs
from tests.helpers.store import ticket_row
from tests.unit.desktop.reports.conftest import page_count

REPLIED = datetime(2026, 3, 30, 9, 0, tzinfo=UTC)  # Senin, 30 Maret 2026 16.00 WIB
# Word's list bullets arrive as Symbol-font code points in the Private Use Area.
BULLETS = (
    "\uf0b7 Pengaspalan ulang ruas jalan\n\uf0b7 Pemasangan rambu peringatan\n\uf0a7 Pengecekan drainase"
)


def _add(store: LocalStore, body: str, **overrides: object) -> tuple[str, str]:
    row = ticket_row(**overrides)
    message_id = str(uuid.uuid4())
    with store.write() as session:
        session.add(row)
        session.add(
            models.Message(
                id=message_id, ticket_id=row.id, kind="reply", author="budi.s", body=body, created_at=REPLIED
            )
        )
    return row.tracking_no, message_id


@pytest.fixture
def desk(store: LocalStore) -> LocalStore:
    rs.add_directory(store)
    rs.log_in_as(store, "budi.s")
    return store


def test_a_long_reply_prints_whole_over_pages_with_its_emoji_and_bullets(
    desk: LocalStore, read_text: Callable[..., str], read_fonts: Callable[[bytes], list[tuple[str, str]]],
    tmp_path: Path,
) -> None:  # fmt: skip
    paragraph = "Petugas kami telah meninjau lokasi dan mencatat kerusakan sepanjang 40 meter. "
    long_part = "\n\n".join(f"{i}. {paragraph * 2}" for i in range(1, 50))
    reply = f"Terima kasih atas laporan Bapak/Ibu \U0001f64f\n\n{BULLETS}\n\n{long_part}\n\nAKHIR-BALASAN"
    assert len(reply) > 8000
    tracking, message_id = _add(desk, reply, channel="walk_in", external_ref="", title="Jalan berlubang")

    pdf = reply_letter_pdf(desk, tracking, message_id, viewer=load_identity(desk))
    (tmp_path / "surat.pdf").write_bytes(pdf)

    text = read_text(pdf)
    flat = " ".join(text.split())
    assert page_count(pdf) >= 3
    assert rs.OPD_NAME in text
    assert tracking in flat
    assert "30 Maret 2026" in text  # dated by the reply, as Indonesians write it
    assert "Jawaban atas pengaduan \u201cJalan berlubang\u201d" in flat
    assert "Bapak/Ibu \ufffd" not in text  # the emoji is drawn (its font below), not a placeholder
    assert "\u2022 Pengaspalan ulang ruas jalan" in text and "\u25aa Pengecekan drainase" in text
    assert "\ufffd" not in text
    assert "49. Petugas kami" in text and "AKHIR-BALASAN" in text  # nothing cut
    assert flat.index("AKHIR-BALASAN") < flat.index("Hormat kami")
    assert f"status?no={tracking}" in flat  # the tracking link, beside its QR code
    assert "Budi Santoso" in text  # the reply's author signs it
    assert "Siti Aminah" in text  # a public reporter is addressed by name
    fonts = read_fonts(pdf)
    assert all(embedded == "yes" for _name, embedded in fonts)
    assert any("Symbola" in name for name, _ in fonts)  # the emoji's font


@pytest.mark.parametrize("confidentiality", ["rahasia", "anonim"])
def test_a_protected_reporter_is_named_only_when_the_letter_is_addressed_to_them(
    desk: LocalStore, read_text: Callable[..., str], caplog: pytest.LogCaptureFixture, confidentiality: str
) -> None:
    tracking, message_id = _add(
        desk, "Sudah kami tindak lanjuti.", confidentiality=confidentiality, assignee="budi.s"
    )
    viewer = load_identity(desk)

    plain = read_text(reply_letter_pdf(desk, tracking, message_id, viewer=viewer))
    with caplog.at_level(logging.INFO, logger="desktop.documents"):
        addressed = read_text(reply_letter_pdf(desk, tracking, message_id, viewer=viewer, show_identity=True))

    assert "Siti Aminah" not in plain and "@siti" not in plain
    assert f"Pelapor pengaduan nomor {tracking}" in " ".join(plain.split())
    assert "Siti Aminah" in addressed
    assert "Siti Aminah" not in caplog.text and f"reply letter of {tracking}" in caplog.text


def test_another_officers_protected_reporter_stays_hidden_even_when_asked(
    desk: LocalStore, read_text: Callable[..., str]
) -> None:
    tracking, message_id = _add(desk, "Sudah.", confidentiality="rahasia", assignee="rina.w")
    text = read_text(
        reply_letter_pdf(desk, tracking, message_id, viewer=load_identity(desk), show_identity=True)
    )
    assert "Siti Aminah" not in text


def test_a_letter_of_a_message_that_is_not_a_reply_is_a_clear_error(desk: LocalStore) -> None:
    tracking, _ = _add(desk, "Sudah.")
    with pytest.raises(DocumentError, match="Balasan itu tidak ada"):
        reply_letter_pdf(desk, tracking, str(uuid.uuid4()), viewer=load_identity(desk))


QR_SIZE = 26 * mm  # desktop.reports.reply_letter draws its QR code this big, with a 2-module border


def qr_modules(value: str) -> list[list[bool]]:
    """The dark modules of ``value``'s QR code (level M), as reportlab encodes it."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(value)
    code.make()
    return [[bool(m) for m in row] for row in code.modules]


def drawn_qr(pdf: bytes, count: int) -> list[list[bool]]:
    """The QR code the letter's first page draws, read back from its content stream: the filled
    module runs of a ``count``-module code (each run a rectangle one module high, x 1.05)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    module = QR_SIZE / (count + 4)
    grid = [[False] * count for _ in range(count)]
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator != b"re":
            continue
        x, y, w, h = (float(v) for v in operands)
        if abs(h - module * 1.05) > 0.01 or not (0 <= x < QR_SIZE and 0 <= y < QR_SIZE):
            continue
        row = round((QR_SIZE - y) / module) - 3
        col = round(x / module) - 2
        for c in range(col, col + round(w / module)):
            grid[row][c] = True
    return grid


def test_the_qr_code_carries_the_citizens_keyed_page_and_the_print_the_short_link(
    desk: LocalStore, read_text: Callable[..., str]
) -> None:
    key = "Zq3x-9_TkBw7mNcA1bY2dE"
    with desk.write() as session:
        opd = session.get(models.Opd, rs.OPD)
        assert opd is not None
        opd.public_url = "https://lapor.banyuwangikab.go.id/"
    tracking, message_id = _add(desk, "Sudah kami tindak lanjuti.", public_key=key)
    short = f"https://lapor.banyuwangikab.go.id/lacak/{tracking}"

    pdf = reply_letter_pdf(desk, tracking, message_id, viewer=load_identity(desk))

    keyed = qr_modules(f"{short}?k={key}")
    assert drawn_qr(pdf, len(keyed)) == keyed
    text = "".join(read_text(pdf).split())  # a long link wraps at its slashes
    # The printed link is the short one to type; the key (a credential) travels only in the QR code.
    assert short in text
    assert key not in text
