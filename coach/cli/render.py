"""Everything Rich prints. Dialogue and file text are escaped: '[zucht]' must print as written."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from coach.cli.labels import (
    ACT_LABELS,
    DIFFICULTY,
    JUDGE_SKIPPED,
    OUTCOME_LABELS,
    OUTCOME_SHORT,
    STARS,
    TOPIC_LABELS,
    dimension_title,
    judge_unknown,
    outcome_short,
)
from coach.feedback import NO_IMPROVEMENTS, no_improvements
from coach.formats.acts import FAULT_ACTS
from coach.nl import count, number

if TYPE_CHECKING:
    from coach.analyzer import Analysis
    from coach.analyzer.claims import Verdict
    from coach.authoring import Match, ScenarioTest
    from coach.doctor import Check
    from coach.feedback import Feedback
    from coach.feedback.hints import Hint
    from coach.feedback.model import CriterionResult
    from coach.formats import Rubric, Scenario, Turn
    from coach.formats.claims import ClaimType
    from coach.formats.topics import AskTopic
    from coach.replay import Comparison
    from coach.store import SessionRow


def console(*, stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False)


def library_tables(scenarios: Sequence[Scenario], rubrics: Sequence[Rubric]) -> Group:
    st = Table(title="Scenario's", box=box.SIMPLE_HEAVY, title_justify="left", expand=False)
    st.add_column("id en titel", min_width=max((len(s.id) for s in scenarios), default=10))
    st.add_column("onderwerp", no_wrap=True)
    st.add_column("niveau", no_wrap=True)
    for s in scenarios:
        # the id on its own line, so neither it nor the other columns are cut off at 80 columns
        cell = Text(s.id, style="bold cyan")
        cell.append("\n" + s.title, style="default")
        st.add_row(cell, TOPIC_LABELS[s.topic.value], STARS[s.difficulty])
    rt = Table(title="Rubrics", box=box.SIMPLE_HEAVY, title_justify="left")
    rt.add_column("id", style="bold cyan", no_wrap=True)
    rt.add_column("titel")
    rt.add_column("dimensies")
    rt.add_column("criteria", justify="right")
    for r in rubrics:
        rt.add_row(
            escape(r.id),
            escape(r.title),
            ", ".join(r.dimension_names),
            str(sum(len(d.criteria) for d in r.dimensions.values())),
        )
    return Group(st, rt)


def briefing(scenario: Scenario, *, trainer: bool = False) -> Group:
    s = scenario
    parts: list = []
    head = Text()
    head.append(s.title, style="bold")
    head.append(
        f"\n{s.municipality} · belastingjaar {s.year} · {TOPIC_LABELS[s.topic.value]} · {DIFFICULTY[s.difficulty]}"
    )
    parts.append(head)
    body = [Text(s.briefing.summary), *_dossier_and_task(s, box.MINIMAL, (0, 1))]
    parts.append(Panel(Group(*body), title="Briefing", title_align="left", border_style="blue"))
    if s.learning_goals:
        goals = Text("\n".join(f"• {g}" for g in s.learning_goals))
        parts.append(Panel(goals, title="Leerdoelen", title_align="left", border_style="green"))
    if trainer:
        parts.append(_trainer_view(s))
    return Group(*parts)


def assignment_banner(assignment: Mapping[str, Any]) -> Panel | Text:
    """Above the briefing of a group assignment (``coach practice --assignment``): which one, and for an exam its
    rules, before the trainee starts."""
    ident, group = str(assignment.get("id", "")), str(assignment.get("group", ""))
    if not assignment.get("exam"):
        return Text.assemble(("Opdracht ", "bold"), (ident, "bold"), f" · {group}" if group else "")
    text = Text.assemble(
        "Dit gesprek is examen ",
        (ident, "bold"),
        f" van {group}" if group else "",
        ". Het telt één keer: het eerste gesprek met deze beller is uw examen.\n"
        "De emotiemeter is verborgen; /terug, /opnieuw en /hint werken niet.",
    )
    return Panel(text, title="Examen", title_align="left", border_style="red")


def dossier(scenario: Scenario) -> Panel:
    """The briefing and dossier during a call (/dossier): compact, without the learning goals."""
    s = scenario
    body: list = [
        Text.assemble((s.title, "bold"), f" · {s.municipality} · {s.year}"),
        Text(s.briefing.summary),
        *_dossier_and_task(s, None, (0, 1, 0, 0)),
    ]
    return Panel(Group(*body), title="Dossier", title_align="left", border_style="blue", padding=(0, 1))


def _dossier_and_task(s: Scenario, table_box: box.Box | None, padding: tuple[int, ...]) -> list:
    """The dossier as a two-column table and the task: the same in the briefing and in /dossier."""
    out: list = []
    if s.briefing.dossier:
        table = Table(box=table_box, show_header=False, padding=padding)
        table.add_column(style="dim", max_width=30)
        table.add_column(ratio=1)
        for item in s.briefing.dossier:
            table.add_row(escape(item.label), escape(item.value))
        out.append(table)
    if s.briefing.task:
        out.append(Text.assemble(("Opdracht: ", "bold"), s.briefing.task))
    return out


def _trainer_view(s: Scenario) -> Panel:
    c = s.caller
    t = Table(box=box.SIMPLE, show_header=False, padding=(0, 1))
    t.add_column(style="bold", no_wrap=True)
    t.add_column()
    age = f", {c.age} jaar" if c.age else ""
    t.add_row("Beller", escape(f"{c.name}{age} ({c.address_as}); taalniveau {c.dutch_level}"))
    t.add_row("Situatie", escape(c.situation))
    t.add_row("Spreekstijl", escape(c.speaking_style))
    e = c.emotion
    t.add_row("Emotie", f"start {e.start}/10, hangt op bij {e.hang_up_at}, tevreden vanaf {e.satisfied_at} of lager")
    if e.rises_on:
        t.add_row("Bozer door", escape("; ".join(e.rises_on)))
    if e.falls_on:
        t.add_row("Rustiger door", escape("; ".join(e.falls_on)))
    t.add_row("Vraag", escape(s.concerns.surface.summary))
    for h in s.concerns.hidden:
        how = ", ".join(h.reveal.acts)
        if h.reveal.keywords:
            how += f"; doorvragen op: {', '.join(h.reveal.keywords)}"
        if h.reveal.emotion_below is not None:
            how += f"; emotie onder {h.reveal.emotion_below}"
        t.add_row("Onderliggend", escape(f"{h.summary}  [komt boven bij: {how}]"))
    for k in s.key_info:
        claim = f" [claim {k.claim}" + (f" = {k.value}]" if k.value else "]") if k.claim else ""
        t.add_row("Kerninfo", escape(f"{k.id}: {k.description}" + ("" if k.required else " (optioneel)") + claim))
    for m in s.misinformation:
        claim = f" [claim {m.claim}]" if m.claim else ""
        t.add_row("Valkuil", escape(f"{m.id}: {m.description} → {m.correction}{claim}"))
    if s.facts:
        t.add_row("Feiten", escape(", ".join(f.id for f in s.facts)))
    t.add_row("Einde", f"max {s.end.max_turns} beurten")
    return Panel(t, title="Voor de trainer", title_align="left", border_style="magenta")


def analysis_table(results: Sequence[Analysis], claims: Sequence[Sequence[Verdict]] = ()) -> Table:
    table = Table(box=box.SIMPLE_HEAVY, show_lines=True)
    table.add_column("#", justify="right", style="dim")
    table.add_column("uitspraak", ratio=3)
    table.add_column("handelingen (bewijs, regel) en uitspraken", ratio=4)
    for n, result in enumerate(results, 1):
        lines = Text()
        for hit in result.hits:
            if lines:
                lines.append("\n")
            style = "red" if hit.act in FAULT_ACTS else "green"
            lines.append(ACT_LABELS.get(hit.act, hit.act), style=f"bold {style}")
            lines.append(f" “{hit.text}”", style="italic")
            lines.append(f" ({hit.rule})", style="dim")
            if hit.plain:
                lines.append(f" → zeg liever: {hit.plain}", style="yellow")
        for verdict in claims[n - 1] if claims else ():
            if lines:
                lines.append("\n")
            lines.append_text(claim_line(verdict))
        table.add_row(str(n), Text(result.text), lines or Text("—", style="dim"))
    return table


def claim_line(verdict: Verdict) -> Text:
    """One claim a turn states: what about, the words, and whether it is right."""
    r, c = verdict.reading, verdict.claim
    mark, style = {True: ("juist", "green"), False: ("onjuist", "red"), None: ("niet getoetst", "dim")}[verdict.correct]
    line = Text.assemble(("uitspraak: ", "bold"), (c.label, "bold"), f" “{r.said}” ", (mark, f"bold {style}"))
    if not r.final:
        line.append(" (zelf verbeterd)", style="dim")
    if verdict.correct is False:
        line.append(f" → {c.correction}", style="yellow")
    return line


def claims_table(claims: Sequence[ClaimType]) -> Table:
    table = Table(title="Claimcatalogus", box=box.SIMPLE_HEAVY, title_justify="left", show_lines=True)
    table.add_column("id", no_wrap=True)
    table.add_column("waarover", ratio=2)
    table.add_column("wat klopt", ratio=3)
    table.add_column("bron", ratio=2, style="dim")
    for c in claims:
        truth = c.correction + (" (verschilt per gemeente)" if c.varies else "")
        table.add_row(c.id, f"{c.label} [{c.topic}, {c.kind}]", truth, c.source)
    return table


def topics_table(topics: Sequence[AskTopic]) -> Table:
    table = Table(title="Vraagonderwerpen", box=box.SIMPLE_HEAVY, title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("waarover", ratio=2)
    table.add_column("zo gevraagd (voorbeelden)", ratio=3, style="dim")
    for t in topics:
        examples = ", ".join(t.ask[:3]) + (" …" if len(t.ask) > 3 else "")
        label = t.label + (" [gaat voor]" if t.outranks else "")
        table.add_row(t.id, escape(label), escape(examples))
    return table


def emotion_meter(value: int) -> Text:
    """How upset the caller is, 0 (calm) to 10 (hangs up), labelled 'onrust': players of the audit read a bare bar
    as a score that should go up, and took a calm caller's 0/10 for a bad sign (rounds 21 and 22)."""
    colour = "green" if value <= 3 else "yellow" if value <= 6 else "red"
    return Text.assemble(
        ("onrust\u00a0", "dim"), ("■" * value, colour), ("□" * (10 - value), "dim"), (f"\u00a0{value}/10", colour)
    )


