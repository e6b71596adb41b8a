"""A call without a terminal: start or resume it, record every turn, finish it with a transcript and feedback.

The terminal (``coach practice``), ``coach run``, ``coach resume`` and ``coach evaluate`` all go through here, so a
practice call, a scripted call and a judged transcript cannot drift apart. Nothing here prints: what a person should
hear goes through the ``notify`` callback the face passes in.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from coach import progress, registry
from coach.analyzer import Analysis, Analyzer
from coach.caller import Caller, Hooks, make_caller, offline_version
from coach.errors import ConfigError, StoreBusyError, StoreError, StoreFullError, StoreReadOnlyError, UsageError
from coach.feedback import Feedback, evaluate
from coach.feedback.judge import Judge
from coach.feedback.model import JudgeReport
from coach.formats import Outcome, Rubric, Scenario, Transcript, Turn, write_transcript
from coach.formats.common import content_hash
from coach.nl import count
from coach.paths import private_dir
from coach.provenance import score_file
from coach.session import Session, utc_now
from coach.store import SessionRow, Store, default_transcript_path

Notify = Callable[[str], None]


def new_seed() -> int:
    return secrets.randbelow(1_000_000)


def next_seed(seed: int) -> int:
    """The seed for a restarted call (/opnieuw): a different call, still reproducible from the recorded seed."""
    return (seed + 1) % 1_000_000


@dataclass
class CallSetup:
    """Everything a call is started with; stored with the session, so a resumed call goes on as it began."""

    scenario: Scenario
    scenario_path: Path | None
    rubric: Rubric | None
    analyzer: Analyzer
    engine: str = "offline"
    """The caller's voice (coach.registry)."""
    seed: int = 0
    learner: str | None = None
    save: bool = True
    model: str | None = None
    """The voice's model, when it takes one (None: its default)."""
    judge: str = "offline"
    judge_model: str | None = None
    scripted: bool = False
    """Played from written replies (``coach run``), not by a trainee: the history shows it only with ``--all``."""
    assignment: dict[str, Any] | None = None
    """The group assignment this call is for (``coach practice --assignment``): ``cohort`` (the file), ``group``,
    ``id`` and ``exam``. Stored in the session's meta, so a resumed exam keeps an exam's rules."""

    @property
    def exam(self) -> bool:
        """An exam is one call: no emotion meter, no /terug, no /opnieuw."""
        return bool(self.assignment and self.assignment.get("exam"))


@dataclass
class CallResult:
    transcript: Transcript
    path: Path | None
    """Where the transcript was written; None when nothing was saved."""
    feedback: Feedback | None
    usage: dict[str, Any] = field(default_factory=dict)
    """Token use and estimated cost of paid plug-ins (``usage`` for the caller, ``judge_usage`` for the judge), and
    ``fallback_turns``: how many caller lines the offline voice said because the chosen voice could not."""


def check_plugins(engine: str, judge: str) -> None:
    """Unknown names and a missing API key are reported before the call starts, not in the middle of it."""
    registry.get("voice", engine)
    registry.get("judge", judge)
    registry.check("voice", engine)
    registry.check("judge", judge)


def make_judge(name: str, model: str | None = None, *, cache: bool = False) -> Judge | None:
    """The registered judge of this name; None for 'offline' (the rule-based feedback only).

    ``cache``: more transcripts with the same rubric follow, so a paid judge may cache its instructions."""
    return registry.create("judge", name, model=model, cache=cache)


def second_opinion(
    judge: Judge | None, transcript: Transcript, rubric: Rubric, scenario: Scenario | None, notify: Notify | None
) -> JudgeReport | None:
    """The judge's report, or None and one line that says why: the rule-based feedback never depends on it.

    Whatever the judge does is caught here: its expected errors (ConfigError), a bug in a plug-in, and Ctrl-C while
    it works, which skips the judge rather than the report, and marks it ``interrupted``: in a batch the judge is not
    asked again."""
    if judge is None or getattr(judge, "interrupted", False):
        return None
    say = notify or (lambda _message: None)
    label = judge.name.capitalize()
    say(f"{label} beoordeelt het gesprek… (Ctrl-C slaat dit over)")
    try:
        return judge.judge(transcript, rubric, scenario)
    except ConfigError as exc:
        reason = exc.message
    except KeyboardInterrupt:
        judge.interrupted = True  # type: ignore[attr-defined]  # not asked again in this command (a batch)
        reason = "onderbroken met Ctrl-C; de rest van deze opdracht zonder Claude-beoordeling"
    except Exception as exc:
        reason = f"onverwachte fout in de beoordelaar ({type(exc).__name__})"
    say(f"{label}-beoordeling overgeslagen: {reason}")
    return None


