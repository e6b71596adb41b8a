"""Scoring a call against a rubric: criteria scored from signals, each with evidence and a tip on the trainee's moment;
dimensions and the total as weighted means; strengths and the 2-3 improvements that matter most."""

from __future__ import annotations

from collections.abc import Sequence

from coach.analyzer import Analysis, Analyzer
from coach.analyzer.engine import MAX_READ
from coach.feedback.advice import Advisor
from coach.feedback.call import Call, Result
from coach.feedback.consistency import MIN_TURNS, UNFINISHED, checking, contradictions
from coach.feedback.model import Advice, CriterionResult, DimensionResult, Evidence, Feedback, Phase
from coach.feedback.signals import IMPLEMENTATIONS, skipped
from coach.feedback.source import source_of
from coach.formats import Criterion, Rubric, Scenario, Transcript
from coach.formats.signals import SIGNALS
from coach.nl import count, number

QUOTE = 120


def _quote(text: str) -> str:
    """A quote of at most QUOTE characters, cut at a word with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= QUOTE:
        return text
    cut = text[: QUOTE - 1]
    if " " in cut[QUOTE // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def _moment_words(moment: Evidence) -> str:
    """'In beurt 6 zei u: '...'.' or 'In beurt 5 vroeg de beller: '...'"""
    quote = _quote(moment.text)
    end = "" if quote[-1:] in ".?!…" else "."
    if moment.speaker == "caller":
        verb = "vroeg" if quote.endswith("?") else "zei"
        return f"In beurt {moment.turn} {verb} de beller: '{quote}'{end}"
    verb = "vroeg" if quote.rstrip().endswith("?") or "vraag" in moment.note else "zei"
    return f"In beurt {moment.turn} {verb} u: '{quote}'{end}"


REPHRASE = frozenset(
    {"open_questions", "dismissive", "jargon", "b1_readability", "positive_wording", "address_form", "opening"}
)
"""Signals whose better sentence replaces the trainee's own; for the others it is said in addition ("Voeg toe")."""


def _tip(
    criterion: Criterion, result: Result, passed: bool | None, advisor: Advisor, dimension: str
) -> tuple[str, Advice]:
    """The rubric tip with a better sentence for this caller; for a criterion that did not pass, built on the
    trainee's own moment in the call (the text, and the same as an Advice item)."""
    moment = result.moment if passed is False else None
    if result.suggestion and passed is False:
        better, label = result.suggestion, result.suggestion_label
    else:
        better = advisor.example(criterion.signal, moment, criterion.example)
        label = "Bijvoorbeeld"
        if moment is not None and moment.speaker == "learner":
            # a sentence to say instead of the trainee's own, or one to add at that moment (a summary, a check)
            label = "Beter" if criterion.signal in REPHRASE else "Voeg toe"
    parts = [_moment_words(moment)] if moment is not None else []
    parts.append(criterion.tip.rstrip())
    if better:
        end = "." if label != "Bijvoorbeeld" and better[-1:] not in ".?!…" else ""
        parts.append(f"{label}: '{better}'{end}")
    item = Advice(
        criterion=criterion.id,
        dimension=dimension,
        turn=moment.turn if moment else None,
        speaker=moment.speaker if moment else "",
        said=_quote(moment.text) if moment else "",
        better=better,
        label=label,
        why=criterion.tip.rstrip(),
    )
    return " ".join(parts), item


def _score_criterion(call: Call, dimension: str, criterion: Criterion) -> tuple[CriterionResult, Result]:
    """The criterion's result (its tip is filled in later, in order of importance) and the signal's result."""
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
        tip="",
        example=criterion.example,
    ), result


def _loss(c: CriterionResult) -> tuple[float, bool, str]:
    """The order of the improvements: weighted points lost, a failed criterion first, then by id."""
    return (-c.weight * (100 - (c.score or 0)), c.passed is not False, c.id)


def _weighted(pairs: list[tuple[float, float]]) -> float | None:
    total = sum(w for _, w in pairs)
    return round(sum(s * w for s, w in pairs) / total, 1) if total else None


