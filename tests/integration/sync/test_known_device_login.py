"""A desk that logged in before gets in with the right password while others' guesses lock its user."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tests.helpers.desk import CliDesk
from tests.helpers.live_server import PASSWORD, LiveServer


def test_the_admins_own_desk_is_not_locked_out_by_someone_elses_guesses(
    server: LiveServer, make_desk: Callable[[str], CliDesk]
) -> None:
    own = make_desk("admin")
    own.login(server.root_url, "admin")
    with httpx.Client(base_url=server.base_url + "/") as client:
        for i in range(6):
            client.post(
                "auth/login", json={"username": "admin", "password": f"tebak-{i}", "device_name": "x"}
            )
        # The admin's name is locked now: another machine (another keyring) with the right password waits...
        refused = client.post(
            "auth/login", json={"username": "admin", "password": PASSWORD, "device_name": "mesin-lain"}
        )
    assert refused.status_code == 429
    # ...but the desk that logged in before presents its known-device key and gets in.
    own.login(server.root_url, "admin")
    own.ok("sync")
