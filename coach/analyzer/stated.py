"""What one trainee turn states in a scenario: key points conveyed, wrong information, claims set right.

The caller brain and the scorer both call ``stated`` for every trainee turn, with the caller's previous line, so
they read the same turn the same way. Key points with a ``claim`` are credited only from a statement of the true
value; with ``phrases`` only from a statement (not a question, a condition or reported words) that does not negate
them. Wrong information is a scenario entry (by claim or phrases) or a catalogue claim of the scenario's kind of call
(or one it names), stated wrongly: claims of other kinds of call were read wrong far more often than right in calls
rated blind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.analyzer.claims import Context, Verdict
from coach.analyzer.engine import Analysis, Analyzer
from coach.formats import Scenario
from coach.formats.claims import ClaimType
from coach.formats.scenario import KeyInfo
from coach.patterns import first_match, fold


@dataclass(frozen=True)
class Wrong:
    """A wrong statement: the scenario's misinformation entry or a catalogue claim, with what is true instead."""

    id: str
    claim: str | None
    said: str
    sentence: str
    correction: str
    source: str
    reaction: tuple[str, ...] = ()
    pushback: tuple[str, ...] = ()
    believe: tuple[str, ...] = ()
    spoken: str = ""


@dataclass(frozen=True)
class Stated:
    verdicts: tuple[Verdict, ...]
    key_info: dict[str, str]
    """Key point id -> the words that conveyed it."""
    wrong: tuple[Wrong, ...]
    right: frozenset[str]
    """Claims the turn states truly (a later turn that does so corrects an earlier wrong one)."""


@dataclass(frozen=True)
class SentenceReading:
    """What one sentence states on its own: key points (id -> the words) and wrong information (id, the words)."""

    sentence: str
    key_info: dict[str, str]
    wrong: tuple[tuple[str, str], ...]


def by_sentence(analyzer: Analyzer, scenario: Scenario, text: str) -> list[SentenceReading]:
    """Each sentence of a text read as a turn of its own, the way a call reads it: ``coach validate`` looks for
    sentences that state a key point and wrong information with the same words."""
    out = []
    for sentence in analyzer.analyze(text).sentences:
        reading = stated(analyzer, scenario, sentence.text)
        out.append(SentenceReading(sentence.text, reading.key_info, tuple((w.id, w.said) for w in reading.wrong)))
    return out


def context_for(scenario: Scenario, previous: str = "") -> Context:
    return Context(expected=tuple(scenario.claims), truths=scenario.claim_truths(), previous=previous)


_FILLER = re.compile(r"(?i)(?<![^\W_])(?:eh|ehm|ehh|euh|uh|uhm|uhh)\b\s*,?")
"""A spoken filler ('eh,', 'ehm') inside a sentence."""


def stated(
    analyzer: Analyzer, scenario: Scenario, text: str, previous: str = "", analysis: Analysis | None = None
) -> Stated:
    if _FILLER.search(text):
        # "De hondenbelasting, 58 euro, eh, die moet u wel betalen": a filler splits no clause (evidence round 8);
        # blanked to spaces of its length, so every span still points into the text as typed
        text = _FILLER.sub(lambda m: " " * len(m.group()), text)
    analysis = analysis if analysis is not None and analysis.text == text else analyzer.analyze(text)
    memo = analyzer.memo_for("stated")
    key = (id(scenario), id(analysis), text, previous)
    found = memo.get(key)
    if found is not None and found[0] is scenario and found[1] is analysis:  # the ids belong to these objects
        return found[2]
    return memo.put(key, (scenario, analysis, _stated(analyzer, scenario, text, previous, analysis)))[2]


