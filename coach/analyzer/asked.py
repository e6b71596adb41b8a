"""What one trainee turn asks the caller: the question parts of the turn and the scenario facts they ask for.

A question part is a sentence that asks: it ends with a question mark, the analyzer reads a question in it (also
verb-first without a mark: "Heeft u al iets ondertekend"), its word order asks (any verb before "u"/"je": "Ontvangt u
een uitkering", "hoeveel haal je eruit"), it holds a request ("als ik vragen mag", "graag uw naam", "kunt u me
vertellen", "dan noteer ik uw naam", "ik vroeg me af ...") or it is a short phrase without a verb that names a topic
("naam en adres even voor de zekerheid", "koopwoning of huurwoning"), but not an item of a list ("een: papier van de
bank.") nor a phrase amid a turn that explains or arranges ("Donderdag. Twee uur. Neem de papieren mee."). A summary
asks nothing. A question part that names no topic but asks a fact is read with the sentence before it ("In uw bezwaar
noemde u lekkage. Sinds wanneer speelt dat?").

A fact is asked when a question part matches the fact's topics (the lexicon's ``topics``: the ways Dutch speakers ask
about a household, an income, a date...) or its own ``ask`` patterns, typos of long words and chat spelling included.
The longest match wins, so "wanneer is hij overleden" asks the date of death, not just "a date". A question about an
outranking topic the scenario has no fact for ("hoeveel huur betaalt u", "uw telefoonnummer") asks no fact: the caller
says it does not know. The caller brain uses this reading to answer; the feedback can use the same reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.analyzer.engine import Analysis, Analyzer
from coach.formats import Scenario
from coach.formats.lexicon import Lexicon, Questions
from coach.formats.scenario import Fact
from coach.patterns import fold, word_alternatives

_QUESTION_ACTS = {"open_question", "closed_question"}
LOCAL_BONUS = 4
"""A scenario's own ``ask`` wording counts as this many characters longer than a shared topic's: it is local."""
_LIST_ITEM = re.compile(r"[^:]{0,20}:(?!\s*(?:uw|je|jouw)\b)", re.IGNORECASE)
"""A numbered item of a list ("een: papier van de bank."): no question, unlike "Voor de zekerheid: uw adres"."""


class _Words:
    """The lexicon's question words this module reads with (``questions``), compiled once per analyzer."""

    def __init__(self, q: Questions) -> None:
        def alt(words: list[str]) -> str:
            return "(?:" + word_alternatives([fold(w) for w in words]) + ")"

        self.builds_on = re.compile(r"(?<![^\W_])" + alt(q.builds_on) + r"(?![^\W_])")
        """A question that can build on the sentence before it asks for a fact: a date, a place, an amount."""
        self.goes_on = re.compile(r"\W*" + alt(q.goes_on) + r"\s", re.IGNORECASE)
        """A phrase that goes on with what the turn told ("... met DigiD. Of een papieren formulier.")."""
        self.two_things = re.compile(r"\w\W+(?:en|,)\W+(?:eh\W+)?" + alt(q.second_heads) + r"\b|\w,\s*en\b")
        """A question part that asks two things: "uw aanslagnummer en uw adres", "uw adres, en heeft u het
        aanslagnummer"."""
        self.own_statement = re.compile(r"\W*(?:" + alt(q.statement_lead) + r"\W+)*(?:ik|we|wij|u|je|jij)\b")
        """A question part that opens with a statement of the speaker's own ("Ik zie uw adres hier, wat is ...")."""
        self.clause_start = re.compile(r"(?:^|[,:;]\s*)(?:" + alt(q.clause_lead) + r"\s+)*(\w+)")
        """Where a clause starts, and its first word after a lead-in ("..., en wat is het nummer")."""


def _compile(lexicon: Lexicon) -> _Words:
    return _Words(lexicon.questions)


def _words(analyzer: Analyzer) -> _Words:
    return analyzer.compiled(_compile)


@dataclass(frozen=True)
class FactAsked:
    fact: Fact
    score: int
    """The length of the longest matching wording: the more specific, the better."""
    part: int
    """Which question part asked it."""


