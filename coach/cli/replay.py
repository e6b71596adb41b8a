"""``coach replay``: do a saved call again from one of the trainee's turns, and see both versions side by side.

The new branch is an ordinary saved practice call (coach.calls.branch) played by the practice terminal; the
comparison is made by coach.replay and rendered by coach.cli.render / coach.cli.reports."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coach.cli.app import command, print_json
from coach.cli.options import DetailOpt, JsonOpt, LexiconOpt, LibraryOpt, ShowEmotionOpt

if TYPE_CHECKING:
    from coach.calls import CallSetup
    from coach.feedback import Feedback
    from coach.store import SessionRow, Store

PAST_SHOWN = 8
"""At most this many earlier turns are shown (one line each) above the line the trainee answers anew."""


def find_session(store: "Store", ref: str) -> "SessionRow":
    """The session by id or the start of it, as 'coach export' takes it; when there is none (or more than one), the
    ids that come closest."""
    from coach.errors import NotFoundError, did_you_mean

    try:
        return store.get(ref)
    except NotFoundError:
        rows, _ = store.history()
    ids = [r.id for r in rows]
    starting = [i for i in ids if i.startswith(ref)]
    if len(starting) > 1:
        shown = ", ".join(starting[:5]) + (", …" if len(starting) > 5 else "")
        raise NotFoundError(
            f"'{ref}' is het begin van meer sessies: {shown}", hint="geef meer van het id; 'coach history' toont ze"
        )
    close = [i for i in ids if ref and ref in i] or did_you_mean(ref, ids)
    hint = f"Bedoelde u: {', '.join(close[:3])}? " if close else ""
    raise NotFoundError(f"onbekende sessie '{ref}'", hint=hint + "'coach history' toont alle sessies")


def _not_found(row: "SessionRow", exc) -> Exception:
    from coach.errors import NotFoundError

    return NotFoundError(
        f"sessie {row.id} kan niet opnieuw gespeeld of vergeleken worden: {exc.message}",
        hint="het staat niet (meer) in de bibliotheek; geef de map waar het wel staat met --library MAP",
    )


def _scenario_ref(row: "SessionRow") -> str:
    return row.scenario_path if row.scenario_path and Path(row.scenario_path).is_file() else row.scenario


def _setup_of(row: "SessionRow", library: list[Path] | None, lexicon: list[Path] | None, warn) -> "CallSetup":
    """The setup the call was played with: its scenario, rubric, seed, learner and (as 'coach resume' takes them)
    its voice and judge."""
    from coach import calls, registry
    from coach.cli.calls import _setup
    from coach.errors import NotFoundError

    engine, judge = calls.plugins_of(row, warn)
    try:
        return _setup(
            _scenario_ref(row),
            rubric=row.rubric,
            engine=engine,
            seed=row.seed or 0,
            learner=row.learner,
            save=True,
            library=library,
            lexicon=lexicon,
            model=row.caller_model if registry.get("voice", engine).takes_model else None,
            judge=judge,
            judge_model=row.judge_model if registry.get("judge", judge).takes_model else None,
        )
    except NotFoundError as exc:
        raise _not_found(row, exc) from None


def _scoring_of(row: "SessionRow", library: list[Path] | None, lexicon: list[Path] | None) -> "CallSetup":
    """What scoring a stored call takes (scenario, rubric, lexicon), without the voice and judge it needs no key for."""
    from coach.analyzer import analyzer_for
    from coach.calls import CallSetup
    from coach.errors import NotFoundError
    from coach.library import Library

    lib = Library.open(library or [])
    try:
        scenario = lib.scenario(_scenario_ref(row))
        rubric = lib.rubric(row.rubric or "standaard")
    except NotFoundError as exc:
        raise _not_found(row, exc) from None
    return CallSetup(scenario=scenario, scenario_path=None, rubric=rubric, analyzer=analyzer_for(lib, lexicon or []))


def _differs(row: "SessionRow", setup: "CallSetup", from_turn: int, warn) -> None:
    """Say when the caller may answer otherwise than it did: another voice, a changed scenario or offline caller."""
    from coach.caller import offline_version
    from coach.formats.common import content_hash

    where = f"vanaf beurt {from_turn} kan de beller anders antwoorden dan toen, ook als u hetzelfde zegt"
    if row.engine and row.engine != "offline":
        warn(f"Dit gesprek is gevoerd met {row.engine} als beller: {where}.")
    elif setup.engine != "offline":
        warn(f"Deze variant gebruikt {setup.engine} als beller: {where}.")
    elif row.meta.get("scenario_hash") not in (None, content_hash(setup.scenario)):
        warn(f"Het scenario is veranderd sinds dit gesprek: {where}.")
    elif row.meta.get("caller_version") not in (None, offline_version(setup.analyzer)):
        warn(f"De offline beller is bijgewerkt sinds dit gesprek: {where}.")


def _compare(store: "Store", original: "SessionRow", variant: "SessionRow", scored: "Feedback", setup: "CallSetup"):
    """The variant next to its original; the original scored now, by the same rubric and lexicon as the variant."""
    from coach.feedback import evaluate
    from coach.replay import compare

    before = store.transcript(original.id)
    after = store.transcript(variant.id)
    then = evaluate(before, setup.rubric, setup.analyzer, setup.scenario)  # type: ignore[arg-type]
    from_turn = int(variant.meta.get("branch_from", 1))
    return compare(before.turns, then, after.turns, scored, from_turn, original_id=original.id, variant_id=variant.id)


def _replay_terminal(setup: "CallSetup", store: "Store", original: "SessionRow", from_turn: int, said: str, **options):
    """The practice terminal, showing where the call was rewound to and comparing at the end. (A class made here:
    Rich and the terminal are imported only when a call is played.)"""
    from coach.cli import render
    from coach.cli.inputs import read_line
    from coach.cli.terminal import Terminal
    from coach.replay import trainee_turns

    class ReplayTerminal(Terminal):
        branch_id: str | None = None

        def _show_past(self, session) -> None:
            """The turns before the rewind point one line each (the last few), then the line to answer anew."""
            turns = session.turns
            self.console.print(
                f"[bold]Variant van sessie {render.escape(original.id)}, vanaf uw beurt {from_turn}[/bold]"
            )
            earlier = turns[:-1]
            if len(earlier) > PAST_SHOWN:
                self.console.print(f"[dim]… {len(earlier) - PAST_SHOWN} eerdere beurten[/dim]")
                earlier = earlier[-PAST_SHOWN:]
            numbers = {i: n for n, i in enumerate(trainee_turns(turns), 1)}
            offset = len(turns) - 1 - len(earlier)
            name = session.scenario.caller.address_as
            for i, turn in enumerate(earlier, offset):
                who = f"U ({numbers[i]}): " if turn.speaker == "learner" else f"{name[:1].upper()}{name[1:]}: "
                self.console.print(render.Text(who + turn.text, style="dim"), no_wrap=True, overflow="ellipsis")
            self.console.print(render.caller_line(name, turns[-1], self.show_emotion))
            self.console.print(render.Text(f"(In het origineel zei u: “{said}”)", style="dim italic"))

        def _after_report(self, live, result) -> None:
            if live.session_id != self.branch_id or result.feedback is None or self.store is None:
                return  # after /opnieuw: a new call of the scenario, no variant of the original
            variant = self.store.get(live.session_id)
            found = _compare(self.store, original, variant, result.feedback, self.setup)
            self.console.print(render.comparison(found, self.setup.scenario.caller.address_as))
            self.console.print(
                f"[dim]Nog eens: coach replay {render.escape(original.id)} --from N;"
                f" deze vergelijking later: coach replay {render.escape(variant.id)} --compare[/dim]"
            )

    return ReplayTerminal(setup, store, render.console(), read_line, **options)


@command()
def replay(
    session: Annotated[str, typer.Argument(help="Sessie-id (of het begin ervan), zie 'coach history'.")],
    from_turn: Annotated[
        int | None,
        typer.Option(
            "--from",
            metavar="N",
            help="Uw beurt vanaf waar u het gesprek opnieuw doet (1 = uw eerste, zoals '#' in 'coach history').",
        ),
    ] = None,
    compare: Annotated[
        bool,
        typer.Option(
            "--compare", help="Niet spelen: vergelijk een eerder gespeelde variant (SESSION) met het origineel."
        ),
    ] = False,
    as_json: JsonOpt = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Met --compare: de vergelijking als Markdown.")] = False,
    show_emotion: ShowEmotionOpt = True,
    detail: DetailOpt = False,
    library: LibraryOpt = None,
    lexicon: LexiconOpt = None,
) -> None:
    """Doe een opgeslagen gesprek opnieuw vanaf een van uw beurten en vergelijk het met het origineel."""
    from coach.errors import UsageError
    from coach.nl import count
    from coach.replay import rewind, trainee_turns
    from coach.store import Store

    store = Store.default()
    row = find_session(store, session)
    if compare:
        if from_turn is not None:
            raise UsageError("--compare vergelijkt een gespeelde variant; --from hoort bij het spelen ervan")
        _show_comparison(store, row, library, lexicon, as_json=as_json, markdown=markdown)
        return
    if as_json or markdown:
        raise UsageError("--json en --markdown horen bij --compare", hint="het spelen zelf gebeurt in de terminal")
    turns = store.turns(row.id)
    if from_turn is None:
        has = count(len(trainee_turns(turns)), "beurt", "beurten")
        raise UsageError(
            "zeg met --from N vanaf welke beurt u het opnieuw doet",
            hint=f"dit gesprek heeft {has} van de medewerker, geteld zoals '#' in 'coach history'",
        )
    rewound = rewind(turns, from_turn, row.outcome)  # the errors before anything is loaded

    def warn(message: str) -> None:
        typer.echo(message, err=True)

    from coach import calls
    from coach.cli.inputs import line_editing

    setup = _setup_of(row, library, lexicon, warn)
    _differs(row, setup, from_turn, warn)
    line_editing()
    said = turns[len(rewound)].text
    terminal = _replay_terminal(setup, store, row, from_turn, said, show_emotion=show_emotion, detail=detail)
    live = calls.branch(store, row, from_turn, setup, terminal.hooks, terminal.warn)
    terminal.branch_id = live.session_id
    raise typer.Exit(terminal.practice(live))


def _show_comparison(
    store: "Store",
    row: "SessionRow",
    library: list[Path] | None,
    lexicon: list[Path] | None,
    *,
    as_json: bool,
    markdown: bool,
) -> None:
    """--compare: a variant played before, next to its original (the variant scored as it stands, even unfinished)."""
    import sys

    from coach.cli import render
    from coach.errors import NotFoundError, UsageError
    from coach.feedback import evaluate

    original_id = row.meta.get("branch_of")
    if not original_id:
        raise UsageError(
            f"sessie {row.id} is geen variant van een ander gesprek",
            hint=f"speel er een met 'coach replay {row.id} --from N'",
        )
    try:
        original = store.get(str(original_id))
    except NotFoundError:
        raise NotFoundError(f"het origineel van sessie {row.id} (sessie {original_id}) is er niet meer") from None
    setup = _scoring_of(row, library, lexicon)
    scored = evaluate(store.transcript(row.id), setup.rubric, setup.analyzer, setup.scenario)  # type: ignore[arg-type]
    found = _compare(store, original, row, scored, setup)
    if as_json:
        print_json(found.model_dump(mode="json"))
    elif markdown:
        from coach.cli.reports import markdown_comparison

        sys.stdout.write(markdown_comparison(found, setup.scenario.caller.address_as))
    else:
        render.console().print(render.comparison(found, setup.scenario.caller.address_as))
