"""Caller engines behind one protocol, chosen by name; each factory imports its dependencies only when called."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from coach.errors import UsageError, suggestion

if TYPE_CHECKING:
    from coach.analyzer import Analysis
    from coach.formats import Scenario, Turn


@dataclass
class CallerTurn:
    """What the caller says, how the caller feels after it, and whether the call ends."""

    text: str
    emotion: int
    revealed: list[str] = field(default_factory=list)
    outcome: str | None = None
    """``satisfied``, ``unsatisfied``, ``hung_up`` or ``max_turns`` when the caller ends the call."""
    events: list[str] = field(default_factory=list)
    """The emotion events the trainee turn caused (see coach.engines.emotion)."""
    reason: str = ""
    """Why the call ended, in Dutch, for the feedback."""
    kinds: list[str] = field(default_factory=list)
    """What the reply was made of (story, hint, fact, jargon, ...), for hints and feedback."""


class CallerEngine(Protocol):
    """A simulated caller. ``reply`` gets the trainee turn, the analyzer's reading of it and the call so far."""

    name: str

    def start(self) -> CallerTurn: ...

    def reply(self, text: str, analysis: Analysis, transcript: list[Turn]) -> CallerTurn: ...


def _offline(scenario: Scenario, seed: int, **options: object) -> CallerEngine:
    from coach.engines.offline import OfflineCaller

    return OfflineCaller(scenario, seed=seed)


CALLERS: dict[str, Callable[..., CallerEngine]] = {"offline": _offline}


def register_caller(name: str, factory: Callable[..., CallerEngine]) -> None:
    CALLERS[name] = factory


def make_caller(name: str, scenario: Scenario, seed: int, **options: object) -> CallerEngine:
    _load_optional_engines()
    factory = CALLERS.get(name)
    if factory is None:
        hint = suggestion(name, CALLERS) or "kies uit: " + ", ".join(sorted(CALLERS))
        raise UsageError(f"onbekende engine '{name}'", hint=hint)
    return factory(scenario, seed, **options)


def _load_optional_engines() -> None:
    """Registers the Claude engines when that module exists; it imports anthropic only inside its factories."""
    try:
        import coach.engines.claude  # noqa: F401
    except ModuleNotFoundError as exc:
        if exc.name != "coach.engines.claude":
            raise
