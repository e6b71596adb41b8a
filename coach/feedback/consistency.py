"""Checks that a report does not contradict itself or the call: a verdict against an ending, a criterion against the
phases, a quote that is not in the transcript. Run over every report in the test suite (COACH_CHECK_REPORTS=1) and by
``bench/feedback.py``."""

from __future__ import annotations

import os

from coach.feedback.model import Feedback
from coach.formats import Transcript

UNFINISHED = {
    "hung_up": "de beller hing op",
    "unsatisfied": "de beller was aan het eind niet tevreden",
    "max_turns": "het gesprek liep tot het maximum aantal beurten zonder afronding",
    "stopped": "het gesprek is gestopt voordat het af was",
    "interrupted": "het gesprek is afgebroken voordat het af was",
}
"""Endings that fail a call whatever its scores, with the verdict's words."""
FAILING_ENDINGS = frozenset(UNFINISHED)
MIN_TURNS = 3
"""A call with fewer trainee turns is too short to judge (coach.feedback.scoring uses the same number)."""

# a criterion at full marks means this phase was reached
_PHASE_OF_SIGNAL = {
    "opening": "opening",
    "closing": "afsluiting",
    "next_step": "afspraken",
    "check_understanding": "check",
    "summaries": "samenvatting",
}


def checking() -> bool:
    return os.environ.get("COACH_CHECK_REPORTS", "") not in ("", "0")


def contradictions(fb: Feedback, transcript: Transcript) -> list[str]:
    """Every way the report contradicts itself or the transcript, in words; empty for a sound report."""
    out: list[str] = []
    turns = transcript.turns
    learner_turns = sum(t.speaker == "learner" for t in turns)
    ending = fb.outcome
    if fb.passed:
        if ending in FAILING_ENDINGS:
            out.append(f"geslaagd, maar het gesprek eindigde met {ending}")
        if fb.call.get("wrong_information"):
            out.append("geslaagd met onjuiste informatie die niet is rechtgezet")
        if learner_turns < MIN_TURNS:
            out.append("geslaagd, maar te kort om te beoordelen")
        if fb.verdict:
            out.append("geslaagd, met redenen om niet te slagen: " + "; ".join(fb.verdict))
    if fb.passed is False and not fb.verdict:
        out.append("niet geslaagd zonder reden")
    for name, d in fb.dimensions.items():
        scores = [c.score for c in fb.criteria if c.dimension == name and c.score is not None]
        if d.score is None:
            if d.passed is not None:
                out.append(f"{name}: niet te beoordelen, maar wel (niet) geslaagd")
            if not d.reason:
                out.append(f"{name}: niet te beoordelen zonder reden")
        elif not scores:
            out.append(f"{name}: een score zonder gemeten criteria")
        elif d.score >= 100 and min(scores) < 100:
            out.append(f"{name}: score {d.score} terwijl een criterium lager scoorde ({min(scores)})")
    found = fb.call.get("hidden_concern_found")
    for c in fb.criteria:
        if c.skipped:
            if c.score is not None or c.passed is not None or not c.skip_reason:
                out.append(f"{c.id}: overgeslagen, maar met een score of zonder reden")
            continue
        phase = _PHASE_OF_SIGNAL.get(c.signal)
        if phase and fb.phases and c.value is not None and c.value >= 1 and phase not in fb.phase_order:
            out.append(f"{c.id}: '{c.detail}', maar de fase {phase} ontbreekt")
        if c.signal == "hidden_concern_found" and found is not None and (c.value == 1) != found:
            out.append(f"{c.id}: '{c.detail}' tegen 'onderliggende zorg {'ontdekt' if found else 'niet ontdekt'}'")
        for e in c.evidence:
            if "onderliggende zorg" in e.note and found is False:
                out.append(f"{c.id}: '{e.note}', maar de onderliggende zorg is niet ontdekt")
            if not 1 <= e.turn <= len(turns):
                out.append(f"{c.id}: bewijs uit beurt {e.turn}, die bestaat niet")
                continue
            turn = turns[e.turn - 1]
            if turn.speaker != e.speaker:
                out.append(f"{c.id}: bewijs uit beurt {e.turn} toegeschreven aan de verkeerde spreker")
            if " ".join(e.text.split()) not in " ".join(turn.text.split()):
                out.append(f"{c.id}: citaat '{e.text[:40]}' staat niet in beurt {e.turn}")
        if c.passed and c.score is not None and c.score < c.pass_score:
            out.append(f"{c.id}: geslaagd met score {c.score} onder {c.pass_score}")
    return out
