"""Session history in an embedded SQLite database; each finished session's transcript is also a YAML file.

Every turn is committed on its own (WAL, synchronous=FULL) the moment it exists, so a killed process loses nothing
that was typed. The schema evolves through an ordered list of migrations recorded in ``PRAGMA user_version``.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from coach.errors import ConfigError, NotFoundError
from coach.formats import Transcript, Turn
from coach.paths import coach_home

MIGRATIONS: list[str] = [
    """
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        scenario TEXT NOT NULL,
        scenario_path TEXT,
        rubric TEXT,
        learner TEXT,
        engine TEXT,
        seed INTEGER,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        outcome TEXT,
        reason TEXT,
        transcript_path TEXT,
        meta TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TABLE turns (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        speaker TEXT NOT NULL,
        text TEXT NOT NULL,
        emotion INTEGER,
        revealed TEXT NOT NULL DEFAULT '[]',
        time TEXT,
        meta TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (session_id, idx)
    );
    CREATE INDEX sessions_by_learner ON sessions(learner, started_at);
    """,
    # 2: what a resumed call needs to go on as it was started: the judge and the Claude models chosen
    """
    ALTER TABLE sessions ADD COLUMN judge TEXT;
    ALTER TABLE sessions ADD COLUMN caller_model TEXT;
    ALTER TABLE sessions ADD COLUMN judge_model TEXT;
    """,
]


@dataclass
class SessionRow:
    id: str
    scenario: str
    scenario_path: str | None
    rubric: str | None
    learner: str | None
    engine: str | None
    seed: int | None
    started_at: str
    ended_at: str | None
    outcome: str | None
    reason: str | None
    transcript_path: str | None
    meta: dict[str, Any]
    turns: int = 0
    judge: str | None = None
    caller_model: str | None = None
    judge_model: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, isolation_level=None, timeout=10)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(
                f"kan de sessieopslag '{path}' niet openen: {exc}",
                hint="zet COACH_HOME op een map waar u mag schrijven",
            ) from None

    @classmethod
    def default(cls) -> Store:
        return cls(coach_home() / "belcoach.db")

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for statement in filter(str.strip, script.split(";")):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number}")
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        self.db.close()

    # --- writing ----------------------------------------------------------------------------------------------

    def create_session(
        self,
        *,
        scenario: str,
        scenario_path: str | None,
        rubric: str | None,
        learner: str | None,
        engine: str,
        seed: int,
        started_at: datetime,
        meta: dict[str, Any] | None = None,
        judge: str | None = None,
        caller_model: str | None = None,
        judge_model: str | None = None,
    ) -> str:
        session_id = started_at.strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(2)
        self.db.execute(
            "INSERT INTO sessions (id, scenario, scenario_path, rubric, learner, engine, seed, started_at, meta,"
            " judge, caller_model, judge_model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                session_id,
                scenario,
                scenario_path,
                rubric,
                learner,
                engine,
                seed,
                started_at.isoformat(),
                json.dumps(meta or {}),
                judge,
                caller_model,
                judge_model,
            ),
        )
        return session_id

    def add_turn(self, session_id: str, index: int, turn: Turn) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO turns (session_id, idx, speaker, text, emotion, revealed, time, meta)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                session_id,
                index,
                turn.speaker,
                turn.text,
                turn.emotion,
                json.dumps(turn.revealed),
                turn.time.isoformat() if turn.time else None,
                json.dumps(turn.meta, ensure_ascii=False),
            ),
        )

    def finish(self, session_id: str, outcome: str, reason: str, ended_at: datetime) -> None:
        self.db.execute(
            "UPDATE sessions SET outcome = ?, reason = ?, ended_at = ? WHERE id = ?",
            (outcome, reason, ended_at.isoformat(), session_id),
        )

    def update_meta(self, session_id: str, **values: Any) -> None:
        """Merge values into the session's meta (called after every Claude caller turn: one small read)."""
        found = self.db.execute("SELECT meta FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if found is None:
            raise NotFoundError(f"onbekende sessie '{session_id}'", hint="'coach history' toont alle sessies")
        meta = {**json.loads(found[0]), **values}
        self.db.execute("UPDATE sessions SET meta = ? WHERE id = ?", (json.dumps(meta, ensure_ascii=False), session_id))

    def set_transcript_path(self, session_id: str, path: Path) -> None:
        self.db.execute("UPDATE sessions SET transcript_path = ? WHERE id = ?", (str(path), session_id))

    # --- reading ----------------------------------------------------------------------------------------------

    def _rows(self, where: str = "", args: tuple = ()) -> list[SessionRow]:
        query = (
            "SELECT s.id, s.scenario, s.scenario_path, s.rubric, s.learner, s.engine, s.seed, s.started_at,"
            " s.ended_at, s.outcome, s.reason, s.transcript_path, s.meta,"
            " (SELECT COUNT(*) FROM turns t WHERE t.session_id = s.id), s.judge, s.caller_model, s.judge_model"
            " FROM sessions s " + where + " ORDER BY s.started_at, s.rowid"
        )
        out = []
        for row in self.db.execute(query, args):
            *fields, meta, turns, judge, caller_model, judge_model = row
            out.append(
                SessionRow(
                    *fields,
                    meta=json.loads(meta),
                    turns=turns,
                    judge=judge,
                    caller_model=caller_model,
                    judge_model=judge_model,
                )
            )
        return out

    def sessions(self, learner: str | None = None) -> list[SessionRow]:
        if learner is None:
            return self._rows()
        return self._rows("WHERE s.learner = ?", (learner,))

    def get(self, session_id: str) -> SessionRow:
        rows = self._rows("WHERE s.id = ?", (session_id,))
        if not rows:
            rows = self._rows("WHERE s.id LIKE ?", (session_id + "%",))
            if len(rows) != 1:
                raise NotFoundError(f"onbekende sessie '{session_id}'", hint="'coach history' toont alle sessies")
        return rows[0]

    def last_unfinished(self, learner: str | None = None) -> SessionRow | None:
        """The most recent unfinished session; of this learner only, when a learner is given."""
        if learner is None:
            rows = self._rows("WHERE s.outcome IS NULL")
        else:
            rows = self._rows("WHERE s.outcome IS NULL AND s.learner = ?", (learner,))
        return rows[-1] if rows else None

    def turns(self, session_id: str) -> list[Turn]:
        out = []
        for speaker, text, emotion, revealed, time, meta in self.db.execute(
            "SELECT speaker, text, emotion, revealed, time, meta FROM turns WHERE session_id = ? ORDER BY idx",
            (session_id,),
        ):
            out.append(
                Turn(
                    speaker=speaker,
                    text=text,
                    emotion=emotion,
                    revealed=json.loads(revealed),
                    time=datetime.fromisoformat(time) if time else None,
                    meta=json.loads(meta),
                )
            )
        return out

    def transcript(self, session_id: str) -> Transcript:
        row = self.get(session_id)
        turns = self.turns(row.id)
        if not turns:
            raise NotFoundError(f"sessie '{row.id}' heeft nog geen beurten")
        meta = {"session": row.id}
        if row.reason:
            meta["reason"] = row.reason
        for key in ("usage", "feedback_overall"):
            if key in row.meta:
                meta[key] = row.meta[key]
        return Transcript(
            scenario=row.scenario,
            rubric=row.rubric,
            learner=row.learner,
            engine=row.engine,
            seed=row.seed,
            started_at=datetime.fromisoformat(row.started_at),
            ended_at=datetime.fromisoformat(row.ended_at) if row.ended_at else None,
            outcome=row.outcome,
            turns=turns,
            meta=meta,
        )


def transcript_dir() -> Path:
    return coach_home() / "transcripts"


def default_transcript_path(session_id: str, scenario_id: str) -> Path:
    """Where a saved call's transcript goes unless the trainee names a file."""
    return transcript_dir() / f"{session_id}-{scenario_id}.yaml"
