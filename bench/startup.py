"""Start-up benchmark: wall time of `coach --help` against `python -c "import typer"`.

Usage: python bench/startup.py [--runs N]
Target: ratio <= 1.3 (coach adds little on top of typer itself).

The two commands are run in turns, so a busy moment of the machine hits both alike; the median and the fastest run
are printed. Bytecode is written once before measuring (also where PYTHONDONTWRITEBYTECODE is set, as on CI
machines): an installed package has its .pyc files, and compiling the sources on every start is not what a user
waits for.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    script = shutil.which("coach")
    coach = [script, "--help"] if script else [sys.executable, "-m", "coach", "--help"]
    typer_only = [sys.executable, "-c", "import typer"]
    compiling = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for cmd in (coach, typer_only):
        subprocess.run(cmd, capture_output=True, check=True, env=compiling)  # .pyc files and the file cache
    samples: dict[str, list[float]] = {"coach": [], "typer": []}
    for _ in range(args.runs):
        for name, cmd in (("coach", coach), ("typer", typer_only)):
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True)
            samples[name].append(time.perf_counter() - start)
    t_coach, t_typer = statistics.median(samples["coach"]), statistics.median(samples["typer"])
    fast_coach, fast_typer = min(samples["coach"]), min(samples["typer"])
    print(f"runs per command:          {args.runs} (in turns)")
    print(f"coach --help:              median {t_coach * 1000:.1f} ms, fastest {fast_coach * 1000:.1f} ms")
    print(f"import typer:              median {t_typer * 1000:.1f} ms, fastest {fast_typer * 1000:.1f} ms")
    print(f"ratio (median):            {t_coach / t_typer:.2f}   (target <= 1.3)")
    print(f"ratio (fastest):           {fast_coach / fast_typer:.2f}")


if __name__ == "__main__":
    main()
