"""A real server per test module and backend for the citizen's page, and ways to move a ticket."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.helpers.live_server import Desk, LiveServer, new_op, served


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def srv(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with served(backend, tmp_path_factory.mktemp("lacak")) as server:
        yield server


@pytest.fixture
def web(srv: LiveServer) -> Iterator[httpx.Client]:
    """A citizen's HTTP client on the server's root (no token), with the rate limit reset."""
    srv.app.state.lacak.limiter.reset()
    with httpx.Client(base_url=srv.root_url, timeout=30) as client:
        yield client


def full_ticket(desk: Desk, state: dict[str, Any]) -> dict[str, Any]:
    """The whole ticket as the desk may see it (a push result carries only its state)."""
    answer = desk.get(f"/tickets/{state['tracking_no']}")
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


def push_ok(desk: Desk, op: dict[str, Any]) -> dict[str, Any]:
    [result] = desk.push(op)
    assert result["result"] == "applied", result
    return full_ticket(desk, result["ticket"])


def set_status(desk: Desk, ticket: dict[str, Any], status: str, reason: str = "") -> dict[str, Any]:
    return push_ok(
        desk, new_op("set_status", ticket["id"], {"status": status, "reason": reason}, ticket["version"])
    )


def message(desk: Desk, ticket: dict[str, Any], body: str, kind: str = "reply") -> dict[str, Any]:
    return push_ok(
        desk, new_op(kind, ticket["id"], {"message_id": str(uuid.uuid4()), "body": body}, ticket["version"])
    )


def resolve(srv: LiveServer, ticket: dict[str, Any], reply: str = "Sudah kami perbaiki.") -> dict[str, Any]:
    """Assign, act, reply and mark ``selesai`` as the DINKES supervisor does."""
    spv = srv.login("spv.dinkes", device_name="meja-spv")
    if ticket["status"] == "baru":
        ticket = push_ok(
            spv, new_op("assign", ticket["id"], {"assignee": "petugas.dinkes"}, ticket["version"])
        )
    if ticket["status"] == "didisposisi":
        ticket = set_status(spv, ticket, "ditindaklanjuti")
    ticket = message(spv, ticket, reply)
    return set_status(spv, ticket, "selesai")


def page_url(ticket: dict[str, Any], key: bool = True) -> str:
    return f"/lacak/{ticket['tracking_no']}" + (f"?k={ticket['public_key']}" if key else "")


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no feedback form"
    return found.group(1)


def answer(web: httpx.Client, ticket: dict[str, Any], **fields: str) -> httpx.Response:
    """Post the feedback form as the page's own form would (its CSRF token read from the page)."""
    page = web.get(page_url(ticket))
    body = {"k": ticket["public_key"], "csrf": csrf_of(page.text), "lang": "id"} | fields
    return web.post(f"/lacak/{ticket['tracking_no']}/tanggapan", data=body)


CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
needs_chromium = pytest.mark.skipif(
    not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)) and os.environ.get("CI") != "true",
    reason="Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)",
)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium through Selenium (no browser download), one for the run."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=id"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def submit_and_wait(driver: Any, selector: str, url_part: str) -> str:
    """Click a submit button and wait until the answering page has loaded; returns its text."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.find_element(By.CSS_SELECTOR, selector).click()
    wait = WebDriverWait(driver, 30)
    wait.until(lambda d: url_part in d.current_url)
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
    return str(driver.find_element(By.TAG_NAME, "body").text)
