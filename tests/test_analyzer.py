"""The dialogue-act analyzer: acts, look-alikes, typing habits, evidence, lexicon extensions, quality floor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.analyzer import Analyzer, analyze, get_analyzer, load_lexicon
from coach.errors import FileProblemError
from coach.formats.acts import ACT_LABELS, ACT_TABLE, ACTS, PHASE_OF_ACT, RULE_ACTS
from coach.formats.lexicon import Lexicon, Rule, RuleSet, merge
from tests.helpers import DATA


def acts(text: str) -> set[str]:
    return set(analyze(text).acts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Goedemorgen, gemeente Lindehoven, u spreekt met Sanne Bakker.", {"opening"}),
        ("goedemiddag met piet van belastingen", {"opening"}),
        ("Wat is er precies gebeurd?", {"open_question"}),
        ("wat staat er in de brief", {"open_question"}),
        ("Kunt u vertellen wat de deurwaarder zei?", {"open_question"}),
        ("Heeft u de brief ontvangen?", {"closed_question"}),
        ("heeft u de brief ontvangen", {"closed_question"}),
        ("Wat is uw aanslagnummer?", {"closed_question"}),
        ("Betaalt u liever per maand of in een keer?", {"closed_question"}),
        ("U heeft de aanmaning dus ontvangen?", {"closed_question"}),
        ("Als ik u goed begrijp, bent u in mei verhuisd.", {"summary"}),
        ("Dus u heeft nooit een aanmaning gehad.", {"summary"}),
        ("Ik hoor dat u erg geschrokken bent.", {"emotion_reflection"}),
        ("Gecondoleerd met het verlies van uw moeder.", {"emotion_reflection"}),
        ("Excuses voor het lange wachten.", {"emotion_reflection"}),
        ("Is dat zo duidelijk?", {"check_understanding"}),
        ("Klopt dat?", {"check_understanding"}),
        ("U kunt binnen zes weken bezwaar maken.", {"explanation"}),
        ("Ik stuur u vandaag nog het formulier.", {"next_step"}),
        ("U ontvangt binnen twee weken een brief.", {"next_step"}),
        ("Kan ik u verder nog ergens mee helpen?", {"closing"}),
        ("Fijne dag nog!", {"closing"}),
        ("Zo zijn de regels.", {"dismissive"}),
        ("Dat is niet mijn afdeling.", {"dismissive"}),
        ("Rustig maar.", {"dismissive"}),
        ("Heb je de brief nog?", {"closed_question", "informal_address"}),
        ("Vervelend als er iets op uw aanslag staat dat niet klopt.", {"emotion_reflection"}),
        ("Het voelt alsof u voor twee betaalt.", {"emotion_reflection"}),
        ("Sorry dat u zo lang moest wachten.", {"emotion_reflection"}),
        ("U zegt dat het op een slecht moment komt, wat speelt er?", {"summary", "open_question"}),
        ("Dus u bent verhuisd, heeft u dat doorgegeven?", {"summary"}),
        ("Sorry, wat vervelend voor u.", {"emotion_reflection"}),
        ("Sorry, wat was uw aanslagnummer ook alweer?", {"closed_question"}),  # politeness, no empathy
        ("Sorry, mag ik uw naam nog even?", {"closed_question"}),
        ("Excuses, ik verstond u niet.", set()),
        # how people really type: no full stop, no capital, typos in trigger words, run-on sentences
        ("zo zijn de regels", {"dismissive"}),  # 'zo' before the verb is no filler: no yes/no question
        ("Zo zijn de regels", {"dismissive"}),
        ("Ik snap niet waarom u zo moeilijk doet", {"dismissive"}),
        ("Zo kunt u het beste bezwaar maken.", {"explanation"}),  # 'het beste' here is no goodbye
        ("Het beste!", {"closing"}),
        ("Weet je wat, ik bel u morgen", {"next_step"}),  # generic 'je', no question
        ("als ik u goed begijp, bent u in mei verhuisd", {"summary"}),
        ("wat vervelnd", {"emotion_reflection"}),
        ("kan ik u nog ergens mee helpne", {"closing"}),
        ("Ik hoor dat u geschrokken bent wat is er precies gebeurd", {"emotion_reflection", "open_question"}),
        ("U bent geschrokken wat is er gebeurd", {"emotion_reflection", "open_question"}),
        ("Ik begrijp dat u geschrokken bent heeft u de brief nog", {"emotion_reflection", "closed_question"}),
        ("Ik ben benieuwd wat er in de brief staat", {"open_question"}),  # judged by function
        ("Ik wil graag horen hoe dat ging", {"open_question"}),
    ],
)
def test_acts(text: str, expected: set[str]) -> None:
    assert acts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wat een toestand!", {"emotion_reflection"}),  # exclamation, not a question
        ("Hoe het ook zij, de aanslag moet betaald worden.", {"explanation"}),
        ("Ik weet niet of dat kan.", set()),
        ("Ik vraag me af of dat klopt.", set()),
        ("Wie op 1 januari eigenaar is, betaalt de OZB voor het hele jaar.", {"explanation"}),
        ("Wat ik voor u ga doen, is de taxateur vragen u te bellen.", {"next_step"}),
        ("Ik begrijp het.", set()),
        ("Ik begrijp dat het vervelend is, maar zo zijn de regels.", {"dismissive"}),
        ("Een momentje, ik kijk even mee.", set()),
        ("Dat zie je wel vaker.", set()),  # generic 'je'
        ("Hallo?", set()),
        ("Goedemorgen.", set()),
        ("Ik werk bij de afdeling belastingen van de gemeente.", set()),  # introduction, no explanation
        ("Ik praat even rustig, dan kunnen we alles samen bekijken.", set()),
        ("Ik begrijp niet waarom u boos bent", set()),  # negated: no reflection
        ("Ik begrijp heel goed dat u boos bent", {"emotion_reflection"}),
        ("Dan is het heel logisch dat u geschrokken bent.", {"emotion_reflection"}),  # a statement is no check
        ("Nu is alles duidelijk.", set()),
        ("Weet je wat je moet doen?", {"check_understanding", "informal_address"}),
        ("Ik heb begrip voor uw situatie.", set()),  # a real word is not a typo of 'begrijp'
        # run-on sentences are not split inside an embedded question or a relative clause
        ("Ik vraag me af hoe dat ging", set()),
        ("Ik weet niet wat er gebeurd is", set()),
        ("Ik heb gelezen wat is gebeurd.", set()),
        ("Als u verhuisd bent kunt u dat doorgeven", {"explanation"}),  # advice, no question
    ],
)
def test_look_alikes(text: str, expected: set[str]) -> None:
    assert acts(text) == expected


def test_several_sentences_are_analysed_separately_and_aggregated() -> None:
    result = analyze("Wat vervelend voor u. Ik zie dat er een dwangbevel is gestuurd. Wat heeft de deurwaarder gezegd?")
    assert {"emotion_reflection", "explanation", "jargon", "open_question"} <= result.acts
    assert result.sentences[0].text == "Wat vervelend voor u."


def test_typos_are_read_but_evidence_quotes_what_was_typed() -> None:
    text = "Als ik u goed BEGIJP: wat vervelnd. Kan ik u nog ergens mee helpne?"
    result = analyze(text)
    assert {"summary", "emotion_reflection", "closing"} <= result.acts
    for hit in result.hits:
        assert text[hit.start : hit.end] == hit.text
    assert result.of("summary")[0].text.endswith("BEGIJP")
    assert result.of("closing")[0].text.endswith("helpne")
    assert [s.text for s in result.sentences][-1] == "Kan ik u nog ergens mee helpne?"


def test_a_run_on_turn_is_split_into_sentences() -> None:
    result = analyze("Ik hoor dat u geschrokken bent wat is er precies gebeurd")
    assert [s.text for s in result.sentences] == ["Ik hoor dat u geschrokken bent", "wat is er precies gebeurd"]


def test_diacritics_and_lowercase_are_handled_alike() -> None:
    assert acts("Kunt u dat in één keer betalen?") == acts("kunt u dat in een keer betalen")


def test_evidence_quotes_the_original_text() -> None:
    text = "Goedemorgen!  De DAGTEKENING is 3 maart; ik stuur u vandaag een kopie."
    result = analyze(text)
    assert result.hits
    for hit in result.hits:
        assert text[hit.start : hit.end] == hit.text
        assert hit.rule
    jargon = result.of("jargon")[0]
    assert jargon.text == "DAGTEKENING"
    assert jargon.term == "dagtekening"
    assert "bovenaan de brief" in jargon.plain


def test_jargon_explained_in_the_same_turn_is_not_jargon() -> None:
    assert "jargon" not in acts("Kijk naar de dagtekening, dat is de datum bovenaan de brief.")
    assert "jargon" in acts("De dagtekening is 3 maart.")
    assert "jargon" in acts("Het dwangbevel moet binnen twee dagen betaald worden.")
    assert "jargon" not in acts("U kreeg een dwangbevel, dat is een officieel bevel om binnen twee dagen te betalen.")


def test_acts_are_the_public_contract() -> None:
    assert set(ACTS) == {
        "opening",
        "open_question",
        "closed_question",
        "summary",
        "emotion_reflection",
        "check_understanding",
        "explanation",
        "next_step",
        "closing",
        "jargon",
        "dismissive",
        "informal_address",
        "off_script",
    }


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_crashes_and_offsets_are_valid(text: str) -> None:
    result = analyze(text)
    for hit in result.hits:
        assert hit.act in ACTS
        assert 0 <= hit.start <= hit.end <= len(text)
        assert text[hit.start : hit.end] == hit.text
    json.dumps(result.as_dict())


def _macro_f1(items: list[dict]) -> float:
    analyzer = get_analyzer()
    tp = dict.fromkeys(ACTS, 0)
    fp = dict.fromkeys(ACTS, 0)
    fn = dict.fromkeys(ACTS, 0)
    for item in items:
        got = analyzer.analyze(item["text"]).acts
        gold = set(item["acts"])
        for act in ACTS:
            tp[act] += act in got and act in gold
            fp[act] += act in got and act not in gold
            fn[act] += act in gold and act not in got
    f1s = []
    for act in ACTS:
        p = tp[act] / (tp[act] + fp[act]) if tp[act] + fp[act] else 1.0
        r = tp[act] / (tp[act] + fn[act]) if tp[act] + fn[act] else 1.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    return sum(f1s) / len(f1s)


def test_labelled_sets_cover_every_act() -> None:
    items = yaml.safe_load((DATA / "analyzer_dev.yaml").read_text(encoding="utf-8"))
    assert len(items) >= 300
    for act in ACTS:
        assert sum(act in i["acts"] for i in items) >= 20, act
    assert sum(not i["acts"] for i in items) >= 20


@pytest.mark.parametrize(("name", "floor"), [("analyzer_dev.yaml", 0.95), ("analyzer_holdout.yaml", 0.80)])
def test_quality_floor(name: str, floor: float) -> None:
    """A regression guard; bench/analyzer.py prints the full per-act table."""
    items = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    assert _macro_f1(items) >= floor


# --- lexicon -------------------------------------------------------------------------------------------------------


def test_builtin_lexicon_is_valid_data() -> None:
    lexicon = load_lexicon()
    assert isinstance(lexicon, Lexicon)
    assert {t.term for t in lexicon.jargon} >= {"dagtekening", "waardepeildatum", "dwangbevel", "ambtshalve"}
    assert all(t.plain for t in lexicon.jargon)


def test_lexicon_extension_adds_rules_and_jargon(tmp_path: Path) -> None:
    extra = tmp_path / "eigen.yaml"
    extra.write_text(
        """jargon:
  - term: precariobelasting
    patterns: [precariobelasting]
    plain: belasting voor spullen op straat
