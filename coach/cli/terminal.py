"""The interactive call at a terminal: the briefing, the trainee's lines, the caller's (streamed) answers, the commands
(/hint, /stop, /opnieuw, /terug, /dossier, /help), and the feedback at the end; a call cut off from outside (SIGHUP,
SIGTERM, lost input) is left open for coach resume. The call itself runs through coach.calls."""

from __future__ import annotations

import contextlib
import errno
import re
import signal
from collections.abc import Callable, Iterator

from rich.cells import cell_len
from rich.console import Console

from coach import calls
from coach.caller import Hooks
from coach.calls import CallSetup, LiveCall
from coach.cli import render
from coach.cli.inputs import clean_typed
from coach.cli.speech import Speaker
from coach.errors import UsageError
from coach.feedback.hints import hint_for
from coach.formats import Scenario, Turn
from coach.formats.transcript import RESTARTED
from coach.store import Store

COMMANDS = {
    "/hint": "een tip voor dit moment in het gesprek",
    "/stop": "het gesprek beëindigen en de feedback zien",
    "/opnieuw": "opnieuw beginnen met hetzelfde scenario",
    "/dossier": "de briefing en het dossier nog eens",
    "/terug": "uw laatste beurt terugnemen en opnieuw antwoorden",
    "/help": "deze uitleg",
}

NOT_IN_EXAM = {
    "/terug": "Dat kan niet in een examen: een examen is één gesprek.",
    "/opnieuw": "Dat kan niet in een examen: een examen is één gesprek.",
    "/hint": "Geen tips in een examen: u doet het op eigen kracht.",
}
"""An exam is one call without help: these are refused in it, each with its reason (and left out of its /help)."""

INTERRUPT_EXIT = 130
SMALL_TERMINAL = 30
"""Fewer rows than this: the briefing is shown a screen at a time before the call starts."""
STOPPED_CTRL_C = "De oefening werd gestopt met Ctrl-C."

LOST_TERMINAL = (errno.EIO, errno.EPIPE, errno.EBADF, errno.ENXIO)
"""Writing to or reading from a terminal that was closed fails with one of these."""


