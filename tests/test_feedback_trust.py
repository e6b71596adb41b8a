"""Feedback a trainer can sign: the quote is the turn that does what the line says, nothing to judge is no perfect
score, verdicts follow the ending, and a report never contradicts itself (issue 14)."""

from __future__ import annotations

import pytest

from coach.analyzer import get_analyzer
from coach.feedback import evaluate
from coach.feedback.consistency import contradictions
from coach.formats import Transcript
from coach.library import Library
from tests.test_feedback_signals import OPENING, measure, transcript


@pytest.fixture(scope="module")
def lib() -> Library:
    return Library.open()


def with_outcome(t: Transcript, outcome: str, scenario: str | None = None) -> Transcript:
    return Transcript.model_validate({**t.model_dump(), "outcome": outcome, "scenario": scenario})


GOOD_CALL = (
    ("c", "Goedemiddag, ik bel over de aanslag. Waarom is die zo hoog?", 5),
    ("l", OPENING + " Wat ziet u op de aanslag?"),
    ("c", "Het bedrag is veel hoger dan vorig jaar en ik snap niet waarom.", 4),
    ("l", "Als ik u goed begrijp, is het bedrag hoger dan vorig jaar en wilt u weten waarom. Klopt dat?"),
    ("c", "Ja, precies.", 3),
    ("l", "De waarde van uw huis is gestegen. Daardoor is de belasting ook hoger. Is dat zo duidelijk?"),
    ("c", "Ja, dank u.", 2),
    ("l", "Kan ik verder nog iets voor u doen? Dan dank ik u voor uw telefoontje en nog een fijne dag."),
)


def test_a_goodbye_in_the_same_sentence_as_the_thanks_is_found_and_quoted(lib: Library) -> None:
    result = measure(lib, "closing", *GOOD_CALL)
    assert result.value == 1 and result.detail == "Afsluiting compleet."
    quoted = " ".join(e.text for e in result.evidence)
    assert "fijne dag" in quoted and "nog iets voor u doen" in quoted


def test_a_call_without_any_closing_says_so_in_words(lib: Library) -> None:
    result = measure(lib, "closing", ("c", "Hallo?"), ("l", OPENING), ("c", "Ik wil iets vragen."), ("l", "Oké."))
    assert result.value == 0 and "geen afsluiting" in result.detail


def test_an_explicit_summary_is_chosen_over_a_question_that_gives_back_a_word(lib: Library) -> None:
    result = measure(
        lib,
        "summary_captures_concern",
        ("c", "Ik heb een brief gekregen over de WOZ-waarde en die is veel te hoog."),
        ("l", OPENING + " U zegt te hoog, hoe komt u daarop?"),
        ("c", "De buren hebben een lagere waarde, terwijl hun huis groter is."),
        ("l", "Als ik u goed begrijp, vindt u de WOZ-waarde te hoog omdat de buren een lagere waarde hebben."),
        scenario="woz-hoger-dan-buren",
    )
    assert result.evidence and result.evidence[0].text.startswith("Als ik u goed begrijp")


def test_no_explanation_given_is_no_perfect_score_for_clarifying_first(lib: Library) -> None:
    result = measure(
        lib,
        "clarify_before_solution",
        ("c", "Waarom moet ik zoveel betalen?"),
        ("l", "Dat staat in de regels."),
        ("c", "Welke regels?"),
        ("l", "Ja, dat staat erin."),
    )
    assert result.value != 1.0
    assert result.value is None or "Eerst de vraag verhelderd" not in result.detail


def test_answering_straight_away_gets_part_credit_and_a_true_detail(lib: Library) -> None:
    result = measure(
        lib,
        "clarify_before_solution",
        ("c", "Hoe lang heb ik om bezwaar te maken?"),
        ("l", OPENING),
        ("c", "Hoe lang heb ik om bezwaar te maken?"),
        ("l", "U kunt binnen zes weken bezwaar maken."),
    )
    assert 0 < result.value < 1 and "meteen antwoord" in result.detail


def test_a_rhetorical_reaction_of_the_caller_needs_no_answer(lib: Library) -> None:
    result = measure(
        lib,
        "caller_questions_answered",
        ("c", "Ik bel toch niet voor mijn plezier?"),
        ("l", OPENING),
        ("c", "Dus het ligt aan mij? Mooi is dat."),
        ("l", "Ik begrijp dat u boos bent."),
    )
    assert result.value is None  # no real question was asked