acts:
  dismissive:
    rules:
      - {id: mijn-tijd, pattern: "mijn tijd ... verspillen"}
""",
        encoding="utf-8",
    )
    base = Analyzer(load_lexicon())
    extended = get_analyzer([extra])
    text = "U verspilt mijn tijd, want de precariobelasting is al betaald."
    assert "dismissive" not in base.analyze(text).acts
    hit = extended.analyze("De precariobelasting is al betaald.").of("jargon")[0]
    assert hit.plain == "belasting voor spullen op straat"
    assert "dismissive" in extended.analyze("Ik ga mijn tijd niet verspillen.").acts
    assert "dagtekening" in {h.term for h in extended.analyze("De dagtekening is 3 maart.").of("jargon")}


@pytest.mark.parametrize("act", RULE_ACTS)
def test_every_act_with_rules_is_searched(act: str) -> None:
    """A rule added to any act of the act table is read in every sentence: none is compiled and then forgotten."""
    rule = RuleSet(rules=[Rule(id="proef", pattern="zwabberplof")])
    analyzer = Analyzer(merge(load_lexicon(), Lexicon(acts={act: rule})))
    hits = analyzer.analyze("Dat is dan zwabberplof voor u.").of(act)
    assert [h.rule for h in hits] == ["proef"], act
    assert act not in Analyzer(load_lexicon()).analyze("Dat is dan zwabberplof voor u.").acts


def test_every_act_has_a_dutch_label_and_a_phase_or_is_a_fault() -> None:
    assert set(ACT_LABELS) == set(ACTS) and all(ACT_LABELS.values())
    for act in ACT_TABLE:
        assert (act.name in PHASE_OF_ACT) != act.fault, act.name


def test_bad_lexicon_extension_is_located(tmp_path: Path) -> None:
    extra = tmp_path / "kapot.yaml"
    extra.write_text('acts:\n  dismissive:\n    rules:\n      - {id: x, pattern: "a?|b"}\n', encoding="utf-8")
    with pytest.raises(FileProblemError) as info:
        get_analyzer([extra])
    assert "kapot.yaml:4:" in info.value.problems[0].format()
    assert "acts.dismissive.rules[0].pattern" in info.value.problems[0].format()


@pytest.mark.parametrize(
    ("yaml_text", "where"),
    [
        ('caller_brain:\n  money: ["betal.*|geld"]\n', "caller_brain.money[0]"),
        ("caller_brain:\n  common: [betal*]\n", "caller_brain.common[0]"),  # '*' only where a field allows it
        ('caller_brain:\n  lack_names: {"(digid)": DigiD}\n', "caller_brain.lack_names"),
        ("questions:\n  self_checks: ['snap\\s+ik']\n", "questions.self_checks[0]"),
        ('grammar:\n  said_back:\n    prepositions: ["voor?"]\n', "grammar.said_back.prepositions[0]"),
        ("definition:\n  vague: [de regel(s)]\n", "definition.vague[0]"),
    ],
)
def test_a_regex_in_a_plain_word_list_is_a_located_error(tmp_path: Path, yaml_text: str, where: str) -> None:
    """The word lists the code builds its own regexes from take words, not patterns: a regex typed there would
    silently change what the caller or the analyzer reads, so it is refused with where it is."""
    extra = tmp_path / "woorden.yaml"
    extra.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(FileProblemError) as info:
        get_analyzer([extra])
    message = info.value.problems[0].format()
    assert "woorden.yaml:" in message and where in message and "ongeldig woord" in message, message


def test_a_talk_phrase_needs_verbs(tmp_path: Path) -> None:
    extra = tmp_path / "praat.yaml"
    extra.write_text("caller_brain:\n  about_the_talk:\n    - {next: [het]}\n", encoding="utf-8")
    with pytest.raises(FileProblemError) as info:
        get_analyzer([extra])
    assert "caller_brain.about_the_talk[0]" in info.value.problems[0].format()


def test_the_caller_brain_reads_its_words_from_the_lexicon(tmp_path: Path) -> None:
    """A word added in an extension reaches the caller's regexes (compiled once per analyzer)."""
    from coach.caller.words import brain_words

    extra = tmp_path / "geld.yaml"
    extra.write_text("caller_brain:\n  money: [toeslag*]\n  why: [waarom dan]\n", encoding="utf-8")
    base, extended = brain_words(get_analyzer()), brain_words(get_analyzer([extra]))
    assert not base.money.search("krijgt u een toeslag?") and extended.money.search("krijgt u een toeslagen?")
    assert extended.money.search("wilt u betalen?") and extended.why.search("waarom dan?")
    assert brain_words(get_analyzer([extra])) is extended


