"""The working commands: login, logout, sync, queue, show, reply, note, status, assign, transfer,
walk-in, attach, outbox, acknowledge. Everything but ``login`` and ``sync`` works offline.

JSON outputs use PROTOCOL.md's field names and are documented in ``docs/cli.md``; keep them stable.
Only the standard library is imported up front: ``tanggap`` builds every sub-parser on each run,
so the store, SQLAlchemy and the models are imported by the command that uses them.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli import CliError

if TYPE_CHECKING:
    from db import models
    from desktop.queue import QueueRow
    from desktop.store import LocalStore

EXIT_REFUSED = 1
EXIT_NETWORK = 2
EXIT_BUSY = 3
EXIT_LOGIN = 5


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir", metavar="D", default=argparse.SUPPRESS, help="folder data (default: TANGGAP_DATA_DIR)"
    )


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="keluaran JSON (lihat docs/cli.md)")


@contextmanager
def _store(args: argparse.Namespace) -> Iterator[LocalStore]:
    from sqlalchemy.exc import DBAPIError

    from db.engine import translate_error
    from desktop.settings import resolve_data_dir
    from desktop.store import LocalStore

    try:
        store = _open_store(LocalStore, resolve_data_dir(getattr(args, "data_dir", None)))
    except (DBAPIError, OSError) as exc:
        # Opening (and upgrading) happens outside a unit of work: map the user-actionable errors here.
        mapped = translate_error(exc) if isinstance(exc, DBAPIError) else None
        if mapped is None and isinstance(exc, OSError):
            mapped = translate_error(sqlite3.OperationalError(str(exc).lower() + " read-only"))
        if mapped is None:
            raise
        raise mapped from exc
    try:
        yield store
    finally:
        store.close()


def _open_store(store_class: type[LocalStore], data_dir: Path) -> LocalStore:
    """Open the store; with no keyring, and a terminal, ask for the passphrase (the explicit fallback)."""
    import getpass

    from desktop.privacy import PassphraseNeeded

    try:
        return store_class.open(data_dir)
    except PassphraseNeeded as exc:
        if not sys.stdin.isatty():
            raise
        print(str(exc), file=sys.stderr)
        phrase = getpass.getpass("Frasa sandi / passphrase: ")
        if exc.new and getpass.getpass("Ulangi frasa sandi / again: ") != phrase:
            raise CliError("Frasa sandi tidak sama; tidak ada yang disimpan. / Passphrases differ.") from None
        return store_class.open(data_dir, passphrase=phrase)


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def _iso(value: datetime | None) -> str | None:
    from db.models import NO_DEADLINE

    return None if value is None or value == NO_DEADLINE else value.isoformat()


def _zones(store: LocalStore) -> dict[str, str]:
    """Each OPD's zone, for times people read (the store keeps UTC)."""
    from sqlalchemy import select

    from db import models

    with store.read() as session:
        return dict(session.execute(select(models.Opd.code, models.Opd.tz)).tuples().all())


def _desk_zone(store: LocalStore, zones: dict[str, str]) -> str:
    from desktop.session import load_identity

    identity = load_identity(store)
    return zones.get(identity.opd_code, "Asia/Jakarta") if identity is not None else "Asia/Jakarta"


def _local(value: datetime | None, tz: str) -> str:
    """``02/12/2026 10.00 WIB``: a time as the OPD reads it, with its zone; ``-`` for none."""
    from db.models import NO_DEADLINE
    from desktop.wording import format_datetime_short

    if value is None or value == NO_DEADLINE:
        return "-"
    return format_datetime_short(value, tz)


def _safe(text: str | None) -> str:
    """Complaint text for a terminal: control characters escaped, never acted on; Word bullets
    as the characters they stand for."""
    from desktop.wording import escape_controls, normalise_word_symbols

    return escape_controls(normalise_word_symbols(text or ""))


def _line(text: str | None) -> str:
    """Complaint text on one line of a table: newlines escaped too."""
    from desktop.wording import escape_controls, normalise_word_symbols

    return escape_controls(normalise_word_symbols(text or ""), keep_newlines=False)


def _action(fn: Callable[..., Any], *a: Any, **kw: Any) -> Any:
    from desktop.actions import ActionRefused
    from desktop.session import NotLoggedIn

    try:
        return fn(*a, **kw)
    except ActionRefused as exc:
        raise CliError(str(exc), EXIT_REFUSED) from None
    except NotLoggedIn as exc:
        raise CliError(str(exc), EXIT_LOGIN) from None


