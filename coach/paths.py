"""Where Belcoach keeps its data: COACH_HOME, or the platform's user data directory."""

from __future__ import annotations

import os
from pathlib import Path


def coach_home() -> Path:
    override = os.environ.get("COACH_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("belcoach", appauthor=False))


def user_library_dir() -> Path:
    """Where ``coach new`` writes scenarios and rubrics; always part of the library."""
    return coach_home() / "library"
