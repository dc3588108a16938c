"""A reply's way to the citizen from the command line (docs/channels.md): ``undelivered`` lists the
workstation's "Balasan belum sampai"; ``delivered`` records a reply passed on by hand ("Sudah
diposting / ditelepon / diserahkan"); ``resend`` sends a failed one again ("Kirim ulang").

Both acts are ops recorded offline like ``tanggap reply``: they go out with the next ``tanggap sync``.
Without ``--message`` they act on the ticket's latest public reply that has not reached the citizen.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop.cli import CliError
from desktop.cli.sync_commands import (
    EXIT_REFUSED,
    _acted,
    _action,
    _common,
    _desk_zone,
    _json_flag,
    _line,
    _local,
    _print_json,
    _store,
    _zones,
)

if TYPE_CHECKING:
    from desktop.store import LocalStore


def _pick_message(
    store: LocalStore, tracking_no: str, given: str | None, states: tuple[str, ...], none_left: str
) -> str:
    """The id of the reply to act on: ``given`` (its full id or a unique start of it), else the
    ticket's latest public reply whose delivery is in ``states``."""
    from sqlalchemy import select

    from db import models
    from db.repositories import TicketRepository

    with store.read() as session:
        ticket = TicketRepository(session).by_tracking_no(tracking_no)
        if ticket is None:
            raise CliError(f"Tiket {tracking_no} tidak ada di meja ini. / Ticket not found.", EXIT_REFUSED)
        replies = session.scalars(
            select(models.Message)
            .where(models.Message.ticket_id == ticket.id, models.Message.delivery.is_not(None))
            .order_by(models.Message.created_at.desc())
        ).all()
        if given:
            wanted = given.strip().lower()
            found = [m.id for m in replies if m.id.lower().startswith(wanted)] if len(wanted) >= 4 else []
            if len(found) != 1:
                raise CliError(
                    f"Balasan {given} tidak ditemukan (atau tidak unik) di antara balasan publik tiket "
                    f"{tracking_no}; lihat 'tanggap undelivered'. / No such reply on this ticket.",
                    EXIT_REFUSED,
                )
            return found[0]
        for m in replies:
            if str((m.delivery or {}).get("state")) in states:
                return m.id
    raise CliError(none_left.replace("{t}", tracking_no), EXIT_REFUSED)


def cmd_delivered(args: argparse.Namespace) -> int:
    from desktop import actions
    from desktop.delivery import NOT_ARRIVED

    how, ref = next((h, r) for h, r in (
        ("posted", args.posted), ("lapor", args.lapor), ("phoned", args.phoned), ("handed", args.handed)
    ) if r is not None)  # fmt: skip
    with _store(args) as store:
        message_id = _pick_message(
            store,
            args.tracking_no,
            args.message,
            NOT_ARRIVED,
            "Tiket {t} tidak punya balasan publik yang belum sampai ke pelapor. / No undelivered reply.",
        )
        result = _action(actions.mark_delivered, store, args.tracking_no, message_id, how, ref)
        return _acted(result, "Tanda sudah disampaikan untuk")


def cmd_resend(args: argparse.Namespace) -> int:
    from desktop import actions

    channel, recipient = ("email", args.email) if args.email else ("whatsapp", args.whatsapp or "")
    with _store(args) as store:
        message_id = _pick_message(
            store,
            args.tracking_no,
            args.message,
            ("failed",),
            "Tiket {t} tidak punya balasan yang gagal dikirim; hanya itu yang dapat dikirim ulang. "
            "/ No failed delivery to resend.",
        )
        result = _action(
            actions.resend,
            store,
            args.tracking_no,
            message_id,
            channel=channel if recipient else None,
            recipient=recipient,
        )
        return _acted(result, "Kirim ulang untuk")


