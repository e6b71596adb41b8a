"""Each feedback signal on small calls where it clearly should come out high and clearly low."""

from __future__ import annotations

import pytest

from coach.analyzer import get_analyzer
from coach.feedback import evaluate
from coach.feedback.call import Call, Result
from coach.feedback.signals import IMPLEMENTATIONS
from coach.formats import Criterion, Transcript
from coach.library import Library

OPENING = "Goedemorgen, Belastingen gemeente Lindehoven, u spreekt met Anna de Vries."


@pytest.fixture(scope="module")
def lib() -> Library:
    return Library.open()


def transcript(*turns: tuple) -> Transcript:
    """Turns as (speaker, text) or (speaker, text, emotion); 'c' is the caller, 'l' the trainee."""
    data = []
    for turn in turns:
        item = {"speaker": "caller" if turn[0] == "c" else "learner", "text": turn[1]}
        if len(turn) > 2:
            item["emotion"] = turn[2]
        data.append(item)
    return Transcript.model_validate({"turns": data})


def criterion(lib: Library, signal: str) -> Criterion:
    for rubric_id in ("standaard", "boze-beller", "examen"):
        for spec in lib.rubric(rubric_id).dimensions.values():
            for c in spec.criteria:
                if c.signal == signal:
                    return c
    raise AssertionError(f"no shipped rubric uses {signal}")


def measure(lib: Library, signal: str, *turns: tuple, scenario: str | None = None) -> Result:
    call = Call(transcript(*turns), lib.scenario(scenario) if scenario else None, get_analyzer())
    return IMPLEMENTATIONS[signal](call, criterion(lib, signal))


# --- luisteren -------------------------------------------------------------------------------------------------------


def test_doorvragen_a_pick_between_the_trainees_own_options_is_no_follow_up(lib: Library) -> None:
    """'welke wilt u, papier of digid?' after 'ik heb zelf wel DigiD' offers a pick; it picks up nothing the caller
    said (evidence round 16)."""
    result = measure(
        lib,
        "doorvragen",
        ("l", OPENING),
        ("c", "Ja, ik heb zelf wel DigiD. Mijn moeder niet."),
        ("l", "Het kan op papier of met DigiD. Welke wilt u, papier of DigiD?"),
    )
    assert result.value == 0, result.evidence
    asked = measure(
        lib,
        "doorvragen",
        ("l", OPENING),
        ("c", "Ja, ik heb zelf wel DigiD. Mijn moeder niet."),
        ("l", "U zegt dat uw moeder geen DigiD heeft. Hoe regelt zij haar post dan?"),
    )
    assert asked.value == 1, asked.evidence


def test_review32_a_choice_in_the_callers_words_is_still_a_follow_up(lib: Library) -> None:
    """'Kunt u de huur dan niet missen, of gaat het om iets anders?' picks up the caller's words (review)."""
    result = measure(
        lib,
        "doorvragen",
        ("l", OPENING),
        ("c", "Ik kan die 744 euro nu gewoon niet missen, de huur moet ook nog betaald worden."),
        ("l", "Kunt u de huur dan niet missen, of gaat het om iets anders?"),
    )
    assert result.value == 1, result.evidence


@pytest.mark.parametrize(
    "text",
    [
        "Ik zet de incasso vandaag stop zolang de regeling loopt.",
        "Ik regel het vandaag en u krijgt de aanmaning niet.",
        "Ik pas het vandaag aan dus opnieuw bellen is niet nodig.",
        "Daarvoor moet ik helaas eerst overleggen met de taxateur en ik bel u morgen voor twaalf uur terug.",
    ],
)
def test_review32_a_step_with_a_rule_or_a_negation_beside_it_is_still_an_agreement(text: str) -> None:
    assert get_analyzer().analyze(text).of("next_step"), text


def test_doorvragen_counts_questions_on_the_callers_own_words(lib: Library) -> None:
    picked_up = measure(
        lib,
        "doorvragen",
        ("l", OPENING),
        ("c", "Die aanslag komt echt op een slecht moment, alles komt tegelijk."),
        ("l", "U zegt dat alles tegelijk komt op een slecht moment. Wat bedoelt u daarmee?"),
    )
    ignored = measure(
        lib,
        "doorvragen",
        ("l", OPENING),
        ("c", "Die aanslag komt echt op een slecht moment, alles komt tegelijk."),
        ("l", "Wat is uw aanslagnummer?"),
    )
    assert picked_up.value == 1 and ignored.value == 0
    assert picked_up.evidence[0].turn == 3 and "pakt op" in picked_up.evidence[0].note


def test_an_answer_in_the_callers_words_before_a_question_is_no_follow_up(lib: Library) -> None:
    """'Voor de hond moet u wel betalen, die 58 euro. ... Heeft u DigiD?' answers in the caller's words and then asks
    something new: no follow-up (evidence round 13); a short echo before the question still is one."""
    caller = ("c", "Ik wil kwijtschelding voor de hond en het afval. Die 58 euro voor de hond is gewoon te veel.")
    answered = measure(
        lib,
        "doorvragen",
        ("l", OPENING),
        caller,
        ("l", "Voor de hond moet u wel betalen, die 58 euro, kwijtschelding kan alleen voor het afval. Heeft u DigiD?"),
    )
    echoed = measure(
        lib, "doorvragen", ("l", OPENING), caller, ("l", "Die 58 euro voor de hond? Wat maakt het zo veel voor u?")
    )
    assert answered.value == 0 and echoed.value == 1


def test_reading_out_the_file_and_asking_is_no_answer_before_listening(lib: Library) -> None:
    """'dank u. koekoeklaan 31 klopt? ik zie de machtiging op 21 april binnengekomen' reads the file and asks: for the
    feedback as for the caller, nothing is answered yet, so the explanation after a real question comes in order."""
    turns = (
        ("l", OPENING),
        ("c", "Waarom betaal ik in acht termijnen en mijn buurvrouw in tien?"),
        (
            "l",
            "Dank u, momentje. Ja, Koekoeklaan 31. Ik zie de machtiging op 21 april binnengekomen. Ik zie ook de brief "
            "van 22 april. Hoe bent u dat van uw buurvrouw te weten gekomen?",
        ),
        ("c", "Vorige week, online."),
        ("l", "Dan is het zo: na 15 maart krijgt u acht termijnen. Het totaal blijft gelijk."),
    )
    result = measure(lib, "clarify_before_solution", *turns)
    assert result.value == 1 and all(e.turn != 3 or "antwoord" not in e.note for e in result.evidence), result


