"""The call mix of the library (issue 18): short practical calls beside the emotional ones, and the call reasons a
belastingbalie gets most. A practical call has no hidden concern; its criterion is skipped, never scored zero."""

from __future__ import annotations

import re

import pytest

from coach.analyzer import get_analyzer
from coach.feedback import evaluate
from coach.library import Library
from tests.test_caller import play
from tests.test_library import script

LIBRARY = Library.open()
SCENARIOS = [LIBRARY.scenario(i) for i in LIBRARY.ids("scenario")]
PRACTICAL = [s for s in SCENARIOS if not s.concerns.hidden]

# The frequent call reasons the first library missed (../shared/domain-nl.md, section E), each found in a scenario.
REASONS = {
    "automatische incasso": r"automatische incasso|machtiging",
    "dubbel afgeschreven": r"dubbel|twee keer afgeschreven|twee afschrijvingen",
    "aanslag hoger": r"hoger dan vorig jaar|hoger uit|waarom .*hoger|tarief .*(gestegen|omhoog|hoger)",
    "diftar": r"diftar|lediging",
    "Berichtenbox": r"berichtenbox",
    "eigenaar op 1 januari": r"1 januari",
    "nieuwbouw": r"nieuwbouw",
    "niet-woning": r"niet-woning",
    "beslagvrije voet": r"beslagvrije voet|beslagvrij",
    "automatische kwijtschelding": r"automatische kwijtschelding|automatisch kwijtschelding",
    "status bezwaar": r"uitspraak .*(nog niet|komt niet)|nog (niets|niks) gehoord|beslistermijn|status",
    "rioolheffing eigenaar en gebruiker": r"rioolheffing.*(eigenaar|gebruiker)",
    "DigiD en machtigen": r"machtig",
    "teruggave": r"teruggave|terugbetaling",
}


def _text(s) -> str:
    return " ".join([s.title, s.briefing.model_dump_json(), s.caller.situation, s.concerns.model_dump_json()]).lower()


def test_library_has_the_practical_calls_a_balie_gets() -> None:
    assert len(SCENARIOS) >= 29
    assert len(PRACTICAL) >= 5, "several short, practical calls without a hidden concern"
    for s in PRACTICAL:
        assert not s.end.requires_hidden, s.id
        assert s.caller.emotion.start <= 4, s.id
    assert sum(s.caller.emotion.start >= 5 for s in SCENARIOS) < len(SCENARIOS) * 0.75
    texts = [_text(s) for s in SCENARIOS]
    for reason, pattern in REASONS.items():
        assert any(re.search(pattern, t) for t in texts), f"geen scenario voor: {reason}"


@pytest.mark.parametrize("scenario", PRACTICAL, ids=lambda s: s.id)
def test_a_practical_call_skips_the_hidden_concern_criterion(scenario) -> None:
    rubric = LIBRARY.rubric("standaard")
    transcript, _ = play(scenario, script(scenario.id, "good"), seed=1)
    feedback = evaluate(transcript, rubric, get_analyzer(), scenario)
    criteria = {c.id: c for c in feedback.criteria}
    hidden = criteria["onderliggende-zorg"]
    assert hidden.skipped and hidden.score is None, "skipped, not zero"
    assert feedback.dimensions["luisteren"].score is not None
    # one open question and one follow-up on the caller's words are all the listening a practical call asks
    assert criteria["open-vragen"].passed and criteria["doorvragen"].score == 100
    assert len(script(scenario.id, "good")) <= 10, "a good practical call is short"


def test_the_blind_average_scripts_are_frozen() -> None:
    """The average scripts of the 13 scenarios added in issue 18 were written blind (a helper that saw only the
    trainee's briefing and the caller's openings) and are kept as written: the gate's ordering rests on them."""
    import hashlib

    from tests.helpers import DATA, ROOT

    lines = (DATA / "blind-average.sha256").read_text(encoding="utf-8").split("\n")
    frozen = dict(reversed(line.split("  ", 1)) for line in lines if line)
    assert len(frozen) == 13
    for path, digest in frozen.items():
        assert hashlib.sha256((ROOT / path).read_bytes()).hexdigest() == digest, path


def test_no_two_callers_share_a_first_name_or_a_surname() -> None:
    """Unrelated callers with the same name read as one person to a trainee who practises them in a row."""
    names = [s.caller.name.split(" ", 1) for s in SCENARIOS]
    firsts = [n[0] for n in names]
    lasts = [n[1].split("-")[0].lower().removeprefix("de ").removeprefix("van ") for n in names if len(n) > 1]
    assert len(set(firsts)) == len(firsts), sorted(f for f in firsts if firsts.count(f) > 1)
    assert len(set(lasts)) == len(lasts), sorted(x for x in lasts if lasts.count(x) > 1)
