"""The Claude caller's requests and costs: thinking per model, the history read from the cache, prices per model."""

from __future__ import annotations

import itertools
import json
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("anthropic")

from coach.claude import client as claude_client
from coach.claude.client import PRICES, Usage, request_cost, thinking_options
from tests.anthropic_stub import Stub
from tests.test_caller import GOOD_WOZ
from tests.test_claude import _caller_requests, _replies, stub  # noqa: F401 - the fixture

MILLION = 1_000_000


def _usage(inp: int = 0, out: int = 0, write: int = 0, read: int = 0) -> SimpleNamespace:
    return SimpleNamespace(
        input_tokens=inp, output_tokens=out, cache_creation_input_tokens=write, cache_read_input_tokens=read
    )


@pytest.mark.parametrize(
    ("model", "usage", "dollars"),
    [
        # Haiku 5.5 up to 100,000 prompt tokens: $0.10 in, $0.50 out, $0.125 cache write, $0.01 cache read
        ("claude-haiku-5-5", _usage(300, 60, 0, 1500), (300 * 0.10 + 60 * 0.50 + 1500 * 0.01) / MILLION),
        ("claude-haiku-5-5", _usage(200, 40, 1600, 0), (200 * 0.10 + 40 * 0.50 + 1600 * 0.125) / MILLION),
        # over 100,000 prompt tokens (cache reads count): every token of the request at $0.50/$2.50/$0.625/$0.05
        ("claude-haiku-5-5", _usage(1000, 100, 0, 99_500), (1000 * 0.50 + 100 * 2.50 + 99_500 * 0.05) / MILLION),
        ("claude-haiku-5-5", _usage(500, 100, 0, 99_500), (500 * 0.10 + 100 * 0.50 + 99_500 * 0.01) / MILLION),
        # Sonnet 5.5: $2 in, $10 out, $2.50 write, $0.10 read (since 2026-10-07)
        ("claude-sonnet-5-5", _usage(4000, 1200, 1800, 0), (4000 * 2 + 1200 * 10 + 1800 * 2.5) / MILLION),
        ("claude-sonnet-5-5", _usage(4000, 1200, 0, 1800), (4000 * 2 + 1200 * 10 + 1800 * 0.10) / MILLION),
        ("claude-opus-5-5", _usage(1000, 1000, 1000, 1000), (1000 * 4 + 1000 * 20 + 1000 * 5 + 1000 * 0.20) / MILLION),
        # a dated id is priced as its model
        ("claude-haiku-4-5-20251001", _usage(1000, 100), (1000 * 1 + 100 * 5) / MILLION),
    ],
)
def test_request_costs_at_list_prices(model: str, usage: SimpleNamespace, dollars: float) -> None:
    assert request_cost(model, usage) == pytest.approx(dollars)


def test_the_defaults_cost_what_the_price_list_says() -> None:
    """The issue's finding: the caller was estimated 10x and the judge 1.5x too high."""
    haiku, sonnet = PRICES["claude-haiku-5-5"], PRICES["claude-sonnet-5-5"]
    assert (haiku.input, haiku.output) == (0.10, 0.50) and (sonnet.input, sonnet.output) == (2.0, 10.0)
    assert claude_client.PRICES_CHECKED == "2026-12-06"
    for name, price in PRICES.items():
        assert price.cache_write == pytest.approx(price.input * 1.25), name  # the 5-minute write is 1.25x input
        assert price.cache_read < price.input, name


def test_usage_prices_each_request_and_says_what_it_could_not_price() -> None:
    usage = Usage()
    usage.add(_usage(300, 60, 0, 1500), "claude-haiku-5-5")
    usage.add(_usage(4000, 1200, 0, 1800), "claude-sonnet-5-5")
    usage.add(_usage(100, 10), "claude-unknown-9")
    expected = (300 * 0.10 + 60 * 0.50 + 1500 * 0.01 + 4000 * 2 + 1200 * 10 + 1800 * 0.10) / MILLION
    stored = usage.as_dict()
    assert stored["estimated_cost_usd"] == pytest.approx(expected, abs=1e-6)
    assert stored["unpriced_requests"] == 1 and stored["requests"] == 3 and stored["prices_checked"] == "2026-12-06"
    again = Usage()
    again.restore(json.loads(json.dumps(stored)))  # a resumed call counts on
    again.add(_usage(300, 60), "claude-haiku-5-5")
    assert again.as_dict()["estimated_cost_usd"] == pytest.approx(expected + (300 * 0.10 + 60 * 0.50) / MILLION)
    assert again.unpriced == 1 and again.requests == 4


