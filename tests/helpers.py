"""Shared test helpers (fixtures live in conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def copy_library(dest: Path) -> Path:
    for name in ("scenarios", "rubrics"):
        shutil.copytree(ROOT / name, dest / name)
    return dest


def play_scenario(scenario: Any, turns: list[str], seed: int = 0) -> tuple[Any, list]:
    """The offline caller's brain for ``scenario`` after the trainee's ``turns``, and its plan for each."""
    from coach.analyzer import get_analyzer
    from coach.caller import CallerBrain

    analyzer = get_analyzer()
    brain = CallerBrain(scenario, analyzer, seed)
    previous = brain.start().text
    plans = []
    for turn in turns:
        plans.append(brain.plan(turn, analyzer.analyze(turn, previous), previous))
        previous = plans[-1].text
    return brain, plans
