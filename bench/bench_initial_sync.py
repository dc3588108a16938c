"""Initial sync: N seeded tickets (with their messages) pulled by ``tanggap sync`` from the
reference server on loopback, on SQLite and on PostgreSQL, beside the floor; prints one JSON object.

    .venv/bin/python bench/bench_initial_sync.py [--sizes 10000,100000] [--backends sqlite,postgres]
        [--pg-url URL] [--no-cache]

The figure is the wall time and peak RSS of the ``tanggap sync`` process (a fresh desk, logged
in as the province admin, who sees every ticket). The floor parses the same JSON pages (fetched
again afterwards from the first server; measured once per size) and inserts the same rows with ``sqlite3.executemany`` in one transaction.
``fetch_s`` is the time to fetch those pages over HTTP without parsing them: the server's share.
Targets: sync at most 2x the floor, under 10 s for 100,000 tickets, client RSS under 150 MB.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import serverkit
from bench.common import desk_db, emit, log, machine, ratio, run_child, target, use_bench_keyring
from bench.floors import initial_sync_floor, parse_only_floor

PULL_LIMIT = 1000


def token_of(workdir: Path, server_url: str) -> str:
    data = json.loads((workdir / "keyring.json").read_text())
    return str(next(v for k, v in data.items() if k.endswith("@" + server_url)))


def fetch_pages(server_url: str, token: str, limit: int) -> tuple[list[bytes], float]:
    import orjson
    import requests

    pages: list[bytes] = []
    cursor: str | None = None
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    http_s = 0.0
    while True:
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        started = time.perf_counter()
        response = session.get(f"{server_url}/api/v1/sync/pull", params=params, timeout=300)
        response.raise_for_status()
        content = response.content
        http_s += time.perf_counter() - started
        pages.append(content)
        body = orjson.loads(content)
        cursor = body["next_cursor"]
        if not body.get("has_more"):
            break
    return pages, http_s


def one_backend(
    name: str, database_url: str, tickets: int, workdir: Path, floors: dict[str, Any]
) -> dict[str, Any]:
    """Sync from one server; the floor is measured once per size (same rows) and shared."""
    data_dir = workdir / f"desk-{name}-{tickets}"
    with serverkit.serve(database_url, workdir, workers=1) as server:
        serverkit.login(server.url, data_dir, workdir)
        log(f"{name}: tanggap sync of {tickets:,} tickets")
        run = run_child(
            serverkit.tanggap_cmd("--data-dir", str(data_dir), "sync", "--json"),
            env=serverkit.desk_env(workdir),
            timeout=1800,
        ).check(f"tanggap sync ({name})")
        reported = json.loads(run.stdout)
        use_bench_keyring(workdir / "keyring.json")  # the key the child's login made
        with desk_db(data_dir) as conn:
            local_tickets = conn.execute("SELECT count(*) FROM tickets").fetchone()[0]
            local_messages = conn.execute("SELECT count(*) FROM messages").fetchone()[0]
        log(f"{name}: {run.seconds:.2f} s, {run.peak_rss_mb} MB; fetching the same pages for the floor")
        pages, fetch_s = fetch_pages(server.url, token_of(workdir, server.url), PULL_LIMIT)
    if not floors:
        floor = initial_sync_floor(pages, workdir)
        floors.update(
            seconds=floor["seconds"], tickets=floor["tickets"], parse=parse_only_floor(pages), of=name
        )
    floor = {"seconds": floors["seconds"], "tickets": floors["tickets"]}
    parse_s = floors["parse"]
    page_bytes = sum(len(p) for p in pages)
    page_count = len(pages)
    del pages
    return {
        "sync_s": round(run.seconds, 3),
        # Open work first (issue 19): the open tickets, their threads and the directory committed
        # with their indexes, counted from the sync's start inside the process (interpreter start
        # not included), and how many closed tickets followed as history.
        "open_work_s": reported.get("open_work_seconds"),
        "history_tickets": reported.get("history"),
        "client_peak_rss_mb": run.peak_rss_mb,
        "local_tickets": local_tickets,
        "local_messages": local_messages,
        "complete": local_tickets == tickets,
        "floor_s": floor["seconds"],
        "floor_tickets": floor["tickets"],
        "ratio_to_floor": ratio(run.seconds, floor["seconds"]),
        "fetch_s": round(fetch_s, 3),
        "parse_only_s": round(parse_s, 3),
        "pages": page_count,
        "payload_mb": round(page_bytes / 1e6, 1),
        "tickets_per_s": round(tickets / run.seconds) if run.seconds else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="100000", help="comma-separated ticket counts; targets use the largest"
    )
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--pg-url", default=None, help="a PostgreSQL server URL (default: a private cluster)")
    parser.add_argument("--no-cache", action="store_true", help="seed again even if a seeded file is cached")
    args = parser.parse_args()
    backends = [b for b in args.backends.split(",") if b]
    sizes = sorted(int(s) for s in args.sizes.split(",") if s)

    result: dict[str, Any] = {"bench": "initial_sync", "sizes": {}, "targets": []}
    with tempfile.TemporaryDirectory(prefix="tanggap-bench-sync.") as tmp, ExitStack() as stack:
        workdir = Path(tmp)
        pg_server: str | None = args.pg_url
        for tickets in sizes:
            seeded, seed_s = serverkit.seeded_sqlite(tickets, use_cache=not args.no_cache)
            entry: dict[str, Any] = {"seed_s": None if seed_s is None else round(seed_s, 1), "backends": {}}
            floors: dict[str, Any] = {}
            for backend in backends:
                with ExitStack() as per_backend:
                    if backend == "sqlite":
                        url = serverkit.sqlite_copy(seeded, workdir)
                    elif backend == "postgres":
                        from bench.pgcluster import private_cluster, scratch_database

                        if pg_server is None:
                            pg_server = stack.enter_context(private_cluster())
                        url = per_backend.enter_context(scratch_database(pg_server, "bench_sync"))
                        copy_s = serverkit.copy_to_postgres(seeded, url)
                        log(f"copied the seeded data into PostgreSQL in {copy_s:.1f} s")
                    else:
                        raise SystemExit(f"unknown backend {backend!r}")
                    entry["backends"][backend] = one_backend(backend, url, tickets, workdir, floors)
                    if url.startswith("sqlite:///"):
                        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
            entry["floor_measured_on_pages_of"] = floors.get("of")
            result["sizes"][str(tickets)] = entry
        largest = sizes[-1]
        for backend, figures in result["sizes"][str(largest)]["backends"].items():
            per = f"{backend} ({largest:,} tickets): "
            result["targets"] += [
                target(per + "sync at most 2x the floor", figures["ratio_to_floor"], 2.0, "x"),
                target(
                    per + "sync of 100,000 tickets under 10 s (scaled linearly)",
                    round(figures["sync_s"] * 100_000 / largest, 2),
                    10.0,
                    "s",
                ),
                target(per + "client RSS under 150 MB", figures["client_peak_rss_mb"], 150.0, "MB"),
            ]
    result["machine"] = machine()
    emit(result)


if __name__ == "__main__":
    main()
