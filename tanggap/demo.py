"""``tanggap demo``: the workstation over the embedded demo server.

The demo is a composition root like ``tanggap.app``: it starts the reference server
(``server.app.create_app``) with uvicorn in a thread on loopback, over
``<data_dir>/demo-server.sqlite3``, seeds it on first run, logs in as the demo supervisor,
syncs once (the core's ``desktop.sync.run.sync_desk``, as the window and ``tanggap sync`` do)
and opens the workstation. It lives above ``desktop`` because it starts the server: ``desktop``
never imports ``server``, and ``server`` is imported only inside this command, so the plain
workstation never loads it.
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.cli import CliError

log = logging.getLogger(__name__)

DEMO_DB = "demo-server.sqlite3"
DEMO_PORT_FILE = "demo-server.port"
DEMO_TICKETS = 3000
DEMO_SUPERVISOR = "spv.dinkes"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = subparsers.add_parser(
        "demo",
        help="buka workstation dengan server demo bawaan / open the workstation on the embedded demo",
        description="Start the reference server in-process over a SQLite file, seed it, log in and "
        "open the workstation.",
    )
    demo.add_argument("--screenshot", metavar="PATH", help="save the main window as PNG and exit")
    demo.add_argument(
        "--tickets", type=int, default=DEMO_TICKETS, help=f"complaints to seed on first run ({DEMO_TICKETS})"
    )
    demo.add_argument(
        "--user", default=DEMO_SUPERVISOR, help=f"demo account to log in as ({DEMO_SUPERVISOR})"
    )
    demo.set_defaults(func=run_demo, gui=True)


def _free_port(data_dir: Path) -> socket.socket:
    """The port of the last demo run when free (the desk's identity names the server URL), else any."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    remembered = data_dir / DEMO_PORT_FILE
    try:
        sock.bind(("127.0.0.1", int(remembered.read_text().strip())))
    except (OSError, ValueError):
        sock.bind(("127.0.0.1", 0))
    remembered.write_text(str(sock.getsockname()[1]))
    sock.listen(128)
    return sock


@contextmanager
def demo_server(data_dir: Path, tickets: int) -> Iterator[tuple[str, dict[str, str]]]:
    """The reference server on loopback over the demo database; yields (url, {username: password})."""
    import uvicorn

    from server.app import create_app
    from server.db import make_engine
    from server.migrate import upgrade_to_head
    from server.seed import seed

    db_path = data_dir / DEMO_DB
    first_run = not db_path.exists()
    engine = make_engine(f"sqlite:///{db_path}")
    upgrade_to_head(engine)
    logins_file = data_dir / "demo-logins.txt"
    if first_run or not logins_file.exists():
        print(
            f"Menyiapkan server demo dengan {tickets} pengaduan contoh\u2026 / Seeding the demo server\u2026"
        )
        logins = seed(engine, tickets)
        logins_file.write_text("".join(f"{u}\t{p}\t{r}\n" for u, p, r in logins), encoding="utf-8")
    passwords = {}
    for line in logins_file.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            passwords[parts[0]] = parts[1]
    app = create_app(f"sqlite:///{db_path}", engine=engine)
    sock = _free_port(data_dir)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True, name="tanggap-demo")
    thread.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}", passwords
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()
        engine.dispose()


def _demo_keyring(data_dir: Path) -> None:
    """Without an OS keyring the demo keeps its secrets in a private file of its own folder.

    The demo's data is synthetic (seeded on loopback), so its token and store key may sit in a
    0600 file beside it; without that, a second ``tanggap demo`` on the same folder would find
    its encrypted store's key gone. A real workstation never does this (docs/privacy.md).
    """
    import json

    import keyring
    from keyring.backend import KeyringBackend

    from desktop import credentials

    if credentials.keyring_is_usable():
        return
    path = data_dir / "demo-keyring.json"

    class DemoFileKeyring(KeyringBackend):
        priority = 1

        def __init__(self) -> None:
            super().__init__()  # type: ignore[no-untyped-call]

        def _load(self) -> dict[str, str]:
            try:
                values: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                return {}
            return values

        def _save(self, values: dict[str, str]) -> None:
            tmp = path.with_suffix(".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(values, out)
            os.replace(tmp, path)

        def get_password(self, service: str, username: str) -> str | None:
            return self._load().get(f"{service}\0{username}")

        def set_password(self, service: str, username: str, password: str) -> None:
            values = self._load()
            values[f"{service}\0{username}"] = password
            self._save(values)

        def delete_password(self, service: str, username: str) -> None:
            values = self._load()
            values.pop(f"{service}\0{username}", None)
            self._save(values)

    log.warning("no usable OS keyring: the demo keeps its token and store key in %s", path)
    keyring.set_keyring(DemoFileKeyring())


def run_demo(args: argparse.Namespace) -> int:
    from desktop import session
    from desktop.locks import FileLock, LockHeld
    from desktop.settings import resolve_data_dir
    from desktop.store import LocalStore
    from desktop.sync.run import sync_desk
    from tanggap.app import run_gui

    data_dir = resolve_data_dir(args.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    # Refuse early (before seeding and logging in) when a workstation already runs on this folder.
    probe = FileLock(data_dir / "workstation.lock")
    try:
        probe.acquire()
    except LockHeld as held:
        raise CliError(f"Tanggap sudah berjalan untuk folder data ini (proses {held.holder}).", 3) from None
    probe.release()
    _demo_keyring(data_dir)

    with demo_server(data_dir, max(0, args.tickets)) as (url, passwords):
        password = passwords.get(args.user)
        if password is None:
            raise CliError(f"Akun demo {args.user!r} tidak ada / no such demo account", 2)
        store = LocalStore.open(data_dir)
        try:
            try:
                session.login(store, url, args.user, password, "tanggap-demo")
            except session.LoginFailed as exc:
                raise CliError(str(exc)) from None
            outcome = sync_desk(store)
        finally:
            store.close()
        if outcome.report is None:
            raise CliError(f"Demo: sinkronisasi gagal / sync failed: {outcome.message}")
        print(f"Demo: {url} sebagai/as {args.user}; {outcome.report.pulled} tiket diambil / tickets pulled.")
        return run_gui(args)
