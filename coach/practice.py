"""Running calls for people: the interactive practice loop, scripted runs and resuming an interrupted call.

The call itself is the pure ``Session``; this module wires it to the terminal, the store and the transcript files.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from coach import render
from coach.analyzer import Analyzer
from coach.engines import CallerEngine, make_caller
from coach.feedback import Feedback
from coach.feedback.model import JudgeReport
from coach.formats import Rubric, Scenario, Transcript
from coach.hints import hint_for
from coach.session import Session, utc_now
from coach.store import Recorder, Store, default_transcript_path, write_transcript

COMMANDS = {
    "/hint": "een tip voor dit moment in het gesprek",
    "/stop": "het gesprek beëindigen en de feedback zien",
    "/opnieuw": "opnieuw beginnen met hetzelfde scenario",
    "/help": "deze uitleg",
}

INTERRUPT_EXIT = 130


def new_seed() -> int:
    return secrets.randbelow(1_000_000)


def next_seed(seed: int) -> int:
    """The seed for a restarted call (/opnieuw): a different call, still reproducible from the recorded seed."""
    return (seed + 1) % 1_000_000


_ESCAPE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: arrow keys, Home/End, colours (ESC [ D)
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, up to BEL or ST
    r"|\x1bO."  # SS3: arrow keys in application mode (ESC O D)
    r"|\x1b[ -~]?"  # any other escape
)


def clean_typed(text: str) -> str:
    """What the trainee typed, without terminal escape sequences (arrow keys without line editing) or control
    characters; tabs become spaces."""
    text = _ESCAPE.sub("", text).replace("\t", " ")
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf") or ch == "\u200d").strip()


@dataclass
class CallSetup:
    scenario: Scenario
    scenario_path: Path | None
    rubric: Rubric | None
    analyzer: Analyzer
    engine: str = "offline"
    seed: int = 0
    learner: str | None = None
    save: bool = True
    engine_options: dict = field(default_factory=dict)
    judge: str = "offline"
    judge_model: str | None = None


@dataclass
class Recorded:
    """A session with its store and id (when saving)."""

    session: Session
    store: Store | None
    session_id: str | None
    notify: Callable[[str], None] | None = None
    pending: bool = False
    """Resumed with a trainee turn the caller never answered (the process died in between)."""

    def answer_pending(self):
        """Let the caller answer the trainee turn a killed process left unanswered."""
        self.pending = False
        return self.session.answer_last()

    def feedback(self, setup: CallSetup, transcript: Transcript) -> Feedback:
        """The feedback report for the call, remembered with the session for history."""
        from coach.feedback import evaluate

        rubric = setup.rubric
        if rubric is None:
            raise ValueError("a rubric is needed for feedback")
        feedback = evaluate(transcript, rubric, setup.analyzer, setup.scenario)
        if setup.judge == "claude":
            feedback.judge = judge_with_claude(transcript, rubric, setup.scenario, setup.judge_model, self.notify)
        usage = self.usage(feedback)
        if self.store is not None and self.session_id is not None:
            self.store.update_meta(self.session_id, score=feedback.overall, passed=feedback.passed, **usage)
        return feedback

    def usage(self, feedback: Feedback) -> dict:
        """Token use and estimated cost of the Claude engines in this session (empty when offline)."""
        out = {}
        caller_usage = getattr(self.session.engine, "usage", None)
        if caller_usage is not None and caller_usage.requests:
            out["usage"] = caller_usage.as_dict()
        if feedback.judge is not None:
            out["judge_usage"] = feedback.judge.usage
        return out

    def finish(self, transcript_path: Path | None = None) -> tuple[Transcript, Path | None]:
        transcript = self.session.transcript()
        if self.session_id:
            transcript.meta["session"] = self.session_id
        path = transcript_path
        if self.store is not None and self.session_id is not None:
            if path is None:
                path = default_transcript_path(self.session_id, self.session.scenario.id)
            self.store.set_transcript_path(self.session_id, path)
        if path is not None:
            write_transcript(transcript, path)
        return transcript, path


def judge_with_claude(transcript, rubric, scenario, model, notify) -> JudgeReport | None:
    """Claude's verdict, or None with a warning: the rule-based feedback never depends on it."""
    from coach.engines.claude import judge
    from coach.errors import ConfigError

    try:
        return JudgeReport.model_validate(judge(transcript, rubric, scenario, model=model))
    except ConfigError as exc:
        if notify is not None:
            notify(f"Claude-beoordeling overgeslagen: {exc.message}")
        return None