def score(
    transcript: Transcript,
    rubric: Rubric,
    analyzer: Analyzer,
    scenario: Scenario | None,
    judge: Judge | None = None,
    notify: Notify | None = None,
    analyses: Sequence[Analysis] | None = None,
    file: str | Path | None = None,
) -> Feedback:
    """The rule-based feedback on a call, with the judge's second opinion next to it when a judge is chosen. A call
    read from a file (``file``) is checked against a replay of the offline caller (coach.provenance)."""
    if file is not None:
        feedback = score_file(transcript, rubric, scenario, analyzer, file)
    else:
        feedback = evaluate(transcript, rubric, analyzer, scenario, analyses)
    feedback.judge = second_opinion(judge, transcript, rubric, scenario, notify)
    return feedback


def resume_command(learner: str | None) -> str:
    """The command that goes on with this learner's call, as it is typed in a shell."""
    if not learner:
        return "coach resume"
    if not re.fullmatch(r"[\w.@+-]+", learner):
        learner = '"' + re.sub(r'(["\\$`])', r"\\\1", learner) + '"'
    return f"coach resume --learner {learner}"


def _until(exc: StoreError) -> str | None:
    """When a call the store could not write to can go on; None when that is not known (damage, another process)."""
    if isinstance(exc, StoreFullError):
        return "er weer ruimte is op de schijf"
    if isinstance(exc, StoreReadOnlyError):
        return "u weer mag schrijven in de map"
    return None


def with_saved(exc: StoreError, saved: str) -> StoreError:
    """The same error, saying what of the call is kept and how to go on."""
    return type(exc)(f"{exc.message}. {saved}", hint=exc.hint)


class Recorder:
    """Listens to a Session and commits every turn to the store as it happens.

    When the store cannot take a turn, the error says what is kept: the trainee's line itself when it is the one lost,
    and that the call so far is saved and can be resumed only where that is so (a full disk, a folder made read-only).
    """

    def __init__(self, store: Store, session_id: str, caller: Caller, learner: str | None = None) -> None:
        self.store = store
        self.session_id = session_id
        self.caller = caller
        """A paid voice's token use is stored after each of its turns."""
        self.learner = learner

    def on_turn(self, index: int, turn: Turn) -> None:
        try:
            self.store.add_turn(self.session_id, index, turn)
        except StoreError as exc:
            saved = f"Uw laatste regel is niet bewaard: «{turn.text}». " if turn.speaker == "learner" else ""
            until = _until(exc)
            if until and index:
                saved += (
                    f"Het gesprek tot nu toe ({count(index, 'beurt', 'beurten')}) is bewaard: ga verder met"
                    f" '{resume_command(self.learner)}' zodra {until}."
                )
            elif until:
                saved += "Van dit gesprek is nog niets bewaard."
            raise with_saved(exc, saved.strip()) from None
        usage = self.caller.usage
        if turn.speaker == "caller" and usage is not None and usage.requests:
            self.store.update_meta(self.session_id, usage=usage.as_dict())

    def on_end(self, outcome: str, reason: str) -> None:
        try:
            self.store.finish(self.session_id, outcome, reason, utc_now())
        except StoreError as exc:
            if not _until(exc):
                raise
            raise with_saved(
                exc,
                "Het gesprek zelf is bewaard, alleen het einde niet: sluit het af met"
                f" '{resume_command(self.learner)} --close' of ga verder met '{resume_command(self.learner)}'"
                f" zodra {_until(exc)}.",
            ) from None