def test_summary_that_captures_the_hidden_concern_beats_one_that_misses_it(lib: Library) -> None:
    scenario = lib.scenario("woz-hoger-dan-buren")
    hidden = scenario.concerns.hidden[0].keywords[0]
    caller = ("c", "Mijn WOZ-waarde is veel hoger dan die van de buren.")
    kern = measure(
        lib,
        "summary_captures_concern",
        ("l", OPENING),
        caller,
        ("l", f"Als ik u goed begrijp, maakt u zich zorgen over {hidden}. Klopt dat?"),
        scenario=scenario.id,
    )
    mist = measure(
        lib,
        "summary_captures_concern",
        ("l", OPENING),
        caller,
        ("l", "Als ik u goed begrijp, belt u over het weer. Klopt dat?"),
        scenario=scenario.id,
    )
    none = measure(lib, "summary_captures_concern", ("l", OPENING), caller, ("l", "Dat is de waarde."))
    assert kern.value > mist.value > none.value == 0


def test_emotion_reflection_latency_counts_the_turns_until_the_feeling_is_named(lib: Library) -> None:
    angry = ("c", "Dit is toch belachelijk, ik krijg een dwangbevel!", 8)
    quick = measure(
        lib, "emotion_reflection_latency", ("l", OPENING), angry, ("l", "Ik hoor dat u daar erg van geschrokken bent.")
    )
    slow = measure(
        lib,
        "emotion_reflection_latency",
        ("l", OPENING),
        angry,
        ("l", "Wat is uw aanslagnummer?"),
        ("c", "12345.", 8),
        ("l", "Ik hoor dat u daar erg van geschrokken bent."),
    )
    never = measure(lib, "emotion_reflection_latency", ("l", OPENING), angry, ("l", "Wat is uw aanslagnummer?"))
    assert quick.value == 1 and slow.value == 2 and never.value > slow.value
    c = criterion(lib, "emotion_reflection_latency")
    assert c.score(quick.value) > c.score(slow.value) > c.score(never.value)


def test_talk_balance_prefers_a_trainee_who_leaves_room(lib: Library) -> None:
    story = "Ik kreeg vorige week een brief over de WOZ-waarde van mijn huis en die is veel hoger dan bij de buren."
    balanced = measure(
        lib,
        "talk_balance",
        ("c", story),
        ("l", "U schrok van de brief, omdat de waarde veel hoger is dan bij de buren. Wat staat er precies in?"),
        ("c", story),
    )
    monologue = measure(
        lib,
        "talk_balance",
        ("c", "Ik heb een vraag."),
        ("l", " ".join(["De WOZ-waarde wordt elk jaar opnieuw vastgesteld aan de hand van verkopen in de buurt."] * 6)),
    )
    assert balanced.value == 1 and monologue.value < 0.5
    assert monologue.moment is not None and monologue.moment.note == "lange beurt"


def test_talk_balance_reads_only_the_trainees_words(lib: Library) -> None:
    """How long the caller's lines are is the caller's doing (offline, the seed's): the same trainee turns score the
    same against a terse and a wordy caller, and the detail says the trainee's words per turn."""
    trainee = ("l", " ".join(["De waarde gaat uit van verkopen in de buurt op de peildatum."] * 4))
    terse = measure(lib, "talk_balance", ("c", "Hoezo?"), trainee, ("c", "Oké."))
    wordy = measure(lib, "talk_balance", ("c", " ".join(["Ik snap er echt helemaal niets van."] * 8)), trainee)
    assert terse.value == wordy.value < 1
    assert terse.detail == "U sprak gemiddeld 48 woorden per beurt (goed: 7-37)."
    brief = measure(lib, "talk_balance", ("c", "Hoezo?"), ("l", "Waar gaat het om?"), ("c", "Oké."))
    assert brief.value < 1 and "4 woorden" in brief.detail


def test_a_rule_and_its_consequence_is_no_summary(lib: Library) -> None:
    """A rule and what follows from it ("U was op 1 januari belastingplichtige, dus u betaalt ...") is no summary, nor
    the organisation's side ("Dus voor ons telt ..."); "U heeft haast, dus ik hou het kort" gives the caller back."""
    story = ("c", "Ik woon sinds mei niet meer in Haverveld en betaal nog steeds het hele jaar afvalstoffenheffing.")
    rule = "U was op 1 januari eigenaar in Haverveld, dus u betaalt de afvalstoffenheffing voor het hele jaar."
    assert measure(lib, "summary_captures_concern", ("l", OPENING), story, ("l", rule)).value == 0
    ours = "Dus voor ons telt de afvalstoffenheffing in Haverveld voor het hele jaar."
    assert measure(lib, "summary_captures_concern", ("l", OPENING), story, ("l", ours)).value == 0
    hurry = ("c", "Ik heb echt haast, dus kort graag.")
    given_back = measure(
        lib, "summary_captures_concern", ("l", OPENING), hurry, ("l", "U heeft haast, dus ik hou het kort.")
    )
    assert given_back.value > 0 and given_back.evidence[0].text == "U heeft haast, dus ik hou het kort."
    marked = (
        "Als ik het goed begrijp: u woont sinds mei niet meer in Haverveld, dus u betaalt het hele jaar "
        "afvalstoffenheffing voor niets?"
    )
    assert measure(lib, "summary_captures_concern", ("l", OPENING), story, ("l", marked)).value > 0


@pytest.mark.parametrize(
    ("text", "taken_back"),
    [
        ("Sorry, u heeft gelijk. En ik zei iets fout. U hoeft nu niets te betalen.", True),
        ("Ik heb me vergist, het is acht weken.", True),
        ("Ik had het mis.", True),
        ("Ik heb iets fouts gezegd.", True),
        ("In december wordt er niets afgeschreven, echt, ik heb niks verkeerd gezegd.", False),
        ("Ik zei niks fout.", False),
        ("Ik zei dat u het fout deed.", False),
    ],
)
def test_a_take_back_is_no_denial(text: str, taken_back: bool) -> None:
    """ "Ik zei iets fout" takes back what was said (no wrong information, the caller hears a correction); "ik zei niks
    fout" denies it."""
    assert get_analyzer().takes_back(text) is taken_back


