"""The Claude API as Belcoach uses it: the key, the models and their prices, the client, and Dutch error texts.

``anthropic`` is imported only inside functions here (ruff bans it at module level), so ``coach --help`` and offline
sessions never load it.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from coach.claude.models import model_of
from coach.errors import ConfigError

DEFAULT_CALLER_MODEL = "claude-haiku-5-5"
"""A fast model for the caller: a turn must feel like a phone call."""
DEFAULT_JUDGE_MODEL = "claude-sonnet-5-5"
CALLER_MODEL_ENV = "COACH_CALLER_MODEL"
JUDGE_MODEL_ENV = "COACH_JUDGE_MODEL"
RETRIES = 2
"""The SDK's own retries (connection errors, 408, 409, 429, 5xx); the caller voice uses fewer."""


@dataclass(frozen=True)
class Price:
    """List prices in USD per million tokens: input, output, a 5-minute cache write and a cache read."""

    input: float
    output: float
    cache_write: float
    cache_read: float


PRICES_CHECKED = "2026-12-06"
"""When PRICES was last compared with https://platform.claude.com/docs/en/about-claude/pricing (and the model pages)."""
PRICES: dict[str, Price] = {
    "claude-haiku-5-5": Price(0.10, 0.50, 0.125, 0.01),
    "claude-sonnet-5-5": Price(2.0, 10.0, 2.50, 0.10),  # cache reads $0.20 until 2026-10-07
    "claude-opus-5-5": Price(4.0, 20.0, 5.0, 0.20),
    "claude-sonnet-5": Price(2.0, 10.0, 2.50, 0.20),
    "claude-opus-5": Price(5.0, 25.0, 6.25, 0.50),
    "claude-fable-5-2": Price(8.0, 40.0, 10.0, 0.20),
    "claude-mythos-5-2": Price(8.0, 40.0, 10.0, 0.20),
    "claude-fable-5-1": Price(10.0, 50.0, 12.50, 0.25),
    "claude-mythos-5-1": Price(10.0, 50.0, 12.50, 0.25),
    "claude-fable-5": Price(10.0, 50.0, 12.50, 1.0),
    "claude-mythos-5": Price(10.0, 50.0, 12.50, 1.0),
    "claude-opus-4-8": Price(5.0, 25.0, 6.25, 0.50),
    "claude-opus-4-7": Price(5.0, 25.0, 6.25, 0.50),
    "claude-opus-4-6": Price(5.0, 25.0, 6.25, 0.50),
    "claude-opus-4-5": Price(5.0, 25.0, 6.25, 0.50),
    "claude-sonnet-4-6": Price(3.0, 15.0, 3.75, 0.30),
    "claude-haiku-4-5": Price(1.0, 5.0, 1.25, 0.10),
}
LONG_PROMPT_PRICES: dict[str, tuple[int, Price]] = {
    "claude-haiku-5-5": (100_000, Price(0.50, 2.50, 0.625, 0.05)),
}
"""Models priced by prompt length: a request whose prompt (input, cache writes and cache reads) is over the threshold
pays these prices on every token of that request, output included."""


def request_cost(model: str, usage: Any, *, by_size: bool = True) -> float | None:
    """What one request cost in USD at list prices; None for a model whose price is not known here. ``by_size``:
    apply a long-prompt price when the request's prompt is over its threshold (False for a sum of requests)."""
    key = model_of(model, PRICES)
    if key is None:
        return None
    tokens = {name: int(getattr(usage, name, 0) or 0) for name in Usage.TOKENS}
    price = PRICES[key]
    prompt = tokens["input_tokens"] + tokens["cache_creation_input_tokens"] + tokens["cache_read_input_tokens"]
    if by_size and key in LONG_PROMPT_PRICES and prompt > LONG_PROMPT_PRICES[key][0]:
        price = LONG_PROMPT_PRICES[key][1]
    return (
        tokens["input_tokens"] * price.input
        + tokens["output_tokens"] * price.output
        + tokens["cache_creation_input_tokens"] * price.cache_write
        + tokens["cache_read_input_tokens"] * price.cache_read
    ) / 1_000_000


ALWAYS_THINKING = ("claude-opus-5-5", "claude-fable-", "claude-mythos-")
"""Models (ids or id prefixes) on which thinking cannot be turned off: only its effort can be lowered."""
BETWEEN_TOOLS = ("claude-sonnet-5-5",)
"""Models that refuse ``disabled`` and turn off up-front thinking with ``between_tools`` instead."""


