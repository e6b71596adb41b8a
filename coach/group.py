"""A group of calls as a trainer reads it: one row per call, and roll-ups per learner, scenario and criterion.

No I/O here: ``row`` turns one scored call into a small ``Row`` at once (the Feedback can then be dropped, so 10,000
calls fit in memory), ``rollup`` reads the rows. The faces (coach/cli/group.py, coach/cli/dashboard.py) print them.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from coach import learners

if TYPE_CHECKING:
    from coach.feedback import Feedback
    from coach.formats import Transcript

MOST_MISSED = 3
"""How many of the most-missed criteria a roll-up names."""

FIXED_COLUMNS = (
    "learner",
    "file",
    "session",
    "date",
    "scenario",
    "rubric",
    "seed",
    "overall",
)
TAIL_COLUMNS = ("pass_score", "outcome", "passed", "verdict", "failed_criteria", "trainee_turns", "verified", "check")
"""The CSV and JSON columns of a call around its dimension scores (docs/report.md)."""


@dataclass
class Row:
    """One call, as small as the report needs it."""

    index: int
    """Position in the input: the order of calls without a date."""
    learner: str
    """The name as shown (spacing tidied); empty when the transcript names none."""
    file: str
    session: str
    date: datetime | None
    scenario: str
    rubric: str
    seed: int | None
    overall: float | None
    dimensions: dict[str, float | None]
    pass_score: int | None
    outcome: str
    passed: bool | None
    verdict: str
    failed: list[str]
    """The ids of the criteria that did not pass, in the rubric's order."""
    criteria: dict[str, tuple[str, float | None, bool | None]]
    """Per criterion id: (dimension, score, passed); score and passed are None when it was skipped."""
    turns: int
    verified: bool | None = None
    """The call held up on a replay of the offline caller (coach.provenance); None when it could not be checked."""
    check: str = ""
    """Why it could not be verified, or was scored with another scenario version (empty when nothing is wrong)."""
    path: str = ""
    """Where the transcript can be read again (for the per-learner packs); not shown."""
    reason: str = ""
    """Why the call ended as it did (a call begun again with /opnieuw says so)."""
    open_now: bool = False
    """A stored call open in a process right now (``coach report --store``)."""

    @property
    def key(self) -> str:
        return learners.key(self.learner)

    def when(self) -> tuple[int, float, int]:
        """Sort key: by date, calls without a date after the dated ones in input order."""
        if self.date is None:
            return (1, 0.0, self.index)
        return (0, self.date.timestamp(), self.index)

    def as_dict(self, dimensions: Sequence[str]) -> dict[str, Any]:
        """The call as a flat record: the CSV row and the JSON ``calls`` item (docs/report.md)."""
        out: dict[str, Any] = {
            "learner": self.learner,
            "file": self.file,
            "session": self.session,
            "date": self.date.isoformat() if self.date else "",
            "scenario": self.scenario,
            "rubric": self.rubric,
            "seed": self.seed,
            "overall": _round(self.overall),
        }
        for name in dimensions:
            out[name] = _round(self.dimensions.get(name))
        out.update(
            pass_score=self.pass_score,
            outcome=self.outcome,
            passed=self.passed,
            verdict=self.verdict,
            failed_criteria=list(self.failed),
            trainee_turns=self.turns,
            verified=self.verified,
            check=self.check,
        )
        return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def row(index: int, transcript: Transcript, fb: Feedback, verdict: str, *, file: str = "", path: str = "") -> Row:
    """The row of one scored call; ``verdict`` is the report's one-line verdict (coach.cli.reports.verdict)."""
    turns = fb.call.get("learner_turns")
    return Row(
        index=index,
        learner=learners.display(transcript.learner),
        file=file,
        session=str(transcript.meta.get("session") or ""),
        date=transcript.started_at,
        scenario=fb.scenario or transcript.scenario or "",
        rubric=fb.rubric,
        seed=transcript.seed,
        overall=fb.overall,
        dimensions={name: dim.score for name, dim in fb.dimensions.items()},
        pass_score=fb.pass_score,
        outcome=fb.outcome or "",
        passed=fb.passed,
        verdict=verdict,
        failed=[c.id for c in fb.criteria if c.passed is False],
        criteria={c.id: (c.dimension, None if c.skipped else c.score, c.passed) for c in fb.criteria},
        turns=turns if isinstance(turns, int) else len(transcript.learner_turns()),
        verified=fb.source.verified if fb.source is not None else None,
        check="; ".join(fb.source.problems) if fb.source is not None else "",
        path=path,
        reason=str(transcript.meta.get("reason") or ""),
    )


