"""A header value that never clips: words wrap, and a word too wide for the column is shortened
in the middle ("pengadu.warga…2026"), an e-mail address breaking before its "@domain" first;
the whole value is in the tooltip and the copy menu.

Values are complaint data (a reporter's name, contact, location): always plain text.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QLabel, QMenu, QSizePolicy, QWidget

_RUNS = re.compile(r"(\s+)")


def plain_label(text: str = "", object_name: str = "", wrap: bool = False) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    if object_name:
        label.setObjectName(object_name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class FieldLabel(QLabel):
    def __init__(self, object_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The column decides the width; the text only decides the height.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        if object_name:
            self.setObjectName(object_name)
        self._full = ""
        self.max_lines = 0  # > 0: at most this many lines, the rest after "…" (whole in the tooltip)

    def setText(self, text: str) -> None:
        self._full = text
        self._fit()

    def text(self) -> str:
        """The whole value, however it is shown."""
        return self._full

    def shown_text(self) -> str:
        return super().text()

    def is_shortened(self) -> bool:
        return self.shown_text() != self._full

    def copy_full_text(self) -> None:
        QGuiApplication.clipboard().setText(self._full)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if not self.is_shortened():
            super().contextMenuEvent(event)  # the label's own menu: copy the selection
            return
        menu = self.full_text_menu()
        menu.exec(event.globalPos())
        menu.deleteLater()

    def full_text_menu(self) -> QMenu:
        """The menu of a shortened value: a selection of it would copy the "…", so copy it whole."""
        menu = QMenu(self)
        menu.addAction(self.tr("Salin teks lengkap"), self.copy_full_text)
        return menu

    def _fit(self) -> None:
        width = self.contentsRect().width()
        shown = self._full
        if width > 0:
            shown = "".join(self._shorten(run, width) for run in _RUNS.split(self._full))
            if self.max_lines > 0:
                shown = self._cap_lines(shown, width)
        if shown != super().text():
            super().setText(shown)
        shortened = shown != self._full
        self.setToolTip(self._full if shortened else "")
        self.setAccessibleDescription(self._full if shortened else "")

    def _lines_needed(self, text: str, width: int) -> int:
        flags = int(Qt.TextFlag.TextWordWrap)
        height = self.fontMetrics().boundingRect(0, 0, width, 100_000, flags, text).height()
        return max(1, round(height / self.fontMetrics().lineSpacing()))

    def _cap_lines(self, text: str, width: int) -> str:
        """The longest start of ``text`` that with "…" fits ``max_lines`` lines (a binary search)."""
        if self._lines_needed(text, width) <= self.max_lines:
            return text
        low, high = 0, len(text)
        while low < high:
            mid = (low + high + 1) // 2
            if self._lines_needed(text[:mid].rstrip() + "\u2026", width) <= self.max_lines:
                low = mid
            else:
                high = mid - 1
        return text[:low].rstrip() + "\u2026"

    def _shorten(self, run: str, width: int) -> str:
        metrics = self.fontMetrics()
        if run.isspace() or metrics.horizontalAdvance(run) <= width:
            return run
        at = run.rfind("@")
        if at > 0 and metrics.horizontalAdvance(run[at:]) <= width:
            # An e-mail address breaks before its domain: the name on one line (shortened only if
            # it alone is too wide), the whole domain on the next.
            name = metrics.elidedText(run[:at], Qt.TextElideMode.ElideMiddle, width)
            return name + "\n" + run[at:]
        return metrics.elidedText(run, Qt.TextElideMode.ElideMiddle, width)
