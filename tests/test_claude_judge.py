"""The Claude judge against the local stub: whatever it answers or does, the rule-based report is shown and stored;
what it does answer is checked (stop reason, JSON, criterion ids, score range) before it is shown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("anthropic")

from coach.claude import judge as claude_judge
from coach.claude.judge import ClaudeJudge, criterion_ids
from coach.library import Library
from tests.anthropic_stub import Stub
from tests.test_caller import GOOD_WOZ

NOTICE = "Claude beoordeelt het gesprek… (Ctrl-C slaat dit over)"
SKIPPED = "Claude-beoordeling overgeslagen: "
ENGLISH = ("Traceback", "validation error", "Input should", "Expecting value", "Field required", "Error:")


@pytest.fixture
def stub(monkeypatch: pytest.MonkeyPatch):
    with Stub() as server:
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-0000")
        monkeypatch.setenv("ANTHROPIC_BASE_URL", server.url)
        for name in ("COACH_CALLER_MODEL", "COACH_JUDGE_MODEL", "COACH_JUDGE_TIMEOUT", "COACH_CALLER_TIMEOUT"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv("COACH_TIMEOUT", raising=False)
        yield server


@pytest.fixture
def replies(tmp_path: Path) -> Path:
    path = tmp_path / "antwoorden.txt"
    path.write_text("\n".join(GOOD_WOZ), encoding="utf-8")
    return path


@pytest.fixture
def transcript(invoke, tmp_path: Path, replies: Path) -> Path:
    """A good call, played offline and written as a transcript file."""
    played = json.loads(invoke("run", "woz-hoger-dan-buren", "--replies", replies, "--json", "--no-save").stdout)
    path = tmp_path / "gesprek.json"
    path.write_text(json.dumps(played["transcript"]), encoding="utf-8")
    return path


@pytest.fixture
def rules_score(invoke, replies: Path) -> float:
    """The rule-based score of the good call, without any judge."""
    played = json.loads(invoke("run", "woz-hoger-dan-buren", "--replies", replies, "--json", "--no-save").stdout)
    return played["feedback"]["overall"]


def _judge_requests(stub: Stub) -> list[dict[str, Any]]:
    return [r["body"] for r in stub.requests if (r["body"].get("output_config") or {}).get("format")]


def _sessions(invoke) -> list[dict[str, Any]]:
    return json.loads(invoke("history", "--json", "--all").stdout)["sessions"]


def _skip_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(SKIPPED)]


def _ids() -> list[str]:
    return criterion_ids(Library.open().rubric("standaard"))


# --- every way the judge can fail --------------------------------------------------------------------------------

TRUNCATED = '{"criteria": [{"id": "open-vragen", "score": 80, "rationale": "Goed gedaan, de medewerker vr'
FAILURES: dict[str, tuple[list[dict[str, Any]], str]] = {
    # a refusal is refused even when its text happens to be a valid verdict (the stub's default answer)
    "refusal": ([{"stop_reason": "refusal"}], "Claude weigerde dit gesprek te beoordelen (refusal)"),
    "max_tokens": ([{"stop_reason": "max_tokens", "text": TRUNCATED}], "het antwoord werd afgebroken (max_tokens)"),
    "context": ([{"stop_reason": "model_context_window_exceeded"}], "het gesprek is te lang voor het model"),
    "other stop": ([{"stop_reason": "pause_turn"}], "het antwoord stopte onverwacht (pause_turn)"),
    "invalid json": ([{"text": "Prima gesprek, ik geef een 8."}], "het antwoord was geen geldige JSON"),
    "wrong shape": ([{"json": {"scores": {"open-vragen": 80}, "summary": "x"}}], "niet de afgesproken vorm"),
    "not an object": ([{"json": [{"id": "open-vragen", "score": 80}]}], "niet de afgesproken vorm"),
    "no usable score": (
        [
            {
                "json": {
                    "criteria": [
                        {"id": "open-vragen", "score": 72.5, "rationale": "x", "quotes": []},
                        {"id": "doorvragen", "score": "80", "rationale": "x", "quotes": []},
                        {"id": "samenvatten", "score": 80, "rationale": "zonder citaten"},
                    ],
                    "summary": "x",
                }
            }
        ],
        "het antwoord bevatte geen bruikbare score",
    ),
    "overloaded": ([{"status": 529}, {"status": 529}], "Claude is overbelast (529), ook na een nieuwe poging"),
    "refused key": ([{"status": 401}], "de API-sleutel werd geweigerd (401)"),
}
RAISED: dict[str, tuple[BaseException, str]] = {
    "plug-in bug": (RuntimeError("boom"), "onverwachte fout in de beoordelaar (RuntimeError)"),
    "ctrl-c": (KeyboardInterrupt(), "onderbroken met Ctrl-C"),
}
CASES = list(FAILURES) + list(RAISED)


def _judge_requests_with_usage(stub: Stub) -> list[dict]:
    return [{"usage": r.get("usage")} for r in stub.requests if (r["body"].get("output_config") or {}).get("format")]


def _fail(case: str, stub: Stub, monkeypatch: pytest.MonkeyPatch) -> str:
    """Make the judge fail this way; returns the reason the trainee should read."""
    if case in FAILURES:
        behaviours, reason = FAILURES[case]
        stub.queue(*behaviours)
        return reason
    error, reason = RAISED[case]

    def judge(self, transcript, rubric, scenario=None):
        raise error

    monkeypatch.setattr(ClaudeJudge, "judge", judge)
    return reason


def _one_clean_skip(result, reason: str, where: str = "stderr") -> None:
    text = getattr(result, where)
    lines = _skip_lines(text)
    assert len(lines) == 1 and reason in lines[0], text
    assert not any(word in result.output for word in ENGLISH), result.output


@pytest.mark.parametrize("case", CASES)
def test_run_shows_and_stores_the_rule_based_report_whatever_the_judge_does(
    case: str, invoke, replies: Path, rules_score: float, stub: Stub, monkeypatch
) -> None:
    reason = _fail(case, stub, monkeypatch)
    result = invoke("run", "woz-hoger-dan-buren", "--replies", replies, "--judge", "claude")
    assert result.exit_code == 0, result.output
    _one_clean_skip(result, reason)
    assert "Per onderdeel" in result.stdout and "Luisteren" in result.stdout
    assert "Oordeel van Claude" not in result.stdout
    (row,) = _sessions(invoke)
    assert row["meta"]["score"] == rules_score and row["meta"]["passed"] is True
    answered = [r for r in _judge_requests_with_usage(stub) if r["usage"]]  # an answer came: it was billed
    if answered:
        assert row["meta"]["judge_usage"]["requests"] == len(answered)
        assert row["meta"]["judge_usage"]["input_tokens"] == sum(r["usage"]["input_tokens"] for r in answered)
    else:
        assert "judge_usage" not in row["meta"]


@pytest.mark.parametrize("case", CASES)
def test_evaluate_shows_the_rule_based_report_whatever_the_judge_does(
    case: str, invoke, transcript: Path, rules_score: float, stub: Stub, monkeypatch
) -> None:
    reason = _fail(case, stub, monkeypatch)
    shown = invoke("evaluate", transcript, "--judge", "claude")
    assert shown.exit_code == 0, shown.output
    _one_clean_skip(shown, reason)
    assert "Per onderdeel" in shown.stdout and "Oordeel van Claude" not in shown.stdout
    _fail(case, stub, monkeypatch)
    as_json = invoke("evaluate", transcript, "--judge", "claude", "--json")
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert data["overall"] == rules_score and data["judge"] is None


@pytest.mark.parametrize("case", ["refusal", "ctrl-c"])
def test_practice_shows_and_stores_the_report_when_the_judge_fails(case: str, invoke, stub: Stub, monkeypatch) -> None:
    reason = _fail(case, stub, monkeypatch)
    typed = "\n".join(GOOD_WOZ[:4]) + "\n/stop\n"
    result = invoke(
        "practice", "woz-hoger-dan-buren", "--judge", "claude", "--seed", "3", input=typed, env={"COLUMNS": "300"}
    )
    assert result.exit_code == 0, result.output  # as without a judge: Ctrl-C skipped the judge, not the call
    _one_clean_skip(result, reason, where="stdout")  # the terminal's notices go to its console
    assert result.stdout.index(NOTICE) < result.stdout.index(SKIPPED) < result.stdout.index("Per onderdeel")
    (row,) = _sessions(invoke)
    assert isinstance(row["meta"]["score"], float) and row["outcome"] == "stopped"


def test_the_score_is_stored_before_the_judge_is_asked(
    invoke, replies: Path, rules_score: float, stub: Stub, monkeypatch
) -> None:
    from coach.store import Store

    seen: list[dict[str, Any]] = []

    def judge(self, transcript, rubric, scenario=None):
        store = Store.default()
        rows, _ = store.history()
        store.close()
        seen.append(rows[0].meta)
        raise KeyboardInterrupt  # the trainee gives up on the judge

    monkeypatch.setattr(ClaudeJudge, "judge", judge)
    result = invoke("run", "woz-hoger-dan-buren", "--replies", replies, "--judge", "claude")
    assert result.exit_code == 0, result.output
    assert [{k: meta[k] for k in ("score", "passed") if k in meta} for meta in seen] == [
        {"score": rules_score, "passed": True}
    ]


def test_a_judged_call_stores_the_judge_usage_after_the_score(invoke, replies: Path, stub: Stub) -> None:
    result = invoke("run", "woz-hoger-dan-buren", "--replies", replies, "--judge", "claude")
    assert result.exit_code == 0, result.output
    assert "Oordeel van Claude" in result.stdout and not _skip_lines(result.stderr)
    (row,) = _sessions(invoke)
    assert row["meta"]["judge_usage"]["requests"] == 1 and row["meta"]["score"] > 80


# --- what the judge is asked --------------------------------------------------------------------------------------


def _walk(schema: Any):
    if isinstance(schema, dict):
        yield schema
        for value in schema.values():
            yield from _walk(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _walk(value)


def test_the_schema_has_the_rubric_ids_as_an_enum_and_requires_quotes(invoke, transcript: Path, stub: Stub) -> None:
    assert invoke("evaluate", transcript, "--judge", "claude").exit_code == 0
    (body,) = _judge_requests(stub)
    assert body["output_config"]["format"]["type"] == "json_schema"
    schema = body["output_config"]["format"]["schema"]
    criterion = schema["properties"]["criteria"]["items"]
    assert criterion["properties"]["id"]["enum"] == _ids()
    assert set(criterion["required"]) == {"id", "score", "rationale", "quotes"}
    assert criterion["properties"]["score"]["type"] == "integer"
    quote = criterion["properties"]["quotes"]["items"]
    assert quote["required"] == ["turn", "text"]
    assert quote["properties"]["turn"]["type"] == "integer" and quote["properties"]["text"]["type"] == "string"
    # only what structured outputs support: every object closed and fully required, no numeric or length limits
    for node in _walk(schema):
        if node.get("type") == "object":
            assert node["additionalProperties"] is False and set(node["required"]) == set(node["properties"])
        assert not {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"} & set(node)
        assert not {"minLength", "maxLength", "maxItems", "$ref"} & set(node)
        assert node.get("minItems", 0) in (0, 1)


def test_request_options_follow_the_model(invoke, transcript: Path, stub: Stub) -> None:
    import anthropic

    assert invoke("evaluate", transcript, "--judge", "claude").exit_code == 0
    assert invoke("evaluate", transcript, "--judge", "claude", "--model", "claude-opus-5-5").exit_code == 0
    default, opus = _judge_requests(stub)
    assert default["thinking"] == {"type": "between_tools"} and set(default["output_config"]) == {"format"}
    assert "thinking" not in opus and opus["output_config"]["effort"] == "low"  # thinking cannot be turned off
    assert opus["output_config"]["format"] == default["output_config"]["format"]
    # room for a whole verdict on 20 criteria, yet a request the SDK still sends without streaming
    assert len(_ids()) >= 20 and default["max_tokens"] == claude_judge.MAX_TOKENS >= 8000
    anthropic.Anthropic(api_key="x")._calculate_nonstreaming_timeout(claude_judge.MAX_TOKENS, None)


# --- what is made of the answer -----------------------------------------------------------------------------------


def _answer() -> dict[str, Any]:
    """Out-of-range scores, an id in another case, a duplicate, an invented id, a non-integer score and a criterion
    without quotes."""
    return {
        "criteria": [
            {
                "id": "open-vragen",
                "score": 150,
                "rationale": "Heel goed.",
                "quotes": [{"turn": 2, "text": "Belastingen gemeente Lindehoven"}],
            },
            {"id": "Doorvragen", "score": -5, "rationale": "Niet gedaan.", "quotes": []},  # an enum's case can differ
            {"id": "open-vragen", "score": 10, "rationale": "Tweede oordeel.", "quotes": []},
            {"id": "verzonnen-criterium", "score": 100, "rationale": "Bestaat niet.", "quotes": []},
            {"id": "samenvatten", "score": 55.5, "rationale": "Half.", "quotes": []},
            {"id": "opening", "score": 80, "rationale": "Zonder citaten."},
        ],
        "summary": "Vraag vaker door.",
    }


def test_scores_are_clamped_and_unknown_duplicate_and_skipped_criteria_reported(
    invoke, transcript: Path, stub: Stub
) -> None:
    stub.queue({"json": _answer()})
    result = invoke("evaluate", transcript, "--judge", "claude", "--json")
    assert result.exit_code == 0, result.output
    judge = json.loads(result.stdout)["judge"]
    scored = {c["id"]: c for c in judge["criteria"]}
    assert list(scored) == ["open-vragen", "doorvragen"]
    assert scored["open-vragen"]["score"] == 100 and scored["doorvragen"]["score"] == 0
    assert scored["open-vragen"]["rationale"] == "Heel goed."  # the first of two verdicts counts
    assert scored["open-vragen"]["quotes"][0]["text"] == "Belastingen gemeente Lindehoven"
    assert judge["unknown_criteria"] == ["verzonnen-criterium"]
    assert judge["skipped"] == [i for i in _ids() if i not in scored]  # the rest, in the rubric's order
    assert {"samenvatten", "opening"} <= set(judge["skipped"])


def test_skipped_criteria_are_shown_in_every_report(invoke, transcript: Path, stub: Stub) -> None:
    said = "niet beoordeeld: Claude gaf hier geen bruikbaar oordeel over"
    unknown = "1 criterium van Claude weggelaten, niet in de rubric: verzonnen-criterium"
    stub.queue({"json": _answer()})
    terminal = invoke("evaluate", transcript, "--judge", "claude", env={"COLUMNS": "300"})
    assert terminal.exit_code == 0, terminal.output
    rows = [line for line in terminal.stdout.splitlines() if said in line]
    assert len(rows) == len(_ids()) - 2
    assert any("Vat samen wat de beller zegt" in line for line in rows)  # by its description, as the rules show it
    assert unknown in terminal.stdout
    stub.queue({"json": _answer()})
    markdown = invoke("evaluate", transcript, "--judge", "claude", "--markdown").stdout
    assert f"| samenvatten | – | {said} |" in markdown and f"| opening | – | {said} |" in markdown
    assert "| open-vragen | 100 |" in markdown and unknown in markdown
    stub.queue({"json": _answer()})
    page = invoke("evaluate", transcript, "--judge", "claude", "--html").stdout
    assert f"<tr><td>samenvatten</td><td>–</td><td>{said}</td></tr>" in page and unknown in page


# --- caching only in a batch --------------------------------------------------------------------------------------


def test_a_single_judge_request_is_not_cached(invoke, transcript: Path, replies: Path, stub: Stub) -> None:
    assert invoke("evaluate", transcript, "--judge", "claude").exit_code == 0
    assert invoke("run", "woz-hoger-dan-buren", "--replies", replies, "--judge", "claude").exit_code == 0
    typed = "\n".join(GOOD_WOZ[:2]) + "\n/stop\n"
    assert invoke("practice", "woz-hoger-dan-buren", "--judge", "claude", input=typed).exit_code == 0
    bodies = _judge_requests(stub)
    assert len(bodies) == 3
    assert not any("cache_control" in json.dumps(body) for body in bodies)


def test_a_batch_caches_the_judge_instructions(invoke, transcript: Path, tmp_path: Path, stub: Stub) -> None:
    other = tmp_path / "tweede.json"
    other.write_text(transcript.read_text(encoding="utf-8"), encoding="utf-8")
    result = invoke("evaluate", transcript, other, "--judge", "claude", "--json")
    assert result.exit_code == 0, result.output
    bodies = _judge_requests(stub)
    assert len(bodies) == 2
    assert all(body["system"][0]["cache_control"] == {"type": "ephemeral"} for body in bodies)
    first, second = (item["judge"]["usage"] for item in json.loads(result.stdout))
    assert first["cache_creation_input_tokens"] > 0 and first["cache_read_input_tokens"] == 0
    assert second["cache_read_input_tokens"] > 0  # the second transcript reads what the first wrote


# --- the wait -----------------------------------------------------------------------------------------------------


def test_the_trainee_is_told_while_the_judge_works() -> None:
    from coach.calls import second_opinion
    from coach.formats import Transcript

    heard: list[str] = []

    class Judge:
        name, model = "claude", None

        def judge(self, transcript, rubric, scenario=None):
            heard.append("(Claude werkt)")
            raise KeyboardInterrupt

    call = Transcript.model_validate({"turns": [{"speaker": "learner", "text": "Goedemorgen."}]})
    assert second_opinion(Judge(), call, Library.open().rubric("standaard"), None, heard.append) is None
    assert heard == [
        NOTICE,
        "(Claude werkt)",
        SKIPPED + "onderbroken met Ctrl-C; de rest van deze opdracht zonder Claude-beoordeling",
    ]


@pytest.mark.parametrize("command", ["run", "evaluate"])
def test_the_notice_is_shown_in_every_command(command: str, invoke, replies, transcript, stub: Stub) -> None:
    if command == "run":
        result = invoke("run", "woz-hoger-dan-buren", "--replies", replies, "--judge", "claude", "--json")
    else:
        result = invoke("evaluate", transcript, "--judge", "claude", "--json")
    assert result.exit_code == 0, result.output
    assert result.stderr.count(NOTICE) == 1 and NOTICE not in result.stdout  # --json stays machine output
    typed = "\n".join(GOOD_WOZ[:2]) + "\n/stop\n"
    practice = invoke("practice", "woz-hoger-dan-buren", "--judge", "claude", input=typed)
    assert practice.stdout.index(NOTICE) < practice.stdout.index("Oordeel van Claude")


def test_the_judge_waits_about_two_minutes_at_most() -> None:
    assert claude_judge.JUDGE_TIMEOUT * (claude_judge.JUDGE_RETRIES + 1) <= 130


def test_the_judge_timeout_is_its_own(invoke, transcript: Path, stub: Stub, monkeypatch) -> None:
    monkeypatch.setenv("COACH_JUDGE_TIMEOUT", "0.3")
    # the SDK hangs up on the slow answers, so the stub cannot write them: expected here, not worth a traceback
    monkeypatch.setattr(stub.server, "handle_error", lambda request, address: None)
    stub.queue({"sleep": 1.0}, {"sleep": 1.0})
    slow = invoke("evaluate", transcript, "--judge", "claude", "--json")
    assert slow.exit_code == 0, slow.output
    _one_clean_skip(slow, "Claude antwoordde niet op tijd")  # with its default of 60 s it would have answered
    assert json.loads(slow.stdout)["judge"] is None and len(_judge_requests(stub)) == 2
    # the caller's (shorter) timeouts are not the judge's
    monkeypatch.delenv("COACH_JUDGE_TIMEOUT")
    monkeypatch.setenv("COACH_CALLER_TIMEOUT", "0.3")
    monkeypatch.setenv("COACH_TIMEOUT", "0.3")
    stub.queue({"sleep": 1.0})
    patient = invoke("evaluate", transcript, "--judge", "claude", "--json")
    assert patient.exit_code == 0, patient.output
    assert json.loads(patient.stdout)["judge"] is not None and len(_judge_requests(stub)) == 3


def test_dropped_quotes_are_counted_in_dutch(invoke, transcript: Path, stub: Stub) -> None:
    shown = invoke("evaluate", transcript, "--judge", "claude", env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert (
        "1 citaat weggelaten: niet letterlijk in het transcript" in shown.stdout
        and "citaat/citaten" not in shown.stdout
    )
    markdown = invoke("evaluate", transcript, "--judge", "claude", "--markdown").stdout
    assert "(1 citaat niet gevonden, weggelaten)" in markdown


def test_ctrl_c_stops_the_judge_for_the_rest_of_a_batch(
    invoke, transcript: Path, tmp_path: Path, stub: Stub, monkeypatch
) -> None:
    asked = []

    def judge(self, transcript, rubric, scenario=None):
        asked.append(1)
        raise KeyboardInterrupt

    monkeypatch.setattr(ClaudeJudge, "judge", judge)
    others = []
    for n in range(3):
        other = tmp_path / f"nog-{n}.json"
        other.write_text(transcript.read_text(encoding="utf-8"), encoding="utf-8")
        others.append(other)
    result = invoke("evaluate", transcript, *others, "--judge", "claude", "--json")
    assert result.exit_code == 0, result.output
    assert len(asked) == 1 and len(_skip_lines(result.stderr)) == 1  # asked once, said once
    assert len(json.loads(result.stdout)) == 4  # every transcript still has its rule-based report


def test_a_batch_says_what_the_judge_cost_in_all(invoke, transcript: Path, tmp_path: Path, stub: Stub) -> None:
    other = tmp_path / "tweede.json"
    other.write_text(transcript.read_text(encoding="utf-8"), encoding="utf-8")
    stub.queue({"text": "{", "stop_reason": "max_tokens"})  # the first answer is cut off: billed, not shown
    result = invoke("evaluate", transcript, other, "--judge", "claude", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Claude beoordeling: 2 verzoeken" in result.stderr  # the cut-off one counts


def test_the_scenario_comes_after_the_cached_rubric(invoke, tmp_path: Path, stub: Stub) -> None:
    """A batch over two scenarios reads the rubric from the cache for the second: the scenario is not in the mark."""
    paths = []
    for sid in ("woz-hoger-dan-buren", "heffing-verhuisd-afval"):
        lines = tmp_path / "r.txt"
        lines.write_text("\n".join(GOOD_WOZ[:3]), encoding="utf-8")
        played = json.loads(invoke("run", sid, "--replies", lines, "--json", "--no-save").stdout)
        path = tmp_path / f"{sid}.json"
        path.write_text(json.dumps(played["transcript"]), encoding="utf-8")
        paths.append(path)
    stub.requests.clear()
    assert invoke("evaluate", *paths, "--judge", "claude").exit_code == 0
    first, second = [r for r in stub.requests if (r["body"].get("output_config") or {}).get("format")]
    assert len(first["body"]["system"]) == 2 and "cache_control" not in first["body"]["system"][1]
    assert first["body"]["system"][1]["text"] != second["body"]["system"][1]["text"]  # two scenarios
    assert second["usage"]["cache_read_input_tokens"] > 0
