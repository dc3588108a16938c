"""The queue, views and ticket pane over a real local store (no server needed)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import shiboken6
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from db import models
from db.repositories import SyncStateRepository
from desktop import sla
from desktop.domain import Channel, Tier, UrgencyLevel
from desktop.queue import QueueFilter, QueueView
from desktop.settings import Settings
from desktop.store import LocalStore
from desktop.ticket_detail import load_directory, load_ticket
from tests.helpers.store import ticket_row
from ui.inbox import NoticeModel
from ui.mainwindow import MainWindow
from ui.notifications import due_alerts
from ui.queue_model import URGENCY_LEVEL_ROLE, Column, TicketQueueModel
from ui.supervisor import WorkloadModel
from ui.tasks import TaskManager
from ui.ticket_view import TicketView
from ui.views import ViewListModel

# Monday 30 March 2026, 10:00 WIB: office hours.
NOW = datetime(2026, 3, 30, 3, 0, tzinfo=UTC)


def _sla_row(rnd: random.Random, i: int) -> models.Ticket:
    """A ticket whose deadlines and queue key come from the real SLA engine, as sync stores them."""
    received = NOW - timedelta(hours=rnd.randint(0, 24 * 20))
    channel = rnd.choice(list(Channel))
    facts = sla.TicketFacts(received_at=received, channel=channel, tier=Tier.NORMATIF)
    calendar = sla.calendar_from_directory("Asia/Jakarta", None, ())
    deadlines = sla.compute_deadlines(facts, sla.DEFAULT_POLICY, calendar)
    stage, deadline = sla.next_deadline(facts, deadlines) or (None, None)
    return ticket_row(
        tracking_no=f"DINKES-BWI-2603-{i:05d}",
        channel=channel.value,
        received_at=received,
        dl_verification=deadlines.verification,
        dl_first_response=deadlines.first_response,
        dl_follow_up=deadlines.follow_up,
        dl_resolution=deadlines.resolution,
        next_deadline=deadline,
        next_stage=stage.value if stage else None,
    )


def _fill(store: LocalStore, n: int) -> None:
    rnd = random.Random(7)
    with store.write() as session:
        session.add(models.Opd(code="DINKES-BWI", name="Dinas Kesehatan", tz="Asia/Jakarta"))
        for i in range(n):
            session.add(_sla_row(rnd, i))


def _model(store: LocalStore) -> TicketQueueModel:
    return TicketQueueModel(TaskManager(inline=True), store, load_directory(store), clock=lambda: NOW)


def test_queue_order_is_the_sla_engines_urgency_order(qtbot: QtBot, store: LocalStore) -> None:
    _fill(store, 450)
    model = _model(store)
    model.set_filter(QueueFilter(now=NOW))
    while model.canFetchMore():
        model.fetchMore()
    rows = model.loaded_rows()
    assert len(rows) == 450
    directory = load_directory(store)
    calendar = directory.calendar("DINKES-BWI")
    urgencies = []
    for row in rows:
        facts = sla.TicketFacts(received_at=row.received_at, channel=row.channel, tier=Tier.NORMATIF)
        u = sla.urgency(facts, row.deadlines, calendar, NOW)
        assert u is not None
        urgencies.append(u)
    deadlines = [u.deadline for u in urgencies]
    assert deadlines == sorted(deadlines)
    # Breached tickets come first, then warning, then on track; the column colour says which.
    levels = [u.level for u in urgencies]
    order = {UrgencyLevel.BREACHED: 0, UrgencyLevel.WARNING: 1, UrgencyLevel.OK: 2}
    assert [order[x] for x in levels] == sorted(order[x] for x in levels)
    assert set(levels) == set(UrgencyLevel)
    for i in (0, len(rows) - 1):
        shown = model.index(i, Column.DEADLINE).data(URGENCY_LEVEL_ROLE)
        assert shown == levels[i].value


def test_queue_pages_on_demand_instead_of_loading_everything(qtbot: QtBot, store: LocalStore) -> None:
    _fill(store, 450)
    model = _model(store)
    model.set_filter(QueueFilter(now=NOW))
    assert model.rowCount() == 200
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 400
    model.fetchMore()
    assert model.rowCount() == 450 and not model.canFetchMore()


def test_countdown_repaints_only_the_deadline_column(qtbot: QtBot, store: LocalStore) -> None:
    _fill(store, 10)
    now = [NOW]
    model = TicketQueueModel(TaskManager(inline=True), store, load_directory(store), clock=lambda: now[0])
    model.set_filter(QueueFilter(now=NOW))
    before = model.index(0, Column.DEADLINE).data()
    now[0] = NOW + timedelta(days=3)  # Thursday: three working days later
    with qtbot.wait_signal(model.dataChanged) as blocker:
        model.tick()
    top_left, bottom_right = blocker.args[0], blocker.args[1]
    assert top_left.column() == bottom_right.column() == Column.DEADLINE
    assert model.index(0, Column.DEADLINE).data() != before


def test_item_models_pass_the_model_tester(
    qtmodeltester: ModelTester, qtbot: QtBot, store: LocalStore
) -> None:
    _fill(store, 250)
    with store.write() as session:
        session.add(models.Officer(username="ani", name="Ani", role="officer", opd_code="DINKES-BWI"))
        session.add(
            models.SyncNotice(
                kind="conflict", code="stale", message="Sudah ditugaskan ke Budi", created_at=NOW
            )
        )
    model = _model(store)
    model.set_filter(QueueFilter(now=NOW))
    qtmodeltester.check(model, force_py=True)
    views = ViewListModel()
    views.set_counts({v: i for i, v in enumerate(QueueView)})
    qtmodeltester.check(views, force_py=True)
    from desktop.queue import workload
    from desktop.ticket_detail import open_notices

    loads = WorkloadModel(load_directory(store), "Asia/Jakarta", "id")
    loads.set_loads(workload(store, "DINKES-BWI", NOW))
    qtmodeltester.check(loads, force_py=True)
    notices = NoticeModel("Asia/Jakarta", "id")
    notices.set_notices(open_notices(store))
    assert notices.rowCount() == 1
    qtmodeltester.check(notices, force_py=True)


def test_confidential_reporter_is_masked_in_queue_and_ticket(qtbot: QtBot, store: LocalStore) -> None:
    with store.write() as session:
        row = ticket_row(confidentiality="anonim", reporter_name=None, reporter_contact=None)
        session.add(row)
    model = _model(store)
    model.set_filter(QueueFilter(now=NOW))
    assert model.index(0, Column.REPORTER).data() == "Identitas dirahasiakan"
    view = TicketView()
    qtbot.addWidget(view)
    detail = load_ticket(store, row.id)
    assert detail is not None
    view.set_detail(detail, load_directory(store), lang="id", now=NOW, me=None)
    assert view.fields["reporter"].text() == "Identitas dirahasiakan"
    assert view.fields["contact"].text() == "Identitas dirahasiakan"


def test_complaint_text_is_plain_text_and_a_megabyte_with_emoji_stays_usable(
    qtbot: QtBot, store: LocalStore
) -> None:
    hostile_title = '<b>PENTING</b><img src="http://evil.example/x.png">'
    body = ("Jalan rusak 🚧🙏 <script>alert(1)</script> \u200b" * 20_000)[:1_000_000]
    with store.write() as session:
        row = ticket_row(title=hostile_title, body=body)
        session.add(row)
        session.add(
            models.Message(
                id="m1",
                ticket_id=row.id,
                kind="reply",
                author="ani",
                body="<i>bukan miring</i>",
                created_at=NOW,
            )
        )
    view = TicketView()
    qtbot.addWidget(view)
    view.resize(700, 800)
    view.show()
    detail = load_ticket(store, row.id)
    assert detail is not None
    view.set_detail(detail, load_directory(store), lang="id", now=NOW, me=None)
    assert view.title.text() == hostile_title
    assert view.title.textFormat() == Qt.TextFormat.PlainText
    assert view.body.isReadOnly() and view.body.toPlainText() == body
    for label in view.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    view.tabs.setCurrentIndex(1)
    (card,) = view.message_cards()
    assert "<i>bukan miring</i>" in [lbl.text() for lbl in card.findChildren(QLabel)]
    view.body.verticalScrollBar().setValue(view.body.verticalScrollBar().maximum())
    assert not view.grab().isNull()


def test_status_actions_follow_the_workflow_table(qtbot: QtBot, store: LocalStore) -> None:
    with store.write() as session:
        row = ticket_row(status="ditindaklanjuti")
        session.add(row)
    view = TicketView()
    qtbot.addWidget(view)
    view.show()
    detail = load_ticket(store, row.id)
    assert detail is not None
    view.set_detail(detail, load_directory(store), lang="id", now=NOW, me=None)
    shown = {s.value for s, b in view.status_buttons.items() if b.isVisibleTo(view)}
    assert shown == {"menunggu_pelapor", "selesai"}


def _pane(qtbot: QtBot, store: LocalStore, ticket_id: str, width: int) -> TicketView:
    """The ticket pane alone, shown at ``width`` px with the ticket loaded."""
    view = TicketView()
    qtbot.addWidget(view)
    view.resize(width, 900)
    view.show()
    detail = load_ticket(store, ticket_id)
    assert detail is not None
    view.set_detail(detail, load_directory(store), lang="id", now=NOW, me=None)
    qtbot.waitExposed(view)
    return view


def test_four_status_actions_wrap_in_a_narrow_pane_instead_of_clipping(
    qtbot: QtBot, store: LocalStore
) -> None:
    with store.write() as session:
        row = ticket_row(status="didisposisi")  # four ways on: the most the workflow offers
        session.add(row)
    view = _pane(qtbot, store, row.id, 420)
    shown = [b for b in view.status_buttons.values() if b.isVisibleTo(view)]
    assert len(shown) == 4
    for button in shown:  # every label whole, every button inside the pane
        assert button.width() >= button.sizeHint().width()
        assert button.mapTo(view, button.rect().topRight()).x() <= view.width()
    assert len({b.y() for b in shown}) > 1  # they took a second line


def test_a_long_unbroken_contact_is_shortened_in_the_middle_never_clipped(
    qtbot: QtBot, store: LocalStore, tmp_path: Path
) -> None:
    contact = "pengadu.warga.kecamatan.genteng.banyuwangi.selatan.2026@gmail.com"
    with store.write() as session:
        row = ticket_row(reporter_contact=contact, location="Desa Kembiritan, Kecamatan Genteng")
        session.add(row)
    view = _pane(qtbot, store, row.id, 620)
    label = view.fields["contact"]
    shown = label.shown_text()
    assert label.is_shortened()
    # Both ends stay readable (who, and the whole provider on its own line); the middle gives way.
    name, domain = shown.split("\n")
    assert name.startswith("peng") and name.endswith(".2026") and "\u2026" in name
    assert domain == "@gmail.com"
    for width in (620, 420):
        view.resize(width, 900)
        qtbot.waitUntil(lambda w=width: view.width() == max(w, view.minimumSizeHint().width()))
        assert label.mapTo(view, label.rect().topRight()).x() <= view.width()
        lines = label.shown_text().split("\n")
        assert max(label.fontMetrics().horizontalAdvance(x) for x in lines) <= label.contentsRect().width()
    assert label.toolTip() == contact and label.text() == contact
    menu = label.full_text_menu()
    menu.actions()[0].trigger()
    assert QGuiApplication.clipboard().text() == contact
    # A short address in a narrow column breaks before its domain rather than losing its name.
    label.setText("warga.genteng73@gmail.com")
    view.resize(460, 900)
    qtbot.waitUntil(lambda: view.width() == max(460, view.minimumSizeHint().width()))
    qtbot.waitUntil(lambda: label.shown_text() == "warga.genteng73\n@gmail.com")
    label.setText(contact)
    # Ordinary values wrap at spaces and keep every word.
    location = view.fields["location"]
    assert not location.is_shortened() and location.shown_text() == "Desa Kembiritan, Kecamatan Genteng"
    view.grab().save(str(tmp_path / "narrow-ticket.png"))
    # Wide enough again: the whole contact comes back.
    view.resize(2000, 900)
    qtbot.waitUntil(lambda: label.contentsRect().width() > label.fontMetrics().horizontalAdvance(contact))
    assert label.shown_text() == contact and label.toolTip() == ""


def test_canned_response_fills_in_name_tracking_number_and_deadline(
    qtbot: QtBot, store: LocalStore, data_dir: Path
) -> None:
    with store.write() as session:
        session.add(ticket_row(tracking_no="DINKES-BWI-2603-00077", reporter_name="Pak Joko"))
        session.add(
            models.CannedResponse(
                id="c1",
                opd_code="DINKES-BWI",
                title="Diterima",
                body="Yth. {nama_pelapor}, laporan {nomor_tiket} kami selesaikan paling lambat {tenggat}.",
            )
        )
    window = MainWindow(store, Settings(), data_dir, tasks=TaskManager(inline=True), clock=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    window.queue_pane.select_row(0)
    editor = window.ticket_view.editor
    editor.canned.activated.emit(1)
    text = editor.text.toPlainText()
    assert text.startswith("Yth. Pak Joko, laporan DINKES-BWI-2603-00077 kami selesaikan paling lambat ")
    assert "{" not in text and "2026" in text


def test_canned_response_after_every_deadline_passed_promises_segera_not_a_past_date(
    qtbot: QtBot, store: LocalStore, data_dir: Path
) -> None:
    with store.write() as session:
        session.add(ticket_row(tracking_no="DINKES-BWI-2603-00078", reporter_name="Pak Joko"))
        session.add(
            models.CannedResponse(
                id="c1",
                opd_code="DINKES-BWI",
                title="Diterima",
                body="Yth. {nama_pelapor}, laporan {nomor_tiket} kami tindak lanjuti paling lambat {tenggat}.",
            )
        )
    later = NOW + timedelta(days=30)  # the ticket's deadlines (27 and 31 March) are long gone
    window = MainWindow(store, Settings(), data_dir, tasks=TaskManager(inline=True), clock=lambda: later)
    qtbot.addWidget(window)
    window.show()
    window.queue_pane.select_row(0)
    editor = window.ticket_view.editor
    editor.canned.activated.emit(1)

    assert editor.text.toPlainText() == (
        "Yth. Pak Joko, laporan DINKES-BWI-2603-00078 kami tindak lanjuti segera."
    )


def test_search_box_filters_the_queue_and_survives_hostile_input(
    qtbot: QtBot, store: LocalStore, data_dir: Path
) -> None:
    with store.write() as session:
        session.add(ticket_row(title="Air PDAM keruh"))
        session.add(ticket_row(title="Lampu jalan mati"))
    window = MainWindow(store, Settings(), data_dir, tasks=TaskManager(inline=True), clock=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    assert window.queue_model.rowCount() == 2
    window.queue_pane.search.setText("keruh")
    window.apply_filters()
    assert [r.title for r in window.queue_model.loaded_rows()] == ["Air PDAM keruh"]
    window.queue_pane.search.setText('"); DROP TABLE tickets; -- NEAR( *')
    window.apply_filters()
    assert window.queue_model.rowCount() == 0


def test_deadline_notification_once_per_stage_and_never_after_hours(store: LocalStore) -> None:
    with store.write() as session:
        session.add(models.Opd(code="DINKES-BWI", name="Dinas Kesehatan", tz="Asia/Jakarta"))
        session.add(_sla_row(random.Random(1), 1))
    from desktop.queue import fetch_page

    directory = load_directory(store)
    rows = fetch_page(store, QueueFilter(now=NOW), None, 10)
    late = NOW + timedelta(days=30)  # every deadline long gone; a Wednesday 10:00 WIB
    alerts = due_alerts(rows, directory, late, set())
    assert len(alerts) == 1 and alerts[0].level is UrgencyLevel.BREACHED
    assert due_alerts(rows, directory, late, {alerts[0].key}) == []
    night = late.replace(hour=14)  # 21:00 WIB
    assert due_alerts(rows, directory, night, set()) == []


def test_english_labels_come_from_the_translation(qtbot: QtBot, store: LocalStore, data_dir: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.application import install_translators

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    with store.write() as session:
        session.add(ticket_row())
        SyncStateRepository(session).set("username", "x")
    install_translators(app, "en")
    try:
        settings = Settings()
        settings.language = "en"
        window = MainWindow(store, settings, data_dir, tasks=TaskManager(inline=True), clock=lambda: NOW)
        qtbot.addWidget(window)
        assert window.view_model.name(QueueView.MINE) == "My queue"
        assert window.queue_model.index(0, Column.STATUS).data() == "New"
    finally:
        install_translators(app, "id")


def test_choosing_english_in_the_settings_switches_the_window_at_once(
    qtbot: QtBot, store: LocalStore, data_dir: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.application import Workstation, install_translators
    from ui.settings_dialog import SettingsDialog

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    with store.write() as session:
        first, second = ticket_row(title="Lampu jalan mati"), ticket_row(title="Jalan berlubang")
        session.add_all([first, second])
        SyncStateRepository(session).set("username", "x")
    # Not given to qtbot: the switch deletes it; the finally block closes whichever window is current.
    window = MainWindow(store, Settings(), data_dir, tasks=TaskManager(inline=True), clock=lambda: NOW)
    window.resize(1300, 800)
    window.show()
    workstation = Workstation(window)
    window.go_to(QueueView.UNASSIGNED, "berlubang", second.id)
    assert window.ticket_view.title.text() == "Jalan berlubang"
    try:
        window.controller.open_settings()
        dialog = window.controller.dialog
        assert isinstance(dialog, SettingsDialog)
        qtbot.waitExposed(dialog)
        box = dialog.notifications  # its sentence is whole, not cut at the dialog's edge
        assert box.width() >= box.sizeHint().width()
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        dialog.accept()
        qtbot.waitUntil(lambda: workstation.window is not window)
        fresh = workstation.window
        assert fresh.isVisible()
        qtbot.waitUntil(lambda: not shiboken6.isValid(window))  # the old window is gone, not hidden
        size = fresh.size()
        # Everything the officer reads is English now, without a restart...
        assert fresh.view_model.name(QueueView.MINE) == "My queue"
        assert fresh.menuBar().actions()[0].text() == "&File"
        assert fresh.queue_model.index(0, Column.STATUS).data() == "New"
        # ...and they are where they were: same view, search, ticket and window size.
        assert fresh.current_view is QueueView.UNASSIGNED and fresh.queue_pane.search.text() == "berlubang"
        qtbot.waitUntil(lambda: fresh.ticket_view.title.text() == "Jalan berlubang")
        assert size == QSize(1300, 800)
        assert Settings.load(data_dir).language == "en"  # and it stays English next time
        # Back to Indonesian the same way.
        fresh.controller.open_settings()
        back = fresh.controller.dialog
        assert isinstance(back, SettingsDialog)
        back.language.setCurrentIndex(back.language.findData("id"))
        back.accept()
        qtbot.waitUntil(lambda: workstation.window is not fresh)
        assert workstation.window.view_model.name(QueueView.MINE) == "Antrean saya"
    finally:
        workstation.window.close()
        install_translators(app, "id")


def test_every_control_has_an_accessible_name_or_text(
    qtbot: QtBot, store: LocalStore, data_dir: Path
) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QPlainTextEdit

    with store.write() as session:
        session.add(ticket_row())
    window = MainWindow(store, Settings(), data_dir, tasks=TaskManager(inline=True), clock=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    window.queue_pane.select_row(0)
    window.controller.open_walk_in()
    unnamed = []
    controls = [
        w
        for kind in (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit)
        for w in window.findChildren(kind)
    ]
    for widget in controls:
        if not widget.isVisibleTo(widget.window()):
            continue
        name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
        if not name.strip():
            unnamed.append(
                f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent()).__name__}"
            )
    for view in window.findChildren(QAbstractItemView):
        if view.isVisibleTo(window) and not view.accessibleName():
            unnamed.append(f"{type(view).__name__} {view.objectName()!r}")
    assert unnamed == [], unnamed
    assert len(controls) > 30
