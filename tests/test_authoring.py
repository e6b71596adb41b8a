"""Tools for scenario authors: `coach test` (scripted trainees over seeds, with a verdict) and `coach match` (what one
trainee sentence triggers, and why)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from coach.analyzer import get_analyzer
from coach.authoring import MAX_SEGMENTS, coherence, match, play, test_scenario
from coach.caller.base import Segment
from coach.library import Library
from tests.helpers import ROOT

SCENARIO = "woz-hoger-dan-buren"
SCRIPTS = ROOT / "scripts" / SCENARIO
OPENING = "Goedemorgen, Belastingen gemeente Lindehoven, u spreekt met Anna de Wit. Wat kan ik voor u doen?"
REPEATING = [
    OPENING,
    "Ik stuur u vandaag een brief.",
    "Ik stuur u vandaag een brief.",
    "Ik bel u morgen terug.",
    "Ik bel u morgen terug.",
    "Ik stuur u vandaag een brief.",
]
"""A trainee who makes the same agreement over and over: the caller runs out of ways to say yes."""


@pytest.fixture
def authored(tmp_path: Path, scenario_text: str) -> Path:
    """An author's library folder: a copy of the WOZ scenario as 'mijn-woz', with the built-in scripts."""
    lib = tmp_path / "bibliotheek"
    (lib / "scenarios").mkdir(parents=True)
    (lib / "scenarios" / "mijn-woz.yaml").write_text(
        scenario_text.replace(f"id: {SCENARIO}", "id: mijn-woz"), encoding="utf-8"
    )
    shutil.copytree(SCRIPTS, lib / "scripts" / "mijn-woz")
    return lib


def _without(path: Path, word: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(x for x in lines if word not in x.lower()) + "\n", encoding="utf-8")


def test_the_builtin_scenario_passes_and_every_seed_is_played() -> None:
    result = test_scenario(Library.open(), SCENARIO, get_analyzer(), seeds=[0, 3])
    assert result.ok, result.reasons
    assert sorted((c.script, c.seed) for c in result.calls) == sorted(
        (k, s) for k in ("good", "average", "dismissive") for s in (0, 3)
    )
    assert result.folder == ROOT / "scripts" / SCENARIO


def test_a_good_script_that_never_gives_a_key_point_fails_with_that_reason(authored: Path) -> None:
    _without(authored / "scripts" / "mijn-woz" / "good.txt", "taxatieverslag")
    result = test_scenario(Library.open([authored]), "mijn-woz", get_analyzer(), seeds=[0, 1])
    assert not result.ok
    good = result.check("good")
    assert "goed, seed 0: kerninformatie 'taxatieverslag' werd niet herkend in het goede script" in good.reasons
    assert "goed, seed 1: kerninformatie 'taxatieverslag' werd niet herkend in het goede script" in good.reasons
    assert result.check("poor").ok and result.check("coherent").ok


def test_a_caller_that_repeats_itself_is_not_coherent(authored: Path) -> None:
    (authored / "scripts" / "mijn-woz" / "average.txt").write_text("\n".join(REPEATING) + "\n", encoding="utf-8")
    result = test_scenario(Library.open([authored]), "mijn-woz", get_analyzer(), seeds=[0])
    reasons = result.check("coherent").reasons
    assert reasons and all(r.startswith("gemiddeld, seed 0: ") for r in reasons)
    assert any("dezelfde zin als in beurt" in r for r in reasons), reasons
    assert result.problems[("average", 0)] and not result.ok


def test_coherence_names_each_kind_of_stitched_reply() -> None:
    library = Library.open()
    scenario = library.scenario(SCENARIO)
    call = play(scenario, REPEATING[:4], get_analyzer(), 0, library.rubric("standaard"))
    assert coherence(scenario, call) == []
    hot = scenario.caller.emotion.satisfied_at + 1
    call.plans[1].segments = [Segment("satisfied", "Dank u wel, fijne dag.")]
    call.plans[1].emotion = hot
    call.plans[2].segments = [Segment("explanation_ok", "Oké, dat begrijp ik."), Segment("unclear", "Te snel.")]
    call.plans[3].segments = [Segment("fact", f"Deel {n}.") for n in range(MAX_SEGMENTS + 1)]
    found = coherence(scenario, call)
    assert "beurt 3: de beller neemt afscheid en praat daarna nog door" in found
    assert f"beurt 3: de beller is tevreden bij emotie {hot}, boven de grens {hot - 1}" in found
    assert "beurt 5: de beller zegt ja en nee tegelijk (explanation_ok met unclear)" in found
    assert any(r.startswith("beurt 7: de beller zegt 3 dingen tegelijk") for r in found)


