"""Reading YAML/JSON files into the format models, with every problem located as file:line:column.

Errors never escape as tracebacks: each becomes a ``Problem`` that names the file, the line, the field path, what
is wrong and how to fix it.
"""

from __future__ import annotations

import json
import re
import types
import typing
from collections.abc import Collection, Mapping, Sequence
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ValidationError

from coach.errors import FileProblemError, Problem, did_you_mean
from coach.files import CONTROL, STRAY_HINT, char_name, decode, problem, read_bytes
from coach.formats import Rubric, Scenario, Transcript
from coach.formats.claims import BUILTIN_CATALOGUE, ClaimType, scenario_claim_issues
from coach.formats.cohort import Cohort
from coach.formats.common import Loc
from coach.formats.lexicon import Lexicon
from coach.formats.topics import BUILTIN_TOPICS, AskTopic, scenario_topic_issues
from coach.nl import number

YAML_SUFFIXES = (".yaml", ".yml")
DATA_SUFFIXES = (*YAML_SUFFIXES, ".json")

Kind = Literal["scenario", "rubric", "transcript", "lexicon", "cohort"]


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
                    (child, f"sleutel '{key}' staat twee keer op hetzelfde niveau", "verwijder een van beide")
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


def read_data(path: Path, display: str | None = None) -> tuple[Any, Positions]:
    """Parse a YAML or JSON file; raises FileProblemError with located problems.

    Bounded in time and memory whatever the file holds: a size cap and text checks first (``coach.files``), then
    the parsed node tree is measured (depth, and size with every alias expanded) before anything walks it."""
    name = display or str(path)
    fail = partial(problem, name)

    text = decode(read_bytes(path, name), name)
    if not text.strip():
        raise fail("het bestand is leeg")
    positions = Positions()
    located: list[tuple[Loc, str, str]] = []
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise fail(f"ongeldige JSON: {exc.msg}", exc.lineno, exc.colno) from None
        except RecursionError:
            raise fail(_TOO_DEEP, hint=_TOO_DEEP_HINT) from None
        node = _compose(text, yaml.SafeLoader, fail, courtesy=True)
        if node is not None:
            _walk(node, (), positions, [])
    else:
        node = _compose(text, _LOADER, fail)
        if node is None:
            raise fail("het bestand bevat alleen commentaar")
        loader = _LOADER("")
        try:
            data = loader.construct_document(node)
        except yaml.YAMLError as exc:
            raise fail(f"ongeldige YAML: {exc}") from None
        except (ValueError, OverflowError) as exc:  # a scalar YAML reads as a date or number but cannot build
            bad = _unbuildable_scalar(node, ())
            if bad is None:
                raise fail(f"ongeldige waarde: {exc}") from None
            loc, scalar = bad
            line, col = _mark(scalar)
            raise FileProblemError([Problem(name, line, col, _field(loc), *_unbuildable_message(scalar))]) from None
        finally:
            loader.dispose()
        _walk(node, (), positions, located)
    problems = [problem_at(name, positions, loc, msg, hint, key=True) for loc, msg, hint in located]
    problems += [problem_at(name, positions, loc, msg, hint) for loc, msg, hint in _control_characters(data, ())]
    if problems:
        raise FileProblemError(problems)
    return data, positions


def read_scalars(path: Path, expected: str, display: str | None = None) -> list[str]:
    """A YAML list of texts, each as written: '2026-02-30', '007' or 'yes' stay the text the user typed (a reply is
    never a date, number or yes/no). Bounded like ``read_data``."""
    name = display or str(path)
    fail = partial(problem, name)

    node = _compose(decode(read_bytes(path, name), name), _LOADER, fail)
    if not isinstance(node, yaml.SequenceNode):
        line, col = _mark(node) if node is not None else (1, 1)
        raise fail(expected, line, col)
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode):
            raise fail(expected, *_mark(item), hint="elk antwoord is één regel tekst")
    return [item.value for item in node.value]