def test_caller_questions_answered_or_ignored(lib: Library) -> None:
    asked = ("c", "Waarom is mijn aanslag zo hoog? Ik snap het niet.")
    answered = measure(
        lib,
        "caller_questions_answered",
        ("l", OPENING),
        asked,
        ("l", "De aanslag is hoger omdat de WOZ-waarde van uw huis is gestegen."),
    )
    ignored = measure(lib, "caller_questions_answered", ("l", OPENING), asked, ("l", "Mag ik uw postcode?"))
    assert answered.value == 1 and ignored.value == 0
    assert ignored.evidence[0].text == "Waarom is mijn aanslag zo hoog?"


def test_a_question_inside_a_caller_turn_counts_as_a_question(lib: Library) -> None:
    result = measure(
        lib,
        "caller_questions_answered",
        ("l", OPENING),
        ("c", "Waarom is mijn aanslag zo hoog? Ik snap het niet."),
        ("l", "Mag ik uw postcode?"),
    )
    assert not result.skipped and result.value == 0
    from coach.analyzer.callerlines import caller_questions

    assert caller_questions("Waarom is mijn aanslag zo hoog? Ik snap het niet.") == ["Waarom is mijn aanslag zo hoog?"]
    assert caller_questions("Ik snap het niet.") == []


# --- gespreksopbouw --------------------------------------------------------------------------------------------------


def test_too_fast_to_the_solution(lib: Library) -> None:
    caller = ("c", "Ik heb een brief gekregen over mijn WOZ-waarde.")
    fast = measure(
        lib,
        "clarify_before_solution",
        ("l", OPENING),
        caller,
        ("l", "U kunt binnen zes weken bezwaar maken via het formulier op de website."),
    )
    clarified = measure(
        lib,
        "clarify_before_solution",
        ("l", OPENING),
        caller,
        ("l", "Wat staat er precies in de brief?"),
        ("c", "Dat de waarde hoger is dan vorig jaar."),
        ("l", "U kunt binnen zes weken bezwaar maken via het formulier op de website."),
    )
    assert fast.value == 0 and clarified.value == 1
    assert "te snel naar de oplossing" in fast.detail.lower() and fast.moment is not None


# --- toon ------------------------------------------------------------------------------------------------------------


def test_address_form_u_versus_je(lib: Library) -> None:
    caller = ("c", "Ik heb een vraag over de aanslag.")
    formal = measure(
        lib, "address_form", caller, ("l", "Heeft u de brief bij de hand?"), caller, ("l", "Wat staat er in uw brief?")
    )
    mixed = measure(
        lib, "address_form", caller, ("l", "Heeft u de brief bij de hand?"), caller, ("l", "Wat staat er in je brief?")
    )
    informal = measure(
        lib, "address_form", caller, ("l", "Heb je de brief?"), caller, ("l", "Wat staat er in je brief?")
    )
    assert formal.value == 1 > mixed.value > informal.value == 0
    assert mixed.moment is not None and mixed.moment.turn == 4


def test_b1_readability_short_plain_sentences_beat_long_official_ones(lib: Library) -> None:
    caller = ("c", "Hoe werkt dat?")
    plain = measure(lib, "b1_readability", caller, ("l", "U krijgt een brief. Daarin staat hoeveel u moet betalen."))
    official = measure(
        lib,
        "b1_readability",
        caller,
        (
            "l",
            "Teneinde de waardevaststelling overeenkomstig de desbetreffende wettelijke bepalingen te effectueren "
            "dient u middels het daartoe bestemde formulier binnen de daarvoor geldende termijn uw bezwaarschrift "
            "in te dienen bij de heffingsambtenaar van de gemeente.",
        ),
    )
    assert plain.value > official.value
    assert official.value < 0.5 and official.moment is not None


def test_positive_wording_what_can_beats_what_cannot(lib: Library) -> None:
    caller = ("c", "Kan ik nog iets doen?")
    positive = measure(
        lib, "positive_wording", caller, ("l", "U kunt binnen zes weken bezwaar maken. Dat kan ook online.")
    )
    negative = measure(
        lib,
        "positive_wording",
        caller,
        ("l", "Helaas lukt dat niet, de termijn voor bezwaar is verstreken en daar kunnen wij niets aan doen."),
    )
    assert positive.value > negative.value
    assert negative.moment is not None and negative.moment.turn == 2


def test_emotion_trajectory_follows_the_callers_emotion(lib: Library) -> None:
    calmer = measure(
        lib, "emotion_trajectory", ("c", "Ik ben boos!", 8), ("l", "Dat hoor ik."), ("c", "Oké, dank u.", 3)
    )
    angrier = measure(
        lib, "emotion_trajectory", ("c", "Ik heb een vraag.", 4), ("l", "Zo zijn de regels."), ("c", "Belachelijk!", 9)
    )
    none = measure(lib, "emotion_trajectory", ("c", "Ik ben boos!"), ("l", "Dat hoor ik."), ("c", "Oké."))
    assert calmer.value == 5 and angrier.value == -5
    assert none.skipped  # the trajectory needs emotion values; words alone do not give a start and an end


# --- emotions from the caller's words ------------------------------------------------------------------------------


def test_emotion_in_words_counts_when_the_transcript_has_no_emotion_values(lib: Library) -> None:
    words = (
        ("l", OPENING),
        ("c", "Ik ben echt woedend over die aanslag, en eerlijk gezegd ook doodsbang dat ik het niet kan betalen."),
    )
    ignored = transcript(*words, ("l", "Wat is uw aanslagnummer?"))
    named = transcript(*words, ("l", "Ik hoor dat u daar erg van geschrokken bent. Wat is er gebeurd?"))
    results = [evaluate(t, lib.rubric("boze-beller"), get_analyzer()) for t in (ignored, named)]
    for signal in ("emotion_acknowledged", "emotion_reflection_latency"):
        low, high = (next(c for c in r.criteria if c.signal == signal) for r in results)
        assert not low.skipped and not high.skipped, signal
        assert high.score > low.score, signal
    acknowledged = next(c for c in results[0].criteria if c.signal == "emotion_acknowledged")
    assert acknowledged.tip.startswith("In beurt 3 vroeg u: 'Wat is uw aanslagnummer?'")


def test_emotion_values_stay_authoritative(lib: Library) -> None:
    calm_by_numbers = transcript(
        ("l", OPENING), ("c", "Ik was eerst woedend, maar het is nu opgelost.", 2), ("l", "Wat is uw vraag?")
    )
    result = evaluate(calm_by_numbers, lib.rubric("standaard"), get_analyzer())
    acknowledged = next(c for c in result.criteria if c.signal == "emotion_acknowledged")
    assert (
        acknowledged.skipped and acknowledged.skip_reason == "de emotie van de beller bleef onder 6/10 (hoogstens 2/10)"
    )


