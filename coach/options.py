"""Option aliases shared by several commands, so each flag means the same everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

LibraryOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--library",
        "-L",
        metavar="MAP",
        help="Extra map met scenarios/ en rubrics/ (mag vaker). Ook via COACH_LIBRARY.",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Druk machineleesbare JSON af op stdout.")]
TopicOpt = Annotated[
    str | None,
    typer.Option(
        "--topic",
        "-t",
        metavar="ONDERWERP",
        help="Alleen dit onderwerp: woz, heffing, invordering, kwijtschelding, overig.",
    ),
]
LexiconOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--lexicon",
        metavar="BESTAND",
        help="Eigen lexicon (YAML) bovenop het ingebouwde; mag vaker. Ook lexicon/*.yaml in een bibliotheekmap.",
        show_default=False,
    ),
]
