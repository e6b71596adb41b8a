"""The ``coach`` command line. Thin: parse, call the core, render.

Only typer and the standard library are imported at module level, so ``coach --help`` stays fast; each command
imports what it needs when it runs. (No ``from __future__ import annotations`` here: Typer would have to evaluate
every annotation string on each start, which made ``coach --help`` measurably slower.)
"""

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


# Click, inside Typer, writes its help headings and usage errors in English; these rules put them in Dutch.
# Patterns are matched against whole messages; anything not listed is shown as Click wrote it.
_HELP_WORDS = [
    (r"(?m)^(\s*)Usage: ", r"\1Gebruik: "),
    (r"(?m)^Options:$", "Opties:"),
    (r"(?m)^Arguments:$", "Argumenten:"),
    (r"(?m)^Commands:$", "Opdrachten:"),
    (r"\[OPTIONS\]", "[OPTIES]"),
    (r"COMMAND \[ARGS\]\.\.\.", "OPDRACHT [ARGUMENTEN]..."),
    (r"\[required\]", "[verplicht]"),
    (r"\[default: ", "[standaard: "),
    (r"\[env var: ", "[omgevingsvariabele: "),
]
_ERROR_WORDS = [
    (r"Missing argument '(.+)'\.", r"ontbrekend argument '\1'"),
    (r"Missing option '(.+)'\.", r"ontbrekende optie '\1'"),
    (r"Missing command\.", "geef een opdracht"),
    (r"No such option: (\S+) \(Possible options: (.+)\)", r"onbekende optie \1 (bedoelde u: \2?)"),
    (r"No such option: (\S+) Did you mean (.+)\?", r"onbekende optie \1 (bedoelde u: \2?)"),
    (r"No such option: (\S+)", r"onbekende optie \1"),
    (r"No such command '(.+)'\. Did you mean '(.+)'\?", r"onbekende opdracht '\1' (bedoelde u: '\2'?)"),
    (r"No such command '(.+)'\.", r"onbekende opdracht '\1'"),
    (r"Got unexpected extra arguments? ?(?:\(s\))? \((.+)\)", r"onverwacht extra argument (\1)"),
    (r"Option '(.+)' requires an argument\.", r"optie '\1' heeft een waarde nodig"),
    (r"Option '(.+)' does not take a value\.", r"optie '\1' neemt geen waarde"),
    (
        r"Invalid value for (.+?): Input should be a valid integer.*",
        r"ongeldige waarde voor \1: moet een geheel getal zijn",
    ),
    (r"Invalid value for (.+?): Input should be a valid number.*", r"ongeldige waarde voor \1: moet een getal zijn"),
    (r"Invalid value for (.+?): (.+) is not one of (.+?)\.?", r"ongeldige waarde voor \1: \2 (kies uit \3)"),
    (r"Invalid value for (.+?): (.+)", r"ongeldige waarde voor \1: \2"),
]


def _dutch_help(text: str) -> str:
    import re

    for pattern, replacement in _HELP_WORDS:
        text = re.sub(pattern, replacement, text)
    return text


def dutch_error(message: str) -> str:
    """A Click usage message in Dutch (unknown messages unchanged)."""
    import re

    for pattern, replacement in _ERROR_WORDS:
        match = re.fullmatch(pattern, message.strip(), flags=re.S)
        if match:
            return match.expand(replacement)
    return message


