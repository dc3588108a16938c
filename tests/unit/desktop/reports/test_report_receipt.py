"""Receipts as a citizen and an officer would read them, checked in the PDF itself."""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable
from datetime import UTC, datetime

import pypdf
import pytest

from desktop.domain import Attachment, Channel, Confidentiality, Deadlines
from desktop.reports import LAYOUTS, qr_payload, render_receipt
from tests.helpers import reports as sample

ReadText = Callable[..., str]


def squash(text: str) -> str:
    """pdftotext breaks lines where the layout wraps; compare with single spaces."""
    return re.sub(r"\s+", " ", text)


def receipt(layout: str = "a4", *, may_see: bool = True, **ticket_args: object) -> bytes:
    return render_receipt(
        sample.walk_in_ticket(**ticket_args),  # type: ignore[arg-type]
        sample.opd(),
        sample.officer(),
        layout=layout,  # type: ignore[arg-type]
        viewer_may_see_identity=may_see,
        category_name="Sarana dan prasarana kesehatan",
        now=sample.NOW,
    )


@pytest.mark.parametrize("layout", LAYOUTS)
def test_receipt_shows_tracking_number_deadlines_and_who_received_it(
    layout: str, read_text: ReadText
) -> None:
    text = squash(read_text(receipt(layout)))

    assert "DINKES-BWI-2603-K7Q-0042" in text
    assert "TANDA TERIMA PENGADUAN" in text
    assert "Jumat, 27 Maret 2026 10.00 WIB" in text  # received, in the OPD's zone
    # The deadlines the citizen can expect, as Indonesian dates in WIB.
    assert "Senin, 30 Maret 2026 16.00 WIB" in text  # first response
    assert "Rabu, 1 April 2026 16.00 WIB" in text  # verification
    assert "Rabu, 8 April 2026 16.00 WIB" in text  # resolution
    assert "Tanggapan pertama" in text and "Penyelesaian" in text
    assert "Datang langsung" in text
    assert "Budi Santoso, S.Kom." in text
    assert "Cara menindaklanjuti" in text
    assert "https://lapor.banyuwangikab.go.id/status" in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_receipt_never_prints_an_internal_note(layout: str, read_text: ReadText) -> None:
    ticket = sample.walk_in_ticket()
    assert any(m.body == sample.INTERNAL_NOTE for m in ticket.messages)

    text = squash(read_text(receipt(layout)))

    assert "CATATAN INTERNAL" not in text
    assert "diam-diam" not in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_anonymous_reporter_name_is_not_on_an_officers_print(layout: str, read_text: ReadText) -> None:
    name = "Bambang Sugiharto"
    hidden = squash(
        read_text(receipt(layout, may_see=False, confidentiality=Confidentiality.ANONIM, reporter_name=name))
    )
    shown = squash(
        read_text(receipt(layout, may_see=True, confidentiality=Confidentiality.ANONIM, reporter_name=name))
    )

    assert name not in hidden
    assert "0812-3456-7890" not in hidden  # the contact identifies them too
    assert "Dirahasiakan" in hidden
    assert name in shown  # the citizen's own copy


def test_confidential_report_hides_identity_but_public_one_shows_it(read_text: ReadText) -> None:
    rahasia = squash(
        read_text(
            receipt(may_see=False, confidentiality=Confidentiality.RAHASIA, reporter_name="Wahyu Hidayat")
        )
    )
    public = squash(read_text(receipt(may_see=False, reporter_name="Wahyu Hidayat")))

    assert "Wahyu Hidayat" not in rahasia
    assert "laporan rahasia" in rahasia
    assert "Wahyu Hidayat" in public


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_font_in_a_receipt_is_embedded(
    layout: str, read_fonts: Callable[[bytes], list[tuple[str, str]]]
) -> None:
    fonts = read_fonts(receipt(layout))

    assert fonts, "a receipt with text uses at least one font"
    assert all(embedded == "yes" for _name, embedded in fonts), fonts
    assert any("DejaVuSans" in name for name, _ in fonts)
    assert any("Symbola" in name for name, _ in fonts)  # the complaint's emoji


