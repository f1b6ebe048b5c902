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


def paired_times(a: Callable[[], object], b: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Times of `a` and `b` run alternately, so a change in the machine's speed during the run weighs on
    both alike (a ratio of the two is then the figure to read)."""
    a(), b()  # warm-up
    out_a, out_b = [], []
    for _ in range(runs):
        for fn, out in ((a, out_a), (b, out_b)):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return out_a, out_b


def median(fn: Callable[[], object], runs: int) -> float:
    return statistics.median(times(fn, runs))


def p95(values: Sequence[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]
