"""The feedback format: a public contract (docs/feedback-format.md). Add optional fields only."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Model):
    turn: int = Field(description="Beurtnummer in het transcript (1 = eerste beurt, meestal de beller).")
    speaker: str = Field(description="learner of caller.")
    text: str = Field(description="Letterlijk citaat.")
    note: str = Field("", description="Waarom dit citaat telt.")


class CriterionResult(_Model):
    id: str
    dimension: str
    description: str
    signal: str
    weight: float
    value: float | None = Field(description="De ruwe waarde van het signaal; null als het criterium is overgeslagen.")
    score: float | None = Field(description="0-100; null als overgeslagen.")
    passed: bool | None = Field(
        description="Geslaagd (score >= pass_score); null als overgeslagen, nooit stilzwijgend true."
    )
    pass_score: int
    skipped: bool = False
    skip_reason: str = ""
    detail: str = Field("", description="Wat er gemeten is, in een zin.")
    evidence: list[Evidence] = Field(default_factory=list)
    tip: str = Field(description="Wat de medewerker de volgende keer anders kan zeggen, op het eigen moment.")
    example: str = ""


class Advice(_Model):
    """One improvement as the short report shows it: the moment, the trainee's own words, a better sentence."""

    criterion: str
    dimension: str
    turn: int | None = Field(None, description="Beurtnummer van het moment; null als er geen moment is.")
    speaker: str = Field("", description="learner (uw zin) of caller (de vraag of zin van de beller).")
    said: str = Field("", description="Wat er op dat moment gezegd werd (ingekort).")
    better: str = Field("", description="Een betere zin voor deze beller; leeg als er geen past.")
    label: str = Field("Beter", description="'Beter', 'Zeg liever', 'Noem ook', 'Juist is'.")
    why: str = Field(description="De tip: waarom en hoe.")


class DimensionResult(_Model):
    title: str
    score: float | None
    weight: float
    pass_score: int | None = None
    passed: bool | None = None
    skipped: bool = False
    reason: str = Field(
        "",
        description="Waarom de dimensie niet te beoordelen is (score null), of welke criteria niet meetelden.",
    )


class Phase(_Model):
    turn: int
    text: str
    phases: list[str]


class JudgeCriterion(_Model):
    id: str
    dimension: str
    score: int
    rationale: str
    quotes: list[Evidence] = Field(default_factory=list, description="Citaten die letterlijk in het transcript staan.")
    dropped_quotes: list[str] = Field(default_factory=list, description="Citaten van Claude die er niet in staan.")


class JudgeReport(_Model):
    """Claude's own scores, shown next to the rule-based ones; they never replace them."""

    model: str
    summary: str
    criteria: list[JudgeCriterion] = Field(
        description="De criteria die Claude bruikbaar beoordeelde, op rubricvolgorde."
    )
    skipped: list[str] = Field(
        default_factory=list, description="Ids van rubriccriteria zonder bruikbaar oordeel van Claude."
    )
    unknown_criteria: list[str] = Field(
        default_factory=list, description="Ids die Claude gebruikte maar die niet in de rubric staan (weggelaten)."
    )
    usage: dict[str, object] = Field(default_factory=dict)


class Source(_Model):
    """Where a feedback comes from, so a row in a group report can be traced back and a score reproduced."""

    file: str | None = Field(None, description="Het transcriptbestand zoals opgegeven; null uit de opslag of stdin.")
    session: str | None = Field(None, description="Sessie-id (uit de opslag of meta.session van het transcript).")
    date: str | None = Field(None, description="Begin van het gesprek (ISO 8601), uit het transcript.")
    seed: int | None = Field(None, description="Seed van de beller.")
    engine: str | None = Field(None, description="offline of claude.")
    scenario_hash: str | None = Field(None, description="Inhoudshash van het scenario waarmee beoordeeld is.")
    rubric_hash: str | None = Field(None, description="Inhoudshash van de rubric waarmee beoordeeld is.")
    verified: bool | None = Field(
        None,
        description="true: de offline beller opnieuw afgespeeld op de beurten van de medewerker geeft dezelfde "
        "regels en emoties; false: niet te verifiëren; null: niet gecontroleerd.",
    )
    problems: list[str] = Field(
        default_factory=list, description="Waarom niet te verifiëren, of een ander scenario dan waarmee gespeeld is."
    )


class Feedback(_Model):
    version: int = 1
    scenario: str | None = None
    rubric: str
    learner: str | None = None
    outcome: str | None = None
    overall: float | None = Field(description="Gewogen gemiddelde van de dimensiescores, 0-100.")
    pass_score: int | None = None
    passed: bool | None = Field(None, description="Alleen als de rubric drempels heeft.")
    verdict: list[str] = Field(
        default_factory=list,
        description="Waarom het gesprek niet geslaagd of niet te beoordelen is, in gewone woorden; leeg als geslaagd.",
    )
    dimensions: dict[str, DimensionResult]
    criteria: list[CriterionResult]
    phases: list[Phase] = Field(default_factory=list, description="Per beurt van de medewerker: de fasen.")
    phase_order: list[str] = Field(default_factory=list, description="De fasen in de volgorde waarin ze begonnen.")
    strengths: list[str] = Field(default_factory=list)
    improvements: list[str] = Field(default_factory=list)
    advice: list[Advice] = Field(
        default_factory=list, description="De verbeterpunten als moment, eigen zin en betere zin (zelfde volgorde)."
    )
    call: dict[str, object] = Field(default_factory=dict, description="Feiten over het gesprek: emotie, zorg, einde.")
    judge: JudgeReport | None = Field(None, description="Met --judge claude: Claude's scores naast die van de regels.")
    source: Source | None = Field(None, description="Herkomst: bestand, sessie, datum, seed, versies, verificatie.")
