"""The ``coach`` command line. Thin: parse, call the core, render.

Only typer and the standard library are imported at module level, so ``coach --help`` stays fast; each command
imports what it needs when it runs.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from coach import __version__
from coach.errors import CoachError, UsageError
from coach.options import JsonOpt, LexiconOpt, LibraryOpt, TopicOpt

DEBUG_ENV = "COACH_DEBUG"


def _debug() -> bool:
    return os.environ.get(DEBUG_ENV, "") not in ("", "0", "false", "no")


def _is_cli_control(exc: BaseException) -> bool:
    """Exceptions typer/click use for flow control (exit codes, usage errors) pass through untouched."""
    return type(exc).__module__.split(".")[0] in ("typer", "click")


class _DutchHelp:
    """The interface speaks Dutch, down to the help option."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "Toon deze hulp en stop."
        return option


class CoachCommand(_DutchHelp, TyperCommand):
    pass


class CoachGroup(_DutchHelp, TyperGroup):
    """Maps expected errors to one clear line and an exit code; tracebacks only with COACH_DEBUG=1."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CoachError as exc:
            if _debug():
                raise
            typer.echo(f"Fout: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("\nAfgebroken.", err=True)
            raise typer.Exit(130) from None
        except Exception as exc:
            if _is_cli_control(exc) or _debug():
                raise
            if isinstance(exc, PermissionError):
                typer.echo(f"Fout: geen toegang tot '{exc.filename}'.", err=True)
                raise typer.Exit(1) from None
            if isinstance(exc, OSError):
                typer.echo(f"Fout: {exc.strerror or exc} ({exc.filename or ''}).", err=True)
                raise typer.Exit(1) from None
            typer.echo(
                f"Onverwachte fout: {type(exc).__name__}: {exc}\nZet {DEBUG_ENV}=1 voor de volledige foutmelding.",
                err=True,
            )
            raise typer.Exit(70) from None


app = typer.Typer(
    cls=CoachGroup,
    name="coach",
    help="Belcoach: oefen telefoongesprekken over gemeentelijke belastingen met een gesimuleerde beller.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def command(*args: Any, **kwargs: Any) -> Any:
    """``app.command`` with the Dutch help option."""
    return app.command(*args, cls=CoachCommand, **kwargs)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"belcoach {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Toon de versie en stop.")
    ] = False,
) -> None:
    """Belcoach: oefen telefoongesprekken over gemeentelijke belastingen met een gesimuleerde beller."""


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


@command("list")
def list_cmd(topic: TopicOpt = None, as_json: JsonOpt = False, library: LibraryOpt = None) -> None:
    """Toon de scenario's en rubrics in de bibliotheek."""
    from coach.formats import Topic
    from coach.library import Library, warn_problems

    if topic is not None and topic not in Topic.__members__:
        from coach.errors import suggestion

        raise UsageError(
            f"onbekend onderwerp '{topic}'",
            hint=suggestion(topic, Topic.__members__) or "kies uit: " + ", ".join(Topic.__members__),
        )
    lib = Library.open(library or [])
    scenarios = [s for s in lib.load_all("scenario") if topic is None or s.topic.value == topic]
    scenarios.sort(key=lambda s: (s.topic.value, s.difficulty, s.id))
    rubrics = lib.load_all("rubric")
    warn_problems(lib.problems)
    if as_json:
        _print_json(
            {
                "scenarios": [
                    {
                        "id": s.id,
                        "title": s.title,
                        "topic": s.topic.value,
                        "difficulty": s.difficulty,
                        "municipality": s.municipality,
                        "year": s.year,
                        "caller": s.caller.name,
                        "path": str(lib.entry_for("scenario", s.id).path),
                    }
                    for s in scenarios
                ],
                "rubrics": [
                    {
                        "id": r.id,
                        "title": r.title,
                        "dimensions": r.dimension_names,
                        "criteria": sum(len(d.criteria) for d in r.dimensions.values()),
                        "path": str(lib.entry_for("rubric", r.id).path),
                    }
                    for r in rubrics
                ],
            }
        )
        return
    from coach import render

    render.console().print(render.library_tables(scenarios, rubrics))


