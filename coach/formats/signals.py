"""The catalogue of named signals a rubric criterion can be scored from.

A signal turns a call (transcript + analysis, and the scenario when known) into one raw value. The rubric decides
how that value becomes a score (``scale`` or ``levels``), so trainers change emphasis without code. This module is
the contract: names, parameters, units, defaults, how a good score is praised and the tip when the rubric gives none.
The scorer implements each name (coach.feedback.signals); docs/rubric-format.md lists them for trainers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Dimension = Literal["luisteren", "gespreksopbouw", "toon", "inhoud"]
DIMENSIONS: tuple[Dimension, ...] = ("luisteren", "gespreksopbouw", "toon", "inhoud")
REQUIRED_DIMENSIONS: tuple[Dimension, ...] = ("luisteren", "gespreksopbouw", "toon")

Unit = Literal["ratio", "count", "bool", "turns", "score", "delta"]
Strength = Literal["behaviour", "absence", "measure"]
"""How a good score shows under *Sterk*: ``behaviour`` is something the trainee did, quoted from their own turn;
``absence`` a mistake avoided, listed after the rest; ``measure`` a property of the whole call, without a quote."""


@dataclass(frozen=True)
class Param:
    type: type
    default: Any
    description: str
    low: float | None = None
    """The smallest value that makes sense (a rubric with less is refused by validate)."""
    high: float | None = None


@dataclass(frozen=True)
class SignalSpec:
    name: str
    dimension: Dimension
    unit: Unit
    description: str
    default_scale: tuple[float, float]
    """Raw values that give score 0 and score 100; the first larger than the second means lower is better."""
    params: dict[str, Param] = field(default_factory=dict)
    needs_scenario: bool = False
    strength: Strength = "measure"
    tip: str = ""
    """The /hint tip for this signal when the rubric has no criterion for it."""
    example: str = ""
    """The example that goes with ``tip``."""


def _spec(*args: Any, **kwargs: Any) -> SignalSpec:
    return SignalSpec(*args, **kwargs)


SIGNALS: dict[str, SignalSpec] = {
    s.name: s
    for s in [
        # luisteren
        _spec(
            "open_questions",
            "luisteren",
            "ratio",
            "Aandeel open vragen van alle vragen van de medewerker.",
            (0.2, 0.6),
            {"min_questions": Param(int, 2, "Minder vragen dan dit telt als waarde 0.", low=1)},
            strength="behaviour",
            tip="Stel een open vraag en laat de beller vertellen.",
            example="Wat is er precies gebeurd?",
        ),
        _spec(
            "doorvragen",
            "luisteren",
            "count",
            "Vragen die inhakend op de eigen woorden van de beller doorvragen.",
            (0, 2),
            {"min_overlap": Param(int, 1, "Hoeveel inhoudswoorden van de beller de vraag minstens herhaalt.", low=1)},
            strength="behaviour",
        ),
        _spec(
            "summaries",
            "luisteren",
            "count",
            "Aantal samenvattingen of parafrases.",
            (0, 1),
            strength="behaviour",
        ),
        _spec(
            "summary_captures_concern",
            "luisteren",
            "ratio",
            "Of de beste samenvatting de hoofdzorg van de beller raakt (0-1).",
            (0, 1),
            strength="behaviour",
            tip="Vat samen wat u gehoord heeft, en check of het klopt.",
            example="Als ik u goed begrijp, ... Klopt dat?",
        ),
        _spec(
            "hidden_concern_found",
            "luisteren",
            "bool",
            "Of de onderliggende zorg van de beller boven water kwam.",
            (0, 1),
            needs_scenario=True,
            strength="behaviour",
            tip="Vraag door op wat de beller terloops zei.",
            example="U zei net ... Wat bedoelt u daarmee?",
        ),
        _spec(
            "emotion_reflection_latency",
            "luisteren",
            "turns",
            "Beurten tussen de eerste emotie van de beller en de eerste gevoelsreflectie.",
            (4, 1),
            {
                "threshold": Param(
                    int, 6, "Vanaf welke emotie (0-10) een bellerbeurt als emotioneel telt.", low=0, high=10
                )
            },
            strength="behaviour",
        ),
        _spec(
            "talk_balance",
            "luisteren",
            "score",
            "Hoe goed het spreekaandeel van de medewerker binnen de band blijft (1 = binnen de band); elke beurt van de"
            " beller telt even lang, zodat alleen de woorden van de medewerker meetellen.",
            (0, 1),
            {
                "low": Param(
                    float, 0.3, "Ondergrens van het gewenste aandeel woorden van de medewerker.", low=0, high=1
                ),
                "high": Param(
                    float, 0.7, "Bovengrens van het gewenste aandeel woorden van de medewerker.", low=0, high=1
                ),
                "caller_words": Param(
                    int,
                    16,
                    "Hoeveel woorden een beurt van de beller telt, hoe lang die ook was (zo telt alleen wat de"
                    " medewerker zegt).",
                    low=1,
                ),
            },
        ),
        _spec(
            "caller_questions_answered",
            "luisteren",
            "ratio",
            "Aandeel vragen van de beller dat een antwoord kreeg.",
            (0.5, 1),
            tip="De beller stelde een vraag: beantwoord die eerst.",
            example="U vroeg ... Het antwoord is ...",
        ),
        # gespreksopbouw
        _spec(
            "opening",
            "gespreksopbouw",
            "score",
            "Opening met begroeting, organisatie en eigen naam (0-1).",
            (0, 1),
            tip="Open met een groet, de naam van uw organisatie en uw eigen naam.",
            example="Goedemorgen, Belastingen, u spreekt met ...",
        ),
        _spec(
            "clarify_before_solution",
            "gespreksopbouw",
            "bool",
            "Eerst de vraag verhelderen, dan pas uitleg of oplossing (niet 'te snel naar de oplossing').",
            (0, 1),
        ),
        _spec(
            "phase_order",
            "gespreksopbouw",
            "ratio",
            "Aandeel van de fasen dat voorkomt en in de goede volgorde staat.",
            (0.3, 0.9),
        ),
        _spec(
            "next_step",
            "gespreksopbouw",
            "bool",
            "Een concrete afspraak: wie doet wat en wanneer.",
            (0, 1),
            strength="behaviour",
            tip="Spreek concreet af wie wat doet en wanneer.",
            example="Wat ik voor u ga doen, is ...",
        ),
        _spec(
            "check_understanding",
            "gespreksopbouw",
            "count",
            "Controles of de uitleg is overgekomen.",
            (0, 1),
            strength="behaviour",
            tip="Check of uw uitleg is overgekomen.",
            example="Wat gaat u nu als eerste doen?",
        ),
        _spec(
            "closing",
            "gespreksopbouw",
            "score",
            "Afsluiting: vragen naar andere vragen, bedanken, groeten (0-1).",
            (0, 1),
            tip="Rond af: vraag naar andere vragen en bedank de beller.",
            example="Kan ik u verder nog ergens mee helpen?",
        ),
        # toon
        _spec(
            "emotion_acknowledged",
            "toon",
            "ratio",
            "Aandeel emotionele bellerbeurten waarop binnen enkele beurten een gevoelsreflectie volgt.",
            (0, 1),
            {
                "threshold": Param(
                    int, 6, "Vanaf welke emotie (0-10) een bellerbeurt als emotioneel telt.", low=0, high=10
                ),
                "within": Param(int, 2, "Binnen hoeveel beurten van de medewerker de erkenning moet komen.", low=1),
            },
            strength="behaviour",
            tip="Benoem eerst wat u hoort voordat u uitleg geeft.",
            example="Ik hoor dat u daar erg van geschrokken bent.",
        ),
        _spec(
            "dismissive",
            "toon",
            "count",
            "Afwijzende, verdedigende of belerende zinnen.",
            (2, 0),
            strength="absence",
            tip="Vertel wat wél kan in plaats van de regels te herhalen.",
            example="Wat u wel kunt doen, is ...",
        ),
        _spec(
            "jargon",
            "toon",
            "count",
            "Vaktermen zonder uitleg in gewone woorden.",
            (3, 0),
            strength="absence",
            tip="Zeg het in gewone woorden, of leg de term direct uit.",
        ),
        _spec(
            "address_form",
            "toon",
            "ratio",
            "Aandeel beurten met de verwachte aanspreekvorm (u, tenzij het scenario je voorschrijft).",
            (0.5, 1),
        ),
        _spec(
            "b1_readability",
            "toon",
            "score",
            "Begrijpelijkheid van de uitleg op B1-niveau: korte zinnen, weinig lange of zeldzame woorden (0-1).",
            (0.3, 0.9),
            {
                "max_sentence_words": Param(int, 15, "Gemiddelde zinslengte die nog B1 is.", low=1),
                "long_word_letters": Param(int, 13, "Vanaf hoeveel letters een woord als lang telt.", low=2),
            },
        ),
        _spec(
            "positive_wording",
            "toon",
            "ratio",
            "Aandeel positieve formuleringen ('wat wel kan') tegenover negatieve.",
            (0.3, 0.8),
        ),
        _spec(
            "emotion_trajectory",
            "toon",
            "delta",
            "Hoeveel de emotie van de beller daalde van begin tot eind (negatief = steeg).",
            (-2, 3),
        ),
        # inhoud
        _spec(
            "key_info",
            "inhoud",
            "ratio",
            "Aandeel van de kerninformatie uit het scenario dat de medewerker overbracht.",
            (0, 1),
            needs_scenario=True,
            strength="behaviour",
            tip="Geef de informatie die de beller nodig heeft.",
        ),
        _spec(
            "misinformation",
            "inhoud",
            "count",
            "Onjuiste informatie die het scenario als fout aanmerkt.",
            (1, 0),
            needs_scenario=True,
            strength="absence",
        ),
    ]
}
