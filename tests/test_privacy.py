"""Private by default (0700 folders, 0600 files, whatever the umask) and the AVG: a learner's data exported whole,
or erased with nothing left in the database file."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from coach.paths import tighten
from coach.store import Store
from tests.test_caller import GOOD_WOZ

SECRET = "Mijn geheime zin is pimpelpaars."

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    old = os.umask(0)
    yield
    os.umask(old)


@posix_only
def test_everything_is_private_whatever_the_umask(invoke, coach_home: Path, tmp_path: Path, open_umask) -> None:
    coach_home.rmdir()
    typed = f"{GOOD_WOZ[0]}\n/stop\n"
    result = invoke("practice", "woz-hoger-dan-buren", "--seed", "2", "--learner", "anna", input=typed)
    assert result.exit_code == 0, result.output
    assert _mode(coach_home) == 0o700 and _mode(coach_home / "transcripts") == 0o700
    store = Store.default()  # open: the -wal and -shm files exist now
    for path in coach_home.rglob("*"):
        assert _mode(path) == (0o700 if path.is_dir() else 0o600), path
    assert Path(f"{store.path}-wal").exists()
    (row,) = store.sessions()
    out = tmp_path / "uit"
    out.mkdir()
    assert invoke("export", row.id, "-o", out / "t.yaml").exit_code == 0
    assert invoke("evaluate", out / "t.yaml", "-o", out / "rapport.html").exit_code == 0
    assert invoke("evaluate", out / "t.yaml", "--json", "-o", out / "rapport.json").exit_code == 0
    assert invoke("privacy", "export", "--learner", "anna", "-o", out / "anna.json").exit_code == 0
    assert {p.name: _mode(p) for p in out.iterdir()} == dict.fromkeys(
        ["t.yaml", "rapport.html", "rapport.json", "anna.json"], 0o600
    )


@posix_only
def test_loose_modes_are_tightened_when_the_store_opens(coach_home: Path) -> None:
    Store.default().close()
    db = coach_home / "belcoach.db"
    coach_home.chmod(0o755)
    db.chmod(0o644)
    Store.default().close()
    assert _mode(coach_home) == 0o700 and _mode(db) == 0o600


@posix_only
def test_a_shared_folder_is_left_alone(tmp_path: Path) -> None:
    shared = tmp_path / "gedeeld"
    shared.mkdir()
    shared.chmod(0o1777)
    tighten(shared)
    assert _mode(shared) == 0o1777


def _practise(invoke, learner: str, line: str = GOOD_WOZ[0]) -> dict:
    result = invoke("practice", "woz-hoger-dan-buren", "--seed", "2", "--learner", learner, input=f"{line}\n/stop\n")
    assert result.exit_code == 0, result.output
    return json.loads(invoke("history", "--json", "--learner", learner).stdout)["sessions"][-1]


def test_export_holds_every_session_turn_and_transcript(invoke) -> None:
    first = _practise(invoke, "anna", SECRET)
    second = _practise(invoke, "anna")
    _practise(invoke, "bob")
    con = sqlite3.connect(Store.default().path)
    con.execute("UPDATE sessions SET meta = '{kapot' WHERE id = ?", (second["id"],))
    con.commit()
    result = invoke("privacy", "export", "--learner", "anna")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["learner"] == "anna" and data["database"] == str(Store.default().path)
    assert [s["id"] for s in data["sessions"]] == [first["id"], second["id"]]
    assert data["sessions"][1]["meta"] == "{kapot"  # a row the history cannot read is handed over as it is
    turns = data["sessions"][0]["turns"]
    assert [t["text"] for t in turns if t["speaker"] == "learner"] == [SECRET]
    (transcript,) = data["sessions"][0]["transcript_files"]
    assert transcript["path"] == first["transcript_path"] and transcript["status"] == "ours"
    assert SECRET in transcript["content"]
    assert "bob" not in result.stdout


def test_export_of_someone_unknown(invoke) -> None:
    _practise(invoke, "anna")
    result = invoke("privacy", "export", "--learner", "ana")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["sessions"] == []
    assert "Belcoach bewaart niets over 'ana'. Bedoelde u: anna?" in result.stderr


def _raw_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*") if p.is_file())


def test_erase_leaves_nothing_in_the_file(invoke, tmp_path: Path) -> None:
    anna = _practise(invoke, "anna", SECRET)
    replies = tmp_path / "antwoorden.txt"
    replies.write_text(f"{SECRET}\n", encoding="utf-8")
    kept_by_user, written = tmp_path / "eigen.yaml", tmp_path / "run.yaml"
    for out in (kept_by_user, written):
        args = ["run", "woz-hoger-dan-buren", "--replies", replies, "--learner", "anna", "-o", out]
        assert invoke(*args).exit_code == 0
    kept_by_user.write_text("mijn eigen aantekeningen\n", encoding="utf-8")  # the user reused the file
    bob = _practise(invoke, "bob")
    db = Store.default().path
    assert SECRET.encode() in _raw_bytes(db)

    result = invoke("privacy", "erase", "--learner", "anna", input="nee\n")
    assert result.exit_code == 1 and "Niets gewist" in result.stderr
    assert "3 gesprekken, 9 beurten en 2 transcriptbestanden" in result.stderr
    assert len(Store.default().sessions("anna")) == 3

    result = invoke("privacy", "erase", "--learner", "anna", input="j\n")
    assert result.exit_code == 0, result.output
    assert "Gewist: alles over 'anna' (3 gesprekken, 9 beurten en 2 transcriptbestanden)" in result.stderr
    assert f"Niet gewist: {kept_by_user}" in result.stderr
    assert Store.default().sessions("anna") == []
    assert not Path(anna["transcript_path"]).exists() and not written.exists()
    assert kept_by_user.read_text(encoding="utf-8") == "mijn eigen aantekeningen\n"
    assert SECRET.encode() not in _raw_bytes(db)
    assert b"anna" not in _raw_bytes(db)
    # the others are untouched
    assert [r.id for r in Store.default().sessions()] == [bob["id"]]
    assert Path(bob["transcript_path"]).exists()
    assert invoke("export", bob["id"]).exit_code == 0


def test_erase_without_asking_and_of_nobody(invoke) -> None:
    _practise(invoke, "anna")
    result = invoke("privacy", "erase", "--learner", "ana", "--yes")
    assert result.exit_code == 0 and "Bedoelde u: anna?" in result.stderr and "Niets gewist" in result.stderr
    result = invoke("privacy", "erase", "--learner", "anna", "--yes")
    assert result.exit_code == 0 and "Doorgaan" not in result.stderr
    assert Store.default().sessions() == []


def test_erase_waits_for_a_call_open_elsewhere(invoke, monkeypatch) -> None:
    from coach.store import SessionLock

    _practise(invoke, "anna")
    with monkeypatch.context() as patch:
        patch.setattr(SessionLock, "take", classmethod(lambda cls, path: None))
        result = invoke("privacy", "erase", "--learner", "anna", "--yes")
    assert result.exit_code == 5 and "al open in een ander venster" in result.stderr
    assert len(Store.default().sessions("anna")) == 1
