"""The offline caller: deterministic, reacts to how the trainee listens, layered concerns, facts, endings."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

from coach.analyzer import get_analyzer
from coach.caller import make_caller
from coach.errors import UsageError
from coach.formats import Scenario
from coach.library import Library
from coach.loader import load
from coach.session import Session, run_session
from tests.helpers import ROOT

GOOD_WOZ = [
    "Goedemorgen, Belastingen gemeente Lindehoven, u spreekt met Anna de Wit. Wat kan ik voor u doen?",
    "Ik hoor dat u daar erg van geschrokken bent. Kunt u vertellen wat u precies ziet op de aanslag?",
    "U zegt dat het op een slecht moment komt. Wat speelt er op dit moment?",
    "Wat vervelend, dat is veel tegelijk. Als ik u goed begrijp, vindt u de WOZ-waarde te hoog vergeleken met "
    "de buren en bent u bang dat u de lasten alleen niet kunt dragen. Klopt dat?",
    "De WOZ-waarde is geschat op basis van verkoopprijzen van vergelijkbare huizen rond 1 januari 2025.",
    "In het taxatieverslag ziet u met welke huizen we vergeleken hebben. U kunt het gratis inzien met DigiD.",
    "Als u het er niet mee eens bent, kunt u binnen zes weken bezwaar maken, dus tot en met 10 april.",
    "Wat ik voor u ga doen: ik vraag een taxateur om u deze week nog te bellen. Is dat goed?",
    "Kan ik u verder nog ergens mee helpen?",
]
DISMISSIVE = [
    "Ja, met belastingen.",
    "De waarde is gewoon vastgesteld.",
    "Dat is nu eenmaal zo, zo zijn de regels.",
    "Dat had u zelf kunnen lezen.",
    "Rustig maar, mevrouw.",
    "Heeft u verder nog vragen?",
]


@pytest.fixture(scope="module")
def woz() -> Scenario:
    return Library.open().scenario("woz-hoger-dan-buren")


def play(scenario: Scenario, replies: list[str], seed: int = 1):
    analyzer = get_analyzer()
    session = Session(scenario, make_caller("offline", scenario, analyzer, seed), analyzer, seed=seed)
    transcript = run_session(session, replies)
    return transcript, session


def callers(transcript) -> list:
    return [t for t in transcript.turns if t.speaker == "caller"]


def test_same_seed_same_call(woz: Scenario) -> None:
    a, _ = play(woz, GOOD_WOZ, seed=7)
    b, _ = play(woz, GOOD_WOZ, seed=7)
    assert [(t.text, t.emotion) for t in a.turns] == [(t.text, t.emotion) for t in b.turns]


def test_seed_varies_the_lines(woz: Scenario) -> None:
    openings = {play(woz, [], seed=s)[0].turns[0].text for s in range(12)}
    assert len(openings) == 2  # the scenario has two openings and both occur


def test_empathy_lowers_and_dismissal_raises_emotion(woz: Scenario) -> None:
    start = woz.caller.emotion.start
    calm, _ = play(woz, ["Goedemorgen, met Anna van Belastingen.", "Ik hoor dat u erg geschrokken bent."])
    angry, _ = play(woz, ["Goedemorgen, met Anna van Belastingen.", "Zo zijn de regels, dat is nu eenmaal zo."])
    assert callers(calm)[-1].emotion < start
    assert callers(angry)[-1].emotion > start
    assert "emotion_reflection" in calm.turns[-1].meta["events"]
    assert "dismissive" in angry.turns[-1].meta["events"]


def test_hidden_concern_needs_listening(woz: Scenario) -> None:
    not_listening = [
        "Goedemorgen, met Anna van Belastingen.",
        "Heeft u de aanslag ontvangen?",
        "De WOZ-waarde is gebaseerd op verkoopprijzen rond 1 januari 2025.",
        "U kunt binnen zes weken bezwaar maken.",
        "Heeft u DigiD?",
        "Het taxatieverslag kunt u gratis online bekijken.",
    ]
    transcript, _ = play(woz, not_listening)
    revealed = {r for t in callers(transcript) for r in t.revealed}
    assert not any(r.startswith("concern:") for r in revealed)
    assert any("hint" in t.meta.get("kinds", []) for t in callers(transcript)), "the caller does drop a hint"
    listening, _ = play(woz, GOOD_WOZ[:3])
    turn = next(t for t in callers(listening) if "concern:scheiding" in t.revealed)
    assert "uit elkaar" in turn.text


def test_hidden_concern_not_before_the_hint(woz: Scenario) -> None:
    transcript, _ = play(woz, ["Ik hoor dat u erg geschrokken bent. Wat is er gebeurd?"])
    assert not any(r.startswith("concern:") for t in callers(transcript) for r in t.revealed)


def test_good_call_ends_satisfied(woz: Scenario) -> None:
    transcript, _session = play(woz, GOOD_WOZ)
    assert transcript.outcome.value == "satisfied"
    revealed = {r for t in callers(transcript) for r in t.revealed}
    assert {"key_info:waardepeildatum", "key_info:taxatieverslag", "key_info:bezwaartermijn"} <= revealed
    assert "concern:scheiding" in revealed
    assert callers(transcript)[-1].emotion <= woz.caller.emotion.satisfied_at


def test_dismissive_call_hangs_up_and_says_why(woz: Scenario) -> None:
    transcript, session = play(woz, DISMISSIVE)
    assert transcript.outcome.value == "hung_up"
    assert callers(transcript)[-1].emotion >= woz.caller.emotion.hang_up_at
    assert "afwijzende" in session.reason


def test_closing_too_early(woz: Scenario) -> None:
    transcript, session = play(
        woz, ["Goedemorgen, met Anna van Belastingen.", "Fijne dag verder!", "Tot ziens, mevrouw Vermeulen."]
    )
    kinds = [t.meta.get("kinds") for t in callers(transcript)]
    assert ["close_too_early"] in kinds
    assert transcript.outcome.value == "unsatisfied"
    assert "ontbrak" in session.reason


def test_facts_are_given_when_asked(woz: Scenario) -> None:
    transcript, _ = play(woz, ["Mag ik uw aanslagnummer?"])
    reply = callers(transcript)[-1]
    assert "2026.0413.772" in reply.text
    assert "fact:aanslagnummer" in reply.revealed


def test_jargon_makes_the_caller_ask(woz: Scenario) -> None:
    transcript, _ = play(woz, ["De dagtekening van de aanslag is 27 februari."])
    reply = callers(transcript)[-1]
    assert "dagtekening" in reply.text.lower()
    assert "jargon" in reply.meta["events"]


def test_summary_confirmed_or_corrected(woz: Scenario) -> None:
    right, _ = play(woz, ["Als ik u goed begrijp, vindt u de WOZ-waarde te hoog vergeleken met de buren."])
    wrong, _ = play(woz, ["Als ik u goed begrijp, wilt u een betalingsregeling."])
    assert "summary_confirmed" in callers(right)[-1].meta["kinds"]
    assert "summary_corrected" in callers(wrong)[-1].meta["kinds"]


def test_informal_address_is_noticed(woz: Scenario) -> None:
    transcript, _ = play(woz, ["Hoi, met Anna. Wat kan ik voor je doen?"])
    assert "informal_address" in callers(transcript)[-1].meta["kinds"]


def test_lines_do_not_repeat(woz: Scenario) -> None:
    replies = ["Hm.", "Ja.", "Oké.", "Heeft u de brief?", "Bent u de eigenaar?", "Woont u er alleen?", "Ja.", "Oké."]
    transcript, _ = play(woz, replies, seed=3)
    texts = [t.text for t in callers(transcript)]
    assert len(texts) == len(set(texts))


def test_max_turns(tmp_path: Path, woz: Scenario) -> None:
    short = woz.model_copy(update={"end": woz.end.model_copy(update={"max_turns": 3})})
    transcript, _session = play(short, ["Ja.", "Oké.", "Hm.", "Nog iets."])
    assert transcript.outcome.value == "max_turns"
    assert len([t for t in transcript.turns if t.speaker == "learner"]) == 3


def test_caller_with_limited_dutch_asks_for_simpler_words(tmp_path: Path) -> None:
    text = (ROOT / "scenarios" / "woz-hoger-dan-buren.yaml").read_text(encoding="utf-8")
    path = tmp_path / "a2.yaml"
    path.write_text(text.replace("dutch_level: C1", "dutch_level: A2"), encoding="utf-8")
    scenario = load(path, "scenario")
    long_turn = (
        "De waarde van uw woning wordt ieder jaar opnieuw vastgesteld op basis van de verkoopprijzen van "
        "vergelijkbare woningen in de omgeving rond de waardepeildatum van vorig jaar."
    )
    transcript, _ = play(scenario, [long_turn])
    assert callers(transcript)[-1].meta["kinds"][0] in ("unclear", "jargon")
    transcript, _ = play(scenario, ["De waarde is de prijs van uw huis. Op 1 januari vorig jaar."])
    assert "unclear" not in callers(transcript)[-1].meta["kinds"]


def test_scenario_weights_change_the_emotion_model(tmp_path: Path) -> None:
    text = (ROOT / "scenarios" / "woz-hoger-dan-buren.yaml").read_text(encoding="utf-8")
    path = tmp_path / "w.yaml"
    path.write_text(text.replace("      jargon: 2", "      jargon: 3"), encoding="utf-8")
    heavy = load(path, "scenario")
    plain = Library.open().scenario("woz-hoger-dan-buren")
    # (past the first two turns, in which no caller gets near hanging up without a brush-off, and calm enough that
    # no warning caps the rise)
    turns = [
        "Goedemorgen, met Sam van Belastingen. Vertelt u eens?",
        "Wat vervelend dat u daarvan geschrokken bent.",
        "De dagtekening is 27 februari.",
    ]

    def rise(scenario: Scenario) -> int:
        emotions = [t.emotion for t in callers(play(scenario, turns)[0])]
        return emotions[-1] - emotions[-2]

    assert rise(plain) == 2
    assert rise(heavy) == 3


def test_every_shipped_scenario_plays_to_an_end() -> None:
    for scenario in Library.open().load_all("scenario"):
        transcript, _ = play(scenario, DISMISSIVE)
        assert transcript.outcome is not None


def test_unknown_engine() -> None:
    with pytest.raises(UsageError, match="onbekende engine 'ofline'"):
        make_caller("ofline", Library.open().scenario("woz-hoger-dan-buren"), get_analyzer(), 1)


def test_hint_follows_the_moment(woz: Scenario) -> None:
    from coach.feedback.hints import hint_for

    rubric = Library.open().rubric("standaard")
    _, session = play(woz, [])
    assert hint_for(woz, rubric, session.turns, session.analyses).signal == "opening"
    _, session = play(woz, ["Goedemorgen, met Anna. De dagtekening is 27 februari."])
    hint = hint_for(woz, rubric, session.turns, session.analyses)
    assert hint.signal == "jargon" and "dagtekening" in hint.text and "bovenaan de brief" in hint.example
    _, session = play(woz, ["Goedemorgen, met Anna van Belastingen."])
    assert hint_for(woz, rubric, session.turns, session.analyses).signal == "emotion_acknowledged"
    listened = [GOOD_WOZ[0], "Als ik u goed begrijp, vindt u de WOZ-waarde te hoog vergeleken met de buren."]
    _, session = play(woz, listened)
    hint = hint_for(woz, rubric, session.turns, session.analyses)
    assert hint.signal == "hidden_concern_found" and "slecht moment" in hint.text


# --- emotion events, one at a time --------------------------------------------------------------------------------

GREETING = "Goedemorgen, Belastingen gemeente Lindehoven, u spreekt met Anna. Wat kan ik voor u doen?"


def _last(transcript):
    """The last caller turn and how much the emotion moved with it."""
    turns = callers(transcript)
    return turns[-1], turns[-1].emotion - turns[-2].emotion


def test_a_premature_solution_raises_the_emotion(woz: Scenario) -> None:
    reply, moved = _last(play(woz, ["Ik stuur u een bezwaarformulier toe."])[0])
    assert reply.meta["events"] == ["premature_solution"]  # no calming next_step from the same turn
    assert moved > 0
    assert "premature_solution" in reply.meta["kinds"] and "proposal" not in reply.meta["kinds"]
    # the same offer once the caller has been heard calms her
    later, moved = _last(play(woz, [GREETING, "Ik hoor dat u geschrokken bent.", "Ik stuur u een formulier."])[0])
    assert "next_step" in later.meta["events"] and "premature_solution" not in later.meta["events"]
    assert moved < 0


def test_ignoring_the_callers_question_raises_the_emotion(woz: Scenario) -> None:
    transcript, _ = play(woz, ["Ja."])  # the opening ends with a question
    reply, moved = _last(transcript)
    assert "ignored_question" in reply.meta["events"] and moved > 0


def test_a_run_of_closed_questions_raises_the_emotion(woz: Scenario) -> None:
    closed = ["Heeft u de brief bij de hand?", "Heeft u DigiD?", "Bent u de eigenaar?"]
    transcript, _ = play(woz, [GREETING, *closed])
    replies = callers(transcript)
    assert all("closed_question_run" not in t.meta.get("events", []) for t in replies[:-1])
    assert "closed_question_run" in replies[-1].meta["events"]
    assert "closed_question_run" in replies[-1].meta["kinds"]
    assert replies[-1].emotion > replies[-2].emotion


def test_a_plain_explanation_calms(woz: Scenario) -> None:
    turns = [GREETING, "Ik hoor dat u erg geschrokken bent.", "Die waarde is een schatting van de gemeente."]
    reply, moved = _last(play(woz, turns)[0])
    assert reply.meta["events"] == ["plain_explanation"] and moved < 0


def test_a_proposal_is_negotiated_then_accepted(tmp_path: Path) -> None:
    text = (ROOT / "scenarios" / "woz-hoger-dan-buren.yaml").read_text(encoding="utf-8")
    accept = '    accept: ["Ja, graag. Liefst overdag, dan ben ik thuis."]\n'
    assert accept in text
    path = tmp_path / "n.yaml"
    path.write_text(text.replace(accept, accept + '    negotiate: ["Vandaag nog? Ik ben pas na vijven thuis."]\n'))
    scenario = load(path, "scenario")
    offer = "Ik vraag een taxateur om u te bellen."
    transcript, session = play(scenario, [GREETING, "Ik hoor dat u geschrokken bent.", offer, offer])
    first, second = callers(transcript)[-2:]
    assert "Vandaag nog?" in first.text and "proposal:taxateur-belt" not in first.revealed
    assert "Liefst overdag" in second.text and "proposal:taxateur-belt" in second.revealed
    assert session.caller.brain.proposals["taxateur-belt"] == "accepted"


def _reveal_rule(tmp_path: Path, rule: str) -> Scenario:
    text = (ROOT / "scenarios" / "woz-hoger-dan-buren.yaml").read_text(encoding="utf-8")
    start = text.index("      reveal:\n")
    end = text.index("        after_turn: 2\n") + len("        after_turn: 2\n")
    path = tmp_path / "reveal.yaml"
    path.write_text(text[:start] + "      reveal:\n" + rule + text[end:], encoding="utf-8")
    return load(path, "scenario")


def test_the_concern_is_revealed_when_the_emotion_falls_below_the_threshold(tmp_path: Path) -> None:
    neutral = [GREETING, "Ja.", "Oké."]
    calm = _reveal_rule(tmp_path, "        acts: []\n        emotion_below: 10\n        after_turn: 2\n")
    never = _reveal_rule(tmp_path, "        acts: []\n        emotion_below: 1\n        after_turn: 2\n")
    revealed = [r for t in callers(play(calm, neutral)[0]) for r in t.revealed]
    assert "concern:scheiding" in revealed  # no listening needed: the caller is calm enough
    assert not any(r.startswith("concern:") for t in callers(play(never, neutral)[0]) for r in t.revealed)


def test_the_concern_is_revealed_by_an_open_question_on_its_topic(tmp_path: Path) -> None:
    topic = _reveal_rule(tmp_path, "        acts: []\n        keywords: [thuis]\n        after_turn: 2\n")
    on_topic, _ = play(topic, [GREETING, "Heeft u de brief bij de hand?", "Wat speelt er thuis?"])
    off_topic, _ = play(topic, [GREETING, "Heeft u de brief bij de hand?", "Wat staat er op de brief?"])
    assert "concern:scheiding" in callers(on_topic)[-1].revealed
    assert not any(r.startswith("concern:") for t in callers(off_topic) for r in t.revealed)


# --- lines and facts ----------------------------------------------------------------------------------------------

LONG_CALL = [GREETING] + ["Kunt u daar meer over vertellen?", "Wat is er gebeurd?", "Hoe bedoelt u?", "Ja.", "Oké."] * 5


def test_a_long_call_does_not_repeat_itself() -> None:
    for scenario in Library.open().load_all("scenario"):
        for seed in range(3):
            transcript, _ = play(scenario, LONG_CALL[:25], seed=seed)
            texts = [t.text for t in callers(transcript)]
            for a, b in pairwise(texts):
                assert a != b, f"{scenario.id} seed {seed}: said twice in a row: {a}"
            most, count = Counter(texts).most_common(1)[0]
            assert count <= 3, f"{scenario.id} seed {seed}: {count}x {most}"


def test_nothing_more_to_tell_turns_into_a_question(woz: Scenario) -> None:
    transcript, _ = play(woz, [GREETING, *["Kunt u daar meer over vertellen?"] * 6])
    kinds = [k for t in callers(transcript) for k in t.meta.get("kinds", [])]
    assert kinds.count("story_done") == 2
    assert "story_done_again" in kinds
    again = next(t for t in callers(transcript) if "story_done_again" in t.meta["kinds"])
    assert again.text.rstrip().endswith("?")


def test_a_fact_asked_again_is_given_again(woz: Scenario) -> None:
    answers = next(f for f in woz.facts if f.id == "naam-adres").answer
    transcript, _ = play(woz, [GREETING, "Wat is uw adres?", "Wat was uw adres ook alweer?"])
    first, again = callers(transcript)[-2:]
    assert any(a in first.text for a in answers) and "fact:naam-adres" in first.revealed
    assert any(a in again.text for a in answers), again.text
    assert "unknown_fact" not in again.meta["kinds"] and "fact:naam-adres" not in again.revealed
