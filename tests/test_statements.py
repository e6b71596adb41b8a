"""A trainee's statements are heard as statements: the caller does not answer them as a question or a task, and the
reader that the caller and the scorer share does not hear a rule, a wrong claim or a key point that was not said."""

from __future__ import annotations

import json

import pytest

from coach.analyzer import get_analyzer
from coach.analyzer.asked import asked
from coach.caller import CallerBrain
from coach.library import Library

ANALYZER = get_analyzer()


@pytest.fixture(scope="module")
def lib() -> Library:
    return Library.open()


def play(scenario, turns: list[str], seed: int = 0):
    from tests.test_caller_replies import play as played

    return played(scenario, turns, seed)[1]


def test_a_promise_to_mail_is_no_question_for_the_e_mail_address(lib: Library) -> None:
    scenario = lib.scenario("heffing-teruggave-niet-ontvangen")
    assert asked(ANALYZER, scenario, ANALYZER.analyze("Ik stuur u de link per mail.")).facts == ()
    assert [f.fact.id for f in asked(ANALYZER, scenario, ANALYZER.analyze("Uw e-mailadres graag.")).facts] == ["e-mail"]


def test_money_coming_back_is_no_task_for_the_caller(lib: Library) -> None:
    scenario = lib.scenario("heffing-incasso-dubbel-afgeschreven")
    turns = [
        "Goedemorgen, u spreekt met Anne van de gemeente. Wat is er aan de hand?",
        "Dat is vervelend, ik begrijp dat u schrikt. Ik zie inderdaad dat de termijn twee keer is afgeschreven.",
        "U krijgt het geld uiterlijk vrijdag 4 december vanzelf terug op dezelfde rekening.",
        "U hoeft daar zelf niets voor te doen.",
    ]
    for plan in play(scenario, turns)[2:]:
        kinds = [s.kind for s in plan.segments]
        assert "agree" not in kinds, plan.text  # "Ja, dat kan ik wel doen" to money coming back


def test_a_step_the_caller_takes_is_still_agreed_to(lib: Library) -> None:
    scenario = lib.scenario("heffing-hondenbelasting")
    plan = play(
        scenario, ["Wat vervelend, vertelt u eens.", "Dan stuurt u de rekening van de dierenarts naar ons op."]
    )[1]
    assert plan.segments[0].kind in ("agree", "proposal", "key_info")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Kunt u inloggen met DigiD, als ik vragen mag?", None),
        ("Hoeveel zou u op dit moment kunnen betalen?", None),
        ("Kunt u dat aan uw moeder vragen?", "task"),
        ("Wilt u de rekening opsturen?", "task"),
    ],
)
def test_politeness_and_question_words_are_no_task(text: str, kind: str | None) -> None:
    assert ANALYZER.asks_back(text) == kind


def test_a_request_with_a_question_word_gets_the_fact(lib: Library) -> None:
    scenario = lib.scenario("invordering-dwangbevel-wielklem")
    plan = play(scenario, ["zou u vandaag iets kunnen betalen, hoeveel heeft u er staan"])[0]
    assert any(r.startswith("fact:") for r in plan.revealed), plan.text


@pytest.mark.parametrize(
    "text",
    ["Dat is de regel, u moet gewoon wachten.", "Alles staat op de website.", "Dat is niet onze afdeling."],
)
def test_brush_offs_are_dismissive(text: str) -> None:
    assert "dismissive" in ANALYZER.analyze(text).acts


@pytest.mark.parametrize(
    "text",
    [
        "De vermindering geldt ook voor u.",
        "Alles staat ook op de website, ik stuur u de link.",
        "Dat is de regel in Brakeveen: wie op 1 januari een hond heeft, betaalt voor het hele jaar.",
    ],
)
def test_information_is_not_dismissive(text: str) -> None:
    assert "dismissive" not in ANALYZER.analyze(text).acts


def test_an_objection_that_came_in_says_nothing_about_when_the_period_starts(lib: Library) -> None:
    plan = play(lib.scenario("woz-bezwaar-status"), ["Uw bezwaar is op 16 maart binnengekomen."])[0]
    assert not [r for r in plan.revealed if r.startswith("misinformation:")], plan.text


@pytest.mark.parametrize(
    "text",
    [
        "Uitstel van betaling, ja, dat komt zo.",
        "Over uitstel van betaling hebben we het zo nog.",
        "Dat komt straks nog aan bod.",
    ],
)
def test_a_topic_put_off_states_nothing(text: str) -> None:
    assert ANALYZER.asserted_text(text).strip() == ""


def test_money_that_comes_soon_is_still_stated() -> None:
    assert "rekening" in ANALYZER.asserted_text("Dat komt zo op uw rekening, binnen vijf dagen.")


def test_match_shows_the_fact_a_question_asks(invoke) -> None:
    result = invoke("match", "heffing-teruggave-niet-ontvangen", "Mag ik uw e-mailadres?", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert any(f.get("kind") == "fact" and f.get("id") == "e-mail" for f in found["found"]), found


DUBBEL = [
    "Goedemorgen meneer Smulders, u spreekt met Eva. Vervelend! Wat ziet u precies?",
    "Ik zie het, de termijn is twee keer afgeschreven. Dat is onze fout, excuses.",
    "U krijgt het geld uiterlijk vrijdag 4 december vanzelf terug op dezelfde rekening.",
    "Heeft u verder nog vragen, meneer Smulders?",
]


@pytest.mark.parametrize("seed", range(4))
def test_closing_early_the_caller_asks_what_it_was_not_told(lib: Library, seed: int) -> None:
    last = play(lib.scenario("heffing-incasso-dubbel-afgeschreven"), DUBBEL, seed)[-1]
    assert last.segments[0].kind == "close_too_early"
    assert "geld nou terug" not in last.text  # it was told on Friday; its other question is still open
    assert "zelf" in last.text


def test_an_echo_of_what_the_caller_was_told_is_no_question_to_answer(lib: Library) -> None:
    from coach.feedback.call import Call
    from coach.formats import Transcript, Turn

    scenario = lib.scenario("heffing-incasso-dubbel-afgeschreven")
    brain = CallerBrain(scenario, ANALYZER, 3)
    turns = [Turn(speaker="caller", text=brain.start().text)]
    for text in DUBBEL[:3]:
        plan = brain.plan(text, ANALYZER.analyze(text, turns[-1].text), turns[-1].text)
        turns += [Turn(speaker="learner", text=text), Turn(speaker="caller", text=plan.text)]
    assert "?" in turns[-1].text  # "Vrijdag al? Oké, dat is snel."
    call = Call(Transcript(scenario=scenario.id, rubric="standaard", seed=3, turns=turns), scenario, ANALYZER)
    assert call.rhetorical(turns[-1].text.split("?")[0] + "?")
