"""The question-topic format: what a caller can be asked about, and the ways Dutch speakers ask it.

A topic (``household``, ``income``, ``date-died``…) holds the patterns of questions about it. A scenario's fact points
to one or more topics (``topic: [inkomen, werk]``), so the caller recognises a question about that fact in wordings
the scenario author never wrote; the fact's own ``ask`` patterns stay for what is truly local. The built-in topics
are ``coach/lexicon/topics.yaml``, a lexicon file with only a ``topics:`` section; a trainer's lexicon file can add a
topic or replace one by its id. Documented in docs/scenario-format.md (facts) and docs/maintaining.md.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import Field

from coach.formats.common import Flag, Issue, Model, Pattern, Slug, Text

if TYPE_CHECKING:
    from coach.formats.scenario import Scenario

BUILTIN_TOPICS = Path(__file__).resolve().parent.parent / "lexicon" / "topics.yaml"
"""The built-in question topics: a lexicon file with only a topics: section."""


class AskTopic(Model):
    id: Slug
    label: Text = Field(description="Waar de vraag over gaat, in het Nederlands: 'met wie de beller woont'.")
    ask: list[Pattern] = Field(
        min_length=1,
        description="Hoe een medewerker ernaar vraagt: woorden in een vraag (patronen, zie coach.patterns).",
    )
    outranks: Flag = Field(
        False,
        description="Gaat voor op bredere onderwerpen: past dit onderwerp het langst en heeft de beller er geen "
        "gegeven voor, dan weet de beller het niet (in plaats van een verwant gegeven te noemen).",
    )


def scenario_topic_issues(scenario: Scenario, topics: Collection[str]) -> Iterator[Issue]:
    """A scenario's facts must point to topics the lexicon knows."""
    from coach.errors import suggestion

    for i, fact in enumerate(scenario.facts):
        for j, ref in enumerate(fact.topics):
            if ref not in topics:
                hint = suggestion(ref, sorted(topics)) or "'coach topics' toont de onderwerpen"
                loc = ("facts", i, "topic", j) if isinstance(fact.topic, list) else ("facts", i, "topic")
                yield (loc, f"onbekend vraagonderwerp '{ref}'", hint)
