"""The citizen's page over HTTP against the live server: what it shows, to whom, and the feedback."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from desktop.domain import desk_tracking_no
from desktop.satisfaction import ikm
from server.public.feedback import Answer, Effect, record_answer
from tests.helpers.live_server import LiveServer, new_op
from tests.integration.lacak.conftest import answer, full_ticket, message, page_url, resolve, set_status

NAME, CONTACT = "Siti Aminah Rahayu", "0812-5550-1234"
NOTE = "CATATAN-INTERNAL-jangan-tampil"


def _html_has_no_private(html: str, ticket: dict[str, object]) -> None:
    assert NAME.lower() not in html.lower()
    assert "siti aminah" not in html.lower()
    assert CONTACT not in html and "5550-1234" not in html
    assert NOTE not in html
    assert str(ticket["title"]) not in html
    assert "petugas.dinkes" not in html and "spv.dinkes" not in html


@pytest.mark.parametrize("confidentiality", ["public", "anonim", "rahasia"])
def test_no_level_ever_shows_the_reporter_notes_or_another_ticket(
    srv: LiveServer, web: httpx.Client, confidentiality: str
) -> None:
    fields = (
        {"reporter": {"name": NAME, "contact": CONTACT}}
        if confidentiality != "anonim"
        else {"reporter": None}
    )
    t = srv.intake(title=f"Judul rahasia {uuid.uuid4().hex[:6]}", confidentiality=confidentiality, **fields)
    other = srv.intake(title="Tiket orang lain XYZZY", body="Isi tiket lain QWERTY")
    spv = srv.login("spv.dinkes", device_name="meja-privasi")
    t = message(spv, t, NOTE, kind="note")
    # An anonim complaint's name is not kept (so nobody can write it); its contact may be.
    greeting = f"Yth. {NAME} ({CONTACT})" if confidentiality != "anonim" else f"Yth. pelapor ({CONTACT})"
    t = message(spv, t, f"{greeting}, keluhan Anda sedang kami periksa.")
    if confidentiality != "public":
        # Anyone's contact in a reply to an anonim or rahasia complaint is masked too.
        t = message(spv, t, "Hubungi Pak Budi di 0813 2222 3333 atau budi@dinkes.go.id, @budi_dinkes")
    for keyed in (False, True):
        r = web.get(page_url(t, key=keyed))
        assert r.status_code == 200
        _html_has_no_private(r.text, t)
        assert other["tracking_no"] not in r.text and "XYZZY" not in r.text and "QWERTY" not in r.text
        assert other["public_key"] not in r.text
        if confidentiality != "public":
            assert (
                "2222 3333" not in r.text
                and "budi@dinkes.go.id" not in r.text
                and "@budi_dinkes" not in r.text
            )
        if keyed:
            # The reply is there, with the identity masked out of it.
            assert "keluhan Anda sedang kami periksa" in r.text and "[disamarkan]" in r.text
        else:
            assert "keluhan Anda sedang kami periksa" not in r.text


def test_without_the_key_only_the_stage_date_deadline_and_opd(srv: LiveServer, web: httpx.Client) -> None:
    t = srv.intake(body="Isi pengaduan yang tidak boleh tampil", received_at="2026-03-30T09:00:00+00:00")
    r = web.get(page_url(t, key=False))
    assert r.status_code == 200
    assert "Diterima, menunggu verifikasi" in r.text
    assert "Senin, 30 Maret 2026 16.00 WIB" in r.text
    assert "Dinas Kesehatan" in r.text
    assert "Isi pengaduan yang tidak boleh tampil" not in r.text
    # A deadline in the past is said to have passed, never promised.
    assert "sudah lewat" in r.text and "paling lambat" not in r.text
    assert "Riwayat penanganan" not in r.text and "Balasan dari" not in r.text


def test_english_is_one_link_away(srv: LiveServer, web: httpx.Client) -> None:
    t = srv.intake(received_at="2026-03-30T09:00:00+00:00")
    r = web.get(page_url(t, key=False))
    link = re.search(r'href="([^"]*lang=en[^"]*)"', r.text)
    assert link
    en = web.get(link.group(1).replace("&amp;", "&"))
    assert "Received, awaiting verification" in en.text and "Monday, 30 March 2026 16:00 WIB" in en.text
    assert '<html lang="en">' in en.text


def test_unknown_number_and_wrong_key_are_the_same_answer(srv: LiveServer, web: httpx.Client) -> None:
    t = srv.intake()
    wrong_key = web.get(f"/lacak/{t['tracking_no']}?k=AAAAAAAAAAAAAAAAAAAAAA")
    unknown = web.get("/lacak/DINKES-BWI-2601-99999?k=AAAAAAAAAAAAAAAAAAAAAA")
    unknown_no_key = web.get("/lacak/DINKES-BWI-2601-99999")
    assert wrong_key.status_code == unknown.status_code == unknown_no_key.status_code == 404
    assert wrong_key.content == unknown.content == unknown_no_key.content
    assert "Tidak ditemukan" in wrong_key.text
    assert t["tracking_no"] not in wrong_key.text


def test_requests_over_the_limit_from_one_address_are_refused(srv: LiveServer, web: httpx.Client) -> None:
    limiter = srv.app.state.lacak.limiter
    t = srv.intake()
    limiter.per_minute, limiter.clock = 5, lambda: 600.0  # one fixed minute: no clock in the test
    try:
        answers = [web.get(page_url(t, key=False)).status_code for _ in range(5)]
        refused = web.get(page_url(t, key=False))
        refused_missing = web.get("/lacak/TIDAK-ADA")
        assert answers == [200] * 5
        assert refused.status_code == refused_missing.status_code == 429
        assert refused.headers["retry-after"] == "60"
        assert "Terlalu banyak permintaan" in refused.text
        # Another address (127.0.0.2 is loopback too) has its own allowance.
        other = httpx.Client(
            base_url=srv.root_url, transport=httpx.HTTPTransport(local_address="127.0.0.2"), timeout=30
        )
        with other:
            assert other.get(page_url(t, key=False)).status_code == 200
        limiter.clock = lambda: 660.0  # the next minute
        assert web.get(page_url(t, key=False)).status_code == 200
    finally:
        limiter.per_minute, limiter.clock = 30, __import__("time").monotonic
        limiter.reset()


def test_pages_are_small_and_self_contained(srv: LiveServer, web: httpx.Client) -> None:
    t = resolve(srv, srv.intake(), reply="Balasan panjang. " * 200)
    for url in ("/lacak", page_url(t, key=False), page_url(t), "/lacak/TIDAK-ADA"):
        r = web.get(url)
        assert len(r.content) < 50_000, (url, len(r.content))
        assert not re.search(r'(src|href)="(https?:)?//', r.text), url
        assert "<script" not in r.text
        assert "default-src 'none'" in r.headers["content-security-policy"]
        assert r.headers["referrer-policy"] == "no-referrer"


def test_the_lookup_form_takes_a_number_and_an_optional_code(srv: LiveServer, web: httpx.Client) -> None:
    t = srv.intake()
    form = web.get("/lacak")
    assert form.status_code == 200 and 'for="no"' in form.text and 'id="no"' in form.text
    r = web.get("/lacak", params={"no": t["tracking_no"].lower(), "k": t["public_key"]})
    assert r.status_code == 303
    assert r.headers["location"] == page_url(t)


def test_rebuttal_reopens_then_yes_closes_with_the_rating_seen_by_desks(
    srv: LiveServer, web: httpx.Client
) -> None:
    desk = srv.login("spv.dinkes", device_name="meja-desk")
    _, cursor = desk.pull_all()
    t = resolve(srv, srv.intake())
    r = answer(web, t, selesai="tidak", komentar="Antrean masih panjang kemarin.")
    assert r.status_code == 303 and "terima=reopened" in r.headers["location"]
    changes, cursor = desk.pull_all(cursor)
    [seen] = [c["ticket"] for c in changes if c.get("ticket") and c["ticket"]["id"] == t["id"]]
    assert seen["status"] == "ditindaklanjuti" and seen["resolved_at"] is None
    citizen = [m for m in seen["messages"] if m["kind"] == "citizen"]
    assert [m["body"] for m in citizen] == ["Antrean masih panjang kemarin."]
    assert seen["feedback"]["selesai"] is False and seen["feedback"]["nilai"] is None
    assert seen["deadlines"]["resolution"] is not None
    page = web.get(page_url(t))
    assert "Belum selesai" in page.text and 'name="csrf"' not in page.text  # no form while reopened

    t = set_status(desk, seen, "selesai")
    r = answer(web, t, selesai="ya", nilai="4", komentar="Terima kasih")
    assert "terima=closed" in r.headers["location"]
    changes, cursor = desk.pull_all(cursor)
    [seen] = [c["ticket"] for c in changes if c.get("ticket") and c["ticket"]["id"] == t["id"]]
    assert seen["status"] == "ditutup"
    assert seen["feedback"]["selesai"] is True and seen["feedback"]["nilai"] == 4
    assert ikm([seen["feedback"]["nilai"]]).value == 81.25
    shown = web.get(r.headers["location"])
    assert "Pengaduan Anda kami tutup sebagai selesai" in shown.text and "nilai 4 dari 5" in shown.text


def test_a_second_rebuttal_is_recorded_but_changes_nothing(srv: LiveServer, web: httpx.Client) -> None:
    t = resolve(srv, srv.intake())
    answer(web, t, selesai="tidak", komentar="Belum")
    spv = srv.login("spv.dinkes", device_name="meja-dua")
    t = set_status(spv, spv.get(f"/tickets/{t['tracking_no']}").json(), "selesai")
    r = answer(web, t, selesai="tidak", nilai="2", komentar="Masih belum")
    assert "terima=recorded" in r.headers["location"]
    assert 'name="csrf"' not in web.get(page_url(t)).text  # answered in this round: no form again
    after = spv.get(f"/tickets/{t['tracking_no']}").json()
    assert after["status"] == "selesai" and after["version"] == t["version"] + 1
    # The latest answer with its comment, and both rebuttals counted (the desk's rebuttal rate).
    assert after["feedback"] == {
        "selesai": False,
        "nilai": 2,
        "at": after["feedback"]["at"],
        "komentar": "Masih belum",
        "tidak": 2,
    }
    assert [m["body"] for m in after["messages"] if m["kind"] == "citizen"] == ["Belum"]


def test_after_the_window_an_answer_is_recorded_only(srv: LiveServer) -> None:
    t = resolve(srv, srv.intake())
    resolved = datetime.fromisoformat(t["resolved_at"])
    effect = record_answer(
        srv.engine,
        srv.app.state.tanggap.sla,
        t["tracking_no"],
        t["public_key"],
        Answer(False, None, "Terlambat"),
        now=resolved + timedelta(days=10, seconds=1),
    )
    assert effect is Effect.RECORDED
    after = srv.login("spv.dinkes", device_name="meja-tiga").get(f"/tickets/{t['tracking_no']}").json()
    assert after["status"] == "selesai" and after["feedback"]["selesai"] is False


def test_the_form_needs_its_token_and_the_key(srv: LiveServer, web: httpx.Client) -> None:
    t = resolve(srv, srv.intake())
    url = f"/lacak/{t['tracking_no']}/tanggapan"
    no_token = web.post(url, data={"k": t["public_key"], "selesai": "ya", "nilai": "5"})
    forged = web.post(url, data={"k": t["public_key"], "selesai": "ya", "nilai": "5", "csrf": "1.abc"})
    wrong_key = answer(web, t | {"public_key": t["public_key"]}, selesai="ya", nilai="5", k="x" * 22)
    assert no_token.status_code == forged.status_code == 403
    assert "kedaluwarsa" in no_token.text
    assert wrong_key.status_code == 404 and "Tidak ditemukan" in wrong_key.text
    missing_rating = answer(web, t, selesai="ya", komentar="komentar yang tidak hilang")
    assert missing_rating.status_code == 422 and "Beri nilai 1 sampai 5" in missing_rating.text
    assert "komentar yang tidak hilang" in missing_rating.text
    bad_rating = answer(web, t, selesai="ya", nilai="9")
    assert bad_rating.status_code == 422
    after = srv.login("spv.dinkes", device_name="meja-empat").get(f"/tickets/{t['tracking_no']}").json()
    assert after["status"] == "selesai" and after["feedback"] is None and after["version"] == t["version"]


def test_tickets_never_resolved_or_rejected_take_no_answer(srv: LiveServer, web: httpx.Client) -> None:
    spv = srv.login("spv.dinkes", device_name="meja-lima")
    rejected = set_status(spv, srv.intake(), "ditolak", "Bukan pengaduan")
    for t in (srv.intake(), rejected):
        page = web.get(page_url(t))
        assert 'name="csrf"' not in page.text
        token = re.search(r"x", "x")  # the form is absent: forge a token as the server would
        assert token
        secret = srv.app.state.lacak.secret
        from server.public.pages import csrf_token

        issued = int(__import__("time").time())
        r = web.post(
            f"/lacak/{t['tracking_no']}/tanggapan",
            data={
                "k": t["public_key"],
                "selesai": "ya",
                "nilai": "5",
                "csrf": csrf_token(secret, t["tracking_no"], t["public_key"], issued),
            },
        )
        assert r.status_code == 409 and "tidak dapat diberi tanggapan" in r.text
        after = spv.get(f"/tickets/{t['tracking_no']}").json()
        assert after["feedback"] is None and after["status"] == t["status"]


def test_a_walk_in_keeps_the_key_its_desk_chose(srv: LiveServer, web: httpx.Client) -> None:
    desk = srv.login("petugas.dinkes", device_name="meja-walkin")
    key = "Kunci-meja-" + uuid.uuid4().hex[:16]
    now = datetime.now(UTC)

    def create(key: str, serial: int) -> dict[str, object]:
        ticket_id = str(uuid.uuid4())
        payload = {
            "ticket": {
                "id": ticket_id,
                "tracking_no": desk_tracking_no("DINKES-BWI", now, desk.desk_code, serial),
                "title": "Walk-in",
                "body": "Datang langsung",
                "received_at": now.isoformat(),
                "public_key": key,
            }
        }
        [res] = desk.push(new_op("create_ticket", ticket_id, payload))
        return res

    made = create(key, 901)
    assert made["result"] == "applied"
    ticket = full_ticket(desk, made["ticket"])
    assert ticket["public_key"] == key
    assert web.get(page_url(ticket)).status_code == 200
    taken = create(key, 902)
    assert taken["result"] == "rejected" and taken["reason"]["code"] == "public_key_taken"
    short = create("pendek", 903)
    assert short["result"] == "rejected"


def test_every_ticket_gets_a_distinct_url_safe_key(srv: LiveServer) -> None:
    keys = {srv.intake()["public_key"] for _ in range(5)}
    assert len(keys) == 5
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{22,}", k) for k in keys)


def test_the_directory_names_the_public_url(srv: LiveServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TANGGAP_PUBLIC_URL", "https://lapor.example.go.id/")
    d = srv.login("petugas.dinkes", device_name="meja-dir").get("/directory").json()
    assert d["public_url"] == "https://lapor.example.go.id"
