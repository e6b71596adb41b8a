"""coach practice --voice: the espeak-ng arguments (pure), real espeak-ng writing a WAV file when it is installed, the
Dutch message when it is not, and speech that never holds up the text."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coach.cli.speech import MISSING, NO_TERMINAL, Speaker, espeak_args, sound, spoken, unavailable
from coach.formats.scenario import Persona


def _persona(**changes) -> Persona:
    fields = {
        "name": "Ria Vermeulen",
        "address_as": "mevrouw Vermeulen",
        "age": 45,
        "situation": "Belt over de WOZ-waarde.",
        "speaking_style": "Vriendelijk en duidelijk.",
        "dutch_level": "C1",
        "emotion": {"start": 5},
    }
    return Persona.model_validate(fields | changes)


def _args(emotion: int | None, persona: Persona) -> dict[str, str]:
    args = espeak_args(emotion, persona)
    assert args[0] == "espeak-ng" and args[-2:] == ["-m", "--stdin"]
    return dict(zip(args[1:-2:2], args[2:-2:2], strict=True))


def test_calm_is_slow_and_low_angry_is_fast_and_high() -> None:
    persona = _persona()
    calm, angry = _args(0, persona), _args(10, persona)
    assert calm == {"-v": "nl+f3", "-s": "145", "-p": "42"}
    assert angry == {"-v": "nl+f3", "-s": "205", "-p": "62"}
    speeds = [sound(level, persona).speed for level in range(11)]
    assert speeds == sorted(speeds) and len(set(speeds)) == 11
    assert sound(None, persona) == sound(5, persona)  # no emotion on the turn: the caller's emotion at the start


def test_older_callers_and_dutch_learners_speak_more_slowly() -> None:
    assert sound(5, _persona(age=64)).speed == sound(5, _persona()).speed - 10
    assert sound(5, _persona(age=79)).speed == sound(5, _persona()).speed - 20
    assert sound(5, _persona(age=None)).speed == sound(5, _persona()).speed
    assert sound(5, _persona(dutch_level="A2")).speed == sound(5, _persona()).speed - 25
    assert sound(5, _persona(dutch_level="B1")).speed == sound(5, _persona()).speed - 15


def test_speaking_style_moves_speed_and_pitch_within_bounds() -> None:
    hurried = _persona(speaking_style="Praat snel en gejaagd, hoog.")
    soft = _persona(speaking_style="Zacht en beleefd, korte zinnen met stiltes.")
    assert sound(5, hurried).speed == sound(5, _persona()).speed + 25  # 15 + 15, capped at 25
    assert sound(5, hurried).pitch == sound(5, _persona()).pitch + 10  # 4 + 8, capped at 10
    assert sound(5, soft).speed == sound(5, _persona()).speed - 25
    assert sound(5, _persona(speaking_style="Wordt rustiger en zachter.")) == sound(5, _persona())  # whole words
    fastest = _persona(age=20, speaking_style="snel gehaast gejaagd vlot hoog luid")
    slowest = _persona(age=90, dutch_level="A2", speaking_style="zacht langzaam stiltes beheerst")
    assert sound(10, fastest).speed == 220 and sound(0, slowest).speed == 110
    assert sound(0, slowest).pitch >= 30 and sound(10, fastest).pitch <= 72
    assert sound(99, fastest) == sound(10, fastest)  # an emotion outside 0-10 is clamped


def test_voice_follows_how_the_caller_is_addressed() -> None:
    assert sound(5, _persona(address_as="meneer Verbeek")).voice == "nl+m3"
    assert sound(5, _persona(address_as="de heer Verbeek")).voice == "nl+m3"
    assert sound(5, _persona(address_as="Ria")).voice == "nl"


def test_stage_directions_are_pauses_and_the_text_is_escaped() -> None:
    text = spoken("[zucht] Nou, *dat* is veel <geld> & zo. [stilte] Ja.")
    assert "zucht" not in text and "stilte" not in text and "*" not in text
    assert text.count('<break time="600ms"/>') == 2
    assert "&lt;geld&gt; &amp; zo." in text
    assert spoken("[stilte]") == '<break time="600ms"/>'


def test_unavailable_says_why_in_dutch() -> None:
    assert unavailable(isatty=True, which=lambda _: None) == MISSING
    assert "sudo apt-get install espeak-ng" in MISSING and "brew install espeak-ng" in MISSING
    assert unavailable(isatty=False, which=lambda _: "/usr/bin/espeak-ng") == NO_TERMINAL
    assert unavailable(isatty=True, which=lambda _: "/usr/bin/espeak-ng") is None


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_espeak_ng_writes_a_dutch_line_to_a_wav_file(tmp_path: Path) -> None:
    wav = tmp_path / "beller.wav"
    args = [*espeak_args(8, _persona()), "-w", str(wav)]
    text = spoken("Nou [zucht] ik snap er echt niets van, meneer. Waarom is mijn WOZ-waarde zo hoog?")
    subprocess.run(args, input=text.encode("utf-8"), check=True, timeout=30, capture_output=True)
    data = wav.read_bytes()
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    assert len(data) > 10_000  # more than a header: real speech


def test_voice_without_espeak_ng_says_so_and_the_call_goes_on(invoke, tmp_path: Path) -> None:
    result = invoke(
        "practice", "woz-hoger-dan-buren", "--voice", "--no-save", input="/stop\n", env={"PATH": str(tmp_path)}
    )
    assert result.exit_code == 0, result.output
    assert MISSING in result.stderr
    assert "Traceback" not in result.output and result.exception is None
    assert "Mevrouw Vermeulen:" in result.stdout  # the call itself went on, without voice


def test_voice_is_silent_when_stdout_is_no_terminal(invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    started: list[Speaker] = []
    monkeypatch.setattr(Speaker, "start", lambda self: started.append(self) or self)
    result = invoke("practice", "woz-hoger-dan-buren", "--voice", "--no-save", input="/stop\n")
    assert result.exit_code == 0, result.output
    assert NO_TERMINAL in result.stderr
    assert not started


def _slow_espeak(tmp_path: Path) -> tuple[Path, Path]:
    """A stand-in for espeak-ng that logs its stdin and then 'speaks' for 30 seconds."""
    log = tmp_path / "spoken.log"
    program = tmp_path / "espeak-ng"
    program.write_text(
        f"#!{sys.executable}\nimport sys, time\n"
        f"with open({str(log)!r}, 'a', encoding='utf-8') as f:\n"
        "    f.write(sys.stdin.read() + '\\n')\n"
        "time.sleep(30)\n",
        encoding="utf-8",
    )
    program.chmod(0o755)
    return program, log


def _wait_for(check, seconds: float = 10) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.02)
    return False


@pytest.mark.slow
def test_a_slow_voice_never_holds_up_the_call(tmp_path: Path) -> None:
    """The whole call is played while the first line would still be spoken; a new line cuts the old one off."""
    from rich.console import Console

    from coach.analyzer import get_analyzer
    from coach.calls import CallSetup
    from coach.cli.terminal import Terminal
    from coach.library import Library

    program, _ = _slow_espeak(tmp_path)
    speaker = Speaker(str(program)).start()
    lib = Library.open()
    setup = CallSetup(lib.scenario("woz-hoger-dan-buren"), None, lib.rubric("standaard"), get_analyzer())
    typed = iter(["Goedemiddag, u spreekt met Sanne van de gemeente.", "Wat is er precies aan de hand?", "/stop"])
    out = io.StringIO()
    terminal = Terminal(
        setup, None, Console(file=out, width=200, color_system=None), lambda _: next(typed), speaker=speaker
    )
    begin = time.monotonic()
    try:
        assert terminal.practice() == 0
        took = time.monotonic() - begin
    finally:
        speaker.close()
    assert took < 10  # three caller lines of 30 seconds each did not wait for one another
    assert out.getvalue().count("Mevrouw Vermeulen:") >= 3
    assert speaker._thread is not None and not speaker._thread.is_alive()  # close ended the worker
    assert speaker.error is None


@pytest.mark.slow
def test_a_new_line_cuts_off_the_one_being_spoken(tmp_path: Path) -> None:
    program, log = _slow_espeak(tmp_path)
    speaker = Speaker(str(program)).start()
    try:
        speaker.say("Eerste zin [zucht] van de beller.", 5, _persona())
        assert _wait_for(lambda: log.exists() and "Eerste" in log.read_text(encoding="utf-8"))
        first = speaker._process
        speaker.say("Tweede zin.", 9, _persona())
        assert first is not None and first.wait(timeout=5) != 0  # cut off, not left to finish its 30 seconds
        assert _wait_for(lambda: "Tweede zin." in log.read_text(encoding="utf-8"))
        assert "zucht" not in log.read_text(encoding="utf-8")
    finally:
        speaker.close()
    assert speaker._process is not None and speaker._process.wait(timeout=5) != 0  # close stops the last line


def test_the_terminal_hands_a_line_to_the_speaker_after_showing_it() -> None:
    from rich.console import Console

    from coach.analyzer import get_analyzer
    from coach.calls import CallSetup
    from coach.cli.terminal import Terminal
    from coach.formats import Turn
    from coach.library import Library

    class Recorder:
        def __init__(self) -> None:
            self.said: list[tuple[str, int | None, str, str]] = []

        def say(self, text: str, emotion: int | None, persona: Persona) -> None:
            self.said.append((text, emotion, persona.name, out.getvalue()))

    lib = Library.open()
    setup = CallSetup(lib.scenario("woz-hoger-dan-buren"), None, lib.rubric("standaard"), get_analyzer())
    out = io.StringIO()
    recorder = Recorder()
    terminal = Terminal(setup, None, Console(file=out, width=200, color_system=None), input, speaker=recorder)
    terminal._show(Turn(speaker="caller", text="Nou [zucht] dat vind ik raar.", emotion=6))
    for chunk in ["Dat is ", "heel veel."]:
        terminal._stream(chunk)
    terminal._show(Turn(speaker="caller", text="Dat is heel veel.", emotion=7))
    assert [(t, e) for t, e, _, _ in recorder.said] == [("Nou [zucht] dat vind ik raar.", 6), ("Dat is heel veel.", 7)]
    assert all(name == setup.scenario.caller.name for _, _, name, _ in recorder.said)
    assert "dat vind ik raar." in recorder.said[0][3]  # the text was on screen before the speaker heard of it
    assert "Dat is heel veel." in recorder.said[1][3]


def test_a_voice_that_cannot_start_stops_quietly_with_a_dutch_reason(tmp_path: Path) -> None:
    speaker = Speaker(str(tmp_path / "geen-espeak-ng")).start()
    try:
        speaker.say("Hallo?", 3, _persona())
        assert _wait_for(lambda: speaker.error is not None)
        speaker.say("Nog een keer.", 3, _persona())  # ignored, never raises
    finally:
        speaker.close()
    assert speaker.error is not None and speaker.error.startswith("Spraak gestopt: espeak-ng kon niet starten")


def test_resume_speaks_with_voice_as_practice_does(invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    from coach.cli import speech

    assert invoke("practice", "woz-hoger-dan-buren", "--seed", "2", input="Goedemorgen, met Anna.\n").exit_code == 0
    spoken: list[str] = []
    closed: list[bool] = []
    available = speech.unavailable
    monkeypatch.setattr(speech, "unavailable", lambda **_: None)
    monkeypatch.setattr(Speaker, "start", lambda self: self)
    monkeypatch.setattr(Speaker, "say", lambda self, text, *_: spoken.append(text))
    monkeypatch.setattr(Speaker, "close", lambda self: closed.append(True))
    result = invoke("resume", "--voice", input="Wat is er precies gebeurd?\n/stop\n")
    assert result.exit_code == 0, result.output
    assert len(spoken) == 1  # the caller's new answer, spoken once it was shown
    assert " ".join(spoken[0].split()) in " ".join(result.stdout.split())
    assert closed == [True]
    missing = invoke("practice", "woz-hoger-dan-buren", input="Goedemorgen.\n")
    assert missing.exit_code == 0
    monkeypatch.setattr(speech, "unavailable", available)
    result = invoke("resume", "--voice", input="/stop\n", env={"PATH": "/nonexistent"})
    assert result.exit_code == 0 and MISSING in result.stderr  # no espeak-ng: said, and the call goes on