def test_feeling_words_ignore_negations_and_neutral_turns() -> None:
    shows_feeling = get_analyzer().feeling
    assert shows_feeling("Ik ben echt woedend.") == "woedend"
    assert shows_feeling("Ik maak me grote zorgen over de betaling.")
    assert shows_feeling("Ik ben niet boos, hoor.") is None
    assert shows_feeling("Ik heb een vraag over mijn aanslag.") is None


def test_a_phrase_given_back_to_ask_on_is_a_follow_up_not_a_summary(lib: Library) -> None:
    """Evidence round 8: 'u zei net dat u thuis de wind van voren krijgt, hoe bedoelt u dat?' was shown as a summary;
    it gives one phrase back to ask on. 'Als ik u goed begrijp, bent u bang dat ...?' still sums up."""
    caller = ("c", "Ik ben er kapot van. En thuis krijg ik ook al de wind van voren, mijn vrouw had het gezegd.")
    probe = measure(
        lib,
        "summary_captures_concern",
        ("l", OPENING),
        caller,
        ("l", "U zei net dat u thuis de wind van voren krijgt, hoe bedoelt u dat?"),
    )
    assert not probe.evidence or "wind van voren" not in probe.evidence[0].text
    summary = measure(
        lib,
        "summary_captures_concern",
        ("l", OPENING),
        caller,
        ("l", "Als ik u goed begrijp, krijgt u thuis de wind van voren omdat uw vrouw het had gezegd?"),
    )
    assert summary.evidence and "wind van voren" in summary.evidence[0].text


def test_a_summary_of_the_trainees_own_explanation_is_no_follow_up(lib: Library) -> None:
    """Evidence round 8: 'Dan vat ik het even samen: er zit 744 euro vast, ...' after the trainee's explanation was
    shown as picking up what the caller just said."""
    result = measure(
        lib,
        "doorvragen",
        ("l", OPENING),
        ("c", "Er staat 744 euro vast op mijn rekening. Ik kan geen boodschappen doen."),
        ("l", "Die 744 euro zit vast, maar geld dat nu binnenkomt kunt u gewoon gebruiken."),
        ("c", "Kan het Geldloket me dan helpen?"),
        ("l", "Ja, dat kunnen ze. Dan vat ik het even samen: er zit 744 euro vast, nieuw geld kunt u gebruiken."),
    )
    assert not any("vat ik het even samen" in e.text for e in result.evidence), result.evidence


@pytest.mark.parametrize(
    "turn",
    [
        "Ik zie hier dat het dwangbevel vanochtend is betekend, u heeft het exploot gekregen toch?",
        "Nee wacht, sorry ik zeg het verkeerd.",
    ],
)
def test_a_confirmation_tag_or_a_self_correction_is_no_listening_first(lib: Library, turn: str) -> None:
    """Evidence round 8: the trainee's own statement with 'toch?' and 'sorry ik zeg het verkeerd' were shown as
    'eerst geluisterd'."""
    result = measure(
        lib,
        "clarify_before_solution",
        ("l", OPENING),
        ("c", "Er stond vanochtend een deurwaarder aan de deur. Hoe kan dat nou?"),
        ("l", turn),
        ("c", "Ja."),
        ("l", "De deurwaarder komt omdat de aanslag niet betaald is. U moet het binnen twee dagen betalen."),
    )
    assert result.value < 1.0 and not any(turn[:20] in e.text for e in result.evidence), result


def test_a_read_back_of_details_or_a_courtesy_is_no_answer_yet(lib: Library) -> None:
    """Evidence round 8: 'lijsterstraat 8, ik heb u. verhuisd op 22 mei naar bremerveld klopt dat?' and 'nee hoor,
    u stoort helemaal niet' were shown as answering straight away."""
    result = measure(
        lib,
        "clarify_before_solution",
        ("l", OPENING),
        ("c", "Ik ben verhuisd en ik betaal nog steeds afvalstoffenheffing. Klopt dat wel?"),
        ("l", "Nee hoor, u stoort helemaal niet. Lijsterstraat 8, ik heb u. Verhuisd op 22 mei, klopt dat?"),
        ("c", "Ja, dat klopt."),
        ("l", "Wat wilt u precies weten over de heffing?"),
        ("c", "Of ik dubbel betaal."),
        ("l", "U betaalt hier tot en met mei, daarna niet meer."),
    )
    assert result.value == 1.0, result


@pytest.mark.parametrize(
    ("text", "dismissive"),
    [
        ("Eh, ja, maar zou u het even willen herhalen?", False),
        ("Ik zie hier dat het dwangbevel is betekend, u heeft het exploot gekregen toch?", False),
        ("Dat is gewoon de regel na een overlijden, het zegt niks over u of over Kees.", False),
        ("U heeft toch die brief gekregen?", True),
        ("Ja, maar dat is nu eenmaal zo.", True),
    ],
)
def test_evidence_round_8_requests_checks_and_reassurance_are_no_brush_off(text: str, dismissive: bool) -> None:
    assert bool(get_analyzer().analyze(text).of("dismissive")) is dismissive


def test_a_summary_with_a_long_question_after_its_comma_is_still_a_summary(lib: Library) -> None:
    """Review: 'Als ik u goed begrijp, wat u vooral dwarszit is dat de deurwaarder terugkomt ...?' sums up."""
    result = measure(
        lib,
        "summary_captures_concern",
        ("l", OPENING),
        ("c", "De deurwaarder stond aan de deur en er staat 744 euro vast. Ik ben bang dat hij terugkomt."),
        (
            "l",
            "Als ik u goed begrijp, wat u vooral dwarszit is dat de deurwaarder terugkomt en dat er 744 euro "
            "vaststaat?",
        ),
    )
    assert result.evidence and "dwarszit" in result.evidence[0].text, result


# --- evidence round 9 ------------------------------------------------------------------------------------------------


