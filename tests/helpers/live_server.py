"""A real Tanggap server (uvicorn on loopback, in a thread) over a given database, for tests.

    with served("sqlite", tmp_path) as srv:          # or "postgres" (TANGGAP_TEST_PG_URL)
        desk = srv.login("petugas.dinkes")           # -> Desk: token, desk id/code, httpx client
        desk.get("/directory")                        # paths relative to /api/v1
        srv.intake(title=..., opd_code="DINKES-BWI")  # a complaint via POST /intake (admin)
        srv.create_user("x", Role.OFFICER, "DINKES-BWI")

``served`` copies a database migrated once per run with SMALL_DIRECTORY loaded; an empty one of
your own: ``fresh_database(kind, tmp_path)`` then ``live_server(url, directory=...)``.

Every user of SMALL_DIRECTORY has the password ``PASSWORD``.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from desktop.domain import Role, Tier

PASSWORD = "kata-sandi-uji-123"


@dataclass(frozen=True)
class SmallDirectory:
    opds: tuple[tuple[str, str], ...]  # (code, name)
    users: tuple[tuple[str, Role, str], ...]  # (username, role, opd_code)
    categories: tuple[tuple[str, str, Tier, tuple[str, ...]], ...]  # (code, name, tier, opd_codes)


SMALL_DIRECTORY = SmallDirectory(
    opds=(("DINKES-BWI", "Dinas Kesehatan"), ("DISHUB-BWI", "Dinas Perhubungan")),
    users=(
        ("admin", Role.ADMIN, "DINKES-BWI"),
        ("spv.dinkes", Role.SUPERVISOR, "DINKES-BWI"),
        ("spv2.dinkes", Role.SUPERVISOR, "DINKES-BWI"),
        ("petugas.dinkes", Role.OFFICER, "DINKES-BWI"),
        ("ani.dinkes", Role.OFFICER, "DINKES-BWI"),
        ("spv.dishub", Role.SUPERVISOR, "DISHUB-BWI"),
        ("petugas.dishub", Role.OFFICER, "DISHUB-BWI"),
    ),
    categories=(
        ("KES-LAYANAN", "Layanan puskesmas", Tier.NORMATIF, ("DINKES-BWI",)),
        ("JALAN-RAMBU", "Rambu dan lampu lalu lintas", Tier.RINGAN, ("DISHUB-BWI",)),
    ),
)


@dataclass
class Desk:
    """One logged-in desk: its token, identity and an httpx client with the bearer header."""

    username: str
    token: str
    desk_id: str
    desk_code: str
    role: str
    opd_code: str
    client: httpx.Client

    def get(self, path: str, **kw: Any) -> httpx.Response:
        return self.client.get(path.lstrip("/"), **kw)

    def post(self, path: str, **kw: Any) -> httpx.Response:
        return self.client.post(path.lstrip("/"), **kw)

    def pull_all(self, cursor: str | None = None, limit: int = 500) -> tuple[list[dict[str, Any]], str]:
        """Every change from ``cursor`` until has_more is false; returns (changes, last cursor)."""
        changes: list[dict[str, Any]] = []
        while True:
            params: dict[str, Any] = {"limit": limit}
            if cursor:
                params["cursor"] = cursor
            r = self.get("/sync/pull", params=params)
            r.raise_for_status()
            page = r.json()
            changes.extend(page["changes"])
            cursor = page["next_cursor"]
            if not page["has_more"]:
                return changes, cursor

    def push(self, *ops: dict[str, Any]) -> list[dict[str, Any]]:
        r = self.post("/sync/push", json={"ops": list(ops)})
        r.raise_for_status()
        return r.json()["results"]  # type: ignore[no-any-return]


def new_op(
    op_type: str, ticket_id: str, payload: dict[str, Any], base_version: int | None = None, seq: int = 1
) -> dict[str, Any]:
    """An op as a desk's outbox would send it (op_id a fresh UUIDv7)."""
    import uuid6

    return {
        "op_id": str(uuid6.uuid7()),
        "seq": seq,
        "type": op_type,
        "ticket_id": ticket_id,
        "base_version": base_version,
        "created_at": datetime.now().astimezone().isoformat(),
        "payload": payload,
    }


