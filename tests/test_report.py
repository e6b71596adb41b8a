"""coach report: a group's calls as rows and roll-ups, on screen, as CSV, JSON, an HTML dashboard and per-trainee
packs; bad files reported and counted; the dashboard opened in headless Chromium without a single request."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import socket
import stat
import subprocess
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from coach.formats.transcript import write_transcript
from coach.group import Row, Stats, rollup, slug, sparkline
from coach.library import Library
from tests.test_caller import DISMISSIVE, GOOD_WOZ, play

OZLEM = "Özlem Yılmaz-de Vries"
JAN = "Jan [zucht] Jansen"
START = datetime(2026, 11, 2, 9, 0)


def _write(folder: Path, name: str, learner: str, day: int, replies: list[str], seed: int, scenario: str) -> Path:
    transcript, _ = play(Library.open().scenario(scenario), replies, seed=seed)
    transcript = transcript.model_copy(update={"learner": learner, "started_at": START + timedelta(days=day)})
    return write_transcript(transcript, folder / name)


@pytest.fixture(scope="module")
def calls(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three trainees: Özlem improves over three calls, Jan gets worse over two, Piet has one (undated order)."""
    folder = tmp_path_factory.mktemp("groep")
    _write(folder, "ozlem-1.yaml", OZLEM, 0, DISMISSIVE, 1, "woz-hoger-dan-buren")
    _write(folder, "ozlem-2.yaml", "ozlem  yilmaz de vries", 3, GOOD_WOZ[:5], 2, "woz-hoger-dan-buren")
    _write(folder, "ozlem-3.yaml", OZLEM, 7, GOOD_WOZ, 3, "woz-hoger-dan-buren")
    _write(folder, "jan-1.yaml", JAN, 1, GOOD_WOZ, 4, "woz-hoger-dan-buren")
    _write(folder, "jan-2.yaml", JAN, 5, DISMISSIVE, 5, "heffing-hondenbelasting")
    _write(folder, "sub/piet.json", "Piet Bakker", 2, GOOD_WOZ[:6], 6, "heffing-hondenbelasting")
    return folder


