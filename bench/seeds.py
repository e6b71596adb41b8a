"""Does the seed change what happens, or only the words? Every scenario's scripts (scripts/: good, average,
dismissive) played under seeds 0..N-1 and scored with the standaard rubric.

Usage: python bench/seeds.py [N]        (default 8 seeds)

Prints how many scripted calls have identical caller events and emotions, and identical criterion scores, under every
seed, the spread of the overall score across seeds, and the calls and criteria that still differ. Target (issue 17):
no score depends on the seed. The scripts are the project's dev scripts: this measures a property of the engine (same
trainee turns, another seed), not understanding.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from coach.analyzer import get_analyzer
    from coach.authoring import read_script
    from coach.caller import make_caller
    from coach.feedback import evaluate
    from coach.library import Library
    from coach.session import Session, run_session

    seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    library, analyzer = Library.open(), get_analyzer()
    rubric = library.rubric("standaard")
    calls = same_events = same_scores = 0
    spreads: list[float] = []
    differing: collections.Counter[str] = collections.Counter()
    lines = []
    for folder in sorted((ROOT / "scripts").iterdir()):
        scenario = library.scenario(folder.name)
        for script in sorted(folder.glob("*.txt")):
            replies = read_script(script)
            events, scores, overall = set(), collections.defaultdict(set), []
            for seed in range(seeds):
                session = Session(scenario, make_caller("offline", scenario, analyzer, seed), analyzer, seed=seed)
                transcript = run_session(session, replies)
                caller = [t for t in transcript.turns if t.speaker == "caller"]
                events.add(tuple((tuple(t.meta.get("kinds", [])), t.emotion) for t in caller))
                feedback = evaluate(transcript, rubric, analyzer, scenario)
                for c in feedback.criteria:
                    scores[c.id].add(c.score)
                overall.append(feedback.overall or 0.0)
            calls += 1
            same_events += len(events) == 1
            moved = sorted(cid for cid, values in scores.items() if len(values) > 1)
            same_scores += not moved
            differing.update(moved)
            spreads.append(max(overall) - min(overall))
            if moved:
                lines.append(
                    f"  {folder.name}/{script.stem}: {max(overall) - min(overall):.1f} points; {', '.join(moved)}"
                )
    print(f"{calls} scripted calls x {seeds} seeds, rubric standaard")
    print(f"  caller events and emotions identical under every seed: {same_events} of {calls}")
    print(f"  criterion scores identical under every seed:           {same_scores} of {calls}")
    print(f"  spread of the overall score across seeds: mean {sum(spreads) / calls:.2f}, largest {max(spreads):.1f}")
    if lines:
        print("calls that still differ:")
        print("\n".join(lines))
        print("criteria that differ, in how many calls: " + ", ".join(f"{k} {v}" for k, v in differing.most_common()))
    print("target (issue 17): every score the same under every seed")


if __name__ == "__main__":
    main()
