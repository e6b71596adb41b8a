"""The dialogue-act analyzer: reads one trainee turn and says which acts it contains, with evidence.

The turn is folded (lower case, no accents, offsets kept), split into sentences and clauses, and read by rules from
the lexicon. Questions are classified by word order (question word + verb, verb + subject) and punctuation, because
trainees type without question marks; the look-alikes ("Wat een toestand!", "Hoe het ook zij, ...") fail those
word-order checks. Every hit carries the matched text, its offsets in the original turn and the rule that fired.
"""

from __future__ import annotations

import bisect
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple, TypeVar

from coach.analyzer.claims import ClaimReader, Context, Verdict
from coach.formats.acts import ACTS, SEARCHED_BY_RULES
from coach.formats.lexicon import Lexicon, Rule, RuleSet
from coach.patterns import (
    BOUNDARY,
    compile_pattern,
    first_claim,
    fold,
    group_parts,
    join_alternatives,
    pattern_regex,
    search,
    split_tokens,
    word_alternatives,
)
from coach.values import MONTH_NAMES, WEEKDAYS

_T = TypeVar("_T")

_QUESTION_ACTS = ("open_question", "closed_question")

MAX_READ = 20_000
"""The characters of one turn the analyzer reads: some 3,000 words, a quarter of an hour of speech. A pasted wall of
text beyond it is kept in the transcript but not read, so one turn cannot make scoring slow (issue 15)."""


REPEAT_WORDS = 6
"""From this many words a sentence said again earns nothing new (``unrepeated``)."""


def _sentence_words(sentence: Sentence) -> str:
    return " ".join(_TOKEN.findall(fold(sentence.text)))


def unrepeated(analyses: Sequence[Analysis]) -> list[Analysis]:
    """The readings of a call's trainee turns as they earn credit: a sentence of six words or more that the trainee
    said before in the call earns nothing new (a message pasted every turn), so its acts count the first time only.
    Short stock phrases ('Is dat duidelijk?', 'Wat bedoelt u precies?') may come back at a new moment, and faults
    count every time. The caller still hears a repeated sentence (it reads ``analyze``); only the scorer gives no
    credit twice."""
    said: set[str] = set()
    out = []
    for analysis in analyses:
        words = [w if w.count(" ") >= REPEAT_WORDS - 1 else "" for w in map(_sentence_words, analysis.sentences)]
        again = [(s.start, s.end) for s, w in zip(analysis.sentences, words, strict=True) if w and w in said]
        said.update(w for w in words if w)
        if again:
            kept = tuple(h for h in analysis.hits if h.act in _FAULTS or not any(a <= h.start < b for a, b in again))
            analysis = Analysis(analysis.text, kept, analysis.sentences)
        out.append(analysis)
    return out


def readable_part(text: str) -> str:
    """The part of a turn that is read: all of it, or up to the last space before MAX_READ."""
    if len(text) <= MAX_READ:
        return text
    cut = text.rfind(" ", 0, MAX_READ)
    return text[: cut if cut > MAX_READ // 2 else MAX_READ]


def _question_spans(analysis: Analysis, polite_instruction: re.Pattern[str]) -> list[tuple[int, int, bool]]:
    """The questions that keep a claim from being stated, with whether each is only a tag ('…, oké?'). Without a
    question mark only a verb-first sentence counts ("Heeft u al bezwaar gemaakt"), and not with 'even', 'maar' or
    'gerust' (a polite instruction: "Kijkt u even op de website"); a question word often starts a statement then
    ("Wat binnenkomt, gaat naar de schuld")."""
    ends = {s.end: s.text.rstrip(" \"')")[-1:] for s in analysis.sentences}
    order = sorted(ends)
    out = []
    for h in analysis.hits:
        if h.act not in _QUESTION_ACTS:
            continue
        at = bisect.bisect_right(order, h.start)
        end = order[at] if at < len(order) else None
        terminal = ends[end] if end is not None else ""
        polite = h.rule == "verb-first" and bool(polite_instruction.search(fold(analysis.text[h.start : h.end])))
        # unmarked: a verb-first sentence, or a question word + verb typed without any end ("Hoeveel betaalde u")
        unmarked = (h.rule == "verb-first" and not polite) or (
            h.rule in ("wh-question", "fact-question") and terminal not in (".", "!")
        )
        if terminal == "?" or unmarked:
            # a question typed without any end runs to the end of its sentence ("wie is Pip, is dat uw hond")
            wh = h.rule in ("wh-question", "fact-question")
            stop = end if wh and unmarked and terminal not in ("?", ".", "!") and end is not None else h.end
            out.append((h.start, max(h.end, stop), h.rule == "question-tag"))
    return out


_ALPHA_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = frozenset("aeiouy")
_CONSONANTS_5 = re.compile(r"[^aeiouy\W\d_]{5,}")
_GIBBERISH_HINT = re.compile(r"[^aeiouy\W\d_]{5,}|(?<![^\W_])[^aeiouy\W\d_]{3,}(?![^\W_])")
"""A word without a vowel or with five consonants in a row: without one, a turn is no keyboard mash."""
_FAULTS = frozenset({"dismissive", "jargon", "informal_address"})
_TOKEN = re.compile(r"[^\W_]+(?:['-][^\W_]+)*|€")
# a retraction right after a value mends a slip of the tongue, unless it says the value came before (Analyzer.retracts)
_VALUE = re.compile(r"\d|(?<![^\W_])(?:" + "|".join([*MONTH_NAMES.values(), *sorted(WEEKDAYS)]) + r")(?![^\W_])")
_ERROR_SAID = re.compile(
    r"(?<![^\W_])(?:verkeerd|fout|foutje|fouts|vergis\w*|vergissing|mis|reken\w*|verbeter\w*|elkaar|onjuist|onjuists|"
    r"zei|zeg|bedoelde|rommelig|onhandig|klopt niet|niet goed)(?![^\W_])"
)
"""Words that say something said was wrong: a retraction names its error ("ik reken het verkeerd")."""
_FLOOR_RULES = frozenset({"vertel-kaal", "ga-uw-gang"})
"""Open-question rules that only give the floor back ("Gaat u maar door, ik luister.", "Ga uw gang.")."""
_SAID_BEFORE = re.compile(r"(?<![^\W_])(?:net|eerst|daarnet|zojuist|eerder|daarstraks)(?![^\W_])")
_TOKEN_SPAN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
"""A word without digits, hyphenated parts included: for counting a sentence's opening words."""
_SENTENCE_END = re.compile(r"[.!?]+(?=[\s\"')]|$)|\n+")
_CLAUSE_SPLIT = re.compile(r"[,;:]+")
_CHECKS_THEMSELVES = frozenset({"klopt-dat-tag", "klopt-dat"})
_LONG_WORD = re.compile(r"[^\W\d_]{5,}")


_STEM_ENDINGS = ("ingen", "ende", "ing", "en", "de", "te", "es", "er", "e", "t", "s")


def _stem(word: str) -> str:
    """A rough stem for comparing words across turns: 'zorgen'/'zorg', 'slaapt'/'slaap', 'gevallen'/'gevall'."""
    for ending in _STEM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            break
    return word[:6]


def _unstutter(token: tuple[str, int, int]) -> tuple[str, int, int]:
    """'wa-wat' is 'wat', 'h-heeft' is 'heeft': a repeated start is no word of its own."""
    word, a, b = token
    head, dash, tail = word.partition("-")
    if dash and head and tail.startswith(head) and "-" not in tail:
        return tail, a + len(head) + 1, b
    return token


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """Whether a and b differ by one letter missing, extra or wrong, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i in range(len(short)) if short[i] != long[i]), len(short))
    return short[i:] == long[i + 1 :]


_ONLY_U_FORMS = frozenset({"kunt", "hoeft", "wilt", "bent", "hebt", "zult"})
"""Verb forms that only 'u' takes: "een brief die u kunt invullen" ('krijgt', 'hoort' also go with 'hij')."""


def _sentence_end(text: str, at: int) -> int:
    """Where the sentence that runs at ``at`` ends (after its mark), or the end of the text."""
    m = re.compile(r"[.!?]").search(text, at)
    return m.end() if m else len(text)


_CONDITION_THEN = re.compile(r"^[^?]*?,\s*(?:dan|zo)\s+(?!is\b)\w+\s+(?:u|je|jij|ik|we|wij|ze|zij|het|die)\b[^?]*$")
"""'Twijfelt u, dan belt u ons': a condition followed by what happens then, with no question mark."""


class _Echo(NamedTuple):
    stems: frozenset[str]
    asked: bool


@dataclass(frozen=True, slots=True)
class ActHit:
    """One act found in a turn, with the evidence a trainer can check."""

    act: str
    text: str
    start: int
    end: int
    rule: str
    term: str | None = None
    plain: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "act": self.act,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
        }
        if self.term is not None:
            data["term"] = self.term
            data["plain"] = self.plain
        return data


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Analysis:
    """The analyzer's reading of one turn: acts with evidence, in order of appearance."""

    text: str
    hits: tuple[ActHit, ...]
    sentences: tuple[Sentence, ...] = field(default=())

    @cached_property
    def acts(self) -> frozenset[str]:
        return frozenset(h.act for h in self.hits)

    def has(self, act: str) -> bool:
        return act in self.acts

    @cached_property
    def _by_act(self) -> dict[str, list[ActHit]]:
        grouped: dict[str, list[ActHit]] = {}
        for h in self.hits:
            grouped.setdefault(h.act, []).append(h)
        return grouped

    def of(self, act: str) -> list[ActHit]:
        return list(self._by_act.get(act, ()))

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "acts": [h.as_dict() for h in self.hits]}


First = tuple[set[str], tuple[str, ...]] | None


_GAP_TOKEN = re.compile(r"\.\.\.\d*")


def _anchor(pattern: str, var_words: dict[str, First] | None = None, common: frozenset[str] = frozenset()) -> First:
    """The most telling word a pattern cannot match without (any of its words, not only the first), so that a
    sentence without it is skipped: 'ik|wij hoor|merk ...8 $feeling' needs 'hoor', 'merk', ... rather than 'ik'."""
    if pattern.startswith("re:"):
        return _raw_first_word(pattern[3:])
    best: First = None
    best_score: tuple[int, int, int] | None = None
    for token in split_tokens(pattern):
        if _GAP_TOKEN.fullmatch(token):
            continue
        first = _first_words(token, var_words)
        if first is None or not (first[0] or first[1]):
            continue
        words = [*first[0], *first[1]]
        score = (-len(first[0] & common), min(len(w) for w in words), -len(words))
        if best_score is None or score > best_score:
            best, best_score = first, score
    return best


def _needed_lists(pattern: str) -> set[str]:
    """The $lists a pattern cannot match without ("ik hoor ... $feeling" needs a word of $feeling)."""
    if pattern.startswith("re:"):
        return set()
    return {token[1:] for token in split_tokens(pattern) if token.startswith("$") and "|" not in token}


def _first_words(pattern: str, var_words: dict[str, First] | None = None) -> First:
    """Words (and prefixes) a pattern can start with, so a sentence without them is skipped; None if unknown."""
    if pattern.startswith("re:"):
        return _raw_first_word(pattern[3:])
    first = split_tokens(pattern)[0]
    if first.startswith("(") and first.endswith(")"):
        return _merge_first([_first_words(part, var_words) for part in group_parts(first)])
    exact: set[str] = set()
    prefixes: list[str] = []
    for alt in first.split("|"):
        if alt.startswith("$"):
            known = (var_words or {}).get(alt[1:])
            if known is None:
                return None
            exact |= known[0]
            prefixes += known[1]
            continue
        if alt.startswith("*"):
            return None
        word = fold(alt.split("-")[0])
        if alt.endswith("*"):
            prefixes.append(word.rstrip("*"))
        else:
            exact.add(word)
    return exact, tuple(prefixes)


_RAW_LEAD_GROUP = re.compile(r"\^?\(\?:((?:[a-z]+(?:\\w\*)?)(?:\|[a-z]+(?:\\w\*)?)*)\)(?![*+?{])")
_RAW_LEAD = re.compile(r"(?:\^|\(\?<!\\w\)|\(\?<!\[\^\\W_\]\))?([a-z]+)(\\[sWb]| )?")


def _raw_first_word(raw: str) -> First:
    """The literal word a raw regex starts with ("re:(?<!\\w)dus\\W+..."), if it has no top-level '|'."""
    depth = 0
    for i, ch in enumerate(raw):
        if ch == "\\":
            continue
        if ch == "(" and (i == 0 or raw[i - 1] != "\\"):
            depth += 1
        elif ch == ")" and raw[i - 1] != "\\":
            depth -= 1
        elif ch == "|" and depth == 0 and raw[i - 1] != "\\":
            return None
    group = _RAW_LEAD_GROUP.match(raw)
    if group:  # "(?:vervelend\w*|balen|heftig)(?=...)": one of these words or word starts
        exact: set[str] = set()
        prefixes: list[str] = []
        for alt in group.group(1).split("|"):
            if alt.endswith(r"\w*"):
                prefixes.append(alt[:-3])
            else:
                exact.add(alt)
        return exact, tuple(prefixes)
    m = _RAW_LEAD.match(raw)
    if not m:
        return None
    return ({m.group(1)}, ()) if m.group(2) else (set(), (m.group(1),))


def _possible(first: tuple[set[str], tuple[str, ...]], words: set[str]) -> bool:
    """Whether a sentence with these words can match: one of the first words, or a word with one of the prefixes."""
    exact, prefixes = first
    if not words.isdisjoint(exact):
        return True
    if prefixes:
        for w in words:
            if w.startswith(prefixes):
                return True
    return False


