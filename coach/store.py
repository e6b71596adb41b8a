"""Session history in an embedded SQLite database; each finished session's transcript is also a YAML file.

Every turn is committed on its own (WAL, synchronous=FULL) the moment it exists, so a killed process loses nothing
that was typed. The schema evolves through an ordered list of migrations recorded in ``PRAGMA user_version``.

Many processes may use one database: migrations run inside ``BEGIN IMMEDIATE`` and re-read the version there, so
commands started at the same moment on a fresh folder migrate once. A call is open in one process at a time: the
process holds an ``flock`` on ``locks/<session>.lock`` (released by the kernel when the process dies, so a lock never
goes stale), and a turn is a plain INSERT, so two writers of one call meet an error instead of overwriting each other.

Whatever goes wrong with the file comes out as a typed ``StoreError`` that says what happened and what to do: a
damaged file, a row that does not parse (the other rows stay readable), a full disk, a folder Belcoach may not write.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import socket
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from coach.errors import (
    NotFoundError,
    StoreBusyError,
    StoreDamagedError,
    StoreError,
    StoreFullError,
    StoreReadOnlyError,
)
from coach.formats import Transcript, Turn
from coach.paths import PRIVATE_FILE, coach_home, private_dir, tighten

BUSY_SECONDS = 15.0
"""How long a command waits for another process's write to the database before it says the store is busy."""

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
    """Every stored turn, the caller's too."""
    learner_turns: int = 0
    """The trainee's turns only (the history's '#')."""
    judge: str | None = None
    caller_model: str | None = None
    judge_model: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}


_COLUMNS = (
    "id, scenario, scenario_path, rubric, learner, engine, seed, started_at, ended_at, outcome, reason,"
    " transcript_path, meta, judge, caller_model, judge_model"
)
_TEXT = ("scenario_path", "rubric", "learner", "engine", "ended_at", "outcome", "reason", "transcript_path")


