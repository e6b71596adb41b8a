"""Caller probes: does the offline caller answer what was asked, and only that?

Usage: python bench/probes.py [--set eval|e|d|first|a|b|c|dev] [--show] [--seeds N]

Each probe is one trainee turn said right after the caller's opening line (bench/data/probes-*.yaml), labelled
before any run by the helper session that wrote it (see docs/validity.md):

- ``fact``: a question for one of the caller's facts; it counts when the caller gives that fact.
- ``near_miss``: mentions a key point's words but explains nothing; the caller must not react as if it was told
  (no key point credited, no "that is clear" reaction, no calming for a plain explanation).
- ``unknown``: a question the caller has no fact for; it must answer honestly in character (not knowing, asking what
  is meant, or telling its story to an open question) and never with an unrelated fact or a bare prod.
- ``offscript``: English, "ok", irrelevant talk, a wall of text, an insult, gibberish; the caller must not be
  rewarded (no calming, no empathy or listening credit, no hidden concern revealed).
- ``statement``: the trainee tells, explains, promises or announces something, with no question and no request that
  the caller do anything; the caller must not answer it as a question (none of its facts, no "dat weet ik niet",
  no "ja, dat doe ik" to a task nobody gave, no choice).

The evaluation sets are frozen: their checksums are in bench/data/probes-eval.sha256 and checked here. ``eval``
(f1 + f2) is blind; sets a, b, c (``first``), d, e and the dev set were tuned on after their first run.
Targets (issue 12): >= 95% of fact questions answered with the fact, 0 reactions to explanations nobody gave,
0 rewards for off-script input.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.analyzer import get_analyzer  # noqa: E402
from coach.caller import CallerBrain  # noqa: E402
from coach.library import Library  # noqa: E402

DATA = ROOT / "bench" / "data"
SETS = {
    "h": ["probes-eval-h1.yaml", "probes-eval-h2.yaml"],
    "g": ["probes-eval-g1.yaml", "probes-eval-g2.yaml"],
    "eval": ["probes-eval-f1.yaml", "probes-eval-f2.yaml"],
    "e": ["probes-eval-e1.yaml", "probes-eval-e2.yaml"],
    "d": ["probes-eval-d1.yaml", "probes-eval-d2.yaml"],
    "first": ["probes-eval-a.yaml", "probes-eval-b.yaml", "probes-eval-c.yaml"],
    "a": ["probes-eval-a.yaml"],
    "b": ["probes-eval-b.yaml"],
    "c": ["probes-eval-c.yaml"],
    "dev": ["probes-dev.yaml"],
    "dev-statements": ["probes-dev-statements.yaml"],
}
TUNED = {"dev", "dev-statements", "first", "a", "b", "c", "d", "e", "g"}
"""Sets the rules were tuned on after their first run (docs/validity.md): their figures are no evidence."""
CALMING = {"emotion_reflection", "summary_confirmed", "plain_explanation", "key_info", "next_step"}
EXPLAINED = {"explanation_ok", "key_info", "understood", "ready"}
"""Reply kinds that say the caller was told something."""
ASKED = {"fact", "unknown_fact", "agree", "choice"}
"""Reply kinds that answer a question or a request: wrong after a statement."""
HONEST = {"unknown_fact", "clarify", "story", "story_done", "hidden", "offscript", "everyday"}
"""Reply kinds that answer a question the caller has no fact for, in character ("everyday": what anyone knows of
itself, its phone number is the one it calls from)."""


def verify(files: list[str]) -> None:
    sums = {}
    for line in (DATA / "probes-eval.sha256").read_text().splitlines():
        digest, name = line.split()
        sums[name] = digest
    for name in files:
        if name in sums and hashlib.sha256((DATA / name).read_bytes()).hexdigest() != sums[name]:
            sys.exit(f"{name} differs from its frozen checksum: the evaluation set was changed")


def judge(probe: dict, scenario, analyzer, seed: int) -> tuple[bool, str, str]:
    """(passed, the reply, why it failed)."""
    brain = CallerBrain(scenario, analyzer, seed)
    opening = brain.start()
    before = brain.emotion.value
    text = str(probe["text"])
    plan = brain.plan(text, analyzer.analyze(text, opening.text), opening.text)
    kinds = [s.kind for s in plan.segments]
    facts = [r.split(":", 1)[1] for r in plan.revealed if r.startswith("fact:")]
    expect = probe["expect"]
    reply = plan.text
    if expect == "fact":
        ok = probe["fact"] in facts
        return ok, reply, "" if ok else (f"gave {facts}" if facts else f"kinds {kinds}")
    if expect == "near_miss":
        credited = [r for r in plan.revealed if r.startswith("key_info:")]
        told = [k for k in kinds if k in EXPLAINED]
        calmed = [e for e in plan.events if e in {"plain_explanation", "key_info"}]
        ok = not (credited or told or calmed)
        return ok, reply, "" if ok else f"credited {credited} kinds {told} events {calmed}"
    if expect == "unknown":
        honest = [k for k in kinds if k in HONEST]
        ok = bool(honest) and not facts
        return ok, reply, "" if ok else (f"gave fact {facts}" if facts else f"kinds {kinds}")
    if expect == "statement":
        answered = [k for k in kinds if k in ASKED]
        ok = not (answered or facts)
        return ok, reply, "" if ok else (f"gave fact {facts}" if facts else f"kinds {kinds}")
    rewarded = [e for e in plan.events if e in CALMING]
    hidden = [r for r in plan.revealed if r.startswith("concern:")]
    calmer = plan.emotion < before
    ok = not (rewarded or hidden or calmer or "empathy" in kinds)
    why = f"events {rewarded} hidden {hidden} emotion {before}->{plan.emotion} kinds {kinds}"
    return ok, reply, "" if ok else why


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=sorted(SETS), default="eval")
    parser.add_argument("--show", action="store_true", help="print every failed probe with the caller's reply")
    parser.add_argument("--seeds", type=int, default=1, help="play each probe with this many seeds (0, 1, ...)")
    args = parser.parse_args()
    files = SETS[args.set]
    verify(files)
    probes = [p for name in files for p in yaml.safe_load((DATA / name).read_text(encoding="utf-8"))]
    lib = Library.open()
    analyzer = get_analyzer()
    scenarios = {sid: lib.scenario(sid) for sid in {p["scenario"] for p in probes}}
    totals: Counter = Counter()
    passed: Counter = Counter()
    by_kind: dict[str, Counter] = defaultdict(Counter)
    failures = []
    for probe in probes:
        for seed in range(args.seeds):
            ok, reply, why = judge(probe, scenarios[probe["scenario"]], analyzer, seed)
            expect = probe["expect"]
            totals[expect] += 1
            passed[expect] += ok
            if expect == "offscript":
                by_kind[str(probe.get("kind"))][ok] += 1
            if not ok and seed == 0:
                failures.append((probe, reply, why))
    label = "tuned on (no evidence)" if args.set in TUNED else "frozen blind evaluation set, not tuned on"
    print(f"set: {args.set} — {label}; {len(probes)} probes over {len(scenarios)} scenarios, {args.seeds} seed(s)")

    def line(name: str, expect: str, target: str, failed: bool = False) -> None:
        n, k = totals[expect], passed[expect]
        shown = n - k if failed else k
        print(f"{name:44} {shown:4}/{n:<4} = {100 * shown / max(n, 1):5.1f}%   ({target})")

    line("fact questions answered with the fact", "fact", "target >= 95%")
    line("near misses reacted to as explanations", "near_miss", "target 0", failed=True)
    line("unknown questions answered honestly", "unknown", "no target; in character")
    line("off-script turns rewarded", "offscript", "target 0", failed=True)
    if totals["statement"]:
        line("statements answered as if asked", "statement", "target 0", failed=True)
    for kind, c in sorted(by_kind.items()):
        print(f"    off-script {kind:12} rewarded {c[False]}/{c[True] + c[False]}")
    if args.show:
        for probe, reply, why in failures:
            label = probe.get("fact") or probe.get("key") or probe.get("kind") or ""
            print(f"\nFAIL {probe['id']} {probe['scenario']} {probe['expect']} {label}")
            print(f"  trainee: {probe['text'][:300]}")
            print(f"  caller:  {reply}")
            print(f"  why:     {why}")


if __name__ == "__main__":
    main()
