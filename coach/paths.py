"""Where Belcoach keeps its data (COACH_HOME, or the platform's user data directory), and keeping it private.

The data folder holds learner names and every typed line, so it is readable by its owner only: folders 0700 and
files 0600 whatever the umask, and looser modes left by an older version are tightened when the store opens.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def coach_home() -> Path:
    override = os.environ.get("COACH_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("belcoach", appauthor=False))


def user_library_dir() -> Path:
    """Where ``coach new`` writes scenarios and rubrics; always part of the library."""
    return coach_home() / "library"


def tighten(path: Path) -> None:
    """Take group and other permissions away from a file or folder of ours.

    Left alone: what does not exist, what another user owns, and a shared folder with the sticky bit (COACH_HOME=/tmp
    must not lock everyone else out of /tmp)."""
    if os.name != "posix":
        return
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & stat.S_ISVTX:
            return
        mode = stat.S_IMODE(info.st_mode)
        if mode & 0o077:
            path.chmod(mode & 0o700)
    except FileNotFoundError:
        return


def private_dir(path: Path) -> Path:
    """Create a folder only its owner can open (or tighten the one that is there)."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    tighten(path)
    return path


def write_private(path: Path, text: str) -> Path:
    """Write a text file readable by its owner only (reports, exports): 0600 whatever the umask, also when the file
    was there before with a looser mode."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    tighten(path)
    return path
