"""Trainer-friendly phrase patterns, shared by scenarios, rubrics and the lexicon.

A pattern is a short Dutch phrase matched on whole words, ignoring case and accents:

- ``zes weken``           the words in this order, with spaces or punctuation between them
- ``taxatie*``            a word that starts with ``taxatie``
- ``*verordening``        a word that ends with ``verordening`` (also ``*bevel*``: contains ``bevel``)
- ``zes|6 weken``         ``zes weken`` or ``6 weken`` (a choice between single words)
- ``(nog een keer|opnieuw) uitleggen``   a choice between phrases
- ``gratis ... verslag``  up to four other words may stand between ``gratis`` and ``verslag`` (``...8``: up to eight)
- ``$name``               any phrase from the list ``name`` the caller of ``pattern_regex`` provides (lexicon lists)
- ``niet-ontvankelijk``   a hyphen also matches a space or nothing
- ``re:<regex>``          a raw regular expression on the folded text, for the rare case the above cannot say it
- ``A & B``               (scenario phrases) both A and B occur somewhere in the text, in any order

Matching runs on *folded* text (lower case, accents removed) that keeps every character at its offset, so a
match's span can be quoted from the original text.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

BOUNDARY = r"(?<![^\W_])"
"""Every compiled pattern (but raw ``re:`` ones) starts with this word boundary; see coach.analyzer for why."""
_GAP = re.compile(r"\.\.\.(\d{1,2})?")
_MAX_GAP_WORDS = 4
_WORD = r"[^\W_]"


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    low = ch.lower()
    if len(low) != 1:
        return ch
    if ch in "\u2018\u2019\u201a\u201b\u00b4`":
        return "'"
    if ch in "\u201c\u201d\u201e\u201f":
        return '"'
    if ch in "\u2010\u2011\u2012\u2013\u2014":
        return "-"
    decomposed = unicodedata.normalize("NFKD", low)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base if len(base) == 1 else low


class _FoldTable(dict):
    """Each character's folded form, worked out once (str.translate asks it per character)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower-case and strip accents, keeping the length so offsets stay valid."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD)


class PatternError(ValueError):
    """A pattern a trainer wrote cannot be compiled."""


def split_tokens(pattern: str) -> list[str]:
    """Split on spaces, keeping a parenthesised group of phrases together."""
    tokens, current, depth = [], "", 0
    for ch in pattern:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                raise PatternError("')' zonder '('")
        if ch.isspace() and depth == 0:
            if current:
                tokens.append(current)
            current = ""
        else:
            current += ch
    if depth:
        raise PatternError("'(' zonder ')'")
    if current:
        tokens.append(current)
    return tokens


def join_alternatives(regexes: list[str]) -> str:
    """One alternation; when every branch starts with the word boundary, it is moved in front.

    Python's regex engine skips a branch cheaply when it starts with a literal, not when it starts with a
    lookbehind, so a shared boundary in front keeps long word lists fast.
    """
    if regexes and all(r.startswith(BOUNDARY) for r in regexes):
        return BOUNDARY + "(?:" + "|".join(r[len(BOUNDARY) :] for r in regexes) + ")"
    return "(?:" + "|".join(f"(?:{r})" for r in regexes) + ")"


def group_parts(token: str) -> list[str]:
    """The phrases of a ``(a b|c d)`` group."""
    inner = token[1:-1]
    parts, current, depth = [], "", 0
    for ch in inner:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    if any(not p.strip() for p in parts):
        raise PatternError(f"lege keuze in '{token}'")
    return parts


def _group_regex(token: str, variables: dict[str, str] | None) -> str:
    return join_alternatives([pattern_regex(p, variables) for p in group_parts(token)])


