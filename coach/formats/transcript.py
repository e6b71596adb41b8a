"""The transcript format: a public contract (docs/transcript-format.md). Add optional fields only."""

from __future__ import annotations

import json
import os
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, field_validator

from coach.formats.common import Int, Model, Moment

SPEAKER_ALIASES = {"medewerker": "learner", "beller": "caller", "learner": "learner", "caller": "caller"}


class Outcome(StrEnum):
    satisfied = "satisfied"  # the caller ended the call content
    unsatisfied = "unsatisfied"  # the call was closed, the caller not (fully) helped
    hung_up = "hung_up"  # the caller hung up
    stopped = "stopped"  # the trainee stopped the exercise (/stop, Ctrl-C)
    interrupted = "interrupted"  # cut off and closed without going on (coach resume --close; older stores: Ctrl-C)
    max_turns = "max_turns"  # the scenario's turn limit was reached


OUTCOME_WORDS: dict[str | None, tuple[str, str]] = {
    # outcome: (in a table, in a report)
    "satisfied": ("tevreden", "de beller is tevreden"),
    "unsatisfied": ("niet tevreden", "de beller is niet tevreden"),
    "hung_up": ("opgehangen", "de beller heeft opgehangen"),
    "stopped": ("gestopt door u", "gestopt door u"),
    "interrupted": ("afgebroken", "afgebroken en afgesloten"),
    "max_turns": ("te lang", "te lang, zonder goed einde"),
    None: ("onafgemaakt", "nog bezig"),
}
"""The endings in Dutch: short (a table) and long (a report)."""
RESTARTED = "De oefening werd opnieuw begonnen."
"""The reason of a call begun again with /opnieuw (outcome ``stopped``, no feedback): 'opnieuw begonnen' in a table."""


def _any_case_of(schema: dict[str, Any], words: list[str]) -> None:
    """The JSON Schema of a name read in any case with spaces around it, as the model reads it ('Beller ')."""
    schema.pop("enum", None)
    schema["type"] = "string"
    anycase = "|".join("".join(f"[{c}{c.upper()}]" for c in word) for word in words)
    schema["pattern"] = rf"^\s*({anycase})\s*$"


class Turn(Model):
    speaker: Literal["learner", "caller"] = Field(
        description="Wie spreekt: learner (medewerker) of caller (beller).",
        examples=list(SPEAKER_ALIASES),
        json_schema_extra=lambda schema: _any_case_of(schema, list(SPEAKER_ALIASES)),
    )
    text: str
    emotion: Int | None = Field(None, ge=0, le=10, description="Emotie van de beller na deze beurt (0-10).")
    revealed: list[str] = Field(default_factory=list, description="Wat de beller in deze beurt prijsgaf (ids).")
    time: Moment | None = None
    meta: dict[str, Any] = Field(default_factory=dict)

    @field_validator("speaker", mode="before")
    @classmethod
    def _alias(cls, value: Any) -> Any:
        if isinstance(value, str):
            return SPEAKER_ALIASES.get(value.strip().lower(), value)
        return value

    @field_validator("meta")
    @classmethod
    def _known_meta(cls, value: dict[str, Any]) -> dict[str, Any]:
        """The keys the tool reads back must have their shape; other keys are free."""
        kinds = value.get("kinds", [])
        if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
            raise ValueError("meta.kinds moet een lijst van teksten zijn (zoals [hint])")
        return value


class Transcript(Model):
    scenario: str | None = None
    rubric: str | None = None
    learner: str | None = None
    engine: str | None = None
    seed: Int | None = None
    started_at: Moment | None = None
    ended_at: Moment | None = None
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
