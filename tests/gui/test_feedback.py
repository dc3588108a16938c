"""The citizen's answer on the public page after "selesai" (docs/lacak.md), in the ticket pane's
row of badges ("Sanggahan ke-2 ★2/5", coloured by the answer, costing the header no line), the
whole line with the date and the comment in its tooltip as plain text (a hostile or huge comment
shortened and wrapped)."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.settings import Settings
from desktop.store import LocalStore
from tests.helpers import report_store as rs
from tests.helpers.store import ticket_row
from ui.mainwindow import MainWindow
from ui.tasks import TaskManager

NOW = datetime(2026, 12, 4, 3, 0, tzinfo=UTC)
ANSWERED = "2026-12-02T18:30:00+00:00"  # Kamis, 3 Desember 2026 01.30 WIB
SHOTS = os.environ.get("TANGGAP_SCREENSHOTS")  # a folder: save the screenshots there too
SIZE = tuple(int(v) for v in os.environ.get("TANGGAP_SCREENSHOT_SIZE", "1366x768").split("x"))
HOSTILE = '<b>TEBAL</b><img src="http://evil.example/x.png"> \U0001f621\U0001f621 ' + "belum " * 200_000
SOLVED, REBUTTED, QUIET = "DINKES-BWI-2612-00001", "DINKES-BWI-2612-00002", "DINKES-BWI-2612-00003"


@pytest.fixture
def window(qtbot: QtBot, store: LocalStore, data_dir: Path) -> MainWindow:
    rs.add_directory(store)
    rs.log_in_as(store, "budi.s")
    received = NOW - timedelta(days=9)
    common = {"received_at": received, "next_deadline": received + timedelta(days=3)}
    with store.write() as session:
        session.add_all(
            [
                ticket_row(
                    tracking_no=SOLVED, status="selesai", is_open=False, **common,
                    feedback={"selesai": True, "nilai": 4, "at": ANSWERED, "tidak": 0,
                              "komentar": "Terima kasih, lampu sudah menyala \U0001f64f"},
                ),
                ticket_row(
                    tracking_no=REBUTTED, status="ditindaklanjuti", **common,
                    feedback={"selesai": False, "nilai": 2, "at": ANSWERED, "tidak": 2, "komentar": HOSTILE},
                ),
                ticket_row(tracking_no=QUIET, status="ditindaklanjuti", **common),
            ]
        )  # fmt: skip
    if SHOTS:
        from ui.theme import apply_theme

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        apply_theme(app)
    w = MainWindow(store, Settings(), data_dir, tasks=TaskManager(inline=True), clock=lambda: NOW)
    qtbot.addWidget(w)
    w.resize(SIZE[0], SIZE[1])
    w.show()
    qtbot.waitExposed(w)
    return w


def _show(qtbot: QtBot, w: MainWindow, tracking_no: str) -> None:
    with w.store.read() as session:
        from db.repositories import TicketRepository

        row = TicketRepository(session).by_tracking_no(tracking_no)
        assert row is not None
        ticket_id = row.id
    w.ticket_pane.show_ticket(ticket_id)
    qtbot.waitUntil(lambda: w.detail is not None and w.detail.ticket.tracking_no == tracking_no)
    QApplication.processEvents()


def _save(w: MainWindow, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()
        w.grab().save(str(Path(SHOTS) / name))


def test_a_solved_answer_shows_as_a_green_badge_with_the_whole_line_and_comment_in_its_tooltip(
    qtbot: QtBot, window: MainWindow
) -> None:
    _show(qtbot, window, SOLVED)
    badge = window.ticket_view.feedback

    assert badge.isVisible()
    assert badge.text() == "Selesai menurut pelapor \u26054/5"
    assert badge.toolTip() == (
        "Tanggapan pelapor: sudah selesai \u00b7 \u2605\u2605\u2605\u2605\u2606 (4/5) \u00b7 3 Desember 2026\n"
        "Terima kasih, lampu sudah menyala \U0001f64f"
    )
    assert badge.accessibleName() == "Tanggapan pelapor" and badge.accessibleDescription() == badge.toolTip()
    assert "#05603a" in badge.styleSheet()  # green: the citizen is satisfied
    _save(window, "feedback-solved.png")


def test_a_hostile_megabyte_rebuttal_costs_the_header_no_line_and_stays_plain_text(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = window.ticket_view
    _show(qtbot, window, QUIET)
    title_at = view.title.mapTo(view, view.title.rect().topLeft())
    body_height = view.body.height()
    _show(qtbot, window, REBUTTED)
    badge = view.feedback

    assert badge.isVisible() and badge.text() == "Sanggahan ke-2 \u26052/5"
    assert "#7a4a00" in badge.styleSheet()  # amber: the citizen says it is not solved
    # The badge shares the row of badges: the title and the complaint do not move.
    assert view.title.mapTo(view, view.title.rect().topLeft()) == title_at
    assert view.body.height() == body_height
    tip = badge.toolTip().split("\n")
    assert tip[0] == (
        "Pelapor menyatakan belum selesai (sanggahan ke-2) \u00b7 \u2605\u2605\u2606\u2606\u2606 (2/5)"
        " \u00b7 3 Desember 2026"
    )
    # The markup is shown as the characters it is: Qt does not take the tooltip for rich text.
    assert tip[1].startswith('<b>TEBAL</b><img src="http://evil.example/x.png">')
    assert not Qt.mightBeRichText(badge.toolTip())
    assert badge.textFormat() is Qt.TextFormat.PlainText
    # A megabyte is cut to what a tooltip can show, in lines a screen can hold.
    assert tip[-1].endswith("\u2026") and len(badge.toolTip()) < 1_200
    assert max(len(line) for line in tip[1:]) <= 80
    _save(window, "feedback-rebuttal.png")


def test_a_ticket_without_an_answer_has_no_badge_and_the_badge_follows_the_ticket(
    qtbot: QtBot, window: MainWindow
) -> None:
    _show(qtbot, window, REBUTTED)
    _show(qtbot, window, QUIET)
    assert window.ticket_view.feedback.isHidden()
    _show(qtbot, window, SOLVED)
    assert window.ticket_view.feedback.isVisible()