MAX_DEPTH = 40
"""Deeper than any format needs (a scenario goes six levels deep)."""
MAX_NODES = 200_000
"""Values in a file with every alias expanded: about ten times the largest real file."""
_TOO_DEEP = f"te diep genest (meer dan {MAX_DEPTH} niveaus)"
_TOO_DEEP_HINT = "controleer de haakjes en het inspringen"


def _compose(text: str, loader_class: Any, fail: Any, *, courtesy: bool = False) -> yaml.Node | None:
    """The node tree of a YAML (or JSON) text, refused when too deep or too big with aliases expanded.

    ``courtesy``: the tree only gives line numbers (JSON, already parsed), so a parser complaint is not an error."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        if courtesy:
            return None
        if "nesting depth" in f"{exc.context} {exc.problem}":
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
            raise fail(_TOO_DEEP, line, col, _TOO_DEEP_HINT) from None
        message, line, col, hint = yaml_error(exc, text)
        raise fail(f"ongeldige YAML: {message}", line, col, hint) from None
    except yaml.YAMLError as exc:
        if courtesy:
            return None
        raise fail(f"ongeldige YAML: {exc}") from None
    except RecursionError:
        raise fail(_TOO_DEEP, hint=_TOO_DEEP_HINT) from None
    finally:
        loader.dispose()
    if node is not None:
        _check_shape(node, fail)
        if not courtesy:
            _check_folded_items(node, text, fail)
    return node


def _check_folded_items(root: yaml.Node, text: str, fail: Any) -> None:
    """A list item indented deeper than its list is no error to YAML: '- hallo' and '    - daar' below it become the
    one text 'hallo - daar'. Nobody means that, so it is refused at the line of the lost item."""
    lines: list[str] | None = None
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend(v for pair in node.value for v in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif not node.style and node.end_mark.line > node.start_mark.line:  # plain: None, or "" from libyaml
            lines = lines if lines is not None else text.splitlines()
            first = node.start_mark.line
            for i in range(first + 1, min(node.end_mark.line, len(lines) - 1) + 1):
                if lines[i].lstrip().startswith("- "):
                    own = lines[first].lstrip().startswith("- ")
                    raise fail(
                        "dit lijstonderdeel staat dieper dan de lijst erboven en wordt nu aan de tekst van regel "
                        f"{first + 1} vastgeplakt",
                        i + 1,
                        _indent(lines[i]) + 1,
                        f"zet het streepje recht onder het streepje op regel {first + 1}"
                        if own
                        else "begin een lijst op een nieuwe regel na de sleutel, zonder tekst achter de dubbele punt",
                    )


def _check_shape(root: yaml.Node, fail: Any) -> None:
    """Refuse a tree deeper than MAX_DEPTH or with more than MAX_NODES values once aliases are expanded (a
    342-byte 'billion laughs' file expands to millions); an alias that contains itself is endlessly deep."""
    stack = [(root, 1)]
    count = 0
    while stack:
        node, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH:
            line, col = _mark(node)
            raise fail(_TOO_DEEP, line, col, _TOO_DEEP_HINT + "; een anker (&) mag niet naar zichzelf verwijzen")
        if count > MAX_NODES:
            raise fail(
                f"het bestand wordt te groot als de verwijzingen (*) worden uitgepakt: meer dan {number(MAX_NODES)} "
                "waarden",
                hint="gebruik minder ankers (&) en verwijzingen (*)",
            )
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)


def _control_characters(data: Any, loc: Loc) -> list[tuple[Loc, str, str]]:
    """Control characters written as escapes ("\\e", "\\u001b"): they would reach the terminal of whoever reads
    the text (a window title, a cleared screen)."""
    found: list[tuple[Loc, str, str]] = []
    stack: list[tuple[Any, Loc]] = [(data, loc)]
    while stack:
        value, at = stack.pop()
        if isinstance(value, str):
            bad = CONTROL.search(value)
            if bad:
                found.append((at, f"tekst bevat een onzichtbaar stuurteken {char_name(bad.group())}", STRAY_HINT))
        elif isinstance(value, dict):
            stack.extend(reversed([(v, (*at, str(k))) for k, v in value.items()]))
        elif isinstance(value, list):
            stack.extend(reversed([(v, (*at, i)) for i, v in enumerate(value)]))
    return found


def _unbuildable_message(scalar: yaml.ScalarNode) -> tuple[str, str]:
    if scalar.tag.endswith(":timestamp"):
        return (
            f"'{scalar.value}' is geen geldige datum",
            "controleer dag en maand, of zet de tekst tussen aanhalingstekens",
        )
    shown = scalar.value if len(scalar.value) <= 30 else scalar.value[:27] + "..."
    return (
        f"'{shown}' is geen bruikbaar getal (te groot)",
        "gebruik een kleiner getal, of zet het tussen aanhalingstekens",
    )


def yaml_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, int | None, int | None, str]:
    """A parser error as (Dutch message, line, column, hint), at the line where the mistake is made.

    PyYAML names the place where it gave up, which is often later than the mistake: an unclosed quote is found at
    the end of the file, a line indented too far looks like a colon in the wrong place. The text around the mark
    tells which mistake it was, so the hint says what to change."""
    problem = str(exc.problem or "")
    context = str(exc.context or "")
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
    lines = text.splitlines()
    current = lines[line - 1] if line and line <= len(lines) else ""
    if "\\t" in problem or ("cannot start any token" in problem and "\t" in current[: col or 0]):
        return "een tab kan hier niet", line, col, "gebruik spaties in plaats van tabs om in te springen"
    if "escape" in problem or "hexdecimal" in problem:
        return (
            "onbekende code na een backslash (\\) in tekst tussen dubbele aanhalingstekens",
            line,
            col,
            "schrijf \\\\ voor een backslash, of zet de tekst tussen enkele aanhalingstekens (')",
        )
    if "quoted scalar" in context and "end of stream" in problem and exc.context_mark is not None:
        start = exc.context_mark
        quote = lines[start.line][start.column] if start.line < len(lines) else '"'
        return (
            f"het aanhalingsteken ({quote}) dat hier opent wordt niet gesloten",
            start.line + 1,
            start.column + 1,
            f"sluit de tekst af met {quote} op dezelfde regel"
            + (", en schrijf een ' in de tekst als ''" if quote == "'" else ""),
        )
    if ("flow sequence" in context or "flow mapping" in context) and exc.context_mark is not None:
        # a quote left open inside [ ] ('answer: ["Dat is het.]'): PyYAML stumbles at the next quote, lines later
        start = exc.context_mark
        unclosed = _unclosed_in_flow(lines, start.line, start.column, line or start.line + 1)
        if unclosed is not None:
            at, column, quote = unclosed
            return (
                f"het aanhalingsteken ({quote}) dat hier opent wordt niet op dezelfde regel gesloten",
                at,
                column,
                f"sluit de tekst af met {quote} vóór de ] of de komma"
                + (", en schrijf een ' in de tekst als ''" if quote == "'" else ""),
            )
    opened = _open_quote(lines, line)
    if opened is not None and ("expected key" in problem or "indicator" in problem or "<block end>" in problem):
        at, column, quote = opened
        return (
            f"het aanhalingsteken ({quote}) dat hier opent wordt niet op dezelfde regel gesloten",
            at,
            column,
            f"sluit de tekst af met {quote} op deze regel",
        )
    if "mapping values are not allowed" in problem and line is not None and col is not None:
        before = current[: col - 1]
        key = _KEY_LINE.match(before)
        if key is not None:  # 'title: Let op: dit ...': a second colon in the text after the key
            value, _, comment = current[key.end() :].partition(" #")  # a comment stays outside the quotes
            value = value.strip()
            quoted = f'"{value}"' if '"' not in value else "'" + value.replace("'", "''") + "'"
            after = f"   #{comment.rstrip()}" if comment else ""
            return (
                "een dubbele punt met een spatie erna kan niet in tekst zonder aanhalingstekens",
                line,
                col,
                f"zet de tekst tussen aanhalingstekens: {key.group().strip()} {quoted}{after}",
            )
        above = _line_above(lines, line)
        if above is not None:
            return (
                f"deze regel springt verder in dan regel {above[0]}",
                line,
                _indent(current) + 1,
                f"laat de regel even ver inspringen als regel {above[0]} ({_spaces(_indent(above[1]))}), of zet de "
                "tekst tussen aanhalingstekens als de dubbele punt bij de tekst hoort",
            )
    if "simple key" in context and exc.context_mark is not None:
        start = exc.context_mark.line + 1
        return (
            "deze regel mist de ':' na de sleutel",
            start,
            exc.context_mark.column + 1,
            "schrijf 'sleutel: waarde', of zet een tekst van meer regels tussen aanhalingstekens",
        )
    if ("expected key" in problem or "<block end>" in problem or "indicator" in problem) and line is not None:
        closed = _QUOTED_THEN_TEXT.match(current[: (col or 1) - 1])
        if closed is not None:  # '- "Goedemiddag" zei hij', or 'zo'n' inside single quotes
            quote = closed.group(2)
            return (
                f"na de tekst tussen aanhalingstekens ({quote}) staat nog meer tekst",
                line,
                closed.start(2) + 1,
                "zet de hele tekst tussen aanhalingstekens"
                + (
                    ": schrijf een ' in de tekst als '' of gebruik \" om de tekst"
                    if quote == "'"
                    else " van een ander soort (')"
                ),
            )
        if current.lstrip().startswith("- "):
            items = [i for i in range(line - 1, 0, -1) if lines[i - 1].lstrip().startswith("- ")]
            where = f"recht onder het streepje op regel {items[0]}" if items else "even ver als de lijst erboven"
            return (
                "dit lijstonderdeel staat op een andere diepte dan de lijst erboven",
                line,
                _indent(current) + 1,
                f"zet het streepje {where}",
            )
        if "indicator" in problem and exc.context_mark is not None:
            start = exc.context_mark.line + 1
            return (
                f"in de lijst die op regel {start} begint, hoort elke regel op deze diepte met '- ' te beginnen",
                line,
                col,
                "begin de regel met '- ', of zet een tekst met aanhalingstekens er helemaal tussen",
            )
        return (
            "het inspringen klopt niet: deze regel staat niet recht onder een sleutel erboven",
            line,
            col,
            "gebruik hetzelfde aantal spaties als de andere sleutels op dit niveau",
        )
    return _dutch_yaml(" ".join(filter(None, [context, problem]))), line, col, ""


def _dutch_yaml(message: str) -> str:
    """The parser's words for the rarer mistakes, in Dutch where a trainer meets them."""
    for english, dutch in _YAML_DUTCH:
        message = message.replace(english, dutch)
    return message