def caller_name(name: str) -> Text:
    return Text.assemble((name[:1].upper() + name[1:], "bold magenta"), ": ")


def caller_line(name: str, turn: Turn, show_emotion: bool = False) -> Text:
    line = caller_name(name)
    line.append(turn.text, style="magenta")
    if show_emotion and turn.emotion is not None:
        line.append("   ")
        line.append_text(emotion_meter(turn.emotion))
    return line


def transcript_dialogue(scenario: Scenario, turns: Sequence[Turn], show_emotion: bool = False) -> Group:
    lines: list[Text] = []
    for turn in turns:
        if turn.speaker == "caller":
            lines.append(caller_line(scenario.caller.address_as, turn, show_emotion))
        else:
            lines.append(Text.assemble(("U: ", "bold cyan"), turn.text))
    return Group(*lines)


def practice_help(commands: dict[str, str]) -> Panel:
    text = Text("Typ uw antwoord en druk op Enter. De beller reageert op hoe u luistert en uitlegt.\n")
    for name, description in commands.items():
        text.append(f"\n{name:<10}", style="bold")
        text.append(description)
    text.append("\nCtrl-C", style="bold")
    text.append("    stoppen en de feedback zien, net als /stop")
    text.append("\nCtrl-D", style="bold")
    text.append("    pauzeren: later verder met 'coach resume'")
    return Panel(text, title="Zo werkt het", title_align="left", border_style="dim")


