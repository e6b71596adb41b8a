"""Everything Rich prints. Dialogue and file text are escaped: '[zucht]' must print as written."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from coach.analyzer import Analysis
    from coach.formats import Rubric, Scenario
    from coach.loader import Problem

TOPIC_LABELS = {
    "woz": "WOZ",
    "heffing": "Heffing",
    "invordering": "Invordering",
    "kwijtschelding": "Kwijtschelding",
    "overig": "Overig",
}
DIFFICULTY = {1: "★☆☆ instap", 2: "★★☆ gevorderd", 3: "★★★ lastig"}
STARS = {1: "★☆☆", 2: "★★☆", 3: "★★★"}


def console(*, stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False)


def library_tables(scenarios: Sequence[Scenario], rubrics: Sequence[Rubric]) -> Group:
    st = Table(title="Scenario's", box=box.SIMPLE_HEAVY, title_justify="left", expand=False)
    st.add_column("id", style="bold cyan", no_wrap=True)
    st.add_column("titel", min_width=20)
    st.add_column("onderwerp", no_wrap=True)
    st.add_column("niveau", no_wrap=True)
    for s in scenarios:
        st.add_row(
            escape(s.id),
            escape(s.title),
            TOPIC_LABELS[s.topic.value],
            STARS[s.difficulty],
        )
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
    body = [Text(s.briefing.summary)]
    if s.briefing.dossier:
        table = Table(box=box.MINIMAL, show_header=False, padding=(0, 1))
        table.add_column(style="dim", max_width=30)
        table.add_column(ratio=1)
        for item in s.briefing.dossier:
            table.add_row(escape(item.label), escape(item.value))
        body.append(table)
    if s.briefing.task:
        body.append(Text.assemble(("Opdracht: ", "bold"), s.briefing.task))
    parts.append(Panel(Group(*body), title="Briefing", title_align="left", border_style="blue"))
    if s.learning_goals:
        goals = Text("\n".join(f"• {g}" for g in s.learning_goals))
        parts.append(Panel(goals, title="Leerdoelen", title_align="left", border_style="green"))
    if trainer:
        parts.append(_trainer_view(s))
    return Group(*parts)


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
        t.add_row("Kerninfo", escape(f"{k.id}: {k.description}" + ("" if k.required else " (optioneel)")))
    for m in s.misinformation:
        t.add_row("Valkuil", escape(f"{m.id}: {m.description} → {m.correction}"))
    if s.facts:
        t.add_row("Feiten", escape(", ".join(f.id for f in s.facts)))
    t.add_row("Einde", f"max {s.end.max_turns} beurten")
    return Panel(t, title="Voor de trainer", title_align="left", border_style="magenta")


ACT_LABELS = {
    "opening": "opening",
    "open_question": "open vraag",
    "closed_question": "gesloten vraag",
    "summary": "samenvatting",
    "emotion_reflection": "gevoel benoemd",
    "check_understanding": "check begrip",
    "explanation": "uitleg",
    "next_step": "afspraak",
    "closing": "afsluiting",
    "jargon": "vaktaal",
    "dismissive": "afwijzend",
    "informal_address": "je/jij",
}


def analysis_table(results: Sequence[Analysis]) -> Table:
    table = Table(box=box.SIMPLE_HEAVY, show_lines=True)
    table.add_column("#", justify="right", style="dim")
    table.add_column("uitspraak", ratio=3)
    table.add_column("handelingen (bewijs, regel)", ratio=4)
    for n, result in enumerate(results, 1):
        lines = Text()
        for hit in result.hits:
            if lines:
                lines.append("\n")
            style = "red" if hit.act in ("jargon", "dismissive", "informal_address") else "green"
            lines.append(ACT_LABELS.get(hit.act, hit.act), style=f"bold {style}")
            lines.append(f" “{hit.text}”", style="italic")
            lines.append(f" ({hit.rule})", style="dim")
            if hit.plain:
                lines.append(f" → zeg liever: {hit.plain}", style="yellow")
        table.add_row(str(n), Text(result.text), lines or Text("—", style="dim"))
    return table


def problems(items: Sequence[Problem]) -> Text:
    out = Text()
    for p in items:
        out.append(p.format() + "\n", style="red")
    return out
