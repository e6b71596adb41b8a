"""Commands for calls: practise at the terminal, play a scripted call, resume an interrupted one, the history, and a
saved call as a transcript. The calls themselves run through coach.calls."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from coach import registry
from coach.cli.app import command, print_json
from coach.cli.options import (
    AllCallsOpt,
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
    VoiceOpt,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from coach.cli.speech import Speaker


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
    scripted: bool = False,
    assignment: dict | None = None,
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
        scripted=scripted,
        assignment=assignment,
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
    cohort: Annotated[
        Path | None,
        typer.Option("--cohort", "-c", metavar="GROEP", help="Groepsbestand (YAML) met de opdracht van --assignment."),
    ] = None,
    assignment: Annotated[
        str | None,
        typer.Option(
            "--assignment",
            "-a",
            metavar="ID",
            help="Oefen deze opdracht uit het groepsbestand (met --learner): scenario, rubric en seed komen uit de "
            "opdracht. Een examen is één gesprek: zonder emotiemeter, /terug en /opnieuw.",
        ),
    ] = None,
    rubric: RubricOpt = None,
    engine: EngineOpt = "offline",
    seed: SeedOpt = None,
    learner: LearnerOpt = None,
    show_emotion: ShowEmotionOpt = None,
    detail: DetailOpt = False,
    no_save: NoSaveOpt = False,
    model: ModelOpt = None,
    judge: JudgeOpt = "offline",
    judge_model: JudgeModelOpt = None,
    library: LibraryOpt = None,
    lexicon: LexiconOpt = None,
    voice: VoiceOpt = False,
) -> None:
    """Oefen een telefoongesprek met een gesimuleerde beller, of een opdracht uit een groepsbestand."""
    from coach.calls import check_plugins, new_seed
    from coach.cli import render
    from coach.cli.inputs import line_editing, read_line
    from coach.cli.terminal import Terminal
    from coach.store import Store

    task = None
    if cohort is not None or assignment is not None:  # first: an exam with another voice is refused, key or not
        task = _assignment(
            cohort, assignment, scenario, rubric, seed, learner, engine=engine, save=not no_save, library=library
        )
        scenario, rubric, seed, learner = task["scenario"], task["rubric"], task["seed"], task["learner"]
    check_plugins(engine, judge)  # a missing key is said before the menu, not after the trainee picked
    if task is not None:
        _no_meter_in_exam(task["exam"], show_emotion)
    speaker = _speaker() if voice else None
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
        assignment=task["info"] if task else None,
    )
    store = None if no_save else Store.default()
    shown = show_emotion is not False
    terminal = Terminal(setup, store, render.console(), read_line, show_emotion=shown, detail=detail, speaker=speaker)
    _run_and_exit(terminal.practice, speaker)


def _assignment(
    cohort_file: Path | None,
    ident: str | None,
    scenario: str | None,
    rubric: str | None,
    seed: int | None,
    learner: str | None,
    *,
    engine: str,
    save: bool,
    library: list[Path] | None,
) -> dict:
    """What ``--cohort GROEP --assignment ID`` sets: the assignment's scenario, rubric and seed, the trainee under the
    group's spelling (so ``coach status`` counts the call), and what the session stores about it. An option that
    asks for something else is an error, not silently overruled."""
    from coach.cohort import the_assignment, the_learner
    from coach.errors import UsageError
    from coach.library import Library
    from coach.validate import check_cohort

    if cohort_file is None or ident is None:
        raise UsageError(
            "--cohort en --assignment horen bij elkaar",
            hint="bijvoorbeeld: coach practice --cohort groep.yaml --assignment woz-buren --learner Anna",
        )
    lib = Library.open(library or [])
    group = check_cohort(cohort_file, lib)
    task = the_assignment(group, ident, str(cohort_file))
    kind = "examen" if task.exam else "opdracht"
    if not learner:
        raise UsageError(
            f"een {kind} hoort bij een medewerker: geef --learner NAAM",
            hint=f"medewerkers in {cohort_file}: {', '.join(x.name for x in group.learners)}",
        )
    who = the_learner(group, learner, str(cohort_file))
    scenario_id, rubric_id = lib.scenario(task.scenario).id, lib.rubric(task.rubric).id
    if scenario is not None and lib.scenario(scenario).id != scenario_id:
        raise UsageError(
            f"{kind} '{task.id}' is scenario '{scenario_id}', niet '{scenario}'",
            hint="laat het scenario weg: de opdracht kiest het",
        )
    if rubric is not None and lib.rubric(rubric).id != rubric_id:
        raise UsageError(
            f"{kind} '{task.id}' wordt beoordeeld met rubric '{rubric_id}', niet '{rubric}'",
            hint="laat --rubric weg: de opdracht kiest de rubric",
        )
    if seed is not None and task.seed is not None and seed != task.seed:
        raise UsageError(
            f"{kind} '{task.id}' heeft seed {task.seed}, niet {seed}", hint="laat --seed weg: de opdracht kiest de seed"
        )
    if task.exam and engine != "offline":
        raise UsageError(
            "een examen voert u met de offline beller",
            hint="alleen dat gesprek is na te spelen en telt in 'coach status'; laat --engine weg",
        )
    if task.exam and not save:
        raise UsageError("een examen wordt altijd bewaard", hint="laat --no-save weg")
    if not save:
        typer.echo(f"waarschuwing: met --no-save telt dit gesprek niet voor opdracht '{task.id}'.", err=True)
    if task.exam:
        _exam_taken(who.name, scenario_id, task.seed)
    return {
        "scenario": task.scenario,
        "rubric": task.rubric,
        "seed": task.seed if task.seed is not None else seed,
        "learner": who.name,
        "exam": task.exam,
        "info": {"cohort": str(cohort_file), "group": group.name, "id": task.id, "exam": task.exam},
    }


def _exam_taken(learner: str, scenario: str, seed: int | None) -> None:
    """An exam counts once (the first call with its seed, coach.cohort): a trainee who took it already is told so
    before a second try, which does not count."""
    from coach.store import Store

    earlier = [
        r
        for r in Store.default().sessions(learner)
        if r.scenario == scenario and r.seed == seed and r.outcome not in (None, "interrupted")
    ]
    if earlier:
        from datetime import datetime

        day = f"{datetime.fromisoformat(earlier[0].started_at):%d-%m-%Y}"
        typer.echo(f"Let op: u deed dit examen al ({day}); alleen dat eerste gesprek telt, dit gesprek niet.", err=True)


def _no_meter_in_exam(exam: bool, show_emotion: bool | None) -> None:
    """An explicit --show-emotion in an exam is answered: the meter stays hidden."""
    if exam and show_emotion:
        typer.echo("Let op: in een examen blijft de emotiemeter verborgen; --show-emotion geldt hier niet.", err=True)


def _run_and_exit(run: "Callable[[], int]", speaker: "Speaker | None") -> NoReturn:
    """Run a call at the terminal and exit with its code; a --voice speaker is closed whatever happens, and what went
    wrong with it is said afterwards."""
    try:
        code = run()
    finally:
        if speaker:
            speaker.close()
    if speaker and speaker.error:
        typer.echo(speaker.error, err=True)
    raise typer.Exit(code)


def _speaker() -> "Speaker | None":
    """--voice: a started Speaker, or None with the reason on stderr (the call goes on without voice)."""
    import sys

    from coach.cli.speech import Speaker, unavailable

    reason = unavailable(isatty=sys.stdout.isatty())
    if reason:
        typer.echo(reason, err=True)
        return None
    return Speaker().start()


_RAN_OUT = "De antwoorden waren op voordat het gesprek klaar was."


@command()
def run(
    ctx: typer.Context,
    scenario: Annotated[str, typer.Argument(help="Scenario-id of pad.")],
    replies: Annotated[
        Path | None,
        typer.Option("--replies", help="Antwoorden van de medewerker: een per regel, of een YAML-lijst."),
    ] = None,
    replies_dir: Annotated[
        Path | None,
        typer.Option(
            "--replies-dir", metavar="MAP", help="Een map met antwoordenbestanden: elk bestand is één gesprek."
        ),
    ] = None,
    rubric: RubricOpt = None,
    engine: EngineOpt = "offline",
    seed: Annotated[int, typer.Option("--seed", help="Seed van de beller (zelfde seed, zelfde gesprek).")] = 0,
    seeds: Annotated[
        str | None,
        typer.Option(
            "--seeds",
            metavar="SEEDS",
            help="Meer seeds: een reeks (0-4) of een lijst (1,5,9); elk script met elke seed.",
        ),
    ] = None,
    learner: LearnerOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Druk transcript en feedback af als JSON.")] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Schrijf het transcript (.yaml of .json); met --replies-dir of --seeds: een map."
        ),
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
    from coach.cli.reports import exam, exam_verdict
    from coach.session import run_session
    from coach.store import Store

    if replies is None and replies_dir is None:
        ctx.fail("Missing option '--replies'.")  # said as Click says a missing option, in Dutch (cli/dutch.py)
    if replies is not None and replies_dir is not None:
        from coach.errors import UsageError

        raise UsageError("kies --replies of --replies-dir, niet allebei")
    if replies_dir is not None or seeds is not None:
        _run_many(
            scenario,
            replies,
            replies_dir,
            seed,
            seeds,
            output,
            as_json=as_json,
            min_score=min_score,
            rubric=rubric,
            engine=engine,
            learner=learner,
            save=not no_save,
            library=library,
            lexicon=lexicon,
            model=model,
            judge=judge,
            judge_model=judge_model,
        )
        return
    assert replies is not None
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
        scripted=True,
    )

    def warn(message: str) -> None:
        typer.echo(message, err=True)

    store = None if no_save else Store.default()
    live = calls.start(setup, store, Hooks(notify=warn), warn)
    run_session(live.session, lines)
    if live.session.outcome == "stopped" and not live.session.reason:
        live.session.reason = _RAN_OUT
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
        exam([exam_verdict(str(replies), result.feedback, min_score)], min_score)
        return
    console = render.console()
    console.print(render.transcript_dialogue(setup.scenario, result.transcript.turns, show_emotion=True))
    console.print(render.feedback_report(result.feedback, detail=detail))
    if result.usage:
        console.print(render.usage_line(result.usage))
    if result.path is not None:
        typer.echo(f"Transcript: {result.path}", err=True)
    exam([exam_verdict(str(replies), result.feedback, min_score)], min_score)


def parse_seeds(text: str) -> list[int]:
    """'0-4' or '1,5,9' (or both: '0-2,7'), each seed once, in the order given."""
    from coach.errors import UsageError

    found: list[int] = []
    for part in (p.strip() for p in text.split(",")):
        low, dash, high = part.partition("-")
        try:
            first, last = (int(low), int(high)) if dash else (int(part), int(part))
        except ValueError:
            raise UsageError(
                f"ongeldige waarde voor '--seeds': '{text}'", hint="een reeks (0-4) of een lijst (1,5,9)"
            ) from None
        if first < 0 or last < first or last - first >= 10_000:
            raise UsageError(
                f"ongeldige reeks voor '--seeds': '{part}'", hint="van laag naar hoog, hoogstens 10.000 seeds"
            )
        found.extend(range(first, last + 1))
    return list(dict.fromkeys(found))


def _scripts(replies: Path | None, replies_dir: Path | None) -> list[tuple[str, list[str]]]:
    """The scripts of a batch by name, all read before the first call: a bad one stops the batch before it starts."""
    from coach.cli.inputs import read_replies
    from coach.errors import NotFoundError, UsageError

    if replies_dir is None:
        assert replies is not None
        return [(replies.stem, read_replies(replies))]
    if not replies_dir.is_dir():
        raise NotFoundError(f"map '{replies_dir}' bestaat niet")
    files = sorted(
        p for p in replies_dir.iterdir() if p.is_file() and not p.name.startswith(".") and not p.name.endswith("~")
    )
    if not files:
        raise UsageError(f"map '{replies_dir}' bevat geen antwoordenbestanden")
    return [(p.stem, read_replies(p)) for p in files]


def _run_many(
    scenario: str,
    replies: Path | None,
    replies_dir: Path | None,
    seed: int,
    seeds: str | None,
    output: Path | None,
    *,
    as_json: bool,
    min_score: float | None,
    **options,
) -> None:
    """Every script with every seed, in this process: one scenario, library and analyzer for all calls. Each call is
    saved as a single run saves it; with ``-o`` its transcript goes into that folder as SCRIPT-seedN.yaml."""
    import dataclasses
    import json
    import sys

    from coach import calls
    from coach.caller import Hooks
    from coach.cli.reports import exam, exam_verdict
    from coach.errors import UsageError
    from coach.session import run_session
    from coach.store import Store

    chosen = parse_seeds(seeds) if seeds is not None else [seed]
    scripts = _scripts(replies, replies_dir)
    if output is not None:
        if output.exists() and not output.is_dir():
            raise UsageError(f"'{output}' is geen map", hint="met --replies-dir of --seeds is -o een map")
        from coach.paths import private_dir

        private_dir(output)  # transcripts quote the trainee: readable by their owner only
    names = [name for name, _ in scripts]
    if len(set(names)) < len(names):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise UsageError(f"twee antwoordenbestanden met dezelfde naam: {', '.join(twice)}", hint="hernoem er één")
    base = _setup(scenario, seed=chosen[0], scripted=True, **options)
    store = Store.default() if base.save else None

    def warn(message: str) -> None:
        typer.echo(message, err=True)

    rows: list[tuple[str, int, float | None, bool | None, str, Path | None]] = []
    verdicts = []
    first = True
    for name, lines in scripts:
        for s in chosen:
            setup = dataclasses.replace(base, seed=s)
            live = calls.start(setup, store, Hooks(notify=warn), warn)
            run_session(live.session, lines)
            if live.session.outcome == "stopped" and not live.session.reason:
                live.session.reason = _RAN_OUT
            path = output / f"{name}-seed{s}.yaml" if output is not None else None
            result = live.finish(path)
            fb = result.feedback
            assert fb is not None
            rows.append((name, s, fb.overall, fb.passed, result.transcript.outcome or "", result.path))
            verdicts.append(exam_verdict(f"{name} seed {s}", fb, min_score))
            if as_json:  # a JSON list, written call by call
                item = {
                    "script": name,
                    "seed": s,
                    "path": str(result.path) if result.path else None,
                    "transcript": result.transcript.model_dump(mode="json", exclude_none=True),
                    "feedback": fb.model_dump(mode="json"),
                    **result.usage,
                }
                text = json.dumps(item, ensure_ascii=False, indent=2, default=str).replace("\n", "\n  ")
                sys.stdout.write(("[\n  " if first else ",\n  ") + text)
                first = False
    if as_json:
        sys.stdout.write("\n]\n")
    else:
        _run_table(rows)
    if output is not None:
        typer.echo(f"Transcripten: {output}", err=True)
    exam(verdicts, min_score)


def _run_table(rows) -> None:
    """The calls of a batch, one line each: script, seed, total score, how the call ended."""
    from rich.table import Table

    from coach.cli import render
    from coach.cli.labels import OUTCOME_LABELS

    table = Table("script", "seed", "totaal", "afloop", title="Gespeelde gesprekken", title_justify="left")
    for name, s, overall, _, outcome, _ in rows:
        score = "–" if overall is None else f"{overall:.0f}"
        table.add_row(render.escape(name), str(s), score, OUTCOME_LABELS.get(outcome, outcome))
    render.console().print(table)


@command()
def resume(
    close: Annotated[bool, typer.Option("--close", help="Sluit de sessie af in plaats van verder te gaan.")] = False,
    learner: LearnerOpt = None,
    show_emotion: ShowEmotionOpt = None,
    detail: DetailOpt = False,
    library: LibraryOpt = None,
    lexicon: LexiconOpt = None,
    voice: VoiceOpt = False,
) -> None:
    """Ga verder met de laatste onafgemaakte sessie (of sluit haar af met --close)."""
    from coach import calls
    from coach.cli import render
    from coach.cli.inputs import line_editing, read_line
    from coach.cli.terminal import Terminal
    from coach.store import Store

    store = Store.default()
    who = learner or None
    row = _last_unfinished(store, who)
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
    task = row.meta.get("assignment") if isinstance(row.meta.get("assignment"), dict) else None
    _no_meter_in_exam(bool(task and task.get("exam")), show_emotion)
    speaker = _speaker() if voice else None
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
        assignment=task,
    )
    terminal = Terminal(
        setup, store, console, read_line, show_emotion=show_emotion is not False, detail=detail, speaker=speaker
    )

    def run() -> int:
        live = calls.resume(store, row.id, setup, terminal.hooks, terminal.warn, answer=False)
        console.print(
            f"[bold]Verder met sessie {render.escape(row.id)}[/bold]{render.escape(whose)}"
            f" ({len(live.session.turns)} beurten tot nu toe)"
        )
        return terminal.practice(live)

    _run_and_exit(run, speaker)


def _last_unfinished(store, learner: str | None):
    """The trainee's last unfinished call, the name read as 'coach history' reads it: 'ozlem' finds the call of
    'Özlem Yılmaz-de Vries' (as 'coach practice --assignment' files it); a name that fits two trainees is an error."""
    if learner is None:
        return store.last_unfinished(None)
    from coach.errors import UsageError
    from coach.learners import display, find, key

    names = find(learner, store.learners())
    if len({key(n) for n in names}) > 1:
        raise UsageError(
            f"'{display(learner)}' past bij meer medewerkers: {', '.join(display(n) for n in names)}",
            hint="geef meer van de naam, bijvoorbeeld --learner " + repr(display(names[0])),
        )
    rows = [r for r in (store.last_unfinished(n) for n in names or [learner]) if r is not None]
    return max(rows, key=lambda r: r.started_at) if rows else None


@command()
def history(
    learner: Annotated[
        str | None,
        typer.Option("--learner", help="Alleen sessies van deze medewerker ('Özlem' vindt ook 'Özlem Yılmaz')."),
    ] = None,
    all_calls: AllCallsOpt = False,
    as_json: JsonOpt = False,
    library: LibraryOpt = None,
) -> None:
    """Toon de geoefende gesprekken (gescripte gesprekken van 'coach run' met --all)."""
    from coach.nl import count, verb
    from coach.store import Store

    store = Store.default()
    if learner is None:
        rows, unreadable = store.history()
    else:
        from coach.errors import UsageError
        from coach.learners import display, find, key

        names = find(learner, store.learners())
        if len({key(n) for n in names}) > 1:
            raise UsageError(
                f"'{display(learner)}' past bij meer medewerkers: {', '.join(display(n) for n in names)}",
                hint="geef meer van de naam, bijvoorbeeld --learner " + repr(display(names[0])),
            )
        rows, unreadable = [], []
        for name in names:  # spellings of one name ('Özlem', 'özlem'): one trainee
            found, bad = store.history(name)
            rows += found
            unreadable += bad
        rows.sort(key=lambda r: r.started_at)
        if not names and not as_json:
            typer.echo(f"Geen gesprekken van '{display(learner)}'.", err=True)
    scripted = [r for r in rows if r.meta.get("scripted")]
    if not all_calls:
        rows = [r for r in rows if not r.meta.get("scripted")]
    busy = {r.id for r in rows if r.outcome is None and store.open_now(r.id)}  # 'nu bezig', not 'te hervatten'
    if as_json:
        print_json(
            {
                "sessions": [r.as_dict() | {"open_now": r.id in busy} for r in rows],
                "unreadable": [{"id": session, "problem": problem} for session, problem in unreadable],
            }
        )
    else:
        from coach.cli import render

        render.console().print(render.history_table(rows, _titles(library), busy))
        if scripted and not all_calls:
            typer.echo(
                f"{count(len(scripted), 'gescript gesprek', 'gescripte gesprekken')} ('coach run') niet getoond;"
                f" 'coach history --all' toont {'het' if len(scripted) == 1 else 'ze'}.",
                err=True,
            )
    if unreadable:
        n = len(unreadable)
        typer.echo(
            f"Let op: {count(n, 'sessie', 'sessies')} {verb(n, 'kon', 'konden')} niet worden gelezen"
            f" ({', '.join(session for session, _ in unreadable[:5])}{', …' if n > 5 else ''});"
            " 'coach doctor' zegt wat er mis is.",
            err=True,
        )


def _titles(library: list[Path] | None) -> dict[str, str]:
    """The scenarios' titles by id, for the history (a scenario the library no longer has is shown by its id)."""
    from coach.library import Library

    return {s.id: s.title for s in Library.open(library or []).load_all("scenario")}


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