def test_markup_in_complaint_text_prints_literally(read_text: ReadText) -> None:
    body = 'Tolong <b>segera</b> & <script>alert("x")</script> <font name="Courier">cek</font> &amp;'

    text = squash(read_text(receipt(body=body, title="Judul <i>miring</i> & lain-lain")))

    assert '<b>segera</b> & <script>alert("x")</script>' in text
    assert '<font name="Courier">cek</font> &amp;' in text
    assert "Judul <i>miring</i> & lain-lain" in text


@pytest.mark.parametrize("layout", ["a4", "a5"])
def test_long_complaint_with_emoji_and_diacritics_wraps_across_pages(
    layout: str, read_text: ReadText
) -> None:
    sentence = "Pelayanan di loket 3 sangat lambat 😡🙏🏽 dan petugas tidak ramah 👎 ꦱꦸꦒꦼꦁ. "
    body = (sentence * 200)[:5990] + " AKHIR-ADUAN"
    assert len(body) >= 6000
    name = "Ñoman Sùryadharma Wédhàtama Ängèlina"

    pdf = receipt(layout, body=body, reporter_name=name)
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages

    assert len(pages) >= 2
    last_pages = squash("".join(p.extract_text() for p in pages[1:]))
    assert "AKHIR-ADUAN" in last_pages  # the end of the complaint flowed onto a later page
    text = squash(read_text(pdf))
    assert name in text
    assert "Pelayanan di loket 3 sangat lambat" in text
    assert "Halaman 1 dari" in text


def test_thermal_roll_keeps_the_opening_of_an_8000_character_letter_and_says_where_the_rest_is(
    read_text: ReadText,
) -> None:
    body = "AWAL-ADUAN " + ("Air PDAM keruh dan berbau sejak Senin 🚰😷. " * 220)[:8360] + " AKHIR-ADUAN"
    assert len(body) >= 8000

    pdf = receipt("thermal80", body=body)
    first = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    text = squash(read_text(pdf))

    assert float(first.mediabox.width) == pytest.approx(80 / 25.4 * 72, abs=0.5)
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 1
    # A roll a citizen can pocket: well under half a metre (the whole letter printed 102 cm).
    assert float(first.mediabox.height) / 72 * 2.54 < 45
    assert "AWAL-ADUAN" in text
    assert "AKHIR-ADUAN" not in text
    assert "(dipotong)" in text
    assert f"Isi lengkap ({len(body):,} karakter)".replace(",", ".") in text
    assert "lapor.banyuwangikab.go.id/status" in text
    assert "Tenggat yang dapat Anda harapkan" in text  # what follows the complaint still prints


def test_short_thermal_complaint_prints_whole(read_text: ReadText) -> None:
    text = squash(read_text(receipt("thermal80")))

    assert "Anak-anak kami lewat situ setiap pagi ke SD Negeri 2 Giri." in text
    assert "(dipotong)" not in text


def test_word_bullets_print_as_bullets_not_replacement_marks(read_text: ReadText) -> None:
    body = (
        "Kronologi:\n\uf0b7\tTanggal 3 Maret jalan mulai berlubang.\n\uf0a7 Sudah lapor RT.\n"
        "\uf0d8 Lampu mati.\n\uf0fc Foto terlampir.\n\uf0e0 lain-lain"
    )

    for layout in LAYOUTS:
        text = squash(read_text(receipt(layout, body=body)))
        assert "\ufffd" not in text
        assert "• Tanggal 3 Maret jalan mulai berlubang." in text
        assert "▪ Sudah lapor RT." in text
        assert "➢ Lampu mati." in text
        assert "✓ Foto terlampir." in text
        assert "• lain-lain" in text  # a symbol-font glyph we do not know is a bullet