@dataclass(frozen=True)
class Asked:
    parts: tuple[tuple[int, int], ...]
    """The question parts of the turn (start, end)."""
    facts: tuple[FactAsked, ...]
    """The facts asked, best first; at most one per question part."""
    topics: frozenset[str]
    """Every topic a question part asks about, whether or not the scenario has a fact for it."""
    open: bool
    """Whether a question part is an open question (the analyzer's reading)."""
    leading: frozenset[str] = frozenset()
    """Per question part the topics of its longest matching wording: what the part is about ("het telefoonnummer
    van het Geldpunt" is about someone else's number, though it names a telefoonnummer); every topic of a part that
    asks two things ("uw telefoonnummer en e-mailadres")."""
    leading_of: tuple[frozenset[str], ...] = ()
    """The same per question part, in the order of ``parts``."""
    topics_of: tuple[frozenset[str], ...] = ()
    """Every topic each question part names in its own words, in the order of ``parts``."""

    @property
    def asks(self) -> bool:
        return bool(self.parts)


def question_parts(analyzer: Analyzer, analysis: Analysis) -> list[tuple[int, int]]:
    """The sentences of a turn that ask something (see the module docstring)."""
    text = analysis.text
    out = []
    summaries = [(h.start, h.end) for h in analysis.hits if h.act == "summary"]
    # "Donderdag. Twee uur. Neem de papieren van de bank mee. Mijn collega helpt u.": short phrases in a turn that
    # explains or arranges are part of what it says, not questions, unless one ends the turn without a full stop
    # ("Van wie huurde u dat pand")
    telling = bool(analysis.acts & {"explanation", "next_step"})
    last = analysis.sentences[-1].start if analysis.sentences else 0
    for s in analysis.sentences:
        if any(a < s.end and s.start < b for a, b in summaries):
            continue  # a summary ("als ik u goed begrijp, ... klopt dat?") checks what was said; it asks no fact
        sentence = text[s.start : s.end]
        asks = (
            asks_outright(analysis, s.start, s.end)
            or analyzer.is_request(sentence)
            or analyzer.asks_by_word_order(sentence)
        )
        fragment = (
            (
                not telling
                or (
                    s.start == last
                    and not _words(analyzer).goes_on.match(sentence)
                    and not sentence.rstrip().endswith((".", "!"))
                )
            )
            and analyzer.is_fragment(sentence)
            and not _LIST_ITEM.match(sentence)
        )
        if asks or (fragment and analyzer.topic_matches(sentence)):
            out.append((s.start, s.end))
    return out


def asks_outright(analysis: Analysis, start: int, end: int) -> bool:
    """Whether the part of a turn from ``start`` to ``end`` is a question by its mark or by the analyzer's reading."""
    if analysis.text[start:end].rstrip(" \"')").endswith("?"):
        return True
    return any(h.act in _QUESTION_ACTS and start <= h.start < end for h in analysis.hits)


def asked(analyzer: Analyzer, scenario: Scenario, analysis: Analysis) -> Asked:
    """The facts of ``scenario`` the turn asks for, best first (read once per scenario and reading: pure)."""
    memo = analyzer.memo_for("asked")
    key = (id(scenario), id(analysis))
    found = memo.get(key)
    if found is not None and found[0] is scenario and found[1] is analysis:  # the ids belong to these objects
        return found[2]
    return memo.put(key, (scenario, analysis, _asked(analyzer, scenario, analysis)))[2]


def _question_clause(analyzer: Analyzer, part: str) -> str:
    """A question part from where the question starts, when a statement of the speaker's own opens it ("Ik zie uw
    adres en de aanslag hier, wat is het nummer?" asks from "wat" on)."""
    words = _words(analyzer)
    if not words.own_statement.match(part):
        return part  # "Het nummer van de aanmaning en wanneer u betaald heeft, kunt u ...?": the list is asked
    for m in words.clause_start.finditer(part):
        if m.start() and (m.group(1) in analyzer.wh or m.group(1) in analyzer.verbs):
            return part[m.start(1) :]
    return part


