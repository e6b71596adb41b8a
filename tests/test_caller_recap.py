"""Asked for a teach-back, the caller says back what was covered in its own words (the scenario's ``recap`` lines for
the key points conveyed and the proposals accepted), not the trainee's sentences in the first person (round-15 audit:
"teach-back parrots my exact wording")."""

from __future__ import annotations

import pytest

from coach.analyzer import get_analyzer
from coach.caller import CallerBrain
from coach.formats.scenario import Scenario
from coach.library import Library

ANALYZER = get_analyzer()
OPENING = "Goedemorgen meneer Van der Veen, u spreekt met Anneke van Belastingen. Wat is er gebeurd?"
NEWS = (
    "'Niet-ontvankelijk' betekent dat wij uw bezwaar niet hebben bekeken, omdat het te laat binnenkwam. "
    "Een vakantie telt helaas niet als goede reden."
)
OFFER = "Wat ik wel kan doen: een taxateur belt u binnen twee weken over het dak. Is dat goed?"
RECAPS = {
    ("key_info", "te-laat"): "mijn bezwaar kwam te laat",
    ("key_info", "vakantie-geen-reden"): "vakantie telt niet als reden",
    ("proposals", "taxateur-belt"): "de taxateur belt me over het dak",
}


def scenario(lib: Library, recaps: dict[tuple[str, str], str]) -> Scenario:
    s = lib.scenario("woz-termijn-gemist")
    update = {}
    for name in ("key_info", "proposals"):
        update[name] = [item.model_copy(update={"recap": recaps.get((name, item.id))}) for item in getattr(s, name)]
    return s.model_copy(update=update)


def play(s: Scenario, turns: list[str]) -> list[str]:
    brain = CallerBrain(s, ANALYZER, 0)
    previous = brain.start().text
    out = []
    for turn in turns:
        previous = brain.plan(turn, ANALYZER.analyze(turn, previous), previous).text
        out.append(previous)
    return out


@pytest.fixture(scope="module")
def lib() -> Library:
    return Library.open()


def test_the_teach_back_is_the_callers_own_words_of_what_was_covered(lib: Library) -> None:
    replies = play(
        scenario(lib, RECAPS),
        [OPENING, NEWS, OFFER, "Kunt u in uw eigen woorden zeggen wat er nu gaat gebeuren?"],
    )
    said = replies[-1]
    assert "mijn bezwaar kwam te laat, vakantie telt niet als reden en de taxateur belt me over het dak" in said
    assert "belt u" not in said  # not the trainee's sentence


def test_asked_what_it_will_do_the_caller_says_the_agreements_only(lib: Library) -> None:
    replies = play(scenario(lib, RECAPS), [OPENING, NEWS, OFFER, "Wat gaat u nu doen, denkt u?"])
    assert "de taxateur belt me over het dak" in replies[-1]
    assert "te laat" not in replies[-1]


def test_a_teach_back_asked_twice_is_not_said_word_for_word_again(lib: Library) -> None:
    ask = "Kunt u in uw eigen woorden zeggen wat er nu gaat gebeuren?"
    replies = play(scenario(lib, RECAPS), [OPENING, NEWS, OFFER, ask, ask])
    assert "taxateur belt me" in replies[-2] and "taxateur belt me" not in replies[-1]


def test_nothing_covered_is_nothing_said_back(lib: Library) -> None:
    replies = play(scenario(lib, RECAPS), [OPENING, "Kunt u in uw eigen woorden zeggen wat er nu gaat gebeuren?"])
    assert not any(x in replies[-1] for x in RECAPS.values())


def test_without_recaps_the_agreement_is_said_back_from_the_trainees_words(lib: Library) -> None:
    replies = play(
        scenario(lib, {}), [OPENING, NEWS, OFFER, "Kunt u in uw eigen woorden zeggen wat er nu gaat gebeuren?"]
    )
    assert "taxateur" in replies[-1]


def test_a_recap_ending_in_a_full_stop_is_a_located_problem(lib: Library) -> None:
    s = scenario(lib, {("key_info", "te-laat"): "mijn bezwaar kwam te laat."})
    problems = [(where, what) for where, what, _ in s.issues()]
    index = [k.id for k in s.key_info].index("te-laat")
    assert (("key_info", index, "recap"), "recap eindigt met een leesteken") in problems


def test_a_step_the_trainee_states_is_said_back_in_the_callers_words(lib: Library) -> None:
    """ "Dan meld ik Sjors af" is no question, yet a step agreed: said back with the key point, in the scenario's
    words, not as "dan meldt u Sjors af per 6 januari, en het geld ..." (the trainee's sentence)."""
    turns = [
        "Goed, dan meld ik Sjors af per 6 januari, en het geld wordt verrekend met de volgende termijnen van de "
        "incasso.",
        "Wilt u in uw eigen woorden zeggen wat er nu gebeurt?",
    ]
    brain = CallerBrain(lib.scenario("heffing-hondenbelasting"), ANALYZER, 0)
    previous = brain.start().text
    for turn in turns:
        previous = brain.plan(turn, ANALYZER.analyze(turn, previous), previous).text
    recaps = {p.id: p.recap for p in lib.scenario("heffing-hondenbelasting").proposals}
    assert recaps["nu-afmelden"] in previous and "6 januari" not in previous


def test_overlapping_recaps_are_said_once(lib: Library) -> None:
    """A key point and an agreement that say much the same ("een taxateur kan de waarde nakijken", "een taxateur
    kijkt naar de waarde en belt me") are one clause, the later one."""
    turns = [
        "Ik hoor dat u daar erg van geschrokken bent. Wat is er gebeurd?",
        "Wat ik voor u ga doen: ik vraag een taxateur om u deze week nog te bellen.",
        "Kunt u in uw eigen woorden zeggen wat er nu gaat gebeuren?",
    ]
    brain = CallerBrain(lib.scenario("woz-hoger-dan-buren"), ANALYZER, 0)
    previous = brain.start().text
    for turn in turns:
        previous = brain.plan(turn, ANALYZER.analyze(turn, previous), previous).text
    assert previous.lower().count("taxateur") == 1, previous
