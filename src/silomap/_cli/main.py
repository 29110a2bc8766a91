"""The ``silomap`` command: a thin shell over the library.

Exit codes: 0 ok; 1 a gate you set failed (``--fail-above``); 2 invalid
model or usage; 3 an outside tool or the disk failed; 4 a bug in silomap.
Exceptions become exit codes in one place, :func:`main`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .._config import Limits
from .._errors import ModelError, SilomapError, UsageError
from .._text import plural, safe_text
from .._version import __version__
from . import (
    assess,
    cost,
    diff,
    draft,
    export,
    fixes,
    history,
    importing,
    observe,
    render,
    report,
    schema,
    score,
    validate,
    watch,
    whatif,
)
from .command import EPILOG, Command
from .output import show_model_error

__all__ = ["COMMANDS", "flag", "main"]

# The commands, in the order ``silomap --help`` lists them.
COMMANDS: tuple[Command, ...] = (
    validate.COMMAND,
    score.COMMAND,
    render.COMMAND,
    report.COMMAND,
    assess.COMMAND,
    observe.COMMAND,
    watch.COMMAND,
    cost.COMMAND,
    whatif.COMMAND,
    fixes.COMMAND,
    diff.COMMAND,
    history.COMMAND,
    importing.COMMAND,
    draft.COMMAND,
    export.COMMAND,
    schema.COMMAND,
)

# How the command line spells a library parameter, where it is not ``--name``.
_FLAGS = {"journey": "--journey ID", "question": "--question ID", "path": "-o", "fmt": "--format"}


def flag(param: str) -> str:
    """The command-line spelling of a library parameter, for error messages.

    >>> flag("group_by"), flag("journey"), flag("path")
    ('--group-by', '--journey ID', '-o')
    """
    return _FLAGS.get(param, "--" + param.replace("_", "-"))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message} (see --help)")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="silomap",
        description="Map a system landscape against customer journeys and measure the silos.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"silomap {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS:
        child = sub.add_parser(
            command.name, help=command.help, description=command.description, epilog=EPILOG
        )
        command.add_arguments(child)
        child.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (tests call this directly).

    >>> main(["validate", "models/telecom"])
    models/telecom: valid (19 systems, 21 integrations, 8 teams, 8 questions, 6 journeys)
    0
    """
    debug = "--debug" in (sys.argv[1:] if argv is None else argv)
    limits = Limits()
    try:
        args = _parser().parse_args(argv)
        if not getattr(args, "run", None):
            _parser().print_help()
            return 2
        return int(args.run(args, limits))
    except ModelError as err:
        show_model_error(err, limits, sys.stderr)
        print(f"{plural(len(err.errors), 'error')}; nothing was computed", file=sys.stderr)
        return err.exit_code
    except SilomapError as err:
        print(safe_text(err.format_message(flag)), file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head); not an error
        return 0
    except Exception as exc:
        if debug:
            raise
        print(
            f"silomap: internal error ({type(exc).__name__}); this is a bug in silomap. "
            "Rerun with --debug and report it with the traceback.",
            file=sys.stderr,
        )
        return 4
