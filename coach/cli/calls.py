"""Commands for calls: practise at the terminal, play a scripted call, resume an interrupted one, the history, and a
saved call as a transcript. The calls themselves run through coach.calls."""

from pathlib import Path
from typing import Annotated

import typer

from coach import registry
from coach.cli.app import command, print_json
from coach.cli.options import (
    DetailOpt,
    EngineOpt,
    JsonOpt,
    JudgeModelOpt,
    JudgeOpt,
    LearnerOpt,
    LexiconOpt,
    LibraryOpt,
    MinScoreOpt,
    ModelOpt,
    NoSaveOpt,
    RubricOpt,
    SeedOpt,
    ShowEmotionOpt,
)


def _setup(
    scenario_ref: str,
    *,
    rubric: str | None,
    engine: str,
    seed: int,
    learner: str | None,
    save: bool,
    library: list[Path] | None,
    lexicon: list[Path] | None,
    model: str | None = None,
    judge: str = "offline",
    judge_model: str | None = None,
):
    """The setup of a call from the command's options, with the library's scenario, rubric and lexicon."""
    from coach.analyzer import analyzer_for
    from coach.calls import CallSetup, check_plugins
    from coach.library import Library

    check_plugins(engine, judge)
    model, judge_model = _models(engine, judge, model, judge_model)
    lib = Library.open(library or [])
    scenario = lib.scenario(scenario_ref)
    return CallSetup(
        scenario=scenario,
        scenario_path=lib.path_of("scenario", scenario_ref),
        rubric=lib.rubric(rubric or "standaard"),
        analyzer=analyzer_for(lib, lexicon or []),
        engine=engine,
        seed=seed,
        learner=learner or None,
        save=save,
        model=model,
        judge=judge,
        judge_model=judge_model,
    )


def _models(engine: str, judge: str, model: str | None, judge_model: str | None) -> tuple[str | None, str | None]:
    """``--model`` is for a caller voice that takes a model, ``--judge-model`` for such a judge; with only the judge
    taking one, ``--model`` is the judge's. An option that nothing uses is said, not silently dropped."""
    voice_takes = registry.get("voice", engine).takes_model
    judge_takes = registry.get("judge", judge).takes_model
    voices = [f"--engine {p.name}" for p in registry.plugins("voice") if p.takes_model]
    judges = [f"--judge {p.name}" for p in registry.plugins("judge") if p.takes_model]
    if not voice_takes and judge_takes and judge_model is None:
        model, judge_model = None, model
    if model and not voice_takes:
        typer.echo(f"waarschuwing: --model wordt niet gebruikt zonder {' of '.join(voices + judges)}.", err=True)
        model = None
    if judge_model and not judge_takes:
        typer.echo(f"waarschuwing: --judge-model wordt niet gebruikt zonder {' of '.join(judges)}.", err=True)
        judge_model = None
    return model, judge_model


def _pick_scenario(library: list[Path] | None) -> str:
    from coach.cli import render
    from coach.cli.inputs import read_line
    from coach.cli.terminal import pick_scenario
    from coach.library import Library

    lib = Library.open(library or [])
    scenarios = sorted(lib.load_all("scenario"), key=lambda s: (s.topic.value, s.difficulty, s.id))
    return pick_scenario(scenarios, render.console(), read_line)


@command()
def practice(
    scenario: Annotated[str | None, typer.Argument(help="Scenario-id of pad; zonder: kies uit een menu.")] = None,
    rubric: RubricOpt = None,
    engine: EngineOpt = "offline",
    seed: SeedOpt = None,
    learner: LearnerOpt = None,
    show_emotion: ShowEmotionOpt = False,
    detail: DetailOpt = False,
    no_save: NoSaveOpt = False,
    model: ModelOpt = None,
    judge: JudgeOpt = "offline",
    judge_model: JudgeModelOpt = None,
    library: LibraryOpt = None,
    lexicon: LexiconOpt = None,
) -> None:
    """Oefen een telefoongesprek met een gesimuleerde beller."""
    from coach.calls import check_plugins, new_seed
    from coach.cli import render
    from coach.cli.inputs import line_editing, read_line
    from coach.cli.terminal import Terminal
    from coach.store import Store

    check_plugins(engine, judge)  # a missing key is said before the menu, not after the trainee picked
    line_editing()
    ref = scenario or _pick_scenario(library)
    setup = _setup(
        ref,
        rubric=rubric,
        engine=engine,
        seed=new_seed() if seed is None else seed,
        learner=learner,
        save=not no_save,
        library=library,
        lexicon=lexicon,
        model=model,
        judge=judge,
        judge_model=judge_model,
    )
    store = None if no_save else Store.default()
    code = Terminal(setup, store, render.console(), read_line, show_emotion=show_emotion, detail=detail).practice()
    raise typer.Exit(code)


