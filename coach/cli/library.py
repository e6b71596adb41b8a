"""Commands on the library and its files: what is in it, the briefing, checking files, how the analyzer reads a turn
with the lexicon, the JSON Schemas, and new files from a template."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from coach.cli.app import CoachCommand, app, command, print_json, typer_app
from coach.cli.options import ForceOpt, JsonOpt, LexiconOpt, LibraryOpt, TargetOpt, TopicOpt
from coach.errors import UsageError


def warn_problems(problems: list) -> None:
    """Files the library could not read, as warnings: a listing goes on without them."""
    for problem in problems:
        print(f"waarschuwing: {problem.format()}", file=sys.stderr)


@command("list")
def list_cmd(topic: TopicOpt = None, as_json: JsonOpt = False, library: LibraryOpt = None) -> None:
    """Toon de scenario's en rubrics in de bibliotheek."""
    from coach.errors import suggestion
    from coach.formats import Topic
    from coach.library import Library

    if topic is not None and topic not in Topic.__members__:
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
        print_json(
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
                        "path": str(lib.path_of("scenario", s.id)),
                    }
                    for s in scenarios
                ],
                "rubrics": [
                    {
                        "id": r.id,
                        "title": r.title,
                        "dimensions": r.dimension_names,
                        "criteria": sum(len(d.criteria) for d in r.dimensions.values()),
                        "path": str(lib.path_of("rubric", r.id)),
                    }
                    for r in rubrics
                ],
            }
        )
        return
    from coach.cli import render

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
        print_json(data)
        return
    from coach.cli import render

    render.console().print(render.briefing(s, trainer=trainer))


@command()
def validate(
    paths: Annotated[
        list[Path], typer.Argument(help="Bestanden of mappen met scenario's, rubrics, transcripten en groepen.")
    ],
    as_json: JsonOpt = False,
    library: LibraryOpt = None,
) -> None:
    """Controleer scenario's, rubrics, transcripten en groepen; elke fout met bestand, regel en veld.

    Waarschuwingen (kerninformatie en foute informatie die op dezelfde zin passen, een onderliggende zorg die de beller
    al weggeeft) laten de controle niet mislukken."""
    from coach.validate import validate_paths

    report = validate_paths(paths, library or (), read=_reader(library or []))
    if as_json:
        print_json(
            {
                "files": [str(p) for p in report.files],
                "ok": report.ok,
                "problems": [p.as_dict() for p in report.problems],
                "warnings": [p.as_dict() for p in report.warnings],
            }
        )
    else:
        for problem in report.problems:
            typer.echo(problem.format())
        for warning in report.warnings:
            typer.echo(f"waarschuwing: {warning.format()}")
        typer.echo(report.summary(), err=True)
    if not report.ok:
        raise typer.Exit(1)


def _reader(library: list[Path]):
    """Reads a scenario's sentences the way a call does, with the library's analyzer (made when first needed)."""
    from functools import cache

    @cache
    def analyzer():
        from coach.analyzer import analyzer_for
        from coach.library import Library

        return analyzer_for(Library.open(library))

    def read(scenario, text):
        from coach.analyzer.stated import by_sentence

        return by_sentence(analyzer(), scenario, text)

    return read


@command()
def analyze(
    texts: Annotated[list[str] | None, typer.Argument(help="Uitspraken van de medewerker (elk een beurt).")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Bestand met een uitspraak per regel ('-' = stdin).")
    ] = None,
    scenario: Annotated[
        str | None,
        typer.Option("--scenario", "-s", help="Lees uitspraken (claims) zoals in dit scenario: met wat daar klopt."),
    ] = None,
    previous: Annotated[
        str,
        typer.Option(
            "--previous",
            "-p",
            help="Wat de beller net zei: een zin die dat teruggeeft is een samenvatting of reflectie.",
        ),
    ] = "",
    as_json: JsonOpt = False,
    lexicon: LexiconOpt = None,
    library: LibraryOpt = None,
) -> None:
    """Laat zien welke gesprekshandelingen en uitspraken (claims) de analyzer in elke beurt herkent, met bewijs."""
    from coach.analyzer import analyzer_for
    from coach.analyzer.claims import Context
    from coach.analyzer.stated import context_for
    from coach.cli.inputs import read_utterances
    from coach.library import Library

    utterances = read_utterances(texts or [], file)
    lib = Library.open(library or [])
    analyzer = analyzer_for(lib, lexicon or [])
    context = context_for(lib.scenario(scenario)) if scenario else Context()
    results = [analyzer.analyze(u, previous) for u in utterances]
    claims = [analyzer.claims(u, context, r) for u, r in zip(utterances, results, strict=True)]
    if as_json:
        import json

        for result, verdicts in zip(results, claims, strict=True):
            data = {**result.as_dict(), "claims": [v.as_dict() for v in verdicts]}
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        return
    from coach.cli import render

    render.console().print(render.analysis_table(results, claims))


