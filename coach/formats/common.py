"""Shared building blocks for the file formats."""

from __future__ import annotations

import hashlib
import json
import re
import string
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Strict, WithJsonSchema
from pydantic_core import PydanticCustomError

from coach.patterns import PatternError, check_phrase, check_words

Loc = tuple[str | int, ...]
"""Where in a file: the path of keys and list indexes to a field."""
Issue = tuple[Loc, str, str]
"""A problem a model finds in itself across fields: (location, message, hint)."""

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
"""What an id may look like: lower-case letters, digits and hyphens."""


class Model(BaseModel):
    """Base for every file format: unknown keys are errors, and nothing is silently turned into something else (a
    number is no text, ``yes`` is no number); numbers, flags and moments use the types below."""

    model_config = ConfigDict(extra="forbid", validate_default=True)


def _no_number(value: Any) -> Any:
    """Pydantic would read a number as seconds since 1970: refused instead."""
    if isinstance(value, bool | int | float):
        raise PydanticCustomError("datetime_type", "wrong type")
    return value


Int = Annotated[int, Strict()]
"""A whole number: 3, never true, 3.5 or "3" (strict, so its bounds stay minimum/maximum in the JSON Schema)."""

Number = Annotated[float, Strict()]
"""A number: 3 or 0.5, never true or "0.5"."""

Flag = Annotated[bool, Strict()]
"""true or false, never 1 or "ja"."""

Moment = Annotated[datetime, BeforeValidator(_no_number)]
"""A date and time, written as such (2026-03-01T10:00:00); a number is not read as seconds since 1970."""


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


def _word_check(*, stem: bool) -> Callable[[str], str]:
    """The check of a plain word or phrase (with ``stem``: a trailing '*' may stand for any ending)."""

    def check(value: str) -> str:
        try:
            check_words(value, stem=stem)
        except PatternError as exc:
            raise ValueError(f"ongeldig woord '{value}': {exc}") from None
        return value

    return check


def _check_text(value: str) -> str:
    if not value.strip():
        raise ValueError("mag niet leeg zijn")
    return value


Slug = Annotated[str, AfterValidator(_check_slug), WithJsonSchema({"type": "string", "pattern": SLUG.pattern})]
"""An id: lower-case letters, digits and hyphens."""

Pattern = Annotated[str, AfterValidator(_check_pattern), WithJsonSchema({"type": "string", "pattern": r"\S"})]
"""A phrase pattern (see coach.patterns)."""

Text = Annotated[str, AfterValidator(_check_text), WithJsonSchema({"type": "string", "pattern": r"\S"})]
"""Non-empty text."""

Word = Annotated[str, AfterValidator(_word_check(stem=False)), WithJsonSchema({"type": "string", "pattern": r"\S"})]
"""A word or a phrase of a plain word list, which the code puts in its own regular expression (no pattern)."""

WordStem = Annotated[str, AfterValidator(_word_check(stem=True)), WithJsonSchema({"type": "string", "pattern": r"\S"})]
"""Like ``Word``; a '*' at the end stands for any ending ('betal*': betalen, betaald, betaling)."""


def placeholders(line: str) -> set[str]:
    """Names of ``{placeholders}`` used in a line; raises ValueError on broken braces."""
    return {name for _, name, _, _ in string.Formatter().parse(line) if name is not None}


HASH_LENGTH = 12
_HASHED: dict[int, tuple[BaseModel, str]] = {}


def content_hash(model: BaseModel) -> str:
    """A short hash of what a scenario or rubric says, the same whatever its layout or comments in YAML: a score can
    name the version it was made with, and a transcript the version it was played with."""
    known = _HASHED.get(id(model))
    if known is not None and known[0] is model:
        return known[1]
    data = json.dumps(model.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(data.encode("utf-8")).hexdigest()[:HASH_LENGTH]
    if len(_HASHED) > 256:  # a long batch over many libraries: forget, don't grow
        _HASHED.clear()
    _HASHED[id(model)] = (model, digest)
    return digest
