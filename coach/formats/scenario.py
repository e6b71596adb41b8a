"""The scenario format: everything the offline caller needs to play one call, and what the trainee sees first.

Documented field by field in docs/scenario-format.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Literal

from pydantic import Field

from coach.formats.common import Flag, Int, Issue, Model, Pattern, Slug, Text, placeholders


class Topic(StrEnum):
    woz = "woz"
    heffing = "heffing"
    invordering = "invordering"
    kwijtschelding = "kwijtschelding"
    overig = "overig"


class EmotionEvent(StrEnum):
    """What the trainee did that moves the caller's emotion; the weights are in the shared emotion model."""

    dismissive = "dismissive"
    jargon = "jargon"
    ignored_question = "ignored_question"
    closed_question_run = "closed_question_run"
    premature_solution = "premature_solution"
    informal_address = "informal_address"
    misinformation = "misinformation"
    emotion_reflection = "emotion_reflection"
    summary_confirmed = "summary_confirmed"
    plain_explanation = "plain_explanation"
    key_info = "key_info"
    next_step = "next_step"
    off_script = "off_script"


E = EmotionEvent

DEFAULT_WEIGHTS: dict[EmotionEvent, int] = {
    E.dismissive: 2,
    E.jargon: 1,
    E.ignored_question: 1,
    E.closed_question_run: 1,
    E.premature_solution: 1,
    E.informal_address: 1,
    E.misinformation: 1,
    E.emotion_reflection: -2,
    E.summary_confirmed: -1,
    E.plain_explanation: -1,
    E.key_info: -1,
    E.next_step: -1,
    E.off_script: 1,
}
"""The shared emotion model's weights (used by coach.caller.emotion): how far one trainee turn with the event moves
the caller's emotion on the 0-10 scale; positive is angrier or more anxious, negative calmer. A scenario overrides them
in ``caller.emotion.weights``. Part of the scenario format, so the docs and the JSON Schema state them."""

EVENT_LABELS: dict[EmotionEvent, str] = {
    E.dismissive: "afwijzende of verwijtende opmerking",
    E.jargon: "vaktaal zonder uitleg",
    E.ignored_question: "vraag van de beller genegeerd",
    E.closed_question_run: "reeks gesloten vragen",
    E.premature_solution: "oplossing voordat het verhaal gehoord was",
    E.informal_address: "je/jij in plaats van u",
    E.misinformation: "onjuiste informatie",
    E.emotion_reflection: "gevoel van de beller benoemd",
    E.summary_confirmed: "rake samenvatting",
    E.plain_explanation: "heldere uitleg in gewone woorden",
    E.key_info: "belangrijke informatie gegeven",
    E.next_step: "concrete afspraak",
    E.off_script: "beurt buiten het gesprek (Engels, onzin, iets wat er niets mee te maken heeft)",
}

WEARS_OFF: tuple[EmotionEvent, ...] = (E.emotion_reflection, E.summary_confirmed, E.plain_explanation, E.next_step)
"""Calming events that wear off when repeated: the second time half (rounded away from zero, so -1 stays -1), from the
third time nothing."""

MAX_STEP = 3
"""One turn moves the emotion by at most this much, either way."""


def _weights_help() -> str:
    """The description of ``caller.emotion.weights`` in the JSON Schema, from the values above."""
    defaults = ", ".join(f"{e.value} {w:+d}" for e, w in DEFAULT_WEIGHTS.items())
    return (
        "Afwijkingen op het gedeelde emotiemodel, bijvoorbeeld dismissive: 3. Een gewicht is hoeveel een beurt met die "
        "gebeurtenis de emotie (0-10) verschuift: positief = bozer of banger, negatief = rustiger. Elke gebeurtenis "
        f"telt een keer per beurt; samen bewegen ze de emotie hoogstens {MAX_STEP} per beurt. Kalmerende "
        f"gebeurtenissen slijten ({', '.join(e.value for e in WEARS_OFF)}): de tweede keer de helft (-1 blijft -1), "
        f"vanaf de derde keer niets. Standaard: {defaults}."
    )