# -- login / logout / sync ----------------------------------------------------------------------


def cmd_login(args: argparse.Namespace) -> int:
    from desktop.credentials import CredentialsUnavailable
    from desktop.session import LoginFailed, login

    if not args.password_stdin:
        raise CliError("Berikan kata sandi lewat standard input dengan --password-stdin.", EXIT_REFUSED)
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise CliError("Kata sandi kosong. / Empty password.", EXIT_REFUSED)
    with _store(args) as store:
        try:
            identity, _ = login(store, args.server, args.username, password, args.device_name)
        except LoginFailed as exc:
            raise CliError(str(exc), EXIT_LOGIN) from None
        except CredentialsUnavailable as exc:
            raise CliError(f"{exc} Pasang atau buka kunci keyring sistem.", EXIT_LOGIN) from None
    print(
        f"Masuk sebagai {identity.username} ({identity.role.value}, {identity.opd_code}), meja {identity.desk_code}."
    )
    return 0


def cmd_logout(args: argparse.Namespace) -> int:
    from desktop.session import logout, logout_preview

    with _store(args) as store:
        preview = logout_preview(store)
        print(preview.message)
        if preview.waiting_ops and not args.yes and sys.stdin.isatty():
            answer = input("Lanjutkan keluar? [y/T] ").strip().lower()
            if answer not in ("y", "ya", "yes"):
                print("Batal; tetap masuk. / Cancelled.")
                return EXIT_REFUSED
        logout(store)
    print("Keluar. Data pelapor telah dihapus dari komputer ini. / Logged out; reporters' data removed.")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from desktop.sync.run import SyncResult, sync_desk

    with _store(args) as store:
        outcome = sync_desk(store)
    exit_code = {
        SyncResult.NOT_LOGGED_IN: EXIT_LOGIN,
        SyncResult.AUTH_EXPIRED: EXIT_LOGIN,
        SyncResult.BUSY: EXIT_BUSY,
        SyncResult.FAILED: EXIT_NETWORK,
    }.get(outcome.result)
    report = outcome.report
    if outcome.result is SyncResult.FAILED and report is not None:
        raise CliError(
            f"Sinkronisasi terhenti: {outcome.message} (terkirim {report.pushed}, diterima {report.pulled}).",
            EXIT_NETWORK,
        )
    if exit_code is not None or report is None:
        raise CliError(outcome.message, exit_code or EXIT_NETWORK)
    if args.json:
        _print_json(
            {
                "pushed": report.pushed,
                "applied": report.applied,
                "conflicts": report.conflicts,
                "pulled": report.pulled,
                "revoked": report.revoked,
                "snapshot": report.snapshot,
                "attachments_cached": report.attachments_cached,
                "history": report.history,
                "open_work_seconds": round(report.open_work_seconds, 3),
            }
        )
    else:
        print(
            f"pushed {report.pushed}, applied {report.applied}, conflicts {report.conflicts}, "
            f"pulled {report.pulled}"
            + (f", archived {report.revoked}" if report.revoked else "")
            + (f", history {report.history}" if report.history else "")
            + (f", attachments cached {report.attachments_cached}" if report.attachments_cached else "")
        )
    return 0


# -- reading ------------------------------------------------------------------------------------


def queue_item(row: QueueRow) -> dict[str, Any]:
    """A line of ``desktop.queue.fetch_page`` (the workstation's queue) as docs/cli.md documents it."""
    return {
        "tracking_no": row.tracking_no,
        "id": row.id,
        "status": row.status.value,
        "title": row.title,
        "channel": row.channel.value,
        "opd_code": row.opd_code,
        "assignee": row.assignee,
        "received_at": _iso(row.received_at),
        "next_deadline": _iso(row.next_deadline),
        "next_stage": row.next_stage.value if row.next_stage is not None else None,
        "pending_ops": row.pending_ops,
    }