def test_cli_passes_with_exit_0_and_a_table(invoke) -> None:
    result = invoke("test", SCENARIO, "--seeds", "1")
    assert result.exit_code == 0, result.output
    assert "GESLAAGD" in result.output and "NIET GESLAAGD" not in result.output
    assert "afwijzend" in result.output and "opgehangen" in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80


def test_cli_fails_with_exit_1_and_the_reasons_in_dutch(invoke, authored: Path) -> None:
    _without(authored / "scripts" / "mijn-woz" / "good.txt", "taxatieverslag")
    result = invoke("test", "mijn-woz", "--library", authored, "--seeds", "2")
    assert result.exit_code == 1, result.output
    assert "NIET GESLAAGD" in result.output
    assert "kerninformatie 'taxatieverslag' werd niet herkend" in result.output


def test_cli_json(invoke, authored: Path) -> None:
    result = invoke("test", "mijn-woz", "--library", authored, "--seeds", "0,4", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ok"] is True and data["scenario"] == "mijn-woz" and data["seeds"] == [0, 4]
    assert data["scripts"] == str(authored / "scripts" / "mijn-woz")
    assert {c["name"] for c in data["checks"]} == {"good", "poor", "order", "coherent"}
    good = [c for c in data["calls"] if c["script"] == "good"]
    assert [c["seed"] for c in good] == [0, 4]
    assert all(c["outcome"] == "satisfied" and c["ok"] and "key_info:taxatieverslag" in c["revealed"] for c in good)


def test_a_missing_script_names_the_expected_path(invoke, authored: Path) -> None:
    (authored / "scripts" / "mijn-woz" / "dismissive.txt").unlink()
    result = invoke("test", "mijn-woz", "--library", authored)
    assert result.exit_code == 2
    assert f"gescript gesprek ontbreekt: {authored / 'scripts' / 'mijn-woz' / 'dismissive.txt'}" in result.output
    assert "Traceback" not in result.output


def test_scripts_folder_option(invoke, tmp_path: Path) -> None:
    folder = tmp_path / "mijn-scripts"
    folder.mkdir()
    for name in ("good", "dismissive"):
        shutil.copy(SCRIPTS / f"{name}.txt", folder)
    result = invoke("test", SCENARIO, "--scripts", folder, "--seeds", "0", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {c["script"] for c in data["calls"]} == {"good", "dismissive"}
    missing = invoke("test", SCENARIO, "--scripts", tmp_path / "nergens")
    assert missing.exit_code == 2 and "bestaat niet" in missing.output


def test_all_reports_a_scenario_without_scripts_and_tests_the_others(invoke, user_library: Path) -> None:
    result = invoke("test", "--all", "--library", user_library, "--seeds", "0", env={"COLUMNS": "300"})
    assert result.exit_code == 1
    text = result.stdout
    missing = user_library / "scripts" / "mijn-woz" / "good.txt"
    assert f"✗ mijn-woz NIET GESLAAGD: gescript gesprek ontbreekt: {missing}" in text
    assert f"✓ {SCENARIO} GESLAAGD (3 gesprekken)" in text
    assert "geslaagd" in result.stderr


def test_all_and_a_scenario_together_is_a_usage_error(invoke) -> None:
    result = invoke("test", SCENARIO, "--all")
    assert result.exit_code == 2 and "niet allebei" in result.output


def test_match_shows_a_key_point_with_the_matched_phrase(invoke) -> None:
    sentence = "Als u het er niet mee eens bent, kunt u binnen zes weken bezwaar maken."
    result = invoke("match", SCENARIO, sentence, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (item,) = [f for f in data["found"] if f["kind"] == "key_info"]
    assert item["id"] == "bezwaartermijn" and item["words"] and item["words"].lower() in sentence.lower()
    assert item["rule"]
    assert data["recognised"] is True
    assert data["previous"] == Library.open().scenario(SCENARIO).opening[0]
    shown = invoke("match", SCENARIO, sentence)
    assert "kerninformatie" in shown.output and "bezwaartermijn" in shown.output and "Niets herkend" not in shown.output


def test_match_goes_through_the_callers_and_scorers_readings() -> None:
    library = Library.open()
    scenario = library.scenario(SCENARIO)
    found = match(scenario, "U heeft drie maanden de tijd voor bezwaar.", get_analyzer())
    kinds = {(f.kind, f.id) for f in found.found}
    assert ("misinformation", "bezwaartermijn") in kinds
    # the caller believes it (a reaction, no pushback): it is not angered by it, the premature answer angers it
    assert ("event", "misinformation") not in kinds
    assert ("reaction", "misinformation") in kinds
    assert ("event", "premature_solution") in kinds and found.emotion[1] > found.emotion[0]
    wrong = next(f for f in found.found if f.kind == "misinformation")
    assert wrong.words == "drie maanden" and wrong.rule == "claim bezwaartermijn = 3 maanden"


def test_match_a_paraphrase_that_triggers_nothing_says_so(invoke) -> None:
    result = invoke("match", SCENARIO, "Die waarde hangt samen met de markt van toen.")
    assert result.exit_code == 0, result.output
    assert "Niets herkend" in result.output and f"coach show {SCENARIO} --trainer" in " ".join(result.output.split())
    data = json.loads(invoke("match", SCENARIO, "Die waarde hangt samen met de markt van toen.", "--json").stdout)
    assert data["recognised"] is False and not [f for f in data["found"] if f["kind"] == "key_info"]


def test_match_previous_line_changes_what_is_pending(invoke) -> None:
    calm = invoke("match", SCENARIO, "Ik begrijp het.", "--previous", "Nou, dat was het.", "--json")
    asked = invoke("match", SCENARIO, "Ik begrijp het.", "--previous", "Hoe kan dat nou?", "--json")
    events = [{f["id"] for f in json.loads(r.stdout)["found"] if f["kind"] == "event"} for r in (calm, asked)]
    assert "ignored_question" not in events[0] and "ignored_question" in events[1]


def test_a_fresh_template_validates_without_warnings_and_passes_its_own_test(invoke, tmp_path: Path) -> None:
    """coach new scenario writes the scenario, its schema and two scripted trainees (the worked example), so an author
    starts from a file that coach validate and coach test accept, in a team folder colleagues can read."""
    import os

    old = os.umask(0o022)
    try:
        made = invoke("new", "scenario", "heffing-vers", "--library", tmp_path)
    finally:
        os.umask(old)
    assert made.exit_code == 0, made.output
    scenario = tmp_path / "scenarios" / "heffing-vers.yaml"
    scripts = tmp_path / "scripts" / "heffing-vers"
    assert {p.name for p in scripts.iterdir()} == {"good.txt", "dismissive.txt"}
    assert scenario.stat().st_mode & 0o044 and (scripts / "good.txt").stat().st_mode & 0o044  # not 0600 here
    checked = invoke("validate", scenario, "--json")
    assert checked.exit_code == 0 and "waarschuwing" not in checked.output, checked.output
    tested = invoke("test", "heffing-vers", "--library", tmp_path, "--seeds", "0-1")
    assert tested.exit_code == 0 and "GESLAAGD" in tested.output, tested.output
    again = invoke("new", "scenario", "heffing-vers", "--library", tmp_path, "--force")
    assert again.exit_code == 0 and "Gescripte medewerker" not in again.output  # an author's scripts stay


def test_match_refuses_an_empty_previous_line_and_sentence(invoke) -> None:
    for args in (["-p", "", "Wat is er gebeurd?"], ["--previous", "  ", "Wat is er gebeurd?"], [""]):
        result = invoke("match", "woz-hoger-dan-buren", *args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stdout == "" and result.stderr.startswith("Fout: ")


def test_test_json_says_an_error_as_json(invoke) -> None:
    result = invoke("test", "--json", "MISSING")
    assert result.exit_code == 2
    error = json.loads(result.stdout)
    assert (error["scenario"], error["ok"]) == ("MISSING", False)
    assert "onbekend scenario 'MISSING'" in error["error"] and "Fout: onbekend scenario" in result.stderr
