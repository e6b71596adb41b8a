"""The README's two set-up lines are the ones CI runs and the ones a new user copies."""

from __future__ import annotations

import re

from tests.helpers import ROOT


def _bash_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [b.strip() for b in re.findall(r"```bash\n(.*?)```", text, flags=re.S)]


def test_quickstart_is_two_single_lines() -> None:
    blocks = _bash_blocks()
    assert len(blocks) >= 2
    assert all("\n" not in b for b in blocks[:2])


def test_ci_runs_the_readme_test_command() -> None:
    test_line = _bash_blocks()[1]
    assert "pytest" in test_line
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_line in ci
