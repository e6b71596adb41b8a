"""Commands for scenario authors: ``coach test`` (the scripted trainees over several seeds, with a verdict) and
``coach match`` (what one trainee sentence triggers in a scenario, and why). The work is in coach.authoring."""

import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from coach.cli.app import command, print_json
from coach.cli.options import JsonOpt, LexiconOpt, LibraryOpt
from coach.errors import CoachError, UsageError


@command("test")
def test_cmd(
    scenario: Annotated[
        str | None, typer.Argument(help="Scenario-id of pad; zonder: elk scenario in de bibliotheek.")
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Test elk scenario in de bibliotheek.")] = False,
    seeds: Annotated[
        str, typer.Option("--seeds", metavar="SEEDS", help="Seeds van de beller: een reeks (0-4) of een lijst (1,5,9).")
    ] = "0-4",
    rubric: Annotated[str, typer.Option("--rubric", "-r", help="Rubric-id of pad voor de scores.")] = "standaard",
    scripts: Annotated[
        Path | None,
        typer.Option(
            "--scripts",
            metavar="MAP",
            help="Map met good.txt, dismissive.txt (en average.txt); standaard: scripts/<scenario-id>/ in de "
            "bibliotheek.",
        ),
    ] = None,
    as_json: JsonOpt = False,
    library: LibraryOpt = None,
    lexicon: LexiconOpt = None,
) -> None:
    """Speel de gescripte medewerkers van een scenario met meer seeds en geef een oordeel (1: niet geslaagd)."""
    try:
        _test(scenario, all_, seeds, rubric, scripts, as_json, library, lexicon)
    except CoachError as exc:
        if as_json:  # stdout still holds JSON: the error as the item of --all that could not be tested
            print_json({"scenario": scenario, "ok": False, "error": exc.message, "hint": exc.hint or None})
        raise  # the line on stderr and the exit code, as for every command


def _test(
    scenario: str | None,
    all_: bool,
    seeds: str,
    rubric: str,
    scripts: Path | None,
    as_json: bool,
    library: list[Path] | None,
    lexicon: list[Path] | None,
) -> None:
    from coach.analyzer import analyzer_for
    from coach.authoring import test_scenario
    from coach.cli.calls import parse_seeds
    from coach.library import Library

    if scenario is not None and all_:
        raise UsageError("geef een scenario of --all, niet allebei")
    if scenario is None and scripts is not None:
        raise UsageError(
            "--scripts hoort bij één scenario", hint="bijvoorbeeld: coach test mijn-scenario --scripts MAP"
        )
    chosen = parse_seeds(seeds)
    lib = Library.open(library or [])
    analyzer = analyzer_for(lib, lexicon or [])
    lib.rubric(rubric)  # an unknown rubric stops before anything is played
    if scenario is not None:
        result = test_scenario(lib, scenario, analyzer, seeds=chosen, rubric=rubric, scripts=scripts)
        if as_json:
            print_json(result.as_dict())
        else:
            from coach.cli import render

            console = render.console()
            console.print(render.scenario_test_table(result))
            console.print(render.scenario_test_verdict(result))
        if not result.ok:
            raise typer.Exit(1)
        return
    _test_all(lib, analyzer, chosen, rubric, as_json)


def _test_all(lib, analyzer, seeds: list[int], rubric: str, as_json: bool) -> None:
    """Every scenario of the library: one line each; a scenario that cannot be tested (no scripts, a broken file)
    fails with the reason, and the others are still tested."""
    from coach.authoring import test_scenario
    from coach.cli import render
    from coach.nl import count

    console = render.console()
    started = time.perf_counter()
    results, passed = [], 0
    ids = lib.ids("scenario")
    for ident in ids:
        try:
            result = test_scenario(lib, ident, analyzer, seeds=seeds, rubric=rubric)
        except CoachError as exc:
            results.append({"scenario": ident, "ok": False, "error": exc.message})
            if not as_json:
                console.print(render.scenario_test_line(ident, False, exc.message))
            continue
        passed += result.ok
        results.append(result.as_dict())
        if not as_json:
            reasons = result.reasons
            detail = f"({count(len(result.calls), 'gesprek', 'gesprekken')})"
            if reasons:
                more = f" (en {len(reasons) - 1} meer)" if len(reasons) > 1 else ""
                detail = f"{reasons[0]}{more}"
            console.print(render.scenario_test_line(ident, result.ok, detail))
    ok = passed == len(ids)
    if as_json:
        print_json({"ok": ok, "seeds": seeds, "rubric": rubric, "scenarios": results})
    else:
        seconds = time.perf_counter() - started
        total = count(len(ids), "scenario", "scenario's")
        took = f"{seconds:.1f}".replace(".", ",")
        print(f"{passed} van {total} geslaagd ({took} s).", file=sys.stderr)
    if not ok:
        raise typer.Exit(1)


@command("match")
def match_cmd(
    scenario: Annotated[str, typer.Argument(help="Scenario-id of pad.")],
    text: Annotated[str, typer.Argument(help="Een zin (beurt) van de medewerker.")],
    previous: Annotated[
        str | None,
        typer.Option(
            "--previous",
            "-p",
            metavar="ZIN",
            help="Wat de beller net zei (standaard: de eerste openingszin van het scenario).",
        ),
    ] = None,
    as_json: JsonOpt = False,
    library: LibraryOpt = None,
    lexicon: LexiconOpt = None,
) -> None:
    """Toon wat een zin van de medewerker in een scenario raakt (kerninformatie, onjuiste informatie, feiten,
    voorstellen, emotie van de beller) en waarom: de woorden en het patroon of de regel."""
    from coach.analyzer import analyzer_for
    from coach.authoring import match
    from coach.cli.inputs import clean_typed
    from coach.library import Library

    sentence = clean_typed(text)
    if not sentence:
        raise UsageError(
            "geef een zin van de medewerker", hint="bijvoorbeeld: coach match SCENARIO 'Wat is er gebeurd?'"
        )
    if previous is not None and not clean_typed(previous):
        raise UsageError(
            "--previous (-p) is leeg: geef wat de beller net zei, of laat de optie weg",
            hint="zonder -p geldt de eerste openingszin van het scenario",
        )
    lib = Library.open(library or [])
    analyzer = analyzer_for(lib, lexicon or [])
    found = match(lib.scenario(scenario), sentence, analyzer, clean_typed(previous) if previous is not None else None)
    if as_json:
        print_json(found.as_dict())
        return
    from coach.cli import render

    render.console().print(render.match_view(found))
