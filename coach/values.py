"""Values in Dutch speech, normalised: durations, dates, amounts and counts.

Every reader works on *folded* text (coach.patterns.fold: lower case, accents off, offsets kept) and returns
``Value``s with their span, so a claim can quote what was typed. ``zes weken``, ``6 wk``, ``42 dagen`` and
``anderhalve maand`` are all about six weeks; ``20 april``, ``20-4`` and ``20/04/2026`` are the same day; ``negen
euro``, ``€ 9`` and ``9,00 euro`` the same amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "nul": 0, "een": 1, "eentje": 1, "zo'n": 1, "zon": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14,
    "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19,
}  # fmt: skip
_TENS = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80,
         "negentig": 90}  # fmt: skip
_FRACTIONS = {"anderhalf": 1.5, "anderhalve": 1.5, "half": 0.5, "halve": 0.5, "halfje": 0.5}


def _number_words() -> dict[str, float]:
    words: dict[str, float] = {**_UNITS, **_FRACTIONS, "honderd": 100}
    for tens, t in _TENS.items():
        words[tens] = t
        for unit, u in _UNITS.items():
            if u < 10:
                # eenentwintig, tweeentwintig (tweeëntwintig folded), drieentwintig
                words[f"{unit}en{tens}"] = t + u
                words[f"{unit}entwintig" if tens == "twintig" else f"{unit}en{tens}"] = t + u
    return words


NUMBER_WORDS = _number_words()
_NUM_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_DIGITS = r"\d+(?:[.,]\d+)?"
NUMBER = rf"(?:{_DIGITS}|(?<![^\W_])(?:{_NUM_WORD})(?![^\W_]))"

_DAY = 1.0
DURATION_UNITS: dict[str, float] = {
    "werkdag": 1.4, "werkdagen": 1.4, "werkdg": 1.4,
    "dag": _DAY, "dagen": _DAY, "dg": _DAY, "dgn": _DAY, "dagn": _DAY, "daagjes": _DAY, "d": _DAY,
    "week": 7, "weken": 7, "weeken": 7, "weekn": 7, "wekn": 7, "wk": 7, "wkn": 7, "weekjes": 7, "w": 7,
    "maand": 30.4, "maanden": 30.4, "mnd": 30.4, "mnden": 30.4, "mndn": 30.4, "maandje": 30.4, "maandjes": 30.4,
    "jaar": 365, "jaren": 365, "jr": 365, "halfjaar": 182.5,
    "uur": 1 / 24, "uren": 1 / 24, "u": 1 / 24,
}  # fmt: skip
_ONE_LETTER = {"d", "w", "u"}
_UNIT = "|".join(sorted(DURATION_UNITS, key=len, reverse=True))
_DURATION = re.compile(
    rf"(?<![^\W_])(?:(?P<num>{NUMBER})\s*(?:-\s*)?(?P<unit>{_UNIT})|(?P<bare>(?:een\s+)?half\s*jaar))(?![^\W_])"
)

_NOT_A_PERIOD = re.compile(
    r"\s*(?:eerder|later|geleden|te laat|te vroeg|ervoor|erna|daarvoor|daarna|oud|extra)(?![^\W_])"
)
_HOURS_BEFORE = re.compile(r"(?:binnen|nog|ruim|maximaal|uiterlijk|hooguit|na|over|heeft|hebt)\s+$")

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8, "september": 9, "sep": 9,
    "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
MONTH_NAMES = {v: max((k for k, x in MONTHS.items() if x == v), key=len) for v in set(MONTHS.values())}
"""Each month's full name ('juni', not 'jun'; 'juni' and 'juli' were missing when names were kept by length)."""
WEEKDAYS = frozenset(["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"])
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_WORDS = re.compile(
    rf"(?<![^\W_])(?P<day>\d{{1,2}}|een|eerste)(?:e|ste)?\s+(?P<month>{_MONTH})\.?(?:\s+(?P<year>(?:19|20)\d\d))?"
    r"(?![^\W_])"
)
_DATE_DIGITS = re.compile(
    r"(?<![\d.,/-])(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})(?:[-/.](?P<year>(?:19|20)?\d\d))?(?![\d/-])"
)
_AMOUNT = re.compile(
    rf"(?:(?:€|eur\b|euro\b)\s*(?P<pre>{_DIGITS}|{NUMBER})(?:\s*,-)?|(?P<post>{NUMBER})\s*(?:,-\s*)?(?:euro|eur|€)"
    rf"(?![^\W_])(?:\s+en\s+(?P<cents>{NUMBER})\s+cent)?|(?<![\d.,])(?P<bare>\d+,\d\d)(?![\d]))"
)


@dataclass(frozen=True, slots=True)
class Value:
    """One value found in a turn: its kind, the normalised amount and the span in the text."""

    kind: str
    amount: float | tuple[int, int, int | None]
    start: int
    end: int


def number(word: str) -> float | None:
    """A number written in digits ('6', '1,5') or in Dutch words ('zes', 'anderhalve', 'tweeenveertig')."""
    word = word.strip()
    if re.fullmatch(_DIGITS, word):
        return float(word.replace(".", "").replace(",", ".") if "," in word else word)
    return NUMBER_WORDS.get(word)


_OPEN_ENDED = re.compile(
    r"(?<![^\W_])(?:(?:tot )?(?:het )?einde? (?:van |vh |v\.h\. )?(?:het |dit )?jaar|31 december|"
    r"geen (?:vaste )?(?:termijn|deadline)|wanneer het u uitkomt|zo ?lang als u wilt|zolang u het (?:maar )?dit jaar|"
    r"alle tijd)"
    r"(?![^\W_])"
)
OPEN_ENDED_DAYS = 365.0
"""'Tot eind van het jaar', 'geen vaste termijn': said as a period, it is as long as a year."""