def test_a_calm_caller_is_no_emotion_trajectory_to_score(lib: Library) -> None:
    result = measure(lib, "emotion_trajectory", ("c", "Hallo.", 2), ("l", OPENING), ("c", "Fijn.", 2), ("l", "Oké."))
    assert result.value is None and "rustig" in result.skipped


def test_a_call_too_short_to_judge_has_no_dimension_scores_and_no_pass(lib: Library) -> None:
    t = with_outcome(transcript(("c", "Hallo, ik heb een vraag.", 4), ("l", OPENING)), "stopped", "woz-hoger-dan-buren")
    fb = evaluate(t, lib.rubric("standaard"), get_analyzer(), lib.scenario("woz-hoger-dan-buren"))
    assert fb.passed is None and fb.overall is None
    assert fb.verdict and fb.verdict[0].startswith("te kort om te beoordelen")
    assert all(d.score is None and d.reason.startswith("te kort") for d in fb.dimensions.values())


@pytest.mark.parametrize("outcome", ["hung_up", "unsatisfied", "stopped"])
def test_a_call_that_ends_badly_does_not_pass_whatever_its_scores(lib: Library, outcome: str) -> None:
    t = with_outcome(transcript(*GOOD_CALL), outcome)
    fb = evaluate(t, lib.rubric("standaard"), get_analyzer())
    satisfied = evaluate(with_outcome(t, "satisfied"), lib.rubric("standaard"), get_analyzer())
    assert fb.overall == satisfied.overall  # the scores stay; only the verdict changes
    assert fb.passed is False and fb.verdict
    assert satisfied.verdict == [] or satisfied.passed is False


def test_a_dimension_of_only_mistakes_avoided_is_not_judged(lib: Library) -> None:
    calm = transcript(*[(s, t, 2) if s == "c" else (s, t) for s, t, *_ in GOOD_CALL])
    fb = evaluate(calm, lib.rubric("beginner"), get_analyzer())
    toon = fb.dimensions["toon"]  # beginner toon: emotion (skipped: calm caller), no jargon, no dismissive words
    assert toon.score is None and "alleen fouten vermeden" in toon.reason
    assert not any("vaktaal" in s.lower() for s in fb.strengths)


def test_a_criterion_is_never_both_a_strength_and_an_improvement(lib: Library) -> None:
    fb = evaluate(transcript(*GOOD_CALL), lib.rubric("standaard"), get_analyzer())
    strong = {c.description for c in fb.criteria if any(s.startswith(c.description) for s in fb.strengths)}
    tips = {c.tip for c in fb.criteria if c.description in strong}
    assert not tips & set(fb.improvements)


def test_dutch_numbers_agree(lib: Library) -> None:
    one_open = measure(
        lib, "open_questions", ("c", "Hallo."), ("l", "Wat is er gebeurd?"), ("c", "Nou."), ("l", "Heeft u de brief?")
    )
    assert one_open.detail.startswith("1 van de 2 vragen was open")
    none = measure(lib, "dismissive", ("c", "Hallo."), ("l", OPENING))
    assert none.detail == "Geen afwijzende of verdedigende zinnen."


def test_the_consistency_check_finds_a_contradiction(lib: Library) -> None:
    t = with_outcome(transcript(*GOOD_CALL), "hung_up")
    fb = evaluate(t, lib.rubric("standaard"), get_analyzer())
    assert contradictions(fb, t) == []
    forged = fb.model_copy(update={"passed": True})
    assert any("hung_up" in p for p in contradictions(forged, t))
    quote = (
        fb.criteria[0].model_copy(
            update={"evidence": [fb.criteria[0].evidence[0].model_copy(update={"text": "Nooit gezegd."})]}
        )
        if fb.criteria[0].evidence
        else None
    )
    if quote is not None:
        assert any("staat niet in beurt" in p for p in contradictions(fb.model_copy(update={"criteria": [quote]}), t))


