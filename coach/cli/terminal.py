"""The interactive call at a terminal: the briefing, the trainee's lines, the caller's (streamed) answers, the commands
(/hint, /stop, /opnieuw, /help), and the feedback at the end. The call itself runs through coach.calls."""

from __future__ import annotations

import re
from collections.abc import Callable

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
from coach.store import Store

COMMANDS = {
    "/hint": "een tip voor dit moment in het gesprek",
    "/stop": "het gesprek beëindigen en de feedback zien",
    "/opnieuw": "opnieuw beginnen met hetzelfde scenario",
    "/help": "deze uitleg",
}

INTERRUPT_EXIT = 130


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
        self.show_emotion = show_emotion
        self.detail = detail
        self.speaker = speaker
        self.streamed: str | None = None
        """The caller's words streamed so far in this turn (None: nothing is being streamed)."""
        self._column = 0
        self._word = ""
        self._space = False
        self.hooks = Hooks(on_text=self._stream, notify=self.warn)
        """How the caller's voice reaches this terminal while it speaks."""

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
        """Print the caller's turn, unless it was already streamed word by word."""
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
        if self.speaker:  # --voice: spoken in the background once the line is on screen
            self.speaker.say(turn.text, turn.emotion, self.setup.scenario.caller)

    def practice(self, live: LiveCall | None = None) -> int:
        """Play calls until the trainee stops; returns the exit code."""
        setup = self.setup
        self.console.print(render.briefing(setup.scenario))
        self.console.print(render.practice_help(COMMANDS))
        while True:
            fresh = live is None
            live = live or calls.start(setup, self.store, self.hooks, self.warn)
            outcome = self._call(live, fresh)
            if outcome == "restart":
                live.finish(feedback=False)
                setup.seed = calls.next_seed(setup.seed)  # the same seed would replay the very same caller
                self.console.print("[bold]Opnieuw beginnen.[/bold]\n")
                live = None
                continue
            self._finish(live)
            return INTERRUPT_EXIT if outcome == "interrupted-ctrl-c" else 0

    def _call(self, live: LiveCall, fresh: bool) -> str:
        session = live.session
        live.notify = self.warn
        if fresh:
            self._show(session.open())
        else:
            self.console.print(render.transcript_dialogue(session.scenario, session.turns, self.show_emotion))
            if live.pending:
                self._show(live.answer_pending())
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
                self._break_stream("(onderbroken)")
                session.end("interrupted", "Het gesprek werd onderbroken (Ctrl-C).")
                return "interrupted-ctrl-c"
            self._show(reply)
        self._after_goodbye(session)
        return session.outcome or "stopped"

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

    def _finish(self, live: LiveCall) -> None:
        result = live.finish()
        assert result.feedback is not None
        self.console.print(render.feedback_report(result.feedback, detail=self.detail))
        if result.usage:
            self.console.print(render.usage_line(result.usage))
        if result.path is not None:
            self.console.print(f"Transcript opgeslagen: [bold]{render.escape(str(result.path))}[/bold]")
        else:
            self.console.print("[dim]Niets opgeslagen (--no-save).[/dim]")


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
