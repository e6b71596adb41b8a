"""Cohorts: the group file, intake of mailed-in calls, where everyone stands, and exam verdicts."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from coach.cohort import Attempt, Target, cell, exam_verdict
from coach.feedback.model import Feedback, Source
from coach.formats import Cohort, Outcome, Transcript, write_transcript
from coach.library import Library
from coach.loader import load
from coach.validate import check_cohort
from tests.helpers import ROOT
from tests.test_caller import DISMISSIVE, GOOD_WOZ, play

SCENARIO = "woz-hoger-dan-buren"

COHORT = """\
name: Groep maart
learners:
  - name: Anna de Wit
  - name: Özlem Yılmaz-de Vries
    aliases: [Ozlem]
  - name: Bram Jansen
assignments:
  - id: woz-buren
    scenario: woz-hoger-dan-buren
    deadline: 2026-03-13
    min_score: 60
  - id: examen-woz
    scenario: woz-hoger-dan-buren
    rubric: examen
    seed: 7
    deadline: 2026-03-27
    exam: true
"""


@pytest.fixture(scope="module")
def calls() -> dict[str, Transcript]:
    """A good and a dismissive call, played with the exam's seed and with another one."""
    scenario = Library.open().scenario(SCENARIO)
    as_exam = {"assignment": {"id": "examen-woz", "exam": True}}  # played with coach practice --assignment
    return {
        "good": _meta(play(scenario, GOOD_WOZ, seed=7)[0], as_exam),
        "good-3": play(scenario, GOOD_WOZ, seed=3)[0],
        "bad": _meta(play(scenario, DISMISSIVE, seed=7)[0], as_exam),
        "bad-3": play(scenario, DISMISSIVE, seed=3)[0],
        "good-practised": play(scenario, GOOD_WOZ, seed=7)[0],  # the exam's seed, but not played as the exam
    }


def _meta(transcript: Transcript, meta: dict) -> Transcript:
    return transcript.model_copy(update={"meta": {**transcript.meta, **meta}})


def _mail(folder: Path, name: str, transcript: Transcript, learner: str | None, when: str) -> Path:
    update = {"learner": learner, "started_at": datetime.fromisoformat(when)}
    return write_transcript(transcript.model_copy(update=update), folder / name)


@pytest.fixture
def cohort_file(tmp_path: Path) -> Path:
    path = tmp_path / "groep.yaml"
    path.write_text(COHORT, encoding="utf-8")
    return path


# --- the cohort file --------------------------------------------------------------------------------------------


def test_validate_locates_every_cohort_problem_in_dutch(invoke, tmp_path: Path) -> None:
    path = tmp_path / "groep.yaml"
    path.write_text(COHORT.replace("deadline: 2026-03-13", "deadline: vrijdag"), encoding="utf-8")
    result = invoke("validate", path)
    assert result.exit_code == 1
    assert f"{path}:10:15: assignments[0].deadline: moet een datum zijn (2026-03-01)" in result.stdout.splitlines()

    path.write_text(
        COHORT.replace("aliases: [Ozlem]", "aliases: [Ozlem, anna de wit]").replace(
            "    exam: true\n", "    exam: true\n  - id: woz-buren\n    scenario: woz-hoger-dan-buren\n"
        ),
        encoding="utf-8",
    )
    result = invoke("validate", path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        f"{path}:5:22: learners[1].aliases[1]: 'anna de wit' wordt al gebruikt voor Anna de Wit "
        "(elke naam en alias mag maar bij één medewerker horen)"
    ) in lines
    assert any(line.startswith(f"{path}:18:9: assignments[2].id: opdracht 'woz-buren' staat er al") for line in lines)


def test_validate_names_an_unknown_scenario_or_rubric_with_a_suggestion(invoke, tmp_path: Path) -> None:
    path = tmp_path / "groep.yaml"
    path.write_text(
        COHORT.replace(
            "scenario: woz-hoger-dan-buren\n    deadline: 2026-03-13",
            "scenario: woz-hoger-dan-bure\n    deadline: 2026-03-13",
        ).replace("rubric: examen", "rubric: exmen"),
        encoding="utf-8",
    )
    result = invoke("validate", path, "--json")
    assert result.exit_code == 1
    problems = {p["field"]: p for p in json.loads(result.stdout)["problems"]}
    assert problems["assignments[0].scenario"]["line"] == 9
    assert problems["assignments[0].scenario"]["message"] == "onbekend scenario 'woz-hoger-dan-bure'"
    assert problems["assignments[0].scenario"]["hint"] == "bedoelde u 'woz-hoger-dan-buren'?"
    assert problems["assignments[1].rubric"]["hint"] == "bedoelde u 'examen'?"


