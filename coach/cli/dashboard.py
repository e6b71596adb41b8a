"""The group report as HTML: one self-contained dashboard with inline SVG charts, and one pack per trainee (a cover
with their progress, then every call's full report). No scripts, no fonts or files from elsewhere: a file to mail.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from coach.cli.labels import dimension_title, outcome_short
from coach.group import Group, Rollup, Row

if TYPE_CHECKING:
    from coach.feedback import Feedback
    from coach.formats import Transcript

e = html.escape

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;
color:#1d2433;line-height:1.45}h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border-bottom:1px solid #e6e9ef;padding:.35rem;
vertical-align:top;text-align:left}th{background:#f4f6f9}td.n,th.n{text-align:right}
.cards{display:flex;flex-wrap:wrap;gap:1rem}.card{border:1px solid #e6e9ef;border-radius:6px;padding:.5rem .75rem}
.card b{font-size:1.4rem;display:block}.muted{color:#667}.ok{color:#2e8b57}.no{color:#c0392b}
svg{max-width:100%;height:auto}svg text{font-family:inherit;font-size:11px;fill:#1d2433}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:.75rem}
.report{border-top:3px solid #1d2433;margin-top:3rem;padding-top:.5rem}
@media print{.report{break-before:page}}
"""
GOOD, MID, LOW, GREY = "#2e8b57", "#d4a017", "#c0392b", "#e6e9ef"


def _color(score: float | None) -> str:
    if score is None:
        return GREY
    return GOOD if score >= 75 else MID if score >= 55 else LOW


def num(value: float | None, digits: int = 0) -> str:
    """A score as the report shows it (the terminal view and the dashboard): whole, or a dash."""
    return "–" if value is None else f"{value:.{digits}f}"


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def delta(value: float | None) -> str:
    return "" if value is None else f"{value:+.0f}"


