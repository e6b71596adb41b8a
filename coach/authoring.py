"""Tools for scenario authors, without I/O to the terminal: ``coach test`` and ``coach match`` render what this
returns, and ``tests/test_library.py`` asserts on the same checks, so the quality gate and the command never disagree.

``test_scenario`` plays a scenario's scripted trainees (good, average, dismissive) under several seeds with the offline
caller and checks: the good trainee satisfies the caller and brings out everything; the dismissive one does not; the
scores are in order; and the caller stays coherent (``coherence``). ``match`` reads one trainee sentence the way the
caller and the scorer read it, through their own functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from coach.analyzer import Analysis, Analyzer
from coach.analyzer.asked import asked
from coach.analyzer.claims import Verdict
from coach.analyzer.stated import stated
from coach.caller import Caller, CallerBrain, Plan
from coach.caller.emotion import EVENT_LABELS
from coach.caller.offline import OfflineVoice
from coach.errors import NotFoundError
from coach.feedback import Feedback, evaluate
from coach.formats import Rubric, Scenario, Transcript
from coach.formats.scenario import EmotionEvent
from coach.formats.transcript import OUTCOME_WORDS
from coach.library import Library, read_script, scripts_beside
from coach.patterns import first_match
from coach.session import Session, run_session

SCRIPTS = ("good", "average", "dismissive")
"""The scripted trainees of a scenario, as ``scripts/<scenario-id>/<name>.txt``; average is optional."""
REQUIRED = ("good", "dismissive")
SCRIPT_LABELS = {"good": "goed", "average": "gemiddeld", "dismissive": "afwijzend"}
MIN_GAP = 15
"""Points the good script scores above the dismissive one on every dimension."""

MAX_SEGMENTS = 2
"""At most this many parts in one caller turn: the brain gives one answer and at most one beat. Measured over the 17
built-in scenarios' three scripts under seeds 0-4 (255 calls, 2,285 caller turns): 1,790 turns of one part, 495 of
two, none of three or more."""
GOODBYES = frozenset({"satisfied", "unsatisfied_goodbye", "hang_up"})
"""Segment kinds that end the call: nothing may follow them."""
AGREEING = frozenset(
    {"summary_confirmed", "agree", "proposal", "understood", "ready", "explanation_ok", "corrected", "satisfied"}
)
"""Segment kinds in which the caller says yes: agrees, understands, confirms."""
REFUSING = frozenset(
    {
        "summary_corrected",
        "unclear",
        "premature_solution",
        "ignored_question",
        "close_too_early",
        "closed_question_run",
        "unsatisfied_goodbye",
        "hang_up",
    }
)
"""Segment kinds in which the caller says no: not understood, not answered, not done, not helped."""


# --- scripts ---------------------------------------------------------------------------------------------------------


def script_folder(library: Library, scenario: Scenario, ref: str, given: Path | None = None) -> Path:
    """The folder with the scenario's scripts: ``given`` (``--scripts``), else ``scripts/<id>/`` next to the
    scenario's own ``scenarios/`` folder, else in the library folders in their search order. When none exists, the
    first place looked (where an author would put them)."""
    if given is not None:
        if not given.is_dir():
            raise NotFoundError(f"scriptmap '{given}' bestaat niet")
        return given
    candidates = []
    path = library.path_of("scenario", ref)
    if path is not None:
        candidates.append(scripts_beside(path, scenario.id))
    candidates += [d / "scripts" / scenario.id for d in library.dirs]
    return next((c for c in candidates if c.is_dir()), candidates[0])


def read_scripts(folder: Path) -> dict[str, list[str]]:
    """The scripts in a folder by name (good, average when there, dismissive); a missing required one is an error."""
    out = {}
    for name in SCRIPTS:
        path = folder / f"{name}.txt"
        if name in REQUIRED or path.exists():
            out[name] = read_script(path)
    return out


# --- playing ---------------------------------------------------------------------------------------------------------


class _Recorder(OfflineVoice):
    """The offline voice, keeping the brain's plans: the coherence checks read each turn's parts."""

    def __init__(self) -> None:
        self.plans: list[Plan] = []

    def speak(self, plan: Plan, transcript: list, analysis: Analysis | None) -> str:
        self.plans.append(plan)
        return super().speak(plan, transcript, analysis)


@dataclass
class Played:
    """One scripted trainee under one seed: the call, its plans and its feedback."""

    script: str
    seed: int
    transcript: Transcript
    reason: str
    plans: list[Plan]
    feedback: Feedback

    @property
    def revealed(self) -> list[str]:
        return [r for t in self.transcript.turns if t.speaker == "caller" for r in t.revealed]

    @property
    def last_emotion(self) -> int | None:
        return next((t.emotion for t in reversed(self.transcript.turns) if t.speaker == "caller"), None)

    def caller_turn_numbers(self) -> list[int]:
        """The turn number (1-based, in the whole call) of each caller turn, in order."""
        return [n for n, t in enumerate(self.transcript.turns, 1) if t.speaker == "caller"]


def play(
    scenario: Scenario, lines: Sequence[str], analyzer: Analyzer, seed: int, rubric: Rubric, name: str = ""
) -> Played:
    """Play a script with the offline caller and score it, as ``coach run --replies`` would."""
    voice = _Recorder()
    session = Session(scenario, Caller(CallerBrain(scenario, analyzer, seed), voice), analyzer, seed=seed)
    transcript = run_session(session, lines)
    feedback = evaluate(transcript, rubric, analyzer, scenario, session.analyses)
    return Played(name, seed, transcript, session.reason, voice.plans, feedback)


# --- checks ----------------------------------------------------------------------------------------------------------


def _outcome(value: str | None) -> str:
    return OUTCOME_WORDS.get(value, OUTCOME_WORDS[None])[0]


def good_problems(scenario: Scenario, call: Played) -> list[str]:
    """The good trainee: the caller ends satisfied, every hidden concern comes out, every key point is recognised."""
    out = []
    outcome = call.transcript.outcome.value if call.transcript.outcome else None
    if outcome != "satisfied":
        why = f": {call.reason}" if call.reason else ""
        out.append(f"de beller eindigde niet tevreden maar '{_outcome(outcome)}'{why}")
    revealed = set(call.revealed)
    out += [
        f"onderliggende zorg '{c.id}' kwam niet boven"
        for c in scenario.concerns.hidden
        if f"concern:{c.id}" not in revealed
    ]
    out += [
        f"kerninformatie '{k.id}' werd niet herkend in het goede script"
        for k in scenario.key_info
        if f"key_info:{k.id}" not in revealed
    ]
    return out


def poor_problems(scenario: Scenario, call: Played) -> list[str]:
    """The dismissive trainee: the caller is not satisfied, and hangs up or ends at least as upset as it began."""
    out = []
    outcome = call.transcript.outcome.value if call.transcript.outcome else None
    if outcome == "satisfied":
        out.append("de beller eindigde tevreden, ook bij het afwijzende script")
    start, last = scenario.caller.emotion.start, call.last_emotion
    if outcome != "hung_up" and (last is None or last < start):
        out.append(f"de beller hing niet op en werd rustiger dan bij het begin (emotie {start} → {last})")
    return out


def order_problems(calls: dict[str, Played]) -> list[str]:
    """Good above average above dismissive overall, and good at least MIN_GAP above dismissive on every dimension."""
    out = []
    ranked = [calls[n] for n in SCRIPTS if n in calls]
    scores = [c.feedback.overall for c in ranked]
    if None in scores:
        missing = [SCRIPT_LABELS[c.script] for c in ranked if c.feedback.overall is None]
        out.append("geen totaalscore voor: " + ", ".join(missing))
    else:
        for high, low in pairwise(ranked):
            if not high.feedback.overall > low.feedback.overall:  # type: ignore[operator]
                out.append(
                    f"{SCRIPT_LABELS[high.script]} ({_score(high.feedback.overall)}) scoort niet hoger dan "
                    f"{SCRIPT_LABELS[low.script]} ({_score(low.feedback.overall)})"
                )
    good, poor = calls["good"].feedback, calls["dismissive"].feedback
    for name, dimension in good.dimensions.items():
        other = poor.dimensions.get(name)
        if dimension.score is None or other is None or other.score is None:
            out.append(f"{dimension.title}: niet te beoordelen, dus niet te vergelijken")
        elif dimension.score - other.score < MIN_GAP:
            out.append(
                f"{dimension.title}: goed ({_score(dimension.score)}) ligt minder dan {MIN_GAP} punten boven "
                f"afwijzend ({_score(other.score)})"
            )
    return out


def coherence(scenario: Scenario, call: Played) -> list[str]:
    """What makes the offline caller's turns read as stitched or self-contradicting, in Dutch (empty: coherent).

    Per caller turn: the same line said earlier in the call; a goodbye that is not the very end of the call; a yes
    and a no in one reply (AGREEING and REFUSING parts); a satisfied goodbye while the emotion is above the scenario's
    ``satisfied_at``; more than MAX_SEGMENTS parts."""
    out = []
    said: dict[str, int] = {}
    numbers = call.caller_turn_numbers()
    last = len(call.plans) - 1
    for i, plan in enumerate(call.plans):
        n = numbers[i] if i < len(numbers) else i + 1
        parts = [s for s in plan.segments if s.text]
        kinds = {s.kind for s in parts}
        for s in parts:
            if s.text in said:
                out.append(f"beurt {n}: de beller zegt dezelfde zin als in beurt {said[s.text]}: “{s.text}”")
            said.setdefault(s.text, n)
        if any(s.kind in GOODBYES for s in parts[:-1]) or (i < last and kinds & GOODBYES):
            out.append(f"beurt {n}: de beller neemt afscheid en praat daarna nog door")
        yes, no = kinds & AGREEING, kinds & REFUSING
        if yes and no:
            out.append(
                f"beurt {n}: de beller zegt ja en nee tegelijk ({', '.join(sorted(yes))} met {', '.join(sorted(no))})"
            )
        limit = scenario.caller.emotion.satisfied_at
        if "satisfied" in kinds and plan.emotion > limit:
            out.append(f"beurt {n}: de beller is tevreden bij emotie {plan.emotion}, boven de grens {limit}")
        if len(parts) > MAX_SEGMENTS:
            out.append(
                f"beurt {n}: de beller zegt {len(parts)} dingen tegelijk (hoogstens {MAX_SEGMENTS}): "
                + " + ".join(s.kind for s in parts)
            )
    return out


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


@dataclass
class Check:
    """One of the four checks of a scenario, over every seed."""

    name: str
    """good, poor, order, coherent."""
    label: str
    reasons: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.reasons

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, "ok": self.ok, "reasons": self.reasons}


CHECK_LABELS = {
    "good": "het goede script stelt de beller tevreden en brengt alles boven",
    "poor": "het afwijzende script slaagt niet",
    "order": f"goed > gemiddeld > afwijzend, en goed minstens {MIN_GAP} punten boven afwijzend per onderdeel",
    "coherent": "de beller blijft samenhangend",
}


@dataclass
class ScenarioTest:
    """``coach test`` for one scenario: every script under every seed, and the checks."""

    scenario: Scenario
    rubric: Rubric
    seeds: list[int]
    folder: Path
    calls: list[Played]
    checks: list[Check]
    problems: dict[tuple[str, int], list[str]]
    """Per (script, seed): what failed for that call, for the table."""

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def check(self, name: str) -> Check:
        return next(c for c in self.checks if c.name == name)

    @property
    def reasons(self) -> list[str]:
        return [r for c in self.checks for r in c.reasons]

    def as_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario.id,
            "rubric": self.rubric.id,
            "seeds": self.seeds,
            "scripts": str(self.folder),
            "ok": self.ok,
            "checks": [c.as_dict() for c in self.checks],
            "calls": [
                {
                    "script": c.script,
                    "seed": c.seed,
                    "outcome": c.transcript.outcome.value if c.transcript.outcome else None,
                    "overall": c.feedback.overall,
                    "dimensions": {k: d.score for k, d in c.feedback.dimensions.items()},
                    "revealed": c.revealed,
                    "last_emotion": c.last_emotion,
                    "ok": not self.problems.get((c.script, c.seed)),
                    "problems": self.problems.get((c.script, c.seed), []),
                }
                for c in self.calls
            ],
        }


def test_scenario(
    library: Library,
    ref: str,
    analyzer: Analyzer,
    *,
    seeds: Sequence[int] = range(5),
    rubric: str = "standaard",
    scripts: Path | None = None,
) -> ScenarioTest:
    """Play every script of a scenario under every seed and run the checks; a scenario passes when every seed does."""
    scenario = library.scenario(ref)
    chosen_rubric = library.rubric(rubric)
    folder = script_folder(library, scenario, ref, scripts)
    texts = read_scripts(folder)
    checks = {name: Check(name, label) for name, label in CHECK_LABELS.items()}
    problems: dict[tuple[str, int], list[str]] = {}
    calls: list[Played] = []
    for seed in seeds:
        by_name: dict[str, Played] = {}
        for name, lines in texts.items():
            call = play(scenario, lines, analyzer, seed, chosen_rubric, name)
            by_name[name] = call
            calls.append(call)
            own = coherence(scenario, call)
            checks["coherent"].reasons += [f"{SCRIPT_LABELS[name]}, seed {seed}: {r}" for r in own]
            if name == "good":
                own += _add(checks["good"], good_problems(scenario, call), name, seed)
            elif name == "dismissive":
                own += _add(checks["poor"], poor_problems(scenario, call), name, seed)
            problems[(name, seed)] = own
        order = order_problems(by_name)
        checks["order"].reasons += [f"seed {seed}: {r}" for r in order]
        if order:
            problems[("good", seed)] = [*problems[("good", seed)], *order]
    return ScenarioTest(scenario, chosen_rubric, list(seeds), folder, calls, list(checks.values()), problems)


test_scenario.__test__ = False  # type: ignore[attr-defined]  # not a pytest test, despite its name


def _add(check: Check, found: list[str], name: str, seed: int) -> list[str]:
    check.reasons += [f"{SCRIPT_LABELS[name]}, seed {seed}: {r}" for r in found]
    return found


# --- match -----------------------------------------------------------------------------------------------------------


CONTENT = frozenset({"key_info", "misinformation", "fact", "proposal", "concern"})


@dataclass
class Found:
    """One thing a sentence triggers: what kind, which item, the words and the pattern or rule that matched."""

    kind: str
    """act, key_info, misinformation, fact, proposal, concern, event (emotion), reaction (a part of the reply)."""
    id: str
    label: str
    words: str = ""
    rule: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "label": self.label, "words": self.words, "rule": self.rule}


@dataclass
class Match:
    """What one trainee sentence triggers in a scenario, read as the caller and the scorer read it."""

    scenario: str
    text: str
    previous: str
    analysis: Analysis
    verdicts: list[Verdict]
    found: list[Found]
    emotion: tuple[int, int]
    """The caller's emotion before and after the sentence."""
    reply: str

    @property
    def anything(self) -> bool:
        """Whether the sentence says or asks anything the scenario knows: a claim, a key point, wrong information, a
        fact, a proposal, a hidden concern. Acts, emotion events and the caller's reply alone do not count."""
        return bool(self.verdicts) or any(f.kind in CONTENT for f in self.found)

    def as_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "text": self.text,
            "previous": self.previous,
            "acts": self.analysis.as_dict()["acts"],
            "claims": [v.as_dict() for v in self.verdicts],
            "found": [f.as_dict() for f in self.found if f.kind != "act"],
            "emotion": {"before": self.emotion[0], "after": self.emotion[1]},
            "reply": self.reply,
            "recognised": self.anything,
        }


