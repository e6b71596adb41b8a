"""Start-up stays light: `coach --help` never loads anthropic, pydantic, yaml or rich."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.slow  # each test starts a Python process

HEAVY = ("anthropic", "pydantic", "yaml", "rich", "httpx", "httpx2", "platformdirs")


def _loaded_after(code: str) -> set[str]:
    probe = code + '\nimport sys\nprint(",".join(sorted({m.split(".")[0] for m in sys.modules})))\n'
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(out.stdout.strip().split(","))


def test_import_cli_is_light() -> None:
    loaded = _loaded_after("import coach.cli")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_help_is_light() -> None:
    code = textwrap.dedent(
        """
        from coach.cli import app
        try:
            app(["--help"])
        except SystemExit:
            pass
        """
    )
    loaded = _loaded_after(code)
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_list_never_loads_anthropic() -> None:
    code = textwrap.dedent(
        """
        import io, contextlib
        from coach.cli import app
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                app(["list", "--json"])
            except SystemExit:
                pass
        """
    )
    loaded = _loaded_after(code)
    assert "pydantic" in loaded  # the command really ran
    assert "anthropic" not in loaded


def test_ruff_bans_module_level_anthropic_import(tmp_path: Path) -> None:
    """The ban is configured, so a module-level `import anthropic` fails `ruff check` in CI."""
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad.py").write_text("import anthropic\n\nprint(anthropic)\n", encoding="utf-8")
    (tmp_path / "good.py").write_text("def f():\n    import anthropic\n\n    return anthropic\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--select", "TID253", "."],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert "bad.py" in result.stdout and "TID253" in result.stdout
    assert "good.py" not in result.stdout
