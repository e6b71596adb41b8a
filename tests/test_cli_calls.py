"""practice, run, resume, history and export through the CLI (CliRunner; stdin is the trainee)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coach.loader import load
from tests.helpers import ROOT
from tests.test_caller import DISMISSIVE, GOOD_WOZ


def _replies(tmp_path: Path, lines: list[str], name: str = "antwoorden.txt") -> Path:
    path = tmp_path / name
    path.write_text("# script van een goede medewerker\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_run_writes_a_valid_transcript(invoke, tmp_path: Path) -> None:
    out = tmp_path / "gesprek.yaml"
    result = invoke("run", "woz-hoger-dan-buren", "--replies", _replies(tmp_path, GOOD_WOZ), "--seed", "1", "-o", out)
    assert result.exit_code == 0, result.output
    transcript = load(out, "transcript")
    assert transcript.outcome.value == "satisfied"
    assert transcript.scenario == "woz-hoger-dan-buren"
    assert transcript.seed == 1 and transcript.engine == "offline"
    assert all(t.emotion is not None for t in transcript.turns if t.speaker == "caller")
    assert invoke("validate", out).exit_code == 0
    assert "Mevrouw Vermeulen" in result.stdout


def test_run_is_deterministic_and_json(invoke, tmp_path: Path) -> None:
    replies = _replies(tmp_path, DISMISSIVE)
    a = json.loads(invoke("run", "woz-hoger-dan-buren", "--replies", replies, "--json", "--no-save").stdout)
    b = json.loads(invoke("run", "woz-hoger-dan-buren", "--replies", replies, "--json", "--no-save").stdout)
    turns = lambda d: [(t["text"], t.get("emotion")) for t in d["transcript"]["turns"]]  # noqa: E731
    assert turns(a) == turns(b)
    assert a["transcript"]["outcome"] == "hung_up"


def test_run_accepts_a_yaml_list(invoke, tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("- Goedemorgen, met Anna van Belastingen.\n- Wat is er gebeurd?\n", encoding="utf-8")
    data = json.loads(invoke("run", "woz-hoger-dan-buren", "--replies", path, "--json", "--no-save").stdout)
    learner = [t["text"] for t in data["transcript"]["turns"] if t["speaker"] == "learner"]
    assert learner == ["Goedemorgen, met Anna van Belastingen.", "Wat is er gebeurd?"]
    assert data["transcript"]["outcome"] == "stopped"


def test_run_errors(invoke, tmp_path: Path) -> None:
    assert invoke("run", "woz-hoger-dan-buren", "--replies", tmp_path / "weg.txt").exit_code == 2
    empty = _replies(tmp_path, [])
    result = invoke("run", "woz-hoger-dan-buren", "--replies", empty)
    assert result.exit_code == 2 and "bevat geen antwoorden" in result.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: b\n", encoding="utf-8")
    assert "YAML-lijst" in invoke("run", "woz-hoger-dan-buren", "--replies", bad).stderr
    result = invoke("run", "woz-hoger-dan-buren", "--replies", _replies(tmp_path, ["x"]), "--engine", "ofline")
    assert result.exit_code == 2 and "Bedoelde u: offline?" in result.stderr


def test_practice_saves_and_history_and_export(invoke, tmp_path: Path) -> None:
    typed = "Goedemorgen, Belastingen, met Anna. Wat kan ik voor u doen?\n/hint\n/help\n/bestaatniet\n\n/stop\n"
    result = invoke("practice", "woz-hoger-dan-buren", "--seed", "2", "--learner", "anna", input=typed)
    assert result.exit_code == 0, result.output
    assert "Briefing" in result.stdout and "Tip" in result.stdout and "Onbekend commando" in result.stdout
    assert "Transcript opgeslagen" in result.stdout
    sessions = json.loads(invoke("history", "--json").stdout)["sessions"]
    assert len(sessions) == 1
    row = sessions[0]
    assert row["learner"] == "anna" and row["outcome"] == "stopped" and row["turns"] == 3
    assert Path(row["transcript_path"]).exists()
    assert "anna" in invoke("history", "--learner", "anna").stdout
    assert json.loads(invoke("history", "--learner", "bob", "--json").stdout)["sessions"] == []
    out = tmp_path / "export.json"
    assert invoke("export", row["id"], "-o", out).exit_code == 0
    assert load(out, "transcript").learner == "anna"
    assert "speaker: learner" in invoke("export", row["id"]).stdout
    exported = json.loads(invoke("export", row["id"], "--json").stdout)
    assert exported["learner"] == "anna" and exported["turns"][0]["speaker"] in ("learner", "caller")


def test_practice_end_of_input_leaves_the_call_to_resume(invoke) -> None:
    result = invoke("practice", "woz-hoger-dan-buren", "--seed", "2", input="Goedemorgen, met Anna.\n")
    assert result.exit_code == 0
    assert "Gesprek afgebroken" in result.stdout and "coach resume" in result.stdout
    assert "Feedback" not in result.stdout  # lost input is no stop: no report
    row = json.loads(invoke("history", "--json").stdout)["sessions"][0]
    assert row["outcome"] is None and row["turns"] == 3
    resumed = invoke("resume", input="/stop\n")
    assert "Goedemorgen, met Anna." in resumed.stdout and "Transcript opgeslagen" in resumed.stdout


def test_dossier_during_a_call(invoke) -> None:
    result = invoke("practice", "woz-hoger-dan-buren", "--seed", "2", "--no-save", input="/help\n/dossier\n/stop\n")
    assert "/dossier" in result.stdout and "Druk op Enter om te beginnen" not in result.stdout  # no terminal: no pages
    dossier = result.stdout.split("╭─ Dossier", 1)[1]
    assert "Opdracht:" in dossier and "Leerdoelen" not in dossier


def test_the_emotion_meter_shows_by_default_and_can_be_hidden(invoke) -> None:
    shown = invoke("practice", "woz-hoger-dan-buren", "--seed", "2", "--no-save", input="Goedemorgen.\n/stop\n")
    assert "/10" in shown.stdout.split("Feedback", 1)[0]
    hidden = invoke(
        "practice", "woz-hoger-dan-buren", "--seed", "2", "--no-save", "--hide-emotion", input="Goedemorgen.\n/stop\n"
    )
    assert "/10" not in hidden.stdout.split("Feedback", 1)[0]


def test_practice_menu(invoke) -> None:
    result = invoke("practice", "--no-save", input="99\n1\n/stop\n")
    assert result.exit_code == 0, result.output
    assert "Kies een scenario" in result.stdout and "Geen geldig nummer" in result.stdout
    assert "Niets opgeslagen" in result.stdout
    assert json.loads(invoke("history", "--json").stdout)["sessions"] == []


def test_practice_restart(invoke) -> None:
    result = invoke("practice", "woz-hoger-dan-buren", "--seed", "4", input="Goedemorgen.\n/opnieuw\nj\n/stop\n")
    assert "Opnieuw beginnen" in result.stdout
    outcomes = [s["outcome"] for s in json.loads(invoke("history", "--json").stdout)["sessions"]]
    assert outcomes == ["stopped", "stopped"]


def test_resume_close_and_nothing_to_resume(invoke, coach_home: Path) -> None:
    from coach.analyzer import get_analyzer
    from coach.calls import CallSetup, start
    from coach.library import Library
    from coach.store import Store

    assert "geen onafgemaakte sessie" in invoke("resume").stderr
    lib = Library.open()
    setup = CallSetup(lib.scenario("woz-hoger-dan-buren"), None, lib.rubric("standaard"), get_analyzer(), seed=3)
    live = start(setup, Store.default())
    live.session.open()
    live.session.say("Goedemorgen, met Anna van Belastingen.")
    live.store.close()  # the window of the call was closed
    result = invoke("resume", "--close")
    assert result.exit_code == 0 and "afgesloten" in result.stderr
    row = json.loads(invoke("history", "--json").stdout)["sessions"][0]
    assert row["outcome"] == "interrupted" and Path(row["transcript_path"]).exists()


def test_resume_continues_the_call(invoke) -> None:
    from coach.analyzer import get_analyzer
    from coach.calls import CallSetup, start
    from coach.library import Library
    from coach.store import Store

    lib = Library.open()
    setup = CallSetup(lib.scenario("woz-hoger-dan-buren"), None, lib.rubric("standaard"), get_analyzer(), seed=3)
    live = start(setup, Store.default())
    live.session.open()
    live.session.say(GOOD_WOZ[0])
    live.store.close()
    result = invoke("resume", input=GOOD_WOZ[1] + "\n/stop\n")
    assert result.exit_code == 0, result.output
    assert "Verder met sessie" in result.stdout
    row = json.loads(invoke("history", "--json").stdout)["sessions"][0]
    assert row["turns"] == 5 and row["outcome"] == "stopped"


def test_practice_without_key_says_so_before_the_menu(invoke, monkeypatch) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    result = invoke("practice", "--engine", "claude", input="1\n/stop\n")
    assert result.exit_code == 3 and "ANTHROPIC_API_KEY" in result.stderr
    assert "Kies een scenario" not in result.stdout


def test_leaving_the_menu(invoke, monkeypatch) -> None:
    result = invoke("practice", "--no-save", input="")
    assert result.exit_code == 1 and "Afgebroken" in result.stderr
    assert "Traceback" not in result.output

    def ctrl_c(prompt: str = "") -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("builtins.input", ctrl_c)
    result = invoke("practice", "--no-save")
    assert result.exit_code == 130 and "Afgebroken" in result.stderr


def test_typed_escape_sequences_are_not_saved(invoke) -> None:
    typed = "Goedemorgen\x1b[D\x1b[C, met Anna\x1bOD.\x07\t Wat kan ik voor u doen?\x1b[1;5A\n/stop\n"
    result = invoke("practice", "woz-hoger-dan-buren", "--seed", "2", input=typed)
    assert result.exit_code == 0, result.output
    row = json.loads(invoke("history", "--json").stdout)["sessions"][0]
    exported = load(Path(row["transcript_path"]), "transcript")
    assert exported.turns[1].text == "Goedemorgen, met Anna.  Wat kan ik voor u doen?"


def test_clean_typed() -> None:
    from coach.cli.inputs import clean_typed

    assert clean_typed("ab\x1b[Dc") == "abc"
    assert clean_typed("\x1b]0;titel\x07hallo\x1b[0m") == "hallo"
    assert clean_typed("  één\u0000 twee\r ") == "één twee"
    assert clean_typed("\x1b") == ""


def test_line_editing_is_loaded_only_for_a_call() -> None:
    import subprocess
    import sys

    code = "import sys, coach.cli; print('readline' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_restart_uses_a_new_seed(invoke) -> None:
    result = invoke("practice", "woz-hoger-dan-buren", "--seed", "4", input="Goedemorgen.\n/opnieuw\nj\n/stop\n")
    assert result.exit_code == 0, result.output
    sessions = json.loads(invoke("history", "--json").stdout)["sessions"]
    assert [s["seed"] for s in sessions] == [4, 5]
    assert load(Path(sessions[1]["transcript_path"]), "transcript").seed == 5


def _unfinished(learner: str | None) -> str:
    from coach.analyzer import get_analyzer
    from coach.calls import CallSetup, start
    from coach.library import Library
    from coach.store import Store

    lib = Library.open()
    setup = CallSetup(
        lib.scenario("woz-hoger-dan-buren"), None, lib.rubric("standaard"), get_analyzer(), seed=3, learner=learner
    )
    live = start(setup, Store.default())
    live.session.open()
    live.session.say(GOOD_WOZ[0])
    live.store.close()
    return live.session_id


def test_resume_prefers_the_learners_own_session(invoke, monkeypatch) -> None:
    monkeypatch.delenv("COACH_LEARNER", raising=False)
    anna = _unfinished("anna")
    bob = _unfinished("bob")
    result = invoke("resume", "--learner", "anna", input="/stop\n")
    assert result.exit_code == 0, result.output
    assert f"Verder met sessie {anna} van anna" in result.stdout
    outcomes = {s["id"]: s["outcome"] for s in json.loads(invoke("history", "--json").stdout)["sessions"]}
    assert outcomes == {anna: "stopped", bob: None}
    assert "geen onafgemaakte sessie van carla" in invoke("resume", "--learner", "carla").stderr
    monkeypatch.setenv("COACH_LEARNER", "carla")
    assert "van carla" in invoke("resume").stderr
    monkeypatch.delenv("COACH_LEARNER")
    assert f"Verder met sessie {bob} van bob" in invoke("resume", input="/stop\n").stdout


def test_history_is_readable_at_80_columns(invoke) -> None:
    from coach.store import Store

    _unfinished("anna de wit")
    store = Store.default()
    long_id = "invordering-regeling-incasso-mislukt"
    store.db.execute("UPDATE sessions SET scenario = ?", (long_id,))
    result = invoke("history", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    (row,) = store.sessions()
    from coach.library import Library

    title = Library.open().scenario(long_id).title
    assert row.id in result.stdout and all(word in result.stdout for word in title.split())  # wrapped if need be
    assert "afgebroken," in result.stdout and "te hervatten" in result.stdout and "anna" in result.stdout
    assert "…" not in result.stdout


def test_history_shows_practice_calls_with_titles_and_the_trainees_turns(invoke, tmp_path: Path) -> None:
    typed = "Goedemorgen, Belastingen, met Anna. Wat kan ik voor u doen?\nDat begrijp ik.\n/stop\n"
    assert invoke("practice", "woz-hoger-dan-buren", "--seed", "2", "--learner", "anna", input=typed).exit_code == 0
    assert invoke("run", "woz-hoger-dan-buren", "--replies", _replies(tmp_path, ["Goedemorgen."])).exit_code in (0, 1)
    result = invoke("history", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert "WOZ-waarde hoger dan bij de buren" in result.stdout and "woz-hoger-dan-buren" not in result.stdout
    assert "1 gescript gesprek" in result.stderr and "--all" in result.stderr
    (practised,) = json.loads(invoke("history", "--json").stdout)["sessions"]
    assert practised["learner"] == "anna" and practised["learner_turns"] == 2 and practised["turns"] > 2
    assert f" {practised['learner_turns']} " in next(
        line for line in result.stdout.splitlines() if practised["id"] in line
    )
    rows = json.loads(invoke("history", "--json", "--all").stdout)["sessions"]
    assert [r["meta"].get("scripted", False) for r in rows] == [False, True]


def test_scenario_menu_shows_every_id_whole_at_80_columns() -> None:
    from rich.console import Console

    from coach.cli import render
    from coach.library import Library

    scenarios = Library.open().load_all("scenario")
    console = Console(width=80, record=True)
    console.print(render.scenario_menu(scenarios))
    text = console.export_text()
    assert "…" not in text
    assert all(s.id in text for s in scenarios)


@pytest.mark.slow
def test_a_run_reads_only_the_files_it_needs_and_each_once(tmp_path: Path) -> None:
    """The library is indexed by file name: a run reads its scenario, its rubric, the lexicon and the caller's lines,
    each once, and none of the other scenarios and rubrics (counted with an audit hook on every file opened)."""
    probe = textwrap.dedent(
        """
        import contextlib, io, json, os, sys
        opened = []

        def hook(event, args):
            if event == "open" and args and not isinstance(args[0], int):
                path = os.fsdecode(os.fspath(args[0]))
                if path.endswith((".yaml", ".yml")):
                    opened.append(path)

        sys.addaudithook(hook)
        from coach.cli import app
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                app(sys.argv[1:])
            except SystemExit as exc:
                assert not exc.code, exc.code
        sys.stderr.write("\\nOPENED " + json.dumps(opened))
        """
    )
    replies = ROOT / "scripts" / "woz-hoger-dan-buren" / "good.txt"
    args = ["run", "woz-hoger-dan-buren", "--replies", str(replies), "--no-save", "--json"]
    env = {**os.environ, "COACH_HOME": str(tmp_path)}
    env.pop("COACH_LIBRARY", None)
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    opened = [Path(p).resolve() for p in json.loads(done.stderr.rsplit("OPENED ", 1)[1])]
    assert sorted(p.name for p in opened) == [
        "advice.yaml",
        "claims.yaml",
        "lines_nl.yaml",
        "nl.yaml",
        "standaard.yaml",
        "topics.yaml",
        "woz-hoger-dan-buren.yaml",
    ]
    assert len(set(opened)) == len(opened)


def test_end_of_input_with_no_save_gives_the_report_instead_of_nothing(invoke) -> None:
    """Without a store there is nothing to resume: the call ends as stopped, with its report."""
    typed = "Goedemorgen, Belastingen, met Anna. Wat kan ik voor u doen?\nDat begrijp ik. Wat is er gebeurd?\n"
    result = invoke("practice", "woz-hoger-dan-buren", "--seed", "2", "--no-save", input=typed)
    assert result.exit_code == 0, result.output
    assert "Feedback" in result.stdout and "niets bewaard" in result.stdout


def test_history_says_begun_again_and_open_now(invoke, tmp_path: Path) -> None:
    """A call begun again with /opnieuw is not 'gestopt door u'; a call open in another terminal right now (its session
    lock is held) is not 'afgebroken, te hervatten'. The group dashboard says the same."""
    typed = "Goedemorgen, met Anna.\n/opnieuw\nj\nGoedemorgen, met Anna van Belastingen.\n"  # then end of input
    assert invoke("practice", "woz-hoger-dan-buren", "--seed", "4", "--learner", "anna", input=typed).exit_code == 0
    again, open_ = json.loads(invoke("history", "--json").stdout)["sessions"]
    assert (again["outcome"], open_["outcome"], open_["open_now"]) == ("stopped", None, False)
    shown = " ".join(invoke("history").stdout.split())
    assert "opnieuw begonnen" in shown and "gestopt door u" not in shown
    assert "afgebroken, te hervatten" in shown and "nu bezig" not in shown
    holder = subprocess.Popen(  # another terminal with the call open
        [sys.executable, "-c", "import sys; from coach.store import Store; Store.default().lock(sys.argv[1]);"
         " print('open', flush=True); sys.stdin.read()", open_["id"]],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "open"
        shown = " ".join(invoke("history").stdout.split())
        assert "nu bezig" in shown and "te hervatten" not in shown
        assert json.loads(invoke("history", "--json").stdout)["sessions"][1]["open_now"] is True
        page = tmp_path / "groep.html"
        assert invoke("report", "--store", "--html", page).exit_code == 0
        cells = page.read_text(encoding="utf-8")
        assert "nu bezig" in cells and "opnieuw begonnen" in cells
    finally:
        holder.stdin.close()
        holder.wait(timeout=20)
    assert "te hervatten" in " ".join(invoke("history").stdout.split())  # the other terminal closed: resumable