def thinking_options(model: str, *, effort: str = "low") -> dict[str, Any]:
    """Request options for an answer that must come quickly and whole: thinking off where the model allows it,
    otherwise the lowest effort. Thinking counts against ``max_tokens``, so with it on a short answer can be cut off.

    Returns ``thinking`` or ``output_config``; a request that also sets ``output_config`` (a structured output format)
    merges the two. (Checked against the thinking and effort pages on PRICES_CHECKED.)"""
    if model.startswith(ALWAYS_THINKING):
        return {"output_config": {"effort": effort}}
    if model.startswith(BETWEEN_TOOLS):
        return {"thinking": {"type": "between_tools"}}
    return {"thinking": {"type": "disabled"}}


def caller_model(override: str | None = None) -> str:
    return override or os.environ.get(CALLER_MODEL_ENV) or DEFAULT_CALLER_MODEL


def judge_model(override: str | None = None) -> str:
    return override or os.environ.get(JUDGE_MODEL_ENV) or DEFAULT_JUDGE_MODEL


def require_key() -> str:
    """The SDK only notices a missing key at request time; we tell the trainee before the call starts."""
    key = os.environ.get("ANTHROPIC_API_KEY", "").strip()
    if not key:
        raise ConfigError(
            "de Claude-engine heeft een API-sleutel nodig, maar ANTHROPIC_API_KEY is niet gezet",
            hint="zet hem met: export ANTHROPIC_API_KEY=sk-ant-... — of oefen zonder netwerk met --engine offline",
        )
    return key


CALLER_TIMEOUT_ENV = ("COACH_CALLER_TIMEOUT", "COACH_TIMEOUT")
"""Seconds per caller request; COACH_TIMEOUT is the older name."""
JUDGE_TIMEOUT_ENV = ("COACH_JUDGE_TIMEOUT",)


def timeout(default: float, names: tuple[str, ...] = ()) -> float:
    """Seconds per request: the first of the environment variables ``names`` that is set, else ``default``."""
    for name in names:
        value = os.environ.get(name, "").strip()
        if not value:
            continue
        try:
            seconds = float(value)
        except ValueError:
            seconds = 0.0
        if not 0 < seconds <= 3600:
            raise ConfigError(f"{name} moet een aantal seconden zijn (groter dan 0, hooguit 3600), niet '{value}'")
        return seconds
    return default


def ready() -> None:
    """The check before a call with Claude (coach.registry): the key must be set. It also starts loading the SDK in
    the background, so the seconds that takes on a loaded machine pass while the trainee picks a scenario and reads
    the briefing, not after the first turn."""
    require_key()
    threading.Thread(target=importlib.import_module, args=("anthropic",), daemon=True).start()


def make_client(
    seconds: float,
    retries: int = RETRIES,
    on_request: Callable[[], None] | None = None,
    *,
    timeout_env: tuple[str, ...] = (),
) -> Any:
    """An Anthropic client; ANTHROPIC_BASE_URL is honoured by the SDK itself.

    ``seconds`` is the timeout per request unless one of the environment variables ``timeout_env`` sets it (each
    role has its own: CALLER_TIMEOUT_ENV, JUDGE_TIMEOUT_ENV). ``on_request`` is called for every HTTP request the
    SDK sends, its own retries included, so a caller can tell the trainee that a new attempt is under way."""
    seconds = timeout(seconds, timeout_env)
    import anthropic

    http_client = None
    if on_request is not None:
        http_client = anthropic.DefaultHttpxClient(event_hooks={"request": [lambda _request: on_request()]})
    return anthropic.Anthropic(api_key=require_key(), timeout=seconds, max_retries=retries, http_client=http_client)


