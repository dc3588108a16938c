"""Cheaper draws than random.Random's own helpers; a million complaints make hundreds of millions."""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def pick(rng: random.Random, seq: Sequence[T]) -> T:
    return seq[int(rng.random() * len(seq))]


def between(rng: random.Random, low: int, high: int) -> int:
    """An integer in [low, high], both ends included."""
    return low + int(rng.random() * (high - low + 1))


def weighted(rng: random.Random, seq: Sequence[T], cum_weights: Sequence[float]) -> T:
    return seq[bisect(cum_weights, rng.random() * cum_weights[-1])]


def some(rng: random.Random, seq: Sequence[T], k: int) -> list[T]:
    """Up to k distinct items: a run of neighbours from a random start, which is all texts need."""
    size = len(seq)
    k = min(k, size)
    if k <= 0:
        return []
    start = int(rng.random() * size)
    return [seq[(start + i) % size] for i in range(k)]
