"""``coach evaluate``: the feedback report for transcripts, in the format asked for."""

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coach.cli.app import command
from coach.cli.options import DetailOpt, JudgeOpt, LexiconOpt, LibraryOpt, MinScoreOpt, OutputOpt

if TYPE_CHECKING:
    from coach.batch import Scored


@command()
def evaluate(
    transcripts: Annotated[
        list[Path], typer.Argument(help="Transcriptbestanden (YAML of JSON), of mappen met transcripten.")
    ],
    rubric: Annotated[
        str | None,
        typer.Option("--rubric", "-r", help="Rubric-id of pad (standaard: uit het transcript, anders standaard)."),
    ] = None,
    scenario: Annotated[
        str | None, typer.Option("--scenario", "-s", help="Scenario-id of pad (standaard: uit het transcript).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON (docs/feedback-format.md).")] = False,
    as_jsonl: Annotated[
        bool, typer.Option("--jsonl", help="JSON Lines: één rapport per regel, voor grote groepen.")
    ] = False,
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
    from coach.batch import expand
    from coach.cli import reports
    from coach.library import Library

    flags = {"json": as_json, "jsonl": as_jsonl, "markdown": markdown, "html": as_html}
    fmt = reports.choose(flags, output)
    calls.check_plugins("offline", judge)
    files, empty = expand(transcripts)
    second = calls.make_judge(judge, model, cache=len(files) > 1)  # a batch shares the judge's instructions
    lib = Library.open(library or [])
    if rubric:
        lib.rubric(rubric)  # an unknown --rubric or --scenario is said once, before any file is read
    if scenario:
        lib.scenario(scenario)
    batch = len(files) > 1 or any(p.is_dir() for p in transcripts)
    if judge == "offline" and batch:
        results = _scored(files, rubric, scenario, library, lexicon)
    else:
        results = _judged(files, lib, rubric, scenario, lexicon, second, alone=not batch)
    out = reports.Reports(fmt, output, detail=detail)
    problems: list[str] = []
    verdicts: list[reports.CallVerdict] = []  # per call only what the exam says at the end, not the report
    try:
        for r in results:
            for message in r.warnings:
                _warn(message)
            if r.feedback is None:
                problems.append(r.problem)
                continue
            out.add(r.transcript, r.feedback)
            _check(str(r.path), r.feedback, exam)
            verdicts.append(reports.exam_verdict(str(r.path), r.feedback, min_score, strict=exam))
    finally:
        out.close()
    problems += [f"map '{folder}' bevat geen transcripten (.yaml, .yml of .json)" for folder in empty]
    for problem in problems:
        typer.echo(f"Fout: {problem}", err=True)
    judged = getattr(second, "usage", None)
    if judged is not None and judged.requests:  # what the judge cost over all files, failed requests included
        from coach.cli import render

        render.console(stderr=True).print(render.usage_line({"judge_usage": judged.as_dict()}))
    reports.exam(verdicts, min_score, strict=exam)
    bad = len(problems) - len(empty)
    if bad:
        from coach.nl import count

        if bad == len(files):
            typer.echo(f"{count(bad, 'transcript', 'transcripten')} niet beoordeeld.", err=True)
        else:
            typer.echo(f"{bad} van de {len(files)} transcripten niet beoordeeld.", err=True)
    if problems:
        raise typer.Exit(1)


def _judged(files, lib, rubric, scenario, lexicon, second, *, alone: bool) -> "Iterator[Scored]":
    """One file after another in this process: with a judge (who says what it does), or a single file, whose problem
    is the command's error."""
    from coach import calls
    from coach.analyzer import analyzer_for
    from coach.batch import Scored, resolve
    from coach.errors import FileProblemError
    from coach.loader import load

    analyzer = analyzer_for(lib, lexicon or [])
    for path in files:
        out = Scored(path)
        try:
            out.transcript = load(path, "transcript")
        except FileProblemError as exc:
            if alone:
                raise
            out.problem = str(exc)  # one bad file in a batch: report it, and still evaluate the others
            yield out
            continue
        chosen_rubric, chosen_scenario = resolve(lib, out.transcript, rubric, scenario, _warn)
        out.feedback = calls.score(out.transcript, chosen_rubric, analyzer, chosen_scenario, second, _say, file=path)
        yield out


def _scored(paths, rubric, scenario, library, lexicon) -> "Iterator[Scored]":
    """Many transcripts with the rule-based judge: scored on every core and reported as they come, with a progress
    bar on a terminal."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from coach.batch import Job, iter_scored
    from coach.cli import render

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
        yield from iter_scored(paths, job, lambda n: progress.advance(task, n))


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
