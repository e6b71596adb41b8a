"""``coach validate``: check files and folders of scenarios, rubrics and transcripts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coach.errors import FileProblemError, Problem, did_you_mean
from coach.formats.claims import ClaimType
from coach.library import Library, looks_like_path
from coach.loader import DATA_SUFFIXES, Positions, catalogue, load, problem_at, read_data, topic_catalogue
from coach.nl import count


@dataclass
class Report:
    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """'12 bestanden gecontroleerd: 2 met problemen (3 problemen), 10 in orde.'"""
        checked = count(len(self.files), "bestand", "bestanden") + " gecontroleerd"
        if self.ok:
            return f"{checked}: geen problemen."
        bad = {p.path for p in self.problems}
        broken = sum(1 for f in self.files if str(f) in bad)
        good = len(self.files) - broken
        found = count(len(self.problems), "probleem", "problemen")
        if not broken:
            return f"{checked}: {found}."
        return f"{checked}: {broken} met problemen ({found}), {good} in orde."


def _collect(path: Path, report: Report) -> list[Path]:
    if not path.exists() and not path.is_symlink():  # a symlink loop exists, and load says what is wrong with it
        report.problems.append(Problem(str(path), None, None, "", "bestaat niet"))
        return []
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DATA_SUFFIXES)
        if not found:
            report.problems.append(Problem(str(path), None, None, "", "de map bevat geen YAML- of JSON-bestanden", ""))
        return found
    return [path]


def validate_paths(paths: Sequence[Path], library: Sequence[Path] = ()) -> Report:
    """Check every file; transcripts must also name a scenario and rubric that exist (in the library or this run)."""
    report = Report()
    transcripts: list[tuple[Path, object]] = []
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
        if kind == "transcript":
            transcripts.append((path, obj))
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
    return report


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
    lib = Library.open(library)
    kinds = ("scenario", "rubric")
    known = {kind: set(lib.ids(kind)) | {ident for k, ident in seen if k == kind} for kind in kinds}  # type: ignore[arg-type]
    for path, transcript in transcripts:
        found: list[tuple[str, str, str]] = []  # (field, message, hint)
        for kind in kinds:
            ref = getattr(transcript, kind, None)
            if not ref:
                continue
            if looks_like_path(ref):
                target = Path(ref).expanduser()
                if target.exists() or (path.parent / target).exists():
                    continue
                found.append(
                    (kind, f"bestand '{ref}' bestaat niet", "geef een bestaand pad of een id uit 'coach list'")
                )
            elif ref not in known[kind]:
                close = did_you_mean(ref, sorted(known[kind]))
                message = f"{'onbekend scenario' if kind == 'scenario' else 'onbekende rubric'} '{ref}'"
                found.append(
                    (
                        kind,
                        message,
                        f"bedoelde u '{close[0]}'?" if close else "geef de map mee met --library, of een pad",
                    )
                )
        if not found:
            continue
        try:
            _, positions = read_data(path)  # only for the line numbers, once per file with a problem
        except FileProblemError:
            positions = Positions()
        report.problems += [
            problem_at(str(path), positions, (kind,), message, hint, key=True) for kind, message, hint in found
        ]
