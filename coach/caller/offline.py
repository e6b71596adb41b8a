"""The offline voice: says the brain's proposed lines as they are. No network, no key, deterministic for a seed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.caller.base import Hooks, Plan

if TYPE_CHECKING:
    from coach.analyzer import Analysis
    from coach.formats import Scenario, Turn


class OfflineVoice:
    name = "offline"
    model = None
    usage = None
    fallback = False

    def __init__(self, scenario: Scenario, *, model: str | None = None, hooks: Hooks | None = None) -> None:
        """The voices' common constructor; the offline voice needs none of it."""

    def speak(self, plan: Plan, transcript: list[Turn], analysis: Analysis | None) -> str:
        return plan.text
