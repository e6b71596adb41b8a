"""Analyzer benchmark: per-act precision, recall and F1 on labelled sets, macro-F1, and speed.

Usage:
    python bench/analyzer.py                  # every tax set and every out-of-domain set: macro-F1 each, and speed
    python bench/analyzer.py FILE [...]       # one table for these files together
    python bench/analyzer.py FILE --errors ACT   # also print its false positives and negatives (ACT or 'all')

Tax sets: ``tests/data/analyzer_*.yaml`` (trainee turns in tax calls; the project wrote them, see docs/analyzer.md).
Out-of-domain sets: ``bench/data/acts-ood-*.yaml`` (other conversations, each turn with the client's line before it,
written blind by helper sessions from ``bench/data/act-brief.md``; frozen, checksums in ``acts-ood.sha256`` and
checked here). The out-of-domain sets do not label ``jargon`` (a tax-term list) or ``off_script``; those acts are
left out of their scores. Macro-F1 averages the acts that occur in the gold labels; a false alarm of an act the set
never labels is printed apart, never hidden.

Targets: macro-F1 >= 0.93 on every tax set, >= 0.80 on the out-of-domain sets, >= 5,000 utterances per second on one
core with the previous turn given.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
sys.path.insert(0, str(ROOT))

from coach.analyzer import get_analyzer  # noqa: E402
from coach.formats.acts import ACTS  # noqa: E402

TAX_SETS = sorted((ROOT / "tests" / "data").glob("analyzer_*.yaml"))
OOD_SETS = sorted(DATA.glob("acts-ood-*.yaml"))
NOT_LABELLED_OOD = ("jargon", "off_script")

Table = dict[str, tuple[float, float, float, int, int]]


def verify() -> None:
    sums_file = DATA / "acts-ood.sha256"
    if not sums_file.exists():
        return
    for line in sums_file.read_text().splitlines():
        digest, name = line.split()
        path = DATA / name
        if path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            sys.exit(f"{name} changed after it was frozen (acts-ood.sha256): write a new set instead")


def load(paths: list[Path]) -> list[dict]:
    items: list[dict] = []
    for path in paths:
        items += yaml.safe_load(path.read_text(encoding="utf-8"))
    return items


def score(items: list[dict], acts: tuple[str, ...] = ACTS, show_errors: str | None = None) -> tuple[Table, float]:
    analyzer = get_analyzer()
    tp = dict.fromkeys(acts, 0)
    fp = dict.fromkeys(acts, 0)
    fn = dict.fromkeys(acts, 0)
    for item in items:
        gold = set(item["acts"])
        got = analyzer.analyze(item["text"], item.get("previous") or "").acts
        for act in acts:
            if act in got and act in gold:
                tp[act] += 1
            elif act in got:
                fp[act] += 1
                if show_errors in (act, "all"):
                    print(f"  FP {act:20} {item['text']}   [{', '.join(sorted(gold))}]")
            elif act in gold:
                fn[act] += 1
                if show_errors in (act, "all"):
                    print(f"  FN {act:20} {item['text']}   [{', '.join(sorted(gold))}]")
    table: Table = {}
    for act in acts:
        p = tp[act] / (tp[act] + fp[act]) if tp[act] + fp[act] else 1.0
        r = tp[act] / (tp[act] + fn[act]) if tp[act] + fn[act] else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        table[act] = (p, r, f, tp[act] + fn[act], fp[act])
    supported = [v[2] for v in table.values() if v[3]]
    return table, sum(supported) / len(supported)


def speed(items: list[dict], seconds: float) -> float:
    analyzer = get_analyzer()
    pairs = [(i["text"], i.get("previous") or "") for i in items]
    for text, previous in pairs:  # compile and warm up
        analyzer.analyze(text, previous)
    count = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text, previous in pairs:
            analyzer.analyze(text, previous)
        count += len(pairs)
    return count / (time.perf_counter() - start)


def print_table(table: Table, macro: float, target: float) -> None:
    print(f"{'act':22} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}")
    for act, (p, r, f, n, false) in table.items():
        if n:
            print(f"{act:22} {p:9.3f} {r:7.3f} {f:6.3f} {n:8d}")
        elif false:
            print(f"{act:22} {'':9} {'':7} {'':6} {0:8d}   ({false} false alarm(s), not in the macro)")
    print(f"{'macro-F1':22} {'':9} {'':7} {macro:6.3f}   (target >= {target:.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--errors", metavar="ACT", help="print false positives and negatives for ACT (or 'all')")
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    verify()
    if args.files:
        items = load(args.files)
        ood = all("previous" in i for i in items)
        acts = tuple(a for a in ACTS if not (ood and a in NOT_LABELLED_OOD))
        table, macro = score(items, acts, args.errors)
        print(f"{len(items)} utterances from {', '.join(p.name for p in args.files)}")
        print_table(table, macro, 0.80 if ood else 0.93)
        everything = items
    else:
        everything = []
        print(f"{'set':28} {'utterances':>10} {'macro-F1':>9}  target")
        for path in TAX_SETS:
            items = load([path])
            _, macro = score(items)
            print(f"{path.name:28} {len(items):10d} {macro:9.3f}  >= 0.93")
            everything += items
        if OOD_SETS:
            items = load(OOD_SETS)
            acts = tuple(a for a in ACTS if a not in NOT_LABELLED_OOD)
            for path in OOD_SETS:
                _, macro = score(load([path]), acts)
                print(f"{path.name:28} {len(load([path])):10d} {macro:9.3f}  (part)")
            table, macro = score(items, acts)
            print(f"{'out-of-domain, all':28} {len(items):10d} {macro:9.3f}  >= 0.80")
            print()
            print_table(table, macro, 0.80)
            everything += items
    rate = speed(everything, args.seconds)
    print(f"speed: {rate:,.0f} utterances/second on one core, previous turn included (target >= 5,000)")


if __name__ == "__main__":
    main()
