"""Canned responses never promise the citizen a date that has already passed."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from desktop.domain import Deadlines
from desktop.ticket_detail import fill_canned
from tests.helpers import reports as sample

RECEIVED = (
    "Yth. {nama_pelapor},\nterima kasih telah menyampaikan pengaduan. Pengaduan Saudara telah kami "
    "terima dengan nomor {nomor_tiket} dan akan kami tindak lanjuti paling lambat {tenggat}.\nHormat kami."
)
IN_PROGRESS = "Perkembangan akan kami sampaikan kembali sebelum {tenggat}."
SOCIAL = "Ditunggu ya Kak {nama_pelapor}, paling lambat {tenggat} 🙏"

DEADLINES = Deadlines(
    verification=datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
    first_response=datetime(2026, 11, 27, 9, 0, tzinfo=UTC),
    follow_up=datetime(2026, 12, 8, 9, 0, tzinfo=UTC),
    resolution=datetime(2026, 12, 1, 9, 0, tzinfo=UTC),  # Selasa, 1 Desember 2026 16.00 WIB
)


def fill(template: str, now: datetime, deadlines: Deadlines = DEADLINES) -> str:
    t = dataclasses.replace(sample.walk_in_ticket(), deadlines=deadlines)
    return fill_canned(template, t, now=now, tz="Asia/Jakarta")


def test_before_the_deadline_the_template_names_it() -> None:
    text = fill(RECEIVED, datetime(2026, 11, 30, 2, 0, tzinfo=UTC))

    assert "paling lambat Selasa, 1 Desember 2026 16.00 WIB." in text
    assert "Yth. Siti Nur'aini Wulandari," in text
    assert "DINKES-BWI-2603-K7Q-0042" in text


def test_after_a_missed_deadline_the_next_one_still_ahead_is_promised() -> None:
    # 2 December: the resolution deadline (1 December) has passed; the follow-up one (8 December) has not.
    text = fill(RECEIVED, datetime(2026, 12, 2, 2, 0, tzinfo=UTC))

    assert "1 Desember" not in text
    assert "paling lambat Selasa, 8 Desember 2026 16.00 WIB." in text


def test_with_every_deadline_missed_the_reply_says_segera_not_a_past_date() -> None:
    now = datetime(2026, 12, 9, 2, 0, tzinfo=UTC)

    received = fill(RECEIVED, now)
    progress = fill(IN_PROGRESS, now)
    social = fill(SOCIAL, now)

    assert "akan kami tindak lanjuti segera.\nHormat kami." in received
    assert "Desember" not in received and "November" not in received
    assert progress == "Perkembangan akan kami sampaikan kembali segera."
    assert social == "Ditunggu ya Kak Siti Nur'aini Wulandari, segera 🙏"


def test_a_ticket_without_deadlines_promises_no_date() -> None:
    text = fill(RECEIVED, datetime(2026, 12, 2, 2, 0, tzinfo=UTC), Deadlines())

    assert "tindak lanjuti segera." in text
    assert "{tenggat}" not in text and "-" not in text.split("segera")[0][-3:]