def test_the_brain_and_the_question_reader_take_their_lead_words_from_the_lexicon(tmp_path: Path) -> None:
    """The brain's answer, greeting and tag words and the question reader's two-things heads are lexicon data: an
    extension adds to them, the built-in lists stay."""
    from coach.analyzer.asked import _words
    from coach.caller.words import brain_words

    extra = tmp_path / "woorden.yaml"
    extra.write_text(
        "caller_brain:\n  answer_words: [welzeker]\n  greetings: [moi]\n  tag_verbs: [voelt]\n"
        "questions:\n  second_heads: [jullie]\n",
        encoding="utf-8",
    )
    base, extended = brain_words(get_analyzer()), brain_words(get_analyzer([extra]))
    assert not base.answer_word.match("welzeker, dat kan") and extended.answer_word.match("welzeker, dat kan")
    assert extended.answer_word.match("nee, helaas") and extended.greeting.match("moi, met kees")
    assert not base.tag.match("voelt dat goed?") and extended.tag.match("voelt dat goed?")
    heads = _words(get_analyzer([extra])).two_things
    assert heads.search("uw adres en jullie nummer") and not _words(get_analyzer()).two_things.search(
        "uw adres en jullie nummer"
    )


# --- CLI -----------------------------------------------------------------------------------------------------------


