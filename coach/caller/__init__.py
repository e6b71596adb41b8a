"""The simulated caller: one brain that decides what happens and a voice that says it (see coach.caller.base)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from coach import registry
from coach.analyzer import Analysis, Analyzer
from coach.caller.base import CallerTurn, Hooks, Metered, Plan, Voice
from coach.caller.brain import CallerBrain, fallback_lines
from coach.formats import Scenario, Turn

__all__ = ["Caller", "CallerBrain", "CallerTurn", "Hooks", "Plan", "Voice", "make_caller", "offline_version"]

_VERSIONS: dict[int, tuple[Analyzer, str]] = {}
_NOT_THE_CALLER = {"cli", "claude", "templates", "__pycache__"}


def offline_version(analyzer: Analyzer) -> str:
    """A short hash of everything that decides what the offline caller says: the package's code (all of it but the
    command line and the Claude plug-ins: the caller, the analyzer, the formats and patterns they use), its lines and
    the analyzer's lexicon. The same scenario, seed and trainee turns give the same call only under the same
    version (a transcript mailed from another machine with the same release has the same one)."""
    known = _VERSIONS.get(id(analyzer))
    if known is not None and known[0] is analyzer:
        return known[1]
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        if path.relative_to(root).parts[0] not in _NOT_THE_CALLER:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update(json.dumps(fallback_lines(), sort_keys=True, ensure_ascii=False).encode())
    digest.update(analyzer.lexicon.model_dump_json().encode())
    version = digest.hexdigest()[:12]
    _VERSIONS[id(analyzer)] = (analyzer, version)
    return version


class Caller:
    """A simulated caller: the brain plans each turn, the voice speaks it."""

    def __init__(self, brain: CallerBrain, voice: Voice) -> None:
        self.brain = brain
        self.voice = voice

    @property
    def name(self) -> str:
        return self.voice.name

    @property
    def usage(self) -> Metered | None:
        return self.voice.usage

    def start(self) -> CallerTurn:
        return self._say(self.brain.start(), [], None)

    def reply(self, text: str, analysis: Analysis, transcript: list[Turn]) -> CallerTurn:
        """The caller's answer to a trainee turn; ``transcript`` is the call so far, that turn included."""
        previous = next((t.text for t in reversed(transcript) if t.speaker == "caller"), "")
        return self._say(self.brain.plan(text, analysis, previous), transcript, analysis)

    def _say(self, plan: Plan, transcript: list[Turn], analysis: Analysis | None) -> CallerTurn:
        """The voice speaks the plan; a line the voice could not say itself is marked as the offline voice's."""
        turn = plan.turn(self.voice.speak(plan, transcript, analysis))
        if self.voice.fallback:
            turn.voice = "offline"
        return turn

    def replay(self, said: list[tuple[str, Analysis, str]], opening_text: str | None = None) -> list[CallerTurn]:
        """Rebuild the caller after a call's past (trainee text, its reading, what the caller answered) without
        asking the voice: the brain replays every turn and the stored words are kept."""
        opening = self.brain.start()
        previous = opening.text if opening_text is None else opening_text
        out = []
        for text, analysis, reply in said:
            out.append(self.brain.plan(text, analysis, previous).turn(reply))
            previous = reply
        return out


def make_caller(
    voice: str,
    scenario: Scenario,
    analyzer: Analyzer,
    seed: int = 0,
    *,
    model: str | None = None,
    hooks: Hooks | None = None,
) -> Caller:
    """A caller for a scenario with the registered voice of this name ('offline', 'claude')."""
    spoken = registry.create("voice", voice, scenario=scenario, model=model, hooks=hooks or Hooks())
    return Caller(CallerBrain(scenario, analyzer, seed), spoken)