def cmd_queue(args: argparse.Namespace) -> int:
    """The workstation's "Semua di OPD" view (or "Antrean saya" with ``--mine``): the same query, same order."""
    from desktop.queue import QueueFilter, QueueView, fetch_page
    from desktop.session import load_identity

    if args.limit < 1:
        raise CliError("--limit harus 1 atau lebih. / --limit must be at least 1.", EXIT_REFUSED)
    with _store(args) as store:
        flt = QueueFilter(view=QueueView.ALL)
        if args.mine:
            identity = load_identity(store)
            if identity is None:
                raise CliError("--mine perlu login dulu (tanggap login).", EXIT_LOGIN)
            flt = QueueFilter(view=QueueView.MINE, me=identity.username)
        rows = fetch_page(store, flt, None, args.limit)
        items = [queue_item(r) for r in rows]
        zones = _zones(store)
        desk_zone = _desk_zone(store, zones)
    if args.json:
        _print_json(items)
        return 0
    for item, row in zip(items, rows, strict=True):
        due = _local(row.next_deadline, zones.get(row.opd_code, desk_zone))
        flag = " *" if item["pending_ops"] else ""
        print(
            f"{item['tracking_no']:<28} {item['status']:<16} {due:<21} {item['next_stage'] or '-':<15} "
            f"{_line(item['title'])[:60]}{flag}"
        )
    if not items:
        print("Antrean kosong.")
    return 0


def ticket_json(row: models.Ticket, op_states: dict[str, str]) -> dict[str, Any]:
    from desktop.domain import Feedback

    feedback = Feedback.from_json(row.feedback)
    reporter = (
        {"name": row.reporter_name, "contact": row.reporter_contact or ""}
        if row.reporter_name is not None
        else None
    )
    return {
        "id": row.id,
        "tracking_no": row.tracking_no,
        "channel": row.channel,
        "external_ref": row.external_ref,
        "confidentiality": row.confidentiality,
        "reporter": reporter,
        "title": row.title,
        "body": row.body,
        "category_code": row.category_code,
        "location": row.location,
        "opd_code": row.opd_code,
        "assignee": row.assignee,
        "status": row.status,
        "received_at": _iso(row.received_at),
        "verified_at": _iso(row.verified_at),
        "first_response_at": _iso(row.first_response_at),
        "assigned_at": _iso(row.assigned_at),
        "resolved_at": _iso(row.resolved_at),
        "closed_at": _iso(row.closed_at),
        "paused_since": _iso(row.paused_since),
        "paused_seconds": row.paused_seconds,
        "deadlines": {
            "verification": _iso(row.dl_verification),
            "first_response": _iso(row.dl_first_response),
            "follow_up": _iso(row.dl_follow_up),
            "resolution": _iso(row.dl_resolution),
        },
        "version": row.version,
        "next_deadline": _iso(row.next_deadline),
        "next_stage": row.next_stage,
        "archived": row.archived,
        "pending_ops": row.pending_ops,
        "feedback": feedback.to_json() if feedback is not None else None,
        "messages": [
            {
                "id": m.id,
                "kind": m.kind,
                "author": m.author,
                "body": m.body,
                "created_at": _iso(m.created_at),
                "conflict": m.conflict,
                "op_id": m.op_id,
                # sent: on the server; otherwise the state of the op that carries it
                "state": "sent" if m.op_id is None else op_states.get(m.op_id, "pending"),
                # a public reply's way to the citizen, as the server last said (docs/channels.md)
                "delivery": m.delivery or None,
            }
            for m in row.messages
        ],
        "attachments": [
            {"id": a.id, "filename": a.filename, "mime": a.mime, "size": a.size, "sha256": a.sha256}
            for a in row.attachments
        ],
    }


KIND_LABEL = {"reply": "BALASAN PUBLIK", "note": "CATATAN INTERNAL", "event": "peristiwa"}


