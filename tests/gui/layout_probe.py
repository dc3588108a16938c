"""Lay the main window out at one size and report what a user would see cut, squeezed or hidden.

Run in a subprocess by ``test_layout.py``, because the scale factor (``QT_SCALE_FACTOR``) is read
once, when the QApplication starts:

    QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=1.5 python -m tests.gui.layout_probe DATA 1280 720 OUT

Prints nothing; writes a JSON report to OUT for each ticket given by tracking number.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QRegion
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from desktop.queue import QueueView
from desktop.settings import Settings
from desktop.store import LocalStore
from ui.application import ensure_application
from ui.mainwindow import MainWindow
from ui.tasks import TaskManager


def _settle(app: QApplication) -> None:
    for _ in range(6):
        app.processEvents()


def _rect_in(window: QWidget, w: QWidget) -> QRect:
    return QRect(w.mapTo(window, QPoint(0, 0)), w.size())


def problems_of(window: MainWindow) -> list[str]:
    view = window.ticket_view
    found: list[str] = []
    if not view.content.isVisibleTo(window):
        return ["no ticket shown"]
    header: dict[str, QWidget] = {
        "tracking": view.tracking,
        "title": view.title,
        "risk": view.risk,
        "feedback": view.feedback,
    }
    for key, value in view.fields.items():
        header[key] = value
        header[f"{key} caption"] = view.field_captions[key]
    shown_buttons = {s.value: b for s, b in view.status_buttons.items() if not b.isHidden()}
    for name, w in {**header, **{f"button {k}": b for k, b in shown_buttons.items()}}.items():
        if name in ("risk", "feedback") and w.isHidden():
            continue
        if not w.isVisibleTo(window):
            found.append(f"{name}: hidden")
            continue
        if w.visibleRegion() != QRegion(w.rect()):
            found.append(f"{name}: clipped by its parent ({w.visibleRegion().boundingRect()} of {w.rect()})")
        if isinstance(w, QLabel) and w.wordWrap() and w.height() < w.heightForWidth(w.width()):
            found.append(f"{name}: {w.height()} px high, its text needs {w.heightForWidth(w.width())}")
        elif isinstance(w, QPushButton | QLabel) and not (isinstance(w, QLabel) and w.wordWrap()):
            hint = w.minimumSizeHint() if isinstance(w, QLabel) else w.sizeHint()
            if w.height() < hint.height() or w.width() < w.sizeHint().width():
                found.append(f"{name}: squeezed to {w.size().toTuple()} (needs {hint.toTuple()})")
        if isinstance(w, QPushButton) and not w.focusPolicy().value & 0x1:
            found.append(f"{name}: not reachable with Tab")
        if not _rect_in(window, w).intersects(_rect_in(window, view)):
            found.append(f"{name}: outside the ticket pane")
    tabs = view.tabs.tabBar()
    corner = view.tabs.cornerWidget()
    for i in range(tabs.count()):
        rect = tabs.tabRect(i)
        if rect.width() < tabs.fontMetrics().horizontalAdvance(tabs.tabText(i)) + 16:
            found.append(f"tab {tabs.tabText(i)!r}: shortened to {rect.width()} px")
        if corner is not None and QRect(tabs.mapTo(window, rect.topLeft()), rect.size()).intersects(
            _rect_in(window, corner)
        ):
            found.append(f"tab {tabs.tabText(i)!r}: under the buttons beside the tabs")
    editor = view.editor.text
    if editor.verticalScrollBar().isVisible() and not editor.toPlainText():
        found.append("reply box: too low for its one line")
    rects = {name: _rect_in(window, w) for name, w in header.items() if w.isVisibleTo(window)}
    names = sorted(rects)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if rects[a].intersects(rects[b]):
                found.append(f"{a} overlaps {b}")
    window_rect = QRect(QPoint(0, 0), window.size())
    for pane in (window.sidebar, window.queue_pane, view, view.editor):
        if not window_rect.contains(_rect_in(window, pane)):
            found.append(f"{pane.objectName() or type(pane).__name__}: goes past the window's edge")
    return found


def queue_columns(window: MainWindow) -> dict[str, object]:
    """Which columns the queue shows, whether it scrolls sideways, and any shown column cut."""
    from ui.queue_model import Column
    from ui.queue_pane import column_key

    pane = window.queue_pane
    table, header = pane.table, pane.table.horizontalHeader()
    cut: list[str] = []
    room = table.viewport().width()
    shown = pane.visible_columns()
    for column in shown:
        left, size = header.sectionViewportPosition(column), header.sectionSize(column)
        if left < 0 or left + size > room:
            cut.append(f"{column.name}: {left}..{left + size} outside the {room} px table")
        name = window.queue_model.headerData(column, Qt.Orientation.Horizontal) or ""
        if header.fontMetrics().horizontalAdvance(name) + 8 > size:
            cut.append(f"{column.name}: header {name!r} cut at {size} px")
        for row in range(window.queue_model.rowCount()):
            text = window.queue_model.index(row, column).data() or ""
            if column is Column.STATUS and table.fontMetrics().horizontalAdvance(text) + 8 > size:
                cut.append(f"STATUS: {text!r} cut at {size} px")
            if column is Column.DEADLINE:
                # What DeadlineDelegate draws: the text elided to the pill, 32 px less than the cell.
                font = window.queue_model.index(row, column).data(Qt.ItemDataRole.FontRole) or QFont()
                time_part = text.split(" \u00b7 ")[0]
                drawn = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, size - 32)
                if not drawn.startswith(time_part):
                    cut.append(f"DEADLINE: {time_part!r} drawn as {drawn!r} at {size} px")
    return {
        "columns": [column_key(c) for c in shown],
        "sideways_scroll": table.horizontalScrollBar().isVisible()
        or table.horizontalScrollBar().maximum() > 0,
        "rows_scroll": table.verticalScrollBar().isVisible(),
        "columns_cut": cut,
    }


def main(data_dir: str, width: int, height: int, out: str, tracking_numbers: list[str]) -> None:
    app = ensure_application("id")
    store = LocalStore.open(Path(data_dir))
    window = MainWindow(store, Settings(), Path(data_dir), tasks=TaskManager(inline=True))
    window.sync.stop()
    window.resize(width, height)
    window.show()
    _settle(app)
    report: dict[str, object] = {
        "size": [window.width(), window.height()],
        "dpr": window.devicePixelRatio(),
        "grab": list(window.grab().deviceIndependentSize().toSize().toTuple()),
        "grab_pixels": list(window.grab().size().toTuple()),
        "tickets": {},
    }
    tickets: dict[str, object] = {}
    for tracking_no in tracking_numbers:
        row = next(r for r in window.queue_model.loaded_rows() if r.tracking_no == tracking_no)
        window.queue_pane.select_ticket(row.id)
        _settle(app)
        body = window.ticket_view.body
        if os.environ.get("LAYOUT_PROBE_SHOTS"):  # to look at what the report says
            window.grab().save(
                str(Path(os.environ["LAYOUT_PROBE_SHOTS"]) / f"{tracking_no}-{width}x{height}.png")
            )
        problems = problems_of(window)
        feedback_shown = window.ticket_view.feedback.isVisibleTo(window)
        lines = body.viewport().height() // body.fontMetrics().lineSpacing()
        # Writing a long reply grows the box; the header must still show whole.
        editor = window.ticket_view.editor
        editor.text.setFocus()
        editor.text.setPlainText("\n".join(f"Baris balasan {i}" for i in range(30)))
        _settle(app)
        problems += [f"while writing: {p}" for p in problems_of(window)]
        if editor.text.height() <= 3 * editor.text.fontMetrics().lineSpacing():
            problems.append("while writing: the reply box did not grow")
        editor.clear()
        _settle(app)
        tickets[tracking_no] = {
            "problems": problems,
            "body_lines": lines,
            "feedback_shown": feedback_shown,
            "buttons": sorted(
                s.value for s, b in window.ticket_view.status_buttons.items() if not b.isHidden()
            ),
        }
    report["tickets"] = tickets
    report["queue"] = queue_columns(window)
    # Every view's name in the queue's title and a supervisor's buttons fit without widening the window.
    widths = set()
    views_cut: list[str] = []
    window.queue_pane.reassign_button.show()
    window.queue_pane.transfer_button.show()
    for view in QueueView:
        window.sidebar.select_view(view)
        _settle(app)
        widths.add(window.width())
        title = window.queue_pane.pane_title
        if title.width() < title.sizeHint().width():
            views_cut.append(view.value)
    report["widths_over_views"] = sorted(widths)
    if views_cut:
        report["views_cut"] = views_cut
    Path(out).write_text(json.dumps(report), encoding="utf-8")
    window.close()
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5:])
