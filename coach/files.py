"""Reading a file the user names, safely: only regular files, a size cap, text checked before any parser sees it;
and text from elsewhere made safe to print (``printable``).

Every refusal is a located Dutch ``FileProblemError``: a FIFO, a device, a directory, a symlink loop, a file that
is too big, UTF-16, binary data or a stray control character end within milliseconds instead of hanging or
eating memory (issue 15).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from coach.errors import FileProblemError, Problem
from coach.nl import number

MAX_BYTES = 1_000_000
"""The largest file Belcoach reads (the biggest shipped file is about 60 kB)."""

NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""What YAML does not allow in a file (the same set as PyYAML's reader): control characters, NUL, DEL, surrogates."""

_OS_MESSAGES = {
    errno.ENOENT: ("bestand bestaat niet", "controleer de naam en de map"),
    errno.EACCES: ("geen leesrechten", "controleer de rechten van het bestand"),
    errno.EPERM: ("geen leesrechten", "controleer de rechten van het bestand"),
    errno.ELOOP: ("de snelkoppeling (symlink) verwijst in een kring naar zichzelf", "geef het echte bestand"),
    errno.ENAMETOOLONG: ("de naam van het bestand is te lang", ""),
    errno.ENOTDIR: ("een deel van het pad is geen map", "controleer het pad"),
    errno.EISDIR: ("dit is een map, geen bestand", "geef een bestand in de map"),
}


def problem(
    name: str, message: str, line: int | None = None, col: int | None = None, hint: str = ""
) -> FileProblemError:
    """One located problem with a file, as an error to raise."""
    return FileProblemError([Problem(name, line, col, "", message, hint)])


def os_problem(name: str, exc: OSError) -> FileProblemError:
    """An OSError as a Dutch message; the errno name keeps rarer errors searchable."""
    message, hint = _OS_MESSAGES.get(
        exc.errno or 0, (f"kan het bestand niet lezen ({errno.errorcode.get(exc.errno or 0, 'fout')})", "")
    )
    return problem(name, message, hint=hint)


def read_bytes(path: Path, name: str | None = None, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Opened without blocking, so a FIFO cannot hang the command, and checked with fstat on the open file, so a
    device such as /dev/zero is refused before a single byte is read."""
    name = name or str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise os_problem(name, exc) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise problem(name, "dit is een map, geen bestand", hint="geef een bestand in de map")
        if not stat.S_ISREG(info.st_mode):
            raise problem(
                name, "dit is geen gewoon bestand (maar een apparaat, pipe of socket)", hint="geef een tekstbestand"
            )
        if info.st_size > limit:
            raise problem(
                name, f"het bestand is {_size(info.st_size)}; de grens is {_size(limit)}", hint="splits het bestand"
            )
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # it grew while being read
            raise problem(name, f"het bestand is groter dan {_size(limit)}", hint="splits het bestand")
        return b"".join(chunks)
    except OSError as exc:
        raise os_problem(name, exc) from None
    finally:
        os.close(fd)


def _size(n: int) -> str:
    if n >= 100_000:
        return f"{n / 1_000_000:.1f}".replace(".0", "").replace(".", ",") + " MB"
    return f"{number(n)} bytes"


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text (a BOM is allowed) without control characters; anything else is a located problem."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        raise problem(name, "het bestand is opgeslagen als UTF-16", 1, 1, "sla het op als UTF-8")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start].decode("utf-8", errors="replace")
        line, col = line_col(prefix, len(prefix))
        if b"\x00" in raw:
            raise problem(
                name, "dit is geen tekstbestand (het bevat binaire gegevens)", hint="geef een YAML- of tekstbestand"
            ) from None
        raise problem(
            name, f"geen geldige UTF-8 (byte 0x{raw[exc.start]:02x})", line, col, "sla het bestand op als UTF-8"
        ) from None
    bad = NON_PRINTABLE.search(text)
    if bad:
        line, col = line_col(text, bad.start())
        raise problem(name, f"onzichtbaar stuurteken {char_name(bad.group())} in de tekst", line, col, STRAY_HINT)
    return text


STRAY_HINT = "verwijder het; zulke tekens komen vaak mee bij kopiëren uit een ander programma"


def char_name(ch: str) -> str:
    return "NUL (U+0000)" if ch == "\x00" else f"U+{ord(ch):04X}"


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a BOM: most of the first bytes alternate with NUL."""
    head = raw[:200]
    return len(head) >= 4 and (head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4)


def line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def read_text(path: Path, name: str | None = None, limit: int = MAX_BYTES) -> str:
    """A UTF-8 text file the user named, read safely (see ``read_bytes`` and ``decode``)."""
    name = name or str(path)
    return decode(read_bytes(path, name, limit), name)


CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters a text may not hold (a tab and a newline may)."""


def printable(text: str) -> str:
    """Text without control characters (a newline and a tab stay): what a model or a file says must not reach the
    terminal as an escape sequence (a window title, a cleared screen)."""
    return CONTROL.sub("", text)
