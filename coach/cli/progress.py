"""``coach progress``: one trainee's practice calls as a trend per dimension, what improved, what stays weak, and the
scenario to practise next. The reading is coach.progress; this module only renders it (docs/progress.md)."""

from typing import TYPE_CHECKING

import typer

from coach.cli.app import command, print_json
from coach.cli.options import AllCallsOpt, JsonOpt, LearnerQueryOpt, LexiconOpt, LibraryOpt

if TYPE_CHECKING:
    from coach.progress import CriterionTrend, Progress

SPARK_WIDTH = 30
"""The latest calls a dimension's sparkline shows; the table stays within 80 columns."""
SHOWN = 5
"""Criteria listed under 'verbeterd' and 'blijft zwak' each."""

MEASURES = {
    "hidden_concerns": ("verborgen zorg", "verborgen zorgen"),
    "facts": ("gegeven om uit te vragen", "gegevens om uit te vragen"),
    "start_emotion": ("", ""),
    "key_points": ("kernpunt om goed uit te leggen", "kernpunten om goed uit te leggen"),
}


@command()
def progress(
    learner: LearnerQueryOpt = None,
    all_calls: AllCallsOpt = False,
    as_json: JsonOpt = False,
    library: LibraryOpt = None,
    lexicon: LexiconOpt = None,
) -> None:
    """Voortgang van een medewerker: verloop per dimensie en het volgende scenario om te oefenen."""
    from coach.library import Library
    from coach.progress import learner_progress
    from coach.store import Store

    store = Store.default()
    try:
        result = learner_progress(
            store, Library.open(library or []), learner, scripted=all_calls, lexicon=list(lexicon or [])
        )
    finally:
        store.close()
    if as_json:
        print_json(result.as_dict())
    elif result.attempts:
        from coach.cli import render

        render.console().print(view(result))
    for session, problem in result.unscored:
        typer.echo(f"Niet meegeteld: sessie {session}: {problem}", err=True)
    if not result.attempts and not as_json:
        typer.echo(empty_message(result, learner), err=True)


def empty_message(result: "Progress", learner: str | None) -> str:
    """What to do when there is nothing to show yet."""
    from coach.nl import count

    whose = f" van {result.learner}" if result.learner else ""
    start = "coach practice" + (f" --learner {_quoted(result.learner)}" if result.learner else "")
    text = (
        f"Nog geen geoefende gesprekken{whose}. Begin met '{start}': kies een scenario uit het menu"
        " (begin bij ★☆☆), voer het gesprek en sluit af met /stop; daarna toont 'coach progress' uw verloop."
    )
    if result.scripted:
        text += (
            f" Er {'is' if result.scripted == 1 else 'zijn'} wel"
            f" {count(result.scripted, 'gescript gesprek', 'gescripte gesprekken')} ('coach run'):"
            f" '{'coach progress --all' + (f' --learner {_quoted(result.learner)}' if result.learner else '')}'"
            " telt die mee."
        )
    return text


def _quoted(name: str) -> str:
    from coach.calls import resume_command

    return resume_command(name).removeprefix("coach resume --learner ")


