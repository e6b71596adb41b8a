"""Claims: what a trainee states, with its value and polarity, checked against the truth; the caller and the scorer
read it the same way, and wrong information has consequences that teach."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.analyzer import get_analyzer
from coach.analyzer.claims import Context
from coach.analyzer.stated import context_for, stated
from coach.errors import FileProblemError
from coach.feedback import evaluate
from coach.library import Library
from coach.loader import catalogue, load
from coach.values import amounts, counts, dates, durations, parse, same_value
from tests.helpers import ROOT
from tests.test_caller import callers, play
from tests.test_library import SCRIPTS, script

LIBRARY = Library.open()
A = get_analyzer()


def read(text: str, scenario: str | None = None, previous: str = "") -> dict[str, tuple[object, bool | None]]:
    """claim id -> (value, correct) of the turn's last word on each claim."""
    context = context_for(LIBRARY.scenario(scenario), previous) if scenario else Context(previous=previous)
    out = {}
    for v in A.claims(text, context):
        if v.reading.final:
            out[v.reading.claim] = (v.reading.value, v.correct)
    return out


# --- values -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("said", ["zes weken", "6 wk", "42 dagen", "anderhalve maand", "tweeenveertig dagen", "6wkn"])
def test_six_weeks_said_in_many_ways_is_six_weeks(said: str) -> None:
    (value,) = durations(said)
    assert same_value("duration", value.amount, parse("duration", "6 weken").amount)


@pytest.mark.parametrize("said", ["drie maanden", "4 weken", "een maand", "14 dagen"])
def test_other_periods_are_not_six_weeks(said: str) -> None:
    (value,) = durations(said)
    assert not same_value("duration", value.amount, 42)


def test_moments_and_clock_times_are_no_periods() -> None:
    assert durations("uw betaling was een dag eerder binnen") == []
    assert durations("zij belt u vóór vier uur terug") == []
    assert [v.amount for v in durations("binnen 48 uur betalen")] == [2]


def test_dates_and_amounts_are_normalised() -> None:
    assert dates("20 april")[0].amount == dates("20-4")[0].amount == (20, 4, None)
    assert dates("tot en met 10 april 2026")[0].amount == (10, 4, 2026)
    assert amounts("negen euro")[0].amount == amounts("€ 9")[0].amount == amounts("9,00 euro")[0].amount == 900
    assert amounts("€ 29,90")[0].amount == 2990


def test_at_once_is_no_count() -> None:
    import re

    unit = re.compile(r"keer")
    assert [v.amount for v in counts("na twee keer stopt de incasso", unit)] == [2]
    assert counts("dan moet het restant in een keer", unit) == []


# --- reading statements ---------------------------------------------------------------------------------------------


def test_a_wrong_period_is_read_as_wrong_and_the_right_one_as_right() -> None:
    assert read("U heeft gewoon drie maanden om bezwaar te maken.")["bezwaartermijn"][1] is False
    assert read("Bezwaar maken kan tot zes weken na de datum op de brief.")["bezwaartermijn"][1] is True


def test_questions_conditions_and_reported_words_state_nothing() -> None:
    assert read("Heeft u binnen drie maanden bezwaar gemaakt?") == {}
    assert read("Als u drie maanden wacht met bezwaar, is het te laat.") == {}
    assert read("U zegt dat uw buurman drie maanden had voor zijn bezwaar.") == {}
    assert read("Volgens het bureau kost bezwaar maken geld.") == {}
    assert read("Ik zoek even voor u op of er kosten aan een bezwaar zitten.") == {}


def test_a_question_without_a_question_mark_states_nothing_but_a_hedge_with_one_does() -> None:
    assert read("Heeft u binnen drie maanden bezwaar gemaakt") == {}
    assert read("Eh ik denk dat u drie maanden heeft voor bezwaar?")["bezwaartermijn"][1] is False
    assert read("Kijkt u even op het wozwaardeloket, daar staat het taxatieverslag.")["taxatieverslag"][1] is False


def test_answering_the_callers_yes_no_question_states_what_it_asked() -> None:
    asked = "Gaat die vermindering na mijn verhuizing automatisch?"
    assert read("Nee helaas, u moet ons even mailen.", previous=asked)["vermindering-vanzelf"] == ("nee", False)
    assert read("Ja, dat gaat vanzelf.", previous=asked)["vermindering-vanzelf"] == ("ja", True)
    negative = "Dus ik krijg geen boete voor het te laat afmelden?"
    assert read("Jawel, een kleine.", previous=negative)["geen-boete"] == ("ja", False)
    assert "geen-boete" not in read("Nee.", previous=negative)  # 'nee' to a negated question can mean either


def test_a_summary_check_states_nothing_but_a_tag_question_does() -> None:
    assert read("Dus u dacht dat u drie maanden had voor bezwaar, begrijp ik dat goed?") == {}
    assert read("U heeft zes weken voor uw bezwaar, oké?")["bezwaartermijn"][1] is True


def test_negation_turns_a_yes_no_statement_round() -> None:
    assert read("Een bezwaar schort de betaling niet op.")["bezwaar-betalen"] == ("ja", True)
    assert read("U hoeft niet te betalen zolang het bezwaar loopt.")["bezwaar-betalen"] == ("nee", False)
    assert read("Als huurder betaalt u geen OZB.")["ozb-huurder"] == ("nee", True)
    assert read("Als huurder betaalt u ook OZB.")["ozb-huurder"] == ("ja", False)


def test_a_denial_of_something_wrong_is_not_wrong() -> None:
    assert read("De WOZ-waarde is niet de waarde van nu.")["waardepeildatum"][1] is True
    assert read("U heeft geen drie maanden voor bezwaar.")["bezwaartermijn"][1] is True
    assert read("Naar de rechter kan daarna niet, na de afwijzing van de kwijtschelding.")["kwijtschelding-beroep"][1]


def test_the_last_word_after_a_self_correction_counts() -> None:
    fixed = "U heeft drie maanden voor bezwaar, nee sorry, het is zes weken."
    assert read(fixed)["bezwaartermijn"][1] is True
    quoted = "Ik zei net drie maanden, maar voor bezwaar heeft u zes weken."
    assert read(quoted)["bezwaartermijn"][1] is True
    worse = "Bezwaar kan binnen zes weken, o nee wacht, binnen vier weken."
    assert read(worse)["bezwaartermijn"][1] is False


