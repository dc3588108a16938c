"""Ticket events read as sentences with display names, never as status codes or usernames."""

from __future__ import annotations

import pytest

from desktop.event_text import event_sentence

NAMES = {"gita.s": "Gita Suryadi", "vivi.s": "Vivi Suryadi", "budi": "Budi Santoso"}
OPDS = {"DINKES": "Dinas Kesehatan", "DISPENDUK": "Dinas Kependudukan"}


def sentence(text: str, lang: str = "id") -> str:
    return event_sentence(
        text, "Gita Suryadi", lambda u: NAMES.get(u, u), lambda c: OPDS.get(c, c), lang=lang
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Status: baru \u2192 terverifikasi", "Status diubah menjadi Terverifikasi oleh Gita Suryadi."),
        (
            "Status: didisposisi \u2192 ditindaklanjuti",
            "Status diubah menjadi Ditindaklanjuti oleh Gita Suryadi.",
        ),
        (
            "Status: terverifikasi \u2192 ditolak. Alasan: Bukan pengaduan. Iklan.",
            "Status diubah menjadi Ditolak oleh Gita Suryadi. Alasan: Bukan pengaduan. Iklan.",
        ),
        ("Ditugaskan: - \u2192 vivi.s", "Gita Suryadi mendisposisikan ke Vivi Suryadi."),
        (
            "Ditugaskan: - \u2192 vivi.s. Status: terverifikasi \u2192 didisposisi",
            "Gita Suryadi mendisposisikan ke Vivi Suryadi. Status menjadi Didisposisi.",
        ),
        (
            "Ditugaskan: budi \u2192 vivi.s",
            "Gita Suryadi mengalihkan tugas dari Budi Santoso ke Vivi Suryadi.",
        ),
        ("Ditugaskan: budi \u2192 -", "Gita Suryadi mencabut penugasan Budi Santoso."),
        # The server's event when a desk registers a complaint (the receipt's registrar).
        ("Dicatat: walk_in", "Gita Suryadi mencatat pengaduan ini (Datang langsung)."),
        ("Dicatat: phone", "Gita Suryadi mencatat pengaduan ini (Telepon)."),
        (
            "Dialihkan: DINKES \u2192 DISPENDUK. Status: didisposisi \u2192 baru. Alasan: urusan KTP",
            "Gita Suryadi mengalihkan pengaduan dari Dinas Kesehatan ke Dinas Kependudukan. Alasan: urusan KTP",
        ),
        ("Lampiran ditambahkan: foto jalan.jpg", "Gita Suryadi menambahkan lampiran foto jalan.jpg."),
        ("Disposisi kepada vivi.s", "Gita Suryadi mendisposisikan ke Vivi Suryadi."),
    ],
)
def test_events_read_as_indonesian_sentences(text: str, expected: str) -> None:
    got = sentence(text)
    assert got == expected
    for code in ("baru", "didisposisi", "\u2192", "vivi.s", "gita.s"):
        assert code not in got.replace("Didisposisi", "")


def test_english_sentences() -> None:
    assert sentence("Status: baru \u2192 selesai", "en") == "Gita Suryadi changed the status to Resolved."
    assert (
        sentence("Ditugaskan: - \u2192 vivi.s", "en") == "Gita Suryadi assigned the ticket to Vivi Suryadi."
    )


def test_unknown_forms_and_statuses_stay_as_written() -> None:
    assert sentence("Sesuatu yang lain terjadi") == "Sesuatu yang lain terjadi"
    # An unknown status code (a newer server) shows as written rather than failing.
    assert sentence("Status: baru \u2192 diarsipkan") == "Status diubah menjadi diarsipkan oleh Gita Suryadi."


def test_an_unknown_username_shows_as_itself() -> None:
    assert sentence("Ditugaskan: - \u2192 orang.baru") == "Gita Suryadi mendisposisikan ke orang.baru."