def _token_regex(token: str, variables: dict[str, str] | None = None) -> str:
    if token.startswith("(") and token.endswith(")"):
        return _group_regex(token, variables)
    if any(c in token for c in "()[]{}?"):
        raise PatternError(
            f"'{token}': vraagtekens en losse haakjes werken niet in een patroon; "
            "schrijf keuzes als a|b of (twee woorden|andere woorden)"
        )
    alternatives = []
    for alt in token.split("|"):
        if not alt:
            raise PatternError(f"lege keuze in '{token}' (twee keer '|' achter elkaar?)")
        if alt.startswith("$"):
            if variables is None or alt[1:] not in variables:
                raise PatternError(f"onbekende lijst '{alt}'")
            regex = variables[alt[1:]]
            alternatives.append(regex[len(BOUNDARY) :] if regex.startswith(BOUNDARY) else f"(?:{regex})")
            continue
        prefix = alt.endswith("*")
        suffix = alt.startswith("*")
        core = alt[1 if suffix else 0 : -1 if prefix else None]
        if not core or "*" in core:
            raise PatternError(f"'*' mag alleen aan het begin of eind van een woord staan: '{alt}'")
        parts = [re.escape(fold(p)) for p in core.split("-")]
        body = r"[-\s]?".join(parts)
        body = (rf"{_WORD}*" if suffix else "") + body + (rf"{_WORD}*" if prefix else "")
        alternatives.append(body)
    inner = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    return rf"{BOUNDARY}{inner}(?![^\W_])"


def pattern_regex(pattern: str, variables: dict[str, str] | None = None) -> str:
    """The regular expression (on folded text) for one pattern; ``variables`` maps ``$name`` to a regex."""
    pattern = pattern.strip()
    if not pattern:
        raise PatternError("leeg patroon")
    if " & " in pattern and not pattern.startswith("re:"):
        raise PatternError("'&' kan hier niet; gebruik het alleen in zinnen van een scenario")
    if pattern.startswith("re:"):
        raw = pattern[3:]
        try:
            re.compile(raw)
        except re.error as exc:
            raise PatternError(f"ongeldige reguliere expressie: {exc}") from None
        return raw
    tokens = split_tokens(pattern)
    pieces: list[str] = []
    pending_gap = 0
    for token in tokens:
        gap = _GAP.fullmatch(token)
        if gap:
            if not pieces:
                raise PatternError("'...' kan niet aan het begin van een patroon staan")
            pending_gap = int(gap.group(1) or _MAX_GAP_WORDS)
            continue
        if pieces:
            sep = r"\W+"
            if pending_gap:
                sep = rf"\W+(?:{_WORD}+\W+){{0,{pending_gap}}}"
            pieces.append(sep)
        pieces.append(_token_regex(token, variables))
        pending_gap = 0
    if pending_gap:
        raise PatternError("'...' kan niet aan het eind van een patroon staan")
    return "".join(pieces)


_PLAIN_WORDS = re.compile(r"[^\W_]+(?:[ '-][^\W_]+)*")


def check_words(entry: str, *, stem: bool = False) -> None:
    """An entry of a plain word list (no pattern): a word, or words with one space between them; with ``stem`` a
    '*' at the end stands for any ending."""
    core = entry[:-1] if stem and entry.endswith("*") else entry
    if not _PLAIN_WORDS.fullmatch(core):
        ending = ", met hoogstens een '*' aan het eind (elk woord dat zo begint)" if stem else ""
        raise PatternError(f"alleen woorden met een spatie ertussen{ending}; dit is geen patroon")


def word_alternatives(entries: list[str], space: str = " ") -> str:
    """The entries of a plain word list as one regex alternation, without word boundaries (the code puts them round
    it): 'betal*' matches any word that starts with 'betal', and ``space`` is what stands between a phrase's words. An
    empty list matches nothing."""
    if not entries:
        return "(?!)"
    return "|".join(e[:-1].replace(" ", space) + r"\w*" if e.endswith("*") else e.replace(" ", space) for e in entries)


def check_phrase(phrase: str) -> None:
    """Validate a scenario phrase: one pattern, or several joined by ' & '."""
    for part in _parts(phrase):
        pattern_regex(part)