_YAML_DUTCH = (
    ("while parsing a flow sequence", "een lijst tussen [ ] is niet goed afgesloten:"),
    ("while parsing a flow mapping", "een lijst tussen { } is niet goed afgesloten:"),
    ("did not find expected ',' or ']'", "verwacht ',' of ']'"),
    ("did not find expected ',' or '}'", "verwacht ',' of '}'"),
    ("found undefined alias", "onbekende verwijzing (*)"),
    ("found duplicate anchor", "hetzelfde anker (&) staat er twee keer"),
    ("found unknown escape character", "onbekende code na een backslash (\\)"),
    ("found unexpected end of stream", "het bestand houdt onverwacht op"),
    ("comment or line break", "commentaar of een nieuwe regel"),
    ("unknown directive name", "een onbekende regel met %"),
    ("alphabetic or numeric character", "een letter of cijfer"),
    ("a quoted scalar", "tekst tussen aanhalingstekens"),
    ("a block scalar", "tekst na | of >"),
    ("a plain scalar", "tekst"),
    ("a simple key", "een sleutel"),
    ("an anchor", "een anker (&)"),
    ("an alias", "een verwijzing (*)"),
    ("a tag", "een type (!)"),
    ("a directive", "een regel met %"),
    ("a block mapping", "een lijst van sleutels"),
    ("a block collection", "een lijst"),
    ("while scanning", "bij het lezen van"),
    ("while parsing", "bij het lezen van"),
    ("did not find expected", "verwacht"),
    ("could not find expected", "verwacht"),
    ("found character", "teken"),
    ("that cannot start any token", "kan hier niet"),
    ("expected", "verwacht"),
    ("but found", "maar gevonden:"),
    ("but got", "maar gevonden:"),
    ("found", "gevonden:"),
)