def test_a_rubric_without_the_hidden_concern_criterion_still_agrees_with_the_summary(lib: Library) -> None:
    """Whether the concern came out is read from the call, not from the rubric's criteria: a rubric that leaves the
    criterion out must not report 'niet ontdekt' next to a summary that captured it (found by the fuzz test)."""
    from coach import loader
    from coach.formats import Rubric
    from tests.helpers import DATA

    call = loader.load(sorted((DATA / "feedback").rglob("*.yaml"))[0], "transcript")
    data = lib.rubric("standaard").model_dump(mode="json")
    listening = data["dimensions"]["luisteren"]
    listening["criteria"] = [c for c in listening["criteria"] if c["signal"] != "hidden_concern_found"]
    feedback = evaluate(call, Rubric.model_validate(data), get_analyzer(), lib.scenario("woz-hoger-dan-buren"))
    summary = next(c for c in feedback.criteria if c.signal == "summary_captures_concern")
    assert any("onderliggende zorg" in e.note for e in summary.evidence)
    assert feedback.call["hidden_concern_found"] is True and contradictions(feedback, call) == []


def _advice(lib: Library, scenario: str, *turns: tuple) -> dict[str, str]:
    t = Transcript.model_validate({**transcript(*turns).model_dump(), "scenario": scenario, "outcome": "stopped"})
    feedback = evaluate(t, lib.rubric("standaard"), get_analyzer(), lib.scenario(scenario))
    return {a.criterion: a.better for a in feedback.advice}


def test_tips_speak_of_this_callers_question(lib: Library) -> None:
    better = _advice(
        lib,
        "heffing-incasso-dubbel-afgeschreven",
        ("c", "Goedemorgen, Smulders hier. Er is twee keer 84 euro 60 afgeschreven. Hoe kan dat?", 3),
        ("l", OPENING + " Wat ziet u precies?"),
        ("c", "Twee keer 84 euro 60, allebei op 27 november. Moet ik nou zelf iets doen bij de bank?", 3),
        ("l", "U krijgt het geld uiterlijk vrijdag vanzelf terug."),
        ("c", "Oké.", 2),
        ("l", "Fijne dag verder."),
    )
    said = " ".join(better.values())
    assert "bedrag zo hoog" not in said and "schrikt u van het bedrag" not in said  # another caller's question
    summary = next(v for v in better.values() if v.startswith("Als ik u goed begrijp"))
    assert "termijn 9 twee keer van uw rekening" in summary  # the scenario's said_back


def test_the_unanswered_question_tip_quotes_the_callers_own_question(lib: Library) -> None:
    from coach.feedback.advice import Advisor
    from coach.feedback.call import Call
    from coach.feedback.model import Evidence

    scenario = lib.scenario("heffing-incasso-dubbel-afgeschreven")
    t = transcript(
        ("c", "Goedemorgen, Smulders hier. Er is twee keer 84 euro 60 afgeschreven.", 3),
        ("l", OPENING + " Wat ziet u precies?"),
        ("c", "Twee keer 84 euro 60, allebei op 27 november. Moet ik nou zelf iets doen bij de bank?", 3),
        ("l", "Mag ik uw aanslagnummer?"),
    )
    advisor = Advisor(Call(t, scenario, get_analyzer()))
    moment = Evidence(turn=3, speaker="caller", text=t.turns[2].text, note="vraag van de beller")
    assert advisor.example("caller_questions_answered", moment) == (
        "U vroeg: ‘Moet ik nou zelf iets doen bij de bank?’ Daar wil ik eerst antwoord op geven."
    )


def test_an_apology_for_a_mistake_is_no_acknowledged_feeling(lib: Library) -> None:
    """Evidence round 5: "Oh wacht, nee, sorry, dat mag ik niet beloven." was quoted as naming the caller's feeling;
    the caller does not hear it as empathy either (Analyzer.only_apology, one reading for both)."""
    upset = ("c", "Dus het ligt weer aan mij. Lekker is dat. Ik ben het echt zat.", 8)
    apology = measure(
        lib,
        "emotion_acknowledged",
        ("c", "Ik bel over de aanmaning.", 5),
        ("l", OPENING),
        upset,
        ("l", "Nee wacht, sorry, ik zie het nu. Omdat uw geld er op tijd was, vervallen de kosten. Ik haal ze eraf."),
    )
    assert apology.value == 0, apology.detail
    named = measure(
        lib,
        "emotion_acknowledged",
        ("c", "Ik bel over de aanmaning.", 5),
        ("l", OPENING),
        upset,
        ("l", "Ik hoor dat u het echt zat bent, dat snap ik. Omdat uw geld er op tijd was, vervallen de kosten."),
    )
    assert named.value == 1, named.detail