def test_a_detail_read_back_is_no_summary_and_no_follow_up(lib: Library) -> None:
    """Evidence round 9: 'dank u, Esdoornhof 5 in Veldhem, ja ik zie het.' and 'r.veenstra@ziggo.nl, genoteerd.'
    were shown as summaries and follow-ups; a read-back of the caller's details checks them, it sums up nothing."""
    turns = (
        ("l", OPENING + " Wat is uw adres?"),
        ("c", "Dat is 4402-2026-0581. Op de Esdoornhof 5 in Veldhem, bij mijn partner. Sinds september."),
        ("l", "dank u, Esdoornhof 5 in Veldhem, ja ik zie het. Ik leg het uit."),
    )
    assert Call(transcript(*turns), None, get_analyzer()).summaries == []
    assert measure(lib, "doorvragen", *turns).value == 0
    told = (
        ("l", OPENING),
        ("c", "Ik woon aan de Esdoornhof, en mijn huurder zegt dat hij dubbel betaalt voor het riool."),
        ("l", "Dus uw huurder zegt dat hij dubbel betaalt voor het riool aan de Esdoornhof, klopt dat?"),
    )
    assert measure(lib, "doorvragen", *told).value == 1


def test_a_recap_of_the_outcome_is_no_summary_of_the_caller(lib: Library) -> None:
    """Evidence round 9: 'Even samengevat: uw betaling kwam vóór de aanmaning binnen, de kosten vervallen, en u
    krijgt dat per post bevestigd.' sums up the trainee's answer (as many words of its own as of the caller's)."""
    turns = (
        ("l", OPENING),
        ("c", "Ik heb een aanmaning gekregen met kosten, terwijl ik al betaald had. Ik wil het op papier."),
        ("l", "Uw betaling kwam binnen voor de aanmaning. De kosten vervallen, u krijgt een bevestiging per post."),
        ("c", "Hm. Dan hoef ik er niet meer aan te denken."),
        (
            "l",
            "Even samengevat: uw betaling kwam vóór de aanmaning binnen, de kosten vervallen, en u krijgt dat per "
            "post bevestigd.",
        ),
    )
    assert Call(transcript(*turns), None, get_analyzer()).summaries == []


def test_a_term_defined_past_a_short_aside_is_explained(lib: Library) -> None:
    """Evidence round 9: 'eh, een dwangbevel is... even kijken hoe ik dat zeg. dat is de laatste brief, een soort
    officieel bevel om te betalen.' and 'een lediging is gewoon 1 keer dat ...' were shown as jargon."""
    for text in (
        "eh, een dwangbevel is... even kijken hoe ik dat zeg. dat is de laatste brief, een soort officieel bevel.",
        "sorry, een lediging is gewoon 1 keer dat de vuilniswagen uw grijze bak leegt.",
    ):
        assert measure(lib, "jargon", ("l", OPENING), ("c", "Wat is dat nou weer?"), ("l", text)).value == 0, text
    assert measure(lib, "jargon", ("l", OPENING), ("c", "Hoe zit het?"), ("l", "Er komt een dwangbevel.")).value == 1


def test_a_yes_but_is_no_acknowledgement_and_a_maybe_is_no_agreement() -> None:
    """Evidence round 9: 'ik begrijp dat dit vervelend is maar het klopt.' took the feeling back; 'En als de waarde
    omlaag gaat, krijgt u het geld terug' and 'ik weet niet zeker of ze dan nog werken, ik vraag of ...' agree
    nothing; 'als het formulier binnen is kunt u bellen en dan kan ik alles vertellen' asks nothing."""
    a = get_analyzer()
    assert "emotion_reflection" not in a.analyze("ik begrijp dat dit vervelend is maar het klopt.", "").acts
    assert "emotion_reflection" in a.analyze("Ik begrijp dat dit vervelend is, maar we lossen het op.", "").acts
    text = "En als de waarde omlaag gaat, krijgt u het te veel betaalde geld terug op uw rekening."
    assert "next_step" not in a.analyze(text, "").acts
    text = "na zessen, ik weet niet zeker of ze dan nog werken, ik vraag of het morgen rond half zes kan."
    assert "next_step" not in a.analyze(text, "").acts
    text = "ik weet niet zeker of mijn collega na vijven belt, maar ik zet in de notitie dat het na vijven moet."
    assert "next_step" in a.analyze(text, "").acts
    text = "als het formulier binnen is kunt u bellen en dan kan ik alles vertellen"
    assert "open_question" not in a.analyze(text, "").acts
    assert "open_question" in a.analyze("Kunt u mij vertellen wat er gebeurd is?", "").acts


def test_the_callers_own_words_given_back_are_no_negative_wording(lib: Library) -> None:
    """Evidence round 9: 'ah, thuiszorg, om tien uur in Oosterend, en met de bus lukt dat niet.' gives the caller's
    words back; it was shown as saying what cannot be done."""
    result = measure(
        lib,
        "positive_wording",
        ("l", OPENING),
        ("c", "Ik werk in de thuiszorg. Om tien uur moet ik in Oosterend zijn. Met de bus lukt dat niet."),
        ("l", "ah, thuiszorg, om tien uur in Oosterend, en met de bus lukt dat niet. Ik kijk wat wel kan."),
    )
    assert not result.evidence, result.evidence


def test_review_of_evidence_round_9_rules() -> None:
    """Review: the narrowed rules of evidence round 9 keep what they should (an invitation with 'dan kan ik het
    uitleggen', jargon that is not defined, an acknowledgement before 'maar dat klopt niet', a step that names what
    is on the letter, a sure step after 'ik weet niet zeker', leave to go on is no open question)."""
    a = get_analyzer()
    assert "open_question" in a.analyze("Kunt u me vertellen wat er gebeurd is, dan kan ik het uitleggen?", "").acts
    for text in (
        "Het gevolg van een dwangbevel is dat de kosten hoger worden.",
        "U krijgt dan een dwangbevel. Dat is vervelend, ja. Dat is ook de regel.",
        "Als u niet betaalt, krijgt u een dwangbevel van de gemeente, dat is dus eigenlijk heel duur.",
        "U kunt in administratief beroep. Bezwaar maken tegen de afwijzing kan niet.",
    ):
        analysis = a.analyze(text, "")
        assert any(not a.explained_nearby(analysis, h) for h in analysis.of("jargon")), text
    text = "Ik begrijp dat u schrikt, maar dat klopt niet, u hoeft niets te betalen."
    assert "emotion_reflection" in a.analyze(text, "").acts
    assert "next_step" in a.analyze("U maakt het bedrag over dat op de brief staat, uiterlijk 30 april.", "").acts
    text = "Ik weet niet zeker of het formulier al binnen is, dus ik stuur u vandaag een nieuw formulier per post."
    assert "next_step" in a.analyze(text, "").acts
    assert "open_question" not in a.analyze("Ja, ga uw gang.", "Mag ik even de brief erbij pakken?").acts


