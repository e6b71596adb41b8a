"""Many processes, one database: a call is open in one process at a time, a turn is never overwritten, and commands
started at the same moment on a fresh COACH_HOME migrate once and lose nothing (real processes, bounded time)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from coach.analyzer import get_analyzer
from coach.calls import CallSetup, start
from coach.errors import StoreBusyError
from coach.formats import Turn
from coach.library import Library
from coach.session import utc_now
from coach.store import MIGRATIONS, Store
from tests.helpers import ROOT
from tests.test_caller import GOOD_WOZ


def _setup(learner: str | None = "anna") -> CallSetup:
    lib = Library.open()
    return CallSetup(
        lib.scenario("woz-hoger-dan-buren"), None, lib.rubric("standaard"), get_analyzer(), seed=3, learner=learner
    )


def _unfinished(store: Store) -> str:
    live = start(_setup(), store)
    live.session.open()
    live.session.say(GOOD_WOZ[0])
    return live.session_id


def test_a_turn_is_never_overwritten(coach_home: Path) -> None:
    store = Store.default()
    session_id = _unfinished(store)
    with pytest.raises(StoreBusyError, match="staat al in de opslag"):
        store.add_turn(session_id, 1, Turn(speaker="learner", text="Een andere regel"))
    assert store.turns(session_id)[1].text == GOOD_WOZ[0]


def test_an_ended_call_lets_go(coach_home: Path) -> None:
    store = Store.default()
    live = start(_setup(), store)
    live.session.open()
    assert [p.name for p in (coach_home / "locks").iterdir()] == [f"{live.session_id}.lock"]
    live.session.end("stopped", "klaar")
    live.finish(feedback=False)
    assert list((coach_home / "locks").iterdir()) == []


def test_a_second_process_cannot_open_the_same_call(invoke, coach_home: Path) -> None:
    """The holder is a real process: the message names it, the exit code is not 70, and nothing is written."""
    store = Store.default()
    session_id = _unfinished(store)
    store.close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from coach.store import Store; s = Store.default(); s.lock(sys.argv[1]);"
            " print('klaar', flush=True); sys.stdin.read()",
            session_id,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout.readline().strip() == "klaar"
        result = invoke("resume", input="Wat is er gebeurd?\n/stop\n")
        assert result.exit_code == 5, result.output
        assert f"dit gesprek (sessie {session_id}) is al open in een ander venster (proces {holder.pid})" in (
            result.stderr
        )
        assert invoke("resume", "--close").exit_code == 5
    finally:
        holder.communicate("", timeout=30)
    assert len(Store.default().turns(session_id)) == 3
    assert json.loads(invoke("history", "--json").stdout)["sessions"][0]["outcome"] is None
    # the holder has ended: its lock went with it
    result = invoke("resume", input="Wat is er gebeurd?\n/stop\n")
    assert result.exit_code == 0, result.output
    assert [t.text for t in Store.default().turns(session_id)][3] == "Wat is er gebeurd?"


def test_a_call_ended_in_another_window_is_not_resumed(coach_home: Path) -> None:
    from coach.calls import resume

    store = Store.default()
    session_id = _unfinished(store)
    store.release(session_id)
    other = Store.default()
    other.finish(session_id, "stopped", "klaar", utc_now())
    with pytest.raises(StoreBusyError, match="intussen in een ander venster beëindigd"):
        resume(store, session_id, _setup())


_OPEN = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    go = Path(sys.argv[1])
    while not go.exists():
        time.sleep(0.002)
    from coach.store import Store
    store = Store(Path(sys.argv[2]))
    from datetime import datetime, timezone
    sid = store.create_session(scenario="s", scenario_path=None, rubric=None, learner=sys.argv[3], engine="offline",
                               seed=0, started_at=datetime.now(timezone.utc))
    store.lock(sid)
    from coach.formats import Turn
    for i in range(5):
        store.add_turn(sid, i, Turn(speaker="learner" if i % 2 else "caller", text=f"{sys.argv[3]} {i}"))
    """
)


@pytest.mark.slow
def test_twenty_processes_open_a_fresh_store_at_once(tmp_path: Path) -> None:
    """All wait for one signal, then open the same new database: one migrates, none fails, nothing is lost."""
    go, db = tmp_path / "go", tmp_path / "home" / "belcoach.db"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN, str(go), str(db), f"p{i}"], cwd=ROOT, stderr=subprocess.PIPE, text=True
        )
        for i in range(20)
    ]
    time.sleep(1.0)  # let every process import and wait
    go.touch()
    errors = [p.communicate(timeout=60)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 20, errors
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert con.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 20
    assert con.execute("SELECT COUNT(*) FROM turns").fetchone()[0] == 100


@pytest.mark.slow
def test_twenty_simultaneous_runs_are_all_saved(tmp_path: Path) -> None:
    replies = tmp_path / "antwoorden.txt"
    replies.write_text("Goedemorgen, met Anna van Belastingen.\nWat kan ik voor u doen?\n", encoding="utf-8")
    home = tmp_path / "home"
    env = {**os.environ, "COACH_HOME": str(home)}
    env.pop("COACH_LIBRARY", None)
    coach = [sys.executable, "-m", "coach"]
    procs = [
        subprocess.Popen(
            [*coach, "run", "woz-hoger-dan-buren", "--replies", str(replies), "--seed", str(i), "--learner", f"m{i}"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(20)
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 20, errors
    store = Store(home / "belcoach.db")
    rows = store.sessions()
    assert sorted(r.learner for r in rows) == sorted(f"m{i}" for i in range(20))
    assert all(r.turns == 5 and r.outcome == "stopped" for r in rows)
    assert all(Path(r.transcript_path).exists() for r in rows)