def test_an_impossible_date_and_an_exam_without_seed_are_located(invoke, tmp_path: Path) -> None:
    path = tmp_path / "groep.yaml"
    path.write_text(COHORT.replace("2026-03-27", "2026-02-30"), encoding="utf-8")
    result = invoke("validate", path)
    assert f"{path}:16:15: assignments[1].deadline: '2026-02-30' is geen geldige datum" in result.stdout
    path.write_text(COHORT.replace("    seed: 7\n", ""), encoding="utf-8")
    result = invoke("validate", path)
    assert "assignments[1].exam: een examen heeft een seed nodig" in result.stdout
    assert result.exit_code == 1


def test_schema_template_and_documented_example(invoke, tmp_path: Path) -> None:
    schema = json.loads(invoke("schema", "cohort").stdout)
    assert schema["title"] == "Belcoach cohort"
    assert schema["additionalProperties"] is False

    result = invoke("new", "cohort", "groep-maart", "--output", tmp_path / "groep-maart.yaml")
    assert result.exit_code == 0, result.stderr
    made = tmp_path / "groep-maart.yaml"
    assert (made.stat().st_mode & 0o777) == 0o600  # names and e-mail addresses
    assert invoke("validate", made).exit_code == 0
    assert invoke("new", "cohort", "groep-maart", "--output", made).exit_code == 2  # no overwrite without --force

    text = (ROOT / "docs" / "cohort-format.md").read_text(encoding="utf-8")
    example = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)[-1]
    (tmp_path / "example.yaml").write_text(example, encoding="utf-8")
    cohort = check_cohort(tmp_path / "example.yaml", Library.open())
    assert isinstance(cohort, Cohort) and cohort.assignments
    assert type(load(tmp_path / "example.yaml")).__name__ == "Cohort"  # recognised by its keys


# --- coach import -------------------------------------------------------------------------------------------------


def test_import_normalises_names_through_the_cohort_and_skips_what_is_there(
    invoke, tmp_path: Path, calls, cohort_file: Path
) -> None:
    mail = tmp_path / "mail"
    mail.mkdir()
    _mail(mail, "a.yaml", calls["good"], "Ozlem", "2026-03-10T10:00:00")
    _mail(mail, "b.json", calls["bad-3"], "özlem yilmaz de vries", "2026-03-11T10:00:00")
    _mail(mail, "c.yaml", calls["good-3"], "ANNA  de wit", "2026-03-12T10:00:00")
    result = invoke("import", mail, "--cohort", cohort_file)
    assert result.exit_code == 0, result.stderr
    assert "3 gesprekken geïmporteerd, 0 al aanwezig, 0 bestanden met problemen." in result.stderr

    without = invoke("import", mail / "a.yaml", "--json")  # the same call without the group file: still the same
    assert without.exit_code == 0 and json.loads(without.stdout)["imported"] == []

    again = invoke("import", mail / "a.yaml", mail, "--cohort", cohort_file)
    assert again.exit_code == 0
    assert f"{mail / 'a.yaml'}: al geïmporteerd" in again.stderr
    assert "0 gesprekken geïmporteerd, 3 al aanwezig, 0 bestanden met problemen." in again.stderr

    sessions = json.loads(invoke("history", "--json").stdout)["sessions"]
    assert sorted(s["learner"] for s in sessions) == ["Anna de Wit", "Özlem Yılmaz-de Vries", "Özlem Yılmaz-de Vries"]
    first = next(s for s in sessions if s["started_at"].startswith("2026-03-10"))
    assert first["turns"] == len(calls["good"].turns) and first["seed"] == 7 and first["outcome"] == "satisfied"
    assert first["meta"]["import"]["file"] == str((mail / "a.yaml").resolve())
    assert re.fullmatch(r"[0-9a-f]{64}", first["meta"]["import"]["hash"]) and first["meta"]["import"]["at"]

    assert first["meta"]["scenario_hash"] == calls["good"].meta["scenario_hash"]  # the version it was played with

    mine = json.loads(invoke("history", "--learner", "Özlem", "--json").stdout)["sessions"]
    assert len(mine) == 2
    exported = invoke("export", first["id"])
    assert "Goedemorgen, Belastingen gemeente Lindehoven" in exported.stdout