def test_review_an_answer_is_no_echo_and_a_count_no_detail(lib: Library) -> None:
    """Review: 'Nee, in termijnen betalen kan niet.' answers the caller's question and still says what cannot be
    done; 'Al 3 keer gebeld en niemand belt terug.' gives the caller back (a number is no address)."""
    refusal = measure(
        lib,
        "positive_wording",
        ("l", OPENING),
        ("c", "Kan ik het in termijnen betalen?"),
        ("l", "Nee, in termijnen betalen kan niet."),
    )
    assert refusal.value == 0.0
    told = (
        ("l", OPENING),
        ("c", "Ik heb al 3 keer gebeld en niemand belt terug."),
        ("l", "Al 3 keer gebeld en niemand belt terug. Wat vervelend."),
    )
    assert Call(transcript(*told), None, get_analyzer()).summaries


def test_evidence_round_10_rules(lib: Library) -> None:
    """Evidence round 10: 'dus kastanjehof 7 heggedal, mevrouw hazenberg.' and 'Dahliastraat 12, aanslag
    2026.5521.087, klopt dat?' read details back, no summary or follow-up; 'dus u regelt de nieuwe rekening voor 15
    mei via digid, duidelijk?' states a step; 'Hij kan vandaag bellen tot 16.00 uur.' and 'Binnen een week of acht
    hoort u wat.' agree nothing; 'ja maar welke datum?' presses for a detail, no brush-off."""
    read_back = (
        ("l", OPENING + " Voor wie belt u?"),
        ("c", "Ik ben Yvonne Bakels. Mijn moeder is Riek Hazenberg, Kastanjehof 7 hier in Heggedal."),
        ("l", "dus kastanjehof 7 heggedal, mevrouw hazenberg. Ik kijk even."),
    )
    assert Call(transcript(*read_back), None, get_analyzer()).summaries == []
    checked = (
        ("l", OPENING + " Wat is uw aanslagnummer?"),
        ("c", "Wacht even, mijn bril... 2026.5521.087. Wilma Brouwer. Dahliastraat 12, in Eikenmonde."),
        ("l", "Dus, eh, even checken: Dahliastraat 12, aanslag 2026.5521.087, klopt dat?"),
    )
    assert measure(lib, "doorvragen", *checked).value == 0
    step = (
        ("l", OPENING),
        ("c", "We hebben een nieuwe rekening, en ik wil de incasso daarvan laten lopen."),
        ("l", "Dat kan. Dus u regelt de nieuwe rekening voor 15 mei via DigiD, duidelijk?"),
    )
    assert Call(transcript(*step), None, get_analyzer()).summaries == []
    a = get_analyzer()
    for text in ("Hij kan vandaag bellen tot 16.00 uur.", "Binnen een week of acht hoort u wat."):
        assert "next_step" not in a.analyze(text, "").acts, text
    assert "next_step" in a.analyze("U hoort binnen acht weken van ons.", "").acts
    assert "dismissive" not in a.analyze("ja maar welke datum?", "Ja, dat is het. Klopt.").acts


@pytest.mark.parametrize(
    ("text", "dismissive"),
    [
        ("Ja, maar het kost u niks extra: het totaal blijft gelijk.", False),
        ("Eh ja, maar even voor de zekerheid: ziet u die twee afschrijvingen?", False),
        ("ja maar naar wie, naar u of naar geldzorg?", False),
        ("Lekker weer trouwens vandaag he, eindelijk zon.", False),
        ("Maar de 58 euro voor de hond moet u wel betalen.", False),
        ("Het is maar 58 euro hoor.", True),
        ("Ja maar u had gewoon op tijd moeten betalen.", True),
        ("Eindelijk belt u eens terug.", True),
        # review: the blockers leave real brush-offs
        ("Ja maar waar maakt u zich nou druk om, het is maar 40 euro?", True),
        ("Ja maar hoeveel keer moet ik het nou nog zeggen?", True),
        ("Ja maar even voor de zekerheid, dat had u zelf ook kunnen lezen hè.", True),
        ("Lekker weer hè, en dan zeuren over een paar euro.", True),
        ("Ja, maar wie is de therapeut van uw zoon?", False),
    ],
)
def test_evidence_round_11_reassurance_checks_and_small_talk_are_no_brush_off(text: str, dismissive: bool) -> None:
    assert bool(get_analyzer().analyze(text).of("dismissive")) is dismissive


def test_evidence_round_11_read_backs_wrong_answers_and_checks_are_no_listening(lib: Library) -> None:
    """Evidence round 11: 'Dus Kerkpad 12, en u woont nu Vinkenlaan 5 in Amersfoort.' and a wrong answer in the
    caller's words ('als het huis verkocht is dan gaat het bezwaar naar de nieuwe eigenaar') were summaries; '...,
    o nee, 8 januari. Klopt dat?' a follow-up; an apology before a condolence was the feeling quoted."""
    turns = (
        ("l", OPENING),
        ("c", "Petra Lammers. Het gaat om Kerkpad 12 in Esdonk. Zelf woon ik nu op de Vinkenlaan 5 in Amersfoort."),
        ("l", "Dank u. Dus Kerkpad 12, en u woont nu Vinkenlaan 5 in Amersfoort. Wat kan ik voor u doen?"),
    )
    call = Call(transcript(*turns), lib.scenario("woz-eigendom-1-januari"), get_analyzer())
    assert not call.summaries
    turns = (
        ("l", OPENING),
        (
            "c",
            "Ik heb het huis verkocht en ik ben bang dat mijn bezwaar vervalt, of dat het geld naar de kopers gaat.",
        ),
        ("l", "Als het huis verkocht is, gaat het bezwaar naar de nieuwe eigenaar, denk ik."),
    )
    call = Call(transcript(*turns), lib.scenario("woz-bezwaar-status"), get_analyzer())
    assert not call.summaries and call.wrong_info
    result = measure(
        lib,
        "doorvragen",
        ("l", OPENING),
        ("c", "Petra Lammers. Het gaat om Kerkpad 12 in Esdonk. Zelf woon ik nu op de Vinkenlaan 5 in Amersfoort."),
        ("l", "Dus Kerkpad 12, en u woont nu op de Vinkenlaan 5 in Amersfoort. Klopt dat?"),
    )
    assert not result.evidence, result
    result = measure(
        lib,
        "doorvragen",
        ("l", OPENING),
        ("c", "Op 8 januari hebben we bij de notaris getekend. Ik was er best zenuwachtig voor."),
        ("l", "U was zenuwachtig bij de notaris? Hoe kwam dat?"),
    )
    assert result.evidence, result
    result = measure(
        lib,
        "emotion_acknowledged",
        ("l", OPENING),
        ("c", "Mijn hond is overleden. Ik ben er kapot van.", 7),
        ("l", "Oh sorry, ik begin meteen over regels. Wat naar dat uw hond is overleden. Hoe heette hij?"),
    )
    assert result.evidence and "Wat naar" in result.evidence[0].text, result
    analyzer = get_analyzer()
    assert analyzer.only_apology(analyzer.analyze("Sorry, gaat uw gang.", "Wacht even, laat me uitpraten."))
    assert not analyzer.only_apology(analyzer.analyze("Sorry, gecondoleerd.", "Mijn man is overleden."))
    # review: an apology for what happened, next to the floor given back, still acknowledges
    assert not analyzer.only_apology(
        analyzer.analyze("Sorry dat het bij ons fout is gegaan. Gaat u maar door, ik luister.", "Ik ben boos.")
    )
    # review: a summary of the caller's story with names in it is a summary, not a read-back of details
    turns = (
        ("l", OPENING),
        ("c", "Ik heb mijn huis aan het Kerkpad in Esdonk verkocht en nu krijg ik een aanslag voor het hele jaar."),
        (
            "l",
            "Dus u heeft uw huis aan het Kerkpad in Esdonk verkocht, en nu krijgt u een aanslag voor het hele jaar.",
        ),
    )
    call = Call(transcript(*turns), lib.scenario("woz-eigendom-1-januari"), analyzer)
    assert call.summaries


