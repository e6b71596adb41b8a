"""The advice bank: better sentences for the feedback's improvements, chosen for this caller.

Each entry is a sentence a trainee could have said instead, for one signal of the catalogue, fit for callers in one or
more moods (``moods``; none: any caller). A mood is read from the caller's own words (``moods:`` patterns per mood).
Placeholders are filled from the call: {gemeente} (the scenario's municipality), {naam} (how the caller is
addressed, 'mevrouw De Graaf'), {woord} (a word the caller just used), {vraag} (the caller's last question up to
the moment, in its own words), {samenvatting} (the scenario's ``surface.said_back``: the caller's question as a
trainee sums it up). An entry whose placeholder cannot be filled is
skipped. The built-in bank is ``coach/lexicon/advice.yaml``, a lexicon file with only ``advice:`` and ``moods:``; a
trainer's lexicon file can add entries. Documented in docs/maintaining.md.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import Field

from coach.formats.common import Model, Text

BUILTIN_ADVICE = Path(__file__).resolve().parent.parent / "lexicon" / "advice.yaml"

Mood = Literal["boos", "angstig", "verdrietig", "verward", "gehaast", "beschaamd", "rustig"]
MOODS: tuple[str, ...] = ("boos", "angstig", "verdrietig", "verward", "gehaast", "beschaamd", "rustig")
PLACEHOLDERS = frozenset({"gemeente", "naam", "woord", "vraag", "samenvatting"})
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


class Advice(Model):
    signal: str = Field(description="Het signaal uit de catalogus waar deze zin bij hoort (docs/rubric-format.md).")
    moods: list[Mood] = Field(default_factory=list, description="Voor bellers die zo klinken; leeg: voor elke beller.")
    text: Text = Field(
        description="De betere zin, met {gemeente}, {naam}, {woord}, {vraag} of {samenvatting} waar dat past."
    )
