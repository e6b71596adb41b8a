"""Analyzer benchmark: per-act precision, recall and F1 on a labelled set, macro-F1, and speed.

Usage: python bench/analyzer.py [FILE ...] [--errors ACT] [--seconds S]
Default file: tests/data/analyzer_dev.yaml. Targets: macro-F1 >= 0.90, >= 5,000 utterances per second on one core.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.analyzer import get_analyzer  # noqa: E402
from coach.formats.acts import ACTS  # noqa: E402


def score(
    items: list[dict], show_errors: str | None = None
) -> tuple[dict[str, tuple[float, float, float, int]], float]:
    analyzer = get_analyzer()
    tp = dict.fromkeys(ACTS, 0)
    fp = dict.fromkeys(ACTS, 0)
    fn = dict.fromkeys(ACTS, 0)
    for item in items:
        gold = set(item["acts"])
        got = analyzer.analyze(item["text"]).acts
        for act in ACTS:
            if act in got and act in gold:
                tp[act] += 1
            elif act in got:
                fp[act] += 1
                if show_errors in (act, "all"):
                    print(f"  FP {act:20} {item['text']}")
            elif act in gold:
                fn[act] += 1
                if show_errors in (act, "all"):
                    print(f"  FN {act:20} {item['text']}")
    table = {}
    for act in ACTS:
        p = tp[act] / (tp[act] + fp[act]) if tp[act] + fp[act] else 1.0
        r = tp[act] / (tp[act] + fn[act]) if tp[act] + fn[act] else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        table[act] = (p, r, f, tp[act] + fn[act])
    macro = sum(v[2] for v in table.values()) / len(table)
    return table, macro


def speed(texts: list[str], seconds: float) -> float:
    analyzer = get_analyzer()
    for text in texts:  # compile and warm up
        analyzer.analyze(text)
    count = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text in texts:
            analyzer.analyze(text)
        count += len(texts)
    return count / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, default=[ROOT / "tests" / "data" / "analyzer_dev.yaml"])
    parser.add_argument("--errors", metavar="ACT", help="print false positives and negatives for ACT (or 'all')")
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    items: list[dict] = []
    for path in args.files:
        items += yaml.safe_load(path.read_text(encoding="utf-8"))
    table, macro = score(items, args.errors)
    print(f"{len(items)} utterances from {', '.join(p.name for p in args.files)}")
    print(f"{'act':22} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}")
    for act, (p, r, f, n) in table.items():
        print(f"{act:22} {p:9.3f} {r:7.3f} {f:6.3f} {n:8d}")
    print(f"{'macro-F1':22} {'':9} {'':7} {macro:6.3f}   (target >= 0.90)")
    rate = speed([i["text"] for i in items], args.seconds)
    print(f"speed: {rate:,.0f} utterances/second on one core (target >= 5,000)")


if __name__ == "__main__":
    main()