@pytest.mark.parametrize(
    ("model", "options"),
    [
        ("claude-haiku-5-5", {"thinking": {"type": "disabled"}}),
        ("claude-sonnet-5-5", {"thinking": {"type": "between_tools"}}),
        ("claude-opus-5-5", {"output_config": {"effort": "low"}}),
        ("claude-fable-5-1", {"output_config": {"effort": "low"}}),
        ("claude-mythos-5-2", {"output_config": {"effort": "low"}}),
        ("claude-sonnet-5", {"thinking": {"type": "disabled"}}),
        ("claude-haiku-4-5-20251001", {"thinking": {"type": "disabled"}}),
    ],
)
def test_thinking_is_off_or_lowest_per_model(model: str, options: dict) -> None:
    assert thinking_options(model) == options


@pytest.mark.parametrize("model", ["claude-haiku-5-5", "claude-opus-5-5"])
def test_caller_requests_do_not_think(invoke, tmp_path: Path, stub: Stub, model: str) -> None:  # noqa: F811
    replies = _replies(tmp_path, GOOD_WOZ[:2])
    result = invoke("run", "woz-hoger-dan-buren", "--replies", replies, "--engine", "claude", "--model", model)
    assert result.exit_code == 0, result.output
    for body in _caller_requests(stub):
        assert body["max_tokens"] <= 400
        assert {k: body[k] for k in ("thinking", "output_config") if k in body} == thinking_options(model)


def test_the_history_is_read_from_the_cache(invoke, tmp_path: Path, stub: Stub) -> None:  # noqa: F811
    """Every request's prefix is a prefix of the next: the persona and all earlier turns come from the cache."""
    result = invoke(
        "run", "woz-hoger-dan-buren", "--replies", _replies(tmp_path, GOOD_WOZ), "--engine", "claude", "--json"
    )
    assert result.exit_code == 0, result.output
    records = [r for r in stub.requests if r["body"].get("stream")]
    assert len(records) >= 4
    system = Stub.tokens(Stub.blocks({"system": records[0]["body"]["system"]}))
    for before, after in itertools.pairwise(records):
        written = before["usage"]["cache_creation_input_tokens"] + before["usage"]["cache_read_input_tokens"]
        assert after["usage"]["cache_read_input_tokens"] >= written > system  # more than the persona: the history
        assert after["usage"]["input_tokens"] < 200  # only the new turn and the stage direction are read fresh
    body = records[-1]["body"]
    marked = [b for m in body["messages"] for b in m["content"] if b.get("cache_control")]
    assert len(marked) == 1 and "<medewerker>" in marked[0]["text"]
    assert "<regie>" in body["messages"][-1]["content"][-1]["text"]  # the direction comes after the mark


def test_the_sdk_loads_while_the_briefing_is_on_screen(monkeypatch, stub: Stub) -> None:  # noqa: F811
    """Building the client (importing the SDK) starts with the voice, and never counts as Claude being slow."""
    from coach.analyzer import get_analyzer
    from coach.caller import Hooks
    from coach.caller.brain import CallerBrain
    from coach.claude import voice as claude
    from coach.library import Library

    real = claude.make_client

    def slow(*args, **kwargs):
        time.sleep(0.6)  # a loaded machine
        return real(*args, **kwargs)

    monkeypatch.setattr(claude, "make_client", slow)
    monkeypatch.setattr(claude, "STATUS_AFTER", 0.3)
    notices: list[str] = []
    scenario = Library.open().scenario("woz-hoger-dan-buren")
    voice = claude.ClaudeVoice(scenario, hooks=Hooks(notify=notices.append))
    voice._ready.join(5)
    assert voice._client is not None  # ready before the first turn was asked for
    fresh = claude.ClaudeVoice(scenario, hooks=Hooks(notify=notices.append))
    plan = CallerBrain(scenario, get_analyzer(), 1).start()
    assert fresh.speak(plan, [], None).endswith("(stub)")  # asked at once: the wait for the SDK is not Claude's
    assert not any("Even geduld" in n for n in notices)
    assert notices == ["Claude wordt geladen..."]  # said once, for the voice that had to wait


