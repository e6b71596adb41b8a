"""Asked for a teach-back, the caller says back what was covered in its own words (the scenario's ``recap`` lines for
the key points conveyed and the proposals accepted), not the trainee's sentences in the first person (round-15 audit:
"teach-back parrots my exact wording")."""

from __future__ import annotations

import pytest

from coach.analyzer import get_analyzer
from coach.caller import CallerBrain
from coach.formats.scenario import Scenario
from coach.library import Library
from tests.helpers import play_scenario

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


def played(s: Scenario, turns: list[str]) -> tuple[CallerBrain, list]:
    """The caller's brain after ``turns`` (seed 0), and its plan for each."""
    return play_scenario(s, turns)


def play(s: Scenario, turns: list[str]) -> list[str]:
    """The caller's replies to ``turns``."""
    return [plan.text for plan in played(s, turns)[1]]


@pytest.fixture(scope="module")
def lib() -> Library:
    return Library.open()


def test_the_teach_back_is_the_callers_own_words_of_what_was_covered(lib: Library) -> None:
    replies = play(
        scenario(lib, RECAPS),
        [OPENING, NEWS, OFFER, "Kunt u in uw eigen woorden zeggen wat er nu gaat gebeuren?"],
    )
    said = replies[-1]
    # the agreement first, then the key points
    assert "de taxateur belt me over het dak, mijn bezwaar kwam te laat en vakantie telt niet als reden" in said
    assert "belt u" not in said  # not the trainee's sentence


def test_asked_what_it_will_do_the_caller_says_the_agreements_only(lib: Library) -> None:
    replies = play(scenario(lib, RECAPS), [OPENING, NEWS, OFFER, "Wat gaat u nu doen, denkt u?"])
    assert "de taxateur belt me over het dak" in replies[-1]
    assert "te laat" not in replies[-1]


def test_a_teach_back_asked_again_is_said_once_more_then_not(lib: Library) -> None:
    """Asked again, the caller says it once more as it said it ("Zoals ik zei: ..."); a third time, that it knows."""
    ask = "Kunt u in uw eigen woorden zeggen wat er nu gaat gebeuren?"
    replies = play(scenario(lib, RECAPS), [OPENING, NEWS, OFFER, ask, ask, ask])
    assert "taxateur belt me" in replies[-3]
    assert "ik zei:" in replies[-2] and "taxateur belt me" in replies[-2], replies[-2]
    assert "taxateur belt me" not in replies[-1], replies[-1]


def test_nothing_covered_is_nothing_said_back(lib: Library) -> None:
    """Asked before anything was said, the caller says it does not know yet (no recap, no 'Ik denk het wel')."""
    replies = play(scenario(lib, RECAPS), [OPENING, "Kunt u in uw eigen woorden zeggen wat er nu gaat gebeuren?"])
    assert "weet" in replies[-1] and "niet" in replies[-1], replies[-1]
    assert not any(x in replies[-1] for x in RECAPS.values())


def test_asked_whether_it_is_clear_the_caller_says_two_points_at_most(lib: Library) -> None:
    replies = play(scenario(lib, RECAPS), [OPENING, NEWS, OFFER, "Is dat zo duidelijk?"])
    assert sum(x in replies[-1] for x in RECAPS.values()) == 2, replies[-1]


def test_recaps_with_commas_of_their_own_are_sentences(lib: Library) -> None:
    recaps = {
        ("key_info", "te-laat"): "mijn bezwaar kwam te laat, dus er wordt niet naar gekeken",
        ("key_info", "vakantie-geen-reden"): "vakantie telt niet als reden",
        ("proposals", "taxateur-belt"): "de taxateur belt me over het dak",
    }
    said = play(scenario(lib, recaps), [OPENING, NEWS, OFFER, "Kunt u in uw eigen woorden zeggen wat er nu gebeurt?"])
    assert (
        ": de taxateur belt me over het dak. Mijn bezwaar kwam te laat, dus er wordt niet naar gekeken. En vakantie "
        "telt niet als reden." in said[-1]
    ), said[-1]


