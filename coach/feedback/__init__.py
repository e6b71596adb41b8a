"""The feedback on a call: rubric criteria scored from signals, with evidence and tips (coach.feedback.scoring)."""

from coach.feedback.model import Feedback
from coach.feedback.scoring import NO_IMPROVEMENTS, evaluate, no_improvements

__all__ = ["NO_IMPROVEMENTS", "Feedback", "evaluate", "no_improvements"]