def test_cli_json_lines_one_object_per_utterance_in_order(invoke) -> None:
    result = invoke("analyze", "--json", "Wat is er gebeurd?", "Zo zijn de regels.", "oké")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [x["text"] for x in lines] == ["Wat is er gebeurd?", "Zo zijn de regels.", "oké"]
    assert lines[0]["acts"][0] == {
        "act": "open_question",
        "text": "Wat is er gebeurd",
        "start": 0,
        "end": 17,
        "rule": "wh-question",
    }
    assert lines[1]["acts"][0]["act"] == "dismissive"
    assert lines[2]["acts"] == []


def test_cli_file_and_stdin(invoke, tmp_path: Path) -> None:
    path = tmp_path / "zinnen.txt"
    path.write_text("Heeft u de brief?\n\nIk stuur u vandaag het formulier.\n", encoding="utf-8")
    from_file = invoke("analyze", "--file", path, "--json")
    from_stdin = invoke("analyze", "--json", input="Heeft u de brief?\nIk stuur u vandaag het formulier.\n")
    assert from_file.stdout == from_stdin.stdout
    assert len(from_file.stdout.splitlines()) == 2


def test_cli_table_escapes_markup(invoke) -> None:
    result = invoke("analyze", "[zucht] Wat vervelend voor u.")
    assert result.exit_code == 0
    assert "[zucht]" in result.stdout
    assert "gevoel benoemd" in result.stdout


