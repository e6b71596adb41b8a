"""`coach validate`: every class of bad input gives a located message and exit 1, never a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.helpers import ROOT, copy_library


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _check(invoke, *paths: Path):
    result = invoke("validate", *paths)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def test_shipped_library_is_valid(invoke) -> None:
    result = _check(invoke, ROOT / "scenarios", ROOT / "rubrics")
    assert result.exit_code == 0, result.output
    assert "geen problemen" in result.output


def test_json_report(invoke, tmp_path: Path) -> None:
    bad = _write(tmp_path / "t.yaml", "turns:\n  - speaker: caller\n    text: x\n    emotion: -1\n")
    result = invoke("validate", "--json", bad)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert report["problems"][0] == {
        "file": str(bad),
        "line": 4,
        "column": 14,
        "field": "turns[0].emotion",
        "message": "is te klein (grens: 0, gekregen: -1)",
        "hint": "gebruik een waarde vanaf 0",
    }


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "syntax.yaml",
            "id: a\ntitle: b\n  kapot: c\n",
            "syntax.yaml:3:3: ongeldige YAML: deze regel springt verder in",
        ),
        ("tabs.yaml", "turns:\n\t- speaker: caller\n", "tabs.yaml:2:1: ongeldige YAML"),
        (
            "type.yaml",
            "turns:\n  - speaker: caller\n    text: [a, b]\n",
            "type.yaml:3:11: turns[0].text: moet tekst zijn",
        ),
        ("empty.yaml", "", "empty.yaml: het bestand is leeg"),
        ("blank.yaml", "  \n\n", "blank.yaml: het bestand is leeg"),
        ("comment.yaml", "# alleen commentaar\n", "comment.yaml: het bestand bevat alleen commentaar"),
        ("latin1.yaml", "turns:\n  - text: caf\xe9\n".encode("latin-1"), "latin1.yaml:2:14: geen geldige UTF-8"),
        ("list.yaml", "- speaker: caller\n  text: x\n", "list.yaml:1:1: onbekend soort bestand"),
        ("what.yaml", "naam: x\n", "what.yaml:1:1: onbekend soort bestand"),
        (
            "dup.yaml",
            "turns:\n  - speaker: caller\n    text: a\n    text: b\n",
            "dup.yaml:4:5: turns[0].text: sleutel 'text' staat twee keer",
        ),
        ("bad.json", '{"turns": [\n  {"speaker": "caller",}\n]}', "bad.json:2:24: ongeldige JSON"),
        ("scenarios/list.yaml", "- a\n- b\n", "een scenario moet beginnen met sleutels"),
        (
            "date.yaml",
            "turns:\n  - speaker: caller\n    text: a\nstarted_at: 2026-02-30\n",
            "date.yaml:4:13: started_at: '2026-02-30' is geen geldige datum",
        ),
        (
            "float.yaml",
            "turns:\n  - speaker: caller\n    text: a\nseed: 1.5\n",
            "float.yaml:4:7: seed: moet een geheel getal zijn, zonder cijfers achter de komma",
        ),
        (
            "speaker.yaml",
            "turns:\n  - speaker: bellr\n    text: a\n",
            "speaker.yaml:2:14: turns[0].speaker: ongeldige waarde 'bellr' (bedoelde u 'beller'? kies uit: ",
        ),
    ],
)
def test_bad_input_classes(invoke, tmp_path: Path, name: str, content, expected: str) -> None:
    path = _write(tmp_path / name, content)
    result = _check(invoke, path)
    assert result.exit_code == 1
    assert expected in result.output.replace(str(tmp_path) + "/", ""), result.output


def test_file_over_one_megabyte(invoke, tmp_path: Path) -> None:
    path = _write(tmp_path / "big.yaml", "turns:\n" + "  - {speaker: caller, text: xxxxxxxxxx}\n" * 30_000)
    result = _check(invoke, path)
    assert result.exit_code == 1
    assert "het bestand is 1,2 MB; de grens is 1 MB" in result.output


def test_folder_without_yaml(invoke, tmp_path: Path) -> None:
    (tmp_path / "leeg").mkdir()
    (tmp_path / "leeg" / "notities.txt").write_text("hallo")
    result = _check(invoke, tmp_path / "leeg")
    assert result.exit_code == 1
    assert "de map bevat geen YAML- of JSON-bestanden" in result.output


def test_missing_path(invoke, tmp_path: Path) -> None:
    result = _check(invoke, tmp_path / "bestaat-niet.yaml")
    assert result.exit_code == 1
    assert "bestaat niet" in result.output


def test_permission_denied(invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path / "geheim.yaml", "turns: []\n")
    original = os.open

    def deny(file: str | Path, flags: int, *args: int, **kwargs: int) -> int:
        if Path(file).name == "geheim.yaml":  # tests may run as root, where chmod does not keep anyone out
            raise PermissionError(13, "Permission denied", str(file))
        return original(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    result = _check(invoke, path)
    assert result.exit_code == 1
    assert "geheim.yaml: geen leesrechten" in result.output


def test_a_copy_under_another_name_is_reported(invoke, tmp_path: Path) -> None:
    lib = copy_library(tmp_path / "lib")
    source = (lib / "scenarios" / "woz-hoger-dan-buren.yaml").read_text(encoding="utf-8")
    _write(lib / "scenarios" / "kopie.yaml", source)
    result = _check(invoke, lib)
    assert result.exit_code == 1
    assert "kopie.yaml:2:5: id: het id 'woz-hoger-dan-buren' is niet de bestandsnaam 'kopie.yaml'" in result.output


def test_duplicate_ids_across_libraries(invoke, tmp_path: Path) -> None:
    first, second = copy_library(tmp_path / "a"), tmp_path / "b"
    (second / "scenarios").mkdir(parents=True)
    source = (first / "scenarios" / "woz-hoger-dan-buren.yaml").read_text(encoding="utf-8")
    _write(second / "scenarios" / "woz-hoger-dan-buren.yaml", source)
    result = invoke("validate", first, second)
    assert result.exit_code == 1
    assert "scenario-id 'woz-hoger-dan-buren' wordt al gebruikt" in result.output


def test_unknown_signal_in_a_folder(invoke, tmp_path: Path) -> None:
    lib = copy_library(tmp_path / "lib")
    path = lib / "rubrics" / "standaard.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("signal: jargon", "signal: jargonn"), encoding="utf-8")
    result = _check(invoke, lib / "rubrics")
    assert result.exit_code == 1
    assert "onbekend signaal 'jargonn' (Bedoelde u: jargon?)" in result.output


def test_reports_all_files_not_just_the_first(invoke, tmp_path: Path) -> None:
    a = _write(tmp_path / "a.yaml", "")
    b = _write(tmp_path / "b.yaml", "turns:\n  - speaker: x\n    text: y\n")
    result = _check(invoke, a, b)
    assert "a.yaml" in result.output and "b.yaml" in result.output
    assert "2 bestanden gecontroleerd: 2 met problemen (2 problemen), 0 in orde." in result.output


def test_transcript_references_unknown_ids_with_did_you_mean(invoke, tmp_path: Path, user_library: Path) -> None:
    transcript = tmp_path / "gesprek.yaml"
    transcript.write_text(
        "scenario: woz-hoger-dan-bure\nrubric: standaardd\nturns:\n  - speaker: learner\n    text: hoi\n",
        encoding="utf-8",
    )
    result = invoke("validate", transcript)
    assert result.exit_code == 1
    assert (
        f"{transcript}:1:1: scenario: onbekend scenario 'woz-hoger-dan-bure' (bedoelde u 'woz-hoger-dan-buren'?)"
        in result.stdout
    )
    assert f"{transcript}:2:1: rubric: onbekende rubric 'standaardd' (bedoelde u 'standaard'?)" in result.stdout
    own = tmp_path / "eigen.yaml"
    own.write_text("scenario: mijn-woz\nturns:\n  - speaker: learner\n    text: hoi\n", encoding="utf-8")
    assert invoke("validate", own).exit_code == 1
    assert invoke("validate", own, "--library", user_library).exit_code == 0


def test_unknown_key_through_validate_names_line_and_suggestion(invoke, tmp_path: Path) -> None:
    bad = tmp_path / "gesprek.yaml"
    bad.write_text("turns:\n  - speaker: learner\n    txt: hoi\n", encoding="utf-8")
    result = invoke("validate", bad)
    assert result.exit_code == 1
    assert f"{bad}:3:5: turns[0].txt: onbekend veld 'txt' (bedoelde u 'text'?)" in result.stdout


# YAML mistakes trainers make, each at the line of the mistake with a hint that is true for it
@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (  # a tab where YAML wants spaces
            "id: a\nturns:\n\t- speaker: caller\n",
            "x.yaml:3:1: ongeldige YAML: een tab kan hier niet (gebruik spaties in plaats van tabs om in te springen)",
        ),
        (  # an unclosed quote: the line where it opens, not the end of the file
            'id: a\ntitle: "Mijn titel\ntopic: woz\ndifficulty: 1\nopening:\n  - hallo\n',
            'x.yaml:2:8: ongeldige YAML: het aanhalingsteken (") dat hier opent wordt niet gesloten '
            '(sluit de tekst af met " op dezelfde regel)',
        ),
        (  # the same, when a later quote makes the parser stumble somewhere else
            'id: a\ntitle: "Mijn titel\ntopic: woz\nx: "b"\ny: c\n',
            'x.yaml:2:8: ongeldige YAML: het aanhalingsteken (") dat hier opent wordt niet op dezelfde regel gesloten',
        ),
        (  # a quote left open inside a [ ] list: its own line, not where the parser stumbles
            'facts:\n  - id: a\n    answer: ["Dat is 2026.0000.001.]\n  - id: b\n    answer: ["Ja."]\n',
            'x.yaml:3:14: ongeldige YAML: het aanhalingsteken (") dat hier opent wordt niet op dezelfde regel gesloten '
            '(sluit de tekst af met " vóór de ] of de komma)',
        ),
        (  # an apostrophe inside single quotes
            "opening:\n  - 'Ik heb zo'n brief'\n",
            "x.yaml:2:5: ongeldige YAML: na de tekst tussen aanhalingstekens (') staat nog meer tekst (zet de hele "
            "tekst tussen aanhalingstekens: schrijf een ' in de tekst als '' of gebruik \" om de tekst)",
        ),
        (  # a colon and a space inside unquoted text
            "id: a\ntitle: Let op: dit is lastig\n",
            "x.yaml:2:14: ongeldige YAML: een dubbele punt met een spatie erna kan niet in tekst zonder "
            'aanhalingstekens (zet de tekst tussen aanhalingstekens: title: "Let op: dit is lastig")',
        ),
        (  # the same with the template's comment after it: the comment stays outside the quotes
            "id: a\ntitle: Vraag: waarom?   # zoals in coach list\n",
            "x.yaml:2:13: ongeldige YAML: een dubbele punt met een spatie erna kan niet in tekst zonder "
            'aanhalingstekens (zet de tekst tussen aanhalingstekens: title: "Vraag: waarom?"   # zoals in coach list)',
        ),
        (  # a key indented deeper than the key above it, which has a value
            "id: a\ncaller:\n  name: x\n    age: 3\n",
            "x.yaml:4:5: ongeldige YAML: deze regel springt verder in dan regel 3 (laat de regel even ver inspringen "
            "als regel 3 (2 spaties)",
        ),
        (  # a key indented less than its siblings but not as far back as the parent
            "id: a\ncaller:\n  name: x\n age: 3\n",
            "x.yaml:4:2: ongeldige YAML: het inspringen klopt niet: deze regel staat niet recht onder een sleutel",
        ),
        (  # a list item less deep than its list
            "opening:\n  - hallo\n - daar\ntopic: woz\n",
            "x.yaml:3:2: ongeldige YAML: dit lijstonderdeel staat op een andere diepte dan de lijst erboven (zet het "
            "streepje recht onder het streepje op regel 2)",
        ),
        (  # a list item deeper than its list: valid YAML that glues it to the text above
            "opening:\n  - hallo\n    - daar\ntopic: woz\n",
            "x.yaml:3:5: dit lijstonderdeel staat dieper dan de lijst erboven en wordt nu aan de tekst van regel 2 "
            "vastgeplakt (zet het streepje recht onder het streepje op regel 2)",
        ),
        (  # text after a closing quote
            'turns:\n  - speaker: caller\n    text: "Goedemiddag" zei hij\n',
            'x.yaml:3:11: ongeldige YAML: na de tekst tussen aanhalingstekens (") staat nog meer tekst',
        ),
        (  # a backslash code YAML does not know, inside double quotes
            'turns:\n  - speaker: caller\n    text: "C:\\Users\\mij"\n',
            "x.yaml:3:16: ongeldige YAML: onbekende code na een backslash (\\) in tekst tussen dubbele "
            "aanhalingstekens",
        ),
        (  # a colon and a space in a list item makes a key of the text
            "turns:\n  - speaker: caller\n    text:\n      Goedemiddag: ik bel over de aanslag\n",
            "x.yaml:4:7: turns[0].text: moet tekst zijn (de dubbele punt met een spatie na 'Goedemiddag' maakt er een "
            "sleutel van; zet de hele tekst tussen aanhalingstekens)",
        ),
    ],
)
def test_yaml_mistakes_are_explained_in_dutch_at_their_line(
    invoke, tmp_path: Path, content: str, expected: str
) -> None:
    path = _write(tmp_path / "x.yaml", content)
    result = _check(invoke, path)
    assert result.exit_code == 1
    shown = result.output.replace(str(tmp_path) + "/", "")
    assert expected in shown, shown
    assert "while" not in shown and "expected" not in shown and "found" not in shown  # no English parser words


@pytest.mark.parametrize(
    ("section", "key", "meant"),
    [
        ("reactions", "vaktaal", "jargon"),
        ("reactions", "empathie", "empathy"),
        ("reactions", "medeleven", "empathy"),
        ("reactions", "ophangen", "hang_up"),
        ("reactions", "samenvatting", "summary_confirmed"),
        ("reactions", "tevreden", "satisfied"),
        ("reactions", "medelevn", "empathy"),  # a typo in the Dutch word
        ("weights", "vaktaal", "jargon"),
    ],
)
def test_dutch_reaction_keys_get_the_english_key(
    invoke, tmp_path: Path, scenario_text: str, section: str, key: str, meant: str
) -> None:
    if section == "reactions":
        text = scenario_text.replace("\nreactions:\n", f"\nreactions:\n  {key}: [Hallo.]\n", 1)
    else:
        text = scenario_text.replace("    weights:\n", f"    weights:\n      {key}: 2\n", 1)
    assert text != scenario_text
    path = _write(tmp_path / "s.yaml", text)
    result = _check(invoke, path)
    assert f"onbekende sleutel '{key}' (bedoelde u '{meant}'?" in result.stdout, result.stdout


def test_dutch_field_names_get_the_english_key(invoke, tmp_path: Path, scenario_text: str) -> None:
    text = scenario_text.replace("\nfacts:\n", "\nfeiten:\n", 1).replace("  emotion:\n", "  emotie:\n", 1)
    path = _write(tmp_path / "s.yaml", text)
    result = _check(invoke, path)
    assert "feiten: onbekend veld 'feiten' (bedoelde u 'facts'?)" in result.stdout
    assert "caller.emotie: onbekend veld 'emotie' (bedoelde u 'emotion'?)" in result.stdout
