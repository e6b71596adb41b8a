"""``coach report``: a group's calls summarised for the trainer, on screen, as CSV, JSON, an HTML dashboard, or one
HTML pack per trainee (docs/report.md).

Files are scored through coach.batch (every core) and each result becomes a small row at once, so 10,000 calls
never hold 10,000 reports in memory; the packs score one learner's calls again, one learner at a time.
"""

import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coach.cli.app import command
from coach.cli.options import LexiconOpt, LibraryOpt

if TYPE_CHECKING:
    from coach.batch import Job, Scored
    from coach.group import Rollup, Row

FAILED_SHOWN = 10
"""Calls that did not pass, listed on screen; the CSV has them all."""
SPARK_WIDTH = 10
"""The latest calls a sparkline shows on screen."""
NO_NAME = "(geen naam)"


@command()
def report(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Transcriptbestanden en mappen (een map: alle YAML/JSON-bestanden erin).", show_default=False
        ),
    ] = None,
    store: Annotated[
        bool, typer.Option("--store", help="Alle gesprekken uit de eigen opslag (coach history).")
    ] = False,
    learner: Annotated[
        list[str] | None,
        typer.Option(
            "--learner",
            metavar="NAAM",
            help="Alleen deze medewerker ('Özlem' vindt 'Özlem Yılmaz'); mag vaker, om te vergelijken.",
            show_default=False,
        ),
    ] = None,
    scenario: Annotated[
        str | None,
        typer.Option("--scenario", "-s", metavar="ID", help="Alleen gesprekken met dit scenario.", show_default=False),
    ] = None,
    rubric: Annotated[
        str | None,
        typer.Option("--rubric", "-r", help="Rubric-id of pad (standaard: uit het transcript, anders standaard)."),
    ] = None,
    csv_file: Annotated[
        Path | None,
        typer.Option(
            "--csv",
            metavar="BESTAND",
            help="Eén regel per gesprek als CSV ('-': standaarduitvoer).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Gesprekken en overzichten als JSON op stdout.")] = False,
    html_file: Annotated[
        Path | None,
        typer.Option(
            "--html", metavar="BESTAND", help="Een dashboard als zelfstandig HTML-bestand.", show_default=False
        ),
    ] = None,
    per_learner: Annotated[
        bool, typer.Option("--per-learner", help="Per medewerker één HTML-bestand om te mailen (met -o MAP).")
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="MAP", help="Map voor --per-learner.", show_default=False)
    ] = None,
    library: LibraryOpt = None,
    lexicon: LexiconOpt = None,
) -> None:
    """Groepsoverzicht voor trainers: scores per medewerker, scenario en criterium."""
    import tempfile

    from coach import group
    from coach.batch import Job, expand
    from coach.errors import NotFoundError, UsageError
    from coach.library import Library

    if store and paths:
        raise UsageError("kies transcripten of --store, niet allebei")
    if not store and not paths:
        raise UsageError("welke gesprekken?", hint="geef transcripten of mappen, of --store voor de eigen opslag")
    if per_learner != (output is not None):
        raise UsageError("--per-learner en -o MAP horen bij elkaar", hint="bijvoorbeeld: --per-learner -o rapporten/")
    if as_json and csv_file == Path("-"):
        raise UsageError("--json en --csv - schrijven allebei naar de standaarduitvoer; kies één")
    if output is not None and output.exists() and not output.is_dir():
        raise UsageError(f"'{output}' is geen map")
    lib = Library.open(library or [])
    if rubric:
        lib.rubric(rubric)  # an unknown --rubric is said once, before any file is read
    job = Job(rubric, None, tuple(str(p) for p in library or []), tuple(str(p) for p in lexicon or []))
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="coach-report-") as tmp:  # 0700: the store's calls, for the workers
        if store:
            busy: set[str] = set()
            files = _from_store(Path(tmp), learner, scenario, problems, busy)
        else:
            files, empty = expand(paths or [])
            if not files:
                where = ", ".join(f"'{p}'" for p in empty) or "de opgegeven paden"
                raise NotFoundError(
                    f"geen transcripten gevonden in {where}", hint="een map telt zijn .yaml/.json-bestanden"
                )
        rows = _score(files, job, problems, store=store, scenario=scenario)
        if store:
            for r in rows:
                r.open_now = r.session in busy
        if learner and not store:
            picked = {id(r): r for query in learner for r in _select(rows, query, scored=bool(rows))}
            rows = [r for r in rows if id(r) in picked]
        if not rows:
            for line in problems:
                typer.echo(f"Fout: {line}", err=True)
            if problems:
                typer.echo(f"Geen enkel transcript beoordeeld ({_count(len(problems))} niet te lezen).", err=True)
                raise typer.Exit(1)
            raise NotFoundError(_nothing(scenario, learner, store))
        roll = group.rollup(rows)
        _emit(rows, roll, csv_file, as_json, html_file)
        if per_learner and output is not None:
            _packs(roll, output, job)
    for line in problems:
        typer.echo(f"Fout: {line}", err=True)
    if problems:
        rest = "het andere staat" if len(rows) == 1 else f"de andere {len(rows)} staan"
        typer.echo(f"{_count(len(problems))} niet beoordeeld; {rest} in het overzicht.", err=True)
        raise typer.Exit(1)


