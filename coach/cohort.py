"""A trainer's group: who is who (names and aliases), which calls count for which assignment, the state of each
trainee's assignments and the exam verdicts. Pure: the calls come in scored, nothing is read or printed here.

Which call counts when a trainee made several (docs/cohort-format.md):

- practice: the best score. An assignment asks a trainee to reach a level; a later, weaker try at the same scenario
  (practising something else, or a bad day) does not undo that it was reached.
- exam: the first call with the exam's seed. An exam is taken once: a second try with the same seed knows the
  caller's lines, so a later pass would say little. A call that cannot be verified is refused and does not count
  as that first call; when every call is refused, the refusal is the verdict.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from coach.feedback.model import Feedback
from coach.formats import Assignment, Cohort, Learner, Transcript
from coach.learners import display, find, key


class Roster:
    """The group's names: a name or alias as anyone writes it ('Ozlem', 'özlem yilmaz') to the trainee."""

    def __init__(self, cohort: Cohort) -> None:
        self.learners = cohort.learners
        self._by_spelling: dict[str, Learner] = {}
        for learner in cohort.learners:
            for written in (learner.name, *learner.aliases):
                self._by_spelling.setdefault(written, learner)

    def resolve(self, name: str | None) -> list[Learner]:
        """The trainees a name stands for: the one whose name or alias it is (by ``coach.learners.key``), else
        every one it starts the words of (none, one, or several when it is ambiguous)."""
        if not name or not key(name):
            return []
        found = find(name, self._by_spelling)
        return list({id(self._by_spelling[n]): self._by_spelling[n] for n in found}.values())

    def names(self) -> list[str]:
        return [learner.name for learner in self.learners]


def the_assignment(cohort: Cohort, ident: str, where: str) -> Assignment:
    """The assignment with this id (``coach practice --assignment``); an unknown one names the file and the ids."""
    from coach.errors import NotFoundError, suggestion

    ids = [a.id for a in cohort.assignments]
    for assignment in cohort.assignments:
        if assignment.id == ident:
            return assignment
    close = suggestion(ident, ids)
    raise NotFoundError(
        f"{where} heeft geen opdracht '{ident}'" + (f" ({close})" if close else ""),
        hint=f"opdrachten: {', '.join(ids)}" if ids else "het groepsbestand heeft nog geen opdrachten (assignments)",
    )


def the_learner(cohort: Cohort, name: str, where: str) -> Learner:
    """The one trainee of the group a name or alias stands for, as ``coach status`` counts them; none or two is an
    error that names the file and the group's names."""
    from coach.errors import NotFoundError, UsageError, suggestion

    roster = Roster(cohort)
    found = roster.resolve(name)
    if len(found) == 1:
        return found[0]
    if found:
        raise UsageError(
            f"'{display(name)}' past bij meer medewerkers in {where}: {', '.join(x.name for x in found)}",
            hint=f"geef meer van de naam, bijvoorbeeld --learner {found[0].name!r}",
        )
    spellings = [w for x in cohort.learners for w in (x.name, *x.aliases)]
    spellings += [w.split()[0] for w in spellings if w.split()]  # a first name typed with a slip: 'Anan'
    close = suggestion(display(name), spellings)
    raise NotFoundError(
        f"'{display(name)}' staat niet in {where}" + (f" ({close})" if close else ""),
        hint=f"medewerkers: {', '.join(roster.names())}; een andere schrijfwijze hoort onder 'aliases'",
    )


def fingerprint(transcript: Transcript) -> str:
    """The same call, whoever sends it, from which file and under whichever spelling of the trainee's name: its
    scenario, seed, start and every turn."""
    started = transcript.started_at.isoformat() if transcript.started_at else None
    content = [transcript.scenario, transcript.seed, started, [[t.speaker, t.text] for t in transcript.turns]]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def day_of(moment: datetime | None) -> date | None:
    """The day a call was made, on the local calendar when the time has a zone."""
    if moment is None:
        return None
    return (moment.astimezone() if moment.tzinfo else moment).date()


