"""Big batch: N varied transcripts through `coach evaluate --jsonl FOLDER`, as a trainer would score a whole group.

Usage: python bench/big_batch.py [N ...] [--folder DIR]     (default 10000, then 1000)

The transcripts are played here, in this process's pool, with the offline caller: every scripted trainee under
scripts/ on every scenario (its own and the others), with seeds 0, 1, 2, ... until there are N, each with
a learner name and a start date of its own. The largest N is built once; a smaller N evaluates the first N files of
the same calls (a folder of links). ``--folder DIR`` keeps the built calls there for the next run.

Prints per N the wall time of the whole command (start-up, reading, scoring on every core, writing JSON Lines), the
peak memory of the evaluating process and its workers (``ru_maxrss`` of that child, from ``os.wait4``), and checks that
there is one report per line for every file. Targets: 1,000 in < 10 s; 10,000 in < 60 s and < 300 MB.
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NAMES = [
    "Anna de Vries", "Bram Jansen", "Chaima El Amrani", "Daan Bakker", "Esra Yilmaz", "Fleur Visser", "Gijs Smit",
    "Hanna Meijer", "Ilias Bouzid", "Joost de Boer", "Kim Mulder", "Lotte de Groot", "Mehmet Kaya", "Noor Bos",
    "Olaf Vos", "Priya Ramdin", "Quinten Peters", "Roos Hendriks", "Sanne van Dijk", "Tim van Leeuwen",
]  # fmt: skip


def plays(n: int) -> list[tuple[int, str, Path, int]]:
    """The first n calls to play: (number, scenario, script, seed), every script on every scenario per seed."""
    scripts = sorted((ROOT / "scripts").glob("*/*.txt"))
    scenarios = sorted({p.parent.name for p in scripts})
    combos = ((seed, scenario, script) for seed in itertools.count() for scenario in scenarios for script in scripts)
    return [(i, scenario, script, seed) for i, (seed, scenario, script) in zip(range(n), combos, strict=False)]


_LIB: dict[str, object] = {}


def _play(job: tuple[int, str, Path, int, str]) -> None:
    from coach.caller import make_caller
    from coach.cli.inputs import read_replies
    from coach.formats import write_transcript
    from coach.session import Session, run_session

    i, scenario_id, script, seed, folder = job
    if not _LIB:
        from coach.analyzer import get_analyzer
        from coach.library import Library

        _LIB["library"], _LIB["analyzer"] = Library.open([]), get_analyzer()
    scenario = _LIB["library"].scenario(scenario_id)  # type: ignore[attr-defined]
    analyzer = _LIB["analyzer"]
    start = datetime(2026, 1, 5, 8, 30, tzinfo=UTC) + timedelta(days=i % 300, minutes=7 * (i % 61))
    clock = itertools.count()
    learner = NAMES[i % len(NAMES)]
    session = Session(
        scenario,
        make_caller("offline", scenario, analyzer, seed),  # type: ignore[arg-type]
        analyzer,  # type: ignore[arg-type]
        seed=seed,
        learner=learner,
        rubric="standaard",
        clock=lambda: start + timedelta(seconds=20 * next(clock)),
    )
    transcript = run_session(session, read_replies(script))
    name = f"{i:05d}-{scenario_id}-{script.parent.name[:12]}-{script.stem}-s{seed}.yaml"
    write_transcript(transcript, Path(folder) / name)


def build(folder: Path, n: int) -> float:
    """Play the first n calls into ``folder`` (those already there are kept); returns the seconds it took."""
    have = {p.name.split("-", 1)[0] for p in folder.glob("*.yaml")}
    todo = [(*play, str(folder)) for play in plays(n) if f"{play[0]:05d}" not in have]
    start = time.perf_counter()
    if todo:
        with multiprocessing.get_context("fork").Pool() as pool:
            for done, _ in enumerate(pool.imap_unordered(_play, todo, chunksize=20), 1):
                if done % 1000 == 0:
                    print(f"  played {done} of {len(todo)}", file=sys.stderr)
    return time.perf_counter() - start


def measure(folder: Path, out: Path) -> tuple[float, float, int]:
    """Wall seconds, peak MB (the evaluating process or its largest worker) and report lines of one evaluate."""
    start = time.perf_counter()
    with out.open("wb") as sink:
        child = subprocess.Popen(
            [sys.executable, "-m", "coach", "evaluate", str(folder), "--jsonl"], stdout=sink, stderr=subprocess.PIPE
        )
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(child.stderr.read().decode()[-2000:] if child.stderr else "evaluate failed")
    with out.open("rb") as lines:
        count = sum(1 for _ in lines)
    return wall, usage.ru_maxrss / 1024, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, nargs="*", default=[10_000, 1_000])
    parser.add_argument("--folder", type=Path, help="keep the played calls here (built once, reused)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="coach-big-") as tmp_name:
        tmp = Path(tmp_name)
        folder = args.folder or tmp / "calls"
        folder.mkdir(parents=True, exist_ok=True)
        seconds = build(folder, max(args.n))
        files = sorted(folder.glob("*.yaml"))
        print(f"{len(files)} calls played in {seconds:.0f} s ({folder})")
        for n in args.n:
            subset = tmp / f"first-{n}"
            subset.mkdir()
            for path in files[:n]:
                (subset / path.name).symlink_to(path)
            wall, peak, lines = measure(subset, tmp / "reports.jsonl")
            assert lines == n, f"{lines} reports for {n} files"
            print(f"{n} transcripts: {wall:.1f} s wall ({1000 * wall / n:.1f} ms each), peak {peak:.0f} MB")
    print("targets: 1,000 in < 10 s; 10,000 in < 60 s and < 300 MB")


if __name__ == "__main__":
    main()
