"""The views on the left (Antrean saya, Semua di OPD, ...) with their live counts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QLocale, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.queue import QueueView
from ui import icons
from ui.signals import emit

VIEW_ROLE = Qt.ItemDataRole.UserRole + 1
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2

# Views whose count is a call to act get a coloured dot when not empty.
_ALERT_COLORS = {
    QueueView.BREACHED: "#f97066",
    QueueView.DUE_SOON: "#fdb022",
    QueueView.CONFLICTS: "#f97066",
    QueueView.UNDELIVERED: "#fdb022",
}


class ViewListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._views = list(QueueView)
        self._names = {
            QueueView.MINE: self.tr("Antrean saya"),
            QueueView.ALL: self.tr("Semua di OPD"),
            QueueView.UNASSIGNED: self.tr("Belum ditugaskan"),
            QueueView.DUE_SOON: self.tr("Hampir jatuh tempo"),
            QueueView.BREACHED: self.tr("Terlambat"),
            QueueView.WAITING: self.tr("Menunggu pelapor"),
            QueueView.DONE: self.tr("Selesai"),
            QueueView.CONFLICTS: self.tr("Konflik & ditolak"),
            QueueView.UNDELIVERED: self.tr("Balasan belum sampai"),
        }
        self._counts: dict[QueueView, int] = {}

    def name(self, view: QueueView) -> str:
        return self._names[view]

    def view_at(self, row: int) -> QueueView:
        return self._views[row]

    def row_of(self, view: QueueView) -> int:
        return self._views.index(view)

    def count(self, view: QueueView) -> int | None:
        return self._counts.get(view)

    def set_counts(self, counts: dict[QueueView, int]) -> None:
        changed = [v for v in self._views if counts.get(v) != self._counts.get(v)]
        self._counts = dict(counts)
        for view in changed:
            i = self.index(self.row_of(view), 0)
            emit(self.dataChanged, i, i)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._views)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._views):
            return None
        view = self._views[index.row()]
        count = self._counts.get(view)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._names[view]
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            if count is None:
                return self._names[view]
            return (
                self.tr("%1, %2 tiket")
                .replace("%1", self._names[view])
                .replace("%2", QLocale().toString(count))
            )
        if role == VIEW_ROLE:
            return view.value
        if role == COUNT_ROLE:
            return count
        if role == Qt.ItemDataRole.DecorationRole:
            color = _ALERT_COLORS.get(view) if count else None
            return icons.dot_pixmap(color or "#2f7a72", 5)
        return None


class ViewDelegate(QStyledItemDelegate):
    """Paints the view's name and its count as a pill on the right; the name stops before the pill
    (shortened with "…" and whole in the tooltip if the column is too narrow), never under it."""

    PILL_GAP = 6  # between the name and the pill
    PILL_RIGHT = 8  # from the pill to the item's right edge

    @staticmethod
    def pill_width(option: QStyleOptionViewItem, count: int) -> int:
        return max(26, option.fontMetrics.horizontalAdvance(QLocale().toString(count)) + 14)

    def layout_of(
        self, opt: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> tuple[QRect, QRect, str]:
        """Where the name goes, where the count's pill goes (null without a count), the name as shown."""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        count = index.data(COUNT_ROLE)
        rect = opt.rect
        pill = QRect()
        if count is not None:
            width = self.pill_width(opt, int(count))
            pill = QRect(rect.right() - width - self.PILL_RIGHT, rect.center().y() - 10, width, 20)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        if not pill.isNull():
            text_rect.setRight(min(text_rect.right(), pill.left() - self.PILL_GAP))
        name = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        return (
            text_rect,
            pill,
            opt.fontMetrics.elidedText(name, Qt.TextElideMode.ElideRight, text_rect.width()),
        )

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        opt.text = name
        text_rect, pill, shown = self.layout_of(opt, index)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(
            opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        )
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown)
        count = index.data(COUNT_ROLE)
        if count is not None:
            view = QueueView(index.data(VIEW_ROLE))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            alert = _ALERT_COLORS.get(view) if count else None
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(alert) if alert else QColor(255, 255, 255, 36))
            painter.drawRoundedRect(pill, 10, 10)
            painter.setPen(QColor("#1d2939") if alert else QColor("#e6f4f1"))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, QLocale().toString(int(count)))
        painter.restore()