@dataclass
class LiveCall:
    """A call in progress: its session, where it is recorded, and the judge that will give a second opinion."""

    setup: CallSetup
    session: Session
    store: Store | None
    session_id: str | None
    judge: Judge | None = None
    notify: Notify | None = None
    pending: bool = False
    """Resumed with a trainee turn the caller never answered (the process died in between)."""

    def answer_pending(self) -> Turn:
        """Let the caller answer the trainee turn a killed process left unanswered."""
        self.pending = False
        return self.session.answer_last()

    def usage(self, feedback: Feedback | None = None) -> dict[str, Any]:
        """Token use and estimated cost of the paid plug-ins in this call (empty when offline)."""
        out: dict[str, Any] = {}
        caller_usage = self.session.caller.usage
        if caller_usage is not None and caller_usage.requests:
            out["usage"] = caller_usage.as_dict()
        judged = getattr(self.judge, "usage", None)  # every request of a paid judge, failed ones included
        if judged is not None and judged.requests:
            out["judge_usage"] = judged.as_dict()
        elif feedback is not None and feedback.judge is not None and feedback.judge.usage:
            out["judge_usage"] = feedback.judge.usage
        fallback = sum(1 for t in self.session.turns if t.speaker == "caller" and t.meta.get("voice") == "offline")
        if fallback:
            out["fallback_turns"] = fallback
        return out

    def finish(self, output: Path | None = None, *, feedback: bool = True) -> CallResult:
        """Write the transcript (to ``output``, or next to the store when saving) and score the call."""
        transcript = self.session.transcript()
        if self.session_id:
            transcript.meta["session"] = self.session_id
        path = output
        saving = self.store is not None and self.session_id is not None
        if saving and path is None:
            path = default_transcript_path(self.session_id, self.session.scenario.id)
        if path is not None:
            self._write(transcript, path, own=output is None)
        if saving:
            try:
                self.store.set_transcript_path(self.session_id, path)
            except StoreError as exc:
                if not _until(exc):
                    raise
                raise with_saved(exc, f"Het gesprek is bewaard en het transcript staat in {path}.") from None
            self.store.release(self.session_id)  # the call has ended: nobody writes its turns any more
        if not feedback:
            return CallResult(transcript, path, None)
        rubric = self.setup.rubric
        if rubric is None:
            raise ValueError("a rubric is needed for feedback")
        scenario = self.setup.scenario
        report = evaluate(transcript, rubric, self.setup.analyzer, scenario, self.session.analyses)
        if saving:  # stored before the judge is asked: a slow or failing judge cannot cost the score
            self._remember(score=report.overall, passed=report.passed, scores=progress.summary(report), **self.usage())
        report.judge = second_opinion(self.judge, transcript, rubric, scenario, self.notify)
        usage = self.usage(report)
        if saving and "judge_usage" in usage:
            self._remember(judge_usage=usage["judge_usage"])
        return CallResult(transcript, path, report, usage)

    def _remember(self, **values: Any) -> None:
        """Add to the session's stored meta; a full disk or a read-only folder is said, and the feedback still shown."""
        assert self.store is not None and self.session_id is not None
        try:
            self.store.update_meta(self.session_id, **values)
        except StoreError as exc:  # the call and its transcript are kept: the trainee still gets the feedback
            if not _until(exc) or self.notify is None:
                raise
            what = "de score staat" if "score" in values else "de kosten van de beoordeling staan"
            self.notify(f"Let op: {exc.message}; {what} daardoor niet in 'coach history'.")

    def _write(self, transcript: Transcript, path: Path, *, own: bool) -> None:
        """Write the transcript (into Belcoach's private folder when ``own``); on a full disk or a folder it may not
        write in, say that the call itself is kept."""
        try:
            if own:
                private_dir(path.parent)
            write_transcript(transcript, path)
        except OSError as exc:
            if self.store is None:
                raise
            error = self.store.error(exc, "het schrijven van het transcript", path)
            if not _until(error):
                raise
            raise with_saved(
                error,
                f"Het gesprek zelf is bewaard (sessie {self.session_id}): schrijf het transcript later met"
                f" 'coach export {self.session_id} -o {path.name}'.",
            ) from None


