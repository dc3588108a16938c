"""One message of a ticket's thread: a public reply, an internal note or an event, as a card.

The body is complaint data or an officer's words: always plain text, a long one in a scrolling box.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.delivery import NEEDS_OFFICER, delivery_words
from desktop.domain import Channel, Message, MessageKind
from ui import theme
from ui.field_label import plain_label
from ui.flow_layout import FlowLayout, flow_policy
from ui.signals import emit

# Longer messages go into a scrolling box instead of a label that would lay out all of it.
LONG_MESSAGE = 4000


# What the officer does with a reply that has not reached the citizen (docs/channels.md).
COPY, OPEN, POSTED, PHONED, LETTER, HANDED, RESEND, ELSEWHERE = (
    "copy",
    "open",
    "posted",
    "phoned",
    "letter",
    "handed",
    "resend",
    "elsewhere",
)
_POSTED_CHANNELS = (Channel.TWITTER, Channel.INSTAGRAM, Channel.FACEBOOK, Channel.LAPOR)


def delivery_actions(message: Message, channel: Channel, has_original: bool) -> list[str]:
    """The buttons a reply's card offers: by its delivery state and the ticket's own channel."""
    state = str((message.delivery or {}).get("state", ""))
    if state not in NEEDS_OFFICER:
        return []
    if state == "failed":
        return [RESEND, ELSEWHERE, COPY, PHONED]
    if channel in _POSTED_CHANNELS:
        return [COPY, *([OPEN] if has_original else []), POSTED]
    if channel is Channel.WALK_IN:
        return [LETTER, HANDED]
    # The phone, or e-mail/WhatsApp without an address or a connected server: call, or write.
    return [COPY, PHONED, LETTER, HANDED]


class MessageCard(QFrame):
    # (action, message): one of COPY ... ELSEWHERE on this card's reply
    delivery_requested = Signal(str, object)

    def __init__(
        self,
        message: Message,
        author: str,
        when: str,
        state: str,
        parent: QWidget | None = None,
        *,
        sentence: str | None = None,
        actions: list[str] | None = None,
        acting: str | None = None,
        channel: Channel | None = None,
        lang: str = "id",
    ) -> None:
        """``sentence``: an event as the officer reads it (it names who did it, so the byline does not).
        ``actions``: the delivery buttons to offer (``delivery_actions``); ``acting``: the delivery
        op on this reply still waiting to sync, shown instead of them."""
        super().__init__(parent)
        self.message = message
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
        below = None
        delivered = delivery_words(message.delivery, lang)
        if delivered:
            # To the citizen: "terkirim ke surel", "dibaca di WhatsApp", "gagal: ...", "perlu diposting manual".
            not_there = (message.delivery or {}).get("state") in NEEDS_OFFICER
            failed = not_there and acting is None
            words = plain_label(
                ("\u26a0 " if failed else "\u2709 ") + delivered,
                "pending" if failed else "muted" if not_there else "sent",
                wrap=not_there,
            )
            words.setToolTip(str((message.delivery or {}).get("detail") or ""))
            words.setAccessibleName(self.tr("Pengiriman ke pelapor"))
            if not_there:  # a provider's reason can be long: its own line, wrapped, never clipped
                below = words
            else:
                head.addWidget(words)
        layout.addLayout(head)
        if below is not None:
            layout.addWidget(below)
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
        self.action_buttons: dict[str, QPushButton] = {}
        if acting is not None:
            waiting = self.tr("\u25f7 ditandai sudah disampaikan, menunggu sinkronisasi")
            if acting == "resend":
                waiting = self.tr("\u25f7 dikirim ulang, menunggu sinkronisasi")
            layout.addWidget(plain_label(waiting, "pending"))
        elif actions:
            self._add_actions(layout, actions, channel)
        self.setAccessibleName(kind_text)

    def _add_actions(self, layout: QVBoxLayout, actions: list[str], channel: Channel | None) -> None:
        """One row of buttons, wrapping in a narrow pane; each reachable with Tab, named for a reader."""
        posted = self.tr("Sudah diposting\u2026")
        if channel is Channel.LAPOR:
            posted = self.tr("Sudah ditindaklanjuti di LAPOR!\u2026")
        texts = {
            COPY: (self.tr("Salin balasan"), self.tr("Salin teks balasan ke papan klip")),
            OPEN: (self.tr("Buka unggahan asli \u2197"), self.tr("Buka unggahan asli pelapor di peramban")),
            POSTED: (posted, self.tr("Tandai balasan sudah diposting, dengan tautannya")),
            PHONED: (
                self.tr("Sudah ditelepon\u2026"),
                self.tr("Tandai balasan sudah disampaikan lewat telepon"),
            ),
            LETTER: (self.tr("Cetak surat jawaban\u2026"), self.tr("Pratinjau dan cetak surat jawaban")),
            HANDED: (self.tr("Sudah diserahkan\u2026"), self.tr("Tandai surat jawaban sudah diserahkan")),
            RESEND: (self.tr("Kirim ulang"), self.tr("Kirim ulang balasan lewat kanal yang sama")),
            ELSEWHERE: (
                self.tr("Kirim ke alamat lain\u2026"),
                self.tr("Kirim balasan ke surel atau WhatsApp lain"),
            ),
        }
        box = QWidget()
        flow_policy(box)
        row = FlowLayout(box)
        for action in actions:
            text, name = texts[action]
            button = QPushButton(text)
            button.setObjectName("deliveryAction")
            button.setAccessibleName(name)
            button.setToolTip(name)
            button.clicked.connect(lambda _=False, a=action: emit(self.delivery_requested, a, self.message))
            row.addWidget(button)
            self.action_buttons[action] = button
        layout.addWidget(box)