class _DutchHelp:
    """The interface speaks Dutch, down to the help option and the help headings."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "Toon deze hulp en stop."
        return option

    def get_help(self, ctx: Any) -> str:
        return _dutch_help(super().get_help(ctx))  # type: ignore[misc]

    def get_usage(self, ctx: Any) -> str:
        return _dutch_help(super().get_usage(ctx))  # type: ignore[misc]


def _show_cli_error(exc: Any) -> None:
    """A Click usage error as Typer would show it, in Dutch: usage line, where to find help, the error."""
    if type(exc).__name__ == "NoArgsIsHelpError":
        exc.show()
        return
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        typer.echo(ctx.get_usage(), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            typer.echo(f"Probeer '{ctx.command_path} {ctx.help_option_names[0]}' voor hulp.", err=True)
        typer.echo("", err=True)
    format_message = getattr(exc, "format_message", None)
    message = format_message() if callable(format_message) else str(exc)
    typer.echo(f"Fout: {dutch_error(message)}", err=True)


class CoachCommand(_DutchHelp, TyperCommand):
    pass


class CoachGroup(_DutchHelp, TyperGroup):
    """Maps expected errors to one clear line and an exit code; tracebacks only with COACH_DEBUG=1."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """Click's standalone mode, with its usage errors shown in Dutch."""
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)
        except typer.Abort:
            typer.echo("\nAfgebroken.", err=True)
            sys.exit(1)
        except typer.TyperException as exc:  # Click's ClickException and UsageError derive from it
            _show_cli_error(exc)
            sys.exit(getattr(exc, "exit_code", 1))
        sys.exit(result if isinstance(result, int) and not isinstance(result, bool) else 0)

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
            if isinstance(exc, BrokenPipeError):  # output piped into head/less that closed early: stop quietly
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                raise typer.Exit(0) from None
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
    import json

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
    library: LibraryOpt = None,
) -> None:
    """Controleer scenario's, rubrics en transcripten; elke fout met bestand, regel en veld."""
    from coach.validate import validate_paths

    report = validate_paths(paths, library or ())
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
        import json

        for result in results:
            sys.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False) + "\n")
        return
    from coach import render

    render.console().print(render.analysis_table(results))


def _read_text(path: Path, label: str = "bestand") -> str:
    """A UTF-8 text file the user named, with a Dutch message when it is missing or not text."""
    from coach.errors import NotFoundError

    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotFoundError(f"{label} '{path}' bestaat niet") from None
    except UnicodeDecodeError:
        raise UsageError(f"'{path}' is geen UTF-8-tekst") from None


def _read_utterances(texts: list[str], file: Path | None) -> list[str]:
    if texts and file is not None:
        raise UsageError("geef teksten of --file, niet allebei")
    if texts:
        return texts
    if file is not None and str(file) != "-":
        content = _read_text(file)
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


# --- authoring ------------------------------------------------------------------------------------------------------

