"""A second opinion on a call, next to the rule-based feedback: judges are registered plug-ins (coach.registry)."""

from __future__ import annotations

from typing import Protocol

from coach.feedback.model import JudgeReport
from coach.formats import Rubric, Scenario, Transcript


class Judge(Protocol):
    """Scores a rubric's criteria for a call. Its report is shown next to the rule-based scores and never replaces
    them; ``judge`` raises a ConfigError (with a Dutch message) when it cannot judge. Anything else it raises, Ctrl-C
    included, is caught by ``coach.calls.second_opinion`` too: the rule-based report is shown either way.

    Its factory (coach.registry) is called with the keyword options ``model`` and ``cache``. A paid judge may have a
    ``usage`` (like a voice's) that counts every request it made, failed ones too; it is stored with the session."""

    name: str
    model: str | None

    def judge(self, transcript: Transcript, rubric: Rubric, scenario: Scenario | None = None) -> JudgeReport: ...
