"""Incremental sync: 100 local ops pushed and 100 server changes pulled per sync; prints one JSON object.

    .venv/bin/python bench/bench_incremental_sync.py [--tickets 10000] [--rounds 15] [--ops 100]
        [--backends postgres,sqlite] [--pg-url URL]

A desk (the admin, who sees every ticket) has done its initial sync. Each round, not timed: the
desk records ``--ops`` public replies through ``desktop.actions.reply`` (outbox + local effect),
and a second desk (a supervisor, over HTTP) pushes ``--ops`` internal notes to other tickets.
Timed: one ``SyncEngine.sync()`` in process, as the workstation runs it (push, pull, push again),
on a warm process. Checked after each round: every local op answered ``applied``, and every
server change pulled. Target: median under 300 ms.

The server commits each op on its own (one durable transaction per op, DESIGN.md), so a push of
100 ops waits for 100 disk syncs: ``disk_sync_ms`` (median of a durable one-row SQLite commit in the
work folder, measured after each round) says what the disk gave the run. At 2 ms a sync that
alone is 200 ms of the 300.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import serverkit
from bench.common import desk_db, emit, log, machine, run_child, summarize_ms, target, use_bench_keyring

OTHER_DESK_USER = "spv.dinkes"


def uuid7() -> str:
    from uuid6 import uuid7 as make

    return str(make())


class OtherDesk:
    """A second desk that makes server-side changes through the public API."""

    def __init__(self, server_url: str, password: str) -> None:
        import requests

        self.http = requests.Session()
        self.base = f"{server_url}/api/v1"
        response = self.http.post(
            f"{self.base}/auth/login",
            json={"username": OTHER_DESK_USER, "password": password, "device_name": "bench other desk"},
            timeout=60,
        )
        response.raise_for_status()
        self.http.headers["Authorization"] = f"Bearer {response.json()['token']}"
        self.seq = 0

    def notes(self, tickets: list[tuple[str, int]]) -> int:
        ops = []
        for ticket_id, version in tickets:
            self.seq += 1
            ops.append(
                {
                    "op_id": uuid7(),
                    "seq": self.seq,
                    "type": "note",
                    "ticket_id": ticket_id,
                    "base_version": version,
                    "created_at": datetime.now(UTC).isoformat(),
                    "payload": {"message_id": str(uuid.uuid4()), "body": f"Catatan koordinasi {self.seq}"},
                }
            )
        response = self.http.post(f"{self.base}/sync/push", json={"ops": ops}, timeout=120)
        response.raise_for_status()
        results = response.json()["results"]
        return sum(1 for r in results if r["result"] == "applied")


def disk_sync_ms(folder: Path, commits: int = 50) -> float:
    """Milliseconds per durable commit (WAL, synchronous=FULL) of a one-row SQLite write in ``folder``."""
    import sqlite3

    path = folder / f"disk-probe-{os.getpid()}.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("CREATE TABLE IF NOT EXISTS probe (n INTEGER)")
        started = time.perf_counter()
        for n in range(commits):
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO probe VALUES (?)", (n,))
            conn.execute("COMMIT")
        return round((time.perf_counter() - started) * 1000 / commits, 3)
    finally:
        conn.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def one_backend(
    name: str, database_url: str, workdir: Path, rounds: int, ops: int, seed: int
) -> dict[str, Any]:

    from desktop import actions
    from desktop.store import LocalStore
    from desktop.sync.engine import SyncEngine

    rng = random.Random(seed)
    data_dir = workdir / f"desk-{name}"
    with serverkit.serve(database_url, workdir, workers=1) as server:
        serverkit.login(server.url, data_dir, workdir)
        run_child(
            serverkit.tanggap_cmd("--data-dir", str(data_dir), "sync"),
            env=serverkit.desk_env(workdir),
            timeout=900,
        ).check("initial tanggap sync")
        use_bench_keyring(workdir / "keyring.json")  # the key the child's login made
        with desk_db(data_dir) as conn:
            mine = [r[0] for r in conn.execute("SELECT tracking_no FROM tickets WHERE is_open = 1")]
            theirs = [
                (r[0], r[1])
                for r in conn.execute(
                    "SELECT id, version FROM tickets WHERE opd_code = 'DINKES-BWI' AND confidentiality != 'rahasia'"
                )
            ]
        other = OtherDesk(server.url, serverkit.admin_password())
        from desktop.session import transport_for

        store = LocalStore.open(data_dir)
        samples: list[float] = []
        disk: list[float] = []
        pushed_total = pulled_total = 0
        problems: list[str] = []
        try:
            _, transport = transport_for(store)
            engine = SyncEngine(store, transport)
            engine.sync()  # warm: connections, directory
            for round_no in range(rounds + 1):
                for tracking_no in rng.sample(mine, ops):
                    actions.reply(
                        store, tracking_no, f"Terima kasih, laporan sedang kami tindak lanjuti ({round_no})."
                    )
                applied_remote = other.notes(rng.sample(theirs, ops))
                started = time.perf_counter()
                report = engine.sync()
                elapsed = time.perf_counter() - started
                pushed = getattr(report, "applied", None)
                pulled = getattr(report, "pulled", 0)
                with desk_db(data_dir) as conn:
                    waiting = conn.execute(
                        "SELECT count(*) FROM outbox WHERE state NOT IN ('applied', 'duplicate')"
                    ).fetchone()[0]
                if waiting:
                    problems.append(f"round {round_no}: {waiting} ops not applied")
                if pulled < applied_remote:
                    problems.append(f"round {round_no}: pulled {pulled} < {applied_remote} server changes")
                if round_no:  # the first round warms the server's caches too
                    samples.append(elapsed)
                    disk.append(disk_sync_ms(workdir))
                    pushed_total += int(pushed or 0)
                    pulled_total += int(pulled)
        finally:
            store.close()
    figures: dict[str, Any] = summarize_ms(samples)
    figures.update(
        {
            "rounds": rounds,
            "ops_pushed_per_round": ops,
            "server_changes_per_round": ops,
            "pulled_total": pulled_total,
            "reported_applied_total": pushed_total,
            "problems": problems[:10],
            "disk_sync_ms": sorted(disk)[len(disk) // 2] if disk else None,
        }
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tickets", type=int, default=10_000, help="size of the seeded server")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--ops", type=int, default=100)
    parser.add_argument("--backends", default="postgres,sqlite")
    parser.add_argument("--pg-url", default=None)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()

    seeded, _ = serverkit.seeded_sqlite(args.tickets)
    result: dict[str, Any] = {
        "bench": "incremental_sync",
        "tickets": args.tickets,
        "backends": {},
        "targets": [],
    }
    with tempfile.TemporaryDirectory(prefix="tanggap-bench-inc.") as tmp, ExitStack() as stack:
        workdir = Path(tmp)
        # This process is the desk: its keyring is the benchmark's file, like the child processes'.
        os.environ.update(
            PYTHON_KEYRING_BACKEND="bench.benchkeyring.BenchKeyring",
            TANGGAP_BENCH_KEYRING=str(workdir / "keyring.json"),
        )
        for backend in [b for b in args.backends.split(",") if b]:
            if backend == "sqlite":
                url = serverkit.sqlite_copy(seeded, workdir)
            else:
                from bench.pgcluster import private_cluster, scratch_database

                pg_server = args.pg_url or stack.enter_context(private_cluster())
                url = stack.enter_context(scratch_database(pg_server, "bench_inc"))
                serverkit.copy_to_postgres(seeded, url)
            log(f"{backend}: {args.rounds} rounds of {args.ops} ops each way")
            figures = one_backend(backend, url, workdir, args.rounds, args.ops, args.seed)
            result["backends"][backend] = figures
            result["targets"].append(
                target(
                    f"{backend}: incremental sync median under 300 ms", figures.get("median_ms"), 300, "ms"
                )
            )
            result["targets"].append(
                {
                    "name": f"{backend}: every op applied and every change pulled",
                    "value": len(figures["problems"]),
                    "limit": 0,
                    "unit": "problems",
                    "met": not figures["problems"],
                }
            )
    result["machine"] = machine()
    emit(result)


if __name__ == "__main__":
    main()
