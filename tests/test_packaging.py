"""The wheel ships the library: install it into a fresh venv and run `coach list --json` elsewhere."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.slow  # builds and installs the wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("belcoach-*.whl")
    return path


def test_wheel_contains_the_library(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    scenarios = {Path(n).name for n in names if n.startswith("coach/_library/scenarios/")}
    rubrics = {Path(n).name for n in names if n.startswith("coach/_library/rubrics/")}
    assert {p.name for p in (ROOT / "scenarios").glob("*.yaml")} <= scenarios
    assert "standaard.yaml" in rubrics
    scripts = {n.removeprefix("coach/_library/") for n in names if n.startswith("coach/_library/scripts/")}
    assert {p.relative_to(ROOT).as_posix() for p in (ROOT / "scripts").glob("*/*.txt")} <= scripts
    assert "coach/lexicon/nl.yaml" in names and "coach/caller/lines_nl.yaml" in names
    assert {"coach/templates/scenario.yaml", "coach/templates/rubric.yaml"} <= set(names)
    assert not any(n.startswith("tests/") for n in names)


def test_installed_wheel_lists_library_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    python = bin_dir / "python"
    # Dependencies come from the test environment (no network needed); belcoach itself only from the wheel.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True)
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    result = subprocess.run(
        [str(bin_dir / "coach"), "list", "--json"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env={"COACH_HOME": str(tmp_path / "home"), "PATH": str(bin_dir)},
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    ids = {s["id"] for s in data["scenarios"]}
    assert {p.stem for p in (ROOT / "scenarios").glob("*.yaml")} <= ids
    for item in data["scenarios"] + data["rubrics"]:
        assert item["path"].startswith(str(env_dir)), item["path"]
    tested = subprocess.run(
        [str(bin_dir / "coach"), "test", "woz-hoger-dan-buren", "--seeds", "0", "--json"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env={"COACH_HOME": str(tmp_path / "home"), "PATH": str(bin_dir)},
    )
    assert tested.returncode == 0, tested.stderr
    report = json.loads(tested.stdout)
    assert report["ok"] and report["scripts"].startswith(str(env_dir)), report["scripts"]