_INSERT_TURN = (
    "INSERT INTO turns (session_id, idx, speaker, text, emotion, revealed, time, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


def _turn_row(session_id: str, index: int, turn: Turn, default: Any = None) -> tuple[Any, ...]:
    """A turn as the row the turns table holds (a live call's turn and an imported one alike)."""
    return (
        session_id,
        index,
        turn.speaker,
        turn.text,
        turn.emotion,
        json.dumps(turn.revealed),
        turn.time.isoformat() if turn.time else None,
        json.dumps(turn.meta, ensure_ascii=False, default=default),
    )


def _session_row(values: dict[str, Any], turns: int, learner_turns: int = 0) -> SessionRow:
    """A stored session, checked: a ValueError says what in the row cannot be read."""
    for name in ("id", "scenario", "started_at"):
        if not isinstance(values[name], str):
            raise ValueError(f"{name} ontbreekt of is geen tekst")
    for name in (*_TEXT, "judge", "caller_model", "judge_model"):
        if values[name] is not None and not isinstance(values[name], str):
            raise ValueError(f"{name} is geen tekst")
    if values["seed"] is not None and not isinstance(values["seed"], int):
        raise ValueError("seed is geen getal")
    for name in ("started_at", "ended_at"):
        if values[name] is not None:
            _time(values[name], name)
    meta = _json(values["meta"], "meta", dict)
    return SessionRow(**{**values, "meta": meta, "turns": turns, "learner_turns": learner_turns})


def _turn(speaker: Any, text: Any, emotion: Any, revealed: Any, time_: Any, meta: Any) -> Turn:
    if time_ is not None and not isinstance(time_, str):
        raise ValueError("time is geen tekst")
    from pydantic import ValidationError

    try:
        return Turn(
            speaker=speaker,
            text=text,
            emotion=emotion,
            revealed=_json(revealed, "revealed", list),
            time=_time(time_, "time") if time_ else None,
            meta=_json(meta, "meta", dict),
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ValueError(f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from None


def _json(text: Any, name: str, kind: type) -> Any:
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        raise ValueError(f"{name} is geen geldige JSON") from None
    if not isinstance(value, kind):
        raise ValueError(f"{name} is geen JSON-{'object' if kind is dict else 'lijst'}")
    return value


def _loose_json(text: Any) -> Any:
    """Parsed JSON, or the text as it is when it does not parse."""
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return text


def _time(text: str, name: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValueError(f"{name} '{text}' is geen tijd") from None


def _sqlite_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _kind(exc: BaseException) -> str:
    """What an error from the file system or SQLite means for the trainee: damaged, full, readonly, busy or other."""
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return "full"
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return "readonly"
        return "other"
    code, text = _sqlite_code(exc), str(exc).lower()  # type: ignore[arg-type]
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or "malformed" in text or "not a database" in text:
        return "damaged"
    if code == sqlite3.SQLITE_FULL or "disk is full" in text:
        return "full"
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM) or "readonly" in text:
        return "readonly"
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
        return "busy"
    return "other"


def _nearly_full(folder: Path) -> bool:
    import shutil

    try:
        return shutil.disk_usage(folder).free < 256 * 1024
    except OSError:
        return False


class SessionLock:
    """A call open in this process: an exclusive ``flock`` on a small file that names the process holding it.

    The file is removed on release while the lock is still held; whoever opened it just before then finds its lock
    on a removed file (another inode than the path's) and tries again, so two processes never both hold a call.
    The process is the unit: stores opened in one process share its locks (counted, released by the last user)."""

    held: ClassVar[dict[Path, SessionLock]] = {}

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self.fd = fd
        self.users = 1

    @classmethod
    def take(cls, path: Path) -> SessionLock | None:
        """The lock, or None while another process holds it."""
        import fcntl

        own = cls.held.get(path)
        if own is not None:
            own.users += 1
            return own
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                return None
            try:
                current = os.stat(path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                current = False
            if current:
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
                cls.held[path] = cls(path, fd)
                return cls.held[path]
            os.close(fd)

    @staticmethod
    def holder(path: Path) -> tuple[int | None, str]:
        """The process id and host written by the holder (None when it has not written them yet)."""
        try:
            pid, _, host = path.read_text(encoding="utf-8").strip().partition(" ")
            return int(pid), host
        except (OSError, ValueError):
            return None, ""

    @classmethod
    def busy(cls, path: Path) -> bool:
        """Whether a process holds this lock now. Tested with a shared lock taken and let go at once; a process
        taking the call in that same instant is told it is busy, as it would be a moment earlier."""
        import fcntl

        if path in cls.held:
            return True
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:  # no file: released (or never taken)
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        except OSError:
            return False
        finally:
            os.close(fd)
        return False

    def release(self) -> None:
        self.users -= 1
        if self.users:
            return
        del self.held[self.path]
        try:
            self.path.unlink(missing_ok=True)
        finally:
            os.close(self.fd)


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.locks: dict[str, SessionLock] = {}
        with self._guard("het openen van de sessieopslag"):
            private_dir(path.parent)
            if not path.exists():  # SQLite would create it 0644 (minus the umask): learners' words are private
                os.close(os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE))
            self.db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_SECONDS)
            self._retry_busy(self._configure)
            self._retry_busy(self._migrate)
            for suffix in ("", "-wal", "-shm"):
                tighten(Path(f"{path}{suffix}"))

    @classmethod
    def default(cls) -> Store:
        return cls(coach_home() / "belcoach.db")

    def _configure(self) -> None:
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute("PRAGMA foreign_keys=ON")

    def _retry_busy(self, step: Any) -> None:
        """Run a step of opening again while another process holds the lock it needs: switching a new file to WAL
        does not wait for the busy timeout in every SQLite version."""
        deadline = time.monotonic() + BUSY_SECONDS
        while True:
            try:
                return step()
            except sqlite3.OperationalError as exc:
                if _kind(exc) != "busy" or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        if self._version() >= len(MIGRATIONS):
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            version = self._version()  # again, under the write lock: another process may have migrated meanwhile
            for script in MIGRATIONS[version:]:
                for statement in filter(str.strip, script.split(";")):
                    self.db.execute(statement)
            if version < len(MIGRATIONS):
                self.db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        for session_id in list(self.locks):
            self.release(session_id)
        self.db.close()

    # --- errors -----------------------------------------------------------------------------------------------

    @contextmanager
    def _guard(self, doing: str) -> Iterator[None]:
        """SQLite's and the file system's errors as a StoreError that says what happened and what to do."""
        try:
            yield
        except (StoreError, sqlite3.IntegrityError):  # a constraint is the caller's to explain
            raise
        except (sqlite3.Error, OSError) as exc:
            raise self.error(exc, doing) from None

    def error(self, exc: BaseException, doing: str, where: Path | None = None) -> StoreError:
        """What went wrong in the trainee's words; ``where`` is the file written (the database unless given)."""
        kind = _kind(exc)
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        where = where or self.path
        io_error = isinstance(exc, sqlite3.Error) and _sqlite_code(exc) == sqlite3.SQLITE_IOERR
        if io_error and _nearly_full(where.parent):  # SQLite says "disk I/O error" when it cannot grow its -shm file
            kind = "full"
        if kind == "damaged":
            return StoreDamagedError(f"de sessieopslag {self.path} is beschadigd ({detail})", hint=self.repair_hint())
        if kind == "full":
            return StoreFullError(
                f"de schijf is vol: {doing} is mislukt ({where})",
                hint="maak ruimte vrij op de schijf en probeer het opnieuw",
            )
        if kind == "readonly":
            return StoreReadOnlyError(
                f"Belcoach mag niet schrijven in {where.parent}: {doing} is mislukt ({detail})",
                hint=f"geef uzelf schrijfrechten op die map en de bestanden erin (chmod -R u+w {where.parent}), of zet"
                " COACH_HOME op een map waar u mag schrijven",
            )
        if kind == "busy":
            return StoreBusyError(
                f"de sessieopslag {self.path} bleef bezet door een ander proces: {doing} is mislukt",
                hint="probeer het over een paar seconden opnieuw",
            )
        return StoreError(
            f"{doing} is mislukt ({where}): {detail}",
            hint="zet COACH_HOME op een map waar u mag schrijven; 'coach doctor' controleert de opslag",
        )

    def repair_hint(self) -> str:
        db, folder = self.path, self.path.parent
        return (
            f"maak eerst een kopie van de map {folder}. Red wat er te redden is met"
            f' sqlite3 {db} ".recover" | sqlite3 {folder / "hersteld.db"}'
            ' (lukt dat niet, probeer dan ".dump" in plaats van ".recover")'
            f" en zet hersteld.db daarna in de plaats van {db.name}; of begin opnieuw: zet {db.name}"
            f" (met {db.name}-wal en {db.name}-shm) opzij in een andere map, dan maakt Belcoach een lege opslag."
            " 'coach doctor' controleert de opslag."
        )

    # --- a call open in one process ---------------------------------------------------------------------------

    def lock(self, session_id: str) -> None:
        """Hold this session for this process; a StoreBusyError when another process has it open."""
        if session_id in self.locks:
            return
        with self._guard("het openen van het gesprek"):
            folder = private_dir(self.path.parent / "locks")
            path = folder / f"{session_id}.lock"
            lock = SessionLock.take(path)
        if lock is None:
            pid, host = SessionLock.holder(path)
            who = "een ander proces" if pid is None else f"proces {pid}"
            if host and host != socket.gethostname():
                who += f" op {host}"
            raise StoreBusyError(
                f"dit gesprek (sessie {session_id}) is al open in een ander venster ({who})",
                hint="ga daar verder, of sluit het daar af; daarna kunt u het hier openen",
            )
        self.locks[session_id] = lock

    def open_now(self, session_id: str) -> bool:
        """Whether the call is open in a process right now (``coach history``: 'nu bezig')."""
        return session_id in self.locks or SessionLock.busy(self.path.parent / "locks" / f"{session_id}.lock")

    def release(self, session_id: str) -> None:
        lock = self.locks.pop(session_id, None)
        if lock is not None:
            lock.release()

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
        with self._guard("het aanmaken van het gesprek"):
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
        """Store a turn; one that is already there is never replaced (two writers of a call are an error)."""
        try:
            with self._guard(f"het opslaan van beurt {index + 1}"):
                self.db.execute(_INSERT_TURN, _turn_row(session_id, index, turn))
        except sqlite3.IntegrityError:  # _guard leaves constraint errors alone: they are ours to explain
            raise StoreBusyError(
                f"beurt {index + 1} van sessie {session_id} staat al in de opslag, of de sessie is er niet meer:"
                " een ander proces schrijft in hetzelfde gesprek",
                hint="ga verder in het venster waar het gesprek open is",
            ) from None

    def drop_turns(self, session_id: str, first: int) -> None:
        """Take back the turns from index ``first`` on (/terug): they are no part of the call any more. Their rows are
        overwritten (secure_delete), but copies may stay in the write-ahead log until the next checkpoint; erasing a
        learner's data for good is ``coach privacy erase`` (which also compacts the file)."""
        with self._guard("het terugnemen van een beurt"):
            self.db.execute("PRAGMA secure_delete = ON")
            self.db.execute("DELETE FROM turns WHERE session_id = ? AND idx >= ?", (session_id, first))

    def finish(self, session_id: str, outcome: str, reason: str, ended_at: datetime) -> None:
        with self._guard("het opslaan van het einde van het gesprek"):
            self.db.execute(
                "UPDATE sessions SET outcome = ?, reason = ?, ended_at = ? WHERE id = ?",
                (outcome, reason, ended_at.isoformat(), session_id),
            )

    def close_session(
        self, session_id: str, outcome: str, reason: str, ended_at: datetime, transcript_path: Path
    ) -> None:
        """Mark a session ended with its transcript in one statement: all of it happens, or none."""
        with self._guard("het afsluiten van het gesprek"):
            self.db.execute(
                "UPDATE sessions SET outcome = ?, reason = ?, ended_at = ?, transcript_path = ? WHERE id = ?",
                (outcome, reason, ended_at.isoformat(), str(transcript_path), session_id),
            )

    def update_meta(self, session_id: str, **values: Any) -> None:
        """Merge values into the session's meta (called after every Claude caller turn: one small read)."""
        with self._guard("het opslaan van de gegevens van het gesprek"):
            found = self.db.execute("SELECT meta FROM sessions WHERE id = ?", (session_id,)).fetchone()
            if found is None:
                raise NotFoundError(f"onbekende sessie '{session_id}'", hint="'coach history' toont alle sessies")
            try:
                meta = {**_json(found[0], "meta", dict), **values}
            except ValueError as exc:
                raise self.row_error(session_id, str(exc)) from None
            self.db.execute(
                "UPDATE sessions SET meta = ? WHERE id = ?", (json.dumps(meta, ensure_ascii=False), session_id)
            )

    def set_transcript_path(self, session_id: str, path: Path) -> None:
        with self._guard("het opslaan van het pad van het transcript"):
            self.db.execute("UPDATE sessions SET transcript_path = ? WHERE id = ?", (str(path), session_id))

    # --- calls made elsewhere (coach import) ----------------------------------------------------------------

    def imported_as(self, digest: str) -> str | None:
        """The session a call with this content hash was imported as, if any."""
        with self._guard("het lezen van de geschiedenis"):
            found = self.db.execute(
                # CASE: a row whose meta does not parse is passed over, not an error
                "SELECT id FROM sessions"
                " WHERE CASE WHEN json_valid(meta) THEN json_extract(meta, '$.import.hash') END = ?"
                " ORDER BY rowid LIMIT 1",
                (digest,),
            ).fetchone()
        return found[0] if found else None

    def import_call(self, transcript: Transcript, learner: str, source: dict[str, Any]) -> tuple[str, bool]:
        """Store a call made elsewhere with all its turns, in one transaction: (session id, True), or the session
        it was imported as before and False. ``source['hash']`` identifies the call; it is looked up under the
        write lock, so two imports of one call at the same moment store it once. ``source`` goes to the session's
        meta as ``import`` (file, time, hash)."""
        if not transcript.scenario:
            raise ValueError("a stored session needs a scenario")
        started = transcript.started_at or datetime.fromisoformat(source["at"])
        meta: dict[str, Any] = {"import": source}
        for name in ("usage", "reason", "scenario_hash", "caller_version"):  # the versions it was played with
            if name in transcript.meta:
                meta[name] = transcript.meta[name]
        with self._guard("het importeren van het gesprek"):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                before = self.imported_as(source["hash"])
                if before is not None:
                    self.db.execute("ROLLBACK")
                    return before, False
                session_id = started.strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(2)
                self.db.execute(
                    "INSERT INTO sessions (id, scenario, rubric, learner, engine, seed, started_at, ended_at, outcome,"
                    " reason, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        session_id,
                        transcript.scenario,
                        transcript.rubric,
                        learner,
                        transcript.engine,
                        transcript.seed,
                        started.isoformat(),
                        transcript.ended_at.isoformat() if transcript.ended_at else None,
                        transcript.outcome.value if transcript.outcome else None,
                        transcript.meta.get("reason") if isinstance(transcript.meta.get("reason"), str) else None,
                        json.dumps(meta, ensure_ascii=False, default=str),
                    ),
                )
                self.db.executemany(
                    _INSERT_TURN,
                    # a mailed-in file's meta may hold what YAML reads as a date: stored as text
                    [_turn_row(session_id, index, turn, default=str) for index, turn in enumerate(transcript.turns)],
                )
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        return session_id, True

    # --- reading ----------------------------------------------------------------------------------------------

    def row_error(self, session_id: str, problem: str) -> StoreDamagedError:
        return StoreDamagedError(
            f"sessie {session_id} in {self.path} is onleesbaar: {problem}",
            hint="de andere sessies zijn gewoon te gebruiken; 'coach doctor' toont alle onleesbare rijen",
        )

    def _scan(self, where: str = "", args: tuple = ()) -> tuple[list[SessionRow], list[tuple[str, str]]]:
        """The sessions that can be read, and (id, problem) for each that cannot: one bad row hides no other."""
        query = (
            f"SELECT {_COLUMNS}, (SELECT COUNT(*) FROM turns t WHERE t.session_id = s.id),"
            " (SELECT COUNT(*) FROM turns t WHERE t.session_id = s.id AND t.speaker = 'learner')"
            f" FROM sessions s {where} ORDER BY s.started_at, s.rowid"
        )
        names = [c.strip() for c in _COLUMNS.split(",")]
        rows, bad = [], []
        with self._guard("het lezen van de geschiedenis"):
            for *values, turns, learner_turns in self.db.execute(query, args):
                fields = dict(zip(names, values, strict=True))
                try:
                    rows.append(_session_row(fields, turns, learner_turns))
                except ValueError as exc:
                    bad.append((str(fields["id"]), str(exc)))
        return rows, bad

    def history(self, learner: str | None = None) -> tuple[list[SessionRow], list[tuple[str, str]]]:
        """All sessions (of one learner), and the ids and problems of those that cannot be read."""
        if learner is None:
            return self._scan()
        return self._scan("WHERE s.learner = ?", (learner,))

    def sessions(self, learner: str | None = None) -> list[SessionRow]:
        return self.history(learner)[0]

    def get(self, session_id: str) -> SessionRow:
        rows, bad = self._scan("WHERE s.id = ?", (session_id,))
        if not rows and not bad:
            rows, bad = self._scan("WHERE s.id LIKE ?", (session_id + "%",))
        if len(rows) + len(bad) != 1:
            raise NotFoundError(f"onbekende sessie '{session_id}'", hint="'coach history' toont alle sessies")
        if bad:
            raise self.row_error(*bad[0])
        return rows[0]

    def last_unfinished(self, learner: str | None = None) -> SessionRow | None:
        """The most recent unfinished session that can be read; of this learner only, when a learner is given. A call
        imported without an ending (``coach import``) is not one: it was made elsewhere and cannot go on here."""
        if learner is None:
            rows, _ = self._scan("WHERE s.outcome IS NULL")
        else:
            rows, _ = self._scan("WHERE s.outcome IS NULL AND s.learner = ?", (learner,))
        rows = [r for r in rows if "import" not in r.meta]
        return rows[-1] if rows else None

    def turns(self, session_id: str) -> list[Turn]:
        out = []
        with self._guard("het lezen van de beurten"):
            found = self.db.execute(
                "SELECT idx, speaker, text, emotion, revealed, time, meta FROM turns WHERE session_id = ? ORDER BY idx",
                (session_id,),
            ).fetchall()
        for idx, *values in found:
            try:
                out.append(_turn(*values))
            except ValueError as exc:
                raise self.row_error(session_id, f"beurt {idx + 1 if isinstance(idx, int) else idx}: {exc}") from None
        return out

    def transcript(self, session_id: str) -> Transcript:
        row = self.get(session_id)
        turns = self.turns(row.id)
        if not turns:
            raise NotFoundError(f"sessie '{row.id}' heeft nog geen beurten")
        meta = {"session": row.id}
        if row.reason:
            meta["reason"] = row.reason
        for key in (
            "usage",
            "feedback_overall",
            "scenario_hash",
            "caller_version",
            "assignment",
            "branch_of",
            "branch_from",
        ):
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

    # --- a learner's data (AVG) ------------------------------------------------------------------------------

    def learners(self) -> list[str]:
        with self._guard("het lezen van de namen"):
            found = self.db.execute("SELECT DISTINCT learner FROM sessions WHERE learner IS NOT NULL ORDER BY 1")
            return [str(name) for (name,) in found]

    def learner_records(self, learner: str) -> list[dict[str, Any]]:
        """Every row about a learner as it is in the file (JSON columns parsed where they parse), turns included:
        raw, so a row the history cannot read is handed over too."""
        with self._guard("het lezen van de gegevens van de medewerker"):
            found = self.db.execute(
                f"SELECT {_COLUMNS} FROM sessions WHERE learner = ? ORDER BY started_at, rowid", (learner,)
            )
            names = [d[0] for d in found.description]
            sessions = [dict(zip(names, row, strict=True)) for row in found.fetchall()]
            for session in sessions:
                session["meta"] = _loose_json(session["meta"])
                turns = self.db.execute(
                    "SELECT idx, speaker, text, emotion, revealed, time, meta FROM turns WHERE session_id = ?"
                    " ORDER BY idx",
                    (session["id"],),
                )
                names = [d[0] for d in turns.description]
                session["turns"] = [
                    {**fields, "revealed": _loose_json(fields["revealed"]), "meta": _loose_json(fields["meta"])}
                    for fields in (dict(zip(names, row, strict=True)) for row in turns.fetchall())
                ]
        return sessions

    def erase_sessions(self, session_ids: list[str]) -> tuple[int, int]:
        """Delete sessions and their turns in one transaction; returns how many of each. ``compact`` then removes
        what is left of them in the file."""
        with self._guard("het wissen van de gegevens"):
            self.db.execute("PRAGMA secure_delete = ON")
            self.db.execute("BEGIN IMMEDIATE")
            try:
                turns = sessions = 0
                for session_id in session_ids:
                    turns += self.db.execute("DELETE FROM turns WHERE session_id = ?", (session_id,)).rowcount
                    sessions += self.db.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        return sessions, turns

    def compact(self) -> bool:
        """Rebuild the file (VACUUM) and empty the write-ahead log into it, so no deleted byte remains in either;
        False when another process kept the log from being emptied."""
        with self._guard("het opschonen van het databasebestand"):
            self.db.execute("VACUUM")
            busy, _, _ = self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return busy == 0

    # --- health -----------------------------------------------------------------------------------------------

    def check(self) -> list[str]:
        """What is wrong with the file and its rows (empty: healthy), for coach doctor."""
        problems = []
        with self._guard("het controleren van de opslag"):
            result = [r[0] for r in self.db.execute("PRAGMA quick_check")]
        if result != ["ok"]:
            problems.append(f"het bestand is beschadigd: {'; '.join(result[:3])}")
            return problems
        _, bad = self._scan()
        problems += [f"sessie {session_id}: {problem}" for session_id, problem in bad]
        with self._guard("het controleren van de beurten"):
            found = self.db.execute("SELECT session_id, idx, speaker, text, emotion, revealed, time, meta FROM turns")
            for session_id, idx, *values in found:
                try:
                    _turn(*values)
                except ValueError as exc:
                    problems.append(f"sessie {session_id}, beurt {idx + 1 if isinstance(idx, int) else idx}: {exc}")
        return problems


def transcript_dir() -> Path:
    return coach_home() / "transcripts"


def default_transcript_path(session_id: str, scenario_id: str) -> Path:
    """Where a saved call's transcript goes unless the trainee names a file."""
    return transcript_dir() / f"{session_id}-{scenario_id}.yaml"
