"""The command line in Dutch: Click (inside Typer) writes its help headings and usage errors in English; these rules
put them in Dutch. Patterns are matched against whole messages; anything not listed is shown as Click wrote it.

Typer vendors Click; only public ``typer`` names and duck typing are used here, so a Typer upgrade degrades to
English messages at worst.
"""

from __future__ import annotations

import re
from typing import Any

import typer

_HELP_WORDS = [
    (r"(?m)^(\s*)Usage: ", r"\1Gebruik: "),
    (r"(?m)^Options:$", "Opties:"),
    (r"(?m)^Arguments:$", "Argumenten:"),
    (r"(?m)^Commands:$", "Opdrachten:"),
    (r"\[OPTIONS\]", "[OPTIES]"),
    (r"COMMAND \[ARGS\]\.\.\.", "OPDRACHT [ARGUMENTEN]..."),
    (r"\[required\]", "[verplicht]"),
    (r"\[default: ", "[standaard: "),
    (r"\[env var: ", "[omgevingsvariabele: "),
]
_ERROR_WORDS = [
    (r"Missing argument '(.+)'\.", r"ontbrekend argument '\1'"),
    (r"Missing option '(.+)'\.", r"ontbrekende optie '\1'"),
    (r"Missing command\.", "geef een opdracht"),
    (r"No such option: (\S+) \(Possible options: (.+)\)", r"onbekende optie \1 (bedoelde u: \2?)"),
    (r"No such option: (\S+) Did you mean (.+)\?", r"onbekende optie \1 (bedoelde u: \2?)"),
    (r"No such option: (\S+)", r"onbekende optie \1"),
    (r"No such command '(.+)'\. Did you mean '(.+)'\?", r"onbekende opdracht '\1' (bedoelde u: '\2'?)"),
    (r"No such command '(.+)'\.", r"onbekende opdracht '\1'"),
    (r"Got unexpected extra arguments? ?(?:\(s\))? \((.+)\)", r"onverwacht extra argument (\1)"),
    (r"Option '(.+)' requires an argument\.", r"optie '\1' heeft een waarde nodig"),
    (r"Option '(.+)' does not take a value\.", r"optie '\1' neemt geen waarde"),
    (
        r"Invalid value for (.+?): Input should be a valid integer.*",
        r"ongeldige waarde voor \1: moet een geheel getal zijn",
    ),
    (r"Invalid value for (.+?): Input should be a valid number.*", r"ongeldige waarde voor \1: moet een getal zijn"),
    (r"Invalid value for (.+?): (.+) is not one of (.+?)\.?", r"ongeldige waarde voor \1: \2 (kies uit \3)"),
    (r"Invalid value for (.+?): (.+)", r"ongeldige waarde voor \1: \2"),
]


def dutch_help(text: str) -> str:
    """Click's help text with Dutch headings."""
    for pattern, replacement in _HELP_WORDS:
        text = re.sub(pattern, replacement, text)
    return text


def dutch_error(message: str) -> str:
    """A Click usage message in Dutch (unknown messages unchanged)."""
    for pattern, replacement in _ERROR_WORDS:
        match = re.fullmatch(pattern, message.strip(), flags=re.S)
        if match:
            return match.expand(replacement)
    return message


class DutchHelp:
    """The interface speaks Dutch, down to the help option and the help headings."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "Toon deze hulp en stop."
        return option

    def get_help(self, ctx: Any) -> str:
        return dutch_help(super().get_help(ctx))  # type: ignore[misc]

    def get_usage(self, ctx: Any) -> str:
        return dutch_help(super().get_usage(ctx))  # type: ignore[misc]


def show_cli_error(exc: Any) -> None:
    """A Click usage error as Typer would show it, in Dutch: usage line, where to find help, the error."""
    if type(exc).__name__ == "NoArgsIsHelpError":
        exc.show()
        return
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        typer.echo(ctx.get_usage(), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            typer.echo(f"Probeer '{ctx.command_path} {ctx.help_option_names[0]}' voor hulp.", err=True)
        typer.echo("", err=True)
    format_message = getattr(exc, "format_message", None)
    message = format_message() if callable(format_message) else str(exc)
    typer.echo(f"Fout: {dutch_error(message)}", err=True)
