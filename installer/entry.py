"""PyInstaller's entry script: the frozen ``tanggap`` runs ``tanggap.app:main`` like the console script."""

from __future__ import annotations

import sys

# Flags whose whole point is text on the terminal that started the program.
CONSOLE_FLAGS = ("--version", "--self-test", "--help", "-h")


def _attach_parent_console() -> None:
    """A windowed .exe has no stdout; borrow the console of the cmd/PowerShell that started it."""
    if sys.platform != "win32" or sys.stdout is not None:
        return
    if not any(flag in sys.argv[1:] for flag in CONSOLE_FLAGS):
        return
    import ctypes

    attach_parent_process = -1
    if ctypes.windll.kernel32.AttachConsole(attach_parent_process):
        sys.stdout = open("CONOUT$", "w", encoding="utf-8")  # kept open for the life of the process
        sys.stderr = sys.stdout


def main() -> int:
    _attach_parent_console()
    from tanggap.app import main as app_main

    return int(app_main() or 0)


if __name__ == "__main__":
    raise SystemExit(main())