_KEY_LINE = re.compile(r"^\s*(?:- )?[^\s#:'\"-][^#:]*:\s")
"""The start of a line up to its key's colon ('  title: ', '- label: ')."""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _spaces(n: int) -> str:
    return "geen spaties" if n == 0 else "1 spatie" if n == 1 else f"{n} spaties"


def _line_above(lines: list[str], line: int) -> tuple[int, str] | None:
    """The nearest line above that holds something (not blank, not only a comment), with its number."""
    for i in range(line - 1, 0, -1):
        stripped = lines[i - 1].strip()
        if stripped and not stripped.startswith("#"):
            return i, lines[i - 1]
    return None


def _unclosed_in_flow(lines: list[str], first: int, column: int, last: int) -> tuple[int, int, str] | None:
    """The first line of a [ ] or { } list (from line index ``first``, column ``column``, up to line ``last``) that
    ends inside a quote: (line, column, quote) of the quote that opened it."""
    for i in range(first, min(last, len(lines))):
        text, j, quote, opened = lines[i], (column if i == first else 0), None, 0
        while j < len(text):
            c = text[j]
            if quote is None:
                if c in "\"'":
                    quote, opened = c, j
                elif c == "#" and (j == 0 or text[j - 1] == " "):
                    break  # a comment
            elif c == quote and quote == "'" and text[j + 1 : j + 2] == "'":
                j += 1  # '' is an apostrophe inside single quotes
            elif c == quote and not (quote == '"' and text[j - 1] == "\\"):
                quote = None
            j += 1
        if quote is not None:
            return i + 1, opened + 1, quote
    return None


