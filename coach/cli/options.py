"""Option aliases shared by several commands, so each flag means the same everywhere."""

from pathlib import Path
from typing import Annotated

import typer

from coach import registry

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
TargetOpt = Annotated[
    Path | None,
    typer.Option(
        "--library", "-L", metavar="MAP", help="Bibliotheekmap (standaard: uw eigen bibliotheek in COACH_HOME)."
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overschrijf een bestaand bestand.")]
MinScoreOpt = Annotated[
    float | None,
    typer.Option(
        "--min-score",
        metavar="SCORE",
        help="Examen: exitcode 1 als een totaalscore hieronder ligt of een drempel van de rubric niet gehaald is.",
    ),
]
SeedOpt = Annotated[int | None, typer.Option("--seed", help="Zelfde seed, zelfde gesprek (standaard: willekeurig).")]
EngineOpt = Annotated[str, typer.Option("--engine", "-e", help=f"Beller: {registry.choices('voice')}.")]
RubricOpt = Annotated[str | None, typer.Option("--rubric", "-r", help="Rubric-id of pad (standaard: standaard).")]
LearnerOpt = Annotated[
    str | None,
    typer.Option("--learner", envvar="COACH_LEARNER", help="Naam van de medewerker.", show_default=False),
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
JudgeOpt = Annotated[
    str,
    typer.Option("--judge", metavar="BEOORDELAAR", help=f"{registry.choices('judge')}."),
]
ShowEmotionOpt = Annotated[
    bool | None,
    typer.Option(
        "--show-emotion/--hide-emotion",
        help="De emotiemeter bij de beller tonen (standaard) of verbergen; in een examen altijd verborgen.",
        show_default=False,
    ),
]
"""None: not given (the meter is shown, except in an exam, where an explicit --show-emotion is answered)."""
VoiceOpt = Annotated[
    bool,
    typer.Option(
        "--voice",
        help="Laat de beller hardop spreken via espeak-ng (als dat geïnstalleerd is); de tekst verschijnt "
        "zoals altijd.",
    ),
]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Schrijf naar dit bestand.")]

DetailOpt = Annotated[
    bool, typer.Option("--detail", help="Het volledige rapport: elk criterium met bewijs en tip (standaard: kort).")
]
LearnerQueryOpt = Annotated[
    str | None,
    typer.Option(
        "--learner",
        envvar="COACH_LEARNER",
        metavar="NAAM",
        help="De medewerker ('Özlem' vindt ook 'Özlem Yılmaz'); zonder: de enige die er is.",
        show_default=False,
    ),
]
AllCallsOpt = Annotated[
    bool, typer.Option("--all", help="Ook gescripte gesprekken ('coach run'), niet alleen geoefende.")
]
