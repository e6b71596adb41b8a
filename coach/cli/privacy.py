"""``coach privacy``: what Belcoach holds about a learner, handed over (export) or erased (erase): the AVG's rights of
access and erasure. The work is done in coach.privacy."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from coach.cli.app import CoachCommand, app, print_json, typer_app

privacy_app = typer_app("Gegevens van een medewerker (AVG): alles inzien of alles wissen.")
app.add_typer(privacy_app, name="privacy")

LearnerName = Annotated[
    str,
    typer.Option("--learner", help="Naam van de medewerker, precies zoals bij --learner gebruikt.", show_default=False),
]


def _nothing(store, learner: str) -> str:
    from coach.errors import suggestion

    hint = suggestion(learner, store.learners())
    return f"Belcoach bewaart niets over '{learner}'." + (f" {hint}" if hint else "")


@privacy_app.command("export", cls=CoachCommand)
def export(
    learner: LearnerName,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Schrijf naar dit bestand (alleen voor u leesbaar); zonder: stdout."),
    ] = None,
) -> None:
    """Alles wat Belcoach over een medewerker bewaart, als JSON: gesprekken, beurten en transcripten."""
    import json

    from coach import privacy
    from coach.nl import count
    from coach.paths import write_private
    from coach.store import Store

    store = Store.default()
    data = privacy.collect(store, learner)
    if not data.sessions:
        typer.echo(_nothing(store, learner), err=True)
    if output is None:
        print_json(privacy.export(data))
        return
    write_private(output, json.dumps(privacy.export(data), ensure_ascii=False, indent=2, default=str) + "\n")
    typer.echo(
        f"Geschreven: {output} ({count(len(data.sessions), 'gesprek', 'gesprekken')},"
        f" {count(data.turns, 'beurt', 'beurten')}, {count(len(data.ours()), 'transcript', 'transcripten')})",
        err=True,
    )


@privacy_app.command("erase", cls=CoachCommand)
def erase(
    learner: LearnerName,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Niet om bevestiging vragen.")] = False,
) -> None:
    """Wis alles wat Belcoach over een medewerker bewaart: gesprekken, beurten en de transcripten die Belcoach
    schreef. Daarna staat er niets meer van in het databasebestand."""
    from coach import privacy
    from coach.nl import count
    from coach.store import Store

    store = Store.default()
    data = privacy.collect(store, learner)
    if not data.sessions:
        typer.echo(_nothing(store, learner) + " Niets gewist.", err=True)
        store.compact()  # an erase that another window kept from finishing is finished now
        return
    what = (
        f"{count(len(data.sessions), 'gesprek', 'gesprekken')}, {count(data.turns, 'beurt', 'beurten')} en"
        f" {count(len(data.ours()), 'transcriptbestand', 'transcriptbestanden')}"
    )
    if not yes:
        typer.echo(f"Alles over '{learner}' wissen: {what}. Dit kan niet ongedaan worden gemaakt.", err=True)
        typer.echo("Doorgaan? [j/N] ", err=True, nl=False)
        if sys.stdin.readline().strip().lower() not in ("j", "ja", "y", "yes"):
            typer.echo("Niets gewist.", err=True)
            raise typer.Exit(1)
    done = privacy.erase(store, data)
    typer.echo(f"Gewist: alles over '{learner}' ({what}).", err=True)
    for path in done.left_alone:
        typer.echo(
            f"Niet gewist: {path} staat buiten de gegevensmap en bevat niet meer het transcript dat Belcoach schreef;"
            " verwijder het zelf als het weg moet.",
            err=True,
        )
    if not done.compacted:
        typer.echo(
            "Let op: Belcoach is nog open in een ander venster, daardoor kan er nog oude inhoud in"
            f" {store.path.name}-wal staan. Sluit dat venster en voer dit commando opnieuw uit.",
            err=True,
        )
        raise typer.Exit(1)