@dataclass(frozen=True)
class Attempt:
    """One scored call of a trainee of the group."""

    learner: str
    """The cohort's spelling of the trainee."""
    transcript: Transcript
    feedback: Feedback
    origin: str
    """Where it came from: 'sessie 20260302-091500-ab12' or a file path."""


@dataclass(frozen=True)
class Target:
    """An assignment with what the library says about it."""

    assignment: Assignment
    scenario: str
    """The scenario's id (the assignment may name a path)."""
    rubric: str
    """The rubric's id: a call counts when it was scored with it."""
    minimum: float | None
    """The assignment's min_score, else the rubric's pass_score; None: no minimum."""


@dataclass
class Verdict:
    """An exam verdict: passed, or every threshold that was not met."""

    passed: bool
    reasons: list[str] = field(default_factory=list)
    refused: bool = False
    """The call cannot be verified and does not count as an exam."""

    def as_dict(self) -> dict[str, Any]:
        return {"passed": self.passed, "refused": self.refused, "reasons": self.reasons}


def shown_below(score: float, threshold: float) -> str:
    """A score as the verdict shows it next to a threshold it missed: whole, or with as many decimals as it takes
    to stay below ('44' for 43.7 under 65; '59,8' under 60, never '60, onder de drempel van 60')."""
    for decimals in (0, 1, 2):
        shown = f"{score:.{decimals}f}"
        if float(shown) < threshold:
            return shown.replace(".", ",")
    return f"{score:.3f}".replace(".", ",")


def _below(score: float | None, threshold: float | None) -> str:
    if score is None or threshold is None:
        return f"niet te beoordelen, drempel {threshold}"
    return f"{shown_below(score, threshold)}, onder de drempel van {threshold}"


UNVERIFIABLE = "alleen een gesprek met de offline beller, met scenario en seed, is opnieuw af te spelen"


def exam_verdict(feedback: Feedback, minimum: float | None, *, verify: bool = True) -> Verdict:
    """Every failed threshold of an exam call: the overall score below the minimum, each dimension below its rubric
    threshold, and why the call failed (``Feedback.verdict``: a hang-up, wrong information). With ``verify`` a call
    counts only when a replay of the offline caller confirmed it (coach.provenance); any other is refused."""
    source = feedback.source
    if verify and (source is None or source.verified is not True or source.problems):
        problems = source.problems if source is not None else []
        why = "; ".join(problems) or UNVERIFIABLE
        return Verdict(False, [why if why.startswith("niet te verifiëren") else f"niet te verifiëren: {why}"], True)
    reasons: list[str] = []
    overall = feedback.overall
    if overall is not None:  # the highest total threshold it missed: the exam's minimum or the rubric's own
        missed = [(t, name) for t, name in ((minimum, "het minimum"), (feedback.pass_score, "de drempel")) if t]
        missed = [(t, name) for t, name in missed if overall < t]
        if missed:
            limit, name = max(missed, key=lambda x: x[0])
            reasons.append(f"totaalscore {shown_below(overall, limit)}, onder {name} van {limit:g}")
    named = set()
    for dimension in feedback.dimensions.values():
        if dimension.passed is False:
            reasons.append(f"{dimension.title}: {_below(dimension.score, dimension.pass_score)}")
            named.add(f"{dimension.title}: onder de drempel van {dimension.pass_score}")
    for line in feedback.verdict:
        if line in named or line.startswith("totaalscore "):
            continue
        reasons.append(line)
    if overall is None and not reasons:
        reasons.append("niet te beoordelen")
    return Verdict(not reasons, reasons)


