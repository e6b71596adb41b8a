"""A learner's data under the AVG (the Dutch GDPR): everything Belcoach holds about them, handed over or erased.

Belcoach holds a learner's calls in its database (sessions and turns) and the transcript files it wrote for them. A
file is touched only when Belcoach wrote it: one in its own transcripts folder named after the session, or the path
recorded with the session (``coach run -o``) as long as it still holds that session's transcript. What a user saved
themselves (``coach export -o``, ``coach evaluate -o``) is theirs and unknown here.
"""

from __future__ import annotations

import glob
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coach.store import Store

OURS, MISSING, CHANGED = "ours", "missing", "changed"
"""A transcript file Belcoach wrote and that is there; one recorded but gone; one recorded outside the data folder
that no longer holds the session's transcript (left alone)."""


@dataclass
class TranscriptFile:
    path: Path
    status: str


@dataclass
class LearnerData:
    learner: str
    database: Path
    sessions: list[dict[str, Any]]
    files: dict[str, list[TranscriptFile]] = field(default_factory=dict)
    """The transcript files of each session, by session id."""

    @property
    def turns(self) -> int:
        return sum(len(s["turns"]) for s in self.sessions)

    def ours(self) -> list[Path]:
        return [f.path for files in self.files.values() for f in files if f.status == OURS]

    def left_alone(self) -> list[Path]:
        return [f.path for files in self.files.values() for f in files if f.status == CHANGED]


@dataclass
class Erased:
    sessions: int
    turns: int
    removed: list[Path]
    left_alone: list[Path]
    compacted: bool
    """False when another process kept the write-ahead log from being emptied: run the erase again later."""


def collect(store: Store, learner: str) -> LearnerData:
    """Everything held about a learner (exact name, as given with --learner)."""
    data = LearnerData(learner, store.path, store.learner_records(learner))
    for session in data.sessions:
        data.files[str(session["id"])] = _files(store.path.parent, session)
    return data


def _files(folder: Path, session: dict[str, Any]) -> list[TranscriptFile]:
    found: dict[Path, str] = {}
    own = folder / "transcripts"
    for path in sorted(own.glob(f"{glob.escape(str(session['id']))}-*")):
        if path.is_file():
            found[path] = OURS
    recorded = session.get("transcript_path")
    if isinstance(recorded, str) and recorded and Path(recorded) not in found:
        path = Path(recorded)
        if not path.is_file():
            found[path] = MISSING
        elif _inside(path, folder) or _holds(path, str(session["id"])):
            found[path] = OURS
        else:
            found[path] = CHANGED
    return [TranscriptFile(path, status) for path, status in found.items()]


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _holds(path: Path, session_id: str) -> bool:
    """Does a file outside the data folder still hold this session's transcript (its meta names the session)?"""
    from coach.errors import FileProblemError
    from coach.loader import read_data

    try:
        data, _ = read_data(path)  # bounded: the file is outside our folder and may have become anything
    except FileProblemError:
        return False
    meta = data.get("meta") if isinstance(data, dict) else None
    return isinstance(meta, dict) and meta.get("session") == session_id


def export(data: LearnerData) -> dict[str, Any]:
    """The learner's data as JSON-ready values: each session with its turns and its transcript files' contents."""
    sessions = []
    for session in data.sessions:
        files = []
        for f in data.files.get(str(session["id"]), []):
            entry: dict[str, Any] = {"path": str(f.path), "status": f.status}
            if f.status == OURS:
                entry["content"] = f.path.read_text(encoding="utf-8", errors="replace")
            files.append(entry)
        sessions.append({**session, "transcript_files": files})
    return {
        "learner": data.learner,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": str(data.database),
        "sessions": sessions,
    }


def erase(store: Store, data: LearnerData) -> Erased:
    """Delete the learner's sessions, turns and the transcript files Belcoach wrote for them, then rebuild the
    database file so nothing of them remains in it. A call open in another window stops the erase before anything
    is deleted; a call started after ``collect`` is not part of what was shown, so it stays."""
    ids = [str(s["id"]) for s in data.sessions]
    for session_id in ids:
        store.lock(session_id)
    try:
        sessions, turns = store.erase_sessions(ids)
    finally:
        for session_id in ids:
            store.release(session_id)
    removed = []
    for path in data.ours():
        path.unlink(missing_ok=True)
        removed.append(path)
    return Erased(sessions, turns, removed, data.left_alone(), store.compact())
