"""Evaluating many transcripts at once, on every core: one process per core reads, scores and returns each file's
report (or its problem), in the order given, as a stream with a bounded number of files in flight. A trainer's batch
of 1,000 calls takes seconds, and one of 10,000 no more memory than one of 100."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import re
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from coach.errors import CoachError, FileProblemError, NotFoundError
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
    _STATE["job"], _STATE["library"] = job, _Lookups(library)
    _STATE["analyzer"] = analyzer_for(library, [Path(p) for p in job.lexicon])


class _Lookups:
    """The library's scenarios and rubrics by reference, looked up once per batch: every transcript names one, and
    finding the file behind a reference (is it a path? which file?) costs more than reading the cached model."""

    def __init__(self, library) -> None:
        self.library = library
        self._found: dict[tuple[str, str], object] = {}

    def _get(self, kind: str, ref: str):
        key = (kind, ref)
        if key not in self._found:
            try:
                self._found[key] = self.library.get(kind, ref)
            except NotFoundError as exc:
                self._found[key] = exc
        found = self._found[key]
        if isinstance(found, NotFoundError):
            raise found
        return found

    def scenario(self, ref: str):
        return self._get("scenario", ref)

    def rubric(self, ref: str):
        return self._get("rubric", ref)


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
    try:
        rubric, scenario = resolve(_STATE["library"], transcript, job.rubric, job.scenario, out.warnings.append)
        out.feedback = score_file(transcript, rubric, scenario, _STATE["analyzer"], path)  # type: ignore[arg-type]
    except CoachError as exc:  # the scenario or rubric it names cannot be read: this file's problem, not the batch's
        out.problem = f"{path}: {exc}"
        return out
    out.transcript = transcript
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
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in DATA_SUFFIXES and not _hidden(p, path) and not _group_file(p)
            )
            files.extend(found)
            if not found:
                empty.append(path)
        else:
            files.append(path)
    return list(dict.fromkeys(files)), empty


_GROUP_KEYS = re.compile(r"^(?:learners|assignments)\s*:|^\s*\{?\s*\"(?:learners|assignments)\"\s*:", re.M)


def _group_file(path: Path) -> bool:
    """A group file kept in the folder with the calls (coach status, coach import) is not a call."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096).decode("utf-8", "replace")
    except OSError:
        return False
    return bool(_GROUP_KEYS.search(head)) and not re.search(r"^turns\s*:|\"turns\"\s*:", head, re.M)


def _hidden(path: Path, root: Path) -> bool:
    """A file under a hidden folder or itself hidden (.git, an editor's .tmp- file) is not a transcript."""
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


CHUNK = 16
"""Files per task a worker is given: fewer round trips than one by one, and a slow file holds up little."""
AHEAD = 4
"""Tasks in flight per worker: enough to keep every core busy, few enough that memory stays flat."""


def _score_chunk(paths: list[str]) -> list[Scored]:
    return [_score(path) for path in paths]


def iter_scored(paths: Sequence[Path], job: Job, done: Callable[[int], None] = lambda n: None) -> Iterator[Scored]:
    """Score every file with the rule-based judge and yield each result in the order given, as soon as it and the
    ones before it are done; ``done`` hears each finished file (for a progress bar). On more than one core and with
    enough files, the work is spread over a process per core with a bounded number of files in flight, so memory
    does not grow with the number of files (10,000 calls are a stream, not a list)."""
    n = min(workers(), len(paths))
    _open(job)  # before the workers fork: they inherit the compiled analyzer instead of building their own
    if n <= 1 or len(paths) < PARALLEL_FROM:
        for path in paths:
            result = _score(str(path))
            done(1)
            yield result
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    initializer, initargs = (None, ()) if method == "fork" else (_open, (job,))
    names = [str(p) for p in paths]
    chunks = (names[i : i + CHUNK] for i in range(0, len(names), CHUNK))
    pool = ProcessPoolExecutor(max_workers=n, mp_context=context, initializer=initializer, initargs=initargs)
    try:
        pending: deque[Future[list[Scored]]] = deque()
        for chunk in itertools.islice(chunks, n * AHEAD):
            pending.append(pool.submit(_score_chunk, chunk))
        while pending:
            results = pending.popleft().result()
            chunk = next(chunks, None)
            if chunk is not None:
                pending.append(pool.submit(_score_chunk, chunk))
            for result in results:
                done(1)
                yield result
    finally:  # also when the reader stops early (a closed pipe): the files not started are not scored
        pool.shutdown(wait=True, cancel_futures=True)


def score_all(paths: Sequence[Path], job: Job, done: Callable[[int], None] = lambda n: None) -> list[Scored]:
    """Every file's result at once, in order (``iter_scored`` as a list: for a handful of files)."""
    return list(iter_scored(paths, job, done))
