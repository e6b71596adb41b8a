"""The ``coach`` command line: thin commands that parse, call the core and render.

``app`` (coach.cli.app) is the Typer application; each command family lives in its own module and registers its
commands when imported here, in the order ``coach --help`` lists them.
"""

# isort: off
from coach.cli import library, author, feedback, group, calls, replay, progress, cohort, doctor, privacy  # noqa: F401
from coach.cli.app import app

# isort: on

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    app()