def _dimension_score(results: list[CriterionResult]) -> tuple[float | None, str]:
    """The weighted mean of the scored criteria, or None with the reason when there is too little to judge: more than
    half the weight skipped, or only mistakes avoided (no jargon, no 'ja, maar') and nothing shown. A score without
    some of its criteria says which did not count (tone without an emotion to acknowledge is plain words and 'u')."""
    scored = [r for r in results if r.score is not None]
    skipped_weight = sum(r.weight for r in results if r.score is None)
    total = sum(r.weight for r in results)
    reasons = "; ".join(dict.fromkeys(r.skip_reason for r in results if r.skipped and r.skip_reason))
    if not scored:
        return None, "niet te beoordelen: " + (reasons or "geen criteria gemeten")
    if total and skipped_weight / total > 0.5:
        return None, f"niet te beoordelen: het meeste woog op wat niet gebeurde ({reasons})"
    if skipped_weight and all(SIGNALS[r.signal].strength == "absence" for r in scored):
        return None, f"niet te beoordelen: alleen fouten vermeden, niets om te laten zien ({reasons})"
    left_out = [r.id.replace("-", " ") for r in results if r.score is None]
    note = f"zonder {', '.join(left_out)}: niet aan de orde in dit gesprek" if left_out else ""
    return _weighted([(r.score, r.weight) for r in scored]), note


def evaluate(
    transcript: Transcript,
    rubric: Rubric,
    analyzer: Analyzer,
    scenario: Scenario | None = None,
    analyses: Sequence[Analysis] | None = None,
) -> Feedback:
    """Score a call against a rubric; without a scenario the scenario criteria are skipped, never scored zero.

    ``analyses`` are the readings of the trainee turns when the caller already has them (a live call)."""
    call = Call(transcript, scenario, analyzer, list(analyses) if analyses is not None else None)
    criteria: list[CriterionResult] = []
    dimensions: dict[str, DimensionResult] = {}
    signals: dict[str, tuple[Criterion, Result]] = {}
    short = len(call.learner) < MIN_TURNS
    too_short = (
        f"te kort om te beoordelen: {count(len(call.learner), 'beurt', 'beurten')} van de medewerker, "
        f"minstens {MIN_TURNS} nodig"
    )
    for name in rubric.dimension_names:
        spec = rubric.dimensions[name]
        results = []
        for c in spec.criteria:
            result, raw = _score_criterion(call, name, c)
            results.append(result)
            signals[result.id] = (c, raw)
        criteria += results
        score, reason = (None, too_short) if short else _dimension_score(results)
        if score is not None and spec.calibration:
            score = round(spec.calibrated(score), 1)
        passed = None if spec.pass_score is None or score is None else score >= spec.pass_score
        dimensions[name] = DimensionResult(
            title=spec.title or name,
            score=score,
            weight=spec.weight,
            pass_score=spec.pass_score,
            passed=passed,
            skipped=score is None,
            reason=reason,
        )
    overall = _weighted([(d.score, d.weight) for d in dimensions.values() if d.score is not None])
    checks = [d.passed for d in dimensions.values() if d.passed is not None]
    verdict = [f"{d.title}: onder de drempel van {d.pass_score}" for d in dimensions.values() if d.passed is False]
    if rubric.pass_score is not None and overall is not None:
        checks.append(overall >= rubric.pass_score)
        if overall < rubric.pass_score:
            verdict.insert(0, f"totaalscore {overall:.0f}, onder de drempel van {rubric.pass_score}")
    phases = [
        Phase(turn=i + 1, text=_quote(t.text), phases=turn_phases)
        for (i, t, _), turn_phases in zip(call.learner, call.phases, strict=True)
    ]
    emotions = call.emotions
    facts: dict[str, object] = {"learner_turns": len(call.learner)}
    unread = [(i + 1, len(t.text)) for i, t, _ in call.learner if len(t.text) > MAX_READ]
    if unread:
        facts["partly_read"] = "; ".join(
            f"beurt {n} ({number(length)} tekens): de eerste {number(MAX_READ)} tekens zijn beoordeeld"
            for n, length in unread
        )
    if emotions:
        facts["emotion_start"], facts["emotion_end"] = emotions[0][1], emotions[-1][1]
    if scenario is not None and scenario.concerns.hidden:
        # read from the call, as the hidden_concern_found signal reads it, so a rubric without that criterion cannot
        # contradict a summary that captured the concern
        facts["hidden_concern_found"] = any(r.startswith("concern:") for r in call.revealed) or bool(call.concern_turns)
    reason = transcript.meta.get("reason")
    if reason:
        facts["reason"] = reason
    wrong = call.uncorrected
    if wrong:
        # wrong information a citizen goes home with fails the call, whatever the rubric's thresholds
        facts["wrong_information"] = [
            {"turn": w.index + 1, "said": w.wrong.said, "correct": w.wrong.correction, "source": w.wrong.source}
            for w in wrong
        ]
        checks.append(False)
        verdict.append(count(len(wrong), "onjuiste uitspraak", "onjuiste uitspraken") + " niet rechtgezet")
    ending = transcript.outcome.value if transcript.outcome else None
    if ending in UNFINISHED and not short:
        checks.append(False)
        verdict.append(UNFINISHED[ending])
    passed = all(checks) if checks else None
    if short:
        passed, verdict = None, [too_short]
    wrong_turns = {w.index + 1 for w in wrong}
    strengths = _strengths(criteria, wrong_turns, dimensions)
    strong = {c for c, _ in strengths}
    weak = sorted((c for c in criteria if c.score is not None and c.score < 100 and c.id not in strong), key=_loss)
    # the better sentences go to the improvements first, so the best fit is never spent on a tip nobody reads
    advisor = Advisor(call)
    improvements: list[str] = []
    advice: list[Advice] = []
    for c in weak[:3]:
        text, item = _tip(*signals[c.id], False, advisor, c.dimension)
        improvements.append(text)
        advice.append(item)
    shown = {c.id: text for c, text in zip(weak, improvements, strict=False)}
    for i, c in enumerate(criteria):
        if c.id in shown and c.passed is False:
            tip = shown[c.id]  # the improvement is the failed criterion's tip
        else:
            tip = _tip(*signals[c.id], c.passed, advisor, c.dimension)[0]
        criteria[i] = c.model_copy(update={"tip": tip})
    feedback = Feedback(
        scenario=(scenario.id if scenario else None) or transcript.scenario,
        rubric=rubric.id,
        learner=transcript.learner,
        outcome=ending,
        overall=overall,
        pass_score=rubric.pass_score,
        passed=passed,
        verdict=verdict if passed is not True else [],
        dimensions=dimensions,
        criteria=criteria,
        phases=phases,
        phase_order=list(call.first_phase),
        strengths=[text for _, text in strengths],
        improvements=improvements,
        advice=advice,
        call=facts,
        source=source_of(transcript, scenario, rubric),
    )
    if checking():
        problems = contradictions(feedback, transcript)
        if problems:
            raise AssertionError("het rapport spreekt zichzelf tegen: " + " | ".join(problems))
    return feedback