def _stated(analyzer: Analyzer, scenario: Scenario, text: str, previous: str, analysis: Analysis) -> Stated:
    verdicts = analyzer.claims(text, context_for(scenario, previous), analysis)
    if scenario.claims_off:  # the scenario says these claims' words mean something else in this call
        verdicts = [v for v in verdicts if v.reading.claim not in scenario.claims_off]
    if analysis.has("opening"):  # "Ja, met Belastingen" picks up the phone; it answers no question of the caller's
        verdicts = [v for v in verdicts if "(op: " not in v.reading.said]
    if previous and "?" not in previous:
        # the caller's own words given back ("Dertig jaar netjes betalen en dan zo'n brief"): the trainee echoes the
        # caller's story, not a rule; an answer to a caller's question still states what it says
        told = fold(previous)
        verdicts = [v for v in verdicts if len(v.reading.said) < 4 or fold(v.reading.said) not in told]
    asserted = analyzer.asserted_text(text, analysis)  # read once for every phrase below
    key_info = _key_points(analyzer, scenario, asserted, verdicts)
    # words one of the scenario's own key points credits are right here, whatever a catalogue claim reads in them
    # ('uiterlijk 31 december' for the decision on a bezwaar is no bezwaar term), and so are words that fit a part of
    # the phrase that credited it ('verrekend' under 'notaris & verreken*')
    credited = [fold(words) for words in key_info.values()]
    parts = [
        part.strip()
        for item in scenario.key_info
        if item.id in key_info and (found := analyzer.claim_in(item.phrases, asserted)) and "re:" not in found[0]
        for part in found[0].split("&")
    ]
    cleared = [v for v in verdicts if v.wrong and _same_words(v.reading.said, credited, parts)]
    # "U hoeft zich geen zorgen te maken over betalen: de invordering staat stil, u hoeft nog niet te betalen": a
    # claim the turn also states truly, in words of its own, is no wrong information; the caller hears the truth
    # only when the true words come in the same sentence or after the wrong ones (a self-correction): "U hoeft niet
    # te betalen. Maar u moet wel gewoon betalen." ends on the wrong word and stays wrong
    true_at: dict[str, int] = {}
    for v in verdicts:
        if v.states_truth:
            true_at[v.reading.claim] = max(true_at.get(v.reading.claim, -1), v.reading.start)
    cleared += [
        v
        for v in verdicts
        if v.wrong
        and v not in cleared
        and v.reading.claim in true_at
        and (true_at[v.reading.claim] >= v.reading.start or v.reading.sentence in _sentences_with_truth(verdicts, v))
    ]
    if cleared:
        verdicts = [v for v in verdicts if v not in cleared]
        key_info = _key_points(analyzer, scenario, asserted, verdicts)
    wrong: list[Wrong] = []
    covered: set[str] = set()
    sentences: list[str] = []  # the asserted sentences, read when a scenario's wrong phrase is first looked for
    key_text = {k.claim: k.description for k in scenario.key_info if k.claim}
    source = f"scenario '{scenario.title}'"
    for entry in scenario.misinformation:
        hit: tuple[str, str, str] | None = None  # said, sentence, spoken value
        if entry.claim is not None:
            covered.add(entry.claim)
            v = next((v for v in verdicts if v.wrong and v.reading.claim == entry.claim), None)
            if v is not None:
                hit = (v.reading.said, v.reading.sentence, v.reading.said)
        # the scenario's own words for a wrong statement, in a turn that also states the claim truly after them
        # ("12 termijnen kan niet. Het is maximaal 6."): a self-correction, not wrong information
        if hit is None and entry.phrases and not (entry.claim and entry.claim in true_at):
            # within one sentence, and not in a sentence the entry's claim rules out ("die bureaus mogen dat")
            found, chunk = None, ""
            if not sentences:
                sentences = analyzer.asserted_sentences(text, analysis)
            for chunk in sentences:
                found = analyzer.claim_in(entry.phrases, chunk)
                if found and entry.claim:
                    # the clause of the asserted parts the phrase starts in
                    clause = chunk[: found[1].end()].rsplit(" . ", 1)[-1] + chunk[found[1].end() :].split(" . ", 1)[0]
                    if analyzer.claim_reader.rules_out(entry.claim, clause):
                        found = None
                if found:
                    break
            # "12 termijnen kan niet", "en 12 termijnen? nee": the wrong words denied right after them
            if found and _DENIED_AFTER.match(chunk, found[1].end()):
                found = None
            # "Ja, dat mag u doorberekenen. O nee, sorry, ik zei het verkeerd: dat mag juist niet.": taken back
            if found:
                at = fold(text).find(fold(found[1].group()).strip(" .,"))
                if at >= 0 and analyzer.takes_back(text, at + len(found[1].group().strip(" .,"))):
                    found = None
            if found:
                said = found[1].group()
                hit = (said, _sentence_of(analysis, text, said), said)
        if hit is not None:
            claim = analyzer.claim_reader.claims.get(entry.claim) if entry.claim else None
            wrong.append(
                Wrong(
                    entry.id,
                    entry.claim,
                    hit[0],
                    hit[1],
                    entry.correction,
                    entry.source or (claim.source if claim and not _local(claim, scenario) else source),
                    tuple(entry.reaction),
                    tuple(entry.pushback),
                    tuple(claim.believe) if claim else (),
                    hit[2],
                )
            )
    expected = set(scenario.claims)
    for v in verdicts:
        c = v.claim
        if not v.wrong or c.id in covered or any(w.claim == c.id for w in wrong):
            continue
        if c.id not in expected and c.topic != scenario.topic.value:
            continue  # a claim of another kind of call, read from words that mean something else here (blind audit)
        local = _local(c, scenario)
        wrong.append(
            Wrong(
                c.id,
                c.id,
                v.reading.said,
                v.reading.sentence,
                key_text.get(c.id, c.correction),
                source if local else c.source,
                (),
                (),
                tuple(c.believe),
                v.reading.said,
            )
        )
    right = frozenset(v.reading.claim for v in verdicts if v.states_truth) - {
        v.reading.claim for v in verdicts if v.wrong
    }
    return Stated(tuple(verdicts), key_info, tuple(wrong), right)