def dimension_names(rows: Iterable[Row]) -> list[str]:
    """Every dimension the rows have, in the order first seen (the rubric's order)."""
    seen: dict[str, None] = {}
    for r in rows:
        for name in r.dimensions:
            seen.setdefault(name, None)
    return list(seen)


@dataclass
class Stats:
    """Scores summarised: how many, the mean, the spread (sample standard deviation, min, max)."""

    n: int = 0
    mean: float | None = None
    sd: float | None = None
    min: float | None = None
    max: float | None = None

    @classmethod
    def of(cls, values: Iterable[float | None]) -> Stats:
        got = [v for v in values if v is not None and not math.isnan(v)]
        if not got:
            return cls()
        return cls(
            n=len(got),
            mean=statistics.fmean(got),
            sd=statistics.stdev(got) if len(got) > 1 else None,
            min=min(got),
            max=max(got),
        )

    def as_dict(self) -> dict[str, Any]:
        return {"n": self.n, "mean": _round(self.mean), "sd": _round(self.sd), "min": _round(self.min),
                "max": _round(self.max)}  # fmt: skip


def pass_rate(values: Iterable[bool | None]) -> tuple[float | None, int]:
    """The share of judged calls that passed, and how many were judged (a call without thresholds, or too short
    to judge, has ``passed`` None and does not count either way)."""
    judged = [v for v in values if v is not None]
    return (sum(judged) / len(judged) if judged else None), len(judged)


def most_missed(rows: Iterable[Row], n: int = MOST_MISSED) -> list[tuple[str, int]]:
    """The criteria that failed most often, with how often; ties in the order first seen."""
    counts = Counter(cid for r in rows for cid in r.failed)
    return counts.most_common(n)


@dataclass
class Change:
    """First versus latest call (by date) of one learner: overall and per dimension."""

    first: Row
    latest: Row

    def delta(self, dimension: str | None = None) -> float | None:
        a, b = self.scores(dimension)
        return None if a is None or b is None else b - a

    def scores(self, dimension: str | None = None) -> tuple[float | None, float | None]:
        if dimension is None:
            return self.first.overall, self.latest.overall
        return self.first.dimensions.get(dimension), self.latest.dimensions.get(dimension)


@dataclass
class Group:
    """A roll-up: the calls of one learner, one scenario, or everyone."""

    name: str
    rows: list[Row]
    dimensions: list[str] = field(default_factory=list)

    @property
    def overall(self) -> Stats:
        return Stats.of(r.overall for r in self.rows)

    def dimension(self, name: str) -> Stats:
        return Stats.of(r.dimensions.get(name) for r in self.rows)

    @property
    def pass_rate(self) -> tuple[float | None, int]:
        return pass_rate(r.passed for r in self.rows)

    def most_missed(self, n: int = MOST_MISSED) -> list[tuple[str, int]]:
        return most_missed(self.rows, n)

    def in_order(self) -> list[Row]:
        return sorted(self.rows, key=Row.when)

    def trend(self) -> list[float]:
        """The overall scores by date (calls that could not be scored left out): the sparkline."""
        return [r.overall for r in self.in_order() if r.overall is not None]

    def change(self) -> Change | None:
        """First versus latest scored call; None with fewer than two."""
        scored = [r for r in self.in_order() if r.overall is not None]
        return Change(scored[0], scored[-1]) if len(scored) > 1 else None

    def weakest(self) -> str | None:
        """The dimension with the lowest mean."""
        means = [(s.mean, name) for name in self.dimensions if (s := self.dimension(name)).mean is not None]
        return min(means)[1] if means else None

    def as_dict(self, *, learner: bool = False) -> dict[str, Any]:
        rate, judged = self.pass_rate
        out: dict[str, Any] = {
            "name": self.name,
            "calls": len(self.rows),
            "overall": self.overall.as_dict(),
            "dimensions": {name: self.dimension(name).as_dict() for name in self.dimensions},
            "pass_rate": None if rate is None else round(rate, 3),
            "judged": judged,
            "most_missed": [{"criterion": cid, "failed": n} for cid, n in self.most_missed()],
        }
        if learner:
            change = self.change()
            out["trend"] = [_round(v) for v in self.trend()]
            out["first_vs_latest"] = None
            if change is not None:
                out["first_vs_latest"] = {
                    "first": {"date": _iso(change.first.date), "file": change.first.file,
                              "session": change.first.session},
                    "latest": {"date": _iso(change.latest.date), "file": change.latest.file,
                               "session": change.latest.session},
                    "overall": _pair(change, None),
                    "dimensions": {name: _pair(change, name) for name in self.dimensions},
                }  # fmt: skip
        return out


