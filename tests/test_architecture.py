"""The shape of the package: every import (at module level, inside functions, for type checking) flows one way
through the layers of docs/maintaining.md, and no module imports itself back through others."""

from __future__ import annotations

import ast
from pathlib import Path

from coach.formats.acts import ACT_TABLE, RULE_ACTS
from tests.helpers import ROOT

PACKAGE = ROOT / "coach"

LAYERS: list[tuple[str, ...]] = [
    ("coach.cli", "coach.__main__"),
    (
        "coach.calls",
        "coach.doctor",
        "coach.batch",
        "coach.privacy",
        "coach.provenance",
        "coach.cohort",
        "coach.group",
        "coach.progress",
        "coach.authoring",
        "coach.replay",
    ),
    ("coach.session",),
    ("coach.caller", "coach.claude", "coach.feedback", "coach.store"),
    ("coach.analyzer",),
    ("coach.loader", "coach.library", "coach.validate"),
    ("coach.formats",),
    (
        "coach.errors",
        "coach.paths",
        "coach.patterns",
        "coach.values",
        "coach.nl",
        "coach.registry",
        "coach.files",
        "coach.learners",
        "coach",
    ),
]
"""Top to bottom: a module may import from its own layer and the layers below it, never from one above."""


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(path: Path) -> set[str]:
    """The coach modules a file imports, wherever the import stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in MODULES else node.module)
    return {name for name in found if name in MODULES}


GRAPH = {name: _imports(path) - {name} for name, path in MODULES.items()}


def _layer(module: str) -> int:
    """The layer of the longest prefix that names the module ('coach' itself only for the package's __init__)."""
    found = [
        (len(prefix), index)
        for index, prefixes in enumerate(LAYERS)
        for prefix in prefixes
        if module == prefix or (prefix != "coach" and module.startswith(prefix + "."))
    ]
    assert found, f"{module} is in no layer: add it to LAYERS and to docs/maintaining.md"
    return max(found)[1]


def test_imports_flow_down_the_layers() -> None:
    upward = [f"{a} -> {b}" for a, targets in sorted(GRAPH.items()) for b in sorted(targets) if _layer(b) < _layer(a)]
    assert not upward, "imports against the layers:\n" + "\n".join(upward)


def test_no_import_circles() -> None:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in GRAPH[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    assert not circles, f"import circles: {circles}"


def test_the_checks_would_see_a_circle() -> None:
    """The graph really holds the function-level imports the checks are about."""
    assert "coach.loader" in GRAPH["coach.analyzer"]  # inside load_lexicon's module, at module level
    assert "coach.cli.render" in GRAPH["coach.cli.library"]  # inside a command function
    assert "coach.analyzer" in GRAPH["coach.caller.base"]  # for type checking only


def test_every_act_has_a_label_a_reader_and_rules_where_the_lexicon_may_hold_them() -> None:
    from coach.analyzer import load_lexicon

    lexicon = load_lexicon()
    for act in ACT_TABLE:
        assert act.label and act.reader
        assert (act.name in lexicon.acts) == act.has_rules, act.name
    assert set(lexicon.acts) <= set(RULE_ACTS)


def _documented_tree() -> set[str]:
    """The paths in the tree of docs/maintaining.md, from its indentation (two spaces per level)."""
    text = (ROOT / "docs" / "maintaining.md").read_text(encoding="utf-8")
    block = text.split("## The tree", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    paths: set[str] = set()
    stack: list[str] = []
    for line in block.splitlines():
        if not line.strip():
            continue
        depth = (len(line) - len(line.lstrip(" "))) // 2
        name = line.split()[0].rstrip(",")
        stack = [*stack[:depth], name]
        paths.add("".join(part if part.endswith("/") else part + "/" for part in stack[:-1]) + name)
    return paths


def test_the_maintainers_tree_is_true() -> None:
    documented = {p for p in _documented_tree() if p.endswith(".py") and p.startswith("coach/")}
    actual = {str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py")}
    assert documented == actual, (sorted(actual - documented), sorted(documented - actual))
