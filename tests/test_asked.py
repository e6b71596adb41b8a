"""What a trainee turn asks the caller, and how the caller answers it: question topics, honest 'I don't know',
one reaction per reply, memory, off-script turns, a warning before hanging up, the trainee's last word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach.analyzer import get_analyzer
from coach.analyzer.asked import asked, question_parts
from coach.caller import CallerBrain, make_caller
from coach.errors import FileProblemError
from coach.formats import Scenario
from coach.library import Library
from coach.loader import load, topic_catalogue
from coach.session import Session

ANALYZER = get_analyzer()


@pytest.fixture(scope="module")
def lib() -> Library:
    return Library.open()


def facts_asked(scenario: Scenario, text: str) -> list[str]:
    return [f.fact.id for f in asked(ANALYZER, scenario, ANALYZER.analyze(text)).facts]


def first_reply(scenario: Scenario, text: str, seed: int = 0):
    brain = CallerBrain(scenario, ANALYZER, seed)
    opening = brain.start()
    before = brain.emotion.value
    return brain, before, brain.plan(text, ANALYZER.analyze(text), opening.text)


@pytest.mark.parametrize(
    "text",
    [
        "Heeft u al iets ondertekend",  # verb first, no question mark
        "Ontvangt u een uitkering",  # any verb before 'u'
        "hoeveel haal je eruit per maand",
        "Dan noteer ik even uw naam en adres.",
        "Mag ik vragen op welk adres u woont",
        "uw aanslagnummer graag",
        "naam en adres even voor de zekerheid",
        "Het zou me helpen als ik wist wanneer hij overleden is.",
    ],
)
def test_questions_and_requests_without_a_question_form_ask(text: str) -> None:
    assert question_parts(ANALYZER, ANALYZER.analyze(text))


@pytest.mark.parametrize(
    "text",
    [
        "De termijn is zes weken.",
        "Ik leg uit hoe het werkt: de waarde is geschat op 1 januari.",
    ],
)
def test_statements_ask_nothing(text: str) -> None:
    assert not question_parts(ANALYZER, ANALYZER.analyze(text))


def test_a_summary_asks_no_fact(lib: Library) -> None:
    scenario = lib.scenario("woz-termijn-gemist")
    text = "Als ik u goed begrijp, bent u boos dat er niet naar uw dak wordt gekeken. Klopt dat?"
    assert facts_asked(scenario, text) == []


@pytest.mark.parametrize(
    ("scenario", "text", "fact"),
    [
        ("heffing-huurder-ozb", "Met wie woont u samen?", "gezin"),
        ("heffing-hondenbelasting", "Wanneer is Sjors overleeden", "overleden"),  # a typo of a long word
        ("kwijtschelding-auto-afgewezen", "wnnr heeft u dat besluit binnengekregen", "datum-besluit"),  # chat
        ("invordering-regeling-incasso-mislukt", "Hoeveel staat er nog open", "vorig-jaar"),
        ("woz-taxatieverslag-bureau", "Heeft u al iets ondertekend", "bureau"),
        # the most specific wording wins: the aanmaning, not any letter
        ("invordering-aanmaning-boos", "Wanneer heeft u de aanmaning ontvangen?", "aanmaning-ontvangen"),
        ("invordering-aanmaning-boos", "Wanneer heeft u de aanslag zelf gezien?", "aanslag-gezien"),
        # a question that names no topic is read with the sentence before it
        ("woz-termijn-gemist", "In uw bezwaar noemde u lekkage. Sinds wanneer speelt dat?", "dak"),
        # a scenario's own word is no typo of a shared topic's word ("water" is not "later")
        ("heffing-aanslag-hoger", "Wanneer kreeg u de aanslag voor het water?", "waterschap"),
        # shared topics: a house or a vehicle in one's name is not the caller's name
        ("woz-eigendom-1-januari", "Stond de woning op uw naam?", "woning"),
        ("kwijtschelding-automatisch-vervallen", "Heeft u een brommer op uw naam staan?", "voertuig"),
        ("heffing-rioolheffing-eigenaar-gebruiker", "Waar woont u tegenwoordig?", "nieuw-adres"),
        ("invordering-beslag-bankrekening", "Lukt het u financieel om iets te betalen?", "betaalruimte"),
        ("heffing-incasso-dubbel-afgeschreven", "Is dit de eerste keer dat u ons belt?", "eerder-contact"),
        # a specific wording the buyer topic outranks with is not a mention of the buyers
        ("woz-eigendom-1-januari", "Staat het al op naam van de kopers in het Kadaster?", "kadaster"),
    ],
)
def test_a_fact_is_asked_in_the_ways_trainees_ask(lib: Library, scenario: str, text: str, fact: str) -> None:
    assert facts_asked(lib.scenario(scenario), text)[:1] == [fact]


@pytest.mark.parametrize(
    ("scenario", "text"),
    [
        ("heffing-huurder-ozb", "Hoeveel huur betaalt u per maand?"),  # not 'do you rent'
        ("invordering-dwangbevel-wielklem", "Op welk nummer kan ik u straks terugbellen?"),  # not the aanslagnummer
        ("heffing-hondenbelasting", "Wat is uw e-mailadres?"),
        ("woz-termijn-gemist", "Thuis krijgt u de wind van voren, zei u. Wat bedoelt u daarmee?"),  # asks no fact
    ],
)
def test_a_question_about_something_else_asks_no_fact(lib: Library, scenario: str, text: str) -> None:
    assert facts_asked(lib.scenario(scenario), text) == []


def test_the_caller_answers_what_was_asked_first_with_at_most_one_beat(lib: Library) -> None:
    _, _, plan = first_reply(lib.scenario("heffing-huurder-ozb"), "Met wie woont u samen?")
    assert plan.segments[0].kind == "fact"
    assert "fact:gezin" in plan.revealed
    assert len(plan.segments) <= 2
    assert all(s.kind in ("hint", "empathy", "dismissive", "angrier", "informal_address") for s in plan.segments[1:])


def test_a_question_without_a_fact_gets_an_honest_answer_not_a_prod(lib: Library) -> None:
    # (its own e-mail address every caller knows: that one it gives, see test_caller_questions)
    _, _, plan = first_reply(lib.scenario("heffing-hondenbelasting"), "Hoe heet uw huisarts?")
    assert plan.segments[0].kind in ("unknown_fact", "clarify")
    assert not [r for r in plan.revealed if r.startswith("fact:")]


def test_a_fact_asked_again_is_given_in_the_same_words(lib: Library) -> None:
    scenario = lib.scenario("heffing-hondenbelasting")
    brain, _, first = first_reply(scenario, "Wanneer is Sjors overleden?")
    answer = first.segments[0].text
    text = "Sorry, wanneer is hij ook alweer overleden?"
    again = brain.plan(text, ANALYZER.analyze(text), first.text)
    assert again.segments[0].kind == "fact"
    assert answer in again.segments[0].text
    assert "fact:overleden" not in again.revealed  # told once, not revealed twice
    before = brain.emotion.value
    third = brain.plan(text, ANALYZER.analyze(text), again.text)
    assert answer not in third.segments[0].text  # asked a third time, the caller is annoyed
    assert brain.emotion.value > before


def test_the_caller_does_not_call_its_own_words_jargon(lib: Library) -> None:
    scenario = lib.scenario("woz-termijn-gemist")
    brain = CallerBrain(scenario, ANALYZER, 0)
    brain.start()
    said = "Ik krijg een brief dat mijn bezwaar niet-ontvankelijk is."  # the caller's own words
    text = "Niet-ontvankelijk betekent dat we het bezwaar niet inhoudelijk kunnen behandelen."
    plan = brain.plan(text, ANALYZER.analyze(text), said)
    assert "jargon" not in plan.events
    assert all(s.kind != "jargon" for s in plan.segments)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Sorry, do you speak English? Maybe that is easier for you.", "english"),
        ("ok", "minimal"),
        ("asdfgh jklqwrt", "gibberish"),
        ("Heeft u gisteren nog naar het voetbal gekeken?", "irrelevant"),
        ("Hou toch je mond, zeur.", "insult"),
        ("Nou, " + "het is allemaal heel ingewikkeld en zo, " * 15, "wall"),
    ],
)
def test_off_script_turns_are_recognised(text: str, kind: str) -> None:
    assert ANALYZER.off_script(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Sorry, do you speak English? Maybe that is easier for you.",
        "ok",
        "Hoe was uw weekend? Lekker weer gehad?",
        "Ik begrijp dat het heel vervelend is. " + "Nou ja, zo gaat dat, het loopt zoals het loopt, " * 10,
    ],
)
def test_off_script_turns_never_calm_or_draw_the_worry_out(lib: Library, text: str) -> None:
    for sid in ("kwijtschelding-in-behandeling", "woz-hoger-dan-buren"):
        _, before, plan = first_reply(lib.scenario(sid), text)
        assert plan.emotion >= before
        assert not [r for r in plan.revealed if r.startswith("concern:")]
        assert not {"emotion_reflection", "summary_confirmed", "plain_explanation"} & set(plan.events)


def test_the_caller_warns_before_it_hangs_up(lib: Library) -> None:
    scenario = lib.scenario("invordering-dwangbevel-wielklem")
    brain = CallerBrain(scenario, ANALYZER, 0)
    previous = brain.start().text
    kinds, outcome = [], None
    for text in ["Dat is uw eigen schuld.", "Dat is nu eenmaal zo, mevrouw.", "Regels zijn regels, klaar."] * 2:
        plan = brain.plan(text, ANALYZER.analyze(text), previous)
        kinds += [s.kind for s in plan.segments]
        previous, outcome = plan.text, plan.outcome
        if outcome:
            break
    assert outcome == "hung_up"
    assert "last_warning" in kinds


def test_a_scenario_can_let_the_caller_hang_up_without_a_warning(tmp_path: Path) -> None:
    text = Path(Library.open().path_of("scenario", "invordering-dwangbevel-wielklem")).read_text("utf-8")
    assert "    hang_up_at:" in text
    path = tmp_path / "plots.yaml"
    path.write_text(text.replace("    hang_up_at:", "    warns: false\n    hang_up_at:", 1), "utf-8")
    scenario = load(path, "scenario")
    brain = CallerBrain(scenario, ANALYZER, 0)
    previous = brain.start().text
    kinds = []
    for text in ["Dat is uw eigen schuld.", "Dat is nu eenmaal zo, mevrouw.", "Regels zijn regels, klaar."] * 2:
        plan = brain.plan(text, ANALYZER.analyze(text), previous)
        kinds += [s.kind for s in plan.segments]
        if plan.outcome:
            break
    assert "last_warning" not in kinds


def test_a_question_in_a_closing_turn_is_still_answered(lib: Library) -> None:
    _, _, plan = first_reply(lib.scenario("kwijtschelding-schaamte"), "Ontvangt u een uitkering of nog iets anders?")
    assert plan.outcome is None
    assert plan.segments[0].kind == "fact"


def test_the_trainee_can_say_goodbye_after_the_caller_did(lib: Library) -> None:
    scenario = lib.scenario("woz-hoger-dan-buren")
    session = Session(scenario, make_caller("offline", scenario, ANALYZER, 1), ANALYZER, seed=1)
    session.open()
    session.say("Dat is nu eenmaal zo.")
    with pytest.raises(RuntimeError):
        session.last_word("Dag!")  # the caller has not ended the call
    session.end("unsatisfied", "")
    session.turns.append(session.turns[-1])  # the caller's goodbye is the last turn
    session.last_word("Dag mevrouw, fijne dag nog.")
    assert session.transcript().turns[-1].speaker == "learner"
    assert session.transcript().turns[-1].text == "Dag mevrouw, fijne dag nog."


def test_a_fact_pointing_to_an_unknown_topic_is_a_located_error(tmp_path: Path) -> None:
    text = Path(Library.open().path_of("scenario", "heffing-hondenbelasting")).read_text("utf-8")
    assert "    topic: overlijden\n" in text
    path = tmp_path / "hond.yaml"
    path.write_text(text.replace("    topic: overlijden\n", "    topic: overlijdn\n", 1), "utf-8")
    with pytest.raises(FileProblemError) as err:
        load(path, "scenario", topics=set(topic_catalogue()))
    problem = err.value.problems[0]
    assert "overlijdn" in problem.message
    assert "overlijden" in problem.hint
    assert problem.line > 1


def test_a_fact_needs_a_topic_or_its_own_wordings(tmp_path: Path) -> None:
    text = Path(Library.open().path_of("scenario", "heffing-hondenbelasting")).read_text("utf-8")
    path = tmp_path / "hond.yaml"
    path.write_text(text.replace("    topic: aanslagnummer\n", "", 1), "utf-8")
    with pytest.raises(FileProblemError) as err:
        load(path, "scenario")
    assert "topic of ask" in err.value.problems[0].message


def test_coach_topics_lists_the_topics(invoke) -> None:
    out = invoke("topics").stdout
    assert "huishouden" in out and "Vraagonderwerpen" in out
    import json

    data = json.loads(invoke("topics", "--json").stdout)
    assert {"id", "label", "ask"} <= set(data[0])
    assert any(t.get("outranks") for t in data)


def test_a_library_lexicon_can_add_a_topic(tmp_path: Path) -> None:
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "eigen.yaml").write_text(
        "topics:\n  - id: zwembad\n    label: het zwembad\n    ask: [zwembad]\n", "utf-8"
    )
    lib = Library.open([tmp_path])
    assert "zwembad" in lib.topics()
    assert "huishouden" in lib.topics()


@pytest.mark.parametrize(
    ("said", "back"),
    [
        ("Ik stuur u vandaag nog het formulier.", "u stuurt mij vandaag nog het formulier"),
        ("U krijgt binnen twee weken een brief van ons.", "ik krijg binnen twee weken een brief van jullie"),
        ("Ik zet de controle klaar en ik bel u morgen terug.", "u zet de controle klaar en u belt mij morgen terug"),
        ("Dan krijgt u een brief van ons.", "dan krijg ik een brief van jullie"),  # 'u' after its verb: subject
        ("De taxateur belt u binnen twee weken.", "de taxateur belt mij binnen twee weken"),  # 'u' as object
        ("Zal ik u nu doorverbinden?", "u zult mij nu doorverbinden"),
        ("Ik schrijf erbij dat u geen auto kunt missen.", "u schrijft erbij dat ik geen auto kan missen"),
        ("Ik stuur het per post, of u bekijkt het online.", "u stuurt het per post, of ik bekijk het online"),
        # a fronted phrase of time, then the verb, then 'u': the subject ("hoort mij iets" in the round-7 audit)
        ("Binnen ongeveer acht weken hoort u iets.", "binnen ongeveer acht weken hoor ik iets"),
        ("Volgende week belt de taxateur u.", "volgende week belt de taxateur mij"),
    ],
)
def test_an_agreement_is_said_back_in_the_callers_words(said: str, back: str) -> None:
    assert ANALYZER.said_back(said) == back


def test_asked_what_happens_now_the_caller_says_the_agreement_back(lib: Library) -> None:
    scenario = lib.scenario("woz-hoger-dan-buren")
    brain = CallerBrain(scenario, ANALYZER, 0)
    previous = brain.start().text
    for text in [
        "Ik hoor dat u daar erg van geschrokken bent. Wat is er gebeurd?",
        "Wat ik voor u ga doen: ik vraag een taxateur om u deze week nog te bellen.",
        "Kunt u in uw eigen woorden zeggen wat er nu gaat gebeuren?",
    ]:
        plan = brain.plan(text, ANALYZER.analyze(text), previous)
        previous = plan.text
    assert plan.segments[0].kind == "teach_back"
    assert "taxateur" in plan.text and re.search(r"\b(?:me|mij)\b", plan.text)


def test_a_check_of_the_trainees_own_understanding_is_confirmed(lib: Library) -> None:
    _, _, plan = first_reply(lib.scenario("heffing-huurder-ozb"), "U denkt dat u OZB moet betalen, klopt dat?")
    assert plan.segments[0].kind == "summary_confirmed"


def test_a_step_for_the_caller_is_agreed_to_not_left_to_the_trainee(lib: Library) -> None:
    scenario = lib.scenario("heffing-hondenbelasting")
    brain = CallerBrain(scenario, ANALYZER, 0)
    previous = brain.start().text
    for text in ["Wat vervelend, vertelt u eens.", "Wilt u de rekening van de dierenarts morgen naar ons opsturen?"]:
        plan = brain.plan(text, ANALYZER.analyze(text), previous)
        previous = plan.text
    assert plan.segments[0].kind in ("agree", "proposal")  # the scenario's own acceptance, or a plain yes
    assert "fact:bewijs" not in plan.revealed


@pytest.mark.parametrize(
    ("sentence", "asks"),
    [
        ("twijfelt u daarna, dan belt u ons en komt de taxateur", False),  # a condition, then what happens
        ("Heeft u vragen, dan kunt u ons bellen", False),
        ("Heeft u DigiD", True),
        ("Twijfelt u nog", True),
    ],
)
def test_a_condition_with_the_verb_first_is_no_question(sentence: str, asks: bool) -> None:
    assert ANALYZER.asks_by_word_order(sentence) is asks


@pytest.mark.parametrize(
    ("said", "kept", "never"),
    [
        ("Goed, dan meld ik Sjors af per 6 januari.", "Sjors af", "sjorst"),  # a name is no verb
        ("Dat zet ik erbij.", "erbij", "erbijt"),
    ],
)
def test_a_name_or_a_particle_after_the_subject_is_no_verb(said: str, kept: str, never: str) -> None:
    back = ANALYZER.said_back(said)
    assert kept in back and never not in back, back


def test_yes_or_no_is_no_choice() -> None:
    assert ANALYZER.asks_back("Kunt u dat betalen, ja of nee?") != "choice"
    assert ANALYZER.asks_back("Wilt u het per post of per mail?") == "choice"
