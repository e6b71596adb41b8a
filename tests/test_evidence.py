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
