"""Evidence audit: does every quote in a report support what the report says about it?

    python bench/evidence.py               # precision of the current reports on the labelled items
    python bench/evidence.py --export N    # write N items (stratified by signal) for blind labelling
    python bench/evidence.py --export N --calls audit/round21   # only items of those calls (a fresh round)
    python bench/evidence.py --show        # also list the items labelled 'does not support'

Items come from the reports (rubric standaard) on a fixed corpus: every scenario's good, average and dismissive script
played with seed 1, and the calls played blind by helper sessions (bench/data/audit). An item is one quote the report
shows as evidence (criteria and Sterk), with the claim the report makes about it in plain words, and the call around
it. Helper sessions that never saw the scorer labelled the exported items (bench/data/evidence/labels-*.yaml:
``supports`` yes/no per item id); the labels are keyed by a hash of claim, quote and context, so a report that still
shows the same item is scored on its label, and a new item counts as unlabelled. Target (issue 14): precision >= 95%.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.feedback import KINDS, play  # noqa: E402
from coach.analyzer import get_analyzer  # noqa: E402
from coach.feedback import evaluate  # noqa: E402
from coach.feedback.model import Evidence, Feedback  # noqa: E402
from coach.formats import Scenario, Transcript  # noqa: E402
from coach.library import Library  # noqa: E402
from coach.loader import load  # noqa: E402

DATA = ROOT / "bench" / "data" / "evidence"


def corpus(lib: Library) -> list[tuple[str, Transcript]]:
    calls = [(f"{sid}/{kind}", play(lib, sid, kind, 1)) for sid in lib.ids("scenario") for kind in KINDS]
    for path in sorted((ROOT / "bench" / "data" / "audit").glob("*/*.yaml")):
        if "labels" not in path.name:
            calls.append((f"audit/{path.parent.name}/{path.stem}", load(path, "transcript")))
    return calls


def claim(signal: str, e: Evidence, detail: str, scenario: Scenario | None) -> str | None:
    """What the report says about the quote, in plain words (None: not a claim about the quote's content)."""
    note = e.note
    if e.speaker == "caller":
        if signal == "hidden_concern_found":
            return "De beller vertelt hier wat er onder de vraag speelt" + (
                f": {scenario.concerns.hidden[0].summary}" if scenario and scenario.concerns.hidden else "."
            )
        if signal == "caller_questions_answered":
            return "De beller stelt hier een echte vraag, en de medewerker beantwoordt die in de beurt erna niet."
        if signal in ("emotion_acknowledged", "emotion_reflection_latency"):
            return "De beller is hier duidelijk geëmotioneerd (boos, bang, verdrietig, ...)."
        return None
    return {
        "open_questions": "De medewerker stelt hier een open vraag (geen ja/nee-vraag).",
        "doorvragen": "De medewerker vraagt hier door op, of vat samen, wat de beller net zei.",
        "summaries": "De medewerker vat hier samen wat de beller zei.",
        "summary_captures_concern": "De medewerker vat hier de eigen uitleg of de afspraken samen, niet wat de beller "
        "zei."
        if "eigen uitleg" in note
        else "De medewerker vat hier samen wat de beller zei"
        + (
            " en raakt daarbij wat de beller echt dwarszit"
            if "onderliggende zorg" in note
            else " en raakt daarbij de vraag van de beller"
            if "vraag van de beller" in note
            else ""
        )
        + ".",
        "hidden_concern_found": "Na deze beurt van de medewerker vertelde de beller wat er echt speelt.",
        "emotion_reflection_latency": "De medewerker benoemt of erkent hier het gevoel van de beller.",
        "emotion_acknowledged": "De medewerker benoemt of erkent hier het gevoel van de beller.",
        "opening": f"Dit is de opening van de medewerker. Het rapport zegt: '{detail}'",
        "clarify_before_solution": (
            "De medewerker luistert hier eerst (een vraag, een samenvatting of het gevoel benoemen) voordat er uitleg "
            "komt."
            if "eerst geluisterd" in note
            else "Hier geeft de medewerker uitleg of een oplossing voordat duidelijk is wat de beller precies wil."
            if "voordat" in note or "te snel" in note
            else "Hier geeft de medewerker meteen antwoord op de vraag van de beller, zonder eerst door te vragen."
            if "zonder door te vragen" in note
            else None
        ),
        "next_step": "De medewerker maakt hier een concrete afspraak over wat er gaat gebeuren.",
        "check_understanding": "De medewerker checkt hier of de beller de uitleg begrepen heeft.",
        "closing": "In deze zin sluit de medewerker het gesprek af met: " + note.removeprefix("afsluiting: ") + ".",
        "dismissive": "Dit is een afwijzende of verdedigende zin tegenover de beller.",
        "jargon": "De medewerker gebruikt hier vaktaal zonder uitleg: " + note.split(",")[0] + ".",
        "address_form": "De medewerker spreekt de beller hier met je/jij aan.",
        "b1_readability": (
            f"Dit is een ambtelijk woord dat eenvoudiger kan ({note})."
            if "zeg liever" in note
            else "Dit is een lange zin."
        ),
        "positive_wording": "De medewerker formuleert hier negatief (wat niet kan in plaats van wat wel kan).",
        "key_info": f"De medewerker brengt hier dit over: {note}",
        "misinformation": f"De medewerker zegt hier iets onjuists. {note}",
        "strength": "Deze zin laat zien: {description}",
    }.get(signal)


def items(lib: Library) -> list[dict]:
    analyzer = get_analyzer()
    rubric = lib.rubric("standaard")
    out: list[dict] = []
    for name, t in corpus(lib):
        scenario = lib.scenario(t.scenario) if t.scenario else None
        fb: Feedback = evaluate(t, rubric, analyzer, scenario)
        quoted: list[tuple[str, Evidence, str]] = []
        for c in fb.criteria:
            for e in c.evidence:
                text = claim(c.signal, e, c.detail, scenario)
                if text:
                    quoted.append((c.signal, e, text))
        for s in fb.strengths:
            if "(beurt " in s:
                description, rest = s.split(" (beurt ", 1)
                turn = int(rest.split(":", 1)[0])
                quote = rest.split(": '", 1)[1].rstrip("')")
                e = Evidence(turn=turn, speaker="learner", text=quote)
                quoted.append(("strength", e, f"Deze zin laat zien: {description}"))
        for signal, e, text in quoted:
            turns = t.turns
            before = next((x.text for x in reversed(turns[: e.turn - 1]) if x.speaker != e.speaker), "")
            after = next((x.text for x in turns[e.turn :] if x.speaker != e.speaker), "")
            context = {"before": before, "turn": turns[e.turn - 1].text, "after": after}
            key = hashlib.sha256(
                "\n".join([text, e.text, context["before"], context["turn"]]).encode("utf-8")
            ).hexdigest()[:16]
            out.append(
                {
                    "id": key,
                    "signal": signal,
                    "call": name,
                    "claim": text,
                    "quote": e.text,
                    "speaker": e.speaker,
                    **context,
                }
            )
    unique: dict[str, dict] = {}
    for item in out:
        unique.setdefault(item["id"], item)
    return list(unique.values())


def labels(rounds: dict[str, str] | None = None, notes: dict[str, str] | None = None) -> dict[str, bool]:
    """Every label by item id; ``rounds`` and ``notes`` (when given) are filled with each item's round and the
    labeller's note."""
    found: dict[str, bool] = {}
    for path in sorted(DATA.glob("round*/labels-*.yaml")):
        for row in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            found[str(row["id"])] = bool(row["supports"])
            if rounds is not None:
                rounds[str(row["id"])] = path.parent.name
            if notes is not None and row.get("why"):
                notes[str(row["id"])] = str(row["why"])
    return found


def export(all_items: list[dict], n: int, seed: int = 14, calls: str = "") -> None:
    """Write ``n`` items not labelled before, stratified by signal, for blind labelling; ``calls``: only items of
    calls whose name starts with it (a fresh audit round: calls nobody tuned the scorer on)."""
    known = labels()
    all_items = [i for i in all_items if i["id"] not in known and i["call"].startswith(calls)]
    rng = random.Random(seed)
    by_signal: dict[str, list[dict]] = defaultdict(list)
    for item in all_items:
        by_signal[item["signal"]].append(item)
    chosen: list[dict] = []
    per = max(1, n // len(by_signal))
    for signal in sorted(by_signal):
        pool = by_signal[signal]
        chosen += rng.sample(pool, min(per, len(pool)))
    rest = [i for i in all_items if i not in chosen]
    chosen += rng.sample(rest, max(0, min(n - len(chosen), len(rest))))
    rng.shuffle(chosen)
    fields = ("id", "claim", "quote", "speaker", "before", "turn", "after")
    path = DATA / "to-label.yaml"  # moved to roundN/items.yaml once labelled
    path.write_text(
        yaml.safe_dump([{k: i[k] for k in fields} for i in chosen], allow_unicode=True, sort_keys=False, width=110),
        encoding="utf-8",
    )
    (DATA / "to-label-signals.yaml").write_text(  # kept from the labellers: which signal and call each item is
        yaml.safe_dump(
            [{"call": i["call"], "id": i["id"], "signal": i["signal"]} for i in chosen], allow_unicode=True, width=110
        ),
        encoding="utf-8",
    )
    print(f"{len(chosen)} items written to {path} (of {len(all_items)}; {len(by_signal)} signals)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--export", type=int, default=0)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--calls", default="", help="export only items of calls whose name starts with this")
    args = parser.parse_args()
    lib = Library.open()
    all_items = items(lib)
    if args.export:
        export(all_items, args.export, args.seed, args.calls)
        return
    rounds: dict[str, str] = {}
    notes: dict[str, str] = {}
    known = labels(rounds, notes)
    labelled = [i for i in all_items if i["id"] in known]
    good = [i for i in labelled if known[i["id"]]]
    print(f"{len(all_items)} evidence items in the reports; {len(labelled)} labelled blind ({len(known)} labels)")
    for name in sorted(set(rounds.values())):
        mine = [i for i in labelled if rounds[i["id"]] == name]
        ok = sum(known[i["id"]] for i in mine)
        if mine:
            print(f"  {name}: {ok}/{len(mine)} = {ok / len(mine):.1%} of its items still shown")
    if labelled:
        print(f"precision: {len(good)}/{len(labelled)} = {len(good) / len(labelled):.1%}   (target >= 95%)")
        per: dict[str, Counter] = defaultdict(Counter)
        for i in labelled:
            per[i["signal"]][known[i["id"]]] += 1
        for signal, c in sorted(per.items()):
            print(f"  {signal:28} {c[True]:3}/{c[True] + c[False]:3}")
    if args.show:
        print("\nItems labelled 'does not support' that the reports still show:")
        for i in sorted(labelled, key=lambda i: (i["signal"], i["call"])):
            if not known[i["id"]]:
                print(f"- [{i['signal']}] {i['call']} ({rounds[i['id']]}, {i['id']}): {i['claim']}")
                print(f"    quote:  “{i['quote']}”")
                print(f"    before: {i['before']}")
                if i["turn"] != i["quote"]:
                    print(f"    turn:   {i['turn']}")
                print(f"    after:  {i['after']}")
                if i["id"] in notes:
                    print(f"    why:    {notes[i['id']]}")


if __name__ == "__main__":
    main()
