"""The file formats: the shipped library is valid, and every cross-field rule is enforced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from coach.errors import FileProblemError
from coach.formats import Rubric, Scenario, Transcript
from coach.loader import load
from tests.helpers import ROOT

SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
RUBRICS = sorted((ROOT / "rubrics").glob("*.yaml"))


def test_library_has_real_content() -> None:
    assert len(SCENARIOS) >= 2
    assert len(RUBRICS) >= 1


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_shipped_scenarios_are_valid_and_round_trip(path: Path) -> None:
    scenario = load(path, "scenario")
    assert isinstance(scenario, Scenario)
    assert scenario.id == path.stem
    again = Scenario.model_validate(scenario.model_dump(mode="json"))
    assert again == scenario
    # a short practical call has no layered concern; an emotional one needs it (issue 18: the call mix)
    assert bool(scenario.concerns.hidden) == scenario.end.requires_hidden
    assert scenario.required_key_info


@pytest.mark.parametrize("path", RUBRICS, ids=lambda p: p.stem)
def test_shipped_rubrics_are_valid(path: Path) -> None:
    rubric = load(path, "rubric")
    assert isinstance(rubric, Rubric)
    assert {"luisteren", "gespreksopbouw", "toon"} <= set(rubric.dimensions)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path, kind=None) -> list[str]:
    with pytest.raises(FileProblemError) as info:
        load(path, kind)
    return [p.format() for p in info.value.problems]


# --- transcripts -------------------------------------------------------------------------------------------------


def test_transcript_accepts_dutch_speaker_names(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "t.yaml",
        "turns:\n  - speaker: beller\n    text: Goedemorgen\n    emotion: 7\n"
        "  - speaker: Medewerker\n    text: Hallo\n",
    )
    t = load(path)
    assert isinstance(t, Transcript)
    assert [turn.speaker for turn in t.turns] == ["caller", "learner"]
    assert t.turns[0].emotion == 7


def test_transcript_yaml_and_json_are_the_same_schema(tmp_path: Path) -> None:
    data = {
        "scenario": "woz-hoger-dan-buren",
        "rubric": "standaard",
        "learner": "anna",
        "engine": "offline",
        "seed": 3,
        "started_at": "2026-03-02T09:15:00",
        "outcome": "satisfied",
        "turns": [{"speaker": "caller", "text": "[zucht] Ja?", "emotion": 5}, {"speaker": "learner", "text": "Hoi"}],
    }
    from_yaml = load(_write(tmp_path, "a.yaml", yaml.safe_dump(data, allow_unicode=True)))
    from_json = load(_write(tmp_path, "a.json", json.dumps(data)))
    assert from_yaml == from_json
    assert from_json.outcome.value == "satisfied"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("turns:\n  - speaker: caller\n    text: x\n    emotion: 11\n", "t.yaml:4:14: turns[0].emotion: is te groot"),
        ("turns:\n  - speaker: robot\n    text: x\n", "turns[0].speaker: ongeldige waarde 'robot'"),
        ("turns: []\n", "turns: te weinig onderdelen"),
        ("outcome: tevreden\nturns:\n  - speaker: caller\n    text: x\n", "outcome: ongeldige waarde 'tevreden'"),
        ("turns:\n  - speaker: caller\n    txet: x\n", "onbekend veld 'txet' (bedoelde u 'text'?)"),
    ],
)
def test_transcript_errors_are_located(tmp_path: Path, text: str, expected: str) -> None:
    problems = _problems(_write(tmp_path, "t.yaml", text))
    assert any(expected in p for p in problems), problems


# --- scenarios ---------------------------------------------------------------------------------------------------


def _scenario(tmp_path: Path, scenario_text: str, old: str, new: str) -> list[str]:
    assert old in scenario_text
    return _problems(_write(tmp_path, "s.yaml", scenario_text.replace(old, new, 1)), "scenario")


def test_scenario_unknown_key_suggests_the_right_one(tmp_path: Path, scenario_text: str) -> None:
    problems = _scenario(tmp_path, scenario_text, "topic: woz", "tpoic: woz")
    assert any("onbekend veld 'tpoic' (bedoelde u 'topic'?)" in p and ":4:1:" in p for p in problems), problems


def test_scenario_bad_topic_lists_choices(tmp_path: Path, scenario_text: str) -> None:
    problems = _scenario(tmp_path, scenario_text, "topic: woz", "topic: wozz")
    assert any("topic: ongeldige waarde 'wozz'" in p and "bedoelde u 'woz'?" in p for p in problems), problems


def test_scenario_emotion_start_must_be_below_hang_up(tmp_path: Path, scenario_text: str) -> None:
    problems = _scenario(tmp_path, scenario_text, "    start: 6\n", "    start: 10\n")
    assert any("caller.emotion.start" in p and "hangt op bij 10" in p for p in problems), problems


def test_scenario_unknown_key_info_reference(tmp_path: Path, scenario_text: str) -> None:
    problems = _scenario(
        tmp_path, scenario_text, "requires_key_info: [waardepeildatum,", "requires_key_info: [waardepeildatun,"
    )
    assert any("onbekende kerninformatie 'waardepeildatun'" in p and "waardepeildatum" in p for p in problems)


def test_scenario_bad_placeholder(tmp_path: Path, scenario_text: str) -> None:
    problems = _scenario(tmp_path, scenario_text, "Wat bedoelt u met {term}?", "Wat bedoelt u met {woord}?")
    assert any("onbekende invulplek {woord}" in p for p in problems), problems


def test_scenario_bad_pattern(tmp_path: Path, scenario_text: str) -> None:
    problems = _scenario(tmp_path, scenario_text, 'phrases: ["zes|6 weken"', 'phrases: ["zes?|6 weken"')
    assert any("key_info[2].phrases[0]" in p and "ongeldig patroon" in p for p in problems), problems


def test_scenario_bad_id(tmp_path: Path, scenario_text: str) -> None:
    problems = _scenario(tmp_path, scenario_text, "id: woz-hoger-dan-buren", "id: WOZ Buren")
    assert any(p.startswith(str(tmp_path / "s.yaml") + ":2:5: id: gebruik alleen kleine letters") for p in problems)


def test_scenario_duplicate_fact_ids(tmp_path: Path, scenario_text: str) -> None:
    problems = _scenario(tmp_path, scenario_text, "  - id: naam-adres", "  - id: aanslagnummer")
    assert any("facts[1].id" in p and "twee keer" in p for p in problems), problems


def test_scenario_difficulty_range(tmp_path: Path, scenario_text: str) -> None:
    problems = _scenario(tmp_path, scenario_text, "difficulty: 2", "difficulty: 4")
    assert any("difficulty: is te groot" in p for p in problems), problems


# --- rubrics -----------------------------------------------------------------------------------------------------


def _rubric(tmp_path: Path, rubric_text: str, old: str, new: str) -> list[str]:
    assert old in rubric_text
    return _problems(_write(tmp_path, "r.yaml", rubric_text.replace(old, new, 1)), "rubric")


def test_rubric_unknown_signal_suggests(tmp_path: Path, rubric_text: str) -> None:
    problems = _rubric(tmp_path, rubric_text, "signal: open_questions", "signal: open_question")
    assert any("onbekend signaal 'open_question'" in p and "open_questions" in p for p in problems), problems


def test_rubric_unknown_param(tmp_path: Path, rubric_text: str) -> None:
    problems = _rubric(tmp_path, rubric_text, "params: {min_questions: 2}", "params: {min_question: 2}")
    assert any("kent parameter 'min_question' niet" in p and "min_questions" in p for p in problems), problems


def test_rubric_param_type(tmp_path: Path, rubric_text: str) -> None:
    problems = _rubric(tmp_path, rubric_text, "params: {min_questions: 2}", "params: {min_questions: veel}")
    assert any("'min_questions' moet een geheel getal zijn" in p for p in problems), problems


def test_rubric_param_out_of_range_is_refused_before_it_can_crash_scoring(tmp_path: Path, rubric_text: str) -> None:
    problems = _rubric(tmp_path, rubric_text, "params: {min_questions: 2}", "params: {min_questions: 0}")
    assert any("'min_questions' moet vanaf 1 zijn, niet 0" in p for p in problems), problems


def test_rubric_missing_dimension(tmp_path: Path, rubric_text: str) -> None:
    problems = _rubric(tmp_path, rubric_text, "  toon:\n", "  extra_toon:\n")
    assert any("dimensions.extra_toon" in p for p in problems), problems


def test_rubric_requires_the_three_core_dimensions(tmp_path: Path) -> None:
    text = """id: mini