def test_the_polarity_example_of_the_issue() -> None:
    """'niet te laat' must not count as saying the bezwaar *was* too late, and the wrong period is caught."""
    scenario = LIBRARY.scenario("woz-termijn-gemist")
    said = stated(A, scenario, "De termijn is gewoon 3 maanden, dus u was helemaal niet te laat.")
    assert "te-laat" not in said.key_info
    assert [w.claim for w in said.wrong] == ["bezwaartermijn"]


def test_the_callers_question_gives_the_subject() -> None:
    assert read("Drie maanden.", previous="Hoe lang heb ik om bezwaar te maken?")["bezwaartermijn"][1] is False
    assert read("Drie maanden.") == {}


def test_a_scenario_truth_overrides_the_catalogue() -> None:
    """Kwijtschelding during the request: the scenario says the payment waits (a local choice)."""
    said = read("U hoeft nu niets te betalen zolang de kwijtschelding loopt.", "kwijtschelding-in-behandeling")
    assert said["kwijtschelding-betalen"] == ("nee", True)


# --- what a turn states in a scenario -------------------------------------------------------------------------------


def test_a_question_with_a_key_word_is_not_credited_as_key_information() -> None:
    scenario = LIBRARY.scenario("woz-hoger-dan-buren")
    assert stated(A, scenario, "Heeft u het taxatieverslag al online bekeken met DigiD?").key_info == {}
    assert "taxatieverslag" in stated(A, scenario, "Het taxatieverslag kunt u gratis bekijken met DigiD.").key_info


def test_key_information_is_credited_from_the_words_that_state_it() -> None:
    scenario = LIBRARY.scenario("woz-hoger-dan-buren")
    said = stated(A, scenario, "Goedemorgen. U heeft zes weken om bezwaar te maken, vanaf de datum op de brief.")
    assert said.key_info["bezwaartermijn"] == "zes weken"


# --- consequences ---------------------------------------------------------------------------------------------------


def _call(scenario_id: str, replies: list[str], rubric: str = "standaard"):
    scenario = LIBRARY.scenario(scenario_id)
    transcript = play(scenario, replies)[0]
    return transcript, evaluate(transcript, LIBRARY.rubric(rubric), A, scenario)


def test_uncorrected_wrong_information_fails_the_call_and_says_what_is_true() -> None:
    replies = script("woz-hoger-dan-buren", "good")
    replies.insert(3, "Een bezwaar indienen kost trouwens wel 50 euro aan behandelkosten.")
    _, feedback = _call("woz-hoger-dan-buren", replies)
    assert feedback.passed is False
    (item,) = feedback.call["wrong_information"]
    assert item["turn"] == 8 and "kost" in item["said"]
    assert "gratis" in item["correct"]
    assert "zwartewaterland.nl" in item["source"]


def test_a_correction_later_in_the_call_is_recognised_and_credited() -> None:
    """The good script states the period of six weeks later on: that sets the earlier three months right."""
    replies = script("woz-hoger-dan-buren", "good")
    replies.insert(3, "Bezwaar kan tot drie maanden na de brief.")
    _, feedback = _call("woz-hoger-dan-buren", replies)
    assert "wrong_information" not in feedback.call
    (criterion,) = [c for c in feedback.criteria if c.signal == "misinformation"]
    assert criterion.value == 0
    assert any("rechtgezet" in e.note for e in criterion.evidence)


def test_exam_fails_a_polite_call_with_wrong_information() -> None:
    replies = script("woz-hoger-dan-buren", "good")
    replies.insert(3, "Een bezwaar indienen kost trouwens wel 50 euro aan behandelkosten.")
    _, feedback = _call("woz-hoger-dan-buren", replies, "examen")
    assert feedback.passed is False


def test_a_turn_with_wrong_information_is_never_evidence_for_a_strength() -> None:
    replies = script("woz-termijn-gemist", "good")
    replies[-2] = "Ik beloof u dat de waarde zeker verlaagd wordt. " + replies[-2]
    _, feedback = _call("woz-termijn-gemist", replies)
    wrong_turns = {w["turn"] for w in feedback.call["wrong_information"]}
    assert wrong_turns
    assert not any(f"beurt {n}:" in s for s in feedback.strengths for n in wrong_turns)


def test_the_caller_believes_wrong_information_and_says_what_it_will_do() -> None:
    scenario = LIBRARY.scenario("woz-hoger-dan-buren")
    transcript, _ = play(scenario, ["Wat is er gebeurd?", "U heeft drie maanden om bezwaar te maken, hoor."])
    last = callers(transcript)[-1]
    assert "misinformation:bezwaartermijn" in last.revealed
    assert "misinformation" in last.meta["kinds"]


def test_the_caller_notices_a_correction() -> None:
    scenario = LIBRARY.scenario("woz-hoger-dan-buren")
    turns = [
        "U heeft drie maanden om bezwaar te maken.",
        "Sorry, ik vergiste me: bezwaar kan tot zes weken na de brief.",
    ]
    transcript, _ = play(scenario, turns)
    last = callers(transcript)[-1]
    assert "corrected:bezwaartermijn" in last.revealed
    assert "corrected" in last.meta["kinds"]


def test_the_caller_pushes_back_where_the_scenario_says_it_knows_better(tmp_path: Path) -> None:
    text = (ROOT / "scenarios" / "woz-hoger-dan-buren.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  - id: peildatum-nu\n",
        "  - id: peildatum-nu\n    pushback: ['Van nu? Op de brief staat toch 1 januari 2025?']\n",
    )
    path = tmp_path / "w.yaml"
    path.write_text(text, encoding="utf-8")
    scenario = load(path, "scenario", claims=catalogue())
    transcript, _ = play(scenario, ["Wat is er gebeurd?", "De WOZ-waarde is gewoon de huidige waarde van uw huis."])
    assert "Op de brief staat toch 1 januari 2025?" in callers(transcript)[-1].text


# --- caller and scorer agree ----------------------------------------------------------------------------------------


def _scripted() -> list[tuple[str, str]]:
    return sorted((d.name, f.stem) for d in SCRIPTS.iterdir() if d.is_dir() for f in d.glob("*.txt"))


