"""Pydantic models for every file format Belcoach reads and writes."""

from coach.formats.rubric import Criterion, Rubric
from coach.formats.scenario import Scenario, Topic
from coach.formats.transcript import Outcome, Transcript, Turn

__all__ = ["Criterion", "Outcome", "Rubric", "Scenario", "Topic", "Transcript", "Turn"]
