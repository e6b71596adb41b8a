"""``coach validate``: check files and folders of scenarios, rubrics, transcripts and cohorts, and warn about what in a
scenario loads fine but makes a call go wrong."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from coach.errors import FileProblemError, Problem, did_you_mean
from coach.formats import Scenario
from coach.formats.claims import ClaimType
from coach.formats.cohort import Cohort
from coach.formats.common import Issue, Loc
from coach.library import SCRIPTS, Library, looks_like_path, script_lines, scripts_beside
from coach.loader import DATA_SUFFIXES, Positions, catalogue, load, problem_at, read_data, topic_catalogue
from coach.nl import count
from coach.patterns import examples, first_match, fold


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


class Reading(Protocol):
    """What one sentence states on its own (``coach.analyzer.stated.SentenceReading``)."""

    sentence: str
    key_info: dict[str, str]
    wrong: tuple[tuple[str, str], ...]


Reader = Callable[[Scenario, str], list[Reading]]
"""Reads a text sentence by sentence the way a call does (``coach.analyzer.stated.by_sentence`` with an analyzer).
Passed in: the analyzer is a layer above this one."""


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
    if path.name.lower().endswith(SCHEMA_SUFFIX):  # coach new's editor aid, not a Belcoach file
        report.problems.append(
            Problem(
                str(path),
                None,
                None,
                "",
                "dit is een JSON Schema voor uw editor, geen scenario, rubric of transcript",
                "controleer het bestand dat ernaar verwijst",
            )
        )
        return []
    return [path]


def validate_paths(paths: Sequence[Path], library: Sequence[Path] = (), *, read: Reader | None = None) -> Report:
    """Check every file; transcripts must also name a scenario and rubric that exist (in the library or this run).
    With ``read``, scenarios that load are also checked for what makes a call go wrong (``scenario_warnings``)."""
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
        if read is not None and isinstance(obj, Scenario):
            report.warnings += _located(path, scenario_warnings(obj, path, read))
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


# ------------------------------------------------------------------------------------------------------- warnings
#
# Things that load fine but make a call go wrong. They never fail validation: the scenario works, it may just score
# or answer the trainee wrongly.


def scenario_warnings(scenario: Scenario, path: Path, read: Reader) -> list[Issue]:
    """Every warning for one scenario file, by field path."""
    return [*overlaps(scenario, read, script_files(scenario.id, path)), *given_away(scenario)]


def script_files(ident: str, path: Path) -> list[tuple[str, Path]]:
    """The scripted trainees of a scenario file (``library.scripts_beside``), each with how to show it; none when there
    are none."""
    directory = scripts_beside(path, ident)
    if not directory.is_dir():
        return []
    return [(f"{SCRIPTS}/{ident}/{p.name}", p) for p in sorted(directory.glob("*.txt")) if p.is_file()]


def _script_turns(scripts: Sequence[tuple[str, Path]]) -> Iterator[tuple[str, str]]:
    """(where, turn) for every trainee turn of the scripts (``library.script_lines``)."""
    for shown, file in scripts:
        try:
            lines = script_lines(file)
        except FileProblemError:
            continue  # a script that cannot be read is the business of whoever plays it
        for number, line in lines:
            yield f"{shown}:{number}", line


def overlaps(scenario: Scenario, read: Reader, scripts: Sequence[tuple[str, Path]] = ()) -> list[Issue]:
    """Key information and misinformation that one sentence triggers both, so a correct statement is read as wrong
    or a wrong one as conveyed. Read the way a call reads a turn (``read``): on examples spelled out from each item's
    own phrases (``patterns.examples``), and on the sentences of the scripted trainees where both readings rest on
    the same words. One warning per pair of items."""
    if not scenario.key_info or not (scenario.misinformation or scenario.claims):
        return []
    own = {m.id for m in scenario.misinformation}
    key_index = {k.id: i for i, k in enumerate(scenario.key_info)}
    found: list[Issue] = []
    pairs: set[tuple[str, str]] = set()

    def wrong_name(ident: str) -> str:
        return (
            f"foute informatie '{ident}'"
            if ident in own
            else f"foute informatie volgens de claim '{ident}' uit de catalogus"
        )

    def spelled(kind: str) -> Iterator[tuple[Loc, str, str, str, Reading]]:
        for i, item in enumerate(getattr(scenario, kind)):
            for j, phrase in enumerate(item.phrases):
                for text in examples(phrase):
                    for reading in read(scenario, text):
                        yield (kind, i, "phrases", j), item.id, phrase, text, reading

    for loc, ident, phrase, text, reading in spelled("key_info"):
        counts = "telt als" if ident in reading.key_info else "past op het patroon van"
        for wrong, said in reading.wrong:
            if (ident, wrong) not in pairs:
                pairs.add((ident, wrong))
                found.append(
                    (
                        loc,
                        f"'{text}' (uit het patroon '{phrase}') {counts} kerninformatie '{ident}', maar telt ook als "
                        f"{wrong_name(wrong)} ('{said}')",
                        "een juiste uitspraak telt dan als fout: maak een van beide patronen specifieker",
                    )
                )
    for loc, ident, phrase, text, reading in spelled("misinformation"):
        counts = "telt als" if any(w == ident for w, _ in reading.wrong) else "past op het patroon van"
        for key, words in reading.key_info.items():
            if (key, ident) not in pairs:
                pairs.add((key, ident))
                found.append(
                    (
                        loc,
                        f"'{text}' (uit het patroon '{phrase}') {counts} foute informatie '{ident}', maar telt ook als "
                        f"kerninformatie '{key}' ('{words}')",
                        "een foute uitspraak telt dan als overgebracht: maak een van beide patronen specifieker",
                    )
                )
    for where, turn in _script_turns(scripts):
        for reading in read(scenario, turn):
            for key, words in reading.key_info.items():
                for wrong, said in reading.wrong:
                    if (key, wrong) in pairs or not _same_words(reading.sentence, words, said):
                        continue
                    pairs.add((key, wrong))
                    i = key_index[key]
                    found.append(
                        (
                            ("key_info", i, "phrases") if scenario.key_info[i].phrases else ("key_info", i),
                            f"de zin '{reading.sentence.strip()}' ({where}) telt als kerninformatie '{key}' "
                            f"('{words}') én als {wrong_name(wrong)} ('{said}')",
                            "dezelfde woorden lezen als goed en als fout: maak een van beide patronen specifieker",
                        )
                    )
    return found


def _same_words(sentence: str, first: str, second: str) -> bool:
    """Whether two readings of a sentence rest on words they share (not two statements side by side)."""
    folded = fold(sentence)
    a, b = folded.find(fold(first)), folded.find(fold(second))
    if a < 0 or b < 0:
        return True  # read from words that are not literally there (a value spelled out): assume they overlap
    return a < b + len(second) and b < a + len(first)


ANSWERS_INVITATION = frozenset({"empathy", "summary_confirmed", "summary_corrected"})
"""Reactions to a named feeling or a summary: with the opening, the story and the repeated question, what the caller
tells about its question, and so what a trainee's summary gives back."""


