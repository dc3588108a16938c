"""A private PostgreSQL for the benchmarks, started the way ``scripts/test.sh`` starts one.

``TANGGAP_BENCH_PG_URL`` (a server URL, e.g. ``postgresql+psycopg://postgres@127.0.0.1:55432/postgres``)
reuses a running cluster instead. Each benchmark makes its own database in it and drops it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.common import free_port, log


def _pg_bin() -> Path:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not candidates:
        raise RuntimeError(
            "PostgreSQL is not installed (apt-get install postgresql, or run scripts/bootstrap.sh)"
        )
    return candidates[-1]


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        # initdb refuses to run as root.
        return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{c}'" for c in cmd)]
    return cmd


@contextmanager
def private_cluster() -> Iterator[str]:
    """A server URL (database ``postgres``) on a fresh cluster, removed afterwards."""
    reuse = os.environ.get("TANGGAP_BENCH_PG_URL")
    if reuse:
        yield reuse
        return
    pg_bin = _pg_bin()
    port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="tanggap-bench-pg."))
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres")
    data = workdir / "data"
    try:
        subprocess.run(
            _as_postgres(
                [str(pg_bin / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        options = (
            f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c max_connections=400"
            " -c shared_buffers=256MB"
        )
        subprocess.run(
            _as_postgres(
                [
                    str(pg_bin / "pg_ctl"),
                    "-D",
                    str(data),
                    "-w",
                    "-l",
                    str(workdir / "server.log"),
                    "-o",
                    options,
                    "start",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        log(f"private PostgreSQL on 127.0.0.1:{port}")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_postgres([str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(workdir, ignore_errors=True)


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


@contextmanager
def scratch_database(server_url: str, prefix: str = "bench") -> Iterator[str]:
    """A new empty database on ``server_url``; yields its SQLAlchemy URL, drops it afterwards."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(_libpq(server_url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = server_url.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(_libpq(server_url), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def libpq_url(url: str) -> str:
    return _libpq(url)