def test_a_call_practised_here_counts_under_its_alias_and_is_not_imported_again(
    invoke, tmp_path: Path, cohort_file: Path, coach_home: Path
) -> None:
    replies = tmp_path / "r.txt"
    replies.write_text("\n".join(GOOD_WOZ), encoding="utf-8")
    played = invoke("run", SCENARIO, "--replies", replies, "--learner", "Ozlem", "--seed", "3")
    assert played.exit_code == 0, played.stderr
    result = invoke("import", coach_home / "transcripts", "--cohort", cohort_file)
    assert result.exit_code == 0, result.stderr
    assert "staat al in de geschiedenis" in result.stderr
    assert "0 gesprekken geïmporteerd, 1 al aanwezig, 0 bestanden met problemen." in result.stderr
    cells = _status(invoke, cohort_file, "--today", "2026-03-01")
    assert cells[("Özlem Yılmaz-de Vries", "woz-buren")]["attempts"] == 1
    assert cells[("Özlem Yılmaz-de Vries", "woz-buren")]["from"].startswith("sessie ")


def test_import_is_not_blocked_by_a_damaged_row(invoke, tmp_path: Path, calls, coach_home: Path) -> None:
    import sqlite3

    from coach.store import Store

    Store.default().close()
    with sqlite3.connect(coach_home / "belcoach.db") as db:
        db.execute("INSERT INTO sessions (id, scenario, started_at, meta) VALUES ('x', 's', '2026-01-01', '{kapot')")
    path = _mail(tmp_path, "a.yaml", calls["good"], "Anna de Wit", "2026-03-10T10:00:00")
    assert invoke("import", path).exit_code == 0
    assert "al geïmporteerd" in invoke("import", path).stderr


def test_import_reports_bad_files_one_line_each_and_imports_the_rest(invoke, tmp_path: Path, calls) -> None:
    mail = tmp_path / "mail"
    mail.mkdir()
    _mail(mail, "a.yaml", calls["good"], "Anna de Wit", "2026-03-10T10:00:00")
    _mail(mail, "b.yaml", calls["good-3"], None, "2026-03-11T10:00:00")
    (mail / "kapot.yaml").write_text("turns: [\n", encoding="utf-8")
    (mail / "leeg.yaml").write_text("scenario: x\n", encoding="utf-8")
    result = invoke("import", mail)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert (
        f"{mail / 'b.yaml'}: het transcript noemt geen medewerker (learner); geef de naam met --learner"
        in result.stderr
    )
    assert sum(line.startswith(str(mail / "kapot.yaml")) for line in result.stderr.splitlines()) == 1
    assert sum(line.startswith(str(mail / "leeg.yaml")) for line in result.stderr.splitlines()) == 1
    assert "1 gesprek geïmporteerd, 0 al aanwezig, 3 bestanden met problemen." in result.stderr

    # without a cohort, a name takes the spelling the store already has
    result = invoke("import", mail / "b.yaml", "--learner", "anna DE wit")
    assert result.exit_code == 0, result.stderr
    assert {s["learner"] for s in json.loads(invoke("history", "--json").stdout)["sessions"]} == {"Anna de Wit"}


def test_import_refuses_a_name_outside_the_cohort(invoke, tmp_path: Path, calls, cohort_file: Path) -> None:
    path = _mail(tmp_path, "a.yaml", calls["good"], "Brem Jansen", "2026-03-10T10:00:00")
    result = invoke("import", path, "--cohort", cohort_file, "--json")
    assert result.exit_code == 1
    problem = json.loads(result.stdout)["problems"][0]["problem"]
    assert "'Brem Jansen' staat niet in de groep (Bedoelde u: Bram Jansen?)" in problem


def test_history_lists_the_matches_of_an_ambiguous_name(invoke, tmp_path: Path, calls) -> None:
    _mail(tmp_path, "a.yaml", calls["good"], "Anna de Wit", "2026-03-10T10:00:00")
    _mail(tmp_path, "b.yaml", calls["good-3"], "Anna Bakker", "2026-03-10T11:00:00")
    assert invoke("import", tmp_path).exit_code == 0
    result = invoke("history", "--learner", "anna")
    assert result.exit_code == 2
    assert "'anna' past bij meer medewerkers: Anna Bakker, Anna de Wit" in result.stderr
    assert len(json.loads(invoke("history", "--learner", "anna w", "--json").stdout)["sessions"]) == 1


