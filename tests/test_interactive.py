"""Real processes: an interactive call in a pseudo-terminal (Ctrl-C included) and a call killed with SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.slow

TIMEOUT = 20


def spawn(home: Path, *args: str, size: tuple[int, int] = (50, 200)):
    env = {**os.environ, "COACH_HOME": str(home), "COLUMNS": str(size[1]), "LINES": str(size[0]), "TERM": "dumb"}
    env.pop("COACH_LIBRARY", None)
    child = pexpect.spawn(
        sys.executable, ["-m", "coach", *args], env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=size
    )
    return child


def history(home: Path) -> list[dict]:
    out = subprocess.run(
        [sys.executable, "-m", "coach", "history", "--json"],
        env={**os.environ, "COACH_HOME": str(home)},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)["sessions"]


def test_interactive_call_with_ctrl_c(tmp_path: Path) -> None:
    child = spawn(tmp_path, "practice", "woz-hoger-dan-buren", "--seed", "1", "--show-emotion", "--learner", "anna")
    child.expect("Mevrouw Vermeulen: ")
    child.expect("U: ")
    child.sendline("Goedemorgen, Belastingen, u spreekt met Anna. Wat kan ik voor u doen?")
    child.expect("Mevrouw Vermeulen: ")
    child.expect("U: ")
    child.sendline("/hint")
    child.expect("Tip")
    child.expect("U: ")
    child.sendintr()
    child.expect(r"Gesprek gestopt \(Ctrl-C\)")  # the trainee stopped: a report with a score, nothing to resume
    child.expect("gestopt door u")
    child.expect("Transcript opgeslagen")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    (row,) = history(tmp_path)
    assert row["outcome"] == "stopped"
    assert row["turns"] == 3
    assert Path(row["transcript_path"]).exists()
    child = spawn(tmp_path, "resume")
    child.expect("Er is geen onafgemaakte sessie")
    child.expect(pexpect.EOF)


TYPED = ["Goedemorgen, Belastingen, u spreekt met Anna. Wat kan ik voor u doen?", "Ik hoor dat u erg geschrokken bent."]


def _closed_terminal(child) -> None:
    child.ptyproc.fileobj.close()  # the window is closed: the kernel hangs the terminal up (SIGHUP, then no input)
    child.child_fd, child.closed = -1, True


def _wait(child) -> int | None:
    """The exit status of a child whose terminal may be gone (pexpect cannot read it any more)."""
    _, status = os.waitpid(child.pid, 0)
    child.terminated = True
    return os.waitstatus_to_exitcode(status)


CUTS = {
    "closed terminal": (_closed_terminal, None),  # SIGHUP (129) or end of input (0), whichever comes first
    "SIGHUP": (lambda child: os.kill(child.pid, signal.SIGHUP), 128 + signal.SIGHUP),
    "SIGTERM": (lambda child: os.kill(child.pid, signal.SIGTERM), 128 + signal.SIGTERM),
    "end of input": (lambda child: child.sendeof(), 0),
    "kill -9": (lambda child: os.kill(child.pid, signal.SIGKILL), -signal.SIGKILL),
}


@pytest.mark.parametrize("how", list(CUTS))
def test_a_call_cut_off_is_resumed_with_every_turn(tmp_path: Path, how: str) -> None:
    cut, code = CUTS[how]
    child = spawn(tmp_path, "practice", "woz-hoger-dan-buren", "--seed", "1")
    child.expect("U: ")
    for line in TYPED:
        child.sendline(line)
        child.expect("Mevrouw Vermeulen: ")
        child.expect("U: ")
    cut(child)
    status = _wait(child)
    assert status == code if code is not None else status in (0, 128 + signal.SIGHUP)
    (row,) = history(tmp_path)
    assert row["outcome"] is None and row["turns"] == 1 + 2 * len(TYPED)
    assert "score" not in row["meta"]  # cut off is no stop: no report
    child = spawn(tmp_path, "resume")
    child.expect("Verder met sessie")
    for line in TYPED:
        child.expect_exact("U: " + line)
    child.expect("U: ")
    child.sendline("Wat is er precies gebeurd?")
    child.expect("Mevrouw Vermeulen: ")
    child.expect("U: ")
    child.sendline("/stop")
    child.expect("Transcript opgeslagen")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    (row,) = history(tmp_path)
    assert row["outcome"] == "stopped" and row["turns"] == 1 + 2 * (len(TYPED) + 1)


def test_sigkill_loses_no_typed_turn(tmp_path: Path) -> None:
    child = spawn(tmp_path, "practice", "woz-hoger-dan-buren", "--seed", "1")
    child.expect("U: ")
    typed = [
        "Goedemorgen, Belastingen, u spreekt met Anna. Wat kan ik voor u doen?",
        "Ik hoor dat u erg geschrokken bent.",
        "Wat speelt er op dit moment?",
    ]
    for line in typed:
        child.sendline(line)
        child.expect("Mevrouw Vermeulen: ")
        child.expect("U: ")
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == signal.SIGKILL
    (row,) = history(tmp_path)
    assert row["outcome"] is None  # unfinished
    assert row["turns"] == 1 + 2 * len(typed)
    export = subprocess.run(
        [sys.executable, "-m", "coach", "export", row["id"], "-o", str(tmp_path / "t.json")],
        env={**os.environ, "COACH_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
    )
    assert export.returncode == 0, export.stderr
    turns = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))["turns"]
    assert [t["text"] for t in turns if t["speaker"] == "learner"] == typed
    # and the call can be resumed where it stopped
    child = spawn(tmp_path, "resume")
    child.expect("Verder met sessie")
    child.expect("U: ")
    child.sendline("/stop")
    child.expect("Transcript opgeslagen")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    (row,) = history(tmp_path)
    assert row["outcome"] == "stopped"


def test_claude_caller_streams_in_the_terminal(tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("anthropic")
    from tests.anthropic_stub import Stub

    with Stub() as stub:
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-0000")
        monkeypatch.setenv("ANTHROPIC_BASE_URL", stub.url)
        child = spawn(
            tmp_path, "practice", "woz-hoger-dan-buren", "--seed", "1", "--engine", "claude", "--show-emotion"
        )
        child.expect(r"\(stub\)")
        child.expect("U: ")
        stub.queue({"error_after": 3}, {"error_after": 3})
        child.sendline("Goedemorgen, Belastingen, u spreekt met Anna. Wat kan ik voor u doen?")
        child.expect("midden in het antwoord")  # the broken line ends; the reply is asked again on a fresh line
        child.expect("\r\nMevrouw Vermeulen: ")
        child.expect("offline beller")  # broken again: this turn is the offline caller's, on a fresh line
        child.expect("\r\nMevrouw Vermeulen: ")
        child.expect("U: ")
        assert "(stub)" not in (child.before or "")
        child.sendline("Dat begrijp ik. Wat is er precies gebeurd?")
        child.expect(r"\(stub\)")  # the next turn is Claude's again
        child.expect("U: ")
        child.sendline("/stop")
        child.expect("Claude beller: ")
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
        assert all(r["body"].get("stream") for r in stub.requests)


def test_ctrl_c_in_the_scenario_menu(tmp_path: Path) -> None:
    child = spawn(tmp_path, "practice")
    child.expect_exact("Kies een scenario (nummer of id): ")  # the prompt, not the menu's title above it
    child.sendintr()
    child.expect("Afgebroken")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")
    assert history(tmp_path) == []


def _stop_and_export(child, home: Path) -> str:
    """Stop the call at the prompt and return its only saved session, exported as YAML."""
    child.sendline("/stop")
    child.expect("Transcript opgeslagen")
    child.expect(pexpect.EOF)
    child.close()
    (row,) = history(home)
    return subprocess.run(
        [sys.executable, "-m", "coach", "export", row["id"]],
        env={**os.environ, "COACH_HOME": str(home)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_arrow_keys_edit_the_line(tmp_path: Path) -> None:
    child = spawn(tmp_path, "practice", "woz-hoger-dan-buren", "--seed", "1")
    child.expect("U: ")
    child.send("Goedemorgn")
    child.send("\x1b[D")  # left arrow: back before the n
    child.send("e\r")
    child.expect("Mevrouw Vermeulen: ")
    child.expect("U: ")
    turns = _stop_and_export(child, tmp_path)
    assert "text: Goedemorgen\n" in turns


def test_small_terminal_pages_the_briefing_and_dossier_shows_it_again(tmp_path: Path) -> None:
    child = spawn(tmp_path, "practice", "heffing-hondenbelasting", "--seed", "3", size=(24, 80))
    child.expect("Briefing")
    child.expect_exact("-- meer: Enter --")  # the briefing is longer than the screen: the top is not scrolled away
    assert "Mevrouw De Graaf: " not in (child.before or "")
    child.sendline("")
    while child.expect_exact(["-- meer: Enter --", "Druk op Enter om te beginnen."]) == 0:
        child.sendline("")
    child.sendline("")
    child.expect("Mevrouw De Graaf: ")
    child.expect("U: ")
    child.sendline("/dossier")
    child.expect("Dossier")
    child.expect("Aanslagnummer")
    while child.expect_exact(["-- meer: Enter --", "U: "]) == 0:
        child.sendline("")
    child.sendline("/stop")
    child.expect("Transcript opgeslagen")
    child.expect(pexpect.EOF)


def test_text_typed_at_the_briefing_pager_becomes_the_first_turn(tmp_path: Path) -> None:
    child = spawn(tmp_path, "practice", "heffing-hondenbelasting", "--seed", "3", size=(24, 80))
    child.expect_exact("-- meer: Enter --")
    child.sendline("q")  # a key for the pager, no turn: the next page
    assert child.expect_exact(["-- meer: Enter --", "Bewaard als uw volgende beurt"]) == 0
    child.sendline("Goedemorgen, u spreekt met Sanne van Belastingen.")  # typed as if the call had begun
    child.expect_exact("Bewaard als uw volgende beurt")
    child.expect("Mevrouw De Graaf: ")  # the caller's opening first, then the kept turn, answered
    child.expect_exact("U: Goedemorgen, u spreekt met Sanne van Belastingen.")
    child.expect("Mevrouw De Graaf: ")
    child.expect("U: ")
    turns = _stop_and_export(child, tmp_path)
    assert "text: Goedemorgen, u spreekt met Sanne van Belastingen.\n" in turns


def test_the_call_ends_with_a_goodbye_and_nothing_typed_reaches_the_shell(tmp_path: Path) -> None:
    script = Path(__file__).parent.parent / "scripts" / "woz-hoger-dan-buren" / "good.txt"
    lines = [line for line in script.read_text(encoding="utf-8").splitlines() if line.strip()]
    env = {**os.environ, "COACH_HOME": str(tmp_path), "COLUMNS": "200", "LINES": "50", "TERM": "dumb"}
    shell = f"{sys.executable} -m coach practice woz-hoger-dan-buren --seed 1; read next; echo SHELL-GOT:$next"
    child = pexpect.spawn("sh", ["-c", shell], env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(50, 200))
    child.expect("U: ")
    for line in lines:
        child.sendline(line)
        if child.expect(["U: ", "neemt afscheid"]) == 1:
            break
    else:
        pytest.fail("the caller did not say goodbye")
    child.expect("U: ")
    child.sendline("Graag gedaan, mevrouw Vermeulen. Een fijne dag nog!")
    child.expect_exact("Druk op Enter voor de feedback.")
    child.send("\rtyped ahead\r")  # Enter, and a line typed while the report is made
    child.expect("Transcript opgeslagen")
    child.sendline("later")
    child.expect("SHELL-GOT:(\\S*)")
    assert child.match.group(1) == "later"
    (row,) = history(tmp_path)
    assert row["outcome"] == "satisfied"
    turns = subprocess.run(
        [sys.executable, "-m", "coach", "export", row["id"], "--json"],
        env={**os.environ, "COACH_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert json.loads(turns)["turns"][-1]["text"] == "Graag gedaan, mevrouw Vermeulen. Een fijne dag nog!"


def test_opnieuw_asks_first_and_terug_takes_a_turn_back(tmp_path: Path) -> None:
    child = spawn(tmp_path, "practice", "woz-hoger-dan-buren", "--seed", "1")
    child.expect("Mevrouw Vermeulen: ")
    child.expect("U: ")
    child.sendline(TYPED[0])
    child.expect("Mevrouw Vermeulen: ")
    child.expect("U: ")
    child.sendline("/opnieuw")
    child.expect_exact("Opnieuw beginnen? Dit gesprek wordt niet beoordeeld. (j/n) ")
    child.sendline("n")
    child.expect("Verder met dit gesprek")
    child.expect("U: ")
    child.sendline("Tja, dat is de wet, daar kan ik niks aan doen.")
    child.expect("Mevrouw Vermeulen: ")
    child.expect("U: ")
    child.sendline("/terug")
    child.expect("Teruggenomen: “Tja, dat is de wet")
    child.expect("Mevrouw Vermeulen: ")
    child.expect("U: ")
    child.sendline(TYPED[1])
    child.expect("Mevrouw Vermeulen: ")
    child.expect("U: ")
    child.sendline("/opnieuw")
    child.expect_exact("(j/n) ")
    child.sendline("j")
    child.expect("Opnieuw beginnen")
    child.expect("Briefing")  # the briefing again, before the new call
    child.expect("Mevrouw Vermeulen: ")
    child.expect("U: ")
    child.sendline("/stop")
    child.expect("Transcript opgeslagen")
    child.expect(pexpect.EOF)
    first = history(tmp_path)[0]
    export = subprocess.run(
        [sys.executable, "-m", "coach", "export", first["id"], "--json"],
        env={**os.environ, "COACH_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    said = [t["text"] for t in json.loads(export)["turns"] if t["speaker"] == "learner"]
    assert said == TYPED  # the taken-back turn is no part of the call