@pytest.mark.parametrize(("scenario_id", "kind"), _scripted())
def test_caller_and_scorer_agree_on_every_claim(scenario_id: str, kind: str) -> None:
    scenario = LIBRARY.scenario(scenario_id)
    transcript, session = play(scenario, script(scenario_id, kind))
    from coach.feedback.call import Call

    call = Call(transcript, scenario, A)
    brain = session.caller.brain
    scored_key = {k for said in call.stated for k in said.key_info}
    scored_wrong = {w.wrong.id for w in call.wrong_info}
    assert brain.key_info == scored_key & {k.id for k in scenario.key_info}
    assert brain.misinformation == scored_wrong
    assert set(brain.wrong_claims) == {w.wrong.claim for w in call.uncorrected if w.wrong.claim}


# --- the catalogue and scenario files -------------------------------------------------------------------------------


def test_every_claim_type_has_a_truth_a_correction_and_a_source() -> None:
    for claim in catalogue().values():
        assert claim.truth is not None, claim.id
        assert claim.correction and claim.source, claim.id


def test_a_scenario_naming_an_unknown_claim_or_value_is_reported_with_its_line(tmp_path: Path) -> None:
    text = (ROOT / "scenarios" / "woz-hoger-dan-buren.yaml").read_text(encoding="utf-8")
    bad = text.replace("claim: bezwaartermijn\n", "claim: bezwaartermijnn\n", 1).replace(
        "value: vorig-jaar", "value: vorige-week", 1
    )
    path = tmp_path / "woz.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(FileProblemError) as err:
        load(path, "scenario", claims=catalogue())
    messages = [p.format() for p in err.value.problems]
    assert any("onbekende claim 'bezwaartermijnn'" in m and "bezwaartermijn" in m for m in messages)
    assert any("'vorige-week' is geen waarde" in m for m in messages)
    line = next(n for n, row in enumerate(bad.splitlines(), 1) if "bezwaartermijnn" in row)
    assert any(f":{line}:" in m for m in messages)


def test_a_library_lexicon_can_add_or_replace_a_claim(tmp_path: Path) -> None:
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "claims-eigen.yaml").write_text(
        "claims:\n"
        "  - id: hondenpenning\n"
        "    label: of een hondenpenning verplicht is\n"
        "    topic: heffing\n"
        "    kind: yesno\n"
        "    truth: nee\n"
        "    about: [penning]\n"
        "    options:\n"
        "      - {id: ja, label: verplicht, patterns: [verplicht]}\n"
        "    correction: In deze gemeente is een hondenpenning niet verplicht.\n"
        "    source: verordening hondenbelasting\n"
        "  - id: aanmaning-termijn\n"
        "    label: de betaaltermijn na een aanmaning\n"
        "    topic: invordering\n"
        "    kind: duration\n"
        "    truth: 21 dagen\n"
        "    about: [aanmaning]\n"
        "    correction: Hier geldt 21 dagen.\n"
        "    source: leidraad invordering\n",
        encoding="utf-8",
    )
    found = catalogue([tmp_path / "lexicon" / "claims-eigen.yaml"])
    assert found["aanmaning-termijn"].truth == "21 dagen"
    assert "hondenpenning" in found and "bezwaartermijn" in found


def test_a_question_typed_without_a_mark_states_nothing() -> None:
    """'Hoeveel betaalde u vorig jaar' asks; it does not explain that the value is of January last year."""
    scenario = Library.open().scenario("woz-hoger-dan-buren")
    analyzer = get_analyzer()
    assert not stated(analyzer, scenario, "Hoeveel betaalde u vorig jaar").key_info
    assert "waardepeildatum" in stated(analyzer, scenario, "De waarde gaat uit van vorig jaar januari.").key_info


def test_the_claim_prefilter_never_changes_a_reading() -> None:
    """Only the option patterns whose anchor words are in a turn are searched: the same claims as searching all."""
    import yaml

    from coach.analyzer.claims import ClaimReader

    analyzer = get_analyzer()
    plain = ClaimReader(list(analyzer.claim_reader.claims.values()))  # no anchors: every pattern searched
    texts = [
        item["text"]
        for path in sorted((ROOT / "bench" / "data").glob("claims-eval*.yaml"))
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(item, dict) and "text" in item
    ]
    assert len(texts) > 1000
    texts = texts[::3]  # a third of the blind sets: enough to catch an anchor a pattern can match without
    context = Context(expected=tuple(analyzer.claim_reader.claims)[:5])
    for text in texts:
        spans = [(s.start, s.end) for s in analyzer.analyze(text).sentences]
        fast = analyzer.claim_reader.read(text, spans, [], context)
        assert fast == plain.read(text, spans, [], context), text


def test_the_words_of_a_scenarios_key_point_are_not_read_as_a_catalogue_mistake() -> None:
    """'Uiterlijk 31 december' answers when a bezwaar is decided (the scenario's key point), not how long one has to
    make bezwaar; the catalogue's bezwaartermijn claim read it as a wrong term. A wrong term stays wrong."""
    scenario = LIBRARY.scenario("woz-bezwaar-status")
    analyzer = get_analyzer()
    asked = "Ik heb in maart bezwaar gemaakt en ik hoor maar niks. Wanneer krijg ik nou eens antwoord?"

    def read(text: str):
        return stated(analyzer, scenario, text, asked, analyzer.analyze(text, asked))

    answer = read("Uiterlijk 31 december.")
    assert "beslistermijn" in answer.key_info and not answer.wrong
    assert [w.id for w in read("U had zes maanden om bezwaar te maken.").wrong] == ["bezwaartermijn"]


