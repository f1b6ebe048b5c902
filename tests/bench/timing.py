"""Timing helpers shared by the benchmarks: one warm-up call, then wall-clock times per run."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence


def times(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # warm-up: imports, template and query caches
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def median(fn: Callable[[], object], runs: int) -> float:
    return statistics.median(times(fn, runs))


def p95(values: Sequence[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]
