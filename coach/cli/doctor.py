"""``coach doctor``: is this machine ready to practise?"""

from typing import Annotated

import typer

from coach.cli.app import command, print_json
from coach.cli.options import JsonOpt, LibraryOpt


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
        print_json({"checks": [c.__dict__ for c in checks], "ok": all(c.status != "fout" for c in checks)})
    else:
        from coach.cli import render

        render.console().print(render.doctor_table(checks))
    if any(c.status == "fout" for c in checks):
        raise typer.Exit(1)
