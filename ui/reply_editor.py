"""The reply editor: public reply or internal note, with canned responses that fill themselves in.

The two kinds look different before they are sent (blue reply, amber dashed note), so an
officer never posts an internal note to a citizen by mistake.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import CannedResponse, MessageKind
from ui.signals import emit

MIN_LINES = 1  # an empty box nobody is typing in: one line, the room goes to the complaint
WRITING_LINES = 3  # while it has the focus or text
MAX_LINES = 8


class ReplyEditor(QFrame):
    # (kind, text): the window runs the action; the editor clears when it succeeds.
    submitted = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self._fill: Callable[[str], str] = lambda template: template
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)

        top = QHBoxLayout()
        self.reply_mode = QRadioButton(self.tr("Balasan publik"))
        self.reply_mode.setAccessibleName(self.tr("Tulis balasan publik untuk pelapor"))
        self.note_mode = QRadioButton(self.tr("Catatan internal"))
        self.note_mode.setAccessibleName(self.tr("Tulis catatan internal, tidak terlihat pelapor"))
        self.reply_mode.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.reply_mode)
        group.addButton(self.note_mode)
        top.addWidget(self.reply_mode)
        top.addWidget(self.note_mode)
        top.addStretch(1)
        self.canned = QComboBox()
        self.canned.setAccessibleName(self.tr("Templat balasan"))
        self.canned.setMinimumWidth(150)
        self.canned.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.canned.setMinimumContentsLength(14)
        self.canned.activated.connect(self._insert_canned)
        top.addWidget(self.canned)
        layout.addLayout(top)

        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Teks balasan"))
        self.text.setTabChangesFocus(True)
        # The box grows with its text, from two lines to MAX_LINES, then scrolls.
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.text.document().documentLayout().documentSizeChanged.connect(lambda _s: self.fit_height())
        self.text.installEventFilter(self)
        below = QHBoxLayout()
        below.setSpacing(8)
        below.addWidget(self.text, 1)

        # Who reads it is said in the box (placeholder) and the send button's tooltip, beside the box.
        self.send = QPushButton()
        self.send.setObjectName("primary")
        self.send.setAccessibleName(self.tr("Kirim"))
        self.send.clicked.connect(self._submit)
        below.addWidget(self.send, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(below)

        send_key = QShortcut(QKeySequence("Ctrl+Return"), self.text)
        send_key.activated.connect(self._submit)
        self.reply_mode.toggled.connect(self._restyle)
        self.text.textChanged.connect(self._update_enabled)
        self._restyle()
        self._update_enabled()
        self.set_canned([])
        self.fit_height()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.fit_height()
        return super().eventFilter(watched, event)

    def visible_lines(self) -> int:
        """How many lines of text the box has room for now."""
        return max(1, self.text.viewport().height() // self.text.fontMetrics().lineSpacing())

    def fit_height(self) -> None:
        lines = int(self.text.document().size().height())  # a plain text document counts lines
        writing = self.text.hasFocus() or bool(self.text.toPlainText())
        # Growing never squeezes the ticket's header: at most about a quarter of the pane's height.
        spacing = self.text.fontMetrics().lineSpacing()
        pane = self.parentWidget()
        room = MAX_LINES if pane is None else int(pane.height() * 0.27 - 70) // spacing
        most = min(MAX_LINES, max(WRITING_LINES, room))
        shown = min(max(lines, WRITING_LINES if writing else MIN_LINES), most)
        # The box's frame and the style sheet's padding: what its height holds besides the lines.
        # Measured once laid out (frame, padding, viewport margins), so the last line is never half shown.
        inner = 2 * int(self.text.document().documentMargin()) + 4  # + rounding at 125 %
        if self.text.viewport().height() > 0 and self.text.height() > self.text.viewport().height():
            chrome = self.text.height() - self.text.viewport().height() + inner
        else:
            margins = self.text.contentsMargins()
            chrome = margins.top() + margins.bottom() + inner + 10
        self.text.setFixedHeight(shown * spacing + chrome)

    @property
    def kind(self) -> MessageKind:
        return MessageKind.REPLY if self.reply_mode.isChecked() else MessageKind.NOTE

    def start(self, kind: MessageKind) -> None:
        (self.reply_mode if kind is MessageKind.REPLY else self.note_mode).setChecked(True)
        self.text.setFocus()

    def set_canned(
        self, responses: Sequence[CannedResponse], fill: Callable[[str], str] | None = None
    ) -> None:
        if fill is not None:
            self._fill = fill
        self.canned.clear()
        self.canned.addItem(self.tr("Sisipkan templat\u2026"), None)
        for response in responses:
            self.canned.addItem(response.title, response.body)
        self.canned.setEnabled(bool(responses))

    def clear(self) -> None:
        self.text.clear()

    def _insert_canned(self, index: int) -> None:
        template = self.canned.itemData(index)
        if isinstance(template, str):
            self.text.insertPlainText(self._fill(template))
            self.text.setFocus()
        self.canned.setCurrentIndex(0)

    def _submit(self) -> None:
        body = self.text.toPlainText()
        if body.strip() and self.isEnabled():
            emit(self.submitted, self.kind, body)

    def _update_enabled(self) -> None:
        self.send.setEnabled(bool(self.text.toPlainText().strip()))

    def _restyle(self) -> None:
        if self.kind is MessageKind.REPLY:
            self.send.setText(self.tr("Kirim balasan"))
            self.send.setToolTip(self.tr("Dilihat pelapor. Ctrl+Enter untuk mengirim."))
            self.text.setPlaceholderText(self.tr("Tulis balasan untuk pelapor\u2026"))
            self.text.setStyleSheet("QPlainTextEdit { background: #f5f9ff; border: 1px solid #7fa8d9; }")
        else:
            self.send.setText(self.tr("Simpan catatan"))
            self.send.setToolTip(self.tr("Hanya untuk petugas OPD, tidak pernah dikirim ke pelapor."))
            self.text.setPlaceholderText(self.tr("Tulis catatan internal (tidak terlihat pelapor)\u2026"))
            self.text.setStyleSheet("QPlainTextEdit { background: #fffbeb; border: 1px dashed #e0b44a; }")