@command()
def claims(
    topic: TopicOpt = None,
    as_json: JsonOpt = False,
    lexicon: LexiconOpt = None,
    library: LibraryOpt = None,
) -> None:
    """Toon de claimcatalogus: uitspraken die de coach herkent en controleert, met wat klopt en de bron."""
    from coach.analyzer import analyzer_for
    from coach.library import Library

    catalogue = analyzer_for(Library.open(library or []), lexicon or []).claim_reader.claims.values()
    rows = [c for c in catalogue if topic is None or c.topic == topic]
    if as_json:
        print_json([c.model_dump(exclude_defaults=True) for c in rows])
        return
    from coach.cli import render

    render.console().print(render.claims_table(rows))


@command()
def topics(
    as_json: JsonOpt = False,
    lexicon: LexiconOpt = None,
    library: LibraryOpt = None,
) -> None:
    """Toon de vraagonderwerpen: waar een beller naar gevraagd kan worden, en hoe medewerkers dat vragen."""
    from coach.library import Library
    from coach.loader import topic_catalogue

    lib = Library.open(library or [])
    rows = list(topic_catalogue([*lib.lexicon_files(), *(lexicon or [])]).values())
    if as_json:
        print_json([t.model_dump(exclude_defaults=True) for t in rows])
        return
    from coach.cli import render

    render.console().print(render.topics_table(rows))


@command()
def schema(
    kind: Annotated[str, typer.Argument(help="scenario, rubric, transcript of cohort.")],
) -> None:
    """Druk het JSON Schema van een bestandsformaat af (voor validatie in je editor)."""
    from coach.errors import suggestion
    from coach.library import SCHEMA_KINDS, json_schema

    if kind not in SCHEMA_KINDS:
        raise UsageError(
            f"onbekend formaat '{kind}'", hint=suggestion(kind, SCHEMA_KINDS) or "kies uit: " + ", ".join(SCHEMA_KINDS)
        )
    print_json(json_schema(kind))  # type: ignore[arg-type]


new_app = typer_app("Maak een nieuw scenario, een nieuwe rubric of een groep vanuit een sjabloon met uitleg.")
app.add_typer(new_app, name="new")


def _new(kind: str, name: str, target: Path | None, force: bool) -> None:
    from coach.library import write_template

    path = write_template(kind, name, target, force=force)  # type: ignore[arg-type]
    _written(kind, path)


def _written(kind: str, path: Path) -> None:
    """The new file on stdout; its JSON Schema next to it for the editor (the file's first line points at it)."""
    from coach.library import write_schema

    schema = write_schema(kind, path)  # type: ignore[arg-type]
    typer.echo(str(path))
    if schema is not None:
        typer.echo(f"JSON Schema voor uw editor: {schema}", err=True)
    if kind == "scenario":
        from coach.library import write_script_templates

        for script in write_script_templates(path, path.stem):
            typer.echo(f"Gescripte medewerker voor coach test: {script}", err=True)
    typer.echo(f"Bewerk het bestand en controleer het met: coach validate {path}", err=True)
    if kind == "scenario":
        typer.echo(f"Speel de scripts af met: coach test {path.stem} --library {path.parent.parent}", err=True)


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


@new_app.command("cohort", cls=CoachCommand)
def new_cohort(
    name: Annotated[str, typer.Argument(help="Naam van de groep; ook de bestandsnaam (groep-maart.yaml).")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Bestand (standaard: NAAM.yaml in de huidige map).")
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Schrijf een geldig groepsbestand met uitleg: medewerkers en opdrachten, voor 'coach import' en 'coach status'."""
    from coach.formats.common import SLUG
    from coach.library import template_text
    from coach.paths import write_private

    if not SLUG.fullmatch(name):
        raise UsageError(
            f"'{name}' is geen geldige naam", hint="gebruik kleine letters, cijfers en streepjes, bijv. groep-maart"
        )
    path = output or Path(f"{name}.yaml")
    if path.exists() and not force:
        raise UsageError(f"'{path}' bestaat al", hint="kies een andere naam of gebruik --force")
    # names and e-mail addresses: readable by the trainer only
    write_private(path, template_text("cohort", name))
    _written("cohort", path)