class CutOff(BaseException):  # not an Exception: no 'except Exception' may swallow a hang-up
    """The call was cut off from outside (the terminal hung up, SIGTERM): it stays open for ``coach resume``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _ignore_cut_offs() -> None:
    """A hang-up comes as SIGHUP and as end of input, in either order: the second must not break off the clean-up."""
    for sig in (getattr(signal, "SIGHUP", None), signal.SIGTERM):
        if sig is not None:
            with contextlib.suppress(ValueError):  # not the main thread
                signal.signal(sig, signal.SIG_IGN)


_fired: list[int] = []


def _cut_off(signum: int, _frame: object) -> None:
    """Raise CutOff once; after that the clean-up runs undisturbed."""
    if _fired:
        return
    _fired.append(signum)
    raise CutOff(signum)


@contextlib.contextmanager
def _cut_off_on_signals() -> Iterator[None]:
    """A closed terminal (SIGHUP) or SIGTERM ends the process as kill -9 would, but cleanly: the call is left open,
    every recorded turn kept. Without this, readline turns a hang-up into end of input."""
    _fired.clear()
    sigs = [s for s in (getattr(signal, "SIGHUP", None), signal.SIGTERM) if s is not None]
    try:
        before = {s: signal.signal(s, _cut_off) for s in sigs}
    except ValueError:  # not the main thread (a test runner): the default actions stay
        yield
        return
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)


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
        detail: bool = False,
        speaker: Speaker | None = None,
    ) -> None:
        self.setup = setup
        self.store = store
        self.console = console
        self.read = read
        self.show_emotion = show_emotion and not setup.exam  # an exam hides the emotion meter
        self.commands = {k: v for k, v in COMMANDS.items() if not (setup.exam and k in NOT_IN_EXAM)}
        self.detail = detail
        self.speaker = speaker
        self._live: LiveCall | None = None
        """The call in progress, for the clean-up when it is cut off."""
        self.streamed: str | None = None
        """The caller's words streamed so far in this turn (None: nothing is being streamed)."""
        self._column = 0
        self._word = ""
        self._space = False
        self.hooks = Hooks(on_text=self._stream, notify=self.warn)
        """How the caller's voice reaches this terminal while it speaks."""
        self.typed: str | None = None
        """What the trainee typed at a prompt of the pager instead of Enter: the next turn, not lost."""

    def warn(self, message: str) -> None:
        self._break_stream("(afgebroken)")  # a notice in the middle of a streamed line: that line did not finish
        self.console.print(f"[yellow]{render.escape(message)}[/yellow]")

    def _break_stream(self, mark: str = "") -> None:
        """End a streamed line that stopped halfway, marked, so what follows starts on a fresh line."""
        if self.streamed is None:
            return
        self._flush_word()
        self.console.print(f" [dim]{mark}[/dim]" if mark and self.streamed.strip() else "")
        self.streamed = None

    def _stream(self, chunk: str) -> None:
        """A voice's words arrive in pieces; print them as they come (markup escaped), wrapped between words: a word
        is printed once the space after it has come, so a word split over two pieces is never broken at the edge."""
        if self.streamed is None:
            name = render.caller_name(self.setup.scenario.caller.address_as)
            self.console.print(name, end="")
            self.streamed, self._column, self._word, self._space = "", name.cell_len, "", False
        self.streamed += chunk
        for piece in re.findall(r"\s+|\S+", chunk):
            if piece.isspace():
                self._flush_word()
                self._space = True
            else:
                self._word += piece

    def _flush_word(self) -> None:
        word, self._word = self._word, ""
        if not word:
            return
        gap = 1 if self._space and self._column else 0
        if self._column and self._column + gap + cell_len(word) > self.console.width:
            self.console.print()
            self._column = gap = 0
        self.console.print(render.Text(" " * gap + word, style="magenta"), end="")
        self._column += gap + cell_len(word)
        self._space = False

    def _show(self, turn: Turn) -> None:
        """Print the caller's turn, unless it was already streamed word by word; then ``_shown``."""
        self._print_caller(turn)
        self._shown(turn)

    def _shown(self, turn: Turn) -> None:
        """Called with every caller turn once it is on the screen: with --voice it is spoken in the background."""
        if self.speaker:
            self.speaker.say(turn.text, turn.emotion, self.setup.scenario.caller)

    def _print_caller(self, turn: Turn) -> None:
        if self.streamed is not None:
            self._flush_word()
        streamed, self.streamed = self.streamed, None
        if streamed is not None and streamed.strip() == turn.text:
            meter = render.emotion_meter(turn.emotion) if self.show_emotion and turn.emotion is not None else ""
            self.console.print("   ", meter) if meter else self.console.print()
        else:
            if streamed is not None:
                self.console.print()
            self.console.print(render.caller_line(self.setup.scenario.caller.address_as, turn, self.show_emotion))

    def practice(self, live: LiveCall | None = None) -> int:
        """Play calls until the trainee stops; returns the exit code."""
        self._live = live
        with _cut_off_on_signals():
            try:
                return self._practice(live)
            except CutOff as exc:  # raised once at most; also in the middle of a clean-up, which may be repeated
                return self._cut(self._live, 128 + exc.signum)

    def _page(self, renderable: object) -> None:
        """Print ``renderable``; at a small terminal a screen at a time, so the top of the briefing is read."""
        if not self.console.is_terminal or self.console.height >= SMALL_TERMINAL:
            self.console.print(renderable)
            return
        with self.console.capture() as captured:
            self.console.print(renderable)
        lines = captured.get().splitlines()
        screen = max(self.console.height - 2, 5)
        for start in range(0, len(lines), screen):
            if start:
                try:
                    typed = self.read("-- meer: Enter -- ")
                except KeyboardInterrupt:
                    self.console.print()
                    return  # Ctrl-C while reading the briefing: enough of it, back to the call
                if self._keep_typed(typed):
                    return
            self.console.file.write("\n".join(lines[start : start + screen]) + "\n")
            self.console.file.flush()

    def _keep_typed(self, typed: str) -> bool:
        """Text typed at a pager prompt instead of Enter is kept as the trainee's next turn (said after the caller's
        opening line when the call has not begun); True when there was some, so the pager stops."""
        line = clean_typed(typed)
        # "q", "ok", "ja" are keys for the pager, not a turn: only a command or words that can open a call are kept
        if not line or (not line.startswith("/") and len(line.split()) < 2 and len(line) < 8):
            return False
        self.typed = line
        self.console.print(f"[dim]Bewaard als uw volgende beurt: “{render.escape(line)}”. De briefing: /dossier.[/dim]")
        return True

    def _practice(self, live: LiveCall | None) -> int:
        setup = self.setup
        try:
            heading = [render.assignment_banner(setup.assignment)] if setup.assignment else []
            self._page(render.Group(*heading, render.briefing(setup.scenario), render.practice_help(self.commands)))
        except EOFError:
            return self._cut(live, 0)
        if self.console.is_terminal and self.console.height < SMALL_TERMINAL and self.typed is None:
            try:
                self._keep_typed(self.read("Druk op Enter om te beginnen. "))
            except EOFError:
                return self._cut(live, 0)
        while True:
            fresh = live is None
            live = self._live = live or calls.start(setup, self.store, self.hooks, self.warn)
            try:
                outcome = self._call(live, fresh)
            except EOFError:
                return self._cut(live, 0)
            except OSError as exc:
                if exc.errno not in LOST_TERMINAL:
                    raise
                return self._cut(live, 128 + getattr(signal, "SIGHUP", 1))
            if outcome == "restart":
                live.finish(feedback=False)
                live = self._live = None  # the old call is over: a hang-up from here on cuts off nothing
                setup.seed = calls.next_seed(setup.seed)  # the same seed would replay the very same caller
                self.console.print("[bold]Opnieuw beginnen.[/bold]\n")
                try:
                    self._page(render.briefing(setup.scenario))
                except EOFError:
                    return 0
                continue
            self._finish(live)
            return INTERRUPT_EXIT if outcome == "ctrl-c" else 0

    def _cut(self, live: LiveCall | None, code: int) -> int:
        """The call was cut off (closed terminal, SIGTERM, end of input): no report, the call stays open for
        ``coach resume`` with every turn recorded so far. A hang-up comes as end of input and as SIGHUP, in either
        order, so every step here may be done twice. A call the caller had already ended is finished quietly."""
        _ignore_cut_offs()
        if live is None:
            return code
        if live.session.ended:
            with contextlib.suppress(Exception):
                live.finish()
            return code
        if live.store is not None and live.session_id is not None:
            live.store.release(live.session_id)
            message = (
                "\nGesprek afgebroken; alles tot nu toe is bewaard."
                f" Ga verder met '{calls.resume_command(self.setup.learner)}'."
            )
        else:  # --no-save: nothing to resume, so the trainee gets the report rather than nothing
            live.session.end("stopped", "De invoer stopte voordat het gesprek klaar was (--no-save: niets bewaard).")
            with contextlib.suppress(OSError):
                self._finish(live)
            return code
        with contextlib.suppress(OSError):
            self.console.print(f"[yellow]{render.escape(message)}[/yellow]")
        return code

    def _call(self, live: LiveCall, fresh: bool) -> str:
        session = live.session
        live.notify = self.warn
        if fresh:
            self._show(session.open())
        else:
            self._show_past(session)
            if live.pending:
                self._show(live.answer_pending())
        while not session.ended:
            try:
                if self.typed is not None:
                    line, self.typed = self.typed, None
                    self.console.print(f"U: {render.escape(line)}")
                else:
                    line = clean_typed(self.read("U: "))
            except KeyboardInterrupt:
                session.end("stopped", STOPPED_CTRL_C)
                self.console.print("\n[dim]Gesprek gestopt (Ctrl-C).[/dim]")
                return "ctrl-c"
            if not line:
                continue
            command = line.lower()
            if command in ("/help", "/?"):
                self.console.print(render.practice_help(self.commands))
                continue
            if self.setup.exam and command in NOT_IN_EXAM:
                self.console.print(f"[yellow]{NOT_IN_EXAM[command]}[/yellow]")
                continue
            if command == "/terug":
                said = next((t.text for t in reversed(session.turns) if t.speaker == "learner"), "")
                if not calls.take_back(live, self.hooks):
                    self.console.print("[yellow]Er is nog geen beurt om terug te nemen.[/yellow]")
                    continue
                session = live.session
                self.console.print(f"[dim]Teruggenomen: “{render.escape(said)}”[/dim]")
                self.console.print("[dim]Antwoord opnieuw op:[/dim]")
                self._show(session.turns[-1])
                continue
            if command == "/dossier":
                self._page(render.dossier(session.scenario))
                continue
            if command == "/hint":
                hint = hint_for(session.scenario, self.setup.rubric, session.turns, session.analyses)
                self.console.print(render.hint(hint))
                continue
            if command == "/stop":
                session.end("stopped", "De oefening werd gestopt voordat het gesprek klaar was.")
                return "stopped"
            if command == "/opnieuw":
                if not self._confirm("Opnieuw beginnen? Dit gesprek wordt niet beoordeeld. (j/n) "):
                    self.console.print("[dim]Verder met dit gesprek.[/dim]")
                    continue
                session.end("stopped", RESTARTED)
                return "restart"
            if command.startswith("/"):
                self.console.print(f"[yellow]Onbekend commando {render.escape(line)}.[/yellow] Typ /help.")
                continue
            try:
                reply = session.say(line)
            except KeyboardInterrupt:
                self._break_stream("(onderbroken)")
                session.end("stopped", STOPPED_CTRL_C)
                return "ctrl-c"
            self._show(reply)
        self._after_goodbye(session)
        return session.outcome or "stopped"

    def _show_past(self, session) -> None:
        """The turns so far of a call that goes on (resumed, or replayed by coach.cli.replay)."""
        self.console.print(render.transcript_dialogue(session.scenario, session.turns, self.show_emotion))

    def _confirm(self, question: str) -> bool:
        """A yes/no question during the call: only j(a) is yes; Ctrl-C is no."""
        try:
            answer = clean_typed(self.read(question)).strip().lower()
        except KeyboardInterrupt:
            self.console.print()
            return False
        return answer in ("j", "ja", "y", "yes")

    def _after_goodbye(self, session) -> None:
        """The caller ended the call: the trainee may still say goodbye, then the feedback follows on Enter."""
        if session.outcome == "hung_up":
            self.console.print("[dim](De beller heeft opgehangen.)[/dim]")
        elif session.outcome in ("satisfied", "unsatisfied", "max_turns"):
            self.console.print("[dim](De beller neemt afscheid. U kunt nog iets terugzeggen, of Enter.)[/dim]")
            try:
                line = clean_typed(self.read("U: "))
            except (KeyboardInterrupt, EOFError):
                return
            if line and not line.startswith("/"):
                session.last_word(line)
        else:
            return
        try:
            self.read("Druk op Enter voor de feedback. ")
        except (KeyboardInterrupt, EOFError):
            self.console.print()

    def _drop_typed_ahead(self) -> None:
        """What the trainee typed while the report was made is dropped: it must not reach the shell as a command."""
        import sys

        try:
            import termios

            if sys.stdin.isatty():
                termios.tcflush(sys.stdin.fileno(), termios.TCIFLUSH)
        except (ImportError, OSError, ValueError):
            pass

    def _finish(self, live: LiveCall) -> None:
        try:
            self._report(live)
        finally:
            self._drop_typed_ahead()

    def _report(self, live: LiveCall) -> None:
        result = live.finish()
        assert result.feedback is not None
        self.console.print(render.feedback_report(result.feedback, detail=self.detail))
        if result.usage:
            self.console.print(render.usage_line(result.usage))
        if result.path is not None:
            self.console.print(f"Transcript opgeslagen: [bold]{render.escape(str(result.path))}[/bold]")
        else:
            self.console.print("[dim]Niets opgeslagen (--no-save).[/dim]")
        self._after_report(live, result)

    def _after_report(self, live: LiveCall, result: calls.CallResult) -> None:
        """What follows the report of a call (coach.cli.replay adds the comparison with the original)."""


def pick_scenario(scenarios: list[Scenario], console: Console, read: Callable[[str], str]) -> str:
    """The scenario menu: a number or an id; Ctrl-C and end of input leave without a call."""
    import typer

    if not scenarios:
        raise UsageError("de bibliotheek bevat geen scenario's")
    console.print(render.scenario_menu(scenarios))
    while True:
        try:
            answer = clean_typed(read("Kies een scenario (nummer of id): "))
        except KeyboardInterrupt:
            typer.echo("\nAfgebroken.", err=True)
            raise typer.Exit(130) from None
        except EOFError:
            typer.echo("\nAfgebroken: geen scenario gekozen.", err=True)
            raise typer.Exit(1) from None
        if answer.isdigit() and 1 <= int(answer) <= len(scenarios):
            return scenarios[int(answer) - 1].id
        if answer in {s.id for s in scenarios}:
            return answer
        console.print("[yellow]Geen geldig nummer of id.[/yellow]")
