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
    if problem:
        older = "" if version else " (of gespeeld met een oudere versie van Belcoach)"
        return False, [f"niet te verifiëren{older}: {problem}"], None
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
            shown = "geen" if turn.emotion is None else turn.emotion
            return f"beurt {n}: emotie {shown} in het transcript, {expected.emotion} bij opnieuw afspelen", []
        expected = None
    if expected is not None:
        return "het transcript mist het laatste antwoord van de beller", []
    replayed, claimed = session.outcome, transcript.outcome
    if claimed is not None and claimed != replayed and not (replayed is None and claimed in ENDED_BY_TRAINEE):
        return f"afloop '{claimed}' in het transcript, '{replayed or 'nog niet afgelopen'}' bij opnieuw afspelen", []
    return "", session.analyses