def hint(item: Hint) -> Panel:
    text = Text(item.text)
    if item.example:
        text.append("\nBijvoorbeeld: ", style="bold")
        text.append(f"“{item.example}”", style="italic")
    return Panel(text, title="Tip", title_align="left", border_style="yellow")


def scenario_menu(scenarios: Sequence[Scenario]) -> Table:
    table = Table(title="Kies een scenario", box=box.SIMPLE_HEAVY, title_justify="left")
    table.add_column("#", justify="right", style="bold")
    table.add_column("scenario (id)", min_width=max((len(s.id) for s in scenarios), default=10))
    table.add_column("onderwerp", no_wrap=True)
    table.add_column("niveau", no_wrap=True)
    for n, s in enumerate(scenarios, 1):
        # the id goes on its own dim line under the title, so it is never cut off at 80 columns
        cell = Text(s.title)
        cell.append("\n" + s.id, style="dim")
        table.add_row(str(n), cell, TOPIC_LABELS[s.topic.value], STARS[s.difficulty])
    return table


def history_table(
    rows: Sequence[SessionRow], titles: Mapping[str, str] | None = None, open_now: Collection[str] = ()
) -> Table:
    """Sessions, readable at 80 columns: the session id is never cut off, a scenario's title wraps (its id when the
    library has no title for it); the learner and the date go on a dim line under them. '#' counts the trainee's
    turns. ``open_now``: the ids of calls open in a process right now."""
    titles = titles or {}
    table = Table(
        title="Geoefende gesprekken",
        box=None,
        title_justify="left",
        header_style="bold underline",
        padding=(0, 1, 0, 0),
    )
    table.add_column("sessie / medewerker", no_wrap=True, overflow="fold")
    table.add_column("scenario / datum", overflow="fold", ratio=1)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("afloop", min_width=8)
    table.add_column("score", justify="right", no_wrap=True)
    for r in rows:
        started = r.started_at[:16].replace("T", " ")
        table.add_row(
            Text.assemble((r.id, "cyan"), "\n", (r.learner or "—", "dim")),
            Text.assemble(titles.get(r.scenario, r.scenario), _branch_label(r), "\n", (started, "dim")),
            str(r.learner_turns),
            outcome_short(r.outcome, r.reason, open_now=r.id in open_now),
            "–" if r.meta.get("score") is None else f"{r.meta['score']:.0f}",
        )
    if not rows:
        table.caption = "Nog geen gesprekken. Begin met 'coach practice'."
    return table


