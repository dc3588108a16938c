"""One message of a ticket's thread: a public reply, an internal note or an event, as a card.

The body is complaint data or an officer's words: always plain text, a long one in a scrolling box.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget

from desktop.delivery import delivery_words
from desktop.domain import Message, MessageKind
from ui import theme
from ui.field_label import plain_label

# Longer messages go into a scrolling box instead of a label that would lay out all of it.
LONG_MESSAGE = 4000


class MessageCard(QFrame):
    def __init__(
        self,
        message: Message,
        author: str,
        when: str,
        state: str,
        parent: QWidget | None = None,
        *,
        sentence: str | None = None,
    ) -> None:
        """``sentence``: an event as the officer reads it (it names who did it, so the byline does not)."""
        super().__init__(parent)
        kind = message.kind
        self.setObjectName({MessageKind.REPLY: "msgReply", MessageKind.NOTE: "msgNote"}.get(kind, "msgEvent"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(4)
        head = QHBoxLayout()
        head.setSpacing(8)
        kind_text = {
            MessageKind.REPLY: self.tr("BALASAN PUBLIK"),
            MessageKind.NOTE: self.tr("CATATAN INTERNAL \u2014 tidak terlihat pelapor"),
            MessageKind.EVENT: self.tr("Peristiwa"),
            MessageKind.CITIZEN: self.tr("PESAN PELAPOR"),
        }[kind]
        kind_label = plain_label(kind_text, "msgKind")
        color = {
            MessageKind.REPLY: "#1f5fa8",
            MessageKind.NOTE: "#8a5a00",
            MessageKind.CITIZEN: "#2e7d32",
        }.get(kind, theme.MUTED)
        kind_label.setStyleSheet(f"color: {color};")
        head.addWidget(kind_label)
        head.addStretch(1)
        if state == "pending":
            head.addWidget(plain_label(self.tr("\u25f7 menunggu sinkronisasi"), "pending"))
        elif state == "sent":
            head.addWidget(plain_label(self.tr("\u2713 terkirim"), "sent"))
        if message.conflict:
            head.addWidget(plain_label(self.tr("\u26a0 ditandai server"), "pending"))
        delivered = delivery_words(message.delivery)
        if delivered:
            # To the citizen: "terkirim ke surel", "dibaca di WhatsApp", "gagal: ...", "perlu diposting manual".
            failed = (message.delivery or {}).get("state") in ("failed", "manual")
            head.addWidget(
                plain_label(("\u26a0 " if failed else "\u2709 ") + delivered, "pending" if failed else "sent")
            )
        layout.addLayout(head)
        is_event = kind is MessageKind.EVENT and sentence is not None
        # An event's sentence says what happened; its "Peristiwa" caption would only take a line.
        kind_label.setVisible(not is_event)
        byline = plain_label(when if is_event else f"{author} \u00b7 {when}", "muted", wrap=True)
        byline.setStyleSheet("font-size: 8pt;")
        layout.addWidget(byline)
        text = sentence if is_event and sentence is not None else message.body
        if len(text) > LONG_MESSAGE:
            box = QPlainTextEdit()
            box.setReadOnly(True)
            box.setPlainText(text)
            box.setMinimumHeight(160)
            box.setAccessibleName(self.tr("Isi pesan"))
            layout.addWidget(box)
        else:
            body = plain_label(text, wrap=True)
            body.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            body.setMinimumWidth(120)
            body.setAccessibleName(self.tr("Isi pesan"))
            if kind is MessageKind.EVENT:
                body.setObjectName("muted")
            layout.addWidget(body)
        self.setAccessibleName(kind_text)
