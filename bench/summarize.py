"""Markdown tables of a ``run_all.py`` report, for BENCHMARKS.md.

.venv/bin/python bench/summarize.py [bench/results/latest.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "results" / "latest.json"
    report = json.loads(path.read_text())
    m = report["machine"]
    print(
        f"Run of {report['started_at']} ({report['mode']}), {report['wall_s']} s wall; {m['cpu']}, {m['cores']} cores, "
        f"{m['memory_gb']} GB, Python {m['python']}, SQLite {m['sqlite']}; load average at the end "
        f"{', '.join(f'{x:.1f}' for x in report.get('load_average_at_end', []))}.\n"
    )
    for rerun in report.get("reruns", []):
        print(f"Rerun of {rerun['only']} at {rerun['at']}, merged into this report.\n")
    print("| benchmark | target | measured | limit | met |")
    print("|---|---|---|---|---|")
    for name, result in report["results"].items():
        for t in result.get("targets", []):
            print(
                f"| {name} | {t['name']} | {fmt(t['value'])} | {fmt(t['limit'])} {t['unit']} | {'yes' if t['met'] else '**no**'} |"
            )
    for name, error in report.get("failures", {}).items():
        print(f"| {name} | (failed) | {error.splitlines()[-1] if error else ''} | | **no** |")
    sync = report["results"].get("initial_sync", {}).get("sizes", {})
    if sync:
        print(
            "\n| tickets | server | sync s | floor s | ratio | fetch (HTTP only) s | client RSS MB | payload MB |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for size, entry in sync.items():
            for backend, f in entry["backends"].items():
                print(
                    f"| {int(size):,} | {backend} | {fmt(f['sync_s'])} | {fmt(f['floor_s'])} | {fmt(f['ratio_to_floor'])} | "
                    f"{fmt(f['fetch_s'])} | {fmt(f['client_peak_rss_mb'])} | {fmt(f['payload_mb'])} |"
                )
    queue = report["results"].get("queue", {}).get("sizes", {})
    if queue:
        print(
            "\n| tickets | first page | model first page | jump | position_of | filter | filter count | view counts | search | search in Selesai | RSS MB | cold start s |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for size, f in queue.items():

            def mp(key: str, f: dict[str, Any] = f) -> str:
                v = f.get(key)
                return (
                    f"{fmt(v['median_ms'])} / {fmt(v['p95_ms'])}"
                    if isinstance(v, dict) and "median_ms" in v
                    else "-"
                )

            cold = f.get("cold_start", {}).get("median_s", "-")
            print(
                f"| {int(size):,} | {mp('first_page')} | {mp('model_first_page')} | {mp('jump')} | {mp('position_of')} | "
                f"{mp('filter')} | {mp('filter_count')} | {mp('view_counts')} | {mp('search')} | {mp('search_done_view')} | "
                f"{fmt(f.get('rss_mb'))} | {fmt(cold)} |"
            )
        print("\n(ms, median / p95)")
    inc = report["results"].get("incremental_sync", {}).get("backends", {})
    if inc:
        print("\n| incremental sync server | median ms | p95 ms | rounds | problems |")
        print("|---|---|---|---|---|")
        for backend, f in inc.items():
            print(
                f"| {backend} | {fmt(f['median_ms'])} | {fmt(f['p95_ms'])} | {f['rounds']} | {len(f['problems'])} |"
            )
    load = report["results"].get("server_load")
    if load:
        lat = load["latency_ms"]
        print(
            f"\nServer load: {load['desks']} desks, {load['workers']} uvicorn workers, {load['seconds']:.0f} s: "
            f"{load['requests']:,} requests, {load['requests_per_s']} req/s; latency p50 {lat['all']['p50']} ms, "
            f"p99 {lat['all']['p99']} ms (push p50/p99 {lat['push']['p50']}/{lat['push']['p99']}, pull "
            f"{lat['pull']['p50']}/{lat['pull']['p99']}); errors {load['error_count']} {load['errors'] or ''}; "
            f"answers {load['answers']}; exactly once: {load['exactly_once']}."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
