"""Pydantic models for every file format Belcoach reads and writes: the contracts of the project."""

from coach.formats.cohort import Assignment, Cohort, Learner
from coach.formats.rubric import Criterion, Rubric
from coach.formats.scenario import Scenario, Topic
from coach.formats.transcript import Outcome, Transcript, Turn, dump_transcript, write_transcript

__all__ = [
    "Assignment",
    "Cohort",
    "Criterion",
    "Learner",
    "Outcome",
    "Rubric",
    "Scenario",
    "Topic",
    "Transcript",
    "Turn",
    "dump_transcript",
    "write_transcript",
]
