"""The scenario and rubric library: built-in files shipped in the wheel plus the user's own folders.

Search order: ``--library`` folders, then ``COACH_LIBRARY`` (os.pathsep-separated), then the user library in
COACH_HOME, then the built-in library. The first file with an id wins, so a trainer can override a built-in one.

Files are indexed by name: the id of ``scenarios/woz-buren.yaml`` is ``woz-buren`` (the id inside must be the same;
``coach validate`` and loading both say so when it is not). A file is read only when it is asked for, once.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.errors import FileProblemError, NotFoundError, Problem, UsageError, suggestion
from coach.files import read_text
from coach.formats.claims import ClaimType
from coach.formats.common import SLUG
from coach.formats.topics import AskTopic
from coach.loader import DATA_SUFFIXES, YAML_SUFFIXES, Kind, catalogue, load, model_for, topic_catalogue
from coach.paths import coach_home, private_dir, user_library_dir, write_private

_PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES = _PACKAGE_DIR / "templates"


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


def library_files(directory: Path, sub: str) -> Iterable[Path]:
    """The YAML files in a library folder's ``scenarios/``, ``rubrics/`` or ``lexicon/``, by name."""
    folder = directory / sub
    if folder.is_dir():
        yield from sorted(p for p in folder.iterdir() if p.suffix.lower() in YAML_SUFFIXES and p.is_file())


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
    _claims: dict[str, ClaimType] | None = None
    _topics: dict[str, AskTopic] | None = None
    _lexicons: list[Path] | None = None

    @classmethod
    def open(cls, extra: Sequence[Path | str] = ()) -> Library:
        for d in extra:
            if not Path(d).expanduser().is_dir():
                raise NotFoundError(f"bibliotheekmap '{d}' bestaat niet")
        return cls(library_dirs(extra))

    def entries(self, kind: Kind) -> dict[str, Entry]:
        """Every scenario or rubric by id, from the file names alone (nothing is read)."""
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
                    for path in library_files(directory, f"{k}s"):
                        self._entries[k].setdefault(path.stem, Entry(k, path.stem, path, resolved == builtin))
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

    def _given_path(self, kind: Kind, ref: str) -> Path | None:
        """The reference as a file path, when it is one rather than an id."""
        path = Path(ref).expanduser()
        if looks_like_path(ref) or (path.is_file() and ref not in self.entries(kind)):
            return path
        return None

    def get(self, kind: Kind, ref: str):
        """A scenario or rubric by id, or by path to a YAML/JSON file."""
        path = self._given_path(kind, ref)
        if path is not None:
            if not path.exists() and not path.is_symlink():  # a symlink loop: load says what is wrong with it
                raise NotFoundError(f"bestand '{ref}' bestaat niet")
            return self._load(path, kind)
        entry = self.entries(kind).get(ref)
        if entry is None:
            hint = suggestion(ref, self.ids(kind)) or f"'coach list' toont alle {kind}s"
            raise NotFoundError(f"onbekend {kind} '{ref}'", hint=hint)
        return self._load(entry.path, kind, by_name=True)

    def _load(self, path: Path, kind: Kind, *, by_name: bool = False):
        try:
            key = path.resolve()
        except (OSError, RuntimeError):  # a symlink loop: load names the file and the problem
            key = path.absolute()
        if key not in self._cache:
            claims = self.claims() if kind == "scenario" else None
            topics = self.topics() if kind == "scenario" else None
            self._cache[key] = load(path, kind, id_from_name=by_name, claims=claims, topics=topics)
        return self._cache[key]

    def claims(self) -> dict[str, ClaimType]:
        """The claim catalogue with this library's lexicon extensions (a scenario's claims are checked against it)."""
        if self._claims is None:
            self._claims = catalogue(self.lexicon_files())
        return self._claims

    def topics(self) -> dict[str, AskTopic]:
        """The question topics with this library's lexicon extensions (a scenario's facts are checked against them)."""
        if self._topics is None:
            self._topics = topic_catalogue(self.lexicon_files())
        return self._topics

    def scenario(self, ref: str):
        return self.get("scenario", ref)

    def rubric(self, ref: str):
        return self.get("rubric", ref)

    def path_of(self, kind: Kind, ref: str) -> Path | None:
        """The file a scenario or rubric reference stands for: a path as given, or the library file of an id."""
        path = self._given_path(kind, ref)
        if path is not None:
            return path.resolve() if path.is_file() else None
        entry = self.entries(kind).get(ref)
        return entry.path if entry else None

    def lexicon_files(self) -> list[Path]:
        """Lexicon extensions in the library folders (``lexicon/*.yaml``), built-in library last. A file that does
        not load is reported once in ``problems`` and left out, so one broken extension does not block every
        scenario."""
        if self._lexicons is None:
            self._lexicons = []
            for path in (p for directory in self.dirs for p in library_files(directory, "lexicon")):
                try:
                    load(path, "lexicon")
                except FileProblemError as exc:
                    self.problems.extend(exc.problems)
                    continue
                self._lexicons.append(path)
        return self._lexicons