@dataclass
class LiveServer:
    root_url: str  # http://127.0.0.1:PORT
    database_url: str
    engine: Any
    app: Any
    _clients: list[httpx.Client] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        """The API root, ``http://127.0.0.1:PORT/api/v1``."""
        return f"{self.root_url}/api/v1"

    def http(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        client = httpx.Client(base_url=self.base_url + "/", headers=headers, timeout=30)
        self._clients.append(client)
        return client

    def create_opd(self, code: str, name: str = "", tz: str = "Asia/Jakarta") -> None:
        from server.db import write_unit
        from server.models import OpdRow

        with write_unit(self.engine) as unit:
            unit.session.add(
                OpdRow(code=code, name=name or code, region="", tz=tz, address="", status_url="")
            )
        self.app.state.tanggap.sla.invalidate()

    def create_user(
        self, username: str, role: Role, opd_code: str, password: str = PASSWORD, name: str = ""
    ) -> None:
        from server.db import write_unit
        from server.security import create_officer

        with write_unit(self.engine) as unit:
            create_officer(unit.session, username, name or username.title(), role, opd_code, password)

    def login(self, username: str, password: str = PASSWORD, device_name: str = "meja-uji") -> Desk:
        r = self.http().post(
            "auth/login", json={"username": username, "password": password, "device_name": device_name}
        )
        assert r.status_code == 200, r.text
        body = r.json()
        token = body["token"]
        return Desk(
            username,
            token,
            body["desk"]["id"],
            body["desk"]["code"],
            body["officer"]["role"],
            body["officer"]["opd_code"],
            self.http(token),
        )

    def intake(self, admin: Desk | None = None, **fields: Any) -> dict[str, Any]:
        """File a complaint through POST /intake (as ``admin``, default: log in as "admin")."""
        admin = admin or self._admin()
        body = {
            "channel": "twitter",
            "external_ref": f"https://x.com/warga/status/{uuid.uuid4().int % 10**18}",
            "reporter": {"name": "Siti Aminah", "contact": "@siti"},
            "title": "Antrean puskesmas",
            "body": "Antrean di puskesmas sangat panjang.",
            "opd_code": "DINKES-BWI",
        }
        body.update(fields)
        r = admin.post("/intake", json=body)
        assert r.status_code in (200, 201), r.text
        return r.json()  # type: ignore[no-any-return]

    _admin_desk: Desk | None = None

    def _admin(self) -> Desk:
        if self._admin_desk is None:
            self._admin_desk = self.login("admin", device_name="intake")
        return self._admin_desk

    def run_maintenance(self, now: datetime | None = None, retention_days: int = 30) -> Any:
        from server.jobs import run_maintenance

        return run_maintenance(self.engine, self.app.state.tanggap.sla, retention_days, now)

    def close_clients(self) -> None:
        for c in self._clients:
            c.close()


def load_small_directory(database_url: str, directory: SmallDirectory = SMALL_DIRECTORY) -> None:
    from server.db import make_engine, write_unit
    from server.models import CategoryRow, OpdRow
    from server.security import create_officer, hash_password

    engine = make_engine(database_url)
    password_hash = hash_password(PASSWORD)  # one slow hash for the whole test directory
    with write_unit(engine) as unit:
        for code, name in directory.opds:
            unit.session.add(
                OpdRow(
                    code=code, name=name, region="Banyuwangi", tz="Asia/Jakarta", address="", status_url=""
                )
            )
        unit.session.flush()
        for username, role, opd in directory.users:
            create_officer(unit.session, username, username.title(), role, opd, password_hash=password_hash)
        for code, name, tier, opds in directory.categories:
            unit.session.add(CategoryRow(code=code, name=name, tier=tier.value, opd_codes=list(opds)))
    engine.dispose()


@contextmanager
def live_server(
    database_url: str,
    *,
    directory: SmallDirectory | None = SMALL_DIRECTORY,
    migrate: bool = True,
    **app_options: Any,
) -> Iterator[LiveServer]:
    """Migrate ``database_url``, load ``directory`` (None: nothing), serve it on a free loopback port."""
    from server.app import create_app
    from server.db import make_engine
    from server.migrate import upgrade_to_head

    engine = make_engine(database_url)
    if migrate:
        upgrade_to_head(engine)
    if directory is not None:
        load_small_directory(database_url, directory)
    app_options.setdefault("maintenance_interval", None)
    app_options.setdefault("delivery_interval", None)  # tests run the delivery worker themselves
    app = create_app(database_url, engine=engine, **app_options)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)  # clients queue in the backlog until uvicorn accepts: no need to wait for start-up
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, daemon=True, name="tanggap-live-server"
    )
    thread.start()
    live = LiveServer(f"http://127.0.0.1:{port}", database_url, engine, app)
    try:
        yield live
    finally:
        live.close_clients()
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()
        engine.dispose()