def _new_session(setup: CallSetup, hooks: Hooks | None) -> Session:
    """An empty session with a new caller for this setup (a new call, or one being rebuilt)."""
    caller = make_caller(setup.engine, setup.scenario, setup.analyzer, setup.seed, model=setup.model, hooks=hooks)
    return Session(
        setup.scenario,
        caller,
        setup.analyzer,
        seed=setup.seed,
        learner=setup.learner,
        rubric=setup.rubric.id if setup.rubric else None,
    )


def _rebuilt(setup: CallSetup, hooks: Hooks | None, turns: Sequence[Turn]) -> tuple[Session, bool]:
    """A session with these turns and a fresh caller (same seed) that replayed them: its emotion, what it revealed
    and the facts it gave are as they were after the last one. True when the last trainee turn was never answered."""
    session = _new_session(setup, hooks)
    session.turns = list(turns)
    said: list[tuple[str, Analysis, str]] = []
    pending = False
    for index, turn in enumerate(turns):
        if turn.speaker != "learner":
            continue
        previous = next((t.text for t in reversed(turns[:index]) if t.speaker == "caller"), "")
        analysis = setup.analyzer.analyze(turn.text, previous)
        session.analyses.append(analysis)
        if index + 1 >= len(turns):
            pending = True
            break
        said.append((turn.text, analysis, turns[index + 1].text))
    opening = turns[0].text if turns and turns[0].speaker == "caller" else None
    session.caller_turns = session.caller.replay(said, opening)
    return session, pending


def take_back(live: LiveCall, hooks: Hooks | None = None) -> bool:
    """/terug: the trainee's last turn and the caller's answer to it are taken back, in the store too, and the caller
    is as it was before that turn (rebuilt from the kept turns, as a resumed call is). False: nothing to take back."""
    old = live.session
    last = next((i for i in range(len(old.turns) - 1, -1, -1) if old.turns[i].speaker == "learner"), None)
    if last is None or old.ended:
        return False
    session, _ = _rebuilt(live.setup, hooks, old.turns[:last])
    if live.store is not None and live.session_id is not None:
        live.store.drop_turns(live.session_id, last)
    session.started_at, session.listener, session.clock = old.started_at, old.listener, old.clock
    if isinstance(session.listener, Recorder):
        session.listener.caller = session.caller  # a paid voice's token use is read from the caller that speaks now
    usage, spent = session.caller.usage, old.caller.usage
    if usage is not None and spent is not None and spent.requests:  # what a paid voice cost stays counted
        usage.restore(spent.as_dict())
    live.session, live.pending = session, False
    return True


def start(setup: CallSetup, store: Store | None, hooks: Hooks | None = None, notify: Notify | None = None) -> LiveCall:
    """A new call; with a store (and ``setup.save``) every turn is recorded as it happens."""
    session = _new_session(setup, hooks)
    judge = make_judge(setup.judge, setup.judge_model)
    session_id = None
    if store is not None and setup.save:
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
            caller_model=session.caller.voice.model,
            judge_model=judge.model if judge is not None else None,
            meta={"scenario_hash": content_hash(setup.scenario)}
            | ({"caller_version": offline_version(setup.analyzer)} if setup.engine == "offline" else {})
            | ({"scripted": True} if setup.scripted else {})
            | ({"assignment": setup.assignment} if setup.assignment else {}),
        )
        store.lock(session_id)
        session.listener = Recorder(store, session_id, session.caller, setup.learner)
    return LiveCall(setup, session, store if setup.save else None, session_id, judge, notify)


def branch(
    store: Store,
    original: SessionRow,
    from_turn: int,
    setup: CallSetup,
    hooks: Hooks | None = None,
    notify: Notify | None = None,
) -> LiveCall:
    """A new saved call that goes on from just before the trainee's ``from_turn``-th turn of ``original`` (``coach
    replay``): its turns up to there are copied and the caller rebuilt from them, as a resumed call is, so with the
    same seed the offline caller answers the same line the same way. The original is only read."""
    from coach.replay import rewind

    kept = rewind(store.turns(original.id), from_turn, original.outcome)
    live = start(setup, store, hooks, notify)
    assert live.session_id is not None, "a branch is always saved"
    store.update_meta(live.session_id, branch_of=original.id, branch_from=from_turn)
    session, _ = _rebuilt(setup, hooks, kept)
    for index, turn in enumerate(kept):
        store.add_turn(live.session_id, index, turn)
    session.started_at = live.session.started_at
    session.listener = Recorder(store, live.session_id, session.caller, setup.learner)
    live.session = session
    return live