def test_a_scenario_can_switch_off_a_claim_whose_words_mean_something_else_in_it(tmp_path: Path) -> None:
    """After a WOZ bezwaar the OZB came down: 'er was 86 euro 40 minder OZB' states the call's premise, not a
    reduction after a sale (the catalogue's ozb-vermindering). A scenario says so with claims_off; a name the
    catalogue does not know is a located error with a suggestion."""
    scenario = LIBRARY.scenario("heffing-teruggave-niet-ontvangen")
    said = "Er was 86 euro 40 minder OZB."
    assert not stated(A, scenario, said, "", A.analyze(said)).wrong
    switched_on = scenario.model_copy(update={"claims_off": []})
    assert [w.claim for w in stated(A, switched_on, said, "", A.analyze(said)).wrong] == ["ozb-vermindering"]
    path = LIBRARY.path_of("scenario", scenario.id)
    text = path.read_text(encoding="utf-8").replace("claims_off: [ozb-vermindering]", "claims_off: [ozb-verminderingg]")
    (tmp_path / "scenarios").mkdir()
    bad = tmp_path / "scenarios" / path.name
    bad.write_text(text, encoding="utf-8")
    from coach.validate import validate_paths

    [problem] = validate_paths([bad]).problems
    assert (problem.field, problem.message) == ("claims_off[0]", "onbekende claim 'ozb-verminderingg'")
    assert problem.line == text.splitlines().index("claims_off: [ozb-verminderingg]") + 1
    assert "ozb-vermindering" in problem.hint


@pytest.mark.parametrize(("month", "name"), [(1, "januari"), (6, "juni"), (7, "juli"), (9, "september")])
def test_a_date_is_said_with_the_months_full_name(month: int, name: str) -> None:
    """June and July were missing from the names (kept by length: 'juni' has four letters), so saying a date in
    them back raised a KeyError."""
    from coach.values import spoken

    assert spoken("date", (6, month, 2026)) == f"6 {name} 2026"


# --- what real calls said that is no wrong information (evidence audit and audit rounds 1-20) ----------------------


def _wrong_ids(scenario: str, text: str, previous: str = "") -> list[str]:
    """The wrong statements of a turn, each by its scenario entry id and by its claim."""
    found = stated(A, LIBRARY.scenario(scenario), text, previous, A.analyze(text, previous)).wrong
    return [x for w in found for x in (w.id, w.claim) if x]