def test_a_key_point_stated_wrongly_since_is_not_said_back(lib: Library) -> None:
    turns = [
        "Goedemorgen, met Sam van Belastingen. Wat is er gebeurd?",
        "Bezwaar maken kan binnen zes weken na de datum op de brief.",
        "Sorry, u heeft daar acht weken voor.",
        "Kunt u in uw eigen woorden zeggen wat er nu gaat gebeuren?",
    ]
    previous = play(lib.scenario("woz-hoger-dan-buren"), turns)[-1]
    assert "zes weken" not in previous and "bezwaar kan" not in previous, previous


def test_a_time_the_caller_asked_for_is_no_agreement_until_the_trainee_agrees(lib: Library) -> None:
    """ "Kan het na vijven?" is the caller's wish, not what was agreed: the teach-back says the trainee's step, not the
    recap with the caller's time in it."""
    turns = [
        "Goedemiddag, met Daan van Belastingen. Wat kan ik voor u doen?",
        "Mijn collega van Invordering belt u morgenochtend om tien uur terug.",
        "Kunt u in uw eigen woorden zeggen wat er nu gaat gebeuren?",
    ]
    previous = play(lib.scenario("woz-bezwaar-toch-betalen"), turns)[-1]
    assert "vijven" not in previous and "tien uur" in previous, previous


def test_an_agreement_no_proposal_covers_is_said_back_with_the_recaps(lib: Library) -> None:
    """ "Ik stuur u vandaag de brochure over de WOZ" is no proposal of the scenario: said back next to the recaps,
    not lost."""
    turns = [
        OPENING,
        NEWS,
        OFFER,
        "En ik stuur u vandaag nog een brochure over de WOZ-waarde.",
        "Kunt u in uw eigen woorden zeggen wat er nu gebeurt?",
    ]
    said = play(scenario(lib, RECAPS), turns)[-1]
    assert "brochure" in said and "taxateur belt me" in said, said


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
    previous = play(lib.scenario("heffing-hondenbelasting"), turns)[-1]
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
    previous = play(lib.scenario("woz-hoger-dan-buren"), turns)[-1]
    assert previous.lower().count("taxateur") == 1, previous


def test_a_recap_names_no_number_or_date_the_trainee_need_not_have_said(lib: Library) -> None:
    """ "tot zes weken na de datum op de brief" when a phrase of the point holds no such number: a located problem;
    a time the caller asked for itself before agreeing (a proposal's negotiate line) may be said back."""
    s = lib.scenario("woz-termijn-gemist")
    index = [k.id for k in s.key_info].index("ambtshalve")
    bad = s.model_copy(
        update={
            "key_info": [
                k.model_copy(update={"recap": "binnen twee weken kijkt een taxateur in april"})
                if k.id == "ambtshalve"
                else k
                for k in s.key_info
            ]
        }
    )
    problems = {where: what for where, what, _ in bad.issues()}
    assert problems[("key_info", index, "recap")].startswith("recap noemt 2, april")
    toch = lib.scenario("woz-bezwaar-toch-betalen")
    negotiated = [p for p in toch.proposals if p.negotiate]
    assert negotiated and not [w for w, *_ in toch.issues() if w[-1:] == ("recap",)]


@pytest.mark.parametrize(
    "text",
    [
        "Wilt u nog even herhalen wat we afgesproken hebben?",
        "Kunt u nog een keer zeggen wat we afspreken?",
        "Even voor de zekerheid, wat gaat u hem vertellen en vragen?",
        "Even checken of het helder is: hoe gaat u die nieuwe rekening doorgeven?",
        "Ik vraag het nog één keer simpel: waar gaat u vanavond de nieuwe rekening invullen?",
        "Wat hebben we afgesproken?",
    ],
)
def test_a_teach_back_asked_in_other_words_is_a_teach_back(text: str) -> None:
    """Round-16 audit: these got "Prima, doet u dat maar.", a fact about the rekening or the opening story."""
    assert ANALYZER.asks_back(text) == "teach_back"


