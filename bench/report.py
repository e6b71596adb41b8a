"""Group report speed and memory: `coach report --json` and `coach report --html` over N transcripts.

Usage: python bench/report.py [N]          (default 1000)

The transcripts are the rated and audit calls in bench/data (label files left out), copied round-robin to N files in
a temporary folder, each given one of 30 trainee names and a date (as a coordinator's group of 30 trainees would
have), so the roll-ups per learner are as many as in a real group. Prints, per command, the wall time and the peak
resident memory of the biggest process it started (the command or one of its workers:
``getrusage(RUSAGE_CHILDREN).ru_maxrss``, measured in a fresh child per command). Target: 10,000 transcripts under
300 MB peak.
"""

from __future__ import annotations

import itertools
import json
import resource
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRAINEES = 30


def sources() -> list[Path]:
    data = ROOT / "bench" / "data"
    return sorted(data.glob("rated/*/*.yaml")) + sorted(
        p for p in data.glob("audit/*/*.yaml") if "labels" not in p.name
    )


def make(folder: Path, n: int) -> None:
    start = datetime(2026, 9, 1, 9, 0)
    for i, source in zip(range(n), itertools.cycle(sources()), strict=False):
        text = source.read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if not line.startswith(("learner:", "started_at:"))]
        when = start + timedelta(hours=i // TRAINEES)
        head = f"learner: Cursist {i % TRAINEES + 1:02d}\nstarted_at: {when.isoformat()}\n"
        (folder / f"{i:05d}-{source.name}").write_text(head + "\n".join(lines) + "\n", encoding="utf-8")


def measure(args: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall seconds and peak RSS (MB) of one command, run from a fresh measuring process so ru_maxrss is its own."""
    probe = (
        "import resource, subprocess, sys, time, json\n"
        "start = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
        "wall = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps({'wall': wall, 'peak': peak, 'rc': done.returncode, 'err': done.stderr[-2000:]}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, check=False)
    data = json.loads(done.stdout)
    if data["rc"] != 0:
        sys.exit(f"{' '.join(args[:4])} ...: exit {data['rc']}\n{data['err']}")
    return data["wall"], data["peak"], done


def main() -> None:
    from coach.batch import workers

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    coach = [sys.executable, "-m", "coach", "report"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "groep"
        folder.mkdir()
        make(folder, n)
        for label, extra in (("--json", ["--json"]), ("--html", ["--html", str(Path(tmp) / "groep.html")])):
            wall, peak, _ = measure([*coach, str(folder), *extra])
            print(f"coach report {label}: {n} transcripts in {wall:.1f} s wall, peak RSS {peak:.0f} MB")
    print(f"{workers()} cores used; own RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print("target: 10,000 transcripts under 300 MB peak")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
