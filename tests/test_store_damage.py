"""A store that cannot be read or written: a damaged file or row, a full disk, a folder Belcoach may not write in.
Every case is a Dutch message with what to do and an exit code other than 70; one bad row hides no other; what the
trainee typed is kept or shown, and 'you can resume' is said only when it is true."""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from coach.store import Store
from tests.helpers import ROOT
from tests.test_caller import GOOD_WOZ


def _call(learner: str, lines: list[str] = GOOD_WOZ[:2], *, finish: bool = True) -> str:
    """A saved call, finished or cut off, in the test's COACH_HOME."""
    from coach.analyzer import get_analyzer
    from coach.calls import CallSetup, start
    from coach.library import Library

    lib = Library.open()
    setup = CallSetup(
        lib.scenario("woz-hoger-dan-buren"), None, lib.rubric("standaard"), get_analyzer(), seed=3, learner=learner
    )
    live = start(setup, Store.default())
    live.session.open()
    for line in lines:
        live.session.say(line)
    if finish:
        live.session.end("stopped", "klaar")
        live.finish(feedback=False)
    live.store.close()
    return live.session_id


def _sql(statement: str, *args: object) -> None:
    con = sqlite3.connect(Store.default().path)
    con.execute(statement, args)
    con.commit()
    con.close()


def test_one_bad_row_hides_no_other(invoke) -> None:
    anna, bob, carla = _call("anna"), _call("bob"), _call("carla")
    _sql("UPDATE sessions SET meta = '{kapot' WHERE id = ?", bob)
    _sql("UPDATE sessions SET started_at = 'gisteren' WHERE id = ?", carla)
    result = invoke("history")
    assert result.exit_code == 0, result.output
    assert anna in result.stdout and bob not in result.stdout
    assert f"Let op: 2 sessies konden niet worden gelezen ({bob}, {carla})" in result.stderr
    data = json.loads(invoke("history", "--json").stdout)
    assert [s["id"] for s in data["sessions"]] == [anna]
    assert data["unreadable"] == [
        {"id": bob, "problem": "meta is geen geldige JSON"},
        {"id": carla, "problem": "started_at 'gisteren' is geen tijd"},
    ]
    result = invoke("export", bob)
    assert result.exit_code == 4 and f"sessie {bob}" in result.stderr and "onleesbaar" in result.stderr
    assert "Traceback" not in result.output


def test_a_bad_turn_is_named_and_the_doctor_finds_every_bad_row(invoke) -> None:
    anna, bob = _call("anna"), _call("bob")
    assert "gezond" in invoke("doctor").stdout
    _sql("UPDATE turns SET revealed = '[x' WHERE session_id = ? AND idx = 1", anna)
    _sql("UPDATE turns SET time = 'straks' WHERE session_id = ? AND idx = 2", bob)
    result = invoke("export", anna)
    assert result.exit_code == 4
    assert f"sessie {anna}" in result.stderr and "beurt 2: revealed is geen geldige JSON" in result.stderr
    result = invoke("doctor", "--json")
    assert result.exit_code == 1
    (check,) = [c for c in json.loads(result.stdout)["checks"] if c["name"] == "sessieopslag"]
    assert check["status"] == "fout" and "2 onleesbare rijen" in check["detail"]
    assert f"sessie {bob}, beurt 3: time 'straks' is geen tijd" in check["detail"]