def _branch_label(row: SessionRow) -> Text:
    """For a call replayed from another (coach replay): which one, and from which trainee turn."""
    if not row.meta.get("branch_of"):
        return Text()
    frm = row.meta.get("branch_from", "?")
    return Text(f"\nvariant vanaf beurt {frm}\nvan {row.meta['branch_of']}", style="italic")


def score_bar(score: float | None, width: int = 20) -> Text:
    if score is None:
        return Text("niet te beoordelen", style="dim")
    filled = round(score / 100 * width)
    colour = "green" if score >= 75 else "yellow" if score >= 55 else "red"
    return Text.assemble(("█" * filled, colour), ("░" * (width - filled), "dim"), (f" {score:.0f}", f"bold {colour}"))


def _mark(passed: bool | None) -> Text:
    if passed is None:
        return Text("–", style="dim")
    return Text("✓", style="green") if passed else Text("✗", style="red")


def phase_timeline(fb: Feedback) -> Table:
    """Per trainee turn its phases, and on the line below what was said, cut to the console width (at 80 columns
    about 65 characters, not 30)."""
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(style="dim", no_wrap=True, justify="right")
    table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    for phase in fb.phases:
        table.add_row(
            f"beurt {phase.turn}", Text(" · ".join(phase.phases) or "—", style="bold" if phase.phases else "dim")
        )
        table.add_row("", Text(phase.text, style="dim"))
    return table


def verdict_text(fb: Feedback) -> Text | None:
    """'geslaagd', 'niet geslaagd: <why>' or 'te kort om te beoordelen'; None without a verdict to give."""
    if fb.passed is True:
        return Text("geslaagd", style="bold green")
    if fb.passed is False:
        return Text.assemble(("niet geslaagd", "bold red"), (": " + "; ".join(fb.verdict), "") if fb.verdict else "")
    if fb.verdict:
        return Text("; ".join(fb.verdict), style="bold yellow")
    return None


def _head(fb: Feedback) -> Panel:
    head = Table(box=None, show_header=False, padding=(0, 1))
    head.add_column(style="bold", no_wrap=True)
    head.add_column()
    head.add_row("Totaal", score_bar(fb.overall, 30) if fb.overall is not None else Text("niet te beoordelen"))
    verdict = verdict_text(fb)
    if verdict is not None:
        head.add_row("Resultaat", verdict)
    for item in fb.call.get("wrong_information") or []:  # type: ignore[union-attr]
        head.add_row(
            "Onjuist",
            escape(
                f"beurt {item['turn']}: u zei '{item['said']}'. Juist: {str(item['correct']).rstrip('.')}. "
                f"Bron: {item['source']}."
            ),
        )
    if fb.outcome:
        head.add_row("Afloop", OUTCOME_LABELS.get(fb.outcome, fb.outcome))
    if fb.call.get("reason"):
        head.add_row("Waarom", escape(str(fb.call["reason"])))
    if fb.call.get("partly_read"):
        head.add_row("Gelezen", escape(str(fb.call["partly_read"])))
    if fb.source is not None and fb.source.problems:
        head.add_row("Let op", Text("; ".join(fb.source.problems), style="bold red"))
    if "emotion_start" in fb.call:
        head.add_row("Emotie beller", f"{fb.call['emotion_start']} → {fb.call['emotion_end']} (van 10)")
    if "hidden_concern_found" in fb.call:
        head.add_row("Onderliggende zorg", "ontdekt" if fb.call["hidden_concern_found"] else "niet ontdekt")
    title = f"Feedback · rubric {fb.rubric}" + (f" · {fb.scenario}" if fb.scenario else "")
    return Panel(head, title=escape(title), title_align="left", border_style="blue")


def _dimension_lines(fb: Feedback) -> Table:
    """One line per dimension: the title, a bar and the score, or why it cannot be judged."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for name, dim in fb.dimensions.items():
        if dim.score is None:
            reason = dim.reason.removeprefix("niet te beoordelen: ")
            cell = Text.assemble(("niet te beoordelen", "bold"), (f" ({reason})" if reason else "", "dim"))
        else:
            cell = score_bar(dim.score)
            if dim.pass_score is not None:
                cell.append(f"  drempel {dim.pass_score}", style="dim")
            if dim.reason:  # which criteria did not count, and why
                cell.append(f"\n{dim.reason}", style="dim")
        table.add_row(dimension_title(name, dim.title), cell)
    return table


def _bullets(rows: list[Text]) -> Table:
    """A list whose wrapped lines stay indented under their bullet."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for row in rows:
        table.add_row("•", row)
    return table