def _json(invoke, *args) -> dict:
    result = invoke("report", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- rows and roll-ups -----------------------------------------------------------------------------------------------


def _row(index: int, learner: str, overall: float | None, passed: bool | None, failed: list[str], day: int | None,
         scenario: str = "s1") -> Row:  # fmt: skip
    return Row(
        index=index, learner=learner, file=f"{index}.yaml", session="", date=None if day is None else START
        + timedelta(days=day), scenario=scenario, rubric="standaard", seed=None, overall=overall,
        dimensions={"luisteren": None if overall is None else overall - 10, "toon": 50.0}, pass_score=60,
        outcome="satisfied", passed=passed, verdict="", failed=failed,
        criteria={"open-vragen": ("luisteren", 0.0 if "open-vragen" in failed else 100.0, "open-vragen" not in failed),
                  "b1-taal": ("toon", None, None)}, turns=5,
    )  # fmt: skip


def test_rollups_by_hand() -> None:
    rows = [
        _row(0, "Anna", 80, True, [], day=4),
        _row(1, "anna", 40, False, ["open-vragen", "afspraken"], day=0),
        _row(2, "Anna", 60, None, ["open-vragen"], day=2, scenario="s2"),
        _row(3, "Bert", 20, False, ["afspraken"], day=None, scenario="s2"),
        _row(4, "Bert", None, None, [], day=1, scenario="s2"),
    ]
    roll = rollup(rows)
    anna, bert = roll.learners
    assert (anna.name, len(anna.rows)) == ("Anna", 3)  # grouped by key, shown as first seen
    s = anna.overall
    assert (s.n, s.mean, s.sd, s.min, s.max) == (3, 60.0, 20.0, 40.0, 80.0)
    assert anna.pass_rate == (0.5, 2)  # the call without a verdict counts neither way
    assert anna.trend() == [40, 60, 80]  # by date, not by input order
    change = anna.change()
    assert change is not None and change.scores() == (40, 80) and change.delta() == 40
    assert change.delta("luisteren") == 40 and change.delta("toon") == 0
    assert anna.most_missed() == [("open-vragen", 2), ("afspraken", 1)]
    assert anna.weakest() == "luisteren"  # luisteren 50, toon 50: a tie goes to the first name
    assert bert.overall.n == 1 and bert.change() is None and bert.pass_rate == (0.0, 1)
    assert bert.trend() == [20]
    # scenarios: hardest first
    assert [(g.name, round(g.overall.mean, 2)) for g in roll.scenarios] == [("s2", 40.0), ("s1", 60.0)]
    # criteria: most missed first; a skipped criterion counts as skipped, not as failed
    crit = {c.id: c for c in roll.criteria}
    assert (crit["open-vragen"].failed, crit["open-vragen"].passed, crit["open-vragen"].pass_rate) == (2, 3, 0.6)
    assert crit["open-vragen"].scores.mean == 60.0
    assert (crit["b1-taal"].skipped, crit["b1-taal"].pass_rate, crit["b1-taal"].scores.n) == (5, None, 0)
    assert roll.everyone.pass_rate == (1 / 3, 3)
    data = roll.as_dict()
    first = data["learners"][0]["first_vs_latest"]
    assert first["overall"] == {"first": 40.0, "latest": 80.0, "change": 40.0}
    assert first["first"]["file"] == "1.yaml" and first["latest"]["file"] == "0.yaml"


def test_stats_sparkline_and_slug() -> None:
    assert Stats.of([]).mean is None and Stats.of([None]).n == 0
    assert Stats.of([70.0]).sd is None
    assert sparkline([0, 12.5, 50, 99, 100]) == "▁▂▅██"
    assert sparkline(list(range(0, 100, 10)), width=3) == "▆▇█"
    assert slug(OZLEM) == "ozlem-yilmaz-de-vries"
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("") == "zonder-naam"


# --- the command -----------------------------------------------------------------------------------------------------


def test_csv_round_trip(invoke, calls: Path, tmp_path: Path) -> None:
    out = tmp_path / "groep.csv"
    result = invoke("report", calls, "--csv", out)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == [
        "learner", "file", "session", "date", "scenario", "rubric", "seed", "overall", "luisteren", "gespreksopbouw",
        "toon", "inhoud", "pass_score", "outcome", "passed", "verdict", "failed_criteria", "trainee_turns",
        "verified", "check",
    ]  # fmt: skip
    assert len(rows) == 6
    by_file = {Path(r["file"]).name: r for r in rows}
    for name in ("ozlem-1.yaml", "jan-2.yaml", "piet.json"):
        path = next(calls.rglob(name))
        single = json.loads(invoke("evaluate", path, "--json").stdout)
        row = by_file[name]
        assert float(row["overall"]) == round(single["overall"], 1)
        assert float(row["toon"]) == round(single["dimensions"]["toon"]["score"], 1)
        assert row["passed"] == {True: "true", False: "false", None: ""}[single["passed"]]
        assert row["failed_criteria"].split(";") == [c["id"] for c in single["criteria"] if c["passed"] is False]
        assert int(row["trainee_turns"]) == single["call"]["learner_turns"]
        assert row["outcome"] == single["outcome"] and row["scenario"] == single["scenario"]
        assert row["verified"] == {True: "true", False: "false", None: ""}[single["source"]["verified"]]
    assert by_file["ozlem-2.yaml"]["learner"] == "ozlem yilmaz de vries"  # each call keeps its own spelling
    assert by_file["jan-1.yaml"]["learner"] == JAN
    assert by_file["jan-1.yaml"]["date"] == "2026-11-03T09:00:00"
    # the same rows on stdout, and in the JSON
    stdout = invoke("report", calls, "--csv", "-")
    assert stdout.exit_code == 0
    assert list(csv.DictReader(io.StringIO(stdout.stdout))) == rows
    data = _json(invoke, calls)
    assert [c["overall"] for c in data["calls"]] == [float(r["overall"]) for r in rows]


def test_json_rollups_agree_with_the_rows(invoke, calls: Path) -> None:
    data = _json(invoke, calls)
    assert data["dimensions"] == ["luisteren", "gespreksopbouw", "toon", "inhoud"]
    names = [g["name"] for g in data["learners"]]
    assert names == [JAN, OZLEM, "Piet Bakker"]  # the two spellings of Özlem are one trainee
    ozlem = data["learners"][1]
    mine = [c for c in data["calls"] if c["learner"] in (OZLEM, "ozlem yilmaz de vries")]
    scores = [c["overall"] for c in sorted(mine, key=lambda c: c["date"])]
    assert ozlem["calls"] == 3 and ozlem["trend"] == scores
    assert ozlem["overall"]["min"] == min(scores) and ozlem["overall"]["max"] == max(scores)
    assert abs(ozlem["overall"]["mean"] - sum(scores) / 3) < 0.1
    change = ozlem["first_vs_latest"]
    assert change["overall"]["first"] == scores[0] and change["overall"]["latest"] == scores[-1]
    assert scores[-1] > scores[0]  # the good call came last
    judged = [c["passed"] for c in mine if c["passed"] is not None]
    assert ozlem["pass_rate"] == round(sum(judged) / len(judged), 3)
    heffing = next(g for g in data["scenarios"] if g["name"] == "heffing-hondenbelasting")
    assert heffing["calls"] == 2
    assert data["group"]["calls"] == 6
    missed = {}
    for c in data["calls"]:
        for cid in c["failed_criteria"]:
            missed[cid] = missed.get(cid, 0) + 1
    top = data["criteria"][0]
    assert top["failed"] == max(missed.values()) == missed[top["criterion"]]


def test_learner_and_scenario_filters(invoke, calls: Path) -> None:
    for query in ("Özlem", "ozlem vries", "ÖZLEM YILMAZ-DE VRIES"):
        data = _json(invoke, calls, "--learner", query)
        assert {c["learner"] for c in data["calls"]} == {OZLEM, "ozlem yilmaz de vries"}, query
    assert len(_json(invoke, calls, "--learner", "jan")["calls"]) == 2
    both = _json(invoke, calls, "--learner", "jan", "--learner", "Özlem")  # two trainees side by side
    assert {c["learner"] for c in both["calls"]} == {JAN, OZLEM, "ozlem yilmaz de vries"}
    assert len(both["learners"]) == 2
    data = _json(invoke, calls, "--scenario", "heffing-hondenbelasting")
    assert {c["file"].rsplit("/", 1)[-1] for c in data["calls"]} == {"jan-2.yaml", "piet.json"}
    missing = invoke("report", calls, "--learner", "Vries Özlem")  # words in the wrong order
    assert missing.exit_code == 2
    assert "geen medewerker gevonden voor 'Vries Özlem'" in missing.stderr and OZLEM in missing.stderr
    none = invoke("report", calls, "--scenario", "bestaat-niet")
    assert none.exit_code == 2 and "geen gesprekken met scenario 'bestaat-niet'" in none.stderr


def test_bad_files_are_named_counted_and_the_rest_reported(invoke, calls: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mix"
    shutil.copytree(calls, folder)
    (folder / "kapot.yaml").write_text("turns: [\n", encoding="utf-8")
    (folder / "leeg.json").write_text("{}", encoding="utf-8")
    result = invoke("report", folder, folder / "weg.yaml", "--json")
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)["calls"]) == 6
    errors = [line for line in result.stderr.splitlines() if line.startswith("Fout: ")]
    assert len(errors) == 3
    for name in ("kapot.yaml", "leeg.json", "weg.yaml"):
        assert sum(name in line for line in errors) == 1, (name, errors)
    assert "3 transcripten niet beoordeeld; de andere 6 staan in het overzicht." in result.stderr
    assert "Traceback" not in result.output
    only_bad = invoke("report", folder / "kapot.yaml")
    assert only_bad.exit_code == 1 and "Geen enkel transcript beoordeeld" in only_bad.stderr


