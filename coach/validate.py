"""``coach validate``: check files and folders of scenarios, rubrics, transcripts and cohorts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coach.errors import FileProblemError, Problem, did_you_mean
from coach.formats import Scenario
from coach.formats.claims import ClaimType
from coach.formats.cohort import Cohort
from coach.formats.common import Issue
from coach.library import Library, looks_like_path
from coach.loader import DATA_SUFFIXES, Positions, catalogue, load, problem_at, read_data, topic_catalogue
from coach.nl import count


@dataclass
class Report:
    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    """What loads but may make a call go wrong (``Warn``); never makes the report fail."""

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """'12 bestanden gecontroleerd: 2 met problemen (3 problemen), 10 in orde; 4 waarschuwingen.'"""
        checked = count(len(self.files), "bestand", "bestanden") + " gecontroleerd"
        warned = f", {count(len(self.warnings), 'waarschuwing', 'waarschuwingen')}" if self.warnings else ""
        if self.ok:
            return f"{checked}: geen problemen{warned}."
        bad = {p.path for p in self.problems}
        broken = sum(1 for f in self.files if str(f) in bad)
        good = len(self.files) - broken
        found = count(len(self.problems), "probleem", "problemen")
        if not broken:
            return f"{checked}: {found}{warned}."
        return f"{checked}: {broken} met problemen ({found}), {good} in orde{warned}."


Warn = Callable[[Path, Scenario], list[Issue]]
"""Warnings for a scenario that loaded, by field path (``coach.analyzer.lint.scenario_warnings`` with an analyzer;
passed in, because reading phrases the way a call does is a layer above this one)."""


SCHEMA_SUFFIX = ".schema.json"
"""The JSON Schemas 'coach new' writes next to its files are for editors, not files to check."""


def _collect(path: Path, report: Report) -> list[Path]:
    if not path.exists() and not path.is_symlink():  # a symlink loop exists, and load says what is wrong with it
        report.problems.append(Problem(str(path), None, None, "", "bestaat niet"))
        return []
    if path.is_dir():
        found = sorted(
            p
            for p in path.rglob("*")
            if p.is_file() and p.suffix.lower() in DATA_SUFFIXES and not p.name.lower().endswith(SCHEMA_SUFFIX)
        )
        if not found:
            report.problems.append(Problem(str(path), None, None, "", "de map bevat geen YAML- of JSON-bestanden", ""))
        return found
    return [path]


def validate_paths(paths: Sequence[Path], library: Sequence[Path] = (), *, warn: Warn | None = None) -> Report:
    """Check every file; transcripts must also name a scenario and rubric that exist (in the library or this run).
    ``warn``: what to warn about in a scenario that loaded."""
    report = Report()
    transcripts: list[tuple[Path, object]] = []
    cohorts: list[tuple[Path, Cohort]] = []
    files: list[Path] = []
    for path in paths:
        files.extend(_collect(path, report))
    ids: dict[tuple[str, str], Path] = {}
    claims, topics = _catalogue(files, library, report)
    for path in dict.fromkeys(files):
        report.files.append(path)
        try:
            obj = load(path, id_from_name=path.parent.name in ("scenarios", "rubrics"), claims=claims, topics=topics)
        except FileProblemError as exc:
            report.problems.extend(exc.problems)
            continue
        kind = type(obj).__name__.lower()
        if warn is not None and isinstance(obj, Scenario):
            report.warnings += _located(path, warn(path, obj))
        if kind == "transcript":
            transcripts.append((path, obj))
        elif isinstance(obj, Cohort):
            cohorts.append((path, obj))
        ident = getattr(obj, "id", None)
        if kind in ("scenario", "rubric") and ident:
            first = ids.get((kind, ident))
            if first is not None:
                report.problems.append(
                    Problem(
                        str(path), 1, 1, "id", f"{kind}-id '{ident}' wordt al gebruikt in {first}", "kies een ander id"
                    )
                )
            else:
                ids[(kind, ident)] = path
    if transcripts:
        _check_references(transcripts, ids, library, report)
    if cohorts:
        lib = Library.open(library)
        known = _known(lib, ids)
        for path, cohort in cohorts:
            report.problems += _cohort_problems(path, cohort, known)
    return report


def _located(path: Path, issues: list[Issue]) -> list[Problem]:
    if not issues:
        return []
    try:
        _, positions = read_data(path)  # only for the line numbers, once per file with a warning
    except FileProblemError:
        positions = Positions()
    found = [problem_at(str(path), positions, loc, message, hint) for loc, message, hint in issues]
    return sorted(found, key=lambda p: (p.line or 0, p.column or 0))


def check_cohort(path: Path, lib: Library) -> Cohort:
    """A cohort file read and checked as ``coach validate`` does (its scenarios and rubrics exist in the library);
    raises FileProblemError with every problem located."""
    cohort = load(path, "cohort")
    problems = _cohort_problems(path, cohort, _known(lib, {}))  # type: ignore[arg-type]
    if problems:
        raise FileProblemError(problems)
    return cohort  # type: ignore[return-value]


def _known(lib: Library, seen: dict[tuple[str, str], Path]) -> dict[str, set[str]]:
    """The scenario and rubric ids a file may name: the library's and those of the files checked in this run."""
    return {kind: set(lib.ids(kind)) | {ident for k, ident in seen if k == kind} for kind in ("scenario", "rubric")}  # type: ignore[arg-type]


