"""``tanggap-server``: init-db, create-opd, opd-mailbox, create-user, seed, serve, unlock-login, maintenance, deliver."""

from __future__ import annotations

import argparse
import os
import sys

from desktop.domain import Role
from server.db import DATABASE_URL_ENV, default_database_url, make_engine, normalise_url


def _engine(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The database, brought to the current schema first: no command needs init-db before it."""
    from server.migrate import upgrade_to_head

    engine = make_engine(args.database)
    upgrade_to_head(engine)
    return engine


def cmd_init_db(args: argparse.Namespace) -> int:
    engine = _engine(args)
    print(f"Database ready: {engine.url.render_as_string(hide_password=True)}")
    return 0


def cmd_create_opd(args: argparse.Namespace) -> int:
    from server.db import write_unit
    from server.models import OpdRow

    with write_unit(_engine(args)) as unit:
        if unit.session.get(OpdRow, args.code) is not None:
            print(f"OPD {args.code} already exists.", file=sys.stderr)
            return 1
        unit.session.add(
            OpdRow(code=args.code, name=args.name, region=args.region, tz=args.tz, address="", status_url="")
        )
    print(f"Created OPD {args.code}.")
    return 0


def cmd_opd_mailbox(args: argparse.Namespace) -> int:
    """An OPD's own complaint mailbox and From address (docs/channels.md). The IMAP URL carries a
    password: it is read on standard input, never from the command line, and never printed."""
    from email.utils import parseaddr

    from server.db import write_unit
    from server.delivery.imap import ImapUrlError, Mailbox
    from server.models import OpdRow

    url = None
    if args.imap_url_stdin:
        url = sys.stdin.readline().strip()
        try:
            Mailbox.parse(url)
        except ImapUrlError as exc:
            print(exc, file=sys.stderr)
            return 2
    if args.mail_from is not None and args.mail_from and "@" not in parseaddr(args.mail_from)[1]:
        print(
            f"--mail-from needs an address, like 'Dinas Kesehatan <pengaduan@...>': {args.mail_from!r}",
            file=sys.stderr,
        )
        return 2
    with write_unit(_engine(args)) as unit:
        opd = unit.session.get(OpdRow, args.code)
        if opd is None:
            print(f"Unknown OPD {args.code}; create it first (create-opd).", file=sys.stderr)
            return 1
        if args.clear:
            opd.mail_imap_url, opd.mail_from = "", ""
        if url is not None:
            opd.mail_imap_url = url
        if args.mail_from is not None:
            opd.mail_from = args.mail_from
        imap, mail_from = opd.mail_imap_url, opd.mail_from
    shown = Mailbox.parse(imap) if imap else None
    print(
        f"OPD {args.code}: mailbox "
        + (
            f"{shown.user}@{shown.host}:{shown.port}/{shown.folder}"
            if shown
            else "none (TANGGAP_IMAP_URL serves it)"
        )
        + f"; From {mail_from or 'TANGGAP_MAIL_FROM'}."
    )
    return 0


def cmd_create_user(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import IntegrityError

    from server.db import write_unit
    from server.models import OpdRow
    from server.security import create_officer

    if not args.password_stdin:
        print("Give the password on standard input with --password-stdin.", file=sys.stderr)
        return 2
    password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < 8:
        print("The password must have at least 8 characters.", file=sys.stderr)
        return 2
    try:
        with write_unit(_engine(args)) as unit:
            if unit.session.get(OpdRow, args.opd) is None:
                print(f"Unknown OPD {args.opd}; create it first (create-opd).", file=sys.stderr)
                return 1
            create_officer(
                unit.session, args.username, args.name or args.username, Role(args.role), args.opd, password
            )
    except IntegrityError:
        print(f"User {args.username} already exists.", file=sys.stderr)
        return 1
    print(f"Created {args.role} {args.username} at {args.opd}.")
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    from server.seed import seed

    logins = seed(_engine(args), args.tickets, args.seed)
    print(f"Seeded {args.tickets} complaints (seed {args.seed}). Demo logins:")
    for username, password, role in logins[: args.show_logins]:
        print(f"  {role:<10} {username:<28} {password}")
    if len(logins) > args.show_logins:
        print(f"  ... and {len(logins) - args.show_logins} more (--show-logins N to list them)")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    os.environ[DATABASE_URL_ENV] = normalise_url(args.database)
    uvicorn.run(
        "server.asgi:build",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=True,
        log_level=args.log_level,
    )
    return 0


def cmd_maintenance(args: argparse.Namespace) -> int:
    from server.jobs import run_maintenance
    from server.sla_service import SlaDirectoryCache

    engine = _engine(args)
    retention = args.retention_days or int(os.environ.get("TANGGAP_CHANGE_RETENTION_DAYS", "30"))
    report = run_maintenance(engine, SlaDirectoryCache(engine), retention)
    print(
        f"Closed {report.closed} tickets after the rebuttal window; pruned {report.pruned_changes} change-log rows"
        f", {report.pruned_blobs} unattached uploads and {report.pruned_upload_records} old upload records."
    )
    return 0


def cmd_unlock_login(args: argparse.Namespace) -> int:
    """Clear a login lock at once (a locked user without a known desk, an office's shared address)."""
    import sqlalchemy as sa

    from server.db import write_unit
    from server.models import LoginThrottleRow
    from server.security import address_key, user_key

    keys = [user_key(u) for u in args.username] + [address_key(a) for a in args.address]
    if not keys:
        print("Give --username and/or --address.", file=sys.stderr)
        return 2
    with write_unit(_engine(args)) as unit:
        cleared = (
            unit.session.execute(sa.select(LoginThrottleRow.key).where(LoginThrottleRow.key.in_(keys)))
            .scalars()
            .all()
        )
        unit.session.execute(sa.delete(LoginThrottleRow).where(LoginThrottleRow.key.in_(keys)))
    print(f"Cleared {len(cleared)} login counter(s): {', '.join(sorted(cleared)) or 'none were set'}.")
    return 0


def cmd_deliver(args: argparse.Namespace) -> int:
    import logging

    from server.delivery.service import DeliveryService, imap_interval_from_env, interval_from_env
    from server.sla_service import SlaDirectoryCache

    engine = _engine(args)
    service = DeliveryService(
        engine, SlaDirectoryCache(engine), imap_interval=None if args.once else imap_interval_from_env()
    )
    if args.once:
        counts = service.run_pass()
        print(
            "Delivery pass: " + (", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "nothing to do")
        )
        return 0
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    interval = args.interval or interval_from_env() or 5.0
    print(f"Delivering every {interval:g} s (stop with Ctrl+C); set TANGGAP_DELIVERY_SECONDS=0 on serve.")
    try:
        service.run_forever(interval)
    except KeyboardInterrupt:
        return 0
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tanggap-server", description="Tanggap central server")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--database",
        default=None,
        help=f"SQLAlchemy URL (postgresql+psycopg://... or sqlite:///file); default ${DATABASE_URL_ENV} or a SQLite file",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init-db", parents=[common], help="create or migrate the schema").set_defaults(
        func=cmd_init_db
    )
    p = sub.add_parser("create-opd", parents=[common], help="add an OPD")
    p.add_argument("--code", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--region", default="")
    p.add_argument("--tz", default="Asia/Jakarta")
    p.set_defaults(func=cmd_create_opd)
    p = sub.add_parser(
        "opd-mailbox", parents=[common], help="an OPD's own complaint mailbox (IMAP URL on stdin) and From"
    )
    p.add_argument("--code", required=True)
    p.add_argument("--imap-url-stdin", action="store_true", help="read imaps://user:pass@host/INBOX on stdin")
    p.add_argument("--mail-from", default=None, help='"Dinas Kesehatan <pengaduan@dinkes.example.go.id>"')
    p.add_argument("--clear", action="store_true", help="back to the server's mailbox and From")
    p.set_defaults(func=cmd_opd_mailbox)
    p = sub.add_parser("create-user", parents=[common], help="add an officer (password on stdin)")
    p.add_argument("--username", required=True)
    p.add_argument("--name", default="")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--opd", required=True)
    p.add_argument("--password-stdin", action="store_true")
    p.set_defaults(func=cmd_create_user)
    p = sub.add_parser("seed", parents=[common], help="a believable Banyuwangi directory and N complaints")
    p.add_argument("--tickets", type=int, default=1000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--show-logins", type=int, default=12)
    p.set_defaults(func=cmd_seed)
    p = sub.add_parser("serve", parents=[common], help="run the HTTP server (uvicorn)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--log-level", default="info")
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser(
        "unlock-login", parents=[common], help="clear the failed-login count of users or addresses"
    )
    p.add_argument("--username", action="append", default=[])
    p.add_argument("--address", action="append", default=[])
    p.set_defaults(func=cmd_unlock_login)
    p = sub.add_parser("maintenance", parents=[common], help="close after rebuttal, prune the change log")
    p.add_argument("--retention-days", type=int, default=None)
    p.set_defaults(func=cmd_maintenance)
    p = sub.add_parser(
        "deliver", parents=[common], help="send replies and read the mailboxes (a worker of its own)"
    )
    p.add_argument("--once", action="store_true", help="one pass, then exit (for a timer)")
    p.add_argument("--interval", type=float, default=None, help="seconds between passes (default 5)")
    p.set_defaults(func=cmd_deliver)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.database = normalise_url(args.database or default_database_url())
    from sqlalchemy.exc import OperationalError

    try:
        return int(args.func(args))
    except OperationalError as exc:
        # An unreachable or refused database is the administrator's to fix: say so in one line.
        print(f"Database error: {str(exc.orig).strip().splitlines()[0]}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
