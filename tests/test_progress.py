"""coach progress: a trainee's trend per dimension, what improved and stays weak, and the next scenario."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

from coach import progress
from coach.progress import Attempt, Progress, halves, suggest
from tests.helpers import ROOT

SCRIPTS = ROOT / "scripts"


def _run(invoke, scenario: str, script: str, learner: str, *, practised: bool = True) -> None:
    """A scripted call, marked as practised by the trainee unless ``practised`` is False (as coach practice would)."""
    result = invoke("run", scenario, "--replies", SCRIPTS / scenario / f"{script}.txt", "--learner", learner)
    assert result.exit_code in (0, 1), result.output
    if practised:
        from coach.store import Store

        store = Store.default()
        store.db.execute("UPDATE sessions SET meta = json_remove(meta, '$.scripted')")
        store.close()


def _json(invoke, *args: str) -> dict:
    result = invoke("progress", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_without_calls_it_says_how_to_start(invoke) -> None:
    result = invoke("progress")
    assert result.exit_code == 0
    assert "Nog geen geoefende gesprekken" in result.stderr and "coach practice" in result.stderr
    assert _json(invoke)["calls"] == []


def test_scripted_calls_count_only_with_all(invoke) -> None:
    _run(invoke, "woz-hoger-dan-buren", "good", "Anna", practised=False)
    result = invoke("progress")
    assert result.exit_code == 0 and "1 gescript gesprek" in result.stderr and "'coach progress --all'" in result.stderr
    named = invoke("progress", "--learner", "anna")
    assert named.exit_code == 0 and "'coach progress --all --learner Anna'" in named.stderr
    assert "Voortgang van Anna" in invoke("progress", "--all").stdout


def test_an_imported_call_counts_and_is_scored(invoke, tmp_path: Path) -> None:
    _run(invoke, "woz-hoger-dan-buren", "good", "Anna", practised=False)
    (row,) = json.loads(invoke("history", "--json", "--all").stdout)["sessions"]
    file = tmp_path / "gesprek.yaml"
    assert invoke("export", row["id"], "-o", file).exit_code == 0
    from coach.store import Store

    store = Store.default()
    store.erase_sessions([row["id"]])
    store.close()
    assert invoke("import", file).exit_code == 0
    data = _json(invoke)
    assert data["learner"] == "Anna" and len(data["calls"]) == 1 and data["dimensions"][0]["n"] == 1


def test_a_practice_call_counts(invoke) -> None:
    typed = "Goedemorgen, Belastingen, met Anna. Wat kan ik voor u doen?\n/stop\n"
    assert invoke("practice", "woz-hoger-dan-buren", "--seed", "2", "--learner", "anna", input=typed).exit_code == 0
    data = _json(invoke)
    assert data["learner"] == "anna" and len(data["calls"]) == 1


def test_a_call_begun_again_or_closed_without_feedback_is_no_attempt(invoke) -> None:
    typed = "Goedemorgen, Belastingen, met Anna.\n/opnieuw\nj\nGoedemorgen, met Anna. Wat kan ik doen?\n/stop\n"
    assert invoke("practice", "woz-hoger-dan-buren", "--seed", "2", "--learner", "anna", input=typed).exit_code == 0
    assert (
        invoke("practice", "woz-hoger-dan-buren", "--seed", "3", "--learner", "anna", input="Hallo.\n").exit_code == 0
    )
    assert invoke("resume", "--close", "--learner", "anna").exit_code == 0
    assert len(_json(invoke)["calls"]) == 1  # only the call that ended with /stop was scored


def test_several_trainees_need_a_name_matched_as_history_does(invoke) -> None:
    _run(invoke, "woz-hoger-dan-buren", "average", "Özlem Yılmaz")
    _run(invoke, "woz-hoger-dan-buren", "good", "Bert de Vries")
    result = invoke("progress")
    assert result.exit_code == 2
    assert "Bert de Vries" in result.stderr and "Özlem Yılmaz" in result.stderr and "--learner" in result.stderr
    assert _json(invoke, "--learner", "ozlem")["learner"] == "Özlem Yılmaz"
    unknown = invoke("progress", "--learner", "Carla")
    assert unknown.exit_code != 0 and "Carla" in unknown.stderr and "Bert de Vries" in unknown.stderr


def test_trend_improvements_and_a_fresh_scenario_one_level_up(invoke) -> None:
    for script in ("average", "good"):  # the early half average, the recent half good
        for scenario in ("woz-hoger-dan-buren", "kwijtschelding-schaamte"):
            _run(invoke, scenario, script, "Anna")
    data = _json(invoke)
    assert [d["dimension"] for d in data["dimensions"]] == ["luisteren", "gespreksopbouw", "toon", "inhoud"]
    assert all(d["n"] == 4 for d in data["dimensions"])
    luisteren = data["dimensions"][0]
    assert luisteren["early"] < luisteren["recent"]  # good scripts after average ones
    assert data["improved"] and all(c["change"] >= progress.IMPROVED_BY for c in data["improved"])
    weakest = min((d for d in data["dimensions"]), key=lambda d: d["recent"])
    s = data["suggestion"]
    assert s["dimension"] == data["weakest"] == weakest["dimension"]
    assert s["scenario"] not in ("woz-hoger-dan-buren", "kwijtschelding-schaamte")
    assert s["difficulty"] == s["level"] == min(3, (s["best_passed"] or 0) + 1)


def test_the_view_fits_80_columns(invoke) -> None:
    for script in ("average", "good", "average"):
        _run(invoke, "invordering-regeling-incasso-mislukt", script, "Anna Maria van den Berg-Schoonhoven")
    result = invoke("progress", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    out = result.stdout
    assert "Voortgang van Anna Maria" in out and "Luisteren" in out and "Volgende oefening" in out
    assert any(ch in out for ch in "▁▂▃▄▅▆▇█") and "coach practice " in out


def test_the_stored_scores_are_read_and_a_call_without_them_is_scored_again(invoke) -> None:
    from coach.store import Store

    _run(invoke, "woz-hoger-dan-buren", "average", "Anna")
    store = Store.default()
    (row,) = store.sessions()
    assert set(row.meta["scores"]["dimensions"]) == {"luisteren", "gespreksopbouw", "toon", "inhoud"}
    stored = _json(invoke)["dimensions"]
    store.db.execute("UPDATE sessions SET meta = json_remove(meta, '$.scores')")
    store.close()
    assert _json(invoke)["dimensions"] == stored


def test_halves_compare_first_and_latest_with_few_calls_and_halves_with_more() -> None:
    assert halves([]) == ([], [])
    assert halves([5]) == ([], [5])
    assert halves([1, 2, 3]) == ([1], [3])
    assert halves([1, 2, 3, 4]) == ([1, 2], [3, 4])
    assert halves([1, 2, 3, 4, 5]) == ([1, 2], [4, 5])


def _scenario(ident: str, difficulty: int, hidden: int = 0, start: int = 3) -> SimpleNamespace:
    return SimpleNamespace(
        id=ident,
        title=ident,
        difficulty=difficulty,
        concerns=SimpleNamespace(hidden=[object()] * hidden),
        caller=SimpleNamespace(emotion=SimpleNamespace(start=start)),
        facts=[],
        key_info=[],
        misinformation=[],
    )


def _attempt(scenario: str, difficulty: int, day: int, passed: bool) -> Attempt:
    return Attempt(
        session=f"s{day}",
        date=datetime(2026, 11, 1, tzinfo=UTC) + timedelta(days=day),
        scenario=scenario,
        title=scenario,
        difficulty=difficulty,
        overall=50.0,
        dimensions={"luisteren": 40.0, "toon": 80.0},
        passed={"luisteren": passed, "toon": True},
        criteria={},
    )


def _progress(*attempts: Attempt) -> Progress:
    result = Progress("Anna", attempts=list(attempts))
    progress._analyse(result)
    return result


def test_the_suggestion_trains_the_weakest_dimension_one_level_above_the_best_passed() -> None:
    library = [
        _scenario("a1", 1, hidden=2),
        _scenario("b2", 2, hidden=0),
        _scenario("c2", 2, hidden=2),
        _scenario("d2", 2, hidden=1),
        _scenario("e3", 3, hidden=3),
    ]
    result = _progress(_attempt("a1", 1, 1, passed=True), _attempt("c2", 2, 2, passed=False))
    assert result.weakest == "luisteren"
    s = suggest(result, library)
    # passed at level 1 only, so level 2; c2 was done, so the fresh one with the most hidden concerns
    assert (s.scenario, s.best_passed, s.level, s.stress, s.last_done) == ("d2", 1, 2, 1, None)
    never = suggest(_progress(_attempt("c2", 2, 1, passed=False)), library)
    assert (never.level, never.scenario) == (1, "a1")
    top = suggest(_progress(_attempt("e3", 3, 1, passed=True)), library)
    assert (top.level, top.scenario) == (3, "e3") and top.last_done is not None  # the only one at the top


def test_all_done_picks_the_one_done_longest_ago() -> None:
    library = [_scenario("b2", 2, hidden=3), _scenario("c2", 2, hidden=0)]
    result = _progress(
        _attempt("c2", 2, 1, passed=False), _attempt("b2", 2, 2, passed=False), _attempt("b2", 2, 3, passed=False)
    )
    assert suggest(result, [_scenario("a1", 1), *library]).scenario == "a1"
    assert suggest(result, library).scenario == "c2"


def test_weak_criteria_fail_most_recent_calls_and_improved_ones_rose_enough() -> None:
    def at(day: int, score: float, passed: bool) -> Attempt:
        a = _attempt("a1", 1, day, passed=True)
        a.criteria = {"doorvragen": ("luisteren", score, passed), "open-vragen": ("luisteren", 20.0, False)}
        return a

    result = _progress(at(1, 20.0, False), at(2, 30.0, False), at(3, 70.0, True), at(4, 80.0, True))
    assert [c.id for c in result.improved] == ["doorvragen"]
    assert [c.id for c in result.weak] == ["open-vragen"]


def test_history_json_of_a_scripted_call(invoke, tmp_path: Path) -> None:
    _run(invoke, "woz-hoger-dan-buren", "good", "Anna", practised=False)
    assert json.loads(invoke("history", "--json").stdout)["sessions"] == []
    (row,) = json.loads(invoke("history", "--json", "--all").stdout)["sessions"]
    assert row["meta"]["scripted"] is True


def test_the_suggestion_follows_the_latest_call_at_each_level_not_an_early_pass() -> None:
    library = [_scenario("a1", 1), _scenario("b2", 2), _scenario("c2", 2), _scenario("e3", 3)]
    early_pass = _progress(
        _attempt("a1", 1, 1, passed=True), _attempt("b2", 2, 2, passed=True), _attempt("c2", 2, 3, passed=False)
    )
    s = suggest(early_pass, library)
    assert (s.best_passed, s.level) == (1, 2)  # the pass at ★★ is undone by the later failed ★★ call
    tried_higher = _progress(_attempt("b2", 2, 1, passed=True), _attempt("e3", 3, 2, passed=False))
    assert suggest(tried_higher, library).level == 3  # a failed try at ★★★ keeps ★★★ as the aim
    short = _attempt("c2", 2, 3, passed=False)
    short.passed = {"luisteren": None, "toon": True}  # too short to judge listening: it says nothing about the level
    assert suggest(_progress(_attempt("b2", 2, 1, passed=True), short), library).level == 3
