"""The queue table: a keyset-paged window over the local store, most urgent first.

Like Anki's browser table the model keeps only the rows of the pages it has loaded; the order
comes from SQL over an index (``desktop.queue``), never from a proxy model. Views ask for more
through ``canFetchMore``/``fetchMore`` as the officer scrolls. The countdown column is computed
by the SLA engine for the rows on screen only, cached per row for the current minute; a timer
repaints that one column each minute without querying the store again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop import labels, queue, wording
from desktop.domain import UrgencyLevel
from desktop.queue import PAGE_SIZE, QueueFilter, QueueRow
from desktop.sla import Urgency
from desktop.store import LocalStore
from desktop.ticket_detail import DeskDirectory, urgency_of
from ui import icons, theme
from ui.signals import emit
from ui.tasks import TaskManager

TICKET_ID_ROLE = Qt.ItemDataRole.UserRole + 1
URGENCY_LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    # The deadline sits next to the title: what is late and how late is read first.
    TRACKING = 0
    CHANNEL = 1
    TITLE = 2
    DEADLINE = 3
    STATUS = 4
    REPORTER = 5
    CATEGORY = 6
    ASSIGNEE = 7


class TicketQueueModel(QAbstractTableModel):
    # Emitted after a (re)load of the first page: the view re-selects what the officer had open.
    reloaded = Signal()

    def __init__(
        self,
        tasks: TaskManager,
        store: LocalStore,
        directory: DeskDirectory,
        *,
        lang: str = "id",
        clock: Callable[[], datetime] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.store = store
        self.directory = directory
        self.lang = lang
        self.clock = clock or (lambda: datetime.now(UTC))
        self.filter = QueueFilter()
        self._rows: list[QueueRow] = []
        self._exhausted = True
        self._loading = False
        self._generation = 0
        # row id -> (minute it was computed for, urgency)
        self._urgency: dict[str, tuple[int, Urgency | None]] = {}
        names = {
            Column.TRACKING: self.tr("Nomor"),
            Column.CHANNEL: "",
            Column.TITLE: self.tr("Judul"),
            Column.DEADLINE: self.tr("Tenggat berisiko"),
            Column.STATUS: self.tr("Status"),
            Column.REPORTER: self.tr("Pelapor"),
            Column.CATEGORY: self.tr("Kategori"),
            Column.ASSIGNEE: self.tr("Petugas"),
        }
        self._headers = [names[c] for c in Column]
        self._hidden_identity = self.tr("Identitas dirahasiakan")
        self._unassigned = self.tr("Belum ditugaskan")
        self._no_deadline = self.tr("Tidak ada tenggat")
        self._paused = self.tr("dijeda")
        self.countdown = QTimer(self)
        self.countdown.setInterval(60_000)
        self.countdown.timeout.connect(self.tick)
        self.countdown.start()

    # -- loading ------------------------------------------------------------------------

    def set_filter(self, flt: QueueFilter) -> None:
        """Show another view or filter: start again from its most urgent ticket."""
        self.filter = flt
        self._load_first(PAGE_SIZE)

    def reload(self) -> None:
        """Re-read what is loaded (membership or order changed), keeping as many rows as before."""
        self.filter = _with_now(self.filter, self.clock())
        self._load_first(max(PAGE_SIZE, len(self._rows)))

    def _load_first(self, limit: int) -> None:
        self._generation += 1
        generation = self._generation
        flt = self.filter
        self._loading = True

        def done(rows: list[QueueRow]) -> None:
            if generation != self._generation:
                return
            self.beginResetModel()
            self._rows = rows
            self._exhausted = len(rows) < limit
            self._loading = False
            self._urgency.clear()
            self.endResetModel()
            emit(self.reloaded)

        self.tasks.run_db(
            lambda: queue.fetch_page(self.store, flt, None, limit), done, label=self.tr("Memuat antrean")
        )

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._loading or not self._rows:
            return
        self._loading = True
        generation = self._generation
        flt = self.filter
        after = self._rows[-1].key

        def done(rows: list[QueueRow]) -> None:
            if generation != self._generation:
                return
            self._loading = False
            self._exhausted = len(rows) < PAGE_SIZE
            if rows:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
                self._rows.extend(rows)
                self.endInsertRows()

        self.tasks.run_db(lambda: queue.fetch_page(self.store, flt, after, PAGE_SIZE), done)

    def refresh_tickets(self, ticket_ids: frozenset[str]) -> None:
        """Repaint lines a mutation touched, in place (order and membership unchanged)."""
        loaded = [r.id for r in self._rows if r.id in ticket_ids]
        if not loaded:
            return
        generation = self._generation

        def done(rows: list[QueueRow]) -> None:
            if generation != self._generation:
                return
            fresh = {r.id: r for r in rows}
            for i, old in enumerate(self._rows):
                new = fresh.get(old.id)
                if new is not None:
                    self._rows[i] = _keep_key(new, old)
                    self._urgency.pop(old.id, None)
                    emit(self.dataChanged, self.index(i, 0), self.index(i, len(Column) - 1))

        self.tasks.run_db(lambda: queue.fetch_rows(self.store, loaded, self.filter.view), done)

    def tick(self) -> None:
        """Each minute: the countdown moves; only the deadline column is repainted."""
        if self._rows:
            emit(
                self.dataChanged,
                self.index(0, Column.DEADLINE),
                self.index(len(self._rows) - 1, Column.DEADLINE),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole],
            )

    # -- access -------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        return self._loading

    def row_at(self, row: int) -> QueueRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, ticket_id: str) -> int | None:
        for i, r in enumerate(self._rows):
            if r.id == ticket_id:
                return i
        return None

    def loaded_rows(self) -> list[QueueRow]:
        return list(self._rows)

    def urgency(self, row: QueueRow) -> Urgency | None:
        now = self.clock()
        minute = int(now.timestamp() // 60)
        cached = self._urgency.get(row.id)
        if cached is not None and cached[0] == minute:
            return cached[1]
        value = urgency_of(row, self.directory, now)
        self._urgency[row.id] = (minute, value)
        return value

    # -- Qt model ----------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == Column.CHANNEL:
            return self.tr("Kanal")
        if role == Qt.ItemDataRole.ToolTipRole and section == Column.DEADLINE:
            return self.tr("Tahap yang tenggatnya paling dekat dan sisa waktunya (hk = hari kerja)")
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        col = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == Column.CHANNEL:
                return labels.channel_label(row.channel, self.lang)
            if col == Column.DEADLINE:
                return self._deadline_tooltip(row)
            return self._display(row, col) or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if col == Column.CHANNEL:
                return labels.channel_label(row.channel, self.lang)
            return self._display(row, col)
        if role == Qt.ItemDataRole.DecorationRole and col == Column.CHANNEL:
            return icons.channel_icon(row.channel)
        if role == TICKET_ID_ROLE:
            return row.id
        if col == Column.DEADLINE and role in (
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.FontRole,
            URGENCY_LEVEL_ROLE,
        ):
            u = self.urgency(row)
            if u is None:
                return None
            if role == URGENCY_LEVEL_ROLE:
                return u.level.value
            if role == Qt.ItemDataRole.ForegroundRole:
                return theme.urgency_fg(u.level)
            if role == Qt.ItemDataRole.BackgroundRole:
                return theme.urgency_bg(u.level)
            font = QFont()
            font.setBold(u.level is not UrgencyLevel.OK)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == Column.REPORTER and row.identity_hidden:
                return QColor(theme.MUTED)
            if col == Column.ASSIGNEE and row.assignee is None:
                return QColor(theme.MUTED)
            if col == Column.TRACKING:
                return QColor(theme.PRIMARY_DARK)
        if role == Qt.ItemDataRole.FontRole and col == Column.REPORTER and row.identity_hidden:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _display(self, row: QueueRow, col: Column) -> str:
        if col == Column.TRACKING:
            return row.tracking_no + ("  \u2022" if row.pending_ops else "")
        if col == Column.CHANNEL:
            return ""
        if col == Column.TITLE:
            if row.incident_count:
                count = self.tr("%n pengaduan", "", row.incident_count)
                return f"{count} \u00b7 {_one_line(row.title)}"
            return _one_line(row.title)
        if col == Column.REPORTER:
            return self._hidden_identity if row.identity_hidden else _one_line(row.reporter_name or "")
        if col == Column.CATEGORY:
            return self.directory.category_name(row.category_code)
        if col == Column.ASSIGNEE:
            return self.directory.officer_name(row.assignee) if row.assignee else self._unassigned
        if col == Column.STATUS:
            return labels.status_label(row.status, self.lang)
        u = self.urgency(row)
        if u is None:
            if row.resolved_at is not None:
                return wording.format_date(
                    row.resolved_at, self.directory.tz(row.opd_code), self.lang, weekday=False
                )
            return self._no_deadline
        day = self.directory.calendar(row.opd_code).working_day_length()
        # A line has room for the largest unit; the tooltip and the ticket pane give the rest.
        left = short_remaining(u.remaining, day, self.lang, u.level is UrgencyLevel.BREACHED)
        # The time first: when the column is narrow, the stage is what the "…" takes.
        text = f"{left} \u00b7 {labels.stage_label(u.stage, self.lang)}"
        return f"{text} ({self._paused})" if u.paused else text

    def _deadline_tooltip(self, row: QueueRow) -> str | None:
        u = self.urgency(row)
        if u is None:
            return None
        when = wording.format_datetime(u.deadline, self.directory.tz(row.opd_code), self.lang)
        day = self.directory.calendar(row.opd_code).working_day_length()
        left = wording.format_remaining(u.remaining, day, self.lang, u.level is UrgencyLevel.BREACHED)
        stage = labels.stage_label(u.stage, self.lang)
        return f"{wording.level_name(u.level, self.lang)}: {stage} \u2014 {when} ({left})"


def short_remaining(remaining: timedelta, day: timedelta, lang: str, breached: bool = False) -> str:
    """The countdown in a chip: the largest unit, short and unambiguous.

    ``sisa 3 hk`` / ``lewat 10 hk`` (hk = hari kerja, working days), ``sisa 3 jam``, ``lewat 40 mnt``;
    English ``3 wd left`` / ``10 wd late``, ``3 h left``, ``40 min late``.
    """
    en = lang == "en"
    late = remaining < timedelta(0) or (breached and remaining == timedelta(0))
    size = abs(remaining)
    if size >= day:
        amount = f"{int(size / day)} {'wd' if en else 'hk'}"
    elif size >= timedelta(hours=1):
        amount = f"{int(size / timedelta(hours=1))} {'h' if en else 'jam'}"
    elif size >= timedelta(minutes=1):
        amount = f"{int(size / timedelta(minutes=1))} {'min' if en else 'mnt'}"
    elif late:
        return "late" if en else "lewat"
    else:
        return "due now" if en else "jatuh tempo"
    if en:
        return f"{amount} late" if late else f"{amount} left"
    return f"lewat {amount}" if late else f"sisa {amount}"


def _one_line(text: str) -> str:
    # A title is complaint text: never let a newline or a giant string wreck the row height.
    flat = " ".join(text[:300].split())
    return flat if len(flat) <= 200 else flat[:199] + "\u2026"


def _with_now(flt: QueueFilter, now: datetime) -> QueueFilter:
    from dataclasses import replace

    shift = None if flt.due_soon_until is None else flt.due_soon_until - flt.now
    return replace(flt, now=now, due_soon_until=None if shift is None else now + shift)


def _keep_key(new: QueueRow, old: QueueRow) -> QueueRow:
    # The row keeps its place in the loaded window until the next reload re-sorts.
    from dataclasses import replace

    return replace(new, key=old.key)


class MiddleElideDelegate(QStyledItemDelegate):
    """A long tracking number or name shortened in the middle ("DISPENDUKCAPIL-…-00012"): both ends say
    something. The whole text is the cell's tooltip."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget).width() - 8
            opt.text = elide_middle(opt.text, opt.fontMetrics, room)
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)