def _advice_rows(fb: Feedback) -> list[Text]:
    rows = []
    for item in fb.advice:
        row = Text()
        if item.turn is not None and item.said:
            asked = item.said.rstrip().endswith("?")
            who = ("u vroeg" if asked else "u zei") if item.speaker == "learner" else "de beller zei"
            if item.speaker == "caller" and asked:
                who = "de beller vroeg"
            row.append(f"beurt {item.turn}, {who}: ", style="bold")
            row.append(f"“{item.said}”", style="italic")
        else:
            row.append(next((c.description for c in fb.criteria if c.id == item.criterion), item.criterion), "bold")
        if item.better:
            row.append(f"\n→ {item.label}: ", style="bold yellow")
            row.append(f"“{item.better}”", style="yellow")
        row.append(f"\n{item.why}", style="dim")
        rows.append(row)
    return rows


def feedback_report(fb: Feedback, *, detail: bool = False) -> Group:
    """The feedback after a call. By default short: the verdict, one line per dimension, the three strongest moments
    and the three most valuable improvements as 'your sentence → better', and the call's phases. With ``detail``:
    every criterion with its evidence and tip."""
    parts: list = [_head(fb)]
    if detail:
        parts += _criteria_panels(fb)
    else:
        parts.append(Panel(_dimension_lines(fb), title="Per onderdeel", title_align="left", border_style="cyan"))
    if fb.judge is not None:
        parts.append(judge_panel(fb))
    if fb.strengths or fb.improvements or no_improvements(fb):
        body: list = []
        if fb.strengths:
            body += [Text("Sterk", style="bold green"), _bullets([Text(s) for s in fb.strengths])]
        if fb.advice and not detail:
            body += [Text("Zo kan het beter", style="bold yellow"), _bullets(_advice_rows(fb))]
        elif fb.improvements:
            body += [Text("Verbeterpunten", style="bold yellow"), _bullets([Text(s) for s in fb.improvements])]
        elif no_improvements(fb):
            body += [Text("Verbeterpunten", style="bold yellow"), Text(f"  {NO_IMPROVEMENTS}")]
        parts.append(Panel(Group(*body), title="In het kort", title_align="left", border_style="green"))
    if fb.phases:
        parts.append(Panel(phase_timeline(fb), title="Gespreksverloop", title_align="left", border_style="dim"))
    if not detail:
        parts.append(Text("Alle criteria met bewijs en tips: --detail (of --markdown / --html).", style="dim"))
    return Group(*parts)


def _criteria_panels(fb: Feedback) -> list[Panel]:
    panels = []
    for name, dim in fb.dimensions.items():
        table = Table(box=box.SIMPLE, show_header=True, header_style="dim", expand=True, padding=(0, 1))
        table.add_column("", width=1)
        table.add_column("criterium", ratio=2)
        table.add_column("score", justify="right", width=5)
        table.add_column("wat er gebeurde", ratio=5)
        for c in (c for c in fb.criteria if c.dimension == name):
            body = Text()
            if c.skipped:
                body.append(f"Overgeslagen: {c.skip_reason}", style="dim")
            else:
                body.append(c.detail)
                for e in c.evidence[:2]:
                    who = "u" if e.speaker == "learner" else "beller"
                    body.append(f"\n  beurt {e.turn} ({who}): “{e.text}”", style="italic dim")
                    if e.note:
                        body.append(f" — {e.note}", style="dim")
                if c.passed is False:
                    body.append(f"\n→ {c.tip}", style="yellow")
            table.add_row(_mark(c.passed), escape(c.description), "–" if c.score is None else f"{c.score:.0f}", body)
        extra = ""
        if dim.pass_score is not None and dim.score is not None:
            extra = f" (drempel {dim.pass_score}: {'gehaald' if dim.passed else 'niet gehaald'})"
        header = Text.assemble((dimension_title(name, dim.title), "bold"), "  ", score_bar(dim.score), extra)
        if dim.score is None and dim.reason:
            header.append(f"  {dim.reason}", style="dim")
        panels.append(Panel(Group(header, table), border_style="cyan"))
    return panels


def dollars(amount: float) -> str:
    """An estimated cost in Dutch notation: cents from a cent up, two significant digits below it ('0,00012')."""
    places = 2 if amount >= 0.01 or amount <= 0 else 1 - math.floor(math.log10(amount))
    return f"{amount:.{places}f}".replace(".", ",")