def _weights_schema() -> dict:
    return {
        "properties": {
            e.value: {"type": "integer", "default": w, "description": f"{EVENT_LABELS[e]} (standaard {w:+d})"}
            for e, w in DEFAULT_WEIGHTS.items()
        }
    }


class ReactionKind(StrEnum):
    """Situations the caller reacts to; scenario lines come first, the shared Dutch fallback bank second."""

    dismissive = "dismissive"
    jargon = "jargon"  # may use {term}
    empathy = "empathy"
    summary_confirmed = "summary_confirmed"
    summary_corrected = "summary_corrected"
    closed_question_run = "closed_question_run"
    ignored_question = "ignored_question"
    premature_solution = "premature_solution"
    informal_address = "informal_address"
    unclear = "unclear"
    explanation_ok = "explanation_ok"
    repeat_question = "repeat_question"
    unknown_fact = "unknown_fact"
    clarify = "clarify"
    calmer = "calmer"
    angrier = "angrier"
    filler = "filler"
    story_done = "story_done"
    understood = "understood"
    ready = "ready"
    close_too_early = "close_too_early"
    last_warning = "last_warning"
    hang_up = "hang_up"
    satisfied = "satisfied"
    unsatisfied_goodbye = "unsatisfied_goodbye"


REACTION_PLACEHOLDERS: dict[ReactionKind, set[str]] = {ReactionKind.jargon: {"term"}}


class DossierItem(Model):
    label: Text
    value: Text


class Briefing(Model):
    """What the employee sees on screen before the call."""

    summary: Text = Field(description="Een paar zinnen context voor de medewerker.")
    dossier: list[DossierItem] = Field(default_factory=list, description="Feiten uit het systeem.")
    task: str = Field("", description="Optioneel: de opdracht voor deze oefening.")


class Emotion(Model):
    start: Int = Field(ge=0, le=10, description="Emotie bij het begin: 0 = kalm, 10 = woedend of in paniek.")
    hang_up_at: Int = Field(10, ge=1, le=10, description="Bij deze emotie hangt de beller op.")
    satisfied_at: Int = Field(4, ge=0, le=10, description="Op of onder deze emotie kan de beller tevreden afsluiten.")
    warns: Flag = Field(
        True,
        description="De beller waarschuwt eerst voordat hij ophangt; false = hangt meteen op bij hang_up_at.",
    )
    rises_on: list[Text] = Field(default_factory=list, description="Wat de beller bozer of banger maakt (vrije tekst).")
    falls_on: list[Text] = Field(default_factory=list, description="Wat de beller rustiger maakt (vrije tekst).")
    weights: dict[EmotionEvent, Int] = Field(
        default_factory=dict, description=_weights_help(), json_schema_extra=_weights_schema()
    )


class Persona(Model):
    name: Text
    address_as: Text = Field(description="Hoe de medewerker de beller aanspreekt, bijv. 'mevrouw Jansen'.")
    age: Int | None = Field(None, ge=16, le=110)
    situation: Text
    speaking_style: Text
    dutch_level: Literal["A2", "B1", "B2", "C1"] = Field(
        "C1", description="Taalniveau van de beller; bij A2/B1 vraagt de beller om eenvoudiger taal."
    )
    emotion: Emotion


class Fact(Model):
    id: Slug
    topic: Slug | list[Slug] | None = Field(
        None,
        description="Het vraagonderwerp (of de onderwerpen) uit het lexicon waarmee de beller een vraag hiernaar "
        "herkent, bijvoorbeeld inkomen; 'coach topics' toont ze.",
    )
    ask: list[Pattern] = Field(
        default_factory=list,
        description="Eigen woorden in de vraag van de medewerker die hierom vragen (naast het onderwerp).",
    )
    answer: list[Text] = Field(min_length=1, description="Wat de beller antwoordt (een of meer varianten).")

    @property
    def topics(self) -> list[str]:
        if self.topic is None:
            return []
        return [self.topic] if isinstance(self.topic, str) else list(self.topic)