def cmd_undelivered(args: argparse.Namespace) -> int:
    """The workstation's "Balasan belum sampai": same tickets, same order; under each, its replies
    that failed or wait to be passed on by hand (not those whose act already waits to sync)."""
    from sqlalchemy import select

    from db import models
    from desktop.delivery import NEEDS_OFFICER, delivery_words, waiting_delivery_ops
    from desktop.queue import QueueFilter, QueueView, fetch_page

    if args.limit < 1:
        raise CliError("--limit harus 1 atau lebih. / --limit must be at least 1.", EXIT_REFUSED)
    items: list[dict[str, Any]] = []
    with _store(args) as store:
        rows = fetch_page(store, QueueFilter(view=QueueView.UNDELIVERED), None, args.limit)
        zones = _zones(store)
        desk_zone = _desk_zone(store, zones)
        with store.read() as session:
            for row in rows:
                acted = waiting_delivery_ops(session, row.id)
                messages = session.scalars(
                    select(models.Message)
                    .where(models.Message.ticket_id == row.id, models.Message.delivery.is_not(None))
                    .order_by(models.Message.created_at)
                ).all()
                replies = [
                    {
                        "id": m.id,
                        "created_at": m.created_at,
                        "delivery": dict(m.delivery or {}),
                        "words": delivery_words(m.delivery),
                    }
                    for m in messages
                    if str((m.delivery or {}).get("state")) in NEEDS_OFFICER and m.id not in acted
                ]
                items.append(
                    {"tracking_no": row.tracking_no, "title": row.title, "channel": row.channel.value,
                     "opd_code": row.opd_code, "replies": replies}
                )  # fmt: skip
    if args.json:
        _print_json(
            [
                {**item, "replies": [
                    {"message_id": r["id"], "created_at": r["created_at"].isoformat(), "delivery": r["delivery"]}
                    for r in item["replies"]
                ]}
                for item in items
            ]
        )  # fmt: skip
        return 0
    for item in items:
        print(f"{item['tracking_no']:<28} {item['channel']:<10} {_line(item['title'])[:60]}")
        tz = zones.get(item["opd_code"], desk_zone)
        for r in item["replies"]:
            print(f"    {r['id'][:8]}  {_local(r['created_at'], tz):<21} {_line(r['words'])}")
    if not items:
        print("Semua balasan sudah sampai ke pelapor. / Every reply reached the citizen.")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    def add(name: str, help_text: str, func: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = subparsers.add_parser(name, help=help_text, description=help_text)
        _common(p)
        p.set_defaults(func=func)
        return p

    message_help = "nomor balasan (awal nomornya cukup; default: balasan publik terakhir yang belum sampai)"
    p = add("undelivered", "balasan yang belum sampai ke pelapor / replies not delivered", cmd_undelivered)
    _json_flag(p)
    p.add_argument("--limit", type=int, default=50, metavar="N")
    p = add(
        "delivered",
        "tandai balasan sudah disampaikan sendiri / mark a reply passed on by hand",
        cmd_delivered,
    )
    p.add_argument("tracking_no", metavar="TRACKING")
    p.add_argument("--message", metavar="ID", help=message_help)
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--posted", metavar="URL", help="sudah diposting: tautan unggahan")
    how.add_argument("--lapor", metavar="ID", help="tindak lanjut di SP4N-LAPOR!: nomornya")
    how.add_argument("--phoned", metavar="NOTE", help="sudah ditelepon: catatan telepon")
    how.add_argument(
        "--handed", metavar="NOTE", nargs="?", const="", help="surat jawaban sudah diserahkan (catatan boleh)"
    )
    p = add("resend", "kirim ulang balasan yang gagal / resend a failed reply", cmd_resend)
    p.add_argument("tracking_no", metavar="TRACKING")
    p.add_argument("--message", metavar="ID", help=message_help)
    to = p.add_mutually_exclusive_group()
    to.add_argument("--email", metavar="ADDR", help="ke alamat surel lain")
    to.add_argument("--whatsapp", metavar="NUMBER", help="ke nomor WhatsApp lain")
