"""``coach progress`` without I/O: one trainee's practice calls as a trend per dimension, the criteria that improved
or stay weak, and the scenario to practise next (docs/progress.md).

A finished call keeps a small summary of its feedback in the store (``summary``, meta ``scores``), so the trend reads
what the trainee was told; a call without one (played before the summary existed, or imported) is scored again.

Early versus recent (``halves``): with four or more scored calls the mean of the first half against the mean of the
second half (the middle call left out when the number is odd), with two or three the first call against the latest.
One lucky or bad call moves a half less than it moves a single pair, and with few calls nothing else is there.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from coach import learners
from coach.errors import CoachError, NotFoundError, UsageError

if TYPE_CHECKING:
    from coach.feedback import Feedback
    from coach.library import Library
    from coach.store import SessionRow, Store

IMPROVED_BY = 10.0
"""Points the recent mean of a criterion must be above the early mean to count as improved."""

STRESS: dict[str, str] = {
    "luisteren": "hidden_concerns",
    "gespreksopbouw": "facts",
    "toon": "start_emotion",
    "inhoud": "key_points",
}
"""What makes a scenario train a dimension: more hidden concerns to find (luisteren), more facts to ask and keep in
order (gespreksopbouw), a caller who starts more upset (toon), more key information and misinformation to get right
(inhoud). The value is the name of the measure (``stress``)."""


def stress(scenario: Any, dimension: str) -> int:
    """How strongly a scenario trains a dimension (0 for a dimension without a measure)."""
    measure = STRESS.get(dimension)
    if measure == "hidden_concerns":
        return len(scenario.concerns.hidden)
    if measure == "facts":
        return len(scenario.facts)
    if measure == "start_emotion":
        return int(scenario.caller.emotion.start)
    if measure == "key_points":
        return len(scenario.key_info) + len(scenario.misinformation)
    return 0


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def summary(fb: Feedback) -> dict[str, Any]:
    """What the trend needs of a call's feedback, small enough to keep with the session (meta ``scores``)."""
    dimensions = {}
    for name, dim in fb.dimensions.items():
        passed = dim.passed
        if passed is None and dim.score is not None and fb.pass_score is not None:
            passed = dim.score >= fb.pass_score
        dimensions[name] = {"score": _round(dim.score), "passed": passed}
    return {
        "rubric": fb.rubric,
        "dimensions": dimensions,
        "criteria": {
            c.id: {"dimension": c.dimension, "score": None if c.skipped else _round(c.score), "passed": c.passed}
            for c in fb.criteria
        },
    }


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


@dataclass
class Attempt:
    """One scored practice call."""

    session: str
    date: datetime
    scenario: str
    title: str
    difficulty: int | None
    """None when the scenario is not in the library any more."""
    overall: float | None
    dimensions: dict[str, float | None]
    passed: dict[str, bool | None]
    """Per dimension: did it reach its pass score."""
    criteria: dict[str, tuple[str, float | None, bool | None]]
    """Per criterion id: (dimension, score, passed); score None when it was skipped."""

    @classmethod
    def of(cls, row: SessionRow, scores: dict[str, Any], scenario: Any) -> Attempt:
        """From a stored summary; a value of the wrong type counts as not measured."""
        dims = scores.get("dimensions") if isinstance(scores.get("dimensions"), dict) else {}
        crit = scores.get("criteria") if isinstance(scores.get("criteria"), dict) else {}
        dims = {str(k): v for k, v in dims.items() if isinstance(v, dict)}
        crit = {str(k): v for k, v in crit.items() if isinstance(v, dict)}
        return cls(
            session=row.id,
            date=datetime.fromisoformat(row.started_at),
            scenario=row.scenario,
            title=scenario.title if scenario is not None else row.scenario,
            difficulty=scenario.difficulty if scenario is not None else None,
            overall=_number(row.meta.get("score")),
            dimensions={name: _number(d.get("score")) for name, d in dims.items()},
            passed={name: _flag(d.get("passed")) for name, d in dims.items()},
            criteria={
                cid: (str(c.get("dimension", "")), _number(c.get("score")), _flag(c.get("passed")))
                for cid, c in crit.items()
            },
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "session": self.session,
            "date": self.date.isoformat(),
            "scenario": self.scenario,
            "title": self.title,
            "difficulty": self.difficulty,
            "overall": _round(self.overall),
            "dimensions": {name: _round(v) for name, v in self.dimensions.items()},
        }


