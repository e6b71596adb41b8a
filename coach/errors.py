"""Expected errors: each carries a message a trainer understands and an exit code.

The CLI prints the message on one line (no traceback unless COACH_DEBUG=1) and exits with the code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple


class Problem(NamedTuple):
    """One thing wrong with a file, located: ``file:line:column: field: message (hint)``.

    (A NamedTuple rather than a dataclass: this module loads with every command, and a dataclass costs start-up.)"""

    path: str
    line: int | None
    column: int | None
    field: str
    message: str
    hint: str = ""

    def format(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        text = f"{where}: "
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        return text

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }


class CoachError(Exception):
    """An expected failure with a human message."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class UsageError(CoachError):
    """The command was called with arguments that cannot work."""

    exit_code = 2


class NotFoundError(CoachError):
    """An id or a file that does not exist."""

    exit_code = 2


class FileProblemError(CoachError):
    """A file exists but cannot be used: invalid YAML, wrong fields, unreadable."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = [p.format() for p in problems]
        super().__init__("\n".join(lines))


class ConfigError(CoachError):
    """The environment is not set up for what was asked (missing key, unwritable folder)."""

    exit_code = 3


class StoreError(CoachError):
    """The session store cannot do what was asked: damaged, full, read-only (the message says which, and what to do)."""

    exit_code = 4


class StoreDamagedError(StoreError):
    """The database file, or a row in it, cannot be read."""


class StoreFullError(StoreError):
    """The disk is full."""


class StoreReadOnlyError(StoreError):
    """Belcoach may not write in its data folder."""


class StoreBusyError(StoreError):
    """A call is open in another process, or the database stayed locked: try again later."""

    exit_code = 5


def did_you_mean(word: str, options: Iterable[str], n: int = 3) -> list[str]:
    """Close matches for an unknown id or key, best first."""
    import difflib

    options = list(options)
    matches = difflib.get_close_matches(word, options, n=n, cutoff=0.6)
    if not matches:
        lowered = word.lower()
        matches = [o for o in options if lowered in o.lower() or o.lower() in lowered][:n]
    return matches


def suggestion(word: str, options: Iterable[str]) -> str:
    matches = did_you_mean(word, options)
    if not matches:
        return ""
    return "Bedoelde u: " + ", ".join(matches) + "?"
