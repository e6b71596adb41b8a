"""The shared emotion model: what a trainee turn does to the caller's emotion (0-10).

The caller's brain uses it for every voice, so an offline call and a Claude call move the same way. Events are found
from the analyzer's reading of the turn plus the call so far; weights come from here, overridden per scenario.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.formats.scenario import EmotionEvent, Scenario

E = EmotionEvent

DEFAULT_WEIGHTS: dict[EmotionEvent, int] = {
    E.dismissive: 2,
    E.jargon: 1,
    E.ignored_question: 1,
    E.closed_question_run: 1,
    E.premature_solution: 1,
    E.informal_address: 1,
    E.misinformation: 1,
    E.emotion_reflection: -2,
    E.summary_confirmed: -1,
    E.plain_explanation: -1,
    E.key_info: -1,
    E.next_step: -1,
    E.off_script: 1,
}

EVENT_LABELS: dict[EmotionEvent, str] = {
    E.dismissive: "afwijzende of verwijtende opmerking",
    E.jargon: "vaktaal zonder uitleg",
    E.ignored_question: "vraag van de beller genegeerd",
    E.closed_question_run: "reeks gesloten vragen",
    E.premature_solution: "oplossing voordat het verhaal gehoord was",
    E.informal_address: "je/jij in plaats van u",
    E.misinformation: "onjuiste informatie",
    E.emotion_reflection: "gevoel van de beller benoemd",
    E.summary_confirmed: "rake samenvatting",
    E.plain_explanation: "heldere uitleg in gewone woorden",
    E.key_info: "belangrijke informatie gegeven",
    E.next_step: "concrete afspraak",
    E.off_script: "beurt buiten het gesprek (Engels, onzin, iets wat er niets mee te maken heeft)",
}

MAX_STEP = 3
"""One turn moves the emotion by at most this much, either way."""


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
        if base < 0 and event in (E.emotion_reflection, E.summary_confirmed, E.next_step, E.plain_explanation):
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
