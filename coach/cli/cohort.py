"""Commands for trainers with a group: intake of mailed-in calls (import) and where everyone stands (status)."""

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from coach.cli.app import command, print_json
from coach.cli.options import JsonOpt, LibraryOpt
from coach.errors import UsageError

CohortOpt = Annotated[
    Path | None,
    typer.Option(
        "--cohort", "-c", metavar="BESTAND", help="Groepsbestand: namen en aliassen naar de schrijfwijze van de groep."
    ),
]

STATE_LABELS = {
    "done": "klaar",
    "late": "te laat",
    "below_minimum": "onder minimum",
    "not_started": "niet begonnen",
    "overdue": "niet gedaan, te laat",
    "refused": "niet te verifiëren",
}
EXAM_LABELS = {"done": "geslaagd", "late": "geslaagd, te laat", "below_minimum": "niet geslaagd"}


def _line(path: Path, message: str) -> str:
    """A file's problem on one line (the first located problem, and how many more there are)."""
    from coach.nl import count

    lines = [part for part in message.splitlines() if part.strip()]
    first = lines[0] if lines else message
    if not first.startswith(str(path)):
        first = f"{path}: {first}"
    more = len(lines) - 1
    return first + (f" (en nog {count(more, 'probleem', 'problemen')})" if more else "")


def _echo_err(text: str) -> None:
    typer.echo(text, err=True)


@command("import")
def import_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Transcripten (YAML/JSON) of mappen met transcripten.")],
    cohort_file: CohortOpt = None,
    learner: Annotated[
        str | None,
        typer.Option("--learner", metavar="NAAM", help="Naam voor transcripten die zelf geen medewerker noemen."),
    ] = None,
    as_json: JsonOpt = False,
    library: LibraryOpt = None,
) -> None:
    """Neem ingestuurde gesprekken op in de geschiedenis, zodat 'coach history' en 'coach status' ze zien."""
    from coach.batch import expand
    from coach.cohort import Roster
    from coach.library import Library
    from coach.nl import count
    from coach.store import Store
    from coach.validate import check_cohort

    lib = Library.open(library or [])
    roster = Roster(check_cohort(cohort_file, lib)) if cohort_file else None
    files, empty = expand(paths)
    if cohort_file is not None:  # the group file kept with the calls
        files = [f for f in files if f.resolve() != cohort_file.resolve()]
    store = Store.default()
    try:
        result = _intake(files, store, lib, roster, learner)
    finally:
        store.close()
    problems = [(str(p), "de map bevat geen YAML- of JSON-bestanden") for p in empty] + result.problems
    if as_json:
        print_json(
            {
                "imported": result.imported,
                "already_present": result.present,
                "problems": [{"file": p, "problem": m} for p, m in problems],
            }
        )
    else:
        for entry in result.present:
            already = "staat al in de geschiedenis" if entry.get("recorded") else "al geïmporteerd"
            _echo_err(f"{entry['file']}: {already} (sessie {entry['session']})")
        for path, message in problems:
            _echo_err(message if message.startswith(path) else f"{path}: {message}")
        _echo_err(
            f"{count(len(result.imported), 'gesprek', 'gesprekken')} geïmporteerd, {len(result.present)} al aanwezig, "
            f"{count(len(problems), 'bestand', 'bestanden')} met problemen."
        )
    if problems:
        raise typer.Exit(1)


class _Intake:
    """What an import did: the calls stored, those already there, and each file's problem (file, one line)."""

    def __init__(self) -> None:
        self.imported: list[dict[str, Any]] = []
        self.present: list[dict[str, Any]] = []
        self.problems: list[tuple[str, str]] = []