def _hold_unfinished(store: Store, session_id: str) -> SessionRow:
    """Take the call for this process, and read it again: another window may have ended it in the meantime."""
    store.lock(session_id)
    row = store.get(session_id)
    imported = row.meta.get("import")
    if imported is not None:
        store.release(session_id)
        source = imported.get("file") if isinstance(imported, dict) else None
        raise UsageError(
            f"dit gesprek (sessie {session_id}) is geïmporteerd"
            + (f" uit {source}" if source else "")
            + ": het is elders gevoerd en gaat hier niet verder",
            hint="'coach history' toont het; 'coach evaluate' of 'coach status' beoordeelt het",
        )
    if row.outcome is not None:
        store.release(session_id)
        raise StoreBusyError(
            f"dit gesprek (sessie {session_id}) is intussen in een ander venster beëindigd",
            hint="'coach history' toont het; 'coach resume' gaat verder met een ander onafgemaakt gesprek",
        )
    return row


def plugins_of(row: SessionRow, notify: Notify | None = None) -> tuple[str, str]:
    """The voice and judge a saved call was started with; one no longer available is said, and offline used."""
    chosen = []
    for kind, name, label in (("voice", row.engine, "engine"), ("judge", row.judge, "beoordelaar")):
        if name in registry.names(kind):  # type: ignore[arg-type]
            chosen.append(name)
            continue
        if name and notify is not None:
            notify(f"waarschuwing: {label} '{name}' is hier niet beschikbaar; verder met offline.")
        chosen.append("offline")
    return chosen[0], chosen[1]


def resume(
    store: Store,
    session_id: str,
    setup: CallSetup,
    hooks: Hooks | None = None,
    notify: Notify | None = None,
    *,
    answer: bool = True,
) -> LiveCall:
    """Rebuild an unfinished call as it was, without asking the voice for the past.

    The caller's brain replays the stored trainee turns (emotion, reveals, facts, used lines) and the stored caller
    texts are the history, so a Claude call costs no request per past turn. Only a trainee turn the killed process
    never answered gets a new answer: here (``answer``) or later through ``LiveCall.answer_pending``, so a terminal
    can stream it.
    """
    row = _hold_unfinished(store, session_id)
    session, pending = _rebuilt(setup, hooks, store.turns(session_id))
    session.started_at = datetime.fromisoformat(row.started_at)
    usage, stored = session.caller.usage, row.meta.get("usage")
    if usage is not None and stored:  # a resumed paid call counts on from the tokens its first part used
        usage.restore(stored)
    session.listener = Recorder(store, session_id, session.caller, row.learner)
    judge = make_judge(setup.judge, setup.judge_model)
    live = LiveCall(setup, session, store, session_id, judge, notify, pending=pending)
    if not pending and session.caller_turns and session.caller_turns[-1].outcome:
        last = session.caller_turns[-1]  # the caller had ended the call; the process died before it was recorded
        session.end(last.outcome, last.reason)
    elif pending and answer:
        live.answer_pending()
    return live


def close(store: Store, row: SessionRow) -> Path:
    """Close an unfinished call without going on (``coach resume --close``); returns where its transcript went.

    The transcript is written first and the session marked ended in one statement after it, so a failure on the way
    (an unreadable turn, a full disk) leaves the session unfinished, as it was."""
    _hold_unfinished(store, row.id)
    reason, ended = "Het gesprek werd afgebroken en later afgesloten.", utc_now()
    transcript = store.transcript(row.id)
    transcript.outcome, transcript.ended_at = Outcome("interrupted"), ended
    transcript.meta["reason"] = reason
    path = default_transcript_path(row.id, row.scenario)
    try:
        write_transcript(transcript, private_dir(path.parent) / path.name)
    except OSError as exc:
        raise store.error(exc, "het schrijven van het transcript", path) from None
    try:
        store.close_session(row.id, "interrupted", reason, ended, path)
    except StoreError:
        path.unlink(missing_ok=True)
        raise
    store.release(row.id)
    return path
