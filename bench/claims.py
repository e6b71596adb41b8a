"""How well the claim reader catches wrong information, and how rarely it cries wolf or credits what was not said.

    python bench/claims.py                 # the blind set (claims-eval6.yaml, checksum verified)
    python bench/claims.py --set fifth     # the fifth blind set (claims-eval5.yaml): tuned on since its first run
    python bench/claims.py --set fourth    # the fourth blind set (claims-eval4.yaml): tuned on since its first run
    python bench/claims.py --set third     # the third blind set (claims-eval3.yaml): tuned on since its first run
    python bench/claims.py --set second    # the second blind set (claims-eval2.yaml): tuned on since its first run
    python bench/claims.py --set first     # the first blind set (claims-eval-a/b): tuned on since its first run
    python bench/claims.py --set dev       # the dev set, tuned on from the start
    python bench/claims.py --show          # also list every miss, false alarm and wrong credit

Each item is one trainee turn about one claim type (bench/data/claim-types.md), labelled by the helper session that
wrote it, before the first run: ``wrong`` (states it with a wrong value or meaning), ``correct`` (states the truth),
``none`` (about the topic without stating it: a question, a condition, quoting someone, a plan). Some items carry the
caller's line before the turn (``caller``), as a call would. The reader gets the context a scenario would give: the
catalogue's claims of the same topic (woz, heffing, invordering, kwijtschelding), with the catalogue's truths.

- caught:       wrong items where a claim of the item's type is read as wrong
- false alarms: correct items where any claim is read as wrong (and the same for none items)
- credit:       items where a claim of the item's type is read as a statement of the truth; precision is the share
                of those that are labelled correct
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.analyzer import get_analyzer  # noqa: E402
from coach.analyzer.claims import Context  # noqa: E402

DATA = ROOT / "bench" / "data"
SETS = {
    "blind": (["claims-eval6.yaml"], "blind evaluation set 6 (frozen, not tuned on)"),
    "fifth": (["claims-eval5.yaml"], "fifth blind set (frozen; tuned on after its first run)"),
    "fourth": (["claims-eval4.yaml"], "fourth blind set (frozen; tuned on after its first run)"),
    "third": (["claims-eval3.yaml"], "third blind set (frozen; tuned on after its first run)"),
    "second": (["claims-eval2.yaml"], "second blind set (frozen; tuned on after its first run)"),
    "first": (["claims-eval-a.yaml", "claims-eval-b.yaml"], "first blind set (frozen; tuned on after its first run)"),
    "dev": (["claims-dev.yaml"], "dev set (tuned on)"),
}
GROUPS = {
    "ozb_heel_jaar": ["ozb-vermindering"],
    "beroep_rechter": ["beroep-rechter", "beroepstermijn"],
    "kwijtschelding_beroep": ["kwijtschelding-beroep", "kwijtschelding-beroepstermijn"],
    "terugboeking": ["terugboeking", "terugboeking-aantal"],
}
"""Claim types of the sets that the catalogue reads as more than one claim (or under another id)."""


def verify(names: list[str]) -> None:
    sums = dict(
        reversed(line.split()) for line in (DATA / "claims-eval.sha256").read_text().splitlines() if line.strip()
    )
    for name in names:
        digest = hashlib.sha256((DATA / name).read_bytes()).hexdigest()
        if sums.get(name) != digest:
            sys.exit(f"{name}: checksum differs from claims-eval.sha256 — the frozen set was changed")


def group(kind: str) -> list[str]:
    return GROUPS.get(kind, [kind.replace("_", "-")])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=sorted(SETS), default="blind", help="which set (default: blind)")
    parser.add_argument("--show", action="store_true", help="list the misses, false alarms and wrong credits")
    parser.add_argument(
        "--context",
        choices=["topic", "scenario"],
        default="topic",
        help="topic: the catalogue's claims of the item's topic; scenario: the claims (and truths) of a library "
        "scenario that names the item's claim, none when no scenario does",
    )
    args = parser.parse_args()
    names, title = SETS[args.set]
    if args.set != "dev":
        verify(names)
    items = [item for name in names for item in yaml.safe_load((DATA / name).read_text(encoding="utf-8"))]
    analyzer = get_analyzer()
    catalogue = analyzer.claim_reader.claims
    topics: dict[str, list[str]] = defaultdict(list)
    for claim in catalogue.values():
        topics[claim.topic].append(claim.id)
    scenarios: dict[str, Context] = {}
    if args.context == "scenario":
        from coach.analyzer.stated import context_for
        from coach.library import Library

        for scenario in sorted(Library.open().load_all("scenario"), key=lambda x: x.id):
            for claim_id in scenario.claims:
                scenarios.setdefault(claim_id, context_for(scenario))

    tally: Counter[str] = Counter()
    per_type: dict[str, Counter[str]] = defaultdict(Counter)
    notes: list[str] = []
    started = time.perf_counter()
    for item in items:
        ids = group(item["claim"])
        missing = [i for i in ids if i not in catalogue]
        if missing:
            sys.exit(f"{item['id']}: claim type {missing[0]} is not in the catalogue")
        if args.context == "scenario":
            found = next((scenarios[i] for i in ids if i in scenarios), Context())
            context = Context(found.expected, found.truths, previous=item.get("caller", ""))
        else:
            context = Context(expected=tuple(topics[catalogue[ids[0]].topic]), previous=item.get("caller", ""))
        verdicts = analyzer.claims(item["text"], context)
        label = item["label"]
        mine = [v for v in verdicts if v.reading.claim in ids]
        wrong_any = [v for v in verdicts if v.wrong]
        credited = any(v.states_truth for v in mine) and not any(v.wrong for v in mine)
        tally[label] += 1
        per_type[item["claim"]][label] += 1
        if label == "wrong":
            caught = any(v.wrong for v in mine)
            tally["caught"] += caught
            per_type[item["claim"]]["caught"] += caught
            if not caught:
                notes.append(f"MISS   {item['id']} {item['claim']}: {item['text']}")
        else:
            if wrong_any:
                tally[f"alarm_{label}"] += 1
                per_type[item["claim"]][f"alarm_{label}"] += 1
                said = "; ".join(f"{v.reading.claim}={v.reading.said!r}" for v in wrong_any)
                notes.append(f"ALARM  {item['id']} {item['claim']} ({label}): {item['text']}  [{said}]")
        if credited:
            tally["credited"] += 1
            tally[f"credited_{label}"] += 1
            if label != "correct":
                notes.append(f"CREDIT {item['id']} {item['claim']} ({label}): {item['text']}")
        elif label == "correct":
            notes.append(f"NOCRED {item['id']} {item['claim']}: {item['text']}")
    elapsed = time.perf_counter() - started

    def pct(a: int, b: int) -> str:
        return f"{a}/{b} = {100 * a / b:.1f}%" if b else "-"

    print(f"set: {title} — {', '.join(names)}; context: {args.context}")
    print(f"items: {len(items)} ({tally['wrong']} wrong, {tally['correct']} correct, {tally['none']} none) "
          f"over {len(per_type)} claim types")  # fmt: skip
    print(f"wrong statements caught:          {pct(tally['caught'], tally['wrong'])}   (target ≥ 90%)")
    print(f"false alarms on correct ones:     {pct(tally['alarm_correct'], tally['correct'])}   (target ≤ 3%)")
    print(f"false alarms on 'none' turns:     {pct(tally['alarm_none'], tally['none'])}")
    print(f"key-information credit precision: {pct(tally['credited_correct'], tally['credited'])}   (target ≥ 95%)")
    print(f"key-information credit recall:    {pct(tally['credited_correct'], tally['correct'])}")
    print(f"speed: {len(items) / elapsed:,.0f} turns/s (analysis and claims)")
    print()
    print(f"{'claim type':26} caught  alarms(correct/none)")
    for kind, c in sorted(per_type.items()):
        print(f"{kind:26} {c['caught']:>2}/{c['wrong']:<3}  {c['alarm_correct']}/{c['alarm_none']}")
    if args.show:
        print()
        print("\n".join(sorted(notes)))


if __name__ == "__main__":
    main()
