"""The caller is one brain and a voice: the brain decides what happens after a trainee turn (emotion, what comes
out, how the call ends) and proposes the words; the voice says them (the offline voice as proposed, Claude in its own
words). Every voice shares the brain, so all callers behave alike and a call can be rebuilt without the voice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from coach.analyzer import Analysis
    from coach.formats import Turn


@dataclass
class CallerTurn:
    """What the caller says, how the caller feels after it, and whether the call ends."""

    text: str
    emotion: int
    revealed: list[str] = field(default_factory=list)
    outcome: str | None = None
    """``satisfied``, ``unsatisfied``, ``hung_up`` or ``max_turns`` when the caller ends the call."""
    events: list[str] = field(default_factory=list)
    """The emotion events the trainee turn caused (see coach.caller.emotion)."""
    reason: str = ""
    """Why the call ended, in Dutch, for the feedback."""
    kinds: list[str] = field(default_factory=list)
    """What the reply was made of (story, hint, fact, jargon, ...), for hints and feedback."""
    voice: str | None = None
    """The voice that said this line when it is not the call's own: 'offline' when a paid voice failed and the brain's
    own line was said instead (stored in the turn's meta)."""


@dataclass
class Segment:
    """One part of a caller turn: what kind of reaction it is and the line the brain proposes for it."""

    kind: str
    text: str
    note: str = ""
    """What this part of the reply must convey, for a voice that words it itself."""


@dataclass
class Plan:
    """The brain's decision for one caller turn: the proposed lines, the emotion after it, what came out, the end."""

    segments: list[Segment]
    emotion: int
    revealed: list[str]
    events: list[str]
    outcome: str | None = None
    reason: str = ""

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments if s.text)

    def turn(self, text: str | None = None) -> CallerTurn:
        """The caller's turn for this plan, spoken as ``text`` (default: the plan's own lines)."""
        kinds = [s.kind for s in self.segments]
        spoken = self.text if text is None else text
        return CallerTurn(spoken, self.emotion, self.revealed, self.outcome, self.events, self.reason, kinds)


@dataclass
class Hooks:
    """How a voice reaches the person at the terminal while it speaks."""

    on_text: Callable[[str], None] | None = None
    """Called with each piece of a streamed reply as it arrives."""
    notify: Callable[[str], None] | None = None
    """Called with a Dutch notice: still waiting, a retry, going on offline."""


class Metered(Protocol):
    """What a paid voice or judge used: requests and tokens, stored with the session."""

    requests: int

    def as_dict(self) -> dict[str, Any]: ...

    def restore(self, stored: dict[str, Any]) -> None: ...


class Voice(Protocol):
    """Says the brain's plan for one caller turn; ``usage`` is None for a voice that costs nothing. ``fallback`` is
    True when the last ``speak`` could not use the voice itself and returned the brain's own line."""

    name: str
    model: str | None
    usage: Metered | None
    fallback: bool

    def speak(self, plan: Plan, transcript: list[Turn], analysis: Analysis | None) -> str: ...
