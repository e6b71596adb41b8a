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
    from coach.cli import reports
    from coach.errors import FileProblemError
    from coach.library import Library
    from coach.loader import load

    fmt = reports.choose({"json": as_json, "markdown": markdown, "html": as_html}, output)
    calls.check_plugins("offline", judge)
    second = calls.make_judge(judge, model)
    lib = Library.open(library or [])
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
        chosen_rubric, chosen_scenario = _resolve(lib, transcript, rubric, scenario)
        feedback = calls.score(transcript, chosen_rubric, analyzer, chosen_scenario, second, _say)
        items.append((transcript, feedback))
    if items:
        reports.emit(items, fmt, output, detail=detail)
    for exc in problems:
        typer.echo(f"Fout: {exc}", err=True)
    reports.exam(zip(scored, (fb for _, fb in items), strict=True), min_score)
    if problems:
        typer.echo(f"{len(problems)} van de {len(transcripts)} transcripten niet beoordeeld.", err=True)
        raise typer.Exit(1)


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _warn(message: str) -> None:
    _say(f"waarschuwing: {message}")


def _resolve(lib, transcript, rubric_ref: str | None, scenario_ref: str | None):
    """The rubric and scenario for a transcript: options first, then what the transcript names."""
    from coach.errors import NotFoundError

    scenario = None
    ref = scenario_ref or transcript.scenario
    if ref:
        try:
            scenario = lib.scenario(ref)
        except NotFoundError as exc:
            if scenario_ref:
                raise
            _warn(f"{exc.message}; scenario-criteria worden overgeslagen.")
    rubric_id = rubric_ref or transcript.rubric or "standaard"
    try:
        rubric = lib.rubric(rubric_id)
    except NotFoundError:
        if rubric_ref:
            raise
        _warn(f"rubric '{rubric_id}' niet gevonden; de standaardrubric wordt gebruikt.")
        rubric = lib.rubric("standaard")
    return rubric, scenario
