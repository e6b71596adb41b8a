"""The transcript format: a public contract (docs/transcript-format.md). Add optional fields only."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, field_validator

from coach.formats.common import Model

SPEAKER_ALIASES = {"medewerker": "learner", "beller": "caller", "learner": "learner", "caller": "caller"}


class Outcome(StrEnum):
    satisfied = "satisfied"  # the caller ended the call content
    unsatisfied = "unsatisfied"  # the call was closed, the caller not (fully) helped
    hung_up = "hung_up"  # the caller hung up
    stopped = "stopped"  # the trainee stopped the exercise (/stop)
    interrupted = "interrupted"  # Ctrl-C, end of input, or the process was killed
    max_turns = "max_turns"  # the scenario's turn limit was reached


class Turn(Model):
    speaker: Literal["learner", "caller"] = Field(
        description="Wie spreekt: learner (medewerker) of caller (beller).",
        json_schema_extra={"enum": ["learner", "caller", "medewerker", "beller"]},
    )
    text: str
    emotion: int | None = Field(None, ge=0, le=10, description="Emotie van de beller na deze beurt (0-10).")
    revealed: list[str] = Field(default_factory=list, description="Wat de beller in deze beurt prijsgaf (ids).")
    time: datetime | None = None
    meta: dict[str, Any] = Field(default_factory=dict)

    @field_validator("speaker", mode="before")
    @classmethod
    def _alias(cls, value: Any) -> Any:
        if isinstance(value, str):
            return SPEAKER_ALIASES.get(value.strip().lower(), value)
        return value


class Transcript(Model):
    scenario: str | None = None
    rubric: str | None = None
    learner: str | None = None
    engine: str | None = None
    seed: int | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    outcome: Outcome | None = None
    turns: list[Turn] = Field(min_length=1)
    meta: dict[str, Any] = Field(default_factory=dict)

    def learner_turns(self) -> list[tuple[int, Turn]]:
        return [(i, t) for i, t in enumerate(self.turns) if t.speaker == "learner"]


def dump_transcript(transcript: Transcript) -> str:
    data = transcript.model_dump(mode="json", exclude_defaults=True, exclude_none=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def write_transcript(transcript: Transcript, path: Path) -> Path:
    """Write YAML (or JSON for .json) atomically: a crash never leaves half a file."""
    if path.suffix.lower() == ".json":
        text = json.dumps(transcript.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=2) + "\n"
    else:
        text = dump_transcript(transcript)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
