"""Issue 17's "done when", end to end: a real desk store, the real server and Debian's Chromium.

A walk-in registered offline at a desk gets its page key there; the QR link its real receipt
builder makes works once the desk syncs; the officer's reply shows on the page; the citizen's
"tidak" (typed in the browser) reopens the ticket on the desk with the comment after its next sync;
the citizen's "ya" with 4 stars closes it, and the desk's summary PDF counts it in the IKM.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pypdf
import pytest

from desktop import actions, credentials, documents
from desktop.domain import Feedback, MessageKind, Status
from desktop.session import require_identity
from desktop.ticket_detail import load_ticket
from tests.helpers.desk import StoreDesk
from tests.helpers.live_server import LiveServer, served
from tests.integration.lacak.conftest import needs_chromium, submit_and_wait

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def sqlite_srv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One backend is enough here: the page's backends are covered by test_pages."""
    if not credentials.keyring_is_usable():
        if os.environ.get("CI") == "true":
            pytest.fail("CI must provide a Secret Service (dbus-run-session + gnome-keyring)")
        pytest.skip("no usable keyring: run under dbus-run-session with gnome-keyring unlocked")
    with served("sqlite", tmp_path_factory.mktemp("lacak-desk")) as server:
        yield server


def _pdf_text(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages))


def _page_text(browser: Any) -> str:
    from selenium.webdriver.common.by import By

    return str(browser.find_element(By.TAG_NAME, "body").text)


def test_a_walk_in_is_tracked_rebutted_closed_and_rated_from_a_real_desk(
    sqlite_srv: LiveServer, browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selenium.webdriver.common.by import By

    srv = sqlite_srv
    monkeypatch.setenv("TANGGAP_PUBLIC_URL", srv.root_url + "/")  # the directory gives it to desks
    srv.app.state.lacak.limiter.reset()
    desk = StoreDesk(srv, tmp_path / "loket", "spv.dinkes")
    desk.sync()  # the directory, with the public URL

    # Registered at the counter: no network needed, the key is made here.
    result = actions.walk_in(
        desk.store,
        name="Bu Wulan Sari",
        contact="0812-7777-8888",
        title="Obat di apotek puskesmas kosong",
        body="Sudah tiga hari obat hipertensi kosong.",
        category="KES-LAYANAN",
    )
    no = result.tracking_no
    key = desk.ticket(no).public_key
    assert key is not None and len(key) >= 22
    (op,) = desk.ops()
    assert op.state == "pending" and op.payload["ticket"]["public_key"] == key
    identity = require_identity(desk.store)
    receipt = documents.receipt_pdf(desk.store, no, viewer=identity, at_registration=True)
    qr_link = documents.receipt_link(desk.store, no)  # what the receipt's QR code holds
    assert qr_link == f"{srv.root_url}/lacak/{no}?k={key}"
    assert f"{srv.root_url}/lacak/{no}" in re.sub(r"\s+", "", _pdf_text(receipt))
    assert key not in _pdf_text(receipt)

    desk.sync()
    assert [o.state for o in desk.ops()] == ["applied"]
    browser.get(qr_link)
    page = _page_text(browser)
    assert no in page and "Diterima, menunggu verifikasi" in page

    actions.assign(desk.store, no, "spv.dinkes")
    actions.set_status(desk.store, no, "ditindaklanjuti")
    actions.reply(desk.store, no, "Stok obat sudah kami kirim ke puskesmas hari ini.")
    actions.set_status(desk.store, no, "selesai")
    desk.sync()
    browser.get(qr_link)
    page = _page_text(browser)
    assert "Stok obat sudah kami kirim ke puskesmas hari ini." in page
    assert "Apakah masalah Anda sudah selesai?" in page

    browser.find_element(By.CSS_SELECTOR, "input[name=selesai][value=tidak]").click()
    browser.find_element(By.ID, "komentar").send_keys("Obatnya baru datang separuh.")
    assert "dibuka kembali" in submit_and_wait(browser, "#tanggapan button[type=submit]", "terima=")

    desk.sync()
    detail = load_ticket(desk.store, result.ticket_id)
    assert detail is not None
    ticket = detail.ticket
    assert ticket.status is Status.DITINDAKLANJUTI
    citizen = [m.body for m in ticket.messages if m.kind is MessageKind.CITIZEN]
    assert citizen == ["Obatnya baru datang separuh."]
    assert ticket.feedback is not None
    assert (ticket.feedback.selesai, ticket.feedback.tidak) == (False, 1)
    assert ticket.feedback.komentar == "Obatnya baru datang separuh."

    actions.set_status(desk.store, no, "selesai")
    desk.sync()
    browser.get(qr_link)
    browser.find_element(By.CSS_SELECTOR, "input[name=selesai][value=ya]").click()
    browser.find_element(By.CSS_SELECTOR, "input[name=nilai][value='4']").click()
    assert "kami tutup sebagai selesai" in submit_and_wait(
        browser, "#tanggapan button[type=submit]", "terima=closed"
    )

    desk.sync()
    closed = load_ticket(desk.store, result.ticket_id)
    assert closed is not None and closed.ticket.status is Status.DITUTUP
    assert isinstance(closed.ticket.feedback, Feedback)
    assert (closed.ticket.feedback.selesai, closed.ticket.feedback.nilai) == (True, 4)

    today = datetime.now(UTC).astimezone(ZoneInfo("Asia/Jakarta")).date()
    summary = _pdf_text(documents.summary_pdf(desk.store, today - timedelta(days=1), today, viewer=identity))
    # 4 stars: u = 1 + 3 * 3/4 = 3.25 on the SKM scale, IKM 25 * 3.25 = 81.25, grade B.
    assert "81,25 (mutu B, Baik)" in summary
    assert "dari 1 penilaian bintang 1–5 atas 1 tiket yang mencapai selesai" in summary
    # The rebuttal and the confirmation both count, each over the one ticket that reached selesai.
    assert summary.count("1 dari 1 tiket yang mencapai selesai; 1 dijawab pelapor") == 2
    desk.store.close()
