"""One dialogue-act analyzer for every trainee turn: the caller reacts to it, the feedback is built on it."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from coach.analyzer.engine import ActHit, Analysis, Analyzer
from coach.errors import NotFoundError
from coach.formats.advice import BUILTIN_ADVICE
from coach.formats.claims import BUILTIN_CATALOGUE
from coach.formats.lexicon import Lexicon, merge
from coach.formats.topics import BUILTIN_TOPICS
from coach.library import Library
from coach.loader import load, load_builtin

__all__ = [
    "BUILTIN_CLAIMS",
    "BUILTIN_LEXICON",
    "ActHit",
    "Analysis",
    "Analyzer",
    "analyze",
    "analyzer_for",
    "get_analyzer",
    "load_lexicon",
]

BUILTIN_LEXICON = Path(__file__).resolve().parent.parent / "lexicon" / "nl.yaml"
BUILTIN_CLAIMS = BUILTIN_CATALOGUE
"""The claim catalogue: a lexicon file with only a claims: section (docs/claims.md)."""


def load_lexicon(extra: Sequence[Path] = ()) -> Lexicon:
    """The built-in lexicon plus extensions, each checked with located errors."""
    lexicon = load_builtin(BUILTIN_LEXICON)
    for builtin in (BUILTIN_CLAIMS, BUILTIN_TOPICS, BUILTIN_ADVICE):
        lexicon = merge(lexicon, load_builtin(builtin))
    for path in extra:
        lexicon = merge(lexicon, load(path, "lexicon"))
    return lexicon


@lru_cache(maxsize=8)
def _cached(paths: tuple[Path, ...]) -> Analyzer:
    return Analyzer(load_lexicon(paths))


def get_analyzer(extra_lexicons: Sequence[Path] = ()) -> Analyzer:
    """The analyzer for the built-in lexicon plus extensions, compiled once per process."""
    return _cached(tuple(Path(p).resolve() for p in extra_lexicons))


def analyze(text: str) -> Analysis:
    return get_analyzer().analyze(text)


def analyzer_for(library: Library, extra: Sequence[Path] = ()) -> Analyzer:
    """The analyzer with a library's lexicon extensions (``lexicon/*.yaml``) and ``extra`` files (``--lexicon``)."""
    for path in extra:
        if not Path(path).is_file():
            raise NotFoundError(f"lexiconbestand '{path}' bestaat niet")
    return get_analyzer([*library.lexicon_files(), *extra])
