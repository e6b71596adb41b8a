"""Big batches: evaluate takes folders and streams its reports (JSON, JSON Lines, Markdown, HTML) in input order; run
plays many scripts and seeds in one process."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from coach.batch import Job, iter_scored, score_all
from coach.store import Store
from tests.helpers import ROOT

DATA = ROOT / "tests" / "data"
RATED = sorted((DATA / "feedback" / "dev").glob("*.yaml"))
SCRIPTS = ROOT / "scripts" / "woz-hoger-dan-buren"


@pytest.fixture
def group(tmp_path: Path) -> Path:
    """A trainer's folder: ten calls, one in a subfolder, and what is not a transcript (a hidden folder, notes)."""
    folder = tmp_path / "groep"
    (folder / "week2").mkdir(parents=True)
    (folder / ".git").mkdir()
    for i, source in enumerate(RATED[:9]):
        shutil.copy(source, folder / f"{i:02d}-{source.name}")
    shutil.copy(RATED[9], folder / "week2" / RATED[9].name)
    shutil.copy(RATED[0], folder / ".git" / "oud.yaml")
    (folder / "notities.txt").write_text("geen transcript\n", encoding="utf-8")
    return folder


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.yaml") if ".git" not in p.parts)


def test_a_folder_is_its_transcripts_in_order(invoke, group: Path) -> None:
    by_folder = invoke("evaluate", group, "--json")
    by_files = invoke("evaluate", *_files(group), "--json")
    assert by_folder.exit_code == 0, by_folder.output
    assert by_folder.stdout == by_files.stdout
    assert len(json.loads(by_folder.stdout)) == 10


def test_the_json_list_is_what_it_was(invoke, group: Path) -> None:
    """Written element by element, the list is byte for byte json.dumps of the reports, as before streaming."""
    files = _files(group)
    singles = [json.loads(invoke("evaluate", f, "--json").stdout) for f in files]
    result = invoke("evaluate", *files, "--json")
    assert result.stdout == json.dumps(singles, ensure_ascii=False, indent=2) + "\n"
    one = invoke("evaluate", files[0], "--json").stdout
    assert one == json.dumps(singles[0], ensure_ascii=False, indent=2) + "\n"  # one file: the report, not a list


def test_json_lines_are_one_report_per_file_in_input_order(invoke, group: Path, tmp_path: Path) -> None:
    lines = invoke("evaluate", group, "--jsonl").stdout.splitlines()
    listed = json.loads(invoke("evaluate", group, "--json").stdout)
    assert [json.loads(line) for line in lines] == listed
    assert [r["learner"] for r in listed] == [json.loads(line)["learner"] for line in lines]
    out = tmp_path / "rapporten.jsonl"  # the suffix chooses the format
    assert invoke("evaluate", group, "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8").splitlines() == lines
    assert out.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("flag", ["--markdown", "--html", "--json"])
def test_a_report_file_is_what_standard_output_shows(invoke, group: Path, tmp_path: Path, flag: str) -> None:
    out = tmp_path / {"--markdown": "r.md", "--html": "r.html", "--json": "r.json"}[flag]
    shown = invoke("evaluate", group, flag).stdout
    written = invoke("evaluate", group, "-o", out)
    assert written.exit_code == 0 and f"Geschreven: {out}" in written.stderr
    assert out.read_text(encoding="utf-8") == shown
    if flag == "--html":
        assert shown.count("<!doctype html>") == 1 and shown.count("<h1>Feedback:") == 10


def test_bad_files_in_a_folder_are_said_and_the_others_scored(invoke, group: Path, tmp_path: Path) -> None:
    (group / "kapot.yaml").write_text("turns:\n  - speaker: klant\n    text: hoi\n", encoding="utf-8")
    (group / "leeg.json").write_text("", encoding="utf-8")
    empty = tmp_path / "leeg"
    empty.mkdir()
    result = invoke("evaluate", group, empty, "--jsonl")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 10
    assert f"{group / 'kapot.yaml'}:2:14: turns[0].speaker" in result.stderr
    assert f"{group / 'leeg.json'}" in result.stderr
    assert f"Fout: map '{empty}' bevat geen transcripten (.yaml, .yml of .json)" in result.stderr
    assert "2 van de 12 transcripten niet beoordeeld." in result.stderr
    assert "Traceback" not in result.output


