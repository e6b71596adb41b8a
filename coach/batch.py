"""Evaluating many transcripts at once, on every core: one process per core reads, scores and returns each file's
report (or its problem), in the order given. A trainer's batch of 1,000 calls takes seconds, not a minute."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from coach.errors import FileProblemError, NotFoundError
from coach.feedback import Feedback
from coach.formats import Transcript

PARALLEL_FROM = 8
"""Fewer files are scored in this process: starting workers costs more than it saves."""


@dataclass
class Scored:
    path: Path
    transcript: Transcript | None = None
    feedback: Feedback | None = None
    problem: str = ""
    """The file's problem in Dutch (a FileProblemError's message) when it could not be scored."""
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Job:
    rubric: str | None
    scenario: str | None
    library: tuple[str, ...] = ()
    lexicon: tuple[str, ...] = ()


_STATE: dict[str, object] = {}


def _open(job: Job) -> None:
    from coach.analyzer import analyzer_for
    from coach.library import Library

    library = Library.open(list(job.library))
    _STATE["job"], _STATE["library"] = job, library
    _STATE["analyzer"] = analyzer_for(library, [Path(p) for p in job.lexicon])


def resolve(library, transcript: Transcript, rubric_ref: str | None, scenario_ref: str | None, warn: Callable):
    """The rubric and scenario for a transcript: options first, then what the transcript names."""
    scenario = None
    ref = scenario_ref or transcript.scenario
    if ref:
        try:
            scenario = library.scenario(ref)
        except NotFoundError as exc:
            if scenario_ref:
                raise
            warn(f"{exc.message}; scenario-criteria worden overgeslagen.")
    rubric_id = rubric_ref or transcript.rubric or "standaard"
    try:
        rubric = library.rubric(rubric_id)
    except NotFoundError:
        if rubric_ref:
            raise
        warn(f"rubric '{rubric_id}' niet gevonden; de standaardrubric wordt gebruikt.")
        rubric = library.rubric("standaard")
    return rubric, scenario


def _score(path: str) -> Scored:
    from coach.loader import load
    from coach.provenance import score_file

    job: Job = _STATE["job"]  # type: ignore[assignment]
    out = Scored(Path(path))
    try:
        transcript = load(Path(path), "transcript")
    except FileProblemError as exc:
        out.problem = str(exc)
        return out
    rubric, scenario = resolve(_STATE["library"], transcript, job.rubric, job.scenario, out.warnings.append)
    out.transcript = transcript
    out.feedback = score_file(transcript, rubric, scenario, _STATE["analyzer"], path)  # type: ignore[arg-type]
    return out


def expand(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """The transcript files behind the paths given: a folder stands for every YAML/JSON file in it and its
    subfolders, sorted; a file stands for itself. Returns the files (each once, in order) and the folders that hold
    no such file."""
    from coach.loader import DATA_SUFFIXES

    files: list[Path] = []
    empty: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DATA_SUFFIXES and not _hidden(p, path)
            )
            files.extend(found)
            if not found:
                empty.append(path)
        else:
            files.append(path)
    return list(dict.fromkeys(files)), empty


def _hidden(path: Path, root: Path) -> bool:
    """A file under a hidden folder or itself hidden (.git, an editor's .tmp- file) is not a transcript."""
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def score_all(paths: Sequence[Path], job: Job, done: Callable[[int], None] = lambda n: None) -> list[Scored]:
    """Score every file with the rule-based judge, in order; ``done`` hears each finished file (for a progress
    bar). On more than one core and with enough files, the work is spread over a process per core."""
    n = min(workers(), len(paths))
    if n <= 1 or len(paths) < PARALLEL_FROM:
        _open(job)
        results = []
        for path in paths:
            results.append(_score(str(path)))
            done(1)
        return results
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    chunk = max(1, min(25, len(paths) // (n * 8)))
    with ProcessPoolExecutor(max_workers=n, mp_context=context, initializer=_open, initargs=(job,)) as pool:
        results = []
        for result in pool.map(_score, [str(p) for p in paths], chunksize=chunk):
            results.append(result)
            done(1)
    return results