def match(scenario: Scenario, text: str, analyzer: Analyzer, previous: str | None = None, seed: int = 0) -> Match:
    """Read one trainee sentence as the first turn of a call, after ``previous`` (default: the scenario's first
    opening): the acts (Analyzer.analyze), the claims, key points and wrong information (stated), the facts asked
    (asked), and what the caller's brain does with it (its plan: emotion events, what comes out, the reply)."""
    previous = scenario.opening[0] if previous is None else previous
    analysis = analyzer.analyze(text, previous)
    said = stated(analyzer, scenario, text, previous, analysis)
    found = [Found("act", h.act, h.act, h.text, h.rule) for h in analysis.hits]
    key_info = {k.id: k for k in scenario.key_info}
    asserted = analyzer.asserted_text(text, analysis)
    for item_id, words in said.key_info.items():
        item = key_info[item_id]
        by_claim = next((v for v in said.verdicts if v.reading.claim == item.claim and v.reading.said == words), None)
        hit = None if by_claim or not item.phrases else analyzer.claim_in(item.phrases, asserted)
        rule = _claim_rule(by_claim) if by_claim else hit[0] if hit else ""
        found.append(Found("key_info", item_id, item.description, words, rule))
    for w in said.wrong:
        by_claim = next((v for v in said.verdicts if v.wrong and v.reading.claim == w.claim), None)
        hit = None
        if by_claim is None:
            entry = next((m for m in scenario.misinformation if m.id == w.id and m.phrases), None)
            hit = analyzer.claim_in(entry.phrases, asserted) if entry else None
        rule = _claim_rule(by_claim) if by_claim else hit[0] if hit else ""
        found.append(Found("misinformation", w.id, f"juist is: {w.correction}", w.said, rule))
    questions = asked(analyzer, scenario, analysis)
    for f in questions.facts:
        start, end = questions.parts[f.part]
        answer = f"de beller antwoordt: {f.fact.answer[0]}"
        found.append(Found("fact", f.fact.id, answer, analysis.text[start:end], f"onderwerp {_topics(f.fact)}"))
    for proposal in scenario.proposals:
        hit = first_match(proposal.phrases, text)
        if hit:
            found.append(Found("proposal", proposal.id, proposal.description, hit[1].group(), hit[0]))
    brain = CallerBrain(scenario, analyzer, seed)
    brain.start()
    brain.pending_question = previous if "?" in previous else None
    before = brain.emotion.value
    plan = brain.plan(text, analysis, previous)
    for event in plan.events:
        weight = brain.emotion.weights.get(EmotionEvent(event), 0)
        found.append(Found("event", event, EVENT_LABELS[EmotionEvent(event)], "", f"emotie {weight:+d}"))
    for item in plan.revealed:
        kind, _, ident = item.partition(":")
        if kind == "concern":
            found.append(Found("concern", ident, "onderliggende zorg komt boven"))
    for segment in plan.segments:
        found.append(Found("reaction", segment.kind, segment.note, segment.text))
    return Match(scenario.id, text, previous, analysis, list(said.verdicts), found, (before, plan.emotion), plan.text)


def _topics(fact: Any) -> str:
    return ", ".join(fact.topics) or "eigen vraagwoorden (ask)"


def _claim_rule(verdict: Verdict) -> str:
    """The claim a statement was read as, with the value read: 'claim bezwaartermijn = 6 weken'."""
    return f"claim {verdict.reading.claim} = {verdict.as_dict()['value']}"
