"""``tanggap similar TRACKING``: tickets of this desk that are probably the same problem, offline.

Best first, one per line: tracking number, score (0..1) and why. ``--json`` prints a list of
``{"tracking_no", "score", "why"}``. Unknown tracking number: one line on stderr, exit code 1.
"""

from __future__ import annotations

import argparse
import json
import sys

from desktop.cli import CliError

EXIT_REFUSED = 1


def _limit(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if not 1 <= n <= 100:
        raise argparse.ArgumentTypeError(f"--limit: {value!r} harus bilangan 1..100 / must be 1..100")
    return n


def _run(args: argparse.Namespace) -> int:
    from desktop.cli.sync_commands import _store
    from desktop.similar import desk_candidates

    with _store(args) as store, store.write(durable=False) as session:
        try:
            found = desk_candidates(session.connection(), args.tracking_no.strip(), limit=args.limit)
        except LookupError:
            raise CliError(
                f"Tiket {args.tracking_no} tidak ada di meja ini. / Ticket not found.", EXIT_REFUSED
            ) from None
    if args.json:
        rows = [{"tracking_no": c.tracking_no, "score": c.score, "why": c.why} for c in found]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif not found:
        sys.stdout.write("Tidak ada pengaduan yang mirip. / No similar complaints.\n")
    else:
        for c in found:
            sys.stdout.write(f"{c.tracking_no}\t{c.score:.2f}\t{c.why}\n")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    help_text = "pengaduan lain yang mungkin masalah yang sama (luring)"
    p: argparse.ArgumentParser = subparsers.add_parser("similar", help=help_text, description=help_text)
    p.add_argument("tracking_no", metavar="TRACKING")
    p.add_argument("--json", action="store_true", help="keluaran JSON (lihat docs/cli.md)")
    p.add_argument(
        "--limit", type=_limit, default=10, metavar="N", help="paling banyak N (1..100, bawaan 10)"
    )
    p.add_argument(
        "--data-dir", metavar="D", default=argparse.SUPPRESS, help="folder data (default: TANGGAP_DATA_DIR)"
    )
    p.set_defaults(func=_run)
