"""One registry of the plug-ins a call can use: caller voices and judges.

Each entry names a factory as ``module:attribute`` that is imported only when the plug-in is used, so listing them
(``coach --help``, the engine check, resuming a saved call) loads nothing. A new voice or judge is one ``register``
call (docs/maintaining.md).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, Literal, NamedTuple

from coach.errors import UsageError, suggestion

Kind = Literal["voice", "judge"]


class Plugin(NamedTuple):
    """A voice or judge. (A NamedTuple rather than a dataclass: ``coach --help`` reads the registry, and a dataclass
    costs start-up.)"""

    kind: Kind
    name: str
    help: str
    """How ``--help`` names it, in Dutch: 'offline (standaard)'."""
    factory: str | None
    """``module:attribute`` of the class or function that builds it; None for the judge that adds nothing to the
    rule-based feedback."""
    check: str | None = None
    """``module:attribute`` of a function that raises a ConfigError when the plug-in cannot work here (a missing key),
    called before a call starts."""
    takes_model: bool = False
    """Whether it uses a model chosen with --model/--judge-model."""


_PLUGINS: dict[Kind, dict[str, Plugin]] = {
    "voice": {
        "offline": Plugin("voice", "offline", "offline (standaard)", "coach.caller.offline:OfflineVoice"),
        "claude": Plugin(
            "voice",
            "claude",
            "claude",
            "coach.claude.voice:ClaudeVoice",
            check="coach.claude.client:ready",
            takes_model=True,
        ),
    },
    "judge": {
        "offline": Plugin("judge", "offline", "offline (alleen de regels)", None),
        "claude": Plugin(
            "judge",
            "claude",
            "claude (ook Claude's oordeel)",
            "coach.claude.judge:ClaudeJudge",
            check="coach.claude.client:ready",
            takes_model=True,
        ),
    },
}
_LABELS = {"voice": ("engine", "onbekende engine"), "judge": ("beoordelaar", "onbekende beoordelaar")}


def register(plugin: Plugin) -> None:
    _PLUGINS[plugin.kind][plugin.name] = plugin


def names(kind: Kind) -> list[str]:
    return list(_PLUGINS[kind])


def plugins(kind: Kind) -> list[Plugin]:
    return list(_PLUGINS[kind].values())


def choices(kind: Kind) -> str:
    """The plug-ins for ``--help``: 'offline (standaard) of claude'."""
    helps = [p.help for p in _PLUGINS[kind].values()]
    return ", ".join(helps[:-1]) + " of " + helps[-1] if len(helps) > 1 else "".join(helps)


def get(kind: Kind, name: str) -> Plugin:
    """The plug-in by name; an unknown name is a usage error with a suggestion."""
    found = _PLUGINS[kind].get(name)
    if found is None:
        known = _PLUGINS[kind]
        hint = suggestion(name, known) or "kies " + choices(kind)
        raise UsageError(f"{_LABELS[kind][1]} '{name}'", hint=hint)
    return found


def _load(target: str) -> Callable[..., Any]:
    module, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module), attribute)


def check(kind: Kind, name: str) -> None:
    """Raise now what would stop the plug-in in the middle of a call (unknown name, missing key)."""
    plugin = get(kind, name)
    if plugin.check is not None:
        _load(plugin.check)()


def create(kind: Kind, name: str, **options: Any) -> Any:
    """A new instance of the plug-in, or None for a judge that adds nothing to the rules."""
    plugin = get(kind, name)
    return None if plugin.factory is None else _load(plugin.factory)(**options)
