"""The rubric format: dimensions with weighted criteria, each scored from a named signal.

Documented field by field in docs/rubric-format.md.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from pydantic import ConfigDict, Field, model_validator

from coach.errors import suggestion
from coach.formats.common import Int, Issue, Loc, Model, Number, Slug, Text
from coach.formats.signals import DIMENSIONS, REQUIRED_DIMENSIONS, SIGNALS, Dimension


class Scale(Model):
    """Linear mapping of the raw signal value to a score: ``zero`` gives 0, ``full`` gives 100, clamped."""

    zero: Number
    full: Number

    @model_validator(mode="after")
    def _distinct(self) -> Scale:
        if self.zero == self.full:
            raise ValueError("zero en full moeten verschillen")
        return self

    def score(self, value: float) -> float:
        fraction = (value - self.zero) / (self.full - self.zero)
        return round(100 * min(1.0, max(0.0, fraction)), 1)


class Level(Model):
    """From this raw value upwards (``min``) or downwards (``max``) the criterion gets ``score``."""

    model_config = ConfigDict(  # exactly one bound, in the JSON Schema as in validate
        json_schema_extra={
            "oneOf": [
                {"required": ["min"], "properties": {"min": {"type": "number"}}},
                {"required": ["max"], "properties": {"max": {"type": "number"}}},
            ]
        }
    )

    min: Number | None = None
    max: Number | None = None
    score: Int = Field(ge=0, le=100)
    label: str = ""

    @model_validator(mode="after")
    def _one_bound(self) -> Level:
        if (self.min is None) == (self.max is None):
            raise ValueError("geef precies een van 'min' of 'max'")
        return self

    def applies(self, value: float) -> bool:
        return value >= self.min if self.min is not None else value <= self.max  # type: ignore[operator]


class Criterion(Model):
    model_config = ConfigDict(  # 'scale' or 'levels', not both: in the JSON Schema as in validate
        json_schema_extra={
            "not": {
                "required": ["scale", "levels"],
                "properties": {"scale": {"type": "object"}, "levels": {"type": "array"}},
            }
        }
    )

    id: Slug
    description: Text
    signal: str = Field(description="Naam van het signaal (zie docs/rubric-format.md).")
    params: dict[str, Any] = Field(default_factory=dict)
    weight: Number = Field(1.0, gt=0)
    scale: Scale | None = None
    levels: list[Level] | None = Field(None, min_length=1, description="Van boven naar beneden: de eerste die past.")
    pass_score: Int = Field(60, ge=0, le=100, description="Geslaagd vanaf deze score.")
    tip: Text = Field(description="Wat de medewerker de volgende keer anders kan doen.")
    example: Text = Field(description="Een voorbeeldzin die de medewerker kan gebruiken.")

    @model_validator(mode="after")
    def _scale_or_levels(self) -> Criterion:
        if self.scale is not None and self.levels is not None:
            raise ValueError("gebruik 'scale' of 'levels', niet allebei")
        return self

    def score(self, value: float) -> float:
        """The 0-100 score for a raw signal value."""
        if self.levels is not None:
            for level in self.levels:
                if level.applies(value):
                    return float(level.score)
            return 0.0
        if self.scale is not None:
            return self.scale.score(value)
        zero, full = SIGNALS[self.signal].default_scale
        return Scale(zero=zero, full=full).score(value)

    def param(self, name: str) -> Any:
        if name in self.params:
            return self.params[name]
        return SIGNALS[self.signal].params[name].default


class DimensionSpec(Model):
    title: str = ""
    weight: Number = Field(1.0, ge=0, description="Gewicht in de totaalscore.")
    pass_score: Int | None = Field(None, ge=0, le=100, description="Drempel om te slagen op deze dimensie.")
    criteria: list[Criterion] = Field(min_length=1)
    calibration: list[tuple[Number, Number]] = Field(
        default_factory=list,
        description="Punten [ruw, getoond] waartussen de score van de dimensie lineair wordt omgezet, zodat een "
        "gemiddeld gesprek rond 50 uitkomt (geijkt op beoordeelde gesprekken); leeg: de ruwe score.",
    )

    def calibrated(self, raw: float) -> float:
        """The shown score for a weighted mean of the criteria: linear between the calibration points (0 and 100
        stay 0 and 100)."""
        points = [(0.0, 0.0), *self.calibration, (100.0, 100.0)]
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            if raw <= x1:
                return y0 if x1 == x0 else y0 + (raw - x0) * (y1 - y0) / (x1 - x0)
        return 100.0


class Rubric(Model):
    id: Slug
    title: Text
    description: str = ""
    pass_score: Int | None = Field(None, ge=0, le=100, description="Drempel voor de totaalscore.")
    dimensions: dict[Dimension, DimensionSpec]

    def issues(self) -> Iterator[Issue]:
        for name in REQUIRED_DIMENSIONS:
            if name not in self.dimensions:
                yield (("dimensions",), f"dimensie '{name}' ontbreekt", f"verplicht: {', '.join(REQUIRED_DIMENSIONS)}")
        seen: dict[str, Loc] = {}
        for dim_name, dim in self.dimensions.items():
            points = [(0.0, 0.0), *dim.calibration, (100.0, 100.0)]
            for i, ((x0, y0), (x1, y1)) in enumerate(itertools.pairwise(points)):
                if not (0 <= x1 <= 100 and 0 <= y1 <= 100) or x1 < x0 or y1 < y0 or (y1 >= 100 and x1 < 100):
                    yield (
                        ("dimensions", dim_name, "calibration", min(i, len(dim.calibration) - 1)),
                        "ijkpunten moeten tussen 0 en 100 liggen en oplopen",
                        "bijvoorbeeld [[30, 20], [60, 50], [85, 80]]",
                    )
                    break
            for i, crit in enumerate(dim.criteria):
                loc: Loc = ("dimensions", dim_name, "criteria", i)
                if crit.id in seen:
                    yield (
                        (*loc, "id"),
                        f"criterium-id '{crit.id}' komt twee keer voor",
                        "geef elk criterium een eigen id",
                    )
                seen[crit.id] = loc
                spec = SIGNALS.get(crit.signal)
                if spec is None:
                    hint = suggestion(crit.signal, SIGNALS) or "zie docs/rubric-format.md voor de lijst"
                    yield ((*loc, "signal"), f"onbekend signaal '{crit.signal}'", hint)
                    continue
                for key, value in crit.params.items():
                    param = spec.params.get(key)
                    if param is None:
                        known = ", ".join(spec.params) or "geen"
                        yield (
                            (*loc, "params", key),
                            f"signaal '{crit.signal}' kent parameter '{key}' niet",
                            suggestion(key, spec.params) or f"parameters: {known}",
                        )
                    elif not _fits(value, param.type):
                        kind = "geheel getal" if param.type is int else "getal" if param.type is float else "tekst"
                        yield (
                            (*loc, "params", key),
                            f"'{key}' moet een {kind} zijn, niet {value!r}",
                            param.description,
                        )
                    elif (param.low is not None and value < param.low) or (
                        param.high is not None and value > param.high
                    ):
                        bounds = (
                            f"vanaf {_n(param.low)}"
                            if param.high is None
                            else f"van {_n(param.low)} tot en met {_n(param.high)}"
                        )
                        yield ((*loc, "params", key), f"'{key}' moet {bounds} zijn, niet {value!r}", param.description)

    @property
    def dimension_names(self) -> list[str]:
        return [d for d in DIMENSIONS if d in self.dimensions]


def _n(value: float | None) -> str:
    return str(value).replace(".", ",")


def _fits(value: Any, kind: type) -> bool:
    if kind is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)