def elide_middle(text: str, metrics: QFontMetrics, width: int) -> str:
    """``DISPENDUKCAPIL-…-2609-00012``: the start and, with more room, the end (what tells tickets apart)."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    head_room = max(0, int((width - metrics.horizontalAdvance("\u2026")) * 0.4))
    head = ""
    for ch in text:
        if metrics.horizontalAdvance(head + ch) > head_room:
            break
        head += ch
    tail = ""
    for ch in reversed(text[len(head) :]):
        if metrics.horizontalAdvance(head + "\u2026" + ch + tail) > width:
            break
        tail = ch + tail
    return head + "\u2026" + tail


class DeadlineDelegate(QStyledItemDelegate):
    """The countdown as a coloured pill: red breached, amber warning, green on track."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        level = index.data(URGENCY_LEVEL_ROLE)
        if level is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        lvl = UrgencyLevel(level)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(option.font)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        rect = option.rect.adjusted(6, 6, -6, -6)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width() - 20)
        pill = QRect(
            rect.left(), rect.top(), min(rect.width(), metrics.horizontalAdvance(shown) + 20), rect.height()
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.urgency_bg(lvl))
        painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        painter.setPen(theme.urgency_fg(lvl))
        painter.drawText(
            pill.adjusted(10, 0, -10, 0),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            shown,
        )
        painter.restore()
