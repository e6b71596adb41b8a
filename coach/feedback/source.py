"""Where a feedback comes from: file, session, date, seed, engine and the versions it was scored with."""

from __future__ import annotations

from pathlib import Path

from coach.feedback.model import Source
from coach.formats import Rubric, Scenario, Transcript
from coach.formats.common import content_hash


def source_of(
    transcript: Transcript, scenario: Scenario | None, rubric: Rubric, file: str | Path | None = None
) -> Source:
    """What the feedback was made from (no verification: see coach.provenance)."""
    session = transcript.meta.get("session")
    return Source(
        file=str(file) if file is not None else None,
        session=session if isinstance(session, str) else None,
        date=transcript.started_at.isoformat() if transcript.started_at else None,
        seed=transcript.seed,
        engine=transcript.engine,
        scenario_hash=content_hash(scenario) if scenario is not None else None,
        rubric_hash=content_hash(rubric),
    )
