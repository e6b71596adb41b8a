"""Report formats for the feedback, by name and file suffix: Rich on screen, JSON, Markdown, and one self-contained
HTML file a trainer can mail. A new format is a writer function and a row in ``FORMATS`` (docs/maintaining.md)."""

from __future__ import annotations

import html
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import typer

from coach.cli.labels import JUDGE_SKIPPED, OUTCOME_LABELS, dimension_title, judge_unknown
from coach.errors import UsageError
from coach.feedback import NO_IMPROVEMENTS, no_improvements
from coach.feedback.model import Feedback, Phase
from coach.formats import Transcript
from coach.nl import count
from coach.paths import write_private
from coach.replay import Comparison

Items = Sequence[tuple[Transcript, Feedback]]


def _score(value: float | None) -> str:
    return "niet te beoordelen" if value is None else f"{value:.0f}"


def verdict(fb: Feedback) -> str:
    """'geslaagd', 'niet geslaagd: <why>', or why the call cannot be judged."""
    if fb.passed:
        return "geslaagd"
    why = "; ".join(fb.verdict)
    if fb.passed is False:
        return "niet geslaagd" + (f": {why}" if why else "")
    return why


def _mark(passed: bool | None) -> str:
    return "–" if passed is None else "✓" if passed else "✗"


def _md(text: str) -> str:
    """Text for a Markdown table cell or list item: escape once, at the end, never twice."""
    return text.replace("|", "\\|").replace("\n", " ")


def _phases(phase: Phase) -> str:
    return " · ".join(phase.phases) or "—"


def markdown_report(transcript: Transcript, fb: Feedback) -> str:
    out: list[str] = []
    title = transcript.learner or "medewerker"
    out.append(f"# Feedback: {_md(title)} · {_md(fb.scenario or 'onbekend scenario')}\n")
    out.append(f"- **Totaalscore:** {_score(fb.overall)}")
    if fb.passed is not None or fb.verdict:
        out.append(f"- **Resultaat:** {_md(verdict(fb))}")
    if fb.outcome:
        out.append(f"- **Afloop:** {OUTCOME_LABELS.get(fb.outcome, fb.outcome)}")
    if fb.call.get("reason"):
        out.append(f"- **Waarom:** {_md(str(fb.call['reason']))}")
    if fb.call.get("partly_read"):
        out.append(f"- **Gelezen:** {_md(str(fb.call['partly_read']))}")
    if fb.source is not None and fb.source.problems:
        out.append(f"- **Let op:** {_md('; '.join(fb.source.problems))}")
    if "emotion_start" in fb.call:
        out.append(f"- **Emotie beller:** {fb.call['emotion_start']} → {fb.call['emotion_end']}")
    out.append(f"- **Rubric:** {fb.rubric}\n")
    for name, dim in fb.dimensions.items():
        out.append(f"## {dimension_title(name, dim.title)}: {_score(dim.score)}\n")
        if dim.reason:  # why it is not judged, or which criteria did not count
            out.append(f"*{_md(dim.reason)}*\n")
        out.append("| | criterium | score | wat er gebeurde | tip |")
        out.append("|---|---|---|---|---|")
        for c in (c for c in fb.criteria if c.dimension == name):
            what = c.skip_reason if c.skipped else c.detail
            quotes = "; ".join(f"beurt {e.turn}: “{e.text}”" for e in c.evidence[:2])
            if quotes:
                what += f" ({quotes})"
            tip = c.tip if c.passed is False else ""
            out.append(f"| {_mark(c.passed)} | {_md(c.description)} | {_score(c.score)} | {_md(what)} | {_md(tip)} |")
        out.append("")
    if fb.judge is not None:
        out.append(f"## Oordeel van Claude ({fb.judge.model}), naast de regels\n")
        out.append(f"{_md(fb.judge.summary)}\n")
        out.append("| criterium | Claude | onderbouwing |")
        out.append("|---|---|---|")
        for item in fb.judge.criteria:
            quotes = "; ".join(f"beurt {q.turn}: “{_md(q.text)}”" for q in item.quotes[:2])
            dropped = (
                f" ({count(len(item.dropped_quotes), 'citaat', 'citaten')} niet gevonden, weggelaten)"
                if item.dropped_quotes
                else ""
            )
            out.append(f"| {_md(item.id)} | {item.score} | {_md(item.rationale)} {quotes}{dropped} |")
        out += [f"| {_md(cid)} | – | {JUDGE_SKIPPED} |" for cid in fb.judge.skipped]
        out.append("")
        if fb.judge.unknown_criteria:
            out.append(f"{_md(judge_unknown(fb.judge.unknown_criteria))}\n")
    if fb.strengths:
        out.append("## Sterk\n")
        out += [f"- {_md(s)}" for s in fb.strengths]
        out.append("")
    if fb.improvements:
        out.append("## Verbeterpunten\n")
        out += [f"- {_md(s)}" for s in fb.improvements]
        out.append("")
    elif no_improvements(fb):
        out.append(f"## Verbeterpunten\n\n{NO_IMPROVEMENTS}\n")
    if fb.phases:
        out.append("## Gespreksverloop\n")
        out.append("| beurt | fase | medewerker |")
        out.append("|---|---|---|")
        out += [f"| {p.turn} | {_md(_phases(p))} | {_md(p.text)} |" for p in fb.phases]
        out.append("")
    out.append("## Gesprek\n")
    for n, turn in enumerate(transcript.turns, 1):
        who = "Beller" if turn.speaker == "caller" else "Medewerker"
        emotion = f" *(emotie {turn.emotion})*" if turn.emotion is not None else ""
        out.append(f"{n}. **{who}:** {_md(turn.text)}{emotion}")
    out.append("")
    return "\n".join(out)