def test_empty_input_and_wrong_options(invoke, tmp_path: Path) -> None:
    (tmp_path / "leeg").mkdir()
    (tmp_path / "leeg" / "notities.txt").write_text("geen transcript", encoding="utf-8")
    result = invoke("report", tmp_path / "leeg")
    assert result.exit_code == 2 and "geen transcripten gevonden in" in result.stderr
    assert invoke("report").exit_code == 2
    assert "niet allebei" in invoke("report", tmp_path, "--store").stderr
    assert "--per-learner" in invoke("report", tmp_path, "--per-learner").stderr
    assert invoke("report", tmp_path, "--json", "--csv", "-").exit_code == 2
    empty_store = invoke("report", "--store")
    assert empty_store.exit_code == 2 and "geen gesprekken in de opslag" in empty_store.stderr


def test_store(invoke, calls: Path) -> None:
    from coach.loader import load
    from coach.store import Store

    store = Store.default()
    for path in sorted(calls.rglob("*.*")):
        t = load(path, "transcript")
        sid = store.create_session(scenario=t.scenario, scenario_path=None, rubric=None, learner=t.learner,
                                   engine="offline", seed=t.seed or 0, started_at=t.started_at)  # fmt: skip
        for i, turn in enumerate(t.turns):
            store.add_turn(sid, i, turn)
        store.finish(sid, t.outcome or "stopped", "", t.ended_at or t.started_at)
    store.close()
    data = _json(invoke, "--store")
    assert len(data["calls"]) == 6
    assert all(c["session"] and c["file"] == "" for c in data["calls"])
    from_files = {(c["learner"], c["date"]): c["overall"] for c in _json(invoke, calls)["calls"]}
    assert {(c["learner"], c["date"]): c["overall"] for c in data["calls"]} == from_files
    assert len(_json(invoke, "--store", "--learner", "Özlem")["calls"]) == 3