def _open_quote(lines: list[str], line: int | None) -> tuple[int, int, str] | None:
    """A value on a line up to ``line`` that opens a quote and does not close it on that line (line, column, quote)."""
    for i in range(min(line or 0, len(lines)), 0, -1):
        found = _OPEN_QUOTE.match(lines[i - 1])
        if found:
            quote = found.group(2)
            rest = lines[i - 1][found.end() :]
            closed = rest.replace("''", "").count("'") if quote == "'" else rest.replace('\\"', "").count('"')
            if not closed:
                return i, found.start(2) + 1, quote
    return None


_QUOTED_THEN_TEXT = re.compile(r"^(\s*(?:- )?(?:[^\s#:'\"][^#:]*:\s+)?)(['\"]).*\2\s*$")
_OPEN_QUOTE = re.compile(r"^(\s*(?:- )?(?:[^\s#:'\"][^#:]*:\s+)?)(['\"])")


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
    if field is not None and field.examples:
        return [str(v) for v in field.examples]
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
    "tuple_type": "moet een lijst zijn (regels die met '- ' beginnen)",
    "set_type": "moet een lijst zijn (regels die met '- ' beginnen)",
    "string_pattern_mismatch": "heeft niet de juiste vorm",
    "url_type": "moet een webadres zijn (https://...)",
    "url_scheme": "moet een webadres zijn (https://...)",
    "date_from_datetime_inexact": "moet een datum zijn zonder tijd (2026-03-01)",
    "datetime_from_date_parsing": "moet een datum en tijd zijn (2026-03-01T10:00:00)",
    "timezone_aware": "moet een tijdzone hebben (2026-03-01T10:00:00+01:00)",
    "timezone_naive": "mag geen tijdzone hebben",
    "finite_number": "moet een gewoon getal zijn",
    "json_invalid": "is geen geldige JSON",
    "model_type": "moet een lijst van sleutels en waarden zijn",
    "too_short": "te weinig onderdelen",
    "greater_than_equal": "is te klein",
    "less_than_equal": "is te groot",
    "greater_than": "is te klein",
    "datetime_type": "moet een datum en tijd zijn (2026-03-01T10:00:00)",
    "datetime_parsing": "moet een datum en tijd zijn (2026-03-01T10:00:00)",
}


