"""The ticket on the right: header, deadlines, the complaint, the thread, attachments, reply.

Complaint text is hostile input: every piece of it goes through ``setPlainText`` or a QLabel
in ``PlainText`` format, never rich text, so HTML stays text and nothing is ever fetched.
The body sits in a read-only QPlainTextEdit, which lays out a megabyte of text lazily.
"""

from __future__ import annotations

import textwrap
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import labels, satisfaction, wording
from desktop.domain import (
    Confidentiality,
    Feedback,
    MessageKind,
    Stage,
    Status,
    UrgencyLevel,
    allowed_transitions,
)
from desktop.event_text import event_sentence
from desktop.similar import Candidate
from desktop.sla import urgency
from desktop.ticket_detail import DeskDirectory, TicketDetail, facts_of_row
from ui import icons, theme
from ui.attachment_list import AttachmentList
from ui.field_label import FieldLabel, plain_label
from ui.flow_layout import FlowLayout, flow_policy
from ui.message_card import MessageCard, delivery_actions
from ui.reply_editor import ReplyEditor
from ui.signals import emit

# The order status buttons appear in: forward moves first, side exits last.
_STATUS_ORDER = [
    Status.TERVERIFIKASI,
    Status.DIDISPOSISI,
    Status.DITINDAKLANJUTI,
    Status.MENUNGGU_PELAPOR,
    Status.SELESAI,
    Status.DITUTUP,
    Status.BUKAN_WEWENANG,
    Status.DITOLAK,
]