new_app = typer.Typer(
    cls=CoachGroup,
    help="Maak een nieuw scenario of een nieuwe rubric vanuit een sjabloon met uitleg.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
app.add_typer(new_app, name="new")

TargetOpt = Annotated[
    Path | None,
    typer.Option(
        "--library", "-L", metavar="MAP", help="Bibliotheekmap (standaard: uw eigen bibliotheek in COACH_HOME)."
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overschrijf een bestaand bestand.")]


def _new(kind: str, name: str, target: Path | None, force: bool) -> None:
    from coach.formats.common import SLUG
    from coach.paths import user_library_dir

    if not SLUG.fullmatch(name):
        raise UsageError(
            f"'{name}' is geen geldig id", hint="gebruik kleine letters, cijfers en streepjes, bijv. woz-mijn-oefening"
        )
    template = Path(__file__).with_name("templates") / f"{kind}.yaml"
    folder = (target or user_library_dir()) / f"{kind}s"
    path = folder / f"{name}.yaml"
    if path.exists() and not force:
        raise UsageError(f"'{path}' bestaat al", hint="kies een andere naam of gebruik --force")
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(template.read_text(encoding="utf-8").replace("__ID__", name), encoding="utf-8")
    typer.echo(str(path))
    typer.echo(f"Bewerk het bestand en controleer het met: coach validate {path}", err=True)


@new_app.command("scenario", cls=CoachCommand)
def new_scenario(
    name: Annotated[str, typer.Argument(help="Id van het nieuwe scenario.")],
    library: TargetOpt = None,
    force: ForceOpt = False,
) -> None:
    """Schrijf een geldig scenario-sjabloon met uitleg in uw bibliotheek."""
    _new("scenario", name, library, force)


@new_app.command("rubric", cls=CoachCommand)
def new_rubric(
    name: Annotated[str, typer.Argument(help="Id van de nieuwe rubric.")],
    library: TargetOpt = None,
    force: ForceOpt = False,
) -> None:
    """Schrijf een geldig rubric-sjabloon met uitleg in uw bibliotheek."""
    _new("rubric", name, library, force)


# --- feedback -------------------------------------------------------------------------------------------------------

MinScoreOpt = Annotated[
    float | None,
    typer.Option(
        "--min-score",
        metavar="SCORE",
        help="Examen: exitcode 1 als een totaalscore hieronder ligt of een drempel van de rubric niet gehaald is.",
    ),
]


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
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Schrijf naar dit bestand.")] = None,
    min_score: MinScoreOpt = None,
    judge: Annotated[
        str, typer.Option("--judge", metavar="BEOORDELAAR", help="offline (alleen de regels) of claude (ook Claude).")
    ] = "offline",
    model: Annotated[
        str | None,
        typer.Option("--model", metavar="MODEL", help="Claude-model voor de beoordeling (COACH_JUDGE_MODEL)."),
    ] = None,
    library: LibraryOpt = None,
    lexicon: LexiconOpt = None,
) -> None:
    """Beoordeel transcripten met een rubric: scores met bewijs en tips."""
    from coach.errors import FileProblemError
    from coach.feedback import evaluate as score
    from coach.feedback.model import JudgeReport
    from coach.library import Library
    from coach.loader import load

    fmt = _output_format(as_json, markdown, as_html, output)
    _check_engines("offline", judge)
    if judge == "claude":
        from coach.engines.claude import judge as claude_judge
    lib = Library.open(library or [])
    analyzer = lib.analyzer(lexicon or [])
    items = []
    scored: list[Path] = []
    problems: list[FileProblemError] = []
    for path in transcripts:
        try:
            transcript = load(path, "transcript")
        except FileProblemError as exc:
            if len(transcripts) == 1:
                raise
            problems.append(exc)  # one bad file in a batch: report it, and still evaluate the others
            continue
        scored.append(path)
        chosen_rubric, chosen_scenario = _resolve(lib, transcript, rubric, scenario)
        feedback = score(transcript, chosen_rubric, analyzer, chosen_scenario)
        if judge == "claude":
            feedback.judge = JudgeReport.model_validate(
                claude_judge(transcript, chosen_rubric, chosen_scenario, model=model)
            )
        items.append((transcript, feedback))
    if items:
        _emit_feedback(items, fmt, output)
    for exc in problems:
        typer.echo(f"Fout: {exc}", err=True)
    _exam(zip(scored, (fb for _, fb in items), strict=True), min_score)
    if problems:
        typer.echo(f"{len(problems)} van de {len(transcripts)} transcripten niet beoordeeld.", err=True)
        raise typer.Exit(1)


def _exam(results, min_score: float | None) -> None:
    """With --min-score: one verdict per call on stderr, exit 1 when any call fails."""
    if min_score is None:
        return
    failed = 0
    for name, fb in results:
        ok = fb.overall is not None and fb.overall >= min_score and fb.passed is not False
        failed += not ok
        score = "–" if fb.overall is None else f"{fb.overall:.0f}"
        typer.echo(f"{'GESLAAGD' if ok else 'NIET GESLAAGD'}: {name} (score {score}, minimum {min_score:g})", err=True)
    if failed:
        raise typer.Exit(1)


def _output_format(as_json: bool, markdown: bool, as_html: bool, output: Path | None) -> str:
    chosen = [name for name, flag in (("json", as_json), ("markdown", markdown), ("html", as_html)) if flag]
    if len(chosen) > 1:
        raise UsageError("kies één van --json, --markdown of --html")
    if chosen:
        return chosen[0]
    if output is not None:
        by_suffix = {".json": "json", ".md": "markdown", ".html": "html", ".htm": "html"}
        if output.suffix.lower() in by_suffix:
            return by_suffix[output.suffix.lower()]
        raise UsageError(
            f"welk formaat voor '{output}'?", hint="gebruik --json, --markdown of --html, of .json/.md/.html"
        )
    return "rich"


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
            typer.echo(f"waarschuwing: {exc.message}; scenario-criteria worden overgeslagen.", err=True)
    rubric_id = rubric_ref or transcript.rubric or "standaard"
    try:
        rubric = lib.rubric(rubric_id)
    except NotFoundError:
        if rubric_ref:
            raise
        typer.echo(f"waarschuwing: rubric '{rubric_id}' niet gevonden; de standaardrubric wordt gebruikt.", err=True)
        rubric = lib.rubric("standaard")
    return rubric, scenario


def _emit_feedback(items: list, fmt: str, output: Path | None) -> None:
    from coach.feedback.export import to_html, to_markdown

    if fmt == "rich":
        from coach import render

        console = render.console()
        for _, fb in items:
            console.print(render.feedback_report(fb))
        return
    if fmt == "json":
        import json

        data = [fb.model_dump(mode="json") for _, fb in items]
        text = json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "markdown":
        text = to_markdown(items)
    else:
        text = to_html(items)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"Geschreven: {output}", err=True)


# --- calls ----------------------------------------------------------------------------------------------------------

OUTCOME_NL = {
    "satisfied": "tevreden",
    "unsatisfied": "niet tevreden",
    "hung_up": "opgehangen",
    "stopped": "gestopt",
    "interrupted": "onderbroken",
    "max_turns": "te lang",
    None: "onafgemaakt",
}


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
    from coach.library import Library
    from coach.practice import CallSetup

    _check_engines(engine, judge)
    caller_model, judge_model = _models(engine, judge, model, judge_model)
    lib = Library.open(library or [])
    scenario = lib.scenario(scenario_ref)
    entry = lib.entry_for("scenario", scenario.id)
    path = Path(scenario_ref).resolve() if Path(scenario_ref).is_file() else (entry.path if entry else None)
    return CallSetup(
        scenario=scenario,
        scenario_path=path,
        rubric=lib.rubric(rubric or "standaard"),
        analyzer=lib.analyzer(lexicon or []),
        engine=engine,
        seed=seed,
        learner=learner or os.environ.get("COACH_LEARNER") or None,
        save=save,
        engine_options={"model": caller_model} if caller_model else {},
        judge=judge,
        judge_model=judge_model,
    )


def _models(engine: str, judge: str, model: str | None, judge_model: str | None) -> tuple[str | None, str | None]:
    """``--model`` is for the Claude caller, ``--judge-model`` for the Claude judge; with only the judge on Claude,
    ``--model`` is the judge's. An option that nothing uses is said, not silently dropped."""
    if engine != "claude" and judge == "claude" and judge_model is None:
        model, judge_model = None, model
    if model and engine != "claude":
        typer.echo("waarschuwing: --model wordt niet gebruikt zonder --engine claude of --judge claude.", err=True)
        model = None
    if judge_model and judge != "claude":
        typer.echo("waarschuwing: --judge-model wordt niet gebruikt zonder --judge claude.", err=True)
        judge_model = None
    return model, judge_model


def _check_engines(engine: str, judge: str) -> None:
    """Unknown names and a missing API key are reported before the call starts, not in the middle of it."""
    from coach.engines import CALLERS, _load_optional_engines
    from coach.errors import suggestion

    _load_optional_engines()
    if engine not in CALLERS:
        raise UsageError(f"onbekende engine '{engine}'", hint=suggestion(engine, CALLERS) or "kies offline of claude")
    if judge not in ("offline", "claude"):
        raise UsageError(f"onbekende beoordelaar '{judge}'", hint="kies offline (alleen de regels) of claude")
    if "claude" in (engine, judge):
        from coach.engines.claude import require_key

        require_key()


def _pick_scenario(library: list[Path] | None) -> str:
    from coach import render
    from coach.library import Library

    lib = Library.open(library or [])
    scenarios = sorted(lib.load_all("scenario"), key=lambda s: (s.topic.value, s.difficulty, s.id))
    if not scenarios:
        raise UsageError("de bibliotheek bevat geen scenario's")
    console = render.console()
    console.print(render.scenario_menu(scenarios))
    while True:
        try:
            answer = _clean(input("Kies een scenario (nummer of id): "))
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


SeedOpt = Annotated[int | None, typer.Option("--seed", help="Zelfde seed, zelfde gesprek (standaard: willekeurig).")]
EngineOpt = Annotated[str, typer.Option("--engine", "-e", help="Beller: offline (standaard) of claude.")]
RubricOpt = Annotated[str | None, typer.Option("--rubric", "-r", help="Rubric-id of pad (standaard: standaard).")]
LearnerOpt = Annotated[
    str | None, typer.Option("--learner", help="Naam van de medewerker (ook via COACH_LEARNER).", show_default=False)
]
NoSaveOpt = Annotated[bool, typer.Option("--no-save", help="Niets bewaren: geen sessie, geen transcript.")]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        metavar="MODEL",
        help="Claude-model voor de beller (standaard: COACH_CALLER_MODEL); alleen met --judge claude: voor de "
        "beoordeling.",
    ),
]
JudgeModelOpt = Annotated[
    str | None,
    typer.Option(
        "--judge-model", metavar="MODEL", help="Claude-model voor de beoordeling (standaard: COACH_JUDGE_MODEL)."
    ),
]


