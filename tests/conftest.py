from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import ROOT

# every report the tests make is checked for contradictions (coach.feedback.consistency): a sound report or a failure
os.environ["COACH_CHECK_REPORTS"] = "1"


@pytest.fixture(autouse=True)
def coach_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty data directory and no user library from the environment."""
    home = tmp_path_factory.mktemp("coach-home")
    monkeypatch.setenv("COACH_HOME", str(home))
    monkeypatch.delenv("COACH_LIBRARY", raising=False)
    monkeypatch.delenv("COACH_DEBUG", raising=False)
    return home


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def invoke(runner: CliRunner):
    from coach.cli import app

    def _invoke(*args: str, **kwargs):
        return runner.invoke(app, [str(a) for a in args], **kwargs)

    return _invoke


@pytest.fixture
def scenario_text() -> str:
    return (ROOT / "scenarios" / "woz-hoger-dan-buren.yaml").read_text(encoding="utf-8")


@pytest.fixture
def rubric_text() -> str:
    return (ROOT / "rubrics" / "standaard.yaml").read_text(encoding="utf-8")


@pytest.fixture
def user_library(tmp_path: Path, scenario_text: str) -> Path:
    """A user library folder with one extra scenario."""
    lib = tmp_path / "mijn-bibliotheek"
    (lib / "scenarios").mkdir(parents=True)
    text = scenario_text.replace("id: woz-hoger-dan-buren", "id: mijn-woz").replace(
        "title: WOZ-waarde hoger dan bij de buren", "title: Mijn eigen WOZ-scenario"
    )
    (lib / "scenarios" / "mijn-woz.yaml").write_text(text, encoding="utf-8")
    return lib
