"""Warnings for scenario authors (``coach validate``): things that load fine but make a call go wrong.

- **Overlap**: one sentence counts as key information *and* as misinformation, so a correct statement is read as
  wrong, or a wrong one as conveyed. Found the way a call reads a turn (``stated``): on examples spelled out from each
  item's own phrase patterns, and on the sentences of the scenario's scripted trainees (``scripts/<id>/*.txt``, or
  ``tests/data/scripts/<id>/`` in the source tree) where the words of both readings overlap.
- **Given away**: the caller says a hidden concern's words in lines it speaks before the concern is earned
  (opening, story, repeat, reactions): echoing them reveals the concern without any doorvragen, and in a transcript
  the line after an open question reads as the concern coming out.

Warnings never fail validation: the scenario works, it may just score or answer the trainee wrongly.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from pathlib import Path

from coach.analyzer.engine import Analyzer
from coach.analyzer.stated import stated
from coach.errors import FileProblemError
from coach.files import read_text
from coach.formats import Scenario
from coach.formats.common import Issue, Loc
from coach.patterns import PatternError, first_match, fold, group_parts, split_tokens

MAX_EXAMPLES = 24
"""Examples spelled out per pattern: enough for every choice of a short pattern, bounded for long ones."""

SCRIPT_FOLDERS = ("scripts", "tests/data/scripts")
"""Where a library keeps its scripted trainees, next to its scenarios/ folder (one folder per scenario id)."""


def scenario_warnings(scenario: Scenario, path: Path, analyzer: Analyzer) -> list[Issue]:
    """Every warning for one scenario file, located by field path."""
    return [*overlaps(scenario, analyzer, script_files(scenario.id, path)), *given_away(scenario)]


# ---------------------------------------------------------------- overlap of key information and misinformation


def examples(pattern: str, limit: int = MAX_EXAMPLES) -> list[str]:
    """Texts a pattern matches, spelled out from its own words: each choice of ``a|b`` and ``(a b|c)``, gaps left
    empty, ``taxatie*`` as ``taxatie``, the parts of ``A & B`` joined. None for a raw ``re:`` pattern."""
    if pattern.startswith("re:"):
        return []
    try:
        parts = [_spell(p.strip()) for p in pattern.split(" & ")]
    except PatternError:
        return []
    return [", ".join(combo) for combo in itertools.islice(itertools.product(*parts), limit)]


def _spell(pattern: str) -> list[str]:
    choices: list[list[str]] = []
    for token in split_tokens(pattern):
        if token.startswith("..."):
            continue  # a gap may hold no words at all
        if token.startswith("(") and token.endswith(")"):
            choices.append([text for part in group_parts(token) for text in _spell(part)][:MAX_EXAMPLES])
        else:
            if "$" in token:
                raise PatternError("a lexicon list")
            choices.append([alt.strip("*") for alt in token.split("|")])
    return [" ".join(words) for words in itertools.islice(itertools.product(*choices), MAX_EXAMPLES)]


def script_files(ident: str, path: Path) -> list[tuple[str, Path]]:
    """The scripted trainees of a scenario, each with how to show it: ``<library>/scripts/<id>/*.txt`` or
    ``<library>/tests/data/scripts/<id>/*.txt`` (the library being the folder that holds ``scenarios/``); none when
    there are none."""
    root = path.parent.parent if path.parent.name == "scenarios" else path.parent
    found: list[tuple[str, Path]] = []
    for folder in SCRIPT_FOLDERS:
        directory = root / folder / ident
        if directory.is_dir():
            found += [(f"{folder}/{ident}/{p.name}", p) for p in sorted(directory.glob("*.txt")) if p.is_file()]
    return found


def _script_turns(scripts: Sequence[tuple[str, Path]]) -> Iterator[tuple[str, str]]:
    """(where, turn) for every trainee turn of the scripts: one line each, comments and blank lines left out."""
    for shown, file in scripts:
        try:
            text = read_text(file)
        except FileProblemError:
            continue  # a script that cannot be read is the business of whoever plays it
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("#"):
                yield f"{shown}:{number}", line.strip()


def overlaps(scenario: Scenario, analyzer: Analyzer, scripts: Sequence[tuple[str, Path]] = ()) -> list[Issue]:
    """Key information and misinformation that one sentence triggers both."""
    if not scenario.key_info or not (scenario.misinformation or scenario.claims):
        return []
    wrong_ids = {m.id for m in scenario.misinformation}
    key_index = {k.id: i for i, k in enumerate(scenario.key_info)}
    found: list[Issue] = []
    pairs: set[tuple[str, str]] = set()

    def wrong_name(ident: str) -> str:
        if ident in wrong_ids:
            return f"foute informatie '{ident}'"
        return f"foute informatie volgens de claim '{ident}' uit de catalogus"

    for i, item in enumerate(scenario.key_info):
        for j, phrase in enumerate(item.phrases):
            for text in examples(phrase):
                reading = stated(analyzer, scenario, text)
                counts = "telt als" if item.id in reading.key_info else "past op het patroon van"
                for w in reading.wrong:
                    if (item.id, w.id) in pairs:
                        continue
                    pairs.add((item.id, w.id))
                    found.append(
                        (
                            ("key_info", i, "phrases", j),
                            f"'{text}' (uit het patroon '{phrase}') {counts} kerninformatie '{item.id}', maar telt ook "
                            f"als {wrong_name(w.id)} ('{w.said}')",
                            "een juiste uitspraak telt dan als fout: maak een van beide patronen specifieker",
                        )
                    )
    for i, entry in enumerate(scenario.misinformation):
        for j, phrase in enumerate(entry.phrases):
            for text in examples(phrase):
                reading = stated(analyzer, scenario, text)
                counts = "telt als" if any(w.id == entry.id for w in reading.wrong) else "past op het patroon van"
                for key, words in reading.key_info.items():
                    if (key, entry.id) in pairs:
                        continue
                    pairs.add((key, entry.id))
                    found.append(
                        (
                            ("misinformation", i, "phrases", j),
                            f"'{text}' (uit het patroon '{phrase}') {counts} foute informatie '{entry.id}', maar telt "
                            f"ook als kerninformatie '{key}' ('{words}')",
                            "een foute uitspraak telt dan als overgebracht: maak een van beide patronen specifieker",
                        )
                    )
    for where, turn in _script_turns(scripts):
        for sentence in analyzer.analyze(turn).sentences:
            reading = stated(analyzer, scenario, sentence.text)
            for key, words in reading.key_info.items():
                for w in reading.wrong:
                    if (key, w.id) in pairs or not _same_words(sentence.text, words, w.said):
                        continue
                    pairs.add((key, w.id))
                    item = scenario.key_info[key_index[key]]
                    loc: Loc = ("key_info", key_index[key], "phrases") if item.phrases else ("key_info", key_index[key])
                    found.append(
                        (
                            loc,
                            f"de zin '{sentence.text.strip()}' ({where}) telt als kerninformatie '{key}' ('{words}') "
                            f"én als {wrong_name(w.id)} ('{w.said}')",
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


# ---------------------------------------------------------------- a hidden concern given away


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
            (loc, said), others = places[0], [_path(where) for where, _ in places[1:]]
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
                    "een samenvatting van de vraag die dit teruggeeft telt dan als een die de zorg raakt; kies hier "
                    "andere woorden of een specifieker trefwoord"
                )
            found.append((loc, f"{message} (concerns.hidden[{h}].{which}: '{pattern}'{also})", hint))
    return found


def _path(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