def view(result: "Progress"):
    """Rich renderables that fit 80 columns; names, titles and ids are Text, never markup."""
    from rich import box
    from rich.console import Group as Stack
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from coach.cli.dashboard import delta, num
    from coach.cli.labels import STARS, dimension_title
    from coach.group import sparkline
    from coach.nl import count

    calls = result.attempts
    head = Text()
    head.append(f"Voortgang van {result.learner}" if result.learner else "Voortgang", style="bold")
    scenarios = len({a.scenario for a in calls})
    first, latest = f"{calls[0].date:%d-%m-%Y}", f"{calls[-1].date:%d-%m-%Y}"
    head.append(
        f": {count(len(calls), 'gesprek', 'gesprekken')}, {count(scenarios, 'scenario', 'scenario’s')},"
        f" {first if first == latest else f'{first} t/m {latest}'}"
    )
    parts: list = [head]

    table = Table(title="Per dimensie (zwakste vet)", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("dimensie")
    table.add_column("n", justify="right")
    table.add_column("eerste→laatste", justify="right", no_wrap=True)
    table.add_column("begin→nu", justify="right", no_wrap=True)
    table.add_column("verloop", no_wrap=True)
    for t in result.trends:
        early = "" if t.early is None else f"{num(t.early)}→"
        moved = t.recent - t.early if t.early is not None and t.recent is not None else None
        first_latest = f"{num(t.first)}→{num(t.latest)}" if len(t.scores) > 1 else num(t.latest)
        table.add_row(
            Text(dimension_title(t.dimension), style="bold red" if t.dimension == result.weakest else ""),
            str(len(t.scores)),
            first_latest,
            f"{early}{num(t.recent)} {delta(moved)}".rstrip(),
            Text(sparkline(t.scores, SPARK_WIDTH), style="cyan"),
        )
    table.caption = (
        "begin→nu: gemiddelde van de eerste en de laatste helft van de gesprekken (bij 2 of 3 gesprekken het eerste"
        f" en het laatste); verloop: oud → nieuw, de laatste {SPARK_WIDTH}"
    )
    table.caption_justify = "left"
    parts.append(table)

    improved, weak = result.improved, result.weak
    if improved:
        parts.append(Text("Verbeterd", style="bold green"))
        parts += [_criterion(c, f"{num(c.early)} → {num(c.recent)} ({delta(c.change)})") for c in improved[:SHOWN]]
    if weak:
        parts.append(Text("Blijft zwak", style="bold red"))
        parts += [
            _criterion(c, f"nu gemiddeld {num(c.recent)}; {c.recent_passed} van de {c.recent_judged} keer gehaald")
            for c in weak[:SHOWN]
        ]
    if not improved and not weak and len(calls) > 1:
        parts.append(Text("Geen criterium ging duidelijk vooruit, en geen blijft zwak.", style="dim"))

    s = result.suggestion
    if s is not None:
        title = Text()
        title.append("Volgende oefening: ", style="bold")
        title.append(s.title, style="bold cyan")
        title.append(f" {STARS.get(s.difficulty, '')}")
        start = f"coach practice {s.scenario}" + (f" --learner {_quoted(result.learner)}" if result.learner else "")
        body = Text.assemble((s.scenario, "dim"), "\n", reason(s, result), "\n", "Begin: ", (start, "bold"))
        parts += [title, Padding(body, (0, 0, 0, 2))]
    return Stack(*parts)


def _criterion(c: "CriterionTrend", detail: str):
    from rich.text import Text

    from coach.cli.labels import dimension_title

    return Text.assemble("  • ", (c.id, "bold"), f" ({dimension_title(c.dimension)}): {detail}")


def reason(s, result: "Progress") -> str:
    """Why this scenario, in the trainee's words."""
    from coach.cli.dashboard import num
    from coach.cli.labels import STARS, dimension_title
    from coach.nl import count

    dim = dimension_title(s.dimension).lower()
    weakest = next((t for t in result.trends if t.dimension == s.dimension), None)
    text = f"Waarom: {dim} is uw zwakste dimensie"
    if weakest is not None and weakest.recent is not None:
        text += f" (nu gemiddeld {num(weakest.recent)})"
    if s.best_passed is None:
        text += f"; u haalde {dim} nog op geen enkel niveau, dus eerst {STARS.get(s.level, s.level)}"
    elif s.level > s.best_passed:
        now = STARS.get(s.level, s.level)
        text += f"; u haalde {dim} in uw laatste gesprek op {STARS.get(s.best_passed)}, dus nu {now}"
    else:
        text += f"; u haalde {dim} al op het hoogste niveau, {STARS.get(s.level, s.level)}"
    one, many = MEASURES.get(s.measure, ("", ""))
    if s.measure == "start_emotion":
        text += f"; de beller begint met emotie {s.stress} van 10"
    elif one:
        text += f"; dit scenario heeft {count(s.stress, one, many, zero='geen ' + many)}"
    text += (
        f"; dit scenario deed u het langst geleden ({s.last_done:%d-%m-%Y})."
        if s.last_done
        else "; u deed het nog niet."
    )
    return text
