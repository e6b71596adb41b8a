"""Learner names as a trainer types them: "Özlem" finds "Özlem Yılmaz-de Vries", "ozlem yilmaz" too.

One rule for every place that groups or looks up trainees (history, report, status, import): a name's ``key`` folds
case, accents and spacing; a query ``matches`` a name when each of its words starts a word of the name, in order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_SPLIT = re.compile(r"[\s\-‐‑–'’.,_]+")
_FOLD = str.maketrans({"ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "þ": "th"})


def fold(text: str) -> str:
    """Lower case without accents: 'Özlem Yılmaz' → 'ozlem yilmaz'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(name: str) -> list[str]:
    return [w for w in _SPLIT.split(fold(name)) if w]


def key(name: str | None) -> str:
    """The form two spellings of one name share: 'Özlem  Yılmaz-de Vries' and 'ozlem yilmaz de vries'."""
    return " ".join(words(name or ""))


def display(name: str | None) -> str:
    """A name as shown: spacing tidied, the spelling kept."""
    return " ".join((name or "").split())


def matches(query: str, name: str | None) -> bool:
    """Each word of the query starts a word of the name, in the same order ('Özlem', 'ozlem vries', 'Ö. Yılmaz'
    do; 'Vries Özlem' does not)."""
    wanted = words(query)
    have = words(name or "")
    if not wanted:
        return False
    i = 0
    for word in have:
        if i < len(wanted) and word.startswith(wanted[i]):
            i += 1
    return i == len(wanted)


def find(query: str, names: Iterable[str]) -> list[str]:
    """The names a query stands for: an exact match (by key) if there is one, else every name it matches."""
    names = list(dict.fromkeys(n for n in names if n))
    exact = [n for n in names if key(n) == key(query)]
    return exact or [n for n in names if matches(query, n)]
