"""The feedback engine: evidence-based scores, tips on the trainee's moment, rubric-driven, formats."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from coach.analyzer import get_analyzer
from coach.cli import render
from coach.cli.reports import to_html, to_markdown
from coach.feedback import evaluate
from coach.feedback.signals import IMPLEMENTATIONS
from coach.formats import Transcript
from coach.formats.signals import SIGNALS
from coach.library import Library
from coach.loader import load
from tests.test_caller import DISMISSIVE, GOOD_WOZ, play


@pytest.fixture(scope="module")
def lib() -> Library:
    return Library.open()


@pytest.fixture(scope="module")
def good(lib: Library):
    transcript, _ = play(lib.scenario("woz-hoger-dan-buren"), GOOD_WOZ)
    return transcript


@pytest.fixture(scope="module")
def bad(lib: Library):
    transcript, _ = play(lib.scenario("woz-hoger-dan-buren"), DISMISSIVE)
    return transcript


def fb(lib: Library, transcript: Transcript, rubric: str = "standaard", scenario: bool = True):
    return evaluate(
        transcript, lib.rubric(rubric), get_analyzer(), lib.scenario("woz-hoger-dan-buren") if scenario else None
    )


def test_every_signal_is_implemented() -> None:
    assert set(IMPLEMENTATIONS) == set(SIGNALS)


def test_good_call_scores_clearly_higher_on_every_dimension(lib: Library, good, bad) -> None:
    high, low = fb(lib, good), fb(lib, bad)
    for name in ("luisteren", "gespreksopbouw", "toon", "inhoud"):
        assert high.dimensions[name].score - low.dimensions[name].score >= 20, name
    assert high.overall >= 80 and low.overall <= 45
    assert high.strengths and low.improvements


def test_every_scored_criterion_is_explained(lib: Library, good, bad) -> None:
    for result in (fb(lib, good), fb(lib, bad)):
        for c in result.criteria:
            assert c.tip and c.example
            if c.skipped:
                assert c.score is None and c.passed is None and c.skip_reason
            else:
                assert c.detail
                for e in c.evidence:
                    turn = result_turn(good if result is not None else bad, e.turn)
                    assert turn is not None


def result_turn(transcript: Transcript, number: int):
    return transcript.turns[number - 1] if 1 <= number <= len(transcript.turns) else None


def test_evidence_quotes_the_transcript(lib: Library, bad) -> None:
    result = fb(lib, bad)
    for c in result.criteria:
        for e in c.evidence:
            assert e.text in bad.turns[e.turn - 1].text


def test_tip_builds_on_the_trainees_moment(lib: Library) -> None:
    transcript, _ = play(
        lib.scenario("woz-hoger-dan-buren"),
        ["Goedemorgen, met Anna van Belastingen.", "Heeft u de brief?", "Is de waarde te hoog?", "Bent u eigenaar?"],
    )
    criterion = next(c for c in fb(lib, transcript).criteria if c.id == "open-vragen")
    assert criterion.passed is False
    assert criterion.tip.startswith("In beurt 4 vroeg u: 'Heeft u de brief?' Begin met een open vraag")
    better = criterion.tip.split("Beter: '", 1)[1].rstrip(".'")  # a better sentence on the trainee's own moment
    assert get_analyzer().analyze(better).has("open_question"), better


def test_tip_quotes_the_trainees_whole_sentence_not_a_fragment(lib: Library) -> None:
    transcript, _ = play(
        lib.scenario("woz-hoger-dan-buren"),
        [
            "Goedemorgen, met Anna van Belastingen.",
            "Mag ik uw aanslagnummer?",
            "Heeft u de brief van de gemeente gisteren al gekregen, of is die nog onderweg naar u?",
            "Is de waarde te hoog?",
        ],
    )
    criterion = next(c for c in fb(lib, transcript).criteria if c.id == "open-vragen")
    assert criterion.passed is False
    # an identifying-fact question must be closed: it is never the example of a poor closed question
    assert "aanslagnummer" not in criterion.tip
    assert criterion.tip.startswith(
        "In beurt 6 vroeg u: 'Heeft u de brief van de gemeente gisteren al gekregen, of is die nog onderweg naar u?'"
    )


def test_long_sentences_are_trimmed_with_an_ellipsis_in_the_tip(lib: Library) -> None:
    long = "Is het zo dat " + "u de brief van de gemeente over de waarde van uw huis " * 4 + "gisteren heeft gekregen?"
    transcript, _ = play(lib.scenario("woz-hoger-dan-buren"), ["Goedemorgen, met Anna van Belastingen.", long, long])
    criterion = next(c for c in fb(lib, transcript).criteria if c.id == "open-vragen")
    quote = criterion.tip.split("'")[1]
    assert quote.endswith("…") and 60 < len(quote) <= 120 and long.startswith(quote[:-1])


def test_unanswered_question_inside_a_caller_turn_is_quoted(lib: Library) -> None:
    transcript = Transcript.model_validate(
        {
            "turns": [
                {"speaker": "learner", "text": "Goedemorgen, Belastingen, met Anna."},
                {"speaker": "caller", "text": "Waarom is mijn aanslag zo hoog? Ik snap het niet."},
                {"speaker": "learner", "text": "Mag ik uw postcode?"},
            ]
        }
    )
    result = evaluate(transcript, lib.rubric("standaard"), get_analyzer())
    answered = next(c for c in result.criteria if c.signal == "caller_questions_answered")
    assert answered.passed is False and answered.value == 0
    assert answered.tip.startswith("In beurt 2 vroeg de beller: 'Waarom is mijn aanslag zo hoog?'")


def test_jargon_tip_gives_the_plain_words(lib: Library) -> None:
    transcript, _ = play(
        lib.scenario("woz-hoger-dan-buren"), ["De dagtekening is 27 februari.", "Dat is de dagtekening."]
    )
    criterion = next(c for c in fb(lib, transcript).criteria if c.signal == "jargon")
    assert "dagtekening" in criterion.tip and "de datum die bovenaan de brief staat" in criterion.tip


def test_without_scenario_scenario_criteria_are_skipped_not_zero(lib: Library, good) -> None:
    result = fb(lib, good, scenario=False)
    skipped = {c.signal for c in result.criteria if c.skipped}
    assert {"hidden_concern_found", "key_info", "misinformation"} <= skipped
    assert result.dimensions["inhoud"].skipped and result.dimensions["inhoud"].score is None
    assert result.overall is not None


def test_rubric_weights_change_the_emphasis(lib: Library, bad, tmp_path: Path) -> None:
    base = fb(lib, bad)
    text = lib.path_of("rubric", "standaard").read_text(encoding="utf-8")
    heavy = tmp_path / "zwaar.yaml"
    heavy.write_text(
        text.replace("id: standaard", "id: zwaar").replace(
            "signal: dismissive\n        weight: 2", "signal: dismissive\n        weight: 20"
        ),
        encoding="utf-8",
    )
    changed = evaluate(bad, load(heavy, "rubric"), get_analyzer(), lib.scenario("woz-hoger-dan-buren"))
    dismissive = next(c for c in base.criteria if c.signal == "dismissive")
    assert dismissive.passed is False  # the call has dismissive sentences
    # more weight pulls the dimension towards that criterion's score, whichever way that is
    before, after = base.dimensions["toon"].score, changed.dimensions["toon"].score
    assert after != before and abs(after - dismissive.score) < abs(before - dismissive.score)


def test_pass_thresholds_are_explicit(lib: Library, good, tmp_path: Path) -> None:
    assert fb(lib, good).passed is True  # standaard has pass_score 60
    text = lib.path_of("rubric", "standaard").read_text(encoding="utf-8")
    strict = tmp_path / "streng.yaml"
    strict.write_text(text.replace("pass_score: 60\n", "pass_score: 99\n", 1), encoding="utf-8")
    assert evaluate(good, load(strict, "rubric"), get_analyzer(), None).passed is False
    none = tmp_path / "geen.yaml"
    none.write_text(text.replace("pass_score: 60\n", "", 1), encoding="utf-8")
    assert evaluate(good, load(none, "rubric"), get_analyzer(), None).passed is None


def test_boze_beller_rubric_weighs_emotion(lib: Library, bad, tmp_path: Path) -> None:
    angry = fb(lib, bad, "boze-beller")
    # the weights compared on the raw scale: the standaard rubric without its calibration
    text = lib.path_of("rubric", "standaard").read_text(encoding="utf-8")
    raw = tmp_path / "standaard-ruw.yaml"
    raw.write_text("\n".join(x for x in text.splitlines() if "calibration:" not in x) + "\n", encoding="utf-8")
    standard = evaluate(bad, load(raw, "rubric"), get_analyzer(), lib.scenario("woz-hoger-dan-buren"))
    assert angry.dimensions["toon"].score < standard.dimensions["toon"].score
    assert any(c.id == "geen-ja-maar" and c.passed is False for c in angry.criteria)


def test_an_excellent_call_still_gets_two_or_three_improvements(lib: Library, good) -> None:
    result = fb(lib, good)
    assert result.overall >= 90
    below = [c for c in result.criteria if c.score is not None and c.score < 100]
    assert len(below) >= 2 and 2 <= len(result.improvements) <= 3
    # ordered by weighted loss: the biggest loss comes first (of the criteria not already named a strength)
    strong = [c for c in below if any(s.startswith(c.description) for s in result.strengths)]
    losses = sorted(
        (c for c in below if c not in strong), key=lambda c: (-c.weight * (100 - c.score), c.passed is not False, c.id)
    )
    assert losses[0].tip.split("' ", 1)[-1][:20] in result.improvements[0]


def test_full_marks_give_no_invented_improvement(lib: Library, tmp_path: Path) -> None:
    rubric = tmp_path / "opening.yaml"
    rubric.write_text(
        "id: alleen-opening\ntitle: Alleen de opening\ndimensions:\n"
        + "".join(
            f"  {dim}:\n    criteria:\n      - {{id: {cid}, description: {cid}., signal: {sig}, tip: Doe het., "
            "example: Zo.}\n"
            for dim, cid, sig in (
                ("luisteren", "balans", "talk_balance"),
                ("gespreksopbouw", "opening", "opening"),
                ("toon", "vaktaal", "jargon"),
            )
        ),
        encoding="utf-8",
    )
    transcript = Transcript.model_validate(
        {
            "turns": [
                {"speaker": "learner", "text": "Goedemorgen, Belastingen gemeente Lindehoven, u spreekt met Anna."},
                {"speaker": "caller", "text": "Goedemorgen, ik heb een vraag over mijn aanslag van dit jaar."},
            ]
        }
    )
    result = evaluate(transcript, load(rubric, "rubric"), get_analyzer())
    assert {c.score for c in result.criteria} == {100.0}
    assert result.improvements == []
    items = [(transcript, result)]
    assert "## Verbeterpunten\n\nGeen: elk beoordeeld criterium kreeg de hoogste score." in to_markdown(items)
    assert "Geen: elk beoordeeld criterium kreeg de hoogste score." in to_html(items)
    assert "Geen: elk beoordeeld criterium" in _rich(result, 100)


def _rich(result, width: int) -> str:
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(render.feedback_report(result))
    return console.export_text()


def test_rich_timeline_fits_the_console_width(lib: Library) -> None:
    long = "Als ik u goed begrijp, vindt u de waarde te hoog vergeleken met de buren en maakt u zich zorgen. Klopt dat?"
    transcript, _ = play(lib.scenario("woz-hoger-dan-buren"), ["Goedemorgen, met Anna van Belastingen.", long])
    result = fb(lib, transcript)
    narrow = _rich(result, 80)
    timeline = narrow[narrow.index("Gespreksverloop") :].split("\n")
    at = next(n for n, line in enumerate(timeline) if "beurt 4" in line)
    row = timeline[at + 1]  # the phases on the turn's line, what was said on the line below
    assert all(len(line) <= 80 for line in narrow.splitlines())
    assert "…" in row and "Als ik u goed begrijp, vindt u de waarde te hoog vergeleken" in row  # not cut at 30
    wide = _rich(result, 200)
    lines = wide[wide.index("Gespreksverloop") :].split("\n")
    row = lines[next(n for n, line in enumerate(lines) if "beurt 4" in line) + 1]
    assert "vergeleken met de buren en maakt u zich zorgen" in row  # more than a fixed 60 characters


def test_markdown_escapes_a_pipe_once(lib: Library) -> None:
    transcript, _ = play(
        lib.scenario("woz-hoger-dan-buren"),
        ["Goedemorgen | met Anna van Belastingen.", "Heeft u de brief | of de aanslag?", "Is de waarde te hoog?"],
    )
    md = to_markdown([(transcript, fb(lib, transcript))])
    assert "de brief \\| of" in md and "\\\\|" not in md
    columns = 0
    for line in md.splitlines():
        if not line.startswith("|"):
            columns = 0
            continue
        cells = len(line.replace("\\|", "").split("|"))
        columns = columns or cells  # the header row sets the number of columns of its table
        assert cells == columns, line  # no cell split by a '|' in a quote


def test_markdown_and_html_include_the_phase_timeline(lib: Library, good) -> None:
    result = fb(lib, good)
    items = [(good, result)]
    md, page = to_markdown(items), to_html(items)
    assert "## Gespreksverloop" in md and "<h2>Gespreksverloop</h2>" in page
    first = result.phases[0]
    assert f"| {first.turn} | opening · vraagverheldering |" in md
    assert f"<tr><td>{first.turn}</td><td>opening · vraagverheldering</td>" in page
    assert md.count("\n| ", md.index("## Gespreksverloop")) >= len(result.phases)


def test_phases_timeline(lib: Library, good) -> None:
    result = fb(lib, good)
    assert result.phases[0].phases[0] == "opening"
    assert result.phase_order[:2] == ["opening", "vraagverheldering"]
    assert "afsluiting" in result.phase_order


def test_transcript_without_emotions(lib: Library) -> None:
    transcript = Transcript.model_validate(
        {
            "turns": [
                {"speaker": "caller", "text": "Ik heb een vraag."},
                {"speaker": "learner", "text": "Wat is uw vraag?"},
            ]
        }
    )
    result = evaluate(transcript, lib.rubric("standaard"), get_analyzer())
    by_signal = {c.signal: c for c in result.criteria}
    assert by_signal["emotion_acknowledged"].skipped
    assert by_signal["open_questions"].passed is False  # one question is below min_questions
    assert 0 < by_signal["open_questions"].score < by_signal["open_questions"].pass_score  # some credit, no pass


def test_schema_is_stable(lib: Library, good) -> None:
    data = json.loads(fb(lib, good).model_dump_json())
    assert set(data["dimensions"]["luisteren"]) >= {"score"}
    assert set(data["criteria"][0]) >= {"id", "dimension", "score", "passed", "evidence", "tip"}
    assert {"phases", "overall"} <= set(data)


# --- CLI -----------------------------------------------------------------------------------------------------------


def _write(tmp_path: Path, transcript: Transcript, name: str) -> Path:
    from coach.formats import write_transcript

    return write_transcript(transcript, tmp_path / name)


def test_evaluate_json_and_formats(invoke, tmp_path: Path, good, bad) -> None:
    a, b = _write(tmp_path, good, "a.yaml"), _write(tmp_path, bad, "b.json")
    one = json.loads(invoke("evaluate", a, "--json").stdout)
    assert one["scenario"] == "woz-hoger-dan-buren" and one["dimensions"]["toon"]["score"] > 70
    two = json.loads(invoke("evaluate", a, b, "--json").stdout)
    assert [x["outcome"] for x in two] == ["satisfied", "hung_up"]
    md = invoke("evaluate", a, "--markdown").stdout
    assert md.startswith("# Feedback") and "## Luisteren" in md and "| ✓ |" in md
    out = tmp_path / "rapport.html"
    assert invoke("evaluate", b, "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "<script" not in page and "http" not in page.split("</style>")[1]
    rich = invoke("evaluate", a)
    assert "Luisteren" in rich.stdout and "Gespreksverloop" in rich.stdout


def test_evaluate_without_known_scenario_warns(invoke, tmp_path: Path, good) -> None:
    data = good.model_copy(update={"scenario": "bestaat-niet"})
    path = _write(tmp_path, data, "x.yaml")
    result = invoke("evaluate", path, "--json")
    assert result.exit_code == 0
    assert "scenario-criteria worden overgeslagen" in result.stderr
    assert json.loads(result.stdout)["dimensions"]["inhoud"]["skipped"] is True
    assert invoke("evaluate", path, "--scenario", "bestaat-niet").exit_code == 2


def test_evaluate_errors(invoke, tmp_path: Path, good) -> None:
    path = _write(tmp_path, good, "a.yaml")
    assert invoke("evaluate", path, "--json", "--html").exit_code == 2
    assert invoke("evaluate", path, "-o", tmp_path / "x.txt").exit_code == 2
    bad = tmp_path / "kapot.yaml"
    bad.write_text("turns: []\n", encoding="utf-8")
    result = invoke("evaluate", bad)
    assert result.exit_code == 1 and "turns: te weinig onderdelen" in result.stderr


def test_run_json_includes_feedback_and_history_shows_score(invoke, tmp_path: Path) -> None:
    replies = tmp_path / "r.txt"
    replies.write_text("\n".join(GOOD_WOZ), encoding="utf-8")
    data = json.loads(invoke("run", "woz-hoger-dan-buren", "--replies", replies, "--seed", "1", "--json").stdout)
    assert data["feedback"]["overall"] > 75
    row = json.loads(invoke("history", "--json", "--all").stdout)["sessions"][0]
    assert row["meta"]["score"] == data["feedback"]["overall"]


def test_min_score_gives_an_exam_exit_code(invoke, tmp_path: Path, good, bad) -> None:
    a, b = _write(tmp_path, good, "goed.yaml"), _write(tmp_path, bad, "slecht.yaml")
    passed = invoke("evaluate", a, "--rubric", "examen", "--min-score", "65", "--json")
    assert passed.exit_code == 0 and "GESLAAGD: " in passed.stderr
    failed = invoke("evaluate", a, b, "--rubric", "examen", "--min-score", "65", "--json")
    assert failed.exit_code == 1 and "NIET GESLAAGD: " in failed.stderr
    data = json.loads(failed.stdout)
    assert data[0]["passed"] is True and data[1]["passed"] is False
    assert {d["pass_score"] for d in data[1]["dimensions"].values()} == {60, 65}


def test_every_shipped_rubric_scores_good_above_bad(lib: Library, good, bad) -> None:
    for rubric_id in lib.ids("rubric"):
        high, low = fb(lib, good, rubric_id), fb(lib, bad, rubric_id)
        assert high.overall - low.overall >= 30, rubric_id
