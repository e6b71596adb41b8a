"""Attempts to game the scorer (issue 15): a stuffed message, the same plus the scenario's key facts, parroting the
caller, copying the /hint text. Played against the offline caller, none passes any rubric; a sentence said again
earns nothing new, and a check counts only after something was explained."""

from __future__ import annotations

import pytest

from coach.analyzer import get_analyzer
from coach.caller import make_caller
from coach.feedback import evaluate
from coach.feedback.call import Call
from coach.feedback.hints import hint_for
from coach.formats import Scenario, Transcript
from coach.library import Library
from coach.session import Session

STUFFED = (
    "Goedemorgen, u spreekt met Sanne van Belastingen. Ik begrijp dat u schrikt, dat is ook vervelend. "
    "Wat is er precies gebeurd? Kunt u dat toelichten? Dus als ik het goed begrijp gaat het om uw aanslag. "
    "Ik ga het voor u uitzoeken en ik bel u morgen voor 12 uur terug. Is dat duidelijk zo?"
)
CLOSE = "Is er nog iets anders? Dan wens ik u een fijne dag, dag!"
SCENARIOS = ["woz-hoger-dan-buren", "kwijtschelding-auto-afgewezen", "invordering-aanmaning-boos", "woz-termijn-gemist"]
RUBRICS = ["beginner", "standaard", "boze-beller", "examen"]


def _play(scenario: Scenario, strategy: str, turns: int = 6) -> Transcript:
    analyzer = get_analyzer()
    session = Session(scenario, make_caller("offline", scenario, analyzer, 1), analyzer, seed=1)
    session.open()
    facts = " ".join(k.description for k in scenario.key_info)
    for n in range(turns):
        if session.ended:
            break
        last = [t for t in session.turns if t.speaker == "caller"][-1].text
        if strategy == "stuffed":
            text = STUFFED
        elif strategy == "stuffed with the key facts":
            text = f"{STUFFED} {facts}"
        elif strategy == "parrot":
            text = f"U zegt: {last} Kunt u daar meer over vertellen?"
        else:  # the /hint text, copied
            hint = hint_for(scenario, None, session.turns, session.analyses)
            text = hint.example or hint.text
        session.say(f"{text} {CLOSE}" if n == turns - 1 else text)
    if not session.ended:
        session.end("unsatisfied", "einde script")
    return session.transcript()


@pytest.mark.parametrize("strategy", ["stuffed", "stuffed with the key facts", "parrot", "hint"])
def test_no_gaming_script_passes_any_rubric(strategy: str) -> None:
    library, analyzer = Library.open(), get_analyzer()
    for scenario_id in SCENARIOS:
        scenario = library.scenario(scenario_id)
        transcript = _play(scenario, strategy)
        for rubric_id in RUBRICS:
            feedback = evaluate(transcript, library.rubric(rubric_id), analyzer, scenario)
            assert not feedback.passed, (strategy, scenario_id, rubric_id, feedback.overall, feedback.verdict)


def _call(*said: str) -> Call:
    library = Library.open()
    turns = [{"speaker": "caller", "text": "Goedemorgen, ik bel over mijn WOZ-waarde, die is veel te hoog."}]
    for text in said:
        turns += [{"speaker": "learner", "text": text}, {"speaker": "caller", "text": "Ja, dat zei ik toch al."}]
    transcript = Transcript.model_validate({"scenario": "woz-hoger-dan-buren", "turns": turns})
    return Call(transcript, library.scenario("woz-hoger-dan-buren"), get_analyzer())


def test_a_sentence_said_again_earns_nothing_new() -> None:
    question = "Kunt u mij vertellen wat er precies is gebeurd?"
    once = _call(question, "Goed.", "Ik begrijp het.")
    again = _call(question, question, question)
    assert len(once.hits("open_question")) == 1
    assert len(again.hits("open_question")) == 1  # the first time only
    reworded = _call(question, "Kunt u mij vertellen wat er daarna is gebeurd?")
    assert len(reworded.hits("open_question")) == 2  # a new question is new
    stock = _call("Wat bedoelt u precies?", "Goed.", "Wat bedoelt u precies?")
    assert len(stock.hits("open_question")) == 2  # a short stock phrase may come back at a new moment


def test_a_fault_said_again_counts_again() -> None:
    call = _call("Dat is nu eenmaal de regel.", "Dat is nu eenmaal de regel.")
    assert len(call.hits("dismissive")) == 2


def test_a_check_counts_only_after_something_was_explained() -> None:
    library, analyzer = Library.open(), get_analyzer()
    rubric, scenario = library.rubric("standaard"), library.scenario("woz-hoger-dan-buren")

    def check(*said: str):
        feedback = evaluate(_call(*said).transcript, rubric, analyzer, scenario)
        return next(c for c in feedback.criteria if c.signal == "check_understanding")

    early = check("Goedemorgen, met Sanne. Is dat duidelijk zo?", "Wat is er gebeurd?", "Ik begrijp het.")
    assert early.skipped and "niets om te controleren" in early.skip_reason
    late = check(
        "Goedemorgen, met Sanne. Is dat duidelijk zo?",
        "De WOZ-waarde is geschat op basis van verkoopprijzen van vergelijkbare huizen rond 1 januari vorig jaar.",
        "Is dat duidelijk zo?",
    )
    assert late.score is not None and late.score > 0 and late.evidence and late.evidence[0].turn == 6
