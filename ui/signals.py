"""Emitting Qt signals from Python without draining ``True``'s reference count.

PySide6 6.12.0's ``SignalInstance.emit()`` returns ``True`` without a new reference, so every
emit from Python takes one reference from ``True`` that was never given. On Python 3.11 (where
``True`` is not immortal) a workstation that has run a few thousand background jobs then
aborts with "Fatal Python error: bool_dealloc" - at the latest when it exits. ``emit`` gives the
reference back when this PySide6 is found to need it (probed once at import), and does nothing
extra on a fixed one. Every emit in ``ui/`` goes through it (``tests/unit/ui`` checks).
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance


class _Probe(QObject):
    ping = Signal()


def _emit(signal: SignalInstance, *args: Any) -> object:
    """What ``emit`` really returns (a bool; the type stubs say None)."""
    raw: Callable[..., object] = signal.emit
    return raw(*args)


def _emit_steals_a_reference() -> bool:
    probe = _Probe()
    # The first emit may set up state that itself holds references to True: measure the next ones.
    results: list[object] = [_emit(probe.ping)]
    before = sys.getrefcount(True)
    results += [_emit(probe.ping) for _ in range(100)]
    steals = sys.getrefcount(True) - before < 50  # holding 100 results adds 100 when emit is right
    if steals:
        for result in results:  # the probe's own losses
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
    return steals


EMIT_STEALS = _emit_steals_a_reference()


def emit(signal: SignalInstance, *args: Any) -> None:
    """``signal.emit(*args)``, with the reference PySide6 6.12.0 takes from its result given back."""
    result = _emit(signal, *args)
    if EMIT_STEALS:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
