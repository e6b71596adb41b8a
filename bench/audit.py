"""Coherence audit of the offline caller: full calls played blind, every caller reply labelled.

Usage: python bench/audit.py [--round N] [--show]

bench/data/audit/roundN/ holds calls played in a real terminal (tmux) by helper sessions that never saw the code, the
scenarios' patterns or the lexicon: the saved transcripts (``W1.yaml`` ...) and the players' labels per caller reply
(``labels-W.yaml`` ...): ok, ignores, contradicts, non_sequitur, unnatural, repeat, hang_up. This script prints the
share of replies that were off (target issue 12: <= 5%), per label and per call, and replays every call through the
current caller (same scenario, seed and trainee turns) to say how many replies would now differ: the labels hold for
the caller the calls were played with.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.analyzer import get_analyzer  # noqa: E402
from coach.caller import CallerBrain  # noqa: E402
from coach.library import Library  # noqa: E402

AUDIT = ROOT / "bench" / "data" / "audit"
OFF = ("ignores", "contradicts", "non_sequitur", "unnatural", "repeat", "hang_up")


def replay(transcript: dict, library: Library, analyzer) -> tuple[int, int]:
    """(replies compared, replies that differ now) when the call's trainee turns are played again."""
    scenario = library.scenario(transcript["scenario"])
    brain = CallerBrain(scenario, analyzer, int(transcript.get("seed") or 0))
    turns = transcript["turns"]
    opening = brain.start()
    previous = turns[0]["text"] if turns else opening.text
    compared = differ = 0
    for i, turn in enumerate(turns[1:], start=1):
        if turn["speaker"] != "learner" or i + 1 >= len(turns) or turns[i + 1]["speaker"] != "caller":
            continue
        text = str(turn["text"])
        plan = brain.plan(text, analyzer.analyze(text, previous), previous)
        stored = str(turns[i + 1]["text"])
        compared += 1
        differ += plan.text != stored
        previous = stored
    return compared, differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", action="store_true", help="print every reply labelled off, with the note")
    rounds = sorted(p.name for p in AUDIT.glob("round*") if any(p.glob("labels-*.yaml")))
    parser.add_argument("--round", type=int, default=None, help="which round of calls (default: the latest)")
    args = parser.parse_args()
    folder = AUDIT / (f"round{args.round}" if args.round else (rounds[-1] if rounds else "round1"))
    calls = [c for path in sorted(folder.glob("labels-*.yaml")) for c in yaml.safe_load(path.read_text("utf-8"))]
    if not calls:
        sys.exit(f"no labelled calls in {folder}")
    labels: Counter = Counter()
    library, analyzer = Library.open(), get_analyzer()
    compared = differ = 0
    print(f"{folder.name}: calls played blind in a real terminal (see docs/validity.md)")
    print(f"{'call':6} {'scenario':38} {'replies':>7} {'off':>4}  {'now differ':>10}")
    for call in calls:
        replies = call.get("replies") or []
        off = [r for r in replies if r.get("label") in OFF]
        labels.update(str(r.get("label")) for r in replies)
        path = folder / f"{call['call']}.yaml"
        changed = "—"
        if path.is_file():
            n, d = replay(yaml.safe_load(path.read_text("utf-8")), library, analyzer)
            compared, differ = compared + n, differ + d
            changed = f"{d}/{n}"
        print(f"{call['call']:6} {call['scenario']:38} {len(replies):7} {len(off):4}  {changed:>10}")
        if args.show:
            for r in off:
                print(f"    [{r['label']}] {r.get('you', '')!r} -> {r.get('caller', '')!r}  ({r.get('note', '')})")
    total = sum(labels.values())
    bad = sum(labels[k] for k in OFF)
    print(f"\ncalls: {len(calls)}   caller replies labelled: {total}")
    print(f"off: {bad}/{total} = {100 * bad / max(total, 1):.1f}%   (target <= 5%)")
    for label in ("ok", *OFF):
        print(f"    {label:13} {labels[label]}")
    borderline = sum("borderline" in str(r.get("note", "")) for c in calls for r in c.get("replies") or [])
    print(f"    (of which marked borderline: {borderline})")
    print(f"replies that differ when replayed on the current caller: {differ}/{compared}")


if __name__ == "__main__":
    main()
