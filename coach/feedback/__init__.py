"""The feedback engine: rubric criteria scored from signals, each with evidence and a tip on the trainee's moment."""

from __future__ import annotations

from coach.analyzer import Analyzer
from coach.feedback.model import CriterionResult, DimensionResult, Feedback, Phase
from coach.feedback.signals import IMPLEMENTATIONS, Call, Result, phases_of, skipped
from coach.formats import Criterion, Rubric, Scenario, Transcript
from coach.signals import SIGNALS

__all__ = ["Feedback", "evaluate"]

QUOTE = 90


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE else text[: QUOTE - 1].rstrip() + "…"


def _tip(criterion: Criterion, result: Result, passed: bool | None) -> str:
    parts = []
    moment = result.moment
    if moment is not None and passed is False:
        quote = _quote(moment.text)
        if moment.speaker == "caller":
            parts.append(f"In beurt {moment.turn} zei de beller: '{quote}'.")
        else:
            verb = "vroeg" if quote.rstrip().endswith("?") or "vraag" in moment.note else "zei"
            parts.append(f"In beurt {moment.turn} {verb} u: '{quote}'.")
    parts.append(criterion.tip.rstrip())
    if result.suggestion and passed is False:
        parts.append(f"{result.suggestion_label}: '{result.suggestion}'.")
    elif criterion.example:
        parts.append(f"Bijvoorbeeld: '{criterion.example}'")
    return " ".join(parts)


def score_criterion(call: Call, dimension: str, criterion: Criterion) -> CriterionResult:
    spec = SIGNALS[criterion.signal]
    if spec.needs_scenario and call.scenario is None:
        result = skipped("geen scenario bekend: dit criterium hangt van het scenario af")
    else:
        result = IMPLEMENTATIONS[criterion.signal](call, criterion)
    if result.value is None:
        score = passed = None
    else:
        score = criterion.score(result.value)
        passed = score >= criterion.pass_score
    return CriterionResult(
        id=criterion.id,
        dimension=dimension,
        description=criterion.description,
        signal=criterion.signal,
        weight=criterion.weight,
        value=None if result.value is None else round(result.value, 3),
        score=score,
        passed=passed,
        pass_score=criterion.pass_score,
        skipped=result.value is None,
        skip_reason=result.skipped,
        detail=result.detail,
        evidence=result.evidence,
        tip=_tip(criterion, result, passed),
        example=criterion.example,
    )


def _weighted(pairs: list[tuple[float, float]]) -> float | None:
    total = sum(w for _, w in pairs)
    return round(sum(s * w for s, w in pairs) / total, 1) if total else None


def evaluate(transcript: Transcript, rubric: Rubric, analyzer: Analyzer, scenario: Scenario | None = None) -> Feedback:
    """Score a call against a rubric; without a scenario the scenario criteria are skipped, never scored zero."""
    call = Call(transcript, scenario, analyzer)
    criteria: list[CriterionResult] = []
    dimensions: dict[str, DimensionResult] = {}
    for name in rubric.dimension_names:
        spec = rubric.dimensions[name]
        results = [score_criterion(call, name, c) for c in spec.criteria]
        criteria += results
        score = _weighted([(r.score, r.weight) for r in results if r.score is not None])
        passed = None if spec.pass_score is None or score is None else score >= spec.pass_score
        dimensions[name] = DimensionResult(
            title=spec.title or name,
            score=score,
            weight=spec.weight,
            pass_score=spec.pass_score,
            passed=passed,
            skipped=score is None,
        )
    overall = _weighted([(d.score, d.weight) for d in dimensions.values() if d.score is not None])
    checks = [d.passed for d in dimensions.values() if d.passed is not None]
    if rubric.pass_score is not None and overall is not None:
        checks.append(overall >= rubric.pass_score)
    phases = [Phase(turn=i + 1, text=_quote(t.text), phases=phases_of(a)) for i, t, a in call.learner]
    order: list[str] = []
    for phase in phases:
        order += [p for p in phase.phases if p not in order]
    emotions = call.emotions()
    facts: dict[str, object] = {"learner_turns": len(call.learner)}
    if emotions:
        facts["emotion_start"], facts["emotion_end"] = emotions[0][1], emotions[-1][1]
    if scenario is not None and scenario.concerns.hidden:
        facts["hidden_concern_found"] = any(r.startswith("concern:") for r in call.revealed) or any(
            c.id == "hidden_concern_found" and c.value == 1 for c in criteria
        )
    reason = transcript.meta.get("reason")
    if reason:
        facts["reason"] = reason
    return Feedback(
        scenario=transcript.scenario or (scenario.id if scenario else None),
        rubric=rubric.id,
        learner=transcript.learner,
        outcome=transcript.outcome.value if transcript.outcome else None,
        overall=overall,
        pass_score=rubric.pass_score,
        passed=all(checks) if checks else None,
        dimensions=dimensions,
        criteria=criteria,
        phases=phases,
        phase_order=order,
        strengths=_strengths(criteria),
        improvements=_improvements(criteria),
        call=facts,
    )


BEHAVIOUR = {
    "open_questions",
    "doorvragen",
    "summaries",
    "summary_captures_concern",
    "hidden_concern_found",
    "emotion_reflection_latency",
    "emotion_acknowledged",
    "next_step",
    "check_understanding",
    "key_info",
}
ABSENCE = {"dismissive", "jargon", "misinformation"}


def _strengths(criteria: list[CriterionResult]) -> list[str]:
    good = [c for c in criteria if c.passed and c.score is not None and c.score >= 80]
    good.sort(key=lambda c: (c.signal in ABSENCE, -c.weight * c.score, c.id))
    out = []
    for c in good[:3]:
        evidence = next((e for e in c.evidence if e.speaker == "learner"), None) if c.signal in BEHAVIOUR else None
        quote = f" (beurt {evidence.turn}: '{_quote(evidence.text)}')" if evidence else ""
        out.append(f"{c.description}{quote}")
    return out


def _improvements(criteria: list[CriterionResult]) -> list[str]:
    weak = [c for c in criteria if c.passed is False and c.score is not None]
    weak.sort(key=lambda c: (-c.weight * (100 - c.score), c.id))
    return [c.tip for c in weak[:3]]
