"""``tanggap receipt`` and ``tanggap report``: PDFs from the local store, offline.

Both print the written path alone on stdout (so a script can pick it up); a mistake the user can
fix (unknown tracking number, bad dates, an unwritable ``--out``, an officer out of scope) is one
line on stderr and exit code 1; not logged in (for ``report``) is exit code 5.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli import CliError
from desktop.labels import LAYOUTS
from desktop.settings import Settings, resolve_data_dir

if TYPE_CHECKING:
    from desktop.store import LocalStore

EXIT_REFUSED = 1
EXIT_LOGIN = 5

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@contextmanager
def _store(args: argparse.Namespace) -> Iterator[LocalStore]:
    from sqlalchemy.exc import DBAPIError

    from db.engine import translate_error
    from desktop.store import LocalStore  # with SQLAlchemy: only for the command that runs

    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    try:
        store = LocalStore.open(data_dir)
    except DBAPIError as exc:
        mapped = translate_error(exc)
        if mapped is None:
            raise
        raise mapped from exc
    except OSError as exc:
        raise CliError(f"Folder data {data_dir} tidak dapat dibuka: {exc.strerror or exc}.", 4) from None
    try:
        yield store
    finally:
        store.close()


def _lang(args: argparse.Namespace) -> str:
    if getattr(args, "lang", None):
        return str(args.lang)
    return Settings.load(resolve_data_dir(getattr(args, "data_dir", None))).language


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def parse_day(value: str, flag: str) -> date:
    """A calendar day written YYYY-MM-DD; anything else is a one-line error naming the flag."""
    text = value.strip()
    if _DATE_RE.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise CliError(
        f"{flag}: tanggal {value!r} tidak sah; tulis TTTT-BB-HH, mis. 2026-03-01. / Invalid date.",
        EXIT_REFUSED,
    )


@contextmanager
def _output(path_arg: str) -> Iterator[tuple[Path, list[bytes]]]:
    """Claim ``--out`` before the work starts, write the bytes put in the list atomically at the end.

    A crash or an error mid-way leaves any existing file untouched and no half-written PDF.
    """
    path = Path(path_arg).expanduser()
    if path.is_dir():
        raise CliError(f"--out {path} adalah folder; berikan nama berkas, mis. {path / 'laporan.pdf'}.")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise CliError(
            f"--out {path} tidak dapat ditulis: {exc.strerror or exc}. / Cannot write the output file.",
            EXIT_REFUSED,
        ) from None
    tmp = Path(tmp_name)
    handle = os.fdopen(fd, "wb")
    content: list[bytes] = []
    try:
        yield path, content
        try:
            handle.write(b"".join(content))
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; a PDF is an ordinary file
            os.replace(tmp, path)
        except OSError as exc:
            raise CliError(
                f"--out {path} tidak dapat ditulis: {exc.strerror or exc}. / Cannot write the output file.",
                EXIT_REFUSED,
            ) from None
    finally:
        handle.close()
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def cmd_receipt(args: argparse.Namespace) -> int:
    from desktop.documents import DocumentError, receipt_pdf
    from desktop.session import load_identity

    lang = _lang(args)
    with _store(args) as store, _output(args.out) as (path, content):
        viewer = load_identity(store)
        try:
            content.append(
                receipt_pdf(
                    store,
                    args.tracking_no,
                    args.layout,
                    viewer=viewer,
                    lang=lang,
                    show_identity=args.with_identity,
                )
            )
        except DocumentError as exc:
            raise CliError(str(exc), EXIT_REFUSED) from None
    print(path)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from desktop.documents import DocumentError, summary_pdf
    from desktop.session import NotLoggedIn, require_identity

    start = parse_day(args.start, "--from")
    end = parse_day(args.end, "--to")
    if start > end:
        raise CliError(
            f"--from {start} jatuh setelah --to {end}. / The period starts after it ends.", EXIT_REFUSED
        )
    lang = _lang(args)
    with _store(args) as store:
        try:
            viewer = require_identity(store)
        except NotLoggedIn as exc:
            raise CliError(str(exc), EXIT_LOGIN) from None
        with _output(args.out) as (path, content):
            try:
                content.append(
                    summary_pdf(
                        store, start, end, viewer=viewer, opd_code=args.opd, officer=args.officer, lang=lang
                    )
                )
            except DocumentError as exc:
                raise CliError(str(exc), EXIT_REFUSED) from None
    print(path)
    return 0


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    return "csv" if Path(args.out).suffix.lower() == ".csv" or Path(args.out).is_dir() else "xlsx"


def cmd_export(args: argparse.Namespace) -> int:
    """``tanggap export queue|summary``: the same rows as the window and the PDF, same masking."""
    from desktop.documents import DocumentError, summary_figures
    from desktop.export import ExportError, queue_table, summary_tables, write_tables
    from desktop.queue import QueueFilter, QueueView
    from desktop.session import NotLoggedIn, require_identity

    lang = _lang(args)
    fmt = _format(args)
    out = Path(args.out).expanduser()
    with _store(args) as store:
        try:
            viewer = require_identity(store)
        except NotLoggedIn as exc:
            raise CliError(str(exc), EXIT_LOGIN) from None
        try:
            if args.what == "queue":
                view = QueueView(args.view)
                flt = QueueFilter(view=view, me=viewer.username)
                tz = _opd_zone(store, viewer.opd_code)
                tables = [queue_table(store, flt, tz=tz, lang=lang)]
            else:
                if not (args.start and args.end):
                    raise CliError("export summary perlu --from dan --to. / --from and --to are required.")
                start, end = parse_day(args.start, "--from"), parse_day(args.end, "--to")
                if start > end:
                    raise CliError(
                        f"--from {start} jatuh setelah --to {end}. / The period starts after it ends."
                    )
                figures = summary_figures(
                    store, start, end, viewer=viewer, opd_code=args.opd, officer=args.officer, lang=lang
                )
                tables = summary_tables(figures, lang=lang)
            paths = write_tables(tables, fmt, out)
        except (DocumentError, ExportError) as exc:
            raise CliError(str(exc), EXIT_REFUSED) from None
    for path in paths:
        print(path)
    return 0


def _opd_zone(store: LocalStore, opd_code: str) -> str:
    from db import models

    with store.read() as session:
        row = session.get(models.Opd, opd_code)
        return row.tz if row is not None else "Asia/Jakarta"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    help_text = "cetak tanda terima ke PDF / write a ticket's receipt as PDF"
    p: argparse.ArgumentParser = subparsers.add_parser("receipt", help=help_text, description=help_text)
    p.add_argument(
        "--data-dir", metavar="D", default=argparse.SUPPRESS, help="folder data (default: TANGGAP_DATA_DIR)"
    )
    p.add_argument("tracking_no", metavar="TRACKING", help="nomor tiket / tracking number")
    p.add_argument("--out", required=True, metavar="FILE", help="berkas PDF tujuan / output PDF file")
    p.add_argument("--layout", choices=LAYOUTS, default="a4", help="kertas / paper (default: a4)")
    p.add_argument(
        "--with-identity",
        action="store_true",
        help="cetak identitas pelapor anonim/rahasia (dicatat di log) / print a protected identity (logged)",
    )
    p.set_defaults(func=cmd_receipt)

    help_text = "ringkasan kinerja periode ke PDF / write a performance summary as PDF"
    p = subparsers.add_parser("report", help=help_text, description=help_text)
    p.add_argument(
        "--data-dir", metavar="D", default=argparse.SUPPRESS, help="folder data (default: TANGGAP_DATA_DIR)"
    )
    p.add_argument(
        "--from", dest="start", required=True, metavar="YYYY-MM-DD", help="hari pertama / first day"
    )
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD", help="hari terakhir / last day")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--opd", metavar="CODE", default=None, help="satu OPD (admin) / one agency")
    who.add_argument("--officer", metavar="USERNAME", default=None, help="satu petugas / one officer")
    p.add_argument("--out", required=True, metavar="FILE", help="berkas PDF tujuan / output PDF file")
    p.set_defaults(func=cmd_report)

    help_text = "ekspor antrean atau tabel ringkasan ke CSV/XLSX / export the queue or the summary tables"
    p = subparsers.add_parser("export", help=help_text, description=help_text)
    p.add_argument(
        "--data-dir", metavar="D", default=argparse.SUPPRESS, help="folder data (default: TANGGAP_DATA_DIR)"
    )
    p.add_argument("what", choices=("queue", "summary"), help="antrean / ringkasan")
    p.add_argument(
        "--view",
        default="all",
        choices=("mine", "all", "unassigned", "due_soon", "breached", "waiting", "done"),
        help="tampilan antrean (queue) / queue view (default: all)",
    )
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="hari pertama (summary)")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="hari terakhir (summary)")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--opd", metavar="CODE", default=None, help="satu OPD (admin) / one agency")
    who.add_argument("--officer", metavar="USERNAME", default=None, help="satu petugas / one officer")
    p.add_argument(
        "--format", choices=("csv", "xlsx"), default=None, help="csv atau xlsx (default: dari nama --out)"
    )
    p.add_argument(
        "--out",
        required=True,
        metavar="PATH",
        help="berkas .xlsx/.csv; untuk summary dalam CSV: folder / file, or a folder for summary CSVs",
    )
    p.set_defaults(func=cmd_export)
