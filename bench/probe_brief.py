"""Writes bench/data/probe-brief.md: what a blind probe writer may see of each scenario.

The brief holds what a trainee sees (briefing, dossier) and what the caller knows (situation, facts as the caller
would answer them, key information the trainee should give) — never the ``ask`` patterns, the lexicon or the topic
patterns the caller uses to recognise a question. Run: python bench/probe_brief.py
"""

from __future__ import annotations

from pathlib import Path

from coach.library import Library

OUT = Path(__file__).with_name("data") / "probe-brief.md"


def main() -> None:
    lib = Library.open()
    out = ["# Scenario brief for blind probe writers", ""]
    for sid in lib.ids("scenario"):
        s = lib.scenario(sid)
        out += [f"## {s.id} — {s.title}", "", f"Briefing: {s.briefing.summary.strip()}", ""]
        out += ["Dossier (the trainee sees this):"] + [f"- {d.label}: {d.value}" for d in s.briefing.dossier]
        out += [
            "",
            f"Caller: {s.caller.name}, {s.caller.age} jaar, Nederlands {s.caller.dutch_level}.",
            f"Situation: {s.caller.situation.strip()}",
            "",
            "Openings: " + " / ".join(s.opening),
            "",
        ]
        out += ["Facts the caller can give when asked (id: what the caller says):"]
        out += [f"- `{f.id}`: {f.answer[0]}" for f in s.facts]
        out += ["", "Key information the trainee should explain (id: description):"]
        out += [f"- `{k.id}`: {' '.join(k.description.split())}" for k in s.key_info]
        out.append("")
    OUT.write_text("\n".join(out), encoding="utf-8")
    print(f"{OUT}: {len(lib.ids('scenario'))} scenarios")


if __name__ == "__main__":
    main()
