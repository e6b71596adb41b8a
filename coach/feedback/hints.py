"""/hint: one tip for this moment of the call, taken from the rubric and the analyzer's reading so far."""

from __future__ import annotations

from dataclasses import dataclass

from coach.analyzer import Analysis
from coach.formats import Rubric, Scenario, Turn
from coach.formats.signals import SIGNALS


@dataclass
class Hint:
    signal: str
    text: str
    example: str


def _from_rubric(rubric: Rubric | None, signal: str) -> tuple[str, str]:
    if rubric is not None:
        for dimension in rubric.dimensions.values():
            for criterion in dimension.criteria:
                if criterion.signal == signal:
                    return criterion.tip, criterion.example
    spec = SIGNALS[signal]
    return spec.tip, spec.example


def hint_for(scenario: Scenario, rubric: Rubric | None, turns: list[Turn], analyses: list[Analysis]) -> Hint:
    """The most useful next step for the trainee, judged from the call so far."""
    acts = [a.acts for a in analyses]
    seen = set().union(*acts) if acts else set()
    callers = [t for t in turns if t.speaker == "caller"]
    last = callers[-1] if callers else None
    revealed = {r for t in callers for r in t.revealed}
    emotion = last.emotion if last and last.emotion is not None else scenario.caller.emotion.start

    def make(signal: str, prefix: str = "") -> Hint:
        tip, example = _from_rubric(rubric, signal)
        return Hint(signal, (prefix + " " + tip).strip(), example)

    if not analyses:
        return make("opening")
    last_turn = analyses[-1]
    if last_turn.has("jargon"):
        hit = last_turn.of("jargon")[0]
        tip, _ = _from_rubric(rubric, "jargon")
        return Hint("jargon", f"U zei '{hit.text}'. {tip}", hit.plain or "")
    if last_turn.has("dismissive"):
        return make("dismissive", f"'{last_turn.of('dismissive')[0].text}' klinkt afwijzend.")
    recent = set().union(*acts[-2:])
    if emotion >= 6 and "emotion_reflection" not in recent:
        return make("emotion_acknowledged", f"De beller is nog erg geëmotioneerd ({emotion}/10).")
    if last and last.text.rstrip().endswith("?") and len(analyses) > 1:
        return make("caller_questions_answered", f"De beller vroeg: '{last.text.strip()}'")
    if "open_question" not in seen:
        return make("open_questions")
    pending = [h for h in scenario.concerns.hidden if f"concern:{h.id}" not in revealed]
    said_hint = [t.text for t in callers if "hint" in t.meta.get("kinds", [])]
    if pending and said_hint:
        quote = next((h for h in pending[0].hints if h in said_hint[-1]), said_hint[-1])
        return make("hidden_concern_found", f"De beller zei: '{quote}'")
    if "summary" not in seen and len(analyses) >= 2:
        return make("summary_captures_concern")
    missing = [k for k in scenario.required_key_info if f"key_info:{k.id}" not in revealed]
    if missing and len(analyses) >= 3:
        tip, example = _from_rubric(rubric, "key_info")
        return Hint("key_info", f"Nog niet besproken: {missing[0].description} {tip}".strip(), example)
    if "next_step" not in seen:
        return make("next_step")
    if "check_understanding" not in seen:
        return make("check_understanding")
    return make("closing")