class Reveal(Model):
    """When the hidden concern comes out: any one of these is enough."""

    acts: list[Literal["emotion_reflection", "open_question", "summary"]] = Field(
        default_factory=lambda: ["emotion_reflection"],
        description="Een beurt met een van deze handelingen onthult de zorg (na de hint).",
    )
    keywords: list[Pattern] = Field(
        default_factory=list,
        description="Een open vraag of samenvatting met een van deze woorden is doorvragen op het onderwerp.",
    )
    emotion_below: Int | None = Field(None, ge=0, le=10, description="Of: de emotie is gezakt onder deze waarde.")
    after_turn: Int = Field(1, ge=0, description="Niet eerder dan na zoveel beurten van de medewerker.")


class SurfaceConcern(Model):
    summary: Text = Field(description="De vraag waarmee de beller belt, in een zin (voor trainers en de beoordeling).")
    keywords: list[Pattern] = Field(min_length=1, description="Woorden die bij deze vraag horen.")
    story: list[Text] = Field(
        default_factory=list, description="Wat de beller vertelt als de medewerker met een open vraag uitnodigt."
    )
    repeat: list[Text] = Field(
        default_factory=list, description="Hoe de beller de vraag herhaalt als die blijft liggen."
    )
    said_back: Text | None = Field(
        None,
        description="De vraag van de beller zoals de medewerker die samenvat, na 'Als ik u goed begrijp, ...': "
        "'wilt u weten waarom u twee keer dezelfde termijn betaald heeft en wanneer u het terugkrijgt' (voor de tip "
        "bij samenvatten).",
    )


class HiddenConcern(Model):
    id: Slug
    summary: Text = Field(description="De onderliggende zorg, in een zin.")
    hints: list[Text] = Field(min_length=1, description="Signalen die de beller eerder laat vallen.")
    lines: list[Text] = Field(min_length=1, description="Wat de beller zegt als de zorg boven water komt.")
    keywords: list[Pattern] = Field(
        min_length=1, description="Woorden die bij deze zorg horen (ook voor samenvattingen)."
    )
    reveal: Reveal = Field(default_factory=Reveal)


class Concerns(Model):
    surface: SurfaceConcern
    hidden: list[HiddenConcern] = Field(default_factory=list, description="Lagen onder de vraag, in volgorde.")


class KeyInfo(Model):
    id: Slug
    description: Text = Field(description="Wat de medewerker moet overbrengen.")
    claim: Slug | None = Field(None, description="De claim uit de catalogus die dit zegt, bijvoorbeeld bezwaartermijn.")
    value: str | None = Field(
        None, description="Wat in dit scenario klopt, bijvoorbeeld '6 weken' (leeg = de catalogus)."
    )
    phrases: list[Pattern] = Field(
        default_factory=list, description="Formuleringen die tellen als overgebracht (voor wat geen claim is)."
    )
    reaction: list[Text] = Field(default_factory=list, description="Hoe de beller reageert als het gezegd is.")
    required: Flag = Field(True, description="Nodig voordat de beller tevreden afsluit.")
    recap: Text | None = Field(
        None,
        description="Hoe de beller dit later in eigen woorden terugzegt, als de medewerker vraagt wat duidelijk is"
        " geworden: kort, in de ik-vorm, zonder punt ('mijn bezwaar was te laat').",
    )


class Misinformation(Model):
    id: Slug
    description: Text = Field(description="Wat er fout is aan deze uitspraak.")
    claim: Slug | None = Field(
        None, description="Een claim uit de catalogus: elke uitspraak ervan met een andere waarde is fout."
    )
    value: str | None = Field(None, description="Wat in dit scenario klopt (leeg = de kerninformatie of de catalogus).")
    phrases: list[Pattern] = Field(default_factory=list, description="Foute formuleringen (voor wat geen claim is).")
    correction: Text = Field(description="Wat wel klopt; de feedback toont dit.")
    source: str = Field("", description="Waar het juiste vandaan komt; leeg = het dossier van dit scenario.")
    reaction: list[Text] = Field(
        default_factory=list, description="Hoe de beller reageert: gelooft het en zegt wat hij nu gaat doen."
    )
    pushback: list[Text] = Field(
        default_factory=list, description="Indien gevuld: de beller weet beter en spreekt de medewerker tegen."
    )