def halves(values: Sequence[Any]) -> tuple[list[Any], list[Any]]:
    """The early and the recent part of a series (module docstring): with one value only a recent part."""
    n = len(values)
    if n == 0:
        return [], []
    if n == 1:
        return [], [values[0]]
    if n < 4:
        return [values[0]], [values[-1]]
    half = n // 2
    return list(values[:half]), list(values[-half:])


def _mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


@dataclass
class Trend:
    """One dimension over the calls, oldest first."""

    dimension: str
    scores: list[float]
    early: float | None
    recent: float | None

    @property
    def first(self) -> float | None:
        return self.scores[0] if self.scores else None

    @property
    def latest(self) -> float | None:
        return self.scores[-1] if self.scores else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "dimension": self.dimension,
            "n": len(self.scores),
            "scores": [_round(v) for v in self.scores],
            "first": _round(self.first),
            "latest": _round(self.latest),
            "early": _round(self.early),
            "recent": _round(self.recent),
        }


@dataclass
class CriterionTrend:
    """A criterion early and recent: its mean scores, and how often it passed recently."""

    id: str
    dimension: str
    n: int
    early: float | None
    recent: float | None
    recent_passed: int
    recent_judged: int

    @property
    def change(self) -> float | None:
        return None if self.early is None or self.recent is None else self.recent - self.early

    @property
    def improved(self) -> bool:
        return self.change is not None and self.change >= IMPROVED_BY

    @property
    def weak(self) -> bool:
        """Failed in at least half of the recent calls that judged it."""
        return self.recent_judged > 0 and self.recent_passed * 2 < self.recent_judged

    def as_dict(self) -> dict[str, Any]:
        return {
            "criterion": self.id,
            "dimension": self.dimension,
            "n": self.n,
            "early": _round(self.early),
            "recent": _round(self.recent),
            "change": _round(self.change),
            "recent_passed": self.recent_passed,
            "recent_judged": self.recent_judged,
        }


