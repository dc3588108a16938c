"""The summary counts complaints and problems apart (issue 18): complaints linked to one incident are
one problem, a complaint in no incident is its own; read back from the PDF."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from desktop.reports import SummaryRequest, compute_summary, render_summary
from desktop.sla import WorkCalendar
from tests.unit.desktop.reports.test_report_summary import NOW, ticket, wib

CAL = WorkCalendar("Asia/Jakarta")
FLOOD, LIGHT = "incident-flood", "incident-light"


def test_thirty_eight_complaints_about_six_problems(read_text: Callable[..., str]) -> None:
    tickets = []
    for i in range(38):
        incident = FLOOD if i < 20 else LIGHT if i < 34 else None  # 20 + 14 linked, 4 alone
        t = ticket(i + 1, wib(2 + i % 20, 9))
        tickets.append(t._replace(incident_id=incident))
    # A complaint of the flood received before the period is not counted in it.
    tickets.append(ticket(99, wib(20, 9, month=2))._replace(incident_id=FLOOD))
    figures = compute_summary(
        tickets, SummaryRequest(date(2026, 3, 1), date(2026, 3, 31)), lambda _o: CAL, NOW
    )
    assert (figures.overall.received, figures.problems) == (38, 6)

    text = re.sub(r"\s+", " ", read_text(render_summary(figures, produced_at=NOW)))
    assert "38 pengaduan tentang 6 masalah" in text

    alone = compute_summary(
        [t._replace(incident_id=None) for t in tickets],
        SummaryRequest(date(2026, 3, 1), date(2026, 3, 31)),
        lambda _o: CAL,
        NOW,
    )
    assert alone.problems == 38
    assert "masalah" not in re.sub(r"\s+", " ", read_text(render_summary(alone, produced_at=NOW)))
