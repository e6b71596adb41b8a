"""The claim catalogue format: the recurring statements an employee makes, with the value each carries and its truth.

A claim type says what a sentence is *about* (``about``), how a value is said (``kind``: a duration, date, amount
or count read by coach.analyzer.values, or one of the ``options`` for yes/no and choice claims) and what is true
(``truth``, from the domain brief; a scenario may state a local truth). The built-in catalogue is
``coach/lexicon/claims.yaml``, a lexicon file with only a ``claims:`` section; a trainer's lexicon file can add
claim types or replace one by its id. Documented in docs/claims.md.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import Field

from coach.formats.common import Flag, Issue, Model, Pattern, Slug, Text

if TYPE_CHECKING:
    from coach.formats.scenario import Scenario

BUILTIN_CATALOGUE = Path(__file__).resolve().parent.parent / "lexicon" / "claims.yaml"
"""The built-in claim catalogue: a lexicon file with only a claims: section."""


class ClaimKind(StrEnum):
    duration = "duration"
    date = "date"
    amount = "amount"
    count = "count"
    yesno = "yesno"
    choice = "choice"


VALUE_KINDS = {ClaimKind.duration, ClaimKind.date, ClaimKind.amount, ClaimKind.count}
"""Kinds whose value is read from numbers in the text; the others are read from their options' patterns."""


class ClaimOption(Model):
    id: Slug = Field(description="ja of nee bij een ja/nee-claim; bij een keuze een eigen id.")
    label: Text = Field(description="Hoe de feedback deze waarde noemt, bijvoorbeeld 'vanaf de datum op de brief'.")
    patterns: list[Pattern] = Field(min_length=1, description="Formuleringen die deze waarde uitspreken.")


class ClaimType(Model):
    id: Slug
    label: Text = Field(description="Waar de uitspraak over gaat, voor de feedback: 'de termijn voor bezwaar'.")
    topic: Slug = Field(description="woz, heffing, invordering, kwijtschelding of overig.")
    kind: ClaimKind
    truth: str | None = Field(
        None, description="Wat klopt: '6 weken', 'ja'/'nee' of het id van een keuze; leeg = alleen per scenario."
    )
    varies: Flag = Field(
        False, description="Verschilt per gemeente: alleen getoetst in scenario's die de claim noemen."
    )
    about: list[Pattern] = Field(default_factory=list, description="Woorden waardoor een zin over deze claim gaat.")
    needs_about: Flag = Field(
        True,
        description="Alleen met een van de about-woorden in de beurt; anders volstaat dat het scenario erover gaat.",
    )
    scenario_is_enough: Flag = Field(
        False,
        description="De options zijn zo eigen aan de claim dat ze ook zonder about-woorden tellen in een scenario dat "
        "de claim noemt.",
    )
    options: list[ClaimOption] = Field(default_factory=list, description="Bij yesno (ja, nee) en choice.")
    near: list[Pattern] = Field(
        default_factory=list, description="Bij een getal: een van deze woorden moet in hetzelfde zinsdeel staan."
    )
    unit: list[Pattern] = Field(default_factory=list, description="Bij count: het woord na het getal ('termijnen').")
    unless: list[Pattern] = Field(
        default_factory=list, description="Een zinsdeel met een van deze woorden gaat niet over deze claim."
    )
    unless_clause: list[Pattern] = Field(
        default_factory=list,
        description="Een zinsdeel met een van deze woorden gaat niet over deze claim; anders dan unless geldt het "
        "alleen voor dat zinsdeel ('hond*': wat over de hondenbelasting gezegd wordt, zegt niets over het uitstel voor "
        "de rest).",
    )
    affirmed_by_not_paying: Flag = Field(
        False,
        description="Bij een keuze: 'hoeft u niet te betalen' bij een optie zegt dat die optie erbij hoort (voor welke "
        "belastingen kwijtschelding kan), geen ontkenning.",
    )
    correction: Text = Field(description="Wat klopt, in gewone woorden; de feedback toont dit.")
    source: Text = Field(description="Waar het vandaan komt: een adres of 'domeinbrief A1'.")
    believe: list[Text] = Field(
        default_factory=list,
        description="Wat een beller zegt die een onjuiste uitspraak gelooft; {said} is wat de medewerker zei.",
    )

    def issues(self, loc: tuple[str | int, ...] = ()) -> Iterator[Issue]:
        from coach.values import parse

        if self.kind in VALUE_KINDS:
            if self.options:
                yield ((*loc, "options"), f"een claim van soort {self.kind} heeft geen options", "haal options weg")
            if self.kind == ClaimKind.count and not self.unit:
                yield ((*loc, "unit"), "een count-claim heeft unit nodig ('termijnen', 'keer')", "")
            if self.truth is not None and parse(self.kind, self.truth) is None:
                yield ((*loc, "truth"), f"'{self.truth}' is geen {self.kind}", _VALUE_HINT[self.kind])
        else:
            ids = [o.id for o in self.options]
            if self.kind == ClaimKind.yesno and sorted(ids) not in (["ja", "nee"], ["ja"], ["nee"]):
                yield ((*loc, "options"), "een ja/nee-claim heeft options 'ja' en/of 'nee'", "")
            if self.kind == ClaimKind.choice and len(ids) < 2:
                yield ((*loc, "options"), "een keuze-claim heeft minstens twee options", "")
            if len(set(ids)) != len(ids):
                yield ((*loc, "options"), "een option-id komt twee keer voor", "")
            if (
                self.truth is not None
                and self.truth not in ids
                and not (self.kind == ClaimKind.yesno and self.truth in ("ja", "nee"))
            ):
                yield ((*loc, "truth"), f"'{self.truth}' is geen van de options", f"kies uit: {', '.join(ids)}")
        if not self.about and self.needs_about:
            yield (
                (*loc, "about"),
                "zonder about-woorden kan de claim alleen uit het scenario blijken",
                "zet needs_about: false",
            )


