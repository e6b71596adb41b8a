"""The cohort format: a trainer's group, its trainees and what they must practise (docs/cohort-format.md)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from coach.formats.common import Flag, Int, Issue, Loc, Model, Number, Slug, Text
from coach.learners import display, key


def _a_date(value: Any) -> Any:
    """A deadline is a day: a number, a time of day or a text like 'vrijdag' is refused, not converted."""
    if isinstance(value, bool | int | float | datetime):
        raise PydanticCustomError("date_type", "wrong type")
    return value


Day = Annotated[date, BeforeValidator(_a_date)]
"""A date without a time: 2026-03-01."""


class Learner(Model):
    name: Text = Field(description="De naam zoals de trainer hem schrijft; zo staat hij in de overzichten.")
    aliases: list[Text] = Field(
        default_factory=list, description="Andere schrijfwijzen die de medewerker gebruikt (Ozlem, Ö. Yılmaz)."
    )
    email: Text | None = Field(None, description="E-mailadres, voor de trainer; Belcoach stuurt niets.")


class Assignment(Model):
    id: Slug = Field(description="Korte naam van de opdracht: kleine letters, cijfers en streepjes.")
    scenario: Text = Field(description="Id (of pad) van het scenario dat geoefend wordt.")
    rubric: Text = Field("standaard", description="Id (of pad) van de rubric waarmee beoordeeld wordt.")
    seed: Int | None = Field(
        None, description="Seed van de beller; bij een examen verplicht: alleen dat gesprek telt mee."
    )
    deadline: Day | None = Field(None, description="Uiterlijk op deze dag gedaan (2026-03-01).")
    min_score: Number | None = Field(
        None, ge=0, le=100, description="Minimale totaalscore; leeg: de drempel van de rubric (pass_score)."
    )
    exam: Flag = Field(False, description="true: een examen, met een oordeel per medewerker.")


class Cohort(Model):
    name: Text = Field(description="Naam van de groep.")
    learners: list[Learner] = Field(min_length=1, description="De medewerkers van de groep.")
    assignments: list[Assignment] = Field(default_factory=list, description="Wat de groep moet oefenen.")

    def issues(self) -> list[Issue]:
        """A name or alias that stands for two trainees (by ``coach.learners.key``), an assignment id used twice,
        an exam without a seed."""
        found: list[Issue] = []
        owners: dict[str, int] = {}
        for i, learner in enumerate(self.learners):
            for j, written in enumerate([learner.name, *learner.aliases]):
                loc: Loc = ("learners", i, "name") if j == 0 else ("learners", i, "aliases", j - 1)
                k = key(written)
                if not k:
                    found.append((loc, "een naam moet letters of cijfers bevatten", ""))
                    continue
                first = owners.setdefault(k, i)
                if first != i:
                    found.append(
                        (
                            loc,
                            f"'{display(written)}' wordt al gebruikt voor {display(self.learners[first].name)}",
                            "elke naam en alias mag maar bij één medewerker horen",
                        )
                    )
        ids: dict[str, int] = {}
        for i, assignment in enumerate(self.assignments):
            first = ids.setdefault(assignment.id, i)
            if first != i:
                found.append((("assignments", i, "id"), f"opdracht '{assignment.id}' staat er al", "kies een ander id"))
            if assignment.exam and assignment.seed is None:
                found.append(
                    (
                        ("assignments", i, "exam"),
                        "een examen heeft een seed nodig",
                        "voeg 'seed:' toe: alleen het gesprek met die seed telt als examen",
                    )
                )
        return found