def _line_editing() -> None:
    """Arrow keys, Home/End and history while typing (instead of ^[[D in the text); not loaded for other commands."""
    import contextlib

    with contextlib.suppress(ImportError):  # Windows: plain input
        import readline  # noqa: F401


def _clean(text: str) -> str:
    from coach.practice import clean_typed

    return clean_typed(text)


def _read_line(prompt: str) -> str:
    """The trainee's input: plain ``input`` so readline knows the prompt when it redraws the line."""
    return input(prompt)


JudgeOpt = Annotated[
    str,
    typer.Option("--judge", metavar="BEOORDELAAR", help="offline (alleen de regels) of claude (ook Claude's oordeel)."),
]


@command()
def practice(
    scenario: Annotated[str | None, typer.Argument(help="Scenario-id of pad; zonder: kies uit een menu.")] = None,
    rubric: RubricOpt = None,
    engine: EngineOpt = "offline",
    seed: SeedOpt = None,
    learner: LearnerOpt = None,
    show_emotion: Annotated[bool, typer.Option("--show-emotion", help="Toon een emotiemeter bij de beller.")] = False,
    no_save: NoSaveOpt = False,
    model: ModelOpt = None,
    judge: JudgeOpt = "offline",
    judge_model: JudgeModelOpt = None,
    library: LibraryOpt = None,
    lexicon: LexiconOpt = None,
) -> None:
    """Oefen een telefoongesprek met een gesimuleerde beller."""
    from coach import render
    from coach.practice import Terminal, new_seed
    from coach.store import Store

    _check_engines(engine, judge)  # a missing key is said before the menu, not after the trainee picked
    _line_editing()
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
    console = render.console()
    code = Terminal(setup, store, console, _read_line, show_emotion=show_emotion).practice()
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
    no_save: NoSaveOpt = False,
    model: ModelOpt = None,
    judge: JudgeOpt = "offline",
    judge_model: JudgeModelOpt = None,
    library: LibraryOpt = None,
    lexicon: LexiconOpt = None,
) -> None:
    """Speel een gesprek af met vooraf geschreven antwoorden (voor trainers en tests)."""
    from coach import render
    from coach.practice import start_session
    from coach.session import run_session
    from coach.store import Store

    lines = _read_replies(replies)
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

    setup.engine_options["notify"] = warn
    store = None if no_save else Store.default()
    recorded = start_session(setup, store)
    recorded.notify = warn
    run_session(recorded.session, lines)
    if recorded.session.outcome == "stopped" and not recorded.session.reason:
        recorded.session.reason = "De antwoorden waren op voordat het gesprek klaar was."
    transcript, path = recorded.finish(output)
    feedback = recorded.feedback(setup, transcript)
    usage = recorded.usage(feedback)
    if as_json:
        _print_json(
            {
                "transcript": transcript.model_dump(mode="json", exclude_none=True),
                "feedback": feedback.model_dump(mode="json"),
                **usage,
            }
        )
        _exam([(str(replies), feedback)], min_score)
        return
    console = render.console()
    console.print(render.transcript_dialogue(setup.scenario, transcript.turns, show_emotion=True))
    console.print(render.feedback_report(feedback))
    if usage:
        console.print(render.usage_line(usage))
    if path is not None:
        typer.echo(f"Transcript: {path}", err=True)
    _exam([(str(replies), feedback)], min_score)


