"""Receipts and summaries built from a 100,000-ticket local store, end to end; prints one JSON object.

Issue 7's targets: a receipt in under 100 ms and a summary over 100,000 tickets in under 3 s.
``bench_reports.py`` times the rendering from tickets in memory; this one starts from the SQLite
file the workstation really reads (``desktop.documents``): the directory and the desk's identity,
the Core select streaming ``SummaryTicket``s, the figures, the PDF. ``cli_report_s`` is the whole
``tanggap report`` command in a fresh interpreter (start-up and imports included).

    .venv/bin/python bench/bench_report_store.py [--tickets 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import use_bench_keyring  # noqa: E402
from desktop.documents import receipt_pdf, stream_summary_tickets, summary_figures, summary_pdf  # noqa: E402
from desktop.session import load_identity  # noqa: E402
from desktop.store import LocalStore  # noqa: E402
from tests.helpers import report_store as rs  # noqa: E402
from tests.helpers import reports as sample  # noqa: E402

START, END = date(2026, 3, 1), date(2026, 3, 31)
NOW = datetime(2026, 4, 6, 2, 0, tzinfo=UTC)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def timed(fn: object, runs: int) -> tuple[list[float], list[float]]:
    walls, cpus = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()  # type: ignore[operator]
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    return walls, cpus


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--receipts", type=int, default=30)
    args = parser.parse_args()
    result: dict[str, object] = {"bench": "report_store", "tickets": args.tickets}

    with tempfile.TemporaryDirectory(prefix="tanggap-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        use_bench_keyring(Path(tmp) / "keyring.json")
        store = LocalStore.open(data_dir)
        rs.add_directory(store)
        rs.log_in_as(store, "kabid.dinkes")  # a supervisor: the whole OPD with per-officer rows
        log(f"generating {args.tickets} tickets")
        tickets = sample.summary_tickets(args.tickets, start=START, end=END, now=NOW)
        start = time.perf_counter()
        rs.insert_summary_tickets(store, tickets)
        result["store_fill_s"] = round(time.perf_counter() - start, 2)
        result["store_mb"] = round(store.path.stat().st_size / 1e6, 1)
        del tickets
        viewer = load_identity(store)
        assert viewer is not None

        log("streaming")
        count = 0

        def stream() -> None:
            nonlocal count
            count = sum(1 for _ in stream_summary_tickets(store, START, END, opd_codes=(rs.OPD,)))

        walls, _ = timed(stream, args.runs)
        result["stream_rows"] = count
        result["stream_s"] = round(statistics.median(walls), 3)

        log("figures")
        walls, _ = timed(lambda: summary_figures(store, START, END, viewer=viewer, now=NOW), args.runs)
        result["figures_s"] = round(statistics.median(walls), 3)

        log("summary pdf")
        pdf = b""

        def summary() -> None:
            nonlocal pdf
            pdf = summary_pdf(store, START, END, viewer=viewer, now=NOW)

        walls, cpus = timed(summary, args.runs)
        result["summary_total_s"] = round(statistics.median(walls), 3)
        result["summary_total_max_s"] = round(max(walls), 3)
        result["summary_total_cpu_s"] = round(statistics.median(cpus), 3)
        result["summary_pdf_kb"] = round(len(pdf) / 1024)

        log("receipts")
        tracking = f"{rs.OPD}-2603-00042"
        with store.read() as session:
            from sqlalchemy import select

            from db import models

            tracking = session.scalar(select(models.Ticket.tracking_no).limit(1).offset(args.tickets // 2))
        receipt_pdf(store, tracking, "a4", viewer=viewer)  # fonts load once per process
        for layout in ("a4", "thermal80"):
            walls, cpus = timed(
                lambda layout=layout: receipt_pdf(store, tracking, layout, viewer=viewer), args.receipts
            )
            result[f"receipt_{layout}_median_ms"] = round(statistics.median(walls) * 1000, 1)
            result[f"receipt_{layout}_max_ms"] = round(max(walls) * 1000, 1)
            result[f"receipt_{layout}_median_cpu_ms"] = round(statistics.median(cpus) * 1000, 1)
        store.close()

        log("tanggap report (fresh process)")
        out = Path(tmp) / "report.pdf"
        command = [
            sys.executable, "-m", "tanggap", "--data-dir", str(data_dir),
            "report", "--from", START.isoformat(), "--to", END.isoformat(), "--out", str(out),
        ]  # fmt: skip
        start = time.perf_counter()
        subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
        result["cli_report_s"] = round(time.perf_counter() - start, 3)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "tanggap", "--data-dir", str(data_dir), "receipt", tracking,
             "--out", str(Path(tmp) / "receipt.pdf")],
            check=True, cwd=ROOT, capture_output=True,
        )  # fmt: skip
        result["cli_receipt_s"] = round(time.perf_counter() - start, 3)

    print(json.dumps(result))


if __name__ == "__main__":
    main()