class Proposal(Model):
    id: Slug
    description: Text
    phrases: list[Pattern] = Field(min_length=1, description="Formuleringen van het voorstel door de medewerker.")
    accept: list[Text] = Field(min_length=1, description="Hoe de beller het voorstel aanneemt.")
    negotiate: list[Text] = Field(
        default_factory=list, description="Indien gevuld: de beller onderhandelt eerst en neemt het daarna aan."
    )
    recap: Text | None = Field(
        None,
        description="Hoe de beller de afspraak later in eigen woorden terugzegt, als de medewerker vraagt wat er nu"
        " gebeurt: kort, in de ik-vorm, zonder punt ('de taxateur belt me over het dak').",
    )


class EndConditions(Model):
    max_turns: Int = Field(30, ge=2, le=200, description="Maximaal aantal beurten van de medewerker.")
    requires_key_info: list[Slug] | None = Field(
        None, description="Kerninformatie die nodig is voor een tevreden einde; leeg laten = alle verplichte."
    )
    requires_hidden: Flag = Field(True, description="De onderliggende zorg moet besproken zijn.")
    requires_next_step: Flag = Field(True, description="Er moet een concrete afspraak gemaakt zijn.")


class Scenario(Model):
    id: Slug
    title: Text
    topic: Topic
    difficulty: Int = Field(ge=1, le=3)
    municipality: Text = Field(description="De (fictieve) gemeente of belastingsamenwerking.")
    year: Int = Field(ge=2000, le=2100, description="Het belastingjaar waar de bedragen bij horen.")
    address_form: Literal["u", "je"] = Field("u", description="De aanspreekvorm die deze gemeente hanteert.")
    briefing: Briefing
    caller: Persona
    opening: list[Text] = Field(min_length=1, description="Openingszinnen van de beller (een wordt gekozen).")
    facts: list[Fact] = Field(default_factory=list)
    concerns: Concerns
    reactions: dict[ReactionKind, list[Text]] = Field(default_factory=dict)
    key_info: list[KeyInfo] = Field(default_factory=list)
    misinformation: list[Misinformation] = Field(default_factory=list)
    proposals: list[Proposal] = Field(default_factory=list)
    claims_off: list[Slug] = Field(
        default_factory=list,
        description=(
            "Claims van de catalogus die in dit gesprek niet gelden, omdat hun woorden hier iets anders betekenen "
            "(ozb-vermindering in een gesprek over een teruggave na bezwaar)."
        ),
    )
    learning_goals: list[Text] = Field(min_length=1)
    end: EndConditions = Field(default_factory=EndConditions)

    def issues(self) -> Iterator[Issue]:
        """Checks that span several fields; pydantic checks each field on its own."""
        emotion = self.caller.emotion
        if emotion.start >= emotion.hang_up_at:
            yield (
                ("caller", "emotion", "start"),
                f"de beller begint op {emotion.start} en hangt op bij {emotion.hang_up_at}",
                "kies een startwaarde onder hang_up_at",
            )
        for name in ("facts", "key_info", "misinformation", "proposals"):
            seen: set[str] = set()
            for i, item in enumerate(getattr(self, name)):
                if item.id in seen:
                    yield ((name, i, "id"), f"id '{item.id}' komt twee keer voor", "geef elk onderdeel een eigen id")
                seen.add(item.id)
        seen_hidden: set[str] = set()
        for i, concern in enumerate(self.concerns.hidden):
            if concern.id in seen_hidden:
                yield (("concerns", "hidden", i, "id"), f"id '{concern.id}' komt twee keer voor", "")
            seen_hidden.add(concern.id)
        known = {k.id for k in self.key_info}
        for i, ref in enumerate(self.end.requires_key_info or []):
            if ref not in known:
                from coach.errors import suggestion

                yield (("end", "requires_key_info", i), f"onbekende kerninformatie '{ref}'", suggestion(ref, known))
        for kind, lines in self.reactions.items():
            allowed = REACTION_PLACEHOLDERS.get(kind, set())
            for i, line in enumerate(lines):
                try:
                    used = placeholders(line)
                except ValueError:
                    yield (
                        ("reactions", kind.value, i),
                        "accolades { } kloppen niet",
                        "schrijf {{ en }} voor een accolade",
                    )
                    continue
                for name in sorted(used - allowed):
                    hint = f"toegestaan: {', '.join('{' + a + '}' for a in sorted(allowed))}" if allowed else ""
                    yield (("reactions", kind.value, i), f"onbekende invulplek {{{name}}}", hint)
        for i, fact in enumerate(self.facts):
            if not fact.topics and not fact.ask:
                yield (("facts", i), "geef een topic of ask", "bijvoorbeeld topic: inkomen")
        for name in ("key_info", "misinformation"):
            for i, item in enumerate(getattr(self, name)):
                if item.claim is None and not item.phrases:
                    yield ((name, i), "geef een claim of phrases", "bijvoorbeeld claim: bezwaartermijn")
                if item.value is not None and item.claim is None:
                    yield ((name, i, "value"), "value hoort bij een claim", "voeg claim: toe of haal value weg")
        for name in ("key_info", "proposals"):
            for i, item in enumerate(getattr(self, name)):
                if not item.recap:
                    continue
                if item.recap.rstrip()[-1] in ".?!":
                    yield (
                        (name, i, "recap"),
                        "recap eindigt met een leesteken",
                        "laat het weg: de beller zet het in een zin ('Dus ... en ...')",
                    )
                # a number, month or day the trainee need not have said: every phrase must hold it (a claim can be
                # stated as a date as well as a term), or the caller asked for it itself before it agreed (a
                # proposal's negotiate lines)
                said = [_details(x) for x in item.phrases]
                own = _details(" ".join(getattr(item, "negotiate", [])))
                missing = sorted(
                    d for d in _details(item.recap) if d not in own and not (said and all(d in x for x in said))
                )
                if missing:
                    yield (
                        (name, i, "recap"),
                        f"recap noemt {', '.join(missing)}, maar de medewerker kan het punt zonder dat gegeven zeggen",
                        "laat het weg: de beller zegt alleen terug wat zeker gezegd is",
                    )
        if self.end.requires_hidden and not self.concerns.hidden:
            yield (
                ("end", "requires_hidden"),
                "requires_hidden staat aan, maar er is geen onderliggende zorg (concerns.hidden)",
                "voeg een onderliggende zorg toe of zet requires_hidden op false",
            )

    def claim_truths(self) -> dict[str, str]:
        """The scenario's own truths for catalogue claims: a key point's or a misinformation entry's value."""
        out: dict[str, str] = {}
        for item in [*self.misinformation, *self.key_info]:
            if item.claim is not None and item.value is not None:
                out[item.claim] = item.value
        return out

    @property
    def claims(self) -> list[str]:
        """The catalogue claims this call is about, in order."""
        return list(dict.fromkeys(i.claim for i in [*self.key_info, *self.misinformation] if i.claim is not None))

    @property
    def required_key_info(self) -> list[KeyInfo]:
        if self.end.requires_key_info is not None:
            wanted = set(self.end.requires_key_info)
            return [k for k in self.key_info if k.id in wanted]
        return [k for k in self.key_info if k.required]


_HOURS = {"vijven": 5, "zessen": 6, "zevenen": 7, "achten": 8}
"""'na vijven': the hour as a word."""


def _details(text: str) -> set[str]:
    """The numbers (as digits), months and days a text names: what a recap may only say when it was said."""
    import re

    from coach.patterns import fold
    from coach.values import MONTH_NAMES, NUMBER_WORDS, WEEKDAYS

    out = set()
    for token in re.findall(r"\d+|[^\W\d_]+", fold(text)):
        number = NUMBER_WORDS.get(token, _HOURS.get(token))
        if token.isdigit():
            out.add(str(int(token)))
        elif number is not None and number >= 2 and number == int(number):
            out.add(str(int(number)))
        elif token in WEEKDAYS or token in MONTH_NAMES.values():
            out.add(token)
    return out