_DENIED_AFTER = re.compile(
    r"[^\w,;:.]*(?:(?:dat|die|het|kan|mag|gaat|is|zijn|lukt|wordt|bent|was|u|je|ook|echt|zeker|helemaal)\s+){0,3}"
    r"(?:niet|geen|nooit|nee)\b",
    re.I,
)
"""The wrong words denied right after them, in the same clause: "te laat bent u ook niet", "en 12 termijnen? nee";
not across a comma ("Ik zet de incasso weer aan, u bent echt niet de enige")."""


def _sentences_with_truth(verdicts: list[Verdict], wrong: Verdict) -> set[str]:
    return {v.reading.sentence for v in verdicts if v.states_truth and v.reading.claim == wrong.reading.claim}


def _key_points(analyzer: Analyzer, scenario: Scenario, asserted: str, verdicts: list[Verdict]) -> dict[str, str]:
    """The scenario's key points a turn conveys, each with the words that convey it."""
    wrong_claims = {v.reading.claim for v in verdicts if v.wrong}
    found = {item.id: _conveyed(analyzer, item, asserted, verdicts, wrong_claims) for item in scenario.key_info}
    return {k: words for k, words in found.items() if words}


def _same_words(said: str, credited: list[str], parts: list[str]) -> bool:
    """Whether a claim was read from the words a key point credits: one holds the other, or the words fit a part of
    the phrase that credited the key point."""
    folded = fold(said)
    return any(folded in words or words in folded for words in credited) or bool(parts and first_match(parts, said))


def _local(claim: ClaimType, scenario: Scenario) -> bool:
    """Whether the truth is this scenario's own (a local rule, or a value other than the catalogue's): then the
    scenario is the source, otherwise the catalogue's source."""
    truth = scenario.claim_truths().get(claim.id)
    return claim.varies or (truth is not None and truth != claim.truth)


def _conveyed(analyzer: Analyzer, item: KeyInfo, asserted: str, verdicts: list[Verdict], wrong: set[str]) -> str | None:
    if item.claim is not None and item.claim not in wrong:
        v = next((v for v in verdicts if v.reading.claim == item.claim and v.states_truth), None)
        if v is not None:
            return v.reading.said
    if item.phrases and item.claim not in wrong:
        found = analyzer.claim_in(item.phrases, asserted)
        if found:
            return found[1].group()
    return None


def _sentence_of(analysis: Analysis, text: str, said: str) -> str:
    at = text.lower().find(said.lower())
    for s in analysis.sentences:
        if s.start <= at < s.end:
            return s.text
    return text