def write_template(kind: Kind, name: str, target: Path | None = None, *, force: bool = False) -> Path:
    """A new scenario or rubric from the commented template, in ``target`` or the user's own library, with the JSON
    Schema its first line points at (``write_schema``)."""
    if not SLUG.fullmatch(name):
        raise UsageError(
            f"'{name}' is geen geldig id", hint="gebruik kleine letters, cijfers en streepjes, bijv. woz-mijn-oefening"
        )
    folder = (target or user_library_dir()) / f"{kind}s"
    path = folder / f"{name}.yaml"
    if path.exists() and not force:
        raise UsageError(f"'{path}' bestaat al", hint="kies een andere naam of gebruik --force")
    if _inside(folder, coach_home()):
        private_dir(folder)
        write_private(path, template_text(kind, name))
    else:  # a team's folder elsewhere keeps the permissions its owner gave it, so colleagues can read the file
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(template_text(kind, name), encoding="utf-8")
    return path


SCRIPTS = "scripts"
"""A library's scripted trainees: ``scripts/<scenario id>/good.txt``, ``average.txt``, ``dismissive.txt``."""


def scripts_beside(scenario_file: Path, ident: str) -> Path:
    """Where the scripted trainees of a scenario file live: ``scripts/<id>/`` in the library folder that holds its
    ``scenarios/`` folder, or next to a file that is not in one."""
    root = scenario_file.parent.parent if scenario_file.parent.name == "scenarios" else scenario_file.parent
    return root / SCRIPTS / ident


def script_lines(path: Path) -> list[tuple[int, str]]:
    """The trainee turns of a script with their line numbers: one turn per line, ``#`` for comments, empty lines
    skipped."""
    from coach.files import read_text

    lines = enumerate(read_text(path).splitlines(), 1)
    return [(n, line.strip()) for n, line in lines if line.strip() and not line.lstrip().startswith("#")]


def read_script(path: Path) -> list[str]:
    """A scripted trainee's turns (``script_lines``); a missing or empty script is an error that says what to write."""
    if not path.is_file():
        raise NotFoundError(
            f"gescript gesprek ontbreekt: {path}",
            hint="schrijf één beurt van de medewerker per regel (# voor commentaar), of wijs met --scripts een map "
            "aan met good.txt, average.txt en dismissive.txt",
        )
    found = [line for _, line in script_lines(path)]
    if not found:
        raise NotFoundError(f"gescript gesprek is leeg: {path}", hint="schrijf één beurt van de medewerker per regel")
    return found


def write_script_templates(scenario_file: Path, ident: str) -> list[Path]:
    """A new scenario's scripted trainees (``scripts/<id>/good.txt`` and ``dismissive.txt`` beside its library's
    ``scenarios/`` folder), from the template's worked example, so ``coach test`` runs on a fresh template; an
    existing script is left alone. The files written."""
    folder = scripts_beside(scenario_file, ident)
    private = _inside(folder, coach_home())
    if private:
        private_dir(folder)
    else:
        folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in ("good", "dismissive"):
        path = folder / f"{name}.txt"
        if path.exists():
            continue
        text = (TEMPLATES / SCRIPTS / f"{name}.txt").read_text(encoding="utf-8")
        if private:
            write_private(path, text)
        else:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def template_text(kind: Kind, name: str) -> str:
    return (TEMPLATES / f"{kind}.yaml").read_text(encoding="utf-8").replace("__ID__", name)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


SCHEMA_KINDS: tuple[Kind, ...] = ("scenario", "rubric", "transcript", "cohort")


def json_schema(kind: Kind) -> dict[str, Any]:
    """The JSON Schema of a file format, for editors: what ``coach schema`` prints and ``coach new`` writes."""
    data = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model_for(kind).model_json_schema()}
    data["title"] = f"Belcoach {kind}"
    return data


def schema_json(kind: Kind) -> str:
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"


_SCHEMA_LINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)", re.M)


def write_schema(kind: Kind, beside: Path) -> Path | None:
    """Write the JSON Schema a new file's ``$schema`` line points at (``./scenario.schema.json``: next to it), so an
    editor with the YAML language server checks the file while it is typed. A schema file that already says the same
    is left alone; one from another version of Belcoach is brought up to date. None when the line points nowhere
    local, or something other than a file is in the way."""
    found = _SCHEMA_LINE.search(template_text(kind, "x"))
    if found is None or "://" in found.group(1):
        return None
    target = beside.parent / found.group(1)
    text = schema_json(kind)
    if target.is_symlink() or (target.exists() and not target.is_file()):
        return None
    if target.is_file():
        try:
            if read_text(target) == text:
                return target
        except FileProblemError:
            pass  # unreadable or damaged: written anew below
    if kind == "cohort" or _inside(target, coach_home()):  # a group's folder holds names: private like the group
        return write_private(target, text)
    target.write_text(text, encoding="utf-8")  # a team's folder: readable as its owner's folder allows
    return target
