"""``coach evaluate``: the feedback report for transcripts, in the format asked for."""

from pathlib import Path
from typing import Annotated

import typer

from coach.cli.app import command
from coach.cli.options import DetailOpt, JudgeOpt, LexiconOpt, LibraryOpt, MinScoreOpt, OutputOpt


@command()
def evaluate(
    transcripts: Annotated[list[Path], typer.Argument(help="Transcriptbestanden (YAML of JSON).")],
    rubric: Annotated[
        str | None,
        typer.Option("--rubric", "-r", help="Rubric-id of pad (standaard: uit het transcript, anders standaard)."),
    ] = None,
    scenario: Annotated[
        str | None, typer.Option("--scenario", "-s", help="Scenario-id of pad (standaard: uit het transcript).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON (docs/feedback-format.md).")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Markdown.")] = False,
    as_html: Annotated[bool, typer.Option("--html", help="Een zelfstandig HTML-bestand om te mailen.")] = False,
    output: OutputOpt = None,
    detail: DetailOpt = False,
    min_score: MinScoreOpt = None,
    exam: Annotated[
        bool,
        typer.Option(
            "--exam",
            help="Examen: alleen gesprekken die te verifiëren zijn tellen (offline beller, zelfde scenarioversie en "
            "seed); elke niet gehaalde drempel wordt genoemd; exitcode 1 als een gesprek niet slaagt.",
        ),
    ] = False,
    judge: JudgeOpt = "offline",
    model: Annotated[
        str | None,
        typer.Option("--model", metavar="MODEL", help="Claude-model voor de beoordeling (COACH_JUDGE_MODEL)."),
    ] = None,
    library: LibraryOpt = None,
    lexicon: LexiconOpt = None,
) -> None:
    """Beoordeel transcripten met een rubric: scores met bewijs en tips."""
    from coach import calls
    from coach.analyzer import analyzer_for
    from coach.batch import resolve
    from coach.cli import reports
    from coach.errors import FileProblemError
    from coach.library import Library
    from coach.loader import load

    fmt = reports.choose({"json": as_json, "markdown": markdown, "html": as_html}, output)
    calls.check_plugins("offline", judge)
    second = calls.make_judge(judge, model, cache=len(transcripts) > 1)  # a batch shares the judge's instructions
    lib = Library.open(library or [])
    if rubric:
        lib.rubric(rubric)  # an unknown --rubric or --scenario is said once, before any file is read
    if scenario:
        lib.scenario(scenario)
    if judge == "offline" and len(transcripts) > 1:
        _batch(transcripts, rubric, scenario, library, lexicon, fmt, output, detail, min_score, exam)
        return
    analyzer = analyzer_for(lib, lexicon or [])
    items = []
    scored: list[str] = []
    problems: list[FileProblemError] = []
    for path in transcripts:
        try:
            transcript = load(path, "transcript")
        except FileProblemError as exc:
            if len(transcripts) == 1:
                raise
            problems.append(exc)  # one bad file in a batch: report it, and still evaluate the others
            continue
        scored.append(str(path))
        chosen_rubric, chosen_scenario = resolve(lib, transcript, rubric, scenario, _warn)
        feedback = calls.score(transcript, chosen_rubric, analyzer, chosen_scenario, second, _say, file=path)
        items.append((transcript, feedback))
    if items:
        reports.emit(items, fmt, output, detail=detail)
    for exc in problems:
        typer.echo(f"Fout: {exc}", err=True)
    judged = getattr(second, "usage", None)
    if judged is not None and judged.requests:  # what the judge cost over all files, failed requests included
        from coach.cli import render

        render.console(stderr=True).print(render.usage_line({"judge_usage": judged.as_dict()}))
    for name, (_, fb) in zip(scored, items, strict=True):
        _check(name, fb, exam)
    reports.exam(zip(scored, (fb for _, fb in items), strict=True), min_score, strict=exam)
    if problems:
        typer.echo(f"{len(problems)} van de {len(transcripts)} transcripten niet beoordeeld.", err=True)
        raise typer.Exit(1)


def _batch(paths, rubric, scenario, library, lexicon, fmt, output, detail, min_score, exam) -> None:
    """Many transcripts with the rule-based judge: scored on every core, with a progress bar on a terminal."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from coach.batch import Job, score_all
    from coach.cli import render, reports

    job = Job(rubric, scenario, tuple(str(p) for p in library or []), tuple(str(p) for p in lexicon or []))
    console = render.console(stderr=True)
    with Progress(
        TextColumn("Beoordelen"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as progress:
        task = progress.add_task("", total=len(paths))
        results = score_all(paths, job, lambda n: progress.advance(task, n))
    done = [r for r in results if r.feedback is not None]
    for r in results:
        for message in r.warnings:
            _warn(message)
    if done:
        reports.emit([(r.transcript, r.feedback) for r in done], fmt, output, detail=detail)
    problems = [r for r in results if r.problem]
    for r in problems:
        typer.echo(f"Fout: {r.problem}", err=True)
    for r in done:
        _check(str(r.path), r.feedback, exam)
    reports.exam(((str(r.path), r.feedback) for r in done), min_score, strict=exam)
    if problems:
        typer.echo(f"{len(problems)} van de {len(paths)} transcripten niet beoordeeld.", err=True)
        raise typer.Exit(1)


def _check(name: str, fb, exam: bool) -> None:
    """A call that does not hold up on replay, or was scored with another scenario than it was played with, is said
    out loud (an exam refuses it in its verdict)."""
    if fb.source is not None and fb.source.problems and not exam:
        for problem in fb.source.problems:
            _warn(f"{name}: {problem}")


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _warn(message: str) -> None:
    _say(f"waarschuwing: {message}")
