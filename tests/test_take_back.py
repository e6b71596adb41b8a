"""/terug: the last trainee turn and the caller's answer are taken back; the caller is as it was before them."""

from __future__ import annotations

from pathlib import Path

from coach import calls
from coach.analyzer import get_analyzer
from coach.calls import CallSetup
from coach.library import Library
from coach.store import Store

FIRST = "Goedemorgen, Belastingen, u spreekt met Anna. Wat kan ik voor u doen?"
RASH = "Tja, dat is de wet, daar kan ik niks aan doen."
BETTER = "Ik hoor dat u erg geschrokken bent. Wat speelt er?"


def _setup() -> CallSetup:
    lib = Library.open()
    return CallSetup(lib.scenario("woz-hoger-dan-buren"), None, lib.rubric("standaard"), get_analyzer(), seed=5)


def _said(turns) -> list[tuple[str, str, int | None]]:
    return [(t.speaker, t.text, t.emotion) for t in turns]


def test_take_back_restores_the_caller_and_the_store(coach_home: Path) -> None:
    store = Store.default()
    live = calls.start(_setup(), store)
    live.session.open()
    live.session.say(FIRST)
    live.session.say(RASH)
    assert calls.take_back(live)
    live.session.say(BETTER)
    fresh = calls.start(_setup(), None)
    fresh.session.open()
    fresh.session.say(FIRST)
    fresh.session.say(BETTER)
    assert _said(live.session.turns) == _said(fresh.session.turns)  # emotion, words: as if RASH was never said
    assert live.session.caller_turns[-1].revealed == fresh.session.caller_turns[-1].revealed
    assert _said(store.turns(live.session_id)) == _said(fresh.session.turns)  # the store keeps no RASH
    result = live.finish()
    assert RASH not in [t.text for t in result.transcript.turns]


def test_nothing_to_take_back_before_the_first_turn(coach_home: Path) -> None:
    live = calls.start(_setup(), Store.default())
    live.session.open()
    assert not calls.take_back(live)
    assert len(live.session.turns) == 1
