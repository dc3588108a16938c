"""Server under load: D simulated desks doing push/pull cycles against uvicorn with W workers on
PostgreSQL for S seconds; prints one JSON object.

    .venv/bin/python bench/bench_server_load.py [--desks 200] [--seconds 60] [--workers 3]
        [--tickets 5000] [--think 0.5] [--pg-url URL]

Setup (not timed): the seeded server copied into PostgreSQL, one login per desk (officers and
supervisors of every OPD, a desk each), and each desk's initial snapshot pulled so it holds a
cursor and knows the tickets in its scope. Then 4 load processes x D/4 threads (one thread, one
HTTP session, one token per desk) loop: push 1-3 notes (one push in 20 is sent twice, as a desk
does after a lost response), pull until ``has_more`` is false, think ``--think`` s (uniform
0-2x). Figures: requests per second, p50/p99 latency per endpoint, errors by kind (target: none).
At the end every op must be there exactly once: one ``processed_ops`` row and one message per op
id the desks sent, whatever answer they got. The load generator shares the 2 cores with the
server, so latency includes some client-side queueing.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import serverkit
from bench.common import emit, log, machine, percentile

MARK = "beban-uji"
OPEN_STATUSES = {"baru", "terverifikasi", "didisposisi", "ditindaklanjuti", "menunggu_pelapor"}


def desk_logins(count: int) -> list[tuple[str, str]]:
    """(username, password) for ``count`` desks, spread over the seeded officers (a desk per login)."""
    from server.seeddata import build_directory

    officers = [o for o in build_directory(0).officers if o.role.value != "admin"]
    return [
        (officers[i % len(officers)].username, officers[i % len(officers)].password) for i in range(count)
    ]


def login_and_snapshot(base: str, username: str, password: str, index: int) -> dict[str, Any]:
    import requests

    http = requests.Session()
    response = http.post(
        f"{base}/auth/login",
        json={"username": username, "password": password, "device_name": f"bench desk {index}"},
        timeout=120,
    )
    response.raise_for_status()
    token = response.json()["token"]
    http.headers["Authorization"] = f"Bearer {token}"
    cursor = None
    tickets: dict[str, int] = {}
    while True:
        params: dict[str, Any] = {"limit": 1000}
        if cursor:
            params["cursor"] = cursor
        page = http.get(f"{base}/sync/pull", params=params, timeout=300)
        page.raise_for_status()
        body = page.json()
        for change in body["changes"]:
            if change.get("op") == "upsert":
                t = change["ticket"]
                # Officers write on open tickets; a note on a closed one is kept but flagged.
                if t["status"] in OPEN_STATUSES:
                    tickets[t["id"]] = t["version"]
        cursor = body["next_cursor"]
        if not body.get("has_more"):
            break
    return {"token": token, "cursor": cursor, "tickets": list(tickets.items())}


def _desk_loop(
    base: str,
    desk: dict[str, Any],
    deadline: float,
    think: float,
    seed: int,
    out: dict[str, Any],
    lock: threading.Lock,
) -> None:
    import requests

    rng = random.Random(seed)
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {desk['token']}"
    cursor = desk["cursor"]
    versions: dict[str, int] = dict(desk["tickets"])
    tickets = list(versions)
    seq = 0
    latencies: dict[str, list[float]] = {"push": [], "pull": []}
    errors: Counter[str] = Counter()
    sent: list[str] = []
    answers: Counter[str] = Counter()
    while time.monotonic() < deadline:
        if tickets:
            ops = []
            for _ in range(rng.randint(1, 3)):
                seq += 1
                ticket_id = tickets[rng.randrange(len(tickets))]
                version = versions[ticket_id]
                op_id = str(uuid.uuid4())
                ops.append(
                    {
                        "op_id": op_id,
                        "seq": seq,
                        "type": "note",
                        "ticket_id": ticket_id,
                        "base_version": version,
                        "created_at": datetime.now(UTC).isoformat(),
                        "payload": {"message_id": str(uuid.uuid4()), "body": f"{MARK} {op_id}"},
                    }
                )
                sent.append(op_id)
            for attempt in range(2 if rng.random() < 0.05 else 1):
                started = time.perf_counter()
                try:
                    response = http.post(f"{base}/sync/push", json={"ops": ops}, timeout=60)
                    latencies["push"].append(time.perf_counter() - started)
                    if response.status_code != 200:
                        errors[f"push HTTP {response.status_code}"] += 1
                    else:
                        for result in response.json()["results"]:
                            answers[result["result"] if attempt == 0 else f"resend {result['result']}"] += 1
                            if result.get("ticket"):
                                versions[result["ticket"]["id"]] = result["ticket"]["version"]
                except requests.RequestException as exc:
                    errors[f"push {type(exc).__name__}"] += 1
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                response = http.get(f"{base}/sync/pull", params={"cursor": cursor, "limit": 500}, timeout=60)
                latencies["pull"].append(time.perf_counter() - started)
                if response.status_code != 200:
                    errors[f"pull HTTP {response.status_code}"] += 1
                    break
                body = response.json()
                for change in body["changes"]:
                    if change.get("op") == "upsert" and change["ticket"]["id"] in versions:
                        versions[change["ticket"]["id"]] = change["ticket"]["version"]
                cursor = body["next_cursor"]
                if not body.get("has_more"):
                    break
            except requests.RequestException as exc:
                errors[f"pull {type(exc).__name__}"] += 1
                break
        time.sleep(rng.uniform(0, 2 * think))
    with lock:
        for kind, values in latencies.items():
            out["latencies"][kind].extend(values)
        out["errors"].update(errors)
        out["answers"].update(answers)
        out["sent"].extend(sent)


def load_process(
    base: str, desks: list[dict[str, Any]], start_at: float, seconds: float, think: float, seed: int
) -> dict[str, Any]:
    """One load-generating process: a thread per desk, all starting at ``start_at`` (wall clock)."""
    out: dict[str, Any] = {
        "latencies": {"push": [], "pull": []},
        "errors": Counter(),
        "answers": Counter(),
        "sent": [],
    }
    lock = threading.Lock()
    time.sleep(max(0.0, start_at - time.time()))
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(
            target=_desk_loop, args=(base, desk, deadline, think, seed * 1000 + i, out, lock), daemon=True
        )
        for i, desk in enumerate(desks)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 120)
    out["errors"] = dict(out["errors"])
    out["answers"] = dict(out["answers"])
    return out


def verify_exactly_once(pg_url: str, sent: list[str]) -> dict[str, Any]:
    import psycopg

    from bench.pgcluster import libpq_url

    with psycopg.connect(libpq_url(pg_url)) as conn:
        processed = conn.execute(
            "SELECT count(*) FROM processed_ops WHERE op_id = ANY(%s)", (sent,)
        ).fetchone()[0]
        rows = conn.execute(
            "SELECT substr(body, %s) AS op, count(*) FROM messages WHERE body LIKE %s GROUP BY op",
            (len(MARK) + 2, f"{MARK} %"),
        ).fetchall()
    per_op = {op: n for op, n in rows}
    sent_set = set(sent)
    duplicated = sum(1 for n in per_op.values() if n > 1)
    missing = sum(1 for op in sent_set if op not in per_op)
    strangers = sum(1 for op in per_op if op not in sent_set)
    return {
        "ops_sent": len(sent_set),
        "processed_ops_rows": processed,
        "messages": sum(per_op.values()),
        "ops_with_more_than_one_message": duplicated,
        "ops_without_message": missing,
        "messages_of_unknown_ops": strangers,
        "exactly_once": duplicated == 0 and missing == 0 and strangers == 0 and processed == len(sent_set),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--desks", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--tickets", type=int, default=5000)
    parser.add_argument("--think", type=float, default=0.5)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--pg-url", default=None)
    args = parser.parse_args()

    seeded, _ = serverkit.seeded_sqlite(args.tickets)
    result: dict[str, Any] = {
        "bench": "server_load",
        "desks": args.desks,
        "seconds": args.seconds,
        "workers": args.workers,
        "tickets": args.tickets,
        "think_s": args.think,
    }
    with tempfile.TemporaryDirectory(prefix="tanggap-bench-load.") as tmp, ExitStack() as stack:
        workdir = Path(tmp)
        from bench.pgcluster import private_cluster, scratch_database

        pg_server = args.pg_url or stack.enter_context(private_cluster())
        url = stack.enter_context(scratch_database(pg_server, "bench_load"))
        serverkit.copy_to_postgres(seeded, url)
        with serverkit.serve(url, workdir, workers=args.workers) as server:
            base = f"{server.url}/api/v1"
            started = time.perf_counter()
            logins = desk_logins(args.desks)
            with ThreadPoolExecutor(max_workers=8) as pool:
                desks = list(pool.map(lambda ix: login_and_snapshot(base, *ix[1], ix[0]), enumerate(logins)))
            result["setup_s"] = round(time.perf_counter() - started, 1)
            log(
                f"{args.desks} desks logged in with their snapshots in {result['setup_s']} s; loading for {args.seconds:.0f} s"
            )
            groups = [desks[i :: args.processes] for i in range(args.processes)]
            start_at = time.time() + 2.0
            ctx = mp.get_context("spawn")
            with ctx.Pool(args.processes) as pool:
                outs = pool.starmap(
                    load_process,
                    [(base, group, start_at, args.seconds, args.think, i) for i, group in enumerate(groups)],
                )
            elapsed = time.time() - start_at
        latencies: dict[str, list[float]] = {"push": [], "pull": []}
        errors: Counter[str] = Counter()
        answers: Counter[str] = Counter()
        sent: list[str] = []
        for out in outs:
            for kind in latencies:
                latencies[kind] += out["latencies"][kind]
            errors.update(out["errors"])
            answers.update(out["answers"])
            sent += out["sent"]
        everything = latencies["push"] + latencies["pull"]
        result["requests"] = len(everything)
        result["requests_per_s"] = round(len(everything) / elapsed, 1)
        result["latency_ms"] = {
            kind: {
                "n": len(values),
                "p50": round(percentile(values, 0.50) * 1000, 1),
                "p99": round(percentile(values, 0.99) * 1000, 1),
                "max": round(max(values, default=0) * 1000, 1),
            }
            for kind, values in (
                ("all", everything),
                ("push", latencies["push"]),
                ("pull", latencies["pull"]),
            )
        }
        result["errors"] = dict(errors)
        result["error_count"] = sum(errors.values())
        result["answers"] = dict(answers)
        result["exactly_once"] = verify_exactly_once(url, sent)
    result["targets"] = [
        {
            "name": "no errors under load",
            "value": result["error_count"],
            "limit": 0,
            "unit": "errors",
            "met": result["error_count"] == 0,
        },
        {
            "name": "every op exactly once",
            "value": result["exactly_once"]["ops_with_more_than_one_message"]
            + result["exactly_once"]["ops_without_message"],
            "limit": 0,
            "unit": "ops",
            "met": result["exactly_once"]["exactly_once"],
        },
    ]
    result["machine"] = machine()
    emit(result)


if __name__ == "__main__":
    main()