def chosen_models(setup: CallSetup) -> tuple[str | None, str | None]:
    """The Claude models of this call (caller, judge), as stored with the session; None where Claude is not used."""
    if "claude" not in (setup.engine, setup.judge):
        return None, None
    from coach.engines.claude import caller_model, judge_model

    caller = caller_model(setup.engine_options.get("model")) if setup.engine == "claude" else None
    judge = judge_model(setup.judge_model) if setup.judge == "claude" else None
    return caller, judge


def _new_session(setup: CallSetup) -> tuple[CallerEngine, Session]:
    """The caller engine and an empty session for this setup (a new call, or one being rebuilt)."""
    engine = make_caller(setup.engine, setup.scenario, setup.seed, **setup.engine_options)
    session = Session(
        setup.scenario,
        engine,
        setup.analyzer,
        seed=setup.seed,
        learner=setup.learner,
        rubric=setup.rubric.id if setup.rubric else None,
    )
    return engine, session


def start_session(setup: CallSetup, store: Store | None) -> Recorded:
    engine, session = _new_session(setup)
    session_id = None
    if store is not None and setup.save:
        caller_model, judge_model = chosen_models(setup)
        session.started_at = utc_now()
        session_id = store.create_session(
            scenario=setup.scenario.id,
            scenario_path=str(setup.scenario_path) if setup.scenario_path else None,
            rubric=session.rubric,
            learner=setup.learner,
            engine=setup.engine,
            seed=setup.seed,
            started_at=session.started_at,
            judge=setup.judge,
            caller_model=caller_model,
            judge_model=judge_model,
        )
        session.listener = Recorder(store, session_id, engine)
    return Recorded(session, store if setup.save else None, session_id)


def resume_session(store: Store, session_id: str, setup: CallSetup, *, answer: bool = True) -> Recorded:
    """Rebuild an unfinished call as it was, without asking any engine for the past.

    The shared ``CallerBrain`` replays the stored trainee turns (emotion, reveals, facts, used lines) and the stored
    caller texts are the history, so a Claude call costs no request per past turn. Only a trainee turn the killed
    process never answered gets a new answer: here (``answer``) or later through ``Recorded.answer_pending``, so a
    terminal can stream it.
    """
    from datetime import datetime

    turns = store.turns(session_id)
    row = store.get(session_id)
    engine, session = _new_session(setup)
    session.started_at = datetime.fromisoformat(row.started_at)
    session.turns = list(turns)
    brain = getattr(engine, "brain", None)
    if brain is not None:
        brain.start()
    else:  # an engine without the shared brain can only be rebuilt by asking it again
        engine.start()
    pending = False
    for index, turn in enumerate(turns):
        if turn.speaker != "learner":
            continue
        analysis = setup.analyzer.analyze(turn.text)
        session.analyses.append(analysis)
        said = turns[index + 1] if index + 1 < len(turns) else None
        if said is None:
            pending = True
            break
        if brain is not None:
            reply = brain.plan(turn.text, analysis).turn(said.text)
        else:
            reply = engine.reply(turn.text, analysis, turns[: index + 1])
        session.caller_turns.append(reply)
    usage, stored = getattr(engine, "usage", None), row.meta.get("usage")
    if usage is not None and stored:  # a resumed Claude call counts on from the tokens its first part used
        usage.restore(stored)
    session.listener = Recorder(store, session_id, engine)
    recorded = Recorded(session, store, session_id, pending=pending)
    if not pending and session.caller_turns and session.caller_turns[-1].outcome:
        last = session.caller_turns[-1]  # the caller had ended the call; the process died before it was recorded
        session.end(last.outcome, last.reason)
    elif pending and answer:
        recorded.answer_pending()
    return recorded