def test_a_broken_scenario_is_one_files_problem_and_a_group_file_is_no_call(
    invoke, group: Path, tmp_path: Path
) -> None:
    """A transcript that names a scenario file that cannot be read spoils only itself; the group file a trainer
    keeps with the calls (coach status, coach import) is not read as a call."""
    folder = tmp_path / "mix"
    shutil.copytree(group, folder)
    broken = tmp_path / "kapot-scenario.yaml"
    broken.write_text("id: kapot\ntitle: [\n", encoding="utf-8")
    first = _files(folder)[0]
    data = yaml.safe_load(first.read_text(encoding="utf-8"))
    data["scenario"] = str(broken)
    (folder / "zz-eigen-scenario.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (folder / "groep.yaml").write_text("name: g\nlearners:\n  - name: Anna\nassignments: []\n", encoding="utf-8")
    result = invoke("evaluate", folder, "--jsonl")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == len(_files(group))  # every other call, and not the group file
    assert f"{folder / 'zz-eigen-scenario.yaml'}: " in result.stderr and str(broken) in result.stderr
    assert "groep.yaml" not in result.stderr


def test_an_empty_folder_alone_is_a_dutch_problem(invoke, tmp_path: Path) -> None:
    result = invoke("evaluate", tmp_path, "--json")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip() == f"Fout: map '{tmp_path}' bevat geen transcripten (.yaml, .yml of .json)"


def test_min_score_in_a_folder_judges_every_call(invoke, group: Path) -> None:
    result = invoke("evaluate", group, "--jsonl", "--min-score", "0")
    assert result.stderr.count("GESLAAGD: ") == 10  # one verdict per call, after the reports
    assert result.exit_code == (1 if "NIET GESLAAGD" in result.stderr else 0)
    assert len(result.stdout.splitlines()) == 10


def test_iter_scored_streams_in_order_with_a_bounded_number_in_flight(group: Path, tmp_path: Path) -> None:
    files = [tmp_path / f"{i:03d}.yaml" for i in range(60)]
    for i, path in enumerate(files):
        shutil.copy(_files(group)[i % 10], path)
    finished = []
    stream = iter_scored(files, Job(None, None), finished.append)
    first = next(stream)
    assert first.path == files[0] and first.feedback is not None
    assert len(finished) == 1  # done() hears a file when it is yielded, not when the whole batch is scored
    rest = list(stream)
    assert [r.path for r in [first, *rest]] == files
    assert len(finished) == 60
    few = score_all(files[:3], Job(None, None))  # fewer files: scored in this process, the same reports
    assert [r.feedback for r in few] == [r.feedback for r in [first, *rest][:3]]


def test_run_plays_every_script_with_every_seed(invoke, tmp_path: Path) -> None:
    out = tmp_path / "gesprekken"
    result = invoke("run", "woz-hoger-dan-buren", "--replies-dir", SCRIPTS, "--seeds", "0-1,7", "-o", out)
    assert result.exit_code == 0, result.output
    scripts = sorted(p.stem for p in SCRIPTS.glob("*.txt"))
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{s}-seed{n}.yaml" for s in scripts for n in (0, 1, 7))
    assert all(f"{s}" in result.stdout for s in scripts) and "Gespeelde gesprekken" in result.stdout
    assert len(Store.default().sessions()) == 9  # saved as single runs are
    for script, seed in (("good", 7), ("dismissive", 1)):
        single = tmp_path / f"single-{script}-{seed}.yaml"
        alone = invoke(
            "run", "woz-hoger-dan-buren", "--replies", SCRIPTS / f"{script}.txt", "--seed", seed, "-o", single
        )
        assert alone.exit_code == 0
        assert _call(out / f"{script}-seed{seed}.yaml") == _call(single)


def _call(path: Path) -> dict:
    """A transcript without its clock and session: what the same script and seed must repeat."""
    data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
    for key in ("started_at", "ended_at", "meta"):
        data.pop(key, None)
    for turn in data["turns"]:
        turn.pop("time", None)
    return data


def test_run_many_as_json_and_without_saving(invoke, tmp_path: Path) -> None:
    result = invoke(
        "run", "woz-hoger-dan-buren", "--replies", SCRIPTS / "good.txt", "--seeds", "3,4", "--json", "--no-save"
    )
    assert result.exit_code == 0, result.output
    calls = json.loads(result.stdout)
    assert [(c["script"], c["seed"]) for c in calls] == [("good", 3), ("good", 4)]
    assert all(c["path"] is None and c["feedback"]["overall"] > 0 for c in calls)
    assert Store.default().sessions() == []
    exam = invoke(
        "run", "woz-hoger-dan-buren", "--replies-dir", SCRIPTS, "--seeds", "0", "--no-save", "--min-score", "50"
    )
    assert exam.exit_code == 1
    assert "NIET GESLAAGD: dismissive seed 0" in exam.stderr and "GESLAAGD: good seed 0" in exam.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--replies-dir", SCRIPTS, "--seeds", "4-2"], "Fout: ongeldige reeks voor '--seeds': '4-2'"),
        (["--replies-dir", SCRIPTS, "--seeds", "1,x"], "Fout: ongeldige waarde voor '--seeds': '1,x'"),
        (["--replies-dir", "nergens"], "Fout: map 'nergens' bestaat niet"),
        (["--replies-dir", SCRIPTS, "--replies", SCRIPTS / "good.txt"], "kies --replies of --replies-dir"),
        ([], "Fout: ontbrekende optie '--replies'"),
    ],
)
def test_run_many_says_what_is_wrong_in_dutch(invoke, args: list, said: str) -> None:
    result = invoke("run", "woz-hoger-dan-buren", *args, "--no-save")
    assert result.exit_code != 0
    assert said in result.stderr
    assert "Traceback" not in result.output


def test_run_many_refuses_an_empty_folder_and_a_file_as_output(invoke, tmp_path: Path) -> None:
    empty = tmp_path / "leeg"
    empty.mkdir()
    result = invoke("run", "woz-hoger-dan-buren", "--replies-dir", empty, "--no-save")
    assert result.exit_code == 2 and f"map '{empty}' bevat geen antwoordenbestanden" in result.stderr
    taken = tmp_path / "bestand.yaml"
    taken.write_text("x\n", encoding="utf-8")
    result = invoke("run", "woz-hoger-dan-buren", "--replies-dir", SCRIPTS, "--seeds", "0", "-o", taken)
    assert result.exit_code == 2 and "is geen map" in result.stderr