def _parts(phrase: str) -> list[str]:
    if phrase.startswith("re:"):
        return [phrase]
    parts = [p.strip() for p in phrase.split(" & ")]
    if any(not p for p in parts):
        raise PatternError("lege kant bij '&'")
    return parts


@lru_cache(maxsize=8192)
def compile_pattern(pattern: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern_regex(part)) for part in _parts(pattern))


def search(pattern: str, text: str, *, folded: str | None = None) -> re.Match[str] | None:
    """Match of ``pattern`` in ``text`` (offsets refer to ``text``); with '&' every part must occur."""
    folded = folded if folded is not None else fold(text)
    first = None
    for regex in compile_pattern(pattern):
        match = regex.search(folded)
        if match is None:
            return None
        first = first or match
    return first


def first_match(patterns: list[str], text: str) -> tuple[str, re.Match[str]] | None:
    """The first of ``patterns`` that matches ``text``, with its match."""
    folded = fold(text)
    for pattern in patterns:
        match = search(pattern, text, folded=folded)
        if match:
            return pattern, match
    return None


def first_claim(patterns: list[str], text: str, negation: re.Pattern[str] | None) -> tuple[str, re.Match[str]] | None:
    """Like first_match, but a phrase the speaker negates ("het is níet de waarde van nu") is no claim.

    ``negation`` matches one negation word (the lexicon's ``negations``). One among the four words before the match
    counts, and one inside it ("de incasso stopt níet door het bezwaar" for ``incasso ... stop* ... bezwaar``), but
    only within the phrase's own clause: not across a comma, colon or semicolon, nor before "en" or "maar" ("niet per
    brief maar telefonisch", "uw bezwaar vervalt niet en loopt gewoon door"). A pattern that is itself about a
    negation is taken as written.
    """
    folded = fold(text)
    for pattern in patterns:
        match = search(pattern, text, folded=folded)
        if not match:
            continue
        if negation is not None and not negation.search(pattern):
            before = _CLAUSE_BREAK.split(folded[: match.start()])[-1].split()[-4:]
            if any(negation.fullmatch(w.strip(",.;:!?")) for w in before):
                continue
            inside = folded[match.start() : match.end()]
            if any(
                negation.fullmatch(w.group().strip(",.;:!?")) and not _CLAUSE_BREAK.search(inside, w.end())
                for w in re.finditer(r"\S+", inside)
            ):
                continue
        return pattern, match
    return None


_CLAUSE_BREAK = re.compile(r"[,:;.!?]|(?<![^\W_])(?:en|maar)(?![^\W_])")
"""Where a clause ends for a negation: it does not reach past a punctuation mark, nor past "en" or "maar"."""


def examples(pattern: str, limit: int = 24) -> list[str]:
    """Texts a scenario phrase matches, spelled out from its own words: each choice of ``a|b`` and ``(a b|c)``, gaps
    left empty, ``taxatie*`` as ``taxatie``, the parts of ``A & B`` joined by a comma; at most ``limit``. None for a
    raw ``re:`` pattern or a lexicon list (``$name``). What ``coach validate`` reads to see whether two items'
    phrases fit one sentence."""
    if pattern.startswith("re:"):
        return []
    try:
        parts = [_spell(p, limit) for p in _parts(pattern)]
    except PatternError:
        return []
    return [", ".join(combo) for combo in itertools.islice(itertools.product(*parts), limit)]


def _spell(pattern: str, limit: int) -> list[str]:
    choices: list[list[str]] = []
    for token in split_tokens(pattern):
        if _GAP.fullmatch(token):
            continue  # a gap may hold no words at all
        if token.startswith("(") and token.endswith(")"):
            choices.append([text for part in group_parts(token) for text in _spell(part, limit)][:limit])
        elif "$" in token:
            raise PatternError("a lexicon list is not spelled out")
        else:
            choices.append([alt.strip("*") for alt in token.split("|")])
    return [" ".join(words) for words in itertools.islice(itertools.product(*choices), limit)]