def _read_replies(path: Path) -> list[str]:
    text = _read_text(path, "antwoordenbestand")
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise UsageError(f"'{path}' is geen geldige YAML: {exc}") from None
        if not isinstance(data, list) or not all(isinstance(x, str | int | float) for x in data):
            raise UsageError(f"'{path}' moet een YAML-lijst van antwoorden zijn ('- Goedemorgen, ...')")
        lines = [str(x).strip() for x in data]
    else:
        lines = [line.strip() for line in text.splitlines() if not line.lstrip().startswith("#")]
    lines = [line for line in lines if line]
    if not lines:
        raise UsageError(f"'{path}' bevat geen antwoorden")
    return lines


@command()
def resume(
    close: Annotated[bool, typer.Option("--close", help="Sluit de sessie af in plaats van verder te gaan.")] = False,
    learner: LearnerOpt = None,
    show_emotion: Annotated[bool, typer.Option("--show-emotion", help="Toon een emotiemeter bij de beller.")] = False,
    library: LibraryOpt = None,
    lexicon: LexiconOpt = None,
) -> None:
    """Ga verder met de laatste onafgemaakte sessie (of sluit haar af met --close)."""
    from coach import render
    from coach.practice import Terminal, resume_session
    from coach.session import utc_now
    from coach.store import Store

    store = Store.default()
    who = learner or os.environ.get("COACH_LEARNER") or None
    row = store.last_unfinished(who)
    if row is None:
        whose = f" van {who}" if who else ""
        typer.echo(f"Er is geen onafgemaakte sessie{whose}.", err=True)
        return
    whose = f" van {row.learner}" if row.learner else " (zonder naam)"
    console = render.console()
    if close:
        store.finish(row.id, "interrupted", "Het gesprek werd afgebroken en later afgesloten.", utc_now())
        from coach.store import default_transcript_path, write_transcript

        path = default_transcript_path(row.id, row.scenario)
        write_transcript(store.transcript(row.id), path)
        store.set_transcript_path(row.id, path)
        typer.echo(f"Sessie {row.id}{whose} afgesloten. Transcript: {path}", err=True)
        return
    engine = "offline" if row.engine not in ("offline", "claude") else row.engine
    judge = row.judge if row.judge in ("offline", "claude") else "offline"
    _line_editing()
    setup = _setup(
        row.scenario_path if row.scenario_path and Path(row.scenario_path).is_file() else row.scenario,
        rubric=row.rubric,
        engine=engine,
        seed=row.seed or 0,
        learner=row.learner,
        save=True,
        library=library,
        lexicon=lexicon,
        model=row.caller_model if engine == "claude" else None,
        judge=judge,
        judge_model=row.judge_model if judge == "claude" else None,
    )
    # the terminal first: it gives the engine its streaming and warning hooks before the engine is built
    terminal = Terminal(setup, store, console, _read_line, show_emotion=show_emotion)
    recorded = resume_session(store, row.id, setup, answer=False)
    console.print(
        f"[bold]Verder met sessie {render.escape(row.id)}[/bold]{render.escape(whose)}"
        f" ({len(recorded.session.turns)} beurten tot nu toe)"
    )
    code = terminal.practice(recorded)
    raise typer.Exit(code)


