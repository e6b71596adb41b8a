"""What-if replay (``coach replay``): where a saved call is rewound to, and how the new branch compares with it.

Pure: turns and feedback in, a ``Comparison`` out. The branch itself is started by ``coach.calls.branch`` and played
at the terminal like any practice call; the faces render the comparison (coach.cli.render, coach.cli.reports).

Turn numbers here are the trainee's, counted from 1 as the '#' column of ``coach history`` counts them; an evidence
quote keeps its transcript turn number (1 = the caller's opening), as in every other report.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from coach.errors import UsageError
from coach.feedback.model import Evidence, Feedback
from coach.formats import Turn
from coach.nl import count

CALLER_ENDINGS = ("satisfied", "unsatisfied", "max_turns", "hung_up")
"""Outcomes in which the caller ended the call: a trainee line after that is a last word nobody answers."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DimensionChange(_Model):
    name: str = Field(description="De dimensie (luisteren, gespreksopbouw, toon, inhoud) of 'totaal'.")
    title: str
    original: float | None
    variant: float | None
    difference: float | None = Field(description="variant - origineel; null als een van beide niet te beoordelen is.")


class CriterionChange(_Model):
    id: str
    dimension: str
    description: str
    original: float | None = Field(description="Score 0-100 in het origineel; null als overgeslagen.")
    variant: float | None
    difference: float | None
    original_evidence: list[Evidence] = Field(default_factory=list)
    variant_evidence: list[Evidence] = Field(default_factory=list)


class Moment(_Model):
    """One trainee turn from the rewind point on, in both branches; None where a branch has no such turn."""

    turn: int = Field(description="Beurt van de medewerker (1 = de eerste), zoals 'coach history' telt.")
    original: str | None
    variant: str | None
    original_reply: str | None = Field(description="Het antwoord van de beller in het origineel.")
    variant_reply: str | None


class Comparison(_Model):
    original: str = Field(description="Sessie-id van het origineel.")
    variant: str = Field(description="Sessie-id van de variant.")
    from_turn: int = Field(description="De beurt van de medewerker vanaf waar de variant opnieuw gespeeld is.")
    original_outcome: str | None
    variant_outcome: str | None
    scores: list[DimensionChange] = Field(description="Het totaal en elke dimensie.")
    moments: list[Moment] = Field(description="De beurten vanaf from_turn waarin iets anders gezegd werd.")
    criteria: list[CriterionChange] = Field(
        description="De criteria met een andere score (of alleen in één beoordeeld)."
    )


def trainee_turns(turns: Sequence[Turn]) -> list[int]:
    """The index in ``turns`` of every trainee turn, in order: trainee turn n is at ``trainee_turns(turns)[n - 1]``."""
    return [i for i, t in enumerate(turns) if t.speaker == "learner"]


def rewind(turns: Sequence[Turn], n: int, outcome: str | None = None) -> list[Turn]:
    """The turns before the trainee's nth turn: the call as it stood when the trainee was about to say it.

    A UsageError when there is no such turn, or when it is the trainee's last word after the caller had ended the
    call (``outcome``): nothing there can go differently."""
    indexes = trainee_turns(turns)
    if not indexes:
        raise UsageError("dit gesprek heeft nog geen beurten van de medewerker: er is niets om opnieuw te spelen")
    last = len(indexes)
    if indexes[-1] == len(turns) - 1 and outcome in CALLER_ENDINGS:
        last -= 1  # the last word after the caller's goodbye
    if not 1 <= n <= last:
        message = f"--from {n} kan niet: dit gesprek heeft {count(len(indexes), 'beurt', 'beurten')} van de medewerker"
        if last < len(indexes):
            message += f" (beurt {len(indexes)} was een afscheid nadat de beller het gesprek had beëindigd)"
        if last == 0:
            raise UsageError(message)
        raise UsageError(message, hint="kies --from 1" if last == 1 else f"kies --from 1 tot en met {last}")
    return list(turns[: indexes[n - 1]])


def _moment_turns(turns: Sequence[Turn]) -> list[tuple[str, str | None]]:
    """Each trainee line with the caller's answer to it (None: unanswered, or a last word)."""
    out = []
    for i in trainee_turns(turns):
        reply = turns[i + 1].text if i + 1 < len(turns) and turns[i + 1].speaker == "caller" else None
        out.append((turns[i].text, reply))
    return out


def _difference(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else round(b - a, 1)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _changed(a: float | None, b: float | None) -> bool:
    """A score changed when it moved by at least half a point (the reports round to whole points), or it is judged in
    one branch only."""
    if a is None or b is None:
        return (a is None) != (b is None)
    return abs(b - a) >= 0.5


def compare(
    original: Sequence[Turn],
    original_feedback: Feedback,
    variant: Sequence[Turn],
    variant_feedback: Feedback,
    from_turn: int,
    *,
    original_id: str = "",
    variant_id: str = "",
) -> Comparison:
    """Both branches side by side: the scores (total and per dimension), every trainee turn from ``from_turn`` on in
    which the trainee's line or the caller's answer differs, and the criteria whose score changed.

    The moments start earlier than ``from_turn`` when the variant differs earlier (a /terug past the rewind point)."""
    before, after = _moment_turns(original), _moment_turns(variant)
    first = next((k for k, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), None)
    start = from_turn if first is None else min(from_turn, first + 1)
    moments = []
    for k in range(start, max(len(before), len(after)) + 1):
        a = before[k - 1] if k <= len(before) else (None, None)
        b = after[k - 1] if k <= len(after) else (None, None)
        if a != b:
            moments.append(Moment(turn=k, original=a[0], variant=b[0], original_reply=a[1], variant_reply=b[1]))
    scores = [
        DimensionChange(
            name="totaal",
            title="Totaal",
            original=_round(original_feedback.overall),
            variant=_round(variant_feedback.overall),
            difference=_difference(original_feedback.overall, variant_feedback.overall),
        )
    ]
    for name in dict.fromkeys([*original_feedback.dimensions, *variant_feedback.dimensions]):
        a_dim, b_dim = original_feedback.dimensions.get(name), variant_feedback.dimensions.get(name)
        a_score, b_score = (a_dim.score if a_dim else None), (b_dim.score if b_dim else None)
        scores.append(
            DimensionChange(
                name=name,
                title=(a_dim or b_dim).title,  # type: ignore[union-attr]  # one of them is there
                original=_round(a_score),
                variant=_round(b_score),
                difference=_difference(a_score, b_score),
            )
        )
    theirs = {c.id: c for c in original_feedback.criteria}
    criteria = []
    for mine in variant_feedback.criteria:
        old = theirs.get(mine.id)
        old_score = old.score if old is not None else None
        if not _changed(old_score, mine.score):
            continue
        criteria.append(
            CriterionChange(
                id=mine.id,
                dimension=mine.dimension,
                description=mine.description,
                original=_round(old_score),
                variant=_round(mine.score),
                difference=_difference(old_score, mine.score),
                original_evidence=list(old.evidence) if old is not None else [],
                variant_evidence=list(mine.evidence),
            )
        )
    criteria.sort(key=lambda c: -abs(c.difference or 0))
    return Comparison(
        original=original_id,
        variant=variant_id,
        from_turn=from_turn,
        original_outcome=original_feedback.outcome,
        variant_outcome=variant_feedback.outcome,
        scores=scores,
        moments=moments,
        criteria=criteria,
    )