@pytest.mark.parametrize("layout", ["a4", "a5"])
@pytest.mark.parametrize("body_lines", [1, 4, 8])
def test_a_short_receipt_fits_one_sheet(layout: str, body_lines: int, read_text: ReadText) -> None:
    # A walk-in with every deadline listed, a confidential note and a few paragraphs: the A5
    # used to spill the instructions and the signature onto a second sheet of their own.
    body = "\n\n".join(
        f"Paragraf {i}: jalan di depan puskesmas berlubang dan lampu jalan mati sejak dua minggu lalu."
        for i in range(body_lines)
    )
    late = datetime(2026, 3, 31, 3, 0, tzinfo=UTC)  # first response missed, the rest ahead
    pdf = render_receipt(
        sample.walk_in_ticket(body=body, confidentiality=Confidentiality.RAHASIA),
        sample.opd(),
        sample.officer(),
        layout=layout,  # type: ignore[arg-type]
        viewer_may_see_identity=False,
        category_name="Sarana dan prasarana kesehatan",
        now=late,
    )

    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 1, f"{layout} receipt with {body_lines} paragraphs took {len(pages)} pages"
    text = squash(read_text(pdf))
    assert f"Paragraf {body_lines - 1}:" in text
    assert "Cara menindaklanjuti" in text and "Petugas penerima" in text


def test_the_closing_never_sits_alone_on_the_last_sheet() -> None:
    body = "\n\n".join(f"Paragraf {i}: " + "keluhan tentang layanan puskesmas. " * 12 for i in range(9))
    pdf = receipt("a5", body=body)
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages

    assert len(pages) >= 2
    last = squash(pages[-1].extract_text())
    assert "Cara menindaklanjuti" in last
    assert "Paling lambat" in last  # the deadlines came along with the instructions


def test_missed_deadlines_are_listed_as_missed_not_as_expected(read_text: ReadText) -> None:
    # Printed on Thursday 2 April: verification (1 April) and first response (30 March) have passed.
    printed = datetime(2026, 4, 2, 3, 0, tzinfo=UTC)
    pdf = render_receipt(
        sample.walk_in_ticket(),
        sample.opd(),
        sample.officer(),
        layout="a4",
        viewer_may_see_identity=True,
        now=printed,
    )
    text = squash(read_text(pdf))

    expected = text[text.index("Tenggat yang dapat Anda harapkan") :]
    missed = text[text.index("Tenggat yang terlewat") : text.index("Tenggat yang dapat Anda harapkan")]
    assert "Rabu, 8 April 2026 16.00 WIB" in expected  # resolution, still ahead
    assert "Senin, 30 Maret 2026 16.00 WIB" not in expected
    assert "Rabu, 1 April 2026 16.00 WIB" not in expected
    assert "Senin, 30 Maret 2026 16.00 WIB" in missed
    assert "Rabu, 1 April 2026 16.00 WIB" in missed
    assert "Mohon maaf" in missed


def test_a_stage_already_done_is_not_promised_again(read_text: ReadText) -> None:
    ticket = dataclasses.replace(
        sample.walk_in_ticket(), first_response_at=datetime(2026, 3, 27, 4, 0, tzinfo=UTC)
    )
    pdf = render_receipt(
        ticket,
        sample.opd(),
        sample.officer(),
        viewer_may_see_identity=True,
        now=datetime(2026, 4, 2, tzinfo=UTC),
    )
    text = squash(read_text(pdf))

    assert "Senin, 30 Maret 2026 16.00 WIB" not in text  # answered on time: nothing to expect or regret
    assert "Rabu, 1 April 2026 16.00 WIB" in text[text.index("Tenggat yang terlewat") :]


def test_a_channel_complaint_has_no_receiving_officer(read_text: ReadText) -> None:
    ticket = dataclasses.replace(sample.walk_in_ticket(), channel=Channel.WHATSAPP)
    for layout in LAYOUTS:
        pdf = render_receipt(
            ticket,
            sample.opd(),
            None,
            layout=layout,
            viewer_may_see_identity=True,
            now=sample.NOW,  # type: ignore[arg-type]
        )
        text = squash(read_text(pdf))
        assert "Petugas penerima" not in text
        assert "Diterima oleh" not in text
        assert "Cara menindaklanjuti" in text


def test_characters_no_font_has_print_as_a_visible_placeholder(read_text: ReadText) -> None:
    # U+1FAE0 (melting face, Unicode 14) is in none of the shipped fonts.
    text = read_text(receipt(body="Kecewa berat \U0001fae0 sekali"))

    assert "Kecewa berat \ufffd sekali" in squash(text)


def test_walk_in_ticket_without_deadlines_yet_still_prints(read_text: ReadText) -> None:
    text = squash(read_text(receipt(deadlines=Deadlines())))

    assert "DINKES-BWI-2603-K7Q-0042" in text
    assert "Tenggat ditetapkan setelah pengaduan diverifikasi" in text


