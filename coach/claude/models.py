"""The model ids the installed anthropic SDK knows, read from its source without importing it: importing the SDK takes
seconds on a loaded machine, and ``coach doctor`` and the checks before a call must stay quick."""

from __future__ import annotations

import ast
import difflib
import importlib.util
from collections.abc import Iterable
from functools import cache
from pathlib import Path


def _sdk_source(*parts: str) -> str | None:
    """The text of a file in the installed SDK, or None (no SDK, or a layout this version does not have)."""
    spec = importlib.util.find_spec("anthropic")  # finds the package without running it
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


@cache
def known_models() -> tuple[str, ...]:
    """The ids in the SDK's ``Model`` type (anthropic/types/model.py); empty when they cannot be read."""
    source = _sdk_source("types", "model.py")
    if source is None:
        return ()
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return ()
    ids = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and getattr(node.value, "id", None) == "Literal":
            items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            ids += [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]
    return tuple(ids)


@cache
def deprecated_models() -> dict[str, str]:
    """Model id → the date it goes away, from the SDK's own list (anthropic/_data/deprecated_models.py)."""
    source = _sdk_source("_data", "deprecated_models.py")
    if source is None:
        return {}
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {}
    for node in ast.walk(tree):
        target = (
            node.target
            if isinstance(node, ast.AnnAssign)
            else (node.targets[0] if isinstance(node, ast.Assign) else None)
        )
        if getattr(target, "id", None) == "DEPRECATED_MODELS" and node.value is not None:
            try:
                value = ast.literal_eval(node.value)
            except ValueError:
                return {}
            return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}
    return {}


def model_of(model: str, ids: Iterable[str]) -> str | None:
    """The id among ``ids`` that ``model`` is, or is a dated snapshot of ('claude-haiku-4-5-20251001' is
    'claude-haiku-4-5'); the longest such id, or None."""
    ids = list(ids)
    if model in ids:
        return model
    dated = [i for i in ids if model.startswith(i + "-") and model[len(i) + 1 :].isdigit()]
    return max(dated, key=len) if dated else None


def unknown_model(model: str) -> str | None:
    """A Dutch warning when the SDK does not know this model id (a typo, most likely), with the nearest known id; None
    when it is known or the SDK's list cannot be read."""
    known = known_models()
    if not known or model_of(model, known):
        return None
    near = difflib.get_close_matches(model, known, n=1, cutoff=0.75)
    hint = f"; bedoelt u {near[0]}?" if near else f"; bekend zijn onder meer {', '.join(known[:4])}"
    return f"model '{model}' is onbekend bij de geïnstalleerde anthropic-SDK{hint}"
