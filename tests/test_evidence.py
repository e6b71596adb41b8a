"""Every quote a report shows does what the line next to it says (issue 14, the evidence audit of
bench/evidence.py): the fixes for the causes the blind labellers found, each on a small call."""

from __future__ import annotations

import pytest

from coach.analyzer import get_analyzer
from coach.feedback.call import Call
from coach.library import Library
from tests.test_feedback_signals import OPENING, measure, transcript


@pytest.fixture(scope="module")
def lib() -> Library:
    return Library.open()


def test_a_recap_of_the_agreements_is_no_summary_of_the_caller(lib: Library) -> None:
    turns = (
        ("l", OPENING),
        ("c", "Ik heb die aanslag gewoon betaald, en nu krijg ik een aanmaning met kosten erbovenop."),
        ("l", "Ik zie uw betaling. De kosten van de aanmaning vervallen en u krijgt een bevestiging per post."),
        ("c", "Goed."),
        ("l", "Even samengevat: de kosten van de aanmaning vervallen en u krijgt een bevestiging per post."),
    )
    call = Call(transcript(*turns), None, get_analyzer())
    assert call.summaries == []
    assert [i for i, _, _ in call.recaps] == [4]
    result = measure(lib, "summary_captures_concern", *turns)
    assert result.value == 0.3
    assert "eigen uitleg of de afspraken" in result.evidence[0].note
    assert "niet wat de beller zei" in result.detail


def test_a_summary_in_the_callers_words_still_counts(lib: Library) -> None:
    turns = (
        ("l", OPENING),
        ("c", "Ik heb die aanslag gewoon betaald, en nu krijg ik een aanmaning met kosten erbovenop."),
        ("l", "Kort gezegd: u heeft de aanslag betaald en toch een aanmaning met kosten gekregen."),
    )
    call = Call(transcript(*turns), None, get_analyzer())
    assert [i for i, _, _ in call.summaries] == [2]
    assert call.recaps == []


def test_the_summary_quote_runs_to_the_sentence_that_touches_the_concern(lib: Library) -> None:
    result = measure(
        lib,
        "summary_captures_concern",
        ("l", OPENING),
        ("c", "Mijn ex is op 1 oktober vertrokken. Nu krijg ik een aanslag voor een meerpersoonshuishouden."),
        ("l", "Als ik u goed begrijp, is uw ex in oktober vertrokken. U betaalt nu voor twee personen. Klopt dat?"),
        scenario="heffing-huishouden-eenpersoons",
    )
    assert result.value == 0.8
    quote = result.evidence[0].text
    assert quote.startswith("Als ik u goed begrijp") and quote.endswith("twee personen.")
    assert "Klopt dat?" not in quote


def test_an_offer_is_no_follow_up_question(lib: Library) -> None:
    result = measure(
        lib,
        "doorvragen",
        ("l", OPENING),
        ("c", "Het gaat mij erom of ik dat formulier kan aanvragen, en hoe."),
        ("l", "Ja, dat kan. U vult het formulier in en stuurt het terug. Zal ik het formulier naar u opsturen?"),
    )
    assert result.value == 0
    assert result.evidence == []


CALLER_LATE = "Jullie behandelen mijn bezwaar niet, omdat ik op vakantie was. Dat meent u toch niet?"


def test_giving_back_the_callers_words_does_not_state_key_information(lib: Library) -> None:
    echoed = measure(
        lib,
        "key_info",
        ("l", OPENING),
        ("c", CALLER_LATE),
        ("l", "Als ik u goed begrijp, behandelen we uw bezwaar niet omdat het te laat was door uw vakantie."),
        scenario="woz-termijn-gemist",
    )
    assert echoed.value == 0 and echoed.evidence == []
    told = measure(
        lib,
        "key_info",
        ("l", OPENING),
        ("c", CALLER_LATE),
        ("l", "Als ik u goed begrijp, was het door uw vakantie. U was te laat: de termijn liep tot en met 10 april."),
        scenario="woz-termijn-gemist",
    )
    assert told.value == 0.25
    assert [e.text for e in told.evidence] == ["U was te laat: de termijn liep tot en met 10 april."]


def test_jargon_explained_in_the_next_sentence_is_explained(lib: Library) -> None:
    caller = ("c", "Er stond vanochtend een deurwaarder aan de deur. Wat is er aan de hand?")
    explained = measure(
        lib,
        "jargon",
        ("l", OPENING),
        caller,
        ("l", "Er is op 9 juni een dwangbevel gemaakt. Dat is een officieel bevel om binnen twee dagen te betalen."),
    )
    assert explained.value == 0 and explained.evidence == []
    # explained in more jargon, it is not explained
    more_jargon = measure(
        lib,
        "jargon",
        ("l", OPENING),
        caller,
        ("l", "Er is op 9 juni een dwangbevel gemaakt. Dat is een executoriale titel."),
    )
    assert "dwangbevel" in more_jargon.evidence[0].text