@command()
def history(
    learner: Annotated[str | None, typer.Option("--learner", help="Alleen sessies van deze medewerker.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Toon de geoefende gesprekken."""
    from coach.store import Store

    rows = Store.default().sessions(learner)
    if as_json:
        _print_json({"sessions": [r.as_dict() for r in rows]})
        return
    from coach import render

    render.console().print(render.history_table(rows, OUTCOME_NL))


@command()
def export(
    session: Annotated[str, typer.Argument(help="Sessie-id (of het begin ervan), zie 'coach history'.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Bestand (.yaml of .json); zonder: YAML op stdout.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Schrijf het transcript van een sessie naar een bestand."""
    from coach.store import Store, dump_transcript, write_transcript

    transcript = Store.default().transcript(session)
    if output is None:
        if as_json:
            _print_json(transcript.model_dump(mode="json", exclude_none=True))
        else:
            sys.stdout.write(dump_transcript(transcript))
        return
    write_transcript(transcript, output)
    typer.echo(f"Transcript geschreven naar {output}", err=True)


@command()
def doctor(
    online: Annotated[bool, typer.Option("--online", help="Doe ook één kleine testaanroep naar Claude.")] = False,
    as_json: JsonOpt = False,
    library: LibraryOpt = None,
) -> None:
    """Controleer de installatie: gegevensmap, bibliotheek, API-sleutel en modellen."""
    from coach.doctor import run_checks

    checks = run_checks(library or [], online)
    if as_json:
        _print_json({"checks": [c.__dict__ for c in checks], "ok": all(c.status != "fout" for c in checks)})
    else:
        from coach import render

        render.console().print(render.doctor_table(checks))
    if any(c.status == "fout" for c in checks):
        raise typer.Exit(1)


def main() -> None:
    """Console-script entry point."""
    app()