def test_an_option_or_an_offer_not_taken_is_no_agreement(lib: Library) -> None:
    """Evidence round 12: "Dat kan met DigiD, of ik stuur het u per brief." offers ways, and "Ik kan Sjors nu meteen
    voor u afmelden. Zal ik dat doen?" waits for a yes the caller did not give: neither is quoted as an agreement.
    The same offer taken ("Ja, graag.") is one, and so is a step stated and checked ("ik vraag de taxateur u te
    bellen, uiterlijk donderdag. goed?")."""
    opening = ("l", OPENING)
    option = measure(
        lib,
        "next_step",
        opening,
        ("c", "Ik wil weten hoe vaak de bak geleegd is."),
        ("l", "Dat kan in Mijn Heidewolde met DigiD, of ik stuur het u per brief. Wat heeft u liever?"),
        ("c", "Nou, ik weet het niet."),
    )
    assert option.value == 0.0 and not option.evidence, option.evidence
    offer = "Ik kan Sjors nu meteen voor u afmelden, telefonisch. Zal ik dat doen?"
    untaken = measure(
        lib,
        "next_step",
        opening,
        ("c", "Moet ik dat nou nog betalen? Ik heb hem nooit afgemeld."),
        ("l", offer),
        ("c", "[zucht] Ik kon het gewoon niet. Afmelden voelde alsof ik hem nog een keer kwijtraakte."),
    )
    assert untaken.value == 0.0, untaken.evidence
    taken = measure(
        lib,
        "next_step",
        opening,
        ("c", "Moet ik dat nou nog betalen? Ik heb hem nooit afgemeld."),
        ("l", offer),
        ("c", "Ja, graag. Dat scheelt."),
    )
    assert taken.value > 0 and "afmelden" in taken.evidence[0].text, taken.evidence
    stated = measure(
        lib,
        "next_step",
        opening,
        ("c", "Ik hoor maar niks over mijn bezwaar."),
        ("l", "ik vraag de taxateur, dhr koster, om u binnen twee werkdagen terug te bellen. goed?"),
        ("c", "Overdag werk ik. Kan het tussen twaalf en één?"),
    )
    assert stated.value > 0, stated.evidence


@pytest.mark.parametrize(
    "reply",
    [
        "Jazeker.",
        "O, graag. Dat scheelt.",
        "Oh ja, graag!",
        "Zeker, graag.",
        "Als dat kan, graag.",
        "Dat zou mooi zijn.",
        "Ehm, ja, doet u maar.",
        "[zucht] Ja. Doet u dat maar.",
        "Na zessen, ja, dat kan.",
    ],
)
def test_an_offer_the_caller_takes_in_its_own_words_is_an_agreement(lib: Library, reply: str) -> None:
    """Review: a yes in the caller's own words (after a sigh, 'o', 'ehm', or a time) takes the offer."""
    result = measure(
        lib,
        "next_step",
        ("l", OPENING),
        ("c", "Moet ik dat nou nog betalen? Ik heb hem nooit afgemeld."),
        ("l", "Ik kan Sjors nu meteen voor u afmelden, telefonisch. Zal ik dat doen?"),
        ("c", reply),
        ("l", "Goed, dat is gebeurd. Fijne dag nog."),
        scenario="heffing-hondenbelasting",
    )
    assert result.value > 0, result.evidence


@pytest.mark.parametrize(
    "step",
    [
        "Ik bel u morgen voor twaalf uur terug, of ik stuur u een mail als ik u niet bereik.",
        "Ik zet het bezwaar vandaag nog door naar de taxateur, of ik bel u morgen als er iets ontbreekt.",
        "De taxateur belt u donderdag, of ik bel u zelf als hij niet kan.",
    ],
)
def test_a_step_with_a_fallback_is_still_an_agreement(lib: Library, step: str) -> None:
    """Review: "..., of ik stuur u een mail als ik u niet bereik" is a fallback, not one of two ways offered."""
    result = measure(
        lib,
        "next_step",
        ("l", OPENING),
        ("c", "Ik hoor maar niks over mijn bezwaar."),
        ("l", step),
        ("c", "Goed, dank u."),
        ("l", "Graag gedaan. Fijne dag."),
    )
    assert result.value > 0 and result.evidence, result


# --- evidence round 13 ------------------------------------------------------------------------------------------------


def test_a_pick_a_guess_or_is_er_iets_is_no_open_question(lib: Library) -> None:
    """'wat wilt u?' after two options, 'hoe, via de bank?' and 'Is er iets gebeurd?' are closed; 'Wat is er gebeurd?'
    stays open (evidence round 13)."""
    result = measure(
        lib,
        "open_questions",
        ("l", OPENING),
        ("c", "Ik heb een brief gekregen."),
        ("l", "Is er iets gebeurd? En eh, hoe, via de bank?"),
        ("c", "Ja."),
        ("l", "Het staat in Mijn Heidewolde, of ik stuur het per brief. Wat wilt u?"),
        ("c", "Per brief."),
        ("l", "Wat is er toen gebeurd?"),
    )
    assert [e.text for e in result.evidence] == ["Wat is er toen gebeurd?"]