@command()
def run(
    scenario: Annotated[str, typer.Argument(help="Scenario-id of pad.")],
    replies: Annotated[
        Path, typer.Option("--replies", help="Antwoorden van de medewerker: een per regel, of een YAML-lijst.")
    ],
    rubric: RubricOpt = None,
    engine: EngineOpt = "offline",
    seed: Annotated[int, typer.Option("--seed", help="Seed van de beller (zelfde seed, zelfde gesprek).")] = 0,
    learner: LearnerOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Druk transcript en feedback af als JSON.")] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Schrijf het transcript (.yaml of .json).")
    ] = None,
    min_score: MinScoreOpt = None,
    detail: DetailOpt = False,
    no_save: NoSaveOpt = False,
    model: ModelOpt = None,
    judge: JudgeOpt = "offline",
    judge_model: JudgeModelOpt = None,
    library: LibraryOpt = None,
    lexicon: LexiconOpt = None,
) -> None:
    """Speel een gesprek af met vooraf geschreven antwoorden (voor trainers en tests)."""
    from coach import calls
    from coach.caller import Hooks
    from coach.cli import render
    from coach.cli.inputs import read_replies
    from coach.cli.reports import exam
    from coach.session import run_session
    from coach.store import Store

    lines = read_replies(replies)
    setup = _setup(
        scenario,
        rubric=rubric,
        engine=engine,
        seed=seed,
        learner=learner,
        save=not no_save,
        library=library,
        lexicon=lexicon,
        model=model,
        judge=judge,
        judge_model=judge_model,
    )

    def warn(message: str) -> None:
        typer.echo(message, err=True)

    store = None if no_save else Store.default()
    live = calls.start(setup, store, Hooks(notify=warn), warn)
    run_session(live.session, lines)
    if live.session.outcome == "stopped" and not live.session.reason:
        live.session.reason = "De antwoorden waren op voordat het gesprek klaar was."
    result = live.finish(output)
    assert result.feedback is not None
    if as_json:
        print_json(
            {
                "transcript": result.transcript.model_dump(mode="json", exclude_none=True),
                "feedback": result.feedback.model_dump(mode="json"),
                **result.usage,
            }
        )
        exam([(str(replies), result.feedback.overall, result.feedback.passed)], min_score)
        return
    console = render.console()
    console.print(render.transcript_dialogue(setup.scenario, result.transcript.turns, show_emotion=True))
    console.print(render.feedback_report(result.feedback, detail=detail))
    if result.usage:
        console.print(render.usage_line(result.usage))
    if result.path is not None:
        typer.echo(f"Transcript: {result.path}", err=True)
    exam([(str(replies), result.feedback.overall, result.feedback.passed)], min_score)


@command()
def resume(
    close: Annotated[bool, typer.Option("--close", help="Sluit de sessie af in plaats van verder te gaan.")] = False,
    learner: LearnerOpt = None,
    show_emotion: ShowEmotionOpt = False,
    detail: DetailOpt = False,
    library: LibraryOpt = None,
    lexicon: LexiconOpt = None,
) -> None:
    """Ga verder met de laatste onafgemaakte sessie (of sluit haar af met --close)."""
    from coach import calls
    from coach.cli import render
    from coach.cli.inputs import line_editing, read_line
    from coach.cli.terminal import Terminal
    from coach.store import Store

    store = Store.default()
    who = learner or None
    row = store.last_unfinished(who)
    if row is None:
        whose = f" van {who}" if who else ""
        typer.echo(f"Er is geen onafgemaakte sessie{whose}.", err=True)
        return
    whose = f" van {row.learner}" if row.learner else " (zonder naam)"
    if close:
        path = calls.close(store, row)
        typer.echo(f"Sessie {row.id}{whose} afgesloten. Transcript: {path}", err=True)
        return
    console = render.console()

    def warn(message: str) -> None:
        typer.echo(message, err=True)

    engine, judge = calls.plugins_of(row, warn)
    line_editing()
    setup = _setup(
        row.scenario_path if row.scenario_path and Path(row.scenario_path).is_file() else row.scenario,
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
    terminal = Terminal(setup, store, console, read_line, show_emotion=show_emotion, detail=detail)
    live = calls.resume(store, row.id, setup, terminal.hooks, terminal.warn, answer=False)
    console.print(
        f"[bold]Verder met sessie {render.escape(row.id)}[/bold]{render.escape(whose)}"
        f" ({len(live.session.turns)} beurten tot nu toe)"
    )
    raise typer.Exit(terminal.practice(live))


@command()
def history(
    learner: Annotated[str | None, typer.Option("--learner", help="Alleen sessies van deze medewerker.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Toon de geoefende gesprekken."""
    from coach.nl import count, verb
    from coach.store import Store

    rows, unreadable = Store.default().history(learner)
    if as_json:
        print_json(
            {
                "sessions": [r.as_dict() for r in rows],
                "unreadable": [{"id": session, "problem": problem} for session, problem in unreadable],
            }
        )
    else:
        from coach.cli import render

        render.console().print(render.history_table(rows))
    if unreadable:
        n = len(unreadable)
        typer.echo(
            f"Let op: {count(n, 'sessie', 'sessies')} {verb(n, 'kon', 'konden')} niet worden gelezen"
            f" ({', '.join(session for session, _ in unreadable[:5])}{', …' if n > 5 else ''});"
            " 'coach doctor' zegt wat er mis is.",
            err=True,
        )


@command()
def export(
    session: Annotated[str, typer.Argument(help="Sessie-id (of het begin ervan), zie 'coach history'.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Bestand (.yaml of .json); zonder: YAML op stdout.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Schrijf het transcript van een sessie naar een bestand."""
    import sys

    from coach.formats import dump_transcript, write_transcript
    from coach.store import Store

    transcript = Store.default().transcript(session)
    if output is None:
        if as_json:
            print_json(transcript.model_dump(mode="json", exclude_none=True))
        else:
            sys.stdout.write(dump_transcript(transcript))
        return
    write_transcript(transcript, output)
    typer.echo(f"Transcript geschreven naar {output}", err=True)