def test_qr_code_carries_status_link_or_the_tracking_number() -> None:
    ticket = sample.walk_in_ticket()

    with_url = qr_payload(ticket, sample.opd("https://lapor.example.go.id/status"))
    templated = qr_payload(ticket, sample.opd("https://lapor.example.go.id/t/{tracking_no}"))
    offline = qr_payload(ticket, sample.opd(""))

    assert with_url == "https://lapor.example.go.id/status?no=DINKES-BWI-2603-K7Q-0042"
    assert templated == "https://lapor.example.go.id/t/DINKES-BWI-2603-K7Q-0042"
    assert offline == "DINKES-BWI-2603-K7Q-0042"


def test_qr_code_carries_the_citizens_keyed_page_and_the_print_the_short_link(read_text: ReadText) -> None:
    key = "Zq3x-9_TkBw7mNcA1bY2dE"
    ticket = dataclasses.replace(sample.walk_in_ticket(), public_key=key)
    served = dataclasses.replace(sample.opd(), public_url="https://lapor.banyuwangikab.go.id/")

    assert (
        qr_payload(ticket, served)
        == f"https://lapor.banyuwangikab.go.id/lacak/DINKES-BWI-2603-K7Q-0042?k={key}"
    )
    # Key not known here (a ticket from before the page): the status-only page, never a bare number.
    unkeyed = dataclasses.replace(ticket, public_key=None)
    assert qr_payload(unkeyed, served) == "https://lapor.banyuwangikab.go.id/lacak/DINKES-BWI-2603-K7Q-0042"
    pdf = render_receipt(ticket, served, sample.officer(), viewer_may_see_identity=True, now=sample.NOW)
    text = re.sub(r"\s+", "", read_text(pdf))  # a long link wraps at its slashes
    # The printed link is the short one to type; the key (a credential) travels only in the QR code.
    assert (
        "Pindai kode QR atau buka https://lapor.banyuwangikab.go.id/lacak/DINKES-BWI-2603-K7Q-0042".replace(
            " ", ""
        )
        in text
    )
    assert key not in text


def test_letterhead_logo_is_drawn(read_text: ReadText) -> None:
    pdf = render_receipt(
        sample.walk_in_ticket(),
        sample.opd(),
        sample.officer(),
        viewer_may_see_identity=True,
        now=sample.NOW,
        logo=sample.tiny_logo_png(),
    )
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]

    assert len(page.images) == 1
    assert "Dinas Kesehatan Kabupaten Banyuwangi" in read_text(pdf)


def test_english_receipt(read_text: ReadText) -> None:
    pdf = render_receipt(
        sample.walk_in_ticket(),
        sample.opd(),
        None,
        viewer_may_see_identity=True,
        lang="en",
        now=datetime(2026, 3, 27, 3, 5, tzinfo=UTC),
    )
    text = squash(read_text(pdf))

    assert "COMPLAINT RECEIPT" in text
    assert "Monday, 30 March 2026 16:00 WIB" in text
    assert "Walk-in" in text


def test_unknown_layout_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="layout"):
        render_receipt(
            sample.walk_in_ticket(),
            sample.opd(),
            None,
            layout="letter",  # type: ignore[arg-type]
            viewer_may_see_identity=True,
        )


def test_the_documents_a_citizen_handed_over_are_listed(read_text: ReadText) -> None:
    ticket = dataclasses.replace(
        sample.walk_in_ticket(),
        attachments=(
            Attachment("a1", "t", "ktp <b>Siti</b>.jpg", "image/jpeg", 120_000, "0" * 64),
            Attachment("a2", "t", "surat-keterangan-desa.pdf", "application/pdf", 80_000, "1" * 64),
        ),
    )
    pdf = render_receipt(
        ticket, sample.opd(), sample.officer(), layout="a4", viewer_may_see_identity=True, now=sample.NOW
    )
    text = squash(read_text(pdf))
    assert "Dokumen diterima (2)" in text
    assert "ktp <b>Siti</b>.jpg, surat-keterangan-desa.pdf" in text  # names print literally
    assert "Dokumen diterima" not in squash(read_text(receipt()))  # none, no row