def _damage_page(path: Path, table: str) -> None:
    con = sqlite3.connect(path)
    page = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    with path.open("r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(b"kapot" * 40)


@pytest.mark.parametrize("table", ["sessions", "turns"])
def test_a_damaged_file_says_what_to_do(invoke, table: str) -> None:
    _call("anna", finish=table == "sessions")
    db = Store.default().path
    _damage_page(db, table)
    result = invoke("history") if table == "sessions" else invoke("resume", "--close")
    assert result.exit_code == 4, result.output
    assert f"de sessieopslag {db} is beschadigd" in result.stderr
    assert f'sqlite3 {db} ".recover"' in result.stderr and "opzij" in result.stderr
    assert "mag schrijven" not in result.stderr and "Traceback" not in result.output
    result = invoke("doctor")
    assert result.exit_code == 1 and "beschadigd" in result.stdout


def test_a_file_that_is_no_database(invoke) -> None:
    store = Store.default()
    store.close()
    db = store.path
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    db.write_bytes(b"dit is geen database" * 300)
    result = invoke("history")
    assert result.exit_code == 4 and "is beschadigd" in result.stderr and ".recover" in result.stderr


def test_resume_close_leaves_the_session_as_it_was_when_it_fails(invoke, monkeypatch) -> None:
    session = _call("anna", finish=False)
    _sql("UPDATE turns SET meta = 'x' WHERE session_id = ? AND idx = 1", session)
    result = invoke("resume", "--close")
    assert result.exit_code == 4 and "onleesbaar" in result.stderr
    assert Store.default().get(session).outcome is None
    _sql("UPDATE turns SET meta = '{}' WHERE session_id = ?", session)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr("coach.calls.write_transcript", full)
        result = invoke("resume", "--close")
    assert result.exit_code == 4 and "de schijf is vol: het schrijven van het transcript" in result.stderr
    row = Store.default().get(session)
    assert row.outcome is None and row.ended_at is None and row.transcript_path is None
    result = invoke("resume", "--close")
    assert result.exit_code == 0, result.output
    row = Store.default().get(session)
    assert row.outcome == "interrupted" and Path(row.transcript_path).exists()


class _Failing:
    """The connection, failing every INSERT of a turn the way SQLite does on a full disk or a read-only file."""

    def __init__(self, db: sqlite3.Connection, message: str) -> None:
        self.db = db
        self.message = message

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        if sql.startswith("INSERT INTO turns"):
            raise sqlite3.OperationalError(self.message)
        return self.db.execute(sql, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self.db, name)


@pytest.mark.parametrize(
    ("message", "said", "until"),
    [
        ("database or disk is full", "de schijf is vol", "zodra er weer ruimte is op de schijf"),
        ("attempt to write a readonly database", "Belcoach mag niet schrijven in", "zodra u weer mag schrijven"),
    ],
)
def test_mid_call_the_trainee_hears_what_is_saved(invoke, monkeypatch, message: str, said: str, until: str) -> None:
    real = Store.add_turn

    def add_turn(self: Store, session_id: str, index: int, turn) -> None:
        if index == 3 and not isinstance(self.db, _Failing):
            self.db = _Failing(self.db, message)
        real(self, session_id, index, turn)

    typed = f"{GOOD_WOZ[0]}\n{GOOD_WOZ[1]}\n{GOOD_WOZ[2]}\n"
    with monkeypatch.context() as patch:
        patch.setattr(Store, "add_turn", add_turn)
        result = invoke("practice", "woz-hoger-dan-buren", "--seed", "2", "--learner", "anna de wit", input=typed)
    assert result.exit_code == 4, result.output
    assert said in result.stderr and "Traceback" not in result.output
    assert f"Uw laatste regel is niet bewaard: «{GOOD_WOZ[1]}»" in result.stderr
    assert (
        """Het gesprek tot nu toe (3 beurten) is bewaard: ga verder met 'coach resume --learner "anna de wit"'"""
        in (result.stderr)
    )
    assert until in result.stderr
    # it is true: the call goes on where it stopped
    result = invoke("resume", "--learner", "anna de wit", input=f"{GOOD_WOZ[1]}\n/stop\n")
    assert result.exit_code == 0, result.output
    texts = [t.text for t in Store.default().turns(Store.default().sessions()[0].id)]
    assert texts[1] == GOOD_WOZ[0] and texts[3] == GOOD_WOZ[1] and len(texts) == 5


def test_a_failure_on_the_first_turn_promises_nothing(invoke, monkeypatch) -> None:
    real = Store.add_turn

    def add_turn(self: Store, session_id: str, index: int, turn) -> None:
        self.db = _Failing(self.db, "database or disk is full")
        real(self, session_id, index, turn)

    monkeypatch.setattr(Store, "add_turn", add_turn)
    result = invoke("practice", "woz-hoger-dan-buren", "--seed", "2", input="Goedemorgen\n")
    assert result.exit_code == 4
    assert "Van dit gesprek is nog niets bewaard." in result.stderr and "coach resume" not in result.stderr


def test_a_transcript_that_cannot_be_written_keeps_the_call(invoke, monkeypatch, tmp_path: Path) -> None:
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr("coach.calls.write_transcript", full)
        result = invoke("practice", "woz-hoger-dan-buren", "--seed", "2", input=f"{GOOD_WOZ[0]}\n/stop\n")
    assert result.exit_code == 4
    (row,) = Store.default().sessions()
    assert f"Het gesprek zelf is bewaard (sessie {row.id}): schrijf het transcript later met" in result.stderr
    assert invoke("export", row.id, "-o", tmp_path / "t.yaml").exit_code == 0


def _plain_user() -> list[str]:
    """A prefix that runs a command without root's power to write anywhere, or a skip."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root without setpriv: folder permissions do not apply")
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    probe = subprocess.run([*prefix, "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("setpriv cannot drop capabilities here")
    return prefix


@pytest.mark.slow
def test_a_read_only_folder(tmp_path: Path) -> None:
    prefix = _plain_user()
    home = tmp_path / "home"
    (home / "transcripts").mkdir(parents=True)
    env = {**os.environ, "COACH_HOME": str(home)}
    env.pop("COACH_LIBRARY", None)

    def coach(*args: str) -> subprocess.CompletedProcess:
        command = [*prefix, sys.executable, "-m", "coach", *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)

    home.chmod(0o500)
    try:
        done = coach("history")
        assert done.returncode == 4, done.stderr
        assert f"Belcoach mag niet schrijven in {home}" in done.stderr and "chmod -R u+w" in done.stderr
        home.chmod(0o700)
        assert coach("history").returncode == 0
        (home / "transcripts").chmod(0o500)
        replies = tmp_path / "r.txt"
        replies.write_text(GOOD_WOZ[0] + "\n", encoding="utf-8")
        done = coach("run", "woz-hoger-dan-buren", "--replies", str(replies))
        assert done.returncode == 4, done.stderr
        assert f"Belcoach mag niet schrijven in {home / 'transcripts'}" in done.stderr
        assert "Het gesprek zelf is bewaard" in done.stderr
    finally:
        home.chmod(0o700)
        (home / "transcripts").chmod(0o700)


def test_a_report_on_a_full_disk(invoke, monkeypatch, tmp_path: Path) -> None:
    _call("anna")
    (row,) = Store.default().sessions()

    def full(path: Path, text: str) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr("coach.cli.reports.write_private", full)
    result = invoke("evaluate", row.transcript_path, "-o", tmp_path / "rapport.html")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"Fout: de schijf is vol ({tmp_path / 'rapport.html'})" in result.stderr