def _intake(files: list[Path], store: Any, lib: Any, roster: Any, learner: str | None) -> _Intake:
    """Store each transcript under the trainee's one spelling, once; a file that cannot be, is reported."""
    from datetime import UTC, datetime

    from coach.cohort import fingerprint, spelling
    from coach.errors import FileProblemError, NotFoundError, StoreError, suggestion
    from coach.learners import display, key
    from coach.library import looks_like_path
    from coach.loader import load

    out = _Intake()
    known = {key(name): name for name in store.learners()}
    scenarios = lib.ids("scenario")
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for path in files:

        def fail(message: str, path: Path = path) -> None:
            out.problems.append((str(path), message))

        try:
            transcript = load(path, "transcript")
        except FileProblemError as exc:
            fail(_line(path, str(exc)))
            continue
        name = transcript.learner if key(transcript.learner) else learner
        if not name or not key(name):
            fail("het transcript noemt geen medewerker (learner); geef de naam met --learner")
            continue
        if roster is not None:
            found = roster.resolve(name)
            if len(found) != 1:
                if found:
                    why = f"'{display(name)}' kan meer medewerkers zijn: {', '.join(display(x.name) for x in found)}"
                else:
                    close = suggestion(name, roster.names())
                    why = f"'{display(name)}' staat niet in de groep" + (f" ({close})" if close else "")
                fail(why + "; voeg een alias toe in het groepsbestand of geef --learner")
                continue
            name = found[0].name
        else:
            name = spelling(known, name)
        ref = transcript.scenario
        if not ref:
            fail("het transcript noemt geen scenario")
            continue
        if not looks_like_path(ref) and ref not in scenarios:
            close = suggestion(ref, scenarios)
            fail(f"onbekend scenario '{ref}'" + (f" ({close})" if close else ""))
            continue
        digest = fingerprint(transcript)
        entry = {"file": str(path), "session": None, "learner": name, "scenario": ref}
        own = transcript.meta.get("session")  # exported from this store ('coach export'): the call is here
        if isinstance(own, str):
            try:
                if fingerprint(store.transcript(own)) == digest:
                    out.present.append({**entry, "session": store.get(own).id, "recorded": True})
                    continue
            except (NotFoundError, StoreError):  # not from here, or a row that does not read: import it
                pass
        entry["session"], new = store.import_call(
            transcript, name, {"file": str(path.resolve()), "at": now, "hash": digest}
        )
        known.setdefault(key(name), name)
        (out.imported if new else out.present).append(entry)
    return out


def _parse_day(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"'{text}' is geen datum", hint="schrijf de datum als 2026-03-01") from None


@command()
def status(
    cohort_file: Annotated[Path, typer.Argument(metavar="GROEP", help="Het groepsbestand (YAML).")],
    sources: Annotated[
        list[Path] | None,
        typer.Option("--from", metavar="MAP", help="Ook de transcripten in deze map (mag vaker), naast de opslag."),
    ] = None,
    today: Annotated[
        str | None, typer.Option("--today", metavar="DATUM", help="Rekenen alsof het vandaag deze dag is (2026-03-01).")
    ] = None,
    as_json: JsonOpt = False,
    library: LibraryOpt = None,
) -> None:
    """Per medewerker en opdracht: klaar, te laat, niet begonnen of onder het minimum; bij examens het oordeel."""
    from coach.library import Library
    from coach.validate import check_cohort

    day = _parse_day(today)
    lib = Library.open(library or [])
    cohort = check_cohort(cohort_file, lib)
    targets = _targets(cohort, lib)
    attempts, warnings, problems = _attempts(cohort, targets, sources or [], library or [], cohort_file)
    from coach.cohort import status as cohort_status

    cells = cohort_status(cohort, targets, attempts, day)
    if as_json:
        print_json(
            {
                "cohort": cohort.name,
                "today": day.isoformat(),
                "assignments": [
                    {
                        "id": t.assignment.id,
                        "scenario": t.scenario,
                        "rubric": t.rubric,
                        "seed": t.assignment.seed,
                        "deadline": t.assignment.deadline.isoformat() if t.assignment.deadline else None,
                        "minimum": t.minimum,
                        "exam": t.assignment.exam,
                    }
                    for t in targets
                ],
                "cells": [c.as_dict() for c in cells],
                "warnings": warnings,
                "problems": problems,
            }
        )
    else:
        _render(cohort.name, targets, cells, day)
        for text in [*warnings, *problems]:
            _echo_err(text)
    if problems:
        raise typer.Exit(1)


