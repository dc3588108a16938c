"""What encrypting the local store costs: the same initial sync into a SQLCipher store and into a
plain one, in the same run, against the same seeded server; prints one JSON object.

    nice .venv/bin/python bench/bench_store_cipher.py [--tickets 20000] [--rounds 2]

Each round syncs a fresh desk (province admin: every ticket) in-process with ``SyncEngine``,
plain then encrypted (alternating, so drift in the machine's load falls on both), and opens the
store again for the queue's first page (the in-process part of a cold start). The figure is the
best of the rounds per mode, after a warm-up round of each that is not counted. Target (issue 16): encrypted initial sync at most 1.25x the plain one.
The plain store exists only here (``LocalStore.open_plain``); a desk never writes one.
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import serverkit
from bench.common import emit, log, machine, ratio, target, use_bench_keyring


def one_sync(server_url: str, data_dir: Path, *, encrypted: bool) -> dict[str, float]:
    from desktop import queue, session
    from desktop.queue import QueueFilter, QueueView
    from desktop.store import LocalStore
    from desktop.sync.engine import SyncEngine

    open_store = (
        (lambda: LocalStore.open(data_dir, key=key))
        if encrypted
        else (lambda: LocalStore.open_plain(data_dir))
    )
    key = secrets.token_bytes(32)
    store = open_store()
    session.login(store, server_url, serverkit.ADMIN, serverkit.admin_password(), "meja-bench")
    _, transport = session.transport_for(store)
    started = time.perf_counter()
    try:
        report = SyncEngine(store, transport, sleep=lambda s: None).sync()
    finally:
        transport.close()
    sync_s = time.perf_counter() - started
    store.close()
    started = time.perf_counter()
    store = open_store()
    now = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
    queue.fetch_page(store, QueueFilter(view=QueueView.ALL, now=now, me=serverkit.ADMIN))
    first_page_s = time.perf_counter() - started
    store.close()
    # Open work first (issue 19): when the open tickets were committed with their indexes.
    return {"sync_s": sync_s, "open_work_s": report.open_work_seconds, "open_first_page_s": first_page_s}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tickets", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    source, _ = serverkit.seeded_sqlite(args.tickets)
    best: dict[str, dict[str, float]] = {}
    rounds: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="tanggap-bench-cipher-") as tmp:
        workdir = Path(tmp)
        use_bench_keyring(workdir / "keyring.json")
        with serverkit.serve(serverkit.sqlite_copy(source, workdir), workdir) as server:
            for r in range(args.rounds + 1):
                # Round 0 warms the server's and the OS's caches for both and is not counted;
                # then the order alternates, so a change in the machine's load falls on both.
                for mode in ("plain", "encrypted") if r % 2 == 0 else ("encrypted", "plain"):
                    figures = one_sync(
                        server.url, workdir / f"desk-{mode}-{r}", encrypted=mode == "encrypted"
                    )
                    log(f"round {r} {mode}: sync {figures['sync_s']:.2f} s")
                    if r == 0:
                        continue
                    rounds.append({"round": r, "mode": mode, **figures})
                    kept = best.setdefault(mode, dict(figures))
                    for name, value in figures.items():
                        kept[name] = min(kept[name], value)
    sync_ratio = ratio(best["encrypted"]["sync_s"], best["plain"]["sync_s"])
    result: dict[str, Any] = {
        "bench": "store_cipher",
        "tickets": args.tickets,
        "rounds": args.rounds,
        "plain": {k: round(v, 3) for k, v in best["plain"].items()},
        "encrypted": {k: round(v, 3) for k, v in best["encrypted"].items()},
        "sync_ratio": sync_ratio,
        # Each counted round's pair (encrypted / plain, same round): the spread the machine's load makes.
        "pairwise_ratios": [
            ratio(
                next(x["sync_s"] for x in rounds if x["round"] == r and x["mode"] == "encrypted"),
                next(x["sync_s"] for x in rounds if x["round"] == r and x["mode"] == "plain"),
            )
            for r in range(1, args.rounds + 1)
        ],
        "rounds_detail": [
            {k: (round(v, 3) if isinstance(v, float) else v) for k, v in x.items()} for x in rounds
        ],
        "machine": machine(),
        "targets": [target("encrypted initial sync at most 1.25x plain", sync_ratio or 0.0, 1.25, "x")],
    }
    emit(result)


if __name__ == "__main__":
    main()
