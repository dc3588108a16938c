"""A seeded reference server on loopback for the sync and load benchmarks.

Seeding N complaints through ``tanggap-server seed`` is setup, not a figure, and slow enough
(about 2 ms a ticket) that the seeded SQLite file is cached in ``bench/.cache`` keyed by the
server's schema and seed code. PostgreSQL gets the same rows by a table-by-table copy of that
file (through the server's own models and types), so both backends serve identical data.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.common import PYTHON, ROOT, bench_env, free_port, log, run_child, wait_for_port

CACHE = ROOT / "bench" / ".cache"
ADMIN = "admin"


def admin_password() -> str:
    from server.seeddata.directory import WELL_KNOWN_PASSWORD

    return str(WELL_KNOWN_PASSWORD)


def _code_key() -> str:
    """A digest of everything that decides what a seeded database holds."""
    digest = hashlib.sha256()
    parts = [ROOT / "server" / "seed.py", ROOT / "server" / "models.py", ROOT / "server" / "sla_service.py"]
    parts += sorted((ROOT / "server" / "seeddata").glob("*.py"))
    parts += sorted((ROOT / "server" / "migrations" / "versions").glob("*.py"))
    parts += sorted((ROOT / "desktop" / "sla").glob("*.py"))
    for path in parts:
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def server_cmd(*args: str) -> list[str]:
    return [PYTHON, "-m", "server.cli", *args]


def seeded_sqlite(tickets: int, seed: int = 0, *, use_cache: bool = True) -> tuple[Path, float | None]:
    """A seeded server SQLite file (cached); the seconds seeding took, or None when it came from the cache."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"server-{tickets}-s{seed}-{_code_key()}.sqlite3"
    if use_cache and path.exists():
        return path, None
    tmp = path.with_suffix(".tmp")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        leftover.unlink(missing_ok=True)
    url = f"sqlite:///{tmp}"
    log(f"seeding the server with {tickets:,} complaints (cached afterwards in {CACHE.name}/)")
    started = time.perf_counter()
    run_child(server_cmd("init-db", "--database", url), env=bench_env()).check("init-db")
    run_child(
        server_cmd(
            "seed", "--database", url, "--tickets", str(tickets), "--seed", str(seed), "--show-logins", "0"
        ),
        env=bench_env(),
        timeout=3600,
    ).check("seed")
    seconds = time.perf_counter() - started
    import sqlite3

    with sqlite3.connect(tmp) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    os.replace(tmp, path)
    for leftover in (Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        leftover.unlink(missing_ok=True)
    log(f"seeded {tickets:,} complaints in {seconds:.1f} s")
    return path, seconds


def sqlite_copy(source: Path, workdir: Path) -> str:
    """A private copy of a seeded file (benchmarks write to it); its SQLAlchemy URL."""
    target = workdir / f"server-{os.getpid()}-{time.monotonic_ns()}.sqlite3"
    shutil.copyfile(source, target)
    return f"sqlite:///{target}"


def copy_to_postgres(source: Path, pg_url: str) -> float:
    """Migrate an empty PostgreSQL database and copy every row of the seeded SQLite file into it."""
    import sqlalchemy as sa

    from server.db import make_engine
    from server.models import Base

    started = time.perf_counter()
    run_child(server_cmd("init-db", "--database", pg_url), env=bench_env()).check("init-db (PostgreSQL)")
    import sqlite3

    dst = make_engine(pg_url)
    src = sqlite3.connect(source)
    with dst.begin() as write:
        for table in reversed(Base.metadata.sorted_tables):
            write.execute(table.delete())
        # COPY straight from the SQLite file: SQLite keeps UTC text for times (the PostgreSQL
        # sessions run in UTC), 0/1 for booleans and JSON text, all of which COPY reads as they are.
        driver = write.connection.driver_connection
        assert driver is not None
        for table in Base.metadata.sorted_tables:
            names = [c.name for c in table.columns]
            booleans = {i for i, c in enumerate(table.columns) if isinstance(c.type, sa.Boolean)}
            rows = src.execute(f"SELECT {', '.join(names)} FROM {table.name}")
            with (
                driver.cursor() as cursor,
                cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy,
            ):
                for row in rows:
                    if booleans:
                        row = tuple(
                            bool(v) if i in booleans and v is not None else v for i, v in enumerate(row)
                        )
                    copy.write_row(row)
            pk = list(table.primary_key.columns)
            if len(pk) == 1 and isinstance(pk[0].type, sa.Integer) and pk[0].autoincrement is True:
                write.execute(
                    sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
                        f"COALESCE((SELECT MAX({pk[0].name}) FROM {table.name}), 0) + 1, false)"
                    )
                )
        write.execute(sa.text("ANALYZE"))
    src.close()
    dst.dispose()
    return time.perf_counter() - started


class RunningServer:
    def __init__(self, proc: subprocess.Popen[bytes], url: str, log_path: Path) -> None:
        self.proc = proc
        self.url = url
        self.log_path = log_path


@contextmanager
def serve(database_url: str, workdir: Path, *, workers: int = 1) -> Iterator[RunningServer]:
    """``tanggap-server serve`` on a free loopback port until the block ends."""
    port = free_port()
    log_path = workdir / f"server-{port}.log"
    with open(log_path, "wb") as out:
        proc = subprocess.Popen(
            server_cmd(
                "serve",
                "--database",
                database_url,
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ),
            stdout=out,
            stderr=subprocess.STDOUT,
            # No periodic job closes tickets while a sync is measured: at 1,000,000 tickets the
            # 5-minute rebuttal job changed tickets between the sync and the floor's fetch.
            env=bench_env(TANGGAP_MAINTENANCE_SECONDS="0"),
            start_new_session=True,
        )
    try:
        wait_for_port("127.0.0.1", port, timeout=90, proc=proc)
        yield RunningServer(proc, f"http://127.0.0.1:{port}", log_path)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def desk_env(workdir: Path) -> dict[str, str]:
    """Environment of a ``tanggap`` child: its own keyring file, no D-Bus needed."""
    return bench_env(
        PYTHON_KEYRING_BACKEND="bench.benchkeyring.BenchKeyring",
        TANGGAP_BENCH_KEYRING=str(workdir / "keyring.json"),
        QT_QPA_PLATFORM="offscreen",
    )


def tanggap_cmd(*args: str) -> list[str]:
    return [PYTHON, "-m", "tanggap", *args]


def login(
    server_url: str, data_dir: Path, workdir: Path, username: str = ADMIN, password: str | None = None
) -> None:
    import subprocess as sp

    proc = sp.run(
        tanggap_cmd(
            "--data-dir",
            str(data_dir),
            "login",
            "--server",
            server_url,
            "--username",
            username,
            "--password-stdin",
        ),
        input=(password or admin_password()) + "\n",
        capture_output=True,
        text=True,
        env=desk_env(workdir),
        timeout=120,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"tanggap login failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
