"""What a Claude call costs and how much of it comes from the prompt cache, against the local Messages API stub.

    python bench/claude_costs.py

Plays one scripted call per scenario with the Claude caller (default model) and judges it with the Claude judge
(default model), through the real SDK and the stub in tests/anthropic_stub.py. The stub counts a token as four
characters and caches the way the API does (prefixes ending at a cache mark, 20-block lookback, 512-token minimum),
so the figures show the shape of the cost, not the bill: Haiku 5.5's tokenizer counts about 30% more tokens, and the
real caller says more than the stub's echo of the plan. For each call it prints the requests, the tokens read fresh,
written to and read from the cache, the estimated cost at coach.claude.client.PRICES, and what the price table of
before issue 16 would have said (Haiku $1/$5 and Sonnet $3/$15 per million, cache writes 1.25x and reads 0.1x input).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REPLIES = [
    "Goedemorgen, afdeling Belastingen, u spreekt met Sanne. Waarmee kan ik u helpen?",
    "Dat klinkt vervelend. Kunt u vertellen wat er precies in de brief staat?",
    "Als ik het goed begrijp, schrikt u van het bedrag en wilt u weten hoe het zit. Klopt dat?",
    "Ik begrijp dat dit u zorgen geeft. Speelt er verder nog iets?",
    "Ik ga het voor u nakijken en ik bel u morgen voor twaalf uur terug. Is dat goed?",
    "Fijn. Dan spreken we dat zo af. Nog een fijne dag.",
]
OLD = {"claude-haiku-5-5": (1.0, 5.0), "claude-sonnet-5-5": (3.0, 15.0)}


def old_cost(usage: dict, model: str) -> float:
    price_in, price_out = OLD[model]
    return (
        usage["input_tokens"] * price_in
        + usage["cache_creation_input_tokens"] * price_in * 1.25
        + usage["cache_read_input_tokens"] * price_in * 0.1
        + usage["output_tokens"] * price_out
    ) / 1_000_000


def main() -> None:
    from coach.analyzer import get_analyzer
    from coach.calls import CallSetup, start
    from coach.claude.client import DEFAULT_CALLER_MODEL, DEFAULT_JUDGE_MODEL, PRICES_CHECKED
    from coach.library import Library
    from tests.anthropic_stub import Stub

    lib = Library.open()
    rows = []
    with Stub() as stub, tempfile.TemporaryDirectory() as home:
        os.environ.update({"ANTHROPIC_API_KEY": "sk-ant-bench", "ANTHROPIC_BASE_URL": stub.url, "COACH_HOME": home})
        for scenario in lib.load_all("scenario"):
            setup = CallSetup(
                scenario, None, lib.rubric("standaard"), get_analyzer(), engine="claude", judge="claude", save=False
            )
            live = start(setup, None)
            live.session.open()
            for text in REPLIES:
                if live.session.ended:
                    break
                live.session.say(text)
            live.session.end("stopped", "bench")
            stub.requests.clear()
            result = live.finish()
            caller = result.usage["usage"]
            judge = result.usage.get("judge_usage") or {}
            rows.append((scenario.id, caller, judge))
    print(f"prices checked {PRICES_CHECKED}; caller {DEFAULT_CALLER_MODEL}, judge {DEFAULT_JUDGE_MODEL}")
    print(
        f"{'scenario':40} {'req':>3} {'fresh':>6} {'write':>6} {'read':>6} {'out':>5} {'cached':>7}"
        f" {'$ now':>9} {'$ before':>9}"
    )
    total_now = total_old = 0.0
    for sid, u, _ in rows:
        prompt = u["input_tokens"] + u["cache_creation_input_tokens"] + u["cache_read_input_tokens"]
        cached = u["cache_read_input_tokens"] / prompt if prompt else 0.0
        old = old_cost(u, DEFAULT_CALLER_MODEL)
        total_now += u["estimated_cost_usd"]
        total_old += old
        print(
            f"{sid:40} {u['requests']:>3} {u['input_tokens']:>6} {u['cache_creation_input_tokens']:>6}"
            f" {u['cache_read_input_tokens']:>6} {u['output_tokens']:>5} {cached:>7.0%}"
            f" {u['estimated_cost_usd']:>9.6f} {old:>9.6f}"
        )
    n = len(rows)
    print(
        f"caller, mean per call: ${total_now / n:.6f} now, ${total_old / n:.6f} before ({total_old / total_now:.1f}x)"
    )
    judged = [j for _, _, j in rows if j]
    now = sum(j["estimated_cost_usd"] for j in judged)
    old = sum(old_cost(j, DEFAULT_JUDGE_MODEL) for j in judged)
    writes = sum(j["cache_creation_input_tokens"] for j in judged)
    print(
        f"judge, mean per call: ${now / len(judged):.6f} now, ${old / len(judged):.6f} before ({old / now:.1f}x);"
        f" cache writes in single evaluations: {writes} tokens"
    )


if __name__ == "__main__":
    main()
