"""Fair, reproducible scores: every report names where it comes from, a transcript played with the offline caller is
checked by replaying it, and an exam names every threshold a call failed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from coach.analyzer import get_analyzer
from coach.authoring import read_script
from coach.caller import make_caller
from coach.formats import Outcome, write_transcript
from coach.library import Library
from coach.session import Session, run_session
from tests.helpers import ROOT

SCRIPTS = ROOT / "scripts"


def _play(scenario_id: str, script: str, seed: int = 0, learner: str | None = None):
    scenario = Library.open().scenario(scenario_id)
    analyzer = get_analyzer()
    replies = read_script(SCRIPTS / scenario_id / f"{script}.txt")
    session = Session(scenario, make_caller("offline", scenario, analyzer, seed), analyzer, seed=seed, learner=learner)
    return run_session(session, replies)


def _file(tmp_path: Path, name: str, scenario_id: str = "woz-hoger-dan-buren", script: str = "good", **kw) -> Path:
    return write_transcript(_play(scenario_id, script, **kw), tmp_path / name)


def _edit(path: Path, change) -> Path:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _report(invoke, *args) -> dict:
    result = invoke("evaluate", *args, "--json")
    return json.loads(result.stdout)


def test_a_report_names_its_source_and_a_played_call_is_verified(invoke, tmp_path: Path) -> None:
    path = _file(tmp_path, "anna.yaml", seed=3)
    source = _report(invoke, path)["source"]
    assert source["file"] == str(path) and source["seed"] == 3 and source["engine"] == "offline"
    assert source["date"] and re.fullmatch(r"[0-9a-f]{12}", source["scenario_hash"])
    assert re.fullmatch(r"[0-9a-f]{12}", source["rubric_hash"])
    assert source["verified"] is True and source["problems"] == []
    # the transcript records the versions it was played with
    meta = yaml.safe_load(path.read_text(encoding="utf-8"))["meta"]
    assert meta["scenario_hash"] == source["scenario_hash"] and re.fullmatch(r"[0-9a-f]{12}", meta["caller_version"])


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (
            lambda d: d.update(outcome="satisfied"),
            "afloop in het transcript: tevreden; bij opnieuw afspelen: opgehangen",
        ),
        (lambda d: d.pop("outcome"), "afloop in het transcript: onafgemaakt; bij opnieuw afspelen: opgehangen"),
        (lambda d: d["turns"][2].update(emotion=1), "beurt 3: emotie 1 in het transcript"),
        (lambda d: d["turns"][0].pop("emotion"), "beurt 1: geen emotie in het transcript, emotie 6"),
        (lambda d: d["turns"][2].update(revealed=["concern:geld"]), "beurt 3: de beller gaf iets anders prijs"),
        (lambda d: d["turns"][2].setdefault("meta", {}).update(kinds=["hint"]), "beurt 3: een ander soort beurt"),
        (lambda d: d["turns"][2].update(text="Dank u wel, nu begrijp ik het."), "beurt 3: de beller zei iets anders"),
        (lambda d: d["turns"].insert(1, dict(d["turns"][0])), "beurt 2: twee beurten van de beller na elkaar"),
    ],
)
def test_an_edited_transcript_is_not_verified_and_an_exam_refuses_it(invoke, tmp_path: Path, change, said) -> None:
    path = _edit(_file(tmp_path, "forged.yaml", script="dismissive"), change)
    result = invoke("evaluate", path, "--json")
    source = json.loads(result.stdout)["source"]
    assert source["verified"] is False and said in source["problems"][0], source
    assert f"waarschuwing: {path}: niet te verifiëren" in result.stderr
    assert json.loads(result.stdout)["passed"] is False  # what did not happen cannot pass

    exam = invoke("evaluate", path, "--exam")
    assert exam.exit_code == 1
    assert f"NIET GESLAAGD: {path}" in exam.stderr and said in exam.stderr


def test_the_stuffed_message_with_a_forged_happy_ending_fails_the_exam(invoke, tmp_path: Path) -> None:
    """The gaming script of issue 15 with its ending forged: it scores, but an exam does not take it."""
    from tests.test_gaming import STUFFED

    scenario = Library.open().scenario("woz-hoger-dan-buren")
    analyzer = get_analyzer()
    session = Session(scenario, make_caller("offline", scenario, analyzer, 0), analyzer, seed=0)
    transcript = run_session(session, [STUFFED] * 6)
    transcript.outcome = Outcome.satisfied
    path = write_transcript(transcript, tmp_path / "stuffed.yaml")
    result = invoke("evaluate", path, "--exam")
    assert result.exit_code == 1 and "niet te verifiëren" in result.stderr


def test_another_version_of_the_scenario_is_a_warning_and_an_exam_error(invoke, tmp_path: Path) -> None:
    path = _file(tmp_path, "anna.yaml")
    library = tmp_path / "lib"
    (library / "scenarios").mkdir(parents=True)
    text = (ROOT / "scenarios" / "woz-hoger-dan-buren.yaml").read_text(encoding="utf-8")
    (library / "scenarios" / "woz-hoger-dan-buren.yaml").write_text(
        re.sub(r"(?m)^title: .*$", "title: Een andere titel", text, count=1),
        encoding="utf-8",
    )
    result = invoke("evaluate", path, "-L", library, "--json")
    assert result.exit_code == 0
    problems = json.loads(result.stdout)["source"]["problems"]
    assert problems and "andere versie van scenario 'woz-hoger-dan-buren'" in problems[0]
    assert "waarschuwing:" in result.stderr and "andere versie" in result.stderr
    exam = invoke("evaluate", path, "-L", library, "--exam")
    assert exam.exit_code == 1 and "andere versie van scenario" in exam.stderr


def test_a_missing_scenario_is_said_in_the_report_and_refused_in_an_exam(invoke, tmp_path: Path) -> None:
    path = _edit(_file(tmp_path, "anna.yaml"), lambda d: d.update(scenario="bestaat-niet"))
    result = invoke("evaluate", path)
    assert result.exit_code == 0
    assert "zonder het scenario" in result.stdout  # in the report itself, not only on stderr
    exam = invoke("evaluate", path, "--exam")
    assert exam.exit_code == 1 and "zonder het scenario" in exam.stderr


def test_a_claude_call_is_not_checked_and_an_exam_says_why(invoke, tmp_path: Path) -> None:
    path = _edit(_file(tmp_path, "claude.yaml"), lambda d: d.update(engine="claude"))
    source = _report(invoke, path)["source"]
    assert source["verified"] is None and source["problems"] == []
    exam = invoke("evaluate", path, "--exam")
    assert exam.exit_code == 1 and "alleen een gesprek met de offline beller" in exam.stderr


def test_the_exam_verdict_names_every_failed_threshold(invoke, tmp_path: Path) -> None:
    # a call that scores well overall (70.6) but fails the examen rubric's thresholds for luisteren and gespreksopbouw
    path = _file(tmp_path, "huurder.yaml", "heffing-huurder-ozb", "average")
    result = invoke("evaluate", path, "-r", "examen", "--min-score", "65", "--exam")
    assert result.exit_code == 1
    line = next(x for x in result.stderr.splitlines() if x.startswith("NIET GESLAAGD"))
    assert "minimum 65" in line and re.search(r"Luisteren: \d+, onder de drempel van 60", line)
    assert re.search(r"Gespreksopbouw: \d+, onder de drempel van 60", line)
    assert "onder het minimum" not in line  # the total was high enough: only what failed is named


def test_one_verdict_per_trainee_when_several_trainees_sit_the_exam(invoke, tmp_path: Path) -> None:
    files = [
        _file(tmp_path, "a1.yaml", learner="Özlem Yılmaz-de Vries"),
        _file(tmp_path, "a2.yaml", script="dismissive", learner="özlem yilmaz-de vries"),
        _file(tmp_path, "b1.yaml", learner="Jan de Wit"),
    ]
    result = invoke("evaluate", *files, "--exam")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert f"Medewerker Özlem Yılmaz-de Vries: NIET GESLAAGD (1 van 2 gesprekken: {files[1]})" in lines
    assert "Medewerker Jan de Wit: GESLAAGD (1 gesprek)" in lines


def test_a_folder_of_played_calls_all_verify(invoke, tmp_path: Path) -> None:
    for n, name in enumerate(sorted(p.name for p in SCRIPTS.iterdir())[:9]):
        _file(tmp_path, f"{n}.yaml", name, "average", seed=n)
    files = sorted(tmp_path.glob("*.yaml"))
    reports = json.loads(invoke("evaluate", *files, "--json").stdout)
    assert [r["source"]["verified"] for r in reports] == [True] * len(files)
    assert [r["source"]["file"] for r in reports] == [str(f) for f in files]


def test_the_seed_changes_the_words_not_what_happens_nor_the_scores() -> None:
    """Every scenario's scripts under eight seeds: the same trainee turns give the same caller events, emotions and
    criterion scores, talk balance too (it counts a fixed length per caller turn). Before the fix 29 of 51 scripted
    calls differed, by up to 10.4 points overall."""
    from coach.feedback import evaluate

    library = Library.open()
    analyzer = get_analyzer()
    rubric = library.rubric("standaard")
    differ = []
    for folder in sorted(SCRIPTS.iterdir()):
        scenario = library.scenario(folder.name)
        for script in sorted(folder.glob("*.txt")):
            replies = read_script(script)
            calls, scores = set(), set()
            for seed in range(8):
                session = Session(scenario, make_caller("offline", scenario, analyzer, seed), analyzer, seed=seed)
                transcript = run_session(session, replies)
                caller = [t for t in transcript.turns if t.speaker == "caller"]
                calls.add(tuple((tuple(t.meta.get("kinds", [])), t.emotion, t.text.count("?") > 0) for t in caller))
                feedback = evaluate(transcript, rubric, analyzer, scenario)
                scores.add(tuple((c.id, c.score) for c in feedback.criteria))
            if len(scores) > 1 or len(calls) > 1:
                differ.append(f"{folder.name}/{script.stem}")
    assert differ == []


def test_an_older_transcript_without_caller_version_is_a_warning_not_a_failure(invoke, tmp_path: Path) -> None:
    def older(data: dict) -> None:  # written before transcripts named their versions
        del data["meta"]["caller_version"]
        del data["meta"]["scenario_hash"]
        data["turns"][2]["text"] = "Een zin die de beller van nu niet zegt."

    path = _edit(_file(tmp_path, "oud.yaml"), older)
    report = _report(invoke, path)
    assert report["source"]["verified"] is None and report["passed"] is True
    assert "oudere versie van Belcoach" in report["source"]["problems"][0]
    exam = invoke("evaluate", path, "--exam")
    assert exam.exit_code == 1 and "oudere versie van Belcoach" in exam.stderr


def test_removing_the_caller_version_does_not_hide_an_edit(invoke, tmp_path: Path) -> None:
    def forged(data: dict) -> None:
        data["outcome"] = "satisfied"
        del data["meta"]["caller_version"]  # the scenario version still shows it was written by this Belcoach

    report = _report(invoke, _edit(_file(tmp_path, "f.yaml", script="dismissive"), forged))
    assert report["source"]["verified"] is False and report["passed"] is False


def test_a_call_broken_off_after_the_trainee_spoke_is_honest(invoke, tmp_path: Path) -> None:
    """The process died after the trainee's turn was saved and before the caller answered (coach resume --close)."""

    def broken_off(data: dict) -> None:
        data["turns"] = data["turns"][:6]  # caller, trainee, caller, trainee, caller, trainee
        data["outcome"] = "interrupted"

    report = _report(invoke, _edit(_file(tmp_path, "i.yaml"), broken_off))
    assert report["source"]["verified"] is True, report["source"]


def test_no_line_comes_back_while_another_is_unused_and_the_seed_picks_only_words() -> None:
    from coach.caller import CallerBrain

    scenario = Library.open().scenario("woz-hoger-dan-buren")
    lines = ["Dank u.", "Ja, dat klopt.", "Fijn om te horen.", "Goed zo.", "Ik ben echt bang."]  # one shows a feeling
    runs = []
    for seed in range(6):
        brain = CallerBrain(scenario, get_analyzer(), seed)
        said = [brain.pick(lines) for _ in range(5)]
        assert sorted(said) == sorted(lines), said  # all five before any comes back
        runs.append(["bang" in x for x in said])
    assert all(r == runs[0] for r in runs)  # where the feeling comes does not depend on the seed
