"""One dialogue-act analyzer for every trainee turn: the caller reacts to it, the feedback is built on it."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from coach.analyzer.engine import ActHit, Analysis, Analyzer
from coach.analyzer.lexicon import ACTS, ANSWERING_ACTS, LISTENING_ACTS, Lexicon, load_lexicon

__all__ = [
    "ACTS",
    "ANSWERING_ACTS",
    "LISTENING_ACTS",
    "ActHit",
    "Analysis",
    "Analyzer",
    "Lexicon",
    "analyze",
    "get_analyzer",
]


@lru_cache(maxsize=8)
def _cached(paths: tuple[Path, ...]) -> Analyzer:
    return Analyzer(load_lexicon(paths))


def get_analyzer(extra_lexicons: Sequence[Path] = ()) -> Analyzer:
    """The analyzer for the built-in lexicon plus extensions, compiled once per process."""
    return _cached(tuple(Path(p).resolve() for p in extra_lexicons))


def analyze(text: str) -> Analysis:
    return get_analyzer().analyze(text)