def _unknown(kind: str, ref: str, known: set[str], base: Path) -> tuple[str, str] | None:
    """What is wrong with a scenario or rubric reference (message, hint), or None when it exists."""
    if looks_like_path(ref):
        target = Path(ref).expanduser()
        if target.exists() or (base / target).exists():
            return None
        return f"bestand '{ref}' bestaat niet", "geef een bestaand pad of een id uit 'coach list'"
    if ref in known:
        return None
    close = did_you_mean(ref, sorted(known))
    message = f"{'onbekend scenario' if kind == 'scenario' else 'onbekende rubric'} '{ref}'"
    return message, f"bedoelde u '{close[0]}'?" if close else "geef de map mee met --library, of een pad"


def _cohort_problems(path: Path, cohort: Cohort, known: dict[str, set[str]]) -> list[Problem]:
    found = []
    for i, assignment in enumerate(cohort.assignments):
        for kind in ("scenario", "rubric"):
            wrong = _unknown(kind, getattr(assignment, kind), known[kind], path.parent)
            if wrong:
                found.append((("assignments", i, kind), *wrong))
    if not found:
        return []
    try:
        _, positions = read_data(path)  # only for the line numbers
    except FileProblemError:
        positions = Positions()
    return [problem_at(str(path), positions, loc, message, hint) for loc, message, hint in found]


def _catalogue(files: list[Path], library: Sequence[Path], report: Report) -> tuple[dict[str, ClaimType], set[str]]:
    """The claim catalogue and question topics scenarios are checked against: built in, the library's and these
    lexicon files'. A broken extension is reported with the file itself; then scenarios are checked against the
    built-in ones."""
    extra = list(
        dict.fromkeys([*Library.open(library).lexicon_files(), *(p for p in files if p.parent.name == "lexicon")])
    )
    try:
        return catalogue(extra), set(topic_catalogue(extra))
    except FileProblemError:
        return catalogue(), set(topic_catalogue())


def _check_references(
    transcripts: list[tuple[Path, object]], seen: dict[tuple[str, str], Path], library: Sequence[Path], report: Report
) -> None:
    known = _known(Library.open(library), seen)
    for path, transcript in transcripts:
        found: list[tuple[str, str, str]] = []  # (field, message, hint)
        for kind in ("scenario", "rubric"):
            ref = getattr(transcript, kind, None)
            wrong = _unknown(kind, ref, known[kind], path.parent) if ref else None
            if wrong:
                found.append((kind, *wrong))
        if not found:
            continue
        try:
            _, positions = read_data(path)  # only for the line numbers, once per file with a problem
        except FileProblemError:
            positions = Positions()
        report.problems += [
            problem_at(str(path), positions, (kind,), message, hint, key=True) for kind, message, hint in found
        ]