def usage_line(usage: dict) -> Text:
    """Token use and the estimated cost of the Claude engines, after a call."""
    parts = []
    for label, key in (("beller", "usage"), ("beoordeling", "judge_usage")):
        u = usage.get(key)
        if not u:
            continue
        cost = f"geschat ${dollars(u['estimated_cost_usd'])}"
        if u.get("unpriced_requests"):
            cost += (
                f" (zonder {count(u['unpriced_requests'], 'verzoek', 'verzoeken')} aan een model met onbekende prijs)"
            )
        parts.append(
            f"Claude {label}: {count(u['requests'], 'verzoek', 'verzoeken')}, {number(u['input_tokens'])} tokens in"
            f" (+{number(u['cache_read_input_tokens'])} uit de cache, +{number(u['cache_creation_input_tokens'])} naar"
            f" de cache), {number(u['output_tokens'])} uit, {cost}"
            + (f"; prijzen van {u['prices_checked']}" if u.get("prices_checked") else "")
        )
    if usage.get("fallback_turns"):
        parts.append(
            f"De offline beller sprak {count(usage['fallback_turns'], 'beurt', 'beurten')} van de beller, omdat Claude"
            " die niet kon zeggen (in het transcript gemarkeerd met voice: offline)."
        )
    return Text("\n".join(parts), style="dim")


def _rule_score(rule: CriterionResult | None) -> str:
    return "–" if rule is None or rule.score is None else f"{rule.score:.0f}"


def judge_panel(fb: Feedback) -> Panel:
    """Claude's scores next to the rule-based ones, with only the quotes that stand in the transcript."""
    assert fb.judge is not None
    rules = {c.id: c for c in fb.criteria}
    table = Table(box=box.SIMPLE, expand=True, padding=(0, 1))
    table.add_column("criterium", ratio=2)
    table.add_column("regels", justify="right", width=6)
    table.add_column("Claude", justify="right", width=6)
    table.add_column("onderbouwing van Claude", ratio=5)
    for item in fb.judge.criteria:
        rule = rules.get(item.id)
        body = Text(item.rationale)
        for quote in item.quotes[:2]:
            body.append(f"\n  beurt {quote.turn}: “{quote.text}”", style="italic dim")
        if item.dropped_quotes:
            body.append(
                f"\n  {count(len(item.dropped_quotes), 'citaat', 'citaten')} weggelaten: niet letterlijk in het"
                " transcript",
                style="red dim",
            )
        table.add_row(escape(rule.description if rule else item.id), _rule_score(rule), str(item.score), body)
    for cid in fb.judge.skipped:
        rule = rules.get(cid)
        table.add_row(
            escape(rule.description if rule else cid), _rule_score(rule), "–", Text(JUDGE_SKIPPED, style="dim")
        )
    parts: list = [Text.assemble(("Samenvatting: ", "bold"), fb.judge.summary), table]
    if fb.judge.unknown_criteria:
        parts.append(Text(judge_unknown(fb.judge.unknown_criteria), style="red dim"))
    return Panel(
        Group(*parts),
        title=escape(f"Oordeel van Claude ({fb.judge.model}), naast de regels"),
        title_align="left",
        border_style="magenta",
    )


def doctor_table(checks: Sequence[Check]) -> Table:
    table = Table(title="coach doctor", box=box.SIMPLE_HEAVY, title_justify="left")
    table.add_column("", width=2)
    table.add_column("controle", style="bold", no_wrap=True)
    table.add_column("uitkomst")
    marks = {"ok": Text("✓", style="green"), "waarschuwing": Text("!", style="yellow"), "fout": Text("✗", style="red")}
    for check in checks:
        table.add_row(marks[check.status], escape(check.name), escape(check.detail))
    return table


def _short_title(title: str) -> str:
    """A dimension's title in a narrow column: 'Gespreksopbouw' as 'Gespr.'."""
    return title if len(title) <= 7 else title[:5] + "."


