"""The scope matrix: each role x each confidentiality x own/other OPD, through GET and pull."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers.live_server import Desk, LiveServer, new_op

CONFIDENTIALITIES = ("public", "anonim", "rahasia")


@pytest.fixture(scope="module")
def tickets(srv: LiveServer) -> dict[tuple[str, str, bool], dict[str, Any]]:
    """(opd, confidentiality, assigned to the officer) -> ticket."""
    spv = {
        "DINKES-BWI": srv.login("spv.dinkes", device_name="scope"),
        "DISHUB-BWI": srv.login("spv.dishub", device_name="scope"),
    }
    officer = {"DINKES-BWI": "petugas.dinkes", "DISHUB-BWI": "petugas.dishub"}
    made = {}
    for opd in ("DINKES-BWI", "DISHUB-BWI"):
        for conf in CONFIDENTIALITIES:
            for assigned in (False, True):
                t = srv.intake(opd_code=opd, confidentiality=conf, title=f"{opd} {conf} {assigned}")
                if assigned:
                    [res] = spv[opd].push(new_op("assign", t["id"], {"assignee": officer[opd]}, t["version"]))
                    assert res["result"] == "applied", res
                made[(opd, conf, assigned)] = t
    return made


def expectation(role: str, opd_own: bool, conf: str, assigned_to_me: bool) -> tuple[bool, bool]:
    """(visible, reporter shown)."""
    if role == "admin":
        return True, True
    if not opd_own:
        return False, False
    if role == "supervisor":
        return True, True
    if conf == "rahasia":
        return assigned_to_me, assigned_to_me
    return True, conf == "public" or assigned_to_me


@pytest.mark.parametrize(
    "username,role", [("petugas.dinkes", "officer"), ("spv.dinkes", "supervisor"), ("admin", "admin")]
)
def test_scope_matrix(
    srv: LiveServer, tickets: dict[tuple[str, str, bool], dict[str, Any]], username: str, role: str
) -> None:
    desk: Desk = srv.login(username, device_name="scope-matrix")
    pulled = {c["ticket"]["id"]: c["ticket"] for c in desk.pull_all(limit=7)[0] if c["op"] == "upsert"}
    for (opd, conf, assigned), t in tickets.items():
        own = opd == "DINKES-BWI"
        visible, reporter = expectation(role, own, conf, assigned and own and username == "petugas.dinkes")
        r = desk.get(f"/tickets/{t['tracking_no']}")
        label = f"{role} {opd} {conf} assigned={assigned}"
        if not visible:
            assert r.status_code == 404, label
            assert r.json()["error"]["code"] == "not_found"
            assert t["id"] not in pulled, label
            continue
        assert r.status_code == 200, label
        shown = r.json()
        assert (shown["reporter"] is not None) == reporter, label
        assert pulled[t["id"]]["reporter"] == shown["reporter"], label
        if reporter:
            assert shown["reporter"]["name"] == "Siti Aminah"


def test_unknown_tracking_number_is_404_like_a_foreign_one(srv: LiveServer) -> None:
    desk = srv.login("petugas.dishub")
    r = desk.get("/tickets/DINKES-BWI-0001-99999")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_directory_is_scoped_to_the_callers_opd(srv: LiveServer) -> None:
    d = srv.login("petugas.dishub").get("/directory").json()
    assert {o["opd_code"] for o in d["officers"]} == {"DISHUB-BWI"}
    assert {o["code"] for o in d["opds"]} >= {"DINKES-BWI", "DISHUB-BWI"}
    assert set(d) == {
        "opds",
        "officers",
        "categories",
        "sla_policies",
        "non_working_days",
        "canned_responses",
        "desk_retention_days",
        "public_url",  # the citizen's page (issue 17)
        "synonyms",  # incidents: word groups for finding similar complaints (issue 18)
    }
    admin = srv.login("admin").get("/directory").json()
    assert {o["opd_code"] for o in admin["officers"]} == {"DINKES-BWI", "DISHUB-BWI"}
