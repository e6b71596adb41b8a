"""Shared building blocks for the file formats."""

from __future__ import annotations

import re
import string
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict

from coach.patterns import PatternError, check_phrase

Loc = tuple[str | int, ...]
"""Where in a file: the path of keys and list indexes to a field."""
Issue = tuple[Loc, str, str]
"""A problem a model finds in itself across fields: (location, message, hint)."""

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
"""What an id may look like: lower-case letters, digits and hyphens."""


class Model(BaseModel):
    """Base for every file format: unknown keys are errors, numbers are accepted where text is expected."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, validate_default=True)


def _check_slug(value: str) -> str:
    if not SLUG.match(value):
        raise ValueError("gebruik alleen kleine letters, cijfers en streepjes, bijvoorbeeld 'woz-buren-lager'")
    return value


def _check_pattern(value: str) -> str:
    try:
        check_phrase(value)
    except PatternError as exc:
        raise ValueError(f"ongeldig patroon '{value}': {exc}") from None
    return value


def _check_text(value: str) -> str:
    if not value.strip():
        raise ValueError("mag niet leeg zijn")
    return value


Slug = Annotated[str, AfterValidator(_check_slug)]
"""An id: lower-case letters, digits and hyphens."""

Pattern = Annotated[str, AfterValidator(_check_pattern)]
"""A phrase pattern (see coach.patterns)."""

Text = Annotated[str, AfterValidator(_check_text)]
"""Non-empty text."""


def placeholders(line: str) -> set[str]:
    """Names of ``{placeholders}`` used in a line; raises ValueError on broken braces."""
    return {name for _, name, _, _ in string.Formatter().parse(line) if name is not None}