def _what_was_given(kind: str, given: Any, message: str, hint: str) -> tuple[str, str]:
    """Say what was written instead, when that explains the refusal: a number where text belongs, yes/no where a
    number belongs (nothing is converted silently, so the trainer sees why)."""
    if kind == "int_type" and isinstance(given, float):
        return "moet een geheel getal zijn, zonder cijfers achter de komma", hint
    if kind in ("int_type", "float_type") and isinstance(given, bool):
        return f"{message}, niet {'true' if given else 'false'}", "YAML leest yes/no/on/off als true/false"
    if kind in ("int_type", "float_type") and isinstance(given, str):
        return message, "schrijf het getal zonder aanhalingstekens"
    if kind == "string_type" and isinstance(given, dict) and len(given) == 1:
        key = next(iter(given))
        return (
            message,
            f"de dubbele punt met een spatie na '{key}' maakt er een sleutel van; zet de hele tekst tussen "
            "aanhalingstekens",
        )
    if kind == "string_type" and isinstance(given, bool | int | float):
        shown = ("true" if given else "false") if isinstance(given, bool) else given
        return message, f"zet {shown} tussen aanhalingstekens als het tekst is"
    if kind == "bool_type" and given is not None:
        return message, "schrijf true of false"
    if kind == "datetime_type" and isinstance(given, int | float):
        return message, "een getal is geen datum"
    return message, hint


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
            if loc and loc[-1] == "[key]":  # a key of a table such as reactions: or weights:
                loc = loc[:-1]
                message = f"onbekende sleutel {err.get('input')!r}"
            options = [o.strip(" '") for o in str(expected).replace(" or ", ",").split(",") if o.strip(" '")]
            options = _schema_enum(model, loc) or options
            close = did_you_mean(str(err.get("input")), options) if isinstance(err.get("input"), str) else []
            choices = ", ".join(f"'{o}'" for o in options) if options else str(expected)
            # with a suggestion, a long list (the 25 reaction keys) only buries it
            listed = f"kies uit: {choices}" if not close or len(options) <= 8 else ""
            hint = " ".join(x for x in (f"bedoelde u '{close[0]}'?" if close else "", listed) if x)
            problems.append(problem_at(name, positions, loc, message, hint, key=message.startswith("onbekende")))
            continue
        elif kind == "value_error":
            message = str(ctx.get("error", err["msg"]))
        else:
            message = _MESSAGES.get(kind) or f"ongeldige waarde {str(err.get('input'))[:40]!r} ({kind})"
            message, hint = _what_was_given(kind, err.get("input"), message, hint)
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
    if "cohorts" in parents:
        return "cohort"
    if isinstance(data, dict):
        if "learners" in data or "assignments" in data:
            return "cohort"
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
    return {"scenario": Scenario, "rubric": Rubric, "transcript": Transcript, "lexicon": Lexicon, "cohort": Cohort}[
        kind
    ]


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
                        "een lexicon 'acts' of 'jargon', een groep 'learners'",
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
        problems = validation_problems(name, model, exc, positions)
        raise FileProblemError(sorted(problems, key=lambda p: (p.line or 0, p.column or 0))) from None
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