def _iso(value: datetime | None) -> str:
    return value.isoformat() if value else ""


def _pair(change: Change, dimension: str | None) -> dict[str, float | None]:
    a, b = change.scores(dimension)
    return {"first": _round(a), "latest": _round(b), "change": _round(change.delta(dimension))}


@dataclass
class Criterion:
    """One rubric criterion over the group: its scores where it was measured, how often it passed or failed."""

    id: str
    dimension: str
    scores: Stats
    passed: int
    failed: int
    skipped: int

    @property
    def pass_rate(self) -> float | None:
        judged = self.passed + self.failed
        return self.passed / judged if judged else None

    def as_dict(self) -> dict[str, Any]:
        rate = self.pass_rate
        return {
            "criterion": self.id,
            "dimension": self.dimension,
            "scores": self.scores.as_dict(),
            "passed": self.passed,
            "failed": self.failed,
            "skipped": self.skipped,
            "pass_rate": None if rate is None else round(rate, 3),
        }


@dataclass
class Rollup:
    everyone: Group
    learners: list[Group]
    """By learner key, in name order (the calls without a name last)."""
    scenarios: list[Group]
    """Hardest first: the lowest mean overall score (scenarios without a score last)."""
    criteria: list[Criterion]
    """Most missed first."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "group": self.everyone.as_dict(),
            "learners": [g.as_dict(learner=True) for g in self.learners],
            "scenarios": [g.as_dict() for g in self.scenarios],
            "criteria": [c.as_dict() for c in self.criteria],
        }


def rollup(rows: Sequence[Row]) -> Rollup:
    dims = dimension_names(rows)
    by_learner: dict[str, list[Row]] = {}
    by_scenario: dict[str, list[Row]] = {}
    for r in rows:
        by_learner.setdefault(r.key, []).append(r)
        by_scenario.setdefault(r.scenario, []).append(r)
    people = [Group(group[0].learner, group, dims) for group in by_learner.values()]
    people.sort(key=lambda g: (g.name == "", learners.key(g.name)))
    scenarios = [Group(name, group, dims) for name, group in by_scenario.items()]
    scenarios.sort(key=lambda g: (g.overall.mean is None, g.overall.mean or 0.0, g.name))
    return Rollup(Group("", list(rows), dims), people, scenarios, criteria(rows))


def criteria(rows: Iterable[Row]) -> list[Criterion]:
    found: dict[str, tuple[str, list[float | None], Counter]] = {}
    for r in rows:
        for cid, (dimension, score, passed) in r.criteria.items():
            _, scores, tally = found.setdefault(cid, (dimension, [], Counter()))
            scores.append(score)
            tally["skipped" if score is None else "passed" if passed else "failed" if passed is False else "open"] += 1
    out = [
        Criterion(cid, dimension, Stats.of(scores), tally["passed"], tally["failed"], tally["skipped"])
        for cid, (dimension, scores, tally) in found.items()
    ]
    out.sort(key=lambda c: (-c.failed, 1.0 if c.pass_rate is None else c.pass_rate, c.id))
    return out


def select(rows: Sequence[Row], query: str) -> tuple[list[Row], list[str]]:
    """The rows of the learners a query stands for (coach.learners.find: 'Özlem' finds 'Özlem Yılmaz-de Vries'),
    and the names it matched."""
    names = learners.find(query, (r.learner for r in rows))
    keys = {learners.key(n) for n in names}
    return [r for r in rows if r.key in keys], names


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float], width: int = 0) -> str:
    """Scores 0-100 as block characters on a fixed scale, so two learners' lines compare; the latest ``width``."""
    if width:
        values = values[-width:]
    return "".join(SPARKS[min(len(SPARKS) - 1, max(0, int(v / 100 * len(SPARKS))))] for v in values)


def slug(name: str) -> str:
    """A file name for a learner's pack: 'Özlem Yılmaz-de Vries' → 'ozlem-yilmaz-de-vries'."""
    import re

    text = re.sub(r"[^a-z0-9]+", "-", learners.key(name)).strip("-")[:80].strip("-")
    return text or "zonder-naam"