@dataclass
class Suggestion:
    """The scenario to practise next, and what it was chosen by (docs/progress.md)."""

    scenario: str
    title: str
    difficulty: int
    dimension: str
    """The weakest dimension, which it trains."""
    best_passed: int | None
    """The highest difficulty at which the trainee's latest call of that difficulty reached the dimension's pass
    score (None: none yet)."""
    level: int
    """The difficulty aimed at: one above ``best_passed``, the highest there is at most."""
    measure: str
    stress: int
    last_done: datetime | None
    """When the trainee last practised it (None: never)."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "title": self.title,
            "difficulty": self.difficulty,
            "dimension": self.dimension,
            "best_passed": self.best_passed,
            "level": self.level,
            "measure": self.measure,
            "stress": self.stress,
            "last_done": self.last_done.isoformat() if self.last_done else None,
        }


@dataclass
class Progress:
    learner: str
    """The name as shown; empty for calls without a name."""
    attempts: list[Attempt] = field(default_factory=list)
    trends: list[Trend] = field(default_factory=list)
    criteria: list[CriterionTrend] = field(default_factory=list)
    weakest: str | None = None
    suggestion: Suggestion | None = None
    unscored: list[tuple[str, str]] = field(default_factory=list)
    """(session, why) of the calls that could not be scored."""
    scripted: int = 0
    """Scripted calls (coach run) of this trainee left out; all of them when no trainee was chosen."""

    @property
    def improved(self) -> list[CriterionTrend]:
        found = [c for c in self.criteria if c.improved]
        return sorted(found, key=lambda c: -(c.change or 0.0))

    @property
    def weak(self) -> list[CriterionTrend]:
        """Weak recently and not improving: what stays weak, lowest recent score first."""
        found = [c for c in self.criteria if c.weak and not c.improved]
        return sorted(found, key=lambda c: (c.recent is None, c.recent or 0.0, c.id))

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "learner": self.learner,
            "calls": [a.as_dict() for a in self.attempts],
            "dimensions": [t.as_dict() for t in self.trends],
            "weakest": self.weakest,
            "improved": [c.as_dict() for c in self.improved],
            "weak": [c.as_dict() for c in self.weak],
            "suggestion": self.suggestion.as_dict() if self.suggestion else None,
            "unscored": [{"session": s, "problem": p} for s, p in self.unscored],
            "scripted_left_out": self.scripted,
        }


def _who(rows: list[SessionRow], query: str | None) -> tuple[str, set[str]]:
    """The trainee a query stands for, as (name shown, keys of the spellings); without a query the only one."""
    names = [r.learner for r in rows if r.learner]
    if query is None:
        keys = {learners.key(r.learner) for r in rows}
        if len(keys) > 1:
            people = sorted({learners.display(n) for n in names}, key=learners.key)
            if any(not r.learner for r in rows):
                people.append("(zonder naam)")
            example = next(iter(people))
            raise UsageError(
                f"er zijn gesprekken van meer medewerkers: {', '.join(people)}",
                hint=f"kies er één, bijvoorbeeld --learner {example!r}",
            )
        row = next((r for r in rows if r.learner), rows[0] if rows else None)
        return (learners.display(row.learner) if row else ""), keys
    found = learners.find(query, names)
    if len({learners.key(n) for n in found}) > 1:
        raise UsageError(
            f"'{learners.display(query)}' past bij meer medewerkers: {', '.join(learners.display(n) for n in found)}",
            hint="geef meer van de naam, bijvoorbeeld --learner " + repr(learners.display(found[0])),
        )
    if not found:
        known = sorted({learners.display(n) for n in names}, key=learners.key)
        raise NotFoundError(
            f"geen gesprekken van '{learners.display(query)}'",
            hint=("wel van: " + ", ".join(known[:8]) + (", ..." if len(known) > 8 else "")) if known else "",
        )
    return learners.display(found[0]), {learners.key(n) for n in found}


def learner_progress(
    store: Store,
    library: Library,
    query: str | None = None,
    *,
    scripted: bool = False,
    lexicon: Sequence[Any] = (),
) -> Progress:
    """The progress of one trainee (``query``, or the only one) over the finished calls in the store; scripted calls
    (coach run) only with ``scripted``."""
    rows, _ = store.history()
    # a call that was scored when it ended (an imported one was made elsewhere); a call begun again with /opnieuw or
    # closed with resume --close ended without feedback and is no attempt; a what-if variant (coach replay) redoes
    # part of a call and is no fresh call either
    finished = [
        r
        for r in rows
        if ((r.outcome is not None and "score" in r.meta) or "import" in r.meta) and not r.meta.get("branch_of")
    ]
    pool = finished if scripted else [r for r in finished if not r.meta.get("scripted")]
    name, keys = _who(finished if query else pool, query)
    mine = [r for r in pool if learners.key(r.learner) in keys]
    left_out = [r for r in finished if r.meta.get("scripted") and (not keys or learners.key(r.learner) in keys)]
    result = Progress(name, scripted=0 if scripted else len(left_out))
    scenarios = {s.id: s for s in library.load_all("scenario")}
    analyzer = None
    for row in mine:
        scenario = scenarios.get(row.scenario) or _own_file(library, row)
        scores = row.meta.get("scores")
        if not isinstance(scores, dict):
            if analyzer is None:
                from coach.analyzer import analyzer_for

                analyzer = analyzer_for(library, lexicon)
            try:
                scores = _rescore(store, library, analyzer, row, scenario)
            except CoachError as exc:
                result.unscored.append((row.id, exc.message))
                continue
        result.attempts.append(Attempt.of(row, scores, scenario))
    _analyse(result)
    result.suggestion = suggest(result, list(scenarios.values()))
    return result


def _own_file(library: Library, row: SessionRow) -> Any:
    """The scenario a call was played with from a file outside the library, when that file is still there."""
    from pathlib import Path

    if not row.scenario_path or not Path(row.scenario_path).is_file():
        return None
    try:
        found = library.scenario(row.scenario_path)
    except CoachError:
        return None
    return found if found.id == row.scenario else None


def _rescore(store: Store, library: Library, analyzer: Any, row: SessionRow, scenario: Any) -> dict[str, Any]:
    """The summary of a call stored without one: scored again with its rubric and scenario."""
    from coach.feedback import evaluate

    if scenario is None:
        raise NotFoundError(f"scenario '{row.scenario}' staat niet in de bibliotheek")
    transcript = store.transcript(row.id)
    return summary(evaluate(transcript, library.rubric(row.rubric or "standaard"), analyzer, scenario))


def _analyse(result: Progress) -> None:
    names: dict[str, None] = {}
    for a in result.attempts:
        names.update(dict.fromkeys(a.dimensions))
    for name in names:
        scores = [v for a in result.attempts if (v := a.dimensions.get(name)) is not None]
        early, recent = halves(scores)
        result.trends.append(Trend(name, scores, _mean(early), _mean(recent)))
    criteria: dict[str, tuple[str, list[tuple[float, bool | None]]]] = {}
    for a in result.attempts:
        for cid, (dimension, score, passed) in a.criteria.items():
            if score is not None:
                criteria.setdefault(cid, (dimension, []))[1].append((score, passed))
    for cid, (dimension, measured) in criteria.items():
        early, recent = halves(measured)
        judged = [p for _, p in recent if p is not None]
        result.criteria.append(
            CriterionTrend(
                cid,
                dimension,
                len(measured),
                _mean([s for s, _ in early]),
                _mean([s for s, _ in recent]),
                sum(judged),
                len(judged),
            )
        )
    measured = [(t.recent, i, t.dimension) for i, t in enumerate(result.trends) if t.recent is not None]
    result.weakest = min(measured)[2] if measured else None


def reached(attempts: Sequence[Attempt], dimension: str) -> int | None:
    """The highest difficulty whose latest call (of those that judged the dimension) passed it: what a trainee can
    do now. One early pass does not hold a level once later calls at it fail (docs/progress.md)."""
    latest: dict[int, Attempt] = {}
    for a in sorted(attempts, key=lambda a: a.date):
        if a.difficulty is not None and a.passed.get(dimension) is not None:
            latest[a.difficulty] = a
    levels = [level for level, a in latest.items() if a.passed.get(dimension)]
    return max(levels) if levels else None


def suggest(result: Progress, scenarios: Sequence[Any]) -> Suggestion | None:
    """The next scenario for the weakest dimension (docs/progress.md): at one level above the highest at which the
    trainee's latest call passed that dimension; never practised before first, else the one practised longest ago;
    among those the one that trains the dimension most."""
    dimension = result.weakest
    if dimension is None or not scenarios:
        return None
    levels = sorted({s.difficulty for s in scenarios})
    best = reached(result.attempts, dimension)
    level = min(best + 1, levels[-1]) if best is not None else levels[0]
    nearest = min(levels, key=lambda d: (abs(d - level), d))
    last: dict[str, datetime] = {}
    for a in result.attempts:
        last[a.scenario] = a.date
    candidates = [s for s in scenarios if s.difficulty == nearest]

    def rank(s: Any) -> tuple:
        done = last.get(s.id)
        return (done is not None, done.timestamp() if done else 0.0, -stress(s, dimension), s.id)

    chosen = min(candidates, key=rank)
    return Suggestion(
        scenario=chosen.id,
        title=chosen.title,
        difficulty=chosen.difficulty,
        dimension=dimension,
        best_passed=best,
        level=level,
        measure=STRESS.get(dimension, ""),
        stress=stress(chosen, dimension),
        last_done=last.get(chosen.id),
    )