@pytest.mark.parametrize(
    ("said", "wrong"),
    [
        # the value is about the documents, not about the term for an appeal named the sentence before
        (
            "Tegen een afwijzing kunt u in beroep. Bij de aanvraag doet u bankafschriften van de laatste drie maanden.",
            [],
        ),
        # 'dat' stands for the appeal: a wrong term, quoted
        ("Tegen een afwijzing kunt u in beroep. Dat kan binnen drie maanden.", ["Dat kan binnen drie maanden."]),
        (
            "Tegen de afwijzing kunt u binnen drie maanden in beroep.",
            ["Tegen de afwijzing kunt u binnen drie maanden in beroep."],
        ),
    ],
)
def test_a_wrong_value_is_read_where_its_sentence_names_the_subject(lib: Library, said: str, wrong: list[str]) -> None:
    result = measure(
        lib,
        "misinformation",
        ("l", OPENING),
        ("c", "Ik kom niet meer rond. Kan ik kwijtschelding krijgen?"),
        ("l", said),
        scenario="kwijtschelding-schaamte",
    )
    assert [e.text for e in result.evidence] == wrong
    assert result.value == len(wrong)


def test_the_acknowledged_feeling_is_quoted_where_it_is_named(lib: Library) -> None:
    result = measure(
        lib,
        "emotion_acknowledged",
        ("l", OPENING),
        ("c", "Nog één zo'n opmerking en ik hang op. Ik ben echt geschrokken van die brief.", 8),
        ("l", "Sorry mevrouw, excuses. Ik hoor dat u echt geschrokken bent van die brief."),
    )
    assert result.value == 1.0
    assert [e.text for e in result.evidence] == ["Ik hoor dat u echt geschrokken bent van die brief."]


def test_listening_first_is_quoted_from_an_open_question_over_a_later_closed_one(lib: Library) -> None:
    result = measure(
        lib,
        "clarify_before_solution",
        ("l", OPENING),
        ("c", "Ik heb op 5 mei betaald en toch krijg ik een aanmaning met kosten."),
        ("l", "Wat vervelend. Wat is er precies gebeurd?"),
        ("c", "Ik heb het hele bedrag overgemaakt, met het nummer erbij."),
        ("l", "Weet u toevallig op welke dag onze afdeling de aanmaningsrun heeft gedraaid?"),
        ("c", "Nee, hoe zou ik dat moeten weten?"),
        ("l", "De aanmaning is van 7 mei en uw betaling kwam op 6 mei binnen. De kosten vervallen daarom."),
    )
    assert result.value == 1.0
    assert result.evidence[0].text == "Wat is er precies gebeurd?"


# --- evidence round 6 fixes: the causes the labels of rounds 1-5 named (tuned on those labels) ---------------------


def test_a_follow_up_picks_up_the_callers_words_in_the_question_itself(lib: Library) -> None:
    """'Alleen' in 'woont u alleen?' after 'Alleen mijn AOW' is too common to show listening; a question after an
    explanation does not pick up the explanation's words."""
    result = measure(
        lib,
        "doorvragen",
        ("l", OPENING),
        ("c", "Alleen mijn AOW. En een klein pensioentje van mijn man."),
        ("l", "Dank u. En woont u alleen, of woont er nog iemand bij u in huis?"),
        ("c", "Ik hoop dat het niet te veel gedoe wordt met die aanslag."),
        ("l", "De aanslag is voor afval en riool, dat gaat in termijnen. Heeft u DigiD?"),
    )
    assert result.value == 0
    assert result.evidence == []


def test_giving_back_earlier_words_before_the_question_is_a_follow_up(lib: Library) -> None:
    turns = (
        ("l", OPENING),
        ("c", "Ik heb bezwaar gemaakt. En het komt deze maand ook gewoon slecht uit."),
        ("l", "Mag ik uw naam en adres?"),
        ("c", "Jeroen Dekker, Molenstraat 22."),
        ("l", "Dank u, meneer Dekker. U zei net dat het deze maand slecht uitkomt. Hoe zit dat precies?"),
    )
    result = measure(lib, "doorvragen", *turns)
    assert result.value >= 1
    quote = result.evidence[0].text
    assert quote == "U zei net dat het deze maand slecht uitkomt. Hoe zit dat precies?"
    assert "slecht" in result.evidence[0].note


def test_the_callers_name_is_no_word_to_pick_up(lib: Library) -> None:
    result = measure(
        lib,
        "doorvragen",
        ("l", OPENING),
        ("c", "Met Wilma Brouwer. Ik heb een brief gekregen."),
        ("l", "Goedemiddag."),
        ("c", "Ja, met mevrouw Brouwer."),
        ("l", "Gecondoleerd, mevrouw Brouwer. Hoe gaat het met u, mevrouw Brouwer?"),
        scenario="heffing-overlijden-erven",
    )
    assert result.value == 0