def test_cli_lexicon_option_and_library_folder(invoke, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    (lib / "lexicon").mkdir(parents=True)
    (lib / "lexicon" / "extra.yaml").write_text(
        "jargon:\n  - {term: legeskosten, patterns: [legeskosten], plain: de kosten van de aanvraag}\n",
        encoding="utf-8",
    )
    result = invoke("analyze", "--json", "-L", lib, "De legeskosten zijn 40 euro.")
    assert json.loads(result.stdout)["acts"][-1]["term"] == "legeskosten"
    missing = invoke("analyze", "--lexicon", tmp_path / "weg.yaml", "hallo")
    assert missing.exit_code == 2
    assert "lexiconbestand" in missing.stderr


def test_cli_errors(invoke, tmp_path: Path) -> None:
    assert invoke("analyze", "--json", input="").exit_code == 2
    assert invoke("analyze", "--file", tmp_path / "weg.txt").exit_code == 2
    both = invoke("analyze", "a", "--file", tmp_path / "x.txt")
    assert both.exit_code == 2 and "niet allebei" in both.stderr


def test_validate_checks_lexicon_files(invoke, tmp_path: Path) -> None:
    lex = tmp_path / "lexicon" / "fout.yaml"
    lex.parent.mkdir()
    lex.write_text("jargon:\n  - {term: x, patterns: [x]}\n", encoding="utf-8")
    result = invoke("validate", lex)
    assert result.exit_code == 1
    assert "jargon[0].plain: verplicht veld ontbreekt" in result.output


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dat kan niet.", (0, 1)),
        ("Dat is niet mogelijk.", (0, 1)),
        ("U kunt wel bezwaar maken.", (2, 0)),
        ("Helaas, dat kan niet, maar u kunt wel een regeling vragen.", (2, 2)),
    ],
)
def test_wording_counts_a_positive_word_inside_a_negative_phrase_as_negative(text: str, expected) -> None:
    assert get_analyzer().wording(text) == expected