_WITHIN_ONE = re.compile(r"(?<![^\W_])binnen\s+(?:de\s+)?(?P<unit>week|maand)(?![^\W_])")


def durations(folded: str) -> list[Value]:
    out = [Value("duration", OPEN_ENDED_DAYS, m.start(), m.end()) for m in _OPEN_ENDED.finditer(folded)]
    out += [
        Value("duration", DURATION_UNITS[m.group("unit")], m.start(), m.end()) for m in _WITHIN_ONE.finditer(folded)
    ]
    for m in _DURATION.finditer(folded):
        if m.group("bare"):
            out.append(Value("duration", 182.5, m.start(), m.end()))
            continue
        unit = m.group("unit")
        if unit in _ONE_LETTER and not re.fullmatch(r"\d+", m.group("num")):
            continue  # "zes u" is not six hours; "48u" is
        n = number(m.group("num"))
        if n is None:
            continue
        if m.group("num") == "een" and unit in _ONE_LETTER:
            continue
        if _NOT_A_PERIOD.match(folded, m.end()):
            continue  # "een dag eerder", "twee weken geleden": a moment, not a period to act in
        if unit in ("uur", "uren", "u") and n < 24 and not _HOURS_BEFORE.search(folded[: m.start()]):
            continue  # "voor vier uur" is a time of day
        out.append(Value("duration", n * DURATION_UNITS[unit], m.start(), m.end()))
    return out


def dates(folded: str) -> list[Value]:
    out = []
    for m in _DATE_WORDS.finditer(folded):
        day = 1 if m.group("day") in ("een", "eerste") else int(m.group("day"))
        year = int(m.group("year")) if m.group("year") else None
        if 1 <= day <= 31:
            out.append(Value("date", (day, MONTHS[m.group("month")], year), m.start(), m.end()))
    for m in _DATE_DIGITS.finditer(folded):
        day, month = int(m.group("day")), int(m.group("month"))
        year = m.group("year")
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        if year is None and m.group(0).count(".") and not m.group(0).count("-"):
            continue  # "1.5" is a number, not the first of May
        y = None if year is None else (int(year) + 2000 if len(year) == 2 else int(year))
        out.append(Value("date", (day, month, y), m.start(), m.end()))
    return out


def amounts(folded: str) -> list[Value]:
    out = []
    for m in _AMOUNT.finditer(folded):
        raw = m.group("pre") or m.group("post") or m.group("bare")
        n = number(raw)
        if n is None:
            continue
        if m.group("cents"):
            n += (number(m.group("cents")) or 0) / 100
        out.append(Value("amount", round(n * 100), m.start(), m.end()))
    return out


_ONE_BEFORE = [["na"], ["bij"], ["al"], ["pas"], ["maar"], ["slechts"], ["elke"], ["iedere"], ["direct"], ["meteen"]]


def counts(folded: str, unit: re.Pattern[str]) -> list[Value]:
    """A number right before a word of ``unit`` ('10 termijnen', 'twee keer'), or one word before it ('10 maandelijkse
    termijnen'); 'in een keer' (at once) is no count."""
    out = []
    for m in re.finditer(rf"(?<![^\W_])(?P<num>{NUMBER})\s+", folded):
        tail = unit.match(folded, m.end())
        if tail is None:
            extra = re.match(r"[^\W\d_]+\s+", folded[m.end() :])
            tail = unit.match(folded, m.end() + extra.end()) if extra else None
        before = folded[: m.start()].split()[-1:]
        if tail is None or before == ["in"]:
            continue
        if m.group("num") == "een" and before not in _ONE_BEFORE:
            continue  # "een terugboeking", "nog een keer": an article, not the number one
        n = number(m.group("num"))
        if n is not None:
            out.append(Value("count", n, m.start(), tail.end()))
    return out


def parse(kind: str, text: str) -> Value | None:
    """The value a scenario or catalogue writes ('6 weken', '10 april 2026', '€ 9,00', '10')."""
    from coach.patterns import fold

    folded = fold(text.strip())
    if kind == "count":
        n = number(folded.split()[0]) if folded.split() else None
        return None if n is None else Value("count", n, 0, len(folded))
    found = {"duration": durations, "date": dates, "amount": amounts}[kind](folded)
    return found[0] if found else None


def same_value(kind: str, a: object, b: object) -> bool:
    if kind == "duration":
        x, y = float(a), float(b)  # type: ignore[arg-type]
        return abs(x - y) <= 0.1 * max(x, y)
    if kind == "date":
        (d1, m1, y1), (d2, m2, y2) = a, b  # type: ignore[misc]
        return d1 == d2 and m1 == m2 and (y1 is None or y2 is None or y1 == y2)
    return a == b


def spoken(kind: str, amount: object) -> str:
    """A value as a person would say it back: '6 weken', '10 april 2026', '€ 9,00'."""
    if kind == "duration":
        days = float(amount)  # type: ignore[arg-type]
        for unit, size in (("jaar", 365), ("maanden", 30.4), ("weken", 7), ("dagen", 1)):
            n = days / size
            if n >= 1 and abs(n - round(n)) < 0.05:
                if unit == "maanden" and round(n) == 1:
                    unit = "maand"
                return f"{round(n)} {unit if round(n) != 1 or unit != 'weken' else 'week'}"
        return f"{days:g} dagen"
    if kind == "date":
        day, month, year = amount  # type: ignore[misc]
        name = MONTH_NAMES[month]
        return f"{day} {name}" + (f" {year}" if year else "")
    if kind == "amount":
        euros = f"{float(amount) / 100:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")  # type: ignore[arg-type]
        return f"€ {euros}"
    return f"{float(amount):g}"  # type: ignore[arg-type]
