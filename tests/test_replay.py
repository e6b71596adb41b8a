"""What-if replay: where a call is rewound to (coach.replay.rewind), the branch (coach.calls.branch), the comparison
(coach.replay.compare), the command (CliRunner) and a replay at a real terminal (pexpect)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach import calls
from coach.analyzer import analyzer_for
from coach.calls import CallSetup
from coach.errors import UsageError
from coach.feedback import evaluate
from coach.formats import Turn
from coach.library import Library
from coach.replay import compare, rewind, trainee_turns
from coach.session import run_session
from coach.store import Store
from tests.test_caller import DISMISSIVE, GOOD_WOZ

SCENARIO = "woz-hoger-dan-buren"


def _setup(seed: int = 3) -> CallSetup:
    lib = Library.open()
    return CallSetup(
        scenario=lib.scenario(SCENARIO),
        scenario_path=None,
        rubric=lib.rubric("standaard"),
        analyzer=analyzer_for(lib),
        seed=seed,
        learner="anna",
    )


def _saved_call(store: Store, lines: list[str], seed: int = 3) -> str:
    """A call played to the end from these lines and saved, as 'coach practice' saves one; its session id."""
    live = calls.start(_setup(seed), store)
    run_session(live.session, lines)
    live.finish()
    assert live.session_id is not None
    return live.session_id


def _play(live: calls.LiveCall, lines: list[str]) -> None:
    for line in lines:
        if live.session.ended:
            break
        live.session.say(line)
    live.session.end("stopped", "")
    live.finish()


def _turns(*spoken: tuple[str, str]) -> list[Turn]:
    return [Turn(speaker=who, text=text) for who, text in spoken]  # type: ignore[arg-type]


# --- rewind ---------------------------------------------------------------------------------------------------------


CALL = _turns(
    ("caller", "Goedemorgen."),
    ("learner", "een"),
    ("caller", "antwoord op een"),
    ("learner", "twee"),
    ("caller", "antwoord op twee, dag!"),
    ("learner", "dag mevrouw"),  # a last word after the caller's goodbye
)


def test_rewind_keeps_the_turns_before_the_trainee_turn() -> None:
    assert trainee_turns(CALL) == [1, 3, 5]
    assert [t.text for t in rewind(CALL, 1)] == ["Goedemorgen."]
    assert [t.text for t in rewind(CALL, 2)] == ["Goedemorgen.", "een", "antwoord op een"]
    assert len(rewind(CALL, 3)) == 5  # a call that was cut off: its last trainee line can be said anew


@pytest.mark.parametrize("n", [0, -1, 4])
def test_rewind_out_of_range_says_how_many_turns_there_are(n: int) -> None:
    with pytest.raises(UsageError) as caught:
        rewind(CALL, n)
    assert "3 beurten van de medewerker" in caught.value.message
    assert caught.value.hint == "kies --from 1 tot en met 3"


def test_rewind_to_a_last_word_after_the_goodbye_is_refused() -> None:
    with pytest.raises(UsageError) as caught:
        rewind(CALL, 3, outcome="satisfied")
    assert "beurt 3 was een afscheid" in caught.value.message
    assert caught.value.hint == "kies --from 1 tot en met 2"
    assert len(rewind(CALL, 2, outcome="satisfied")) == 3


def test_rewind_without_trainee_turns() -> None:
    with pytest.raises(UsageError, match="geen beurten van de medewerker"):
        rewind(CALL[:1], 1)


# --- compare --------------------------------------------------------------------------------------------------------


def _scored(lines: list[str]):
    setup = _setup()
    live = calls.start(setup, None)
    transcript = run_session(live.session, lines)
    return transcript.turns, evaluate(transcript, setup.rubric, setup.analyzer, setup.scenario)  # type: ignore[arg-type]


def test_compare_a_better_variant() -> None:
    before, fb_before = _scored(GOOD_WOZ[:1] + DISMISSIVE[1:])
    after, fb_after = _scored(GOOD_WOZ)
    c = compare(before, fb_before, after, fb_after, 2, original_id="a", variant_id="b")
    assert (c.original, c.variant, c.from_turn) == ("a", "b", 2)
    assert [s.name for s in c.scores] == ["totaal", "luisteren", "gespreksopbouw", "toon", "inhoud"]
    total = c.scores[0]
    assert total.original == round(fb_before.overall, 1) and total.variant == round(fb_after.overall, 1)
    assert total.difference == round(fb_after.overall - fb_before.overall, 1) and total.difference > 20
    for s in c.scores[1:]:
        assert s.original == round(fb_before.dimensions[s.name].score, 1)
        assert s.difference == round(fb_after.dimensions[s.name].score - fb_before.dimensions[s.name].score, 1)
    first = c.moments[0]
    assert first.turn == 2  # turn 1 was the same in both
    assert first.original == DISMISSIVE[1] and first.variant == GOOD_WOZ[1]
    assert first.original_reply == before[4].text and first.variant_reply == after[4].text
    assert [m.turn for m in c.moments] == list(range(2, 2 + len(c.moments)))
    assert c.criteria and all(
        abs(x.difference or 0) >= 0.5 or (x.original is None) != (x.variant is None) for x in c.criteria
    )
    assert [abs(x.difference or 0) for x in c.criteria] == sorted(
        (abs(x.difference or 0) for x in c.criteria), reverse=True
    )
    by_id = {x.id: x for x in fb_after.criteria}
    for x in c.criteria:
        assert x.variant_evidence == by_id[x.id].evidence
    assert c.original_outcome == fb_before.outcome and c.variant_outcome == fb_after.outcome


def test_compare_the_same_call_has_no_changes() -> None:
    turns, fb = _scored(GOOD_WOZ)
    c = compare(turns, fb, turns, fb, 1)
    assert c.moments == [] and c.criteria == []
    assert all(s.difference == 0 for s in c.scores)


def test_compare_starts_at_an_earlier_difference_and_pairs_missing_turns() -> None:
    before, fb_before = _scored(GOOD_WOZ[:4])
    after, fb_after = _scored([GOOD_WOZ[0], "Wat vervelend voor u.", *GOOD_WOZ[2:3]])
    c = compare(before, fb_before, after, fb_after, 3)  # the variant took back turn 2 (/terug) and said it otherwise
    assert c.moments[0].turn == 2
    last = c.moments[-1]
    assert last.turn == 4 and last.original == GOOD_WOZ[3] and last.variant is None and last.variant_reply is None


# --- the branch -----------------------------------------------------------------------------------------------------


def test_a_branch_copies_the_turns_before_and_leaves_the_original_alone() -> None:
    store = Store.default()
    original = _saved_call(store, GOOD_WOZ[:5])
    before = store.turns(original)
    row = store.get(original)
    live = calls.branch(store, row, 3, _setup())
    assert live.session_id != original
    kept = store.turns(live.session_id)
    assert [t.text for t in kept] == [t.text for t in before[:5]]  # opening, 2 trainee turns, 2 answers
    assert store.get(live.session_id).meta["branch_of"] == original
    assert store.get(live.session_id).meta["branch_from"] == 3
    _play(live, ["Dat klinkt niet goed."])
    assert store.turns(original) == before and store.get(original).as_dict() == row.as_dict()
    branch = store.get(live.session_id)
    assert branch.outcome == "stopped" and branch.learner_turns == 3


MIXED = GOOD_WOZ[:2] + DISMISSIVE[2:] + GOOD_WOZ[2:]
"""A call in which the seed matters: with seed 4 and 7 the caller answers some of these lines otherwise than with 3."""


def _spoken(store: Store, session_id: str) -> list[tuple[str, str, int | None]]:
    return [(t.speaker, t.text, t.emotion) for t in store.turns(session_id)]


@pytest.mark.parametrize("n", [1, 2, 5])
def test_the_offline_caller_answers_the_same_lines_the_same_way(n: int) -> None:
    store = Store.default()
    original = _saved_call(store, MIXED, seed=4)
    live = calls.branch(store, store.get(original), n, _setup(seed=4))
    _play(live, MIXED[n - 1 :])
    assert _spoken(store, live.session_id) == _spoken(store, original)
    other = calls.branch(store, store.get(original), n, _setup(seed=3))  # the test can tell seeds apart
    _play(other, MIXED[n - 1 :])
    assert _spoken(store, other.session_id) != _spoken(store, original)


def test_a_branch_of_a_branch() -> None:
    store = Store.default()
    original = _saved_call(store, GOOD_WOZ[:4])
    first = calls.branch(store, store.get(original), 2, _setup())
    _play(first, ["Wat vervelend.", "Vertelt u eens."])
    second = calls.branch(store, store.get(first.session_id), 3, _setup())
    assert [t.text for t in store.turns(second.session_id)][-2:] == [
        "Wat vervelend.",
        store.turns(first.session_id)[4].text,
    ]
    assert store.get(second.session_id).meta["branch_of"] == first.session_id


# --- the command ----------------------------------------------------------------------------------------------------


def _practised(invoke, lines: list[str], *extra: str) -> str:
    result = invoke(
        "practice", SCENARIO, "--seed", "3", "--learner", "anna", *extra, input="\n".join(lines) + "\n/stop\n"
    )
    assert result.exit_code == 0, result.output
    return json.loads(invoke("history", "--json").stdout)["sessions"][-1]["id"]


def test_replay_command_plays_a_variant_and_compares(invoke) -> None:
    original = _practised(invoke, GOOD_WOZ[:3])
    result = invoke("replay", original, "--from", "2", input="Dat is vervelend.\n/stop\n")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())  # unwrapped
    assert f"Variant van sessie {original}, vanaf uw beurt 2" in out
    assert f"In het origineel zei u: “{GOOD_WOZ[1]}”" in out.split(" U: ")[0]  # before the prompt
    assert "Vergelijking met het origineel, vanaf uw beurt 2" in out
    comparison = out.split("Vergelijking met het origineel")[1]
    assert "Dat is vervelend." in comparison and GOOD_WOZ[2][:30] in comparison
    sessions = json.loads(invoke("history", "--json").stdout)["sessions"]
    assert len(sessions) == 2 and sessions[1]["meta"]["branch_of"] == original
    assert sessions[1]["meta"]["branch_from"] == 2 and sessions[1]["outcome"] == "stopped"
    assert "variant van" in invoke("history").stdout
    data = json.loads(invoke("replay", sessions[1]["id"], "--compare", "--json").stdout)
    assert data["original"] == original and data["from_turn"] == 2
    assert data["moments"][0]["variant"] == "Dat is vervelend."
    md = invoke("replay", sessions[1]["id"], "--compare", "--markdown").stdout
    assert md.startswith(f"# Variant van sessie {original} vanaf uw beurt 2") and "| Totaal |" in md


def test_replay_command_keeps_the_seed(invoke) -> None:
    result = invoke("practice", SCENARIO, "--seed", "4", input="\n".join(MIXED[:6]) + "\n/stop\n")
    assert result.exit_code == 0, result.output
    original = json.loads(invoke("history", "--json").stdout)["sessions"][0]["id"]
    again = invoke("replay", original, "--from", "3", input="\n".join(MIXED[2:6]) + "\n/stop\n")
    assert again.exit_code == 0, again.output
    assert "U zei vanaf uw beurt 3 hetzelfde als in het origineel." in again.stdout
    sessions = json.loads(invoke("history", "--json").stdout)["sessions"]
    assert sessions[1]["meta"]["score"] == sessions[0]["meta"]["score"]


def test_replay_cut_off_is_resumed(invoke) -> None:
    original = _practised(invoke, GOOD_WOZ[:2])
    result = invoke("replay", original, "--from", "1", input="Goedemorgen, met Anna.\n")
    assert "Gesprek afgebroken" in result.stdout and "coach resume" in result.stdout
    branch = json.loads(invoke("history", "--json").stdout)["sessions"][-1]
    assert branch["outcome"] is None and branch["meta"]["branch_of"] == original
    resumed = invoke("resume", "--learner", "anna", input="/stop\n")
    assert "Goedemorgen, met Anna." in resumed.stdout and "Transcript opgeslagen" in resumed.stdout


def test_replay_errors_in_dutch(invoke) -> None:
    original = _practised(invoke, GOOD_WOZ[:3])
    missing = invoke("replay", original)
    assert missing.exit_code == 2 and "--from N" in missing.stderr and "3 beurten" in missing.stderr
    for n in ("0", "4"):
        wrong = invoke("replay", original, "--from", n)
        assert wrong.exit_code == 2 and "3 beurten van de medewerker" in wrong.stderr
        assert "Traceback" not in wrong.output
    unknown = invoke("replay", original[:-1] + "x", "--from", "1")
    assert unknown.exit_code == 2 and "onbekende sessie" in unknown.stderr
    assert f"Bedoelde u: {original}?" in unknown.stderr and "coach history" in unknown.stderr
    assert "is geen variant" in invoke("replay", original, "--compare").stderr
    _practised(invoke, GOOD_WOZ[:1])
    assert "het begin van meer sessies" in invoke("replay", original[:4], "--from", "1").stderr


def test_replay_of_a_scenario_no_longer_in_the_library(invoke, user_library: Path) -> None:
    typed = GOOD_WOZ[0] + "\n/stop\n"
    assert invoke("practice", "mijn-woz", "--seed", "1", "-L", user_library, input=typed).exit_code == 0
    session = json.loads(invoke("history", "--json").stdout)["sessions"][0]["id"]
    (user_library / "scenarios" / "mijn-woz.yaml").unlink()
    result = invoke("replay", session, "--from", "1")
    assert result.exit_code == 2 and "kan niet opnieuw gespeeld" in result.stderr and "mijn-woz" in result.stderr
    assert "--library" in result.stderr and "Traceback" not in result.output
    assert json.loads(invoke("history", "--json").stdout)["sessions"][0]["id"] == session  # no branch was made


# --- at a real terminal ---------------------------------------------------------------------------------------------


def _through_the_briefing(child) -> None:
    """At 24 rows the briefing comes a screen at a time, then the call starts on Enter."""
    while child.expect(["-- meer: Enter --", "Druk op Enter om te beginnen"]) == 0:
        child.sendline("")
    child.sendline("")


@pytest.mark.slow
def test_replay_at_a_terminal(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    from tests.test_interactive import history, spawn

    child = spawn(tmp_path, "practice", SCENARIO, "--seed", "1", "--learner", "anna", size=(24, 80))
    _through_the_briefing(child)
    for line in GOOD_WOZ[:3]:
        child.expect("U: ")
        child.sendline(line)
    child.expect("U: ")
    child.sendline("/stop")
    child.expect("Transcript opgeslagen")
    child.expect(pexpect.EOF)
    (original,) = history(tmp_path)
    child = spawn(tmp_path, "replay", original["id"], "--from", "2", size=(24, 80))
    _through_the_briefing(child)
    child.expect("Variant van sessie")
    child.expect_exact("In het origineel zei u")
    child.expect("U: ")
    child.sendline("Dat klinkt vervelend. Wat is er gebeurd?")
    child.expect("Mevrouw Vermeulen: ")
    child.expect("U: ")
    child.sendline("/stop")
    child.expect("Feedback")
    child.expect("Vergelijking met het origineel")
    child.expect_exact("Dat klinkt vervelend.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    rows = history(tmp_path)
    assert len(rows) == 2 and rows[1]["meta"]["branch_of"] == original["id"]
    assert rows[0] == original  # the original untouched


def test_the_comparison_at_80_columns() -> None:
    from rich.console import Console

    from coach.cli import render

    before, fb_before = _scored(GOOD_WOZ)
    after, fb_after = _scored([*GOOD_WOZ[:2], "[zucht] Dat is vervelend."])
    c = compare(before, fb_before, after, fb_after, 3)
    console = Console(width=80, record=True, color_system=None)
    console.print(render.comparison(c, "mevrouw Vermeulen"))
    text = console.export_text()
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "Vergelijking met het origineel, vanaf uw beurt 3" in text
    assert "U: [zucht] Dat is vervelend." in text  # dialogue is never read as markup
    assert "uw beurt 4" in text and "(de variant was hier al afgelopen)" in text
    assert f"(en nog {len(GOOD_WOZ) - 4} beurten die alleen het origineel heeft)" in text
    assert "uw beurt 5" not in text
    total = round(fb_after.overall) - round(fb_before.overall)
    assert f"{round(fb_before.overall)}" in text and f"{total:+d}" in text


def test_a_variant_is_no_fresh_call_for_progress(invoke) -> None:
    original = _practised(invoke, GOOD_WOZ[:3])
    assert invoke("replay", original, "--from", "2", input="Dat is vervelend.\n/stop\n").exit_code == 0
    assert len(json.loads(invoke("history", "--json").stdout)["sessions"]) == 2
    data = json.loads(invoke("progress", "--json", "--learner", "anna").stdout)
    assert [c["session"] for c in data["calls"]] == [original]


def test_a_cut_off_original_is_said_to_break_off_not_to_end(invoke) -> None:
    result = invoke("practice", SCENARIO, "--seed", "3", "--learner", "anna", input="\n".join(GOOD_WOZ[:2]) + "\n")
    assert "Gesprek afgebroken" in result.stdout
    original = json.loads(invoke("history", "--json").stdout)["sessions"][-1]["id"]
    again = invoke("replay", original, "--from", "2", input="\n".join(GOOD_WOZ[1:4]) + "\n/stop\n")
    assert again.exit_code == 0, again.output
    out = " ".join(again.stdout.split())
    assert "(het origineel was hier al afgebroken)" in out and "al afgelopen" not in out
