"""The full examples in docs/ are valid files of their format, so the docs cannot drift from the code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coach.formats.signals import SIGNALS
from coach.loader import load
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


def _json_example(name: str) -> dict:
    text = (ROOT / "docs" / name).read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)```", text, flags=re.S)
    assert blocks, f"{name} has no JSON example"
    return json.loads(blocks[0])


def _placeholder(value: object) -> bool:
    return isinstance(value, dict) and "..." in value


def test_feedback_json_example_matches_the_model_and_real_output(invoke, tmp_path: Path) -> None:
    from coach.feedback.model import Feedback
    from coach.formats import write_transcript
    from coach.library import Library
    from tests.test_caller import GOOD_WOZ, play

    example = _json_example("feedback-format.md")
    # the example is a valid report once the '...' placeholders are left out
    filled = {**example, "dimensions": {k: v for k, v in example["dimensions"].items() if not _placeholder(v)}}
    Feedback.model_validate(filled)

    transcript, _ = play(Library.open().scenario("woz-hoger-dan-buren"), GOOD_WOZ)
    result = invoke("evaluate", write_transcript(transcript, tmp_path / "a.yaml"), "--json")
    assert result.exit_code == 0, result.stderr
    real = json.loads(result.stdout)

    assert set(example) == set(real) == set(Feedback.model_fields)
    assert set(example["dimensions"]) <= set(real["dimensions"])
    for name, dimension in example["dimensions"].items():
        if not _placeholder(dimension):
            assert set(dimension) == set(real["dimensions"][name]), name
    assert set(example["criteria"][0]) == set(real["criteria"][0])
    assert set(example["criteria"][0]["evidence"][0]) == set(real["criteria"][0]["evidence"][0])
    assert set(example["phases"][0]) == set(real["phases"][0])
    assert set(example["call"]) <= set(real["call"]) | {"reason"}
    # every field of the report is explained in the table
    text = (ROOT / "docs" / "feedback-format.md").read_text(encoding="utf-8")
    for field in ("overall", "passed", "phases[]", "phase_order", "improvements", "call", "judge"):
        assert f"`{field}" in text, field


def test_emotion_weights_in_the_docs_are_the_codes() -> None:
    """The documented default weights, labels, wearing off and step are the ones the caller's brain uses."""
    from coach.caller.emotion import DEFAULT_WEIGHTS, EVENT_LABELS, MAX_STEP, WEARS_OFF

    text = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    table = text.split("<!-- emotion-weights")[1].split("<!-- /emotion-weights -->")[0]
    rows = re.findall(r"^\| `(\w+)` \| ([+-]\d+) \| (.+?) \|$", table, flags=re.M)
    expected = [(e.value, f"{w:+d}", EVENT_LABELS[e]) for e, w in DEFAULT_WEIGHTS.items()]
    assert rows == expected, "\n".join(f"| `{e}` | {w} | {label} |" for e, w, label in expected)
    wearing = text.split("**Wearing off**")[1].split("\n- **")[0]
    assert re.findall(r"`(\w+)`", wearing.split("work fully")[0]) == [e.value for e in WEARS_OFF]
    assert f"by at most\n  {MAX_STEP} either way" in text


def test_emotion_weights_in_the_schema_are_the_codes(invoke) -> None:
    from coach.caller.emotion import DEFAULT_WEIGHTS, EmotionState

    schema = json.loads(invoke("schema", "scenario").stdout)
    weights = schema["$defs"]["Emotion"]["properties"]["weights"]
    assert {k: v["default"] for k, v in weights["properties"].items()} == {
        e.value: w for e, w in DEFAULT_WEIGHTS.items()
    }
    assert "vanaf de derde keer niets" in weights["description"]
    state = EmotionState(5, dict(DEFAULT_WEIGHTS))  # wearing off as documented: -2, then -1, then nothing
    assert [state.apply(["emotion_reflection"]) for _ in range(3)] == [-2, -1, 0]