def scenario_test_table(result: ScenarioTest) -> Table:
    """coach test: one row per script and seed (ending, total, each dimension, what came out, passed)."""
    from coach.authoring import SCRIPT_LABELS

    dims = list(result.rubric.dimensions)
    table = Table(
        title=f"{result.scenario.id} · rubric {result.rubric.id}",
        title_justify="left",
        box=None,
        header_style="bold underline",
        padding=(0, 1, 0, 0),
        caption="onthuld: kerninformatie en onderliggende zorgen die boven kwamen",
        caption_justify="left",
    )
    table.add_column("script", no_wrap=True)
    table.add_column("seed", justify="right")
    table.add_column("afloop", no_wrap=True)
    table.add_column("totaal", justify="right")
    for name in dims:
        table.add_column(_short_title(dimension_title(name, result.rubric.dimensions[name].title)), justify="right")
    table.add_column("onthuld", no_wrap=True)
    table.add_column("ok")
    keys = {f"key_info:{k.id}" for k in result.scenario.key_info}
    concerns = {f"concern:{c.id}" for c in result.scenario.concerns.hidden}
    for call in result.calls:
        revealed = set(call.revealed)
        shown = f"{len(revealed & keys)}/{len(keys)} {len(revealed & concerns)}/{len(concerns)}"
        fine = not result.problems.get((call.script, call.seed))
        outcome = call.transcript.outcome.value if call.transcript.outcome else None
        table.add_row(
            SCRIPT_LABELS[call.script],
            str(call.seed),
            OUTCOME_SHORT.get(outcome, str(outcome)),
            _score(call.feedback.overall),
            *(_score(call.feedback.dimensions[d].score) if d in call.feedback.dimensions else "—" for d in dims),
            shown,
            Text("✓", style="green") if fine else Text("✗", style="bold red"),
        )
    return table


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def scenario_test_verdict(result: ScenarioTest) -> Group:
    """GESLAAGD, or NIET GESLAAGD with every reason under the check it belongs to."""
    if result.ok:
        head = Text.assemble(("GESLAAGD", "bold green"), f" · {count(len(result.seeds), 'seed', 'seeds')}")
        return Group(head)
    rows: list[Text] = [Text("NIET GESLAAGD", style="bold red")]
    for check in result.checks:
        if check.ok:
            continue
        rows.append(Text(f"✗ {check.label}", style="bold"))
        rows += [Text(f"  • {reason}") for reason in check.reasons]
    return Group(*rows)


def scenario_test_line(scenario: str, ok: bool, detail: str) -> Text:
    """coach test --all: one line per scenario."""
    mark = Text("✓ ", style="green") if ok else Text("✗ ", style="bold red")
    verdict = Text("GESLAAGD", style="green") if ok else Text("NIET GESLAAGD", style="bold red")
    sep = " " if ok or detail.startswith("(") else ": "
    return Text.assemble(mark, (scenario, "bold"), " ", verdict, f"{sep}{detail}" if detail else "")


def match_view(found: Match) -> Group:
    """coach match: the acts and claims as coach analyze shows them, then what the sentence triggers in the scenario
    (the item, the words, the pattern or rule) and how the caller reacts."""
    from coach.cli.labels import MATCH_KINDS

    parts: list = [Text.assemble(("Na de beller: ", "dim"), (f"“{found.previous}”", "italic"))]
    parts.append(analysis_table([found.analysis], [found.verdicts]))
    table = Table(box=box.SIMPLE_HEAVY, title="Wat de zin raakt in dit scenario", title_justify="left")
    table.add_column("soort", no_wrap=True)
    table.add_column("wat", ratio=3)
    table.add_column("woorden en regel", ratio=3)
    for item in found.found:
        if item.kind == "act":
            continue
        what = Text(item.id, style="bold cyan")
        if item.label and item.label != item.id:
            what.append(f"\n{item.label}", style="default")
        words = Text(f"“{item.words}”", style="italic") if item.words else Text("")
        if item.rule:
            words.append(("\n" if item.words else "") + item.rule, style="dim")
        table.add_row(MATCH_KINDS.get(item.kind, item.kind), what, words)
    parts.append(table)
    before, after = found.emotion
    parts.append(Text.assemble(("Emotie beller: ", "bold"), f"{before} → {after} (van 10)"))
    if not found.anything:
        parts.append(
            Text.assemble(
                ("Niets herkend", "bold yellow"),
                " van dit scenario: geen kerninformatie, onjuiste informatie, uitspraak, gevraagd feit of voorstel.\n",
                (
                    f"Tip: 'coach show {found.scenario} --trainer' toont wat telt; voeg uw formulering toe aan de "
                    "phrases van de kerninformatie, of aan de claim in het lexicon van uw bibliotheek.",
                    "dim",
                ),
            )
        )
    return Group(*parts)


