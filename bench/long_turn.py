"""Scoring time against the length of one trainee turn (issue 15: a 100,000-character turn took 57 s).

Usage: python bench/long_turn.py

A call of three trainee turns, the middle one a pasted wall of text of N characters made of one of three kinds of
sentences (questions, a summary, statements with claims and values). Prints the seconds to score it with the
standaard rubric, as shipped (the analyzer reads a turn up to coach.analyzer.engine.MAX_READ characters) and with
that limit lifted, which shows whether the reading itself grows linearly. Target: a 300,000-character turn in
under a second.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.analyzer import engine, get_analyzer  # noqa: E402
from coach.feedback import evaluate  # noqa: E402
from coach.formats import Transcript, Turn  # noqa: E402
from coach.library import Library  # noqa: E402

KINDS = {
    "vragen": "Wat is er gebeurd? ",
    "samenvatting": "Dus u zegt dat de buren een lagere waarde hebben. ",
    "uitspraken": "Ik begrijp dat u schrikt. Klopt het dat u de aanslag van 2026 op 3 maart ontving? "
    "U kunt binnen zes weken bezwaar maken via DigiD, dat is gratis. ",
}
SIZES = (10_000, 100_000, 300_000)


def seconds(text: str) -> float:
    library = Library.open()
    scenario, rubric = library.scenario("woz-hoger-dan-buren"), library.rubric("standaard")
    turns = [
        Turn(speaker="caller", text="Goedemiddag, ik bel over de WOZ-waarde."),
        Turn(speaker="learner", text="Goedemiddag, met Sanne van Belastingen."),
        Turn(speaker="caller", text="Die waarde is veel te hoog."),
        Turn(speaker="learner", text=text),
        Turn(speaker="caller", text="Oké."),
        Turn(speaker="learner", text="Fijne dag nog."),
    ]
    transcript = Transcript(scenario=scenario.id, turns=turns)
    analyzer = get_analyzer()
    start = time.perf_counter()
    evaluate(transcript, rubric, analyzer, scenario)
    return time.perf_counter() - start


def main() -> None:
    get_analyzer()  # build once, outside the timing
    shipped = engine.MAX_READ
    print(f"{'soort':<14}{'tekens':>10}{'gelezen tot ' + format(shipped, ','):>22}{'alles gelezen':>16}")
    for kind, sentence in KINDS.items():
        for size in SIZES:
            text = (sentence * (size // len(sentence) + 1))[:size]
            capped = seconds(text)
            engine.MAX_READ = 10**9
            whole = seconds(text)
            engine.MAX_READ = shipped
            print(f"{kind:<14}{size:>10,}{capped:>20.2f} s{whole:>14.2f} s")


if __name__ == "__main__":
    main()
