"""`coach validate` warns scenario authors about what loads but makes a call go wrong: key information and
misinformation that one sentence triggers both, and a hidden concern the caller gives away. Warnings never fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.patterns import examples
from coach.validate import _same_words
from tests.helpers import ROOT

MISINFORMATION = "misinformation:\n"


def _scenario(folder: Path, text: str, name: str = "woz-hoger-dan-buren") -> Path:
    path = folder / "scenarios" / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _edit(text: str, old: str, new: str) -> str:
    assert old in text, f"the scenario changed: '{old}' is gone"
    return text.replace(old, new, 1)


def _warnings(invoke, path: Path) -> list[dict]:
    result = invoke("validate", "--json", path)
    assert result.exit_code == 0, result.output  # warnings never fail validation
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["problems"] == []
    return report["warnings"]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("zes|6 weken", ["zes weken", "6 weken"]),
        ("(nog een keer|opnieuw) uitleggen", ["nog een keer uitleggen", "opnieuw uitleggen"]),
        ("gratis ... verslag", ["gratis verslag"]),
        ("taxatie* ...8 *verordening", ["taxatie verordening"]),
        ("verslag & gratis|digid", ["verslag, gratis", "verslag, digid"]),
        ("niet-ontvankelijk", ["niet-ontvankelijk"]),
        ("re:\\bbrief\\b", []),  # a raw regular expression is not spelled out: the scripts check it
    ],
)
def test_examples_are_spelled_out_from_the_pattern(pattern: str, expected: list[str]) -> None:
    assert examples(pattern) == expected


def test_examples_are_bounded() -> None:
    assert len(examples(" ".join(["a|b|c"] * 8))) == 24


def test_the_shipped_library_validates_with_warnings_only(invoke) -> None:
    result = invoke("validate", ROOT / "scenarios", ROOT / "rubrics")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line]
    assert all(line.startswith("waarschuwing: ") and ".yaml:" in line for line in lines), lines
    assert "geen problemen" in result.stderr


def test_misinformation_whose_words_convey_key_information(invoke, tmp_path: Path, scenario_text: str) -> None:
    text = _edit(
        scenario_text,
        MISINFORMATION,
        MISINFORMATION + "  - id: te-laat\n    description: Zegt dat de termijn voorbij is.\n"
        '    phrases: ["termijn ... voorbij", "zes|6 weken ... voorbij"]\n'
        "    correction: Ze kan nog tot en met 10 april bezwaar maken.\n",
    )
    path = _scenario(tmp_path, text)
    [warning] = [w for w in _warnings(invoke, path) if "misinformation" in w["field"]]
    assert warning["field"] == "misinformation[0].phrases[1]"
    assert (
        warning["line"]
        == text.splitlines().index('    phrases: ["termijn ... voorbij", "zes|6 weken ... voorbij"]') + 1
    )
    assert warning["message"] == (
        "'zes weken voorbij' (uit het patroon 'zes|6 weken ... voorbij') telt als foute informatie 'te-laat', maar "
        "telt ook als kerninformatie 'bezwaartermijn' ('zes weken')"
    )
    assert "maak een van beide patronen specifieker" in warning["hint"]
    shown = invoke("validate", path)
    assert shown.exit_code == 0
    assert f"waarschuwing: {path}:{warning['line']}:" in shown.stdout
    assert "1 bestand gecontroleerd: geen problemen, " in shown.stderr


def test_key_information_read_as_wrong(invoke, tmp_path: Path, scenario_text: str) -> None:
    text = _edit(
        scenario_text,
        '    phrases: ["zes|6 weken", "10|tien april", "bezwaar & termijn"]',
        '    phrases: ["zes|6 weken", "10|tien april", "bezwaar & termijn", "hoeft ... niet ... betalen ... bezwaar"]',
    )
    path = _scenario(tmp_path, text)
    [warning] = _warnings(invoke, path)
    assert warning["field"] == "key_info[2].phrases[3]"
    assert (
        "telt als kerninformatie 'bezwaartermijn', maar telt ook als foute informatie 'bezwaar-schort-op'"
        in (warning["message"])
    )


SCRIPTED = (
    MISINFORMATION + "  - id: brief-morgen\n    description: Belooft de brief voor morgen.\n"
    '    phrases: ["re:brief komt morgen"]\n    correction: De brief komt binnen twee weken.\n'
)
KEY = 'key_info:\n  - id: brief-komt\n    description: Er komt een brief.\n    phrases: ["re:brief (komt|volgt)"]\n'


def test_a_scripted_sentence_that_triggers_both(invoke, tmp_path: Path, scenario_text: str) -> None:
    """Raw regexes cannot be spelled out; the scripted trainees' sentences show the overlap."""
    path = _scenario(tmp_path, _edit(_edit(scenario_text, MISINFORMATION, SCRIPTED), "key_info:\n", KEY))
    assert not _warnings(invoke, path)  # no scripts yet: nothing to read the patterns on
    folder = tmp_path / "scripts" / "woz-hoger-dan-buren"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text("# een script\nGoedemorgen. De brief komt morgen bij u.\n", encoding="utf-8")
    [warning] = _warnings(invoke, path)
    assert warning["field"] == "key_info[0].phrases"
    assert warning["message"] == (
        "de zin 'De brief komt morgen bij u.' (scripts/woz-hoger-dan-buren/a.txt:2) telt als kerninformatie "
        "'brief-komt' ('brief komt') én als foute informatie 'brief-morgen' ('brief komt morgen')"
    )