def told_lines(scenario: Scenario) -> Iterator[tuple[Loc, str]]:
    """The caller's account of its question, heard before any hidden concern is earned, with field paths: the lines
    a good trainee summarises."""
    for i, line in enumerate(scenario.opening):
        yield ("opening", i), line
    surface = scenario.concerns.surface
    for name in ("story", "repeat"):
        for i, line in enumerate(getattr(surface, name)):
            yield ("concerns", "surface", name, i), line
    for kind, lines in scenario.reactions.items():
        if kind.value in ANSWERS_INVITATION:
            for i, line in enumerate(lines):
                yield ("reactions", kind.value, i), line


def given_away(scenario: Scenario) -> list[Issue]:
    """The caller's account of its question (``told_lines``) in a hidden concern's words, so that a summary of the
    question, the first thing a good trainee does, counts as finding the concern:

    - a reveal keyword, when a summary is not itself one of the concern's ``reveal.acts``: the summary reveals the
      concern (once a hint was given), no doorvragen needed;
    - a keyword of the concern: after the concern came out, a summary that gives the line back counts as one that
      captures the concern; and a transcript without the caller's record (written elsewhere) reads a story line after
      an open question as the concern coming out.

    One warning per concern and pattern, at the first line that says it."""
    found: list[Issue] = []
    for h, concern in enumerate(scenario.concerns.hidden):
        by_summary = "summary" not in concern.reveal.acts
        heard: dict[tuple[str, str], list[tuple[Loc, str]]] = {}  # (which list, pattern) -> where, the words said
        for loc, line in told_lines(scenario):
            hit = first_match(list(concern.reveal.keywords), line) if by_summary else None
            which = "reveal.keywords"
            if hit is None:
                hit, which = first_match(list(concern.keywords), line), "keywords"
            if hit is not None:
                heard.setdefault((which, hit[0]), []).append((loc, hit[1].group()))
        for (which, pattern), places in heard.items():
            (loc, said), others = places[0], [_field_path(where) for where, _ in places[1:]]
            also = f"; ook in {', '.join(others)}" if others else ""
            if which == "reveal.keywords":
                message = f"de beller zegt '{said}' al, een onthulwoord van de onderliggende zorg '{concern.id}'"
                hint = (
                    "een samenvatting van de vraag die dit teruggeeft onthult de zorg, zonder door te vragen; kies "
                    "hier andere woorden of een specifieker onthulwoord"
                )
            else:
                message = f"de beller zegt '{said}' al, een trefwoord van de onderliggende zorg '{concern.id}'"
                hint = (
                    "zodra de zorg boven water is, telt een samenvatting die dit teruggeeft als een die de zorg raakt; "
                    "kies hier andere woorden of een specifieker trefwoord"
                )
            found.append((loc, f"{message} (concerns.hidden[{h}].{which}: '{pattern}'{also})", hint))
    return found


def _field_path(loc: Loc) -> str:
    return problem_at("", Positions(), loc, "", "").field
