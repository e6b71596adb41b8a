"""The CLI through CliRunner: library listing, briefing, schema, and the error contract."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from coach import __version__
from coach.errors import NotFoundError
from tests.helpers import DATA, ROOT


def test_version(invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"belcoach {__version__}"


def test_help_is_dutch(invoke) -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert "Toon deze hulp en stop." in result.stdout
    for name in ("list", "show", "validate", "schema"):
        assert name in result.stdout


def test_help_headings_are_dutch(invoke) -> None:
    result = invoke("show", "--help")
    assert result.exit_code == 0
    for dutch in ("Gebruik: coach show [OPTIES]", "Argumenten:", "Opties:", "[verplicht]"):
        assert dutch in result.stdout
    for english in ("Usage:", "Options:", "Arguments:", "[required]"):
        assert english not in result.stdout
    assert "Opdrachten:" in invoke("--help").stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["show"], "Fout: ontbrekend argument 'scenario'"),
        (["list", "--topc", "woz"], "Fout: onbekende optie --topc (bedoelde u: --topic?)"),
        (["lijst"], "Fout: onbekende opdracht 'lijst' (bedoelde u: 'list'?)"),
        (["practice", "--seed", "abc"], "Fout: ongeldige waarde voor '--seed': moet een geheel getal zijn"),
        (["show", "a", "b"], "Fout: onverwacht extra argument (b)"),
        (["list", "--topic"], "Fout: optie '--topic' heeft een waarde nodig"),
        (["list", "--json=ja"], "Fout: optie '--json' neemt geen waarde"),
    ],
)
def test_usage_errors_are_dutch(invoke, args: list[str], expected: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "Error" not in result.stderr and "Usage" not in result.stderr
    assert "Traceback" not in result.output


def test_python_dash_m_coach(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "coach", "--version"], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert result.returncode == 0 and result.stdout.strip() == f"belcoach {__version__}"
    helped = subprocess.run([sys.executable, "-m", "coach", "--help"], capture_output=True, text=True, check=False)
    assert helped.returncode == 0 and "Opdrachten:" in helped.stdout


def test_list_shows_the_builtin_library(invoke) -> None:
    result = invoke("list")
    assert result.exit_code == 0, result.output
    assert "woz-hoger-dan-buren" in result.stdout
    assert "kwijtschelding-auto-afgewezen" in result.stdout
    assert "standaard" in result.stdout


def test_list_json(invoke) -> None:
    result = invoke("list", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    ids = {s["id"] for s in data["scenarios"]}
    assert {"woz-hoger-dan-buren", "kwijtschelding-auto-afgewezen"} <= ids
    woz = next(s for s in data["scenarios"] if s["id"] == "woz-hoger-dan-buren")
    assert woz["topic"] == "woz"
    assert woz["difficulty"] == 2
    assert {"id", "title", "topic", "difficulty", "municipality", "year", "caller", "path"} <= set(woz)
    rubric = next(r for r in data["rubrics"] if r["id"] == "standaard")
    assert rubric["dimensions"][:3] == ["luisteren", "gespreksopbouw", "toon"]
    assert rubric["criteria"] > 10


def test_list_topic_filter(invoke) -> None:
    data = json.loads(invoke("list", "--topic", "woz", "--json").stdout)
    assert data["scenarios"]
    assert {s["topic"] for s in data["scenarios"]} == {"woz"}


def test_list_unknown_topic(invoke) -> None:
    result = invoke("list", "--topic", "wos")
    assert result.exit_code == 2
    assert "onbekend onderwerp 'wos'" in result.stderr
    assert "woz" in result.stderr


def test_user_library_by_option_and_environment(invoke, user_library: Path, monkeypatch) -> None:
    without = {s["id"] for s in json.loads(invoke("list", "--json").stdout)["scenarios"]}
    assert "mijn-woz" not in without
    with_option = json.loads(invoke("list", "--json", "--library", user_library).stdout)
    assert "mijn-woz" in {s["id"] for s in with_option["scenarios"]}
    second = user_library.parent / "tweede"
    (second / "scenarios").mkdir(parents=True)
    text = (user_library / "scenarios" / "mijn-woz.yaml").read_text(encoding="utf-8")
    (second / "scenarios" / "tweede-woz.yaml").write_text(text.replace("id: mijn-woz", "id: tweede-woz"), "utf-8")
    both = json.loads(invoke("list", "--json", "-L", user_library, "--library", second).stdout)
    assert {"mijn-woz", "tweede-woz"} <= {s["id"] for s in both["scenarios"]}
    monkeypatch.setenv("COACH_LIBRARY", f"/bestaat/niet:{user_library}")
    with_env = json.loads(invoke("list", "--json").stdout)
    assert "mijn-woz" in {s["id"] for s in with_env["scenarios"]}


def test_user_library_overrides_builtin_id(invoke, tmp_path: Path, scenario_text: str) -> None:
    lib = tmp_path / "lib"
    (lib / "scenarios").mkdir(parents=True)
    (lib / "scenarios" / "woz-hoger-dan-buren.yaml").write_text(
        scenario_text.replace("title: WOZ-waarde hoger dan bij de buren", "title: Aangepaste versie"), encoding="utf-8"
    )
    data = json.loads(invoke("list", "--json", "-L", lib).stdout)
    woz = next(s for s in data["scenarios"] if s["id"] == "woz-hoger-dan-buren")
    assert woz["title"] == "Aangepaste versie"


def test_a_library_file_is_known_by_its_name(invoke, tmp_path: Path, scenario_text: str) -> None:
    """The file name is the id: a file whose id says otherwise is reported (with its line), not silently renamed."""
    lib = tmp_path / "lib"
    (lib / "scenarios").mkdir(parents=True)
    (lib / "scenarios" / "eigen.yaml").write_text(scenario_text, encoding="utf-8")
    result = invoke("list", "--json", "-L", lib)
    assert result.exit_code == 0
    assert "eigen.yaml:2:5: id: het id 'woz-hoger-dan-buren' is niet de bestandsnaam 'eigen.yaml'" in result.stderr
    assert "noem het bestand woz-hoger-dan-buren.yaml of zet id: eigen" in result.stderr
    ids = [s["id"] for s in json.loads(result.stdout)["scenarios"]]
    assert "eigen" not in ids and ids.count("woz-hoger-dan-buren") == 1  # the built-in one
    shown = invoke("show", "eigen", "-L", lib)
    assert shown.exit_code == 1 and "is niet de bestandsnaam" in shown.stderr
    checked = invoke("validate", lib)
    assert checked.exit_code == 1 and "is niet de bestandsnaam 'eigen.yaml'" in checked.stdout


def test_invalid_user_file_warns_but_lists_the_rest(invoke, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    (lib / "scenarios").mkdir(parents=True)
    (lib / "scenarios" / "kapot.yaml").write_text("id: kapot\ntitle: [\n", encoding="utf-8")
    result = invoke("list", "--json", "-L", lib)
    assert result.exit_code == 0
    assert "waarschuwing:" in result.stderr and "kapot.yaml" in result.stderr
    assert json.loads(result.stdout)["scenarios"]


def test_missing_library_folder(invoke, tmp_path: Path) -> None:
    result = invoke("list", "--library", tmp_path / "nergens")
    assert result.exit_code == 2
    assert "bibliotheekmap" in result.stderr


def test_show_hides_the_hidden_concern_from_trainees(invoke) -> None:
    result = invoke("show", "woz-hoger-dan-buren")
    assert result.exit_code == 0, result.output
    assert "Briefing" in result.stdout
    assert "2026.0413.772" in result.stdout
    assert "scheiden" not in result.stdout
    trainer = invoke("show", "woz-hoger-dan-buren", "--trainer")
    assert "Voor de trainer" in trainer.stdout
    assert "scheiden" in trainer.stdout


def test_show_json(invoke) -> None:
    trainee = json.loads(invoke("show", "woz-hoger-dan-buren", "--json").stdout)
    assert "concerns" not in trainee and "caller" not in trainee
    assert trainee["briefing"]["dossier"][0] == {"label": "Naam", "value": "I. Vermeulen"}
    trainer = json.loads(invoke("show", "woz-hoger-dan-buren", "--json", "--trainer").stdout)
    assert trainer["concerns"]["hidden"][0]["id"] == "scheiding"


def test_show_accepts_a_path(invoke) -> None:
    result = invoke("show", ROOT / "scenarios" / "kwijtschelding-auto-afgewezen.yaml")
    assert result.exit_code == 0
    assert "El Amrani" in result.stdout


def test_show_escapes_markup_in_file_text(invoke, tmp_path: Path, scenario_text: str) -> None:
    path = tmp_path / "markup.yaml"
    path.write_text(
        scenario_text.replace("value: I. Vermeulen", 'value: "[zucht] [bold]I. Vermeulen"'), encoding="utf-8"
    )
    result = invoke("show", path)
    assert result.exit_code == 0, result.output
    assert "[zucht] [bold]I. Vermeulen" in result.stdout


def test_unknown_id_suggests_close_ids(invoke) -> None:
    result = invoke("show", "woz-hoger-dan-bure")
    assert result.exit_code == 2
    assert result.stderr.startswith("Fout: onbekend scenario 'woz-hoger-dan-bure'")
    assert "Bedoelde u: woz-hoger-dan-buren?" in result.stderr
    assert "Traceback" not in result.output


def test_missing_file(invoke, tmp_path: Path) -> None:
    result = invoke("show", tmp_path / "weg.yaml")
    assert result.exit_code == 2
    assert "bestaat niet" in result.stderr


def test_invalid_scenario_file_is_reported_with_location(invoke, tmp_path: Path, scenario_text: str) -> None:
    path = tmp_path / "fout.yaml"
    path.write_text(scenario_text.replace("difficulty: 2", "difficulty: twee"), encoding="utf-8")
    result = invoke("show", path)
    assert result.exit_code == 1
    assert f"{path}:5:13: difficulty: moet een geheel getal zijn" in result.stderr


def test_debug_shows_the_real_exception(invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_DEBUG", "1")
    result = invoke("show", "bestaat-niet")
    assert isinstance(result.exception, NotFoundError)


def test_unexpected_error_is_one_line_without_traceback(invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    import coach.library

    def boom(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(coach.library.Library, "open", classmethod(boom))
    result = invoke("list")
    assert result.exit_code == 70
    assert "Onverwachte fout: RuntimeError: kapot" in result.stderr
    assert "COACH_DEBUG=1" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("kind", ["scenario", "rubric", "transcript"])
def test_schema(invoke, kind: str) -> None:
    result = invoke("schema", kind)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == f"Belcoach {kind}"
    assert schema["additionalProperties"] is False
    assert "properties" in schema


def test_schema_validates_the_shipped_files(invoke) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    def load(path: Path) -> object:  # as an editor sees it: dates are plain strings
        return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))

    for kind, paths in [
        ("scenario", sorted((ROOT / "scenarios").glob("*.yaml"))),
        ("rubric", sorted((ROOT / "rubrics").glob("*.yaml"))),
        ("transcript", sorted((DATA / "feedback").rglob("*.yaml"))),
    ]:
        assert paths
        schema = json.loads(invoke("schema", kind).stdout)
        for path in paths:
            jsonschema.validate(load(path), schema)


def test_transcript_schema_accepts_the_dutch_speaker_names(invoke) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(invoke("schema", "transcript").stdout)
    jsonschema.validate(
        {"turns": [{"speaker": "beller", "text": "Hallo?"}, {"speaker": "medewerker", "text": "Ja"}]}, schema
    )
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"turns": [{"speaker": "klant", "text": "Hallo?"}]}, schema)


def test_schema_unknown_kind(invoke) -> None:
    result = invoke("schema", "rubrik")
    assert result.exit_code == 2
    assert "Bedoelde u: rubric?" in result.stderr


def test_new_scenario_and_rubric_are_valid_templates(invoke, coach_home) -> None:
    result = invoke("new", "scenario", "mijn-oefening")
    path = coach_home / "library" / "scenarios" / "mijn-oefening.yaml"
    assert result.exit_code == 0 and result.stdout.strip() == str(path)
    assert invoke("validate", path).exit_code == 0
    assert "# " in path.read_text(encoding="utf-8")  # commented for trainers
    assert "mijn-oefening" in {s["id"] for s in json.loads(invoke("list", "--json").stdout)["scenarios"]}
    rubric = invoke("new", "rubric", "mijn-rubric")
    assert rubric.exit_code == 0 and invoke("validate", rubric.stdout.strip()).exit_code == 0
    again = invoke("new", "scenario", "mijn-oefening")
    assert again.exit_code == 2 and "bestaat al" in again.stderr
    assert invoke("new", "scenario", "mijn-oefening", "--force").exit_code == 0
    assert invoke("new", "scenario", "Mijn Oefening").exit_code == 2


def test_new_into_a_library_folder(invoke, tmp_path: Path) -> None:
    result = invoke("new", "scenario", "gedeeld", "--library", tmp_path / "team")
    assert Path(result.stdout.strip()) == tmp_path / "team" / "scenarios" / "gedeeld.yaml"
    assert "gedeeld" in {
        s["id"] for s in json.loads(invoke("list", "--json", "-L", tmp_path / "team").stdout)["scenarios"]
    }


def test_evaluate_scenario_option_overrides_the_transcripts_own(invoke) -> None:
    transcript = next(p for p in sorted((DATA / "feedback").rglob("*.yaml")) if "scenario: woz-hoger" in p.read_text())
    own = json.loads(invoke("evaluate", transcript, "--json").stdout)
    other = json.loads(invoke("evaluate", transcript, "--scenario", "heffing-verhuisd-afval", "--json").stdout)
    assert json.dumps(own).count("woz-hoger-dan-buren") >= 1
    assert "heffing-verhuisd-afval" in json.dumps(other)
    assert "woz-hoger-dan-buren" not in json.dumps(other)


def test_evaluate_batch_reports_a_bad_file_and_still_scores_the_others(invoke, tmp_path: Path) -> None:
    good = sorted((DATA / "feedback" / "dev").glob("*.yaml"))[:2]
    bad = tmp_path / "kapot.yaml"
    bad.write_text("turns:\n  - speaker: klant\n    text: hoi\n", encoding="utf-8")
    result = invoke("evaluate", good[0], bad, good[1], "--json")
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)) == 2
    assert f"{bad}:2:14: turns[0].speaker" in result.stderr
    assert "1 van de 3 transcripten niet beoordeeld" in result.stderr


@pytest.mark.parametrize("kind", ["scenario", "rubric"])
def test_new_writes_the_schema_its_first_line_points_at(invoke, coach_home: Path, kind: str) -> None:
    result = invoke("new", kind, "mijn-bestand")
    made = Path(result.stdout.strip())
    first = made.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=./{kind}.schema.json"
    schema = made.parent / f"{kind}.schema.json"
    assert json.loads(schema.read_text(encoding="utf-8")) == json.loads(invoke("schema", kind).stdout)
    assert f"JSON Schema voor uw editor: {schema}" in result.stderr
    for path in (made, schema):  # under COACH_HOME: the owner's only, like everything there
        assert path.stat().st_mode & 0o777 == 0o600
    assert made.parent.stat().st_mode & 0o777 == 0o700
    before = schema.stat().st_mtime_ns
    os.utime(schema, ns=(before - 10**9, before - 10**9))
    assert invoke("new", kind, "tweede").exit_code == 0
    assert schema.stat().st_mtime_ns == before - 10**9  # the same schema is not written again
    schema.write_text("{}", encoding="utf-8")  # one from another version is brought up to date
    assert invoke("new", kind, "derde").exit_code == 0
    assert json.loads(schema.read_text(encoding="utf-8"))["title"] == f"Belcoach {kind}"
    result = invoke("validate", made.parent)  # the schema is for the editor, not a file to check
    assert result.exit_code == 0, result.output
    assert "3 bestanden gecontroleerd" in result.output


def test_new_cohort_writes_its_schema_too(invoke, tmp_path: Path) -> None:
    made = tmp_path / "groep.yaml"
    assert invoke("new", "cohort", "groep", "--output", made).exit_code == 0
    schema = tmp_path / "cohort.schema.json"
    assert json.loads(schema.read_text(encoding="utf-8"))["title"] == "Belcoach cohort"
    assert schema.stat().st_mode & 0o777 == 0o600
