"""Snapshot of what the CLI prints on a fixed set of inputs, to check that a restructuring changed no behaviour.

Usage:
    python bench/snapshot.py OUT            write one file per output into the folder OUT
    python bench/snapshot.py --compare A B  print how many outputs are identical, and the names of those that differ

Covered: ``coach analyze --json`` on every analyzer set; ``coach evaluate`` on every rated transcript with every
built-in rubric (JSON) and with its own rubric (Rich, Markdown, HTML); ``coach run`` on every scenario script with
two seeds (JSON) and one (Rich); piped practice calls with /hint after every turn; list, show, validate, schema,
every command's --help, usage errors, a saved run with history and export; and the Claude caller and judge against
the local stub of the Messages API, with the requests they sent. Timestamps, session ids and temporary paths are
replaced by placeholders. Each output is a real subprocess, so nothing is shared between runs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
_TIME = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)?")
_SESSION = re.compile(r"\b\d{8}-\d{6}-[0-9a-f]{4}\b")
_DURATION = re.compile(r"\d+(?:\.\d+)? ?(?:ms|s)\b")


def _coach() -> list[str]:
    script = shutil.which("coach")
    return [script] if script else [sys.executable, "-m", "coach"]


def _normal(text: str, home: str, tmp: str) -> str:
    text = text.replace(home, "<HOME>").replace(tmp, "<TMP>").replace(str(ROOT), "<ROOT>")
    text = _SESSION.sub("<SESSION>", text)
    return _TIME.sub("<TIME>", text)


class Runner:
    def __init__(self, out: Path, tmp: Path) -> None:
        self.out = out
        self.tmp = tmp
        self.jobs: list[tuple[str, list[str], str | None, dict[str, str]]] = []

    def add(self, name: str, args: list[str], stdin: str | None = None, env: dict[str, str] | None = None) -> None:
        self.jobs.append((name, [str(a) for a in args], stdin, env or {}))

    def run_one(self, job: tuple[str, list[str], str | None, dict[str, str]]) -> None:
        name, args, stdin, extra = job
        home = self.tmp / "homes" / name
        home.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "COACH_HOME": str(home), "COLUMNS": "100", "LINES": "40", "NO_COLOR": "1", **extra}
        for key in ("COACH_LIBRARY", "COACH_DEBUG", "COACH_LEARNER", "COACH_CALLER_MODEL", "COACH_JUDGE_MODEL"):
            if key not in extra:
                env.pop(key, None)
        if "ANTHROPIC_API_KEY" not in extra:
            env.pop("ANTHROPIC_API_KEY", None)
        steps = [args] if args and args[0] != "&&" else []
        if not steps:  # a chain of commands sharing one COACH_HOME, split at '&&'
            chain, current = [], []
            for a in args[1:]:
                if a == "&&":
                    chain.append(current)
                    current = []
                else:
                    current.append(a)
            steps = [*chain, current]
        parts = []
        for step in steps:
            done = subprocess.run(
                [*_coach(), *step], input=stdin, capture_output=True, text=True, env=env, cwd=self.tmp, timeout=300
            )
            parts.append(
                f"$ coach {' '.join(step)}\n--- exit {done.returncode}\n--- stdout\n{done.stdout}--- stderr\n"
                f"{done.stderr}"
            )
        text = _normal("\n".join(parts), str(home), str(self.tmp))
        (self.out / f"{name}.txt").write_text(text, encoding="utf-8")

    def run_all(self, workers: int) -> None:
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(self.run_one, self.jobs))


def _scripts() -> list[tuple[str, str, Path]]:
    return [(d.name, f.stem, f) for d in sorted((ROOT / "scripts").iterdir()) for f in sorted(d.glob("*.txt"))]


def _with_hints(script: Path) -> str:
    lines = [line for line in script.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    out = ["/help"]
    for line in lines:
        out += [line, "/hint"]
    return "\n".join([*out, "/onbekend", "/stop"]) + "\n"


def plan(runner: Runner, tmp: Path) -> None:
    for path in sorted(DATA.glob("analyzer_*.yaml")):
        texts = [item["text"] for item in yaml.safe_load(path.read_text(encoding="utf-8"))]
        utterances = tmp / f"{path.stem}.txt"
        utterances.write_text("\n".join(t.replace("\n", " ") for t in texts) + "\n", encoding="utf-8")
        runner.add(f"analyze-{path.stem}", ["analyze", "--json", "--file", utterances])
        runner.add(f"analyze-rich-{path.stem}", ["analyze", "--file", utterances])
    transcripts = sorted((DATA / "feedback").glob("*/*.yaml"))
    rubrics = sorted(p.stem for p in (ROOT / "rubrics").glob("*.yaml"))
    for t in transcripts:
        name = f"{t.parent.name}-{t.stem}"
        for rubric in rubrics:
            runner.add(f"evaluate-json-{rubric}-{name}", ["evaluate", t, "--json", "--rubric", rubric])
        runner.add(f"evaluate-rich-{name}", ["evaluate", t])
        runner.add(f"evaluate-md-{name}", ["evaluate", t, "--markdown"])
        runner.add(f"evaluate-html-{name}", ["evaluate", t, "--html"])
        runner.add(f"evaluate-exam-{name}", ["evaluate", t, "--rubric", "examen", "--min-score", "65", "--json"])
    runner.add("evaluate-batch", ["evaluate", *transcripts[:3], "--markdown"])
    runner.add("evaluate-no-scenario", ["evaluate", transcripts[0], "--scenario", "bestaat-niet", "--json"])
    for scenario, kind, script in _scripts():
        for seed in (0, 7):
            runner.add(
                f"run-json-{scenario}-{kind}-{seed}", ["run", scenario, "--replies", script, "--json", "--seed", seed]
            )
        runner.add(f"run-rich-{scenario}-{kind}", ["run", scenario, "--replies", script, "--no-save", "--seed", 3])
        if kind == "good":
            runner.add(
                f"practice-{scenario}",
                ["practice", scenario, "--seed", 5, "--no-save", "--show-emotion"],
                stdin=_with_hints(script),
            )
    scenarios = sorted({s for s, _, _ in _scripts()})
    for s in scenarios:
        runner.add(f"show-{s}", ["show", s])
        runner.add(f"show-trainer-{s}", ["show", s, "--trainer"])
        runner.add(f"show-json-{s}", ["show", s, "--json", "--trainer"])
    for kind in ("scenario", "rubric", "transcript"):
        runner.add(f"schema-{kind}", ["schema", kind])
    runner.add("list", ["list"])
    runner.add("list-json", ["list", "--json"])
    runner.add("list-topic", ["list", "--topic", "woz"])
    runner.add("validate-library", ["validate", ROOT / "scenarios", ROOT / "rubrics"])
    runner.add("validate-data", ["validate", "--json", DATA / "feedback"])
    commands = ["", "list", "show", "validate", "analyze", "schema", "new", "new scenario", "new rubric", "evaluate"]
    commands += ["practice", "run", "resume", "history", "export", "doctor"]
    for command in commands:
        runner.add(f"help-{command.replace(' ', '-') or 'root'}", [*command.split(), "--help"])
    good = ROOT / "scripts" / "woz-hoger-dan-buren" / "good.txt"
    errors = {
        "no-args": [],
        "unknown-command": ["practise"],
        "unknown-option": ["run", "woz-hoger-dan-buren", "--replise", good],
        "missing-option": ["run", "woz-hoger-dan-buren"],
        "unknown-scenario": ["show", "woz-hoger"],
        "unknown-rubric": ["run", "woz-hoger-dan-buren", "--replies", good, "--rubric", "strengg"],
        "bad-seed": ["run", "woz-hoger-dan-buren", "--replies", good, "--seed", "x"],
        "missing-replies": ["run", "woz-hoger-dan-buren", "--replies", "nergens.txt"],
        "unknown-engine": ["run", "woz-hoger-dan-buren", "--replies", good, "--engine", "gpt"],
        "unknown-judge": ["run", "woz-hoger-dan-buren", "--replies", good, "--judge", "mens"],
        "claude-no-key": ["run", "woz-hoger-dan-buren", "--replies", good, "--engine", "claude"],
        "evaluate-format": ["evaluate", transcripts[0], "--json", "--html"],
        "evaluate-suffix": ["evaluate", transcripts[0], "-o", "x.pdf"],
        "evaluate-missing": ["evaluate", "nergens.yaml"],
        "schema-unknown": ["schema", "scenarios"],
        "list-topic-unknown": ["list", "--topic", "wozz"],
        "analyze-empty": ["analyze", "--file", "-"],
        "new-bad-id": ["new", "scenario", "Mijn Scenario"],
        "resume-none": ["resume"],
        "export-unknown": ["export", "1234"],
        "model-unused": ["run", "woz-hoger-dan-buren", "--replies", good, "--model", "x", "--json"],
        "library-missing": ["list", "--library", "nergens"],
    }
    for name, args in errors.items():
        runner.add(f"error-{name}", args, stdin="" if name == "analyze-empty" else None)
    runner.add(
        "saved-run-history-export",
        [
            *["&&", "run", "woz-hoger-dan-buren", "--replies", good, "--learner", "anna", "--seed", 2, "&&", "history"],
            *["&&", "history", "--json", "&&", "history", "--learner", "bob", "&&", "resume", "--learner", "anna"],
        ],
    )
    runner.add("new-scenario", ["&&", "new", "scenario", "mijn-oefening", "&&", "list", "--json"])
    runner.add("analyze-args", ["analyze", "Goedemorgen, met Anna van Belastingen.", "Wat is er gebeurd?", "--json"])


def plan_claude(runner: Runner, url: str) -> None:
    env = {"ANTHROPIC_API_KEY": "sk-ant-snapshot-0000", "ANTHROPIC_BASE_URL": url}
    for scenario, kind, script in _scripts()[:4]:
        runner.add(
            f"claude-run-{scenario}-{kind}",
            ["run", scenario, "--replies", script, "--json", "--engine", "claude", "--judge", "claude", "--no-save"],
            env=env,
        )
    transcripts = sorted((DATA / "feedback").glob("*/*.yaml"))[:2]
    for t in transcripts:
        runner.add(f"claude-evaluate-{t.stem}", ["evaluate", t, "--judge", "claude", "--json"], env=env)
        runner.add(f"claude-evaluate-rich-{t.stem}", ["evaluate", t, "--judge", "claude"], env=env)


def snapshot(out: Path, workers: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="coach-snapshot-") as tmp_name:
        tmp = Path(tmp_name)
        runner = Runner(out, tmp)
        plan(runner, tmp)
        runner.run_all(workers)
        count = len(runner.jobs)
        sys.path.insert(0, str(ROOT))
        from tests.anthropic_stub import Stub

        with Stub() as stub:
            claude = Runner(out, tmp)
            plan_claude(claude, stub.url)
            claude.run_all(1)  # one at a time, so the requests below are in a fixed order
            requests = [{"path": r["path"], "body": r["body"]} for r in stub.requests]
        text = json.dumps(requests, ensure_ascii=False, indent=1, sort_keys=True)
        (out / "claude-requests.txt").write_text(_normal(text, "", str(tmp)), encoding="utf-8")
        count += len(claude.jobs) + 1
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sorted(out.glob("*.txt")))).hexdigest()[:16]
    print(f"outputs:  {count}")
    print(f"digest:   {digest}")


def compare(a: Path, b: Path) -> int:
    names = sorted({p.name for p in a.glob("*.txt")} | {p.name for p in b.glob("*.txt")})
    differ = [
        n
        for n in names
        if not (a / n).is_file() or not (b / n).is_file() or (a / n).read_bytes() != (b / n).read_bytes()
    ]
    print(f"outputs compared: {len(names)}")
    print(f"identical:        {len(names) - len(differ)}")
    print(f"different:        {len(differ)}")
    for name in differ:
        print(f"  {name}")
    return 1 if differ else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"))
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    if args.compare:
        sys.exit(compare(*args.compare))
    if args.out is None:
        parser.error("give an output folder, or --compare A B")
    snapshot(args.out, args.workers)


if __name__ == "__main__":
    main()
