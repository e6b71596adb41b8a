"""Where a score comes from, and whether the call happened as its transcript says.

Every feedback records its source: the file, session, date, seed, engine, and content hashes of the scenario and
rubric it was scored with. A transcript played with the offline caller can be checked: replaying the caller with the
same scenario, seed and trainee turns must give the same caller lines, emotions and ending. An edited emotion, a forged
``outcome: satisfied`` or a caller line typed in by hand does not survive the replay.
"""

from __future__ import annotations

from pathlib import Path

from coach.analyzer import Analysis, Analyzer
from coach.caller import make_caller, offline_version
from coach.feedback import Feedback, evaluate
from coach.formats import Rubric, Scenario, Transcript, Turn
from coach.formats.common import content_hash
from coach.formats.transcript import OUTCOME_WORDS

ENDED_BY_TRAINEE = {"stopped", "interrupted"}
"""Endings the caller does not decide: the replay need not reach them."""


def score_file(
    transcript: Transcript, rubric: Rubric, scenario: Scenario | None, analyzer: Analyzer, file: str | Path | None
) -> Feedback:
    """The rule-based feedback on a transcript read from a file, its source completed and checked. A call that holds
    up on replay is scored on the replay's readings of the trainee's turns (the same readings, read once)."""
    verified, problems, analyses = check(transcript, scenario, analyzer)
    feedback = evaluate(transcript, rubric, analyzer, scenario, analyses)
    if feedback.source is not None:
        feedback.source.file = str(file) if file is not None else None
        feedback.source.verified = verified
        feedback.source.problems = problems
    if verified is False:  # the transcript is not what happened: it cannot pass, whatever it scores
        feedback.passed = False
        feedback.verdict = [*problems, *feedback.verdict]
    return feedback


def check(
    transcript: Transcript, scenario: Scenario | None, analyzer: Analyzer
) -> tuple[bool | None, list[str], list[Analysis] | None]:
    """Whether the transcript holds up on a replay of the offline caller (None: it cannot be checked), what is wrong
    or unknown in Dutch, and the replay's readings of the trainee's turns when it held up."""
    if scenario is None:
        return None, ["beoordeeld zonder het scenario: de scenario-criteria tellen niet mee"], None
    played_with = transcript.meta.get("scenario_hash")
    now = content_hash(scenario)
    if isinstance(played_with, str) and played_with != now:
        return None, [f"gespeeld met een andere versie van scenario '{scenario.id}' ({played_with}, nu {now})"], None
    if transcript.engine != "offline" or transcript.seed is None:
        return None, [], None  # a Claude call or a typed-out real call cannot be replayed: not checked, not suspect
    version = transcript.meta.get("caller_version")
    if isinstance(version, str) and version != offline_version(analyzer):
        return None, ["gespeeld met een andere versie van de offline beller: niet opnieuw af te spelen"], None
    problem, analyses = _replay(transcript, scenario, analyzer)
    if problem and not version and not isinstance(played_with, str):
        # written before transcripts named their versions: edited, or simply played with an older caller
        return None, [f"niet te verifiëren (of gespeeld met een oudere versie van Belcoach): {problem}"], None
    if problem:
        return False, [f"niet te verifiëren: {problem}"], None
    return True, [], analyses


def _replay(transcript: Transcript, scenario: Scenario, analyzer: Analyzer) -> tuple[str, list[Analysis]]:
    from coach.session import Session

    seed = transcript.seed or 0
    session = Session(scenario, make_caller("offline", scenario, analyzer, seed), analyzer, seed=seed)
    expected: Turn | None = session.open()  # the caller turn the transcript must hold next
    for n, turn in enumerate(transcript.turns, 1):
        if turn.speaker == "learner":
            if expected is not None:
                return f"beurt {n}: hier hoort eerst een beurt van de beller", []
            if session.ended:
                if n != len(transcript.turns):
                    return f"beurt {n}: de medewerker spreekt verder nadat de beller het gesprek beëindigde", []
                session.last_word(turn.text)  # the trainee's goodbye after the caller's
                continue
            expected = session.say(turn.text)
            continue
        if expected is None:
            return f"beurt {n}: twee beurten van de beller na elkaar", []
        if turn.text.strip() != expected.text.strip():
            return f"beurt {n}: de beller zei iets anders dan de offline beller met seed {seed} zegt", []
        if turn.emotion != expected.emotion:
            shown = "geen emotie" if turn.emotion is None else f"emotie {turn.emotion}"
            return f"beurt {n}: {shown} in het transcript, emotie {expected.emotion} bij opnieuw afspelen", []
        if sorted(turn.revealed) != sorted(expected.revealed):
            return f"beurt {n}: de beller gaf iets anders prijs dan bij opnieuw afspelen", []
        if turn.meta.get("kinds", []) != expected.meta.get("kinds", []):
            return f"beurt {n}: een ander soort beurt van de beller dan bij opnieuw afspelen", []
        expected = None
    replayed, claimed = session.outcome, transcript.outcome
    if expected is not None:
        # a trainee turn the caller never answered: only a call that was broken off or stopped ends that way
        if claimed not in (None, *ENDED_BY_TRAINEE):
            return "het transcript mist het laatste antwoord van de beller", []
        return "", session.analyses
    if claimed != replayed and not (replayed is None and claimed in (None, *ENDED_BY_TRAINEE)):
        said, again = OUTCOME_WORDS[claimed][0], OUTCOME_WORDS[replayed][0]
        return f"afloop in het transcript: {said}; bij opnieuw afspelen: {again}", []
    return "", session.analyses
