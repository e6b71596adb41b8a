"""What a caller's line asks: the questions in it, and those the trainee should answer. The caller's brain and the
scorer read a line through these same functions, so a line the scorer counts as a question is one the brain treats
as one (and the seed only chooses among lines that read alike)."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_QUESTION = re.compile(r"[^.!?]*\?[?!]*")
"""A sentence that ends in a question mark, anywhere in a turn."""


def caller_questions(text: str) -> list[str]:
    """The sentences of a caller turn that end in a question mark ('Waarom zo hoog? Ik snap het niet.')."""
    return [m.group().strip() for m in _QUESTION.finditer(text) if any(c.isalnum() for c in m.group())]


_RHETORICAL = re.compile(
    r"\W*(?:wat (?:is|zijn) (?:dit|dat) (?:nou |nu )?voor (?:onzin|flauwekul|gedoe|onzinnig)"
    r"|hoe (?:kan|is) (?:dat|het) (?:nou |nu )?mogelijk"
    r"|ben(?:t)? (?:u|je) (?:nou|nu) helemaal|doe (?:even |eens )?normaal|(?:dat|dit) meent u (?:toch )?niet"
    r"|(?:\d+(?:[.,]\d+)? )?(?:euro|€)\W*\?$)",
    re.I,
)
"""An exclamation in question form ('Wat is dat voor onzin?'): anger to hear, no question to answer."""
_CONTACT = frozenset({"hallo", "eerlijk", "he", "hè", "toch", "nou", "ja", "nee", "oke", "oké", "hm", "hmm"})


_STAGE = re.compile(r"\[[^\]]*\]")
"""A stage direction in the caller's line ('[zucht]'): no word of the question."""
_ECHO = re.compile(r"\W*(?:wat|hoeveel) ik(?![^\W_])", re.I)
"""'Wat ik er zelf uit haal?': the caller repeats a question put to it, and answers it in the same line."""


def _contact(question: str) -> bool:
    """'Hallo?', 'Eerlijk?', 'Toch?': a check that the line is open or a turn of phrase, no question to answer."""
    words = _WORD.findall(_STAGE.sub(" ", question).lower())
    return bool(words) and len(words) <= 3 and all(w in _CONTACT for w in words)


def questions_to_answer(text: str) -> list[str]:
    """The caller's questions that ask for an answer: not a contact check ('Hallo?', '[zucht] Oké, eerlijk?'), a
    rhetorical outburst ('Wat is dit nou voor onzin?') nor a question the caller repeats and answers itself ('Wat ik
    er zelf uit haal? Minder dan een bijstandsuitkering.')."""
    out = []
    for q in caller_questions(text):
        bare = _STAGE.sub(" ", q).strip()
        if _contact(q) or _RHETORICAL.match(bare):
            continue
        after = text[text.find(q) + len(q) :].strip()
        if _ECHO.match(bare) and after and not after.endswith("?"):
            continue
        out.append(q)
    return out
