"""The shared emotion model: what a trainee turn does to the caller's emotion (0-10).

The caller's brain uses it for every voice, so an offline call and a Claude call move the same way. Events are found
from the analyzer's reading of the turn plus the call so far; weights are part of the scenario format
(coach.formats.scenario.DEFAULT_WEIGHTS, documented in docs/scenario-format.md), overridden per scenario.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.formats.scenario import DEFAULT_WEIGHTS, EVENT_LABELS, MAX_STEP, WEARS_OFF, EmotionEvent, Scenario

E = EmotionEvent

__all__ = ["DEFAULT_WEIGHTS", "EVENT_LABELS", "MAX_STEP", "WEARS_OFF", "EmotionState"]


@dataclass
class EmotionState:
    value: int
    weights: dict[EmotionEvent, int]
    counts: dict[EmotionEvent, int] = field(default_factory=dict)

    @classmethod
    def for_scenario(cls, scenario: Scenario) -> EmotionState:
        weights = dict(DEFAULT_WEIGHTS)
        weights.update(scenario.caller.emotion.weights)
        return cls(value=scenario.caller.emotion.start, weights=weights)

    def weight(self, event: EmotionEvent) -> int:
        """Calming moves wear off when repeated: the second time half, from the third time nothing."""
        base = self.weights.get(event, 0)
        seen = self.counts.get(event, 0)
        if base < 0 and event in WEARS_OFF:
            if seen == 1:
                return min(-1, base // 2) if base <= -2 else base
            if seen >= 2:
                return 0
        return base

    def apply(self, events: list[EmotionEvent]) -> int:
        """Apply one turn's events; returns the change."""
        delta = 0
        for event in dict.fromkeys(events):
            delta += self.weight(event)
            self.counts[event] = self.counts.get(event, 0) + 1
        delta = max(-MAX_STEP, min(MAX_STEP, delta))
        before = self.value
        self.value = max(0, min(10, self.value + delta))
        return self.value - before

    def calm_down(self, amount: int = 1) -> None:
        self.value = max(0, self.value - amount)
