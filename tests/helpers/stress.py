"""Sizes of the stress tests: smaller in the default run (CI), full with ``TANGGAP_STRESS=1``.

The default sizes keep every assertion meaningful (the same faults, kills and checks, on fewer
rows); the full sizes are what the nightly run and ``make test-stress`` use (docs/decisions.md,
"Fifth session": what runs where).
"""

from __future__ import annotations

import os
from typing import TypeVar

T = TypeVar("T")
FULL = os.environ.get("TANGGAP_STRESS") == "1"


def size(default: T, full: T) -> T:
    return full if FULL else default