def test_two_statements_side_by_side_are_no_overlap() -> None:
    assert _same_words("De brief komt morgen.", "brief komt", "komt morgen")
    assert not _same_words("De brief komt en u moet morgen betalen.", "brief komt", "morgen betalen")


def test_a_reveal_word_in_the_callers_question(invoke, tmp_path: Path, scenario_text: str) -> None:
    reveal = "        keywords: [slecht moment, moment, situatie, thuis,"
    text = _edit(scenario_text, reveal, "        keywords: [buren, slecht moment, moment, situatie, thuis,")
    path = _scenario(tmp_path, text)
    [warning] = _warnings(invoke, path)
    assert warning["field"] == "opening[1]"
    assert warning["message"] == (
        "de beller zegt 'buren' al, een onthulwoord van de onderliggende zorg 'scheiding' "
        "(concerns.hidden[0].reveal.keywords: 'buren'; ook in concerns.surface.story[0], concerns.surface.repeat[0], "
        "reactions.summary_corrected[0])"
    )
    assert warning["hint"].startswith("een samenvatting van de vraag die dit teruggeeft onthult de zorg")
    # when a summary reveals the concern anyway, the word gives nothing away
    assert not _warnings(invoke, _scenario(tmp_path, _edit(text, "acts: [emotion_reflection]", "acts: [summary]")))


def test_what_the_reveal_warning_says_is_what_the_caller_does(invoke, tmp_path: Path, scenario_text: str) -> None:
    reveal = "        keywords: [slecht moment, moment, situatie, thuis,"
    path = _scenario(
        tmp_path, _edit(scenario_text, reveal, "        keywords: [buren, slecht moment, situatie, thuis,")
    )
    turns = ["Goedemiddag, gemeente Lindehoven, u spreekt met Anna.", "Waar gaat het over?", "Vertelt u verder."]
    turns += ["Oké.", "Oké.", "Als ik het goed begrijp gaat het om de buren?"]

    def revealed(script: list[str]) -> list[int]:
        replies = tmp_path / "antwoorden.txt"
        replies.write_text("\n".join(script) + "\n", encoding="utf-8")
        result = invoke("run", path, "--replies", replies, "--json", "--no-save")
        data = json.loads(result.stdout)
        said = data.get("transcript", data)["turns"]
        return [i for i, t in enumerate(said) if any(r.startswith("concern:") for r in t.get("revealed") or [])]

    assert revealed(turns) == [len(turns) * 2]  # the summary that says 'buren' brings the concern out
    assert revealed([*turns[:-1], "Als ik het goed begrijp gaat het om deze aanslag?"]) == []


def test_a_concern_keyword_in_the_story(invoke, tmp_path: Path, scenario_text: str) -> None:
    keywords = "      keywords: [slecht moment, moment, situatie, thuis, alleen,"
    text = _edit(scenario_text, keywords, "      keywords: [nummer 16, slecht moment, moment, situatie, thuis, alleen,")
    [warning] = _warnings(invoke, _scenario(tmp_path, text))
    assert warning["field"] == "concerns.surface.story[0]"
    assert (
        "een trefwoord van de onderliggende zorg 'scheiding' (concerns.hidden[0].keywords: 'nummer 16')"
        in (warning["message"])
    )


def test_words_in_other_reactions_give_nothing_away(invoke, tmp_path: Path, scenario_text: str) -> None:
    """'slikken' is only in a dismissive reaction: nobody summarises that as the caller's question."""
    reveal = "        keywords: [slecht moment, moment, situatie, thuis,"
    text = _edit(scenario_text, reveal, "        keywords: [slikken, slecht moment, moment, situatie, thuis,")
    assert not _warnings(invoke, _scenario(tmp_path, text))