def _targets(cohort: Any, lib: Any) -> list:
    from coach.cohort import Target

    out = []
    for a in cohort.assignments:
        rubric = lib.rubric(a.rubric)
        minimum = a.min_score if a.min_score is not None else rubric.pass_score
        out.append(Target(a, lib.scenario(a.scenario).id, rubric.id, minimum))
    return out


def _attempts(
    cohort: Any, targets: list, sources: list[Path], library: list[Path], cohort_file: Path
) -> tuple[list, list[str], list[str]]:
    """The group's scored calls: the store's sessions of its trainees (by name and alias) and the transcripts in
    ``sources``, each scored with the rubric of every assignment it may count for. The same call in the store and
    in a folder counts once."""
    import tempfile

    from coach.batch import Job, expand, score_all
    from coach.cohort import Attempt, Roster, fingerprint
    from coach.errors import StoreError
    from coach.formats import write_transcript
    from coach.learners import display, key
    from coach.nl import count, verb
    from coach.store import Store

    roster = Roster(cohort)
    scenarios = {t.scenario for t in targets}
    warnings: list[str] = []
    problems: list[str] = []
    store = Store.default()
    stored: list[tuple[str, str, Any]] = []  # learner, session id, row
    for name in store.learners():
        found = roster.resolve(name)
        if len(found) > 1:
            options = ", ".join(display(x.name) for x in found)
            warnings.append(f"waarschuwing: gesprekken van '{display(name)}' niet meegeteld: dat kan {options} zijn")
            continue
        if found:
            for row in store.sessions(name):
                # a what-if variant (coach replay) redoes part of a call: no attempt at an assignment
                if row.scenario in scenarios and row.turns and _finished(row) and not row.meta.get("branch_of"):
                    stored.append((found[0].name, row.id, row))
    files, empty = expand(sources)
    files = [f for f in files if f.resolve() != cohort_file.resolve()]  # the group file kept with the calls
    problems += [f"{p}: de map bevat geen YAML- of JSON-bestanden" for p in empty]
    attempts: list[Attempt] = []
    seen: set[tuple[str, str]] = set()
    unknown: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="coach-status-") as tmp:
        paths: dict[Path, tuple[str, str, str]] = {}  # a stored call's file: learner, origin, scenario
        for learner, session, row in stored:
            try:
                transcript = store.transcript(session)
            except StoreError as exc:
                warnings.append(f"waarschuwing: {exc.message}")
                continue
            path = write_transcript(transcript, Path(tmp) / f"{session}.yaml")
            paths[path] = (learner, f"sessie {session}", row.scenario)
        store.close()
        for rubric in dict.fromkeys(t.assignment.rubric for t in targets):  # as written: an id or a path
            mine = {t.scenario for t in targets if t.assignment.rubric == rubric}
            wanted = [p for p, (_, _, scenario) in paths.items() if scenario in mine] + files
            job = Job(rubric=rubric, scenario=None, library=tuple(str(p) for p in library))
            for scored in score_all(wanted, job):
                if scored.problem:
                    problems.append(_line(scored.path, scored.problem))
                    continue
                transcript, feedback = scored.transcript, scored.feedback
                if scored.path in paths:
                    learner, origin, _ = paths[scored.path]
                elif transcript.outcome in (
                    None,
                    "interrupted",
                ):  # not finished: can still be resumed where it was made
                    continue
                else:
                    found = roster.resolve(transcript.learner)
                    if len(found) != 1:
                        unknown.add(str(scored.path))
                        continue
                    learner, origin = found[0].name, str(scored.path)
                mark = (rubric, key(learner), fingerprint(transcript))
                if mark in seen:
                    continue
                seen.add(mark)
                if feedback.source is not None and feedback.source.verified is False:
                    warnings.append(f"waarschuwing: {origin}: {'; '.join(feedback.source.problems)}; telt niet mee")
                attempts.append(Attempt(learner, transcript, feedback, origin))
    if unknown:
        warnings.append(
            f"waarschuwing: {count(len(unknown), 'transcript', 'transcripten')} uit --from "
            f"{verb(len(unknown), 'noemt', 'noemen')} niemand uit de groep: "
            + ", ".join(sorted(unknown)[:3])
            + (", …" if len(unknown) > 3 else "")
        )
    return attempts, warnings, list(dict.fromkeys(problems))


