"""The entry point: ``tanggap`` with no command opens the workstation; with a command, the CLI.

The composition root, above ``ui``, ``desktop`` and ``server``: the one place the window and
the core are put together. Qt is imported only when a window is needed, so the CLI starts fast
and runs without a display.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__
from desktop.cli import CliError, register_all
from desktop.locks import FileLock, LockHeld
from desktop.logsetup import setup_logging
from desktop.settings import Settings, resolve_data_dir
from tanggap import demo

log = logging.getLogger(__name__)

# The core modules the main window uses, imported before PySide6: once Qt is loaded, its
# ``__feature__`` import hook reads the source of every module imported after it, which makes
# these (SQLAlchemy, the models, the SLA calendar with the holidays package) ~40% slower to import.
WINDOW_CORE_MODULES = (
    "desktop.ticket_detail",
    "desktop.queue",
    "desktop.session",
    "desktop.changes",
    "desktop.wording",
    "desktop.sync.status",
    "desktop.sync.run",
)


def parse_size(text: str) -> tuple[int, int]:
    """``1366x768`` as (1366, 768); a clear error for anything else."""
    width, sep, height = text.lower().partition("x")
    if (
        sep
        and width.isdigit()
        and height.isdigit()
        and 320 <= int(width) <= 10_000
        and 240 <= int(height) <= 10_000
    ):
        return int(width), int(height)
    raise argparse.ArgumentTypeError(
        f"ukuran {text!r} tidak dikenal; contoh: 1366x768 / expected WxH, e.g. 1366x768"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tanggap",
        description="Tanggap: workstation pengaduan masyarakat untuk OPD. "
        "Tanpa perintah: membuka workstation.",
    )
    parser.add_argument("--version", action="version", version=f"Tanggap {__version__}")
    parser.add_argument(
        "--data-dir", metavar="D", help="folder data (default: TANGGAP_DATA_DIR or the user's data folder)"
    )
    parser.add_argument("--lang", choices=("id", "en"), help="bahasa antarmuka / interface language")
    parser.add_argument("--screenshot", metavar="PATH", help="save the main window as PNG and exit")
    parser.add_argument(
        "--size",
        metavar="WxH",
        type=parse_size,
        help="window size in logical pixels for --screenshot (default 1920x1080); QT_SCALE_FACTOR scales it",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="periksa instalasi ini tanpa layar lalu keluar / check this installation and exit",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    subparsers = parser.add_subparsers(title="perintah", metavar="COMMAND")
    demo.register(subparsers)
    register_all(subparsers)
    return parser


def run_gui(args: argparse.Namespace) -> int:
    """Open the main window over the data folder; one workstation per folder."""
    data_dir = resolve_data_dir(args.data_dir)
    lock = FileLock(data_dir / "workstation.lock")
    try:
        lock.acquire()
    except LockHeld as held:
        print(
            f"Tanggap sudah berjalan untuk folder data ini (proses {held.holder}). "
            f"Tutup jendela itu dulu. / Tanggap is already running for {data_dir}.",
            file=sys.stderr,
        )
        return 3
    try:
        for name in WINDOW_CORE_MODULES:
            importlib.import_module(name)
        from desktop.sla import use_holiday_cache

        use_holiday_cache(data_dir / "cache")  # the window then starts without the holidays package
        from desktop.store import LocalStore
        from ui.application import run_workstation

        settings = Settings.load(data_dir)
        if args.lang:
            settings.language = args.lang
        if getattr(args, "screenshot", None):
            store = LocalStore.open(data_dir)
        else:
            # No keyring: say so in a window, offer the passphrase, never store data unencrypted.
            from ui.application import ensure_application
            from ui.unlock_dialog import unlock_store

            ensure_application(settings.language)
            unlocked = unlock_store(data_dir)
            if unlocked is None:
                return 4
            store = unlocked
        try:
            return run_workstation(
                store,
                settings,
                data_dir,
                screenshot=getattr(args, "screenshot", None),
                size=getattr(args, "size", None),
            )
        finally:
            store.close()
    finally:
        lock.release()


def exit_at_once(code: int) -> None:
    """End a ``--screenshot`` run without the interpreter's teardown.

    The PNG is saved, the store closed and the lock released; what is left is freeing every Qt
    and module object one by one (0.4 s with the window's imports), which nobody waits for.
    Only from the command line (``argv`` None): an in-process caller keeps its interpreter.
    """
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _silence_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush has nowhere to fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # stdout is not a real file (a test's capture): nothing will flush to a pipe


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        # Before anything touches the data folder: the self-test works in a temporary one.
        from ui.selftest import run as run_self_test

        return run_self_test()
    data_dir = resolve_data_dir(args.data_dir)
    setup_logging(data_dir, verbose=args.verbose)
    func = getattr(args, "func", None)
    try:
        if func is None:
            code = run_gui(args)
            if args.screenshot and argv is None:
                exit_at_once(code)
            return code
        code = int(func(args))
        sys.stdout.flush()  # inside the try: a closed pipe is reported here, not at exit
        return code
    except BrokenPipeError:
        # ``tanggap outbox | head``: the reader has gone. Stop quietly, as Unix tools do.
        _silence_stdout()
        return 141  # 128 + SIGPIPE, what a shell reports for a writer whose pipe closed
    except CliError as exc:
        print(str(exc), file=sys.stderr)
        return exc.code
    except Exception as exc:
        from db.engine import StoreError

        if isinstance(exc, StoreError):
            print(str(exc), file=sys.stderr)
            return 4
        log.exception("unexpected failure")
        print(f"Kesalahan tak terduga: {exc}. Lihat log di {Path(data_dir, 'logs')}", file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