def _page(title: str, body: list[str], css: str = "") -> str:
    return (
        '<!doctype html>\n<html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)}</title><style>{CSS}{css}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


# --- charts ---------------------------------------------------------------------------------------------------------


def histogram(title: str, values: Sequence[float], width: int = 250, height: int = 130) -> str:
    """Scores in ten bins of 10 points (100 counts in the last)."""
    bins = [0] * 10
    for v in values:
        bins[min(9, max(0, int(v // 10)))] += 1
    top = max(bins) or 1
    left, bottom, plot_h = 24, 18, height - 40
    bar_w = (width - left - 16) / 10
    out = [
        _svg_open(width, height, f"Verdeling {title}"),
        f'<text x="{left}" y="12" font-weight="bold">{e(title)}</text>',
    ]
    for i, n in enumerate(bins):
        h = plot_h * n / top
        x = left + i * bar_w
        y = height - bottom - h
        out.append(
            f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" fill="{_color(i * 10 + 5)}">'
            f"<title>{i * 10}-{i * 10 + 9 if i < 9 else 100}: {n}</title></rect>"
        )
    for mark in (0, 50, 100):
        x = left + bar_w * mark / 10
        out.append(f'<text x="{x:.1f}" y="{height - 4}" text-anchor="middle">{mark}</text>')
    out.append(f'<text x="{left - 4}" y="{height - bottom - plot_h + 4:.1f}" text-anchor="end">{top}</text>')
    out.append(f'<text x="{left - 4}" y="{height - bottom:.1f}" text-anchor="end">0</text>')
    out.append(f'<line x1="{left}" y1="{height - bottom}" x2="{width - 4}" y2="{height - bottom}" stroke="#999"/>')
    out.append("</svg>")
    return "".join(out)


def bars(items: Sequence[tuple[str, float | None, str]], *, scale: float = 100.0, unit: str = "", label_w: int = 260,
         width: int = 720) -> str:  # fmt: skip
    """Horizontal bars: (label, value, note) each; the value on a 0-``scale`` axis, coloured like a score when the
    scale is 100."""
    row_h = 22
    height = row_h * len(items) + 8
    plot_w = width - label_w - 190
    out = [_svg_open(width, height, "staafdiagram")]
    for i, (label, value, note) in enumerate(items):
        y = 4 + i * row_h
        shown = label if len(label) <= 40 else label[:39] + "…"
        out.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{e(shown)}<title>{e(label)}</title></text>')
        w = 0.0 if value is None else plot_w * max(0.0, min(value, scale)) / scale
        fill = _color(value) if scale == 100 else LOW
        out.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" fill="{fill}" rx="2">'
            f"<title>{e(label)}: {e(num(value))}{e(unit)} {e(note)}</title></rect>"
        )
        out.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 15}">{e(num(value))}{e(unit)} {e(note)}</text>')
    out.append("</svg>")
    return "".join(out)


def trend(person: Group, width: int = 250, height: int = 110, threshold: int | None = None) -> str:
    """One learner's overall score per call, by date, on a 0-100 axis; the first and latest call labelled."""
    values = person.trend()
    name = person.name or "(geen naam)"
    out = [_svg_open(width, height, f"Verloop {name}"), f'<text x="4" y="12" font-weight="bold">{e(name)}</text>']
    left, right, top, bottom = 26, 8, 20, 8
    plot_w, plot_h = width - left - right, height - top - bottom

    def y(v: float) -> float:
        return top + plot_h * (1 - v / 100)

    out.append(f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="#f7f8fa"/>')
    for mark in (0, 50, 100):
        out.append(f'<text x="{left - 4}" y="{y(mark) + 4:.1f}" text-anchor="end">{mark}</text>')
    if threshold is not None:
        out.append(
            f'<line x1="{left}" y1="{y(threshold):.1f}" x2="{left + plot_w}" y2="{y(threshold):.1f}" stroke="#999" '
            f'stroke-dasharray="4 3"><title>drempel {threshold}</title></line>'
        )
    if values:
        step = plot_w / max(1, len(values) - 1)
        points = [(left + (i * step if len(values) > 1 else plot_w / 2), y(v)) for i, v in enumerate(values)]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{py:.1f}" for x, py in points)
            out.append(f'<polyline points="{path}" fill="none" stroke="#3b5ba5" stroke-width="2"/>')
        for i, ((x, py), v) in enumerate(zip(points, values, strict=True)):
            out.append(f'<circle cx="{x:.1f}" cy="{py:.1f}" r="3" fill="{_color(v)}"><title>gesprek {i + 1}: '
                       f"{v:.0f}</title></circle>")  # fmt: skip
    else:
        out.append(f'<text x="{left + 8}" y="{top + plot_h / 2:.1f}" class="muted">geen scores</text>')
    out.append("</svg>")
    return "".join(out)


def _svg_open(width: int, height: int, label: str) -> str:
    return f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{e(label)}">'


# --- the dashboard --------------------------------------------------------------------------------------------------


def _threshold(rows: Sequence[Row]) -> int | None:
    """The pass score most calls were held to, for a dashed line in the trend charts."""
    from collections import Counter

    found = Counter(r.pass_score for r in rows if r.pass_score is not None).most_common(1)
    return found[0][0] if found else None


def dashboard(rows: Sequence[Row], roll: Rollup) -> str:
    everyone = roll.everyone
    dims = everyone.dimensions
    stats = everyone.overall
    rate, judged = everyone.pass_rate
    body = ["<h1>Belcoach: groepsoverzicht</h1>", '<div class="cards">']
    cards = [
        ("gesprekken", str(len(everyone.rows))),
        ("medewerkers", str(len(roll.learners))),
        ("scenario's", str(len(roll.scenarios))),
        ("gemiddelde totaalscore", num(stats.mean)),
        ("spreiding (sd)", num(stats.sd)),
        ("geslaagd", f"{pct(rate)} van {judged}"),
    ]
    body += [f'<div class="card"><span class="muted">{e(k)}</span><b>{e(v)}</b></div>' for k, v in cards]
    body.append("</div>")

    body.append("<h2>Scoreverdeling per dimensie</h2>")
    charts = [histogram("Totaal", [r.overall for r in rows if r.overall is not None])]
    for name in dims:
        values = [v for r in rows if (v := r.dimensions.get(name)) is not None]
        charts.append(histogram(dimension_title(name), values))
    body.append('<div class="grid">' + "".join(f"<div>{c}</div>" for c in charts) + "</div>")

    body.append("<h2>Verloop per medewerker</h2>")
    body.append('<p class="muted">Totaalscore per gesprek, op datum; de stippellijn is de drempel.</p>')
    threshold = _threshold(rows)
    body.append('<div class="grid">' + "".join(f"<div>{trend(g, threshold=threshold)}</div>" for g in roll.learners)
                + "</div>")  # fmt: skip
    body.append(_learner_table(roll))

    body.append("<h2>Moeilijkheid per scenario</h2>")
    body.append('<p class="muted">Gemiddelde totaalscore per scenario, moeilijkste bovenaan.</p>')
    body.append(bars([(g.name or "(onbekend)", g.overall.mean, f"(n={len(g.rows)})") for g in roll.scenarios]))
    body.append(_scenario_table(roll))

    missed = [c for c in roll.criteria if c.failed][:15]
    body.append("<h2>Meest gemiste criteria</h2>")
    if missed:
        top = max(c.failed for c in missed)
        items = [(c.id, float(c.failed), f"× gemist ({pct(c.pass_rate)} geslaagd)") for c in missed]
        body.append(bars(items, scale=float(top), unit=""))
    else:
        body.append('<p class="muted">Geen enkel criterium gemist.</p>')
    body.append(_criteria_table(roll))

    body.append(f"<h2>Alle gesprekken ({len(rows)})</h2>")
    body.append(f"<details><summary>Toon de tabel</summary>{_calls_table(rows, dims)}</details>")
    return _page("Belcoach groepsoverzicht", body)


def _th(*names: str, text: tuple[int, ...] = (0,)) -> str:
    """A header row: the columns in ``text`` (by position, negative from the end) left, the numbers right."""
    left = {i % len(names) for i in text}
    cells = (f"<th>{e(n)}</th>" if i in left else f'<th class="n">{e(n)}</th>' for i, n in enumerate(names))
    return "<tr>" + "".join(cells) + "</tr>"


def _learner_table(roll: Rollup) -> str:
    dims = roll.everyone.dimensions
    out = ["<table>", _th("medewerker", "n", "gem.", "sd", "min", "max", "geslaagd", "eerste → laatste",
                          *(dimension_title(d) for d in dims))]  # fmt: skip
    for g in roll.learners:
        s = g.overall
        change = g.change()
        moved = ""
        if change is not None:
            a, b = change.scores()
            moved = f"{num(a)} → {num(b)} ({delta(change.delta())})"
        weakest = g.weakest()
        cells = [f"<td>{e(g.name or '(geen naam)')}</td>"]
        cells += [f'<td class="n">{v}</td>' for v in (len(g.rows), num(s.mean), num(s.sd), num(s.min), num(s.max))]
        cells.append(f'<td class="n">{pct(g.pass_rate[0])}</td><td class="n">{e(moved)}</td>')
        for d in dims:
            text = num(g.dimension(d).mean)
            style = ' style="font-weight:bold;color:#c0392b"' if d == weakest else ""
            cells.append(f'<td class="n"{style}>{text}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "".join(out)


def _scenario_table(roll: Rollup) -> str:
    out = ["<table>", _th("scenario", "n", "gem.", "sd", "min", "max", "geslaagd", "meest gemist", text=(0, -1))]
    for g in roll.scenarios:
        s = g.overall
        missed = ", ".join(f"{cid} ({n}×)" for cid, n in g.most_missed())
        cells = [f"<td>{e(g.name or '(onbekend)')}</td>"]
        cells += [f'<td class="n">{v}</td>' for v in (len(g.rows), num(s.mean), num(s.sd), num(s.min), num(s.max))]
        cells.append(f'<td class="n">{pct(g.pass_rate[0])}</td><td>{e(missed)}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "".join(out)


def _criteria_table(roll: Rollup) -> str:
    out = [
        "<table>",
        _th("criterium", "dimensie", "gemeten", "gem.", "sd", "gemist", "overgeslagen", "geslaagd", text=(0, 1)),
    ]
    for c in roll.criteria:
        cells = [f"<td>{e(c.id)}</td><td>{e(dimension_title(c.dimension))}</td>"]
        cells += [
            f'<td class="n">{v}</td>'
            for v in (c.scores.n, num(c.scores.mean), num(c.scores.sd), c.failed, c.skipped, pct(c.pass_rate))
        ]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "".join(out)


def _result(r: Row) -> str:
    """The verdict of a call; a call open right now or begun again with /opnieuw is said to be that."""
    ending = outcome_short(r.outcome or None, r.reason, open_now=r.open_now)
    special = r.open_now or (r.outcome == "stopped" and ending != outcome_short("stopped"))
    return ending if special else r.verdict or ending


def _calls_table(rows: Sequence[Row], dims: Sequence[str]) -> str:
    out = ["<table>", _th("medewerker", "datum", "scenario", "totaal", *(dimension_title(d) for d in dims), "resultaat",
                          "bestand of sessie", text=(0, 1, 2, -2, -1))]  # fmt: skip
    for r in sorted(rows, key=lambda r: (r.key, r.when())):
        cls = "ok" if r.passed else "no" if r.passed is False else "muted"
        cells = [
            f"<td>{e(r.learner or '(geen naam)')}</td>",
            f"<td>{r.date.strftime('%d-%m-%Y %H:%M') if r.date else '–'}</td>",
            f"<td>{e(r.scenario or '–')}</td>",
            f'<td class="n">{num(r.overall)}</td>',
            *(f'<td class="n">{num(r.dimensions.get(d))}</td>' for d in dims),
            f'<td class="{cls}">{e(_result(r))}</td>',
            f"<td>{e(r.file or r.session)}</td>",
        ]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "".join(out)


# --- a trainee's pack ------------------------------------------------------------------------------------------------

_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S)
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def pack(person: Group, items: Sequence[tuple[Transcript, Feedback]]) -> str:
    """A cover with first versus latest overall and per dimension and the trend, then every call's full report
    (the report of ``coach evaluate --html``), oldest first."""
    from coach.cli import reports

    name = person.name or "(geen naam)"
    dims = person.dimensions
    s = person.overall
    body = [f"<h1>Oefengesprekken van {e(name)}</h1>"]
    body.append(
        f"<p>{len(person.rows)} gesprekken · gemiddelde totaalscore {num(s.mean)} · "
        f"geslaagd {pct(person.pass_rate[0])}</p>"
    )
    body.append(trend(person, width=420, height=160, threshold=_threshold(person.rows)))
    change = person.change()
    body.append("<h2>Eerste en laatste gesprek</h2>")
    if change is None:
        body.append('<p class="muted">Nog maar één gesprek met een score: vergelijken kan na het volgende.</p>')
    else:
        when = [r.date.strftime("%d-%m-%Y") if r.date else "–" for r in (change.first, change.latest)]
        out = ["<table>", _th("", f"eerste ({when[0]})", f"laatste ({when[1]})", "verschil")]
        for label, dim in [("Totaal", None), *((dimension_title(d), d) for d in dims)]:
            a, b = change.scores(dim)
            out.append(
                f'<tr><td>{e(label)}</td><td class="n">{num(a)}</td><td class="n">{num(b)}</td>'
                f'<td class="n">{delta(change.delta(dim))}</td></tr>'
            )
        out.append("</table>")
        body.append("".join(out))
    body.append("<h2>Per dimensie, per gesprek</h2>")
    body.append(_dimension_trends(person))
    missed = person.most_missed()
    if missed:
        body.append("<h2>Vaakst gemist</h2><ul>" + "".join(f"<li>{e(c)} ({n}×)</li>" for c, n in missed) + "</ul>")
    css = ""
    for n, item in enumerate(items, 1):
        doc = reports.to_html([item])
        style, inner = _STYLE.search(doc), _BODY.search(doc)
        if style and not css:
            css = style.group(1)
        body.append(f'<section class="report" id="gesprek-{n}"><p class="muted">Gesprek {n} van {len(items)}</p>')
        body.append(inner.group(1) if inner else e(doc))
        body.append("</section>")
    return _page(f"Belcoach: {name}", body, css=_scoped(css))


def _scoped(css: str) -> str:
    """The per-call report's CSS, for the sections only (its body width must not narrow the cover)."""
    return re.sub(r"(^|})\s*body\{[^}]*\}", r"\1", css)


def _dimension_trends(person: Group) -> str:
    dims = person.dimensions
    calls = person.in_order()
    out = ["<table>", _th("datum", "scenario", "totaal", *(dimension_title(d) for d in dims), text=(0, 1))]
    for r in calls:
        cells = [
            f"<td>{r.date.strftime('%d-%m-%Y') if r.date else '–'}</td>",
            f"<td>{e(r.scenario or '–')}</td>",
            f'<td class="n">{num(r.overall)}</td>',
            *(f'<td class="n">{num(r.dimensions.get(d))}</td>' for d in dims),
        ]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "".join(out)
