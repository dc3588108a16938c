"""The window is fully usable at the sizes officers' laptops have: 1366x768 at 100 %, and
1920x1080 at 125 % and 150 % (Windows' defaults). Each size runs in its own process, because
Qt reads the scale factor once, when the application starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from db import models
from desktop.store import LocalStore
from tests.helpers.store import ticket_row
from ui.sample_letter import long_letter

REPO = Path(__file__).resolve().parents[2]
NOW = datetime.now(UTC)

# (logical width, height, scale): what the window gets on each laptop.
SIZES = [(1366, 768, "1"), (1536, 864, "1.25"), (1280, 720, "1.5")]
# The queue's columns that fit whole at each size, most useful first (ui.queue_pane.COLUMN_PRIORITY).
QUEUE_COLUMNS = {
    "1": ["tracking", "channel", "title", "deadline", "status"],
    "1.25": ["tracking", "channel", "title", "deadline", "status", "assignee"],
    "1.5": ["tracking", "channel", "title", "deadline"],
}


def _desk(path: Path) -> list[str]:
    """A desk with the tickets that crowd a header most: long names, a long letter, most buttons,
    the citizen's long rebuttal."""
    store = LocalStore.open(path)
    received = NOW - timedelta(days=20)
    rows = [
        ticket_row(
            tracking_no="DISPENDUKCAPIL-BWI-2609-00012",
            status="didisposisi",  # four status buttons, the most any status has
            reporter_name="Raden Roro Siti Nurhaliza Kusumawardhani binti Haji Abdurrahman",
            reporter_contact="siti.nurhaliza.kusumawardhani.banyuwangi@contoh-pos.co.id",
            location="Jl. Letjen S. Parman Gg. Melati No. 17 RT 03/RW 07, Kel. Kebalenan, Kec. Banyuwangi",
            title="KTP-el dan KK tidak kunjung jadi setelah tiga kali datang ke kecamatan, blanko selalu habis",
            body=long_letter(),
            received_at=received,
            dl_verification=received + timedelta(days=1),
            dl_resolution=received + timedelta(days=10),
            next_deadline=received + timedelta(days=10),
            next_stage="resolution",
            # The citizen's rebuttal: its badge shares the row with the status and the channel.
            feedback={
                "selesai": False,
                "nilai": 1,
                "at": (received + timedelta(days=12)).isoformat(),
                "tidak": 1,
                "komentar": "Blanko masih habis, saya sudah datang lagi hari Senin dan disuruh menunggu "
                "bulan depan tanpa kepastian. " * 20,
            },
        ),
        ticket_row(tracking_no="DINKES-BWI-2611-00001", status="baru", body=long_letter(3000)),
    ]
    # A day's queue: more rows than the table shows, so its scroll bar takes its width too.
    filler = [ticket_row(tracking_no=f"DINKES-BWI-2611-{i:05d}", status="baru") for i in range(2, 32)]
    with store.write() as session:
        session.add(models.Opd(code="DINKES-BWI", name="Dinas Kesehatan", tz="Asia/Jakarta"))
        session.add_all(rows + filler)
    store.close()
    return [r.tracking_no for r in rows]


@pytest.mark.parametrize(
    ("width", "height", "scale"), SIZES, ids=["1366x768@100", "1920x1080@125", "1920x1080@150"]
)
def test_every_status_button_and_header_field_shows_whole_with_ten_lines_of_the_complaint(
    tmp_path: Path, width: int, height: int, scale: str
) -> None:
    data = tmp_path / "desk"
    numbers = _desk(data)
    out = tmp_path / "report.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.gui.layout_probe",
            str(data),
            str(width),
            str(height),
            str(out),
            *numbers,
        ],
        cwd=REPO,
        env=env,
        check=True,
        timeout=120,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["size"] == [width, height]  # no minimum size pushes the window past the screen
    assert report["dpr"] == float(scale)
    assert report["widths_over_views"] == [width]
    assert "views_cut" not in report
    assert report["grab_pixels"] == [round(width * float(scale)), round(height * float(scale))]
    long_one, new_one = (report["tickets"][n] for n in numbers)
    assert long_one["buttons"] == ["bukan_wewenang", "ditindaklanjuti", "menunggu_pelapor", "selesai"]
    assert new_one["buttons"] == ["bukan_wewenang", "ditolak", "terverifikasi"]
    assert long_one["feedback_shown"] and not new_one["feedback_shown"]
    for ticket in (long_one, new_one):
        assert ticket["problems"] == []
        assert ticket["body_lines"] >= 10
    # The queue never scrolls sideways: it shows the columns that fit whole (the others are one
    # right-click away), and no shown column cuts its header, a status or a countdown.
    queue = report["queue"]
    assert queue["columns"] == QUEUE_COLUMNS[scale]
    assert queue["sideways_scroll"] is False
    assert queue["rows_scroll"] is True
    assert queue["columns_cut"] == []


def test_tanggap_screenshot_at_a_size_honours_the_scale_factor_and_opens_the_first_ticket(
    tmp_path: Path,
) -> None:
    from PySide6.QtGui import QColor, QImage

    data = tmp_path / "desk"
    _desk(data)
    shot = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "1.5"}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "tanggap",
            "--data-dir",
            str(data),
            "--screenshot",
            str(shot),
            "--size",
            "1280x720",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1920, 1080)
    # The ticket's white header card, not the grey "choose a ticket" placeholder, fills the top right.
    assert image.pixelColor(1700, 150) == QColor("#ffffff")


def test_a_size_that_is_not_w_x_h_is_refused_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    from tanggap.app import main

    with pytest.raises(SystemExit) as stopped:
        main(["--screenshot", "x.png", "--size", "1366 by 768"])
    assert stopped.value.code == 2
    assert "contoh: 1366x768" in capsys.readouterr().err
