"""The citizen's page in real headless Chromium (Debian's chromium + chromium-driver, via Selenium).

The "done when" of issue 17: a walk-in registered offline with its desk-chosen key, synced, is
found through its receipt's QR link; the officer's reply shows; after ``selesai`` the citizen says
``tidak`` and the desk sees the ticket reopened with the comment; after the second ``selesai`` the
citizen says ``ya`` with 4 stars and the ticket is closed and counted in the IKM.

Screenshots (360x640 and 1280x800) go to TANGGAP_SCREENSHOT_DIR if set (docs/screenshots when
refreshing the committed ones), else to the test's temporary directory.
"""

from __future__ import annotations

import os
import secrets
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from desktop.domain import desk_tracking_no
from desktop.satisfaction import ikm
from tests.helpers.live_server import LiveServer, new_op
from tests.integration.lacak.conftest import message, needs_chromium, push_ok, set_status, submit_and_wait

pytestmark = needs_chromium

SIZES = {"mobile": (360, 640), "desktop": (1280, 800)}


@pytest.fixture(scope="module")
def backend() -> str:
    """One backend here: the browser checks the page; test_pages.py runs the same flows on both."""
    return "sqlite"


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    target = Path(os.environ.get("TANGGAP_SCREENSHOT_DIR") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    return target


def _viewport(driver: Any, width: int, height: int) -> None:
    """Make the page's viewport exactly width x height (the window adds its frame)."""
    driver.set_window_size(width, height)
    inner_w, inner_h = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    driver.set_window_size(2 * width - inner_w, 2 * height - inner_h)


def _shoot(driver: Any, shots: Path, name: str) -> None:
    for size, (w, h) in SIZES.items():
        _viewport(driver, w, h)
        driver.save_screenshot(str(shots / f"lacak-{name}-{size}.png"))
    _viewport(driver, *SIZES["mobile"])


def _walk_in(srv: LiveServer) -> tuple[dict[str, Any], str]:
    """A walk-in the desk registered offline with its own key, as its sync pushes it."""
    desk = srv.login("petugas.dinkes", device_name="meja-loket")
    key = secrets.token_urlsafe(16)
    now = datetime.now(UTC)
    ticket_id = str(uuid.uuid4())
    payload = {
        "ticket": {
            "id": ticket_id,
            "tracking_no": desk_tracking_no("DINKES-BWI", now, desk.desk_code, 42),
            "channel": "walk_in",
            "confidentiality": "public",
            "reporter": {"name": "Bu Wulan Sari", "contact": "0812-7777-8888"},
            "title": "Obat di apotek puskesmas kosong",
            "body": "Sudah tiga hari obat hipertensi kosong.",
            "category_code": "KES-LAYANAN",
            "received_at": now.isoformat(),
            "public_key": key,
        }
    }
    ticket = push_ok(desk, new_op("create_ticket", ticket_id, payload))
    return ticket, key


def test_a_walk_in_is_tracked_rebutted_and_closed_through_the_browser(
    srv: LiveServer, browser: Any, shots: Path
) -> None:
    from selenium.webdriver.common.by import By

    srv.app.state.lacak.limiter.reset()
    ticket, key = _walk_in(srv)
    qr_link = f"{srv.root_url}/lacak/{ticket['tracking_no']}?k={key}"  # what the receipt's QR holds
    spv = srv.login("spv.dinkes", device_name="meja-kabid")
    _, cursor = spv.pull_all()

    _viewport(browser, *SIZES["mobile"])
    browser.get(f"{srv.root_url}/lacak")
    _shoot(browser, shots, "form")
    # The lookup form by keyboard-reachable labels: number typed, the status-only page answers.
    browser.find_element(By.ID, "no").send_keys(ticket["tracking_no"])
    assert "Diterima, menunggu verifikasi" in submit_and_wait(browser, "form button[type=submit]", "/lacak/")
    assert "Bu Wulan" not in browser.page_source and "Obat di apotek" not in browser.page_source
    _shoot(browser, shots, "status")

    ticket = push_ok(spv, new_op("assign", ticket["id"], {"assignee": "petugas.dinkes"}, ticket["version"]))
    ticket = set_status(spv, ticket, "ditindaklanjuti")
    ticket = message(spv, ticket, "Stok obat sudah kami kirim ke puskesmas hari ini.")
    ticket = set_status(spv, ticket, "selesai")

    browser.get(qr_link)
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "Stok obat sudah kami kirim ke puskesmas hari ini." in body
    assert "Selesai ditangani" in body and "Apakah masalah Anda sudah selesai?" in body
    _shoot(browser, shots, "keyed")

    browser.find_element(By.CSS_SELECTOR, "input[name=selesai][value=tidak]").click()
    browser.find_element(By.ID, "komentar").send_keys("Obatnya baru datang separuh.")
    assert "dibuka kembali" in submit_and_wait(browser, "#tanggapan button[type=submit]", "terima=")

    changes, cursor = spv.pull_all(cursor)
    [seen] = [c["ticket"] for c in changes if c.get("ticket") and c["ticket"]["id"] == ticket["id"]]
    assert seen["status"] == "ditindaklanjuti"
    assert [m["body"] for m in seen["messages"] if m["kind"] == "citizen"] == ["Obatnya baru datang separuh."]

    ticket = set_status(spv, seen, "selesai")
    browser.get(qr_link + "&lang=en")
    assert "Is your problem solved?" in browser.page_source
    browser.find_element(By.CSS_SELECTOR, "input[name=selesai][value=ya]").click()
    browser.find_element(By.CSS_SELECTOR, "input[name=nilai][value='4']").click()
    text = submit_and_wait(browser, "#tanggapan button[type=submit]", "terima=closed")
    assert "closed as solved" in text and "rated 4 of 5" in text
    _shoot(browser, shots, "closed")

    changes, _ = spv.pull_all(cursor)
    [seen] = [c["ticket"] for c in changes if c.get("ticket") and c["ticket"]["id"] == ticket["id"]]
    assert seen["status"] == "ditutup" and seen["feedback"]["nilai"] == 4
    assert ikm([seen["feedback"]["nilai"]]).value == 81.25

    browser.get(f"{srv.root_url}/lacak/{ticket['tracking_no']}?k=salah-kunci-0000000000")
    assert "Tidak ditemukan" in browser.page_source
    _shoot(browser, shots, "not-found")


def test_the_form_is_usable_by_keyboard_alone(srv: LiveServer, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    srv.app.state.lacak.limiter.reset()
    ticket = srv.intake()
    browser.get(f"{srv.root_url}/lacak")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)  # brand link
    focused = browser.switch_to.active_element
    for _ in range(5):
        if focused.get_attribute("id") == "no":
            break
        focused.send_keys(Keys.TAB)
        focused = browser.switch_to.active_element
    assert focused.get_attribute("id") == "no"
    focused.send_keys(ticket["tracking_no"] + Keys.ENTER)
    WebDriverWait(browser, 30).until(lambda d: ticket["tracking_no"] in d.current_url)
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")
    assert "Diterima, menunggu verifikasi" in browser.page_source