def _finished(row: Any) -> bool:
    """A stored call counts once it ended: not while it can be resumed (no ending yet, or interrupted). A call
    imported without an ending was finished elsewhere."""
    if row.outcome == "interrupted":
        return False
    return row.outcome is not None or "import" in row.meta


def _render(name: str, targets: list, cells: list, today: date) -> None:
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from coach.cli import render

    console = render.console()
    console.print(Text(f"{name}: stand op {today:%d-%m-%Y}", style="bold"))
    for target in targets:
        a = target.assignment
        title = f"{a.id}{' (examen)' if a.exam else ''}: {target.scenario}"
        details = [f"rubric {target.rubric}"]
        if a.exam:
            details.append(f"seed {a.seed}")
        if a.deadline:
            details.append(f"uiterlijk {a.deadline:%d-%m-%Y}")
        if target.minimum is not None:
            details.append(f"minimum {target.minimum:g}")
        table = Table(
            title=Text(title + "\n" + ", ".join(details)),
            title_justify="left",
            box=None,
            header_style="bold underline",
            padding=(0, 2, 0, 0),
        )
        table.add_column("medewerker", overflow="fold")
        table.add_column("stand", overflow="fold")
        table.add_column("score", justify="right", no_wrap=True)
        table.add_column("datum", no_wrap=True)
        table.add_column("#", justify="right", no_wrap=True)
        for c in (c for c in cells if c.assignment == a.id):
            state = c.state
            label = (EXAM_LABELS if c.verdict is not None and state in EXAM_LABELS else STATE_LABELS)[state]
            if c.late and state == "below_minimum":
                label += ", te laat"
            colour = {"done": "green", "late": "yellow", "not_started": "dim"}.get(state, "red")
            table.add_row(
                Text(c.learner),
                Text(label, style=colour),
                "–" if c.score is None else f"{c.score:.0f}",
                f"{c.day:%d-%m-%Y}" if c.day else "",
                str(c.attempts) if c.attempts else "",
            )
        console.print()
        console.print(table)
        failed = [c for c in cells if c.assignment == a.id and c.verdict is not None and not c.verdict.passed]
        if failed:
            reasons = Table.grid(padding=(0, 1))
            reasons.add_column(no_wrap=True)
            reasons.add_column()
            for c in failed:
                reasons.add_row(
                    Text("✗", style="red"), Text.assemble((c.learner, "bold"), ": ", "; ".join(c.verdict.reasons))
                )
            console.print(Padding(reasons, (0, 0, 0, 2)))
    waiting = [c for c in cells if c.state in ("not_started", "overdue")]
    if waiting:
        console.print()
        console.print(Text("Nog niet gedaan:", style="bold"))
        for learner in dict.fromkeys(c.learner for c in waiting):
            todo = [
                c.assignment + (" (te laat)" if c.state == "overdue" else "") for c in waiting if c.learner == learner
            ]
            console.print(Text(f"  {learner}: {', '.join(todo)}"))
    if not targets:
        console.print(Text("De groep heeft nog geen opdrachten (assignments).", style="dim"))
    sys.stdout.flush()
