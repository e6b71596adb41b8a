"""Dutch number agreement for the messages the tool writes: '1 vraag', '3 vragen', 'geen vragen'."""

from __future__ import annotations


def count(n: int, one: str, many: str, zero: str | None = None) -> str:
    """'1 samenvatting', '2 samenvattingen'; with ``zero`` the text for none ('geen samenvatting')."""
    if n == 0 and zero is not None:
        return zero
    return f"{n} {one if n == 1 else many}"


def verb(n: int, one: str, many: str) -> str:
    """The verb that agrees with a count: '1 van de 3 vragen was open', '2 van de 3 vragen waren open'."""
    return one if n == 1 else many


def of_total(k: int, n: int, the_one: str, many: str, done: str) -> str:
    """'2 van de 3 kernpunten overgebracht.'; with one in all: 'Het kernpunt is (niet) overgebracht.'"""
    if n == 1:
        return f"{the_one[:1].upper()}{the_one[1:]} is {'' if k else 'niet '}{done}."
    return f"{k} van de {n} {many} {done}."


def number(n: int) -> str:
    """A whole number as Dutch writes it: '20.000', '1.250'."""
    return f"{n:,}".replace(",", ".")
