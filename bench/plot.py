"""The growth plot for BENCHMARKS.md: sync time and queue latency against ticket count.

    .venv/bin/python bench/plot.py [bench/results/latest.json ...] [--out bench/results/scaling.png]

Reads one or more ``run_all.py`` reports (later files win for the same size, so a ``--scale``
run adds its 1,000,000-ticket sync to a normal run's figures). Needs matplotlib (the ``bench``
extra); without it, says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def collect(paths: list[Path]) -> tuple[dict[str, dict[int, float]], dict[str, dict[int, float]]]:
    sync: dict[str, dict[int, float]] = {}
    queue: dict[str, dict[int, float]] = {}
    for path in paths:
        results: dict[str, Any] = json.loads(path.read_text()).get("results", {})
        for size, entry in results.get("initial_sync", {}).get("sizes", {}).items():
            for backend, figures in entry.get("backends", {}).items():
                sync.setdefault(f"tanggap sync, {backend} server", {})[int(size)] = figures["sync_s"]
                # One floor per size (measured once, on the first server's pages).
                sync.setdefault("floor (parse, insert, build indexes; no HTTP)", {})[int(size)] = figures[
                    "floor_s"
                ]
        for size, figures in results.get("queue", {}).get("sizes", {}).items():
            for key, label in (
                ("first_page", "first page"),
                ("jump", "jump to a ticket"),
                ("filter", "filter change"),
                ("search", "full-text search"),
            ):
                if key in figures:
                    queue.setdefault(label, {})[int(size)] = figures[key]["median_ms"]
    return sync, queue


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("reports", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "scaling.png")
    args = parser.parse_args()
    reports = args.reports or [ROOT / "bench" / "results" / "latest.json"]
    scale = ROOT / "bench" / "results" / "scale.json"
    if scale.exists() and scale not in reports:
        reports = [scale, *reports]
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("plot: matplotlib is not installed (pip install -e '.[bench]'); no plot drawn", file=sys.stderr)
        return 0
    sync, queue = collect([p for p in reports if p.exists()])
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2), dpi=110)
    for label, points in sync.items():
        xs = sorted(points)
        left.plot(
            xs,
            [points[x] for x in xs],
            marker="o",
            linestyle="--" if label.startswith("floor") else "-",
            label=label,
        )
    left.axhline(10, color="grey", linewidth=0.8, linestyle=":", label="target at 100k: 10 s")
    left.set(xscale="log", yscale="log", xlabel="tickets", ylabel="seconds", title="Initial sync (wall time)")
    left.legend(fontsize=8)
    for label, points in queue.items():
        xs = sorted(points)
        right.plot(xs, [points[x] for x in xs], marker="o", label=label)
    right.axhline(50, color="grey", linewidth=0.8, linestyle=":")
    right.axhline(200, color="grey", linewidth=0.8, linestyle=":")
    right.set(
        xscale="log",
        yscale="log",
        xlabel="tickets in the local store",
        ylabel="median ms",
        title="Queue latency",
    )
    right.legend(fontsize=8)
    for ax in (left, right):
        ax.grid(True, which="major", alpha=0.3)
    fig.tight_layout()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(args.out)
    print(f"plot: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
