"""The ``tanggap`` command line: one module per command group, each with ``register``.

A command module exposes ``register(subparsers)`` that adds its sub-parsers and sets
``func`` (``args -> exit code``). Failures a person can act on raise ``CliError`` and
come out as one line on stderr with a non-zero exit code.
"""

from __future__ import annotations

import argparse
import importlib

# Order is the order ``tanggap --help`` lists them in (after ``demo``, which ``tanggap.app`` adds).
COMMAND_MODULES: tuple[str, ...] = (
    "desktop.cli.sync_commands",
    "desktop.cli.report_commands",
    "desktop.cli.similar_commands",
    "desktop.cli.incident_commands",
    "desktop.cli.delivery_commands",
)


class CliError(Exception):
    """A one-line message for the user; ``code`` is the exit status."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def register_all(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
