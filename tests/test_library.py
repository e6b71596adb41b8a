"""Quality gate for the scenario library: every scenario's scripted trainees under seeds 0-4, checked by the same
code as `coach test` (coach.authoring), so the gate and the command never disagree."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.analyzer import get_analyzer
from coach.authoring import ScenarioTest, read_script, test_scenario
from coach.library import Library
from tests.helpers import DATA, ROOT

SCRIPTS = ROOT / "scripts"
LIBRARY = Library.open()
IDS = LIBRARY.ids("scenario")
SEEDS = range(5)


def script(scenario_id: str, kind: str) -> list[str]:
    return read_script(SCRIPTS / scenario_id / f"{kind}.txt")


@pytest.fixture(scope="module", params=IDS)
def tested(request) -> ScenarioTest:
    return test_scenario(LIBRARY, request.param, get_analyzer(), seeds=SEEDS, rubric="standaard")


def test_every_script_is_played_under_every_seed(tested: ScenarioTest) -> None:
    played = {(c.script, c.seed) for c in tested.calls}
    assert {(k, s) for k in ("good", "average", "dismissive") for s in SEEDS} == played


def test_good_trainee_satisfies_the_caller(tested: ScenarioTest) -> None:
    """Satisfied under every seed, every hidden concern revealed, every key point recognised."""
    check = tested.check("good")
    assert check.ok, check.reasons


def test_dismissive_trainee_makes_the_caller_hang_up_or_stay_angry(tested: ScenarioTest) -> None:
    check = tested.check("poor")
    assert check.ok, check.reasons


def test_good_scores_above_average_above_dismissive_and_clearly_on_every_dimension(tested: ScenarioTest) -> None:
    """The average scripts were written blind (issue 14): friendly, part of it right, clear gaps. Good stays at
    least 15 points above dismissive on every dimension of the standaard rubric."""
    check = tested.check("order")
    assert check.ok, check.reasons


def test_the_caller_stays_coherent(tested: ScenarioTest) -> None:
    check = tested.check("coherent")
    assert check.ok, check.reasons


def test_scripts_exist_only_for_real_scenarios() -> None:
    assert {p.name for p in Path(SCRIPTS).iterdir() if p.is_dir()} <= set(IDS)


def test_no_scripts_left_in_the_old_place() -> None:
    """The scripted trainees ship with the library (scripts/ at the top); a branch that added a folder under
    tests/data/scripts must move it there."""
    old = DATA / "scripts"
    assert not old.exists() or not any(old.iterdir()), (
        f"verplaats {sorted(p.name for p in old.iterdir())} naar scripts/"
    )


def test_library_coverage() -> None:
    scenarios = [LIBRARY.scenario(i) for i in IDS]
    assert len(scenarios) >= 16
    for topic in ("woz", "heffing", "invordering", "kwijtschelding"):
        assert sum(s.topic.value == topic for s in scenarios) >= 4, topic
    assert {s.difficulty for s in scenarios} == {1, 2, 3}
    assert any(s.caller.dutch_level in ("A2", "B1") for s in scenarios), "a caller with limited Dutch"
    assert any(s.caller.age and s.caller.age >= 70 for s in scenarios), "an older caller"
    starts = {s.caller.emotion.start for s in scenarios}
    assert min(starts) <= 4 and max(starts) >= 7, "calm as well as very emotional callers"
    assert len({s.caller.name for s in scenarios}) == len(scenarios)
    assert {"standaard", "boze-beller", "beginner", "examen"} <= set(LIBRARY.ids("rubric"))
    examen = LIBRARY.rubric("examen")
    assert all(d.pass_score is not None for d in examen.dimensions.values())
    assert len(LIBRARY.rubric("beginner").dimensions["luisteren"].criteria) < len(
        LIBRARY.rubric("standaard").dimensions["luisteren"].criteria
    )


def _words(*texts: str) -> str:
    return " ".join(texts).lower()


# The caller types and sub-cases the library promises, each found in the persona or the briefing of a scenario.
CALLER_TYPES = {
    "boos": r"boos|woedend|kwaad",
    "angstig": r"bang|angst|paniek",
    "verward": r"verward|in de war|warrig|chaotisch",
    "wantrouwend": r"wantrouw",
    "haastig": r"haast|weinig tijd",
    "verdrietig": r"verdriet|overleden|rouw",
    "ondernemer": r"ondernemer|zzp|zelfstandig",
}
SUB_CASES = {
    "woz": [
        r"buren|buurhuis",
        r"taxatieverslag",
        r"no cure|bureau",
        r"bezwaar .*betal|toch betalen",
        r"zes weken|te laat",
    ],
    "heffing": [r"verhuis", r"overle|erfgena|erven", r"huishouden|eenpersoons|meerpersoons", r"hond", r"huurder|huurt"],
    "invordering": [r"aanmaning|dwangbevel", r"beslag|wielklem", r"betalingsregeling|incasso", r"deurwaarder"],
    "kwijtschelding": [
        r"scha(a)?m",
        r"auto|spaargeld|vermogen",
        r"ondernemer|zelfstandig",
        r"in behandeling|nog niet beslist|aangevraagd",
    ],
}


def test_library_covers_the_promised_callers_and_cases() -> None:
    import re

    scenarios = [LIBRARY.scenario(i) for i in IDS]
    personas = [_words(s.caller.situation, s.caller.speaking_style, s.briefing.summary, s.title) for s in scenarios]
    for kind, pattern in CALLER_TYPES.items():
        assert any(re.search(pattern, p) for p in personas), f"no {kind} caller"
    for topic, cases in SUB_CASES.items():
        texts = [
            _words(s.title, s.briefing.model_dump_json(), s.caller.situation, s.concerns.model_dump_json())
            for s in scenarios
            if s.topic.value == topic
        ]
        for case in cases:
            assert any(re.search(case, t) for t in texts), f"{topic}: no scenario for {case!r}"
    beginner, standaard = LIBRARY.rubric("beginner"), LIBRARY.rubric("standaard")
    beginner_tips = [c.tip for d in beginner.dimensions.values() for c in d.criteria]
    standaard_tips = [c.tip for d in standaard.dimensions.values() for c in d.criteria]
    assert sum(map(len, beginner_tips)) / len(beginner_tips) > sum(map(len, standaard_tips)) / len(standaard_tips), (
        "beginner gives more guidance per criterion"
    )
