"""Session store: migrations, durable turns (before the caller answers), transcripts, resume by replay."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from coach.analyzer import get_analyzer
from coach.caller import CallerTurn, make_caller
from coach.calls import CallSetup, resume, start
from coach.errors import NotFoundError
from coach.formats import Turn, write_transcript
from coach.library import Library
from coach.loader import load
from coach.session import Session
from coach.store import MIGRATIONS, Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "db" / "belcoach.db")


@pytest.fixture
def setup() -> CallSetup:
    lib = Library.open()
    return CallSetup(
        scenario=lib.scenario("woz-hoger-dan-buren"),
        scenario_path=None,
        rubric=lib.rubric("standaard"),
        analyzer=get_analyzer(),
        seed=5,
        learner="anna",
    )


def test_migrations_are_recorded_and_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    Store(path).close()
    Store(path).close()
    version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
    assert version == len(MIGRATIONS)
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_learner_turn_is_committed_before_the_caller_answers(store: Store, setup: CallSetup) -> None:
    live = start(setup, store)
    session_id = live.session_id
    seen: list[list[str]] = []
    real = live.session.caller

    class Spy:
        name = "spy"

        def start(self) -> CallerTurn:
            return real.start()

        def reply(self, text, analysis, transcript):
            other = sqlite3.connect(store.path)  # a separate connection sees only committed data
            seen.append([row[0] for row in other.execute("SELECT text FROM turns WHERE session_id = ?", (session_id,))])
            return real.reply(text, analysis, transcript)

    live.session.caller = Spy()
    live.session.open()
    live.session.say("Goedemorgen, met Anna van Belastingen.")
    assert seen[0][-1] == "Goedemorgen, met Anna van Belastingen."


def test_finished_session_has_transcript_and_history(store: Store, setup: CallSetup, tmp_path: Path) -> None:
    live = start(setup, store)
    live.session.open()
    live.session.say("Goedemorgen, met Anna van Belastingen. Wat kan ik voor u doen?")
    live.session.end("stopped", "klaar")
    result = live.finish(tmp_path / "t.yaml", feedback=False)
    transcript, path = result.transcript, result.path
    assert path.exists()
    again = load(path, "transcript")
    assert [t.text for t in again.turns] == [t.text for t in transcript.turns]
    assert again.outcome.value == "stopped"
    rows = store.sessions("anna")
    assert [r.id for r in rows] == [live.session_id]
    assert rows[0].turns == 3 and rows[0].outcome == "stopped"
    assert store.sessions("bob") == []
    assert store.transcript(live.session_id[:12]).turns == transcript.turns


def test_unknown_session(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.get("bestaat-niet")


def test_resume_replays_to_the_same_state(store: Store, setup: CallSetup) -> None:
    turns = [
        "Goedemorgen, Belastingen, u spreekt met Anna. Wat kan ik voor u doen?",
        "Ik hoor dat u erg geschrokken bent. Wat speelt er?",
        "Als ik u goed begrijp, vindt u de WOZ-waarde te hoog.",
        "De waarde is gebaseerd op verkoopprijzen rond 1 januari 2025.",
    ]
    caller = make_caller("offline", setup.scenario, setup.analyzer, setup.seed)
    whole = Session(setup.scenario, caller, setup.analyzer, seed=setup.seed)
    whole.open()
    expected = [whole.say(t).text for t in turns]

    first = start(setup, store)
    first.session.open()
    for t in turns[:2]:
        first.session.say(t)
    # the process dies after the third turn is typed, before the caller answers
    first.session.listener.on_turn(len(first.session.turns), Turn(speaker="learner", text=turns[2]))
    resumed = resume(store, first.session_id, setup)
    assert resumed.session.turns[-1].speaker == "caller"
    assert resumed.session.turns[-1].text == expected[2]
    assert resumed.session.say(turns[3]).text == expected[3]
    texts = [t.text for t in store.turns(first.session_id)]
    assert texts[-1] == expected[3] and texts.count(turns[2]) == 1


def test_write_transcript_json(tmp_path: Path, store: Store, setup: CallSetup) -> None:
    live = start(setup, None)
    live.session.open()
    path = write_transcript(live.session.transcript(), tmp_path / "t.json")
    assert load(path, "transcript").turns[0].speaker == "caller"
    assert not list(tmp_path.glob(".tmp-*"))


def test_unwritable_home_is_a_clear_error(tmp_path: Path) -> None:
    from coach.errors import StoreError

    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="sessieopslag"):
        Store(blocker / "sub" / "belcoach.db")


def test_a_database_from_before_judge_and_models_still_works(tmp_path: Path, setup: CallSetup) -> None:
    path = tmp_path / "oud.db"
    old = sqlite3.connect(path)
    old.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
    old.execute(
        "INSERT INTO sessions (id, scenario, learner, engine, seed, started_at) VALUES (?, ?, ?, ?, ?, ?)",
        ("20250101-100000-beef", "woz-hoger-dan-buren", "anna", "offline", 5, "2025-01-01T10:00:00+00:00"),
    )
    old.execute(
        "INSERT INTO turns (session_id, idx, speaker, text) VALUES (?, 0, 'caller', ?)",
        ("20250101-100000-beef", "Goedemorgen?"),
    )
    old.commit()
    old.close()
    store = Store(path)
    row = store.last_unfinished()
    assert row.id == "20250101-100000-beef" and row.judge is None and row.caller_model is None
    new_id = start(setup, store).session_id
    assert store.get(new_id).judge == "offline"


def test_last_unfinished_of_a_learner(store: Store, setup: CallSetup) -> None:
    anna = start(setup, store).session_id
    setup.learner = "bob"
    bob = start(setup, store).session_id
    assert store.last_unfinished().id == bob
    assert store.last_unfinished("anna").id == anna
    assert store.last_unfinished("carla") is None


def test_resume_replays_without_asking_the_voice(store: Store, setup: CallSetup, monkeypatch) -> None:
    from coach.caller.offline import OfflineVoice

    first = start(setup, store)
    first.session.open()
    first.session.say("Goedemorgen, Belastingen, u spreekt met Anna. Wat kan ik voor u doen?")
    first.session.say("Ik hoor dat u erg geschrokken bent.")
    emotion = first.session.turns[-1].emotion
    asked: list[str] = []
    real_speak = OfflineVoice.speak
    monkeypatch.setattr(OfflineVoice, "speak", lambda self, *a: asked.append("speak") or real_speak(self, *a))
    resumed = resume(store, first.session_id, setup)
    assert asked == []  # the shared brain rebuilt the state; the voice was not asked for the past
    assert resumed.session.caller.brain.emotion.value == emotion
    assert [t.text for t in resumed.session.turns] == [t.text for t in first.session.turns]
    resumed.session.say("Wat speelt er op dit moment?")
    assert asked == ["speak"]