def cmd_show(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from db import models
    from db.repositories import TicketRepository
    from desktop.delivery import delivery_words

    with _store(args) as store:
        with store.read() as session:
            row = TicketRepository(session).by_tracking_no(args.tracking_no)
            if row is None:
                raise CliError(
                    f"Tiket {args.tracking_no} tidak ada di meja ini. / Ticket not found.", EXIT_REFUSED
                )
            op_ids = [m.op_id for m in row.messages if m.op_id]
            states = dict(
                session.execute(
                    select(models.OutboxOp.op_id, models.OutboxOp.state).where(
                        models.OutboxOp.op_id.in_(op_ids)
                    )
                ).all()
            )
            data = ticket_json(row, states)
            from desktop.incident_view import incident_of

            incident = incident_of(session, row)
            data["incident"] = (
                None
                if incident is None
                else {
                    "id": incident.id,
                    "title": incident.title,
                    "tracking_numbers": list(incident.tracking_numbers),
                }
            )
            next_deadline, received_at = row.next_deadline, row.received_at
            message_times = [m.created_at for m in row.messages]
        tz = _zones(store).get(data["opd_code"], "Asia/Jakarta")
    if args.json:
        _print_json(data)
        return 0
    # Everything from the complaint goes through _safe/_line: a "\x1b[2J" in a tweet must not
    # clear the officer's terminal.
    print(f"{data['tracking_no']}  [{data['status']}]{'  (ARSIP)' if data['archived'] else ''}")
    print(f"Judul   : {_line(data['title'])}")
    print(f"Diterima: {_local(received_at, tz)}")
    if data["reporter"]:
        print(f"Pelapor : {_line(data['reporter']['name'])} {_line(data['reporter']['contact'])}")
    print(f"OPD     : {data['opd_code']}  Petugas: {data['assignee'] or '-'}  Kanal: {data['channel']}")
    due = _local(next_deadline, tz) if next_deadline is not None else ""
    print(f"Tenggat : {data['next_stage'] or '-'} {due if data['next_deadline'] else ''}".rstrip())
    if incident is not None:
        print(f"Masalah : {_line(incident.words().removeprefix('Bagian dari masalah: '))}")
    if data["pending_ops"]:
        print(f"Menunggu sinkronisasi: {data['pending_ops']} op")
    if data["feedback"] is not None:
        print(_feedback_lines(data["feedback"], tz))
    print()
    print(_safe(data["body"]))
    for m, created_at in zip(data["messages"], message_times, strict=True):
        state = "" if m["state"] == "sent" else f" ({m['state']})"
        flag = f" [{m['conflict']}]" if m["conflict"] else ""
        # The id's start is what 'tanggap delivered/resend --message' takes.
        way = f" #{m['id'][:8]} \u00b7 {_line(delivery_words(m['delivery']))}" if m["delivery"] else ""
        print(
            f"\n--- {KIND_LABEL.get(m['kind'], m['kind'])} {m['author']} {_local(created_at, tz)}{state}{flag}{way}"
        )
        print(_safe(m["body"]))
    return 0


def _feedback_lines(value: dict[str, Any], tz: str) -> str:
    """The citizen's answer on the public page: the summary line, the comment indented below it."""
    from desktop.domain import Feedback
    from desktop.satisfaction import feedback_comment, feedback_line

    feedback = Feedback.from_json(value)
    if feedback is None:
        return ""
    comment = feedback_comment(feedback)
    lines = [feedback_line(feedback, tz)]
    if comment:
        lines += ["          " + line for line in _safe(comment).splitlines()]
    return "\n".join(lines)


# -- acting -------------------------------------------------------------------------------------


def _incident_flag(p: argparse.ArgumentParser, help_text: str) -> None:
    p.add_argument("--incident", action="store_true", help=help_text)


def _acted(result: Any, what: str) -> int:
    print(f"{what} {result.tracking_no} disimpan; menunggu sinkronisasi (op {result.op_id}).")
    return 0


def _acted_all(results: list[Any], what: str) -> int:
    for result in results:
        _acted(result, what)
    print(f"{len({r.ticket_id for r in results})} pengaduan masalah ini; kirim dengan 'tanggap sync'.")
    return 0


def cmd_reply(args: argparse.Namespace) -> int:
    from desktop import actions, incidents

    with _store(args) as store:
        if args.incident:  # answer once: one reply per linked ticket (docs/incidents.md)
            return _acted_all(_action(incidents.reply, store, args.tracking_no, args.text), "Balasan untuk")
        return _acted(_action(actions.reply, store, args.tracking_no, args.text), "Balasan untuk")


def cmd_note(args: argparse.Namespace) -> int:
    from desktop import actions

    with _store(args) as store:
        return _acted(_action(actions.note, store, args.tracking_no, args.text), "Catatan untuk")


def cmd_attach(args: argparse.Namespace) -> int:
    from desktop import actions

    with _store(args) as store:
        return _acted(_action(actions.attach, store, args.tracking_no, args.file), "Lampiran untuk")


def cmd_status(args: argparse.Namespace) -> int:
    from desktop import actions

    with _store(args) as store:
        if args.incident:
            from desktop import incidents

            results = _action(
                incidents.set_status, store, args.tracking_no, args.status, reason=args.reason or ""
            )
            return _acted_all(results, f"Status {args.status} untuk")
        result = _action(actions.set_status, store, args.tracking_no, args.status, reason=args.reason or "")
        return _acted(result, f"Status {args.status} untuk")


def cmd_assign(args: argparse.Namespace) -> int:
    """``assign T1 [T2 ...] USERNAME``: one op per ticket, all in one transaction (all or none)."""
    from desktop import actions

    *numbers, username = args.tickets_then_username
    if not numbers:
        raise CliError("Sebutkan nomor tiket lalu nama pengguna petugas. / Give tickets, then a username.")
    with _store(args) as store:
        results = _action(actions.assign_many, store, numbers, username)
    for result in results:
        _acted(result, "Penugasan")
    if len(results) > 1:
        print(f"{len(results)} tiket ditugaskan ke {username}; kirim dengan 'tanggap sync'.")
    return 0


def cmd_transfer(args: argparse.Namespace) -> int:
    from desktop import actions

    with _store(args) as store:
        result = _action(actions.transfer, store, args.tracking_no, args.opd_code, reason=args.reason)
        return _acted(result, "Pengalihan")


def cmd_walk_in(args: argparse.Namespace) -> int:
    from desktop import actions

    with _store(args) as store:
        result = _action(
            actions.walk_in,
            store,
            name=args.name,
            contact=args.contact,
            title=args.title,
            body=args.body,
            category=args.category,
            confidentiality=args.confidentiality,
            files=args.attach,
        )
    print(result.tracking_no)  # alone on stdout, so a script can capture it
    return 0


def op_json(op: models.OutboxOp) -> dict[str, Any]:
    return {
        "op_id": op.op_id,
        "seq": op.seq,
        "type": op.type,
        "ticket_id": op.ticket_id,
        "tracking_no": op.tracking_no,
        "state": op.state,
        "reason": None
        if op.reason_code is None
        else {"code": op.reason_code, "message": op.reason_message or ""},
        "attempts": op.attempts,
        "last_error": op.last_error,
        "created_at": _iso(op.created_at),
        "answered_at": _iso(op.answered_at),
    }


def cmd_outbox(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from db import models
    from desktop import domain as d
    from desktop.sync import outbox
    from desktop.sync.status import sync_status

    with _store(args) as store:
        status = sync_status(store)
        desk_zone = _desk_zone(store, _zones(store))
        with store.read() as session:
            waiting = list(outbox.waiting_ops(session))
            attention = session.scalars(
                select(models.OutboxOp)
                .where(
                    models.OutboxOp.state.in_([s.value for s in d.OpState if s.needs_attention]),
                    models.OutboxOp.acknowledged_at.is_(None),
                )
                .order_by(models.OutboxOp.seq)
            ).all()
            notices = session.scalars(
                select(models.SyncNotice)
                .where(models.SyncNotice.acknowledged_at.is_(None))
                .order_by(models.SyncNotice.id)
            ).all()
            ops = [op_json(op) for op in [*waiting, *attention]]
            notice_items = [
                {
                    "id": n.id,
                    "kind": n.kind,
                    "code": n.code,
                    "message": n.message,
                    "tracking_no": n.tracking_no,
                    "op_id": n.op_id,
                    "created_at": _iso(n.created_at),
                }
                for n in notices
            ]
    if args.json:
        _print_json(
            {
                "status": {
                    "logged_in": status.logged_in,
                    "online": status.online,
                    "ops_waiting": status.ops_waiting,
                    "needs_attention": status.needs_attention,
                    "last_success_at": _iso(status.last_success_at),
                    "last_error": status.last_error,
                    "next_retry_at": _iso(status.next_retry_at),
                    "failures": status.failures,
                    "failing_since": _iso(status.failing_since),
                    "keeps_failing": status.keeps_failing,
                    "failure_report": status.failure_report,
                    "summary": status.summary,
                },
                "ops": ops,
                "notices": notice_items,
            }
        )
        return 0
    print(_connection_summary(status, desk_zone))
    if status.failure_report and not status.keeps_failing:
        print(status.failure_report)
    for op in ops:
        reason = f"  {op['reason']['code']}: {op['reason']['message']}" if op["reason"] else ""
        err = f"  ({op['last_error']})" if op["last_error"] and op["state"] == "pending" else ""
        print(f"{op['seq']:>6} {op['state']:<9} {op['type']:<13} {op['tracking_no']}{reason}{err}")
    for n in notice_items:
        print(f"[{n['id']}] {n['kind']}: {n['message']}")
    return 0


def _connection_summary(status: Any, tz: str) -> str:
    """The status line without "Tersambung": the store only knows how the last attempt went, not
    whether the server answers now, so it says when the desk last reached it."""
    text = str(status.summary)
    if status.logged_in and not status.last_error and status.online and status.last_success_at:
        text = text.replace("Tersambung", f"Terakhir tersambung {_local(status.last_success_at, tz)}", 1)
    return text


def cmd_acknowledge(args: argparse.Namespace) -> int:
    from desktop import actions

    with _store(args) as store:
        if args.all:
            actions.acknowledge_all(store)
        elif args.ids:
            actions.acknowledge(store, args.ids)
        else:
            raise CliError("Sebutkan nomor pemberitahuan, atau --all.", EXIT_REFUSED)
    print("Pemberitahuan ditandai sudah dibaca.")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    def add(name: str, help_text: str, func: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = subparsers.add_parser(name, help=help_text, description=help_text)
        _common(p)
        p.set_defaults(func=func)
        return p

    p = add("login", "masuk ke server / log in", cmd_login)
    p.add_argument("--server", required=True, metavar="URL")
    p.add_argument("--username", required=True, metavar="U")
    p.add_argument("--password-stdin", action="store_true", help="baca kata sandi dari standard input")
    p.add_argument("--device-name", default=None, help=argparse.SUPPRESS)
    logout_parser = add(
        "logout", "keluar dan hapus data pelapor; op yang belum terkirim tetap disimpan / log out", cmd_logout
    )
    logout_parser.add_argument("--yes", action="store_true", help="jangan bertanya / do not ask")
    p = add("sync", "sinkronkan sekarang / sync now", cmd_sync)
    _json_flag(p)
    p = add("queue", "antrean tiket terbuka, paling mendesak dulu / open tickets by urgency", cmd_queue)
    _json_flag(p)
    p.add_argument("--limit", type=int, default=50, metavar="N")
    p.add_argument("--mine", action="store_true", help="hanya tiket saya / only mine")
    p = add("show", "tampilkan tiket / show a ticket", cmd_show)
    p.add_argument("tracking_no", metavar="TRACKING")
    _json_flag(p)
    p = add("reply", "balasan publik / public reply", cmd_reply)
    p.add_argument("tracking_no", metavar="TRACKING")
    p.add_argument("text", metavar="TEXT")
    _incident_flag(p, "balas sekali untuk semua pengaduan masalah tiket ini / answer its incident once")
    p = add("note", "catatan internal / internal note", cmd_note)
    p.add_argument("tracking_no", metavar="TRACKING")
    p.add_argument("text", metavar="TEXT")
    p = add("attach", "lampirkan berkas (maks. 5 MB) / attach a file (max. 5 MB)", cmd_attach)
    p.add_argument("tracking_no", metavar="TRACKING")
    p.add_argument("file", metavar="FILE")
    p = add("status", "ubah status / change status", cmd_status)
    p.add_argument("tracking_no", metavar="TRACKING")
    p.add_argument("status", metavar="STATUS")
    p.add_argument("--reason", metavar="R", default="")
    _incident_flag(p, "ubah semua pengaduan masalah tiket ini / every ticket of its incident")
    p = add(
        "assign",
        "tugaskan satu atau beberapa tiket (supervisor) / assign one or more tickets",
        cmd_assign,
    )
    p.add_argument("tickets_then_username", nargs="+", metavar="TRACKING... USERNAME")
    p = add("transfer", "alihkan ke OPD lain (supervisor) / transfer", cmd_transfer)
    p.add_argument("tracking_no", metavar="TRACKING")
    p.add_argument("opd_code", metavar="OPD_CODE")
    p.add_argument("--reason", metavar="R", required=True)
    p = add("walk-in", "catat pengaduan tatap muka / register a walk-in complaint", cmd_walk_in)
    p.add_argument("--name", required=True, metavar="N")
    p.add_argument("--contact", required=True, metavar="C")
    p.add_argument("--title", required=True, metavar="T")
    p.add_argument("--body", required=True, metavar="B")
    p.add_argument("--category", default=None, metavar="C")
    p.add_argument("--confidentiality", choices=("public", "anonim", "rahasia"), default="public")
    p.add_argument(
        "--attach", action="append", default=[], metavar="FILE", help="berkas pendukung (boleh berulang)"
    )
    p = add("outbox", "op tertunda, konflik dan penolakan / pending ops, conflicts, rejections", cmd_outbox)
    _json_flag(p)
    p = add("acknowledge", "tandai pemberitahuan sudah dibaca / acknowledge notices", cmd_acknowledge)
    p.add_argument("ids", nargs="*", type=int, metavar="ID")
    p.add_argument("--all", action="store_true")
