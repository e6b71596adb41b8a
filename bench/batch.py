"""Batch evaluation speed: N transcripts through `coach evaluate --json`, as a trainer would run a group's calls.

Usage: python bench/batch.py [N]          (default 1000)

The transcripts are the rated and audit calls in bench/data, copied round-robin to N files in a temporary folder
(lengths from 3 to 28 trainee turns). Prints the wall time of the whole command (start-up, reading, scoring on every
core, writing JSON), the time per transcript on one core, and how much this machine gains from a second process on
pure CPU work (a shared 2-core machine may give much less than 2x). Target (issue 14): 1,000 transcripts in < 10 s.
"""

from __future__ import annotations

import itertools
import multiprocessing
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def parallel_gain() -> float:
    """Speed-up of two processes over one on the same pure-Python work."""
    start = time.perf_counter()
    _burn(5_000_000)
    one = time.perf_counter() - start
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_burn, [5_000_000, 5_000_000])
    return 2 * one / (time.perf_counter() - start)


def main() -> None:
    from coach.batch import workers

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    data = ROOT / "bench" / "data"
    sources = sorted(data.glob("rated/*/*.yaml")) + sorted(
        p for p in data.glob("audit/*/*.yaml") if "labels" not in p.name
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i, source in zip(range(n), itertools.cycle(sources), strict=False):
            shutil.copy(source, folder / f"{i:05d}-{source.name}")
        files = sorted(str(p) for p in folder.glob("*.yaml"))
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "coach", "evaluate", *files, "--json"], capture_output=True, text=True, check=False
        )
        wall = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit(done.stderr[-2000:])
        single = subprocess.run(
            [sys.executable, "-m", "coach", "evaluate", files[0], "--json"], capture_output=True, check=False
        )
        assert single.returncode == 0
    print(f"{n} transcripts in {wall:.1f} s wall ({1000 * wall / n:.1f} ms each), {workers()} cores used")
    print(f"this machine: two processes run {parallel_gain():.2f}x as fast as one on pure CPU work")
    print("target (issue 14): 1,000 transcripts in < 10 s")


if __name__ == "__main__":
    main()