STRONG_DIMENSION = 50
"""A strength is only named from a dimension that scored at least this (and could be judged)."""


def _strengths(
    criteria: list[CriterionResult],
    wrong_turns: set[int],
    dimensions: dict[str, DimensionResult],
) -> list[tuple[str, str]]:
    """The best criteria as strengths (criterion id, text); a turn with uncorrected wrong information is never
    evidence for one, and a strength comes from a dimension that could be judged and went reasonably well."""
    good = [c for c in criteria if c.passed and c.score is not None and c.score >= 80]
    good.sort(key=lambda c: (SIGNALS[c.signal].strength == "absence", -c.weight * c.score, c.id))
    out: list[tuple[str, str]] = []
    for c in good:
        if len(out) == 3:
            break
        strength = SIGNALS[c.signal].strength
        dimension = dimensions[c.dimension].score
        if dimension is None or dimension < STRONG_DIMENSION:
            continue  # 'short sentences' is no strength in a dimension that went badly (jargon, no emotion named)
        behaviour = strength == "behaviour"
        mine = [e for e in c.evidence if e.speaker == "learner"]
        if behaviour and mine and all(e.turn in wrong_turns for e in mine):
            continue
        evidence = next((e for e in mine if e.turn not in wrong_turns), None) if behaviour else None
        quote = f" (beurt {evidence.turn}: '{_quote(evidence.text)}')" if evidence else ""
        out.append((c.id, f"{c.description}{quote}"))
    return out


NO_IMPROVEMENTS = "Geen: elk beoordeeld criterium kreeg de hoogste score."


def no_improvements(fb: Feedback) -> bool:
    """Every criterion that was scored got full marks: the report says so instead of inventing an improvement."""
    scored = [c.score for c in fb.criteria if c.score is not None]
    return not fb.improvements and bool(scored) and all(score >= 100 for score in scored)