def _asked(analyzer: Analyzer, scenario: Scenario, analysis: Analysis) -> Asked:
    text = analysis.text
    parts = question_parts(analyzer, analysis)
    open_question = any(h.act == "open_question" and any(a <= h.start < b for a, b in parts) for h in analysis.hits)
    best: dict[str, FactAsked] = {}
    topics_of: dict[int, set[str]] = {}
    both: set[int] = set()
    topics: set[str] = set()
    leading: set[str] = set()
    leading_of: list[frozenset[str]] = []
    named: dict[int, frozenset[str]] = {}
    for index, (a, b) in enumerate(parts):
        part_leading: set[str] = set()
        leading_of.append(frozenset())
        corrected = analyzer.topic_text(text[a:b])
        matched = analyzer.topic_matches(text[a:b], corrected)
        invitation = analyzer.invitation(text[a:b])
        if invitation is not None:
            # "Wat is uw vraag over de termijnen?": the caller tells what it calls about, no fact; what the sentence
            # asks besides ("Mag ik uw naam en adres, en wat is uw vraag?") is still asked
            rest = text[a : a + invitation[0]] + re.sub(
                r"^\s*(?:over|met|bij|van|omtrent)\b[^,.;?]*", "", text[a + invitation[1] : b]
            )
            matched = analyzer.topic_matches(rest, analyzer.topic_text(rest)) if rest.strip(" ,.?") else {}
            if not matched:
                continue
        named[index] = frozenset(matched)  # what the part names itself, before it builds on the sentence before
        short = len(fold(text[a:b]).split()) <= 4 and "nummer" in fold(text[a:b]) and "aanslag" not in fold(text[a:b])
        if matched and a > 0 and short:
            # "Hij belt u donderdag. Op welk nummer?": a short question for a number is about what the sentence
            # before is about; past a short check in between ("Ik laat een collega u bellen. Is dat goed? Op welk
            # nummer?", round-21 audit)
            earlier = [s for s in analysis.sentences if s.end <= a]
            if len(earlier) >= 2 and len(fold(earlier[-1].text).split()) <= 4 and "?" in earlier[-1].text:
                earlier = earlier[:-1]
            before = earlier[-1].start if earlier else 0
            around = analyzer.topic_matches(text[before:b], analyzer.topic_text(text[before:b]))
            if around.keys() & analyzer.outranking - matched.keys():
                matched = {t: score for t, score in around.items() if t in analyzer.outranking} or matched
        closing = any(h.act == "closing" and a <= h.start < b for h in analysis.hits)
        if not matched and a > 0 and not closing and _words(analyzer).builds_on.search(fold(text[a:b])):
            # ("Is er verder nog iets waar ik u mee kan helpen?" closes: it builds on nothing)
            # "In uw bezwaar noemde u lekkage. Sinds wanneer speelt dat?": the question builds on the sentence before
            before = max((s.start for s in analysis.sentences if s.end <= a), default=0)
            corrected = analyzer.topic_text(text[before:b])
            matched = analyzer.topic_matches(text[before:b], corrected)
            a = before
        topics |= matched.keys()
        topics_of[index] = set(matched)
        if matched:
            top = max(matched.values())
            part_leading |= {t for t, score in matched.items() if score == top}
        specific = matched.keys() & analyzer.outranking
        if len(matched) > 1 and _words(analyzer).two_things.search(_question_clause(analyzer, fold(text[a:b]))):
            both.add(index)
            part_leading |= set(matched)  # "Wat is uw telefoonnummer en e-mailadres?" is about both (round-19 audit)
        leading |= part_leading
        leading_of[index] = frozenset(part_leading)
        plain = fold(text[a:b])
        for fact in scenario.facts:
            if specific and not specific & set(fact.topics):
                continue  # the question is about something specific the caller has no fact for (its phone number)
            own = analyzer.phrase_score(fact.ask, text[a:b], corrected)
            if plain != corrected:  # a scenario's own word is no typo of a shared topic's ("water" is not "later")
                own = max(own, analyzer.phrase_score(fact.ask, text[a:b], plain))
            score = max([matched.get(t, 0) for t in fact.topics] + [own + LOCAL_BONUS if own else 0])
            if score and (fact.id not in best or score > best[fact.id].score):
                best[fact.id] = FactAsked(fact, score, index)
    ranked = sorted(best.values(), key=lambda f: -f.score)
    facts: list[FactAsked] = []
    for f in ranked:
        # one fact per question part, the most specific wording decides; a part that asks two things ("mag ik uw
        # aanslagnummer en uw adres?") gets a second when both are its own topics (round-16 audit)
        taken = [g for g in facts if g.part == f.part]
        if not taken or (
            len(taken) == 1
            and f.part in both
            and all(set(x.fact.topics) & topics_of[f.part] for x in (f, taken[0]))
            and not set(f.fact.topics) & set(taken[0].fact.topics)
        ):
            facts.append(f)
    per_part = tuple(named.get(n, frozenset()) for n in range(len(parts)))
    return Asked(
        tuple(parts), tuple(facts), frozenset(topics), open_question, frozenset(leading), tuple(leading_of), per_part
    )