title: Mini
dimensions:
  luisteren:
    criteria:
      - {id: a, description: d, signal: summaries, tip: t, example: e}
"""
    problems = _problems(_write(tmp_path, "r.yaml", text), "rubric")
    assert any("dimensie 'gespreksopbouw' ontbreekt" in p for p in problems)
    assert any("dimensie 'toon' ontbreekt" in p for p in problems)


def test_rubric_scale_and_levels_are_exclusive(tmp_path: Path, rubric_text: str) -> None:
    problems = _rubric(
        tmp_path,
        rubric_text,
        "params: {min_questions: 2}",
        "params: {min_questions: 2}\n        scale: {zero: 0, full: 1}\n        levels: [{min: 0.5, score: 100}]",
    )
    assert any("niet allebei" in p for p in problems), problems


def test_criterion_scoring() -> None:
    from coach.formats.rubric import Criterion

    base = {"id": "c", "description": "d", "tip": "t", "example": "e"}
    scaled = Criterion.model_validate({**base, "signal": "open_questions", "scale": {"zero": 0.2, "full": 0.6}})
    assert scaled.score(0.1) == 0
    assert scaled.score(0.4) == 50
    assert scaled.score(0.9) == 100
    lower_better = Criterion.model_validate({**base, "signal": "dismissive"})  # default scale (2, 0)
    assert lower_better.score(0) == 100
    assert lower_better.score(1) == 50
    assert lower_better.score(5) == 0
    levels = Criterion.model_validate(
        {**base, "signal": "summaries", "levels": [{"min": 2, "score": 100}, {"min": 1, "score": 70}]}
    )
    assert [levels.score(v) for v in (3, 1, 0)] == [100, 70, 0]
    assert levels.param is not None
    with_param = Criterion.model_validate({**base, "signal": "open_questions", "params": {"min_questions": 4}})
    assert with_param.param("min_questions") == 4
    assert scaled.param("min_questions") == 2


def test_a_dimension_calibration_spreads_the_scale_and_must_rise(tmp_path) -> None:
    from coach.errors import FileProblemError
    from coach.loader import load
    from tests.helpers import ROOT

    text = (ROOT / "rubrics" / "standaard.yaml").read_text(encoding="utf-8")
    rubric = load(ROOT / "rubrics" / "standaard.yaml", "rubric")
    toon = rubric.dimensions["toon"]
    assert toon.calibrated(0) == 0 and toon.calibrated(100) == 100
    assert toon.calibrated(77) == 50  # an average call's raw tone score, on the rated dev set
    assert all(toon.calibrated(x) <= toon.calibrated(x + 1) for x in range(100))
    bad = tmp_path / "ijking.yaml"
    bad.write_text(text.replace("calibration: [[36, 20], [77, 70]]", "calibration: [[36, 20], [30, 70]]"), "utf-8")
    with pytest.raises(FileProblemError) as err:
        load(bad, "rubric")
    assert "ijkpunten" in str(err.value) and "calibration" in str(err.value)
