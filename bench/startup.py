"""Start-up benchmark: median wall time of `coach --help` against `python -c "import typer"`.

Usage: python bench/startup.py [--runs N]
Target: ratio <= 1.3 (coach adds little on top of typer itself).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time


def median_seconds(cmd: list[str], runs: int) -> float:
    subprocess.run(cmd, capture_output=True, check=True)  # warm the file cache and .pyc files
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    script = shutil.which("coach")
    coach = [script, "--help"] if script else [sys.executable, "-m", "coach", "--help"]
    typer_only = [sys.executable, "-c", "import typer"]
    t_coach = median_seconds(coach, args.runs)
    t_typer = median_seconds(typer_only, args.runs)
    print(f"runs per command:          {args.runs}")
    print(f"coach --help (median):     {t_coach * 1000:.1f} ms   [{' '.join(coach)}]")
    print(f"import typer (median):     {t_typer * 1000:.1f} ms")
    print(f"ratio:                     {t_coach / t_typer:.2f}   (target <= 1.3)")


if __name__ == "__main__":
    main()
