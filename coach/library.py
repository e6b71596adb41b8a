"""The scenario and rubric library: built-in files shipped in the wheel plus the user's own folders.

Search order: ``--library`` folders, then ``COACH_LIBRARY`` (os.pathsep-separated), then the user library in
COACH_HOME, then the built-in library. The first file with an id wins, so a trainer can override a built-in one.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coach.errors import FileProblemError, NotFoundError, suggestion
from coach.loader import DATA_SUFFIXES, YAML_SUFFIXES, Kind, Problem, load, read_data
from coach.paths import user_library_dir

_PACKAGE_DIR = Path(__file__).resolve().parent


def builtin_library_dir() -> Path:
    """The library inside the installed wheel, or the source checkout's top level in development."""
    shipped = _PACKAGE_DIR / "_library"
    return shipped if shipped.is_dir() else _PACKAGE_DIR.parent


def library_dirs(extra: Sequence[Path | str] = ()) -> list[Path]:
    dirs = [Path(d).expanduser() for d in extra]
    env = os.environ.get("COACH_LIBRARY", "")
    dirs += [Path(p).expanduser() for p in env.split(os.pathsep) if p.strip()]
    dirs.append(user_library_dir())
    dirs.append(builtin_library_dir())
    return dirs


def looks_like_path(ref: str) -> bool:
    return ref.lower().endswith(DATA_SUFFIXES) or os.sep in ref or "/" in ref


@dataclass
class Entry:
    kind: Kind
    id: str
    path: Path
    builtin: bool


@dataclass
class Library:
    dirs: list[Path]
    problems: list[Problem] = field(default_factory=list)
    _entries: dict[Kind, dict[str, Entry]] | None = None
    _cache: dict[Path, object] = field(default_factory=dict)

    @classmethod
    def open(cls, extra: Sequence[Path | str] = ()) -> Library:
        for d in extra:
            if not Path(d).expanduser().is_dir():
                raise NotFoundError(f"bibliotheekmap '{d}' bestaat niet")
        return cls(library_dirs(extra))

    def _files(self, directory: Path, kind: Kind) -> Iterable[Path]:
        sub = directory / f"{kind}s"
        if sub.is_dir():
            yield from sorted(p for p in sub.iterdir() if p.suffix.lower() in YAML_SUFFIXES and p.is_file())

    def entries(self, kind: Kind) -> dict[str, Entry]:
        if self._entries is None:
            self._entries = {"scenario": {}, "rubric": {}, "transcript": {}}
            builtin = builtin_library_dir().resolve()
            seen_dirs: set[Path] = set()
            for directory in self.dirs:
                resolved = directory.resolve()
                if resolved in seen_dirs or not directory.is_dir():
                    continue
                seen_dirs.add(resolved)
                for k in ("scenario", "rubric"):
                    for path in self._files(directory, k):
                        try:
                            data, _ = read_data(path)
                        except FileProblemError as exc:
                            self.problems.extend(exc.problems)
                            continue
                        ident = data.get("id") if isinstance(data, dict) else None
                        if not isinstance(ident, str):
                            ident = path.stem
                        self._entries[k].setdefault(ident, Entry(k, ident, path, resolved == builtin))
        return self._entries[kind]

    def ids(self, kind: Kind) -> list[str]:
        return sorted(self.entries(kind))

    def load_all(self, kind: Kind) -> list:
        """Every valid item of a kind; invalid files are kept in ``problems`` instead of stopping the listing."""
        items = []
        for ident in self.ids(kind):
            try:
                items.append(self.get(kind, ident))
            except FileProblemError as exc:
                self.problems.extend(exc.problems)
        return items

    def get(self, kind: Kind, ref: str):
        """A scenario or rubric by id, or by path to a YAML/JSON file."""
        path = Path(ref).expanduser()
        if looks_like_path(ref) or (path.is_file() and ref not in self.entries(kind)):
            if not path.exists():
                raise NotFoundError(f"bestand '{ref}' bestaat niet")
            return self._load(path, kind)
        entry = self.entries(kind).get(ref)
        if entry is None:
            label = {"scenario": "scenario", "rubric": "rubric", "transcript": "transcript"}[kind]
            hint = suggestion(ref, self.ids(kind)) or f"'coach list' toont alle {label}s"
            raise NotFoundError(f"onbekend {label} '{ref}'", hint=hint)
        return self._load(entry.path, kind)

    def _load(self, path: Path, kind: Kind):
        key = path.resolve()
        if key not in self._cache:
            self._cache[key] = load(path, kind)
        return self._cache[key]

    def scenario(self, ref: str):
        return self.get("scenario", ref)

    def rubric(self, ref: str):
        return self.get("rubric", ref)

    def entry_for(self, kind: Kind, ident: str) -> Entry | None:
        return self.entries(kind).get(ident)

    def lexicon_files(self) -> list[Path]:
        """Lexicon extensions in the library folders (``lexicon/*.yaml``), built-in library last."""
        files: list[Path] = []
        for directory in self.dirs:
            sub = directory / "lexicon"
            if sub.is_dir():
                files += sorted(p for p in sub.iterdir() if p.suffix.lower() in YAML_SUFFIXES and p.is_file())
        return files

    def analyzer(self, extra: Sequence[Path] = ()):
        """The analyzer with the library's lexicon extensions and ``extra`` files (e.g. --lexicon)."""
        from coach.analyzer import get_analyzer

        for path in extra:
            if not Path(path).is_file():
                raise NotFoundError(f"lexiconbestand '{path}' bestaat niet")
        return get_analyzer([*self.lexicon_files(), *extra])


def warn_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(f"waarschuwing: {problem.format()}", file=sys.stderr)