def _factored(bounded: list[str], raw: list[str]) -> list[str]:
    """Branches of one alternation: the bounded ones (boundary stripped) behind one shared boundary, then raw ones.

    Python's regex engine skips a branch cheaply when it starts with a literal, not when it starts with a
    lookbehind; with the boundary factored out, dozens of rules cost little more than one.
    """
    return ([BOUNDARY + "(?:" + "|".join(bounded) + ")"] if bounded else []) + raw


_NOT_SETTLED = re.compile(
    r"(?<![^\W_])ik weet (?:het )?niet (?:zeker|precies) of(?![^\W_]).*?(?<![^\W_])ik (?:vraag|kijk|check|informeer)"
    r"(?: even)?(?: na)? of(?![^\W_])"
)
"""Not sure yet and asking whether ("ik weet niet zeker of ze dan nog werken, ik vraag of het kan"): no agreement."""
_GO_ON = re.compile(
    r"\W*(?:(?:ok|oke|ja|sorry|prima|natuurlijk|goed|hoor)\W+)*ga\s+(?:uw|je|jouw)\s+gang\W*(?:hoor\W*)?$"
)
"""A bare 'ga uw gang': after something the caller was saying, it gives the floor back."""
_FLOOR_BACK = re.compile(r"\bga(?:at)?\s+(?:u\s+)?(?:uw|je|jouw)\s+gang\b|\bgaat\s+u\s+(?:maar\s+)?(?:verder|door)\b")
"""The floor given back after interrupting ("gaat uw gang", "gaat u verder"): a sorry next to it is for that."""
_UNITS = frozenset({"euro", "cent", "procent", "eur"})
"""Units of an amount: no word the trainee brings in."""


