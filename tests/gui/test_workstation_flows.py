"""Real flows at the workstation: a real local store, the real sync engine, the real server."""

from __future__ import annotations

import io
from collections.abc import Callable

from pypdf import PdfReader
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.domain import MessageKind, is_valid_tracking_no
from desktop.queue import QueueView
from desktop.session import load_identity
from desktop.sync.status import sync_status
from tests.gui.conftest import DeskFactory
from tests.helpers.live_server import PASSWORD, LiveServer
from ui.inbox import InboxDialog
from ui.mainwindow import MainWindow
from ui.print_preview import PrintPreviewDialog
from ui.queue_pane import EmptyState
from ui.supervisor import ReassignDialog
from ui.walk_in_dialog import WalkInDialog


def _select(window: MainWindow, tracking_no: str) -> None:
    row = next(i for i, r in enumerate(window.queue_model.loaded_rows()) if r.tracking_no == tracking_no)
    window.queue_pane.select_row(row)
    assert window.detail is not None and window.detail.ticket.tracking_no == tracking_no


def _reply_states(window: MainWindow) -> list[tuple[str, str]]:
    cards = window.ticket_view.message_cards()
    out = []
    for card in cards:
        texts = [label.text() for label in card.findChildren(QLabel)]
        state = "pending" if any("menunggu sinkronisasi" in t for t in texts) else ""
        state = state or ("sent" if any("terkirim" in t for t in texts) else "")
        out.append((card.objectName(), state))
    return out


def test_reply_typed_offline_shows_pending_at_once_then_sent_after_sync(
    qtbot: QtBot, server: LiveServer, desks: DeskFactory, offline: Callable[[bool], None]
) -> None:
    filed = server.intake(title="Antrean puskesmas Genteng")
    store = desks.login(server, "a", "petugas.dinkes")
    window = desks.window(store)
    _select(window, filed["tracking_no"])

    offline(True)
    window.controller.start_message(MessageKind.REPLY)
    window.ticket_view.editor.text.setPlainText("Terima kasih, petugas kami menuju lokasi.")
    qtbot.mouseClick(window.ticket_view.editor.send, _left())
    # Shown at once in the thread, marked as waiting; the sync that followed could not reach the server.
    assert _reply_states(window) == [("msgReply", "pending")]
    assert window.ticket_view.editor.text.toPlainText() == ""
    status = sync_status(store)
    assert status.ops_waiting == 1 and status.online is False
    assert window.sync_bar.waiting.text() == "1 perubahan menunggu dikirim"

    offline(False)
    window.controller.sync_now()
    assert _reply_states(window) == [("msgReply", "sent")]
    assert sync_status(store).ops_waiting == 0
    admin = server.login("admin", device_name="checker")
    messages = admin.get(f"/tickets/{filed['tracking_no']}").json()["messages"]
    assert [m["body"] for m in messages if m["kind"] == "reply"] == [
        "Terima kasih, petugas kami menuju lokasi."
    ]


def test_supervisor_reassigns_three_tickets_and_the_officer_sees_them_after_sync(
    qtbot: QtBot, server: LiveServer, desks: DeskFactory
) -> None:
    filed = [server.intake(title=f"Keluhan {i}") for i in range(5)]
    officer_store = desks.login(server, "ani", "ani.dinkes")
    officer = desks.window(officer_store)
    assert officer.view_model.count(QueueView.MINE) == 0

    supervisor = desks.window(desks.login(server, "spv", "spv.dinkes"))
    assert supervisor.queue_pane.reassign_button.isVisible()
    rows = supervisor.queue_model.loaded_rows()
    chosen = sorted(r.tracking_no for r in rows[:3])
    selection = supervisor.queue_pane.table.selectionModel()
    selection.clearSelection()
    for i in range(3):
        selection.select(
            supervisor.queue_model.index(i, 0),
            selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
        )
    supervisor.controller.open_reassign()
    dialog = supervisor.controller.dialog
    assert isinstance(dialog, ReassignDialog)
    dialog.choose("ani.dinkes")
    dialog.accept()

    assert sync_status(supervisor.store).ops_waiting == 0  # sent at once
    officer.controller.sync_now()
    assert officer.view_model.count(QueueView.MINE) == 3
    officer.sidebar.view_list.setCurrentIndex(
        officer.view_model.index(officer.view_model.row_of(QueueView.MINE), 0)
    )
    assert sorted(r.tracking_no for r in officer.queue_model.loaded_rows()) == chosen
    assert {r.assignee for r in officer.queue_model.loaded_rows()} == {"ani.dinkes"}
    assert len(filed) == 5