@pytest.mark.parametrize(
    ("scenario", "text", "previous"),
    [
        # the dog tax left out of the remission, said in the ways trainees said it
        ("kwijtschelding-schaamte", "Voor de hondenbelasting, 58 euro, kan het helaas niet.", ""),
        ("kwijtschelding-schaamte", "De hondenbelasting van 58 euro moet u wel betalen.", ""),
        ("kwijtschelding-schaamte", "nou, de hondenbelasting wel he, die 58 euro.", ""),
        ("kwijtschelding-schaamte", "Alleen de hondenbelasting, 58 euro, moet u wel gewoon betalen.", ""),
        ("kwijtschelding-schaamte", "ah ok. en heeft u een hondje? ik heb zelf ook een hond, een labrador.", ""),
        (
            "kwijtschelding-schaamte",
            "nee sorry, andersom. voor de hond moet u wel betalen, 58 euro. voor het afval en het riool hoeft u "
            "voorlopig niks te betalen",
            "O, dan hoef ik voor de hond ook niks meer te betalen. Dat scheelt.",
        ),
        # 'niemand' denies
        (
            "kwijtschelding-ondernemer",
            "Voor belastingen van een bedrijf kan niemand kwijtschelding krijgen, dat is een landelijke regel.",
            "",
        ),
        # what the trainee or the caller has left to do is not the court
        ("woz-bezwaar-status", "Daar kan ik verder niets aan doen.", ""),
        ("woz-bezwaar-toch-betalen", "Dan heb ik verder niks meer.", "Ja hoor, prima."),
        ("woz-eigendom-1-januari", "U hoeft verder niets te regelen, alleen de aanslag op tijd te betalen.", ""),
        ("kwijtschelding-auto-afgewezen", "Daar kan ik niets aan doen, mevrouw.", ""),
        # durations that are no term: a service promise, a distance between events, a stretch of the past, payment
        # spread over months, the time until a day
        ("woz-termijn-gemist", "dus: taxateur belt binnen 2 weken, en beroep kan tot 22 juni als u dat toch wil.", ""),
        ("invordering-aanmaning-boos", "De aanmaning is gemaakt op 7 mei, een dag na uw betaling.", ""),
        ("invordering-aanmaning-boos", "Maar de aanmaning is gemaakt op 7 mei, een dag nadat uw geld binnen was.", ""),
        ("invordering-aanmaning-boos", "U heeft dertig jaar altijd op tijd betaald, dat zie ik hier ook.", ""),
        (
            "kwijtschelding-ondernemer",
            "Wat wel kan: u kunt die 444 euro in termijnen betalen, in maximaal zes maanden.",
            "",
        ),
        ("overig-digid-machtigen", "Bezwaar maken kan tot en met 10 april. Dat is over ongeveer drie weken.", ""),
        # agreement, a comparison, a denial after the verb
        (
            "woz-bezwaar-toch-betalen",
            "Helemaal goed, meneer Dekker.",
            "Ja, dus uitstel voor het deel waar ik het oneens mee ben.",
        ),
        ("woz-nieuwbouw-eerste-waarde", "Samen 258.000. De koopprijs telt daarbij niet mee.", ""),
        (
            "woz-nieuwbouw-eerste-waarde",
            "Op 1 januari was het huis nog niet af, daarom is de waarde lager dan de koopprijs.",
            "",
        ),
        # a scenario's wrong phrase: within one sentence, not denied right after, not negated inside
        (
            "heffing-incasso-dubbel-afgeschreven",
            "1 tip: niet zelf terugboeken bij de bank. dan krijgt u het dubbel terug en staat termijn 9 weer open.",
            "",
        ),
        ("kwijtschelding-automatisch-vervallen", "te laat bent u ook niet.", ""),
        (
            "heffing-rioolheffing-eigenaar-gebruiker",
            "Dus samengevat: u betaalt het eigenarendeel, u zet het niet bij de servicekosten.",
            "",
        ),
        # a plan, a request to wait, the cost award, the name on the post, the registration, a promise of no harm
        ("woz-bezwaar-toch-betalen", "dan zet ik het op woensdag 6 mei na 17.00 uur.", ""),
        ("woz-bezwaar-toch-betalen", "Maar u kunt wel vragen om voor een stukje te wachten met betalen.", ""),
        (
            "woz-taxatieverslag-bureau",
            "Dat is geld dat de gemeente betaalt voor de kosten van het bezwaar, als u gelijk krijgt.",
            "Wat bedoelt u precies met proceskostenvergoeding?",
        ),
        ("heffing-overlijden-erven", "Zijn naam verdwijnt van de post en de uwe komt ervoor in de plaats.", ""),
        ("heffing-huishouden-eenpersoons", "Als de inschrijving is aangepast, passen wij het tarief aan.", ""),
        ("heffing-huurder-ozb", "De huur is iets van Elshof. Daar gaat de gemeente niet over.", ""),
        ("kwijtschelding-schaamte", "Dan is het zeker de moeite waard om kwijtschelding aan te vragen.", ""),
        ("kwijtschelding-schaamte", "Dat is geen enkel probleem.", ""),
        ("overig-digid-machtigen", "Kijk, zonder machtiging mag ik niks zeggen over haar aanslag.", ""),
        ("invordering-beslag-bankrekening", "Ik mag daar zelf niks over beloven, sorry.", ""),
        # evidence round 8: a filler splits no clause (the dog tax is said to be paid, rightly); a clause joined on
        # with its own subject makes no beroep term of the call-back
        (
            "kwijtschelding-schaamte",
            "Zolang de aanvraag loopt krijgt u uitstel voor afval en riool. De hondenbelasting, 58 euro, eh, die moet "
            "u wel gewoon betalen.",
            "",
        ),
        ("woz-termijn-gemist", "Dus de taxateur belt u binnen 2 weken en het beroep kan tot 22 juni.", ""),
        # evidence round 9: ownership on 1 January, the buyer's share through the notary, advice to keep on time, a
        # call-back beside the court's date, 'nothing else to arrange', the date of a rule, a subject clause denied
        ("woz-bezwaar-status", "Uw bezwaar gaat over 2026, en u was op 1 januari 2026 de eigenaar.", ""),
        ("heffing-verhuisd-afval", "Dat is wat u op de afrekening zag: de koper betaalt u zijn deel terug.", ""),
        ("woz-termijn-gemist", "Kijk in de berichtenbox. Dan zit u wel goed.", ""),
        ("woz-termijn-gemist", "dus taxateur belt binnen 2 weken op uw mobiel en beroep uiterlijk 22 juni.", ""),
        (
            "woz-termijn-gemist",
            "nee verder niks.",
            "Eh, voordat u ophangt... weet u zeker dat er verder niks meer geregeld hoeft te worden?",
        ),
        (
            "woz-taxatieverslag-bureau",
            "Zo'n bureau verdient aan de proceskostenvergoeding als een bezwaar slaagt. Sinds 1 januari 2024 is die "
            "vergoeding wel een stuk lager.",
            "",
        ),
        ("woz-bezwaar-status", "Wat het nu waard is of waarvoor u het verkocht hebt, telt niet mee.", ""),
        # evidence round 10: a call-back set up ('zet ik het verzoek op'), the buyer's share 'naar rato'
        (
            "invordering-deurwaarder-aan-de-deur",
            "Dan zet ik het verzoek op vanmiddag tussen 13.00 en 16.00 uur, dan belt meneer Bos u.",
            "",
        ),
        ("woz-eigendom-1-januari", "die heeft de koper dan naar rato aan u betaald", ""),
        # evidence round 11: recurring costs, the owner's rule, the settlement through the notary
        ("heffing-aanslag-hoger", "Het kwam door de extra keren legen. Dat komt niet vanzelf elk jaar terug.", ""),
        (
            "heffing-verhuisd-afval",
            "En de OZB betaalt degene die op 1 januari eigenaar was, dus u, voor het hele jaar.",
            "Ik heb net borg betaald voor mijn huurhuis.",
        ),
        ("heffing-verhuisd-afval", "En de koper heeft u via de notaris een deel terugbetaald.", ""),
        # round-26 audit: the length of a payment plan, set down by phone, is no appeal against a refusal
        (
            "kwijtschelding-ondernemer",
            "Voor de zaak kan geen kwijtschelding. Wel kan een betalingsregeling, in maximaal zes maanden. Dat kan ik "
            "nu telefonisch voor u vastleggen.",
            "",
        ),
        # round-26 audit: a bare no after an aside without a verb
        ("kwijtschelding-schaamte", "Voor de hond, die 58 euro, helaas niet.", ""),
        # evidence round 12: someone else pays the OZB, by name; the dog tax's clause; the cost award the gemeente
        # pays; hearing nothing back
        ("heffing-huurder-ozb", "Heel goed. En de OZB betaalt Elshof, niet u. Het formulier komt deze week.", ""),
        (
            "kwijtschelding-schaamte",
            "nee wacht, dat zei ik fout. de hondenbelasting valt er niet onder, die 58 euro moet u wel betalen. "
            "alleen afval en riool",
            "",
        ),
        (
            "woz-taxatieverslag-bureau",
            "Ja sorry, eh, dat is een vergoeding die de gemeente betaalt als iemand gelijk krijgt in een bezwaar, voor "
            "de kosten van dat bezwaar.",
            "",
        ),
        ("woz-bezwaar-status", "Sorry dat u daarna niks meer heeft gehoord.", ""),
        # the trainee giving back the caller's own question
        (
            "heffing-rioolheffing-eigenaar-gebruiker",
            "Dus als ik het goed hoor, u verhuurt uw appartement en u vraagt waarom u rioolheffing betaalt. En of u "
            "het bij de servicekosten mag zetten. Klopt dat?",
            "",
        ),
    ],
)
def test_what_real_trainees_said_rightly_is_no_wrong_information(scenario: str, text: str, previous: str) -> None:
    assert _wrong_ids(scenario, text, previous) == []


