"""What the user types or names: text files, utterances, scripted replies, and lines typed during a call."""

from __future__ import annotations

import contextlib
import re
import sys
import unicodedata
from pathlib import Path

from coach.errors import NotFoundError, UsageError

_ESCAPE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: arrow keys, Home/End, colours (ESC [ D)
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, up to BEL or ST
    r"|\x1bO."  # SS3: arrow keys in application mode (ESC O D)
    r"|\x1b[ -~]?"  # any other escape
)


def clean_typed(text: str) -> str:
    """What the trainee typed, without terminal escape sequences (arrow keys without line editing) or control
    characters; tabs become spaces."""
    text = _ESCAPE.sub("", text).replace("\t", " ")
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf") or ch == "\u200d").strip()


def line_editing() -> None:
    """Arrow keys, Home/End and history while typing (instead of ^[[D in the text); not loaded for other commands."""
    with contextlib.suppress(ImportError):  # Windows: plain input
        import readline  # noqa: F401


def read_line(prompt: str) -> str:
    """The trainee's input: plain ``input`` so readline knows the prompt when it redraws the line."""
    return input(prompt)


def read_text(path: Path, label: str = "bestand") -> str:
    """A UTF-8 text file the user named, read safely (a size cap, no devices or pipes, no control characters)."""
    from coach.files import read_text as read_safely

    _must_exist(path, label)
    return read_safely(path)


def _must_exist(path: Path, label: str) -> None:
    """A missing file is a usage error (exit 2); a symlink loop exists, and reading it says what is wrong with it."""
    if not path.exists() and not path.is_symlink():
        raise NotFoundError(f"{label} '{path}' bestaat niet")


def _stdin() -> str:
    from coach.files import MAX_BYTES

    text = sys.stdin.read(MAX_BYTES + 1)
    if len(text) > MAX_BYTES:
        raise UsageError("de invoer via stdin is te lang (meer dan 1 MB)", hint="splits de invoer")
    return text


def read_utterances(texts: list[str], file: Path | None) -> list[str]:
    """Utterances from the arguments, a file ('-': standard input) or standard input, one per non-empty line;
    control characters and terminal escapes are removed."""
    if texts and file is not None:
        raise UsageError("geef teksten of --file, niet allebei")
    if texts:
        lines = texts  # each argument is one utterance, even with a newline in it
    elif file is not None and str(file) != "-":
        lines = read_text(file).splitlines()
    elif file is None and sys.stdin.isatty():
        raise UsageError(
            "geef een tekst, --file BESTAND, of tekst via stdin",
            hint="bijvoorbeeld: coach analyze 'Wat is er gebeurd?'",
        )
    else:
        lines = _stdin().splitlines()
    utterances = [u for u in map(clean_typed, lines) if u]
    if not utterances:
        raise UsageError("geen uitspraken om te analyseren (de invoer is leeg)")
    return utterances


def read_replies(path: Path) -> list[str]:
    """A trainee's scripted replies: one per line (``#`` for comments) or, in a .yaml file, a list. Each reply is
    taken as the text written (a YAML date or number stays text), without control characters."""
    if path.suffix.lower() in (".yaml", ".yml"):
        from coach.loader import read_scalars

        _must_exist(path, "antwoordenbestand")
        lines = read_scalars(path, "moet een YAML-lijst van antwoorden zijn ('- Goedemorgen, ...')")
    else:
        text = read_text(path, "antwoordenbestand")
        lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    lines = [line for line in (clean_typed(x) for x in lines) if line]
    if not lines:
        raise UsageError(f"'{path}' bevat geen antwoorden")
    return lines
