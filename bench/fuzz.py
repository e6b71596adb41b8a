"""Fuzzing at length (issue 15): what the test suite does with a small budget, many times over.

Usage: python bench/fuzz.py [--docs N] [--bytes N] [--seed S] [--no-processes]

1. Documents: shipped scenarios, rubrics and transcripts with fields replaced, deleted or added
   (tests/test_robustness.py: ``mutate``). Each is checked against the JSON Schema and validate (they must agree),
   and when validate accepts it, it is scored with or played (``exercise``).
2. Bytes: shipped files with bytes flipped, inserted, deleted or repeated, read as validate reads them. Only a
   located FileProblemError may come out.
3. Processes: the hostile files of the test suite through validate, show, evaluate and run as real processes
   with a 60 s deadline (hangs), their exit codes (70 is a defect) and the largest memory of any of them.

Prints the inputs tried and the defects found: tracebacks, disagreements, messages left in English, exit-70s,
hangs, largest memory.
Everything must be zero (memory: bounded, tens of MB).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach import loader  # noqa: E402
from coach.errors import FileProblemError  # noqa: E402
from tests.test_robustness import BOMB, HOSTILE, agree, exercise, mutate  # noqa: E402

SOURCES = [*sorted((ROOT / "scenarios").glob("*.yaml"))[:5], *sorted((ROOT / "rubrics").glob("*.yaml"))]
SOURCES += sorted((ROOT / "tests" / "data" / "feedback").rglob("*.yaml"))[:5]
NOISE = [b"\x00", b"\x1b[2J", b"&a", b"*a", b"[", b"{", b"]", b":", b"- ", b"\t", b"\xff", b"\xc3", b"'", b'"', b"\n  "]


ENGLISH = ("Input should", "Value error", "Field required", "should be", "while parsing", "while scanning", "expected")


def _refused(exc: FileProblemError, path: Path, counts: Counter, defects: list[str]) -> None:
    """A refusal must name the file and speak Dutch (not pydantic's or PyYAML's own words)."""
    counts["refused"] += 1
    if any(p.path != str(path) for p in exc.problems):
        defects.append(f"melding zonder bestandsnaam: {exc}")
    english = [p.message for p in exc.problems if any(w in p.message for w in ENGLISH)]
    counts["english"] += bool(english)
    defects += [f"Engelse melding: {m}" for m in english[:1]]


def _crashed(counts: Counter, defects: list[str]) -> None:
    counts["traceback"] += 1
    defects.append(traceback.format_exc(limit=3))


def fuzz_docs(n: int, rng: random.Random, folder: Path) -> tuple[Counter, list[str]]:
    counts: Counter = Counter()
    defects: list[str] = []
    for _ in range(n):
        kind, doc = mutate(rng)
        counts["tried"] += 1
        if not agree(kind, doc):
            counts["disagree"] += 1
            defects.append(f"schema en validate oneens over een {kind}")
        try:
            refused = exercise(kind, doc, folder)
        except Exception:  # the defect being counted
            _crashed(counts, defects)
            continue
        if refused is None:
            counts["accepted"] += 1
        else:
            _refused(refused, folder / f"{kind}.json", counts, defects)
    return counts, defects


def _mangle(raw: bytes, rng: random.Random) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(data) + 1)
        action = rng.choice(["flip", "insert", "delete", "repeat"])
        if action == "flip" and at < len(data):
            data[at] = rng.randrange(256)
        elif action == "insert":
            data[at:at] = rng.choice(NOISE)
        elif action == "delete":
            del data[at : at + rng.randint(1, 40)]
        else:
            data[at:at] = data[at : at + rng.randint(1, 200)] * rng.randint(2, 50)
    return bytes(data)


def fuzz_bytes(n: int, rng: random.Random, folder: Path) -> tuple[Counter, list[str]]:
    counts: Counter = Counter()
    defects: list[str] = []
    for i in range(n):
        source = rng.choice(SOURCES)
        path = folder / f"f{i % 50}{source.suffix}"
        path.write_bytes(_mangle(source.read_bytes(), rng))
        counts["tried"] += 1
        try:
            loader.load(path)
            counts["accepted"] += 1
        except FileProblemError as exc:
            _refused(exc, path, counts, defects)
        except Exception:  # the defect being counted
            _crashed(counts, defects)
    return counts, defects


def processes(folder: Path) -> tuple[Counter, list[str], int]:
    counts: Counter = Counter()
    defects: list[str] = []
    files = []
    for name, (content, _) in HOSTILE.items():
        path = folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        files.append(path)
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pijp.yaml")
        files += [folder / "pijp.yaml", Path("/dev/zero")]
    replies = folder / "antwoorden.yaml"
    replies.write_text(BOMB, encoding="utf-8")
    env = {**os.environ, "COACH_HOME": str(folder / "home")}
    runs = [["validate", str(f)] for f in files] + [["show", str(f)] for f in files]
    runs += [["evaluate", str(f)] for f in files] + [["run", "woz-hoger-dan-buren", "--replies", str(f)] for f in files]
    runs.append(["run", "woz-hoger-dan-buren", "--replies", str(replies)])
    for args in runs:
        counts["runs"] += 1
        try:
            done = subprocess.run(
                [sys.executable, "-m", "coach", *args], capture_output=True, text=True, timeout=60, env=env, check=False
            )
        except subprocess.TimeoutExpired:
            counts["hang"] += 1
            defects.append("hangt: coach " + " ".join(args))
            continue
        if done.returncode == 70 or "Traceback" in done.stderr:
            counts["exit70"] += 1
            defects.append(f"exit {done.returncode}: coach {' '.join(args)}: {done.stderr.strip()[:200]}")
        elif done.returncode == 0 and args[0] != "run":
            defects.append(f"aanvaard: coach {' '.join(args)}")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return counts, defects, peak_kb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--bytes", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-processes", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    all_defects: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        counts, defects = fuzz_docs(args.docs, rng, folder)
        all_defects += defects
        print(
            f"documents: {counts['tried']} tried, {counts['accepted']} accepted and used, {counts['refused']} refused; "
            f"tracebacks {counts['traceback']}, schema/validate disagreements {counts['disagree']}, "
            f"English messages {counts['english']} "
            f"({time.perf_counter() - start:.0f} s)"
        )
        start = time.perf_counter()
        counts, defects = fuzz_bytes(args.bytes, rng, folder)
        all_defects += defects
        print(
            f"bytes: {counts['tried']} tried, {counts['accepted']} accepted, {counts['refused']} refused; "
            f"tracebacks {counts['traceback']}, English messages {counts['english']} "
            f"({time.perf_counter() - start:.0f} s)"
        )
        if not args.no_processes:
            start = time.perf_counter()
            proc_dir = folder / "p"
            proc_dir.mkdir()
            counts, defects, peak_kb = processes(proc_dir)
            all_defects += defects
            print(
                f"processes: {counts['runs']} runs of hostile files; exit 70 or traceback {counts['exit70']}, "
                f"hangs {counts['hang']}, largest memory {peak_kb / 1024:.0f} MB ({time.perf_counter() - start:.0f} s)"
            )
    for defect in all_defects[:20]:
        print("DEFECT:", defect)
    print(f"defects: {len(all_defects)}")
    sys.exit(1 if all_defects else 0)


if __name__ == "__main__":
    main()
