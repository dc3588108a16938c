"""PDF receipts (tanda terima) and performance summaries, built from domain objects only.

No database access here: the local store streams ``SummaryTicket`` values and hands over
``Ticket``/``Opd``/``Officer``; the CLI and the UI decide where the bytes go.
"""

from desktop.labels import LAYOUTS
from desktop.reports.metrics import (
    Breach,
    GroupFigures,
    StageShare,
    SummaryFigures,
    SummaryRequest,
    SummaryTicket,
    compute_summary,
)
from desktop.reports.receipt import qr_payload, render_receipt
from desktop.reports.summary import render_summary

__all__ = [
    "LAYOUTS",
    "Breach",
    "GroupFigures",
    "StageShare",
    "SummaryFigures",
    "SummaryRequest",
    "SummaryTicket",
    "compute_summary",
    "qr_payload",
    "render_receipt",
    "render_summary",
]
