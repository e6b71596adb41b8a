"""``coach validate``: check files and folders of scenarios, rubrics and transcripts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coach.errors import FileProblemError
from coach.loader import DATA_SUFFIXES, Problem, load


@dataclass
class Report:
    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _collect(path: Path, report: Report) -> list[Path]:
    if not path.exists():
        report.problems.append(Problem(str(path), None, None, "", "bestaat niet"))
        return []
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DATA_SUFFIXES)
        if not found:
            report.problems.append(Problem(str(path), None, None, "", "de map bevat geen YAML- of JSON-bestanden", ""))
        return found
    return [path]


def validate_paths(paths: Sequence[Path]) -> Report:
    report = Report()
    files: list[Path] = []
    for path in paths:
        files.extend(_collect(path, report))
    ids: dict[tuple[str, str], Path] = {}
    for path in dict.fromkeys(files):
        report.files.append(path)
        try:
            obj = load(path)
        except FileProblemError as exc:
            report.problems.extend(exc.problems)
            continue
        kind = type(obj).__name__.lower()
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
    return report
