"""A call as the scorer reads it, and what a signal returns (see coach.feedback.signals)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from coach.analyzer import Analysis, Analyzer
from coach.analyzer.engine import unrepeated
from coach.analyzer.stated import Stated, Wrong, stated
from coach.feedback.model import Evidence
from coach.formats import Scenario, Transcript, Turn
from coach.formats.acts import PHASE_OF_ACT, PHASES
from coach.formats.claims import VALUE_KINDS
from coach.patterns import first_match, fold

_STANDS_FOR = re.compile(r"\W*(?:dat|dit|die|deze)\b", re.I)
"""A sentence that opens with a demonstrative is about what the sentence before it named."""

REACTIONS = frozenset(
    {
        "dismissive",
        "closed_question_run",
        "premature_solution",
        "informal_address",
        "angrier",
        "calmer",
        "filler",
        "empathy",
        "summary_confirmed",
        "summary_corrected",
        "explanation_ok",
        "understood",
        "ready",
        "story_done",
        "story_done_again",
        "close_too_early",
        "close_too_early_step",
        "goodbye_unsure",
        "last_warning",
        "hang_up",
        "satisfied",
        "unsatisfied_goodbye",
    }
)
"""The caller's reactions to how it is treated: a question in one ('Ik bel toch niet voor mijn plezier?', 'Moet ik
nu alleen maar ja of nee zeggen?') is no question the trainee must answer."""


@cache
def _shared_reactions() -> frozenset[str]:
    from coach.caller.brain import fallback_lines

    return frozenset(fold(line) for kind, lines in fallback_lines().items() if kind in REACTIONS for line in lines)


_PROBING_TAIL = re.compile(
    r"(?i),\s*(?:(?:en|maar)\s+)?(?:hoe|wat|waarom|welke|wanneer|waar|wie|hoezo)(?:\s+[^\s,?]+){0,5}\s*\?\s*$"
    r"|,\s*(?:gaat|is)\s+(?:het|alles)\s+(?:wel\s+)?(?:goed|oké|oke)\b[^,]*\?\s*$"
)
"""A summary sentence that ends in a question of its own after a comma ("u zegt dat het krap is, hoe bedoelt u
dat?"): it gives a phrase back to ask on."""


_DETAIL_GIVEN = re.compile(r"@|\d")
"""A caller's turn with a number or a mail address in it: details it gave."""
_DETAIL_TALK = frozenset(
    {
        "aanslag",
        "aanslagnummer",
        "adres",
        "nummer",
        "mevrouw",
        "meneer",
        "klopt",
        "checken",
        "check",
        "genoteerd",
        "noteer",
        "stuur",
        "vandaag",
        "mail",
        "mailadres",
        "telefoonnummer",
        "zie",
        "hier",
        "punt",
        "com",
        "momentje",
        "zoek",
        "kijken",
        "aanslagen",
    }
)
"""Words around a read-back of details that add nothing of the caller's story."""
_DEADLINE = re.compile(
    r"(?i)\b(?:voor|vóór|uiterlijk|tot en met|t/m)\s+\d{1,2}\s+"
    r"(?:jan|feb|maart|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)"
)
"""A date by which something must be done: a sentence with it states a step, it sums up no story."""


@dataclass
class Result:
    value: float | None
    evidence: list[Evidence] = field(default_factory=list)
    detail: str = ""
    moment: Evidence | None = None
    """The trainee's own moment the tip builds on."""
    suggestion: str = ""
    """A better way to say it, specific to the moment (e.g. the plain words for a jargon term)."""
    suggestion_label: str = "Probeer"
    skipped: str = ""
    """Why the signal cannot be measured on this call (then value is None)."""


def skipped(reason: str) -> Result:
    return Result(None, skipped=reason)


@dataclass
class WrongSaid:
    """A wrong statement in a call: the turn (index in the transcript), what was wrong, and where it was set right."""

    index: int
    turn: Turn
    wrong: Wrong
    corrected_at: int | None = None