def describe_error(exc: BaseException, *, retried: bool = False) -> str:
    """A Dutch one-liner for what went wrong with the Claude API; ``retried`` when the request was tried again.
    Anything but an API error comes from the SDK reading an answer that is not a message (a proxy's page, events out of
    order)."""
    import anthropic

    again = ", ook na een nieuwe poging" if retried else ""
    if isinstance(exc, anthropic.AuthenticationError):
        return "de API-sleutel werd geweigerd (401); controleer ANTHROPIC_API_KEY"
    if isinstance(exc, anthropic.PermissionDeniedError):
        return "geen toegang tot dit model (403); controleer het model of de sleutel"
    if isinstance(exc, anthropic.NotFoundError):
        return "het model bestaat niet (404); controleer COACH_CALLER_MODEL / COACH_JUDGE_MODEL of --model"
    if isinstance(exc, anthropic.RateLimitError):
        return f"te veel verzoeken (429){again}"
    if isinstance(exc, anthropic.APITimeoutError):
        return f"Claude antwoordde niet op tijd{again}"
    if isinstance(exc, anthropic.APIConnectionError):
        return f"geen verbinding met de Claude API{again}"
    if isinstance(exc, anthropic.APIStatusError):
        kind = getattr(exc, "type", None) or ""
        if exc.status_code == 200:  # an error event inside a stream that had started well
            return "Claude viel weg midden in het antwoord" + (" (overbelast)" if kind == "overloaded_error" else "")
        if exc.status_code == 529 or kind == "overloaded_error":
            return f"Claude is overbelast (529){again}"
        return f"fout van de Claude API ({exc.status_code}{', ' + kind if kind else ''}){again}"
    return "onverwacht antwoord van de Claude API (geen geldig bericht)"  # the SDK could not read it as a message


def is_permanent(exc: BaseException) -> bool:
    """An error that asking again in the same call cannot mend: a refused key, no access, an unknown model, a request
    the API rejects."""
    import anthropic

    return isinstance(
        exc,
        anthropic.AuthenticationError
        | anthropic.PermissionDeniedError
        | anthropic.NotFoundError
        | anthropic.BadRequestError,
    )


def is_api_error(exc: BaseException) -> bool:
    import anthropic

    return isinstance(exc, anthropic.AnthropicError)


@dataclass
class Usage:
    """Token use over a session, and what it cost at list prices (each request priced on its own)."""

    input_tokens: int = 0
    output_tokens: int = 0
    cache_creation_input_tokens: int = 0
    cache_read_input_tokens: int = 0
    requests: int = 0
    models: dict[str, int] = field(default_factory=dict)
    cost_usd: float = 0.0
    unpriced: int = 0
    """Requests to a model whose price is not known here: the estimate leaves them out and says so."""

    TOKENS = ("input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens")

    def add(self, usage: Any, model: str) -> None:
        self.requests += 1
        self.models[model] = self.models.get(model, 0) + 1
        for name in self.TOKENS:
            setattr(self, name, getattr(self, name) + int(getattr(usage, name, 0) or 0))
        cost = request_cost(model, usage)
        if cost is None:
            self.unpriced += 1
        else:
            self.cost_usd += cost

    def add_broken(self, stream: Any, model: str) -> None:
        """Count a streamed answer that broke off: billed for what it used once its message had started."""
        with contextlib.suppress(Exception):  # no message had started (the SDK asserts there is one): nothing billed
            self.add(stream.current_message_snapshot.usage, model)

    def restore(self, stored: dict[str, Any]) -> None:
        """Count on from a stored ``as_dict()`` (a resumed call)."""
        for name in self.TOKENS:
            setattr(self, name, int(stored.get(name) or 0))
        self.requests = int(stored.get("requests") or 0)
        self.models = {str(k): int(v) for k, v in (stored.get("models") or {}).items()}
        self.cost_usd = float(stored.get("estimated_cost_usd") or 0.0)
        self.unpriced = int(stored.get("unpriced_requests") or 0)
        if "prices_checked" not in stored:  # stored before the prices per model: estimate again from the tokens
            self._estimate_again()

    def _estimate_again(self) -> None:
        """The cost of the counted tokens at today's prices, when the requests were all to one model (the tokens are
        kept per session, not per model); otherwise unknown. Without the size of each request Haiku 5.5's long-prompt
        price is not applied."""
        cost = request_cost(next(iter(self.models)), self, by_size=False) if len(self.models) == 1 else None
        self.cost_usd, self.unpriced = (0.0, self.requests) if cost is None else (cost, 0)

    def as_dict(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "models": dict(self.models),
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "cache_creation_input_tokens": self.cache_creation_input_tokens,
            "cache_read_input_tokens": self.cache_read_input_tokens,
            "estimated_cost_usd": round(self.cost_usd, 6),
            "unpriced_requests": self.unpriced,
            "prices_checked": PRICES_CHECKED,
        }