# --- coach status -------------------------------------------------------------------------------------------------


def _status(invoke, cohort_file: Path, *args) -> dict[tuple[str, str], dict]:
    result = invoke("status", cohort_file, "--json", *args)
    assert result.exit_code == 0, result.stderr
    return {(c["learner"], c["assignment"]): c for c in json.loads(result.stdout)["cells"]}


def test_status_done_late_not_started_and_below(invoke, tmp_path: Path, calls, cohort_file: Path) -> None:
    mail = tmp_path / "mail"
    mail.mkdir()
    _mail(mail, "ozlem.yaml", calls["good-3"], "Ozlem", "2026-03-10T10:00:00")
    _mail(mail, "anna-1.yaml", calls["bad-3"], "Anna de Wit", "2026-03-12T10:00:00")
    _mail(mail, "anna-2.yaml", calls["good-3"], "Anna de Wit", "2026-03-15T10:00:00")
    _mail(mail, "bram.yaml", calls["bad-3"], "Bram Jansen", "2026-03-01T10:00:00")
    assert invoke("import", mail, "--cohort", cohort_file).exit_code == 0

    cells = _status(invoke, cohort_file, "--today", "2026-03-20")
    ozlem = cells[("Özlem Yılmaz-de Vries", "woz-buren")]
    assert ozlem["state"] == "done" and ozlem["score"] >= 60 and ozlem["date"] == "2026-03-10"
    anna = cells[("Anna de Wit", "woz-buren")]  # the best of two calls, made after the deadline
    assert anna["state"] == "late" and anna["late"] and anna["attempts"] == 2 and anna["date"] == "2026-03-15"
    bram = cells[("Bram Jansen", "woz-buren")]
    assert bram["state"] == "below_minimum" and bram["score"] < 60 and not bram["late"]
    # nobody played the exam's seed: not started before its deadline, overdue after it
    assert {cells[(n, "examen-woz")]["state"] for n in ("Anna de Wit", "Bram Jansen")} == {"not_started"}
    later = _status(invoke, cohort_file, "--today", "2026-03-28")
    assert later[("Bram Jansen", "examen-woz")]["state"] == "overdue"

    text = invoke("status", cohort_file, "--today", "2026-03-28", env={"COLUMNS": "80"})
    assert text.exit_code == 0
    assert all(len(line) <= 80 for line in text.stdout.splitlines())
    assert "niet gedaan, te laat" in text.stdout and "Nog niet gedaan:" in text.stdout


def test_status_reads_folders_and_counts_a_call_once(invoke, tmp_path: Path, calls, cohort_file: Path) -> None:
    mail = tmp_path / "mail"
    mail.mkdir()
    _mail(mail, "ozlem.yaml", calls["good-3"], "Ozlem", "2026-03-10T10:00:00")
    cohort_file = cohort_file.rename(mail / "groep.yaml")  # kept with the calls: not read as one
    cells = _status(invoke, cohort_file, "--today", "2026-03-11", "--from", mail)
    assert cells[("Özlem Yılmaz-de Vries", "woz-buren")]["attempts"] == 1
    assert invoke("import", mail, "--cohort", cohort_file).exit_code == 0
    cells = _status(invoke, cohort_file, "--today", "2026-03-11", "--from", mail)
    assert cells[("Özlem Yılmaz-de Vries", "woz-buren")]["attempts"] == 1  # in the store and the folder: once

    _mail(mail, "vreemd.yaml", calls["good"], "Iemand Anders", "2026-03-10T10:00:00")
    (mail / "kapot.yaml").write_text("turns: [\n", encoding="utf-8")
    result = invoke("status", cohort_file, "--from", mail, "--json")
    assert result.exit_code == 1  # a file that cannot be read is a problem; the status is still given
    data = json.loads(result.stdout)
    assert data["warnings"] == [
        f"waarschuwing: 1 transcript uit --from noemt niemand uit de groep: {mail / 'vreemd.yaml'}"
    ]
    assert [p.split(":")[0] for p in data["problems"]] == [str(mail / "kapot.yaml")]
    assert len(data["cells"]) == 6


