"""The dialogue acts: one table from which every list of acts is derived.

The act names are a public contract (``coach analyze --json``, lexicon files, scenarios). Each act says how the
analyzer finds it, its Dutch label, the phase of the call it belongs to, and how the caller and the scorer count it.
To add an act: add a row here, then rules to the lexicon (``reader: rules``) or a reading step to the analyzer
(docs/maintaining.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Reader = Literal["rules", "questions", "next_step", "opening", "explanation", "jargon", "informal", "offscript"]
"""How the analyzer finds an act: ``rules`` are the lexicon's rules for the act, searched in every sentence; the
others are reading steps of the analyzer that also use the lexicon (``questions`` and ``next_step`` with the act's own
rules besides word order and times)."""

Phase = Literal["opening", "vraagverheldering", "samenvatting", "uitleg", "afspraken", "check", "afsluiting"]
PHASES: tuple[Phase, ...] = (
    "opening",
    "vraagverheldering",
    "samenvatting",
    "uitleg",
    "afspraken",
    "check",
    "afsluiting",
)
"""The phases of a good call, in their usual order."""


@dataclass(frozen=True)
class Act:
    name: str
    label: str
    """Dutch, as trainers read it in ``coach analyze``."""
    reader: Reader
    phase: Phase | None = None
    """The phase of the call a turn with this act belongs to."""
    listening: bool = False
    """Lets the caller tell more: the caller's brain and the scorer both count it as listening."""
    answering: bool = False
    """Responds to a caller's question (for the caller: not ignored; for the scorer: answered)."""
    fault: bool = False
    """Something the trainee should not do."""

    @property
    def has_rules(self) -> bool:
        """Whether the lexicon's ``acts:`` section may hold rules for this act."""
        return self.reader in ("rules", "questions", "next_step")


ACT_TABLE: tuple[Act, ...] = (
    Act("opening", "opening", "opening", phase="opening"),
    Act("open_question", "open vraag", "questions", "vraagverheldering", listening=True, answering=True),
    Act("closed_question", "gesloten vraag", "questions", "vraagverheldering"),
    Act("summary", "samenvatting", "rules", "samenvatting", listening=True, answering=True),
    Act("emotion_reflection", "gevoel benoemd", "rules", "vraagverheldering", listening=True, answering=True),
    Act("check_understanding", "check begrip", "rules", "check", answering=True),
    Act("explanation", "uitleg", "explanation", "uitleg", answering=True),
    Act("next_step", "afspraak", "next_step", "afspraken", answering=True),
    Act("closing", "afsluiting", "rules", "afsluiting"),
    Act("jargon", "vaktaal", "jargon", fault=True),
    Act("dismissive", "afwijzend", "rules", fault=True),
    Act("informal_address", "je/jij", "informal", fault=True),
    Act("off_script", "buiten het gesprek", "offscript", fault=True),
)

ACTS: tuple[str, ...] = tuple(a.name for a in ACT_TABLE)
"""The act names, in the order hits of one position are listed."""
BY_NAME: dict[str, Act] = {a.name: a for a in ACT_TABLE}
RULE_ACTS: tuple[str, ...] = tuple(a.name for a in ACT_TABLE if a.has_rules)
"""Acts the lexicon's ``acts:`` section may hold rules for."""
SEARCHED_BY_RULES: tuple[str, ...] = tuple(a.name for a in ACT_TABLE if a.reader == "rules")
"""Acts found by their rules alone, in every sentence."""
LISTENING_ACTS = frozenset(a.name for a in ACT_TABLE if a.listening)
ANSWERING_ACTS = frozenset(a.name for a in ACT_TABLE if a.answering)
FAULT_ACTS = frozenset(a.name for a in ACT_TABLE if a.fault)
ACT_LABELS: dict[str, str] = {a.name: a.label for a in ACT_TABLE}
PHASE_OF_ACT: dict[str, Phase] = {a.name: a.phase for a in ACT_TABLE if a.phase is not None}
