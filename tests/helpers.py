"""Shared test helpers (fixtures live in conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def copy_library(dest: Path) -> Path:
    for name in ("scenarios", "rubrics"):
        shutil.copytree(ROOT / name, dest / name)
    return dest
