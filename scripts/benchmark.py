"""Time and memory of loading and validating the bundled examples.

Inputs: every file in examples/ (stated in the output with its size). Each measurement is the
best of --repeat runs (default 5); peak memory is tracemalloc's peak for one load + validate.
Usage: python scripts/benchmark.py [--repeat N]
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections.abc import Callable

import yaml

import govplan as gp


def best(fn: Callable[[], object], repeat: int) -> float:
    """Best wall time of *repeat* calls, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    """Print one row per example."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    print(f"libyaml C parser: {'yes' if hasattr(yaml, 'CSafeLoader') else 'no'}")
    print(f"{'example':<24}{'KiB':>7}{'load ms':>9}{'validate ms':>13}{'peak MiB':>10}")
    for name in gp.examples.names():
        path = gp.examples.path(name)
        load_ms = best(lambda p=path: gp.load(p), repeat)
        validate_ms = best(lambda p=path: gp.validate(p), repeat)
        tracemalloc.start()
        gp.validate(path)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(
            f"{name:<24}{path.stat().st_size / 1024:>7.0f}{load_ms:>9.0f}{validate_ms:>13.0f}"
            f"{peak / 2**20:>10.1f}"
        )


if __name__ == "__main__":
    main()