def _clauses(s: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of a sentence, split at commas, semicolons and colons."""
    out, pos = [], 0
    for m in _CLAUSE_SPLIT.finditer(s):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(s)))
    return out


class _Rules:
    """A list of rules compiled into few regexes; the first (leftmost) match wins.

    A sentence that contains none of the words the rules can start with is skipped without running a regex,
    which keeps the analyzer fast with many rules.
    """

    def __init__(
        self,
        rules: Iterable[Rule],
        variables: dict[str, str],
        var_words: dict[str, First] | None = None,
        gate: bool = True,
        common: frozenset[str] = frozenset(),
    ) -> None:
        """``common``: words too frequent to tell a sentence apart (the lexicon's stopwords), avoided as anchors."""
        self.ids: list[str] = []
        self.first_exact: set[str] | None = set()
        self.first_prefixes: tuple[str, ...] = ()
        ats = ("any", "start", "end", "whole")
        groups: dict[bool, dict[str, tuple[list[str], list[str]]]] = {q: {at: ([], []) for at in ats} for q in (0, 1)}
        # Patterns that need a word of a $list ("ik hoor ... $feeling") run only when the sentence has one: one
        # search for the list instead of every such pattern at every position.
        gated: dict[str, list[Rule]] = {}
        for rule in rules:
            bounded, raw = [], []
            own: list[str] = []
            for p in rule.patterns:
                needs = sorted(_needed_lists(p) & variables.keys()) if gate else []
                if needs:
                    gated.setdefault(needs[0], []).append(rule.model_copy(update={"pattern": [p]}))
                else:
                    own.append(p)
            for p in rule.patterns:
                first = _anchor(p, var_words, common)
                if first is None or self.first_exact is None:
                    self.first_exact = None
                else:
                    self.first_exact |= first[0]
                    self.first_prefixes += first[1]
            for p in own:
                regex = pattern_regex(p, variables)
                if regex.startswith(BOUNDARY):
                    bounded.append(f"(?:{regex[len(BOUNDARY) :]})")
                else:
                    raw.append(f"(?:{regex})")
            for kind, items in ((0, bounded), (1, raw)):
                if not items:
                    continue
                name = f"r{len(self.ids)}"
                self.ids.append(rule.id)
                group = f"(?P<{name}>{'|'.join(items)})"
                if not rule.only_questions:
                    groups[False][rule.at][kind].append(group)
                if rule.questions or rule.only_questions:
                    groups[True][rule.at][kind].append(group)
        self.plain = self._compile(groups[False])
        self.in_question = self._compile(groups[True])
        self.gated = [
            (re.compile(variables[name]), _Rules(gated_rules, variables, var_words, gate=False, common=common))
            for name, gated_rules in gated.items()
        ]

    @staticmethod
    def _compile(groups: dict[str, tuple[list[str], list[str]]]) -> dict[str, re.Pattern[str] | None]:
        """One regex per position kind; the shared word boundary stands in front of all bounded rules (_factored)."""
        suffix = {"any": "", "start": "", "end": r"(?=[\W_]*$)", "whole": r"(?=[\W_]*$)"}
        out: dict[str, re.Pattern[str] | None] = {}
        for at, (bounded, raw) in groups.items():
            parts = _factored(bounded, raw)
            out[at] = re.compile("(?:" + "|".join(parts) + ")" + suffix[at]) if parts else None
        return out

    def possible(self, words: set[str]) -> bool:
        return self.first_exact is None or _possible((self.first_exact, self.first_prefixes), words)

    def find(
        self, text: str, starts: list[int], *, question: bool = False, words: set[str] | None = None
    ) -> tuple[str, int, int] | None:
        """First match in ``text`` (a folded sentence); ``starts`` are the allowed start offsets for at: start."""
        if words is not None and not self.possible(words):
            return None
        table = self.in_question if question else self.plain
        best: tuple[str, int, int] | None = None
        for at, regex in table.items():
            if regex is None:
                continue
            if at in ("any", "end"):
                m = regex.search(text)
            else:
                m = None
                for pos in starts if at == "start" else starts[-1:]:
                    m = regex.match(text, pos)
                    if m:
                        break
            if m and (best is None or m.start() < best[1]):
                best = (self.ids[int(m.lastgroup[1:])], m.start(), m.end())  # type: ignore[index]
        for needed, rules in self.gated:
            if best is not None and best[1] == 0:
                break
            if needed.search(text):
                m2 = rules.find(text, starts, question=question)
                if m2 and (best is None or m2[1] < best[1]):
                    best = m2
        return best

    def search(self, text: str, starts: list[int], words: set[str] | None = None) -> bool:
        return self.find(text, starts, words=words) is not None


def _merge_first(items: list[tuple[set[str], tuple[str, ...]] | None]) -> tuple[set[str], tuple[str, ...]] | None:
    if any(i is None for i in items):
        return None
    exact: set[str] = set()
    prefixes: tuple[str, ...] = ()
    for e, p in items:  # type: ignore[misc]
        exact |= e
        prefixes += p
    return exact, prefixes


def _words_regex(words: Iterable[str], variables: dict[str, str] | None = None) -> re.Pattern[str] | None:
    """One regex for a list of patterns, with the shared word boundary in front (see _Rules._compile)."""
    items = [pattern_regex(w, variables) for w in words]
    if not items:
        return None
    bounded = [f"(?:{i[len(BOUNDARY) :]})" for i in items if i.startswith(BOUNDARY)]
    raw = [f"(?:{i})" for i in items if not i.startswith(BOUNDARY)]
    return re.compile("|".join(_factored(bounded, raw)))


def _plain(words: Iterable[str]) -> str:
    """The alternatives of a plain word list (lexicon ``Word`` fields), folded like the text they are searched in."""
    return word_alternatives([fold(w) for w in words])


class Memo:
    """A bounded cache of pure readings keyed by text: a batch reads the same trainee lines after the same caller
    lines again and again (a script, a scenario's lines), and memory must not grow with the number of calls."""

    def __init__(self, size: int = 16_384) -> None:
        self.size = size
        self._data: OrderedDict[Any, Any] = OrderedDict()

    def get(self, key: Any) -> Any:
        return self._data.get(key)

    def put(self, key: Any, value: Any) -> Any:
        data = self._data
        if len(data) >= self.size:
            # the oldest: enough for a batch, where repeats come close together (an OrderedDict drops it in constant
            # time; deleting a plain dict's first key slows down as deleted slots pile up at its front)
            data.popitem(last=False)
        data[key] = value
        return value


_DEPARTMENTS = frozenset(
    {"afdeling", "team", "klantenservice", "klantcontact", "klantcontactcentrum", "servicecentrum"}
)
_NAME_OF = re.compile(r"(?:^|(?<=[\s,.:;!]))([A-Z][\w'-]*)\s+van\s+(?:de\s+|het\s+)?(\w+)")
"""A capitalised word, 'van' and the word after it: 'Sanne van Belastingen'."""


class Analyzer:
    """Compiled once per lexicon; ``analyze`` is pure and fast (thousands of turns per second)."""

    def __init__(self, lexicon: Lexicon) -> None:
        lx = lexicon
        self.lexicon = lexicon
        self.memo: dict[str, Memo] = {}
        self._compiled: dict[Callable[[Lexicon], Any], Any] = {}
        """Bounded caches of readings by text, per kind of reading (``memo_for``); every reading is pure."""
        self.common = frozenset(fold(w) for w in lx.style.stopwords)  # no anchors for rule prefilters (_anchor)
        common = frozenset(fold(w) for w in lx.style.stopwords)
        self.claim_reader = ClaimReader(lx.claims, lambda pattern: _anchor(pattern, common=common))
        self.variables = {name: join_alternatives([pattern_regex(i) for i in items]) for name, items in lx.vars.items()}
        self.var_words = {name: _merge_first([_first_words(i) for i in items]) for name, items in lx.vars.items()}
        v = self.variables
        self.fillers = {fold(w) for w in lx.fillers}
        self.fronted = {fold(w) for w in lx.fronted_adverbs}
        q = lx.questions
        self.wh = {fold(w) for w in q.wh_words}
        self.wh_prep = {fold(w) for w in q.wh_prepositions}
        self.not_after_wh = {fold(w) for w in q.not_after_wh}
        self.verbs = {fold(w) for w in q.finite_verbs}
        self.subjects = {fold(w) for w in q.subjects}
        self.informal_subjects = {fold(w) for w in q.informal_subjects}
        self.interjections = {fold(w) for w in q.interjections}
        self.imperative = {fold(w) for w in q.imperative_markers}
        self.tags = {fold(w) for w in q.tags}
        self.subordinators = {fold(w) for w in q.subordinators}
        self.imperative_anywhere = {fold(w) for w in q.imperative_anywhere}
        self.fact_words = _words_regex(q.fact_words)
        g = lx.grammar
        self.abbreviations = {fold(w) for w in g.abbreviations}
        self.subject_pronouns = {fold(w) for w in g.subject_pronouns}
        self.clause_subjects = frozenset(fold(w) for w in g.clause_subjects)
        self.main_subjects = {fold(w) for w in g.main_subjects}
        self.embedders = {fold(w) for w in g.embedders}
        self.participle_prefixes = tuple(fold(w) for w in g.participle_prefixes)
        self.not_before_je = {fold(w) for w in g.not_before_je}
        self.verb_t_subjects = {fold(w) for w in g.verb_t_subjects}
        self.verb_followers = {fold(w) for w in g.verb_followers}
        self.conditionals = {fold(w) for w in g.conditionals}
        back = g.said_back
        self.perspective = {fold(k): fold(v) for k, v in back.words.items()}
        self.person_verbs: dict[str, tuple[str, str]] = {}
        for first, second in back.verbs.items():
            forms = [second] if isinstance(second, str) else list(second)
            for form in [first, *forms]:
                self.person_verbs[fold(form)] = (fold(first), fold(forms[0]))
        self.said_back_subordinators = frozenset(fold(w) for w in back.subordinators)
        self.said_back_clause_words = frozenset(fold(w) for w in back.coordinators) | self.said_back_subordinators
        self.said_back_not_verbs = frozenset(fold(w) for w in back.not_verbs)
        self.shared_subject = frozenset(fold(w) for w in back.shared_subject)
        self.own_subjects = frozenset(fold(w) for w in back.own_subjects)
        self.time_fronted = frozenset(fold(w) for w in back.time_fronted)
        self.prepositions = frozenset(fold(w) for w in back.prepositions)
        self.u_subject_verbs = frozenset(fold(w) for w in back.u_subject_verbs)
        self.front_prepositions = frozenset(fold(w) for w in back.front_prepositions)
        self.determiners = frozenset(fold(w) for w in back.determiners)
        self.object_after = frozenset(fold(w) for w in back.object_after)
        # "U kunt het uploaden of opsturen. Hoe gaat dat voor u het makkelijkst?": the question asks for a pick
        self.prefers = re.compile(rf"{BOUNDARY}(?:{_plain(q.prefers)})(?![^\W_])")
        self.speech_verbs = frozenset(fold(w) for w in back.speech_verbs)
        self.not_before_u = frozenset(fold(w) for w in g.not_before_u)
        self.negation = _words_regex(lx.negations)
        self.negated_clause = (
            # "niet boos", "niet echt boos", "niet meer zo bang"; not "niet slapen van angst" (review)
            re.compile(
                rf"(?:{self.negation.pattern})\W+(?:(?:meer|zo|echt|erg|heel|helemaal|nog|te|wel)\W+){{0,2}}(?:\w+\W+)?$"
            )
            if self.negation
            else None
        )
        self.fact_slots = _words_regex(q.fact_slots)
        self.fact_questions = _words_regex(q.fact_questions, v)
        self.not_finite = {fold(w) for w in g.not_finite}
        self.conclusive = frozenset(fold(w) for w in g.conclusive)
        r = lx.reflection
        self.second_person = frozenset(fold(w) for w in r.second_person)
        self.inner_verbs = frozenset(fold(w) for w in r.inner_verbs)
        self.not_reflection_verbs = frozenset(fold(w) for w in r.not_verbs)
        self.feeling_verbs = frozenset(fold(w) for w in r.feeling_verbs)
        self.first_person = frozenset(fold(w) for w in r.first_person)
        self.feeling_words = re.compile(v["feeling"]) if lx.vars.get("feeling") else None
        self.not_questions = _Rules(q.not_questions, v, common=self.common)
        self.acts: dict[str, _Rules] = {}
        self.conditional: dict[str, list[tuple[set[str], _Rules]]] = {}
        self.blockers: dict[str, _Rules] = {}
        self.timed: dict[str, _Rules] = {}
        for act, ruleset in lx.acts.items():
            self._compile_act(act, ruleset)
        self.time = re.compile(v["time"]) if lx.vars.get("time") else None  # only asked: is there a time?
        self.greetings = {fold(w) for w in lx.opening.greetings if " " not in w}
        self.greeting_phrases = _words_regex([w for w in lx.opening.greetings if " " in w])
        self.organisation = _words_regex(lx.opening.organisation)
        self.self_id = _Rules(lx.opening.self_id, v, common=self.common)
        self.weak_self_id = _Rules(lx.opening.weak_self_id, v, common=self.common)
        self.not_names = {fold(w) for w in lx.opening.not_names}
        self.introductions = {tuple(fold(w).split()[:2]) for w in lx.opening.introductions if len(w.split()) == 2}
        self.role_words = {fold(w) for w in lx.opening.role_words}
        self.before_name = {fold(w) for w in lx.opening.before_name}
        self.informal_words = {fold(w) for w in lx.informal.words}
        self.generic_je = [re.compile(pattern_regex(p, v)) for r in lx.informal.generic for p in r.patterns]
        self.polite = _words_regex(lx.informal.polite)
        self.domain = _words_regex(lx.explanation.domain)
        self.taken_back = _words_regex(lx.explanation.taken_back, v)
        self.restated = _words_regex(lx.explanation.restated, v)
        self.strong_info = _words_regex(lx.explanation.strong_info)
        self.not_explanation = _Rules(lx.explanation.not_explanation, v, common=self.common)
        self.generic_info = _Rules(lx.explanation.generic, v, common=self.common)
        self.jargon = [
            (
                t,
                re.compile("|".join(f"(?:{pattern_regex(p, v)})" for p in t.patterns)),
                _words_regex(t.explained_by, v),
                _merge_first([_first_words(p) for p in t.patterns]),
            )
            for t in lx.jargon
        ]
        self.jargon_first = _merge_first([first for *_, first in self.jargon if first is not None]) or (set(), ())
        # terms by the words and prefixes they can start with, so a sentence only tries the terms it can hold
        self.jargon_by_word: dict[str, list[int]] = {}
        self.jargon_by_prefix: list[tuple[str, int]] = []
        self.jargon_always = [i for i, t in enumerate(self.jargon) if t[3] is None]
        # a term whose every pattern is one word ("*beschikking") cannot match unless that word is in the sentence
        self.jargon_needles: dict[int, tuple[str, ...]] = {}
        for i, (term, *_) in enumerate(self.jargon):
            cores = [fold(p.strip("*")) for p in term.patterns]
            if all(re.fullmatch(r"[a-z][a-z-]*", c) for c in cores):
                self.jargon_needles[i] = tuple(cores)
        for i, (*_, first) in enumerate(self.jargon):
            if first is not None:
                for word in first[0]:
                    self.jargon_by_word.setdefault(word, []).append(i)
                self.jargon_by_prefix += [(prefix, i) for prefix in first[1]]
        self.stopwords = {fold(w) for w in lx.style.stopwords}
        self.thin_words = frozenset(fold(w) for w in lx.style.thin_words)
        """Content words too common to show a follow-up picks up the caller ('goed', 'kort', 'alleen')."""
        self.formal = [(f.word, f.plain, re.compile(pattern_regex(f.word))) for f in lx.style.formal_words]
        self.negative = _words_regex(lx.style.negative)
        self.positive = _words_regex(lx.style.positive)
        self.recaps = frozenset(lx.reflection.recaps)
        self.advice = tuple(lx.advice)
        self.moods = [(mood, regex) for mood, words in lx.moods.items() if (regex := _words_regex(words)) is not None]
        self.closing_parts = {r.id: r.part for r in lx.acts["closing"].rules if r.part} if "closing" in lx.acts else {}
        closing_rules, c = (lx.acts["closing"].rules if "closing" in lx.acts else []), self.common
        self.closing_by_part = {
            part: _Rules([r for r in closing_rules if r.part == part and not r.needs], self.variables, common=c)
            for part in sorted({r.part for r in closing_rules if r.part})
        }
        self.feelings = tuple(lx.caller.feelings)
        self.caller_asks = _words_regex(lx.caller.asks)
        self.caller_accepts = _words_regex(lx.caller.accepts)
        right = "|".join(f"(?:{pattern_regex(p, v)})" for p in lx.definition.right_after)
        self.defined_right_after = re.compile(rf"[\W_]*(?:{right})") if right else None
        self.defined_later = _words_regex(lx.definition.later, v)
        before = "|".join(f"(?:{pattern_regex(p, v)})" for p in lx.definition.before)
        self.defined_before = re.compile(rf"(?:{before})[\W_]*(?:(?:de|het|een)[\W_]+)?$") if before else None
        self._compile_typos(lx)
        self._compile_topics(lx)
        self.requests = _words_regex(q.requests, v)
        self.teach_back = _words_regex(q.teach_back, v)
        self.choices = _words_regex(q.choices, v)
        self.either_or = _words_regex(q.either_or, v)
        self.caller_tasks = _words_regex(q.caller_tasks, v)
        self.consent = _words_regex(q.consent, v)
        self.news = _words_regex(q.news, v)
        self.able = _words_regex(q.able, v)
        self.has_papers = _words_regex(q.has_papers, v)
        self.knows_how = _words_regex(q.knows_how, v)
        self.when_plan = _words_regex(q.when_plan, v)
        self.when_suits = _words_regex(q.when_suits, v)
        self.means = _words_regex(q.means, v)
        self.opinion = _words_regex(q.opinion, v)
        self.likes = _words_regex(q.likes, v)
        self.invitations = _words_regex(q.invitations, v)
        self.offers = [fold(w).split() for w in q.offers]
        self.asking = re.compile(rf"\?|{BOUNDARY}(?:{_plain(q.asking_verbs)})(?![^\W_])")
        """A sentence that asks: a question mark, or a request ("Wilt u in uw eigen woorden zeggen ...")."""
        self.check_or_again = re.compile(
            rf"^\W*(?:\w+\W+){{0,3}}?(?:{_plain(q.understanding_verbs)}|is\s+(?:dat|het)\s+(?:zo\s+)?"
            rf"(?:{_plain(q.clear_words)}))\b[^?]*\bof\b"
        )
        """A check of understanding offered with a second explanation as the other option: no choice."""
        self.yes_or_no = re.compile(rf"{BOUNDARY}(?:{_plain(q.yes_or_no)})(?![^\W_])")
        self.polite_instruction = re.compile(rf"{BOUNDARY}(?:{_plain(q.polite_instruction)})(?![^\W_])")
        self.self_checks = re.compile(rf"{BOUNDARY}(?:{_plain(q.self_checks)})\s+ik(?![^\W_])")
        """A check of the trainee's own understanding ("begrijp ik dat goed?") asks the caller to confirm."""
        self.polite_words = frozenset(fold(w) for w in lx.informal.polite)
        d = lx.definition
        self.vague = re.compile(rf"\W*dat (?:is|zijn) (?:(?:{_plain(d.vague_fillers)}) )?(?:{_plain(d.vague)})\b")
        self.vague_after = re.compile(rf"\W*(?:(?:{_plain(d.vague_fillers)}) )?(?:{_plain(d.vague)})\b")
        """What a 'dat is' that defines nothing goes on with: 'de regels', 'vervelend' ("Het dwangbevel van 3 maart, dat
        is vervelend voor u.")."""
        """A "dat is ..." that points back to nothing it defines ("Dat zijn de regels.")."""
        off = lx.offscript
        self.english = _words_regex(off.english)
        self.dutch_words = {fold(w) for w in off.dutch}
        self.irrelevant = _words_regex(off.irrelevant)
        self.insults = _words_regex(off.insults)
        self.reassures = {fold(w) for w in off.reassures}
        self.insults_or_irrelevant = _words_regex([*off.insults, *off.irrelevant])
        self.minimal = {" ".join(_TOKEN.findall(fold(w))) for w in off.minimal}
        self.wall_chars = off.wall_chars
        wh = "|".join(sorted(map(re.escape, self.wh), key=len, reverse=True))
        verbs = "|".join(sorted(map(re.escape, self.verbs), key=len, reverse=True))
        self.run_on = (
            re.compile(rf"\s+(?:(?P<wh>(?:{wh})\s+(?:{verbs}))|(?:{verbs})\s+(?:u|je|jij))(?![^\W_])")
            if wh and verbs
            else None
        )

    def _compile_typos(self, lx: Lexicon) -> None:
        """An index of one-edit variants of the trigger words in ``typos`` (deletions on both sides, checked after)."""
        self.typo_words = tuple(sorted({fold(w) for w in lx.typos.words if len(w) >= 5}))
        self.typo_index: dict[str, set[str]] = {}
        for word in self.typo_words:
            for key in _deletions(word) | {word}:
                self.typo_index.setdefault(key, set()).add(word)
        known: set[str] = set()

        def collect(value: object) -> None:
            if isinstance(value, str):
                known.update(_TOKEN.findall(fold(value)))
            elif isinstance(value, dict):
                for item in value.values():
                    collect(item)
            elif isinstance(value, list):
                for item in value:
                    collect(item)

        # the caller brain's lists are not the analyzer's words: counted, 'ontvang', 'teken' and 'betal' would no
        # longer be read as the topic words 'ontving', 'weken' and 'betaal' (a change of its own, not made here)
        collect({k: v for k, v in lx.model_dump().items() if k not in ("typos", "caller_brain")})
        known.update(fold(w) for w in lx.typos.not_typos)
        known.update(self.typo_words)
        self.typo_known = frozenset(known)
        self._typo_memo: dict[str, str | None] = {}

    def _compile_topics(self, lx: Lexicon) -> None:
        """The question topics, and an index of one-edit typos of their long words ("overleeden")."""
        self.topics = {t.id: [(re.compile(pattern_regex(p)), _first_words(p)) for p in t.ask] for t in lx.topics}
        self.outranking = frozenset(t.id for t in lx.topics if t.outranks)
        self.chat = {fold(k): fold(v) for k, v in lx.typos.chat.items()}
        words = {
            w
            for t in lx.topics
            for p in t.ask
            for w in re.findall(r"[a-z]+", fold(p))
            if len(w) >= 5 and not p.startswith("re:")
        }
        self.topic_words = frozenset(words)
        self.topic_index: dict[str, set[str]] = {}
        for word in words:
            for key in _deletions(word) | {word}:
                self.topic_index.setdefault(key, set()).add(word)

    def topic_text(self, text: str) -> str:
        """The folded text with one-letter typos of the topics' long words corrected (for matching only)."""
        folded = fold(text)

        if self.chat:
            folded = _TOKEN.sub(lambda m: self.chat.get(m.group(), m.group()), folded)

        def fix(m: re.Match[str]) -> str:
            word = m.group()
            if len(word) < 5 or word in self.topic_words or word in self.typo_known:
                return word
            candidates = set(self.topic_index.get(word, ()))
            for key in _deletions(word):
                candidates |= self.topic_index.get(key, set())
            matches = [c for c in candidates if _one_edit(word, c)]
            return matches[0] if len(matches) == 1 else word

        return _LONG_WORD.sub(fix, folded)

    def topic_matches(self, text: str, corrected: str | None = None) -> dict[str, int]:
        """The question topics a question part asks about, each with the length of its longest matching wording
        (``corrected``: the part's ``topic_text``, when the caller has it already)."""
        corrected = self.topic_text(text) if corrected is None else corrected
        words = set(_TOKEN.findall(corrected))
        words |= {part for w in words if "-" in w or "'" in w for part in re.split(r"['-]", w)}
        out: dict[str, int] = {}
        for topic, patterns in self.topics.items():
            best = max(
                (
                    len(m.group())
                    for regex, first in patterns
                    if first is None or _possible(first, words)  # a pattern whose first word is absent cannot match
                    for m in regex.finditer(corrected)
                ),
                default=0,
            )
            if best:
                out[topic] = best
        return out

    def phrase_score(self, patterns: list[str], text: str, corrected: str | None = None) -> int:
        """The length of the longest match of scenario ``patterns`` (``A & B``: both parts, added) in ``text``."""
        corrected = self.topic_text(text) if corrected is None else corrected
        best = 0
        for pattern in patterns:
            spans = [
                max((len(m.group()) for m in part.finditer(corrected)), default=0) for part in compile_pattern(pattern)
            ]
            if all(spans):
                best = max(best, sum(spans))
        return best

    def is_request(self, text: str) -> bool:
        """Whether a sentence asks for something without a question form: "als ik vragen mag", "graag uw naam",
        "kunt u mij vertellen", or a short phrase with "uw" ("uw aanslagnummer")."""
        folded = fold(text)
        if self.requests and self.requests.search(folded):
            return True
        words = _TOKEN.findall(folded)
        return 0 < len(words) <= 4 and bool({"uw", "je", "jouw"} & set(words)) and not (set(words) & self.verbs)

    def asks_back(self, text: str) -> str | None:
        """What a question asks of the caller besides a fact: 'teach_back' (say what happens now, in your own
        words), 'choice' (A or B), 'either_or' (A or B, which may be a fact of the caller's: "in februari of
        maart?"), 'task' (will you do something), 'consent' (is that all right, shall I?), 'news'
        (did you know?), 'able' (can you manage it, does that time suit you?), 'has_papers' (have you got that
        paper?), 'knows_how' (do you know how to?), 'means' (you mean the rent?), 'when_suits' (which day suits
        you?), 'when_plan' (when will you do it?), 'opinion' (do you think it too high?) or 'likes' (what do you
        think of doing it so?), or None. Read once per text: the caller asks it of a turn and of each of its
        question parts more than once."""
        memo = self.memo_for("asks_back")
        found = memo.get(text)
        if found is None:
            found = memo.put(text, (self._asks_back(text),))
        return found[0]

    def _asks_back(self, text: str) -> str | None:
        folded = fold(text)
        kinds = (
            ("teach_back", self.teach_back),
            ("choice", self.choices),
            ("either_or", self.either_or),
            ("task", self.caller_tasks),
            ("consent", self.consent),
            ("news", self.news),
            ("able", self.able),
            ("has_papers", self.has_papers),
            ("knows_how", self.knows_how),
            ("means", self.means),
            ("when_suits", self.when_suits),
            ("when_plan", self.when_plan),
            ("opinion", self.opinion),
            ("likes", self.likes),
        )
        for kind, regex in kinds:
            # every match, not only the first: "Zal ik even samenvatten wat we afspreken? ... Kunt u in uw eigen
            # woorden zeggen wat u gaat doen?" offers first, then asks (round-28 audit A4.10)
            for m in regex.finditer(folded) if regex is not None else ():
                found = self._asks_back_at(kind, folded, m)
                if found is not None:
                    return found
        return None

    def _asks_back_at(self, kind: str, folded: str, m: re.Match[str]) -> str | None:
        """The kind a match of one of ``asks_back``'s lists asks, read in its own sentence, or None."""
        start = max(folded.rfind(c, 0, m.start()) for c in ".!?") + 1
        lead = _TOKEN.findall(folded[start : m.start()]) or _TOKEN.findall(folded[start:])[:1]
        end = _sentence_end(folded, m.end())
        if lead and lead[0] in self.subordinators and lead[0] not in self.wh and "?" not in folded[start:end]:
            return None  # "Als het krap wordt, kunt u bij ons vragen of ...": a condition, then a statement
        if kind in ("choice", "either_or") and self.yes_or_no.search(folded[start:end]):
            return None  # "Kunt u dat betalen, ja of nee?" asks yes or no, not a pick between two things
        if kind in ("choice", "either_or") and self.check_or_again.search(folded[start:]):
            return None  # "Snapt u wat ik bedoel, of zal ik het anders zeggen?": a check, no pick
        if (
            kind not in ("teach_back", "consent")
            and "?" not in folded[start:end]
            and "?" in folded
            and not (kind in ("choice", "either_or") and self.prefers.search(folded))
        ):
            # "Voor dat bedrag kunt u uitstel vragen. ... Wat vindt u daarvan?", "heeft u digid? dan kunt u
            # vandaag nog kijken.": the question's own sentence decides, not a statement next to it (round-22
            # audit)
            return None
        if kind == "task" and self.able is not None and self.able.search(folded[start : end + 1]):
            return "able"  # "kunt u het vandaag betalen of lukt dat niet?": whether it can, not a request
        if kind == "teach_back" and lead[:2] in self.offers:
            return None  # "Zal ik even samenvatten wat u daarna doet?": the trainee offers to say it
        if kind == "teach_back" and not self.asking.search(folded[start : _sentence_end(folded, m.end())]):
            return None  # "..., dan weet u precies wat u moet doen. Is dat goed?": a promise, no question
        if kind in ("task", "consent", "news", "able", "has_papers", "means", "opinion") and not self.wh.isdisjoint(
            lead
        ):
            # "Hoeveel zou u kunnen betalen?", "Wanneer is het goed voor u?", "Hoe weet u dat?": the question
            # word asks something else (the question's own sentence decides, not a courtesy before it)
            return None
        return kind

    def said_back(self, sentence: str) -> str:
        """A trainee's sentence as the caller says it back: 'Ik stuur u vandaag het formulier' becomes 'u stuurt mij
        vandaag het formulier', 'Dan krijgt u een brief' becomes 'dan krijg ik een brief' (lexicon
        ``grammar.said_back``). 'u' is the subject at the start of a clause or right after a verb that opens it
        ("krijgt u", "dan krijgt u"); elsewhere it is the object ("ik stuur u", "de taxateur belt u") and becomes
        'mij'. The finite verb next to a subject that changes person changes with it."""
        # "84,60", "1.234,50", "10.30", "1-3-2026": a number with its separators is one word, said back whole; so is
        # "WOZ-brief" or "e-mail" (not "WOZ - brief"; round-31 audit A5.10)
        words = re.findall(r"\d+(?:[.,:/-]\d+)+|[^\W_]+(?:['-][^\W_]+)*|[^\w\s]", sentence.strip())
        offer = sentence.rstrip().endswith("?") and len(words) > 2 and fold(words[1]) in ("ik", "we", "wij")
        if offer and fold(words[0]) in self.person_verbs:  # "Zal ik het formulier opsturen?": "ik zal ... opsturen"
            words = [words[1], words[0].lower(), *[w for w in words[2:] if w != "?"]]
        low = [fold(w) for w in words]
        out = list(low)
        clause_start = 0
        subject = ""  # the subject that changed person in this sentence ('u' or 'ik' as typed)
        for i, word in enumerate(low):
            before_colon = low[max(clause_start, i - 2) : i]
            if word == ":" and self.speech_verbs.intersection(before_colon) and "u" in before_colon:
                # "en dan vraagt u: mag ik niet betalen": what the caller says itself stays as it is
                out[i + 1 :] = low[i + 1 :]
                break
            if word == "," and subject and i + 2 < len(low) and low[clause_start] not in self.said_back_subordinators:
                follows = low[i + 1]
                # "u logt in op de site, gaat naar Belastingen": a verb after a comma shares the subject that changed
                if (
                    follows.endswith("t")
                    and self._verb_form(follows)
                    and follows not in self.perspective
                    and low[i + 2] not in self.own_subjects
                    and low[i + 2] not in self.perspective
                    and low[i + 2] not in self.determiners  # "..., krijgt de afdeling het": its own subject
                ):
                    out[i + 1] = self._conjugated(follows, to_first=subject == "u")
            if word in self.shared_subject and subject and i + 1 < len(low):
                follows = low[i + 1]
                own_subject = i + 2 < len(low) and low[i + 2] in self.own_subjects  # "of wordt het verrekend"
                if (
                    self._verb_form(follows)
                    and not follows.endswith("en")
                    and follows not in self.perspective
                    and not own_subject
                ):
                    # "u belt mevrouw Wijnands en vraagt haar": the verb after 'en' shares the subject that changed
                    out[i + 1] = self._conjugated(follows, to_first=subject == "u")
            if word[:1] in ".!?;":
                subject = ""
            if not word[:1].isalnum() or word in self.said_back_clause_words:
                clause_start = i + 1
                continue
            if word == "zich" and subject == "u" and "u" in low[max(i - 3, 0) : i]:
                out[i] = "me"  # "u maakte zich zorgen": "ik maakte me zorgen"; not "en die meldt zich"
                continue
            if word not in ("ik", "u"):
                name = word == "mijn" and i + 1 < len(words) and words[i][:1] == "M" and words[i + 1][:1].isupper()
                if name:
                    continue  # "op Mijn Ravensloot": the name of a site, said as it is
                if word in self.perspective and word not in self.verbs and word not in self.person_verbs:
                    out[i] = self.perspective[word]  # mij, uw, ons...
                continue
            position = i - clause_start
            before = low[i - 1] if i > clause_start else ""
            opener = (
                i - 2 < clause_start
                or low[i - 2] in self.said_back_clause_words
                or low[i - 2] in self.fronted
                or low[i - 2] in self.time_fronted  # "dan meld ik Sjors af": 'ik' after its verb
            )
            # "dan meld ik Sjors af": after 'dan' comes the verb, known or not
            time_verb = (
                position in (1, 2)
                and (low[i - 2] in self.time_fronted or low[i - 2] in self.shared_subject)
                and before.isalpha()
                and before not in self.time_fronted
                and before not in self.said_back_clause_words
                and before not in self.prepositions  # "vandaag voor u": 'u' after a preposition is its object
            )
            inverted = position in (1, 2) and (self._verb_form(before) or time_verb) and opener
            if not inverted and word == "ik" and position > 2 and self._verb_form(before) and not before.endswith("t"):
                inverted = True  # "Het formulier stuur ik naar ...": 'ik' right after its verb is its subject
            if not inverted and word == "u" and position > 1 and before in self.u_subject_verbs:
                inverted = True  # "het geld krijgt u apart terug": with these forms 'u' is the subject
            if inverted and word == "u" and before + "t" in self.verbs and before not in self.person_verbs:
                inverted = False  # "en stuur u de brief": a verb without its -t has 'ik' as subject; 'u' is the object
            if not inverted and word == "u" and position > 2 and low[clause_start] in self.front_prepositions:
                # "binnen ongeveer acht weken hoort u iets": a fronted phrase, then the verb, then its subject
                inverted = self._verb_form(before) and not any(
                    self._verb_form(x) for x in low[clause_start + 1 : i - 1]
                )
            if word == "u" and before in self.object_after:
                inverted = False  # "dat ze u bellen", "dan belt hij u": after its subject 'u' is the object
                position = max(position, 1)
            elif word == "u" and not inverted and i + 1 < len(low) and low[i + 1] in _ONLY_U_FORMS:
                inverted = position > 0  # "een brief die u kunt invullen": 'kunt' has 'u' as its subject
                if inverted:
                    out[i] = "ik"
                    subject = word
                    out[i + 1] = self._conjugated(low[i + 1], to_first=True)
                    continue
            if word == "u" and not (position == 0 or inverted):
                out[i] = "mij"  # an object: "ik stuur u", "de taxateur belt u"
                continue
            out[i] = "ik" if word == "u" else "u"
            subject = word
            if inverted:
                out[i - 1] = self._conjugated(low[i - 1], to_first=word == "u")
                continue
            subordinate = clause_start > 0 and low[clause_start - 1] in self.said_back_subordinators
            verb = i + 1
            if subordinate:  # "dat u geen auto kunt missen": the verb comes later in the clause
                # an unknown word in -t not after an article is a verb too: "als u twijfelt over ..." (not "een
                # bezwaarschrift")
                found = next(
                    (
                        j
                        for j in range(i + 1, len(low))
                        if self._verb_form(low[j])
                        or not low[j][:1].isalnum()
                        or (len(low[j]) > 4 and low[j].endswith("t") and low[j - 1] not in self.determiners)
                    ),
                    -1,
                )
                verb = found if found >= 0 and low[found][:1].isalnum() else i + 1
            # a name is no verb: "u meldt Sjors af", never "sjorst"
            proper = verb < len(words) and words[verb][:1].isupper() and verb > 0
            if verb < len(low) and low[verb].isalpha() and low[verb] not in self.said_back_not_verbs and not proper:
                out[verb] = self._conjugated(low[verb], to_first=word == "u")
        # words that did not change keep how they were typed ("Sjors"); the first word is lower case in mid-sentence
        text = " ".join(w if w != low[i] or i == 0 else words[i] for i, w in enumerate(out))
        text = re.sub(r"\s+([,.;:!?])", r"\1", text)
        return text.rstrip(".!? ")

    def _verb_form(self, word: str) -> bool:
        return word in self.verbs or word in self.person_verbs or word + "t" in self.verbs

    def _conjugated(self, verb: str, *, to_first: bool) -> str:
        """The verb for 'ik' (to_first) or for 'u': 'krijgt' <-> 'krijg', 'kunt' <-> 'kan', 'zal' <-> 'zult'."""
        if verb in self.person_verbs:
            first, second = self.person_verbs[verb]
            return first if to_first else second
        if to_first:
            # "mocht u", "verkocht u", "u vecht": a -cht form keeps its t ("u lacht" is in the said_back verbs)
            keep = verb.endswith(("st", "tt", "cht"))
            first = verb[:-1] if verb.endswith("t") and not keep and len(verb) > 3 else verb
            # "u weggaat", "u staat": "ik wegga", "ik sta", not "weggaa" (round-31 audit A5.10); "achterlaat",
            # "vergeet" keep their t (review)
            if first != verb and first.endswith(("aa", "ee", "oo", "uu")):
                return first[:-1] if verb.endswith(("gaat", "staat", "slaat")) else verb
            return first
        return verb if verb.endswith("t") else verb + "t"  # "u meldt", "u stuurt"; "u zet"

    def is_fragment(self, sentence: str) -> bool:
        """A short phrase without a verb ("naam en adres even", "koopwoning of huurwoning"): said to a caller, it
        asks for what it names."""
        words = _TOKEN.findall(fold(sentence))
        if len(words) >= 3 and not self.clause_subjects.isdisjoint(words):
            return False  # "Ik stuur u de link per mail", "Daarover praten we straks": a subject has a verb
        return 0 < len(words) <= 8 and not any(w in self.verbs or (len(w) > 4 and w.endswith("t")) for w in words)

    def asks_by_word_order(self, sentence: str) -> bool:
        """Whether a sentence asks by its word order, whatever its verb: a word then "u"/"je"/"jij" at the start
        ("Ontvangt u een uitkering", "vroeg u ..."), or a question word, a word and then such a pronoun ("hoeveel
        haal je ...") or a past tense ("wie leegde de bus"). Subordinate clauses and fillers do not count."""
        words = [self.chat.get(w, w) for w in _TOKEN.findall(fold(sentence))]
        while words and words[0] in self.fillers:
            words = words[1:]
        if len(words) < 2:
            return False
        first, second = words[0], words[1]
        pronouns = {"u", "je", "jij", "jullie"}
        if first in self.wh:
            third = words[2] if len(words) > 2 else ""
            return third in pronouns or second in pronouns or second.endswith(("de", "te"))
        if (
            first in self.subordinators
            or first in self.not_before_je
            or first in pronouns
            or first in self.not_before_u
        ):
            return False
        if second in pronouns and first.isalpha():
            # "Twijfelt u daarna, dan belt u ons": a verb first and then "dan" is a condition, not a question
            return not _CONDITION_THEN.search(fold(sentence))
        return False

    def off_script(self, text: str, folded: str | None = None) -> str | None:
        """Whether a turn is no part of a Dutch phone call: 'english', 'gibberish', 'insult', 'irrelevant' (talk
        about the weather or football without a word of the matter), 'minimal' ('ok', 'hmm') or 'wall' (a wall of
        text), or None. The caller is not calmed by such a turn and the scorer gives it no credit."""
        folded = fold(text) if folded is None else folded
        words = _ALPHA_WORD.findall(folded)
        if not words:
            return "minimal" if not any(c.isdigit() for c in folded) else None
        if " ".join(words) in self.minimal:
            return "minimal"
        if len(words) <= 12 and _GIBBERISH_HINT.search(folded):
            odd = [
                w
                for w in words
                if len(w) >= 3
                and w not in self.minimal  # "hmm, lastig" is no gibberish
                and (_VOWELS.isdisjoint(w) or _CONSONANTS_5.search(w))
            ]
            if len(odd) * 2 >= len(words):
                return "gibberish"
        dutch = sum(w in self.dutch_words for w in words)
        if dutch * 3 < len(words):  # only a turn with few Dutch words can be English
            english = len(self.english.findall(folded)) if self.english else 0
            if english >= 2 and english >= 2 * dutch and english * 10 >= 3 * len(words):
                return "english"
        if self.insults_or_irrelevant is None or not self.insults_or_irrelevant.search(folded):
            return "wall" if len(text) >= self.wall_chars else None  # the common case: one search
        if self.insults and any(not self._reassures(folded, m.start()) for m in self.insults.finditer(folded)):
            return "insult"  # not "u bent echt geen sukkel, hoor": that reassures (round-19 audit)
        if len(text) >= self.wall_chars:
            return "wall"
        if self.irrelevant and self.irrelevant.search(folded) and not self.about_the_call(text):
            return "irrelevant"
        return None

    def about_the_call(self, text: str) -> bool:
        """Whether ``text`` names something of the call: a word of the trade (lexicon ``explanation.domain``) or a
        question topic."""
        return bool(self.domain and self.domain.search(fold(text))) or bool(self.topic_matches(text))

    def _typo(self, word: str) -> str | None:
        """The trigger word that ``word`` is a one-letter typo of, or None."""
        if word in self._typo_memo:
            return self._typo_memo[word]
        found: str | None = None
        if not word.startswith(self.typo_words):
            index = self.typo_index
            candidates = set(index.get(word, ()))
            for key in _deletions(word):
                candidates |= index.get(key, set())
            matches = [c for c in candidates if _one_edit(word, c)]
            found = matches[0] if len(matches) == 1 else None
        if len(self._typo_memo) > 20_000:
            self._typo_memo.clear()
        self._typo_memo[word] = found
        return found

    def _compile_act(self, act: str, ruleset: RuleSet) -> None:
        timed = set(ruleset.requires_time)
        plain = [r for r in ruleset.rules if not r.needs]
        vw = self.var_words
        self.conditional[act] = [
            (set(r.needs), _Rules([r], self.variables, vw, common=self.common)) for r in ruleset.rules if r.needs
        ]
        self.acts[act] = _Rules([r for r in plain if r.id not in timed], self.variables, vw, common=self.common)
        self.timed[act] = _Rules([r for r in plain if r.id in timed], self.variables, vw, common=self.common)
        self.blockers[act] = _Rules(ruleset.blockers, self.variables, vw, common=self.common)

    # --- helpers the feedback uses, on the same lexicon -------------------------------------------------------

    def _echo(self, text: str) -> _Echo:
        """What the other person said before this turn: the stems of its words, to recognise a sentence that gives
        it back, and whether it asked something (then a statement answers it: information)."""
        folded = fold(text)
        stems = frozenset(_stem(w) for w in self.content_words(text))
        last = re.split(r"(?<=[.!?])\s+", folded.strip())[-1] if folded.strip() else ""
        return _Echo(stems, "?" in folded or self.asks_by_word_order(last))

    def content_words(self, text: str) -> set[str]:
        """Words that carry content (no stopwords, at least four letters), folded."""
        return {w for w in _TOKEN.findall(fold(text)) if len(w) >= 4 and w not in self.stopwords and w.isalpha()}

    def _reassures(self, folded: str, at: int) -> bool:
        """Whether the insult at ``at`` is denied: a negation right before it ("u bent echt geen sukkel"), or one
        word before it after a verb of being ("u bent geen domme sukkel", lexicon ``offscript.reassures``); not
        "niet zeuren sukkel" or "geen idee sukkel"."""
        if self.negation is None:
            return False
        before = folded[:at]
        if re.search(rf"(?:{self.negation.pattern})\s+$", before):
            return True
        m = re.search(rf"((?:\w+\s+){{1,3}})(?:{self.negation.pattern})\s+\w+\s+$", before)
        return bool(m) and not set(m.group(1).split()).isdisjoint(self.reassures)

    def gives_back(self, sentence: str, caller_words: set[str], trainee_words: set[str]) -> bool:
        """Whether a recap ("Kort gezegd: ...", "Dus ...") gives back the caller rather than the trainee's own
        explanation or agreements: at least two of its words come from the caller (``caller_words``, not first
        brought in by the trainee), and more than the words the trainee brought in (``trainee_words``):
        "Samengevat: de kosten vervallen en u krijgt een bevestiging per post" recaps the outcome, not what the
        caller said. The feedback and the caller read recaps with it."""
        words = self.content_words(sentence)
        given_back = words & caller_words
        # an amount's unit is nobody's word: "dus een aannemer is u nog 3.800 euro schuldig" gives the caller back
        own = (words & trainee_words) - caller_words - _UNITS
        return len(given_back) >= 2 and len(given_back) > len(own)

    def opening_parts(self, text: str) -> set[str]:
        """Which parts of a good opening a turn has: 'greeting', 'organisation', 'name'."""
        folded = fold(text)
        first = self._sentences(text, folded)[:2]
        span = folded[: first[-1].end] if first else folded
        tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(span)]
        parts: set[str] = set()
        if not tokens:
            return parts
        if any(t[0] in self.greetings for t in tokens[:6]) or (
            self.greeting_phrases and self.greeting_phrases.search(span)
        ):
            parts.add("greeting")
        if self.organisation and any(
            self._names_organisation(span, m, first) for m in self.organisation.finditer(span)
        ):
            parts.add("organisation")
        opening = self._opening(span, tokens)
        withs = [fold(m.group(1)) for m in re.finditer(r"(?<![^\W_])met\s+(?:de\s+|het\s+)?([^\W\d_]+)", span)]
        # "u spreekt met Belastingen Heggedal", "met Belastingen De Waarden": the organisation, not one's name
        only_organisation = (
            bool(withs)
            and self.organisation is not None
            and all(self.organisation.fullmatch(w) for w in withs)
            and not re.search(r"(?<![^\W_])(?:mijn naam is|ik ben|ik heet|spreekt met [^\W\d_]+ van)(?![^\W_])", span)
        )
        if opening and opening[0] in ("met-naam", "self-identification") and not only_organisation:
            parts.add("name")
        elif self.organisation:
            # "Goedemorgen, Sanne van Belastingen Zuidwaarde", "hoi, B van belastingen": a name typed with a capital
            # right before 'van' and the organisation
            head = text[: first[-1].end] if first else text
            for m in _NAME_OF.finditer(head):
                addressed = set(fold(head[: m.start()]).split()[-2:]) & {"meneer", "mevrouw", "heer", "dhr", "mw"}
                # not a department before 'van' ("afdeling Belastingen van de gemeente", "Team Heffingen van ...")
                who = fold(m.group(1))
                department = bool(self.organisation.fullmatch(who)) or who in _DEPARTMENTS
                if (
                    not addressed
                    and not department
                    and who not in self.greetings
                    and self.organisation.match(fold(m.group(2)))
                ):
                    parts.add("name")
                    break
        return parts

    @staticmethod
    def _names_organisation(span: str, m: re.Match[str], first: list[Any]) -> bool:
        """An organisation word names the speaker's organisation in the first sentence, or after 'van', 'bij',
        'namens', 'afdeling' or 'team': not 'kwijtschelding' as the topic of the second sentence ("... met Jeroen.
        Voor de zakelijke aanslag kan geen kwijtschelding")."""
        if not first or m.start() < first[0].end:
            return True
        before = span[max(0, m.start() - 24) : m.start()].split()[-2:]
        return bool(set(before) & {"van", "bij", "namens", "afdeling", "team", "met", "is", "belt", "verbonden"})

    def explains(self, term: str, text: str) -> bool:
        """Whether a sentence explains a jargon term that another sentence of the turn used: it holds the term's
        plain words (``explained_by``), opens with a definition ("Dat is een officieel bevel ..."), or names the term
        again and defines it there ("Een dwangbevel is ..."). The feedback reads the sentences around a jargon hit
        with it; the reading of a sentence itself does not change."""
        folded = fold(text)
        for t, regex, explained_by, _ in self.jargon:
            if t.term != term:
                continue
            if explained_by and explained_by.search(folded):
                return True
            if self.defined_right_after and self.defined_right_after.match(folded) and not self.vague.match(folded):
                return True  # "Dat is een officieel bevel om te betalen."; not "Dat zijn de regels."
            return self._defined_in(regex, folded)
        return False

    def _defined_in(self, regex: re.Pattern[str], folded: str) -> bool:
        """Whether a sentence names the term and defines it there: right after it ("Een dwangbevel is de laatste
        brief"), later in it ("..., dat wil zeggen ...") or right before it ("... waar u van kunt leven, dat heet de
        beslagvrije voet")."""
        m = regex.search(folded)
        if not m:
            return False
        right = self.defined_right_after.match(folded, m.end()) if self.defined_right_after else None
        if right and not self.vague_after.match(folded, right.end()):
            return True
        return bool(
            (self.defined_later and self.defined_later.search(folded, m.end()))
            or (self.defined_before and self.defined_before.search(folded, 0, m.start()))
        )

    def invites(self, text: str) -> bool:
        """Whether a question invites the caller to tell what the call is about ("Wat is uw vraag over de
        termijnen?", lexicon ``questions.invitations``): it asks for no fact."""
        return self.invitation(text) is not None

    def invitation(self, text: str) -> tuple[int, int] | None:
        """Where in ``text`` an invitation to tell what the call is about stands (see ``invites``), or None."""
        m = self.invitations.search(fold(text)) if self.invitations else None
        return (m.start(), m.end()) if m else None

    def takes_back(self, text: str, start: int = 0) -> bool:
        """Whether the trainee takes back what they said, from ``start`` of the folded text on ("o nee, sorry, ik
        zei het verkeerd", lexicon ``explanation.taken_back``)."""
        return bool(self.taken_back and self.taken_back.search(fold(text), start))

    def retracts(self, text: str) -> bool:
        """Whether the trainee takes back something said before and says it was wrong ("O nee, sorry, ik reken het
        verkeerd. ... tot en met 10 april."), not "O nee, dat hoeft u niet zelf te doen" (no error named) nor a slip of
        the tongue mended on the spot ("1 januari 2026. Nee wacht, sorry, 1 januari 2025.": a value right before and
        right after), unless it says the value was said before ("ik zei net 12 delen")."""
        folded = fold(text)
        for m in self.taken_back.finditer(folded) if self.taken_back else ():
            if not _ERROR_SAID.search(folded, m.start(), m.end() + 40):
                continue
            before = _VALUE.search(folded, max(0, m.start() - 60), m.start())
            after = _VALUE.search(folded, m.end(), m.end() + 25)
            if before and after and not _SAID_BEFORE.search(folded[m.start() : m.end() + 12]):
                continue
            return True
        return False

    def explained_nearby(self, analysis: Analysis, hit: ActHit) -> bool:
        """Whether the turn explains a jargon hit in the sentence right before or after it ("... per keer dat uw
        container geleegd wordt. U had extra ledigingen."; "... is er een dwangbevel gemaakt. Dat is een officieel
        bevel om te betalen."), or in another sentence that names the term again ("de WOZ-beschikking, dat is ...
        [later] staat op uw beschikking"): a sentence is read alone, a turn as a whole.
        An explanation in more jargon ("Dat is een executoriale titel.") explains nothing: no other term in its
        first eight words. Said again in plain words later in the turn ("Gewoon gezegd: ...") explains it too.
        The caller (no question what it means) and the feedback (no jargon) read it alike."""
        sentences = analysis.sentences
        at = next((n for n, x in enumerate(sentences) if x.start <= hit.start < x.end), None)
        if at is None:
            return False
        own = fold(sentences[at].text)
        if any(t.term == hit.term and self._defined_in(regex, own) for t, regex, _, _ in self.jargon):
            return True  # "Een lediging is elke keer dat ...", "het papier dat u kreeg heet een exploot"
        before = sentences[at - 1 : at] if at > 0 else []
        after = sentences[at + 1 : at + 2]
        unfinished = re.search(r"(?:\bis|\bzijn|\.\.\.|…)\W*$", sentences[at].text.rstrip())
        if after and unfinished and len(_TOKEN.findall(after[0].text)) <= 6:
            # "een dwangbevel is... even kijken hoe ik dat zeg. dat is de laatste brief": past a short aside
            after = sentences[at + 1 : at + 3]
        mentions = [x for n, x in enumerate(sentences) if n != at and hit.term and self.mentions(hit.term, x.text)]
        jargon = analysis.of("jargon")

        def opening_words_plain(x: Sentence) -> bool:
            words = list(_TOKEN_SPAN.finditer(x.text))
            head = x.start + (words[min(7, len(words) - 1)].end() if words else 0)
            return not any(x.start <= h.start < head and h.term != hit.term for h in jargon)

        # "... belastingplichtig ... Hm, dat zeg ik te moeilijk. Gewoon gezegd: ...": said again in plain words later
        # in the turn (lexicon ``explanation.restated``), the words after that explain it
        for k in range(at + 1, len(sentences)) if self.restated else ():
            marker = self.restated.search(fold(sentences[k].text))
            if marker:  # ... and plain words follow it: three content words or more, in its sentence or the next
                rest = (
                    fold(sentences[k].text)[marker.end() :] + " " + " ".join(x.text for x in sentences[k + 1 : k + 2])
                )
                if len(self.content_words(rest)) >= 3:
                    return True
                break
        plain = [x for x in [*after, *mentions] if opening_words_plain(x)]
        # the sentence before explains only in the term's plain words ("... per keer dat uw container geleegd
        # wordt. U had extra ledigingen."), not with a "dat is ..." that points back to something else
        return any(self.explains(hit.term, x.text) for x in plain) or any(
            self._in_plain_words(hit.term, x.text) for x in before if opening_words_plain(x)
        )

    def _in_plain_words(self, term: str, text: str) -> bool:
        """Whether a text holds a jargon term's plain words (its ``explained_by``)."""
        folded = fold(text)
        return any(t.term == term and bool(by and by.search(folded)) for t, _, by, _ in self.jargon)

    def mentions(self, term: str, text: str) -> bool:
        """Whether a text names a jargon term (explained or not)."""
        folded = fold(text)
        return any(t.term == term and regex.search(folded) for t, regex, _, _ in self.jargon)

    def formal_words(self, text: str) -> list[tuple[str, str]]:
        """Official words in the text with their plain alternatives."""
        text = readable_part(text)
        folded = fold(text)
        return [(text[m.start() : m.end()], plain) for _, plain, regex in self.formal for m in regex.finditer(folded)]

    def wording(self, text: str) -> tuple[int, int]:
        """(positive, negative) formulations in the text."""
        text = readable_part(text)
        folded = fold(text)
        negatives = [m.span() for m in self.negative.finditer(folded)] if self.negative else []
        # A positive word inside a negative phrase ("dat kan niet", "niet mogelijk") is part of the negative.
        pos = sum(
            1
            for m in (self.positive.finditer(folded) if self.positive else ())
            if not any(m.start() < end and start < m.end() for start, end in negatives)
        )
        return pos, len(negatives)

    def claims(self, text: str, context: Context | None = None, analysis: Analysis | None = None) -> list[Verdict]:
        """The claims a turn states, each checked against what is true (the catalogue, the scenario's truths).

        Statements only: questions the analyzer finds (but a tag like '…, oké?') are skipped, and so are
        conditions and reported words (coach.analyzer.claims).
        """
        text = readable_part(text)
        analysis = analysis if analysis is not None and analysis.text == text else self.analyze(text)
        questions = _question_spans(analysis, self.polite_instruction)
        sentences = [(s.start, s.end) for s in analysis.sentences]
        reader, context = self.claim_reader, context or Context()
        verdicts = [reader.check(r, context) for r in reader.read(text, sentences, questions, context)]
        return [v for v in verdicts if not (v.wrong and v.reading.weak)]

    def asserted_text(self, text: str, analysis: Analysis | None = None) -> str:
        """The parts of a turn the trainee asserts, joined: what claims and key points are read from."""
        return " . ".join(self.asserted_sentences(text, analysis))

    def asserted_sentences(self, text: str, analysis: Analysis | None = None) -> list[str]:
        """Per sentence that states something, its asserted parts joined: a wrong phrase is looked for within one
        sentence ("niet zelf terugboeken bij de bank. Dan krijgt u het dubbel terug" blames no bank)."""
        text = readable_part(text)
        analysis = analysis if analysis is not None and analysis.text == text else self.analyze(text)
        questions = _question_spans(analysis, self.polite_instruction)
        spans = [(s.start, s.end) for s in analysis.sentences]
        return [
            " . ".join(text[a:b] for a, b in asserted)
            for _, _, _, asserted in self.claim_reader.statements(fold(text), spans, questions)
            if asserted
        ]

    def claim_in(self, patterns: list[str], asserted: str) -> tuple[str, re.Match[str]] | None:
        """The first of ``patterns`` said in a turn's asserted text (``asserted_text``), not negated: a key point or a
        wrong phrase counts only from a statement, not from a question, a condition or reported words."""
        return first_claim(patterns, asserted, self.negation)

    def asks_fact(self, text: str) -> bool:
        """Whether a question asks for a fact (a number, a date, an amount) the caller may not know by heart."""
        return bool(self.fact_words and self.fact_words.search(fold(text)))

    def is_polite(self, text: str) -> bool:
        """Whether the turn addresses the caller as 'u'."""
        return bool(self.polite and self.polite.search(fold(text)))

    @staticmethod
    def only_apology(analysis: Analysis) -> bool:
        """Whether the turn's only reflection is an apology for the words or a mistake ("Sorry, ik zeg het korter.
        ...", "o nee, sorry, dat klopt niet"), next to something else it does: the caller reacts to what follows, and
        the scorer counts no acknowledged feeling ("Sorry, gecondoleerd" alone still consoles)."""
        # "Gaat u maar door, ik luister." gives the floor back; it does nothing else next to the apology
        floor_only = all(h.rule in _FLOOR_RULES for h in analysis.of("open_question"))
        acts = analysis.acts - {"open_question"} if floor_only else analysis.acts
        return all(h.rule == "excuses" for h in analysis.of("emotion_reflection")) and (
            bool(acts & {"explanation", "next_step", "check_understanding", "closed_question", "open_question"})
            # "Sorry, gaat uw gang.": sorry for interrupting, said in one short sentence with the floor given back (not
            # "Sorry dat het fout ging. Gaat u maar door, ik luister.", nor "Sorry voor het wachten. Ga uw gang.")
            or any(
                _FLOOR_BACK.search(fold(x.text)) and len(_TOKEN.findall(x.text)) <= 6
                for x in analysis.sentences
                if any(x.start <= h.start < x.end for h in analysis.of("emotion_reflection"))
            )
        )

    def checks_themselves(self, hit: ActHit) -> bool:
        """A check in which the trainee checks their own understanding ("Klopt dat?", "Begrijp ik dat goed?"): the
        caller confirms; it does not check that the caller understood an explanation."""
        return hit.act == "check_understanding" and (
            hit.rule in _CHECKS_THEMSELVES or bool(self.self_checks.search(fold(hit.text)))
        )

    def closing_part(self, rule: str) -> str | None:
        """Which part of a good closing a closing rule shows: 'ask', 'thanks' or 'goodbye'."""
        return self.closing_parts.get(rule)

    def closing_parts_of(self, analysis: Analysis) -> dict[str, str]:
        """Every part of a good closing in a turn, each with the sentence that shows it: a sentence the analyzer read
        as closing can hold more than one part ("Bedankt voor het bellen en nog een fijne dag")."""
        parts: dict[str, str] = {}
        for hit in analysis.of("closing"):
            sentence = next((s for s in analysis.sentences if s.start <= hit.start < s.end), None)
            part = self.closing_part(hit.rule)
            if part:
                parts.setdefault(part, sentence.text if sentence else hit.text)
            if sentence is None:
                continue
            folded = fold(sentence.text)
            tokens = list(_TOKEN.finditer(folded))
            lead = next((i for i, t in enumerate(tokens) if t.group() not in self.fillers), len(tokens) - 1)
            starts = [t.start() for t in tokens[: lead + 1]] or [0]
            question = folded.rstrip().endswith("?")
            for name, rules in self.closing_by_part.items():
                if name not in parts and rules.find(folded, starts, question=question):
                    parts[name] = sentence.text
        return parts

    # --- the caller's turns -------------------------------------------------------------------------------------

    def feeling(self, text: str) -> str | None:
        """The feeling word a caller turn shows (not negated, as in 'ik ben niet boos'), or None."""
        folded = fold(text)
        for pattern in self.feelings:
            match = search(pattern, text, folded=folded)
            if match is None:
                continue
            clause = re.split(r"[,;:.!?]", folded[: match.start()])[-1]
            if not (self.negated_clause and self.negated_clause.search(clause)):
                return text[match.start() : match.end()]
        return None

    def names_time(self, text: str) -> bool:
        """Whether a text names when something happens ('vandaag', 'binnen twee weken', 'voor vrijdag')."""
        return bool(self.time and self.time.search(fold(text)))

    def mood(self, text: str) -> str | None:
        """The mood a caller turn shows in words (lexicon ``moods``: boos, angstig, ...), not negated ('ik ben niet
        boos'); the first mood of the lexicon that matches, or None."""
        folded = fold(text)
        for mood, regex in self.moods:
            for match in regex.finditer(folded):
                clause = re.split(r"[,;:.!?]", folded[: match.start()])[-1]
                if not (self.negated_clause and self.negated_clause.search(clause)):
                    return mood
        return None

    def accepts(self, text: str) -> bool:
        """Whether a caller turn takes an offer in its first sentence ("Ja, graag.", "[zucht] Ja. Doet u dat maar.", "Na
        zessen, ja, dat kan."; lexicon ``caller.accepts``)."""
        return bool(self.caller_accepts and self.caller_accepts.search(fold(text)))

    def asks_explanation(self, text: str) -> bool:
        """Whether a caller turn asks for an explanation, with or without a question mark ("wat betekent dat")."""
        return "?" in text or bool(self.caller_asks and self.caller_asks.search(fold(text)))

    # --- splitting ------------------------------------------------------------------------------------------

    def _sentences(self, text: str, folded: str) -> list[Sentence]:
        out: list[Sentence] = []
        begin = 0
        for m in _SENTENCE_END.finditer(folded):
            if m.group() == "." and self._abbreviation(folded, m.start()):
                continue
            end = m.end()
            self._add_sentence(out, text, folded, begin, end)
            begin = end
        self._add_sentence(out, text, folded, begin, len(text))
        return out

    def _abbreviation(self, folded: str, dot: int) -> bool:
        """A full stop inside 'z.s.m.', 'bijv.' or '1.250' does not end the sentence."""
        before = folded[max(0, dot - 80) : dot].split()  # the word before the dot, not the whole turn again
        word = before[-1] if before else ""
        return "." in word or word in self.abbreviations

    def _add_sentence(self, out: list[Sentence], text: str, folded: str, begin: int, end: int) -> None:
        chunk = text[begin:end]
        stripped = chunk.strip()
        if not stripped or not any(c.isalnum() for c in stripped):
            return
        start = begin + (len(chunk) - len(chunk.lstrip()))
        stop = start + len(stripped)
        for cut in self._run_on_cuts(folded, start, stop):
            piece = text[start:cut].rstrip()
            out.append(Sentence(start, start + len(piece), piece))
            start = cut
        out.append(Sentence(start, stop, text[start:stop]))

    def _run_on_cuts(self, folded: str, start: int, stop: int) -> list[int]:
        """Where a second sentence typed without punctuation begins: after an embedded clause has ended in its
        verb, a question word + verb or a verb + 'u' starts a new clause ("Ik hoor dat u geschrokken bent | wat is
        er gebeurd"). Embedded questions ("ik weet niet wat er ...", "ik vraag me af hoe ...") are not split."""
        if self.run_on is None or self.embedders.isdisjoint(folded[start:stop].split()):
            return []
        cuts: list[int] = []
        begin = start
        for m in self.run_on.finditer(folded, start, stop):
            cut = m.end() - len(m.group().lstrip())
            before = folded[begin : m.start()]
            if not before[-1:].isalnum():
                continue  # punctuation: the clause split already handles it
            words = before.split()
            while words and words[0] in self.fillers:
                words = words[1:]
            if len(words) < 3 or words[0] in self.subordinators or words[0] in self.wh:
                continue
            if m.group("wh") is None and words[0] not in self.main_subjects:
                continue  # "Dat u verhuisd bent, kunt u ...": a fronted clause makes the verb come first
            prev = words[-1]
            verb_final = prev in self.verbs or (
                len(prev) >= 5 and prev.startswith(self.participle_prefixes) and prev.endswith(("d", "t", "en"))
            )
            if not verb_final:
                continue
            # After "... dat u geschrokken bent" the embedded clause has ended; after a plain main clause ("U bent
            # geschrokken") only a question with its subject after the verb ("wat is er ...") starts a new one.
            after = folded[cut:stop].split()[2:3]
            if self.embedders.intersection(words[1:-1]) or (
                m.group("wh") is not None and words[1] in self.verbs and after and after[0] in self.subjects
            ):
                cuts.append(cut)
                begin = cut
        return cuts

    # --- the turn ---------------------------------------------------------------------------------------------

    def analyze(self, text: str, previous: str = "") -> Analysis:
        """The acts of one turn. ``previous`` is what the other person said right before it: a sentence that gives
        that back in other words is a reflection or a summary even without a marker word ("U ligt er wakker van").
        A turn longer than MAX_READ characters is read up to there (the report says so)."""
        memo = self.memo_for("analyze")
        key = (text, previous)
        found = memo.get(key)
        if found is None:
            found = memo.put(key, self._read_turn(text, previous))
        return found

    def compiled(self, build: Callable[[Lexicon], _T]) -> _T:
        """What ``build`` makes of this analyzer's lexicon (the word lists a module compiles into its own regexes),
        made on first use and kept with the analyzer: once per lexicon, never per turn."""
        if build not in self._compiled:
            self._compiled[build] = build(self.lexicon)
        return self._compiled[build]

    def memo_for(self, kind: str) -> Memo:
        memo = self.memo.get(kind)
        if memo is None:
            memo = self.memo[kind] = Memo()
        return memo

    def _read_turn(self, text: str, previous: str) -> Analysis:
        text = readable_part(text)
        folded_all = fold(text)
        reading = None
        if self.typo_index:
            unknown = set(_LONG_WORD.findall(folded_all)) - self.typo_known
            if unknown and any(self._typo(w) for w in unknown):
                reading = self._corrected(text, folded_all, previous)
        reading = reading or self._analyze(text, folded_all, previous)
        if _GO_ON.match(folded_all) and not previous.rstrip().endswith("?"):
            # "ga uw gang" after "Wacht even, ik was nog niet klaar": the floor back, an open invitation; after
            # "Mag ik even de brief pakken?" it is leave, no question (round-24 audit, review)
            text_end = len(reading.text.rstrip())
            keep = tuple(h for h in reading.hits if h.act not in _QUESTION_ACTS)
            hit = ActHit(
                "open_question",
                reading.text.strip(),
                len(reading.text) - len(reading.text.lstrip()),
                text_end,
                "ga-uw-gang",
            )
            reading = Analysis(reading.text, (*keep, hit), reading.sentences)
        return self._outside_the_call(reading, folded_all)

    def _outside_the_call(self, reading: Analysis, folded: str) -> Analysis:
        """A turn in English, gibberish, an insult or talk about the weather is no conversation act: it keeps only
        its faults and gets an ``off_script`` hit, so neither the caller nor the scorer counts it as listening."""
        kind = self.off_script(reading.text, folded)
        if kind not in ("english", "gibberish", "irrelevant", "insult"):
            return reading
        keep = tuple(h for h in reading.hits if h.act in _FAULTS)
        text = reading.text
        hit = ActHit("off_script", text.strip(), len(text) - len(text.lstrip()), len(text.rstrip()), kind)
        return Analysis(text, (hit, *keep), reading.sentences)

    def _corrected(self, text: str, folded: str, previous: str = "") -> Analysis:
        """Read the turn with typos of trigger words corrected; evidence and offsets refer to what was typed."""
        pieces: list[str] = []
        spans: list[tuple[int, int, int, int]] = []  # (start, end) in the corrected text, (start, end) as typed
        pos = shift = 0
        for m in _LONG_WORD.finditer(folded):
            word = m.group()
            fix = self._typo(word) if word not in self.typo_known else None
            if not fix:
                continue
            pieces.append(folded[pos : m.start()])
            spans.append((m.start() + shift, m.start() + shift + len(fix), m.start(), m.end()))
            pieces.append(fix)
            shift += len(fix) - len(word)
            pos = m.end()
        pieces.append(folded[pos:])
        corrected = "".join(pieces)
        reading = self._analyze(corrected, corrected, previous)

        def typed(p: int, end: bool) -> int:
            offset = 0
            for a, b, x, y in spans:
                if p <= a:
                    break
                if p < b:
                    return y if end else x
                offset += (y - x) - (b - a)
            return p + offset

        hits = []
        for h in reading.hits:
            a, b = typed(h.start, False), typed(h.end, True)
            hits.append(ActHit(h.act, text[a:b], a, b, h.rule, h.term, h.plain))
        sentences = []
        for sent in reading.sentences:
            a, b = typed(sent.start, False), typed(sent.end, True)
            sentences.append(Sentence(a, b, text[a:b]))
        return Analysis(text, tuple(hits), tuple(sentences))

    def _analyze(self, text: str, folded_all: str, previous: str = "") -> Analysis:
        sentences = self._sentences(text, folded_all)
        hits: list[ActHit] = []
        echo = self._echo(previous) if previous.strip() else None
        seen: set[str] = set()  # the acts of the sentences so far, kept as they come (not gathered per sentence)
        for index, sentence in enumerate(sentences):
            found = self._sentence(text, folded_all, sentence, index, sentences, set(seen), echo)
            hits.extend(found)
            seen.update(h.act for h in found)
        hits.extend(self._informal(text, folded_all, sentences))
        hits.sort(key=lambda h: (h.start, ACTS.index(h.act)))
        return Analysis(text, tuple(hits), tuple(sentences))

    def _hit(self, text: str, act: str, offset: int, start: int, end: int, rule: str, **extra: Any) -> ActHit:
        return ActHit(act, text[offset + start : offset + end], offset + start, offset + end, rule, **extra)

    def _sentence(
        self,
        text: str,
        folded_all: str,
        sentence: Sentence,
        index: int,
        sentences: list[Sentence],
        earlier: set[str],
        echo: _Echo | None = None,
    ) -> list[ActHit]:
        off = sentence.start
        s = folded_all[sentence.start : sentence.end]
        tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(s)]
        if "-" in s:
            tokens = [_unstutter(t) if "-" in t[0] else t for t in tokens]
        if not tokens:
            return []
        terminal = {"?": "?", ".": ".", "!": "!"}.get(s.rstrip(" \"')")[-1:])
        words = {t[0] for t in tokens}
        words |= {part for w in words if "-" in w or "'" in w for part in re.split(r"['-]", w)}
        # at: start allows the sentence start and every word after leading fillers ("oké, dus ...")
        lead = next((i for i, t in enumerate(tokens) if t[0] not in self.fillers), len(tokens) - 1)
        starts = [t[1] for t in tokens[: lead + 1]]
        is_question_mark = terminal == "?"
        found: dict[str, ActHit] = {}

        def add(act: str, match: tuple[str, int, int] | None) -> None:
            if match and act not in found:
                rule, a, b = match
                found[act] = self._hit(text, act, off, a, b, rule)

        opening = None
        if index == 0:
            opening = self._opening(s, tokens, text[sentence.start : sentence.end])
        elif index == 1 and len(sentences[0].text.split()) <= 2:
            greeted = any(w in self.greetings for w in _TOKEN.findall(fold(sentences[0].text)))
            opening = self._opening(s, tokens, text[sentence.start : sentence.end], greeted)
        if opening:
            found["opening"] = self._hit(text, "opening", off, opening[1], opening[2], opening[0])
        for act in SEARCHED_BY_RULES:
            if (act == "closing" and opening) or act not in self.acts:
                continue
            match = self.acts[act].find(s, starts, question=is_question_mark, words=words)
            if match and not self.blockers[act].search(s, starts, words):
                add(act, match)
        for act, rules in self.conditional.items():
            if act in found:
                continue
            for needs, rule in rules:
                if needs <= (earlier | found.keys()):
                    add(act, rule.find(s, starts, question=is_question_mark, words=words))
        reflected = []
        if not found.keys() & {
            "summary",
            "emotion_reflection",
            "check_understanding",
            "closing",
            "opening",
            "dismissive",
        }:
            reflected = self._reflection(s, tokens, lead, echo, terminal, first=index == 0)
            for act, *match in reflected:
                add(act, tuple(match))  # type: ignore[arg-type]
        elif "emotion_reflection" in found and "summary" not in found and echo and not echo.asked:
            # "U bent bang dat de buurman het plan tegenhoudt": the feeling named, and what was said given back
            overlap, share = self._given_back(tokens[lead:], echo)
            if self._about_you(tokens, lead) and overlap >= 2 and share >= 0.4 and not self._negated(s):
                add("summary", ("reflection-echo", tokens[lead][1], tokens[-1][2]))
        # "U bent daar boos over?" gives back what the other said or feels: said rising, it asks nothing new
        rising_reflection = bool(reflected) or bool(
            found.keys() & {"summary", "emotion_reflection"} and self._about_you(tokens, lead)
        )
        if "emotion_reflection" in found and "dismissive" in found:
            del found["emotion_reflection"]  # an acknowledgement followed by a defence is a yes-but
        if not found.keys() & {"summary", "check_understanding", "opening"}:
            add("next_step", self._next_step(s, words))
        exclusive = {"summary", "check_understanding", "closing"} & found.keys()
        if not exclusive:
            for act, match in self._questions(s, tokens, terminal, starts, words):
                if not (rising_reflection and match[0] in ("declarative-question", "question-tag")):
                    add(act, match)
        elif exclusive == {"summary"}:
            # "U zegt dat het slecht uitkomt, wat speelt er?": a summary followed by an open question in a later
            # clause is doorvragen; a yes/no question after a summary ("..., bent u verhuisd?") stays the summary.
            summary_end = found["summary"].end - off
            for act, match in self._questions(s, tokens, terminal, starts, words):
                if act == "open_question" and match[0] == "wh-question" and match[1] > summary_end:
                    clause_gap = s[summary_end : match[1]]
                    if "," in clause_gap or ";" in clause_gap:
                        add(act, match)
        if not (is_question_mark or found.keys() - {"dismissive"}) or ("dismissive" in found and len(found) == 1):
            add("explanation", self._explanation(s, tokens, starts, found.get("dismissive"), off, words, echo))
        hits = list(found.values())
        hits.extend(self._jargon(text, s, off, words))
        return hits

    # --- questions --------------------------------------------------------------------------------------------

    def _questions(
        self,
        s: str,
        tokens: list[tuple[str, int, int]],
        terminal: str | None,
        starts: list[int],
        words: set[str],
    ) -> list[tuple[str, tuple[str, int, int]]]:
        out: list[tuple[str, tuple[str, int, int]]] = []
        for act in ("open_question", "closed_question"):
            match = self.acts[act].find(s, starts, question=terminal == "?", words=words)
            if match and not (act in self.blockers and self.blockers[act].search(s, starts, words)):
                out.append((act, match))
        ruled = [(m[1], m[2]) for _, m in out]
        if self.not_questions.search(s, starts, words):
            return out
        if len(tokens) == 1 and tokens[0][0] in self.interjections:
            return out
        clauses = _clauses(s)
        previous_subordinate = False
        for number, (a, b) in enumerate(clauses):
            words = [t for t in tokens if a <= t[1] < b]
            while words and (words[0][0] in self.fillers or words[0][0] in self.conclusive):
                if words[0][0] in self.fronted and len(words) > 1 and words[1][0] in self.verbs:
                    break  # "Zo zijn de regels": an adverb before the verb starts a statement
                words = words[1:]
            if not words or (out and len(words) <= 2):  # "..., denkt u?" after a question is a tag
                continue
            kind, subordinate, wh_end = self._classify(words, terminal, previous_subordinate, number < len(clauses) - 1)
            previous_subordinate = subordinate
            span = (words[0][1], words[-1][2])
            if not kind or any(x < span[1] and span[0] < y for x, y in ruled):
                continue
            act, rule = kind, ("wh-question" if kind == "open_question" else "verb-first")
            if act == "open_question" and self.fact_slots:
                window_end = words[min(wh_end + 4, len(words) - 1)][2]
                if self.fact_slots.search(s, words[0][1], window_end) or (
                    self.fact_questions and self.fact_questions.match(s, words[0][1])
                ):
                    act, rule = "closed_question", "fact-question"
            out.append((act, (rule, *span)))
        if terminal == "?" and not out:
            words = [t for t in tokens if t[1] >= clauses[-1][0]] or tokens
            first = words[0][0]
            if len(words) <= 2 and all(w[0] in self.tags for w in words) and len(tokens) >= 4:
                out.append(("closed_question", ("question-tag", words[0][1], words[-1][2])))
            elif len(words) >= 3 and first not in self.wh and first not in self.subordinators:
                out.append(("closed_question", ("declarative-question", words[0][1], words[-1][2])))
        return out

    def _classify(
        self, words: list[tuple[str, int, int]], terminal: str | None, after_subordinate: bool, more_clauses: bool
    ) -> tuple[str | None, bool, int]:
        """(act or None, whether this clause is subordinate, index of the question word)."""
        w = [t[0] for t in words]
        first = w[0]
        wh_at = 0 if first in self.wh else (1 if first in self.wh_prep and len(w) > 1 and w[1] in self.wh else None)
        if wh_at is not None:
            rest = w[wh_at + 1 :]
            if not rest:
                return ("open_question" if terminal == "?" or len(w) == 1 else None), False, wh_at
            if rest[0] in self.not_after_wh:
                return None, True, wh_at
            if terminal == "?":
                return "open_question", False, wh_at
            if terminal is not None:  # "Wie had dat gedacht." / "Wat is het druk vandaag!"
                return None, True, wh_at
            for i, word in enumerate(rest[:6]):
                if word in self.subject_pronouns:
                    break
                # right after the question word, a word in -t is the finite verb: "Waarin verschilt uw huis"
                finite = i == 0 and word.endswith("t") and len(word) > 3 and word not in self.not_finite
                if finite or self._is_verb(word, rest[i + 1] if i + 1 < len(rest) else None):
                    if i == len(rest) - 1 and i > 0 and more_clauses:
                        return None, True, wh_at  # "Wie op 1 januari eigenaar is, betaalt ..."
                    return "open_question", False, wh_at
            return None, True, wh_at
        if first in self.subordinators:
            return None, True, 0
        second = w[1] if len(w) > 1 else None
        if second is None or after_subordinate:
            return None, False, 0
        verb_first = second in self.subjects and (
            first in self.verbs
            or (
                # Dutch yes/no questions: a finite verb first, a subject pronoun second ("Rookt u", "Speelde dat")
                first not in self.not_finite
                and first not in self.wh
                and first not in self.fillers
                and (
                    (first.endswith("t") and len(first) > 3 and second in self.verb_t_subjects)
                    or (first.endswith(("de", "te", "den", "ten")) and len(first) > 4 and second in self.subjects)
                )
            )
            or (
                second in self.informal_subjects
                and first not in self.not_before_je
                and first not in self.fillers
                and first not in self.wh
            )
        )
        if not verb_first:
            return None, False, 0
        if terminal == "?":
            return "closed_question", False, 0
        imperative = (
            w[-1] in self.imperative
            or not self.imperative_anywhere.isdisjoint(w)
            or (len(w) > 2 and w[2] in self.imperative)
        )
        if terminal is None and not imperative:
            return "closed_question", False, 0
        return None, False, 0

    def _is_verb(self, word: str, following: str | None) -> bool:
        return word in self.verbs or (following in self.verb_followers and word.endswith(("t", "en")))

    # --- other acts -------------------------------------------------------------------------------------------

    def _next_step(self, s: str, words: set[str]) -> tuple[str, int, int] | None:
        rules, timed, blockers = self.acts["next_step"], self.timed["next_step"], self.blockers["next_step"]
        if not rules.possible(words) and not timed.possible(words):
            return None
        has_time = bool(self.time and self.time.search(s))
        if _NOT_SETTLED.search(s):  # "ik weet niet zeker of ze dan nog werken, ik vraag of ..." (evidence round 9)
            return None
        conditional = False
        for a, b in _clauses(s):
            clause = s[a:b]
            if conditional:  # "Als er iets moet, hoort u van ons": a promise on a condition is no agreement
                conditional = False
                continue
            lead_words = [w for w in clause.split() if w not in ("en", "maar", "dus", "o", "oh")]
            first_word = lead_words[0] if lead_words else ""  # "En als de waarde omlaag gaat, krijgt u ..."
            conditional = first_word in self.conditionals
            lead = len(clause) - len(clause.lstrip())
            local_starts = [lead]
            match = rules.find(clause, local_starts, words=words)
            if not match and has_time:
                match = timed.find(clause, local_starts, words=words)
            if match and not blockers.search(clause, local_starts, words):
                rule, x, y = match
                return rule, a + x, a + y
        return None

    def _negated(self, s: str) -> bool:
        """'U stoort helemaal niet', 'u heeft niks fout gedaan': the other person set right, not given back."""
        return bool(self.negation and self.negation.search(s))

    def _about_you(self, tokens: list[tuple[str, int, int]], lead: int) -> bool:
        words = [t[0] for t in tokens[lead:] if t[0] not in self.conclusive]
        return len(words) >= 2 and words[0] in self.second_person and words[1] not in self.wh

    def _stems(self, tokens: list[tuple[str, int, int]]) -> set[str]:
        return {_stem(w) for w, _, _ in tokens if len(w) >= 4 and w not in self.stopwords and w.isalpha()}

    def _given_back(self, tokens: list[tuple[str, int, int]], echo: _Echo | None) -> tuple[int, float]:
        """How many words of the other person's turn a sentence repeats, and their share of its words: a summary
        mostly gives back, an explanation that reuses a word or two mostly adds."""
        if not echo:
            return 0, 0.0
        stems = self._stems(tokens)
        overlap = len(stems & echo.stems)
        return overlap, overlap / len(stems) if stems else 0.0

    def _reflection(
        self,
        s: str,
        tokens: list[tuple[str, int, int]],
        lead: int,
        echo: _Echo | None,
        terminal: str | None,
        first: bool = False,
    ) -> list[tuple[str, str, int, int]]:
        """A statement about the other person ("U maakt zich zorgen om uw zoon", "Je wilt deze baby", "dus jullie
        hebben al twee keer gebeld?"): their feeling named is a reflection; what they want, think or did, given back
        (an inner verb, or words of their previous turn), is a summary; both when a summary names the feeling.
        Advice ("u kunt ..."), a generic 'je' ("je ziet vaak dat ...") and an answer to their question are neither."""
        rest = tokens[lead:]
        if rest and rest[0][0] in self.conclusive:
            rest = rest[1:]
        words = [t[0] for t in rest]
        if len(words) < 2 or words[0] in self.wh or words[0] in self.first_person:
            return []
        start, end = rest[0][1], tokens[-1][2]
        body = s[start:end]
        feeling = False
        if self.feeling_words and self.feeling_words.search(body):
            feeling = not self._negated(body.split(",")[0])
        overlap, share = self._given_back(rest[1:], echo)
        if words[0] in self.second_person:
            verb = words[1]
            if verb in self.wh or any(g.match(s, rest[0][1]) for g in self.generic_je):
                return []
            out = []
            if feeling or verb in self.feeling_verbs:  # "Je bent het zat", "U maakt zich zorgen om uw zoon"
                out.append(("emotion_reflection", "reflection-feeling", start, end))
                if overlap >= 1 and share >= 0.25 and verb not in self.not_reflection_verbs:
                    out.append(("summary", "reflection-echo", start, end))
            elif verb in self.not_reflection_verbs:  # "u kunt ...", "je moet ...": advice
                return []
            elif verb in self.inner_verbs:
                out.append(("summary", "reflection-inner", start, end))
            elif overlap >= 1 and share >= 0.25 and len(words) >= 3 and not echo.asked and not self._negated(s):
                out.append(("summary", "reflection-echo", start, end))
            return out
        # A turn that opens by giving back the other person's own words ("Vier dagen al, en nu drinkt hij niks
        # meer."): not an answer to their question, no advice, not about the speaker, not a question.
        if not first or not echo or echo.asked or overlap < 2 or share < 0.4 or terminal == "?":
            return []
        if any(w in self.first_person for w in words[:3]) or words[0] in self.verbs:
            return []
        if self.generic_info.search(s, [start], set(words)):  # "Dan betaalt u niet ...", "X betekent: ..."
            return []
        out = [("summary", "echo", start, end)]
        if feeling:
            out.append(("emotion_reflection", "reflection-feeling", start, end))
        return out

    def _explanation(
        self,
        s: str,
        tokens: list[tuple[str, int, int]],
        starts: list[int],
        dismissive: ActHit | None,
        off: int,
        words: set[str],
        echo: _Echo | None = None,
    ) -> tuple[str, int, int] | None:
        if len(tokens) < 3 or self.not_explanation.search(s, starts, words):
            return None
        rest = s
        if dismissive is not None:
            a, b = dismissive.start - off, dismissive.end - off
            rest = s[:a] + " " * (b - a) + s[b:]
            if not (self.strong_info and self.strong_info.search(rest)):
                return None
        m = (self.domain and self.domain.search(rest)) or self.generic_info.find(rest, starts, words=words)
        if not m and echo and echo.asked and dismissive is None:
            # the other person asked; a statement that is not about the speaker answers it
            first = next((t[0] for t in tokens if t[0] not in self.fillers), "")
            on_topic = self._given_back(tokens, echo)[0] >= 1  # it takes up a word of the question
            m = len(tokens) >= 4 and on_topic and first not in self.first_person and first not in self.wh
        if not m:
            return None
        body = s.rstrip()
        return "informative-statement", 0, len(body)

    def _jargon(self, text: str, s: str, off: int, words: set[str]) -> list[ActHit]:
        # only the terms that can start with a word of this sentence, in lexicon order; the others are skipped
        order: Iterable[int] = self.jargon_always
        if _possible(self.jargon_first, words):
            picked = set(self.jargon_always)
            for word in words & self.jargon_by_word.keys():
                picked.update(self.jargon_by_word[word])
            prefixes = self.jargon_first[1]
            for word in [w for w in words if w.startswith(prefixes)] if prefixes else ():
                picked.update(i for prefix, i in self.jargon_by_prefix if word.startswith(prefix))
            order = sorted(picked)
        hits = []
        for i in order:
            needles = self.jargon_needles.get(i)
            if needles is not None and not any(n in s for n in needles):
                continue
            term, regex, explained_by, _ = self.jargon[i]
            for m in regex.finditer(s):
                if explained_by and explained_by.search(s):
                    break  # the sentence explains the term: none of its mentions counts
                if self.defined_right_after and self.defined_right_after.match(s, m.end()):
                    continue
                if self.defined_later and self.defined_later.search(s, m.end()):
                    continue
                if self.defined_before and self.defined_before.search(s, 0, m.start()):
                    continue  # "..., dat heet de beslagvrije voet": named after it was explained
                hits.append(
                    self._hit(
                        text, "jargon", off, m.start(), m.end(), f"jargon:{term.term}", term=term.term, plain=term.plain
                    )
                )
                break
        return hits

    def _opening(
        self, s: str, tokens: list[tuple[str, int, int]], typed: str = "", greeted: bool = False
    ) -> tuple[str, int, int] | None:
        """Greeting and saying who one is. ``typed`` is the sentence as typed: a capital marks a name ("ik ben
        Ingrid", "Klantenservice RegioBus, met Ahmed"); ``greeted``: the sentence before was a greeting."""
        greeting = next((t for t in tokens[:5] if t[0] in self.greetings), None)
        if greeting is None and self.greeting_phrases:
            m = self.greeting_phrases.search(s, 0, tokens[min(3, len(tokens) - 1)][2])
            if m:
                greeting = (m.group(), m.start(), m.end())
        if greeting is None and greeted:
            greeting = ("", -1, -1)
        end = tokens[-1][2]
        start = tokens[0][1]

        def named(i: int) -> bool:  # the word at token i is typed with a capital (and is no sentence start)
            a = tokens[i][1]
            return i > 0 and a < len(typed) and typed[a].isupper()

        if greeting:
            for i in range(min(10, len(tokens) - 2)):
                if (tokens[i][0], tokens[i + 1][0]) in self.introductions:  # "ik ben Ingrid", "ik ben de ..."
                    role = tokens[i + 2][0] in self.role_words and i + 3 < len(tokens)
                    if named(i + 2) or role:
                        return "ik-ben", start, end
        self_id = self.self_id.find(s, [start])
        if self_id:
            return "self-identification", start, max(end, self_id[2])
        if greeting and self.weak_self_id.search(s, [start]):
            return "self-identification", start, end
        for i, (word, _, _) in enumerate(tokens[:8]):
            if word in self.before_name and i + 1 < len(tokens):
                name = tokens[i + 1][0]
                before = [t[0] for t in tokens[:i]]
                lead_in = bool(greeting and greeting[1] < tokens[i][1]) or all(
                    b in self.greetings
                    or b in self.fillers
                    or (self.organisation and self.organisation.fullmatch(b))
                    or named(j)
                    or j == 0
                    for j, b in enumerate(before)
                )
                context = bool(greeting) or bool(self.organisation and self.organisation.search(s)) or len(tokens) <= 6
                if name not in self.not_names and name not in self.fillers and lead_in and context:
                    return "met-naam", start, end
        if greeting and self.organisation and self.organisation.search(s):
            return "greeting-organisation", start, end
        return None

    def _informal(self, text: str, folded: str, sentences: Sequence[Sentence] = ()) -> list[ActHit]:
        """The first 'je' that addresses the caller. In a turn that says 'u' to the caller, a 'je' in a statement is
        the generic one ("dat gebeurt vaker als je het druk hebt", "een deel van je leven"); in a question it
        addresses ("Heb je DigiD?")."""
        generic: list[tuple[int, int]] | None = None
        polite = any(m.group() in self.polite_words for m in _TOKEN.finditer(folded))
        statements = (
            [
                (x.start, x.end)
                for x in sentences
                if not x.text.rstrip().endswith("?") and not self.asks_by_word_order(x.text)
            ]
            if polite
            else []
        )
        for m in _TOKEN.finditer(folded):
            if m.group() not in self.informal_words:
                continue
            if m.group() == "je" and any(a <= m.start() < b for a, b in statements):
                continue  # 'jij', 'jou', 'jouw' are never the generic one
            if generic is None:
                generic = [(g.start(), g.end()) for regex in self.generic_je for g in regex.finditer(folded)]
            if not any(a <= m.start() < b for a, b in generic):
                return [ActHit("informal_address", text[m.start() : m.end()], m.start(), m.end(), f"word:{m.group()}")]
        return []
