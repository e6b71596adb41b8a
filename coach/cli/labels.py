"""Every Dutch label the faces print, in one place (no Rich import here): the Rich report, the Markdown and HTML
reports, the tables. The act labels live with the acts (coach.formats.acts)."""

from coach.formats.acts import ACT_LABELS
from coach.formats.transcript import OUTCOME_WORDS, RESTARTED
from coach.nl import count

__all__ = [
    "ACT_LABELS",
    "DIFFICULTY",
    "DIMENSION_TITLES",
    "JUDGE_SKIPPED",
    "MATCH_KINDS",
    "OUTCOME_LABELS",
    "OUTCOME_SHORT",
    "STARS",
    "TOPIC_LABELS",
    "dimension_title",
    "judge_unknown",
    "outcome_short",
]

DIMENSION_TITLES = {"luisteren": "Luisteren", "gespreksopbouw": "Gespreksopbouw", "toon": "Toon", "inhoud": "Inhoud"}
"""For a rubric that gives its dimensions no title of its own."""

CUT_OFF = "afgebroken, te hervatten"
"""A stored call without an ending: cut off (a closed terminal, SIGTERM, lost input, kill -9); coach resume goes on."""
OUTCOME_SHORT = {k: short for k, (short, _) in OUTCOME_WORDS.items()} | {None: CUT_OFF}
OUTCOME_LABELS = {k: long for k, (_, long) in OUTCOME_WORDS.items()} | {None: CUT_OFF}
OPEN_NOW = "nu bezig"
"""A stored call without an ending that a process holds open right now (its session lock is taken)."""


def outcome_short(outcome: str | None, reason: str | None = None, *, open_now: bool = False) -> str:
    """How a stored call ended, in a table (history, dashboard): a call begun again with /opnieuw and one open right
    now in another terminal have their own words, not 'gestopt door u' and 'afgebroken, te hervatten'."""
    if outcome is None and open_now:
        return OPEN_NOW
    if outcome == "stopped" and reason == RESTARTED:
        return "opnieuw begonnen"
    return OUTCOME_SHORT.get(outcome, str(outcome))


TOPIC_LABELS = {
    "woz": "WOZ",
    "heffing": "Heffing",
    "invordering": "Invordering",
    "kwijtschelding": "Kwijtschelding",
    "overig": "Overig",
}
DIFFICULTY = {1: "★☆☆ instap", 2: "★★☆ gevorderd", 3: "★★★ lastig"}
STARS = {1: "★☆☆", 2: "★★☆", 3: "★★★"}


def dimension_title(name: str, title: str = "") -> str:
    """The rubric's own title for a dimension, or the standard one when it has none."""
    return title if title and title != name else DIMENSION_TITLES.get(name, name)


MATCH_KINDS = {
    "key_info": "kerninformatie",
    "misinformation": "onjuiste info",
    "fact": "feit gevraagd",
    "proposal": "voorstel",
    "concern": "zorg komt boven",
    "event": "emotie",
    "reaction": "reactie beller",
}
"""What a trainee sentence triggers in a scenario (coach match), by kind."""

JUDGE_SKIPPED = "niet beoordeeld: Claude gaf hier geen bruikbaar oordeel over"
"""For a rubric criterion the judge left out (``judge.skipped``)."""


def judge_unknown(ids: list[str]) -> str:
    """The criteria the judge made up (``judge.unknown_criteria``), which the reports leave out."""
    return f"{count(len(ids), 'criterium', 'criteria')} van Claude weggelaten, niet in de rubric: {', '.join(ids)}"