def test_an_officer_has_no_reassign_or_transfer_action(server: LiveServer, desks: DeskFactory) -> None:
    server.intake(title="Lampu PJU mati")
    window = desks.window(desks.login(server, "p", "petugas.dinkes"))
    assert window.queue_model.rowCount() == 1
    window.queue_pane.select_row(0)
    assert not window.queue_pane.reassign_button.isVisible()
    assert not window.queue_pane.transfer_button.isVisible()
    assert not window.sidebar.workload_button.isVisible()
    assert not window.menus.act_reassign.isEnabled() and not window.menus.act_reassign.isVisible()
    assert not window.menus.supervisor_menu.menuAction().isVisible()
    window.controller.open_reassign()  # the shortcut does nothing either
    assert window.controller.dialog is None


def test_after_logout_the_sidebar_says_nothing_syncs_until_login(
    server: LiveServer, desks: DeskFactory
) -> None:
    server.intake(title="Lampu PJU mati")
    window = desks.window(desks.login(server, "p", "petugas.dinkes"))
    before = window.sidebar.whoami.text().splitlines()
    assert len(before) == 2 and before[1].endswith("DINKES-BWI")  # name, then role and OPD
    window.controller.logout()
    # It asks first, saying what goes; cancelling keeps everything.
    box = window.controller.logout_box
    assert box.isVisible() and "Semua data pelapor akan dihapus" in box.text()
    box.reject()
    assert window.queue_model.rowCount() == 1
    window.controller.logout()
    window.controller.logout_button.click()
    # Still whose data this is, and that nothing syncs until they log in again.
    assert window.sidebar.whoami.text().splitlines() == [
        *before,
        "Keluar akun \u2014 masuk lagi untuk sinkronisasi",
    ]
    # Logging out takes the complainants' data off the desk (issue 16): the queue is empty.
    assert window.queue_model.rowCount() == 0


def test_walk_in_with_the_network_down_gets_a_tracking_number_and_offers_the_receipt(
    qtbot: QtBot, server: LiveServer, desks: DeskFactory, offline: Callable[[bool], None]
) -> None:
    store = desks.login(server, "w", "petugas.dinkes")
    window = desks.window(store)
    offline(True)
    window.controller.open_walk_in()
    dialog = window.controller.walk_in_dialog
    assert isinstance(dialog, WalkInDialog)

    qtbot.mouseClick(dialog.save_button, _left())
    assert dialog.error.isVisible()
    assert "Judul pengaduan wajib diisi." in dialog.error.text()
    assert dialog.tracking_no is None

    dialog.name.setText("Bu Sulastri")
    dialog.contact.setText("0812-3456-7890")
    dialog.title.setText("Bidan desa jarang hadir")
    dialog.body.setPlainText("Polindes di Desa Kemiren sering tutup pada jam layanan.")
    dialog.location.setText("Kemiren, Glagah")
    qtbot.mouseClick(dialog.save_button, _left())

    assert dialog.tracking_no is not None and is_valid_tracking_no(dialog.tracking_no)
    assert dialog.done_number.text() == dialog.tracking_no
    assert dialog.receipt_offered
    assert sync_status(store).ops_waiting == 1
    assert dialog.tracking_no in [r.tracking_no for r in window.queue_model.loaded_rows()]

    # The receipt prints from the local store: still offline, the preview shows the new number.
    qtbot.mouseClick(dialog.print_button, _left())
    preview = dialog.preview
    assert isinstance(preview, PrintPreviewDialog)
    assert preview.isVisible()
    assert preview.page_count() >= 1
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(preview.pdf_bytes)).pages)
    assert dialog.tracking_no in text
    assert "Bu Sulastri" in text  # the desk took the identity in person: it prints
    preview.close()

    offline(False)
    window.controller.sync_now()
    assert sync_status(store).ops_waiting == 0
    admin = server.login("admin", device_name="checker")
    assert admin.get(f"/tickets/{dialog.tracking_no}").status_code == 200


