"""``tanggap demo``: the workstation over the embedded demo server."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = subparsers.add_parser(
        "demo",
        help="buka workstation dengan server demo bawaan / open the workstation on the embedded demo",
        description="Start the reference server in-process over a SQLite file, seed it, log in and "
        "open the workstation.",
    )
    demo.add_argument("--screenshot", metavar="PATH", help="save the main window as PNG and exit")
    demo.set_defaults(func=run_demo, gui=True)


def run_demo(args: argparse.Namespace) -> int:
    # Until the demo server is wired in, the demo opens the workstation over its own store.
    from desktop.app import run_gui

    return run_gui(args)