@pytest.mark.parametrize(
    ("scenario", "text", "wrong"),
    [
        ("kwijtschelding-schaamte", "Ook de hondenbelasting wordt kwijtgescholden.", "hond-ook"),
        ("kwijtschelding-schaamte", "Dat geldt voor de hele aanslag, ook de hondenbelasting.", "hond-ook"),
        ("kwijtschelding-schaamte", "Met AOW krijgt u het sowieso wel.", "zeker-kwijtschelding"),
        ("woz-termijn-gemist", "Naar de rechter kan hierbij niet.", "beroep-rechter"),
        ("woz-bezwaar-status", "Na de uitspraak kunt u daarna niks meer doen.", "beroep-rechter"),
        # review: an exception for one sentence hides nothing in the next
        (
            "woz-bezwaar-status",
            "Vervelend dat u niets gehoord heeft. Als u het niet eens bent met de uitspraak, kunt u daarna niks meer "
            "doen.",
            "beroep-rechter",
        ),
        (
            "kwijtschelding-schaamte",
            "De hondenbelasting valt niet onder de kwijtschelding. Tot het besluit er is moet u de termijnen gewoon "
            "blijven betalen.",
            "kwijtschelding-betalen",
        ),
        (
            "kwijtschelding-in-behandeling",
            "Uw hond valt er niet onder. Zolang de aanvraag loopt moet u gewoon doorbetalen.",
            "moet-toch-betalen",
        ),
        (
            "woz-taxatieverslag-bureau",
            "Zelf bezwaar maken kost 50 euro. Als u gelijk krijgt, is er wel een vergoeding die de gemeente betaalt.",
            "bezwaar-kost-geld",
        ),
        ("heffing-huurder-ozb", "De OZB betaalt u gewoon zelf.", "huurder-betaalt-ozb"),
        ("woz-taxatieverslag-bureau", "Bezwaar maken kost 50 euro.", "bezwaar-kost-geld"),
        ("woz-termijn-gemist", "U kunt in beroep tot twee weken na de uitspraak.", "beroepstermijn"),
        ("woz-termijn-gemist", "Het beroep kan binnen 2 weken.", "beroepstermijn"),
        ("invordering-aanmaning-boos", "Na de aanmaning heeft u een week om te betalen.", "aanmaning-termijn"),
        ("woz-bezwaar-toch-betalen", "Zolang het bezwaar loopt hoeft u niet te betalen hoor.", "bezwaar-betalen"),
        ("woz-bezwaar-status", "Wat het nu waard is, telt mee.", "waardepeildatum"),
        ("woz-bezwaar-status", "De waarde is die van 1 januari 2026.", "waardepeildatum"),
        ("heffing-verhuisd-afval", "U krijgt van ons ook een deel van de OZB terug.", "ozb-terug"),
        ("woz-termijn-gemist", "Ik zeg het eerlijk: u zit goed, de waarde gaat zeker omlaag.", "belofte-verlaging"),
        ("woz-termijn-gemist", "Daarna is het klaar, nee verder niks.", "beroep-rechter"),
        # review: the narrowed exceptions still catch these
        (
            "kwijtschelding-in-behandeling",
            "Stuur de papieren op, dan zit u wel goed met de kwijtschelding.",
            "belofte-kwijtschelding",
        ),
        ("woz-bezwaar-status", "Als eigenaar betaalt u over wat het huis nu waard is.", "waardepeildatum"),
        (
            "woz-taxatieverslag-bureau",
            "Voor de proceskostenvergoeding moet het bezwaar binnen zes weken na ontvangst van de brief binnen zijn.",
            "termijn-na-ontvangst",
        ),
        ("heffing-verhuisd-afval", "De gemeente geeft u de OZB terug en de koper betaalt voortaan.", "ozb-terug"),
        ("woz-bezwaar-toch-betalen", "Als u bezwaar maakt, zetten we het even stil.", "niet-betalen-bij-bezwaar"),
        ("woz-eigendom-1-januari", "U krijgt de OZB naar rato terug van de gemeente.", "ozb-naar-rato"),
        ("kwijtschelding-schaamte", "Voor de hond, die 58 euro, kan het ook.", "hond-ook"),
        (
            "kwijtschelding-auto-afgewezen",
            "Tegen de afwijzing kunt u binnen zes maanden in beroep.",
            "kwijtschelding-beroepstermijn",
        ),
        # review: the exceptions are for the clause, not the sentence
        (
            "kwijtschelding-auto-afgewezen",
            "Tegen de afwijzing kunt u bezwaar maken, of anders een regeling treffen.",
            "kwijtschelding-beroep",
        ),
        ("heffing-huurder-ozb", "Als huurder betaalt u die OZB, de eigenaar niet.", "huurder-betaalt-ozb"),
    ],
)
def test_wrong_information_is_still_caught(scenario: str, text: str, wrong: str) -> None:
    assert wrong in _wrong_ids(scenario, text)


def test_a_sentence_level_exclusion_leaves_the_rest_of_the_turn() -> None:
    """``unless_sentence`` rules a claim out in its own sentence only: the dog tax said to be paid does not hide a
    wrong word about the deferral in the next sentence."""
    found = _wrong_ids(
        "kwijtschelding-schaamte",
        "De hondenbelasting moet u wel betalen. En de afvalstoffenheffing moet u ook gewoon blijven betalen zolang "
        "de aanvraag loopt.",
    )
    assert "kwijtschelding-betalen" in found


# --- a review of the changes above (twelve findings): what they must not hide ----------------------------------------


@pytest.mark.parametrize(
    ("scenario", "text", "wrong"),
    [
        ("kwijtschelding-schaamte", "De hondenbelasting wordt wel kwijtgescholden.", "hond-ook"),
        ("kwijtschelding-schaamte", "Voor uw hond krijgt u wel kwijtschelding.", "hond-ook"),
        ("kwijtschelding-schaamte", "Uw hondenbelasting valt er ook onder, die hoeft u niet te betalen.", "hond-ook"),
        (
            "kwijtschelding-schaamte",
            "Uw aanvraag loopt nog. De afschrijving gaat gewoon door, want de hondenbelasting moet u ook betalen.",
            "kwijtschelding-betalen",
        ),
        (
            "woz-bezwaar-status",
            "Na onze uitspraak op het bezwaar hoeft u verder niets te doen, naar de rechter gaan kan niet.",
            "beroep-rechter",
        ),
        (
            "woz-bezwaar-status",
            "De uitspraak op uw bezwaar is definitief, u hoeft verder niets te regelen.",
            "beroep-rechter",
        ),
        (
            "woz-termijn-gemist",
            "Er komt een uitspraak op uw bezwaar. Die sturen we u toe. Die is onherroepelijk.",
            "beroep-rechter",
        ),
        ("woz-hoger-dan-buren", "Bezwaar maken kan. U heeft drie maanden om het op te sturen.", "bezwaartermijn"),
        ("woz-hoger-dan-buren", "U kunt drie maanden lang bezwaar maken.", "bezwaartermijn"),
        ("woz-hoger-dan-buren", "Voor bezwaar geldt: een jaar na het versturen van de aanslag.", "bezwaartermijn"),
        (
            "woz-taxatieverslag-bureau",
            "Het taxatieverslag is gratis, maar voor het bezwaar betaalt u wel griffierecht.",
            "bezwaar-gratis",
        ),
        (
            "invordering-regeling-incasso-mislukt",
            "Ik zet de incasso weer aan, u bent echt niet de enige.",
            "incasso-weer-aan",
        ),
    ],
)
def test_the_narrowed_rules_still_catch_what_is_wrong(scenario: str, text: str, wrong: str) -> None:
    assert wrong in _wrong_ids(scenario, text)