def test_a_conflict_shows_in_the_inbox_until_acknowledged(
    qtbot: QtBot, server: LiveServer, desks: DeskFactory, offline: Callable[[bool], None]
) -> None:
    filed = server.intake(title="Puskesmas tutup lebih awal")
    first = desks.window(desks.login(server, "s1", "spv.dinkes"))
    second = desks.window(desks.login(server, "s2", "spv2.dinkes"))
    # The second supervisor works offline on the same ticket while the first reassigns it.
    offline(True)
    second.controller.reassign([filed["tracking_no"]], "ani.dinkes")
    offline(False)
    first.controller.reassign([filed["tracking_no"]], "petugas.dinkes")
    second.controller.sync_now()

    assert second.view_model.count(QueueView.CONFLICTS) == 1
    assert second.sync_bar.attention.isVisible()
    second.controller.open_inbox()
    inbox = second.controller.inbox_dialog
    assert isinstance(inbox, InboxDialog)
    assert inbox.model.rowCount() == 1
    what = inbox.model.index(0, 3).data()
    assert filed["tracking_no"] == inbox.model.index(0, 2).data()
    assert what
    qtbot.mouseClick(inbox.ack_all, _left())
    assert inbox.model.rowCount() == 0
    assert second.view_model.count(QueueView.CONFLICTS) == 0
    assert load_identity(second.store) is not None


def _left():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_an_open_inbox_shows_a_conflict_the_next_sync_brings(
    server: LiveServer, desks: DeskFactory, offline: Callable[[bool], None]
) -> None:
    filed = server.intake(title="Jadwal posyandu berubah")
    first = desks.window(desks.login(server, "s1", "spv.dinkes"))
    second = desks.window(desks.login(server, "s2", "spv2.dinkes"))
    second.controller.open_inbox()
    inbox = second.controller.inbox_dialog
    assert inbox.model.rowCount() == 0 and inbox.empty.isVisible()
    offline(True)
    second.controller.reassign([filed["tracking_no"]], "ani.dinkes")
    offline(False)
    first.controller.reassign([filed["tracking_no"]], "petugas.dinkes")
    second.controller.sync_now()
    # Not reopened: the dialog refreshed itself from the sync's changes.
    assert inbox.model.rowCount() == 1
    assert inbox.model.index(0, 2).data() == filed["tracking_no"]
    assert not inbox.empty.isVisible()


def test_the_open_workload_panel_follows_a_reassignment(server: LiveServer, desks: DeskFactory) -> None:
    filed = server.intake(title="Ambulans desa terlambat")
    window = desks.window(desks.login(server, "s", "spv.dinkes"))
    window.controller.reassign([filed["tracking_no"]], "ani.dinkes")
    window.controller.open_workload()
    panel = window.controller.workload_panel

    def open_tickets() -> dict[str, int]:
        return {load.username or "": load.open_tickets for load in panel.model.rows}

    assert open_tickets().get("ani.dinkes") == 1
    window.controller.reassign([filed["tracking_no"]], "petugas.dinkes")
    assert open_tickets().get("ani.dinkes", 0) == 0
    assert open_tickets().get("petugas.dinkes") == 1


def test_logging_in_from_the_empty_window_syncs_and_shows_the_queue(
    qtbot: QtBot, server: LiveServer, desks: DeskFactory
) -> None:
    filed = server.intake(title="Air PDAM keruh di Giri")
    window = desks.window(desks.store("fresh"))
    assert isinstance(window.centralWidget(), EmptyState) and window.identity is None
    qtbot.mouseClick(window.empty.login_button, _left())
    dialog = window.controller.login_dialog
    dialog.server.setText(server.root_url)
    dialog.username.setText("petugas.dinkes")
    dialog.password.setText(PASSWORD)
    qtbot.mouseClick(dialog.login_button, _left())
    # The login asked the core for a sync; nobody pressed "Sinkronkan sekarang".
    assert window.identity is not None and window.identity.username == "petugas.dinkes"
    assert window.centralWidget() is window.workspace
    assert [r.tracking_no for r in window.queue_model.loaded_rows()] == [filed["tracking_no"]]
    assert sync_status(window.store).last_success_at is not None


def test_a_walk_in_saved_online_is_sent_at_once_and_shown(
    qtbot: QtBot, server: LiveServer, desks: DeskFactory
) -> None:
    store = desks.login(server, "w", "petugas.dinkes")
    window = desks.window(store)
    window.controller.open_walk_in()
    dialog = window.controller.walk_in_dialog
    dialog.name.setText("Pak Hartono")
    dialog.contact.setText("0813-1111-2222")
    dialog.title.setText("Jembatan desa retak")
    dialog.body.setPlainText("Jembatan di Dusun Krajan retak sejak banjir kemarin.")
    qtbot.mouseClick(dialog.save_button, _left())
    assert dialog.tracking_no is not None
    assert sync_status(store).ops_waiting == 0  # the core asked for a sync, the window ran it
    assert window.detail is not None and window.detail.ticket.tracking_no == dialog.tracking_no