@pytest.mark.parametrize(
    "text",
    [
        "Een lediging is elke keer dat de vuilniswagen uw grijze container leegt.",
        "Het papier dat u kreeg heet een exploot.",
        "De beschikking is gewoon de brief met de WOZ-waarde.",
        "Een dwangbevel is de laatste brief, met extra kosten.",
    ],
)
def test_a_term_defined_in_its_own_sentence_is_no_jargon(lib: Library, text: str) -> None:
    result = measure(lib, "jargon", ("l", OPENING), ("c", "Wat betekent dat?"), ("l", text))
    assert result.value == 0, result.evidence


def test_a_term_without_definition_is_still_jargon(lib: Library) -> None:
    result = measure(lib, "jargon", ("l", OPENING), ("c", "En nu?"), ("l", "Het papier dat u kreeg is een exploot."))
    assert result.value == 1


def test_a_stage_direction_and_a_question_the_caller_answers_itself_ask_nothing() -> None:
    from coach.analyzer.callerlines import questions_to_answer

    assert questions_to_answer("[zucht] Oké, eerlijk? Het gaat slecht met de zaak.") == []
    assert questions_to_answer("Wat ik er zelf uit haal? Minder dan een bijstandsuitkering, denk ik.") == []
    assert questions_to_answer("Wat moet ik nu doen?") == ["Wat moet ik nu doen?"]
    assert questions_to_answer("Moet ik nu betalen? Mijn zoon leest de brieven.") == ["Moet ik nu betalen?"]


def test_the_opening_reads_a_name_before_van_and_the_organisation_only_where_it_names_one() -> None:
    a = get_analyzer()
    assert a.opening_parts("Goedemorgen, Sanne van Belastingen Zuidwaarde. Dat zoek ik voor u uit.") == {
        "greeting",
        "name",
        "organisation",
    }
    assert "name" not in a.opening_parts("Goedemorgen meneer Van Dijk van de gemeente?")
    # 'kwijtschelding' as the topic of the second sentence names no organisation
    parts = a.opening_parts("goedemiddag meneer hoogland, met jeroen. voor de winkel kan geen kwijtschelding.")
    assert parts == {"greeting", "name"}
    assert "organisation" in a.opening_parts("Goedemorgen. Met Sanne van Belastingen.")


def test_the_scenarios_own_organisation_counts_in_the_opening(lib: Library) -> None:
    scenario = lib.scenario("heffing-overlijden-erven")
    own = next(w for w in scenario.municipality.split() if w[:1].isupper() and "Belasting" not in w and len(w) > 4)
    result = measure(
        lib, "opening", ("l", f"Goedemorgen, {own}, met Sander."), ("c", "Ja."), scenario="heffing-overlijden-erven"
    )
    assert result.value == 1


@pytest.mark.parametrize(
    ("text", "dismissive"),
    [
        ("u heeft bezwaar gemaakt en toch is er afgeschreven, klopt dat", False),
        ("Wat een drama was dat he.", False),
        ("Dat snap ik, maar ik had ook een beetje het idee dat het niet alleen om die brief gaat.", False),
        ("Dat snap ik, maar u moet gewoon betalen.", True),
        ("Maak er geen drama van.", True),
    ],
)
def test_giving_back_a_complaint_or_exploring_is_no_brush_off(text: str, dismissive: bool) -> None:
    assert get_analyzer().analyze(text).has("dismissive") is dismissive


def test_a_turn_that_only_explains_is_not_quoted_for_the_concern_that_came_out_after_it(lib: Library) -> None:
    from coach.feedback.signals import IMPLEMENTATIONS
    from coach.formats import Transcript
    from tests.test_feedback_signals import criterion

    scenario = lib.scenario("kwijtschelding-schaamte")
    hidden = scenario.concerns.hidden[0]

    def played(trainee: str):
        turns = [
            {"speaker": "learner", "text": OPENING},
            {"speaker": "caller", "text": "Ik heb een vraag over de aanslag."},
            {"speaker": "learner", "text": trainee},
            {"speaker": "caller", "text": "Ik schaam me gewoon.", "revealed": [f"concern:{hidden.id}"]},
        ]
        call = Call(Transcript.model_validate({"turns": turns}), scenario, get_analyzer())
        return IMPLEMENTATIONS["hidden_concern_found"](call, criterion(lib, "hidden_concern_found"))

    explained = played("Kwijtschelding kan voor afval en riool. U vult een formulier in.")
    assert explained.value == 1
    assert [e.speaker for e in explained.evidence] == ["caller"]
    asked = played("Kwijtschelding kan voor afval en riool. Wat maakt het zo lastig om te bellen?")
    assert [e.speaker for e in asked.evidence] == ["learner", "caller"]
    assert asked.evidence[0].text == "Wat maakt het zo lastig om te bellen?"