@pytest.mark.parametrize(
    ("scenario", "text"),
    [
        ("heffing-hondenbelasting", "Het hele jaar hoeft u niet te betalen, alleen de maanden dat u de hond had."),
        ("kwijtschelding-schaamte", "Voor de afvalstoffenheffing, 300 euro, kan het, niet voor de hond."),
        (
            "kwijtschelding-auto-afgewezen",
            "En eh, zolang het beroep loopt hoeft u nog niet te betalen, de invordering staat dan stil.",
        ),
    ],
)
def test_not_having_to_pay_denies_no_option_of_another_claim(scenario: str, text: str) -> None:
    assert _wrong_ids(scenario, text) == []


@pytest.mark.parametrize(
    ("scenario", "text"),
    [
        # evidence round 7 (tuned on it since): discretion promised, a free look by the taxateur, the buyer's share
        ("kwijtschelding-schaamte", "Uw kinderen krijgen van ons niets te horen, dat beloof ik u."),
        (
            "woz-taxatieverslag-bureau",
            "klopt het niet dan belt u ons en kijkt een taxateur er gratis naar, zonder formeel bezwaar.",
        ),
        (
            "woz-eigendom-1-januari",
            "maar meestal wordt dat bij de notaris met de koper verrekend, dus dan krijgt u een deel terug van de "
            "koper.",
        ),
    ],
)
def test_round_seven_rejected_false_alarms_are_gone(scenario: str, text: str) -> None:
    assert _wrong_ids(scenario, text) == []


def test_round_seven_fixes_keep_the_real_wrong_statements() -> None:
    assert "belofte-uitkomst" in _wrong_ids("kwijtschelding-schaamte", "U krijgt het zeker, dat beloof ik u.")
    assert "ozb-vermindering" in _wrong_ids(
        "woz-eigendom-1-januari", "U krijgt van de gemeente een deel van de OZB terug."
    )


@pytest.mark.parametrize(
    ("scenario", "text", "previous"),
    [
        # a callback in working days is no bezwaar term
        (
            "woz-bezwaar-status",
            "Zal ik meneer Koster vragen u terug te bellen? Dat doet hij dan binnen twee werkdagen.",
            "Dus als het na 31 december nog niet binnen is, stuur ik een brief.",
        ),
        # not paying the disputed part is what uitstel is for
        (
            "woz-bezwaar-toch-betalen",
            "alleen als u uitstel vraagt, hoeft het betwiste deel even niet. dat is 29,90.",
            "",
        ),
        # the dog tax said to be left out, past an aside, and paid
        (
            "kwijtschelding-schaamte",
            "Maar de hondenbelasting van Pip, die 58 euro, die helaas niet, die moet u wel betalen.",
            "",
        ),
        # a goodbye
        ("heffing-ondernemer-niet-woning", "Nou, dan eh, succes met alles, en fijne dag nog!", "ik kan uitstel vragen"),
    ],
)
def test_evidence_round15_true_or_harmless_words_are_no_wrong_information(
    scenario: str, text: str, previous: str
) -> None:
    """Evidence round 15: each of these was reported 'onjuist' and a blind labeller found nothing wrong in it."""
    assert _wrong_ids(scenario, text, previous) == []


def test_evidence_round15_the_same_claims_said_wrongly_are_still_caught() -> None:
    assert "uitstel-alles" in _wrong_ids("woz-bezwaar-toch-betalen", "U krijgt uitstel voor alles.")
    assert _wrong_ids("woz-bezwaar-toch-betalen", "u hoeft het hele bedrag niet te betalen als u uitstel vraagt.")
    assert _wrong_ids("woz-bezwaar-status", "U kunt bezwaar maken tot twee weken na de datum op de brief.")


def test_evidence_round15_a_term_explained_in_its_own_sentence_is_no_jargon() -> None:
    """'..., ambtshalve heet dat', '... een deel over om van te leven, de beslagvrije voet', 'diftar ..., dus voor
    extra keren dat de container is geleegd': explained where it is said (evidence round 15)."""
    analyzer = get_analyzer()
    for text in [
        "Een taxateur gaat uit zichzelf nog naar uw waarde kijken, ambtshalve heet dat.",
        "Bij beslag blijft er altijd een deel over om van te leven, de beslagvrije voet.",
        "Het is een aanslag diftar over 2025, dus voor extra keren dat de container is geleegd.",
    ]:
        assert not analyzer.analyze(text).of("jargon"), text
    assert analyzer.analyze("De gemeente doet dat ambtshalve.").of("jargon")


def test_review31_the_round15_exceptions_leave_wrong_words_caught() -> None:
    """Review of round 30: a bezwaar term in working days, a term next to a callback in another clause, and the dog
    tax said to be paid during the remission are still wrong; 'aanvragen hoeft niet' denies, it affirms nothing."""
    assert "bezwaartermijn" in _wrong_ids(
        "woz-bezwaar-status", "U kunt bezwaar maken binnen tien werkdagen na de datum op de brief."
    )
    assert "bezwaartermijn" in _wrong_ids(
        "woz-bezwaar-status", "U kunt me altijd terug bellen, maar bezwaar maken kan tot vier weken na de brief."
    )
    text = "Uw hondenbelasting en afvalstoffenheffing moet u tijdens de kwijtschelding gewoon betalen."
    assert "kwijtschelding-betalen" in _wrong_ids("kwijtschelding-schaamte", text)
    text = "Voor de hondenbelasting kwijtschelding aanvragen hoeft niet, die krijgt u toch niet."
    assert _wrong_ids("kwijtschelding-in-behandeling", text) == []
    assert _wrong_ids("woz-bezwaar-toch-betalen", "De hele aanslag uitstellen hoeft niet.") == []
    analyzer = get_analyzer()
    assert analyzer.analyze("De beslagvrije voet blijft gewoon gelden, ik denk er nog over na.").of("jargon")


