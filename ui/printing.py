"""Receipts: read the ticket on the database thread, render the PDF on the I/O pool."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop import domain as d
from desktop.session import load_identity
from desktop.store import LocalStore
from desktop.ticket_detail import DeskDirectory, load_directory, load_ticket
from ui.tasks import TaskManager


def _render(ticket: d.Ticket, directory: DeskDirectory, me: str | None, folder: Path, layout: str) -> Path:
    from desktop.reports.receipt import render_receipt

    opd = directory.opds.get(ticket.opd_code) or d.Opd(ticket.opd_code, ticket.opd_code)
    officer = directory.officers.get(me or "")
    pdf = render_receipt(
        ticket,
        opd,
        officer,
        layout=layout,  # type: ignore[arg-type]
        # The walk-in desk took the identity from the citizen in person: it may print it.
        viewer_may_see_identity=ticket.reporter is not None,
        category_name=directory.category_name(ticket.category_code) or None,
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"tanda-terima-{ticket.tracking_no}.pdf"
    tmp = path.with_suffix(".pdf.tmp")
    tmp.write_bytes(pdf)
    tmp.replace(path)
    return path


def print_receipt(
    tasks: TaskManager,
    store: LocalStore,
    ticket_id: str,
    folder: Path,
    on_done: Callable[[Path], None],
    on_error: Callable[[BaseException], None],
    layout: str = "a4",
) -> None:
    def read() -> tuple[d.Ticket, DeskDirectory, str | None]:
        detail = load_ticket(store, ticket_id)
        if detail is None:
            raise LookupError(ticket_id)
        identity = load_identity(store)
        return detail.ticket, load_directory(store), identity.username if identity else None

    def render(found: tuple[d.Ticket, DeskDirectory, str | None]) -> None:
        ticket, directory, me = found
        tasks.run_io(lambda: _render(ticket, directory, me, folder, layout), on_done, on_error=on_error)

    tasks.run_db(read, render, on_error=on_error)