def to_markdown(items: Items) -> str:
    return write_all(FORMATS["markdown"], items)


CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;
color:#1d2433;line-height:1.45}h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
.bar{background:#e6e9ef;border-radius:4px;height:12px;width:240px;display:inline-block;vertical-align:middle}
.fill{height:12px;border-radius:4px}.good{background:#2e8b57}.mid{background:#d4a017}.low{background:#c0392b}
table{border-collapse:collapse;width:100%;font-size:.92rem}td,th{border-bottom:1px solid #e6e9ef;padding:.4rem;
vertical-align:top;text-align:left}.q{color:#555;font-style:italic}.tip{color:#8a5a00}.ok{color:#2e8b57}
.no{color:#c0392b}.skip{color:#888}.turn-caller{color:#6b2e83}.meta td{border:none;padding:.1rem .6rem .1rem 0}
"""


def _bar(score: float | None) -> str:
    if score is None:
        return '<span class="skip">niet te beoordelen</span>'
    cls = "good" if score >= 75 else "mid" if score >= 55 else "low"
    fill = f'<span class="fill {cls}" style="display:block;width:{score:.0f}%"></span>'
    return f'<span class="bar">{fill}</span> <b>{score:.0f}</b>'


def html_report(transcript: Transcript, fb: Feedback) -> str:
    e = html.escape
    body: list[str] = []
    body.append(f"<h1>Feedback: {e(transcript.learner or 'medewerker')} · {e(fb.scenario or 'onbekend scenario')}</h1>")
    body.append('<table class="meta">')
    body.append(f"<tr><td><b>Totaal</b></td><td>{_bar(fb.overall)}</td></tr>")
    if fb.passed is not None or fb.verdict:
        cls = "ok" if fb.passed else "no" if fb.passed is False else "skip"
        body.append(f'<tr><td><b>Resultaat</b></td><td class="{cls}">{e(verdict(fb))}</td></tr>')
    if fb.outcome:
        body.append(f"<tr><td><b>Afloop</b></td><td>{e(OUTCOME_LABELS.get(fb.outcome, fb.outcome))}</td></tr>")
    if fb.call.get("reason"):
        body.append(f"<tr><td><b>Waarom</b></td><td>{e(str(fb.call['reason']))}</td></tr>")
    if fb.call.get("partly_read"):
        body.append(f"<tr><td><b>Gelezen</b></td><td>{e(str(fb.call['partly_read']))}</td></tr>")
    if fb.source is not None and fb.source.problems:
        body.append(f'<tr><td><b>Let op</b></td><td class="no">{e("; ".join(fb.source.problems))}</td></tr>')
    body.append(f"<tr><td><b>Rubric</b></td><td>{e(fb.rubric)}</td></tr></table>")
    for name, dim in fb.dimensions.items():
        body.append(f"<h2>{e(dimension_title(name, dim.title))} {_bar(dim.score)}</h2>")
        if dim.reason:
            body.append(f'<p class="skip">{e(dim.reason)}</p>')
        body.append("<table><tr><th></th><th>Criterium</th><th>Score</th><th>Wat er gebeurde</th></tr>")
        for c in (c for c in fb.criteria if c.dimension == name):
            mark_cls = "skip" if c.passed is None else "ok" if c.passed else "no"
            what = e(c.skip_reason if c.skipped else c.detail)
            for ev in c.evidence[:2]:
                what += f'<br><span class="q">beurt {ev.turn}: “{e(ev.text)}”</span>'
            if c.passed is False:
                what += f'<br><span class="tip">→ {e(c.tip)}</span>'
            score = "–" if c.score is None else f"{c.score:.0f}"
            body.append(
                f'<tr><td class="{mark_cls}">{_mark(c.passed)}</td><td>{e(c.description)}</td>'
                f"<td>{score}</td><td>{what}</td></tr>"
            )
        body.append("</table>")
    if fb.judge is not None:
        body.append(f"<h2>Oordeel van Claude ({e(fb.judge.model)}), naast de regels</h2><p>{e(fb.judge.summary)}</p>")
        body.append("<table><tr><th>Criterium</th><th>Claude</th><th>Onderbouwing</th></tr>")
        for item in fb.judge.criteria:
            quotes = "".join(f'<br><span class="q">beurt {q.turn}: “{e(q.text)}”</span>' for q in item.quotes[:2])
            body.append(f"<tr><td>{e(item.id)}</td><td>{item.score}</td><td>{e(item.rationale)}{quotes}</td></tr>")
        body += [f"<tr><td>{e(cid)}</td><td>–</td><td>{e(JUDGE_SKIPPED)}</td></tr>" for cid in fb.judge.skipped]
        body.append("</table>")
        if fb.judge.unknown_criteria:
            body.append(f"<p>{e(judge_unknown(fb.judge.unknown_criteria))}</p>")
    if fb.strengths:
        body.append("<h2>Sterk</h2><ul>" + "".join(f"<li>{e(s)}</li>" for s in fb.strengths) + "</ul>")
    if fb.improvements:
        body.append("<h2>Verbeterpunten</h2><ul>" + "".join(f"<li>{e(s)}</li>" for s in fb.improvements) + "</ul>")
    elif no_improvements(fb):
        body.append(f"<h2>Verbeterpunten</h2><p>{e(NO_IMPROVEMENTS)}</p>")
    if fb.phases:
        body.append("<h2>Gespreksverloop</h2><table><tr><th>Beurt</th><th>Fase</th><th>Medewerker</th></tr>")
        body += [f'<tr><td>{p.turn}</td><td>{e(_phases(p))}</td><td class="q">{e(p.text)}</td></tr>' for p in fb.phases]
        body.append("</table>")
    body.append("<h2>Gesprek</h2><ol>")
    for turn in transcript.turns:
        who = "Beller" if turn.speaker == "caller" else "Medewerker"
        cls = "turn-caller" if turn.speaker == "caller" else ""
        body.append(f'<li class="{cls}"><b>{who}:</b> {e(turn.text)}</li>')
    body.append("</ol>")
    return "\n".join(body)


HTML_HEAD = (
    '<!doctype html>\n<html lang="nl"><head><meta charset="utf-8"><title>Belcoach feedback</title>'
    f"<style>{CSS}</style></head><body>\n"
)
HTML_TAIL = "\n</body></html>\n"


def to_html(items: Items) -> str:
    return write_all(FORMATS["html"], items)


def json_report(transcript: Transcript, fb: Feedback) -> str:
    """The feedback format of docs/feedback-format.md for one call."""
    return json.dumps(fb.model_dump(mode="json"), ensure_ascii=False, indent=2)


def _in_list(text: str) -> str:
    """A report as an element of the JSON list, indented as ``json.dumps`` indents a list (a JSON text holds no
    raw line breaks, so every line is one of its own)."""
    return "  " + text.replace("\n", "\n  ")


def jsonl_report(transcript: Transcript, fb: Feedback) -> str:
    """One call's report on one line (JSON Lines): a stream a program reads line by line, however many calls."""
    return json.dumps(fb.model_dump(mode="json"), ensure_ascii=False) + "\n"


def to_json(items: Items) -> str:
    """The feedback format of docs/feedback-format.md: one report, or a list for several calls."""
    return write_all(FORMATS["json"], items)


@dataclass(frozen=True)
class ReportFormat:
    """A file format, written one call at a time: ``head``, the reports with ``sep`` between them, ``tail``."""

    name: str
    """Also the option that asks for it: --json, --jsonl, --markdown, --html."""
    suffixes: tuple[str, ...]
    """File suffixes that choose it for ``--output``."""
    report: Callable[[Transcript, Feedback], str]
    """One call's report."""
    head: str = ""
    sep: str = ""
    tail: str = ""
    several: Callable[[str], str] = str
    """A report as it is written when there are several (JSON: an element of the list)."""
    alone: Callable[[str], str] | None = None
    """A single report written as this instead of head + report + tail (JSON: the object, not a list of one)."""


FORMATS: dict[str, ReportFormat] = {
    f.name: f
    for f in (
        ReportFormat("json", (".json",), json_report, "[\n", ",\n", "\n]\n", _in_list, lambda text: text + "\n"),
        ReportFormat("jsonl", (".jsonl",), jsonl_report),
        ReportFormat("markdown", (".md",), markdown_report, sep="\n"),
        ReportFormat("html", (".html", ".htm"), html_report, HTML_HEAD, "\n", HTML_TAIL),
    )
}


class ReportWriter:
    """Writes the reports of a batch as they come, so 10,000 calls never sit in memory at once; the output is the
    same as writing them all in one go. Only the first report is held, until it is known whether more follow."""

    def __init__(self, fmt: ReportFormat, write: Callable[[str], object]) -> None:
        self.fmt = fmt
        self.write = write
        self.count = 0
        self._held: str | None = None

    def add(self, transcript: Transcript, fb: Feedback) -> None:
        fmt, text = self.fmt, self.fmt.report(transcript, fb)
        self.count += 1
        if self.count == 1:
            if fmt.alone is not None:
                self._held = text
            else:
                self.write(fmt.head + fmt.several(text))
            return
        if self._held is not None:
            self.write(fmt.head + fmt.several(self._held))
            self._held = None
        self.write(fmt.sep + fmt.several(text))

    def close(self) -> None:
        if self._held is not None and self.fmt.alone is not None:
            self.write(self.fmt.alone(self._held))
        elif self.count:
            self.write(self.fmt.tail)


def write_all(fmt: ReportFormat, items: Items) -> str:
    parts: list[str] = []
    writer = ReportWriter(fmt, parts.append)
    for transcript, fb in items:
        writer.add(transcript, fb)
    writer.close()
    return "".join(parts)


RICH = "rich"
"""On screen, with Rich (the default without an option or an output file)."""


def _options() -> str:
    names = [f"--{name}" for name in FORMATS]
    return ", ".join(names[:-1]) + " of " + names[-1]


def choose(flags: dict[str, bool], output: Path | None) -> str:
    """The format asked for with an option, or by the suffix of ``output``; Rich on screen by default."""
    chosen = [name for name, flag in flags.items() if flag]
    if len(chosen) > 1:
        raise UsageError(f"kies één van {_options()}")
    if chosen:
        return chosen[0]
    if output is not None:
        suffix = output.suffix.lower()
        for f in FORMATS.values():
            if suffix in f.suffixes:
                return f.name
        suffixes = "/".join(f.suffixes[0] for f in FORMATS.values())
        raise UsageError(f"welk formaat voor '{output}'?", hint=f"gebruik {_options()}, of {suffixes}")
    return RICH


class Reports:
    """Where a batch's reports go, one call at a time: Rich on the terminal (short, or every criterion with
    ``detail``), or a format (always complete) on standard output or in a file only its owner can read."""

    def __init__(self, fmt: str, output: Path | None, *, detail: bool = False) -> None:
        self.output = output
        self.detail = detail
        self._console = None
        self._file: TextIO | None = None
        self._writer = None if fmt == RICH else ReportWriter(FORMATS[fmt], self._write)

    def add(self, transcript: Transcript, fb: Feedback) -> None:
        if self._writer is not None:
            self._writer.add(transcript, fb)
            return
        from coach.cli import render

        if self._console is None:
            self._console = render.console()
        self._console.print(render.feedback_report(fb, detail=self.detail))

    def _write(self, text: str) -> None:
        if self.output is None:
            sys.stdout.write(text)
        elif self._file is None:  # created private (a report quotes the trainee's words), then added to
            write_private(self.output, text)
            self._file = open(self.output, "a", encoding="utf-8")  # noqa: SIM115  # closed in close()
        else:
            self._file.write(text)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        if self._file is not None:
            self._file.close()
            typer.echo(f"Geschreven: {self.output}", err=True)


def emit(items: Items, fmt: str, output: Path | None, *, detail: bool = False) -> None:
    """Print the reports or write them in a format, to ``output`` or standard output."""
    reports = Reports(fmt, output, detail=detail)
    for transcript, fb in items:
        reports.add(transcript, fb)
    reports.close()


@dataclass(frozen=True)
class CallVerdict:
    """What an exam says of one call, kept small: a batch of 10,000 calls holds these, not the reports."""

    name: str
    learner: str | None
    overall: float | None
    reasons: tuple[str, ...]


def exam_verdict(name: str, fb: Feedback, min_score: float | None, *, strict: bool = False) -> CallVerdict:
    """The call's exam verdict (coach.cohort.exam_verdict): every failed threshold; with ``strict`` (--exam) only a
    call that holds up on a replay of the offline caller counts."""
    from coach.cohort import exam_verdict as judged

    reasons = judged(fb, min_score, verify=strict).reasons if min_score is not None or strict else []
    return CallVerdict(name, fb.learner, fb.overall, tuple(reasons))


def exam(results: Iterable[CallVerdict], min_score: float | None, *, strict: bool = False) -> None:
    """With --min-score or --exam: one verdict per call on stderr that names every failed threshold, then one per
    trainee when the calls are of more than one; exit 1 when any call fails."""
    if min_score is None and not strict:
        return
    from coach import learners

    failed = 0
    per_learner: dict[str, tuple[str, list[str], int]] = {}
    for v in results:
        failed += bool(v.reasons)
        score = "–" if v.overall is None else f"{v.overall:.0f}"
        limit = f", minimum {min_score:g}" if min_score is not None else ""
        why = f": {'; '.join(v.reasons)}" if v.reasons else ""
        typer.echo(f"{'NIET GESLAAGD' if v.reasons else 'GESLAAGD'}: {v.name} (score {score}{limit}){why}", err=True)
        key = learners.key(v.learner)
        shown, fails, calls = per_learner.get(key, (learners.display(v.learner) or "zonder naam", [], 0))
        per_learner[key] = (shown, fails + ([v.name] if v.reasons else []), calls + 1)
    if len(per_learner) > 1:
        for shown, fails, calls in per_learner.values():
            if fails:
                verdict = (
                    f"NIET GESLAAGD ({len(fails)} van {count(calls, 'gesprek', 'gesprekken')}: {', '.join(fails)})"
                )
            else:
                verdict = f"GESLAAGD ({count(calls, 'gesprek', 'gesprekken')})"
            typer.echo(f"Medewerker {shown}: {verdict}", err=True)
    if failed:
        raise typer.Exit(1)


def markdown_comparison(c: Comparison, caller: str) -> str:
    """A replayed call next to its original (``coach replay --compare --markdown``), as the terminal shows it."""

    def change(original: float | None, variant: float | None) -> str:
        if original is None or variant is None:
            return "–"
        points = round(variant) - round(original)
        return f"{points:+d}" if points else "±0"

    def said(line: str | None, reply: str | None, outcome: str | None) -> str:
        if line is None:
            return "*(hier al afgebroken)*" if outcome in (None, "interrupted") else "*(hier al afgelopen)*"
        answer = (
            f"**{_md(caller[:1].upper() + caller[1:])}:** {_md(reply)}"
            if reply is not None
            else "*(geen antwoord van de beller)*"
        )
        return f"**U:** {_md(line)}<br>{answer}"

    out = [f"# Variant van sessie {c.original} vanaf uw beurt {c.from_turn}\n", f"Variant: sessie {c.variant}\n"]
    out += ["| | origineel | variant | verschil |", "|---|---|---|---|"]
    for row in c.scores:
        title = dimension_title(row.name, row.title)
        out.append(
            f"| {_md(title)} | {_score(row.original)} | {_score(row.variant)} | {change(row.original, row.variant)} |"
        )
    then, now = (OUTCOME_LABELS.get(o, "–") for o in (c.original_outcome, c.variant_outcome))
    out.append(f"| Afloop | {then} | {now} | |\n")
    if c.moments:
        out += ["## Wat er anders ging\n", "| uw beurt | origineel | variant |", "|---|---|---|"]
        for m in c.moments:
            original = said(m.original, m.original_reply, c.original_outcome)
            out.append(f"| {m.turn} | {original} | {said(m.variant, m.variant_reply, c.variant_outcome)} |")
        out.append("")
    if c.criteria:
        out += ["## Criteria met een andere score\n", "| criterium | origineel | variant | verschil | bewijs |"]
        out.append("|---|---|---|---|---|")
        for item in c.criteria:
            quotes = "; ".join(
                f"{label}, {'u' if e[0].speaker == 'learner' else 'beller'}: “{_md(e[0].text)}”"
                for label, e in (("origineel", item.original_evidence), ("variant", item.variant_evidence))
                if e
            )
            out.append(
                f"| {_md(item.description)} | {_score(item.original)} | {_score(item.variant)}"
                f" | {change(item.original, item.variant)} | {quotes} |"
            )
        out.append("")
    return "\n".join(out)