@dataclass
class Call:
    """A call as the signals read it: the transcript, the analyzer's reading of every trainee turn, the scenario."""

    transcript: Transcript
    scenario: Scenario | None
    analyzer: Analyzer
    analyses: list[Analysis] | None = None
    """The readings of the trainee turns when they are at hand (a live call); read again from the text otherwise."""
    learner: list[tuple[int, Turn, Analysis]] = field(init=False)
    caller: list[tuple[int, Turn]] = field(init=False)
    _asks: dict[int, set[str]] = field(init=False, default_factory=dict, repr=False)
    _recaps: list[tuple[int, Turn, Any]] = field(init=False, default_factory=list, repr=False)

    def __post_init__(self) -> None:
        turns = self.transcript.turns
        said = [(i, t) for i, t in enumerate(turns) if t.speaker == "learner"]
        analyses = self.analyses
        if analyses is None or len(analyses) != len(said):
            before: dict[int, str] = {}
            line = ""
            for i, t in enumerate(turns):
                if t.speaker == "caller":
                    line = t.text
                else:
                    before[i] = line
            analyses = [self.analyzer.analyze(t.text, before[i]) for i, t in said]
        self.learner = [(i, t, a) for (i, t), a in zip(said, unrepeated(analyses), strict=True)]
        self.caller = [(i, t) for i, t in enumerate(turns) if t.speaker == "caller"]
        self._analysis = {i: a for i, _, a in self.learner}

    @property
    def practical(self) -> bool:
        """A short practical call: the scenario has no layered concern, so there is no story to dig for; one open
        question and one follow-up on the caller's words are all the listening it asks."""
        return self.scenario is not None and not self.scenario.concerns.hidden

    @property
    def revealed(self) -> set[str]:
        return {r for _, t in self.caller for r in t.revealed}

    @cached_property
    def stated(self) -> list[Stated]:
        """Per trainee turn, what it states in this scenario, read as the caller brain read it (with the caller's
        line before it)."""
        assert self.scenario is not None
        out = []
        for i, t, a in self.learner:
            before = self.previous_caller(i)
            out.append(stated(self.analyzer, self.scenario, t.text, before.text if before else "", a))
        return out

    @cached_property
    def wrong_info(self) -> list[WrongSaid]:
        """Every wrong statement, with the turn that set it right (a later statement of the true value), if any."""
        if self.scenario is None:
            return []
        found: list[WrongSaid] = []
        seen: set[str] = set()
        for (i, t, _), said in zip(self.learner, self.stated, strict=True):
            for item in found:
                if item.corrected_at is None and item.wrong.claim is not None and item.wrong.claim in said.right:
                    item.corrected_at = i
            for w in said.wrong:
                if not self._shown_wrong(i, w):
                    continue
                if w.id not in seen:
                    seen.add(w.id)
                    found.append(WrongSaid(i, t, w))
        return found

    @cached_property
    def wrong_sentences(self) -> set[tuple[int, str]]:
        """The trainee's sentences that state something wrong (turn index, sentence): an answer, never a summary of
        the caller ("Nou u bent verhuisd dus dan krijgt u de hele aanslag terug, ook de OZB"; evidence round 11)."""
        if self.scenario is None:
            return set()
        return {(i, w.sentence) for (i, _, _), said in zip(self.learner, self.stated, strict=True) for w in said.wrong}

    def _shown_wrong(self, index: int, w: Wrong) -> bool:
        """Whether a wrong statement stands in its own sentence: a wrong value (a term, an amount, a date) of a
        catalogue claim the scenario does not name is read only when its sentence names what it is about. A value
        in a sentence about something else ("Wel kan een betalingsregeling, in maximaal zes maanden", "de
        bankafschriften van de laatste drie maanden") took its subject from another sentence or from the caller:
        no wrong statement the report can quote."""
        reader = self.analyzer.claim_reader
        claim = reader.claims.get(w.claim) if w.claim else None
        if claim is None or claim.kind not in VALUE_KINDS or (self.scenario and claim.id in self.scenario.claims):
            return True  # the scenario's own claims are what the call is about
        if reader.names_subject(claim.id, w.sentence) is not False:
            return True
        # "Tegen een afwijzing kunt u in beroep. Dat kan binnen drie maanden.": 'dat' stands for the subject named
        # in the sentence before
        sentences = [x.text for x in self._analysis[index].sentences]
        at = sentences.index(w.sentence) if w.sentence in sentences else 0
        return (
            at > 0 and bool(_STANDS_FOR.match(w.sentence)) and bool(reader.names_subject(claim.id, sentences[at - 1]))
        )

    @property
    def uncorrected(self) -> list[WrongSaid]:
        return [w for w in self.wrong_info if w.corrected_at is None]

    def previous_caller(self, index: int) -> Turn | None:
        before = [t for i, t in self.caller if i < index]
        return before[-1] if before else None

    def learner_after(self, index: int, limit: int) -> list[tuple[int, Turn, Analysis]]:
        return [x for x in self.learner if x[0] > index][:limit]

    @cached_property
    def summaries(self) -> list[tuple[int, Turn, Any]]:
        """The summaries that give back what the caller said, not questions ("Dus de hond, wat is daarmee?"). A
        summary that can also recap the trainee's own words (lexicon ``reflection.recaps``: "Dus ...", "Kort gezegd")
        counts when at least two of its words come from the caller's turns before it (and were not brought in by the
        trainee): "Dus zo'n regeling moet u zelf aanvragen" restates the trainee's explanation."""
        out = []
        for i, t, h in self.hits("summary"):
            sentence = self.sentence(i, h)
            # the caller's own words: said by the caller before, and not first brought in by the trainee
            caller_words: set[str] = set()
            trainee_words: set[str] = set()
            for j, turn in sorted([*self.caller, *((k, u) for k, u, _ in self.learner)], key=lambda x: x[0]):
                if j >= i:
                    break
                words = self.analyzer.content_words(turn.text)
                if turn.speaker == "caller":
                    caller_words |= words - trainee_words
                else:
                    trainee_words |= words
            # "Dus de hond, wat is daarmee?" asks; "Als ik u goed begrijp, bent u bang dat ...?" gives back, rising
            # "u zei net dat u thuis de wind van voren krijgt, hoe bedoelt u dat?" gives one phrase back to ask on: a
            # follow-up question, no summary (evidence round 8)
            question = self.asks_in(i, sentence) or bool(_PROBING_TAIL.search(sentence))
            recap = h.rule in self.analyzer.recaps
            if question or (recap and len(self.analyzer.content_words(sentence) & caller_words) < 2):
                continue
            if self.reads_back_details(i, sentence) or any(
                j == i and (w in sentence or sentence in w) for j, w in self.wrong_sentences
            ):
                continue  # "dank u, Esdoornhof 5 in Veldhem, ja ik zie het.": a detail read back (evidence rounds 9-10)
            if recap and _DEADLINE.search(sentence):
                self._recaps.append((i, t, h))  # "dus u regelt de nieuwe rekening voor 15 mei via digid": a step
                continue
            if recap and not self.analyzer.gives_back(sentence, caller_words, trainee_words):
                self._recaps.append((i, t, h))
            else:
                out.append((i, t, h))
        return out

    def reads_back_details(self, index: int, sentence: str) -> bool:
        """Whether a sentence reads the caller's details back to check them ("dus kastanjehof 7 heggedal, mevrouw
        hazenberg.", "r.veenstra@ziggo.nl, genoteerd.", "Dahliastraat 12, aanslag 2026.5521.087, klopt dat?"): it
        takes names, numbers or a mail address from the caller's turn before and says nothing else of substance."""
        previous = self.previous_caller(index)
        if previous is None or not _DETAIL_GIVEN.search(previous.text):
            return False
        given = {
            fold(w) for w in re.findall(r"[\w.@-]+", previous.text) if w[:1].isupper() or any(c.isdigit() for c in w)
        }
        given |= {p for w in re.findall(r"\S+@\S+", previous.text) for p in re.split(r"[@.]", fold(w)) if p}
        words = self.analyzer.content_words(sentence)
        taken = {w for w in words if w in given or any(w in g.split(".") for g in given)}
        # with two or more details read back, the caller's other words around them are read back too ("Dus Kerkpad
        # 12, en u woont nu Vinkenlaan 5 in Amersfoort."; evidence round 11)
        said = {w[:4] for w in self.analyzer.content_words(previous.text)} if len(taken) >= 2 else set()
        loose = {w for w in words - taken - _DETAIL_TALK if w[:4] in said}
        if len(loose) > 2 or (loose and self.analyzer.feeling(sentence)):
            loose = set()  # "Dus u heeft uw huis aan het Kerkpad verkocht, ... dat vindt u niet eerlijk": a summary
        return bool(taken) and not (words - taken - loose - _DETAIL_TALK)

    @property
    def recaps(self) -> list[tuple[int, Turn, Any]]:
        """The recaps of the trainee's own explanation or of the agreements ("Samengevat: de kosten vervallen en u
        krijgt een bevestiging"): no summary of the caller (see ``summaries``)."""
        _ = self.summaries
        return self._recaps

    def around(self, index: int, hit: Any, found: Callable[[str], bool]) -> str | None:
        """The stretch of a trainee turn from the sentence of a hit to the nearest sentence (before or after it) for
        which ``found`` holds, both included; None when no sentence of the turn qualifies. A summary that touches
        the worry only in the question after it ("U zegt dat het krap is. Wat betekent dat voor de huur?") is quoted
        with that question, so the quote shows what the report says about it."""
        analysis = self._analysis.get(index)
        if analysis is None:
            return hit.text if found(hit.text) else None
        sentences = analysis.sentences
        at = bisect.bisect_right(self._starts[index], hit.start) - 1
        if at < 0 or hit.start >= sentences[at].end:
            return hit.text if found(hit.text) else None
        for n in sorted(range(len(sentences)), key=lambda n: (abs(n - at), n < at)):
            if found(sentences[n].text):
                a, b = sorted((n, at))
                return analysis.text[sentences[a].start : sentences[b].end]
        return None

    def hits(self, act: str) -> list[tuple[int, Turn, Any]]:
        return [(i, t, h) for i, t, a in self.learner for h in a.of(act)]

    @cached_property
    def emotions(self) -> list[tuple[int, int]]:
        """(turn index, emotion) of the caller turns that carry an emotion value."""
        return [(i, t.emotion) for i, t in self.caller if t.emotion is not None]

    @cached_property
    def feelings(self) -> list[tuple[int, Turn]]:
        """Caller turns whose words show a feeling (for transcripts without emotion values)."""
        return [(i, t) for i, t in self.caller if self.analyzer.feeling(t.text)]

    @cached_property
    def phases(self) -> list[list[str]]:
        """The call phases of each trainee turn (parallel to ``learner``)."""
        out = [phases_of(a) for _, _, a in self.learner]
        if out and "opening" not in out[0] and len(self.analyzer.opening_parts(self.learner[0][1].text)) >= 2:
            out[0] = sorted({*out[0], "opening"}, key=PHASES.index)  # the opening the opening criterion sees
        return out

    @cached_property
    def first_phase(self) -> dict[str, int]:
        """Each phase reached, with the number of the trainee turn that first reached it, in order of appearance."""
        first: dict[str, int] = {}
        for n, phases in enumerate(self.phases):
            for phase in phases:
                first.setdefault(phase, n)
        return first

    def analysis(self, index: int) -> Analysis:
        """The reading of the trainee turn at transcript position ``index``."""
        return self._analysis[index]

    def _asking_sentences(self, index: int) -> set[str]:
        """The sentences of a trainee turn that hold a question, found once per turn."""
        if index not in self._asks:
            analysis = self._analysis[index]
            questions = [*analysis.of("open_question"), *analysis.of("closed_question")]
            self._asks[index] = {self.sentence(index, q) for q in questions}
        return self._asks[index]

    def asks_in(self, index: int, sentence: str) -> bool:
        """Whether the analyzer read a question in this sentence of the trainee turn at ``index``."""
        return sentence in self._asking_sentences(index)

    def rhetorical(self, question: str) -> bool:
        """Whether a caller's question is part of one of its reaction lines (a rhetorical question, not a request):
        the shared bank's and the scenario's reactions (REACTIONS), and its reactions to a key point ("Vrijdag al?
        Oké, dat is snel." echoes what it was just told; it asks nothing to answer)."""
        q = fold(question).strip()
        return len(q) >= 4 and any(q in line for line in self._reactions)

    @cached_property
    def _reactions(self) -> frozenset[str]:
        lines = _shared_reactions()
        if self.scenario is not None:
            lines |= {fold(x) for kind, xs in self.scenario.reactions.items() if kind.value in REACTIONS for x in xs}
            lines |= {fold(x) for k in self.scenario.key_info for x in k.reaction}
        return lines

    @cached_property
    def concern_turns(self) -> list[tuple[int, Turn]]:
        """The caller turns where the underlying concern came out: by what the caller revealed, or (for a transcript
        without that record) the caller says it in the concern's words right after the trainee listened (asked, gave
        back, named the feeling); said unasked, it is no discovery of the trainee's."""
        s = self.scenario
        if s is None or not s.concerns.hidden:
            return []
        revealed = [(i, t) for i, t in self.caller if any(r.startswith("concern:") for r in t.revealed)]
        if revealed or any(t.revealed for _, t in self.caller):
            return revealed  # a call played with the caller of this tool says what came out
        out = []
        for i, t in self.caller:
            before = [a for j, _, a in self.learner if j < i][-1:]
            invited = bool(before) and bool(before[0].acts & {"open_question", "summary", "emotion_reflection"})
            if invited and any(first_match(h.keywords, t.text) for h in s.concerns.hidden):
                out.append((i, t))
        return out

    @cached_property
    def _starts(self) -> dict[int, list[int]]:
        """Where each sentence of each trainee turn starts (they are in order): the sentence of a hit by bisection."""
        return {i: [s.start for s in a.sentences] for i, a in self._analysis.items()}

    def _at(self, index: int, hit: Any) -> tuple[list[Any], int]:
        """The sentences of the trainee's turn and the position of the one a hit starts in (-1: before the first)."""
        analysis = self._analysis.get(index)
        if analysis is None:
            return [], -1
        return analysis.sentences, bisect.bisect_right(self._starts[index], hit.start) - 1

    def sentence(self, index: int, hit: Any) -> str:
        """The whole sentence of the trainee's turn that holds a hit: the trainee's own moment, not a fragment."""
        sentences, at = self._at(index, hit)
        return sentences[at].text if at >= 0 and hit.start < sentences[at].end else hit.text

    def sentence_before(self, index: int, hit: Any) -> str:
        """The sentence of the trainee's turn before the one that holds a hit ("" when it is the first)."""
        sentences, at = self._at(index, hit)
        return sentences[at - 1].text if at >= 1 else ""

    def hit_ev(self, index: int, turn: Turn, hit: Any, note: str = "") -> Evidence:
        return ev(index, turn, self.sentence(index, hit), note)

    def is_fact_question(self, text: str) -> bool:
        """A question for an identifying fact (aanslagnummer, naam, adres): those must be closed."""
        slots = self.analyzer.fact_slots
        return bool(slots and slots.search(fold(text)))


def ev(index: int, turn: Turn, text: str | None = None, note: str = "") -> Evidence:
    return Evidence(turn=index + 1, speaker=turn.speaker, text=(text or turn.text).strip(), note=note)


def phases_of(analysis: Analysis) -> list[str]:
    return sorted({PHASE_OF_ACT[a] for a in analysis.acts if a in PHASE_OF_ACT}, key=PHASES.index)
