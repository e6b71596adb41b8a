"""The full examples in docs/ are valid files of their format, so the docs cannot drift from the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach.loader import load
from coach.signals import SIGNALS
from tests.helpers import ROOT


def _yaml_blocks(name: str) -> list[str]:
    text = (ROOT / "docs" / name).read_text(encoding="utf-8")
    return re.findall(r"```yaml\n(.*?)```", text, flags=re.S)


@pytest.mark.parametrize(
    ("doc", "kind"),
    [("scenario-format.md", "scenario"), ("rubric-format.md", "rubric"), ("transcript-format.md", "transcript")],
)
def test_full_example_is_valid(doc: str, kind: str, tmp_path: Path) -> None:
    blocks = [b for b in _yaml_blocks(doc) if not b.lstrip().startswith("#")]
    assert blocks, f"{doc} has no full example"
    path = tmp_path / "example.yaml"
    path.write_text(blocks[-1], encoding="utf-8")
    assert type(load(path, kind)).__name__.lower() == kind


def test_every_signal_is_documented() -> None:
    text = (ROOT / "docs" / "rubric-format.md").read_text(encoding="utf-8")
    for name in SIGNALS:
        assert f"| `{name}` |" in text, name
