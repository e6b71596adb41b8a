"""Reading YAML/JSON files into the format models, with every problem located as file:line:column.

Errors never escape as tracebacks: each becomes a ``Problem`` that names the file, the line, the field path, what
is wrong and how to fix it.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Collection, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ValidationError

from coach.errors import FileProblemError, Problem, did_you_mean
from coach.formats import Rubric, Scenario, Transcript
from coach.formats.claims import BUILTIN_CATALOGUE, ClaimType, scenario_claim_issues
from coach.formats.common import Loc
from coach.formats.lexicon import Lexicon
from coach.formats.topics import BUILTIN_TOPICS, AskTopic, scenario_topic_issues

MAX_BYTES = 1_000_000
YAML_SUFFIXES = (".yaml", ".yml")
DATA_SUFFIXES = (*YAML_SUFFIXES, ".json")

Kind = Literal["scenario", "rubric", "transcript", "lexicon"]


class Positions:
    """Line and column (1-based) of every key and value in a parsed document, by field path."""

    def __init__(self) -> None:
        self.keys: dict[Loc, tuple[int, int]] = {}
        self.values: dict[Loc, tuple[int, int]] = {}

    def find(self, loc: Loc, *, key: bool = False) -> tuple[int | None, int | None]:
        table = self.keys if key else self.values
        for cut in range(len(loc), -1, -1):
            sub = loc[:cut]
            if sub in table:
                return table[sub]
            if sub in self.values:
                return self.values[sub]
        return None, None


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _walk(node: yaml.Node, loc: Loc, positions: Positions, problems: list[tuple[Loc, str, str]]) -> None:
    positions.values[loc] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            child = (*loc, key)
            if key in seen:
                problems.append(
                    (child, f"sleutel '{key}' staat twee keer in dezelfde lijst", "verwijder een van beide")
                )
            seen.add(key)
            positions.keys[child] = _mark(key_node)
            _walk(value_node, child, positions, problems)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*loc, i), positions, problems)


def _unbuildable_scalar(node: yaml.Node, loc: Loc) -> tuple[Loc, yaml.ScalarNode] | None:
    """The first scalar that YAML cannot turn into a value (such as the date 2026-02-30), with its field path."""
    if isinstance(node, yaml.ScalarNode):
        try:
            yaml.SafeLoader("").construct_object(node)
        except (ValueError, OverflowError, yaml.YAMLError):
            return loc, node
        return None
    if isinstance(node, yaml.MappingNode):
        children = [((*loc, str(k.value)), v) for k, v in node.value]
    elif isinstance(node, yaml.SequenceNode):
        children = [((*loc, i), v) for i, v in enumerate(node.value)]
    else:
        return None
    for child_loc, child in children:
        found = _unbuildable_scalar(child, child_loc)
        if found is not None:
            return found
    return None


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml when PyYAML has it (about five times faster on a batch of transcripts); the same nodes and marks."""


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def read_data(path: Path, display: str | None = None) -> tuple[Any, Positions]:
    """Parse a YAML or JSON file; raises FileProblemError with located problems."""
    name = display or str(path)

    def fail(message: str, line: int | None = None, col: int | None = None, hint: str = "") -> FileProblemError:
        return FileProblemError([Problem(name, line, col, "", message, hint)])

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise fail(f"bestand is {size:,} bytes; de grens is {MAX_BYTES:,} bytes", hint="splits het bestand op")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise fail("bestand bestaat niet") from None
    except IsADirectoryError:
        raise fail("dit is een map, geen bestand") from None
    except PermissionError:
        raise fail("geen leesrechten", hint="controleer de rechten van het bestand") from None
    except OSError as exc:
        raise fail(f"kan het bestand niet lezen: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start].decode("utf-8", errors="replace")
        line, col = _line_col(prefix, len(prefix))
        raise fail(
            f"geen geldige UTF-8 (byte 0x{raw[exc.start]:02x})", line, col, "sla het bestand op als UTF-8"
        ) from None
    if not text.strip():
        raise fail("het bestand is leeg")
    positions = Positions()
    located: list[tuple[Loc, str, str]] = []
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise fail(f"ongeldige JSON: {exc.msg}", exc.lineno, exc.colno) from None
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
            if node is not None:
                _walk(node, (), positions, [])
        except yaml.YAMLError:
            pass  # positions are a courtesy for JSON; the data is already parsed
    else:
        loader = _LOADER(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
            message = " ".join(filter(None, [exc.context, exc.problem]))
            raise fail(f"ongeldige YAML: {message}", line, col, _yaml_hint(message)) from None
        except yaml.YAMLError as exc:
            raise fail(f"ongeldige YAML: {exc}") from None
        except (ValueError, OverflowError) as exc:  # a scalar YAML reads as a date or number but cannot build
            bad = _unbuildable_scalar(node, ()) if node is not None else None
            if bad is None:
                raise fail(f"ongeldige waarde: {exc}") from None
            loc, scalar = bad
            line, col = _mark(scalar)
            raise FileProblemError(
                [
                    Problem(
                        name,
                        line,
                        col,
                        _field(loc),
                        f"'{scalar.value}' is geen geldige datum",
                        "controleer dag en maand, of zet de tekst tussen aanhalingstekens",
                    )
                ]
            ) from None
        finally:
            loader.dispose()
        if node is None:
            raise fail("het bestand bevat alleen commentaar")
        _walk(node, (), positions, located)
    if located:
        raise FileProblemError([problem_at(name, positions, loc, msg, hint, key=True) for loc, msg, hint in located])
    return data, positions


def _yaml_hint(message: str) -> str:
    if "tab" in message:
        return "gebruik spaties in plaats van tabs"
    if "mapping values are not allowed" in message:
        return "zet tekst met een dubbele punt tussen aanhalingstekens"
    if "found character" in message or "expected ',' or ']'" in message or "expected ',' or '}'" in message:
        return "zet de tekst tussen aanhalingstekens"
    return ""


def _field(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def problem_at(name: str, positions: Positions, loc: Loc, message: str, hint: str, *, key: bool = False) -> Problem:
    """A problem at a field, with the line and column of its key (``key``) or value."""
    line, col = positions.find(loc, key=key)
    return Problem(name, line, col, _field(loc), message, hint)


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that owns the field at ``loc`` (for 'did you mean' on unknown keys)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return None
            current = field.annotation
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Strip Optional[...], list[...] and Annotated[...] to the type inside."""
    while True:
        origin = typing.get_origin(annotation)
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        single_union = origin in (typing.Union, types.UnionType) and len(args) == 1
        if not (origin in (list, typing.Annotated) or single_union):
            return annotation
        annotation = args[0]


def _schema_enum(model: type[BaseModel], loc: Loc) -> list[str]:
    """The values a field's JSON Schema allows when wider than its type (aliases such as 'beller')."""
    owner = _model_at(model, loc[:-1]) if loc else None
    field = owner.model_fields.get(str(loc[-1])) if owner else None
    extra = field.json_schema_extra if field else None
    return [str(v) for v in extra.get("enum", [])] if isinstance(extra, dict) else []


_MESSAGES = {
    "missing": "verplicht veld ontbreekt",
    "string_type": "moet tekst zijn",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn, zonder cijfers achter de komma",
    "string_too_short": "mag niet leeg zijn",
    "string_too_long": "is te lang",
    "too_long": "te veel onderdelen",
    "less_than": "is te groot",
    "date_type": "moet een datum zijn (2026-03-01)",
    "date_parsing": "moet een datum zijn (2026-03-01)",
    "date_from_datetime_parsing": "moet een datum zijn (2026-03-01)",
    "url_parsing": "moet een webadres zijn (https://...)",
    "none_required": "moet leeg blijven",
    "float_type": "moet een getal zijn",
    "float_parsing": "moet een getal zijn",
    "bool_type": "moet true of false zijn",
    "bool_parsing": "moet true of false zijn",
    "list_type": "moet een lijst zijn (regels die met '- ' beginnen)",
    "dict_type": "moet een lijst van sleutels en waarden zijn",
    "model_type": "moet een lijst van sleutels en waarden zijn",
    "too_short": "te weinig onderdelen",
    "greater_than_equal": "is te klein",
    "less_than_equal": "is te groot",
    "greater_than": "is te klein",
    "datetime_type": "moet een datum en tijd zijn (2026-03-01T10:00:00)",
    "datetime_parsing": "moet een datum en tijd zijn (2026-03-01T10:00:00)",
}


def validation_problems(name: str, model: type[BaseModel], exc: ValidationError, positions: Positions) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        loc: Loc = tuple(err["loc"])
        kind = err["type"]
        ctx = err.get("ctx") or {}
        hint = ""
        if kind == "extra_forbidden":
            owner = _model_at(model, loc[:-1])
            allowed = list(owner.model_fields) if owner else []
            matches = did_you_mean(str(loc[-1]), allowed)
            message = f"onbekend veld '{loc[-1]}'"
            if matches:
                hint = f"bedoelde u '{matches[0]}'?"
            elif allowed:
                hint = "toegestaan: " + ", ".join(allowed)
            problems.append(problem_at(name, positions, loc, message, hint, key=True))
            continue
        if kind in ("literal_error", "enum"):
            expected = ctx.get("expected", "")
            message = f"ongeldige waarde {err.get('input')!r}"
            options = [o.strip(" '") for o in str(expected).replace(" or ", ",").split(",") if o.strip(" '")]
            options = _schema_enum(model, loc) or options
            close = did_you_mean(str(err.get("input")), options) if isinstance(err.get("input"), str) else []
            choices = ", ".join(f"'{o}'" for o in options) if options else str(expected)
            hint = (f"bedoelde u '{close[0]}'? " if close else "") + f"kies uit: {choices}"
        elif kind == "value_error":
            message = str(ctx.get("error", err["msg"]))
        else:
            message = _MESSAGES.get(kind, err["msg"])
            if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
                bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
                message += f" (grens: {bound}, gekregen: {err.get('input')!r})"
                low = kind.startswith("greater")
                hint = (
                    f"gebruik een waarde {'vanaf' if low else 'tot en met'} {bound}" if kind.endswith("equal") else ""
                )
            elif kind in ("too_short", "too_long"):
                bound = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
                message += f" ({'minstens' if kind == 'too_short' else 'hoogstens'} {bound})"
            elif kind == "missing":
                hint = f"voeg '{loc[-1]}:' toe" if loc and isinstance(loc[-1], str) else ""
        problems.append(problem_at(name, positions, loc, message, hint))
    return problems


def detect_kind(data: Any, path: Path) -> Kind | None:
    """Which format a parsed file is, from its folder name and then its keys."""
    parents = {p.name for p in path.parents[:2]} if path.parents else set()
    if "scenarios" in parents:
        return "scenario"
    if "rubrics" in parents:
        return "rubric"
    if "transcripts" in parents:
        return "transcript"
    if "lexicon" in parents:
        return "lexicon"
    if isinstance(data, dict):
        if "turns" in data:
            return "transcript"
        if "dimensions" in data:
            return "rubric"
        if "caller" in data or "concerns" in data or "briefing" in data:
            return "scenario"
        if data.keys() & {"acts", "jargon", "fillers", "vars", "definition", "questions", "style", "claims", "topics"}:
            return "lexicon"
    return None


def model_for(kind: Kind) -> type[BaseModel]:
    return {"scenario": Scenario, "rubric": Rubric, "transcript": Transcript, "lexicon": Lexicon}[kind]


@lru_cache(maxsize=4)
def load_builtin(path: Path) -> Lexicon:
    """A lexicon file shipped in the package (it cannot change while running): read once per process."""
    return load(path, "lexicon")  # type: ignore[return-value]


def topic_catalogue(extra: Sequence[Path] = ()) -> dict[str, AskTopic]:
    """The question topics: the built-in ones, then the topics of lexicon extensions (a known id is replaced)."""
    out = {t.id: t for t in load_builtin(BUILTIN_TOPICS).topics}
    for path in extra:
        out.update({t.id: t for t in load(path, "lexicon").topics})  # type: ignore[attr-defined]
    return out


def catalogue(extra: Sequence[Path] = ()) -> dict[str, ClaimType]:
    """The claim catalogue: the built-in one, then the claims of lexicon extensions (a known id is replaced)."""
    out = {c.id: c for c in load_builtin(BUILTIN_CATALOGUE).claims}
    for path in extra:
        out.update({c.id: c for c in load(path, "lexicon").claims})  # type: ignore[attr-defined]
    return out


def load(
    path: Path,
    kind: Kind | None = None,
    display: str | None = None,
    *,
    id_from_name: bool = False,
    claims: Mapping[str, ClaimType] | None = None,
    topics: Collection[str] | None = None,
) -> BaseModel:
    """Load and fully check one file; raises FileProblemError listing every problem found.

    ``id_from_name``: the file is in a library folder, where its name is its id, so the id inside must match.
    ``claims``: the claim catalogue a scenario's key points and misinformation are checked against; ``topics``: the
    question topics its facts may point to."""
    name = display or str(path)
    data, positions = read_data(path, name)
    if kind is None:
        kind = detect_kind(data, path)
        if kind is None:
            raise FileProblemError(
                [
                    Problem(
                        name,
                        1,
                        1,
                        "",
                        "onbekend soort bestand",
                        "een scenario heeft 'caller', een rubric 'dimensions', een transcript 'turns', "
                        "een lexicon 'acts' of 'jargon'",
                    )
                ]
            )
    model = model_for(kind)
    if not isinstance(data, dict):
        raise FileProblemError(
            [
                Problem(
                    name, 1, 1, "", f"een {kind} moet beginnen met sleutels (zoals 'id:'), niet met een lijst of tekst"
                )
            ]
        )
    try:
        obj = model.model_validate(data)
    except ValidationError as exc:
        raise FileProblemError(validation_problems(name, model, exc, positions)) from None
    issues = list(getattr(obj, "issues", lambda: [])())
    ident = getattr(obj, "id", None)
    if id_from_name and ident is not None and ident != path.stem:
        issues.append(
            (
                ("id",),
                f"het id '{ident}' is niet de bestandsnaam '{path.name}'",
                f"noem het bestand {ident}{path.suffix} of zet id: {path.stem}",
            )
        )
    if claims is not None and isinstance(obj, Scenario):
        issues += list(scenario_claim_issues(obj, claims))
    if topics is not None and isinstance(obj, Scenario):
        issues += list(scenario_topic_issues(obj, topics))
    if issues:
        raise FileProblemError([problem_at(name, positions, loc, msg, hint) for loc, msg, hint in issues])
    return obj