@pytest.mark.parametrize("text", ["Hoe gaat u dat betalen?", "Waar woont u?", "Hoe gaat het met u?"])
def test_other_questions_are_no_teach_back(text: str) -> None:
    assert ANALYZER.asks_back(text) != "teach_back"


def test_a_teach_back_and_a_fact_in_one_turn_are_both_answered(lib: Library) -> None:
    """ "Wilt u herhalen wat we afspraken? En mag ik uw aanslagnummer?": the number and the teach-back, in that
    order; a date asked inside the teach-back ("wat u gaat doen, en voor welke datum?") is part of it, no fact."""
    both = play(
        scenario(lib, RECAPS),
        [OPENING, NEWS, OFFER, "Wilt u nog even herhalen wat we afgesproken hebben? En wat is uw aanslagnummer?"],
    )[-1]
    assert both.startswith("2026.1894.027") and "taxateur belt me over het dak" in both, both
    inside = play(
        scenario(lib, RECAPS),
        [OPENING, NEWS, OFFER, "Kunt u in uw eigen woorden zeggen wat u nu gaat doen, en voor welke datum?"],
    )[-1]
    assert "17 april" not in inside and "taxateur belt me over het dak" in inside, inside
    joined = play(
        scenario(lib, RECAPS),
        [OPENING, NEWS, OFFER, "Kunt u herhalen wat we afgesproken hebben, en wat is uw aanslagnummer?"],
    )[-1]
    assert "2026.1894.027" in joined and "taxateur belt me over het dak" in joined, joined


def test_talk_about_the_talk_is_no_agreement_to_say_back(lib: Library) -> None:
    """ "Nou eh, dan zet ik het even op een rij, momentje." arranges nothing: not said back ("Dan zet u het even op
    een rij, momentje.", round-16 audit)."""
    turns = [OPENING, NEWS, OFFER, "Nou eh, dan zet ik het even op een rij, momentje.", "Wat hebben we afgesproken?"]
    said = play(scenario(lib, RECAPS), turns)[-1]
    assert "op een rij" not in said and "taxateur belt me" in said, said


def test_with_a_fact_and_a_teach_back_a_warning_still_speaks(lib: Library) -> None:
    """Review: the fact + teach-back reply dropped the hang-up warning the caller had already counted."""
    turns = ["Doe niet zo moeilijk, meneer. Wat is uw aanslagnummer? En kunt u herhalen wat we afgesproken hebben?"]
    brain, plans = played(lib.scenario("woz-termijn-gemist"), turns)
    plan = plans[-1]
    kinds = [s.kind for s in plan.segments]
    assert "fact" in kinds and "teach_back" in kinds, kinds
    assert brain.warned and "last_warning" in kinds, kinds


@pytest.mark.parametrize(
    ("text", "teach_back"),
    [
        ("Hoe gaat u dat doen, per mail of per post?", False),
        ("Hoe gaat u dat doen zonder auto?", False),
        ("Hoe gaat u dat regelen met uw werk?", False),
        ("Wat hebben we nog niet besproken?", False),
        ("Weet u nog wat we afgesproken hebben?", True),
        ("Wat zijn we overeengekomen?", True),
        ("hoe gaat u die nieuwe rekening doorgeven, en wanneer moet het uiterlijk binnen zijn?", True),
    ],
)
def test_a_how_question_is_a_teach_back_only_when_it_asks_the_step(text: str, teach_back: bool) -> None:
    assert (ANALYZER.asks_back(text) == "teach_back") is teach_back


def test_a_step_with_content_after_the_talk_words_is_said_back(lib: Library) -> None:
    """ "Dan leg ik het voor aan mijn teamleider" arranges something ("leg het" is no talk about the talk here)."""
    turns = [
        OPENING,
        "Dan leg ik het voor aan mijn teamleider.",
        "Kunt u in uw eigen woorden zeggen wat er nu gebeurt?",
    ]
    said = play(scenario(lib, {}), turns)[-1]
    assert "teamleider" in said, said