def test_exam_verdict_names_every_failed_threshold(invoke, tmp_path: Path, calls, cohort_file: Path) -> None:
    mail = tmp_path / "mail"
    mail.mkdir()
    _mail(mail, "anna.yaml", calls["bad"], "Anna de Wit", "2026-03-20T10:00:00")
    _mail(mail, "ozlem.yaml", calls["good"], "Ozlem", "2026-03-20T10:00:00")
    _mail(mail, "bram.yaml", calls["good-3"], "Bram Jansen", "2026-03-20T10:00:00")  # not the exam's seed
    cells = _status(invoke, cohort_file, "--today", "2026-03-21", "--from", mail)
    exam = cells[("Anna de Wit", "examen-woz")]["exam"]
    assert exam["passed"] is False and not exam["refused"]
    reasons = exam["reasons"]
    assert reasons[0].startswith("totaalscore ") and reasons[0].endswith("onder het minimum van 65")
    for title in ("Luisteren", "Gespreksopbouw"):
        assert any(r.startswith(f"{title}: ") and "onder de drempel van" in r for r in reasons), reasons
    assert "de beller hing op" in reasons
    assert cells[("Özlem Yılmaz-de Vries", "examen-woz")]["exam"] == {"passed": True, "refused": False, "reasons": []}
    assert cells[("Bram Jansen", "examen-woz")]["state"] == "not_started"


def _feedback(**update) -> Feedback:
    values = {"rubric": "examen", "overall": 80.0, "pass_score": 65, "passed": True, "dimensions": {}, "criteria": []}
    return Feedback(**{**values, **update})


def test_an_unverifiable_call_is_refused_for_an_exam(calls) -> None:
    refused = exam_verdict(_feedback(source=Source(verified=False, problems=["andere beller dan seed 7"])), 65)
    assert refused.refused and not refused.passed
    assert refused.reasons == ["niet te verifiëren: andere beller dan seed 7"]
    assert exam_verdict(_feedback(source=Source(verified=True, problems=["ander scenario"])), 65).refused
    assert exam_verdict(_feedback(source=Source(verified=False)), 65).reasons[0].startswith("niet te verifiëren: ")
    assert exam_verdict(_feedback(source=None), 65).refused  # not checked (a Claude call, typed out): no exam
    assert exam_verdict(_feedback(source=Source(verified=None)), 65).refused
    assert exam_verdict(_feedback(source=None), 65, verify=False).passed  # --min-score alone does not verify
    assert exam_verdict(_feedback(source=Source(verified=True)), 65).passed

    # a refused call does not count as the exam; when it is the only one, the refusal is the verdict
    cohort = Cohort.model_validate(
        {
            "name": "g",
            "learners": [{"name": "Anna"}],
            "assignments": [{"id": "e", "scenario": SCENARIO, "rubric": "examen", "seed": 7, "exam": True}],
        }
    )
    target = Target(cohort.assignments[0], SCENARIO, "examen", 65)
    as_e = _meta(calls["good"], {"assignment": {"id": "e", "exam": True}})
    unverified = Attempt("Anna", as_e, _feedback(scenario=SCENARIO, source=Source(verified=False)), "a")
    checked = Attempt("Anna", as_e, _feedback(scenario=SCENARIO, overall=70.0, source=Source(verified=True)), "b")
    only = cell("Anna", target, [unverified], datetime(2026, 3, 1).date())
    assert only.state == "refused" and only.verdict is not None and only.verdict.refused
    both = cell("Anna", target, [unverified, checked], datetime(2026, 3, 1).date())
    assert both.state == "done" and both.origin == "b" and both.attempts == 2


def test_status_refuses_a_bad_cohort_and_a_bad_date_in_dutch(invoke, tmp_path: Path, cohort_file: Path) -> None:
    result = invoke("status", cohort_file, "--today", "morgen")
    assert result.exit_code == 2 and "'morgen' is geen datum" in result.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text(COHORT.replace("rubric: examen", "rubric: exmen"), encoding="utf-8")
    result = invoke("status", bad)
    assert result.exit_code == 1
    assert f"{bad}:14:13: assignments[1].rubric: onbekende rubric 'exmen' (bedoelde u 'examen'?)" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_imported_call_without_an_ending_is_not_resumed_here(calls) -> None:
    """A call played elsewhere and mailed in unfinished: history lists it, resume does not pick it up."""
    from coach import calls as core
    from coach.analyzer import get_analyzer
    from coach.errors import UsageError
    from coach.store import Store

    store = Store.default()
    unfinished = calls["good"].model_copy(update={"outcome": None, "ended_at": None, "learner": "Anna"})
    session_id, new = store.import_call(
        unfinished, "Anna", {"file": "mail/a.yaml", "at": "2026-03-10T10:00:00", "hash": "x"}
    )
    assert new and store.last_unfinished("Anna") is None
    lib = Library.open()
    setup = core.CallSetup(lib.scenario(SCENARIO), None, lib.rubric("standaard"), get_analyzer(), seed=7)
    with pytest.raises(UsageError, match=r"geïmporteerd uit mail/a\.yaml"):
        core.resume(store, session_id, setup)
    store.lock(session_id)  # the refusal let go of the call
    store.release(session_id)


