"""The caller's lines spoken aloud through espeak-ng (coach practice --voice), without ever delaying the text.

The terminal prints a caller's line first and then hands it to ``Speaker.say``, which returns at once: a worker
thread feeds one espeak-ng process at a time. A new caller line cuts off the one still being spoken and drops any
line not yet started: the trainee has already answered, so the old line is history, and a queue would let the voice
fall further and further behind the text.

How the caller sounds (``speech_nl.yaml``): the speed starts at 145 words per minute for emotion 0 and rises 6 per
point of emotion (205 at 10); an older caller (60+: -10, 70+: -20) and a caller learning Dutch (A2: -25, B1: -15)
speak more slowly; words in the speaking style add or take off a little (``snel`` +15, ``zacht`` -15, capped at
±25 together); the result stays within 110-220. The pitch rises from 42 (emotion 0) by 2 per point, with ``hoog``
or ``gejaagd`` in the style a little higher, within 30-72. Stage directions in square brackets ([zucht], [stilte])
are a pause, never spoken. Only commands that run a call import this module, never `coach --help`.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from collections.abc import Callable

    from coach.formats.scenario import Persona

PROGRAM = "espeak-ng"
DATA = Path(__file__).with_name("speech_nl.yaml")

MISSING = (
    "Spraak (--voice) is niet beschikbaar: espeak-ng is niet geïnstalleerd. Installeer het met "
    "'sudo apt-get install espeak-ng' (Debian, Ubuntu) of 'brew install espeak-ng' (macOS). "
    "Het gesprek gaat verder zonder spraak."
)
NO_TERMINAL = "Spraak (--voice) staat uit: de uitvoer gaat niet naar een terminal."

_STAGE = re.compile(r"\[[^\[\]]*\]")
_EMPHASIS = re.compile(r"[*_]+")
_WORD = re.compile(r"[^\W\d_]+")


@cache
def _settings() -> dict[str, Any]:
    import yaml

    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def _clamp(value: float, low: int, high: int) -> int:
    return int(max(low, min(high, round(value))))


@dataclass(frozen=True)
class Sound:
    """How one line sounds: the espeak-ng voice, words per minute and pitch (0-99)."""

    voice: str
    speed: int
    pitch: int


def sound(emotion: int | None, persona: Persona) -> Sound:
    """The mapping of the module docstring; an unknown emotion is the caller's emotion at the start."""
    s = _settings()
    level = persona.emotion.start if emotion is None else max(0, min(10, emotion))
    speed = s["speed"]["base"] + s["speed"]["per_emotion"] * level
    pitch = s["pitch"]["base"] + s["pitch"]["per_emotion"] * level
    if persona.age is not None:
        reached = [age for age in s["age"] if persona.age >= age]
        speed += s["age"][max(reached)] if reached else 0
    speed += s["dutch_level"].get(persona.dutch_level, 0)
    words = {w.lower() for w in _WORD.findall(persona.speaking_style)}
    cues = [cue for word, cue in s["style"].items() if word in words]
    style_speed = sum(cue.get("speed", 0) for cue in cues)
    style_pitch = sum(cue.get("pitch", 0) for cue in cues)
    speed += max(-s["style_cap"], min(s["style_cap"], style_speed))
    pitch += max(-s["style_pitch_cap"], min(s["style_pitch_cap"], style_pitch))
    address = [w.lower() for w in _WORD.findall(persona.address_as)]
    voice = next((s["voices"][w] for w in address if w in s["voices"]), s["default_voice"])
    return Sound(
        voice,
        _clamp(speed, s["speed"]["low"], s["speed"]["high"]),
        _clamp(pitch, s["pitch"]["low"], s["pitch"]["high"]),
    )


def espeak_args(emotion: int | None, persona: Persona, program: str = PROGRAM) -> list[str]:
    """The espeak-ng command line for a caller's line; the text (SSML, see ``spoken``) goes on stdin, so a line
    that starts with '-' is never read as an option."""
    how = sound(emotion, persona)
    return [program, "-v", how.voice, "-s", str(how.speed), "-p", str(how.pitch), "-m", "--stdin"]


def spoken(text: str) -> str:
    """The line as espeak-ng SSML: stage directions ([zucht], [stilte]) become a short pause, emphasis marks go."""
    pause = f'<break time="{_settings()["pause_ms"]}ms"/>'
    parts = _STAGE.split(_EMPHASIS.sub("", text))
    return f" {pause} ".join(escape(part.strip()) for part in parts).strip()


def unavailable(*, isatty: bool, which: Callable[[str], str | None] | None = None) -> str | None:
    """Why --voice cannot speak (a Dutch message), or None when it can: espeak-ng first, then the terminal."""
    if (which or shutil.which)(PROGRAM) is None:  # looked up when called, not when this module was loaded
        return MISSING
    if not isatty:
        return NO_TERMINAL
    return None


class Speaker:
    """Speaks caller lines in the background, one espeak-ng process at a time; ``say`` never waits."""

    def __init__(self, program: str = PROGRAM) -> None:
        self.program = program
        self.error: str | None = None
        """Why speaking stopped during the call (espeak-ng could not be started), for a notice afterwards."""
        self._pending: tuple[list[str], str] | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._closed = False
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    def start(self) -> Speaker:
        self._thread = threading.Thread(target=self._work, name="coach-speech", daemon=True)
        self._thread.start()
        return self

    def say(self, text: str, emotion: int | None, persona: Persona) -> None:
        """Speak this line next, cutting off the line still being spoken; returns at once."""
        words = spoken(text)
        with self._wake:
            if self._closed or self.error:
                return
            self._pending = (espeak_args(emotion, persona, self.program), words) if words else None
            self._stop_current()
            self._wake.notify()

    def close(self) -> None:
        """Stop speaking and end the worker; safe to call twice."""
        with self._wake:
            self._closed = True
            self._pending = None
            self._stop_current()
            self._wake.notify()
        if self._thread is not None:
            self._thread.join(timeout=2)

    def _stop_current(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()

    def _work(self) -> None:
        while True:
            with self._wake:
                while self._pending is None and not self._closed:
                    self._wake.wait()
                if self._closed:
                    return
                assert self._pending is not None
                args, words = self._pending
                self._pending = None
                try:
                    self._process = subprocess.Popen(
                        args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                    )
                except OSError as exc:
                    self.error = f"Spraak gestopt: espeak-ng kon niet starten ({exc.strerror or exc})."
                    return
                process = self._process
            with contextlib.suppress(OSError, ValueError):  # cut off while its text was still being written
                process.communicate(words.encode("utf-8"))
