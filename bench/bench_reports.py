"""Receipt and summary rendering speed; prints one JSON object.

Targets (issue 7): a receipt in under 100 ms; a summary over 100,000 tickets in under 3 s
(computing the figures and rendering the PDF, from tickets already in memory as the store
streams them).

    .venv/bin/python bench/bench_reports.py [--tickets 100000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.reports import compute_summary, render_receipt, render_summary
from desktop.sla import WorkCalendar
from tests.helpers import reports as sample


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--receipts", type=int, default=30)
    args = parser.parse_args()
    result: dict[str, object] = {"tickets": args.tickets}

    ticket, opd, officer = sample.walk_in_ticket(), sample.opd(), sample.officer()
    start = time.perf_counter()
    render_receipt(ticket, opd, officer, viewer_may_see_identity=True, now=sample.NOW)
    result["receipt_first_ms"] = round((time.perf_counter() - start) * 1000, 1)  # includes font loading
    for layout in ("a4", "a5", "thermal80"):
        times, cpu = [], []
        for _ in range(args.receipts):
            start, start_cpu = time.perf_counter(), time.process_time()
            render_receipt(ticket, opd, officer, layout=layout, viewer_may_see_identity=True, now=sample.NOW)  # type: ignore[arg-type]
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        result[f"receipt_{layout}_median_ms"] = round(statistics.median(times), 1)
        result[f"receipt_{layout}_max_ms"] = round(max(times), 1)
        # CPU time too: on a shared, busy machine the wall clock measures the neighbours.
        result[f"receipt_{layout}_median_cpu_ms"] = round(statistics.median(cpu), 1)

    calendar = WorkCalendar("Asia/Jakarta")
    start = time.perf_counter()
    tickets = sample.summary_tickets(
        args.tickets, now=sample.datetime(2026, 4, 6, 2, tzinfo=sample.UTC), calendar=calendar
    )
    result["generate_s"] = round(time.perf_counter() - start, 2)
    now = sample.datetime(2026, 4, 6, 2, tzinfo=sample.UTC)
    request = sample.summary_request()

    start, start_cpu = time.perf_counter(), time.process_time()
    figures = compute_summary(tickets, request, lambda _opd: WorkCalendar("Asia/Jakarta"), now)
    computed = time.perf_counter()
    pdf = render_summary(figures, produced_at=now)
    done, done_cpu = time.perf_counter(), time.process_time()
    result["summary_total_cpu_s"] = round(done_cpu - start_cpu, 3)
    result["summary_compute_s"] = round(computed - start, 3)
    result["summary_render_s"] = round(done - computed, 3)
    result["summary_total_s"] = round(done - start, 3)
    result["summary_pdf_kb"] = round(len(pdf) / 1024)
    result["summary_received"] = figures.overall.received
    result["summary_breaches"] = len(figures.breaches)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