def test_a_term_defined_with_a_plain_word_is_no_jargon(lib: Library) -> None:
    """'Een dwangbevel is eigenlijk de laatste officiële betaalopdracht.', 'dat exploot, is het bewijs dat ...'."""
    result = measure(
        lib,
        "jargon",
        ("l", OPENING),
        ("c", "Er stond een man aan de deur."),
        ("l", "Het papier van vanochtend, dat exploot, is het bewijs dat u het kreeg. Een dwangbevel is eigenlijk de "
         "laatste officiële betaalopdracht."),
    )  # fmt: skip
    assert result.value == 0


def test_options_and_where_a_form_is_are_no_agreement(lib: Library) -> None:
    """'dinsdagochtend kan wel, of de vrijwilliger komt thuis', 'wilt u liever een formulier, dan sturen we het op'
    and 'het formulier staat op de website' agree nothing yet (evidence round 13)."""
    for said in (
        "Dinsdagochtend kan wel, of de vrijwilliger komt thuis op een dag die u past.",
        "Of eh, wilt u liever een papieren formulier, dan sturen we het op.",
        "Het online formulier staat op de website van de gemeente.",
    ):
        result = measure(lib, "next_step", ("l", OPENING), ("c", "Hoe moet ik dat doen?"), ("l", said))
        assert result.value == 0, said


def test_an_offer_to_sum_up_or_a_parting_wish_is_no_summary_or_feeling(lib: Library) -> None:
    """'Zal ik het nog even kort samenvatten?' sums up nothing; 'Dan wens ik u veel sterkte met het dak, fijne dag'
    names no feeling (evidence round 13)."""
    assert "summary" not in get_analyzer().analyze("Zal ik het nog even kort samenvatten?").acts
    acts = get_analyzer().analyze("Dan wens ik u veel sterkte met het dak, fijne dag nog meneer Van der Veen.").acts
    assert "emotion_reflection" not in acts and "closing" in acts
    assert "emotion_reflection" in get_analyzer().analyze("Gecondoleerd. Ik wens u veel sterkte.").acts
    assert "dismissive" not in get_analyzer().analyze("Wat vervelend dat het zo slecht gaat met uw zaak.").acts
    assert "dismissive" in get_analyzer().analyze("Dat is uw zaak.").acts


def test_a_turn_that_still_asks_or_explains_a_word_asked_is_no_early_solution(lib: Library) -> None:
    """'Dat heeft te maken met de datum. Mag ik eerst vragen: wanneer heeft u die aangevraagd?' still finds out; a
    word the caller asked about is explained right away, as it should be (evidence round 13)."""
    result = measure(
        lib,
        "clarify_before_solution",
        ("l", OPENING),
        ("c", "Waarom heeft mijn buurvrouw het anders dan ik?"),
        (
            "l",
            "Dat heeft te maken met de datum van uw machtiging. Mag ik eerst vragen: wanneer heeft u die aangevraagd?",
        ),
        ("c", "In mei."),
        ("l", "Dan is hij na de eerste termijn binnengekomen, dus die betaalt u zelf."),
    )
    assert result.value == 1.0
    result = measure(
        lib,
        "clarify_before_solution",
        ("l", OPENING),
        ("c", "Niet-ontvankelijk? Praat gewoon Nederlands tegen me."),
        ("l", "Sorry. Het betekent dat we er niet naar kijken, omdat het te laat binnen was."),
    )
    assert result.value is None and result.skipped  # no early solution to fault


def test_the_round_13_rules_leave_verdicts_protests_and_open_questions(lib: Library) -> None:
    """A verdict with a question tagged on is still an early solution; a protest ('Driehonderd euro? ...') asks no
    word; 'Waar gaat het over?' after 'ik kijk even of ...' and a stutter 'En hoe, hoe is dat?' stay open (review)."""
    early = measure(
        lib,
        "clarify_before_solution",
        ("l", OPENING),
        ("c", "Ik krijg een aanslag voor een huis waar ik niet meer woon."),
        (
            "l",
            "Die aanslag klopt gewoon, want u stond op 1 januari nog ingeschreven. Heeft u de brief nog bij de hand?",
        ),
        ("c", "Ja."),
        ("l", "Dan kunt u hem het beste gewoon betalen."),
    )
    assert early.value == 0.0
    protest = measure(
        lib,
        "clarify_before_solution",
        ("l", OPENING),
        ("c", "Driehonderd euro? Dat kan toch niet kloppen!"),
        ("l", "Dat klopt wel. U heeft niet op tijd betaald, dus u moet nu binnen veertien dagen betalen."),
    )
    assert protest.value == 0.8
    opened = measure(
        lib,
        "open_questions",
        ("l", OPENING),
        ("c", "Ik bel over een brief."),
        ("l", "Ik kijk even of ik uw dossier kan vinden. Waar gaat het over?"),
        ("c", "Over de aanslag."),
        ("l", "Oké. En hoe, hoe is dat voor u?"),
    )
    assert opened.value == 1.0


def test_review_41_a_short_explanation_is_no_echo_and_an_outcome_read_out_answers(lib: Library) -> None:
    """'Die 58 euro voor de hond moet u betalen. Heeft u DigiD?' explains in the caller's words, however short: no
    follow-up; 'Ik zie dat uw aanslag al is verminderd ...' gives the outcome, read from the file or not: an answer
    before listening."""
    caller = ("c", "Ik wil kwijtschelding voor de hond en het afval. Die 58 euro voor de hond is gewoon te veel.")
    short = measure(
        lib, "doorvragen", ("l", OPENING), caller, ("l", "Die 58 euro voor de hond moet u betalen. Heeft u DigiD?")
    )
    assert short.value == 0, short
    result = measure(
        lib,
        "clarify_before_solution",
        ("l", OPENING),
        ("c", "Waarom moet ik nog afvalstoffenheffing betalen? Ik ben in mei verhuisd."),
        (
            "l",
            "Ik zie dat uw aanslag al is verminderd vanaf 22 mei. Ik zie ook dat u 146 euro terugkrijgt. "
            "Heeft u de brief al?",
        ),
    )
    assert result.value < 1 and result.evidence[0].turn == 3, result