def test_streamed_words_wrap_between_words() -> None:
    """A narrow terminal: the streamed line breaks between words, also when a word comes in two pieces."""
    import io

    from rich.console import Console

    from coach.analyzer import get_analyzer
    from coach.calls import CallSetup
    from coach.cli.terminal import Terminal
    from coach.formats import Turn
    from coach.library import Library

    lib = Library.open()
    setup = CallSetup(lib.scenario("woz-hoger-dan-buren"), None, lib.rubric("standaard"), get_analyzer())
    out = io.StringIO()
    terminal = Terminal(setup, None, Console(file=out, width=40, color_system=None), input)
    text = "Ik heb de aanslag gekregen en ik schrik me echt helemaal rot van dat bedrag."
    for chunk in ["Ik heb de aan", "slag gekre", "gen en ik schrik me echt hel", "emaal rot van dat bedrag."]:
        terminal._stream(chunk)
    terminal._show(Turn(speaker="caller", text=text))
    lines = out.getvalue().splitlines()
    assert all(len(line) <= 40 for line in lines)
    assert " ".join(" ".join(lines).split()) == "Mevrouw Vermeulen: " + text  # every word whole, none lost
    assert len(lines) == 3


def test_the_check_before_a_claude_call_starts_loading_the_sdk(coach_home: Path) -> None:
    import os
    import subprocess
    import sys

    code = (
        "import sys, time\n"
        "from coach.calls import check_plugins\n"
        "check_plugins('claude', 'offline')\n"
        "for _ in range(200):\n"
        "    if 'anthropic.resources' in sys.modules: break\n"
        "    time.sleep(0.05)\n"
        "print('anthropic.resources' in sys.modules)\n"
    )
    env = {**os.environ, "ANTHROPIC_API_KEY": "sk-ant-test-0000"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.split()[-1] == "True"


def test_the_hidden_concern_reaches_claude_only_when_the_brain_lets_it_out(
    invoke,
    tmp_path: Path,
    stub: Stub,  # noqa: F811
) -> None:
    from coach.library import Library

    summary = " ".join(Library.open().scenario("woz-hoger-dan-buren").concerns.hidden[0].summary.split())
    result = invoke(
        "run", "woz-hoger-dan-buren", "--replies", _replies(tmp_path, GOOD_WOZ), "--engine", "claude", "--json"
    )
    assert result.exit_code == 0, result.output
    callers = [t for t in json.loads(result.stdout)["transcript"]["turns"] if t["speaker"] == "caller"]
    out = next(n for n, t in enumerate(callers) if "concern:scheiding" in t["revealed"])
    sent = [" ".join(json.dumps(body, ensure_ascii=False).split()) for body in _caller_requests(stub)]
    assert len(sent) == len(callers) and 0 < out < len(sent) - 1
    assert not any(summary in body for body in sent[:out])  # not before the turn it comes out
    assert f"Vertel nu over je onderliggende zorg: {summary}" in sent[out]
    assert all(f"Wat je al over je zorgen verteld hebt: {summary}" in body for body in sent[out + 1 :])


def test_a_bad_timeout_is_said_before_the_call(invoke, tmp_path: Path, stub: Stub, monkeypatch) -> None:  # noqa: F811
    monkeypatch.setenv("COACH_CALLER_TIMEOUT", "twintig")
    result = invoke("run", "woz-hoger-dan-buren", "--replies", _replies(tmp_path, GOOD_WOZ[:1]), "--engine", "claude")
    assert result.exit_code == 3 and "COACH_CALLER_TIMEOUT moet een aantal seconden zijn" in result.stderr
    assert "Traceback" not in result.output and not stub.requests
    monkeypatch.delenv("COACH_CALLER_TIMEOUT")
    monkeypatch.setenv("COACH_JUDGE_TIMEOUT", "0")  # the judge's own: skipped with one line, the report is shown
    judged = invoke("run", "woz-hoger-dan-buren", "--replies", _replies(tmp_path, GOOD_WOZ[:1]), "--judge", "claude")
    assert judged.exit_code == 0 and "COACH_JUDGE_TIMEOUT moet een aantal seconden zijn" in judged.stderr
    assert "Luisteren" in judged.stdout


@pytest.mark.parametrize(
    "page",
    [
        {"raw": "<html><body>Proxy: toegang geweigerd</body></html>"},
        {"raw": "event: message_stop\ndata: {}\n\n", "content_type": "text/event-stream"},  # no message_start
    ],
)
def test_an_answer_that_is_not_the_api_is_a_failed_turn(invoke, tmp_path: Path, stub: Stub, page: dict) -> None:  # noqa: F811
    stub.queue({}, page)
    result = invoke(
        "run", "woz-hoger-dan-buren", "--replies", _replies(tmp_path, GOOD_WOZ[:3]), "--engine", "claude", "--json"
    )
    assert result.exit_code == 0, result.output
    assert "Onverwacht antwoord van de Claude API (geen geldig bericht)" in result.stderr
    assert "Traceback" not in result.output and "AssertionError" not in result.output
    callers = [t for t in json.loads(result.stdout)["transcript"]["turns"] if t["speaker"] == "caller"]
    assert callers[1]["meta"]["voice"] == "offline" and callers[2]["text"].endswith("(stub)")


def test_a_broken_reply_is_counted(invoke, tmp_path: Path, stub: Stub) -> None:  # noqa: F811
    """A reply that broke off was billed for its input: it is in the usage, as its own request."""
    stub.queue({}, {"error_after": 2}, {"error_after": 2})
    result = invoke(
        "run", "woz-hoger-dan-buren", "--replies", _replies(tmp_path, GOOD_WOZ[:2]), "--engine", "claude", "--json"
    )
    assert result.exit_code == 0, result.output
    usage = json.loads(result.stdout)["usage"]
    assert usage["requests"] == len(_caller_requests(stub)) == 4  # two whole replies and two broken ones
    assert usage["input_tokens"] + usage["cache_read_input_tokens"] == sum(
        r["usage"]["input_tokens"] + r["usage"]["cache_read_input_tokens"] for r in stub.requests
    )


def test_an_estimate_stored_before_the_price_list_is_made_again() -> None:
    """A call saved with the old, 10x too high estimate and resumed: its cost is computed again from its tokens."""
    old = {
        "requests": 4,
        "models": {"claude-haiku-5-5": 4},
        "input_tokens": 800,
        "output_tokens": 120,
        "cache_creation_input_tokens": 1500,
        "cache_read_input_tokens": 120_000,  # over 100,000 in all, but no single request was
        "estimated_cost_usd": 0.0153,
    }
    usage = Usage()
    usage.restore(old)
    expected = (800 * 0.10 + 120 * 0.50 + 1500 * 0.125 + 120_000 * 0.01) / MILLION
    assert usage.as_dict()["estimated_cost_usd"] == pytest.approx(expected, abs=1e-6)
    mixed = Usage()
    mixed.restore({**old, "models": {"claude-haiku-5-5": 2, "claude-sonnet-5-5": 2}})
    assert mixed.as_dict()["unpriced_requests"] == 4 and mixed.as_dict()["estimated_cost_usd"] == 0


def test_doctor_takes_a_dated_model_for_its_model() -> None:
    from coach.claude.models import unknown_model

    assert unknown_model("claude-haiku-5-5-20261001") is None
    assert unknown_model("claude-haiku-5-6") is not None and "bedoelt u claude-haiku-5-5" in unknown_model(
        "claude-haiku-5-6"
    )


def test_a_line_that_broke_off_is_marked_and_the_next_starts_fresh() -> None:
    import io

    from rich.console import Console

    from coach.analyzer import get_analyzer
    from coach.calls import CallSetup
    from coach.cli.terminal import Terminal
    from coach.formats import Turn
    from coach.library import Library

    lib = Library.open()
    setup = CallSetup(lib.scenario("woz-hoger-dan-buren"), None, lib.rubric("standaard"), get_analyzer())
    out = io.StringIO()
    terminal = Terminal(setup, None, Console(file=out, width=80, color_system=None), input)
    terminal.warn("Even geduld: de beller (Claude) antwoordt nog niet...")  # before any word: nothing to mark
    for chunk in ["I can", "'t help with", " that"]:
        terminal._stream(chunk)
    terminal.warn("Claude weigerde deze beurt. Deze beurt antwoordt de offline beller.")
    terminal._show(Turn(speaker="caller", text="Nou, zo kan ik het ook."))
    assert out.getvalue().splitlines() == [
        "Even geduld: de beller (Claude) antwoordt nog niet...",
        "Mevrouw Vermeulen: I can't help with that (afgebroken)",
        "Claude weigerde deze beurt. Deze beurt antwoordt de offline beller.",
        "Mevrouw Vermeulen: Nou, zo kan ik het ook.",
    ]
