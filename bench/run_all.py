"""Run every benchmark as a subprocess and collect their JSON into ``bench/results/latest.json``.

    .venv/bin/python bench/run_all.py            # the full run (``make bench``)
    .venv/bin/python bench/run_all.py --quick    # a smoke run on tiny sizes (seconds, figures meaningless)
    .venv/bin/python bench/run_all.py --only queue,sla
    .venv/bin/python bench/run_all.py --scale    # also sync 1,000,000 tickets for the growth plot (long)

PostgreSQL: ``--pg-url`` or ``TANGGAP_BENCH_PG_URL`` (a server URL) reuses a running cluster;
otherwise a private one is started on a free loopback port and removed at the end, the way
``scripts/test.sh`` does. Setup that is not measured (seeding the server, building the synthetic
store) runs first, two jobs at a time, and is cached in ``bench/.cache``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import PYTHON, ROOT, bench_env, log, machine

BENCH = ROOT / "bench"
RESULTS = BENCH / "results"


def plan(quick: bool, scale: bool) -> dict[str, dict[str, Any]]:
    """name -> script, arguments, whether it needs PostgreSQL, and the setup it needs."""
    if quick:
        return {
            "initial_sync": {
                "script": "bench_initial_sync.py",
                "args": ["--sizes", "200", "--backends", "sqlite"],
                "seed": [200],
            },
            "incremental_sync": {
                "script": "bench_incremental_sync.py",
                "args": ["--tickets", "200", "--rounds", "2", "--ops", "5", "--backends", "sqlite"],
                "seed": [200],
            },
            "queue": {
                "script": "bench_queue.py",
                "args": ["--sizes", "200", "--repeat", "3", "--no-cold-start"],
                "store": [200],
            },
            "server_load": {
                "script": "bench_server_load.py",
                "args": [
                    "--tickets",
                    "200",
                    "--desks",
                    "4",
                    "--seconds",
                    "2",
                    "--workers",
                    "2",
                    "--processes",
                    "2",
                    "--think",
                    "0.1",
                ],
                "pg": True,
                "seed": [200],
            },
            "sla": {"script": "bench_sla.py", "args": ["--tickets", "200"]},
            "reports": {"script": "bench_reports.py", "args": ["--tickets", "200", "--receipts", "3"]},
            "report_store": {
                "script": "bench_report_store.py",
                "args": ["--tickets", "200", "--runs", "1", "--receipts", "3"],
            },
            "similar": {
                "script": "bench_similar.py",
                "args": ["--background", "300", "--speed-tickets", "2000", "--queries", "20"],
            },
        }
    sync_sizes = [10_000, 100_000] + ([1_000_000] if scale else [])
    return {
        "initial_sync": {
            "script": "bench_initial_sync.py",
            "args": ["--sizes", ",".join(map(str, sync_sizes))],
            "pg": True,
            "seed": sync_sizes,
        },
        "incremental_sync": {
            "script": "bench_incremental_sync.py",
            "args": ["--tickets", "5000", "--rounds", "8"],
            "pg": True,
            "seed": [5_000],
        },
        "queue": {
            "script": "bench_queue.py",
            "args": ["--sizes", "10000,100000,1000000"],
            "store": [10_000, 100_000, 1_000_000],
        },
        "server_load": {
            "script": "bench_server_load.py",
            "args": ["--tickets", "5000"],
            "pg": True,
            "seed": [5_000],
        },
        "sla": {"script": "bench_sla.py", "args": []},
        "reports": {"script": "bench_reports.py", "args": []},
        "report_store": {"script": "bench_report_store.py", "args": []},
        # Issue 18: candidate quality against plain TF-IDF, and speed on a 100,000-ticket desk.
        "similar": {"script": "bench_similar.py", "args": []},
    }


def prepare(selected: dict[str, dict[str, Any]]) -> dict[str, float]:
    """Seed the server files and build the synthetic stores the benchmarks need, two at a time."""
    jobs: list[tuple[str, list[str]]] = []
    for size in sorted({s for spec in selected.values() for s in spec.get("seed", [])}, reverse=True):
        code = f"from bench.serverkit import seeded_sqlite; seeded_sqlite({size})"
        jobs.append((f"seed {size:,}", [PYTHON, "-c", code]))
    for size in sorted({s for spec in selected.values() for s in spec.get("store", [])}, reverse=True):
        code = f"from bench.bench_queue import synthetic_store; synthetic_store({size})"
        jobs.append((f"store {size:,}", [PYTHON, "-c", code]))

    def run(job: tuple[str, list[str]]) -> tuple[str, float]:
        name, cmd = job
        started = time.perf_counter()
        subprocess.run(cmd, check=True, env=bench_env(), cwd=ROOT)
        return name, time.perf_counter() - started

    with ThreadPoolExecutor(max_workers=2) as pool:
        return {name: round(seconds, 1) for name, seconds in pool.map(run, jobs)}


def run_script(
    name: str, spec: dict[str, Any], pg_url: str | None, timeout: float
) -> tuple[dict[str, Any] | None, str, float]:
    script = BENCH / spec["script"]
    if not script.exists():
        return None, f"{spec['script']} does not exist yet", 0.0
    args = list(spec["args"])
    if spec.get("pg") and pg_url:
        args += ["--pg-url", pg_url]
    log(f"==> {name}: {spec['script']} {' '.join(args)}")
    started = time.perf_counter()
    try:
        proc = subprocess.run(
            [PYTHON, str(script), *args],
            capture_output=True,
            text=True,
            env=bench_env(),
            cwd=ROOT,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout:.0f} s", time.perf_counter() - started
    seconds = time.perf_counter() - started
    sys.stderr.write(proc.stderr)
    parsed = None
    for line in reversed(proc.stdout.strip().splitlines()):
        try:
            candidate = json.loads(line)
        except ValueError:
            continue
        if isinstance(candidate, dict):
            parsed = candidate
            break
    if proc.returncode != 0 or parsed is None:
        return None, f"exit {proc.returncode}: {proc.stderr.strip()[-1500:]}", seconds
    return parsed, "", seconds


def _target(name: str, value: Any, limit: float, unit: str) -> dict[str, Any]:
    return {
        "name": name,
        "value": value,
        "limit": limit,
        "unit": unit,
        "met": value is not None and value <= limit,
    }


def derived_targets(name: str, result: dict[str, Any]) -> list[dict[str, Any]]:
    """Targets for benchmarks written elsewhere (SLA, reports) that print figures but no target list."""
    if result.get("targets"):
        return list(result["targets"])
    n = result.get("tickets")
    at = f" ({n:,} tickets)" if isinstance(n, int) else ""
    if name == "sla":
        return [
            _target(
                "deadlines and urgency of 100,000 tickets under 2 s" + at, result.get("seconds"), 2.0, "s"
            )
        ]
    if name in ("reports", "report_store"):
        receipt = result.get("receipt_a4_median_ms", result.get("receipt_median_ms"))
        return [
            _target("receipt under 100 ms (A4 median)", receipt, 100.0, "ms"),
            _target("summary over 100,000 tickets under 3 s" + at, result.get("summary_total_s"), 3.0, "s"),
        ]
    return []


def summary_lines(results: dict[str, Any]) -> list[str]:
    lines = []
    for name, result in results.items():
        for t in derived_targets(name, result):
            mark = "ok  " if t.get("met") else "MISS"
            lines.append(f"  {mark} {name:<17} {t['name']}: {t['value']} (limit {t['limit']} {t['unit']})")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="tiny sizes: checks the machinery, not the speed"
    )
    parser.add_argument("--scale", action="store_true", help="also sync 1,000,000 tickets (for the plot)")
    parser.add_argument("--only", default="", help="comma-separated benchmark names")
    parser.add_argument("--skip", default="", help="comma-separated benchmark names")
    parser.add_argument("--pg-url", default=os.environ.get("TANGGAP_BENCH_PG_URL"))
    parser.add_argument(
        "--out", type=Path, default=None, help="default: bench/results/latest.json (quick: quick.json)"
    )
    parser.add_argument("--no-plot", action="store_true")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed per benchmark")
    args = parser.parse_args()

    selected = plan(args.quick, args.scale)
    if args.only:
        selected = {k: v for k, v in selected.items() if k in args.only.split(",")}
    for name in args.skip.split(","):
        selected.pop(name, None)
    out = args.out or RESULTS / ("quick.json" if args.quick else "latest.json")
    started_at = datetime.now(UTC)
    started = time.perf_counter()
    results: dict[str, Any] = {}
    failures: dict[str, str] = {}
    durations: dict[str, float] = {}
    with ExitStack() as stack:
        log("setup: seeded servers and synthetic stores (cached in bench/.cache)")
        setup = prepare(selected)
        pg_url = args.pg_url
        if pg_url is None and any(spec.get("pg") for spec in selected.values()):
            from bench.pgcluster import private_cluster

            pg_url = stack.enter_context(private_cluster())
        for name, spec in selected.items():
            result, error, seconds = run_script(name, spec, pg_url, args.timeout)
            durations[name] = round(seconds, 1)
            if result is None:
                failures[name] = error
                log(f"!! {name} failed: {error[-400:]}")
            else:
                result["targets"] = derived_targets(name, result)
                results[name] = result
    report = {
        "started_at": started_at.isoformat(timespec="seconds"),
        "wall_s": round(time.perf_counter() - started, 1),
        "mode": "quick" if args.quick else ("scale" if args.scale else "full"),
        "machine": machine(),
        "load_average_at_end": list(os.getloadavg()),
        "setup_s": setup,
        "durations_s": durations,
        "results": results,
        "failures": failures,
    }
    if args.only and out.exists():
        # A partial rerun updates those benchmarks in the last report and keeps the rest.
        previous = json.loads(out.read_text())
        previous["results"].update(results)
        for name in results:
            previous.get("failures", {}).pop(name, None)
        previous.setdefault("failures", {}).update(failures)
        previous.setdefault("durations_s", {}).update(durations)
        previous["reruns"] = [*previous.get("reruns", []), {"only": args.only, "at": report["started_at"]}]
        report = previous
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    if not args.quick and not args.no_plot and "queue" in results:
        # The 1,000,000-ticket sync of a --scale run is kept apart (it takes half an hour): merged in.
        scale = (
            [str(RESULTS / "scale.json")]
            if (RESULTS / "scale.json").exists() and out != RESULTS / "scale.json"
            else []
        )
        subprocess.run(
            [PYTHON, str(BENCH / "plot.py"), str(out), *scale], check=False, env=bench_env(), cwd=ROOT
        )
    print(f"bench: {len(results)} ran, {len(failures)} failed, {report['wall_s']} s; written to {out}")
    for line in summary_lines(results):
        print(line)
    for name, error in failures.items():
        print(f"  FAIL {name}: {error.splitlines()[-1] if error else ''}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