# One migrated database with SMALL_DIRECTORY per backend and pytest process, copied for each test
# that asks for it (fresh_database(..., migrated=True)): Alembic and the password hash run once per
# run instead of once per server. The migrations themselves are tested on empty databases
# (tests/unit/db, tests/integration/server/test_schema.py, lacak/test_migration.py).
_templates: dict[str, str] = {}  # "sqlite" -> template file, "postgres" -> template database name


def _pg_base() -> str:
    import pytest

    base = os.environ.get("TANGGAP_TEST_PG_URL")
    if not base:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must provide TANGGAP_TEST_PG_URL")
        pytest.skip("TANGGAP_TEST_PG_URL not set")
    return base


def _pg_url(base: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(base).set(database=name)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def _prepare(url: str) -> None:
    from server.db import make_engine
    from server.migrate import upgrade_to_head

    engine = make_engine(url)
    upgrade_to_head(engine)
    engine.dispose()
    load_small_directory(url)


def _template(kind: str) -> str:
    if kind not in _templates:
        import atexit
        import shutil
        import tempfile

        if kind == "sqlite":
            folder = tempfile.mkdtemp(prefix="tanggap-template-")
            atexit.register(shutil.rmtree, folder, True)
            path = f"{folder}/server.sqlite3"
            _prepare(f"sqlite:///{path}")
            _templates[kind] = path
        else:
            from sqlalchemy import create_engine, text

            base = _pg_base()
            name = f"t_tpl_{uuid.uuid4().hex[:12]}"
            admin = create_engine(base, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            admin.dispose()
            _prepare(_pg_url(base, name))

            def drop() -> None:
                admin = create_engine(base, isolation_level="AUTOCOMMIT")
                with suppress(Exception), admin.connect() as conn:  # the cluster may be gone already
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                admin.dispose()

            atexit.register(drop)
            _templates[kind] = name
    return _templates[kind]


@contextmanager
def fresh_database(kind: str, tmp_path: Path, *, migrated: bool = False) -> Iterator[str]:
    """A database of its own: ``sqlite`` (a file under tmp_path) or ``postgres`` (a new database in
    TANGGAP_TEST_PG_URL, dropped afterwards; skips the test when that is unset outside CI).

    Empty, or with ``migrated``: at the newest schema with SMALL_DIRECTORY loaded, a copy of a
    template made once per run (serve it with ``live_server(url, migrate=False, directory=None)``,
    or use ``served``)."""
    if kind == "sqlite":
        path = tmp_path / f"server-{uuid.uuid4().hex[:8]}.sqlite3"
        if migrated:
            import sqlite3

            source, target = sqlite3.connect(_template("sqlite")), sqlite3.connect(path)
            source.backup(target)
            source.close()
            target.close()
        yield f"sqlite:///{path}"
        return
    from sqlalchemy import create_engine, text

    base = _pg_base()
    name = f"t_srv_{uuid.uuid4().hex[:12]}"
    template = f' TEMPLATE "{_template("postgres")}"' if migrated else ""
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"{template}'))
    try:
        yield _pg_url(base, name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def served(kind: str, tmp_path: Path, **app_options: Any) -> Iterator[LiveServer]:
    """A live server over a database of its own at the newest schema with SMALL_DIRECTORY loaded."""
    with (
        fresh_database(kind, tmp_path, migrated=True) as url,
        live_server(url, migrate=False, directory=None, **app_options) as srv,
    ):
        yield srv
