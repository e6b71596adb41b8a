"""Better sentences for the improvements, chosen for this caller: the mood the caller's own words show near the
trainee's moment (boos, angstig, verdrietig, verward, gehaast, beschaamd; otherwise rustig), the scenario's
municipality and the caller's name, a word the caller just used. The bank is lexicon data (coach/lexicon/advice.yaml,
coach/formats/advice.py); one report never repeats a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.feedback.call import Call
from coach.feedback.model import Evidence
from coach.formats.advice import placeholders
from coach.patterns import fold

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_QUESTION = re.compile(r"[^.!?…\]]*[^\W_][^.!?…\]]*\?")
"""A question sentence in a caller's line."""
_FICTIONAL = re.compile(r"\s*\((?:fictief|fictieve gemeente)\)\s*$", re.IGNORECASE)


@dataclass
class Advisor:
    call: Call
    used: set[str] = field(default_factory=set)
    _moods: list[tuple[int, str | None]] | None = field(default=None, repr=False)
    _values: dict[int | None, dict[str, str]] = field(default_factory=dict, repr=False)

    def _caller_moods(self) -> list[tuple[int, str | None]]:
        if self._moods is None:
            self._moods = [(i, self.call.analyzer.mood(t.text)) for i, t in self.call.caller]
        return self._moods

    def mood(self, turn: int | None) -> str:
        """The caller's mood at a moment (1-based turn): the mood the caller's words show most often, counting the
        turns up to the moment twice; ties go to the lexicon's order (grief, anger, fear, ...); else 'rustig'."""
        votes: dict[str, int] = {}
        for i, found in self._caller_moods():
            if found:
                votes[found] = votes.get(found, 0) + (2 if turn is None or i < turn else 1)
        if not votes:
            return "rustig"
        order = [m for m, _ in self.call.analyzer.moods]
        return max(votes, key=lambda m: (votes[m], -order.index(m)))

    def values(self, turn: int | None) -> dict[str, str]:
        if turn not in self._values:
            self._values[turn] = self._fill(turn)
        return self._values[turn]

    def _fill(self, turn: int | None) -> dict[str, str]:
        out: dict[str, str] = {}
        s = self.call.scenario
        if s is not None:
            place = _FICTIONAL.sub("", s.municipality).strip()
            out["gemeente"] = re.sub(r"^gemeente\s+", "", place, flags=re.IGNORECASE)
            out["naam"] = s.caller.address_as
            if s.concerns.surface.said_back:
                out["samenvatting"] = " ".join(s.concerns.surface.said_back.split()).rstrip(".?! ")
        callers = [t for i, t in self.call.caller if turn is None or i < turn]
        hints = [h for c in s.concerns.hidden for h in c.hints] if s is not None else []
        said = next((h for t in reversed(callers) for h in hints if h.lower() in t.text.lower()), None)
        if said:  # the words the caller let slip about what really plays ("eerder moeten doen")
            said = said.strip().rstrip(".!?…")
            out["woord"] = said[:1].lower() + said[1:]
        elif callers:
            wanted = self.call.analyzer.content_words(callers[-1].text)
            words = [
                w
                for n, w in enumerate(_WORD.findall(callers[-1].text))
                if len(w) >= 5 and fold(w) in wanted and (n == 0 or not w[:1].isupper())
            ]
            if words:
                out["woord"] = max(words, key=len).lower()
        # the caller's last question up to the moment, as it asked it ("Ik heb toch maar één aanslag?")
        asked = [q for i, t in self.call.caller if turn is None or i <= turn for q in _QUESTION.findall(t.text)]
        if asked:
            out["vraag"] = asked[-1].strip()
        return out

    def example(self, signal: str, moment: Evidence | None, fallback: str = "") -> str:
        """A better sentence for this signal at this moment, not used before in the report ('' when none fits); the
        rubric's example (``fallback``) only when the bank has none for this caller."""
        turn = moment.turn if moment is not None else None
        mood = self.mood(turn)
        values = self.values(turn)
        bank = [a for a in self.call.analyzer.advice if a.signal == signal]
        fitting = [a for a in bank if mood in a.moods] + [a for a in bank if not a.moods]
        options = []
        for item in fitting:
            if placeholders(item.text) <= values.keys():
                text = item.text.format(**{k: values[k] for k in placeholders(item.text)})
                if text not in self.used:
                    options.append(text)
        if fallback and fallback not in self.used and not options:
            options.append(fallback)  # the rubric's own example speaks of no caller in particular: the last resort
        if not options:
            return ""
        # the mood's own sentences first; among equals, vary with the moment so reports do not all read alike
        own = [o for o in options[: sum(mood in a.moods for a in fitting)]] or options
        choice = own[(turn or 0) % len(own)]
        self.used.add(choice)
        return choice
