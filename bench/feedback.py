"""Feedback benchmark: contradictions in reports, agreement with trainers' ratings, the script ranking.

Usage: python bench/feedback.py [--rated dev|holdout|both] [--skip-corpus]

- Contradictions (coach.feedback.consistency) over a corpus of reports: every scenario played with its good, average
  and dismissive script (seeds 1-3), the audit calls (bench/data/audit), the rated calls and tests/data/feedback,
  each scored with every built-in rubric. Target: 0.
- Agreement: Spearman's rho per dimension between the trainers' ratings (meta.ratings, 1-5) and the scores, on the
  rated calls in bench/data/rated (written and rated blind by helper sessions, frozen by bench/data/rated.sha256;
  dev is tuned on, holdout is not). Target (issue 14): >= 0.85 per dimension on holdout.
- Ranking: per scenario, the good script scores above the average one, and that above the dismissive one (overall).
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scorer import spearman  # noqa: E402
from coach.analyzer import get_analyzer  # noqa: E402
from coach.caller import make_caller  # noqa: E402
from coach.feedback import evaluate  # noqa: E402
from coach.feedback.consistency import contradictions  # noqa: E402
from coach.formats import Transcript  # noqa: E402
from coach.library import Library  # noqa: E402
from coach.loader import load  # noqa: E402
from coach.session import Session, run_session  # noqa: E402

DATA = ROOT / "bench" / "data"
RATED = DATA / "rated"
SCRIPTS = ROOT / "scripts"
DIMENSIONS = ("luisteren", "gespreksopbouw", "toon", "inhoud")
KINDS = ("good", "average", "dismissive")


def script(scenario_id: str, kind: str) -> list[str]:
    lines = (SCRIPTS / scenario_id / f"{kind}.txt").read_text(encoding="utf-8").splitlines()
    return [x.strip() for x in lines if x.strip() and not x.startswith("#")]


def play(lib: Library, scenario_id: str, kind: str, seed: int) -> Transcript:
    analyzer = get_analyzer()
    scenario = lib.scenario(scenario_id)
    session = Session(scenario, make_caller("offline", scenario, analyzer, seed), analyzer, seed=seed)
    return run_session(session, script(scenario_id, kind))


def check_frozen() -> None:
    for line in (DATA / "rated.sha256").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        if hashlib.sha256((DATA / name).read_bytes()).hexdigest() != digest:
            sys.exit(f"{name} changed since it was frozen (bench/data/rated.sha256)")


def rated(part: str) -> list[tuple[Path, Transcript]]:
    return [(p, load(p, "transcript")) for p in sorted((RATED / part).glob("*.yaml"))]


def scenario_of(lib: Library, t: Transcript):
    return lib.scenario(t.scenario) if t.scenario else None


def agreement(lib: Library, items: list[tuple[Path, Transcript]], rubric_id: str) -> None:
    rubric, analyzer = lib.rubric(rubric_id), get_analyzer()
    human: dict[str, list[float]] = {d: [] for d in DIMENSIONS}
    machine: dict[str, list[float]] = {d: [] for d in DIMENSIONS}
    by_rating: dict[str, dict[int, list[float]]] = {d: {} for d in DIMENSIONS}
    unjudged = dict.fromkeys(DIMENSIONS, 0)
    for _, t in items:
        fb = evaluate(t, rubric, analyzer, scenario_of(lib, t))
        for d in DIMENSIONS:
            rating, score = t.meta["ratings"][d], fb.dimensions[d].score
            if score is None:
                unjudged[d] += 1
                continue
            human[d].append(float(rating))
            machine[d].append(score)
            by_rating[d].setdefault(rating, []).append(score)
    for d in DIMENSIONS:
        means = "  ".join(f"{r}:{statistics.fmean(v):3.0f}" for r, v in sorted(by_rating[d].items()))
        print(
            f"  {d:15} rho = {spearman(human[d], machine[d]):5.2f}  (n = {len(human[d])}, "
            f"niet te beoordelen {unjudged[d]})   mean score per rating  {means}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rated", choices=("dev", "holdout", "both"), default="dev")
    parser.add_argument("--rubric", default="standaard")
    parser.add_argument("--skip-corpus", action="store_true")
    args = parser.parse_args()
    check_frozen()
    lib = Library.open()
    analyzer = get_analyzer()
    parts = ("dev", "holdout") if args.rated == "both" else (args.rated,)
    for part in parts:
        items = rated(part)
        print(f"Rated calls, {part} ({len(items)}), rubric {args.rubric}:")
        agreement(lib, items, args.rubric)
    if args.skip_corpus:
        return
    played: dict[tuple[str, str, int], Transcript] = {}
    for sid in lib.ids("scenario"):
        for kind in KINDS:
            for seed in (1, 2, 3):
                played[(sid, kind, seed)] = play(lib, sid, kind, seed)
    wrong_order = []
    standaard = lib.rubric("standaard")
    for sid in lib.ids("scenario"):
        for seed in (1, 2, 3):
            scores = [evaluate(played[(sid, k, seed)], standaard, analyzer, lib.scenario(sid)).overall for k in KINDS]
            if not (scores[0] or 0) > (scores[1] or 0) > (scores[2] or 0):
                wrong_order.append(
                    f"{sid} seed {seed}: " + " / ".join(f"{k} {s}" for k, s in zip(KINDS, scores, strict=True))
                )
    print(f"Ranking good > average > dismissive (overall, standaard): {51 - len(wrong_order)} of 51 plays hold")
    for line in wrong_order:
        print("   ", line)
    corpus = list(played.values())
    corpus += [load(p, "transcript") for p in sorted((DATA / "audit").glob("*/*.yaml")) if "labels" not in p.name]
    corpus += [t for part in ("dev", "holdout") for _, t in rated(part)]
    corpus += [load(p, "transcript") for p in sorted((ROOT / "tests" / "data" / "feedback").glob("*/*.yaml"))]
    reports = problems = 0
    shown: list[str] = []
    for rubric_id in lib.ids("rubric"):
        rubric = lib.rubric(rubric_id)
        for t in corpus:
            fb = evaluate(t, rubric, analyzer, scenario_of(lib, t))
            reports += 1
            found = contradictions(fb, t)
            problems += bool(found)
            shown += found
    print(f"Contradictions: {problems} of {reports} reports ({len(corpus)} calls x {len(lib.ids('rubric'))} rubrics)")
    for line in sorted(set(shown))[:15]:
        print("   ", line)


if __name__ == "__main__":
    main()