def test_terminal_view_fits_80_columns(invoke, calls: Path) -> None:
    result = invoke("report", calls, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "Groepsoverzicht: 6 gesprekken, 3 medewerkers, 2 scenario’s" in result.stdout
    assert JAN in result.stdout  # "[zucht]" is text, not markup
    ozlem = next(line for line in lines if line.startswith(" Özlem"))
    assert any(ch in ozlem for ch in "▁▂▃▄▅▆▇█")
    wide = invoke("report", calls, env={"COLUMNS": "160"})
    assert max(len(line) for line in wide.stdout.splitlines()) <= 160


def test_dashboard_and_packs_are_self_contained(invoke, calls: Path, tmp_path: Path) -> None:
    page, packs = tmp_path / "groep.html", tmp_path / "rapporten"
    result = invoke("report", calls, "--html", page, "--per-learner", "-o", packs)
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    assert stat.S_IMODE(page.stat().st_mode) == 0o600
    assert text.count("<svg") >= 5 + 3 + 2  # five histograms, three trends, scenario and criteria bars
    assert "Jan [zucht] Jansen" in text and "<script" not in text
    files = sorted(p.name for p in packs.iterdir())
    assert files == ["jan-zucht-jansen.html", "ozlem-yilmaz-de-vries.html", "piet-bakker.html"]
    ozlem = (packs / "ozlem-yilmaz-de-vries.html").read_text(encoding="utf-8")
    assert "Oefengesprekken van Özlem Yılmaz-de Vries" in ozlem
    assert ozlem.count("<h1>Feedback: ") == 3  # every call's full report
    assert ozlem.index("Eerste en laatste gesprek") < ozlem.index("<h1>Feedback: ")
    for html_text in (text, ozlem, *(p.read_text(encoding="utf-8") for p in packs.iterdir())):
        assert "http://" not in html_text and "https://" not in html_text
        assert "<script" not in html_text and "@import" not in html_text and "url(" not in html_text
    for p in packs.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o600


# --- in a browser ----------------------------------------------------------------------------------------------------


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class _Proxy:
    """A proxy that answers nothing and remembers every request: each one the browser tries is a failure."""

    BROWSER_OWN = ("google.com", "googleapis.com", "gvt1.com", "gstatic.com")
    """Chromium's own services (clock, updates), asked whatever the page: not the page's requests."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.port = self.sock.getsockname()[1]
        self.requests: list[str] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    line = conn.recv(4096).decode("latin-1").split("\r\n", 1)[0]
                except OSError:
                    line = "?"
                parts = line.split()  # "GET http://host/path HTTP/1.1" or "CONNECT host:443 HTTP/1.1"
                host = parts[1].split("//")[-1].split("/")[0].rsplit(":", 1)[0] if len(parts) > 1 else ""
                # a connection opened and closed without a request (chromium preconnects under load) asks nothing
                if line and not host.endswith(self.BROWSER_OWN):
                    self.requests.append(line)

    def close(self) -> None:
        self.sock.close()


def _browse(browser: str, page: Path, tmp: Path, proxy: _Proxy, *args: str) -> subprocess.CompletedProcess:
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"
    command = [
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
        "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter",
        f"--user-data-dir={profile}", f"--proxy-server=http://127.0.0.1:{proxy.port}",
        "--proxy-bypass-list=<-loopback>",
        "--enable-logging=stderr", "--v=1", *args, page.as_uri(),
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def _console(log: str) -> list[str]:
    return [line for line in log.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


@pytest.mark.slow
def test_dashboard_in_headless_chromium(invoke, calls: Path, tmp_path: Path) -> None:
    browser = _chromium()
    if browser is None:
        pytest.skip("geen chromium gevonden (apt-get install chromium; .ci/run installeert het)")
    page = tmp_path / "groep.html"
    assert invoke("report", calls, "--html", page, "--per-learner", "-o", tmp_path / "packs").exit_code == 0
    proxy = _Proxy()
    try:
        # first: the proxy does see a page that asks for something, so its silence below means something
        bait = tmp_path / "bait.html"
        bait.write_text('<img src="http://voorbeeld.invalid/x.png"><script>console.error("oeps")</script>')
        seen = _browse(browser, bait, tmp_path, proxy, "--dump-dom")
        assert proxy.requests and "voorbeeld.invalid" in proxy.requests[0], (proxy.requests, seen.stderr[-2000:])
        assert _console(seen.stderr)
        proxy.requests.clear()
        shot = tmp_path / "groep.png"
        shown = _browse(browser, page, tmp_path, proxy, f"--screenshot={shot}", "--window-size=1200,3000",
                        "--hide-scrollbars")  # fmt: skip
        assert shot.exists() and shot.stat().st_size > 20_000, shown.stderr[-2000:]
        dom = _browse(browser, page, tmp_path, proxy, "--dump-dom")
        assert "Belcoach: groepsoverzicht" in dom.stdout and dom.stdout.count("<svg") >= 10
        pack = _browse(browser, tmp_path / "packs" / "ozlem-yilmaz-de-vries.html", tmp_path, proxy, "--dump-dom")
        assert pack.stdout.count("<h1>Feedback: ") == 3
        for run in (shown, dom, pack):
            assert not _console(run.stderr), _console(run.stderr)
        assert proxy.requests == []
        if os.environ.get("COACH_KEEP_SCREENSHOT"):
            shutil.copy(shot, os.environ["COACH_KEEP_SCREENSHOT"])
    finally:
        proxy.close()
