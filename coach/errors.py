"""Expected errors: each carries a message a trainer understands and an exit code.

The CLI prints the message on one line (no traceback unless COACH_DEBUG=1) and exits with the code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple


class Problem(NamedTuple):
    """One thing wrong with a file, located: ``file:line:column: field: message (hint)``.

    (A NamedTuple rather than a dataclass: this module loads with every command, and a dataclass costs start-up.)"""

    path: str
    line: int | None
    column: int | None
    field: str
    message: str
    hint: str = ""

    def format(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        text = f"{where}: "
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        return text

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }


class CoachError(Exception):
    """An expected failure with a human message."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class UsageError(CoachError):
    """The command was called with arguments that cannot work."""

    exit_code = 2


class NotFoundError(CoachError):
    """An id or a file that does not exist."""

    exit_code = 2


class FileProblemError(CoachError):
    """A file exists but cannot be used: invalid YAML, wrong fields, unreadable."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = [p.format() for p in problems]
        super().__init__("\n".join(lines))


class ConfigError(CoachError):
    """The environment is not set up for what was asked (missing key, unwritable folder)."""

    exit_code = 3


class StoreError(CoachError):
    """The session store cannot do what was asked: damaged, full, read-only (the message says which, and what to do)."""

    exit_code = 4


class StoreDamagedError(StoreError):
    """The database file, or a row in it, cannot be read."""


class StoreFullError(StoreError):
    """The disk is full."""


class StoreReadOnlyError(StoreError):
    """Belcoach may not write in its data folder."""


class StoreBusyError(StoreError):
    """A call is open in another process, or the database stayed locked: try again later."""

    exit_code = 5


DUTCH_KEYS: dict[str, tuple[str, ...]] = {
    # scenario
    "titel": ("title",),
    "onderwerp": ("topic",),
    "moeilijkheid": ("difficulty",),
    "moeilijkheidsgraad": ("difficulty",),
    "gemeente": ("municipality",),
    "jaar": ("year",),
    "belastingjaar": ("year",),
    "aanspreekvorm": ("address_form",),
    "aanspreken": ("address_as",),
    "opdracht": ("task",),
    "samenvatting": ("summary_confirmed", "summary"),
    "beller": ("caller",),
    "naam": ("name",),
    "leeftijd": ("age",),
    "situatie": ("situation",),
    "spreekstijl": ("speaking_style",),
    "taalniveau": ("dutch_level",),
    "emotie": ("emotion",),
    "emoties": ("emotion",),
    "gevoel": ("emotion",),
    "begin": ("start", "opening"),
    "ophangen_bij": ("hang_up_at",),
    "tevreden_bij": ("satisfied_at",),
    "waarschuwt": ("warns",),
    "waarschuwen": ("warns",),
    "stijgt_bij": ("rises_on",),
    "daalt_bij": ("falls_on",),
    "gewichten": ("weights",),
    "gewicht": ("weight", "weights"),
    "openingen": ("opening",),
    "openingszin": ("opening",),
    "openingszinnen": ("opening",),
    "feiten": ("facts",),
    "feit": ("facts",),
    "vraag": ("ask",),
    "vragen": ("ask",),
    "antwoord": ("answer",),
    "antwoorden": ("answer",),
    "zorgen": ("concerns",),
    "zorg": ("concerns",),
    "verborgen": ("hidden",),
    "onderliggend": ("hidden",),
    "oppervlakte": ("surface",),
    "trefwoorden": ("keywords",),
    "sleutelwoorden": ("keywords",),
    "kernwoorden": ("keywords",),
    "verhaal": ("story",),
    "herhaling": ("repeat",),
    "herhalen": ("repeat",),
    "aanwijzingen": ("hints",),
    "signalen": ("hints",),
    "zinnen": ("lines", "phrases"),
    "regels": ("lines",),
    "onthulling": ("reveal",),
    "onthullen": ("reveal",),
    "handelingen": ("acts",),
    "reacties": ("reactions",),
    "reactie": ("reaction", "reactions"),
    "kerninformatie": ("key_info",),
    "kerninfo": ("key_info",),
    "misinformatie": ("misinformation",),
    "desinformatie": ("misinformation",),
    "foute_informatie": ("misinformation",),
    "onjuiste_informatie": ("misinformation",),
    "beschrijving": ("description",),
    "omschrijving": ("description",),
    "waarde": ("value",),
    "formuleringen": ("phrases",),
    "verplicht": ("required",),
    "correctie": ("correction",),
    "verbetering": ("correction",),
    "bron": ("source",),
    "tegenspraak": ("pushback",),
    "voorstellen": ("proposals",),
    "voorstel": ("proposals",),
    "accepteren": ("accept",),
    "aannemen": ("accept",),
    "onderhandelen": ("negotiate",),
    "leerdoelen": ("learning_goals",),
    "einde": ("end",),
    "max_beurten": ("max_turns",),
    # reactions and emotion events
    "vaktaal": ("jargon",),
    "empathie": ("empathy",),
    "medeleven": ("empathy",),
    "begrip": ("empathy",),
    "inleving": ("empathy",),
    "ophangen": ("hang_up",),
    "opgehangen": ("hang_up",),
    "tevreden": ("satisfied", "satisfied_at"),
    "ontevreden": ("unsatisfied_goodbye",),
    "afwijzend": ("dismissive",),
    "afwijzing": ("dismissive",),
    "kortaf": ("dismissive",),
    "onduidelijk": ("unclear",),
    "uitleg": ("explanation_ok", "plain_explanation"),
    "verduidelijking": ("clarify",),
    "verduidelijken": ("clarify",),
    "rustiger": ("calmer",),
    "kalmer": ("calmer",),
    "bozer": ("angrier",),
    "boos": ("angrier",),
    "kwaad": ("angrier",),
    "begrepen": ("understood",),
    "klaar": ("ready",),
    "afscheid": ("unsatisfied_goodbye", "satisfied"),
    "gesloten_vragen": ("closed_question_run",),
    "genegeerde_vraag": ("ignored_question",),
    "te_vroege_oplossing": ("premature_solution",),
    "tutoyeren": ("informal_address",),
    "jijen": ("informal_address",),
    "laatste_waarschuwing": ("last_warning",),
    "waarschuwing": ("last_warning",),
    "gevoel_benoemen": ("emotion_reflection",),
    "emotie_benoemen": ("emotion_reflection",),
    "reflectie": ("emotion_reflection",),
    "afspraak": ("next_step",),
    "volgende_stap": ("next_step",),
    "onzin": ("off_script",),
    # rubric and cohort
    "dimensies": ("dimensions",),
    "criterium": ("criteria",),
    "drempel": ("pass_score",),
    "voldoende": ("pass_score",),
    "voorbeeld": ("example",),
    "signaal": ("signal",),
    "schaal": ("scale",),
    "niveaus": ("levels",),
    "medewerkers": ("learners",),
    "deelnemers": ("learners",),
    "cursisten": ("learners",),
    "opdrachten": ("assignments",),
    "uiterlijk": ("deadline",),
    "examen": ("exam",),
    "toets": ("exam",),
}
"""Dutch words trainers write for the English keys of the file formats (for 'did you mean'; the formats' keys are a
public contract, so these are suggestions, never accepted as keys). Only keys a format has are ever suggested."""


def did_you_mean(word: str, options: Iterable[str], n: int = 3) -> list[str]:
    """Close matches for an unknown id or key, best first: the English key for a Dutch word (``vaktaal`` ->
    ``jargon``), then spelling (difflib)."""
    import difflib

    options = list(options)
    key = word.strip().lower().replace(" ", "_").replace("-", "_")
    meant = [o for o in DUTCH_KEYS.get(key, ()) if o in options]
    matches = meant + [m for m in difflib.get_close_matches(word, options, n=n, cutoff=0.6) if m not in meant]
    if not matches:  # a typo in the Dutch word: 'medelevn'
        close = difflib.get_close_matches(key, list(DUTCH_KEYS), n=1, cutoff=0.85)
        matches = [o for o in DUTCH_KEYS[close[0]] if o in options] if close else []
    if not matches:
        lowered = word.lower()
        matches = [o for o in options if lowered in o.lower() or o.lower() in lowered][:n]
    return matches[:n]


def suggestion(word: str, options: Iterable[str]) -> str:
    matches = did_you_mean(word, options)
    if not matches:
        return ""
    return "Bedoelde u: " + ", ".join(matches) + "?"
