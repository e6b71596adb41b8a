"""One practice call as a pure loop: trainee turns in, caller turns out, a transcript at the end.

No I/O here. A ``listener`` (the store) hears about every turn as soon as it exists: the trainee's turn before the
caller answers it, so nothing typed is lost when the process dies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from coach.analyzer import Analysis, Analyzer
from coach.caller import Caller, CallerTurn, offline_version
from coach.formats import Scenario, Transcript, Turn
from coach.formats.common import content_hash


class SessionListener(Protocol):
    def on_turn(self, index: int, turn: Turn) -> None: ...

    def on_end(self, outcome: str, reason: str) -> None: ...


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class Session:
    scenario: Scenario
    caller: Caller
    analyzer: Analyzer
    seed: int = 0
    learner: str | None = None
    rubric: str | None = None
    listener: SessionListener | None = None
    clock: Callable[[], datetime] = utc_now
    turns: list[Turn] = field(default_factory=list)
    analyses: list[Analysis] = field(default_factory=list)
    caller_turns: list[CallerTurn] = field(default_factory=list)
    outcome: str | None = None
    reason: str = ""
    started_at: datetime | None = None
    ended_at: datetime | None = None

    @property
    def ended(self) -> bool:
        return self.outcome is not None

    def _add(self, turn: Turn) -> Turn:
        self.turns.append(turn)
        if self.listener is not None:
            self.listener.on_turn(len(self.turns) - 1, turn)
        return turn

    def _add_caller(self, reply: CallerTurn) -> Turn:
        self.caller_turns.append(reply)
        meta = {"kinds": reply.kinds} if reply.kinds else {}
        if reply.events:
            meta["events"] = reply.events
        if reply.voice:
            meta["voice"] = reply.voice
        return self._add(
            Turn(
                speaker="caller",
                text=reply.text,
                emotion=reply.emotion,
                revealed=reply.revealed,
                time=self.clock(),
                meta=meta,
            )
        )

    def open(self) -> Turn:
        """The caller's opening line."""
        self.started_at = self.clock()
        return self._add_caller(self.caller.start())

    def say(self, text: str) -> Turn:
        """The trainee says ``text``; returns the caller's answer (which may end the call)."""
        if self.ended:
            raise RuntimeError("the call has ended")
        previous = self._caller_line()
        self._add(Turn(speaker="learner", text=text, time=self.clock()))
        self.analyses.append(self.analyzer.analyze(text, previous))
        return self.answer_last()

    def _caller_line(self) -> str:
        """The caller's line the next trainee turn answers (the analyzer reads a turn against it)."""
        return next((t.text for t in reversed(self.turns) if t.speaker == "caller"), "")

    def answer_last(self) -> Turn:
        """The caller answers the last trainee turn (also the one a killed process never answered)."""
        if self.ended or not self.turns or self.turns[-1].speaker != "learner":
            raise RuntimeError("there is no trainee turn to answer")
        text, analysis = self.turns[-1].text, self.analyses[-1]
        reply = self.caller.reply(text, analysis, list(self.turns))
        turn = self._add_caller(reply)
        if reply.outcome:
            self.end(reply.outcome, reply.reason)
        return turn

    def last_word(self, text: str) -> Turn:
        """The trainee's closing words after the caller said goodbye: kept in the transcript, not answered."""
        if not self.ended or not self.turns or self.turns[-1].speaker != "caller":
            raise RuntimeError("the caller has not ended the call")
        previous = self._caller_line()
        turn = self._add(Turn(speaker="learner", text=text, time=self.clock()))
        self.analyses.append(self.analyzer.analyze(text, previous))
        return turn

    def end(self, outcome: str, reason: str = "") -> None:
        if self.ended:
            return
        self.outcome = outcome
        self.reason = reason
        self.ended_at = self.clock()
        if self.listener is not None:
            self.listener.on_end(outcome, reason)

    def transcript(self) -> Transcript:
        meta = {"reason": self.reason} if self.reason else {}
        meta["scenario_hash"] = content_hash(self.scenario)
        if self.caller.name == "offline":
            meta["caller_version"] = offline_version(self.analyzer)
        return Transcript(
            scenario=self.scenario.id,
            rubric=self.rubric,
            learner=self.learner,
            engine=self.caller.name,
            seed=self.seed,
            started_at=self.started_at,
            ended_at=self.ended_at,
            outcome=self.outcome,
            turns=list(self.turns),
            meta=meta,
        )


def run_session(session: Session, replies: Iterable[str]) -> Transcript:
    """Play a whole call from scripted replies; ends 'stopped' if the replies run out first."""
    session.open()
    for reply in replies:
        if session.ended:
            break
        session.say(reply)
    session.end("stopped", "")
    return session.transcript()