@command()
def show(
    scenario: Annotated[str, typer.Argument(help="Id van het scenario of pad naar een YAML-bestand.")],
    trainer: Annotated[bool, typer.Option("--trainer", help="Toon ook wat de beller verbergt.")] = False,
    as_json: JsonOpt = False,
    library: LibraryOpt = None,
) -> None:
    """Toon de briefing die de medewerker voor het gesprek ziet."""
    from coach.library import Library

    s = Library.open(library or []).scenario(scenario)
    if as_json:
        data = s.model_dump(mode="json")
        if not trainer:
            keep = ("id", "title", "topic", "difficulty", "municipality", "year", "briefing", "learning_goals")
            data = {k: data[k] for k in keep}
        _print_json(data)
        return
    from coach import render

    render.console().print(render.briefing(s, trainer=trainer))


@command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Bestanden of mappen met scenario's, rubrics en transcripten.")],
    as_json: JsonOpt = False,
) -> None:
    """Controleer scenario's, rubrics en transcripten; elke fout met bestand, regel en veld."""
    from coach.validate import validate_paths

    report = validate_paths(paths)
    if as_json:
        _print_json(
            {
                "files": [str(p) for p in report.files],
                "ok": report.ok,
                "problems": [p.as_dict() for p in report.problems],
            }
        )
    else:
        for problem in report.problems:
            typer.echo(problem.format())
        n = len(report.files)
        if report.ok:
            typer.echo(f"{n} bestand(en) gecontroleerd: geen problemen.", err=True)
        else:
            typer.echo(f"{n} bestand(en) gecontroleerd: {len(report.problems)} probleem/problemen.", err=True)
    if not report.ok:
        raise typer.Exit(1)


@command()
def analyze(
    texts: Annotated[list[str] | None, typer.Argument(help="Uitspraken van de medewerker (elk een beurt).")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Bestand met een uitspraak per regel ('-' = stdin).")
    ] = None,
    as_json: JsonOpt = False,
    lexicon: LexiconOpt = None,
    library: LibraryOpt = None,
) -> None:
    """Laat zien welke gesprekshandelingen de analyzer in elke uitspraak herkent, met bewijs."""
    from coach.library import Library

    utterances = _read_utterances(texts or [], file)
    analyzer = Library.open(library or []).analyzer(lexicon or [])
    results = [analyzer.analyze(u) for u in utterances]
    if as_json:
        for result in results:
            sys.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False) + "\n")
        return
    from coach import render

    render.console().print(render.analysis_table(results))


def _read_utterances(texts: list[str], file: Path | None) -> list[str]:
    from coach.errors import NotFoundError

    if texts and file is not None:
        raise UsageError("geef teksten of --file, niet allebei")
    if texts:
        return texts
    if file is not None and str(file) != "-":
        try:
            content = file.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise NotFoundError(f"bestand '{file}' bestaat niet") from None
        except UnicodeDecodeError:
            raise UsageError(f"'{file}' is geen UTF-8-tekst") from None
    elif file is None and sys.stdin.isatty():
        raise UsageError(
            "geef een tekst, --file BESTAND, of tekst via stdin",
            hint="bijvoorbeeld: coach analyze 'Wat is er gebeurd?'",
        )
    else:
        content = sys.stdin.read()
    lines = [line.strip() for line in content.splitlines()]
    utterances = [line for line in lines if line]
    if not utterances:
        raise UsageError("geen uitspraken om te analyseren (de invoer is leeg)")
    return utterances


@command()
def schema(
    kind: Annotated[str, typer.Argument(help="scenario, rubric of transcript.")],
) -> None:
    """Druk het JSON Schema van een bestandsformaat af (voor validatie in je editor)."""
    from coach.errors import suggestion
    from coach.loader import model_for

    kinds = ("scenario", "rubric", "transcript")
    if kind not in kinds:
        raise UsageError(f"onbekend formaat '{kind}'", hint=suggestion(kind, kinds) or "kies uit: " + ", ".join(kinds))
    model = model_for(kind)  # type: ignore[arg-type]
    data = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
    data["title"] = f"Belcoach {kind}"
    _print_json(data)


def main() -> None:
    """Console-script entry point."""
    app()