class TicketView(QWidget):
    status_requested = Signal(object)  # Status
    reply_submitted = Signal(object, str)  # MessageKind, text
    receipt_requested = Signal()  # print the shown ticket's receipt
    delivery_requested = Signal(str, object)  # action (ui.message_card), Message: a reply's delivery
    link_requested = Signal(str)  # link this candidate (tracking number) to the shown ticket's incident
    unlink_requested = Signal()  # the shown ticket leaves its incident

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticketPane")
        self.detail: TicketDetail | None = None
        self.lang = "id"
        self.similar_count = 0
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.setSpacing(8)

        self.placeholder = plain_label(self.tr("Pilih pengaduan di antrean untuk melihatnya."), "muted")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.placeholder, 1)

        self.content = QWidget()
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(8)
        outer.addWidget(self.content, 1)

        # -- header card: built to fit a 1280x720 (1920x1080 at 150 %) window with ten lines of
        # the complaint below it: one wrapping row for the number, badges and buttons, labels
        # above values, the deadline list folded behind a toggle.
        card = QFrame()
        card.setObjectName("card")
        head = QVBoxLayout(card)
        head.setContentsMargins(14, 10, 14, 10)
        head.setSpacing(6)
        row1 = QHBoxLayout()
        row1.setSpacing(8)
        badges_box = QWidget()
        flow_policy(badges_box)
        badges = FlowLayout(badges_box)
        self.channel_icon = QLabel()
        self.channel_icon.setFixedSize(20, 20)
        self.channel_icon.setTextFormat(Qt.TextFormat.PlainText)
        self.tracking = plain_label("", "trackingNo")
        self.tracking.setAccessibleName(self.tr("Nomor tiket"))
        number = QWidget()  # the icon and the number stay together when the row wraps
        number_row = QHBoxLayout(number)
        number_row.setContentsMargins(0, 0, 4, 0)
        number_row.setSpacing(6)
        number_row.addWidget(self.channel_icon)
        number_row.addWidget(self.tracking, 1)
        self.status_badge = plain_label("", "badge")
        self.status_badge.setAccessibleName(self.tr("Status"))
        self.conf_badge = plain_label("", "badge")
        self.sync_badge = plain_label("", "badge")
        self.archive_badge = plain_label(self.tr("Arsip \u00b7 di luar lingkup meja ini"), "badge")
        self.archive_badge.setToolTip(
            self.tr(
                "Tiket ini dialihkan, ditugaskan ulang atau dibatasi sehingga tidak lagi ditangani meja ini. "
                "Isinya disimpan untuk dibaca saja."
            )
        )
        self.archive_badge.setStyleSheet("background: #eaecf0; color: #344054;")
        self.channel_badge = plain_label("", "badge")
        self.channel_badge.setAccessibleName(self.tr("Kanal"))
        self.channel_badge.setStyleSheet("background: #f2f4f7; color: #344054;")
        # The citizen's answer on the public page after "selesai" (docs/lacak.md): a badge, so it
        # costs the header no line at 150 %; the whole line and the comment are in its tooltip.
        self.feedback = plain_label("", "badge")
        self.feedback.setAccessibleName(self.tr("Tanggapan pelapor"))
        badges.addWidget(number)
        for b in (
            self.status_badge,
            self.channel_badge,
            self.feedback,
            self.conf_badge,
            self.sync_badge,
            self.archive_badge,
        ):
            badges.addWidget(b)
        row1.addWidget(badges_box, 1)
        # The list of every stage's deadline is folded away: the risky one is in the banner.
        self.deadlines_toggle = QPushButton(self.tr("Tenggat \u25be"))
        self.deadlines_toggle.setCheckable(True)
        self.deadlines_toggle.setAccessibleName(self.tr("Tampilkan semua tenggat"))
        self.deadlines_toggle.setToolTip(self.tr("Tampilkan atau sembunyikan tenggat setiap tahap"))
        self.deadlines_toggle.toggled.connect(self._show_deadlines)
        row1.addWidget(self.deadlines_toggle, 0, Qt.AlignmentFlag.AlignTop)
        self.similar_toggle = QPushButton(self.tr("Mirip \u25be"))
        self.similar_toggle.setCheckable(True)
        self.similar_toggle.setAccessibleName(self.tr("Tampilkan pengaduan yang mirip"))
        self.similar_toggle.setToolTip(self.tr("Pengaduan lain yang mungkin masalah yang sama"))
        self.similar_toggle.toggled.connect(self._show_similar)
        self.original = QPushButton(self.tr("Asli \u2197"))
        self.original.setToolTip(self.tr("Buka unggahan asli di peramban"))
        self.original.setAccessibleName(self.tr("Buka unggahan asli di peramban"))
        self.original.clicked.connect(self.open_original)
        self.print_receipt_button = QPushButton(self.tr("Cetak\u2026"))
        self.print_receipt_button.setAccessibleName(self.tr("Cetak tanda terima tiket ini"))
        self.print_receipt_button.setToolTip(self.tr("Pratinjau dan cetak tanda terima tiket ini (Ctrl+P)"))
        self.print_receipt_button.clicked.connect(lambda _=False: emit(self.receipt_requested))
        head.addLayout(row1)

        self.title = FieldLabel("ticketTitle")
        self.title.max_lines = 2  # the whole title is in its tooltip
        self.title.setAccessibleName(self.tr("Judul pengaduan"))
        head.addWidget(self.title)

        # Label above value, values wrapping (a long one shortened in the middle, whole in its tooltip).
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(0)
        self.fields: dict[str, FieldLabel] = {}
        self.field_captions: dict[str, QLabel] = {}
        specs = [
            ("reporter", self.tr("PELAPOR")),
            ("category", self.tr("KATEGORI")),
            ("assignee", self.tr("PETUGAS")),
            ("received", self.tr("DITERIMA")),
            ("location", self.tr("LOKASI")),
            ("contact", self.tr("KONTAK")),
        ]
        for i, (key, caption) in enumerate(specs):
            r, c = divmod(i, 3)
            label = plain_label(caption, "fieldLabel")
            if r:
                label.setContentsMargins(0, 6, 0, 0)
            grid.addWidget(label, r * 2, c, Qt.AlignmentFlag.AlignBottom)
            value = FieldLabel("fieldValue")
            value.setAccessibleName(caption.capitalize())
            grid.addWidget(value, r * 2 + 1, c, Qt.AlignmentFlag.AlignTop)
            self.fields[key] = value
            self.field_captions[key] = label
        for c in range(3):
            grid.setColumnStretch(c, 1)
        head.addLayout(grid)

        self.risk = plain_label("", wrap=True)
        self.risk.setAccessibleName(self.tr("Tenggat berisiko"))
        head.addWidget(self.risk)
        self.deadlines = plain_label("", "muted", wrap=True)
        self.deadlines.setAccessibleName(self.tr("Semua tenggat"))
        self.deadlines.hide()
        head.addWidget(self.deadlines)

        # The incident this complaint is part of (docs/incidents.md), with the way out of it.
        self.incident_box = QWidget()
        incident_row = QHBoxLayout(self.incident_box)
        incident_row.setContentsMargins(0, 0, 0, 0)
        incident_row.setSpacing(8)
        self.incident_label = plain_label("", wrap=True)
        self.incident_label.setAccessibleName(self.tr("Masalah"))
        self.incident_label.setStyleSheet(
            "background: #eef4ff; color: #1d3a8a; border-radius: 6px; padding: 4px 10px; font-weight: 600;"
        )
        incident_row.addWidget(self.incident_label, 1)
        self.unlink_button = QPushButton(self.tr("Lepaskan"))
        self.unlink_button.setAccessibleName(self.tr("Lepaskan pengaduan ini dari masalahnya"))
        self.unlink_button.setToolTip(
            self.tr("Lepaskan dari masalah ini; percakapan dan tenggat pengaduan ini tetap miliknya")
        )
        self.unlink_button.clicked.connect(lambda _=False: emit(self.unlink_requested))
        incident_row.addWidget(self.unlink_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.incident_box.hide()
        head.addWidget(self.incident_box)

        # Complaints that are probably the same problem (desktop.similar), each with "Tautkan":
        # folded behind "Mirip (n)" (after the status buttons) like the deadlines: a fourth tab
        # did not fit beside the tab bar's buttons at 1366x768.
        self.similar_area = QScrollArea()
        self.similar_area.setWidgetResizable(True)
        self.similar_area.setFrameShape(QFrame.Shape.NoFrame)
        self.similar_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.similar_area.setAccessibleName(self.tr("Pengaduan mirip"))
        self.similar_area.setMaximumHeight(190)
        self.similar_area.hide()
        head.addWidget(self.similar_area)
        self.link_buttons: dict[str, QPushButton] = {}

        # The buttons wrap onto a second line in a narrow pane instead of clipping their labels.
        actions_box = QWidget()
        actions_box.setAccessibleName(self.tr("Ubah status"))
        flow_policy(actions_box)
        self.actions_row = FlowLayout(actions_box)
        self.status_buttons: dict[Status, QPushButton] = {}
        for status in _STATUS_ORDER:
            button = QPushButton(labels.status_label(status, "id"))
            button.setObjectName("statusAction")
            button.setAccessibleName(
                self.tr("Ubah status ke %1").replace("%1", labels.status_label(status, "id"))
            )
            if status in (Status.DITOLAK, Status.BUKAN_WEWENANG):
                button.setProperty("danger", True)
            button.clicked.connect(lambda _=False, s=status: emit(self.status_requested, s))
            self.status_buttons[status] = button
            self.actions_row.addWidget(button)
        # Last in the row that wraps: the header's first line keeps its room for the number.
        self.actions_row.addWidget(self.similar_toggle)
        head.addWidget(actions_box)
        content.addWidget(card)

        # -- body, thread, attachments
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.body = QPlainTextEdit()
        self.body.setObjectName("complaintBody")
        self.body.setReadOnly(True)
        self.body.setAccessibleName(self.tr("Isi pengaduan"))
        self.body.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.tabs.addTab(self.body, self.tr("Pengaduan"))

        self.thread_area = QScrollArea()
        self.thread_area.setWidgetResizable(True)
        self.thread_area.setFrameShape(QFrame.Shape.NoFrame)
        # Messages wrap to the pane's width; a sideways scroll would hide the end of a reply.
        self.thread_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.thread_area.setAccessibleName(self.tr("Percakapan"))
        # The newest message is what the officer just wrote or must answer: a new thread shows its end.
        bar = self.thread_area.verticalScrollBar()
        bar.rangeChanged.connect(lambda _lo, hi: bar.setValue(hi))
        self.tabs.addTab(self.thread_area, self.tr("Percakapan"))

        self.attachments = AttachmentList()
        # The data folder the cached files live in; None: the main window's ``data_dir``.
        self.data_dir: Path | None = None
        self.tabs.addTab(self.attachments, self.tr("Lampiran"))
        # The ticket's own buttons sit in the tab bar's free corner: a header line saved for the letter.
        corner = QWidget()
        corner_row = QHBoxLayout(corner)
        corner_row.setContentsMargins(0, 0, 0, 2)
        corner_row.setSpacing(6)
        corner_row.addWidget(self.original)
        corner_row.addWidget(self.print_receipt_button)
        self.tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        content.addWidget(self.tabs, 1)

        self.reply_all = QCheckBox()
        self.reply_all.setAccessibleName(self.tr("Balas semua pengaduan masalah ini"))
        self.reply_all.setToolTip(
            self.tr(
                "Satu balasan publik untuk setiap pengaduan, dikirim lewat kanal pelapornya masing-masing"
            )
        )
        self.reply_all.hide()
        content.addWidget(self.reply_all)
        self.editor = ReplyEditor()
        self.editor.submitted.connect(self.reply_submitted)
        content.addWidget(self.editor)
        self.show_empty()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.editor.fit_height()  # its room to grow is a share of this pane's height

    def _show_similar(self, shown: bool) -> None:
        self.similar_area.setVisible(shown)
        self._similar_caption()

    def _similar_caption(self) -> None:
        arrow = "\u25b4" if self.similar_toggle.isChecked() else "\u25be"
        self.similar_toggle.setText(
            self.tr("Mirip (%1)").replace("%1", str(self.similar_count)) + " " + arrow
        )

    def _show_deadlines(self, shown: bool) -> None:
        self.deadlines.setVisible(shown)
        self.deadlines_toggle.setText(self.tr("Tenggat \u25b4") if shown else self.tr("Tenggat \u25be"))

    # -- filling -----------------------------------------------------------------------

    def show_empty(self) -> None:
        self.detail = None
        self.content.hide()
        self.placeholder.show()

    def set_detail(
        self,
        detail: TicketDetail,
        directory: DeskDirectory,
        *,
        lang: str,
        now: datetime,
        me: str | None,
        can_act: bool = True,
    ) -> None:
        same_ticket = self.detail is not None and self.detail.ticket.id == detail.ticket.id
        self.detail = detail
        self.lang = lang
        t = detail.ticket
        tz = directory.tz(t.opd_code)
        self.placeholder.hide()
        self.content.show()
        self.channel_icon.setPixmap(icons.channel_pixmap(t.channel, 20))
        self.tracking.setText(t.tracking_no)
        self.channel_badge.setText(labels.channel_label(t.channel, lang))
        self.original.setVisible(t.external_ref.startswith(("https://", "http://")))
        self.original.setToolTip(t.external_ref)
        self.title.setText(t.title)
        self.status_badge.setText(labels.status_label(t.status, lang))
        hidden = t.reporter is None
        self.conf_badge.setVisible(t.confidentiality is not Confidentiality.PUBLIC)
        self.conf_badge.setText(labels.confidentiality_label(t.confidentiality, lang))
        self.conf_badge.setStyleSheet("background: #f2f4f7; color: #344054;")
        waiting = detail.waiting_ops
        self.sync_badge.setVisible(waiting > 0)
        self.sync_badge.setText(self.tr("%n perubahan menunggu dikirim", "", waiting))
        self.sync_badge.setStyleSheet("background: #fef0c7; color: #7a4a00;")
        self.archive_badge.setVisible(t.archived)

        hidden_text = self.tr("Identitas dirahasiakan")
        self.fields["reporter"].setText(hidden_text if hidden or t.reporter is None else t.reporter.name)
        self.fields["contact"].setText(
            hidden_text if hidden or t.reporter is None else (t.reporter.contact or "\u2014")
        )
        for value in self.fields.values():
            value.max_lines = 2  # the whole value is in its tooltip and the copy menu
        for key in ("reporter", "contact"):
            self.fields[key].setStyleSheet(f"color: {theme.MUTED}; font-style: italic;" if hidden else "")
        self.fields["category"].setText(directory.category_name(t.category_code) or "\u2014")
        self.fields["assignee"].setText(
            directory.officer_name(t.assignee) if t.assignee else self.tr("Belum ditugaskan")
        )
        self.fields["received"].setText(wording.format_datetime(t.received_at, tz, lang, weekday=False))
        self.fields["location"].setText(t.location or "\u2014")

        calendar = directory.calendar(t.opd_code)
        facts = facts_of_row(t, directory.tier(t.category_code), detail.followed_up_at)
        # No deadline is at risk on this desk for a ticket it no longer handles.
        u = urgency(facts, t.deadlines, calendar, now) if t.status.is_open and not t.archived else None
        if u is not None:
            remaining = wording.format_remaining(
                u.remaining, calendar.working_day_length(), lang, u.level is UrgencyLevel.BREACHED
            )
            text = self.tr("%1 %3 \u00b7 tenggat %2")
            text = text.replace("%1", labels.stage_label(u.stage, lang))
            text = text.replace("%2", wording.format_datetime(u.deadline, tz, lang, weekday=False))
            text = text.replace("%3", remaining + (" \u00b7 " + self.tr("dijeda") if u.paused else ""))
            self.risk.setText(text)
            self.risk.setStyleSheet(
                f"background: {theme.URGENCY_BG[u.level]}; color: {theme.URGENCY_FG[u.level]};"
                "border-radius: 6px; padding: 4px 10px; font-weight: 600;"
            )
            self.risk.show()
        else:
            self.risk.hide()
        self._fill_feedback(t.feedback, tz, lang)
        lines = []
        for stage in Stage:
            at = t.deadlines.get(stage)
            if at is None:
                continue
            mark = "\u25b6 " if u is not None and u.stage is stage else "   "
            lines.append(
                f"{mark}{labels.stage_label(stage, lang)}: {wording.format_datetime(at, tz, lang, weekday=False)}"
            )
        self.deadlines.setText("\n".join(lines))

        allowed = allowed_transitions(t.status) if can_act and not t.archived else frozenset()
        for status, button in self.status_buttons.items():
            button.setText(labels.status_label(status, lang))
            button.setVisible(status in allowed)
        self.deadlines_toggle.setVisible(bool(lines))

        incident = detail.incident
        self.incident_box.setVisible(incident is not None)
        self.reply_all.setVisible(incident is not None and incident.count > 1 and can_act and not t.archived)
        if incident is not None:
            self.incident_label.setText(
                self.tr("Bagian dari masalah: %1 (%n pengaduan)", "", incident.count).replace(
                    "%1", incident.title
                )
            )
            self.unlink_button.setVisible(can_act and not t.archived)
            self.reply_all.setText(
                self.tr("Balas sekali untuk semua %n pengaduan masalah ini", "", incident.count)
            )
        if not same_ticket:
            self.reply_all.setChecked(False)
            self.set_candidates([])

        self.body.setPlainText(t.body)
        self._fill_thread(detail, directory, tz, lang, can_act and not t.archived)
        self._fill_attachments(detail, can_act and not t.archived)
        self.tabs.setTabText(1, self.tr("Percakapan (%1)").replace("%1", str(len(t.messages))))
        self.tabs.setTabText(2, self.tr("Lampiran (%1)").replace("%1", str(len(t.attachments))))
        self.editor.setEnabled(can_act and not t.archived)
        if not same_ticket:
            self.editor.clear()
            self.tabs.setCurrentIndex(0)

    def _fill_feedback(self, feedback: Feedback | None, tz: str, lang: str) -> None:
        if feedback is None:
            self.feedback.hide()
            return
        self.feedback.setText(satisfaction.feedback_badge(feedback, lang))
        # Plain text: the first line is ours (no "<"), so Qt never reads the comment as rich
        # text; wrapped by hand, as a plain tooltip is one line per line.
        comment = textwrap.wrap(satisfaction.feedback_comment(feedback), 80)
        tip = "\n".join([satisfaction.feedback_line(feedback, tz, lang), *comment])
        self.feedback.setToolTip(tip)
        self.feedback.setAccessibleDescription(tip)
        bg, fg = ("#ecfdf3", "#05603a") if feedback.selesai else ("#fef0c7", "#7a4a00")
        self.feedback.setStyleSheet(f"background: {bg}; color: {fg};")
        self.feedback.show()

    def _fill_thread(
        self, detail: TicketDetail, directory: DeskDirectory, tz: str, lang: str, can_act: bool
    ) -> None:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(2, 8, 8, 8)
        layout.setSpacing(8)
        messages = detail.ticket.messages
        if not messages:
            layout.addWidget(plain_label(self.tr("Belum ada balasan atau catatan."), "muted"))

        def opd_name(code: str) -> str:
            opd = directory.opds.get(code)
            return opd.name if opd else code

        for m in messages:
            state = "pending" if m.pending else ("sent" if m.id in detail.sent_message_ids else "")
            author = directory.officer_name(m.author)
            sentence = (
                event_sentence(m.body, author, directory.officer_name, opd_name, lang)
                if m.kind is MessageKind.EVENT
                else None
            )
            has_original = detail.ticket.external_ref.startswith(("https://", "http://"))
            card = MessageCard(
                m,
                author,
                wording.format_datetime(m.created_at, tz, lang, False),
                state,
                sentence=sentence,
                actions=delivery_actions(m, detail.ticket.channel, has_original) if can_act else None,
                acting=detail.delivery_ops.get(m.id),
                channel=detail.ticket.channel,
                lang=lang,
            )
            card.delivery_requested.connect(self.delivery_requested)
            layout.addWidget(card)
        layout.addStretch(1)
        self.thread_area.setWidget(holder)

    def _fill_attachments(self, detail: TicketDetail, can_attach: bool) -> None:
        data_dir = self.data_dir or getattr(self.window(), "data_dir", None)
        self.attachments.show_attachments(
            detail.ticket.attachments,
            data_dir if isinstance(data_dir, Path) else None,
            self.lang,
            archived=detail.ticket.archived,
            sending=detail.attachment_ops,
            can_attach=can_attach,
        )

    def set_candidates(self, found: list[Candidate]) -> None:
        """The "Mirip" tab: one line per candidate, best first, with why and "Tautkan"."""
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(2, 8, 8, 8)
        layout.setSpacing(6)
        self.link_buttons = {}
        detail = self.detail
        linked = set(detail.incident.tracking_numbers) if detail is not None and detail.incident else set()
        can_link = detail is not None and not detail.ticket.archived and self.editor.isEnabled()
        if not found:
            layout.addWidget(plain_label(self.tr("Tidak ada pengaduan yang mirip."), "muted"))
        for c in found:
            card = QFrame()
            card.setObjectName("card")
            row = QHBoxLayout(card)
            row.setContentsMargins(10, 6, 10, 6)
            row.setSpacing(10)
            text = QVBoxLayout()
            text.setSpacing(2)
            text.addWidget(plain_label(f"{c.tracking_no}  \u00b7  {round(c.score * 100)}%", "fieldValue"))
            text.addWidget(plain_label(c.why, "muted", wrap=True))
            row.addLayout(text, 1)
            if c.tracking_no in linked:
                row.addWidget(
                    plain_label(self.tr("Sudah tertaut"), "muted"), 0, Qt.AlignmentFlag.AlignVCenter
                )
            elif can_link:
                button = QPushButton(self.tr("Tautkan"))
                button.setAccessibleName(self.tr("Tautkan %1 ke masalah ini").replace("%1", c.tracking_no))
                button.clicked.connect(lambda _=False, no=c.tracking_no: emit(self.link_requested, no))
                row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
                self.link_buttons[c.tracking_no] = button
            layout.addWidget(card)
        layout.addStretch(1)
        self.similar_area.setWidget(holder)
        self.similar_count = len(found)
        self._similar_caption()

    def message_cards(self) -> list[MessageCard]:
        widget = self.thread_area.widget()
        return widget.findChildren(MessageCard) if widget is not None else []

    def open_original(self) -> None:
        if self.detail is not None and self.detail.ticket.external_ref.startswith(("https://", "http://")):
            QDesktopServices.openUrl(QUrl(self.detail.ticket.external_ref))