def test_an_edited_call_completes_no_assignment(invoke, tmp_path: Path, calls, cohort_file: Path) -> None:
    mail = tmp_path / "mail"
    mail.mkdir()
    forged = calls["bad-3"].model_copy(update={"outcome": Outcome.satisfied})  # the caller hung up
    _mail(mail, "ozlem.yaml", forged, "Ozlem", "2026-03-10T10:00:00")
    result = invoke("status", cohort_file, "--today", "2026-03-11", "--from", mail, "--json")
    data = json.loads(result.stdout)
    cells = {(c["learner"], c["assignment"]): c for c in data["cells"]}
    assert cells[("Özlem Yılmaz-de Vries", "woz-buren")]["state"] == "not_started"
    assert any("niet te verifiëren" in w and "telt niet mee" in w for w in data["warnings"])


def test_the_first_exam_call_is_the_first_in_time_whatever_its_zone(calls) -> None:
    as_e = {"assignment": {"id": "e", "exam": True}}
    early = _meta(calls["bad"], as_e).model_copy(
        update={"started_at": datetime.fromisoformat("2026-03-10T10:30:00+02:00")}
    )
    later = _meta(calls["good"], as_e).model_copy(
        update={"started_at": datetime.fromisoformat("2026-03-10T09:00:00+00:00")}
    )
    cohort = Cohort.model_validate(
        {
            "name": "g",
            "learners": [{"name": "Anna"}],
            "assignments": [{"id": "e", "scenario": SCENARIO, "rubric": "examen", "seed": 7, "exam": True}],
        }
    )
    target = Target(cohort.assignments[0], SCENARIO, "examen", 65)
    verified = Source(verified=True)
    first = Attempt("Anna", early, _feedback(scenario=SCENARIO, overall=20.0, passed=False, source=verified), "a")
    second = Attempt("Anna", later, _feedback(scenario=SCENARIO, overall=90.0, source=verified), "b")
    assert cell("Anna", target, [second, first], datetime(2026, 3, 20).date()).origin == "a"  # 08:30 UTC before 09:00


def test_an_exam_names_the_total_once_and_never_at_its_threshold() -> None:
    from coach.cohort import shown_below

    verified = Source(verified=True)
    fb = _feedback(overall=43.7, pass_score=65, passed=False, verdict=["totaalscore 44, onder de drempel van 65"])
    reasons = exam_verdict(fb.model_copy(update={"source": verified}), 44).reasons
    assert reasons == ["totaalscore 44, onder de drempel van 65"]  # once: the higher threshold it missed
    alone = fb.model_copy(update={"source": verified, "pass_score": None, "verdict": []})
    assert exam_verdict(alone, 44).reasons == ["totaalscore 43,7, onder het minimum van 44"]  # not '44, onder ... 44'
    reasons = exam_verdict(fb.model_copy(update={"source": verified}), 70).reasons
    assert reasons == ["totaalscore 44, onder het minimum van 70"]
    assert shown_below(59.96, 60) == "59,96" and shown_below(57.2, 60) == "57" and shown_below(59.6, 60) == "59,6"


def test_an_exam_counts_only_a_call_played_as_that_exam(invoke, tmp_path: Path, calls, cohort_file: Path) -> None:
    mail = tmp_path / "mail"
    mail.mkdir()
    # the exam's scenario, rubric and seed, practised with the meter, /hint and /terug at hand: no exam
    _mail(mail, "anna.yaml", calls["good-practised"], "Anna de Wit", "2026-03-20T10:00:00")
    _mail(mail, "ozlem.yaml", calls["good"], "Ozlem", "2026-03-20T10:00:00")
    cells = _status(invoke, cohort_file, "--today", "2026-03-21", "--from", mail)
    assert cells[("Anna de Wit", "examen-woz")]["state"] == "not_started"
    assert cells[("Özlem Yılmaz-de Vries", "examen-woz")]["exam"]["passed"] is True
