"""Offline caller benchmark: reply latency per trainee turn, analysis included.

Usage: python bench/caller.py [--calls N]
Plays scripted calls (a good and a dismissive trainee) on every shipped scenario. Target: p50 < 5 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.analyzer import get_analyzer  # noqa: E402
from coach.caller import make_caller  # noqa: E402
from coach.library import Library  # noqa: E402

TURNS = [
    "Goedemorgen, Belastingen, u spreekt met Anna de Wit. Waarmee kan ik u helpen?",
    "Ik hoor dat u daar erg van geschrokken bent. Kunt u vertellen wat er precies gebeurd is?",
    "U zei dat het op een slecht moment komt. Wat speelt er?",
    "Als ik u goed begrijp, maakt u zich zorgen over de betaling. Klopt dat?",
    "U kunt binnen zes weken bezwaar maken; de datum bovenaan de brief telt.",
    "Dat is nu eenmaal zo, de dagtekening staat op de beschikking.",
    "Heeft u de brief? Heeft u DigiD? Bent u de eigenaar?",
    "Wat ik voor u ga doen: ik stuur u vandaag nog het formulier. Is dat duidelijk?",
    "Kan ik u verder nog ergens mee helpen?",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=50)
    args = parser.parse_args()
    lib = Library.open()
    scenarios = lib.load_all("scenario")
    analyzer = get_analyzer()
    samples: list[float] = []
    for n in range(args.calls):
        for scenario in scenarios:
            caller = make_caller("offline", scenario, analyzer, n)
            caller.start()
            transcript: list = []
            for text in TURNS:
                start = time.perf_counter()
                reply = caller.reply(text, analyzer.analyze(text), transcript)
                samples.append(time.perf_counter() - start)
                if reply.outcome:
                    break
    samples.sort()
    p50 = statistics.median(samples) * 1000
    p95 = samples[int(len(samples) * 0.95)] * 1000
    print(f"replies measured:  {len(samples)} ({len(scenarios)} scenarios x {args.calls} calls)")
    print(f"reply latency p50: {p50:.2f} ms   (target < 5 ms)")
    print(f"reply latency p95: {p95:.2f} ms")
    print(f"reply latency max: {samples[-1] * 1000:.2f} ms")


if __name__ == "__main__":
    main()