def test_an_offer_taken_back_is_not_said_back(lib: Library) -> None:
    """Round-17 audit: "u stuurt me het formulier" said back right after "Ik stuur dus geen formulier"; a negation in
    another clause ("..., dan hoeft u niet ...") takes nothing back."""
    offer = "Zal ik een taxateur u laten bellen over het dak?"
    ask = "Kunt u in uw eigen woorden zeggen wat er nu gebeurt?"
    off = play(scenario(lib, RECAPS), [OPENING, NEWS, offer, "Nee wacht, de taxateur belt u niet, u belt zelf.", ask])
    assert "taxateur belt me" not in off[-1], off[-1]
    kept = play(
        scenario(lib, RECAPS), [OPENING, NEWS, offer, "De taxateur belt u, dan hoeft u niet zelf te bellen.", ask]
    )
    assert "taxateur belt me" in kept[-1], kept[-1]


def test_an_offer_the_reply_passed_over_is_no_agreement_and_can_be_made_again(lib: Library) -> None:
    """The caller answered the fact asked with the offer, not the offer: it did not agree (review of round 17)."""
    brain, plans = played(
        scenario(lib, RECAPS),
        [OPENING, NEWS, "Wanneer heeft u bezwaar gemaakt? En zal ik een taxateur u laten bellen over het dak?"],
    )
    plan, previous = plans[-1], plans[-1].text
    if "proposal" not in [x.kind for x in plan.segments]:
        assert "proposal:taxateur-belt" not in brain.covered and brain.proposals.get("taxateur-belt") is None
    again = "Zal ik een taxateur u laten bellen over het dak?"
    plan = brain.plan(again, ANALYZER.analyze(again, previous), previous)
    assert "proposal:taxateur-belt" in brain.covered, plan.text


@pytest.mark.parametrize(
    ("sid", "text", "offered"),
    [
        ("woz-termijn-gemist", "De taxateur komt bij u langs. Dat regel ik vandaag nog.", True),
        ("woz-termijn-gemist", "De taxateur komt langs. Hij kijkt dan naar het dak. Is dat goed?", True),
        ("heffing-aanslag-hoger", "Ik kan u een overzicht op papier sturen. Is dat duidelijk?", True),
        (
            "kwijtschelding-in-behandeling",
            "De brief vraagt om extra papieren: het overzicht van de huur. Die moet u opsturen vóór 1 mei. Heeft u die "
            "papieren thuis?",
            False,
        ),
    ],
)
def test_an_offer_is_the_trainees_own_or_asked_not_the_callers_task(
    lib: Library, sid: str, text: str, offered: bool
) -> None:
    """Review of round 18: offers in statements ("Dat regel ik vandaag nog") are taken; a task for the caller in the
    explanation before a question ("Die moet u opsturen") is no offer of an overview."""
    plan = played(lib.scenario(sid), [OPENING, text])[1][-1]
    assert any(r.startswith("proposal:") for r in plan.revealed) is offered, (plan.revealed, plan.text)


def test_a_negotiated_offer_is_negotiated_only_when_the_caller_says_so(lib: Library) -> None:
    """ "Zal ik de taxateur u laten terugbellen? En wat is uw aanslagnummer?" got the number only: the caller asked
    for no lunch hour, so the next offer is not agreed at a time it never asked for."""
    brain = CallerBrain(lib.scenario("woz-bezwaar-status"), ANALYZER, 0)
    previous = brain.start().text
    turn = "Zal ik de taxateur u laten terugbellen? En wat is uw aanslagnummer?"
    plan = brain.plan(turn, ANALYZER.analyze(turn, previous), previous)
    if "proposal" not in [s.kind for s in plan.segments]:
        assert not brain.proposals, brain.proposals


def test_a_condition_takes_no_agreement_back(lib: Library) -> None:
    ask = "Kunt u in uw eigen woorden zeggen wat er nu gebeurt?"
    turns = [
        OPENING,
        "Zal ik een taxateur u laten bellen over het dak?",
        "Als de taxateur u niet binnen twee weken belt, belt u ons dan gerust.",
        ask,
    ]
    said = play(scenario(lib, RECAPS), turns)[-1]
    assert "taxateur belt me" in said, said
