"""``coach doctor``: is this machine ready to practise? Offline checks, and one test call with --online."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from coach import __version__
from coach.analyzer import analyzer_for
from coach.claude.client import (
    CALLER_MODEL_ENV,
    JUDGE_MODEL_ENV,
    caller_model,
    describe_error,
    is_api_error,
    judge_model,
    make_client,
    thinking_options,
)
from coach.claude.models import deprecated_models, unknown_model
from coach.errors import CoachError
from coach.library import Library
from coach.nl import count
from coach.paths import coach_home, private_dir
from coach.store import Store


@dataclass
class Check:
    name: str
    status: str  # ok | waarschuwing | fout
    detail: str


def _mask(key: str) -> str:
    return key[:7] + "…" + key[-4:] if len(key) > 12 else "***"


def run_checks(library_dirs: list[Path], online: bool) -> list[Check]:

    checks = [Check("belcoach", "ok", f"versie {__version__}, Python {sys.version.split()[0]}")]
    home = coach_home()
    try:
        private_dir(home)
        with tempfile.NamedTemporaryFile(dir=home, prefix=".doctor-"):
            pass
        checks.append(Check("gegevensmap", "ok", f"{home} is schrijfbaar"))
    except OSError as exc:
        checks.append(
            Check("gegevensmap", "fout", f"{home}: {exc.strerror or exc}; zet COACH_HOME op een schrijfbare map")
        )
    else:
        checks.append(_store_check())
    try:
        lib = Library.open(library_dirs)
        scenarios, rubrics = lib.load_all("scenario"), lib.load_all("rubric")
        if lib.problems:
            detail = f"{count(len(lib.problems), 'probleem', 'problemen')}, bijv. {lib.problems[0].format()}"
            checks.append(Check("bibliotheek", "fout", detail))
        else:
            checks.append(Check("bibliotheek", "ok", f"{len(scenarios)} scenario's, {len(rubrics)} rubrics"))
        analyzer_for(lib)
        checks.append(Check("lexicon", "ok", "de analyzer laadt"))
    except CoachError as exc:
        checks.append(Check("bibliotheek", "fout", exc.message))
    try:
        checks.append(
            Check("anthropic", "ok", f"SDK {metadata.version('anthropic')} (alleen nodig voor --engine claude)")
        )
    except metadata.PackageNotFoundError:
        checks.append(
            Check("anthropic", "waarschuwing", "de SDK is niet geïnstalleerd; alleen de offline engine werkt")
        )
    key = os.environ.get("ANTHROPIC_API_KEY", "").strip()
    if key:
        checks.append(Check("API-sleutel", "ok", f"ANTHROPIC_API_KEY = {_mask(key)}"))
    else:
        checks.append(Check("API-sleutel", "waarschuwing", "ANTHROPIC_API_KEY niet gezet: alleen de offline engine"))
    base = os.environ.get("ANTHROPIC_BASE_URL")
    checks.append(Check("API-adres", "ok", base or "standaard (api.anthropic.com)"))
    deprecated = deprecated_models()
    roles = (
        ("beller", caller_model(), CALLER_MODEL_ENV, "--model"),
        ("beoordeling", judge_model(), JUDGE_MODEL_ENV, "--judge-model"),
    )
    for role, name, env, option in roles:
        unknown = unknown_model(name)
        if unknown:
            checks.append(Check(f"model {role}", "waarschuwing", f"{unknown} (zet {env} of {option})"))
        elif name in deprecated:
            checks.append(Check(f"model {role}", "waarschuwing", f"{name} verdwijnt op {deprecated[name]}; zet {env}"))
        else:
            checks.append(Check(f"model {role}", "ok", f"{name} ({env})"))
    if online:
        checks += _online_checks(bool(key), [(role, name) for role, name, _, _ in roles])
    return checks


def _store_check() -> Check:
    """The file itself (SQLite's quick_check) and every row in it: a damaged store is said here, not found later."""
    try:
        store = Store.default()
        try:
            problems = store.check()
        finally:
            store.close()
    except CoachError as exc:
        return Check("sessieopslag", "fout", f"{exc.message}. {exc.hint}" if exc.hint else exc.message)
    if not problems:
        return Check("sessieopslag", "ok", f"{store.path}: gezond")
    if problems[0].startswith("het bestand"):
        return Check("sessieopslag", "fout", f"{store.path}: {problems[0]}. {store.repair_hint()}")
    listed = "; ".join(problems[:5]) + ("; …" if len(problems) > 5 else "")
    return Check(
        "sessieopslag",
        "fout",
        f"{store.path}: {count(len(problems), 'onleesbare rij', 'onleesbare rijen')} ({listed}). De andere"
        " gesprekken zijn gewoon te gebruiken; maak een kopie van het bestand voordat u de rijen met sqlite3 herstelt"
        " of verwijdert.",
    )


ONLINE_TIMEOUT = 30.0


def _online_checks(has_key: bool, models: list[tuple[str, str]]) -> list[Check]:
    """One small request to each model (the caller's and the judge's), side by side."""
    if not has_key:
        return [Check("testaanroep", "fout", "geen API-sleutel; zet ANTHROPIC_API_KEY")]
    client = make_client(ONLINE_TIMEOUT, retries=1)
    with ThreadPoolExecutor(max_workers=len(models)) as pool:
        return list(pool.map(lambda pair: _online_check(client, *pair), models))


def _online_check(client: object, role: str, model: str) -> Check:
    start = time.perf_counter()
    try:
        client.messages.create(  # type: ignore[attr-defined]
            model=model,
            max_tokens=16,
            messages=[{"role": "user", "content": "Antwoord alleen: ok"}],
            **thinking_options(model),
        )
    except Exception as exc:
        if not is_api_error(exc):
            raise
        return Check(f"testaanroep {role}", "fout", f"{model}: {describe_error(exc)}")
    return Check(f"testaanroep {role}", "ok", f"{model} antwoordde in {time.perf_counter() - start:.1f} s")
