"""The Typer application: the Dutch command classes, one place that turns expected errors into a line and an exit
code (``COACH_DEBUG=1`` shows tracebacks), and the root options.

Only typer and the standard library are imported at module level, so ``coach --help`` stays fast; each command
imports what it needs when it runs. (No ``from __future__ import annotations`` in command modules: Typer would have
to evaluate every annotation string on each start, which made ``coach --help`` measurably slower.)
"""

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from coach import __version__
from coach.cli.dutch import DutchHelp, show_cli_error
from coach.errors import CoachError

DEBUG_ENV = "COACH_DEBUG"


def _debug() -> bool:
    return os.environ.get(DEBUG_ENV, "") not in ("", "0", "false", "no")


def _is_cli_control(exc: BaseException) -> bool:
    """Exceptions typer/click use for flow control (exit codes, usage errors) pass through untouched."""
    return type(exc).__module__.split(".")[0] in ("typer", "click")


class CoachCommand(DutchHelp, TyperCommand):
    pass


class CoachGroup(DutchHelp, TyperGroup):
    """Maps expected errors to one clear line and an exit code; tracebacks only with COACH_DEBUG=1."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """Click's standalone mode, with its usage errors shown in Dutch."""
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)
        except typer.Abort:
            typer.echo("\nAfgebroken.", err=True)
            sys.exit(1)
        except typer.TyperException as exc:  # Click's ClickException and UsageError derive from it
            show_cli_error(exc)
            sys.exit(getattr(exc, "exit_code", 1))
        sys.exit(result if isinstance(result, int) and not isinstance(result, bool) else 0)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CoachError as exc:
            if _debug():
                raise
            typer.echo(f"Fout: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("\nAfgebroken.", err=True)
            raise typer.Exit(130) from None
        except Exception as exc:
            if _is_cli_control(exc) or _debug():
                raise
            if isinstance(exc, PermissionError):
                typer.echo(f"Fout: geen toegang tot '{exc.filename}'.", err=True)
                raise typer.Exit(1) from None
            if isinstance(exc, BrokenPipeError):  # output piped into head/less that closed early: stop quietly
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                raise typer.Exit(0) from None
            if isinstance(exc, OSError):
                import errno

                where = f" ({exc.filename})" if exc.filename else ""
                if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
                    typer.echo(f"Fout: de schijf is vol{where}. Maak ruimte vrij en probeer het opnieuw.", err=True)
                elif exc.errno == errno.EROFS:
                    typer.echo(f"Fout: hier mag niet geschreven worden (alleen-lezen){where}.", err=True)
                else:
                    typer.echo(f"Fout: {exc.strerror or exc}{where}.", err=True)
                raise typer.Exit(1) from None
            typer.echo(
                f"Onverwachte fout: {type(exc).__name__}: {exc}\nZet {DEBUG_ENV}=1 voor de volledige foutmelding.",
                err=True,
            )
            raise typer.Exit(70) from None


def typer_app(help: str, **kwargs: Any) -> typer.Typer:
    """A Typer (sub)app with the Dutch classes and without Rich or Typer's own exception pages."""
    return typer.Typer(
        cls=CoachGroup, help=help, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False, **kwargs
    )


app = typer_app(
    "Belcoach: oefen telefoongesprekken over gemeentelijke belastingen met een gesimuleerde beller.",
    name="coach",
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def command(*args: Any, **kwargs: Any) -> Any:
    """``app.command`` with the Dutch help option."""
    return app.command(*args, cls=CoachCommand, **kwargs)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"belcoach {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Toon de versie en stop.")
    ] = False,
) -> None:
    """Belcoach: oefen telefoongesprekken over gemeentelijke belastingen met een gesimuleerde beller."""


def print_json(data: Any) -> None:
    """Machine output on stdout, never through Rich (it would wrap lines)."""
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
