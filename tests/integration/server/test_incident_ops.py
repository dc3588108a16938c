"""``link_incident``/``unlink_incident`` on the real server over HTTP: who may, what conflicts, what
a desk pulls (docs/incidents.md). Each op changes only the ticket's incident and writes one event."""

from __future__ import annotations

import uuid
from typing import Any

from tests.helpers.live_server import Desk, LiveServer, new_op


def _link(incident_id: str, lead: str, title: str = "Banjir Jl. Kedung Cowek Gg. 3") -> dict[str, Any]:
    return {
        "incident_id": incident_id,
        "title": title,
        "location": "Jl. Kedung Cowek Gg. 3",
        "lead_ticket_id": lead,
    }


def _pulled(desk: Desk, ticket_id: str) -> dict[str, Any]:
    changes, _ = desk.pull_all()  # the snapshot: every ticket in the caller's scope, as it is now
    [ticket] = [c["ticket"] for c in changes if c["op"] == "upsert" and c["ticket"]["id"] == ticket_id]
    return ticket


def _one(desk: Desk, op_type: str, ticket_id: str, payload: dict[str, Any]) -> dict[str, Any]:
    [result] = desk.push(new_op(op_type, ticket_id, payload))
    return result


def test_linking_unlinking_and_linking_again(srv: LiveServer) -> None:
    spv = srv.login("spv.dinkes")
    a, b = (srv.intake(body=f"Banjir di Jl. Kedung Cowek Gg. 3 ({i})")["id"] for i in range(2))
    incident = str(uuid.uuid4())
    assert _one(spv, "link_incident", a, _link(incident, a))["result"] == "applied"
    assert (
        _one(spv, "link_incident", b, _link(incident, a, title="ignored: the incident exists"))["result"]
        == "applied"
    )

    pulled = _pulled(spv, b)
    assert pulled["incident"] == {
        "id": incident,
        "title": "Banjir Jl. Kedung Cowek Gg. 3",
        "location": "Jl. Kedung Cowek Gg. 3",
        "lead_ticket_id": a,
    }
    assert pulled["messages"][-1]["kind"] == "event"
    assert pulled["messages"][-1]["body"] == "Ditautkan ke masalah: Banjir Jl. Kedung Cowek Gg. 3"
    version = pulled["version"]

    again = _one(spv, "link_incident", b, _link(incident, a))
    assert (again["result"], again["reason"]["code"]) == ("conflict", "incident_unchanged")
    other = _one(spv, "link_incident", b, _link(str(uuid.uuid4()), b, title="Masalah lain"))
    assert (other["result"], other["reason"]["code"]) == ("conflict", "linked_elsewhere")
    assert _pulled(spv, b)["incident"]["id"] == incident and _pulled(spv, b)["version"] == version

    wrong = _one(spv, "unlink_incident", b, {"incident_id": str(uuid.uuid4())})
    assert (wrong["result"], wrong["reason"]["code"]) == ("conflict", "not_linked")
    assert _one(spv, "unlink_incident", b, {"incident_id": incident})["result"] == "applied"
    unlinked = _pulled(spv, b)
    assert unlinked["incident"] is None
    assert unlinked["messages"][-1]["body"] == "Dilepas dari masalah: Banjir Jl. Kedung Cowek Gg. 3"
    # Undo of the unlink: the same incident again.
    assert _one(spv, "link_incident", b, _link(incident, a))["result"] == "applied"
    assert _pulled(spv, b)["incident"]["id"] == incident


def test_only_supervisors_and_the_assignee_link(srv: LiveServer) -> None:
    spv = srv.login("spv.dinkes")
    officer = srv.login("petugas.dinkes")
    ticket = srv.intake(body="Lampu jalan mati di Jl. Kedung Cowek")["id"]
    incident = str(uuid.uuid4())
    refused = _one(officer, "link_incident", ticket, _link(incident, ticket))
    assert (refused["result"], refused["reason"]["code"]) == ("rejected", "forbidden")
    assert _pulled(spv, ticket)["incident"] is None
    version = _pulled(spv, ticket)["version"]
    [assigned] = spv.push(new_op("assign", ticket, {"assignee": "petugas.dinkes"}, base_version=version))
    assert assigned["result"] == "applied", assigned
    assert _one(officer, "link_incident", ticket, _link(incident, ticket))["result"] == "applied"
    # Another OPD's supervisor does not see the ticket at all.
    dishub = srv.login("petugas.dishub")
    foreign = _one(dishub, "unlink_incident", ticket, {"incident_id": incident})
    assert (foreign["result"], foreign["reason"]["code"]) == ("rejected", "not_found")


def test_a_bad_payload_is_refused_with_the_ops_words(srv: LiveServer) -> None:
    spv = srv.login("spv.dinkes")
    ticket = srv.intake(body="Jalan berlubang")["id"]
    empty_title = _one(spv, "link_incident", ticket, _link(str(uuid.uuid4()), ticket, title=" \u200b"))
    assert (empty_title["result"], empty_title["reason"]["code"]) == ("rejected", "empty_text")
    not_uuid = _one(spv, "link_incident", ticket, _link("banjir", ticket))
    assert (not_uuid["result"], not_uuid["reason"]["code"]) == ("rejected", "invalid_payload")
    assert _pulled(spv, ticket)["incident"] is None


def test_intake_flags_a_complaint_that_is_probably_the_same_problem(srv: LiveServer) -> None:
    spv = srv.login("spv.dinkes")
    first = srv.intake(title="Banjir", body="Banjir lagi di Jl. Kedung Cowek Gg. 9, selokan mampet")
    again = srv.intake(title="Tergenang", body="jln kedung cowek gang IX kebanjiran trs, got buntu")
    elsewhere = srv.intake(title="Banjir", body="Banjir di Jl. Kenjeran Gg. 2, air masuk rumah")

    def notes(ticket: dict[str, Any]) -> list[str]:
        shown = spv.get(f"/tickets/{ticket['tracking_no']}").json()
        return [m["body"] for m in shown["messages"] if m["kind"] == "note" and m["author"] == "sistem"]

    [flag] = notes(again)
    assert flag.startswith(f"Mungkin sama dengan: {first['tracking_no']} (lokasi sama: Jl. Kedung Cowek")
    assert notes(first) == []  # nothing like it came before
    assert all(first["tracking_no"] not in n for n in notes(elsewhere))  # another street