class Terminal:
    """The interactive call at a terminal."""

    def __init__(
        self,
        setup: CallSetup,
        store: Store | None,
        console: Console,
        read: Callable[[str], str],
        *,
        show_emotion: bool = False,
    ) -> None:
        self.setup = setup
        self.store = store
        self.console = console
        self.read = read
        self.show_emotion = show_emotion
        self.streamed: str | None = None
        if setup.engine != "offline":
            setup.engine_options.update(on_text=self._stream, notify=self.warn)

    def warn(self, message: str) -> None:
        if self.streamed is not None:
            self.console.print()
            self.streamed = None
        self.console.print(f"[yellow]{render.escape(message)}[/yellow]")

    def _stream(self, chunk: str) -> None:
        """Claude's words arrive in pieces; print them as they come (markup escaped)."""
        if self.streamed is None:
            self.console.print(render.caller_name(self.setup.scenario.caller.address_as), end="")
            self.streamed = ""
        self.streamed += chunk
        self.console.print(render.Text(chunk, style="magenta"), end="")

    def _show(self, turn) -> None:
        """Print the caller's turn, unless it was already streamed word by word."""
        streamed, self.streamed = self.streamed, None
        if streamed is not None and streamed.strip() == turn.text:
            meter = render.emotion_meter(turn.emotion) if self.show_emotion and turn.emotion is not None else ""
            self.console.print("   ", meter) if meter else self.console.print()
            return
        if streamed is not None:
            self.console.print()
        self.console.print(render.caller_line(self.setup.scenario.caller.address_as, turn, self.show_emotion))

    def practice(self, recorded: Recorded | None = None) -> int:
        """Play calls until the trainee stops; returns the exit code."""
        setup = self.setup
        self.console.print(render.briefing(setup.scenario))
        self.console.print(render.practice_help(COMMANDS))
        while True:
            fresh = recorded is None
            recorded = recorded or start_session(setup, self.store)
            outcome = self._call(recorded, fresh)
            if outcome == "restart":
                self._finish(recorded, show=False)
                setup.seed = next_seed(setup.seed)  # the same seed would replay the very same caller
                self.console.print("[bold]Opnieuw beginnen.[/bold]\n")
                recorded = None
                continue
            self._finish(recorded)
            return INTERRUPT_EXIT if outcome == "interrupted-ctrl-c" else 0

    def _call(self, recorded: Recorded, fresh: bool) -> str:
        session = recorded.session
        recorded.notify = self.warn
        if fresh:
            self._show(session.open())
        else:
            self.console.print(render.transcript_dialogue(session.scenario, session.turns, self.show_emotion))
            if recorded.pending:
                self._show(recorded.answer_pending())
        while not session.ended:
            try:
                line = clean_typed(self.read("U: "))
            except KeyboardInterrupt:
                session.end("interrupted", "Het gesprek werd onderbroken (Ctrl-C).")
                self.console.print("\n[dim]Gesprek onderbroken.[/dim]")
                return "interrupted-ctrl-c"
            except EOFError:
                session.end("interrupted", "Het gesprek werd onderbroken (einde van de invoer).")
                self.console.print("\n[dim]Gesprek beëindigd.[/dim]")
                return "interrupted"
            if not line:
                continue
            command = line.lower()
            if command in ("/help", "/?"):
                self.console.print(render.practice_help(COMMANDS))
                continue
            if command == "/hint":
                hint = hint_for(session.scenario, self.setup.rubric, session.turns, session.analyses)
                self.console.print(render.hint(hint))
                continue
            if command == "/stop":
                session.end("stopped", "De oefening werd gestopt voordat het gesprek klaar was.")
                return "stopped"
            if command == "/opnieuw":
                session.end("stopped", "De oefening werd opnieuw begonnen.")
                return "restart"
            if command.startswith("/"):
                self.console.print(f"[yellow]Onbekend commando {render.escape(line)}.[/yellow] Typ /help.")
                continue
            try:
                reply = session.say(line)
            except KeyboardInterrupt:
                session.end("interrupted", "Het gesprek werd onderbroken (Ctrl-C).")
                return "interrupted-ctrl-c"
            self._show(reply)
        return session.outcome or "stopped"

    def _finish(self, recorded: Recorded, *, show: bool = True) -> None:
        transcript, path = recorded.finish()
        if not show:
            return
        feedback = recorded.feedback(self.setup, transcript)
        self.console.print(render.feedback_report(feedback))
        usage = recorded.usage(feedback)
        if usage:
            self.console.print(render.usage_line(usage))
        if path is not None:
            self.console.print(f"Transcript opgeslagen: [bold]{render.escape(str(path))}[/bold]")
        else:
            self.console.print("[dim]Niets opgeslagen (--no-save).[/dim]")