def _count(n: int) -> str:
    from coach.nl import count

    return count(n, "transcript", "transcripten")


def _nothing(scenario: str | None, queries: list[str] | None, store: bool) -> str:
    where = "in de opslag" if store else "in deze transcripten"
    learner = "' of '".join(queries or [])
    if scenario and learner:
        return f"geen gesprekken van '{learner}' met scenario '{scenario}' {where}"
    if scenario:
        return f"geen gesprekken met scenario '{scenario}' {where}"
    if learner:
        return f"geen gesprekken van '{learner}' {where}"
    return f"geen gesprekken {where}"


def _select(rows: list["Row"], query: str, *, scored: bool) -> list["Row"]:
    from coach import group
    from coach.errors import NotFoundError

    chosen, _ = group.select(rows, query)
    if scored and not chosen:
        names = sorted({r.learner for r in rows if r.learner}, key=str.casefold)
        shown = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
        raise NotFoundError(f"geen medewerker gevonden voor '{query}'", hint=f"wel: {shown}" if names else "")
    return chosen


def _from_store(
    tmp: Path, queries: list[str] | None, scenario: str | None, problems: list[str], busy: set[str]
) -> list[Path]:
    """The store's calls (of the learner and scenario asked for) as transcript files in a private temporary folder,
    so the workers of coach.batch can read them; ``busy`` gets the ids of those open in a process right now."""
    from coach import learners
    from coach.errors import NotFoundError, StoreDamagedError
    from coach.formats.transcript import dump_transcript
    from coach.paths import write_private
    from coach.store import Store

    db = Store.default()
    try:
        sessions, bad = db.history()
        problems += [f"sessie {sid} is onleesbaar: {problem}" for sid, problem in bad]
        keys: set[str] = set()
        for query in queries or []:
            names = learners.find(query, (s.learner for s in sessions if s.learner))
            if not names:
                known = sorted({s.learner for s in sessions if s.learner}, key=str.casefold)
                hint = "wel: " + ", ".join(known[:8]) + (", ..." if len(known) > 8 else "") if known else ""
                raise NotFoundError(f"geen medewerker gevonden voor '{query}' in de opslag", hint=hint)
            keys |= {learners.key(n) for n in names}
        if queries:
            sessions = [s for s in sessions if learners.key(s.learner) in keys]
        if scenario:
            sessions = [s for s in sessions if s.scenario == scenario]
        files = []
        for n, session in enumerate(sessions):
            try:
                transcript = db.transcript(session.id)
            except StoreDamagedError as exc:
                problems.append(exc.message)
                continue
            except NotFoundError:  # a session without turns is not a call yet
                continue
            files.append(write_private(tmp / f"{n:06d}.yaml", dump_transcript(transcript)))
            if session.outcome is None and db.open_now(session.id):
                busy.add(session.id)
    finally:
        db.close()
    return files


def _scored(paths: Sequence[Path], job: "Job", done: Callable[[int], None]) -> Iterator["Scored"]:
    """Each file's result in order, streamed: no more reports held than the batch has in flight."""
    from coach.batch import iter_scored

    return iter_scored(paths, job, done)