# --- generic conversation acts (issue 13) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Dus" followed by a question, a verb or a plan is no summary
        ("Dus wat wilt u nu gaan doen?", {"open_question"}),
        ("Dus laten we even naar de papieren kijken.", set()),
        ("Dus heeft u de brief nog?", {"closed_question"}),
        ("Dus u wilt het liefst in termijnen betalen.", {"summary"}),
        # yes/no questions by grammar: a finite verb first, a subject second, with any everyday verb
        ("Drinkt u alcohol", {"closed_question"}),
        ("Rookt u", {"closed_question"}),
        ("Speelde dat toen ook al", {"closed_question"}),
        ("Waarin verschilt uw huis volgens u van dat van de buren", {"open_question"}),
        # open by function, closed when one fact is asked
        ("Zijn er nog andere dingen die meespelen?", {"open_question"}),
        ("Vertel daar eens wat meer over.", {"open_question"}),
        ("Kun je me daar misschien iets meer over vertellen?", {"open_question", "informal_address"}),
        ("Mag ik vragen waarom u wilt opzeggen?", {"open_question"}),
        ("Wa-wat denk je dat er dan gebeurt", {"open_question", "informal_address"}),
        ("Hoeveel drinkt u per dag?", {"closed_question"}),
        ("Hoe vaak gebeurt dat?", {"closed_question"}),
        ("Sinds wanneer woont u alleen?", {"closed_question"}),
        ("Op een schaal van nul tot tien, hoe belangrijk is het voor u?", {"closed_question"}),
        # reflections without a marker word, also said rising
        ("U maakt zich zorgen om uw zoon.", {"emotion_reflection"}),
        ("U bent daar boos over?", {"emotion_reflection"}),
        ("Je voelt je niet gezien door hem.", {"emotion_reflection", "informal_address"}),
        ("Je wilt deze baby.", {"summary", "informal_address"}),
        ("U woont alleen, zegt u.", {"summary"}),
        ("Vervelend zeg.", {"emotion_reflection"}),
        ("Naar het gemeentehuis kunt u altijd.", {"explanation"}),
        # information and advice on any subject
        ("U kunt morgen langskomen bij de apotheek.", {"explanation"}),
        ("Het recept is drie maanden geldig.", {"explanation"}),
        ("Dat betekent dat u nuchter moet komen.", {"explanation"}),
        ("Neem twee tabletten per dag.", {"explanation"}),
        ("Neem gerust de tijd.", set()),
        ("U hoeft niet bang te zijn, het is een kleine ingreep die vaak gedaan wordt.", {"explanation"}),
        # false fires the lexicon no longer makes
        ("Ik waardeer het dat u belt.", set()),
        ("Heeft u nog plannen voor deze mooie dag?", {"closed_question"}),
        ("Ik vraag me af, weet je, of dat lukt.", set()),
        ("Ja, maar dat is ook best zwaar voor je.", {"emotion_reflection", "informal_address"}),
        ("Ja, maar dat is juist gunstig: uw voorschot kan omlaag.", {"explanation"}),
        ("zeur niet zo, het is maar 9 euro.", {"dismissive", "explanation"}),
        ("Nog een fijne dag!", {"closing"}),
        ("Tot ziens!", {"closing"}),
        ("Tot over twee weken!", {"closing"}),
        ("Dan laat ik u gaan, het ga u goed.", {"closing"}),
        # narration is no agreement
        ("Momentje, ik zoek u even op in het systeem.", set()),
        ("Ik pak even een pen.", set()),
        # openings outside the tax office: a name typed with a capital
        ("Goedemiddag, ik ben Ingrid van Burgerzaken.", {"opening"}),
        ("Ja, goedemorgen! Klantenservice RegioBus, met Ahmed.", {"opening"}),
        ("Goedemorgen, ik ben bang dat het niet lukt.", set()),
    ],
)
def test_generic_acts(text: str, expected: set[str]) -> None:
    assert acts(text) == expected