def _points(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def _change(original: float | None, variant: float | None) -> Text:
    """The difference of the two scores as shown (whole points, so 14 → 33 is +19), green when the variant scored
    higher, red when lower."""
    if original is None or variant is None:
        return Text("–", style="dim")
    points = round(variant) - round(original)
    if not points:
        return Text("±0", style="dim")
    return Text(f"{points:+d}", style="bold green" if points > 0 else "bold red")


ENDED = "({} was hier al {})"
"""A turn one branch has and the other has not: that branch had ended, or was cut off there."""


def _ended(outcome: str | None) -> str:
    return "afgebroken" if outcome in (None, "interrupted") else "afgelopen"


def _said(name: str, line: str | None, reply: str | None, *, ended: str) -> Text:
    """A trainee line and the caller's answer to it, as in the transcript; what a branch lacks said in words."""
    if line is None:
        return Text(ended, style="dim")
    text = Text.assemble(("U: ", "bold cyan"), line, "\n")
    if reply is None:
        text.append("(geen antwoord van de beller)", style="dim")
    else:
        text.append_text(caller_name(name))
        text.append(reply, style="magenta")
    return text


def _quote(label: str, evidence: list) -> Text | None:
    """The first quote of a criterion's evidence, by who said it (no turn number: the report's count every turn, the
    comparison only the trainee's)."""
    if not evidence:
        return None
    first = evidence[0]
    who = "u" if first.speaker == "learner" else "beller"
    return Text.assemble((f"{label}, {who}: ", "dim"), (f"“{first.text}”", "italic dim"))


def _moved(item) -> Text:
    if item.original is None:
        return Text.assemble(f"– → {_points(item.variant)} ", ("(alleen in de variant beoordeeld)", "dim"))
    if item.variant is None:
        return Text.assemble(f"{_points(item.original)} → – ", ("(in de variant niet beoordeeld)", "dim"))
    return Text.assemble(
        f"{_points(item.original)} → {_points(item.variant)} (", _change(item.original, item.variant), ")"
    )


def comparison(c: Comparison, caller: str) -> Group:
    """The original and its variant side by side (coach replay), at 80 columns too: the scores, the turns in which
    something else was said, and the criteria whose score changed, each with a quote from both branches."""
    scores = Table(box=box.SIMPLE, header_style="bold", padding=(0, 1), pad_edge=False)
    scores.add_column("", no_wrap=True)
    for name in ("origineel", "variant", "verschil"):
        scores.add_column(name, justify="right", no_wrap=True)
    for row in c.scores:
        style = "bold" if row.name == "totaal" else ""
        scores.add_row(
            Text(dimension_title(row.name, row.title), style=style),
            _points(row.original),
            Text(_points(row.variant), style=style),
            _change(row.original, row.variant),
        )
    scores.add_row("Afloop", OUTCOME_SHORT.get(c.original_outcome, "–"), OUTCOME_SHORT.get(c.variant_outcome, "–"), "")
    parts: list = [Text.assemble(("origineel ", "dim"), c.original, ("  ·  variant ", "dim"), c.variant), scores]
    if c.moments:
        parts.append(Text("Wat er anders ging", style="bold"))
        moments = Table.grid(padding=(0, 1))
        moments.add_column(style="dim", no_wrap=True)
        moments.add_column(ratio=1)
        one_sided = [m for m in c.moments if m.original is None or m.variant is None]
        for m in c.moments:
            if one_sided and m is not one_sided[0] and m in one_sided:
                continue  # after the first turn only one version has, the rest are counted, not shown
            moments.add_row(Text(f"uw beurt {m.turn}", style="bold"), "")
            moments.add_row(
                "origineel",
                _said(
                    caller,
                    m.original,
                    m.original_reply,
                    ended=ENDED.format("het origineel", _ended(c.original_outcome)),
                ),
            )
            moments.add_row(
                "variant",
                _said(caller, m.variant, m.variant_reply, ended=ENDED.format("de variant", _ended(c.variant_outcome))),
            )
        if len(one_sided) > 1:
            which = "het origineel" if one_sided[-1].variant is None else "de variant"
            more = count(len(one_sided) - 1, "beurt", "beurten")
            moments.add_row("", Text(f"(en nog {more} die alleen {which} heeft)", style="dim"))
        parts.append(moments)
    else:
        parts.append(Text(f"U zei vanaf uw beurt {c.from_turn} hetzelfde als in het origineel.", style="dim"))
    if c.criteria:
        parts.append(Text("\nCriteria met een andere score", style="bold"))
        rows = []
        for item in c.criteria:
            row = Text.assemble(
                item.description.rstrip("."),
                (f" ({dimension_title(item.dimension).lower()})", "dim"),
                ": ",
                _moved(item),
            )
            for quote in (_quote("origineel", item.original_evidence), _quote("variant", item.variant_evidence)):
                if quote is not None:
                    row.append("\n")
                    row.append_text(quote)
            rows.append(row)
        parts.append(_bullets(rows))
    elif c.moments:
        parts.append(Text("\nGeen criterium kreeg een andere score.", style="dim"))
    return Group(
        Panel(
            Group(*parts),
            title=f"Vergelijking met het origineel, vanaf uw beurt {c.from_turn}",
            title_align="left",
            border_style="magenta",
        )
    )