def test_round31_when_it_arrived_and_when_it_is_paid_are_no_wrong_rules() -> None:
    """'omdat het na 10 april binnenkwam' tells when the bezwaar arrived (no term counted from receipt); 'die aanslag
    van de erven hoeft u pas te betalen na de verlaging' tells when it is paid (the aanslag does not lapse). The
    wrong rules themselves are still caught (round-31 audit A5.2, B1.10)."""
    text = "We kijken niet naar de inhoud van uw bezwaar, omdat het na 10 april binnenkwam."
    assert _wrong_ids("woz-termijn-gemist", text) == []
    text = "De zes weken tellen vanaf de dag dat u de brief kreeg, dus u bent niet te laat."
    assert "bezwaartermijn-start" in _wrong_ids("woz-termijn-gemist", text)
    text = "En die aanslag van de erven hoeft u pas te betalen na de verlaging."
    assert _wrong_ids("heffing-overlijden-erven", text) == []
    assert "aanslag-overlijden" in _wrong_ids("heffing-overlijden-erven", "De aanslag van uw man vervalt gewoon.")


@pytest.mark.parametrize(
    ("scenario", "text", "point", "conveyed"),
    [
        # a month of a date, with 'wel' in the next sentence, keeps no month payable
        (
            "heffing-hondenbelasting",
            "Sjors afgemeld per 6 januari. Wij hebben wel een bewijsje nodig.",
            "januari",
            False,
        ),
        ("heffing-hondenbelasting", "Januari blijft wel staan, toen was Sjors er nog.", "januari", True),
        # the caller's own amount given back says nothing of what it is for
        ("heffing-huurder-ozb", "Dus de huur gaat omhoog, en u moet ook 446 euro betalen.", "wat-wel", False),
        ("heffing-huurder-ozb", "U betaalt alleen afvalstoffenheffing en rioolheffing, 446 euro.", "wat-wel", True),
        # a taxateur who looks first is no bezwaar term
        (
            "woz-nieuwbouw-eerste-waarde",
            "Dan kan een taxateur eerst meekijken, zonder bezwaar.",
            "bezwaar-termijn",
            False,
        ),
        (
            "woz-nieuwbouw-eerste-waarde",
            "Dan kan een taxateur eerst meekijken, zonder bezwaar.",
            "taxateur-eerst",
            True,
        ),
    ],
)
def test_round31_key_points_need_their_own_words(scenario: str, text: str, point: str, conveyed: bool) -> None:
    found = stated(A, LIBRARY.scenario(scenario), text, "", A.analyze(text)).key_info
    assert (point in found) is conveyed, found


def test_review32_narrower_round31_readings() -> None:
    """Review of round 31: a term counted from the day the letter came, with its date, is still wrong; the caller's
    446 with a date is no 'afval en riool'; a taxateur who values the house is no taxateur looking along."""
    text = "De zes weken lopen vanaf de dag dat u hem op 3 maart ontvangen heeft."
    assert "bezwaartermijn-start" in _wrong_ids("woz-termijn-gemist", text)
    for text in ("U moet die 446 euro gewoon betalen voor 31 maart.", "U betaalt 446 euro voor 2026."):
        found = stated(A, LIBRARY.scenario("heffing-huurder-ozb"), text, "", A.analyze(text)).key_info
        assert "wat-wel" not in found, (text, found)
    text = "De taxateur kijkt naar hoe de woning er op 1 januari bij stond, niet naar de koopprijs."
    found = stated(A, LIBRARY.scenario("woz-nieuwbouw-eerste-waarde"), text, "", A.analyze(text)).key_info
    assert "taxateur-eerst" not in found, found
    for text, conveyed in [
        ("Januari telt nog wel mee, want toen had u Sjors nog.", True),
        ("Over januari bent u het nog wel verschuldigd.", True),
        ("Ik meld Sjors af per 6 januari, dan betaalt u niets meer voor dit jaar.", False),
        ("Vanaf januari betaalt u niets meer voor Sjors.", False),
    ]:
        found = stated(A, LIBRARY.scenario("heffing-hondenbelasting"), text, "", A.analyze(text)).key_info
        assert ("januari" in found) is conveyed, (text, found)


def test_review33_readings_after_the_first_review() -> None:
    """Second review: 'pas na 10 april ontvangen' is when the bezwaar arrived; 'Januari hoeft u niet te betalen'
    credits no January; 'dan kan een taxateur er eerst naar kijken' credits the taxateur, 'neemt ... mee' does not;
    'De deurwaarder komt volgende week niet langs' is no agreement."""
    assert _wrong_ids("woz-termijn-gemist", "Uw bezwaar hebben we pas na 10 april ontvangen, dus te laat.") == []
    dog = LIBRARY.scenario("heffing-hondenbelasting")
    for text, conveyed in [
        ("Januari hoeft u niet te betalen.", False),
        ("Januari telt niet meer mee.", False),
        ("U betaalt alleen januari nog, de rest van het jaar krijgt u terug.", True),
        ("Omdat Sjors op 1 januari nog bij u was, betaalt u januari nog wel.", True),
    ]:
        assert ("januari" in stated(A, dog, text, "", A.analyze(text)).key_info) is conveyed, text
    text = "Ook januari hoeft u niet meer te betalen, want hij is op 6 januari overleden."
    assert "aanslag-overlijden" in _wrong_ids("heffing-hondenbelasting", text)
    new = LIBRARY.scenario("woz-nieuwbouw-eerste-waarde")
    for text, conveyed in [
        ("Klopt de bouwfase niet, dan kan een taxateur er eerst naar kijken zonder formeel bezwaar.", True),
        ("De taxateur neemt de bouwfase mee in de waarde.", False),
    ]:
        assert ("taxateur-eerst" in stated(A, new, text, "", A.analyze(text)).key_info) is conveyed, text
    assert not A.analyze("De deurwaarder komt volgende week niet langs.").of("next_step")