@dataclass
class Cell:
    """One trainee's state on one assignment."""

    learner: str
    assignment: str
    state: str
    """done, below_minimum, late, not_started, overdue (not done and the deadline has passed), or refused (an
    exam whose every call cannot be verified)."""
    attempts: int = 0
    score: float | None = None
    day: date | None = None
    late: bool = False
    below_minimum: bool = False
    origin: str = ""
    verdict: Verdict | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "learner": self.learner,
            "assignment": self.assignment,
            "state": self.state,
            "attempts": self.attempts,
            "score": self.score,
            "date": self.day.isoformat() if self.day else None,
            "late": self.late,
            "below_minimum": self.below_minimum,
            "from": self.origin or None,
            "exam": self.verdict.as_dict() if self.verdict else None,
        }


def counts_for(target: Target, attempt: Attempt) -> bool:
    """A call counts for an assignment when its scenario is the assignment's and it was scored with the assignment's
    rubric; a what-if variant (coach replay) never counts. For an exam the seed must be the exam's and the call must
    have been played as this exam (``coach practice --assignment``: meta ``assignment``), so with its rules — no
    emotion meter, no /terug, /opnieuw or /hint."""
    scenario = attempt.feedback.scenario or attempt.transcript.scenario
    meta = attempt.transcript.meta
    if scenario != target.scenario or attempt.feedback.rubric != target.rubric or meta.get("branch_of"):
        return False
    if not target.assignment.exam:
        return True
    played = meta.get("assignment") if isinstance(meta.get("assignment"), dict) else {}
    as_exam = played.get("id") == target.assignment.id and played.get("exam") is True
    return attempt.transcript.seed == target.assignment.seed and as_exam


def _when(attempt: Attempt) -> tuple[bool, datetime]:
    """Sort key: the moment a call started, compared in UTC (a time without zone is taken as UTC)."""
    started = attempt.transcript.started_at
    if started is None:
        return True, datetime.min
    return False, started.astimezone(UTC).replace(tzinfo=None) if started.tzinfo else started


def _edited(attempt: Attempt) -> bool:
    source = attempt.feedback.source
    return source is not None and source.verified is False


def cell(learner: str, target: Target, attempts: Sequence[Attempt], today: date) -> Cell:
    """The state of one assignment for one trainee, from all the trainee's calls."""
    a = target.assignment
    # a call that does not hold up on replay (edited) completes no practice; an exam says why it refuses it
    mine = sorted((t for t in attempts if counts_for(target, t) and (a.exam or not _edited(t))), key=_when)
    deadline = a.deadline
    if not mine:
        overdue = deadline is not None and today > deadline
        return Cell(learner, a.id, "overdue" if overdue else "not_started")
    verdict = None
    if a.exam:
        verdicts = [exam_verdict(t.feedback, target.minimum) for t in mine]
        counted = next((i for i, v in enumerate(verdicts) if not v.refused), 0)
        chosen, verdict = mine[counted], verdicts[counted]
    else:
        chosen = max(mine, key=lambda t: -1.0 if t.feedback.overall is None else t.feedback.overall)
    score = chosen.feedback.overall
    day = day_of(chosen.transcript.started_at)
    late = deadline is not None and day is not None and day > deadline
    below = target.minimum is not None and (score is None or score < target.minimum)
    if verdict is not None:
        below = below or not verdict.passed
    state = (
        "refused"
        if verdict is not None and verdict.refused
        else "below_minimum"
        if below
        else "late"
        if late
        else "done"
    )
    return Cell(learner, a.id, state, len(mine), score, day, late, below, chosen.origin, verdict)


def status(cohort: Cohort, targets: Sequence[Target], attempts: Iterable[Attempt], today: date) -> list[Cell]:
    """Every trainee × assignment, in the cohort's order."""
    by_learner: dict[str, list[Attempt]] = {}
    for attempt in attempts:
        by_learner.setdefault(attempt.learner, []).append(attempt)
    return [
        cell(learner.name, target, by_learner.get(learner.name, []), today)
        for learner in cohort.learners
        for target in targets
    ]


def spelling(names: Mapping[str, str], name: str) -> str:
    """A name as the store already spells it ('anna de wit' → 'Anna de Wit'), else tidied."""
    return names.get(key(name), display(name))
