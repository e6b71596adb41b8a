"""The scenario doc's full example is full: every field of the format appears in it at least once."""

from __future__ import annotations

import re
import typing

import yaml
from pydantic import BaseModel

from coach.formats import Scenario
from tests.helpers import ROOT


def _keys(data: object, out: set[str]) -> set[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            out.add(str(key))
            _keys(value, out)
    elif isinstance(data, list):
        for item in data:
            _keys(item, out)
    return out


def _models(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[type[BaseModel]]:
    if model in seen:
        return seen
    seen.add(model)

    def walk(annotation: object) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            _models(annotation, seen)
        for arg in typing.get_args(annotation):
            walk(arg)

    for field in model.model_fields.values():
        walk(field.annotation)
    return seen


def test_scenario_full_example_shows_every_field() -> None:
    text = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    example = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)[-1]
    present = _keys(yaml.safe_load(example), set())
    missing = {
        f"{model.__name__}.{name}"
        for model in _models(Scenario, set())
        for name in model.model_fields
        if name not in present
    }
    assert not missing, f"docs/scenario-format.md full example lacks: {sorted(missing)}"