def _progress(label: str, total: int):
    """A progress bar on stderr when it is a terminal (as coach evaluate's)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from coach.cli import render

    console = render.console(stderr=True)
    progress = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
    return progress, progress.add_task("", total=total)


def _score(files: list[Path], job: "Job", problems: list[str], *, store: bool, scenario: str | None) -> list["Row"]:
    from coach import group
    from coach.cli.reports import verdict

    rows: list[Row] = []
    warnings: dict[str, None] = {}
    progress, task = _progress("Beoordelen", len(files))
    with progress:
        for scored in _scored(files, job, lambda n: progress.advance(task, n)):
            if scored.problem:
                problems.append(scored.problem)
                continue
            warnings.update(dict.fromkeys(scored.warnings))
            fb, transcript = scored.feedback, scored.transcript
            if fb is None or transcript is None:
                continue
            r = group.row(
                len(rows), transcript, fb, verdict(fb), file="" if store else str(scored.path), path=str(scored.path)
            )
            if scenario is None or r.scenario == scenario:
                rows.append(r)
    for message in warnings:
        typer.echo(f"waarschuwing: {message}", err=True)
    return rows


def _emit(rows: list["Row"], roll: "Rollup", csv_file: Path | None, as_json: bool, html_file: Path | None) -> None:
    from coach.cli.app import print_json
    from coach.paths import write_private

    dims = roll.everyone.dimensions
    if csv_file is not None:
        text = to_csv(rows, dims)
        if csv_file == Path("-"):
            sys.stdout.write(text)
        else:
            write_private(csv_file, text)  # the rows name trainees: readable by the owner only
            typer.echo(f"Geschreven: {csv_file}", err=True)
    if html_file is not None:
        from coach.cli import dashboard

        write_private(html_file, dashboard.dashboard(rows, roll))
        typer.echo(f"Geschreven: {html_file}", err=True)
    if as_json:
        print_json(to_json(rows, roll))
    elif csv_file != Path("-"):
        from coach.cli import render

        render.console().print(terminal_view(roll))


def csv_header(dimensions: Sequence[str]) -> list[str]:
    from coach.group import FIXED_COLUMNS, TAIL_COLUMNS

    return [*FIXED_COLUMNS, *dimensions, *TAIL_COLUMNS]


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    """A CSV cell: numbers with a decimal point, true/false, lists joined with ';'; text that a spreadsheet would
    run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def to_csv(rows: Iterable["Row"], dimensions: Sequence[str]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = csv_header(dimensions)
    writer.writerow(header)
    for r in sorted(rows, key=lambda r: (r.key, r.when())):
        record = r.as_dict(dimensions)
        writer.writerow([_cell(record[name]) for name in header])
    return out.getvalue()


def to_json(rows: Sequence["Row"], roll: "Rollup") -> dict:
    dims = roll.everyone.dimensions
    return {
        "version": 1,
        "dimensions": dims,
        "calls": [r.as_dict(dims) for r in sorted(rows, key=lambda r: (r.key, r.when()))],
        **roll.as_dict(),
    }


def _packs(roll: "Rollup", folder: Path, job: "Job") -> None:
    """One HTML file per learner: the calls scored again in one stream ordered by learner, each learner's reports
    written and dropped as soon as their last call is in, so one learner's reports are held at a time."""
    from coach import group
    from coach.cli import dashboard
    from coach.paths import private_dir, write_private

    private_dir(folder)
    people = [(person, person.in_order()) for person in roll.learners]
    paths = [Path(r.path) for _, calls in people for r in calls]
    used: set[str] = set()
    progress, task = _progress("Rapporten", len(paths))
    with progress:
        stream = _scored(paths, job, lambda n: progress.advance(task, n))
        for person, calls in people:
            items = []
            for scored in itertools.islice(stream, len(calls)):
                if scored.transcript is not None and scored.feedback is not None:
                    items.append((scored.transcript, scored.feedback))
            name = stem = group.slug(person.name)
            n = 2
            while name in used:
                name, n = f"{stem}-{n}", n + 1
            used.add(name)
            write_private(folder / f"{name}.html", dashboard.pack(person, items))
    typer.echo(f"Geschreven: {len(people)} rapporten in {folder}{os.sep}", err=True)


# --- the terminal view -------------------------------------------------------------------------------------------


def _pct(rate: tuple[float | None, int]) -> str:
    from coach.cli.dashboard import pct

    return pct(rate[0])


def terminal_view(roll: "Rollup"):
    """Rich tables that fit 80 columns: learners (with a sparkline), dimensions, scenarios, criteria, and the calls
    that did not pass. Names and ids are Text, never markup."""
    from rich import box
    from rich.console import Group as Stack
    from rich.table import Table
    from rich.text import Text

    from coach.cli.dashboard import delta, num
    from coach.cli.labels import dimension_title
    from coach.group import sparkline
    from coach.nl import count

    everyone = roll.everyone
    dims = everyone.dimensions
    stats = everyone.overall
    head = Text()
    head.append("Groepsoverzicht", style="bold")
    head.append(
        f": {count(len(everyone.rows), 'gesprek', 'gesprekken')},"
        f" {count(len(roll.learners), 'medewerker', 'medewerkers')},"
        f" {count(len(roll.scenarios), 'scenario', 'scenario’s')}; gemiddeld {num(stats.mean)},"
        f" geslaagd {_pct(everyone.pass_rate)}"
    )
    parts: list = [head]

    people = Table(title="Medewerkers", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    people.add_column("naam", ratio=1, overflow="fold")
    people.add_column("n", justify="right")
    people.add_column("gem.", justify="right")
    people.add_column("sd", justify="right")
    people.add_column("geslaagd", justify="right")
    people.add_column("eerste→laatste", justify="right", no_wrap=True)
    people.add_column("verloop", no_wrap=True)
    for g in roll.learners:
        s = g.overall
        change = g.change()
        moved = ""
        if change is not None:
            a, b = change.scores()
            moved = f"{num(a)}→{num(b)} {delta(change.delta())}"
        people.add_row(
            Text(g.name or NO_NAME),
            str(len(g.rows)),
            num(s.mean),
            num(s.sd),
            _pct(g.pass_rate),
            moved,
            Text(sparkline(g.trend(), SPARK_WIDTH), style="cyan"),
        )
    parts.append(people)

    if dims:
        per_dim = Table(title="Dimensies per medewerker (gemiddeld; laagste vet)", title_justify="left",
                        box=box.SIMPLE_HEAD, pad_edge=False)  # fmt: skip
        per_dim.add_column("naam", ratio=1, overflow="fold")
        for name in dims:
            per_dim.add_column(dimension_title(name), justify="right")
        for g in [everyone, *roll.learners]:
            weakest = g.weakest()
            cells: list = [Text("hele groep", style="bold") if g is everyone else Text(g.name or NO_NAME)]
            for name in dims:
                s = g.dimension(name)
                change = g.change() if g is not everyone else None
                text = num(s.mean)
                if change is not None and change.delta(name) is not None:
                    text += f" ({delta(change.delta(name))})"
                cells.append(Text(text, style="bold red" if name == weakest else ""))
            per_dim.add_row(*cells)
        per_dim.caption = "tussen haakjes: verschil tussen eerste en laatste gesprek"
        per_dim.caption_justify = "left"
        parts.append(per_dim)

    scen = Table(title="Scenario's (moeilijkste eerst)", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    scen.add_column("scenario", ratio=3, overflow="fold", min_width=20)
    scen.add_column("n", justify="right")
    scen.add_column("gem.", justify="right")
    scen.add_column("sd", justify="right")
    scen.add_column("geslaagd", justify="right")
    scen.add_column("meest gemist", ratio=2, overflow="fold")
    for g in roll.scenarios:
        scen.add_row(
            Text(g.name or "(onbekend)"),
            str(len(g.rows)),
            num(g.overall.mean),
            num(g.overall.sd),
            _pct(g.pass_rate),
            Text(", ".join(cid for cid, _ in g.most_missed(2))),
        )
    parts.append(scen)

    crit = Table(title="Criteria (meest gemist eerst)", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    crit.add_column("criterium", ratio=1, overflow="fold")
    crit.add_column("dimensie", overflow="fold")
    crit.add_column("gemeten", justify="right")
    crit.add_column("gem.", justify="right")
    crit.add_column("gemist", justify="right")
    crit.add_column("geslaagd", justify="right")
    for c in roll.criteria:
        rate = c.pass_rate
        crit.add_row(
            Text(c.id),
            Text(dimension_title(c.dimension)),
            str(c.scores.n),
            num(c.scores.mean),
            str(c.failed),
            "–" if rate is None else f"{rate * 100:.0f}%",
        )
    parts.append(crit)

    failed = [r for r in sorted(everyone.rows, key=lambda r: (r.key, r.when())) if r.passed is False]
    if failed:
        calls = Table(title=f"Niet geslaagd ({len(failed)})", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        calls.add_column("naam", ratio=2, overflow="fold")
        calls.add_column("datum", no_wrap=True)
        calls.add_column("scenario", ratio=2, overflow="fold")
        calls.add_column("score", justify="right")
        calls.add_column("waarom", ratio=3, overflow="fold")
        for r in failed[:FAILED_SHOWN]:
            why = r.verdict.removeprefix("niet geslaagd").removeprefix(": ")
            calls.add_row(
                Text(r.learner or NO_NAME),
                r.date.strftime("%d-%m") if r.date else "–",
                Text(r.scenario or "–"),
                num(r.overall),
                Text(why),
            )
        if len(failed) > FAILED_SHOWN:
            calls.caption = f"en nog {len(failed) - FAILED_SHOWN}; alle gesprekken: --csv BESTAND"
            calls.caption_justify = "left"
        parts.append(calls)
    return Stack(*parts)