@pytest.mark.parametrize(
    ("previous", "text", "expected"),
    [
        # what the other said, given back: a summary; a feeling named: a reflection; both when both
        ("Ik weet niet of ik het wel wil, mijn vriend vindt het te vroeg.", "Je wilt het wel.", {"summary"}),
        (
            "Ik slaap al weken slecht, ik lig te piekeren over mijn werk.",
            "U ligt wakker van de zorgen over uw werk.",
            {"summary", "emotion_reflection"},
        ),
        ("Ik huur. Het huis is niet van mij.", "U huurt het huis.", {"summary"}),
        (
            "Mijn zoontje heeft al vier dagen diarree en sinds vanochtend wil hij niks meer drinken.",
            "Vier dagen diarree al, en nu wil hij niks meer drinken.",
            {"summary"},
        ),
        # set right, advice or an answer to a question is no summary
        ("Ik hoop dat ik u niet stoor.", "U stoort helemaal niet.", set()),
        ("Moet ik die zalf dik smeren of dun?", "Dun, een dun laagje smeren is genoeg.", {"explanation"}),
        (
            "Hoe laat moet ik er zijn voor de operatie?",
            "Op de dag van de operatie meldt u zich om zeven uur.",
            {"explanation"},
        ),
        # an answer counts as information only when it takes up the question
        ("Wat vindt u van het weer?", "lekker weertje trouwens vandaag he", {"off_script"}),
    ],
)
def test_reading_against_the_previous_turn(previous: str, text: str, expected: set[str]) -> None:
    assert set(get_analyzer().analyze(text, previous).acts) - {"informal_address"} == expected


def test_without_the_previous_turn_no_echo() -> None:
    assert "summary" not in get_analyzer().analyze("U huurt het huis.").acts


def test_rule_prefilter_never_changes_the_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """The prefilter (a rule set runs only when the sentence holds a telling word of one of its patterns) is a speed
    measure: with every rule set run on every sentence the acts are the same."""
    from coach.analyzer import engine

    items = [
        i for name in ("analyzer_dev.yaml", "analyzer_dev3.yaml") for i in yaml.safe_load((DATA / name).read_text())
    ]
    fast = [sorted((h.act, h.rule, h.start) for h in get_analyzer().analyze(i["text"]).hits) for i in items]
    monkeypatch.setattr(engine._Rules, "possible", lambda self, words: True)
    slow_analyzer = Analyzer(load_lexicon())
    slow = [sorted((h.act, h.rule, h.start) for h in slow_analyzer.analyze(i["text"]).hits) for i in items]
    assert fast == slow


def test_cli_reads_against_the_callers_line(invoke) -> None:
    result = invoke("analyze", "--json", "--previous", "Ik huur. Het huis is niet van mij.", "U huurt het huis.")
    assert result.exit_code == 0
    assert "summary" in {a["act"] for a in json.loads(result.stdout)["acts"]}
    plain = invoke("analyze", "--json", "U huurt het huis.")
    assert "summary" not in {a["act"] for a in json.loads(plain.stdout)["acts"]}


@pytest.mark.parametrize(
    "text",
    [
        "Mooi zo. Veel plezier in jullie nieuwe huis, meneer Mulder, en een fijne middag nog!",
        "Ik stuur het formulier naar uw moeder, jullie vullen het zaterdag samen in en sturen het terug.",
        "oke. als er onenigheid komt over huur of servicekosten dan kunnen jullie naar de huurcommissie",
    ],
)
def test_jullie_speaks_to_more_than_one_and_is_no_informal_address(text: str) -> None:
    """Evidence rounds 7, 10 and 11: 'jullie' is plural (the caller and the household), no je/jij to the caller."""
    analysis = get_analyzer().analyze(text)
    assert not analysis.has("informal_address"), analysis.of("informal_address")
    assert get_analyzer().analyze("Hebben jullie je DigiD al?").has("informal_address")
