"""coach practice --cohort GROEP --assignment ID (issue 19): the assignment chooses scenario, rubric and seed, the
trainee is the group's; an exam hides the emotion meter and refuses /terug and /opnieuw, also after coach resume;
the call counts in coach status."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

COHORT = """\
name: Groep maart
learners:
  - name: Anna de Wit
  - name: Özlem Yılmaz-de Vries
    aliases: [Ozlem, Özlem Y.]
assignments:
  - id: woz-buren
    scenario: woz-hoger-dan-buren
    deadline: 2026-03-13
  - id: examen-woz
    scenario: woz-hoger-dan-buren
    rubric: examen
    seed: 7
    exam: true
"""

TYPED = ["Goedemorgen, Belastingen, u spreekt met Özlem. Wat kan ik voor u doen?", "Wat is er precies gebeurd?"]


@pytest.fixture
def group(tmp_path: Path) -> Path:
    path = tmp_path / "groep.yaml"
    path.write_text(COHORT, encoding="utf-8")
    return path


def _cell(status: dict, learner: str, assignment: str) -> dict:
    return next(c for c in status["cells"] if c["learner"] == learner and c["assignment"] == assignment)


def test_a_practice_assignment_takes_the_groups_spelling_and_counts_in_status(invoke, group: Path) -> None:
    typed = f"{TYPED[0]}\n/terug\n{TYPED[1]}\n/stop\n"
    result = invoke("practice", "-c", group, "-a", "woz-buren", "--learner", "ozlem", input=typed)
    assert result.exit_code == 0, result.output
    assert "Opdracht woz-buren · Groep maart" in result.stdout
    assert "Teruggenomen" in result.stdout and "/10" in result.stdout  # practice: /terug and the meter as ever
    (row,) = json.loads(invoke("history", "--json").stdout)["sessions"]
    assert row["learner"] == "Özlem Yılmaz-de Vries"  # as coach status names her, whatever was typed
    assert row["meta"]["assignment"] == {"cohort": str(group), "group": "Groep maart", "id": "woz-buren", "exam": False}
    status = json.loads(invoke("status", group, "--json", "--today", "2026-03-01").stdout)
    assert _cell(status, "Özlem Yılmaz-de Vries", "woz-buren")["attempts"] == 1
    assert _cell(status, "Anna de Wit", "woz-buren")["state"] == "not_started"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["-a", "examen-wo", "--learner", "Anna"], ["groep.yaml heeft geen opdracht 'examen-wo'", "examen-woz?"]),
        (["-a", "examen-woz"], ["een examen hoort bij een medewerker", "Anna de Wit, Özlem Yılmaz-de Vries"]),
        (["-a", "examen-woz", "--learner", "Bert"], ["'Bert' staat niet in", "groep.yaml", "Anna de Wit"]),
        (["-a", "examen-woz", "--learner", "Anan"], ["'Anan' staat niet in", "Bedoelde u: Anna"]),
        (["-a", "examen-woz", "--learner", "Anna", "--seed", "3"], ["heeft seed 7, niet 3"]),
        (["-a", "examen-woz", "--learner", "Anna", "-r", "standaard"], ["rubric 'examen', niet 'standaard'"]),
        (["-a", "examen-woz", "--learner", "Anna", "heffing-hondenbelasting"], ["is scenario 'woz-hoger-dan-buren'"]),
        (["-a", "examen-woz", "--learner", "Anna", "--engine", "claude"], ["offline beller"]),
        (["-a", "examen-woz", "--learner", "Anna", "--no-save"], ["een examen wordt altijd bewaard"]),
    ],
)
def test_what_does_not_fit_the_assignment_is_an_error(invoke, group: Path, args: list[str], said: list[str]) -> None:
    result = invoke("practice", "-c", group, *args, input="/stop\n")
    assert result.exit_code == 2, result.output
    for text in said:
        assert text in result.stderr
    assert json.loads(invoke("history", "--json").stdout)["sessions"] == []


def test_the_same_scenario_rubric_and_seed_are_no_conflict(invoke, group: Path) -> None:
    args = ("woz-hoger-dan-buren", "-c", group, "-a", "examen-woz", "--learner", "Anna", "--seed", "7")
    result = invoke("practice", *args, "-r", "examen", input="/stop\n")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(invoke("history", "--json").stdout)["sessions"]
    assert (row["seed"], row["rubric"], row["learner"]) == (7, "examen", "Anna de Wit")
    again = invoke("practice", "-c", group, "-a", "examen-woz", "--learner", "Anna", input="/stop\n")
    assert "u deed dit examen al" in again.stderr  # only the first call counts


@pytest.mark.slow
def test_an_exam_at_the_terminal_keeps_its_rules_on_resume_and_counts_in_status(tmp_path: Path, group: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    from coach.cli.terminal import COMMANDS
    from tests.test_interactive import spawn

    home = tmp_path / "home"
    seen = io.StringIO()
    child = spawn(home, "practice", "-c", str(group), "-a", "examen-woz", "--learner", "Özlem Y.", "--show-emotion")
    child.logfile_read = seen
    child.expect("in een examen blijft de emotiemeter verborgen")
    child.expect("Examen")
    child.expect("U: ")
    child.sendline(TYPED[0])
    child.expect("Mevrouw Vermeulen: ")
    child.expect("U: ")
    for command in ("/terug", "/opnieuw"):
        child.sendline(command)
        child.expect("Dat kan niet in een examen: een examen is één gesprek.")
        child.expect("U: ")
    child.sendline("/hint")
    child.expect("Geen tips in een examen")
    child.expect("U: ")
    child.sendeof()  # cut off: the call stays open for coach resume
    child.expect(pexpect.EOF)
    child.close()
    child = spawn(home, "resume", "--show-emotion")
    child.logfile_read = seen
    child.expect("in een examen blijft de emotiemeter verborgen")
    child.expect("Verder met sessie")
    child.expect("Examen")
    child.expect_exact("U: " + TYPED[0])
    child.expect("U: ")
    child.sendline("/terug")
    child.expect("Dat kan niet in een examen")
    child.expect("U: ")
    child.sendline(TYPED[1])
    child.expect("Mevrouw Vermeulen: ")
    child.expect("U: ")
    child.sendline("/stop")
    child.expect("Transcript opgeslagen")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    said = [line for line in seen.getvalue().splitlines() if line.startswith("Mevrouw Vermeulen: ")]
    assert len(said) >= 3 and not any("/10" in line for line in said)  # no emotion meter, resumed or not
    assert not any(COMMANDS[c] in seen.getvalue() for c in ("/terug", "/opnieuw", "/hint"))  # nor in /help
    env = {**os.environ, "COACH_HOME": str(home)}
    env.pop("COACH_LIBRARY", None)
    out = subprocess.run(
        [sys.executable, "-m", "coach", "status", str(group), "--json", "--today", "2026-03-01"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    cell = _cell(json.loads(out.stdout), "Özlem Yılmaz-de Vries", "examen-woz")
    assert cell["attempts"] == 1 and cell["from"].startswith("sessie ")
    assert cell["exam"]["refused"] is False  # verified on replay: it counts as her exam
    assert cell["state"] in ("done", "below_minimum")


def test_resume_finds_the_call_under_the_name_the_trainee_types(invoke, group: Path) -> None:
    typed = f"{TYPED[0]}\n"  # then end of input: the call is cut off
    assert invoke("practice", "-c", group, "-a", "examen-woz", "--learner", "Özlem Y.", input=typed).exit_code == 0
    result = invoke("resume", "--learner", "ozlem", input="/terug\n/stop\n")
    assert result.exit_code == 0, result.output
    assert "Verder met sessie" in result.stdout and "Dat kan niet in een examen" in result.stdout
    (row,) = json.loads(invoke("history", "--json").stdout)["sessions"]
    assert row["outcome"] == "stopped" and row["meta"]["assignment"]["exam"] is True


def test_a_what_if_variant_is_no_attempt(invoke, group: Path) -> None:
    typed = f"{TYPED[0]}\n{TYPED[1]}\n/stop\n"
    assert invoke("practice", "-c", group, "-a", "woz-buren", "--learner", "ozlem", input=typed).exit_code == 0
    (row,) = json.loads(invoke("history", "--json").stdout)["sessions"]
    assert invoke("replay", row["id"], "--from", "2", input="Vertelt u eens.\n/stop\n").exit_code == 0
    assert len(json.loads(invoke("history", "--json").stdout)["sessions"]) == 2
    status = json.loads(invoke("status", group, "--json", "--today", "2026-03-01").stdout)
    assert _cell(status, "Özlem Yılmaz-de Vries", "woz-buren")["attempts"] == 1