_VALUE_HINT = {
    ClaimKind.duration: "bijvoorbeeld '6 weken' of '14 dagen'",
    ClaimKind.date: "bijvoorbeeld '10 april 2026'",
    ClaimKind.amount: "bijvoorbeeld '€ 9,00'",
    ClaimKind.count: "een getal, bijvoorbeeld '10'",
}


def value_issue(claim: ClaimType, value: str) -> tuple[str, str] | None:
    """Why ``value`` is not a value of ``claim`` (message, hint), or None."""
    from coach.values import parse

    if claim.kind in VALUE_KINDS:
        if parse(claim.kind, value) is None:
            return f"'{value}' is geen {claim.kind} voor claim '{claim.id}'", _VALUE_HINT[claim.kind]
        return None
    ids = [o.id for o in claim.options] or ["ja", "nee"]
    if claim.kind == ClaimKind.yesno:
        ids = ["ja", "nee"]
    if value not in ids:
        return f"'{value}' is geen waarde van claim '{claim.id}'", f"kies uit: {', '.join(ids)}"
    return None


def scenario_claim_issues(scenario: Scenario, catalogue: Mapping[str, ClaimType]) -> Iterator[Issue]:
    """A scenario's key points and misinformation must name claims the catalogue knows, with values of that claim."""
    from coach.errors import suggestion

    for i, claim_id in enumerate(scenario.claims_off):
        if claim_id not in catalogue:
            hint = suggestion(claim_id, sorted(catalogue)) or "'coach claims' toont de catalogus"
            yield (("claims_off", i), f"onbekende claim '{claim_id}'", hint)
        elif claim_id in scenario.claims:
            yield (
                ("claims_off", i),
                f"claim '{claim_id}' staat ook bij key_info of misinformation",
                "kies een van beide",
            )
    for name in ("key_info", "misinformation"):
        for i, item in enumerate(getattr(scenario, name)):
            if item.claim is None:
                continue
            claim = catalogue.get(item.claim)
            if claim is None:
                hint = suggestion(item.claim, sorted(catalogue)) or "'coach claims' toont de catalogus"
                yield ((name, i, "claim"), f"onbekende claim '{item.claim}'", hint)
                continue
            if item.value is not None:
                problem = value_issue(claim, item.value)
                if problem:
                    yield ((name, i, "value"), *problem)
