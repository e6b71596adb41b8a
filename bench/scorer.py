"""Scorer benchmark: agreement with human ratings (Spearman's rho per dimension) and evaluation speed.

Usage: python bench/scorer.py [DIR ...] [--rubric ID]
Default: tests/data/feedback/dev. Each transcript carries meta.ratings {dimension: 1-5}; its scenario (when named)
comes from the library. Targets: rho >= 0.85 per dimension; a 40-turn transcript in under 20 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.analyzer import get_analyzer  # noqa: E402
from coach.errors import NotFoundError  # noqa: E402
from coach.feedback import evaluate  # noqa: E402
from coach.formats import Transcript  # noqa: E402
from coach.library import Library  # noqa: E402
from coach.loader import load  # noqa: E402

DIMENSIONS = ("luisteren", "gespreksopbouw", "toon", "inhoud")


def ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(a: list[float], b: list[float]) -> float:
    ra, rb = ranks(a), ranks(b)
    ma, mb = statistics.fmean(ra), statistics.fmean(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb, strict=True))
    var = (sum((x - ma) ** 2 for x in ra) * sum((y - mb) ** 2 for y in rb)) ** 0.5
    return cov / var if var else 0.0


def load_set(dirs: list[Path]) -> list[Transcript]:
    return [load(p, "transcript") for d in dirs for p in sorted(d.glob("*.yaml"))]


def agreement(transcripts: list[Transcript], rubric_id: str) -> dict[str, tuple[float, int]]:
    lib = Library.open()
    rubric = lib.rubric(rubric_id)
    analyzer = get_analyzer()
    human: dict[str, list[float]] = {d: [] for d in DIMENSIONS}
    machine: dict[str, list[float]] = {d: [] for d in DIMENSIONS}
    for t in transcripts:
        try:
            scenario = lib.scenario(t.scenario) if t.scenario else None
        except NotFoundError:
            scenario = None
        fb = evaluate(t, rubric, analyzer, scenario)
        for d in DIMENSIONS:
            score = fb.dimensions[d].score if d in fb.dimensions else None
            rating = t.meta.get("ratings", {}).get(d)
            if score is not None and rating is not None:
                human[d].append(float(rating))
                machine[d].append(score)
    return {d: (spearman(human[d], machine[d]), len(human[d])) for d in DIMENSIONS}


def speed(rubric_id: str, runs: int = 30) -> tuple[float, int]:
    """Median time to evaluate a 40-turn transcript (analysis included), after start-up."""
    lib = Library.open()
    rubric = lib.rubric(rubric_id)
    scenario = lib.scenario("woz-hoger-dan-buren")
    analyzer = get_analyzer()
    lines = [
        "Goedemorgen, Belastingen, u spreekt met Anna. Wat kan ik voor u doen?",
        "Ik hoor dat u daar erg van geschrokken bent. Kunt u vertellen wat er gebeurd is?",
        "Als ik u goed begrijp, vindt u de WOZ-waarde te hoog vergeleken met de buren. Klopt dat?",
        "De waarde is geschat op basis van verkoopprijzen rond 1 januari 2025; de dagtekening staat bovenaan.",
        "Wat ik voor u ga doen: ik vraag de taxateur u deze week te bellen. Is dat duidelijk?",
    ]
    turns = []
    for n in range(20):
        caller = "Ja, maar waarom is het bij de buren dan lager? Ik snap het niet."
        turns.append({"speaker": "caller", "text": caller, "emotion": 6 - n % 4})
        turns.append({"speaker": "learner", "text": lines[n % len(lines)]})
    transcript = Transcript.model_validate({"scenario": scenario.id, "turns": turns})
    evaluate(transcript, rubric, analyzer, scenario)  # warm-up: compile the patterns once, as a CLI run does
    samples = []
    for _ in range(runs):
        fresh = Transcript.model_validate({"scenario": scenario.id, "turns": turns})
        start = time.perf_counter()
        evaluate(fresh, rubric, analyzer, scenario)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), len(turns)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dirs", nargs="*", type=Path, default=[ROOT / "tests" / "data" / "feedback" / "dev"])
    parser.add_argument("--rubric", default="standaard")
    args = parser.parse_args()
    transcripts = load_set(args.dirs)
    print(f"{len(transcripts)} rated transcripts from {', '.join(str(d) for d in args.dirs)}; rubric {args.rubric}")
    for dimension, (rho, n) in agreement(transcripts, args.rubric).items():
        print(f"  {dimension:15} Spearman rho = {rho:5.2f}  (n = {n}; target >= 0.85)")
    seconds, n = speed(args.rubric)
    print(f"evaluate a {n}-turn transcript: {seconds * 1000:.1f} ms median (target < 20 ms)")


if __name__ == "__main__":
    main()
